-- MessageBird survey messages: `mt` invitations and `mo` replies, with the score read from the body.
select
    id as message_id,
    direction,
    type as message_type,
    originator,
    recipient,
    case direction when 'mo' then originator else recipient end as respondent,
    body,
    case when direction = 'mo' then {{ score_from_text('body') }} end as score,
    "createdDatetime" as created_at,
    reference,
    client as client_code,
    case_number,
    date as partition_date,
    _source_file as source_file,
    _line as source_line,
    _load_id as load_id
from {{ source('raw', 'messagebird') }}
where {{ partition_filter('date') }}
