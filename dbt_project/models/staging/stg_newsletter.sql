-- Newsletter events (own processing).
{%- set who = {'email': ['email']} %}
select
    event_id,
    {{ rectified('email', 'lower(trim(email))', who) }} as email,
    event,
    consent_version,
    occurred_at,
    ip_address,
    {{ raw_lineage() }}
from {{ source('raw', 'newsletter') }}
where {{ partition_filter('date') }}
    and {{ not_flagged(['restriction', 'objection'], who) }}
