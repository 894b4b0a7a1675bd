-- Data-subject requests as delivered (own processing).
select
    request_id,
    type as request_type,
    lower(trim(email)) as email,
    km_phone_e164(phone) as phone,
    received_at,
    details,
    {{ raw_lineage() }}
from {{ source('raw', 'subject_requests') }}
where {{ partition_filter('date') }}
