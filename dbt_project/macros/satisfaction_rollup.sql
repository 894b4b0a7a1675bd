{# Satisfaction per client x channel x service x period, computed from the answers. #}
{% macro satisfaction_rollup(period, column) -%}
select
    client_code,
    channel,
    service,
    date_trunc('{{ period }}', feedback_date)::date as {{ column }},
    {{ satisfaction_measures() }}
from {{ ref('pse_feedback') }}
group by all
{%- endmacro %}
