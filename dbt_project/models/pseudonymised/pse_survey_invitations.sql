-- SMS and e-mail survey invitations (MessageBird `mt`), for response rates; recipient pseudonymised.
select
    m.message_id,
    m.client_code,
    m.case_number,
    c.channel,
    m.created_at as sent_at,
    (m.created_at at time zone 'Europe/Amsterdam')::date as sent_date,
    case m.message_type
        when 'email' then {{ pseudonym('email', normalise_email('m.recipient')) }}
        else {{ pseudonym('phone', 'km_phone_e164(m.recipient)') }}
    end as subject_key,
    m.partition_date
from {{ ref('stg_messagebird') }} as m
left join {{ ref('channel_map') }} as c
    on c.source = 'messagebird' and c.vendor_channel = m.message_type
where m.direction = 'mt' and {{ partition_filter('m.partition_date') }}
