"""Street + house number: found from the number backwards.

For every house number (:data:`klantmonitor.pii.patterns.HOUSE_NUMBER`) the words before it
name a street when the last one ends like a street (``Kerkstraat``, ``molenweg``, any case,
with capitalised words and particles before it: ``Eerste Van der Helststraat``), or when they
are in deduce's street list (``Damrak``, ``Lange Voorhout``), or open with a capitalised
street-type word before a particle (``Laan van Nieuw Oost-Indië``), or follow "ik woon op (de)"
or "adres:" without stop words in between ("ik woon hier sinds 2019" is none). A listed one-word
street must be capitalised, not an ordinary word and not open a sentence ("Balie 3" is a
counter).
"""

from __future__ import annotations

import re

from klantmonitor.pii.lexicon import lexicon, normalise
from klantmonitor.pii.patterns import HOUSE_NUMBER, STREET_SUFFIXES

_MAX_WORDS = 4  # words of a street name
_ADDRESS_CUE_RE = re.compile(
    r"(?:\bwoon(?:t|achtig)?|\bwonende|\badres(?:[ \t]+is)?:?)[ \t]+(?:(?:op|aan|in)[ \t]+)?"
    r"(?:(?:de|het|'t)[ \t]+)?$",
    re.IGNORECASE,
)
# every match of _ADDRESS_CUE_RE holds one of these in its lower-cased text ("adre": under
# IGNORECASE an "s" also matches a long "ſ", whose lower case is no "s")
_ADDRESS_CUE_WORDS = ("woon", "wonende", "adre")
_STREET_TYPES = frozenset(STREET_SUFFIXES)
_WORD_RE = re.compile(r"['’]?[^\W\d_][\w'’.-]*")


def find_streets(text: str) -> list[tuple[int, int]]:
    """Start and end of every street + house number in ``text``."""
    spans = []
    low = text.lower()
    cued = any(cue in low for cue in _ADDRESS_CUE_WORDS)
    for number in HOUSE_NUMBER.finditer(text):
        words = _words_before(text, number.start() - 1)
        start = _street_start(text, words, cued=cued) if words else None
        if start is not None:
            spans.append((start, number.end()))
    return spans


def _words_before(text: str, end: int) -> list[tuple[int, str]]:
    """The last words (position, word) before ``end``, separated by spaces only."""
    window = max(0, end - 80)
    words = [(m.start(), m.group()) for m in _WORD_RE.finditer(text, window, end)]
    if window and words and words[0][0] == window:
        words.pop(0)  # may be the tail of a longer word
    words = words[-_MAX_WORDS:]
    for k in range(len(words) - 1, 0, -1):
        if text[words[k - 1][0] + len(words[k - 1][1]) : words[k][0]].strip(" \t\u00a0"):
            return words[k:]
    return words


def _street_start(text: str, words: list[tuple[int, str]], *, cued: bool = True) -> int | None:
    """Where the street name in ``words`` (ending right before the number) starts, if any.

    ``cued``: the text may hold an address cue ("woon", "adres"; else that test is skipped).
    """
    lex = lexicon()
    for k in range(len(words) - 1 if cued else -1, -1, -1):  # "ik woon op de meent 23"
        position = words[k][0]
        if _ADDRESS_CUE_RE.search(text, max(0, position - 40), position):
            # but not "ik woon hier sinds 2019" (stop words other than particles: "van")
            after = {normalise(w) for _, w in words[k:]} - lex.particle_words
            if lex.stop_words.isdisjoint(after):
                return position
            break
    if words[-1][1].lower().endswith(STREET_SUFFIXES):
        first = len(words) - 1
        while first > 0 and _may_lead(words[first - 1][1]):
            first -= 1
        while first < len(words) - 1 and not words[first][1][0].isupper():
            first += 1  # a street name opens with its capitalised word, not with "op de"
        return words[first][0]
    for k in range(len(words) - 2):  # "Laan van Nieuw Oost-Indië 250", "Plein van de Vrede 4"
        word = words[k][1]
        if (
            word[0].isupper()
            and word.lower() in _STREET_TYPES
            and normalise(words[k + 1][1]) in lex.particle_words
            and all(_may_lead(w) for _, w in words[k + 2 :])
        ):
            return words[k][0]
    for k, (position, word) in enumerate(words):
        key = normalise(" ".join(w for _, w in words[k:]))
        if key not in lex.streets:
            continue
        single = k == len(words) - 1
        if not word[0].isupper() and single:
            continue  # "laan van meerdervoort 31" (a transcript), but not "balie 3"
        if single and (key in lex.ordinary or len(key) < 4 or _opens_sentence(text, position)):
            return None
        return position
    return None


def _may_lead(word: str) -> bool:
    """A word that may stand before the street-type word: "Eerste", "Van", "der", "Burg."."""
    return word[0].isupper() or normalise(word) in lexicon().particle_words


def _opens_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 16) : pos].rstrip()
    return not before or before[-1] in ".!?:;\n"
