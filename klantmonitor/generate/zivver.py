"""ZIVVER deliveries: letters and e-mails typed in by client staff, as an xlsx plus a manifest
with its sha256 and size. The workbook is made byte-stable (fixed zip and document times)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile

import numpy as np
from openpyxl import Workbook

from klantmonitor.generate.clock import iso_utc
from klantmonitor.generate.comments import Commenter
from klantmonitor.generate.day import Day
from klantmonitor.generate.population import CLIENTS, SERVICES, case_numbers, weights
from klantmonitor.generate.scores import latent, mood, scale
from klantmonitor.sources.contract import SOURCES

SOURCE = SOURCES["zivver"]
DELIVERIES = (0.55, 0.33, 0.12)  # per client and day: 0, 1 or 2 deliveries
MAX_ROWS = 300  # hand-typed: a few hundred letters per delivery at most
LETTER_SHARE = 0.05  # of the day's feedback answers
_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stable_xlsx(data: bytes, stamp: dt.datetime) -> bytes:
    """The same workbook with fixed zip entry times and document times (openpyxl uses now())."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>" + when + rb"\g<3>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


def _workbook(rows: list[list[object]], stamp: dt.datetime) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SOURCE.extra["sheet"])
    ws.append(list(SOURCE.field_names))
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return stable_xlsx(buffer.getvalue(), stamp)


def write(day: Day, n: int) -> None:
    """Write today's deliveries (0-2 per client), about ``n`` letters in all."""
    rng, r, people = day.rng(SOURCE.name), day.random(SOURCE.name), day.people
    per_client = rng.choice(3, len(CLIENTS), p=DELIVERIES)
    clients = np.repeat(np.arange(len(CLIENTS)), per_client)
    if not len(clients):
        return
    expected = len(CLIENTS) * float(np.dot(DELIVERIES, range(3)))
    sizes = np.clip(rng.poisson(max(1.0, n / expected), len(clients)), 1, MAX_ROWS)
    numbers = np.sort(rng.choice(10_000, len(clients), replace=False))
    created = np.sort(day.clock.start + 3600 * 13 + rng.integers(0, 5 * 3600, len(clients)))
    commenter = Commenter("letter", people, r, day.date)
    for client, size, number, instant in zip(
        clients.tolist(), sizes.tolist(), numbers.tolist(), created.tolist(), strict=True
    ):
        delivery = f"ZV-{day.compact}-{number:04d}"
        services = rng.choice(len(SERVICES), size, p=weights(SERVICES))
        z = latent(rng, np.full(size, client), services, shift=-0.8)
        persons = people.pick(rng, np.full(size, client), local=0.95)
        texts = commenter.texts(
            rng, rng.random(size) < 0.97, mood(z), np.full(size, "nl"), services, persons
        )
        ratings = scale(z, 1, 10, 5.5, 2.0)
        cases = case_numbers(rng, services, day.date.year)
        rows: list[list[object]] = []
        names, addresses, kinds = [], [], []
        for k in range(size):
            i, post, style = int(persons[k]), r.random() < 0.6, r.random()
            name = people.full_name(i) if style < 0.7 else people.initial_name(i)
            names.append(name if style < 0.9 else "")
            postal = post or r.random() < 0.2
            addresses.append(people.postal_address(i) if postal else people.email[i])
            kinds.append("address" if postal else "email")
            rows.append(
                [
                    day.date - dt.timedelta(days=r.randint(0, 10)),
                    "Post" if post else "E-mail",
                    SERVICES[services[k]].name,
                    int(ratings[k]) if r.random() < 0.9 else None,
                    texts.text[k] or None,
                    cases[k] if r.random() < 0.7 else None,
                    names[-1] or None,
                    addresses[-1],
                ]
            )
        stamp = dt.datetime.fromtimestamp(instant, dt.UTC).replace(tzinfo=None)
        data = _workbook(rows, stamp)
        workbook = SOURCE.extra["workbook"]
        path = day.write_bytes(SOURCE.name, (delivery, workbook), data, size)
        manifest = {
            "delivery_id": delivery,
            "client": CLIENTS[client].code,
            "created_at": iso_utc(np.array([instant]))[0],
            "files": [
                {"name": workbook, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            ],
        }
        text = json.dumps(manifest, indent=2) + "\n"
        day.write_bytes(SOURCE.name, (delivery, "manifest.json"), text.encode(), 0)
        file = day.rel(path)
        keys = [f"{delivery}+{k + 2}" for k in range(size)]  # + sheet row (1 is the header)
        day.ledger.add_spans(SOURCE.name, file, "Toelichting", keys, texts.spans)
        day.ledger.add_column(SOURCE.name, file, "Naam afzender", keys, names, "name")
        day.ledger.add_column(SOURCE.name, file, "Adres afzender", keys, addresses, kinds)
