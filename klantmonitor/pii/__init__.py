"""PII detection and scrubbing for Dutch (and English) free text: one implementation for both.

The pseudonymisation step calls :func:`scrub` / :func:`scrub_many`; the PII-absence checks call
:func:`pii_categories_many` (or :func:`pii_categories`, :func:`find_pii`). Categories and their
placeholders are in :data:`PLACEHOLDERS`; card numbers become ``[KAART]``.

>>> scrub("Bel me op 06-12345678, groet Jan de Vries")
'Bel me op [TELEFOON], groet [NAAM]'
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from klantmonitor.pii.categories import PLACEHOLDERS, Span
from klantmonitor.pii.detector import find_pii
from klantmonitor.pii.screen import may_hold_structured_pii

__all__ = [
    "PLACEHOLDERS",
    "Span",
    "find_pii",
    "pii_categories",
    "pii_categories_many",
    "scrub",
    "scrub_many",
]


def _as_text(value: object) -> str | None:
    """The text to work on; None for a missing value (None, or a float NaN from pandas)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, str) else str(value)


_MAX_PASSES = 4


def _replace(text: str, spans: Sequence[Span]) -> str:
    """``text`` with each of the (sorted, disjoint) ``spans`` replaced by its placeholder."""
    pieces = []
    last = 0
    for span in spans:
        pieces += (text[last : span.start], PLACEHOLDERS[span.category])
        last = span.end
    pieces.append(text[last:])
    return "".join(pieces)


def _scrub_distinct(texts: list[str]) -> list[str]:
    """Scrub non-empty ``texts``; each later pass reads only the texts the one before changed.

    A replacement can change the context of what is left (a number next to an IP address
    that was taken, a name next to a card number a stronger rule took), so a changed text is
    read again until nothing is found; placeholders themselves are never PII.
    """
    result = list(texts)
    todo = range(len(result))
    for _ in range(_MAX_PASSES):
        changed = []
        for i in todo:
            if spans := find_pii(result[i]):
                result[i] = _replace(result[i], spans)
                changed.append(i)
        if not changed:
            break
        todo = changed
    return result


def scrub(text: str | None) -> str | None:
    """``text`` with every PII span replaced by its placeholder; None stays None.

    Idempotent by construction: see :func:`_scrub_distinct`.
    """
    text = _as_text(text)
    return _scrub_distinct([text])[0] if text else text


def scrub_many(texts: Sequence[object]) -> list[str | None]:
    """:func:`scrub` over a batch (the DuckDB vectorised UDF ``km_scrub``, a pandas column).

    Identical texts in the batch are scrubbed once.
    """
    values = [_as_text(text) for text in texts]
    distinct = list(dict.fromkeys(value for value in values if value))
    scrubbed = dict(zip(distinct, _scrub_distinct(distinct), strict=True))
    return [scrubbed[value] if value else value for value in values]


def pii_categories(text: str | None, names: bool = True) -> list[str]:
    """The PII categories found in ``text`` (in :data:`PLACEHOLDERS` order), never the values;
    without ``names``, the structured categories only."""
    text = _as_text(text)
    if not text:
        return []
    found = {span.category for span in find_pii(text, names)}
    return [category for category in PLACEHOLDERS if category in found]


def pii_categories_many(texts: Sequence[str], names: bool = True) -> list[list[str]]:
    """:func:`pii_categories` of each of ``texts``; without ``names``, the texts are screened
    in one pass first (:mod:`klantmonitor.pii.screen`) and only those it marks are read."""
    if names:
        return [pii_categories(text, names) for text in texts]
    marked = may_hold_structured_pii(texts)
    return [pii_categories(t, False) if m else [] for t, m in zip(texts, marked, strict=True)]
