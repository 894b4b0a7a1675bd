"""The source parsers against small real landing files, one test per quirk of the contract."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow as pa
import pytest

from klantmonitor.sources import QUARANTINE_SCHEMA, raw_schema
from klantmonitor.sources.contract import LINEAGE_COLUMNS, SOURCES
from klantmonitor.sources.delimited import _read_exact, _read_fast
from klantmonitor.sources.timezones import local_to_utc
from tests.parser_fixtures import (
    DAY,
    FILE_NAMES,
    LOAD_ID,
    LOADED_AT,
    VALID,
    csv_bytes,
    jsonl_bytes,
    land,
    land_delivery,
    messages_bytes,
    parse,
    reasons,
    record,
    utc,
    workbook_bytes,
)

# --- schema and the empty day ----------------------------------------------------------------


def test_raw_schema_puts_derived_extra_flag_and_lineage_after_the_vendor_fields() -> None:
    schema = raw_schema(SOURCES["ivr"])
    vendor = list(SOURCES["ivr"].field_names)
    assert schema.names == [*vendor, "CalledAt", "_extra", "_tz_flag", *LINEAGE_COLUMNS]
    assert schema.field("CalledAt").type == pa.timestamp("us", tz="UTC")
    assert schema.field("Wachttijd_sec").type == pa.float64()
    assert schema.field("Datum").type == pa.date32()
    assert schema.field("_line").type == pa.int64()
    assert raw_schema(SOURCES["messagebird"]).names[8:10] == ["client", "case_number"]
    assert raw_schema(SOURCES["zivver"]).names[8:11] == ["delivery_id", "client", "row_number"]


@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("make_folder", [False, True])
def test_a_missing_or_empty_day_gives_empty_tables_with_the_full_schema(
    tmp_path: Path, source: str, make_folder: bool
) -> None:
    if make_folder:
        (tmp_path / source / DAY.isoformat()).mkdir(parents=True)
    parsed = parse(tmp_path, source)
    assert parsed.rows.num_rows == 0 and parsed.rows.schema == raw_schema(SOURCES[source])
    assert parsed.quarantine.num_rows == 0 and parsed.quarantine.schema == QUARANTINE_SCHEMA
    assert parsed.files == []


@pytest.mark.parametrize("source", sorted(FILE_NAMES))
def test_a_valid_record_of_every_source_loads_with_lineage(tmp_path: Path, source: str) -> None:
    if source in ("smile", "forms"):
        data = jsonl_bytes([record(source)])
    elif source == "messagebird":
        data = messages_bytes([record(source)])
    else:
        data = csv_bytes(source, [record(source)], bom=source == "govmetric")
    path = land(tmp_path, source, FILE_NAMES[source], data)
    parsed = parse(tmp_path, source)
    assert reasons(parsed) == []
    assert parsed.rows.schema == raw_schema(SOURCES[source])
    (row,) = parsed.rows.to_pylist()
    relative = f"{source}/{DAY}/{FILE_NAMES[source]}"
    digest = hashlib.sha256(data).hexdigest()
    assert row["_source_file"] == relative and row["_line"] in (1, 2)
    assert (row["_file_sha256"], row["_load_id"], row["_loaded_at"]) == (digest, LOAD_ID, LOADED_AT)
    assert row["_extra"] is None and row["_tz_flag"] is None
    (load,) = parsed.files
    assert (load.path, load.sha256, load.bytes) == (relative, digest, path.stat().st_size)
    assert (load.rows, load.quarantined, load.superseded) == (1, 0, 0)


# --- govmetric: BOM, CRLF, RFC 4180 quoting, UK local time ----------------------------------


def test_govmetric_bom_crlf_and_quoted_commas_quotes_and_line_breaks(tmp_path: Path) -> None:
    comment = 'Goed, maar "traag".\r\nTweede regel 👍\r\nDerde'
    rows = [
        record("govmetric", FeedbackID="GMX-1", Comment=comment),
        record("govmetric", FeedbackID="GMX-2", Department="Stadsbeheer, Noord"),
        record("govmetric", FeedbackID="GMX-3", Comment=""),
    ]
    data = csv_bytes("govmetric", rows, eol="\r\n", bom=True)
    assert data.startswith(b"\xef\xbb\xbf") and b'"Goed, maar ""traag"".\r\n' in data
    land(tmp_path, "govmetric", "govmetric_feedback_20261123.csv", data)
    parsed = parse(tmp_path, "govmetric")
    assert reasons(parsed) == []
    table = parsed.rows
    assert table["FeedbackID"].to_pylist() == ["GMX-1", "GMX-2", "GMX-3"]
    assert table["_line"].to_pylist() == [2, 5, 6]  # GMX-1 spans physical lines 2-4
    assert table["Comment"].to_pylist() == [comment, "snel geholpen", None]
    assert table["Department"].to_pylist() == [None, "Stadsbeheer, Noord", None]
    assert table["Rating"].to_pylist() == ["Good"] * 3
    assert table["ContactConsent"].to_pylist() == [False] * 3
    assert table["SubmittedAt"][0].as_py() == utc("2026-11-23T14:03:11+00:00")


def test_a_stray_quote_takes_the_exact_reader_with_the_same_lines(tmp_path: Path) -> None:
    rows = [
        record("govmetric", FeedbackID="GMX-1", Comment="a\r\nb"),
        record("govmetric", FeedbackID="GMX-2"),
    ]
    data = csv_bytes("govmetric", rows, eol="\r\n", bom=True)
    # an unquoted field holding a quote: valid for the csv module, not for the byte scan
    data += b'GMX-3,GM1942,Post,Parkeren,,Poor,,5" scherm,,23/11/2026 10:00:00,,,,,,,Y\r\n'
    land(tmp_path, "govmetric", "govmetric_feedback_20261123.csv", data)
    parsed = parse(tmp_path, "govmetric")
    assert reasons(parsed) == []
    assert parsed.rows["_line"].to_pylist() == [2, 4, 5]
    assert parsed.rows["Comment"].to_pylist() == ["a\r\nb", "snel geholpen", '5" scherm']


def test_fast_and_exact_csv_readers_agree() -> None:
    rows = [
        record("govmetric", FeedbackID="GMX-1", Comment='x, "y"\r\nz', Extra="e"),
        record("govmetric", FeedbackID="GMX-2", Comment=""),
        record("govmetric", FeedbackID="GMX-3"),
    ]
    data = csv_bytes("govmetric", rows, columns=[*VALID["govmetric"], "Extra"], eol="\r\n")
    data = data.replace(b"GMX-3", b"too,few,fields\r\n\r\nGMX-3")
    source = SOURCES["govmetric"]
    fast = _read_fast(source, data)
    exact = _read_exact(source, data.decode())
    assert fast is not None
    assert list(fast.lines) == list(exact.lines) == [2, 4, 7]
    for name in source.field_names:
        assert fast.columns[name].to_pylist() == exact.columns[name].to_pylist(), name
    assert [(r.line, r.reason, r.record) for r in fast.rejects] == [
        (r.line, r.reason, r.record) for r in exact.rejects
    ]
    assert [fast.record_text(i) for i in range(3)] == [exact.record_text(i) for i in range(3)]


@pytest.mark.parametrize(
    ("local", "expected", "flag"),
    [
        ("15/01/2026 12:00:00", "2026-01-15T12:00:00+00:00", None),  # GMT
        ("15/07/2026 12:00:00", "2026-07-15T11:00:00+00:00", None),  # BST
        ("29/03/2026 00:59:59", "2026-03-29T00:59:59+00:00", None),
        ("29/03/2026 01:30:00", "2026-03-29T01:00:00+00:00", "nonexistent"),  # shifted forward
        ("29/03/2026 02:00:00", "2026-03-29T01:00:00+00:00", None),
        ("25/10/2026 00:30:00", "2026-10-24T23:30:00+00:00", None),
        ("25/10/2026 01:30:00", "2026-10-25T00:30:00+00:00", "ambiguous"),  # first: BST
        ("25/10/2026 02:00:00", "2026-10-25T02:00:00+00:00", None),
    ],
)
def test_govmetric_uk_local_time_to_utc_over_the_change_overs(
    tmp_path: Path, local: str, expected: str, flag: str | None
) -> None:
    data = csv_bytes("govmetric", [record("govmetric", SubmittedAt=local)], bom=True)
    land(tmp_path, "govmetric", "govmetric_feedback_20261123.csv", data)
    (row,) = parse(tmp_path, "govmetric").rows.to_pylist()
    assert row["SubmittedAt"] == utc(expected)
    assert row["_tz_flag"] == flag


@pytest.mark.parametrize("zone", ["Europe/London", "Europe/Amsterdam"])
@pytest.mark.parametrize("day", [dt.date(2026, 3, 29), dt.date(2026, 10, 25)])
def test_local_to_utc_agrees_with_zoneinfo_every_quarter_hour(zone: str, day: dt.date) -> None:
    tz = ZoneInfo(zone)
    walls = [dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=15 * i) for i in range(96)]
    utc_times, flags = local_to_utc(pa.array(walls, pa.timestamp("s")), zone)
    for wall, got, flag in zip(walls, utc_times.to_pylist(), flags.to_pylist(), strict=True):
        first = wall.replace(tzinfo=tz, fold=0)
        back = first.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
        if back != wall:  # in the spring gap: the first valid instant after it
            assert flag == "nonexistent"
            after = wall.replace(tzinfo=dt.UTC) - dt.timedelta(hours=3)
            while after.astimezone(tz).replace(tzinfo=None) <= wall:
                after += dt.timedelta(minutes=15)
            assert got == after
        else:
            assert got == first.astimezone(dt.UTC)
            second = wall.replace(tzinfo=tz, fold=1).astimezone(dt.UTC)
            assert flag == ("ambiguous" if second != got else None)
    assert flags.to_pylist().count("ambiguous" if day.month == 10 else "nonexistent") == 4


# --- ivr: Windows-1252, semicolons, decimal comma, Amsterdam time -----------------------------


def test_ivr_cp1252_decimal_comma_and_hung_up_scores(tmp_path: Path) -> None:
    rows = [
        record("ivr", Opmerking="café aan de €-balie, één vraag"),
        record("ivr", GesprekID="IVR-0002", Wachttijd_sec="0,25", V1_Score="", V3_NPS="0"),
    ]
    data = csv_bytes("ivr", rows)
    assert b"caf\xe9 aan de \x80-balie" in data  # é and € as single cp1252 bytes
    land(tmp_path, "ivr", "IVR_GM1942_20261123.csv", data)
    parsed = parse(tmp_path, "ivr")
    assert reasons(parsed) == []
    table = parsed.rows
    assert table["Opmerking"][0].as_py() == "café aan de €-balie, één vraag"
    assert table["Wachttijd_sec"].to_pylist() == [12.5, 0.25]
    assert table["Gespreksduur_sec"].to_pylist() == [180.0, 180.0]
    assert table["V1_Score"].to_pylist() == [4, None]
    assert table["V2_Score"].to_pylist() == [None, None]
    assert table["V3_NPS"].to_pylist() == [9, 0]
    assert table["Datum"][0].as_py() == dt.date(2026, 11, 23)
    assert table["CalledAt"][0].as_py() == utc("2026-11-23T13:03:11+00:00")


@pytest.mark.parametrize(
    ("datum", "tijd", "expected", "flag"),
    [
        ("23-11-2026", "14:03:11", "2026-11-23T13:03:11+00:00", None),  # CET
        ("15-07-2026", "12:00:00", "2026-07-15T10:00:00+00:00", None),  # CEST
        ("29-03-2026", "02:30:00", "2026-03-29T01:00:00+00:00", "nonexistent"),
        ("29-03-2026", "03:00:00", "2026-03-29T01:00:00+00:00", None),
        ("25-10-2026", "02:30:00", "2026-10-25T00:30:00+00:00", "ambiguous"),  # first: CEST
        ("25-10-2026", "03:00:00", "2026-10-25T02:00:00+00:00", None),
    ],
)
def test_ivr_called_at_in_amsterdam_time_over_the_change_overs(
    tmp_path: Path, datum: str, tijd: str, expected: str, flag: str | None
) -> None:
    land(
        tmp_path,
        "ivr",
        "IVR_GM1942_20261123.csv",
        csv_bytes("ivr", [record("ivr", Datum=datum, Tijd=tijd)]),
    )
    (row,) = parse(tmp_path, "ivr").rows.to_pylist()
    assert (row["CalledAt"], row["_tz_flag"]) == (utc(expected), flag)


def test_ivr_bad_time_and_number_are_quarantined_by_column(tmp_path: Path) -> None:
    rows = [
        record("ivr", GesprekID="IVR-1", Tijd="25:61:00"),
        record("ivr", GesprekID="IVR-2", Wachttijd_sec="12.5"),
        record("ivr", GesprekID="IVR-3", V3_NPS="11"),
        record("ivr", GesprekID="IVR-4", Datum="31-02-2026"),
        record("ivr", GesprekID="IVR-5"),
    ]
    land(tmp_path, "ivr", "IVR_GM1942_20261123.csv", csv_bytes("ivr", rows))
    parsed = parse(tmp_path, "ivr")
    assert parsed.rows["GesprekID"].to_pylist() == ["IVR-5"]
    assert parsed.quarantine["line"].to_pylist() == [2, 3, 4, 5]
    assert reasons(parsed) == [
        "CalledAt: '23-11-2026 25:61:00' not a date in %d-%m-%Y %H:%M:%S",
        "Wachttijd_sec: '12.5' not a number with a decimal comma",
        "V3_NPS: '11' above maximum 10",
        "Datum: '31-02-2026' not a date in %d-%m-%Y",  # no second reason from CalledAt
    ]


def test_an_ivr_file_in_utf8_is_refused_rather_than_misread(tmp_path: Path) -> None:
    rows = [record("ivr", Opmerking="café")]
    data = csv_bytes("ivr", rows).decode("cp1252").encode("utf-8")
    land(tmp_path, "ivr", "IVR_GM1942_20261123.csv", data)
    parsed = parse(tmp_path, "ivr")
    assert parsed.rows.num_rows == 0
    assert reasons(parsed) == ["encoding: not valid cp1252 (the file is UTF-8)"]


# --- encoding, empty and header-only files ------------------------------------------------------


def test_a_file_that_is_not_utf8_is_quarantined_whole_and_the_others_load(tmp_path: Path) -> None:
    bad = csv_bytes("crm", [record("crm", city="Den Haag")]).replace(b"Den Haag", b"\xff\xfe")
    land(tmp_path, "crm", "crm_contacts.csv", bad)
    land(tmp_path, "govmetric", "govmetric_feedback_20261123.csv", b"FeedbackID,\xe9\n")
    parsed = parse(tmp_path, "crm")
    assert parsed.rows.num_rows == 0
    (row,) = parsed.quarantine.to_pylist()
    assert row["line"] is None and row["record"] is None
    assert row["reason"].startswith("encoding: not valid utf-8 (byte ")
    assert row["file"] == f"crm/{DAY}/crm_contacts.csv"
    assert (parsed.files[0].rows, parsed.files[0].quarantined) == (0, 1)
    assert reasons(parse(tmp_path, "govmetric"))[0].startswith("encoding: not valid utf-8-sig")


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("govmetric", "govmetric_feedback_20261123.csv"),
        ("smile", "smile_export.jsonl"),
        ("messagebird", "messages.json"),
        ("subject_requests", "requests.csv"),
    ],
)
def test_an_empty_file_is_quarantined_as_empty(tmp_path: Path, source: str, name: str) -> None:
    land(tmp_path, source, name, b"")
    parsed = parse(tmp_path, source)
    assert parsed.rows.num_rows == 0
    assert parsed.quarantine.select(["line", "reason"]).to_pylist() == [
        {"line": None, "reason": "empty file"}
    ]
    assert parsed.files[0].bytes == 0


@pytest.mark.parametrize("source", ["govmetric", "ivr", "crm", "applications"])
def test_a_header_only_file_is_valid_with_no_rows(tmp_path: Path, source: str) -> None:
    land(tmp_path, source, FILE_NAMES[source], csv_bytes(source, [], bom=source == "govmetric"))
    parsed = parse(tmp_path, source)
    assert parsed.rows.num_rows == 0 and parsed.rows.schema == raw_schema(SOURCES[source])
    assert reasons(parsed) == []
    assert (parsed.files[0].rows, parsed.files[0].quarantined) == (0, 0)


# --- header binding -----------------------------------------------------------------------------


def test_a_missing_required_column_rejects_that_file_and_the_others_load(tmp_path: Path) -> None:
    columns = [c for c in record("ivr") if c not in ("V3_NPS", "Klant")]
    land(
        tmp_path,
        "ivr",
        "IVR_GM0363_20261123.csv",
        csv_bytes("ivr", [record("ivr")], columns=columns),
    )
    land(
        tmp_path, "ivr", "IVR_GM1942_20261123.csv", csv_bytes("ivr", [record("ivr", GesprekID="B")])
    )
    parsed = parse(tmp_path, "ivr")
    assert parsed.rows["GesprekID"].to_pylist() == ["B"]
    assert parsed.quarantine.select(["file", "line", "reason"]).to_pylist() == [
        {
            "file": f"ivr/{DAY}/IVR_GM0363_20261123.csv",
            "line": None,
            "reason": "missing required column(s): Klant, V3_NPS",
        }
    ]
    assert [(f.rows, f.quarantined) for f in parsed.files] == [(0, 1), (1, 0)]


def test_reordered_and_extra_columns_bind_by_name(tmp_path: Path) -> None:
    columns = [*reversed(list(record("crm"))), "favourite_colour", "notes"]
    rows = [
        record("crm", favourite_colour="blauw", notes='zie "dossier"'),
        record("crm", contact_id="C-2", favourite_colour=" ", notes=""),
    ]
    land(tmp_path, "crm", "crm_contacts.csv", csv_bytes("crm", rows, columns=columns))
    parsed = parse(tmp_path, "crm")
    assert reasons(parsed) == []
    first, second = parsed.rows.to_pylist()
    assert (first["contact_id"], first["first_name"], first["city"]) == ("C-1", "Jan", "Bussum")
    assert first["is_client"] is True
    assert first["last_contact_at"] == utc("2026-11-20T10:00:00+00:00")
    assert json.loads(first["_extra"]) == {"favourite_colour": "blauw", "notes": 'zie "dossier"'}
    assert second["_extra"] is None  # blank extras are left out
    assert list(parsed.rows.schema.names) == raw_schema(SOURCES["crm"]).names


def test_a_row_with_the_wrong_number_of_fields_is_quarantined(tmp_path: Path) -> None:
    data = csv_bytes("newsletter", [record("newsletter")]) + b"E-2,x@example.nl,subscribe\n"
    data += csv_bytes("newsletter", [record("newsletter", event_id="E-3")]).split(b"\n", 1)[1]
    land(tmp_path, "newsletter", "newsletter_events.csv", data)
    parsed = parse(tmp_path, "newsletter")
    assert parsed.rows["event_id"].to_pylist() == ["E-1", "E-3"]
    assert parsed.rows["_line"].to_pylist() == [2, 4]
    (row,) = parsed.quarantine.to_pylist()
    assert (row["line"], row["reason"]) == (3, "wrong number of fields: 3, expected 6")
    assert row["record"] == "E-2,x@example.nl,subscribe"


# --- typed validation and PII in reasons --------------------------------------------------------


def test_reasons_name_the_rule_and_never_carry_a_pii_value(tmp_path: Path) -> None:
    email = "geheim.adres@example.nl"
    rows = [
        record("govmetric", FeedbackID="GMX-1", Rating="Excellent", ContactEmail=email),
        record("govmetric", FeedbackID="GMX-2", Channel=email, ContactEmail=email),
        record("govmetric", FeedbackID="GMX-3", SubmittedAt=email, Comment=email),
        record("govmetric", FeedbackID="GMX-4", ContactConsent="0612345678"),
        record("govmetric", FeedbackID="GMX-5", ClientCode="  ", ContactEmail=email),
        record("govmetric", FeedbackID="GMX-6", SubmittedAt="2026-11-23 10:00:00"),
    ]
    land(tmp_path, "govmetric", "govmetric_feedback_20261123.csv", csv_bytes("govmetric", rows))
    parsed = parse(tmp_path, "govmetric")
    assert parsed.rows.num_rows == 0
    assert reasons(parsed) == [
        "Rating: 'Excellent' not in (Good, Average, Poor)",
        "Channel: not in (Face to face, Telephone, Website, Web form, Social media, Email, Post, "
        "SMS, Chat)",
        "SubmittedAt: not a date in %d/%m/%Y %H:%M:%S",
        "ContactConsent: not in (Y, N)",
        "ClientCode: empty",
        "SubmittedAt: '2026-11-23 10:00:00' not a date in %d/%m/%Y %H:%M:%S",
    ]
    assert not any(email in r or "0612345678" in r for r in reasons(parsed))
    records = parsed.quarantine["record"].to_pylist()
    assert email in records[0] and records[0].startswith("GMX-1,")  # the raw record is kept


def test_several_broken_rules_of_one_row_are_all_named(tmp_path: Path) -> None:
    row = record("applications", status="hire", received_at="gisteren", vacancy="")
    land(tmp_path, "applications", "applications.csv", csv_bytes("applications", [row]))
    assert reasons(parse(tmp_path, "applications")) == [
        "vacancy: empty; status: 'hire' not in (open, hired, rejected, withdrawn); "
        "received_at: 'gisteren' not an ISO 8601 timestamp with offset"
    ]


def test_iso_timestamps_with_offsets_become_utc(tmp_path: Path) -> None:
    rows = [
        record("applications", received_at="2026-11-01T12:00:00+01:00"),
        record("applications", application_id="A-2", received_at="2026-11-01 12:00:00.5Z"),
        record("applications", application_id="A-3", received_at="2026-11-01T12:00:00"),
        record("applications", application_id="A-4", received_at="2026-02-30T12:00:00Z"),
        record(
            "applications",
            application_id="A-5",
            status="hired",
            procedure_closed_at="2026-11-20T09:00:00Z",
            extended_retention_consent="Y",
        ),
    ]
    land(tmp_path, "applications", "applications.csv", csv_bytes("applications", rows))
    parsed = parse(tmp_path, "applications")
    table = parsed.rows
    assert table["application_id"].to_pylist() == ["A-1", "A-2", "A-5"]
    assert table["received_at"].to_pylist()[:2] == [
        utc("2026-11-01T11:00:00+00:00"),
        utc("2026-11-01T12:00:00.500000+00:00"),
    ]
    assert table["procedure_closed_at"].to_pylist() == [None, None, utc("2026-11-20T09:00:00Z")]
    assert table["extended_retention_consent"].to_pylist() == [False, False, True]
    assert [r.split(":")[0] for r in reasons(parsed)] == ["received_at", "received_at"]


# --- JSON Lines: smile and forms ----------------------------------------------------------------


def test_smile_epoch_ms_typed_and_string_answers(tmp_path: Path) -> None:
    rows = [
        record("smile"),
        record("smile", response_id="R-2", answer=None, ts="1763892180000", extra_key=[1]),
        record("smile", response_id="R-3", answer="5", lang=None),
    ]
    land(tmp_path, "smile", "smile_export.jsonl", jsonl_bytes(rows))
    parsed = parse(tmp_path, "smile")
    assert reasons(parsed) == []
    table = parsed.rows
    assert table["answer"].to_pylist() == [4, None, 5]
    assert table["ts"].to_pylist() == [
        utc("2025-11-23T10:03:00.123+00:00"),
        utc("2025-11-23T10:03:00+00:00"),
        utc("2025-11-23T10:03:00.123+00:00"),
    ]
    assert table["_line"].to_pylist() == [1, 2, 3]
    assert table["_extra"].to_pylist() == [None, '{"extra_key":[1]}', None]


def test_smile_truncated_last_line_and_corrupt_middle_line(tmp_path: Path) -> None:
    lines = jsonl_bytes([record("smile", response_id=f"R-{i}") for i in range(4)]).split(b"\n")
    lines[1] = b'{"response_id": "R-1", "session_id": oops}'
    lines[3] = lines[3][:40]  # the kiosk lost power mid-line
    data = b"\n".join(lines[:4])
    land(tmp_path, "smile", "smile_export.jsonl", data)
    parsed = parse(tmp_path, "smile")
    assert parsed.rows["response_id"].to_pylist() == ["R-0", "R-2"]
    assert parsed.quarantine.select(["line", "reason"]).to_pylist() == [
        {"line": 2, "reason": "invalid JSON"},
        {"line": 4, "reason": "truncated last line (incomplete JSON)"},
    ]
    assert parsed.quarantine["record"][1].as_py() == lines[3].decode()
    assert [(f.rows, f.quarantined) for f in parsed.files] == [(2, 2)]


def test_smile_bad_values_and_missing_keys(tmp_path: Path) -> None:
    missing = record("smile", response_id="R-3")
    del missing["ts"]
    rows = [
        record("smile", response_id="R-1", answer=7),
        record("smile", response_id="R-2", answer=True, channel="kiosk"),
        missing,
        record("smile", response_id="R-4", ts="yesterday"),
    ]
    data = jsonl_bytes(rows) + b"[1, 2]\n" + jsonl_bytes([record("smile", response_id="R-5")])
    land(tmp_path, "smile", "smile_export.jsonl", data)
    parsed = parse(tmp_path, "smile")
    assert parsed.rows["response_id"].to_pylist() == ["R-5"]
    assert reasons(parsed) == [
        "answer: '7' above maximum 5",
        "channel: 'kiosk' not in (balie, web, chat); answer: 'true' not a whole number",
        "missing required key(s): ts",
        "ts: 'yesterday' not epoch milliseconds",
        "not a JSON object",
    ]


def test_forms_submitted_at_with_offset_to_utc(tmp_path: Path) -> None:
    land(tmp_path, "forms", "form_submissions.jsonl", jsonl_bytes([record("forms")]))
    (row,) = parse(tmp_path, "forms").rows.to_pylist()
    assert row["submitted_at"] == utc("2026-11-23T08:15:00+00:00")
    assert (row["phone"], row["name"]) == (None, "Piet Jansen")


# --- messagebird --------------------------------------------------------------------------------


def test_messagebird_invitations_replies_and_references(tmp_path: Path) -> None:
    items = [
        record("messagebird"),
        record(
            "messagebird",
            id="c3d4",
            direction="mo",
            originator="31612345678",
            recipient="KLANTINFOCUS",
            body="8, snel opgelost. groet Piet",
            createdDatetime="2026-11-23T14:03:11+00:00",
        ),
        record("messagebird", id="e5f6", type="email", reference="INV-GM0363-Z/26/118822"),
        record("messagebird", id="g7h8", reference="GM1942-MOR-1"),
        "not an object",
    ]
    land(tmp_path, "messagebird", "messages.json", messages_bytes(items))
    parsed = parse(tmp_path, "messagebird")
    table = parsed.rows
    assert table["id"].to_pylist() == ["a1b2", "c3d4", "e5f6"]
    assert table["direction"].to_pylist() == ["mt", "mo", "mt"]
    assert table["client"].to_pylist() == ["GM1942", "GM1942", "GM0363"]
    assert table["case_number"].to_pylist() == ["MOR-2026-004512", "MOR-2026-004512", "Z/26/118822"]
    assert table["createdDatetime"][1].as_py() == utc("2026-11-23T14:03:11+00:00")
    assert table["_line"].to_pylist() == [1, 2, 3]
    assert parsed.quarantine.select(["line", "reason"]).to_pylist() == [
        {
            "line": 4,
            "reason": r"reference: does not match ^INV-(?P<client>[^-]+)-(?P<case_number>.+)$",
        },
        {"line": 5, "reason": "not a JSON object"},
    ]
    assert json.loads(parsed.quarantine["record"][0].as_py())["id"] == "g7h8"


def test_messagebird_incomplete_list_loads_the_items_and_says_so(tmp_path: Path) -> None:
    data = messages_bytes([record("messagebird")], total=3)
    land(tmp_path, "messagebird", "messages.json", data)
    parsed = parse(tmp_path, "messagebird")
    assert parsed.rows.num_rows == 1
    assert parsed.quarantine.select(["line", "reason"]).to_pylist() == [
        {"line": None, "reason": "incomplete list: 1 of 3 items"}
    ]
    assert [(f.rows, f.quarantined) for f in parsed.files] == [(1, 1)]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"items": [', "invalid JSON document"),
        (b'{"offset": 0, "totalCount": 0}', "not a list document: no items list"),
        (b"[]", "not a list document: no items list"),
    ],
)
def test_an_invalid_messagebird_document_is_quarantined_whole(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    land(tmp_path, "messagebird", "messages.json", data)
    parsed = parse(tmp_path, "messagebird")
    assert parsed.rows.num_rows == 0
    assert parsed.quarantine.select(["line", "reason"]).to_pylist() == [
        {"line": None, "reason": reason}
    ]


# --- zivver deliveries --------------------------------------------------------------------------


def _feedback_rows() -> list[list[object]]:
    return [
        [
            dt.date(2026, 11, 20),
            "Post",
            "Afval en reiniging",
            8,
            "Prima",
            "Z/26/1",
            "Jan",
            "Dorp 1",
        ],
        [46000, "E-mail", "Parkeren", 6.0, None, None, "Piet", None],  # an Excel serial date
        [dt.datetime(2026, 11, 21), "Post", "Wmo en zorg", 11, "Lang", None, None, None],
    ]


def test_a_good_zivver_delivery_loads_with_excel_dates(tmp_path: Path) -> None:
    workbook = workbook_bytes(_feedback_rows())
    land_delivery(tmp_path, "ZV-20261123-0007", workbook)
    parsed = parse(tmp_path, "zivver")
    table = parsed.rows
    assert table["Datum"].to_pylist() == [dt.date(2026, 11, 20), dt.date(2025, 12, 9)]
    assert table["Waardering"].to_pylist() == [8, 6]
    assert table["Kanaal"].to_pylist() == ["Post", "E-mail"]
    assert table["delivery_id"].to_pylist() == ["ZV-20261123-0007"] * 2
    assert table["client"].to_pylist() == ["GM0363"] * 2
    assert table["row_number"].to_pylist() == table["_line"].to_pylist() == [2, 3]
    xlsx = f"zivver/{DAY}/ZV-20261123-0007/post_feedback.xlsx"
    assert set(table["_source_file"].to_pylist()) == {xlsx}
    assert set(table["_file_sha256"].to_pylist()) == {hashlib.sha256(workbook).hexdigest()}
    assert parsed.quarantine.select(["line", "reason"]).to_pylist() == [
        {"line": 4, "reason": "Waardering: '11' above maximum 10"}
    ]
    (load,) = parsed.files
    assert (load.path, load.rows, load.quarantined) == (xlsx, 2, 1)


@pytest.mark.parametrize(
    ("listed", "remove", "reason"),
    [
        ({"sha256": "0" * 64}, False, "checksum mismatch: post_feedback.xlsx"),
        ({"bytes": 10}, False, "size mismatch: post_feedback.xlsx (manifest 10 bytes, file "),
        ({}, True, "missing file: post_feedback.xlsx"),
    ],
)
def test_a_zivver_delivery_not_matching_its_manifest_is_quarantined_whole(
    tmp_path: Path, listed: dict[str, object], remove: bool, reason: str
) -> None:
    land_delivery(tmp_path, "ZV-GOOD", workbook_bytes(_feedback_rows()[:1]), age=10)
    manifest = land_delivery(tmp_path, "ZV-BAD", workbook_bytes(_feedback_rows()), listed=listed)
    if remove:
        (manifest.parent / "post_feedback.xlsx").unlink()
    parsed = parse(tmp_path, "zivver")
    assert parsed.rows["delivery_id"].to_pylist() == ["ZV-GOOD"]  # nothing of ZV-BAD
    (row,) = parsed.quarantine.to_pylist()
    assert row["file"] == f"zivver/{DAY}/ZV-BAD/manifest.json" and row["line"] is None
    assert row["reason"].startswith(reason)
    assert [(f.path.split("/")[2], f.rows, f.quarantined) for f in parsed.files] == [
        ("ZV-GOOD", 1, 0),
        ("ZV-BAD", 0, 1),
    ]


@pytest.mark.parametrize(
    ("workbook", "reason"),
    [
        (workbook_bytes([], header=["Datum", "Kanaal"]), "missing required column(s): Onderwerp"),
        (b"not a zip", "not a readable xlsx workbook"),
    ],
)
def test_an_unusable_zivver_workbook_is_quarantined(
    tmp_path: Path, workbook: bytes, reason: str
) -> None:
    land_delivery(tmp_path, "ZV-1", workbook)
    parsed = parse(tmp_path, "zivver")
    assert parsed.rows.num_rows == 0
    assert reasons(parsed)[0].startswith(reason)


# --- duplicates and re-deliveries ---------------------------------------------------------------


def test_a_duplicate_key_within_a_file_keeps_the_later_line(tmp_path: Path) -> None:
    rows = [
        record("govmetric", FeedbackID="GMX-1", Rating="Poor"),
        record("govmetric", FeedbackID="GMX-2"),
        record("govmetric", FeedbackID="GMX-1", Rating="Good"),
    ]
    land(tmp_path, "govmetric", "govmetric_feedback_20261123.csv", csv_bytes("govmetric", rows))
    parsed = parse(tmp_path, "govmetric")
    assert parsed.rows.select(["FeedbackID", "Rating", "_line"]).to_pylist() == [
        {"FeedbackID": "GMX-2", "Rating": "Good", "_line": 3},
        {"FeedbackID": "GMX-1", "Rating": "Good", "_line": 4},
    ]
    assert parsed.quarantine.select(["line", "reason"]).to_pylist() == [
        {"line": 2, "reason": "duplicate key FeedbackID, later line kept"}
    ]
    assert [(f.rows, f.quarantined) for f in parsed.files] == [(2, 1)]


def test_a_redelivery_across_files_replaces_the_earlier_records(tmp_path: Path) -> None:
    old = [record("ivr", GesprekID=f"IVR-{i}", V3_NPS="1") for i in range(3)]
    new = [record("ivr", GesprekID=f"IVR-{i}", V3_NPS="10") for i in (1, 2, 3)]
    land(tmp_path, "ivr", "IVR_GM1942_20261123.csv", csv_bytes("ivr", old), age=60)
    land(tmp_path, "ivr", "IVR_GM1942_20261124.csv", csv_bytes("ivr", new), age=0)
    parsed = parse(tmp_path, "ivr")
    table = parsed.rows.sort_by("GesprekID")
    assert table["GesprekID"].to_pylist() == ["IVR-0", "IVR-1", "IVR-2", "IVR-3"]
    assert table["V3_NPS"].to_pylist() == [1, 10, 10, 10]
    assert reasons(parsed) == []  # a re-delivery is normal
    assert [(f.path.rsplit("_", 1)[1], f.rows, f.superseded) for f in parsed.files] == [
        ("20261123.csv", 1, 2),
        ("20261124.csv", 3, 0),
    ]
    # the same files again change nothing
    again = parse(tmp_path, "ivr")
    assert again.rows.equals(parsed.rows) and again.files == parsed.files


def test_files_load_by_modification_time_then_name(tmp_path: Path) -> None:
    land(
        tmp_path,
        "ivr",
        "IVR_GM1942_20261123.csv",
        csv_bytes("ivr", [record("ivr", V3_NPS="2")]),
        age=0,
    )
    land(
        tmp_path,
        "ivr",
        "IVR_GM1942_20261124.csv",
        csv_bytes("ivr", [record("ivr", V3_NPS="3")]),
        age=5,
    )
    parsed = parse(tmp_path, "ivr")
    assert [f.path[-12:] for f in parsed.files] == ["20261124.csv", "20261123.csv"]
    assert parsed.rows["V3_NPS"].to_pylist() == [2]  # the newer file wins


# --- subject requests ---------------------------------------------------------------------------


def test_subject_requests_need_an_identifier_and_json_object_details(tmp_path: Path) -> None:
    rows = [
        record("subject_requests"),
        record("subject_requests", request_id="SR-2", email="", phone=" ", type="erasure"),
        record("subject_requests", request_id="SR-3", details='["de Vries"]'),
        record("subject_requests", request_id="SR-4", details="{last_name: x}"),
        record("subject_requests", request_id="SR-5", email="", phone="0612345678", details=""),
    ]
    land(tmp_path, "subject_requests", "requests.csv", csv_bytes("subject_requests", rows))
    parsed = parse(tmp_path, "subject_requests")
    assert parsed.rows.select(["request_id", "details", "phone"]).to_pylist() == [
        {"request_id": "SR-1", "details": '{"last_name":"de Vries-Bakker"}', "phone": None},
        {"request_id": "SR-5", "details": None, "phone": "0612345678"},
    ]
    assert parsed.quarantine.select(["line", "reason"]).to_pylist() == [
        {"line": 3, "reason": "no identifier: email or phone required"},
        {"line": 4, "reason": "details: not a JSON object"},
        {"line": 5, "reason": "details: not a JSON object"},
    ]
    assert not any("de Vries" in r for r in reasons(parsed))


def test_loaded_at_and_load_id_are_on_every_quarantine_row(tmp_path: Path) -> None:
    land(
        tmp_path,
        "newsletter",
        "newsletter_events.csv",
        csv_bytes("newsletter", [record("newsletter", event="spam")]),
    )
    (row,) = parse(tmp_path, "newsletter").quarantine.to_pylist()
    assert (row["source"], row["_load_id"], row["_loaded_at"]) == ("newsletter", LOAD_ID, LOADED_AT)
    assert row["reason"] == "event: 'spam' not in (subscribe, unsubscribe, bounce)"
    assert row["record"].startswith("E-1,piet@example.nl,spam,")
