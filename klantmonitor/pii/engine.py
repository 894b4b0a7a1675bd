"""The compiled detector (``pii_engine/``, Rust via PyO3): one instance per process.

``make setup`` builds it into ``klantmonitor/pii/_engine*.so``. It gets its word lists from
:func:`klantmonitor.pii.lexicon.lexicon`, its placeholders from
:data:`klantmonitor.pii.categories.PLACEHOLDERS`, stdnum's IBAN registry and phonenumbers'
metadata from :mod:`klantmonitor.pii.validators`.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from types import ModuleType
from typing import Any

from klantmonitor.pii.categories import PLACEHOLDERS
from klantmonitor.pii.lexicon import lexicon
from klantmonitor.pii.validators import iban_formats, phone_metadata


def build(module: ModuleType) -> Any:
    """A new ``Engine`` of the compiled ``module`` (``klantmonitor.pii._engine``)."""
    words = lexicon()
    lists = {  # frozensets and tuples as lists (particles as lists of words)
        field.name: [list(w) if isinstance(w, tuple) else w for w in getattr(words, field.name)]
        for field in dataclasses.fields(words)
    }
    return module.Engine(lists, list(PLACEHOLDERS.items()), iban_formats(), phone_metadata())


_SOURCES = Path(__file__).resolve().parents[2] / "pii_engine"


@functools.cache
def _module() -> ModuleType:
    """``klantmonitor.pii._engine``; in a checkout, refused when older than its sources."""
    try:
        from klantmonitor.pii import _engine
    except ImportError as err:  # pragma: no cover - a checkout without `make setup`
        raise ImportError(
            "the compiled PII detector is missing: run `make setup` (it builds pii_engine/)"
        ) from err
    built = Path(_engine.__file__).stat().st_mtime
    sources = [*_SOURCES.glob("src/*.rs"), _SOURCES / "Cargo.toml", _SOURCES / "Cargo.lock"]
    if any(source.stat().st_mtime > built for source in sources if source.exists()):
        raise ImportError(
            f"{_engine.__file__} is older than pii_engine/: run `make setup` to rebuild it"
        )
    return _engine


@functools.cache
def engine() -> Any:
    """The process's detector (built on first use: the word lists take about a second); the
    module keeps it too, for its function ``scrub``."""
    module = _module()
    return module.process_engine(lambda: build(module))


def new_engine() -> Any:
    """A detector of its own, word lists read again (what building one costs, in the bench)."""
    return build(_module())


def scrub_function() -> Any:
    """The compiled module's ``scrub``: ``Engine.scrub`` of :func:`engine`, called directly."""
    return _module().scrub


@functools.cache
def number_words() -> dict[str, int]:
    """Every Dutch number word from 0 to 99 and its value, as the detector reads them."""
    return dict(_module().below_100())
