"""Search many texts at once: join them by NUL and map each match back to the texts it touches.

A column's values are searched with one regex scan over all of them instead of a Python call
per value; only the texts a match marks are then read one by one. Exact for patterns that use
no ``^``, ``$`` or ``\\B`` and name no NUL: within a text, the joined buffer yields the matches
the text yields alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence

SEPARATOR = "\x00"


def joined(texts: Sequence[str]) -> tuple[str, list[int]]:
    """``texts`` joined by :data:`SEPARATOR`, and where each of them starts in the result."""
    starts = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    return SEPARATOR.join(texts), starts


def marked_texts(
    pattern: re.Pattern[str],
    buffer: str,
    starts: Sequence[int],
    accept: Callable[[re.Match[str]], bool] | None = None,
) -> Iterator[int]:
    """The texts of a :func:`joined` ``buffer`` that a match of ``pattern`` overlaps (one that
    ``accept`` takes, if given, or that crosses a separator); a text once marked is left."""
    search = pattern.search
    m = search(buffer)
    while m is not None:
        first = bisect_right(starts, m.start()) - 1
        last = bisect_right(starts, max(m.start(), m.end() - 1)) - 1
        if first != last or accept is None or accept(m):
            yield from range(first, last + 1)
            if last + 1 == len(starts):
                return
            m = search(buffer, starts[last + 1])
        else:
            m = search(buffer, max(m.end(), m.start() + 1))
