-- Job applications (own processing).
{%- set who = {'email': ['email'], 'phone': ['phone']} %}
select
    application_id,
    vacancy,
    {{ rectified('first_name', 'first_name', who) }} as first_name,
    {{ rectified('last_name', 'last_name', who) }} as last_name,
    {{ rectified('email', 'lower(trim(email))', who) }} as email,
    {{ rectified('phone', 'km_phone_e164(phone)', who) }} as phone,
    cv_filename,
    interview_notes,
    status,
    received_at,
    procedure_closed_at,
    extended_retention_consent,
    {{ raw_lineage() }}
from {{ source('raw', 'applications') }}
where {{ partition_filter('date') }}
    and {{ not_flagged(['restriction'], who) }}
