"""Spelled-out Dutch numbers in speech-to-text transcripts, turned into digits.

IVR transcripts say "mijn nummer is nul zes een twee drie ...". :func:`digitise` replaces each
number word (``nul`` .. ``negenennegentig``, ``(twee)honderd(zestien)``, ``(twee)duizend``, and
``plus`` before a number) that stands in a run of number words, digits or single letters by its
digits, keeping the separators, so that the rules of :mod:`klantmonitor.pii.patterns` find phone
numbers, BSNs, house numbers, postcodes, plates and dates in it ("nul zes j f j een" is a
plate). :meth:`Digitised.to_original` maps a position in the digitised text back.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from klantmonitor.pii.patterns import STREET_SUFFIXES

_UNITS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS = "tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien"
_TENS = "twintig dertig veertig vijftig zestig zeventig tachtig negentig"


def _below_100() -> dict[str, int]:
    """Every Dutch number word from 0 to 99 (with and without diaeresis) -> its value."""
    words = {word: value for value, word in enumerate(_UNITS)} | {"één": 1, "eén": 1}
    words |= {word: 10 + value for value, word in enumerate(_TEENS.split())}
    for tens, tens_word in enumerate(_TENS.split(), start=2):
        words[tens_word] = 10 * tens
        for unit in range(1, 10):
            for joint in ("en", "ën"):
                words[f"{_UNITS[unit]}{joint}{tens_word}"] = 10 * tens + unit
    return words


BELOW_100: dict[str, int] = _below_100()

_SMALL = "|".join(sorted(map(re.escape, BELOW_100), key=len, reverse=True))
_MULTIPLIER = "|".join(_UNITS[2:])
_VALUE_RE = re.compile(
    rf"(?:(?P<thousands>{_MULTIPLIER})?duizend"
    rf"|(?P<hundreds>{_MULTIPLIER})?honderd(?P<rest>{_SMALL})?|(?P<small>{_SMALL}))"
)
_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")
_STREET_BEFORE_RE = re.compile(rf"(?:{'|'.join(STREET_SUFFIXES)})[ \t]+$", re.IGNORECASE)
_LONE = frozenset({"een", "één", "eén"})  # "een" alone is the article, not the number 1
_HINT_WORDS = frozenset(BELOW_100) - _LONE
_LETTERS = frozenset("bcdfghjklmnpqrstvwxz")


def _digits(word: str) -> str:
    """The digits of one number word ("plus" -> "+")."""
    if word == "plus":
        return "+"
    m = _VALUE_RE.fullmatch(word)
    if m is None:  # cannot happen: _runs only passes number words
        return word
    if m["small"]:
        return str(BELOW_100[m["small"]])
    if m["hundreds"] is not None or "honderd" in word:
        rest = BELOW_100[m["rest"]] if m["rest"] else 0
        return str(100 * (_UNITS.index(m["hundreds"]) if m["hundreds"] else 1) + rest)
    return str(1000 * (_UNITS.index(m["thousands"]) if m["thousands"] else 1))


@dataclass(frozen=True, slots=True)
class Digitised:
    """Text with its number words replaced by digits, and the edits made (for mapping back)."""

    text: str
    new_starts: tuple[int, ...]
    new_ends: tuple[int, ...]
    old_starts: tuple[int, ...]
    old_ends: tuple[int, ...]

    def to_original(self, pos: int, *, is_end: bool = False) -> int:
        """Map a start (or, with ``is_end``, an end) position in :attr:`text` to the original."""
        if is_end:
            i = bisect_left(self.new_starts, pos) - 1
            if i < 0:
                return pos
            if pos <= self.new_ends[i]:
                return self.old_ends[i]
            return self.old_ends[i] + pos - self.new_ends[i]
        i = bisect_right(self.new_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self.new_ends[i]:
            return self.old_starts[i]
        return self.old_ends[i] + pos - self.new_ends[i]


def _runs(text: str) -> list[list[tuple[int, int, str, bool]]]:
    """Runs of number words, digit groups and single letters, separated by spaces, commas or
    dashes; each item is (start, end, lower-cased token, is a number word)."""
    runs: list[list[tuple[int, int, str, bool]]] = []
    run: list[tuple[int, int, str, bool]] = []
    for m in _TOKEN_RE.finditer(text):
        low = m[0].lower()
        word = low in BELOW_100 or (
            ("honderd" in low or "duizend" in low) and bool(_VALUE_RE.fullmatch(low))
        )
        if word or low.isdigit() or len(low) == 1 or (low == "plus" and not run):
            start = m.start()
            if run and text[run[-1][1] : start].strip(" \t,-"):
                runs.append(run)
                run = []
            run.append((start, m.end(), low, word or low == "plus"))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def digitise(text: str, words: set[str]) -> Digitised | None:
    """Replace spelled-out numbers by digits; None when the text has none worth replacing.

    ``words`` are the text's lower-cased words (:func:`klantmonitor.pii.lexicon.words_of`).
    """
    if _HINT_WORDS.isdisjoint(words) and not (
        "een" in words  # "h s", a plate's letters, or a street in a transcript
        and (
            not _LETTERS.isdisjoint(words)
            or (text.islower() and any(w.endswith(STREET_SUFFIXES) for w in words))
        )
    ):
        low = text.lower()
        if "honderd" not in low and "duizend" not in low:
            return None
    edits: list[tuple[int, int, str]] = []
    for run in _runs(text):
        words = [(start, end, low) for start, end, low, is_word in run if is_word]
        if all(low == "plus" for _, _, low in words) or (
            len(words) == 1
            and words[0][2] in _LONE
            and all(len(t[2]) > 1 for t in run)
            and not _STREET_BEFORE_RE.search(text, max(0, run[0][0] - 40), run[0][0])
        ):
            continue  # "een" alone is the article ("een 8"), unless spelled with letters or
            # after a street ("ik woon op de marktplein een")
        edits += [(start, end, _digits(low)) for start, end, low in words]
    if not edits:
        return None
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    last = length = 0
    for start, end, digits in edits:
        pieces += (text[last:start], digits)
        length += start - last
        new_starts.append(length)
        length += len(digits)
        new_ends.append(length)
        last = end
    pieces.append(text[last:])
    return Digitised(
        text="".join(pieces),
        new_starts=tuple(new_starts),
        new_ends=tuple(new_ends),
        old_starts=tuple(start for start, _, _ in edits),
        old_ends=tuple(end for _, end, _ in edits),
    )
