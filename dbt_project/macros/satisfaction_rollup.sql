{# Satisfaction per client x channel x service x period, computed from the answers (periods
   that started before the pseudonymised layer's retention cutoff kept as computed). #}
{% macro satisfaction_rollup(period, column) -%}
select
    client_code,
    channel,
    service,
    date_trunc('{{ period }}', feedback_date)::date as {{ column }},
    {{ satisfaction_measures() }}
from {{ ref('pse_feedback') }}
where {{ recomputed("date_trunc('" ~ period ~ "', feedback_date)::date", column) }}
group by all
{{ kept_periods(column) }}
{%- endmacro %}
