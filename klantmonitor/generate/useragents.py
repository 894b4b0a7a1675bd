"""Browser user-agent strings as they were on a given day (Chrome/Edge/Firefox/Safari on
Windows, macOS, Linux, Android and iOS), with versions that move with the release trains."""

from __future__ import annotations

import datetime as dt

import numpy as np

_WEBKIT = "AppleWebKit/537.36 (KHTML, like Gecko)"
_MOBILE_WEBKIT = "AppleWebKit/605.1.15 (KHTML, like Gecko)"

# (template, share of sessions); {chrome}, {firefox}, {safari}, {ios}, {build} are filled per day.
FAMILIES: tuple[tuple[str, float], ...] = (
    (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WEBKIT} Chrome/{{chrome}}.0.0.0 "
     "Safari/537.36", 0.22),
    (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WEBKIT} Chrome/{{chrome}}.0.0.0 "
     "Safari/537.36 Edg/{chrome}.0.0.0", 0.08),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{firefox}.0) Gecko/20100101 "
     "Firefox/{firefox}.0", 0.04),
    (f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_WEBKIT} Chrome/{{chrome}}.0.0.0 "
     "Safari/537.36", 0.04),
    (f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_MOBILE_WEBKIT} Version/{{safari}} "
     "Safari/605.1.15", 0.06),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:{firefox}.0) Gecko/20100101 "
     "Firefox/{firefox}.0", 0.01),
    (f"Mozilla/5.0 (X11; Linux x86_64) {_WEBKIT} Chrome/{{chrome}}.0.0.0 Safari/537.36", 0.01),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:{firefox}.0) Gecko/20100101 Firefox/{firefox}.0",
     0.01),
    (f"Mozilla/5.0 (iPhone; CPU iPhone OS {{ios}} like Mac OS X) {_MOBILE_WEBKIT} "
     "Version/{safari} Mobile/15E148 Safari/604.1", 0.24),
    (f"Mozilla/5.0 (iPhone; CPU iPhone OS {{ios}} like Mac OS X) {_MOBILE_WEBKIT} "
     "CriOS/{chrome}.0.{build}.54 Mobile/15E148 Safari/604.1", 0.02),
    (f"Mozilla/5.0 (iPad; CPU OS {{ios}} like Mac OS X) {_MOBILE_WEBKIT} Version/{{safari}} "
     "Mobile/15E148 Safari/604.1", 0.03),
    (f"Mozilla/5.0 (Linux; Android 10; K) {_WEBKIT} Chrome/{{chrome}}.0.0.0 Mobile "
     "Safari/537.36", 0.18),
    (f"Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) {_WEBKIT} SamsungBrowser/27.0 "
     "Chrome/{chrome}.0.0.0 Mobile Safari/537.36", 0.04),
    ("Mozilla/5.0 (Android 15; Mobile; rv:{firefox}.0) Gecko/{firefox}.0 Firefox/{firefox}.0",
     0.01),
)  # fmt: skip

_CHROME_131 = dt.date(2024, 11, 12)  # Chrome and Firefox ship a major version every 4 weeks
_FIREFOX_133 = dt.date(2024, 11, 26)
_SAFARI_26 = dt.date(2025, 9, 15)  # yearly, September; iOS 26 reports "18_6" in the UA
_LAGS = ((0, 0.6), (1, 0.3), (2, 0.1))  # share of users one or two versions behind


def _versions(day: dt.date, lag: int) -> dict[str, str | int]:
    chrome = 131 + (day - _CHROME_131).days // 28 - lag
    firefox = 133 + (day - _FIREFOX_133).days // 28 - lag
    months = (day.year - _SAFARI_26.year) * 12 + day.month - _SAFARI_26.month
    if months >= 0:
        safari = f"{26 + months // 12}.{max(0, min(months % 12 // 2, 5) - lag)}"
        ios = "18_6"
    else:
        minor = max(0, min(6, (months + 12) // 2) - lag)
        safari, ios = f"18.{minor}", f"18_{minor}"
    return {
        "chrome": chrome,
        "firefox": firefox,
        "safari": safari,
        "ios": ios,
        "build": 6778 + (chrome - 131) * 60,
    }


def user_agents(day: dt.date, rng: np.random.Generator, n: int) -> list[str]:
    """``n`` user agents of visitors on ``day``."""
    pool: list[str] = []
    weights: list[float] = []
    for lag, lag_share in _LAGS:
        versions = _versions(day, lag)
        for template, share in FAMILIES:
            pool.append(template.format(**versions))
            weights.append(share * lag_share)
    p = np.array(weights) / sum(weights)
    return [pool[i] for i in rng.choice(len(pool), n, p=p).tolist()]
