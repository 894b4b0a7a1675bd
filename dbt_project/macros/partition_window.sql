{#
  The run's partition window: landing days from km_window_start() to km_window_end(), temp
  macros that the dbt plugin defines per connection from the environment Dagster sets for the
  run. Fixed SQL text, so a new window needs no new parse. Unit tests pin a window with the vars
  min_date / max_date instead.
#}
{% macro partition_filter(column='partition_date') -%}
    {%- if var('min_date', none) is not none -%}
        {{ column }} between date '{{ var("min_date") }}' and date '{{ var("max_date") }}'
    {%- else -%}
        {{ column }} between km_window_start() and km_window_end()
    {%- endif -%}
{%- endmacro %}

{# Pre-hook of incremental models: drop exactly the window's days, so the run replaces them. #}
{% macro delete_partition_window() -%}
    {% if is_incremental() %}
        delete from {{ this }} where {{ partition_filter() }}
    {% endif %}
{%- endmacro %}
