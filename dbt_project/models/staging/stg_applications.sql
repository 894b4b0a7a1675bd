-- Job applications (own processing).
select
    application_id,
    vacancy,
    first_name,
    last_name,
    lower(trim(email)) as email,
    km_phone_e164(phone) as phone,
    cv_filename,
    interview_notes,
    status,
    received_at,
    procedure_closed_at,
    extended_retention_consent,
    date as partition_date,
    _source_file as source_file,
    _line as source_line,
    _load_id as load_id
from {{ source('raw', 'applications') }}
where {{ partition_filter('date') }}
