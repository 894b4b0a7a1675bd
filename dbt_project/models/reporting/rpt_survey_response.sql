-- SMS and e-mail survey response rate per client x channel x day the invitations were sent:
-- an invitation counts as answered when its recipient replied about the same case.
with replies as (
    select distinct client_code, case_number, subject_key
    from {{ ref('pse_feedback') }}
    where source = 'messagebird'
)

select
    i.client_code,
    i.channel,
    i.sent_date as feedback_date,
    count(*)::bigint as invitations,
    count(r.subject_key)::bigint as replies,
    round(count(r.subject_key) / count(*), 4)::double as response_rate
from {{ ref('pse_survey_invitations') }} as i
left join replies as r
    on r.client_code = i.client_code
    and r.case_number = i.case_number
    and r.subject_key = i.subject_key
where {{ recomputed('i.sent_date', 'feedback_date') }}
group by i.client_code, i.channel, i.sent_date
{{ kept_periods('feedback_date') }}
