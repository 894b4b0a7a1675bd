{# The satisfaction measures over a set of pseudonymised answers (used at every grain). #}
{% macro satisfaction_measures() -%}
    count(distinct response_id)::bigint as responses,
    count(normalised_score)::bigint as scored_answers,
    round(100.0 * count(*) filter (where sentiment = 'positive')
        / nullif(count(normalised_score), 0), 2)::double as csat_pct,
    round(avg(normalised_score), 4)::double as mean_normalised_score,
    count(*) filter (where nps_bucket is not null)::bigint as nps_answers,
    round(100.0 * (count(*) filter (where nps_bucket = 'promoter')
        - count(*) filter (where nps_bucket = 'detractor'))
        / nullif(count(*) filter (where nps_bucket is not null), 0), 2)::double as nps
{%- endmacro %}
