-- Letters and e-mails typed in by client staff (ZIVVER deliveries); one row per sheet row.
select
    delivery_id || '#' || row_number as letter_id,
    delivery_id,
    row_number,
    client as client_code,
    "Datum" as received_on,
    "Kanaal" as vendor_channel,
    "Onderwerp" as service,
    "Waardering" as score,
    "Toelichting" as comment,
    "Zaaknummer" as case_number,
    "Naam afzender" as sender_name,
    "Adres afzender" as sender_address,
    {{ raw_lineage() }}
from {{ source('raw', 'zivver') }}
where {{ partition_filter('date') }}
