"""The export contract of every source (``shared/spec/sources.md``), declared once.

Parsers, the demo generator, the raw-zone schemas and the Dagster asset descriptions all read
these declarations; nothing else restates a source's columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a field's text (or JSON value) is typed in the raw zone."""

    TEXT = "text"  # kept as given (string)
    INT = "int"  # whole number
    DECIMAL_COMMA = "decimal_comma"  # number written with a decimal comma: "12,5"
    LOCAL_TIMESTAMP = "local_timestamp"  # local wall time in `fmt` and `tz`, stored as UTC
    ISO_TIMESTAMP = "iso_timestamp"  # ISO 8601 with offset or Z, stored as UTC
    EPOCH_MS = "epoch_ms"  # epoch milliseconds (UTC)
    DATE = "date"  # calendar date (`fmt`, or an Excel serial for xlsx)
    BOOL = "bool"  # `true_values` / `false_values`
    JSON = "json"  # a JSON object in text; stored as its compact text


@dataclass(frozen=True)
class Field:
    """One column (CSV header / xlsx header) or key (JSON) of an export."""

    name: str
    kind: Kind = Kind.TEXT
    required: bool = True  # the column must be present (header / key); else the file is rejected
    nullable: bool = True  # an empty value is allowed
    values: tuple[str, ...] | None = None  # closed vocabulary (after stripping)
    minimum: float | None = None
    maximum: float | None = None
    fmt: str | None = None  # strptime format of LOCAL_TIMESTAMP / DATE
    tz: str | None = None  # IANA zone of LOCAL_TIMESTAMP
    true_values: tuple[str, ...] = ("true", "Y")
    false_values: tuple[str, ...] = ("false", "N")
    pii: bool = False  # holds a direct identifier or free text that may carry PII


@dataclass(frozen=True)
class Derived:
    """A column the parser adds after a source's vendor fields, typed like ``field``.

    Exactly one origin: ``inputs`` (vendor fields whose texts are joined by a space; with
    ``pattern``, the regex group named like the field is extracted from the single input and a
    value that does not match rejects the row), or ``context``: ``"manifest"`` (the delivery
    manifest's key of the same name) or ``"row"`` (the record's line / sheet row number).
    """

    field: Field
    inputs: tuple[str, ...] = ()
    pattern: str | None = None
    context: str | None = None

    def __post_init__(self) -> None:
        if bool(self.inputs) == (self.context is not None):
            raise ValueError(f"{self.field.name}: give either inputs or context")
        if self.pattern is not None and len(self.inputs) != 1:
            raise ValueError(f"{self.field.name}: a pattern needs exactly one input")


@dataclass(frozen=True)
class AnyOf:
    """Row rule: at least one of ``fields`` is filled, else the row is rejected with ``reason``."""

    fields: tuple[str, ...]
    reason: str


RowRule = AnyOf  # the row rules a Source can declare (a union once there are more kinds)


class Format(StrEnum):
    """The container format of a source's files."""

    CSV = "csv"
    JSONL = "jsonl"
    JSON_LIST = "json_list"  # MessageBird list API document
    ZIVVER = "zivver"  # manifest.json + xlsx deliveries


@dataclass(frozen=True)
class Source:
    """A vendor or own-processing export: where its files land and what they hold."""

    name: str
    title: str
    description: str
    format: Format
    pattern: str  # glob of its files below <landing>/<source>/<YYYY-MM-DD>/
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # identifies a record; on re-delivery the latest file wins
    feedback: bool  # client feedback (reported) vs own processing (never reported)
    daily: bool = True  # delivers an export every day (zivver: only when a client sends one)
    encoding: str = "utf-8"
    delimiter: str = ","
    extra: dict[str, str] = field(default_factory=dict)
    derived: tuple[Derived, ...] = ()  # columns added after `fields`, in this order
    row_rules: tuple[RowRule, ...] = ()  # checks across fields of one record

    def field(self, name: str) -> Field:
        """The declared field called ``name``."""
        return next(f for f in self.fields if f.name == name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


GOVMETRIC_CHANNELS = (
    "Face to face",
    "Telephone",
    "Website",
    "Web form",
    "Social media",
    "Email",
    "Post",
    "SMS",
    "Chat",
)

GOVMETRIC = Source(
    name="govmetric",
    title="GovMetric CX",
    description="Multichannel feedback from GovMetric CX (ROL Solutions): UTF-8 CSV with BOM, "
    "CRLF, RFC 4180 quoting; `SubmittedAt` in Europe/London local time.",
    format=Format.CSV,
    pattern="govmetric_feedback_*.csv",
    encoding="utf-8-sig",
    key=("FeedbackID",),
    feedback=True,
    fields=(
        Field("FeedbackID", nullable=False),
        Field("ClientCode", nullable=False),
        Field("Channel", nullable=False, values=GOVMETRIC_CHANNELS),
        Field("Service", nullable=False),
        Field("Department"),
        Field("Rating", values=("Good", "Average", "Poor")),
        Field("Reasons"),
        Field("Comment", pii=True),
        Field("CaseReference"),
        Field(
            "SubmittedAt",
            Kind.LOCAL_TIMESTAMP,
            nullable=False,
            fmt="%d/%m/%Y %H:%M:%S",
            tz="Europe/London",
        ),
        Field("PageURL", pii=True),
        Field("UserAgent", pii=True),
        Field("IPAddress", pii=True),
        Field("ContactName", pii=True),
        Field("ContactEmail", pii=True),
        Field("ContactPhone", pii=True),
        Field("ContactConsent", Kind.BOOL, true_values=("Y",), false_values=("N",)),
    ),
)

SMILE = Source(
    name="smile",
    title="SMILE portal",
    description="Kiosk and web-widget answers from the SMILE portal (Hyperconnected): JSON Lines, "
    "one answer per line, `ts` in epoch ms; a truncated last line is normal.",
    format=Format.JSONL,
    pattern="smile_export.jsonl",
    key=("response_id",),
    feedback=True,
    fields=(
        Field("response_id", nullable=False),
        Field("session_id", nullable=False),
        Field("terminal_id"),
        Field("client", nullable=False),
        Field("location"),
        Field("channel", nullable=False, values=("balie", "web", "chat")),
        Field("question_id", nullable=False),
        Field("question"),
        Field("answer", Kind.INT, minimum=1, maximum=5),
        Field("free_text", pii=True),
        Field("ts", Kind.EPOCH_MS, nullable=False),
        Field("lang"),
    ),
)

IVR = Source(
    name="ivr",
    title="Massxess IVR",
    description="Post-call IVR survey (Massxess): one Windows-1252 CSV per client per day, "
    "semicolons, decimal commas, Europe/Amsterdam local time; transcripts in `Opmerking`.",
    format=Format.CSV,
    pattern="IVR_*_*.csv",
    encoding="cp1252",
    delimiter=";",
    key=("GesprekID",),
    feedback=True,
    fields=(
        Field("GesprekID", nullable=False),
        Field("Klant", nullable=False),
        Field("Datum", Kind.DATE, nullable=False, fmt="%d-%m-%Y"),
        Field("Tijd", nullable=False),
        Field("Wachtrij", nullable=False),
        Field("Beller", pii=True),
        Field("Wachttijd_sec", Kind.DECIMAL_COMMA, minimum=0),
        Field("Gespreksduur_sec", Kind.DECIMAL_COMMA, minimum=0),
        Field("V1_Score", Kind.INT, minimum=1, maximum=5),
        Field("V2_Score", Kind.INT, minimum=1, maximum=5),
        Field("V3_NPS", Kind.INT, minimum=0, maximum=10),
        Field("Opmerking", pii=True),
    ),
    extra={"local_tz": "Europe/Amsterdam"},
    derived=(
        Derived(
            Field(
                "CalledAt",
                Kind.LOCAL_TIMESTAMP,
                nullable=False,
                fmt="%d-%m-%Y %H:%M:%S",
                tz="Europe/Amsterdam",
            ),
            inputs=("Datum", "Tijd"),
        ),
    ),
)

# `INV-<client>-<case number>`; the case number may itself contain dashes.
MESSAGEBIRD_REFERENCE = r"^INV-(?P<client>[^-]+)-(?P<case_number>.+)$"

MESSAGEBIRD = Source(
    name="messagebird",
    title="MessageBird SMS/e-mail survey",
    description="SMS and e-mail survey (MessageBird list API shape): `mt` invitations and `mo` "
    "replies; the score is written inside the reply body.",
    format=Format.JSON_LIST,
    pattern="messages.json",
    key=("id",),
    feedback=True,
    fields=(
        Field("id", nullable=False),
        Field("direction", nullable=False, values=("mt", "mo")),
        Field("type", nullable=False, values=("sms", "email")),
        Field("originator", nullable=False, pii=True),
        Field("recipient", nullable=False, pii=True),
        Field("body", pii=True),
        Field("createdDatetime", Kind.ISO_TIMESTAMP, nullable=False),
        Field("reference", nullable=False),
    ),
    derived=(
        Derived(Field("client", nullable=False), ("reference",), MESSAGEBIRD_REFERENCE),
        Derived(Field("case_number", nullable=False), ("reference",), MESSAGEBIRD_REFERENCE),
    ),
)

ZIVVER = Source(
    name="zivver",
    title="ZIVVER client deliveries",
    description="Letters and e-mails typed in by client staff, delivered over ZIVVER: a "
    "manifest.json with sha256 and size per file, plus `post_feedback.xlsx` (sheet Feedback). "
    "A delivery that does not match its manifest is quarantined whole.",
    format=Format.ZIVVER,
    pattern="*/manifest.json",
    key=("delivery_id", "row_number"),
    feedback=True,
    daily=False,
    fields=(
        Field("Datum", Kind.DATE, nullable=False),
        Field("Kanaal", nullable=False, values=("Post", "E-mail")),
        Field("Onderwerp", nullable=False),
        Field("Waardering", Kind.INT, minimum=1, maximum=10),
        Field("Toelichting", pii=True),
        Field("Zaaknummer"),
        Field("Naam afzender", pii=True),
        Field("Adres afzender", pii=True),
    ),
    extra={"sheet": "Feedback", "workbook": "post_feedback.xlsx"},
    derived=(
        Derived(Field("delivery_id", nullable=False), context="manifest"),
        Derived(Field("client", nullable=False), context="manifest"),
        Derived(Field("row_number", Kind.INT, nullable=False), context="row"),
    ),
)

CRM = Source(
    name="crm",
    title="CRM contacts",
    description="Full daily snapshot of CRM contacts (own processing); a contact missing from "
    "today's snapshot was deleted in the CRM.",
    format=Format.CSV,
    pattern="crm_contacts.csv",
    key=("contact_id",),
    feedback=False,
    fields=(
        Field("contact_id", nullable=False),
        Field("first_name", pii=True),
        Field("last_name", pii=True),
        Field("email", pii=True),
        Field("phone", pii=True),
        Field("street", pii=True),
        Field("house_number", pii=True),
        Field("postcode", pii=True),
        Field("city"),
        Field("iban", pii=True),
        Field("organisation"),
        Field("is_client", Kind.BOOL, nullable=False),
        Field("last_contact_at", Kind.ISO_TIMESTAMP),
        Field("linkedin_url", pii=True),
        Field("created_at", Kind.ISO_TIMESTAMP, nullable=False),
    ),
)

NEWSLETTER = Source(
    name="newsletter",
    title="Newsletter subscriptions",
    description="Newsletter subscribe/unsubscribe/bounce events (own processing, consent-based).",
    format=Format.CSV,
    pattern="newsletter_events.csv",
    key=("event_id",),
    feedback=False,
    fields=(
        Field("event_id", nullable=False),
        Field("email", nullable=False, pii=True),
        Field("event", nullable=False, values=("subscribe", "unsubscribe", "bounce")),
        Field("consent_version"),
        Field("occurred_at", Kind.ISO_TIMESTAMP, nullable=False),
        Field("ip_address", pii=True),
    ),
)

FORMS = Source(
    name="forms",
    title="Website forms",
    description="Contact and download form submissions from the company website (own processing).",
    format=Format.JSONL,
    pattern="form_submissions.jsonl",
    key=("submission_id",),
    feedback=False,
    fields=(
        Field("submission_id", nullable=False),
        Field("form", nullable=False, values=("contact", "download")),
        Field("name", pii=True),
        Field("email", pii=True),
        Field("phone", pii=True),
        Field("organisation"),
        Field("message", pii=True),
        Field("requested_item"),
        Field("submitted_at", Kind.ISO_TIMESTAMP, nullable=False),
        Field("ip_address", pii=True),
        Field("user_agent", pii=True),
        Field("page_url", pii=True),
    ),
)

APPLICATIONS = Source(
    name="applications",
    title="Job applications",
    description="Job applications with interview notes (own processing).",
    format=Format.CSV,
    pattern="applications.csv",
    key=("application_id",),
    feedback=False,
    fields=(
        Field("application_id", nullable=False),
        Field("vacancy", nullable=False),
        Field("first_name", pii=True),
        Field("last_name", pii=True),
        Field("email", pii=True),
        Field("phone", pii=True),
        Field("cv_filename", pii=True),
        Field("interview_notes", pii=True),
        Field("status", nullable=False, values=("open", "hired", "rejected", "withdrawn")),
        Field("received_at", Kind.ISO_TIMESTAMP, nullable=False),
        Field("procedure_closed_at", Kind.ISO_TIMESTAMP),
        Field(
            "extended_retention_consent",
            Kind.BOOL,
            nullable=False,
            true_values=("Y",),
            false_values=("N",),
        ),
    ),
)

SUBJECT_REQUESTS = Source(
    name="subject_requests",
    title="Data-subject requests",
    description="GDPR data-subject requests (access, portability, rectification, erasure, "
    "restriction, objection) registered by the privacy officer.",
    format=Format.CSV,
    pattern="requests.csv",
    key=("request_id",),
    feedback=False,
    fields=(
        Field("request_id", nullable=False),
        Field(
            "type",
            nullable=False,
            values=(
                "access",
                "portability",
                "rectification",
                "erasure",
                "restriction",
                "objection",
            ),
        ),
        Field("email", pii=True),
        Field("phone", pii=True),
        Field("received_at", Kind.ISO_TIMESTAMP, nullable=False),
        Field("details", Kind.JSON, pii=True),
    ),
    row_rules=(AnyOf(("email", "phone"), "no identifier: email or phone required"),),
)

SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        GOVMETRIC,
        SMILE,
        IVR,
        MESSAGEBIRD,
        ZIVVER,
        CRM,
        NEWSLETTER,
        FORMS,
        APPLICATIONS,
        SUBJECT_REQUESTS,
    )
}

# Lineage columns every raw-zone row carries.
LINEAGE_COLUMNS = ("_source_file", "_line", "_file_sha256", "_load_id", "_loaded_at")
