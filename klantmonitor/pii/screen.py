"""Which of many texts the structured rules cannot touch, decided in one pass over all of them.

Without names, :func:`klantmonitor.pii.detector.find_pii` finds a span only where one of three
things occurs in a text: a validated match of a structured rule's pattern (:data:`RULES`), a
house number (:data:`HOUSE_NUMBER`, where a street is looked for) or a Dutch number word (which
:func:`klantmonitor.pii.spelled.digitise` may turn into digits). :func:`may_hold_structured_pii`
runs each of those patterns once over all texts joined by a NUL character and marks every text
that a match which passes the rule's validation overlaps (a match across two texts marks both),
so the per-text rules run only on the marked ones: for a column of vendor ids that is one regex
scan per rule instead of a Python call per value and rule.

It is exact, not a heuristic: the patterns use no ``^``, ``$`` or ``\\B`` (a test checks), and a
NUL is neither a word character nor white space nor punctuation that any look-around names, so
within a text the joined buffer yields the matches the text yields alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence

from klantmonitor.pii.detector import match_span
from klantmonitor.pii.patterns import HOUSE_NUMBER, RULES, Rule
from klantmonitor.pii.spelled import BELOW_100

SEPARATOR = "\x00"


def _stems(words: set[str]) -> list[str]:
    """The words no other word of ``words`` occurs in: every word contains one of them."""
    return sorted(w for w in words if not any(o != w and o in w for o in words))


#: Every word that ``digitise`` turns into digits contains one of these ("vijfentwintig": vijf);
#: matched in the lower-cased buffer.
NUMBER_WORD = re.compile("|".join(_stems(set(BELOW_100) | {"honderd", "duizend"})))


def joined(texts: Sequence[str]) -> tuple[str, list[int]]:
    """``texts`` joined by :data:`SEPARATOR`, and where each of them starts in the result."""
    starts = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    return SEPARATOR.join(texts), starts


def marked_texts(
    pattern: re.Pattern[str],
    buffer: str,
    starts: Sequence[int],
    accept: Callable[[re.Match[str]], bool] | None = None,
) -> Iterator[int]:
    """The texts of a :func:`joined` ``buffer`` that a match of ``pattern`` overlaps (one that
    ``accept`` takes, if given, or that crosses a separator); a text once marked is left."""
    search = pattern.search
    m = search(buffer)
    while m is not None:
        first = bisect_right(starts, m.start()) - 1
        last = bisect_right(starts, max(m.start(), m.end() - 1)) - 1
        if first != last or accept is None or accept(m):
            yield from range(first, last + 1)
            if last + 1 == len(starts):
                return
            m = search(buffer, starts[last + 1])
        else:
            m = search(buffer, max(m.end(), m.start() + 1))


def _accept(rule: Rule, buffer: str) -> Callable[[re.Match[str]], bool]:
    return lambda m: match_span(rule, m, buffer) is not None


def may_hold_structured_pii(texts: Sequence[str]) -> list[bool]:
    """For each text, whether ``find_pii(text, names=False)`` may find something; False means
    it finds nothing."""
    marked = [False] * len(texts)
    if not texts:
        return marked
    buffer, starts = joined(texts)
    low = buffer.lower()
    scans = [
        (rule.regex, buffer, _accept(rule, buffer))
        for rule in RULES  # a rule whose keywords occur in no text runs on none of them
        if not rule.keywords or any(keyword in low for keyword in rule.keywords)
    ]
    scans.append((HOUSE_NUMBER, buffer, None))
    if len(low) == len(buffer):  # else lower-casing moved positions: look case-insensitively
        scans.append((NUMBER_WORD, low, None))
    else:
        scans.append((re.compile(NUMBER_WORD.pattern, re.IGNORECASE), buffer, None))
    for pattern, text, accept in scans:
        for i in marked_texts(pattern, text, starts, accept):
            marked[i] = True
    return marked
