"""Does a value mention a subject? One test for every layer and format.

A text mentions a subject when it holds the subject's e-mail address, a phone number that
normalises to the subject's number (in any notation, also spelled out in a transcript), or one
of the subject's pseudonyms. Tables are tested column by column: cheap vectorised pre-filters
pick the candidates, the exact test confirms them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc

from klantmonitor.identifiers import PHONE_SEPARATOR, emails_in, phones_in
from klantmonitor.pii.engine import engine, number_words
from klantmonitor.pseudonym import pseudonym

# A phone number read out takes at least three number words in a row ("nul zes twaalf ...";
# "zeshonderdtwaalf" counts as one), or a number word next to a digit group ("nul zes
# 12345678", "06 twaalf ..."): the cheap test before digitising a text, for the exact test and
# the vectorised pre-filter alike. "een" alone (the article, in most Dutch sentences: "een 8")
# does not make a text a candidate.
_SIMPLE = [word for word, value in number_words().items() if value < 20 or value % 10 == 0]
_MORPHEMES = sorted({"honderd", "duizend", "plus", *_SIMPLE}, key=len, reverse=True)
_NUMBER_TOKEN = "(?:{0})(?:{0}|en|ën)*".format("|".join(_MORPHEMES))
_NOT_ONE = "|".join(m for m in _MORPHEMES if m not in ("een", "één", "eén"))
_NEAR_DIGITS = f"(?:{_NOT_ONE})(?:{'|'.join(_MORPHEMES)}|en|ën)*"
_SPELLED_RUN = (
    rf"\b{_NUMBER_TOKEN}(?:[\s,.-]+{_NUMBER_TOKEN}){{2,}}\b"
    rf"|\b{_NEAR_DIGITS}[\s,.-]+\d|\d[\s,.-]+{_NEAR_DIGITS}\b"
)
_SPELLED_RUN_RE = re.compile(_SPELLED_RUN)  # on lower-cased text
# The vectorised pre-filter runs on RE2 (pyarrow), which reads \b, \s and \d as ASCII; to let
# through every text the exact test (Python, Unicode: "één twee drie") finds, it has no word
# boundaries and Unicode spaces and digits.
_SPELLED_RUN_RE2 = (
    _SPELLED_RUN.replace(r"\b", "")
    .replace(r"\s", r"\s\p{Z}\x{1c}-\x{1f}")
    .replace(r"\d", r"\p{Nd}")
)


def _spelled(text: str) -> str | None:
    """``text`` with spelled-out Dutch numbers as digits, if it has any."""
    if not _SPELLED_RUN_RE.search(text.lower()):
        return None
    return engine().digitised(text)


def identifiers_in(text: str) -> set[tuple[str, str]]:
    """(kind, normalised value) of every e-mail address and phone number in ``text``."""
    found = {("email", e) for e in emails_in(text)}
    for variant in (text, _spelled(text)):
        if variant:
            found |= {("phone", p) for p in phones_in(variant)}
    return found


def pseudonyms_in(key: bytes, text: str) -> set[str]:
    """The keyed pseudonyms of the identifiers in ``text`` (what a tombstone is checked against)."""
    return {p for kind, value in identifiers_in(text) if (p := pseudonym(key, kind, value))}


def string_columns(table: pa.Table) -> dict[str, pa.ChunkedArray]:
    """The text columns of ``table`` (lists of text joined), by name."""
    columns = {}
    for name in table.column_names:
        column, kind = table[name], table.schema.field(name).type
        if pa.types.is_list(kind) and pa.types.is_string(kind.value_type):
            column = pc.binary_join(column, " ")
        elif not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            continue
        columns[name] = column
    return columns


def confirm(
    column: pa.ChunkedArray, candidates: pa.ChunkedArray, test: Callable[[str], bool]
) -> np.ndarray:
    """Row mask: the candidate values of ``column`` that pass ``test``."""
    hits = np.zeros(len(column), dtype=bool)
    rows = np.flatnonzero(pc.fill_null(candidates, False).to_numpy(zero_copy_only=False))
    if len(rows):
        values = column.take(pa.array(rows)).to_pylist()
        for row, value in zip(rows.tolist(), values, strict=True):
            hits[row] = value is not None and test(value)
    return hits


@dataclass(frozen=True)
class Subject:
    """The person a request is about: normalised identifiers and their pseudonyms."""

    email: str | None
    phone: str | None
    pseudonyms: tuple[str, ...]

    @classmethod
    def of(cls, key: bytes, email: str | None, phone: str | None) -> Subject:
        pseudonyms = (pseudonym(key, "email", email), pseudonym(key, "phone", phone))
        return cls(email, phone, tuple(p for p in pseudonyms if p))

    @property
    def email_pseudonym(self) -> str | None:
        return self.pseudonyms[0] if self.email else None

    @property
    def phone_pseudonym(self) -> str | None:
        return self.pseudonyms[-1] if self.phone else None

    @cached_property
    def _national(self) -> str | None:
        """The national significant number as a pattern: its digits in order, with the
        separators of any notation between them (``06-1234 5678``, ``+31 (0)6 12345678``)."""
        if not self.phone:
            return None
        return (PHONE_SEPARATOR + "*").join(str(phonenumbers.parse(self.phone).national_number))

    @cached_property
    def _national_re(self) -> re.Pattern[str]:
        return re.compile(self._national or "(?!)")

    def mentions(self, text: str) -> bool:
        """``text`` holds this subject's e-mail address, phone number or a pseudonym."""
        low = text.lower()
        if any(p in low for p in self.pseudonyms):
            return True
        if self.email and self.email in low and self.email in emails_in(text):
            return True
        if not self.phone:
            return False
        if self._national_re.search(text) and self.phone in phones_in(text):
            return True
        if not _SPELLED_RUN_RE.search(low):
            return False
        spelled = _spelled(text)
        return (
            bool(spelled)
            and bool(self._national_re.search(spelled))
            and self.phone in phones_in(spelled)
        )

    @cached_property
    def _candidate_re2(self) -> str:
        """Every pre-filter as one case-insensitive RE2 pattern (one pass over a column): a
        pseudonym, the e-mail address, the phone number in any notation, a spelled-out run."""
        parts = [re.escape(p) for p in self.pseudonyms]
        if self.email:
            parts.append(re.escape(self.email))
        if self._national:
            parts += [self._national, _SPELLED_RUN_RE2]
        return f"(?i)(?:{'|'.join(parts)})" if parts else r"\b\B"  # (never matches)

    def _candidates(self, column: pa.ChunkedArray) -> pa.ChunkedArray:
        return pc.match_substring_regex(column, self._candidate_re2)

    def _column_mask(self, column: pa.ChunkedArray) -> np.ndarray:
        """Values of a text column that mention this subject (vectorised pre-filter, then the
        exact test on the candidates only)."""
        return confirm(column, self._candidates(column), self.mentions)

    def mentioned_in(self, texts: Sequence[str]) -> np.ndarray:
        """Mask of the ``texts`` that mention this subject."""
        return self._column_mask(pa.chunked_array([pa.array(texts, pa.string())]))

    def mask(self, table: pa.Table) -> np.ndarray:
        """Rows of ``table`` with a text column that mentions this subject."""
        hits = np.zeros(table.num_rows, dtype=bool)
        for column in string_columns(table).values():
            hits |= self._column_mask(column)
        return hits
