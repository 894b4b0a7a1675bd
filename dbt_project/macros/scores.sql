{# A score on its scale as 0-1. #}
{% macro normalised_score(score, min_score, max_score) -%}
    round(({{ score }} - {{ min_score }})::double / ({{ max_score }} - {{ min_score }}), 4)
{%- endmacro %}

{# positive from 0.75, negative below 0.45, else neutral (null without a score). #}
{% macro sentiment(normalised) -%}
    case
        when ({{ normalised }}) >= 0.75 then 'positive'
        when ({{ normalised }}) < 0.45 then 'negative'
        when ({{ normalised }}) is not null then 'neutral'
    end
{%- endmacro %}
