-- GovMetric CX answers, typed and renamed; one row per feedback (clear PII: staging only).
select
    "FeedbackID" as feedback_id,
    "ClientCode" as client_code,
    "Channel" as vendor_channel,
    "Service" as service,
    "Department" as department,
    "Rating" as rating,
    case "Rating" when 'Good' then 3 when 'Average' then 2 when 'Poor' then 1 end as score,
    case when nullif(trim("Reasons"), '') is not null then string_split("Reasons", '|') end
        as reason_codes,
    "Comment" as comment,
    "CaseReference" as case_number,
    "SubmittedAt" as submitted_at,
    _tz_flag as tz_flag,
    "PageURL" as page_url,
    "UserAgent" as user_agent,
    "IPAddress" as ip_address,
    "ContactName" as contact_name,
    "ContactEmail" as contact_email,
    "ContactPhone" as contact_phone,
    "ContactConsent" as contact_consent,
    {{ raw_lineage() }}
from {{ source('raw', 'govmetric') }}
where {{ partition_filter('date') }}
    and {{ not_flagged(['restriction'], {'email': ['"ContactEmail"'], 'phone': ['"ContactPhone"']}) }}
