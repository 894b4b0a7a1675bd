"""Own processing, small and independent of the feedback volume: newsletter events, website
forms, job applications and data-subject requests."""

from __future__ import annotations

import datetime as dt
import json
import random

import numpy as np

from klantmonitor.generate import pii, seeds
from klantmonitor.generate.clock import (
    AMSTERDAM,
    ISO_UTC,
    OFFICE_HOURS,
    UTC,
    WAKING_HOURS,
    iso_local,
    iso_utc,
)
from klantmonitor.generate.crm import PROSPECTS
from klantmonitor.generate.day import Day
from klantmonitor.generate.ledger import Span
from klantmonitor.generate.names import ORIGINS
from klantmonitor.generate.phrases import lines
from klantmonitor.generate.population import CLIENTS
from klantmonitor.generate.useragents import user_agents
from klantmonitor.sources.contract import SOURCES

CONSENT_VERSIONS = ("2022-06", "2024-01")
FORM_MESSAGES = lines("""
    Graag ontvangen wij een offerte voor de klanttevredenheidsmonitor voor onze gemeente.
    Kunnen we een demo inplannen met ons KCC-team?
    Ik heb een vraag over jullie privacyverklaring: hoe lang bewaren jullie feedback?
    Wij willen de GovMetric-koppeling uitbreiden naar de chat, wat kost dat?
    Ons contract loopt af per 1 januari, graag een gesprek over verlenging.
""")
DOWNLOADS = (
    "Whitepaper Klantreis Gemeenten 2026.pdf",
    "Benchmark KTO gemeenten 2025.pdf",
    "Handreiking AVG en klantfeedback.pdf",
)
VACANCIES = (
    "Data engineer",
    "Onderzoeker klanttevredenheid",
    "Accountmanager publieke sector",
    "Consultant CX",
    "Stagiair data-analyse",
)
NOTES = lines("""
    Gesprek met {first}: sterke kandidaat, ervaring met Python en dbt. Bereikbaar op {phone}.
    {full} woont in {town}, kan per de eerste van de maand beginnen; salarisindicatie € 4.200.
    Referentie gebeld: {ref} was positief over samenwerking. Tweede gesprek met {first} gepland.
    {first} trok zich terug, heeft een andere baan. Mail van {email} ontvangen.
    Geen match op ervaring; {full} krijgt een afwijzing per mail.
""")


def _person_values(day: Day, i: int, r: random.Random) -> dict[str, tuple[str | None, str]]:
    """Placeholder -> (category, text) for person ``i``."""
    p = day.people
    number = p.phone(i, r)
    ref = r.randrange(len(p))
    return {
        "first": ("name", p.first[i]),
        "full": ("name", p.full_name(i)),
        "phone": ("phone", pii.phone_notation(number, r)),
        "email": ("email", p.email[i]),
        "town": (None, p.town[i]),
        "ref": ("name", p.full_name(ref)),
    }


def _fill(template: str, values: dict[str, tuple[str | None, str]]) -> tuple[str, list[Span]]:
    """``template`` with its placeholders filled, and the PII spans it now holds."""
    spans: list[Span] = []
    for key, (category, text) in values.items():
        if "{" + key + "}" in template:
            template = template.replace("{" + key + "}", text)
            if category:
                spans.append((category, text))
    return template, spans


def write_newsletter(day: Day) -> None:
    """A handful of subscribe / unsubscribe / bounce events."""
    source = SOURCES["newsletter"]
    rng, people = day.rng(source.name), day.people
    n = int(rng.poisson(4))
    instants = np.sort(day.clock.sample(rng, n, WAKING_HOURS))
    persons = rng.integers(0, len(people), n).tolist()
    events = rng.choice(3, n, p=[0.6, 0.3, 0.1]).tolist()
    ips = pii.ip_addresses(rng, n)
    old = rng.integers(0, len(CONSENT_VERSIONS), n).tolist()
    columns = {
        "event_id": [f"NE-{day.compact}-{k + 1:03d}" for k in range(n)],
        "email": [people.email[i] for i in persons],
        "event": [source.field("event").values[e] for e in events],
        "consent_version": [
            (CONSENT_VERSIONS[-1], CONSENT_VERSIONS[o], "")[e]
            for e, o in zip(events, old, strict=True)
        ],
        "occurred_at": iso_utc(instants),
        "ip_address": [ip if e < 2 else "" for ip, e in zip(ips, events, strict=True)],
    }
    path = day.write_csv(source, source.pattern, columns)
    file, keys = day.rel(path), columns["event_id"]
    day.ledger.add_column(source.name, file, "email", keys, columns["email"], "email")
    day.ledger.add_column(source.name, file, "ip_address", keys, columns["ip_address"], "ip")


def write_forms(day: Day) -> None:
    """Contact and download form submissions (JSON Lines, local times with offset)."""
    source = SOURCES["forms"]
    rng, r, people = day.rng(source.name), day.random(source.name), day.people
    n = 1 + int(rng.poisson(2.5))
    instants = np.sort(day.clock.sample(rng, n, OFFICE_HOURS))
    stamps = iso_local(instants, AMSTERDAM)
    agents, ips = user_agents(day.date, rng, n), pii.ip_addresses(rng, n)
    organisations = [f"Gemeente {c.name}" for c in CLIENTS] + [o for o, _ in PROSPECTS]
    lines_out, ledger = [], []
    for k in range(n):
        i = r.randrange(len(people))
        contact_form = r.random() < 0.6
        values = _person_values(day, i, r)
        message, spans = None, []
        if contact_form:
            template = r.choice(FORM_MESSAGES)
            if r.random() < 0.35:
                template += r.choice(
                    (" Bel gerust: {phone}", "\n\nMet vriendelijke groet,\n{full}")
                )
            message, spans = _fill(template, values)
        record = {
            "submission_id": f"F-{day.compact}-{k + 1:03d}",
            "form": "contact" if contact_form else "download",
            "name": people.full_name(i),
            "email": people.email[i],
            "phone": values["phone"][1] if r.random() < (0.6 if contact_form else 0.15) else None,
            "organisation": r.choice(organisations) if r.random() < 0.8 else None,
            "message": message,
            "requested_item": None if contact_form else r.choice(DOWNLOADS),
            "submitted_at": stamps[k],
            "ip_address": ips[k],
            "user_agent": agents[k],
            "page_url": "https://www.klantinfocus.nl/"
            + ("contact" if contact_form else "downloads?utm_source=linkedin&utm_medium=social"),
        }
        lines_out.append(json.dumps(record, ensure_ascii=False))
        key = record["submission_id"]
        ledger += [(key, f, c, record[f]) for f, c in _FORM_PII if record[f]]
        ledger += [(key, "message", c, v) for c, v in spans]
    text = "".join(f"{line}\n" for line in lines_out)
    path = day.write_bytes(source.name, (source.pattern,), text.encode(), n)
    day.ledger.add_many(source.name, day.rel(path), ledger)


_FORM_PII = (("name", "name"), ("email", "email"), ("phone", "phone"), ("ip_address", "ip"))


def _application(day: Day, ordinal: int, k: int) -> tuple[dict[str, str], list[tuple[str, Span]]]:
    """Application ``k`` received on day ``ordinal``, as it stands on ``day``."""
    r = seeds.pyrandom(day.seed, None, f"application-{ordinal}-{k}")
    people = day.people
    i = r.randrange(len(people))
    first, last = people.first[i], people.last[i]
    received = dt.datetime.combine(dt.date.fromordinal(ordinal), dt.time(), UTC)
    received += dt.timedelta(seconds=r.randint(6 * 3600, 22 * 3600))
    closes = ordinal + r.randint(10, 55)
    status = r.choices(("hired", "rejected", "withdrawn"), (0.15, 0.7, 0.15))[0]
    is_open = day.date.toordinal() < closes
    notes, spans = _fill(r.choice(NOTES), _person_values(day, i, r))
    if is_open:
        notes, spans = ("Eerste gesprek gepland." if r.random() < 0.5 else ""), []
    cv = r.choice((f"CV_{first}_{last}.pdf".replace(" ", "_"), f"cv {first} {last}.docx"))
    closed_at = dt.datetime.combine(dt.date.fromordinal(closes), dt.time(15, 30), UTC)
    row = {
        "application_id": f"A-{ordinal - 730_000:06d}-{k + 1}",
        "vacancy": r.choice(VACANCIES),
        "first_name": first,
        "last_name": last,
        "email": people.email[i],
        "phone": pii.phone_notation(people.mobile[i], r),
        "cv_filename": cv,
        "interview_notes": notes,
        "status": "open" if is_open else status,
        "received_at": received.strftime(ISO_UTC),
        "procedure_closed_at": "" if is_open else closed_at.strftime(ISO_UTC),
        "extended_retention_consent": "Y" if r.random() < 0.3 else "N",
    }
    fields = [("first_name", "name"), ("last_name", "name"), ("email", "email")]
    fields += [("phone", "phone"), ("cv_filename", "name")]
    found = [(f, (c, row[f])) for f, c in fields] + [("interview_notes", s) for s in spans]
    return row, found


def _received_on(seed: int, ordinal: int) -> int:
    """How many applications arrived on day ``ordinal``."""
    r = seeds.pyrandom(seed, None, f"applications-{ordinal}")
    return r.choices((0, 1, 2, 3), (0.35, 0.35, 0.2, 0.1))[0]


def write_applications(day: Day) -> None:
    """Applications received today, procedures closed today, and now and then an old record
    re-exported (closed long ago: retention must remove it)."""
    source = SOURCES["applications"]
    today, r = day.date.toordinal(), day.random(source.name)
    wanted = [(today, k) for k in range(_received_on(day.seed, today))]
    for ordinal in range(today - 56, today):
        for k in range(_received_on(day.seed, ordinal)):
            row, _ = _application(day, ordinal, k)
            if row["procedure_closed_at"].startswith(day.date.isoformat()):
                wanted.append((ordinal, k))
    if r.random() < 0.3:
        ordinal = today - r.randint(120, 500)
        wanted += [(ordinal, k) for k in range(_received_on(day.seed, ordinal))]
    records = [_application(day, ordinal, k) for ordinal, k in wanted]
    columns = {f: [row[f] for row, _ in records] for f in source.field_names}
    path = day.write_csv(source, source.pattern, columns)
    day.ledger.add_many(
        source.name,
        day.rel(path),
        ((row["application_id"], f, c, v) for row, found in records for f, (c, v) in found),
    )


def write_subject_requests(day: Day) -> None:
    """0-3 data-subject requests of every type, by e-mail and/or phone; rarely from someone the
    platform never saw."""
    source = SOURCES["subject_requests"]
    rng, r, people = day.rng(source.name), day.random(source.name), day.people
    n = int(rng.choice(4, p=[0.35, 0.35, 0.2, 0.1]))
    instants = np.sort(day.clock.sample(rng, n, OFFICE_HOURS))
    stamps = iso_utc(instants)
    types = source.field("type").values
    rows, ledger = [], []
    for k in range(n):
        i = r.randrange(len(people))
        email, phone = people.email[i], pii.phone_notation(people.mobile[i], r)
        if r.random() < 0.05:  # never seen: an address and number no source holds
            dutch = ORIGINS["dutch"]
            email = f"{pii.slug(r.choice(dutch[1]))}.{pii.slug(r.choice(dutch[2]))}@posteo.de"
            phone = pii.mobile(r)
        how = r.random()
        kind = r.choice(types)
        details = ""
        request_id = f"SR-{day.compact}-{k + 1:02d}"
        if kind == "rectification":
            field, value, category = r.choice(
                (
                    ("last_name", f"{people.last[i]}-{r.choice(ORIGINS['dutch'][2])}", "name"),
                    (
                        "email",
                        f"{pii.slug(people.first[i])}.{pii.slug(people.last[i])}@proton.me",
                        "email",
                    ),
                    ("phone", pii.mobile(r), "phone"),
                )
            )
            details = json.dumps({field: value}, ensure_ascii=False)
            ledger.append((request_id, "details", category, value))
        row = {
            "request_id": request_id,
            "type": kind,
            "email": email if how < 0.75 else "",
            "phone": phone if how > 0.45 else "",
            "received_at": stamps[k],
            "details": details,
        }
        ledger += [(request_id, f, f, row[f]) for f in ("email", "phone")]
        rows.append(row)
    columns = {f: [row[f] for row in rows] for f in source.field_names}
    path = day.write_csv(source, source.pattern, columns)
    day.ledger.add_many(source.name, day.rel(path), ledger)
