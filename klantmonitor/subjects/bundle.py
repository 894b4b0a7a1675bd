"""Access and portability: a bundle under ``exports/subject_requests/<request_id>/``.

``bundle.json`` (one document: the request, the Dutch summary and every dataset's rows),
``<layer>.<dataset>.csv`` per dataset and ``samenvatting.txt``. Access covers every layer
(clear values where landing, raw and staging still hold them; pseudonymised rows); portability
the data the subject gave by consent or contract, as delivered (raw zone). The folder is built
aside and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from klantmonitor.paths import DataPaths
from klantmonitor.subjects.lookup import ROWID, Finding, Findings
from klantmonitor.subjects.purposes import LAYERS, purpose_of, retention_term
from klantmonitor.subjects.requests import SubjectRequest

BUNDLE_FOLDER = "subject_requests"
RetentionTerm = Callable[[str, str], str | None]


def bundles_root(paths: DataPaths) -> Path:
    return paths.exports / BUNDLE_FOLDER


def bundle_folder(paths: DataPaths, request_id: str) -> Path:
    return bundles_root(paths) / request_id


def selected(request: SubjectRequest, findings: Findings) -> list[Finding]:
    """The datasets a bundle holds: all for access; raw data given by consent or contract for
    portability."""
    if request.type != "portability":
        return list(findings.items)
    return [
        f for f in findings.items if f.layer == "raw" and purpose_of(f.layer, f.dataset).portable
    ]


def summary(
    request: SubjectRequest,
    findings: Findings,
    items: list[Finding],
    retention: RetentionTerm = retention_term,
) -> str:
    """What is held, why and for how long, in Dutch."""
    kind = "Inzageverzoek" if request.type == "access" else "Verzoek om overdracht van gegevens"
    lines = [
        f"{kind} {request.request_id}, ontvangen op {request.received_at:%d-%m-%Y}.",
        "",
        "Wij hebben gezocht op het e-mailadres en/of telefoonnummer uit uw verzoek, in alle "
        "onderdelen van ons platform.",
        "",
    ]
    if not findings.holds_data:
        lines.append(
            "Wij hebben geen persoonsgegevens van u gevonden bij dit e-mailadres of "
            "telefoonnummer. Wij hebben alleen uw verzoek zelf geregistreerd."
        )
    else:
        lines.append("Dit hebben wij van u:")
    for f in items:
        purpose = purpose_of(f.layer, f.dataset)
        term = (
            retention(f.layer, f.dataset) or "volgens ons bewaarbeleid (zie de privacyverklaring)"
        )
        unit = "bestand(en)" if f.layer == "landing" else "registratie(s)"
        lines += [
            f"- {purpose.title} ({LAYERS.get(f.layer, f.layer)}, {f.name}): "
            f"{f.rows.num_rows} {unit}.",
            f"  Doel: {purpose.purpose}. Grondslag: {purpose.basis}. Bewaartermijn: {term}.",
        ]
    if request.type == "portability":
        lines += [
            "",
            "Dit zijn de gegevens die u zelf aan ons gaf op basis van toestemming of een "
            "overeenkomst, zoals wij ze ontvingen.",
        ]
    lines += [
        "",
        "De gegevens staan machineleesbaar in bundle.json en in een CSV-bestand per onderdeel.",
    ]
    return "\n".join(lines) + "\n"


def _value(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _rows(table: pa.Table) -> pa.Table:
    return table.drop_columns([ROWID]) if ROWID in table.column_names else table


def write_bundle(
    paths: DataPaths,
    request: SubjectRequest,
    findings: Findings,
    retention: RetentionTerm = retention_term,
) -> Path:
    """Write the bundle of ``request`` and return its folder."""
    items = selected(request, findings)
    text = summary(request, findings, items, retention)
    final = bundle_folder(paths, request.request_id)
    build = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.tmp")
    build.mkdir(parents=True)
    document = {
        "request": {
            "request_id": request.request_id,
            "type": request.type,
            "received_at": request.received_at.isoformat(),
        },
        "samenvatting": text,
        "datasets": [
            {
                "layer": f.layer,
                "dataset": f.dataset,
                "purpose": purpose_of(f.layer, f.dataset).purpose,
                "legal_basis": purpose_of(f.layer, f.dataset).basis,
                "retention": retention(f.layer, f.dataset),
                "rows": _rows(f.rows).to_pylist(),
            }
            for f in items
        ],
    }
    (build / "bundle.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=2, default=_value), encoding="utf-8"
    )
    (build / "samenvatting.txt").write_text(text, encoding="utf-8")
    for f in items:
        _rows(f.rows).to_pandas().to_csv(build / f"{f.name}.csv", index=False)
    shutil.rmtree(final, ignore_errors=True)
    build.rename(final)
    return final


def remove_bundles(paths: DataPaths, request_ids: list[str]) -> int:
    """Delete the bundles of earlier requests (erasure); how many there were."""
    removed = 0
    for request_id in request_ids:
        folder = bundle_folder(paths, request_id)
        if folder.is_dir():
            shutil.rmtree(folder)
            removed += 1
    return removed
