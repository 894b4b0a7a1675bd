-- Newsletter events (own processing).
select
    event_id,
    lower(trim(email)) as email,
    event,
    consent_version,
    occurred_at,
    ip_address,
    date as partition_date,
    _source_file as source_file,
    _line as source_line,
    _load_id as load_id
from {{ source('raw', 'newsletter') }}
where {{ partition_filter('date') }}
