-- SMS and e-mail survey response rate (replies / invitations) per client x channel x day.
with invitations as (
    select client_code, channel, sent_date as day, count(*) as invitations
    from {{ ref('pse_survey_invitations') }}
    group by all
),

replies as (
    select client_code, channel, feedback_date as day, count(distinct response_id) as replies
    from {{ ref('pse_feedback') }}
    where source = 'messagebird'
    group by all
)

select
    client_code,
    channel,
    day as feedback_date,
    coalesce(i.invitations, 0)::bigint as invitations,
    coalesce(r.replies, 0)::bigint as replies,
    round(coalesce(r.replies, 0) / nullif(i.invitations, 0), 4)::double as response_rate
from invitations as i
full outer join replies as r using (client_code, channel, day)
