-- Satisfaction per client x channel x service x month.
select
    client_code,
    channel,
    service,
    date_trunc('month', feedback_date)::date as month_start,
    {{ satisfaction_measures() }}
from {{ ref('pse_feedback') }}
group by all
