-- CRM contacts (own processing; a full snapshot per landing day).
{%- set who = {'email': ['email'], 'phone': ['phone']} %}
select
    contact_id,
    {{ rectified('first_name', 'first_name', who) }} as first_name,
    {{ rectified('last_name', 'last_name', who) }} as last_name,
    {{ rectified('email', 'lower(trim(email))', who) }} as email,
    {{ rectified('phone', 'km_phone_e164(phone)', who) }} as phone,
    street,
    house_number,
    postcode,
    city,
    iban,
    organisation,
    is_client,
    last_contact_at,
    linkedin_url,
    created_at,
    {{ raw_lineage() }}
from {{ source('raw', 'crm') }}
where {{ partition_filter('date') }}
    and {{ not_flagged(['restriction', 'objection'], who) }}
