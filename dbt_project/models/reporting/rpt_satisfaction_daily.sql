-- Satisfaction per client x channel x service x day.
select
    client_code,
    channel,
    service,
    feedback_date,
    {{ satisfaction_measures() }}
from {{ ref('pse_feedback') }}
group by client_code, channel, service, feedback_date
