{#
  Data-subject rights in staging (requirements §5), from the registry that klantmonitor.subjects
  writes: `subjects.flags` (restriction, objection) and `subjects.overrides` (rectified values),
  both keyed by the keyed pseudonym of the normalised e-mail address or phone number.
  `who` names a model's identifier columns: {'email': [columns], 'phone': [columns]}.
  While the registry is absent or empty (the usual case) these macros add nothing.
#}

{# The registry table `subjects.<name>` if it exists and has rows, else none. #}
{% macro subject_registry(name) -%}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set relation = adapter.get_relation(database=target.database, schema='subjects', identifier=name) -%}
    {%- if relation is none -%}{{ return(none) }}{%- endif -%}
    {%- set rows = run_query('select count(*) from ' ~ relation).rows[0][0] -%}
    {{ return(relation if rows > 0 else none) }}
{%- endmacro %}

{# The pseudonyms of a row's identifiers, as a SQL list. #}
{% macro subject_pseudonyms(who) -%}
    {%- set keys = [] -%}
    {%- for column in who.get('email', []) -%}
        {%- do keys.append(pseudonym('email', normalise_email(column))) -%}
    {%- endfor -%}
    {%- for column in who.get('phone', []) -%}
        {%- do keys.append(pseudonym('phone', 'km_phone_e164(' ~ column ~ ')')) -%}
    {%- endfor -%}
    {{ keys | join(', ') }}
{%- endmacro %}

{# True unless the row's subject has one of `flags` (restriction, objection) in place. #}
{% macro not_flagged(flags, who) -%}
    {%- set registry = subject_registry('flags') -%}
    {%- if registry is none -%}
        true
    {%- else -%}
        not exists (
            select 1 from {{ registry }} as f
            where f.flag in ('{{ flags | join("', '") }}')
                and f.pseudonym in ({{ subject_pseudonyms(who) }})
        )
    {%- endif -%}
{%- endmacro %}

{# `value`, or the latest rectified `field` of the row's subject. #}
{% macro rectified(field, value, who) -%}
    {%- set registry = subject_registry('overrides') -%}
    {%- if registry is none -%}
        {{ value }}
    {%- else -%}
        coalesce((
            select arg_max(o.value, o.set_at) from {{ registry }} as o
            where o.field = '{{ field }}' and o.pseudonym in ({{ subject_pseudonyms(who) }})
        ), {{ value }})
    {%- endif -%}
{%- endmacro %}
