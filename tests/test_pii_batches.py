"""Batches: the detector judges a column of values as it judges each alone, lets vendor ids
through, and known values (names, e-mails, phones of the raw zone) batch the same way."""

from __future__ import annotations

import random

from klantmonitor.governance.known_values import KnownValues
from klantmonitor.pii import (
    PLACEHOLDERS,
    find_pii,
    pii_categories,
    pii_categories_many,
    scrub,
    scrub_many,
)
from klantmonitor.pii.bench import load_eval_set
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
# texts that would become PII, or stop being PII, if their neighbour's characters touched them
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


def _rank(category: str) -> int:
    return list(PLACEHOLDERS).index(category)


def _corpus() -> list[str]:
    texts = [c.text for c in load_eval_set()]
    texts += [t for t, _ in POSITIVE] + HARD_NEGATIVES + TANGLED + VENDOR_IDS + EDGES
    return texts


def test_a_batch_is_judged_as_each_text_alone_whatever_its_neighbours() -> None:
    texts = [*_corpus(), None, ""]
    alone = [pii_categories(t) for t in texts]
    structured = [pii_categories(t, names=False) for t in texts]
    assert sum(map(bool, structured)) > 200  # the corpus is mostly PII
    assert alone == [sorted({s.category for s in find_pii(t or "")}, key=_rank) for t in texts]
    scrubbed = [scrub(t) for t in texts]
    order = list(range(len(texts)))
    for seed in range(3):
        random.Random(seed).shuffle(order)
        batch = [texts[i] for i in order]
        assert pii_categories_many(batch) == [alone[i] for i in order]
        assert pii_categories_many(batch, names=False) == [structured[i] for i in order]
        assert scrub_many(batch) == [scrubbed[i] for i in order]


def test_vendor_ids_are_no_pii() -> None:
    assert pii_categories_many(VENDOR_IDS * 3, names=False) == [[]] * len(VENDOR_IDS) * 3
    assert pii_categories_many(VENDOR_IDS) == [[]] * len(VENDOR_IDS)


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
        "zaak Z-2026-612345678",  # ends like the known number: not read digit group by group
        "zaak 2026 612345678",  # ... nor a piece that does not open as a number does
        "bel 0687654321 06-12345678",  # two numbers in one run: the second is known
        "bel 06 12345678 of",  # (the first)
        "mail o'brien@example.nl",  # an apostrophe in the address
    ]
    known.add("email", "o'brien@example.nl")
    alone = [tuple(known.kinds_in(t)) for t in texts]
    assert alone[:3] == [("email",), ("phone",), ("phone",)]
    assert alone[5] == ("name",)
    assert alone[-3:] == [("phone",), ("phone",), ("email",)]
    assert not any(alone[3:5] + alone[6:-3])
    for seed in range(3):
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)
        assert known.kinds_in_many([texts[i] for i in order]) == [alone[i] for i in order]
