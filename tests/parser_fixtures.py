"""Small landing files for the parser tests, written into a temporary landing root."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
from pathlib import Path

import openpyxl

from klantmonitor.sources import ParsedDay, parse_day
from klantmonitor.sources.contract import SOURCES

DAY = dt.date(2026, 11, 23)
LOAD_ID = "run-1"
LOADED_AT = dt.datetime(2026, 11, 24, 6, 0, tzinfo=dt.UTC)
ZIVVER_HEADER = [f.name for f in SOURCES["zivver"].fields]

# One valid record per source, as the vendor writes it (text; JSON sources may type values).
VALID: dict[str, dict[str, object]] = {
    "govmetric": {
        "FeedbackID": "GMX-7F3A9C21",
        "ClientCode": "GM1942",
        "Channel": "Website",
        "Service": "Parkeren",
        "Department": "",
        "Rating": "Good",
        "Reasons": "WAIT_TIME|STAFF_FRIENDLY",
        "Comment": "snel geholpen",
        "CaseReference": "MOR-2026-004512",
        "SubmittedAt": "23/11/2026 14:03:11",
        "PageURL": "https://www.gemeente.nl/parkeren",
        "UserAgent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0",
        "IPAddress": "192.0.2.1",
        "ContactName": "",
        "ContactEmail": "",
        "ContactPhone": "",
        "ContactConsent": "N",
    },
    "smile": {
        "response_id": "R-000193",
        "session_id": "S-88412",
        "terminal_id": "KIOSK-GM1942-01",
        "client": "GM1942",
        "location": "Stadhuis Bussum",
        "channel": "balie",
        "question_id": "Q1",
        "question": "Hoe tevreden bent u over onze dienstverlening?",
        "answer": 4,
        "free_text": "snel geholpen",
        "ts": 1763892180123,
        "lang": "nl",
    },
    "ivr": {
        "GesprekID": "IVR-0001",
        "Klant": "GM1942",
        "Datum": "23-11-2026",
        "Tijd": "14:03:11",
        "Wachtrij": "Afval en reiniging",
        "Beller": "0612345678",
        "Wachttijd_sec": "12,5",
        "Gespreksduur_sec": "180",
        "V1_Score": "4",
        "V2_Score": "",
        "V3_NPS": "9",
        "Opmerking": "prima geholpen",
    },
    "crm": {
        "contact_id": "C-1",
        "first_name": "Jan",
        "last_name": "de Vries",
        "email": "jan@example.nl",
        "phone": "0612345678",
        "street": "Dorpsstraat",
        "house_number": "1",
        "postcode": "1234 AB",
        "city": "Bussum",
        "iban": "NL91ABNA0417164300",
        "organisation": "Gemeente Gooise Meren",
        "is_client": "true",
        "last_contact_at": "2026-11-20T10:00:00Z",
        "linkedin_url": "https://www.linkedin.com/in/janvries",
        "created_at": "2024-01-01T00:00:00+00:00",
    },
    "newsletter": {
        "event_id": "E-1",
        "email": "piet@example.nl",
        "event": "subscribe",
        "consent_version": "v3",
        "occurred_at": "2026-11-23T08:00:00Z",
        "ip_address": "192.0.2.7",
    },
    "forms": {
        "submission_id": "F-1",
        "form": "contact",
        "name": "Piet Jansen",
        "email": "piet@example.nl",
        "phone": None,
        "organisation": "Gemeente Huizen",
        "message": "Graag een demo",
        "requested_item": None,
        "submitted_at": "2026-11-23T09:15:00+01:00",
        "ip_address": "192.0.2.8",
        "user_agent": "Mozilla/5.0",
        "page_url": "https://klantinfocus.nl/contact",
    },
    "applications": {
        "application_id": "A-1",
        "vacancy": "Data engineer",
        "first_name": "Sanne",
        "last_name": "Bakker",
        "email": "sanne@example.nl",
        "phone": "0687654321",
        "cv_filename": "cv_sanne_bakker.pdf",
        "interview_notes": "sterk in SQL",
        "status": "open",
        "received_at": "2026-11-01T12:00:00Z",
        "procedure_closed_at": "",
        "extended_retention_consent": "N",
    },
    "subject_requests": {
        "request_id": "SR-1",
        "type": "rectification",
        "email": "jan@example.nl",
        "phone": "",
        "received_at": "2026-11-23T10:00:00Z",
        "details": '{"last_name": "de Vries-Bakker"}',
    },
    "messagebird": {
        "id": "a1b2",
        "direction": "mt",
        "type": "sms",
        "originator": "KLANTINFOCUS",
        "recipient": "31612345678",
        "body": "Hoe tevreden bent u (0-10)?",
        "createdDatetime": "2026-11-23T09:00:02+00:00",
        "reference": "INV-GM1942-MOR-2026-004512",
    },
}

FILE_NAMES = {
    "govmetric": "govmetric_feedback_20261123.csv",
    "smile": "smile_export.jsonl",
    "ivr": "IVR_GM1942_20261123.csv",
    "messagebird": "messages.json",
    "crm": "crm_contacts.csv",
    "newsletter": "newsletter_events.csv",
    "forms": "form_submissions.jsonl",
    "applications": "applications.csv",
    "subject_requests": "requests.csv",
}


def record(source: str, **changes: object) -> dict[str, object]:
    """The valid record of ``source`` with some values changed."""
    return {**VALID[source], **changes}


def land(
    root: Path, source: str, name: str, data: bytes, *, day: dt.date = DAY, age: int = 0
) -> Path:
    """Write a landing file; ``age`` seconds in the past (older files load first)."""
    path = root / source / day.isoformat() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = 1_900_000_000 - age
    os.utime(path, (stamp, stamp))
    return path


def csv_bytes(
    source: str,
    rows: list[dict[str, object]],
    *,
    columns: list[str] | None = None,
    eol: str = "\n",
    bom: bool = False,
) -> bytes:
    """A CSV export of ``rows`` in the source's delimiter and encoding."""
    spec = SOURCES[source]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=spec.delimiter, lineterminator=eol)
    columns = columns or list(VALID[source])
    writer.writerow(columns)
    writer.writerows([[r.get(c, "") for c in columns] for r in rows])
    encoding = "utf-8" if spec.encoding == "utf-8-sig" else spec.encoding
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)


def jsonl_bytes(rows: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()


def messages_bytes(items: list[object], total: int | None = None) -> bytes:
    document = {
        "offset": 0,
        "limit": 5000,
        "count": len(items),
        "totalCount": len(items) if total is None else total,
        "items": items,
    }
    return json.dumps(document).encode()


def workbook_bytes(rows: list[list[object]], *, header: list[str] = ZIVVER_HEADER) -> bytes:
    """``post_feedback.xlsx`` with sheet Feedback: the header row, then ``rows``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Feedback"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def land_delivery(
    root: Path,
    delivery_id: str,
    workbook: bytes,
    *,
    listed: dict[str, object] | None = None,
    age: int = 0,
) -> Path:
    """A zivver delivery folder: the workbook and a manifest listing it (``listed`` overrides)."""
    entry = {
        "name": "post_feedback.xlsx",
        "sha256": hashlib.sha256(workbook).hexdigest(),
        "bytes": len(workbook),
        **(listed or {}),
    }
    manifest = {
        "delivery_id": delivery_id,
        "client": "GM0363",
        "created_at": "2026-11-23T16:40:00Z",
        "files": [entry],
    }
    land(root, "zivver", f"{delivery_id}/post_feedback.xlsx", workbook, age=age)
    return land(
        root, "zivver", f"{delivery_id}/manifest.json", json.dumps(manifest).encode(), age=age
    )


def parse(root: Path, source: str, day: dt.date = DAY) -> ParsedDay:
    return parse_day(SOURCES[source], root, day, LOAD_ID, LOADED_AT)


def reasons(parsed: ParsedDay) -> list[str]:
    return parsed.quarantine["reason"].to_pylist()


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)
