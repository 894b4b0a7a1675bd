{#
  Reporting aggregates outlive the pseudonymised rows they are computed from (requirements §4:
  aggregates are kept without limit; pse_* for their retention window). A reporting model
  computes from the pseudonymised layer every period that starts on or after
  km_frozen_before() (the day before which the purge has removed pse_* rows), and every earlier
  period it does not hold yet; the earlier periods it holds it keeps as they are: they were
  computed in an earlier run, while all their rows were still there.
#}
{% macro _kept_relation() -%}
    {%- if execute -%}
        {{ return(adapter.get_relation(this.database, this.schema, this.identifier)) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{# The rows to compute from the pseudonymised layer: ``period`` is the row's period there. #}
{% macro recomputed(period, period_column) -%}
    {%- if _kept_relation() is not none -%}
        ({{ period }} >= km_frozen_before() or {{ period }} not in (
            select distinct {{ period_column }} from {{ this }}
            where {{ period_column }} < km_frozen_before()))
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{# This model's own rows of the periods before km_frozen_before(), appended as they are. #}
{% macro kept_periods(period_column) -%}
    {%- if _kept_relation() is not none %}
union all by name
select * from {{ this }} where {{ period_column }} < km_frozen_before()
    {%- endif -%}
{%- endmacro %}
