"""Massxess IVR post-call survey: one Windows-1252 CSV per client, semicolons, decimal commas,
Amsterdam local time, and a speech-to-text transcript of the spoken comment."""

from __future__ import annotations

import random

import numpy as np

from klantmonitor.generate.clock import AMSTERDAM, OFFICE_HOURS, wall_clock
from klantmonitor.generate.comments import Commenter
from klantmonitor.generate.day import Day
from klantmonitor.generate.population import CHANNELS, CLIENTS, SERVICES, effects, weights
from klantmonitor.generate.scores import latent, mood, scale
from klantmonitor.sources.contract import SOURCES

SOURCE = SOURCES["ivr"]
ANONYMOUS = 0.12  # callers withholding their number
HANG_UP = (0.03, 0.04, 0.03)  # hung up before V1, before V2, before V3


def _decimal_comma(values: np.ndarray) -> list[str]:
    """Seconds with one decimal and a decimal comma: ``12,5``."""
    tenths = np.rint(values * 10).astype(np.int64).tolist()
    return [f"{t // 10},{t % 10}" for t in tenths]


def _callers(day: Day, r: random.Random, persons: np.ndarray) -> list[str]:
    """The number as the exchange passed it on: ``0612345678``, ``+31201234567``, ``anoniem``."""
    out = []
    for i in persons.tolist():
        if r.random() < ANONYMOUS:
            out.append("anoniem")
        else:
            number = day.people.phone(i, r)
            out.append(f"+31{number[1:]}" if r.random() < 0.35 else number)
    return out


def write(day: Day, n: int) -> None:
    """Write ``IVR_<client>_<YYYYMMDD>.csv`` for every client, ``n`` calls in all."""
    rng, r, people = day.rng(SOURCE.name), day.random(SOURCE.name), day.people
    instants = np.sort(day.clock.sample(rng, n, OFFICE_HOURS))
    clients = rng.choice(len(CLIENTS), n, p=weights(CLIENTS))
    services = rng.choice(len(SERVICES), n, p=weights(SERVICES))
    z = latent(rng, clients, services, CHANNELS["Telephone"][1])
    waits = rng.gamma(
        1.6, 60 * np.exp(-0.8 * (effects(SERVICES)[services] + effects(CLIENTS)[clients]))
    )
    talks = rng.lognormal(5.3, 0.6, n)
    stage = rng.choice(4, n, p=[*HANG_UP, 1 - sum(HANG_UP)])  # questions answered, 3 = all
    v1, v2 = scale(z, 1, 5, 3.4, 1.0), scale(z + rng.normal(0, 0.4, n), 1, 5, 3.3, 1.0)
    nps = scale(z, 0, 10, 6.8, 2.2)
    persons = people.pick(rng, clients)
    callers = _callers(day, r, persons)
    texts = Commenter("speech", people, r, day.date).texts(
        rng, rng.random(n) < 0.35, mood(z), np.full(n, "nl"), services, persons
    )
    dates, times = wall_clock(instants, AMSTERDAM, "%d-%m-%Y")
    ids = [f"MX{day.compact}{i:07d}" for i in range(n)]
    wait_text, talk_text = _decimal_comma(waits), _decimal_comma(talks)
    for c, client in enumerate(CLIENTS):
        rows = np.flatnonzero(clients == c).tolist()
        columns = {
            "GesprekID": [ids[i] for i in rows],
            "Klant": [client.code] * len(rows),
            "Datum": [dates[i] for i in rows],
            "Tijd": [times[i] for i in rows],
            "Wachtrij": [SERVICES[services[i]].name for i in rows],
            "Beller": [callers[i] for i in rows],
            "Wachttijd_sec": [wait_text[i] for i in rows],
            "Gespreksduur_sec": [talk_text[i] for i in rows],
            "V1_Score": [str(v1[i]) if stage[i] > 0 else "" for i in rows],
            "V2_Score": [str(v2[i]) if stage[i] > 1 else "" for i in rows],
            "V3_NPS": [str(nps[i]) if stage[i] > 2 else "" for i in rows],
            "Opmerking": [texts.text[i] for i in rows],
        }
        path = day.write_csv(SOURCE, f"IVR_{client.code}_{day.compact}.csv", columns, "\r\n")
        file, keys = day.rel(path), columns["GesprekID"]
        spans = {k: texts.spans[i] for k, i in enumerate(rows) if i in texts.spans}
        day.ledger.add_spans(SOURCE.name, file, "Opmerking", keys, spans)
        beller = columns["Beller"]
        day.ledger.add_column(
            SOURCE.name,
            file,
            "Beller",
            keys,
            [b if b != "anoniem" else "" for b in beller],
            "phone",
        )
