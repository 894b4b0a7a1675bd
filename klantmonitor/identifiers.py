"""E-mail addresses and phone numbers written in free text, found and normalised.

The one definition of what counts as an address or a number in a text, for every check that
looks for a known person's identifiers: the subject lookup and erasure verification
(:mod:`klantmonitor.subjects.matching`) and the PII-absence check's known-value rule
(:mod:`klantmonitor.governance.known_values`). Values are normalised as the pseudonyms are
(:mod:`klantmonitor.pseudonym`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from klantmonitor.pseudonym import normalise_email, normalise_phone

#: An e-mail address: a local part (apostrophes too: ``o'brien@...``) and a domain ending in a
#: top-level domain of letters.
EMAIL = re.compile(r"[\w.+%'-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")

#: What may stand between the digits of a written phone number (no line break).
PHONE_SEPARATOR = r"[ \t\-./()]"

_MIN_DIGITS = 8  # the shortest number worth normalising (a Dutch one without its 0)
_MAX_DIGITS = 15  # E.164

#: A run of digit groups as phone numbers are written (``06-1234 5678``, ``+31 (0)6 12345678``):
#: up to three separators between digits, and digits enough for a number.
PHONE_RUN = re.compile(rf"(?:\+|\b)\d(?:{PHONE_SEPARATOR}{{0,3}}\d){{{_MIN_DIGITS - 1},}}")

_DIGIT_GROUP = re.compile(r"\+?\d+")


def emails_in(text: str) -> set[str]:
    """The normalised e-mail addresses written in ``text``."""
    return {e for e in map(normalise_email, EMAIL.findall(text)) if e}


def _sequences(parts: Sequence[str], opens: Callable[[str], bool]) -> Iterator[Sequence[str]]:
    """Every run of consecutive ``parts`` that starts at a part that ``opens`` a number and
    holds 8 to 15 digits."""
    for start, first in enumerate(parts):
        if not opens(first):
            continue
        digits = 0
        for end in range(start, len(parts)):
            digits += sum(c.isdigit() for c in parts[end])
            if digits > _MAX_DIGITS:
                break
            if digits >= _MIN_DIGITS:
                yield parts[start : end + 1]


def phone_candidates(run: str) -> Iterator[str]:
    """The numbers a :data:`PHONE_RUN` match may hold: every sequence of its digit groups with
    8 to 15 digits (so that neighbouring numbers do not hide one), not yet normalised."""
    for groups in _sequences(_DIGIT_GROUP.findall(run), lambda _: True):
        yield groups[0] + "".join(group.lstrip("+") for group in groups[1:])


def written_numbers(run: str) -> Iterator[str]:
    """The numbers a :data:`PHONE_RUN` match may hold one after another, as written: every
    sequence of its space-separated pieces that opens as a number does (``0``, ``+``, ``(0``)
    and holds 8 to 15 digits (``06 12345678 0687654321``: two numbers). Stricter than
    :func:`phone_candidates`: a piece of a case number is no number."""
    for pieces in _sequences(run.split(), lambda p: p.lstrip("(").startswith(("0", "+"))):
        yield " ".join(pieces)


def phones_in(text: str) -> set[str]:
    """The E.164 numbers written in ``text`` (a short text also as a whole: ``+31 6 ...``)."""
    found = set()
    if len(text) <= 32 and (whole := normalise_phone(text)):
        found.add(whole)
    for run in PHONE_RUN.finditer(text):
        found |= {e164 for c in phone_candidates(run.group()) if (e164 := normalise_phone(c))}
    return found
