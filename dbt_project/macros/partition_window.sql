{# The run's partition window: landing days between the vars min_date and max_date. #}
{% macro partition_filter(column='partition_date') -%}
    {{ column }} between date '{{ var("min_date") }}' and date '{{ var("max_date") }}'
{%- endmacro %}

{# Pre-hook of incremental models: drop exactly the window's days, so the run replaces them. #}
{% macro delete_partition_window() -%}
    {% if is_incremental() %}
        delete from {{ this }} where {{ partition_filter() }}
    {% endif %}
{%- endmacro %}
