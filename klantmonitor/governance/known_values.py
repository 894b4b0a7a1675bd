"""Clear identifier values the platform holds in the raw zone, as matchable keys.

The PII-absence check's known-value rule: no name, e-mail address or phone number of a person in
a contact field (feedback contacts, CRM, forms, applications, newsletter, subject requests) may
appear in any text downstream. Values are normalised (e-mail: lower case; phone: E.164 when it
is a valid number, as for the pseudonyms; name: a full name of at least two words, lower case,
without punctuation) and matched against what :func:`KnownValues.kinds_in` extracts from a text. The
values live in memory only for the check; nothing of them is reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from klantmonitor.governance.batch_search import joined, marked_texts
from klantmonitor.identifiers import EMAIL, PHONE_RUN, emails_in, written_numbers
from klantmonitor.paths import DataPaths
from klantmonitor.pseudonym import normalise_phone
from klantmonitor.retention.facts import parquet_scan, raw_files

#: Identifier columns of the raw zone per source: SQL expression -> kind. ``contact`` holds an
#: e-mail address or a phone number (MessageBird's originator / recipient).
IDENTIFIER_FIELDS: dict[str, dict[str, str]] = {
    "govmetric": {'"ContactName"': "name", '"ContactEmail"': "email", '"ContactPhone"': "phone"},
    "ivr": {'"Beller"': "phone"},
    "messagebird": {"originator": "contact", "recipient": "contact"},
    "zivver": {'"Naam afzender"': "name"},
    "crm": {"first_name || ' ' || last_name": "name", "email": "email", "phone": "phone"},
    "newsletter": {"email": "email"},
    "forms": {"name": "name", "email": "email", "phone": "phone"},
    "applications": {"first_name || ' ' || last_name": "name", "email": "email", "phone": "phone"},
    "subject_requests": {"email": "email", "phone": "phone"},
}

_NON_WORD = re.compile(r"[\W_]+")
_AT = re.compile("@")
_NON_DIGIT = re.compile(r"\D")
_TAIL = 7  # an E.164 number ends with the digits as written, whatever the prefix
_MAX_NAME_WORDS = 5


def email_key(value: str) -> str | None:
    text = value.strip().lower()
    return text if EMAIL.fullmatch(text) else None


def phone_key(value: str) -> str | None:
    """E.164 of a valid number (the pseudonyms' normalisation): a vendor id whose digits end
    like someone's number (``R-2637518604``) is no phone number."""
    return normalise_phone(value)


def name_key(value: str) -> str | None:
    words = _NON_WORD.sub(" ", value.lower()).split()
    text = " ".join(words)
    return text if 2 <= len(words) <= _MAX_NAME_WORDS and len(text) >= 5 else None


def _kind(kind: str, value: str) -> str:
    """The kind of a value of a field of ``kind`` (a ``contact`` is an e-mail address or a
    phone number)."""
    if kind == "contact":
        return "email" if "@" in value else "phone"
    return kind


@dataclass
class KnownValues:
    """Normalised clear identifiers by kind (``email``, ``phone``, ``name``)."""

    email: set[str] = field(default_factory=set)
    phone: set[str] = field(default_factory=set)
    name: set[str] = field(default_factory=set)
    #: last digits of each known phone number: a cheap first test before full normalisation
    phone_tails: set[str] = field(default_factory=set)
    #: first and second word of each known name: a text without both holds no known name
    name_heads: set[str] = field(default_factory=set)
    name_seconds: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.email) + len(self.phone) + len(self.name)

    def add(self, kind: str, value: str | None) -> None:
        if not value:
            return
        kind = _kind(kind, value)
        key = {"email": email_key, "phone": phone_key, "name": name_key}[kind](value)
        if key:
            getattr(self, kind).add(key)
            if kind == "phone":
                self.phone_tails.add(key[-_TAIL:])
            elif kind == "name":
                head, second = key.split(" ")[:2]
                self.name_heads.add(head)
                self.name_seconds.add(second)

    def _holds_known_phone(self, run: str) -> bool:
        """The phone run ``run`` is a known number, as a whole or as one of the numbers written
        one after another in it (:func:`~klantmonitor.identifiers.written_numbers`); last digits
        first. Not every digit group as a subject's lookup reads a run: against every number of
        the raw zone, a case number's last nine digits would match somebody's by chance."""
        return any(
            _NON_DIGIT.sub("", number)[-_TAIL:] in self.phone_tails
            and phone_key(number) in self.phone
            for number in (run, *written_numbers(run))
        )

    def kinds_in(self, text: str) -> list[str]:
        """The kinds of known value that occur in ``text`` (never which value)."""
        return list(self.kinds_in_many([text])[0])

    def kinds_in_many(self, texts: Sequence[str]) -> list[tuple[str, ...]]:
        """:meth:`kinds_in` of each of ``texts``. The patterns run once over all of them,
        joined by a NUL (which none of them crosses): ``@``, phone numbers, and the first and
        second words of known names; only texts with both words are read word by word."""
        buffer, starts = joined(texts)
        with_email = set(marked_texts(_AT, buffer, starts))
        with_phone = set(
            marked_texts(PHONE_RUN, buffer, starts, lambda m: self._holds_known_phone(m.group()))
        )
        with_name = self._with_name_words(buffer, starts)
        found: list[tuple[str, ...]] = [()] * len(texts)
        for i in with_email | with_phone | with_name:
            found[i] = self._kinds(texts[i], i in with_email, i in with_phone, i in with_name)
        return found

    def _with_name_words(self, buffer: str, starts: Sequence[int]) -> set[int]:
        """The texts holding the first and the second word of some known name."""
        low = buffer.lower()
        words = set(_NON_WORD.split(low))
        heads = self.name_heads & words
        seconds = self.name_seconds & words
        if not heads or not seconds:
            return set()
        if len(low) != len(buffer):  # lower-casing moved positions ("İ"): read every text
            return set(range(len(starts)))
        return set(marked_texts(_whole_words(heads), low, starts)) & set(
            marked_texts(_whole_words(seconds), low, starts)
        )

    def _kinds(self, text: str, at: bool, known_phone: bool, name_words: bool) -> tuple[str, ...]:
        found = []
        if at and not emails_in(text).isdisjoint(self.email):
            found.append("email")
        if known_phone:
            found.append("phone")
        if name_words:
            words = _NON_WORD.sub(" ", text.lower()).split()
            if any(
                " ".join(words[i : i + n]) in self.name
                for n in range(2, _MAX_NAME_WORDS + 1)
                for i in range(len(words) - n + 1)
            ):
                found.append("name")
        return tuple(found)


def _whole_words(words: set[str]) -> re.Pattern[str]:
    """Any of ``words`` (lower case) as a whole word, as :data:`_NON_WORD` splits them."""
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def load_known_values(con: duckdb.DuckDBPyConnection, paths: DataPaths) -> KnownValues:
    """Every identifier value in the raw zone, normalised (each distinct value of a kind once,
    however many fields hold it)."""
    values: dict[str, set[str]] = {"email": set(), "phone": set(), "name": set()}
    for source, fields in IDENTIFIER_FIELDS.items():
        files = raw_files(paths, source)
        if not files:
            continue
        scan = parquet_scan(files)
        for expression, kind in fields.items():
            for (value,) in con.execute(f"select distinct {expression} from {scan}").fetchall():
                if value:
                    values[_kind(kind, value)].add(value)
    known = KnownValues()
    for kind, distinct in values.items():
        for value in distinct:
            known.add(kind, value)
    return known
