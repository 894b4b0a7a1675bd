"""The demo generator: exact formats and quirks per source, determinism, and a complete ledger."""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import hashlib
import io
import json
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pyarrow.parquet as pq
import pytest
from stdnum import iban, luhn
from stdnum.nl import bsn

from klantmonitor.generate import FEEDBACK_SHARES, GenerateSummary, generate
from klantmonitor.generate.comments import PII_RATE
from klantmonitor.generate.pii import CATEGORIES
from klantmonitor.generate.population import CLIENTS, SERVICES, build_population, population_size
from klantmonitor.sources.contract import SOURCES

START = dt.date(2026, 10, 24)  # covers the autumn daylight-saving change-over (25 October)
DAYS = 3
ROWS = 1000
SEED = 11
AMSTERDAM, LONDON, UTC = ZoneInfo("Europe/Amsterdam"), ZoneInfo("Europe/London"), dt.UTC


class Run:
    """One generated landing zone and its ledger."""

    def __init__(self, root: Path, summary: GenerateSummary, start: dt.date, days: int) -> None:
        self.landing, self.ledger_dir, self.summary = root / "landing", root / "ledger", summary
        self.dates = [start + dt.timedelta(days=i) for i in range(days)]

    def folder(self, source: str, day: dt.date) -> Path:
        return self.landing / source / day.isoformat()

    def files(self, source: str) -> list[Path]:
        return sorted(p for p in (self.landing / source).rglob("*") if p.is_file())

    def csv_rows(self, source: str) -> list[dict[str, str]]:
        spec = SOURCES[source]
        rows: list[dict[str, str]] = []
        for path in self.files(source):
            text = path.read_text(spec.encoding)
            rows += csv.DictReader(io.StringIO(text, newline=""), delimiter=spec.delimiter)
        return rows

    def ledger(self) -> list[dict[str, str]]:
        rows: list[dict[str, str]] = []
        for day in self.dates:
            rows += pq.read_table(self.ledger_dir / f"{day.isoformat()}.parquet").to_pylist()
        return rows


def _generate(root: Path, start: dt.date = START, days: int = DAYS, **kwargs: int) -> Run:
    summary = generate(root / "landing", root / "ledger", start, days, **kwargs)
    return Run(root, summary, start, days)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _generate(tmp_path_factory.mktemp("gen"), rows_per_day=ROWS, seed=SEED)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _file_text(path: Path) -> str:
    """The text a ledger value must occur in: decoded in the source's encoding; for a workbook,
    its cell texts."""
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path, read_only=True)["Feedback"]
        return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
    return path.read_bytes().decode(SOURCES[path.parts[-3]].encoding if path.suffix else "utf-8")


# -- determinism ---------------------------------------------------------------------------------


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    first = _tree(_generate(tmp_path / "a", days=2, rows_per_day=200, seed=5).landing.parent)
    again = _tree(_generate(tmp_path / "b", days=2, rows_per_day=200, seed=5).landing.parent)
    other = _tree(_generate(tmp_path / "c", days=2, rows_per_day=200, seed=6).landing.parent)
    assert first == again
    assert any(name.endswith(".xlsx") for name in first)
    govmetric = f"landing/govmetric/{START}/govmetric_feedback_{START:%Y%m%d}.csv"
    assert first[govmetric] != other[govmetric]
    assert first[f"ledger/{START}.parquet"] != other[f"ledger/{START}.parquet"]


def test_a_day_does_not_depend_on_the_range_it_was_generated_in(tmp_path: Path) -> None:
    second = START + dt.timedelta(days=1)
    both = _tree(_generate(tmp_path / "a", days=2, rows_per_day=200, seed=5).landing)
    alone = _tree(_generate(tmp_path / "b", second, 1, rows_per_day=200, seed=5).landing)
    assert alone == {k: v for k, v in both.items() if f"/{second}/" in k}


def test_summary_counts_rows_files_and_ledger_without_values(run: Run) -> None:
    summary = run.summary
    assert summary.days == DAYS and set(summary.rows) == set(SOURCES)
    files = [p for p in run.landing.rglob("*") if p.is_file()]
    assert summary.files_written == len(files)
    assert summary.pii_values == len(run.ledger())
    assert summary.rows["govmetric"] == DAYS * ROWS * FEEDBACK_SHARES["govmetric"]
    assert summary.rows["ivr"] == len(run.csv_rows("ivr"))
    assert "@" not in repr(summary)


# -- files and headers ---------------------------------------------------------------------------


def test_every_source_writes_its_files_with_the_exact_names(run: Run) -> None:
    for day in run.dates:
        compact = f"{day:%Y%m%d}"
        expected = {
            "govmetric": {f"govmetric_feedback_{compact}.csv"},
            "smile": {"smile_export.jsonl"},
            "ivr": {f"IVR_{c.code}_{compact}.csv" for c in CLIENTS},
            "messagebird": {"messages.json"},
            "crm": {"crm_contacts.csv"},
            "newsletter": {"newsletter_events.csv"},
            "forms": {"form_submissions.jsonl"},
            "applications": {"applications.csv"},
            "subject_requests": {"requests.csv"},
        }
        for source, names in expected.items():
            found = {p.name for p in run.folder(source, day).iterdir()}
            assert found == names, (source, day)
            assert all(fnmatch.fnmatch(n, SOURCES[source].pattern) for n in names)
        for delivery in run.landing.glob(f"zivver/{day}/*"):
            assert re.fullmatch(rf"ZV-{compact}-\d{{4}}", delivery.name)
            assert {p.name for p in delivery.iterdir()} == {"manifest.json", "post_feedback.xlsx"}
    assert run.files("zivver"), "no ZIVVER delivery in the whole run"
    assert not list(run.landing.rglob(".*")), "temporary files left behind"


def test_headers_and_keys_are_the_contract_fields_in_order(run: Run) -> None:
    for name, source in SOURCES.items():
        for path in run.files(name):
            if path.suffix == ".csv":
                first = path.read_text(source.encoding).splitlines()[0]
                assert tuple(first.split(source.delimiter)) == source.field_names, path
            elif path.suffix == ".jsonl":
                for line in path.read_text("utf-8").splitlines()[:-1]:
                    assert tuple(json.loads(line)) == source.field_names, path
            elif path.name == "messages.json":
                for item in json.loads(path.read_text("utf-8"))["items"]:
                    assert tuple(item) == source.field_names
            elif path.suffix == ".xlsx":
                sheet = openpyxl.load_workbook(path, read_only=True)[source.extra["sheet"]]
                assert next(sheet.iter_rows(values_only=True)) == source.field_names


# -- feedback quirks -----------------------------------------------------------------------------


def test_govmetric_is_bom_crlf_rfc4180_with_uk_local_times(run: Run) -> None:
    rows = run.csv_rows("govmetric")
    quoted_breaks = 0
    for path in run.files("govmetric"):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbfFeedbackID,") and data.endswith(b"\r\n")
        parts = data.split(b'"')  # even parts lie outside quotes (an escaped "" toggles twice)
        assert all(b"\n" not in p.replace(b"\r\n", b"") for p in parts[0::2]), "bare LF"
        quoted_breaks += sum(b"\n" in p for p in parts[1::2])
    assert quoted_breaks, "no line break inside a quoted field"
    comments = [r["Comment"] for r in rows]
    assert any('"' in c for c in comments) and any("," in c for c in comments)
    assert any(ord(ch) > 0xFFFF for c in comments for ch in c), "no emoji"
    assert any(not r["Rating"] and r["Comment"] for r in rows)
    assert {r["Rating"] for r in rows} == {"Good", "Average", "Poor", ""}
    assert set(SOURCES["govmetric"].field("Channel").values) == {r["Channel"] for r in rows}
    for r in rows:
        digital = r["Channel"] in ("Website", "Web form", "Chat")
        assert bool(r["PageURL"]) == bool(r["UserAgent"]) == bool(r["IPAddress"]) == digital
        assert r["ContactConsent"] in ("Y", "N")
        assert bool(r["ContactName"]) == (r["ContactConsent"] == "Y")
        assert re.fullmatch(r"GMX-[0-9A-F]{8}", r["FeedbackID"])
    assert len({r["FeedbackID"] for r in rows}) == len(rows)
    assert any("?email=" in r["PageURL"] for r in rows)
    assert any(":" in r["IPAddress"] for r in rows) and any("." in r["IPAddress"] for r in rows)
    assert any(re.fullmatch(r"MOR-\d{4}-\d{6}", r["CaseReference"]) for r in rows)
    assert any(re.fullmatch(r"Z/\d\d/\d{6}", r["CaseReference"]) for r in rows)
    assert any(re.fullmatch(r"[A-Z_]+\|[A-Z_]+", r["Reasons"]) for r in rows)


@pytest.mark.parametrize("day", [dt.date(2026, 3, 29), dt.date(2026, 10, 25)])
def test_local_times_exist_and_fall_in_their_amsterdam_day(tmp_path: Path, day: dt.date) -> None:
    run = _generate(tmp_path, day, 1, rows_per_day=3000, seed=3)
    start = dt.datetime.combine(day, dt.time(), AMSTERDAM)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), AMSTERDAM)

    def check(wall: dt.datetime, tz: ZoneInfo) -> None:
        moment = wall.replace(tzinfo=tz)  # fold=0: the first occurrence of a repeated hour
        assert moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall, "nonexistent"
        assert start <= moment < end

    for r in run.csv_rows("govmetric"):
        check(dt.datetime.strptime(r["SubmittedAt"], "%d/%m/%Y %H:%M:%S"), LONDON)
    for r in run.csv_rows("ivr"):
        check(dt.datetime.strptime(f"{r['Datum']} {r['Tijd']}", "%d-%m-%Y %H:%M:%S"), AMSTERDAM)
    for line in (run.folder("smile", day) / "smile_export.jsonl").read_text().splitlines()[:-1]:
        assert start <= dt.datetime.fromtimestamp(json.loads(line)["ts"] / 1000, UTC) < end


def test_ivr_is_cp1252_with_decimal_commas_and_spoken_numbers(run: Run) -> None:
    raw = [p.read_bytes() for p in run.files("ivr")]
    for data in raw:
        data.decode("cp1252")
    assert any(b"\x80" in d for d in raw), "no euro sign (cp1252 0x80, absent from latin-1)"
    with pytest.raises(UnicodeDecodeError):
        b"".join(raw).decode("utf-8")
    rows = run.csv_rows("ivr")
    for r in rows:
        assert re.fullmatch(r"\d+,\d", r["Wachttijd_sec"]) and re.fullmatch(
            r"\d+,\d", r["Gespreksduur_sec"]
        )
        assert re.fullmatch(r"0\d{9}|\+31\d{9}|anoniem", r["Beller"])
        assert r["V1_Score"] in ("", "1", "2", "3", "4", "5")
    assert any(not r["V1_Score"] for r in rows) and any(r["Beller"] == "anoniem" for r in rows)
    spoken = [e for e in run.ledger() if e["source"] == "ivr" and e["field"] == "Opmerking"]
    phones = [e["value"] for e in spoken if e["category"] == "phone"]
    assert phones and all(re.fullmatch(r"[a-z ]+", v) for v in phones)
    assert all(not any(c.isupper() for c in e["value"]) for e in spoken)


def test_smile_is_jsonl_with_epoch_ms_and_sometimes_a_truncated_last_line(tmp_path: Path) -> None:
    run = _generate(tmp_path, START, 10, rows_per_day=60, seed=SEED)
    truncated = 0
    for path in run.files("smile"):
        lines = path.read_text("utf-8").split("\n")
        records = [json.loads(line) for line in lines[:-1]]
        if lines[-1]:
            truncated += 1
            with pytest.raises(json.JSONDecodeError):
                json.loads(lines[-1])
        for rec in records:
            assert rec["answer"] is None or 1 <= rec["answer"] <= 5
            assert rec["channel"] in ("balie", "web", "chat") and rec["lang"] in ("nl", "en")
            assert 10**12 < rec["ts"] < 10**13
        sizes = Counter(rec["session_id"] for rec in records)
        assert max(sizes.values()) <= 4
    assert 1 <= truncated <= 5


def test_messagebird_invitations_and_replies_share_references(run: Run) -> None:
    for path in run.files("messagebird"):
        doc = json.loads(path.read_text("utf-8"))
        items = doc["items"]
        assert doc["offset"] == 0 and doc["count"] == doc["totalCount"] == len(items)
        sent = {i["reference"]: i for i in items if i["direction"] == "mt"}
        replies = [i for i in items if i["direction"] == "mo"]
        assert 0.28 <= len(replies) / len(sent) <= 0.47
        for reply in replies:
            invitation = sent[reply["reference"]]
            assert reply["originator"] == invitation["recipient"]
            assert reply["createdDatetime"] >= invitation["createdDatetime"]
            assert re.fullmatch(r"INV-GM\d{4}-.+", reply["reference"])
        kinds = {(i["type"], i["originator"] == "KLANTINFOCUS") for i in sent.values()}
        assert kinds == {("sms", True), ("email", False)}
        bodies = [r["body"] for r in replies]
        assert any(re.match(r"\d+/10", b) for b in bodies) and any("een " in b for b in bodies)


def test_zivver_manifests_match_their_workbooks(run: Run) -> None:
    for manifest_path in run.landing.glob("zivver/*/*/manifest.json"):
        manifest = json.loads(manifest_path.read_text())
        assert manifest["delivery_id"] == manifest_path.parent.name
        assert manifest["client"] in {c.code for c in CLIENTS}
        for entry in manifest["files"]:
            data = (manifest_path.parent / entry["name"]).read_bytes()
            assert entry["bytes"] == len(data)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        sheet = openpyxl.load_workbook(manifest_path.parent / "post_feedback.xlsx")["Feedback"]
        for row in sheet.iter_rows(min_row=2):
            assert row[0].is_date
            assert row[1].value in ("Post", "E-mail")
            assert row[2].value in {s.name for s in SERVICES}
            assert row[3].value is None or 1 <= row[3].value <= 10


def test_scores_differ_by_service_and_channel(run: Run) -> None:
    rows = run.csv_rows("govmetric")

    def good(**where: str) -> float:
        chosen = [r for r in rows if all(r[k] == v for k, v in where.items()) and r["Rating"]]
        return sum(r["Rating"] == "Good" for r in chosen) / len(chosen)

    assert good(Service="Paspoort en ID-kaart") > good(Service="Wmo en zorg") + 0.15
    assert good(Channel="Face to face") > good(Channel="Telephone") + 0.1


# -- own processing ------------------------------------------------------------------------------


def test_crm_is_a_slowly_changing_full_snapshot(run: Run, tmp_path: Path) -> None:
    later = _generate(tmp_path, START + dt.timedelta(days=90), 1, rows_per_day=100, seed=SEED)
    first = {r["contact_id"]: r for r in run.csv_rows("crm")[: len(run.csv_rows("crm")) // DAYS]}
    then = {r["contact_id"] for r in later.csv_rows("crm")}
    kept = len(first.keys() & then) / len(first)
    assert 100 <= len(first) <= 5000 and 0.8 < kept < 1.0
    now = dt.datetime.combine(START, dt.time(), UTC)
    ages = [
        (now - dt.datetime.fromisoformat(r["last_contact_at"])).days
        for r in first.values()
        if r["last_contact_at"]
    ]
    assert min(ages) < 30 and max(ages) > 2 * 365 and sum(a > 2 * 365 for a in ages) > 10
    assert {r["is_client"] for r in first.values()} == {"true", "false"}
    assert all(iban.is_valid(r["iban"]) for r in first.values() if r["iban"])
    assert all(
        re.fullmatch(r"\d{4} [A-Z]{2}", r["postcode"]) for r in first.values() if r["postcode"]
    )


def test_applications_forms_newsletter_and_requests(run: Run, tmp_path: Path) -> None:
    longer = _generate(tmp_path, START, 20, rows_per_day=20, seed=SEED)
    apps = longer.csv_rows("applications")
    assert {a["status"] for a in apps} == {"open", "hired", "rejected", "withdrawn"}
    assert all(bool(a["procedure_closed_at"]) == (a["status"] != "open") for a in apps)
    assert any(
        dt.datetime.fromisoformat(a["procedure_closed_at"]).date() < START - dt.timedelta(days=60)
        for a in apps
        if a["procedure_closed_at"]
    )
    requests = longer.csv_rows("subject_requests")
    assert {r["type"] for r in requests} == set(SOURCES["subject_requests"].field("type").values)
    assert all(r["email"] or r["phone"] for r in requests)
    assert any(r["phone"] and not r["email"] for r in requests)
    for r in requests:
        if r["type"] == "rectification":
            assert isinstance(json.loads(r["details"]), dict)
    people = build_population(SEED, population_size(20))
    known = sum(r["email"] in set(people.email) for r in requests if r["email"])
    assert known >= 0.8 * sum(bool(r["email"]) for r in requests)
    events = longer.csv_rows("newsletter")
    assert {e["event"] for e in events} == {"subscribe", "unsubscribe", "bounce"}
    forms = [json.loads(line) for p in longer.files("forms") for line in p.read_text().splitlines()]
    assert {f["form"] for f in forms} == {"contact", "download"}
    assert all(re.search(r"\+0[12]:00$", f["submitted_at"]) for f in forms)


# -- the ledger ----------------------------------------------------------------------------------


def test_every_ledger_value_is_written_verbatim_in_its_file(run: Run) -> None:
    entries = run.ledger()
    texts: dict[str, str] = {}
    for e in entries:
        if e["file"] not in texts:
            texts[e["file"]] = _file_text(run.landing / e["file"])
        assert e["value"] in texts[e["file"]], e["file"]
        assert e["category"] in CATEGORIES and e["source"] == e["file"].split("/")[0]
    found = {(e["source"], e["field"]) for e in entries}
    for source, field in [
        ("govmetric", "Comment"), ("govmetric", "ContactName"), ("govmetric", "ContactEmail"),
        ("govmetric", "ContactPhone"), ("govmetric", "IPAddress"), ("govmetric", "PageURL"),
        ("smile", "free_text"), ("ivr", "Beller"), ("ivr", "Opmerking"),
        ("messagebird", "originator"), ("messagebird", "recipient"), ("messagebird", "body"),
        ("zivver", "Toelichting"), ("zivver", "Naam afzender"), ("zivver", "Adres afzender"),
        ("crm", "email"), ("crm", "iban"), ("newsletter", "email"), ("forms", "email"),
        ("applications", "interview_notes"), ("subject_requests", "email"),
    ]:  # fmt: skip
        assert (source, field) in found, (source, field)
    assert {e["category"] for e in entries} == set(CATEGORIES)


def test_contact_fields_are_ledgered_completely(run: Run) -> None:
    ledgered = {(e["record_key"], e["field"]) for e in run.ledger() if e["source"] == "govmetric"}
    for r in run.csv_rows("govmetric"):
        for field in ("ContactName", "ContactEmail", "ContactPhone", "IPAddress"):
            assert bool(r[field]) == ((r["FeedbackID"], field) in ledgered)


def test_pii_in_free_text_comes_at_the_configured_rate(run: Run) -> None:
    comments = [r for r in run.csv_rows("govmetric") if r["Comment"]]
    with_pii = {
        e["record_key"]
        for e in run.ledger()
        if e["source"] == "govmetric" and e["field"] == "Comment"
    }
    rate = len(with_pii) / len(comments)
    assert abs(rate - PII_RATE["web"]) < 0.05, rate


def test_free_text_pii_values_are_valid(run: Run) -> None:
    entries = [e for e in run.ledger() if e["field"] in ("Comment", "free_text", "Toelichting")]
    by_category: dict[str, list[str]] = {}
    for e in entries:
        by_category.setdefault(e["category"], []).append(e["value"])
    assert all(iban.is_valid(v) for v in by_category["iban"])
    assert all(bsn.is_valid(v) for v in by_category["bsn"])
    assert all(
        luhn.is_valid(v.replace(" ", "").replace("-", "")) for v in by_category["card_number"]
    )
    plate = re.compile(r"[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}")
    assert all(plate.fullmatch(v) and len(v) == 8 for v in by_category["licence_plate"])
