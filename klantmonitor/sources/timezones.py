"""Local wall time -> UTC, with the daylight-saving change-overs made explicit."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

AMBIGUOUS = "ambiguous"  # the repeated hour in autumn: the first occurrence (summer time) is taken
NONEXISTENT = "nonexistent"  # the skipped hour in spring: shifted forward to the first valid time


def local_to_utc(naive: pa.Array, tz: str) -> tuple[pa.Array, pa.Array]:
    """Interpret naive timestamps as wall time in ``tz``; return UTC times and a flag per value.

    Ambiguous times take the first occurrence (the daylight-saving offset); nonexistent times are
    shifted forward to the end of the gap (02:30 on a spring-forward night -> 03:00 local).
    The flag is ``"ambiguous"``, ``"nonexistent"`` or null.
    """
    utc = pc.assume_timezone(naive, timezone=tz, ambiguous="earliest", nonexistent="latest")
    later = pc.assume_timezone(naive, timezone=tz, ambiguous="latest", nonexistent="latest")
    shifted = pc.not_equal(pc.local_timestamp(utc), naive)
    ambiguous = pc.not_equal(later, utc)
    none = pa.scalar(None, pa.string())
    flag = pc.if_else(shifted, NONEXISTENT, pc.if_else(ambiguous, pa.scalar(AMBIGUOUS), none))
    return utc.cast(pa.timestamp("us", tz="UTC")), flag
