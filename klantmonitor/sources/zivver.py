"""ZIVVER deliveries: a ``manifest.json`` and the files it lists, verified before anything loads."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from klantmonitor.sources.contract import Source
from klantmonitor.sources.records import FileRejected


def manifest_keys(source: Source) -> list[str]:
    """The manifest values the source's derived columns take (e.g. delivery_id, client)."""
    return [d.field.name for d in source.derived if d.context == "manifest"]


def open_delivery(
    source: Source, manifest: Path, data: bytes
) -> tuple[Path, bytes, dict[str, str]]:
    """Verify the delivery of ``manifest`` (whose bytes are ``data``).

    Returns the workbook's path and bytes and the manifest values for derived columns. A missing
    file or a size or checksum mismatch rejects the whole delivery: nothing of it loads.
    """
    document = _document(source, data)
    problems: list[str] = []
    contents: dict[str, bytes] = {}
    for entry in document["files"]:
        name, path = entry["name"], manifest.parent / entry["name"]
        if not path.is_file():
            problems.append(f"missing file: {name}")
            continue
        contents[name] = path.read_bytes()
        if len(contents[name]) != entry["bytes"]:
            problems.append(
                f"size mismatch: {name} (manifest {entry['bytes']} bytes, "
                f"file {len(contents[name])} bytes)"
            )
        elif hashlib.sha256(contents[name]).hexdigest() != entry["sha256"].lower():
            problems.append(f"checksum mismatch: {name}")
    if problems:
        raise FileRejected("; ".join(problems))
    workbook = source.extra["workbook"]
    if workbook not in contents:
        raise FileRejected(f"invalid manifest: {workbook} not listed")
    return (
        manifest.parent / workbook,
        contents[workbook],
        {key: document[key] for key in manifest_keys(source)},
    )


def _document(source: Source, data: bytes) -> dict:
    """The manifest, checked for shape: string values for the derived keys and a files list."""
    try:
        document = json.loads(data)
    except ValueError:
        raise FileRejected("invalid manifest: not JSON") from None
    if not isinstance(document, dict):
        raise FileRejected("invalid manifest: not a JSON object")
    missing = [k for k in manifest_keys(source) if not isinstance(document.get(k), str)]
    if missing:
        raise FileRejected(f"invalid manifest: missing {', '.join(missing)}")
    files = document.get("files")
    if not isinstance(files, list) or not all(_valid_entry(e) for e in files):
        raise FileRejected("invalid manifest: files must list name, sha256 and bytes")
    return document


def _valid_entry(entry: object) -> bool:
    """A listed file: a plain file name in the delivery folder, a sha256 and a byte count."""
    return (
        isinstance(entry, dict)
        and isinstance(name := entry.get("name"), str)
        and name not in ("", ".", "..")
        and "/" not in name
        and "\\" not in name
        and isinstance(entry.get("sha256"), str)
        and isinstance(entry.get("bytes"), int)
        and not isinstance(entry.get("bytes"), bool)
    )
