"""SMILE portal: kiosk and web-widget answers as JSON Lines; kiosks sometimes lose power."""

from __future__ import annotations

import json

import numpy as np

from klantmonitor.generate.clock import OFFICE_HOURS, WAKING_HOURS
from klantmonitor.generate.comments import Commenter
from klantmonitor.generate.day import Day, json_lines
from klantmonitor.generate.population import CLIENTS, weights
from klantmonitor.generate.scores import latent, mood, scale
from klantmonitor.generate.seeds import counters
from klantmonitor.sources.contract import SOURCES

SOURCE = SOURCES["smile"]
TRUNCATED_DAYS = 0.2  # share of days whose last line is cut off (kiosk power loss)
CHANNELS = ("balie", "web", "chat")
CHANNEL_SHARE = (0.55, 0.35, 0.10)
CHANNEL_EFFECT = np.array([0.35, 0.0, 0.1])
QUESTIONS = {
    "nl": (
        "Hoe tevreden bent u over onze dienstverlening?",
        "Hoe snel bent u geholpen?",
        "Hoe duidelijk was de informatie?",
        "Hoe waarschijnlijk is het dat u ons aanbeveelt?",
    ),
    "en": (
        "How satisfied are you with our service?",
        "How quickly were you helped?",
        "How clear was the information?",
        "How likely are you to recommend us?",
    ),
}


def _place(client: int, channel: int, kiosk: int) -> tuple[str, str]:
    """(terminal_id, location), JSON-encoded: a kiosk at a counter, or the web/chat widget."""
    code, locations = CLIENTS[client].code, CLIENTS[client].locations
    if channel:
        return f'"{CHANNELS[channel].upper()}-{code}"', "null"
    k = kiosk % len(locations)
    return f'"KIOSK-{code}-{k + 1:02d}"', json.dumps(locations[k], ensure_ascii=False)


def write(day: Day, n: int) -> None:
    """Write ``smile_export.jsonl`` with about ``n`` answers (sessions of 1-4 answers)."""
    rng, r, people = day.rng(SOURCE.name), day.random(SOURCE.name), day.people
    sizes = rng.choice([1, 2, 3, 4], int(n / 2.4) + 8, p=[0.2, 0.3, 0.3, 0.2])
    sizes = sizes[: int(np.searchsorted(np.cumsum(sizes), n)) + 1]
    sizes[-1] -= max(0, int(sizes.sum()) - n)
    sizes = sizes[sizes > 0]
    s = len(sizes)
    channels = rng.choice(3, s, p=CHANNEL_SHARE)
    starts = np.where(
        channels == 0,
        day.clock.sample(rng, s, OFFICE_HOURS),
        day.clock.sample(rng, s, WAKING_HOURS),
    )
    order = np.argsort(starts, kind="stable")
    channels, starts = channels[order], starts[order]
    clients = rng.choice(len(CLIENTS), s, p=weights(CLIENTS))
    kiosk = rng.integers(0, 6, s)
    langs = np.where(rng.random(s) < 0.1, "en", "nl")
    z = latent(rng, clients, None, CHANNEL_EFFECT[channels])

    # one row per answer
    session = np.repeat(np.arange(s), sizes)
    question = np.arange(len(session)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    last = np.r_[session[1:] != session[:-1], True]
    az = z[session] + rng.normal(0, 0.5, len(session))
    answers = scale(az, 1, 5, 3.6, 1.0)
    skipped = rng.random(len(session)) < 0.05
    ts = day.clock.clamp(starts[session] + question * rng.integers(4, 25, len(session)))
    ts_ms = ts * 1000 + rng.integers(0, 1000, len(session))
    persons = people.pick(rng, clients[session])
    texts = Commenter("web", people, r, day.date).texts(
        rng, last & (rng.random(len(session)) < 0.3), mood(az), langs[session], None, persons
    )
    base = counters(day.date, len(session)) + 100_000
    ids = [f"R-{c:09d}" for c in base.tolist()]
    session_ids = (counters(day.date, s) + 50_000).tolist()

    encode = json.JSONEncoder(ensure_ascii=False).encode
    questions = {lang: [encode(q) for q in qs] for lang, qs in QUESTIONS.items()}
    places = [
        _place(c, ch, k)
        for c, ch, k in zip(clients.tolist(), channels.tolist(), kiosk.tolist(), strict=True)
    ]
    sess, q_of = session.tolist(), question.tolist()
    lang_of = [str(langs[k]) for k in sess]
    answer_of = [
        "null" if skip else str(a)
        for a, skip in zip(answers.tolist(), skipped.tolist(), strict=True)
    ]
    lines = json_lines(
        SOURCE,
        {
            "response_id": [f'"{i}"' for i in ids],
            "session_id": [f'"S-{session_ids[k]:010d}"' for k in sess],
            "terminal_id": [places[k][0] for k in sess],
            "client": [f'"{CLIENTS[clients[k]].code}"' for k in sess],
            "location": [places[k][1] for k in sess],
            "channel": [f'"{CHANNELS[channels[k]]}"' for k in sess],
            "question_id": [f'"Q{q + 1}"' for q in q_of],
            "question": [questions[lang][q] for lang, q in zip(lang_of, q_of, strict=True)],
            "answer": answer_of,
            "free_text": [encode(t) if t else "null" for t in texts.text],
            "ts": [str(t) for t in ts_ms.tolist()],
            "lang": [f'"{lang}"' for lang in lang_of],
        },
    )
    encoded = [f"{line}\n".encode() for line in lines]
    truncated = bool(lines) and rng.random() < TRUNCATED_DAYS
    if truncated:  # cut mid-line, no line end: the kiosk lost power while writing
        cut = len(lines[-1]) // 2 + r.randrange(max(1, len(lines[-1]) // 3))
        encoded[-1] = lines[-1][:cut].encode()
    path = day.write_bytes(SOURCE.name, (SOURCE.pattern,), b"".join(encoded), len(lines))
    file = day.rel(path)
    day.ledger.add_spans(SOURCE.name, file, "free_text", ids, texts.spans)
    if truncated:
        tail = lines[-1][:cut]
        day.ledger.discard(file, ids[-1], lambda value: value in tail)
