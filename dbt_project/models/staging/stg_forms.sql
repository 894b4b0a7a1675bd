-- Website contact and download form submissions (own processing).
{%- set who = {'email': ['email'], 'phone': ['phone']} %}
select
    submission_id,
    form,
    {{ rectified('name', 'name', who) }} as name,
    {{ rectified('email', 'lower(trim(email))', who) }} as email,
    {{ rectified('phone', 'km_phone_e164(phone)', who) }} as phone,
    organisation,
    message,
    requested_item,
    submitted_at,
    ip_address,
    user_agent,
    page_url,
    {{ raw_lineage() }}
from {{ source('raw', 'forms') }}
where {{ partition_filter('date') }}
    and {{ not_flagged(['restriction'], who) }}
