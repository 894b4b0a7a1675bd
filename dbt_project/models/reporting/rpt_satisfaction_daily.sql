-- Satisfaction per client x channel x service x day (days before the pseudonymised layer's
-- retention cutoff kept as computed: macros/reporting_history.sql).
select
    client_code,
    channel,
    service,
    feedback_date,
    {{ satisfaction_measures() }}
from {{ ref('pse_feedback') }}
where {{ recomputed('feedback_date', 'feedback_date') }}
group by client_code, channel, service, feedback_date
{{ kept_periods('feedback_date') }}
