"""Small pyarrow helpers shared by the parsers."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

Column = pa.Array | pa.ChunkedArray  # a column of one file, possibly in chunks
NULL_TEXT = pa.scalar(None, pa.string())


def true_mask(mask: Column) -> np.ndarray:
    """A boolean array as numpy (null counts as false)."""
    filled = pc.fill_null(mask, False)
    if isinstance(filled, pa.ChunkedArray):
        filled = filled.combine_chunks()
    return filled.to_numpy(zero_copy_only=False)


def true_indices(mask: Column) -> list[int]:
    """Positions where a boolean array is true (null counts as false)."""
    return np.flatnonzero(true_mask(mask)).tolist()
