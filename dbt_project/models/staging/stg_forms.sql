-- Website contact and download form submissions (own processing).
select
    submission_id,
    form,
    name,
    lower(trim(email)) as email,
    km_phone_e164(phone) as phone,
    organisation,
    message,
    requested_item,
    submitted_at,
    ip_address,
    user_agent,
    page_url,
    date as partition_date,
    _source_file as source_file,
    _line as source_line,
    _load_id as load_id
from {{ source('raw', 'forms') }}
where {{ partition_filter('date') }}
