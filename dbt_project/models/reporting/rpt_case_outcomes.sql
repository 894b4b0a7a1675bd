-- Feedback per case number (e.g. a Melding Openbare Ruimte), per client.
select
    client_code,
    case_number,
    any_value(service order by feedback_at) as service,
    min(feedback_date) as first_feedback_date,
    max(feedback_date) as last_feedback_date,
    count(distinct response_id)::bigint as responses,
    round(avg(normalised_score), 4)::double as mean_normalised_score,
    count(*) filter (where sentiment = 'positive')::bigint as positive_answers,
    count(*) filter (where sentiment = 'negative')::bigint as negative_answers
from {{ ref('pse_feedback') }}
where case_number is not null
group by client_code, case_number
