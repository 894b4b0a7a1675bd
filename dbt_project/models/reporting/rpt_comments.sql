-- The scrubbed comments to read, one per response.
select distinct on (client_code, source, response_id)
    client_code,
    channel,
    service,
    feedback_date,
    case_number,
    sentiment,
    comment
from {{ ref('pse_feedback') }}
where nullif(trim(comment), '') is not null
order by client_code, source, response_id, answer_id
