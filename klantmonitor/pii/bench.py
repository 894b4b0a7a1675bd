"""Recall, keep rate and throughput of the scrubber on the labelled evaluation set, next to deduce.

``uv run python -m klantmonitor.pii.bench`` (``make bench-pii``) prints one table: per category
and overall the share of labelled PII spans removed, the share of must-survive spans kept, and
comments per second, for :func:`klantmonitor.pii.scrub` and for deduce (the Dutch
de-identification library) on the same comments in the same run. ``tests/test_pii_eval.py``
asserts the quality targets of :data:`RECALL_TARGETS` and :data:`KEEP_TARGET` with the same
functions; speed is only measured here.

The set (``tests/pii_eval/comments.jsonl``) is read by :mod:`klantmonitor.pii.eval_set`.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from klantmonitor.pii import PLACEHOLDERS, find_pii, scrub, scrub_many
from klantmonitor.pii.engine import engine, new_engine
from klantmonitor.pii.eval_set import EVAL_SET, Comment, load_eval_set
from klantmonitor.pii.lexicon import lexicon

if TYPE_CHECKING:
    from deduce import Deduce

#: Minimum recall per category ("overall": all spans together); every other category counts
#: towards "overall" only.
RECALL_TARGETS: dict[str, float] = {
    "overall": 0.99,
    **dict.fromkeys(("email", "phone", "iban", "bsn", "ip", "licence_plate"), 1.0),
}
KEEP_TARGET = 0.97
SPEED_TARGET = 50.0  # our comments/s over deduce's

#: deduce's tags -> our categories (deduce has none for IBAN, card, plate or IP; its "id" is any
#: number it recognises as an identifier).
DEDUCE_TAGS: dict[str, str] = {
    "persoon": "name",
    "patient": "name",
    "emailadres": "email",
    "telefoonnummer": "phone",
    "bsn": "bsn",
    "locatie": "address",
    "datum": "date",
}

#: A detection: (category or None when the tool's tag maps to none of ours, start, end).
Detection = tuple[str | None, int, int]
Detector = Callable[[str], list[Detection]]


def occurrences(text: str, label: str) -> list[tuple[int, int]]:
    """Where ``label`` stands in ``text`` as a whole (not inside a longer word or number)."""
    found = []
    start = text.find(label)
    while start >= 0:
        end = start + len(label)
        before_ok = start == 0 or not (text[start - 1].isalnum() and label[0].isalnum())
        after_ok = end == len(text) or not (text[end].isalnum() and label[-1].isalnum())
        if before_ok and after_ok:
            found.append((start, end))
        start = text.find(label, start + 1)
    return found


def _alnum(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if text[i].isalnum()]


def _removed(text: str, label: str, spans: Iterable[tuple[int, int]]) -> bool:
    """Every letter and digit of every occurrence of ``label`` lies inside one of ``spans``."""
    spans = list(spans)
    return all(
        any(s <= i < e for s, e in spans)
        for start, end in occurrences(text, label)
        for i in _alnum(text, start, end)
    )


def _kept(text: str, label: str, spans: Sequence[tuple[int, int]]) -> bool:
    """No span touches a letter or digit of any occurrence of ``label``."""
    return not any(
        s <= i < e
        for start, end in occurrences(text, label)
        for i in _alnum(text, start, end)
        for s, e in spans
    )


@dataclass
class Score:
    """Counts of one tool over the set; misses are kept for inspection."""

    spans: dict[str, int] = field(default_factory=dict)  # category -> labelled spans
    removed: dict[str, int] = field(default_factory=dict)
    typed: dict[str, int] = field(default_factory=dict)  # removed by spans of that category
    keep_total: int = 0
    kept: int = 0
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (category, label, text)
    lost: list[tuple[str, str]] = field(default_factory=list)  # (label, text)

    def recall(self, category: str = "overall", *, typed: bool = False) -> float:
        counts = self.typed if typed else self.removed
        if category == "overall":
            return sum(counts.values()) / max(1, sum(self.spans.values()))
        return counts.get(category, 0) / max(1, self.spans.get(category, 0))

    @property
    def keep_rate(self) -> float:
        return self.kept / max(1, self.keep_total)


def evaluate(comments: Iterable[Comment], detect: Detector) -> Score:
    """Score a detector: which labelled spans it removes (and with which category), which
    must-survive spans it leaves alone."""
    score = Score()
    for comment in comments:
        detections = detect(comment.text)
        every = [(s, e) for _, s, e in detections]
        for category, label in comment.pii:
            score.spans[category] = score.spans.get(category, 0) + 1
            if _removed(comment.text, label, every):
                score.removed[category] = score.removed.get(category, 0) + 1
            else:
                score.missed.append((category, label, comment.text))
            own = ((s, e) for c, s, e in detections if c == category)
            if _removed(comment.text, label, own):
                score.typed[category] = score.typed.get(category, 0) + 1
        for label in comment.keep:
            score.keep_total += 1
            if _kept(comment.text, label, every):
                score.kept += 1
            else:
                score.lost.append((label, comment.text))
    return score


def our_detections(text: str) -> list[Detection]:
    """What :func:`klantmonitor.pii.scrub` replaces (its first pass, which finds it all on the
    evaluation set: ``tests/test_pii_eval.py`` checks that)."""
    return [(span.category, span.start, span.end) for span in find_pii(text)]


def deduce_detector(model: Deduce) -> Detector:
    """A detector over a constructed ``deduce.Deduce``: the spans it replaces, tags mapped."""

    def detect(text: str) -> list[Detection]:
        return [
            (DEDUCE_TAGS.get(a.tag), a.start_char, a.end_char)
            for a in model.deidentify(text).annotations
        ]

    return detect


def throughput(
    fns: Sequence[Callable[[str], object]], texts: Sequence[str], passes: Sequence[int]
) -> list[float]:
    """Comments per second of each of ``fns`` over ``texts``: the best of its ``passes``
    passes, the functions taking turns (as many turns as the fewest passes, each function's
    passes spread over them), so that all are timed over the same stretch of time."""
    turns = max(1, min(passes))
    best = [float("inf")] * len(fns)
    for turn in range(turns):
        for k, fn in enumerate(fns):
            # this turn's share of the passes (the first turns take the remainder)
            for _ in range(passes[k] // turns + (turn < passes[k] % turns)):
                started = time.perf_counter()
                for text in texts:
                    fn(text)
                best[k] = min(best[k], time.perf_counter() - started)
    return [len(texts) / b for b in best]


def batch_throughput(fn: Callable[[list[str]], object], texts: Sequence[str], rounds: int) -> float:
    """Comments per second of ``fn`` called on all of ``texts`` at once: the best of ``rounds``
    passes (each pass a fresh call: nothing is kept from one pass to the next)."""
    batch = list(texts)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        fn(batch)
        best = min(best, time.perf_counter() - started)
    return len(batch) / best


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def report(comments: Sequence[Comment], rounds: int = 20, deduce_rounds: int = 3) -> str:
    """The benchmark table (quality and speed of both tools, targets at the end)."""
    from deduce import Deduce

    lexicon.cache_clear()
    _, load_ours = _timed(new_engine)
    model, load_deduce = _timed(Deduce)
    deduce = deduce_detector(model)
    ours = evaluate(comments, our_detections)
    theirs = evaluate(comments, deduce)
    texts = [c.text for c in comments]
    scrub(texts[0])  # warm-up: compiled patterns and cues
    speed_batch = batch_throughput(scrub_many, texts, rounds)
    speed_ours, speed_deduce = throughput(
        [scrub, lambda t: model.deidentify(t).deidentified_text], texts, [rounds, deduce_rounds]
    )
    mapped = set(DEDUCE_TAGS.values())
    lines = [
        f"PII scrubber vs deduce {version('deduce')} on {len(comments)} comments "
        f"({sum(ours.spans.values())} PII spans, {ours.keep_total} must-survive spans)",
        "  recall  a labelled PII span is removed when every letter and digit of every",
        "          occurrence of its text lies inside a span the tool replaced (any placeholder)",
        "  typed   the same, counting only spans of the labelled category (deduce's tags mapped;",
        "          '-': deduce has no such tag)",
        "  keep    a must-survive span is kept when no replaced span touches its letters/digits",
        f"  speed   comments/s in one process, best of {rounds} passes (deduce: {deduce_rounds}):",
        "          one thread: ours via scrub per comment, deduce's deidentify per comment, the",
        f"          two taking {min(rounds, deduce_rounds)} turns (timed over the same stretch)",
        "          batch: scrub_many on the whole set at once, as the km_scrub UDF calls it (it",
        f"          splits a batch over the {os.cpu_count()} cores; deduce has no batch call)",
        f"          excluded: our detector's construction, word lists included ({load_ours:.1f} s),"
        " and Deduce() construction "
        f"({load_deduce:.1f} s)",
        "",
        f"{'category':<15}{'spans':>6}  {'recall ours':>11} {'deduce':>7}  "
        f"{'typed ours':>10} {'deduce':>7}",
    ]
    for category in [*PLACEHOLDERS, "overall"]:
        n = ours.spans.get(category, 0) if category != "overall" else sum(ours.spans.values())
        typed_deduce = (
            theirs.recall(category, typed=True)
            if category in mapped or category == "overall"
            else None
        )
        lines.append(
            f"{category:<15}{n:>6}  {_fmt(ours.recall(category)):>11} "
            f"{_fmt(theirs.recall(category)):>7}  "
            f"{_fmt(ours.recall(category, typed=True)):>10} {_fmt(typed_deduce):>7}"
        )
    ratio = speed_ours / speed_deduce
    lines += [
        f"{'keep rate':<15}{ours.keep_total:>6}  {_fmt(ours.keep_rate):>11} "
        f"{_fmt(theirs.keep_rate):>7}",
        f"{'comments/s':<15}{'':>6}  {speed_ours:>11,.0f} {speed_deduce:>7,.0f}  "
        f"(one thread each: ours {ratio:.1f}x deduce's)",
        f"{'  batch':<15}{'':>6}  {speed_batch:>11,.0f} {'':>7}  "
        f"(all cores: {speed_batch / speed_deduce:.1f}x deduce's one)",
        "",
        "targets (ours):",
    ]
    checks = [
        (f"recall {category} >= {target:.2f}", ours.recall(category), target)
        for category, target in RECALL_TARGETS.items()
    ]
    checks += [
        (f"keep rate >= {KEEP_TARGET:.2f}", ours.keep_rate, KEEP_TARGET),
        (f"throughput >= {SPEED_TARGET:.0f}x deduce's (one thread each)", ratio, SPEED_TARGET),
    ]
    lines += [
        f"  {'met ' if value >= target else 'NOT '} {name}: {value:.3f}"
        for name, value, target in checks
    ]
    return "\n".join(lines)


def misses(comments: Sequence[Comment]) -> str:
    """Our missed PII spans and lost must-survive spans, one per line."""
    score = evaluate(comments, our_detections)
    lines = [f"missed {cat:<13} {label!r:<32} in {text!r}" for cat, label, text in score.missed]
    lines += [f"lost   {label!r:<46} in {text!r}" for label, text in score.lost]
    return "\n".join(lines) or "no misses"


def stages(comments: Sequence[Comment], rounds: int = 20) -> str:
    """Where the detector spends its time: microseconds per comment of each step, on the
    comments and on their scrubbed texts (what the second pass of a scrub reads)."""
    texts = [c.text for c in comments]
    scrubbed = [text for text in scrub_many(texts) if text]
    ours, again = (dict(engine().stage_timings(batch, rounds)) for batch in (texts, scrubbed))
    lines = [f"{'step':<16}{'comments':>10}{'scrubbed':>10}  (us per text, best of {rounds})"]
    lines += [f"{step:<16}{ours[step] / 1e3:>10.2f}{again[step] / 1e3:>10.2f}" for step in ours]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: the table, our misses, or the time per step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=EVAL_SET, help="JSON lines of labelled text")
    parser.add_argument("--rounds", type=int, default=20, help="passes over the set (ours)")
    parser.add_argument("--misses", action="store_true", help="list our misses instead")
    parser.add_argument("--stages", action="store_true", help="time each step of ours instead")
    args = parser.parse_args(argv)
    comments = load_eval_set(args.set)
    if args.misses:
        print(misses(comments))
    elif args.stages:
        print(stages(comments, args.rounds))
    else:
        print(report(comments, args.rounds))


if __name__ == "__main__":
    main()
