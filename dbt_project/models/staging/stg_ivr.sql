-- Massxess IVR post-call surveys; one row per call (caller number normalised to E.164).
select
    "GesprekID" as call_id,
    "Klant" as client_code,
    "Wachtrij" as service,
    "CalledAt" as called_at,
    _tz_flag as tz_flag,
    nullif(lower(trim("Beller")), 'anoniem') as caller_number,
    km_phone_e164(nullif(lower(trim("Beller")), 'anoniem')) as caller_phone,
    "Wachttijd_sec" as wait_seconds,
    "Gespreksduur_sec" as call_seconds,
    "V1_Score" as v1_score,
    "V2_Score" as v2_score,
    "V3_NPS" as v3_nps,
    "Opmerking" as transcript,
    {{ raw_lineage() }}
from {{ source('raw', 'ivr') }}
where {{ partition_filter('date') }}
    and {{ not_flagged(['restriction'], {'phone': ['"Beller"']}) }}
