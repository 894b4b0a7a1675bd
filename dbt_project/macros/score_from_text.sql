{#
  The 0-10 score a person wrote in a reply: "8", "8/10", "een 8", "10!!", "acht".
  The first stand-alone number 0-10 wins; otherwise the first Dutch number word (not "een",
  which is mostly the article). Null when the reply holds no score.
#}
{% macro score_from_text(column) -%}
    coalesce(
        try_cast(regexp_extract({{ column }}, '(?:^|[^0-9,.:/-])(10|[0-9])(?:$|[^0-9,.:])', 1) as integer),
        case regexp_extract(lower({{ column }}), '\b(nul|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\b', 1)
            when 'nul' then 0 when 'twee' then 2 when 'drie' then 3 when 'vier' then 4
            when 'vijf' then 5 when 'zes' then 6 when 'zeven' then 7 when 'acht' then 8
            when 'negen' then 9 when 'tien' then 10
        end
    )
{%- endmacro %}
