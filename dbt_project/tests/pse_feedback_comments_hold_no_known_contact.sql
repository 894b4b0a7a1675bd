{#
  P3, the known-identifier half of the PII-absence rule: a scrubbed comment does not contain the
  respondent's own contact values from staging (full name, e-mail address, phone digits).
  Staging keeps 30 days, so this covers the last 30 days of pseudonymised rows. A failing row
  gives the kind of value, never the value. Warn only: a name the scrubber misses is a heuristic
  miss to review, not a reason to hold back the night's reports; no_clear_pii on the comment
  (error) catches a scrubber that stopped working.
#}
{{ config(severity='warn', meta={'requirement': 'P3', 'dagster': {'ref': {'name': 'pse_feedback'}}}) }}

with pairs as (
    select
        lower(p.comment) as comment,
        regexp_replace(p.comment, '[^0-9]', '', 'g') as comment_digits,
        lower(trim(s.contact_email)) as email,
        lower(regexp_replace(trim(s.contact_name), '\s+', ' ', 'g')) as name,
        regexp_replace(s.contact_phone, '^\+(31)?', '') as phone_digits
    from {{ ref('pse_feedback') }} as p
    inner join {{ ref('stg_feedback') }} as s
        on s.source = p.source and s.answer_id = p.answer_id
    where p.comment is not null
)

select 'email' as kind from pairs where email like '%@%' and contains(comment, email)
union all
select 'name' from pairs where name like '% %' and contains(comment, name)
union all
select 'phone' from pairs where length(phone_digits) >= 8 and contains(comment_digits, phone_digits)
