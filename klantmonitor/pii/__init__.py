"""PII detection and scrubbing for Dutch (and English) free text: one implementation for both.

The detector is compiled (``pii_engine/``, Rust, built by ``make setup``; see
:mod:`klantmonitor.pii.engine`). The pseudonymisation step calls :func:`scrub` /
:func:`scrub_many`; the PII-absence checks call :func:`pii_categories_many` (or
:func:`pii_categories`, :func:`find_pii`). Categories and their placeholders are in
:data:`PLACEHOLDERS`; card numbers become ``[KAART]``.

>>> scrub("Bel me op 06-12345678, groet Jan de Vries")
'Bel me op [TELEFOON], groet [NAAM]'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from klantmonitor.pii.categories import PLACEHOLDERS, Span
from klantmonitor.pii.engine import engine, scrub_function

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


def find_pii(text: str, names: bool = True) -> list[Span]:
    """All PII spans in ``text``, non-overlapping and sorted by position; without ``names``,
    the structured categories only (names rank last, so they never change those)."""
    return [Span(*span) for span in engine().find(text, names)] if text else []


def __getattr__(name: str) -> Callable[[object], str | None]:
    """``scrub(text)``: ``text`` with every PII span replaced by its placeholder; None (or NaN)
    gives None.

    Idempotent: a replacement can change the context of what is left (a number next to an IP
    address that was taken), so a changed text is read again until nothing is found.

    It is the compiled module's own function (no Python call in between: a comment takes a few
    microseconds), looked up on first use (PEP 562), so that importing this package does not
    load the module.
    """
    if name == "scrub":
        function = globals()["scrub"] = scrub_function()
        return function
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def scrub_many(texts: Sequence[object]) -> list[str | None]:
    """:func:`scrub` over a batch (the DuckDB vectorised UDF ``km_scrub``, a pandas column),
    in one call of the detector; identical texts in the batch are scrubbed once."""
    return engine().scrub_many(texts if isinstance(texts, list) else list(texts))


def pii_categories(text: str | None, names: bool = True) -> list[str]:
    """The PII categories found in ``text`` (in :data:`PLACEHOLDERS` order), never the values;
    without ``names``, the structured categories only."""
    return pii_categories_many([text], names)[0]


def pii_categories_many(texts: Sequence[str | None], names: bool = True) -> list[list[str]]:
    """:func:`pii_categories` of each of ``texts``, in one call of the detector."""
    values = [_as_text(text) or "" for text in texts]
    return engine().categories_many(values, names)
