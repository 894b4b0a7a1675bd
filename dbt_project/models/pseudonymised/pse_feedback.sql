-- Pseudonymised feedback (P1-P4): contact fields become keyed pseudonyms, the IP a keyed hash
-- under a per-day key, the user agent its parsed parts, the page URL loses query and fragment,
-- free text is scrubbed of PII. No clear identifier leaves staging.
with feedback as (
    select *, km_user_agent(user_agent) as ua
    from {{ ref('stg_feedback') }}
    where {{ partition_filter() }}
)

select
    source,
    response_id,
    answer_id,
    client_code,
    channel,
    service,
    feedback_at,
    feedback_date,
    question_id,
    original_score,
    scale,
    normalised_score,
    sentiment,
    nps_bucket,
    reason_codes,
    case_number,
    km_scrub(comment) as comment,
    coalesce(
        {{ pseudonym('email', normalise_email('contact_email')) }},
        {{ pseudonym('phone', 'contact_phone') }}
    ) as subject_key,
    {{ pseudonym('email', normalise_email('contact_email')) }} as email_pseudonym,
    {{ pseudonym('phone', 'contact_phone') }} as phone_pseudonym,
    {{ pseudonym('name', normalise_name('contact_name')) }} as name_pseudonym,
    km_ip_hash(ip_address, feedback_date) as ip_hash,
    ua.platform,
    ua.os,
    ua.os_version,
    ua.browser,
    ua.browser_version,
    nullif(regexp_replace(page_url, '[?#].*$', ''), '') as page_url,
    partition_date
from feedback
