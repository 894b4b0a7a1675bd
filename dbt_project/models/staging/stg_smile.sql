-- SMILE kiosk and widget answers; one row per answer.
select
    response_id,
    session_id,
    terminal_id,
    client as client_code,
    location,
    channel as vendor_channel,
    question_id,
    question,
    answer as score,
    free_text as comment,
    ts as answered_at,
    lang as language,
    date as partition_date,
    _source_file as source_file,
    _line as source_line,
    _load_id as load_id
from {{ source('raw', 'smile') }}
where {{ partition_filter('date') }}
