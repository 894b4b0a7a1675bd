{#
  Keyed pseudonyms: HMAC-SHA256 (RFC 2104) of '<kind>:<normalised value>', computed in SQL from
  the padded keys K xor ipad / K xor opad that the dbt plugin registers for the connection.
  The same construction as klantmonitor.pseudonym (which subject requests use to look people up).
#}
{% macro hmac_ipad() -%} km_hmac_ipad() {%- endmacro %}
{% macro hmac_opad() -%} km_hmac_opad() {%- endmacro %}

{% macro hmac_sha256(message) -%}
    sha256({{ hmac_opad() }} || unhex(sha256({{ hmac_ipad() }} || encode({{ message }}))))
{%- endmacro %}

{# Trimmed, lower-cased e-mail address; null unless it holds an @. #}
{% macro normalise_email(column) -%}
    case when {{ column }} like '%@%'
        then lower(regexp_replace({{ column }}, '^\s+|\s+$', '', 'g')) end
{%- endmacro %}

{# NFC, lower-cased name with white space collapsed; null when empty (as normalise_name in Python). #}
{% macro normalise_name(column) -%}
    nullif(lower(regexp_replace(regexp_replace(nfc_normalize({{ column }}), '\s+', ' ', 'g'), '^ | $', '', 'g')), '')
{%- endmacro %}

{# The pseudonym of a value that is already normalised (phones: E.164 from km_phone_e164). #}
{% macro pseudonym(kind, normalised) -%}
    case when ({{ normalised }}) is not null
        then {{ hmac_sha256("'" ~ kind ~ ":' || (" ~ normalised ~ ")") }} end
{%- endmacro %}
