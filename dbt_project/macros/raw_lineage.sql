{# The raw zone's lineage as staging columns: landing day, file, line, load (Dagster run). #}
{% macro raw_lineage() -%}
    date as partition_date,
    _source_file as source_file,
    _line as source_line,
    _load_id as load_id
{%- endmacro %}
