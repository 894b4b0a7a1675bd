-- Data-subject requests as delivered (own processing).
select
    request_id,
    type as request_type,
    lower(trim(email)) as email,
    km_phone_e164(phone) as phone,
    received_at,
    details,
    date as partition_date,
    _source_file as source_file,
    _line as source_line,
    _load_id as load_id
from {{ source('raw', 'subject_requests') }}
where {{ partition_filter('date') }}
