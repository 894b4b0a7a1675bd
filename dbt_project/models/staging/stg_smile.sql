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
    {{ raw_lineage() }}
from {{ source('raw', 'smile') }}
where {{ partition_filter('date') }}
