{#
  Generic data test (P1/P3): no value of the column contains a clear identifier of a kind a
  pattern finds without context: e-mail address, Dutch personal phone number, IBAN, IPv4 address.
  Text scrubbed by km_scrub holds their placeholders ([EMAIL], [TELEFOON], [IBAN], [IP]) instead;
  0800/0900 service numbers are no PII and survive. Names, BSNs and addresses need context (the
  Python detector in klantmonitor.pii). A failing row gives the category found, never the value.
#}
{% test no_clear_pii(model, column_name, categories=none) %}
    {%- set patterns = {
        'email': '[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}',
        'phone': '(\+31|\b0031)[ -]?(\(0\))?[ -]?[1-7]([ -]?[0-9]){8}\b|\b06[ -]?([0-9][ -]?){7}[0-9]\b|\(?\b0[1-57][0-9]{1,2}\)?[ -]?[0-9]{3}[ -]?[0-9]{4}\b',
        'iban': '\b[a-z]{2}[0-9]{2} ?[a-z]{4} ?([0-9] ?){9}[0-9]\b',
        'ip': '\b([0-9]{1,3}\.){3}[0-9]{1,3}\b',
    } -%}
    {%- for category in (categories or patterns.keys() | list) %}
    select '{{ category }}' as category
    from {{ model }}
    where regexp_matches({{ column_name }}, '{{ patterns[category] }}', 'i')
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{% endtest %}
