-- CRM contacts (own processing; a full snapshot per landing day).
select
    contact_id,
    first_name,
    last_name,
    lower(trim(email)) as email,
    km_phone_e164(phone) as phone,
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
    date as partition_date,
    _source_file as source_file,
    _line as source_line,
    _load_id as load_id
from {{ source('raw', 'crm') }}
where {{ partition_filter('date') }}
