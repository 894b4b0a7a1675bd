"""GovMetric CX: multichannel feedback, UTF-8 with BOM, CRLF, RFC 4180, UK local times."""

from __future__ import annotations

import itertools
from urllib.parse import quote, quote_plus

import numpy as np

from klantmonitor.generate import pii
from klantmonitor.generate.clock import LONDON, OFFICE_HOURS, WAKING_HOURS, wall_clock
from klantmonitor.generate.comments import Commenter
from klantmonitor.generate.day import Day
from klantmonitor.generate.population import (
    CHANNELS,
    CLIENTS,
    DIGITAL_CHANNELS,
    SERVICES,
    case_numbers,
    weights,
)
from klantmonitor.generate.scores import latent, mood
from klantmonitor.generate.seeds import fill_from, hex_ids
from klantmonitor.generate.useragents import user_agents
from klantmonitor.sources.contract import SOURCES

SOURCE = SOURCES["govmetric"]
POSITIVE_REASONS = ("STAFF_FRIENDLY", "QUICK_HELP", "CLEAR_INFO", "PROBLEM_SOLVED", "EASY_ONLINE")
NEGATIVE_REASONS = ("WAIT_TIME", "NOT_SOLVED", "UNCLEAR_INFO", "STAFF_UNFRIENDLY",
                    "WEBSITE_ERROR", "NO_CALLBACK", "OPENING_HOURS", "COST")  # fmt: skip
URL_PII_RATE = 0.03  # digital answers whose page URL carries ?email=...&naam=...
CONTACT_RATE = (0.16, 0.05, 0.03)  # asked to be contacted, by mood (negative, neutral, positive)
OFFICE_CHANNELS = ("Face to face", "Telephone", "Post")


CONTRADICTIONS = (
    {"WAIT_TIME", "QUICK_HELP"},
    {"UNCLEAR_INFO", "CLEAR_INFO"},
    {"STAFF_UNFRIENDLY", "STAFF_FRIENDLY"},
    {"NOT_SOLVED", "PROBLEM_SOLVED"},
)


def _reason_sets(codes: tuple[str, ...]) -> list[str]:
    """Every consistent set of one or two codes, ``|``-joined."""
    return [
        "|".join(c)
        for k in (1, 2)
        for c in itertools.combinations(codes, k)
        if set(c) not in CONTRADICTIONS
    ]


def _reasons(rng: np.random.Generator, ratings: np.ndarray) -> list[str]:
    """Reason codes fitting the rating (0 Poor, 1 Average, 2 Good, -1 none); some empty."""
    pools = {
        0: _reason_sets(NEGATIVE_REASONS),
        1: _reason_sets(NEGATIVE_REASONS[:4] + POSITIVE_REASONS[:3]),
        2: _reason_sets(POSITIVE_REASONS),
    }
    out = [""] * len(ratings)
    given = rng.random(len(ratings)) < 0.75
    for rating, pool in pools.items():
        fill_from(rng, out, np.flatnonzero(given & (ratings == rating)), pool)
    return out


def _page_urls(
    day: Day,
    rng: np.random.Generator,
    clients: np.ndarray,
    services: np.ndarray,
    persons: np.ndarray,
) -> tuple[list[str], dict[int, list[tuple[str, str]]]]:
    """The widget's page per row; some carry the visitor's e-mail and name in the query."""
    people = day.people
    suffixes = ("", "", "", "aanvragen/", "contact/", "?utm_source=nieuwsbrief", "#formulier")
    pick = rng.integers(0, len(suffixes), len(clients)).tolist()
    leaky = (rng.random(len(clients)) < URL_PII_RATE).tolist()
    encoded = (rng.random(len(clients)) < 0.6).tolist()
    urls: list[str] = []
    spans: dict[int, list[tuple[str, str]]] = {}
    for row, (c, s) in enumerate(zip(clients.tolist(), services.tolist(), strict=True)):
        url = f"https://{CLIENTS[c].domain}{SERVICES[s].path}"
        if leaky[row]:
            i = int(persons[row])
            email = quote(people.email[i]) if encoded[row] else people.email[i]
            name = quote_plus(people.full_name(i))
            url += f"bedankt?email={email}&naam={name}"
            spans[row] = [("url_query", email), ("url_query", name)]
        else:
            url += suffixes[pick[row]]
        urls.append(url)
    return urls, spans


def write(day: Day, n: int) -> None:
    """Write ``govmetric_feedback_<YYYYMMDD>.csv`` with ``n`` answers."""
    rng, r, people = day.rng(SOURCE.name), day.random(SOURCE.name), day.people
    channel_names = list(CHANNELS)
    share, effect = (np.array(v) for v in zip(*CHANNELS.values(), strict=True))
    channels = rng.choice(len(channel_names), n, p=share / share.sum())
    office = np.isin(channels, [channel_names.index(c) for c in OFFICE_CHANNELS])
    instants = np.where(
        office,
        day.clock.sample(rng, n, OFFICE_HOURS),
        day.clock.sample(rng, n, WAKING_HOURS),
    )
    order = np.argsort(instants, kind="stable")
    channels, instants = channels[order], instants[order]

    clients = rng.choice(len(CLIENTS), n, p=weights(CLIENTS))
    services = rng.choice(len(SERVICES), n, p=weights(SERVICES))
    z = latent(rng, clients, services, effect[channels])
    moods = mood(z)
    ratings = np.digitize(z, [-0.35, 0.65])  # 0 Poor, 1 Average, 2 Good
    comment_only = rng.random(n) < 0.06
    ratings = np.where(comment_only, -1, ratings)
    present = comment_only | (rng.random(n) < np.array([0.6, 0.3, 0.35])[moods])
    langs = np.where(rng.random(n) < 0.08, "en", "nl")
    persons = people.pick(rng, clients)
    texts = Commenter("web", people, r, day.date).texts(
        rng, present, moods, langs, services, persons
    )

    digital = np.isin(channels, [channel_names.index(c) for c in DIGITAL_CHANNELS])
    dig_rows = np.flatnonzero(digital)
    urls, url_spans = _page_urls(day, rng, clients[dig_rows], services[dig_rows], persons[dig_rows])
    agents = user_agents(day.date, rng, len(dig_rows))
    ips = pii.ip_addresses(rng, len(dig_rows))
    page, agent, address = [""] * n, [""] * n, [""] * n
    for k, row in enumerate(dig_rows.tolist()):
        page[row], agent[row], address[row] = urls[k], agents[k], ips[k]

    contact = rng.random(n) < np.array(CONTACT_RATE)[moods]
    name, email, phone = [""] * n, [""] * n, [""] * n
    for row in np.flatnonzero(contact).tolist():
        i = int(persons[row])
        name[row] = people.initial_name(i) if r.random() < 0.2 else people.full_name(i)
        email[row] = people.email[i] if r.random() < 0.85 else ""
        number = people.phone(i, r)
        phone[row] = pii.phone_notation(number, r) if r.random() < 0.7 or not email[row] else ""

    cases = case_numbers(rng, services, day.date.year)
    has_case = rng.random(n) < np.where(services == 0, 0.9, 0.45)
    depts = [SERVICES[s].departments for s in services.tolist()]
    dept_pick = rng.integers(0, 3, n).tolist()
    no_dept = (rng.random(n) < 0.25).tolist()
    dates, times = wall_clock(instants, LONDON, "%d/%m/%Y")
    rating_text = ("Poor", "Average", "Good", "")
    ids = hex_ids(day.date, n, 0x6D7E, "GMX-")
    columns = {
        "FeedbackID": ids,
        "ClientCode": [CLIENTS[c].code for c in clients.tolist()],
        "Channel": [channel_names[c] for c in channels.tolist()],
        "Service": [SERVICES[s].name for s in services.tolist()],
        "Department": [
            "" if skip else d[k % len(d)]
            for d, k, skip in zip(depts, dept_pick, no_dept, strict=True)
        ],
        "Rating": [rating_text[x] for x in ratings.tolist()],
        "Reasons": _reasons(rng, ratings),
        "Comment": texts.text,
        "CaseReference": [c if h else "" for c, h in zip(cases, has_case.tolist(), strict=True)],
        "SubmittedAt": [f"{d} {t}" for d, t in zip(dates, times, strict=True)],
        "PageURL": page,
        "UserAgent": agent,
        "IPAddress": address,
        "ContactName": name,
        "ContactEmail": email,
        "ContactPhone": phone,
        "ContactConsent": ["Y" if c else "N" for c in contact.tolist()],
    }
    path = day.write_csv(SOURCE, f"govmetric_feedback_{day.compact}.csv", columns, "\r\n")
    file, ledger = day.rel(path), day.ledger
    ledger.add_spans(SOURCE.name, file, "Comment", ids, texts.spans)
    dig_ids = [ids[row] for row in dig_rows.tolist()]
    ledger.add_spans(SOURCE.name, file, "PageURL", dig_ids, url_spans)
    ledger.add_column(SOURCE.name, file, "IPAddress", ids, address, "ip")
    ledger.add_column(SOURCE.name, file, "ContactName", ids, name, "name")
    ledger.add_column(SOURCE.name, file, "ContactEmail", ids, email, "email")
    ledger.add_column(SOURCE.name, file, "ContactPhone", ids, phone, "phone")
