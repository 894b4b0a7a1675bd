{# Use the configured schema name as is (staging, pseudonymised, reporting), not <target>_<name>. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
