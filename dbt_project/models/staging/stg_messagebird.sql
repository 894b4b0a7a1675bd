-- MessageBird survey messages: `mt` invitations and `mo` replies, with the score read from the body.
{%- set who = ['originator', 'recipient'] %}
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
    {{ raw_lineage() }}
from {{ source('raw', 'messagebird') }}
where {{ partition_filter('date') }}
    and {{ not_flagged(['restriction'], {'email': who, 'phone': who}) }}
