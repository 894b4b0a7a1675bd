-- Satisfaction per client x channel x service x ISO week (computed from the answers, not from days).
select
    client_code,
    channel,
    service,
    date_trunc('week', feedback_date)::date as week_start,
    {{ satisfaction_measures() }}
from {{ ref('pse_feedback') }}
group by all
