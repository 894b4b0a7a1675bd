"""Find PII spans in a text: run every rule, map transcript digits back, resolve overlaps."""

from __future__ import annotations

import re
from bisect import bisect_left

from klantmonitor.pii.categories import PRIORITY, Span
from klantmonitor.pii.lexicon import lexicon, words_of
from klantmonitor.pii.names import find_names
from klantmonitor.pii.patterns import RULES, Rule
from klantmonitor.pii.spelled import digitise
from klantmonitor.pii.streets import find_streets

_TRAILING_CHUNK_RE = re.compile(r"\s+\S*$")
_INNER_RE = re.compile(r"[^\W_](?:.*[^\W_])?", re.DOTALL)  # first to last letter or digit
_DIGIT_RE = re.compile(r"\d")
_DIGITLESS_RULES = tuple(rule for rule in RULES if rule.min_digits == 0)


def match_span(rule: Rule, m: re.Match[str], text: str) -> Span | None:
    """The span that the match ``m`` of ``rule`` in ``text`` gives once validated; None if it
    fails validation."""
    start, end = m.span(rule.group)
    if rule.validate is None or rule.validate(text[start:end]):
        return Span(rule.category, start, end)
    if rule.trim:  # retry without trailing chunks a greedy pattern may have taken
        candidate = text[start:end]
        while (cut := _TRAILING_CHUNK_RE.search(candidate)) and cut.start():
            candidate = candidate[: cut.start()]
            if rule.validate(candidate):
                return Span(rule.category, start, start + len(candidate))
    return None


def _rule_spans(rule: Rule, text: str) -> list[Span]:
    """The validated matches of ``rule`` in ``text``."""
    return [
        span for m in rule.regex.finditer(text) if (span := match_span(rule, m, text)) is not None
    ]


def _may_match(rule: Rule, n_digits: int, low: str, text: str) -> bool:
    """The cheap pre-filters of ``rule`` let ``text`` (``low``: lower-cased) through."""
    return (
        n_digits >= rule.min_digits
        and (not rule.keywords or any(map(low.__contains__, rule.keywords)))
        and (rule.hint is None or rule.hint.search(text) is not None)
    )


def _pattern_spans(text: str, words: set[str]) -> list[Span]:
    """Spans of the pattern rules, also over spelled-out numbers (mapped back to ``text``)."""
    digitised = digitise(text, words)
    work = digitised.text if digitised else text
    n_digits = sum(map(work.count, "0123456789"))
    low = work.lower()
    found = [
        span
        for rule in (RULES if n_digits else _DIGITLESS_RULES)
        if _may_match(rule, n_digits, low, work)
        for span in _rule_spans(rule, work)
    ]
    if n_digits:
        found += [Span("address", *span) for span in find_streets(work)]
    if digitised:
        found = [
            Span(
                s.category,
                digitised.to_original(s.start),
                digitised.to_original(s.end, is_end=True),
            )
            for s in found
        ]
    return found


def _resolve(spans: list[Span], text: str) -> list[Span]:
    """Non-overlapping spans: a higher-priority category (then a longer span) keeps its place; a
    span it overlaps keeps what lies outside it (so that scrubbing twice changes nothing)."""
    kept: list[Span] = []  # sorted by start
    starts: list[int] = []
    todo = sorted(spans, key=lambda s: (PRIORITY[s.category], s.start - s.end, s.start))
    while todo:
        span = todo.pop(0)
        i = bisect_left(starts, span.start)
        if i and kept[i - 1].end > span.start:  # overlaps the span before: keep the rest
            todo[:0] = _remainder(text, span.category, kept[i - 1].end, span.end)
            continue
        if i < len(kept) and kept[i].start < span.end:  # overlaps the span after
            todo[:0] = [
                *_remainder(text, span.category, span.start, kept[i].start),
                *_remainder(text, span.category, kept[i].end, span.end),
            ]
            continue
        kept.insert(i, span)
        starts.insert(i, span.start)
    return kept


def _remainder(text: str, category: str, start: int, end: int) -> list[Span]:
    """What is left of a span next to a stronger one: without the spaces and punctuation at its
    ends, and nothing if only particles and stop words are left ("de" of "de Lange Voorhout")."""
    inner = _INNER_RE.search(text, start, end)
    if inner is None:
        return []
    lex = lexicon()
    words = words_of(inner[0])
    if not _DIGIT_RE.search(inner[0]) and words <= lex.stop_words | lex.particle_words:
        return []
    return [Span(category, *inner.span())]


def find_pii(text: str, names: bool = True) -> list[Span]:
    """All PII spans in ``text``, non-overlapping and sorted by position; without ``names``,
    the structured categories only (names rank last, so they never change those)."""
    if not text:
        return []
    words = words_of(text)
    spans = _pattern_spans(text, words)
    if names:
        spans += [Span("name", start, end) for start, end in find_names(text, words)]
    return _resolve(spans, text) if len(spans) > 1 else spans
