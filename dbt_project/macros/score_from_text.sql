{#
  The 0-10 score a person wrote in a reply: "8", "8/10", "een 8", "10!!", "acht", "8, snel opgelost".
  The first stand-alone number 0-10 or Dutch number word wins ("een" is not one: it is mostly the
  article). Phone numbers are blanked first, so "+31 6 12345678" gives no 6; a decimal ("7,5"), a
  time ("9:30") or part of a longer number or word is no score. Null when the reply holds none.
#}
{% macro score_from_text(column) -%}
    {#- a word's value is its position - 1; "een" only keeps its place in the list -#}
    {%- set words = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien'] -%}
    {%- set found -%}
        regexp_extract(
            regexp_replace(lower({{ column }}), '(?:\+|\(0|\b0)\d[\d\s()-]{6,}\d', ' ', 'g'),
            '(?:^|[^0-9a-z,.:/-])(10|[0-9]|{{ (words | reject("eq", "een") | join("|")) }})(?:$|[^0-9a-z,.:]|[,.:](?:$|[^0-9]))',
            1)
    {%- endset -%}
    coalesce(
        try_cast({{ found }} as integer),
        list_position(['{{ words | join("', '") }}'], {{ found }}) - 1
    )
{%- endmacro %}
