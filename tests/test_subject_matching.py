"""Does a text mention a subject? Every notation of the subject's phone number and e-mail
address is found, by the exact test and by the vectorised pre-filter that picks candidates."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from klantmonitor.subjects import matching
from klantmonitor.subjects.matching import Subject, identifiers_in

KEY = b"k" * 32
SUBJECT = Subject.of(KEY, "jan.devries@example.nl", "+31612345678")

PHONE_MENTIONS = [
    "bel me op 06-1234 5678",
    "+31 (0)6 12345678",
    "0612345678",
    "31612345678",
    "mijn nummer is nul zes twaalf vierendertig zesenvijftig achtenzeventig",
    "nul zes een twee drie vier vijf zes zeven acht",
    "nul zes één twee drie vier vijf zes zeven acht",
    "bel me op nul zes 12345678",  # number words and digits mixed
    "06 twaalf vierendertig zesenvijftig achtenzeventig",
]
MENTIONS = [
    *PHONE_MENTIONS,
    "mail: Jan.DeVries@example.nl graag",
    f"sleutel {SUBJECT.pseudonyms[0].upper()}",  # a pseudonym, in any case
]
NOT_MENTIONS = [
    "een goede dag en een fijne medewerker",  # "een" is the article, not a number
    "een 8 voor de service, bel 0612345670",  # "een 8" is a score
    "bel 06 12 34 56 79",  # another number
    "zaak 2026-11-25 0612 id 345678",  # the digits, but scattered over fields
    "nul zes twaalf vierendertig zesenvijftig negenenzeventig",
    "jan.devries@example.com",
]


@pytest.mark.parametrize("text", MENTIONS)
def test_every_notation_is_a_mention(text: str) -> None:
    assert SUBJECT.mentions(text)


@pytest.mark.parametrize("text", PHONE_MENTIONS)
def test_the_tombstone_check_reads_the_same_numbers(text: str) -> None:
    """Erasure verification (:func:`identifiers_in`) and lookup agree on every notation."""
    assert ("phone", SUBJECT.phone) in identifiers_in(text)


@pytest.mark.parametrize("text", NOT_MENTIONS)
def test_near_misses_are_not(text: str) -> None:
    assert not SUBJECT.mentions(text)


def test_the_vectorised_pre_filter_keeps_every_mention() -> None:
    table = pa.table({"text": MENTIONS + NOT_MENTIONS})
    mask = SUBJECT.mask(table)
    assert mask.tolist() == [True] * len(MENTIONS) + [False] * len(NOT_MENTIONS)
    assert isinstance(mask, np.ndarray)
    # the landing zone's records, as plain texts
    texts = SUBJECT.mentioned_in(MENTIONS + NOT_MENTIONS)
    assert texts.tolist() == mask.tolist()


def test_the_pre_filter_lets_through_every_spelled_run_the_exact_test_reads() -> None:
    """RE2 reads \\b as ASCII: "één" opening a run is no word start to it."""
    runs = ["één twee drie", "zes\u00a0één twee", "nul zes twaalf", "bel ٠٦ twaalf"]
    found = [bool(matching._SPELLED_RUN_RE.search(text)) for text in runs]
    assert found == [True, True, True, True]
    vectorised = pc.match_substring_regex(pa.array(runs), matching._SPELLED_RUN_RE2)
    assert vectorised.to_pylist() == found
