"""The batch screen of the PII-absence check: it marks every text the detector flags, whatever
stands next to it in the batch, and lets vendor ids through; known values batch the same way."""

from __future__ import annotations

import random
import re
import re._constants as sre_constants
import re._parser as sre_parser

import pytest

from klantmonitor.governance.known_values import KnownValues
from klantmonitor.pii import find_pii, pii_categories, pii_categories_many
from klantmonitor.pii.bench import load_eval_set
from klantmonitor.pii.patterns import HOUSE_NUMBER, RULES
from klantmonitor.pii.screen import NUMBER_WORD, may_hold_structured_pii
from klantmonitor.pii.spelled import BELOW_100
from tests.test_pii import HARD_NEGATIVES, POSITIVE, TANGLED

VENDOR_IDS = [
    "S-2637218640",
    "R-2637268640",
    "MX202611200006992:V3",
    "GMX-147CE4E8",
    "MOR-2026-005783",
    "Z/26/125013",
    "BZ-2026-827523",
    "ZV-20261120-0589#2",
    "INV-GEM0363-BZ-2026-1",
]
# texts that become PII, or stop being PII, when their neighbour's characters touch them
EDGES = [
    "06",
    "12345678",
    "0612345678",
    "bel 06-1234",
    "5678",
    "NL91",
    "ABNA0417164300",
    "1234",
    "AB",
    "Kerkstraat",
    "12",
    "12-AB-34",
    "jan@",
    "example.nl",
    "geboren",
    "12-03-1980",
    "192.168.1.",
    "1",
    "nul zes",
    "een twee drie vier vijf zes zeven acht",
    "",
    " ",
    "\x00",
    "İstanbul 06 12345678",
]


def _anchors(parsed: object) -> set[object]:
    """The anchor codes (``^``, ``$``, ``\\B``, ...) anywhere in a parsed pattern."""
    found: set[object] = set()
    if isinstance(parsed, sre_parser.SubPattern):
        parsed = parsed.data
    if isinstance(parsed, (list, tuple)):
        if len(parsed) == 2 and parsed[0] is sre_constants.AT:
            found.add(parsed[1])
        for item in parsed:
            found |= _anchors(item)
    return found


@pytest.mark.parametrize("pattern", [r.regex for r in RULES] + [HOUSE_NUMBER, NUMBER_WORD])
def test_the_screened_patterns_use_no_anchor_that_a_joined_buffer_would_change(
    pattern: re.Pattern[str],
) -> None:
    allowed = {sre_constants.AT_BOUNDARY, sre_constants.AT_UNI_BOUNDARY}
    assert _anchors(sre_parser.parse(pattern.pattern, pattern.flags)) <= allowed


def test_every_number_word_contains_a_screened_stem() -> None:
    for word in [*BELOW_100, "honderd", "tweehonderdzestien", "duizend"]:
        assert NUMBER_WORD.search(word), word


def _corpus() -> list[str]:
    texts = [c.text for c in load_eval_set()]
    texts += [t for t, _ in POSITIVE] + HARD_NEGATIVES + TANGLED + VENDOR_IDS + EDGES
    return texts


def test_the_screen_marks_every_text_the_detector_flags_whatever_its_neighbours() -> None:
    texts = _corpus()
    flagged = [bool(find_pii(t, names=False)) for t in texts]
    assert sum(flagged) > 200  # the corpus is mostly PII
    order = list(range(len(texts)))
    for seed in range(5):
        random.Random(seed).shuffle(order)
        marked = may_hold_structured_pii([texts[i] for i in order])
        missed = [texts[i] for i, m in zip(order, marked, strict=True) if flagged[i] and not m]
        assert missed == []
    # every pair of edge texts side by side, in both orders
    for a in EDGES:
        for b in EDGES:
            assert may_hold_structured_pii([a, b]) >= [bool(find_pii(a, names=False)), False]
            assert may_hold_structured_pii([a, b])[1] or not find_pii(b, names=False)


def test_the_screen_lets_vendor_ids_through_and_agrees_with_the_detector() -> None:
    assert not any(may_hold_structured_pii(VENDOR_IDS * 3))
    texts = _corpus()
    assert pii_categories_many(texts, names=False) == [pii_categories(t, False) for t in texts]
    assert pii_categories_many(texts[:50]) == [pii_categories(t) for t in texts[:50]]


def test_known_values_in_a_batch_are_those_of_each_text_alone() -> None:
    known = KnownValues()
    known.add("email", "jan@example.nl")
    known.add("phone", "06 12345678")
    known.add("name", "Pieter van Dam")
    known.add("name", "R Jansen")
    texts = [
        "mail jan@example.nl",
        "bel 06-12345678 of",
        "0031 6 1234 5678",
        "Pieter van",  # a name split over two texts is no name in either
        "Dam",
        "groet pieter van dam",
        "R-2637268640",
        "06 1234",
        "5678",
        "jan@",
        "example.nl",
        "",
    ]
    alone = [tuple(known.kinds_in(t)) for t in texts]
    assert alone[:3] == [("email",), ("phone",), ("phone",)]
    assert alone[5] == ("name",)
    assert not any(alone[3:5] + alone[6:])
    for seed in range(3):
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)
        assert known.kinds_in_many([texts[i] for i in order]) == [alone[i] for i in order]
