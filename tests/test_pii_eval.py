"""Quality gate of the PII scrubber on the hand-labelled evaluation set (tests/pii_eval/).

Recall per category and keep rate must meet the targets of :mod:`klantmonitor.pii.bench`;
speed is measured by ``make bench-pii``, never asserted here.
"""

from __future__ import annotations

import itertools

import pytest

from klantmonitor.pii import PLACEHOLDERS, find_pii, scrub
from klantmonitor.pii.bench import (
    KEEP_TARGET,
    RECALL_TARGETS,
    Comment,
    Score,
    evaluate,
    load_eval_set,
    occurrences,
    our_detections,
    throughput,
)
from klantmonitor.pii.training import workload

COMMENTS = load_eval_set()


@pytest.fixture(scope="module")
def score() -> Score:
    return evaluate(COMMENTS, our_detections)


def test_eval_set_is_large_and_covers_every_category() -> None:
    assert len(COMMENTS) >= 300
    assert {category for c in COMMENTS for category, _ in c.pii} == set(PLACEHOLDERS)
    assert sum(len(c.keep) for c in COMMENTS) >= 300
    assert len({c.text for c in COMMENTS}) == len(COMMENTS)  # no duplicates


@pytest.mark.parametrize("comment", COMMENTS, ids=range(len(COMMENTS)))
def test_labels_occur_in_their_text_and_do_not_overlap(comment: Comment) -> None:
    pii = [occurrences(comment.text, label) for _, label in comment.pii]
    keep = [occurrences(comment.text, label) for label in comment.keep]
    assert all(pii), f"a PII label is not in {comment.text!r}"
    assert all(keep), f"a keep label is not in {comment.text!r}"
    for (a, b), (c, d) in itertools.product(
        itertools.chain.from_iterable(pii), itertools.chain.from_iterable(keep)
    ):
        assert b <= c or d <= a, f"PII and keep labels overlap in {comment.text!r}"


@pytest.mark.parametrize("comment", COMMENTS, ids=range(len(COMMENTS)))
def test_scrub_replaces_exactly_what_find_pii_finds(comment: Comment) -> None:
    """So the evaluation, which reads :func:`find_pii`, scores what :func:`scrub` writes."""
    text, pieces, last = comment.text, [], 0
    for span in find_pii(text):
        pieces += (text[last : span.start], PLACEHOLDERS[span.category])
        last = span.end
    assert scrub(text) == "".join(pieces) + text[last:]


@pytest.mark.parametrize(("category", "target"), RECALL_TARGETS.items())
def test_recall_meets_its_target(score: Score, category: str, target: float) -> None:
    missed = [(label, text) for cat, label, text in score.missed if category in ("overall", cat)]
    assert score.recall(category) >= target, f"missed: {missed}"


def test_keep_rate_meets_its_target(score: Score) -> None:
    assert score.keep_rate >= KEEP_TARGET, f"lost: {score.lost}"


def test_evaluation_definitions() -> None:
    """A span counts as removed only when all its letters and digits are; a must-survive span
    is lost when a detection touches any of them; occurrences are whole words."""
    comment = Comment(
        text="Groet, Jan de Vries. Bel 14 020. Januari.",
        pii=(("name", "Jan de Vries"), ("name", "Jan")),
        keep=("14 020",),
    )
    partial = evaluate([comment], lambda text: [("name", 7, 10), ("phone", 25, 27)])
    assert partial.recall() == 0.5  # "Jan" removed, "de Vries" left; "Januari" is no "Jan"
    assert partial.recall("name", typed=True) == 0.5
    assert partial.keep_rate == 0.0
    whole = evaluate([comment], lambda text: [(None, 7, 19)])
    assert (whole.recall(), whole.recall(typed=True), whole.keep_rate) == (1.0, 0.0, 1.0)


def test_the_build_is_trained_on_generated_texts_only_the_same_every_time() -> None:
    """The profile-guided build (``pii_engine/build-module``) never sees the evaluation set, and
    its workload is the same on every build (so is the binary's layout)."""
    texts = workload()
    assert len(texts) > 10_000
    trained = {text.casefold() for text in texts}
    assert not [c.text for c in COMMENTS if c.text.casefold() in trained]
    assert workload(per_kind=50) == workload(per_kind=50)


def test_throughput_times_each_function_its_passes_taking_turns() -> None:
    calls: list[str] = []
    speeds = throughput(
        [lambda text: calls.append("ours"), lambda text: calls.append("theirs")], ["a", "b"], [5, 2]
    )
    assert calls.count("ours") == 5 * 2 and calls.count("theirs") == 2 * 2
    # two turns: three passes of the first function and one of the second, then two and one
    assert calls == ["ours"] * 6 + ["theirs"] * 2 + ["ours"] * 4 + ["theirs"] * 2
    assert all(speed > 0 for speed in speeds)
