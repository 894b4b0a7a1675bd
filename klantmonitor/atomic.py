"""Write files so that a crash mid-write leaves the previous version intact."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary sibling of ``path``, then rename it over ``path``.

    The rename is atomic on POSIX file systems, so readers see either the old or the new file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_parquet_atomically(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` as Parquet (zstd), atomically."""
    replace_atomically(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def write_bytes_atomically(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path``, atomically."""
    replace_atomically(path, lambda tmp: tmp.write_bytes(data))
