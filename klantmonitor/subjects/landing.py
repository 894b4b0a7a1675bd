"""Landing files as text, and rewritten without a subject's records (format kept, atomically).

CSV files lose the physical lines of the matching records (header, encoding, BOM and line ends
stay as delivered); JSON Lines lose lines; a MessageBird list document loses items (its counts
follow); a ZIVVER delivery's workbook loses rows and its manifest gets the new checksum and
size, the delivery folder swapped in whole. A rewritten file keeps its modification time, so
the order of re-deliveries within a day (latest wins) does not change.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from klantmonitor.atomic import write_bytes_atomically
from klantmonitor.paths import DataPaths
from klantmonitor.sources.contract import SOURCES, Format, Source
from klantmonitor.sources.delimited import read_csv
from klantmonitor.sources.records import FileRejected
from klantmonitor.subjects.matching import Subject


def landing_files(paths: DataPaths) -> Iterator[tuple[Source, Path]]:
    """Every file in the landing zone with the source it belongs to."""
    for source in SOURCES.values():
        folder = paths.landing / source.name
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    yield source, path


def records(source: Source, path: Path) -> list[str]:
    """The texts of a landing file's records (a CSV record may span lines; a workbook: rows;
    a MessageBird document: items; a ZIVVER manifest: the whole file)."""
    if path.suffix == ".xlsx":
        book = CalamineWorkbook.from_path(str(path))
        sheets = (book.get_sheet_by_name(name).to_python() for name in book.sheet_names)
        return ["\t".join(str(cell) for cell in row) for rows in sheets for row in rows[1:]]
    data = path.read_bytes()
    if source.format is Format.JSON_LIST:
        items = json.loads(data.decode(source.encoding)).get("items", [])
        return [json.dumps(item, ensure_ascii=False) for item in items]
    if source.format is Format.ZIVVER:
        return [data.decode("utf-8", errors="replace")]
    return [text for _, _, text in _segments(source, data)]


def count_mentions(source: Source, path: Path, subject: Subject) -> int:
    """How many records of a landing file mention ``subject``."""
    return int(subject.mentioned_in(records(source, path)).sum())


def rewrite_without(source: Source, path: Path, subject: Subject) -> int:
    """Rewrite ``path`` without the records that mention ``subject``; how many were removed."""
    if not count_mentions(source, path, subject):
        return 0
    if source.format is Format.ZIVVER:
        return _rewrite_delivery(path.parent, subject) if path.suffix == ".xlsx" else 0
    data = path.read_bytes()
    if source.format is Format.JSON_LIST:
        new, removed = _without_items(data, source, subject)
    else:
        new, removed = _without_lines(data, source, subject)
    stat = path.stat()
    write_bytes_atomically(new, path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return removed


def _segments(source: Source, data: bytes) -> list[tuple[int, int, str]]:
    """(first line, line after, text) of each record of a line-based file (1-based lines);
    a CSV file's records start where its reader says, after the header."""
    lines = data.split(b"\n")
    if source.format is Format.CSV:
        try:
            parsed = read_csv(source, data)
            starts = sorted(
                {int(n) for n in parsed.lines} | {r.line for r in parsed.rejects if r.line}
            )
        except FileRejected:
            starts = [2]  # an unusable file: everything after the first line is one record
    else:
        starts = list(range(1, len(lines) + 1))
    bounds = zip(starts, [*starts[1:], len(lines) + 1], strict=True) if starts else ()
    segments = []
    for first, after in bounds:
        text = b"\n".join(lines[first - 1 : after - 1]).decode(source.encoding, errors="replace")
        if text.strip():
            segments.append((first, after, text))
    return segments


def _without_lines(data: bytes, source: Source, subject: Subject) -> tuple[bytes, int]:
    lines = data.split(b"\n")
    keep = [True] * len(lines)
    segments = _segments(source, data)
    mentioned = subject.mentioned_in([text for _, _, text in segments])
    for (first, after, _), hit in zip(segments, mentioned.tolist(), strict=True):
        if hit:
            keep[first - 1 : after - 1] = [False] * (after - first)
    return b"\n".join(line for line, k in zip(lines, keep, strict=True) if k), int(mentioned.sum())


def _without_items(data: bytes, source: Source, subject: Subject) -> tuple[bytes, int]:
    document = json.loads(data.decode(source.encoding))
    items = document.get("items", [])
    mentioned = subject.mentioned_in([json.dumps(i, ensure_ascii=False) for i in items])
    kept = [i for i, hit in zip(items, mentioned.tolist(), strict=True) if not hit]
    removed = len(items) - len(kept)
    document["items"] = kept
    for name in ("count", "totalCount"):
        if isinstance(document.get(name), int):
            document[name] -= removed
    return json.dumps(document, ensure_ascii=False).encode(source.encoding), removed


def _rewrite_delivery(folder: Path, subject: Subject) -> int:
    """A ZIVVER delivery without the subject's rows: workbook and manifest, swapped in whole."""
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_bytes())
    workbook = SOURCES["zivver"].extra["workbook"]
    book = openpyxl.load_workbook(folder / workbook)
    removed = 0
    for sheet in book.worksheets:
        for index in range(sheet.max_row, 1, -1):
            cells = [c.value for c in sheet[index]]
            if subject.mentions("\t".join("" if v is None else str(v) for v in cells)):
                sheet.delete_rows(index)
                removed += 1
    if not removed:
        return 0
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    for entry in manifest["files"]:
        if entry["name"] == workbook:
            entry.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    built = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.tmp")
    shutil.copytree(folder, built, copy_function=shutil.copy2)
    (built / workbook).write_bytes(data)
    (built / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    for name in (workbook, "manifest.json"):
        stat = (folder / name).stat()
        os.utime(built / name, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    old = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.old")
    folder.rename(old)
    built.rename(folder)
    shutil.rmtree(old)
    return removed
