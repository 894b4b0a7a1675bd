"""Free text with PII mixed in at a known rate, in four styles.

``web`` (GovMetric comments, SMILE free text: Dutch or English, emoji, quotes, line breaks),
``sms`` (short replies), ``speech`` (IVR transcripts: lower case, numbers said) and ``letter``
(letters typed in by client staff). Clean texts also carry hard negatives: case numbers,
amounts, times, appointment dates, 14 020 and 0900 numbers.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

import numpy as np

from klantmonitor.generate import pii, spoken
from klantmonitor.generate.ledger import Span
from klantmonitor.generate.names import MONTHS_NL
from klantmonitor.generate.phrases import (
    EMOJI,
    HARD_NEGATIVES,
    LETTER_CLOSINGS,
    LETTER_OPENINGS,
    PII_MIX,
    PII_TEMPLATES,
    SENTENCES,
    SMS,
    SPEECH_EXTRAS,
    SPEECH_OPENINGS,
)
from klantmonitor.generate.population import SERVICES, Population, format_case
from klantmonitor.generate.seeds import fill_from

# Share of free texts that carry at least one PII value, per style.
PII_RATE: dict[str, float] = {"web": 0.12, "sms": 0.12, "speech": 0.12, "letter": 0.40}
POOL_MAX = 400  # distinct clean texts per (service, mood, language) and day
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Texts:
    """One text per row ("" = none) and the PII spans put into them, by row."""

    text: list[str]
    spans: dict[int, list[Span]]


class Commenter:
    """Writes one style of free text for one day and source."""

    def __init__(self, style: str, people: Population, r: random.Random, day: dt.date) -> None:
        self.style, self.people, self.r, self.day = style, people, r, day
        self.rate = PII_RATE[style]
        self._pools: dict[tuple[int, int, str], list[str]] = {}

    def texts(
        self,
        rng: np.random.Generator,
        present: np.ndarray,
        moods: np.ndarray,
        langs: np.ndarray,
        services: np.ndarray | None,
        persons: np.ndarray,
    ) -> Texts:
        """A text for every row where ``present``; PII in about ``rate`` of them."""
        n = len(present)
        out = [""] * n
        rows = np.flatnonzero(present)
        with_pii = rows[rng.random(len(rows)) < self.rate]
        clean = np.setdiff1d(rows, with_pii)
        svc = services if services is not None else np.full(n, -1)
        english = langs == "en"
        key = ((svc + 1) * 3 + moods) * 2 + english
        for k in np.unique(key[clean]).tolist():
            sel = clean[key[clean] == k]
            row0 = int(sel[0])
            pool = self._pool((int(svc[row0]), int(moods[row0]), str(langs[row0])), len(sel))
            fill_from(rng, out, sel, pool)
        spans: dict[int, list[Span]] = {}
        for row in with_pii.tolist():
            lang = str(langs[row])
            body = self._body(int(svc[row]), int(moods[row]), lang)
            out[row], spans[row] = self._with_pii(body, int(persons[row]), lang)
        return Texts(out, spans)

    # -- clean text ------------------------------------------------------------------------

    def _pool(self, key: tuple[int, int, str], wanted: int) -> list[str]:
        if key not in self._pools:
            size = min(POOL_MAX, wanted)
            self._pools[key] = [self._assemble(self._body(*key), [], []) for _ in range(size)]
        return self._pools[key]

    def _sentence(self, service: int, mood: int, lang: str) -> str:
        name = SERVICES[service].name if service >= 0 else ""
        options = SENTENCES.get((name, mood, lang)) or SENTENCES[("", mood, lang)]
        return self.r.choice(options)

    def _hard_negative(self, lang: str) -> str:
        r = self.r
        appointment = self.day + dt.timedelta(days=r.randint(1, 40))
        service = r.randrange(len(SERVICES))
        return r.choice(HARD_NEGATIVES[lang]).format(
            case=format_case(SERVICES[service].case_prefix, self.day.year, r.randint(1, 999_999)),
            amount=r.choice(("€ {},{:02d}", "€{},{:02d}", "EUR {},{:02d}")).format(
                r.randint(5, 250), r.choice((0, 50, 95, r.randint(1, 99)))
            ),
            date=r.choice(
                (
                    f"{appointment.day} {MONTHS_NL[appointment.month - 1]}",
                    appointment.strftime("%d-%m-%Y"),
                )
            ),
            time=r.choice((f"{r.randint(8, 16)}:{r.choice((0, 15, 30, 45)):02d}", "9.30 uur")),
            tel=f"0900-{r.randrange(10**6, 10**7)}",
            number=r.randint(1, 350),
            desk=r.randint(1, 12),
        )

    def _body(self, service: int, mood: int, lang: str) -> str:
        r = self.r
        if self.style == "sms":
            return "" if r.random() < 0.25 else r.choice(SMS[(mood, lang)])
        if self.style == "speech":
            parts = [
                r.choice(SPEECH_OPENINGS),
                spoken.speechify(self._sentence(service, mood, "nl")),
            ]
            if r.random() < 0.3:
                parts.append(spoken.speechify(self._hard_negative("nl")))
            if r.random() < 0.25:
                parts.append(r.choice(SPEECH_EXTRAS).format(n=r.randint(5, 150)))
            return " ".join(parts)
        parts = [self._sentence(service, mood, lang)]
        if r.random() < (0.6 if self.style == "letter" else 0.4):
            parts.append(self._sentence(-1, mood, lang))
        if r.random() < 0.35:
            parts.insert(r.randrange(len(parts) + 1), self._hard_negative(lang))
        text = ("\n" if r.random() < 0.08 else " ").join(parts)
        if self.style == "web" and r.random() < 0.1:
            text = f"{text} {r.choice(EMOJI[mood])}"
        return text

    def _assemble(self, body: str, inline: list[str], signoffs: list[str]) -> str:
        r = self.r
        if self.style == "letter":
            text = " ".join([body, *inline])
            opening, closing = r.choice(LETTER_OPENINGS), r.choice(LETTER_CLOSINGS)
            return "\n".join([f"{opening}\n\n{text}\n\n{closing}", *signoffs])
        if self.style in ("speech", "sms"):
            sep = " " if self.style == "speech" else r.choice((" ", ", ", ". "))
            return sep.join(p for p in (body, *inline, *signoffs) if p)
        parts = [body]
        for fragment in inline:
            parts.insert(0 if r.random() < 0.35 else len(parts), fragment)
        text = " ".join(parts)
        for signoff in signoffs:
            text += r.choice((" ", "\n", "\n\n")) + signoff
        return text

    # -- PII -------------------------------------------------------------------------------

    def _with_pii(self, body: str, person: int, lang: str) -> tuple[str, list[Span]]:
        r = self.r
        templates = PII_TEMPLATES.get((self.style, lang)) or PII_TEMPLATES[(self.style, "nl")]
        mix = {c: w for c, w in PII_MIX[self.style].items() if c in templates}
        count = r.choices((1, 2, 3), (0.75, 0.2, 0.05))[0]
        categories = list(dict.fromkeys(r.choices(list(mix), list(mix.values()), k=count)))
        inline: list[str] = []
        signoffs: list[str] = []
        spans: list[Span] = []
        for category in categories:
            template = r.choice(templates[category])
            if template.startswith("~") and signoffs:
                continue
            text = _PLACEHOLDER.sub(lambda m: self._fill(m[1], person, spans), template)
            (signoffs if template.startswith("~") else inline).append(text.lstrip("~"))
        return self._assemble(body, inline, signoffs), spans

    def _fill(self, placeholder: str, i: int, spans: list[Span]) -> str:
        category, value = self._value(placeholder, i)
        if category:
            spans.append((category, value))
        return value

    def _value(self, placeholder: str, i: int) -> tuple[str | None, str]:
        """(category or None, text) of one placeholder for person ``i`` in this style."""
        p, r, said = self.people, self.r, self.style == "speech"
        match placeholder:
            case "full":
                return "name", spoken.fold(p.full_name(i)) if said else p.full_name(i)
            case "initial":
                return "name", p.initial_name(i)
            case "first":
                return "name", spoken.fold(p.first[i]) if said else p.first[i]
            case "email":
                return "email", spoken.email_words(p.email[i]) if said else p.email[i]
            case "phone":
                number = p.phone(i, r)
                return "phone", spoken.spell(number) if said else pii.phone_notation(number, r)
            case "street":
                if said:
                    return "address", spoken.house_words(p.street[i], p.house_number[i])
                return "address", p.street_address(i)
            case "postcode":
                if said:
                    return "postcode", spoken.spell(p.postcode[i])
                return "postcode", f"{p.postcode[i]} {p.house_number[i]}"
            case "pc":
                return "postcode", p.postcode[i]
            case "town":
                return None, p.town[i]
            case "iban":
                return "iban", pii.iban_notation(p.iban[i], r)
            case "bsn":
                return "bsn", spoken.spell(p.bsn[i]) if said else pii.bsn_notation(p.bsn[i], r)
            case "plate":
                return "licence_plate", spoken.spell(p.plate[i]) if said else p.plate[i]
            case "ip":
                return "ip", pii.ip_address(r)
            case "dob":
                b = p.birth[i]
                if said:
                    return "date_of_birth", spoken.date_words(b.day, MONTHS_NL[b.month - 1], b.year)
                return "date_of_birth", pii.date_notation(b, r)
            case "card":
                return "card_number", pii.card_notation(p.card[i], r)
        raise KeyError(placeholder)
