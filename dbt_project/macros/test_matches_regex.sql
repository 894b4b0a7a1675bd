{#
  Generic data test: every non-null value of the column matches `pattern` (RE2) as a whole.
  Failing rows are counted, never shown: the column may be one that must not hold clear values.
#}
{% test matches_regex(model, column_name, pattern) %}
    select 1 as failing_row
    from {{ model }}
    where not regexp_full_match({{ column_name }}, '{{ pattern }}')
{% endtest %}
