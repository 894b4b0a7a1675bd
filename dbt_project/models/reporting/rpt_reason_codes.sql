-- How often each reason code was given, per client x channel x service x day.
select
    client_code,
    channel,
    service,
    feedback_date,
    reason_code,
    count(*)::bigint as answers
from {{ ref('pse_feedback') }}, unnest(reason_codes) as r(reason_code)
where {{ recomputed('feedback_date', 'feedback_date') }}
group by all
{{ kept_periods('feedback_date') }}
