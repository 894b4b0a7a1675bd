{# Generic data test: `expression` holds for every row (null counts as false); rows are counted, not shown. #}
{% test expression_is_true(model, expression) %}
    select 1 as failing_row
    from {{ model }}
    where not coalesce(({{ expression }}), false)
{% endtest %}
