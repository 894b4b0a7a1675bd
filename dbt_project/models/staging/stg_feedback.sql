-- Canonical feedback: one row per answer across the five feedback sources, one channel
-- vocabulary, every score normalised to 0-1 on its scale.
with answers as (
    select
        'govmetric' as source, feedback_id as response_id, feedback_id as answer_id,
        client_code, vendor_channel, service, submitted_at as feedback_at,
        'overall' as question_id, 'face_3' as scale, score, reason_codes, case_number, comment,
        contact_name, contact_email, km_phone_e164(contact_phone) as contact_phone,
        ip_address, user_agent, page_url,
        partition_date, source_file, source_line
    from {{ ref('stg_govmetric') }}
    union all
    select
        'smile', session_id, response_id, client_code, vendor_channel, null, answered_at,
        question_id, 'likert_5', score, null, null, comment,
        null, null, null, null, null, null, partition_date, source_file, source_line
    from {{ ref('stg_smile') }}
    union all
    select
        'ivr', call_id, call_id || ':' || q.question_id, client_code, 'ivr', service, called_at,
        q.question_id, q.scale, q.score, null, null,
        case when q.question_id = 'V1' then transcript end,
        null, null, caller_phone, null, null, null, partition_date, source_file, source_line
    from {{ ref('stg_ivr') }}
    cross join lateral (
        values ('V1', 'likert_5', v1_score), ('V2', 'likert_5', v2_score), ('V3', 'nps_11', v3_nps)
    ) as q(question_id, scale, score)
    where q.score is not null or (q.question_id = 'V1' and transcript is not null)
    union all
    select
        'messagebird', message_id, message_id, client_code, message_type, null, created_at,
        'nps', 'nps_11', score, null, case_number, body,
        null,
        case when message_type = 'email' then lower(trim(respondent)) end,
        case when message_type = 'sms' then km_phone_e164(respondent) end,
        null, null, null, partition_date, source_file, source_line
    from {{ ref('stg_messagebird') }}
    where direction = 'mo'
    union all
    select
        'zivver', letter_id, letter_id, client_code, vendor_channel, service,
        received_on::timestamptz, 'grade', 'grade_10', score, null, case_number, comment,
        sender_name, null, null, null, null, null, partition_date, source_file, source_line
    from {{ ref('stg_zivver') }}
)

select
    a.source,
    a.response_id,
    a.answer_id,
    a.client_code,
    c.channel,
    coalesce(a.service, 'Onbekend') as service,
    a.feedback_at,
    (a.feedback_at at time zone 'Europe/Amsterdam')::date as feedback_date,
    a.question_id,
    a.score as original_score,
    a.scale,
    {{ normalised_score('a.score', 's.min_score', 's.max_score') }} as normalised_score,
    {{ sentiment(normalised_score('a.score', 's.min_score', 's.max_score')) }} as sentiment,
    case
        when a.scale = 'nps_11' and a.score >= 9 then 'promoter'
        when a.scale = 'nps_11' and a.score >= 7 then 'passive'
        when a.scale = 'nps_11' and a.score >= 0 then 'detractor'
    end as nps_bucket,
    a.reason_codes,
    a.case_number,
    a.comment,
    a.contact_name,
    a.contact_email,
    a.contact_phone,
    a.ip_address,
    a.user_agent,
    a.page_url,
    a.partition_date,
    a.source_file,
    a.source_line
from answers as a
left join {{ ref('channel_map') }} as c
    on c.source = a.source and c.vendor_channel = a.vendor_channel
left join {{ ref('score_scales') }} as s
    on s.scale = a.scale
where {{ partition_filter('a.partition_date') }}
