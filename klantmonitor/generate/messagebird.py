"""MessageBird SMS/e-mail survey: ``mt`` invitations and ``mo`` replies in the list API shape.

A person writes the score inside the reply: ``8``, ``8/10``, ``een 8``, ``acht``, ``10!!`` or
not at all, often with a few words and now and then a name or phone number.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

import numpy as np

from klantmonitor.generate import pii
from klantmonitor.generate.clock import OFFICE_HOURS, iso_utc
from klantmonitor.generate.comments import Commenter, Texts
from klantmonitor.generate.day import Day, json_lines
from klantmonitor.generate.population import CLIENTS, SERVICES, case_numbers, weights
from klantmonitor.generate.scores import latent, mood, scale
from klantmonitor.generate.seeds import counters, scramble
from klantmonitor.generate.spoken import UNITS
from klantmonitor.sources.contract import SOURCES

SOURCE = SOURCES["messagebird"]
RESPONSE_RATE = (0.30, 0.45)  # replies per invitation, drawn per day
EMAIL_SHARE = 0.2
SENDER = {"sms": "KLANTINFOCUS", "email": "enquete@klantinfocus.nl"}
SCORE_WORDS = (*UNITS, "tien")
_CATEGORY = {"sms": "phone", "email": "email"}


def _score_text(r: random.Random, score: int) -> str:
    """A score as a person types it."""
    if r.random() < 0.08:
        return ""
    return r.choice((
        str(score), str(score), f"{score}/10", f"een {score}", SCORE_WORDS[score],
        f"{score}!!", f"Ik geef een {score}", f"cijfer {score}", f"{score}.",
    ))  # fmt: skip


def _reply_bodies(r: random.Random, scores: list[int], texts: list[str]) -> list[str]:
    """Score and words of each reply, JSON-encoded: ``"8/10, snel opgelost. groet Piet"``."""
    bodies = []
    for score, text in zip(scores, texts, strict=True):
        parts = (_score_text(r, score), text)
        sep = r.choice((" ", ", ", ". ", "\n"))
        body = sep.join(p for p in parts if p) or r.choice(("STOP", "?", "wie is dit"))
        bodies.append(json.dumps(body, ensure_ascii=False))
    return bodies


def _invitation(kind: str, client: int, service: int) -> tuple[str, str]:
    """The invitation text around its case number, JSON-encoded: (before, after)."""
    name = CLIENTS[client].name
    if kind == "sms":
        text = (
            f"Gemeente {name}: hoe tevreden bent u over de afhandeling van {_CASE}? "
            "Antwoord met een cijfer van 0 tot 10."
        )
    else:
        text = (
            f"Beste inwoner,\n\nU had onlangs contact met gemeente {name} over "
            f"{SERVICES[service].name} ({_CASE}). Hoe tevreden bent u (0-10)? Beantwoord deze "
            f"e-mail met een cijfer.\n\nMet vriendelijke groet,\nGemeente {name}"
        )
    before, after = json.dumps(text, ensure_ascii=False).split(_CASE)
    return before, after


_CASE = "<case>"


def _ids(day: Day, n: int, offset: int) -> list[str]:
    """32-hex message ids, unique per day."""
    c = counters(day.date, n) + offset
    parts = [scramble(c, key).tolist() for key in (0x11, 0x22, 0x33, 0x44)]
    return [f"{a:08x}{b:08x}{c:08x}{d:08x}" for a, b, c, d in zip(*parts, strict=True)]


def _document(items: list[str], order: list[int]) -> Iterator[bytes]:
    """The vendor's list document with one item per line, streamed in ``order``."""
    total = len(items)
    head = f'{{"offset": 0, "limit": {max(5000, total)}, "count": {total}, "totalCount": {total}'
    yield f'{head}, "items": ['.encode()
    for k, i in enumerate(order):
        yield (",\n" if k else "\n").encode() + items[i].encode()
    yield b"\n]}\n"


def write(day: Day, n: int) -> None:
    """Write ``messages.json`` with ``n`` replies and the invitations they answer."""
    rng, r, people = day.rng(SOURCE.name), day.random(SOURCE.name), day.people
    rate = rng.uniform(*RESPONSE_RATE)
    m = max(n, round(n / rate))
    sent = np.sort(day.clock.sample(rng, m, OFFICE_HOURS))
    clients = rng.choice(len(CLIENTS), m, p=weights(CLIENTS))
    services = rng.choice(len(SERVICES), m, p=weights(SERVICES))
    cases = case_numbers(rng, services, day.date.year)
    is_email = rng.random(m) < EMAIL_SHARE
    persons = people.pick(rng, clients)
    contact = [
        people.email[p] if e else pii.international_digits(people.mobile[p])
        for p, e in zip(persons.tolist(), is_email.tolist(), strict=True)
    ]

    replied = np.sort(rng.choice(m, n, replace=False))
    answered = day.clock.clamp(sent[replied] + 20 + rng.exponential(2400, n).astype(np.int64))
    z = latent(rng, clients[replied], services[replied])
    scores = scale(z, 0, 10, 7.0, 2.0)
    moods, langs = mood(z), np.where(rng.random(n) < 0.06, "en", "nl")
    texts: dict[str, Texts] = {}
    for style, mask in (("sms", ~is_email[replied]), ("web", is_email[replied])):
        texts[style] = Commenter(style, people, r, day.date).texts(
            rng, mask & (rng.random(n) < 0.7), moods, langs, services[replied], persons[replied]
        )

    mt_ids, mo_ids = _ids(day, m, 0), _ids(day, n, m)
    stamps = [f'"{t}"' for t in iso_utc(np.concatenate([sent, answered]), "+00:00")]
    kinds = ["email" if e else "sms" for e in is_email.tolist()]
    refs = [
        f'"INV-{CLIENTS[c].code}-{case}"' for c, case in zip(clients.tolist(), cases, strict=True)
    ]
    invitations = {
        (kind, c, svc): _invitation(kind, c, svc)
        for kind in SENDER
        for c in range(len(CLIENTS))
        for svc in range(len(SERVICES))
    }
    mt_bodies = []
    for kind, c, svc, case in zip(kinds, clients.tolist(), services.tolist(), cases, strict=True):
        before, after = invitations[(kind, c, svc)]
        mt_bodies.append(before + case + after)
    texts_of = [texts["web" if kinds[k] == "email" else "sms"] for k in replied.tolist()]
    bodies = _reply_bodies(r, scores.tolist(), [t.text[j] for j, t in enumerate(texts_of)])
    quoted = [f'"{c}"' for c in contact]
    sender = [f'"{SENDER[kind]}"' for kind in kinds]
    invited = json_lines(
        SOURCE,
        {
            "id": [f'"{i}"' for i in mt_ids],
            "direction": ['"mt"'] * m,
            "type": [f'"{kind}"' for kind in kinds],
            "originator": sender,
            "recipient": quoted,
            "body": mt_bodies,
            "createdDatetime": stamps[:m],
            "reference": refs,
        },
    )
    rep = replied.tolist()
    replies = json_lines(
        SOURCE,
        {
            "id": [f'"{i}"' for i in mo_ids],
            "direction": ['"mo"'] * n,
            "type": [f'"{kinds[k]}"' for k in rep],
            "originator": [quoted[k] for k in rep],
            "recipient": [sender[k] for k in rep],
            "body": bodies,
            "createdDatetime": stamps[m:],
            "reference": [refs[k] for k in rep],
        },
    )
    order = np.argsort(np.concatenate([sent, answered]), kind="stable").tolist()
    items = invited + replies
    path = day.write_bytes(SOURCE.name, (SOURCE.pattern,), _document(items, order), len(items))
    file, categories = day.rel(path), [_CATEGORY[kind] for kind in kinds]
    day.ledger.add_column(SOURCE.name, file, "recipient", mt_ids, contact, categories)
    day.ledger.add_column(
        SOURCE.name,
        file,
        "originator",
        mo_ids,
        [contact[k] for k in rep],
        [categories[k] for k in rep],
    )
    spans = {j: t.spans[j] for j, t in enumerate(texts_of) if j in t.spans}
    day.ledger.add_spans(SOURCE.name, file, "body", mo_ids, spans)
