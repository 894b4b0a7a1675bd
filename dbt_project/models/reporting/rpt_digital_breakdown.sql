-- Digital channels by platform, OS + version and browser + version (P2), per client x service x day.
select
    client_code,
    channel,
    service,
    feedback_date,
    coalesce(platform, 'onbekend') as platform,
    coalesce(os, 'onbekend') as os,
    coalesce(os_version, '') as os_version,
    coalesce(browser, 'onbekend') as browser,
    coalesce(browser_version, '') as browser_version,
    {{ satisfaction_measures() }}
from {{ ref('pse_feedback') }}
where (platform is not null or os is not null or browser is not null)
    and {{ recomputed('feedback_date', 'feedback_date') }}
group by all
{{ kept_periods('feedback_date') }}
