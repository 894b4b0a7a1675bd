-- The floor: the nightly run's essential work on one day, as one hand-written DuckDB script.
-- Read the five feedback exports, normalise (UTC times, channels, 0-1 scores), pseudonymise
-- (HMAC in SQL, per-day IP hash, parsed user agent, phone numbers via E.164), scrub free text
-- with the scrubber the pipeline uses (km_scrub), aggregate per client, channel, service and day,
-- write Parquet per client. No checks, no lineage, no quarantine, no incremental bookkeeping.
-- ${landing}, ${day}, ${out} and ${ivr} (the IVR files re-encoded to UTF-8) are filled in by
-- klantmonitor.bench.floor; the km_* functions and the zivver rows (read from xlsx in Python:
-- DuckDB has no offline xlsx reader) are registered there.

create temp table answers as
select
    'govmetric' as source, "ClientCode" as client_code, "Channel" as vendor_channel,
    "Service" as service,
    timezone('Europe/London', strptime("SubmittedAt", '%d/%m/%Y %H:%M:%S')) as feedback_at,
    'face_3' as scale,
    case "Rating" when 'Poor' then 1 when 'Average' then 2 when 'Good' then 3 end as score,
    "Comment" as comment, nullif(lower(trim("ContactEmail")), '') as email,
    km_phone_e164(nullif("ContactPhone", '')) as phone, "ContactName" as contact_name,
    "IPAddress" as ip, "UserAgent" as user_agent, "PageURL" as page_url
from read_csv('${landing}/govmetric/${day}/*.csv', header = true, all_varchar = true)
union all
select
    'smile', client, channel, null, make_timestamptz(ts * 1000), 'likert_5', answer, free_text,
    null, null, null, null, null, null
from read_json(
    '${landing}/smile/${day}/*.jsonl', format = 'newline_delimited', ignore_errors = true,
    columns = {client: 'VARCHAR', channel: 'VARCHAR', answer: 'INTEGER', free_text: 'VARCHAR',
               ts: 'BIGINT'}
)
union all
select
    'ivr', "Klant", 'ivr', "Wachtrij",
    timezone('Europe/Amsterdam', strptime("Datum" || ' ' || "Tijd", '%d-%m-%Y %H:%M:%S')),
    q.scale, q.score, case when q.question = 'V1' then "Opmerking" end,
    null, km_phone_e164("Beller"), null, null, null, null
from read_csv(
    '${ivr}/*.csv', delim = ';', header = true, all_varchar = true
)
cross join lateral (
    values ('V1', 'likert_5', try_cast("V1_Score" as integer)),
        ('V2', 'likert_5', try_cast("V2_Score" as integer)),
        ('V3', 'nps_11', try_cast("V3_NPS" as integer))
) as q(question, scale, score)
union all
select
    'messagebird', split_part(m.reference, '-', 2), m.type, null, m."createdDatetime"::timestamptz,
    'nps_11', try_cast(regexp_extract(m.body, '\b(10|[0-9])\b', 1) as integer), m.body,
    case when m.type = 'email' then lower(m.originator) end,
    case when m.type = 'sms' then km_phone_e164(m.originator) end, null, null, null, null
from (
    select unnest(items) as m
    from read_json('${landing}/messagebird/${day}/messages.json', maximum_object_size = 1000000000)
)
where m.direction = 'mo'
union all
select
    'zivver', client, "Kanaal", "Onderwerp", "Datum"::timestamptz, 'grade_10', "Waardering",
    "Toelichting", null, null, "Naam afzender", null, null, null
from zivver_rows;

-- survey invitations (MessageBird "mt"): pseudonymised recipients, the response-rate denominator
create temp table invitations as
select
    split_part(m.reference, '-', 2) as client_code, m.type,
    (m."createdDatetime"::timestamptz at time zone 'Europe/Amsterdam')::date as sent_date,
    sha256(km_hmac_opad() || unhex(sha256(km_hmac_ipad() || encode(
        case when m.type = 'email' then 'email:' || lower(m.recipient)
            else 'phone:' || km_phone_e164(m.recipient) end
    )))) as recipient_pseudonym
from (
    select unnest(items) as m
    from read_json('${landing}/messagebird/${day}/messages.json', maximum_object_size = 1000000000)
)
where m.direction = 'mt';

create temp table pseudonymised as
with scales(scale, lo, hi) as (
    values ('face_3', 1, 3), ('likert_5', 1, 5), ('nps_11', 0, 10), ('grade_10', 1, 10)
)
select
    a.source, a.client_code, lower(a.vendor_channel) as channel,
    coalesce(a.service, 'Onbekend') as service,
    (a.feedback_at at time zone 'Europe/Amsterdam')::date as feedback_date,
    round((a.score - s.lo)::double / (s.hi - s.lo), 4) as score,
    km_scrub(a.comment) as comment,
    case when a.email is not null then
        sha256(km_hmac_opad() || unhex(sha256(km_hmac_ipad() || encode('email:' || a.email))))
    end as email_pseudonym,
    case when a.phone is not null then
        sha256(km_hmac_opad() || unhex(sha256(km_hmac_ipad() || encode('phone:' || a.phone))))
    end as phone_pseudonym,
    case when a.contact_name is not null then
        sha256(km_hmac_opad() || unhex(sha256(km_hmac_ipad() || encode('name:' || lower(a.contact_name)))))
    end as name_pseudonym,
    km_ip_hash(a.ip, (a.feedback_at at time zone 'Europe/Amsterdam')::date) as ip_hash,
    km_user_agent(a.user_agent).platform as platform,
    nullif(regexp_replace(a.page_url, '[?#].*$', ''), '') as page_url
from answers as a
join scales as s using (scale);

copy (
    select
        client_code, channel, service, feedback_date, count(*) as answers,
        avg(score) as mean_score, count(*) filter (where score >= 0.75) as positive,
        count(*) filter (where score < 0.45) as negative
    from pseudonymised
    group by all
) to '${out}/satisfaction_daily' (format parquet, partition_by (client_code), overwrite);

copy (
    select
        i.client_code, i.type, i.sent_date, count(*) as invitations,
        count(distinct i.recipient_pseudonym) as recipients
    from invitations as i
    group by all
) to '${out}/survey_response' (format parquet, partition_by (client_code), overwrite);

copy (
    select client_code, channel, service, feedback_date, score, comment
    from pseudonymised
    where comment is not null
) to '${out}/comments' (format parquet, partition_by (client_code), overwrite);
