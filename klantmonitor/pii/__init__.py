"""PII detection and scrubbing for Dutch (and English) free text: one implementation for both.

The pseudonymisation step calls :func:`scrub` / :func:`scrub_many`; the PII-absence checks call
:func:`pii_categories` (or :func:`find_pii`). Categories and their placeholders are in
:data:`PLACEHOLDERS`; card numbers become ``[KAART]``.

>>> scrub("Bel me op 06-12345678, groet Jan de Vries")
'Bel me op [TELEFOON], groet [NAAM]'
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from klantmonitor.pii.categories import PLACEHOLDERS, Span
from klantmonitor.pii.detector import find_pii

__all__ = ["PLACEHOLDERS", "Span", "find_pii", "pii_categories", "scrub", "scrub_many"]


def _as_text(value: object) -> str | None:
    """The text to work on; None for a missing value (None, or a float NaN from pandas)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, str) else str(value)


_MAX_PASSES = 4


def scrub(text: str | None) -> str | None:
    """``text`` with every PII span replaced by its placeholder; None stays None.

    Idempotent by construction: a replacement can change the context of what is left (a name
    next to a card number that a stronger rule took), so the text is scrubbed again until nothing
    is found; placeholders themselves are never PII.
    """
    text = _as_text(text)
    for _ in range(_MAX_PASSES):
        spans = find_pii(text) if text else []
        if not spans:
            break
        pieces = []
        last = 0
        for span in spans:
            pieces += (text[last : span.start], PLACEHOLDERS[span.category])
            last = span.end
        pieces.append(text[last:])
        text = "".join(pieces)
    return text


def scrub_many(texts: Sequence[str | None]) -> list[str | None]:
    """:func:`scrub` over a batch (e.g. a DuckDB vectorised UDF or a pandas column)."""
    return [scrub(text) for text in texts]


def pii_categories(text: str | None) -> list[str]:
    """The PII categories found in ``text`` (in :data:`PLACEHOLDERS` order), never the values."""
    text = _as_text(text)
    if not text:
        return []
    found = {span.category for span in find_pii(text)}
    return [category for category in PLACEHOLDERS if category in found]
