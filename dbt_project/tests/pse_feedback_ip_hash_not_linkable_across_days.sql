{#
  P1: IP hashes are keyed per day ("cannot be linked across days"), so one hash never occurs on
  two feedback days. It would if km_ip_hash fell back to one key for every day.
#}
{{ config(meta={'requirement': 'P1'}) }}

select ip_hash, count(distinct feedback_date) as days
from {{ ref('pse_feedback') }}
where ip_hash is not null
group by ip_hash
having count(distinct feedback_date) > 1
