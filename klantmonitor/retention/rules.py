"""Where each dataset of the policy table lives, and how a record's anchor date is read.

A :class:`RowRule` ties one dataset to the rows of one relation: an SQL anchor date and an SQL
condition over the relation's columns. ``{day}`` stands for the landing day (the raw zone's
hive ``date``, the warehouse's ``partition_date``). The rules may use the facts of
:mod:`klantmonitor.retention.facts` (latest CRM snapshot, client e-mails, last contacts,
unsubscribes). The purge deletes and the retention checks count with these same rules.
"""

from __future__ import annotations

from dataclasses import dataclass

TIMEZONE = "Europe/Amsterdam"


def local_day(column: str) -> str:
    """SQL: the Amsterdam calendar date of a UTC timestamp column."""
    return f"(({column}) at time zone '{TIMEZONE}')::date"


@dataclass(frozen=True)
class RowRule:
    """Rows of a relation that ``dataset``'s window applies to."""

    dataset: str
    anchor: str  # SQL date; may use {day}
    condition: str = "true"  # SQL boolean; may use {day}

    def bound(self, day: str) -> RowRule:
        """This rule with ``{day}`` replaced by the relation's landing-day column."""
        return RowRule(self.dataset, self.anchor.format(day=day), self.condition.format(day=day))


def _feedback(timestamp: str) -> tuple[RowRule, ...]:
    return (RowRule("identified_feedback", f"coalesce({timestamp}, {{day}})"),)


_LAST_CONTACT = local_day("coalesce(last_contact_at, created_at)")
_EMAIL = "lower(trim(email))"
_IS_CLIENT = f"exists (select 1 from _client_emails where client_email = {_EMAIL})"
# an application's every row follows its latest record (closure and consent come later)
_APPLICATION = "(select {} from _application_state where state_id = application_id)"
_CONSENT = _APPLICATION.format("consent")

#: The rules of the own-processing sources: same column names in the raw zone and staging.
OWN_RULES: dict[str, tuple[RowRule, ...]] = {
    "crm": (
        RowRule("crm_contact", _LAST_CONTACT, "not is_client"),
        RowRule("crm_contact_client", _LAST_CONTACT, "is_client"),
        RowRule("crm_snapshot", "{day}", "{day} < (select latest_day from _crm_latest)"),
    ),
    "newsletter": (
        RowRule(
            "newsletter_unsubscribed",
            "(select min(unsub_day) from _unsubscribes "
            f"where unsub_email = {_EMAIL} and unsub_at >= occurred_at)",
        ),
    ),
    "forms": (
        RowRule(
            "form_submission",
            "coalesce((select max(contact_day) from _contact_days "
            f"where contact_email = {_EMAIL}), {local_day('submitted_at')})",
            f"not {_IS_CLIENT}",
        ),
        RowRule("form_submission_client", local_day("submitted_at"), _IS_CLIENT),
    ),
    "applications": (
        RowRule("application", _APPLICATION.format("closed_day"), f"not {_CONSENT}"),
        RowRule("application_consent", _APPLICATION.format("closed_day"), _CONSENT),
    ),
    "subject_requests": (RowRule("subject_request_intake", local_day("received_at")),),
}

#: Raw zone (``raw/<source>/date=<day>/data.parquet``): the vendor's column names.
RAW_RULES: dict[str, tuple[RowRule, ...]] = {
    "govmetric": _feedback(local_day('"SubmittedAt"')),
    "smile": _feedback(local_day("ts")),
    "ivr": _feedback(local_day('"CalledAt"')),
    "messagebird": _feedback(local_day('"createdDatetime"')),
    "zivver": _feedback('"Datum"'),
    **OWN_RULES,
}

#: Warehouse tables (schema, table) -> rules.
TABLE_RULES: dict[tuple[str, str], tuple[RowRule, ...]] = {
    ("staging", "stg_govmetric"): _feedback(local_day("submitted_at")),
    ("staging", "stg_smile"): _feedback(local_day("answered_at")),
    ("staging", "stg_ivr"): _feedback(local_day("called_at")),
    ("staging", "stg_messagebird"): _feedback(local_day("created_at")),
    ("staging", "stg_zivver"): _feedback("received_on"),
    ("staging", "stg_feedback"): _feedback("feedback_date"),
    **{("staging", f"stg_{source}"): rules for source, rules in OWN_RULES.items()},
    ("pseudonymised", "pse_feedback"): (RowRule("pseudonymised_feedback", "feedback_date"),),
    ("pseudonymised", "pse_survey_invitations"): (RowRule("pseudonymised_feedback", "sent_date"),),
    ("reporting", "rpt_comments"): (RowRule("scrubbed_comments", "feedback_date"),),
    ("reporting", "rpt_case_outcomes"): (RowRule("case_outcomes", "last_feedback_date"),),
    # the request log of klantmonitor.subjects (open requests have no completion date yet)
    ("audit", "subject_requests"): (RowRule("subject_request_log", local_day("completed_at")),),
    ("subjects", "overrides"): (RowRule("subject_override", local_day("set_at")),),
}

#: Tables kept by an asset other than the one their name gives: the subject-request asset
#: writes the registry of rectifications.
TABLE_OWNERS: dict[tuple[str, str], tuple[str, str]] = {
    ("subjects", "overrides"): ("audit", "subject_requests"),
}

#: Export tables (``exports/<client>/<table>/**.parquet``) -> rules: those of the reporting
#: table each one copies; other tables are aggregates without personal data (dataset
#: ``reporting``: unlimited).
EXPORT_RULES: dict[str, tuple[RowRule, ...]] = {
    table: rules for (schema, table), rules in TABLE_RULES.items() if schema == "reporting"
}

LANDING_DATASET = "landing_files"
#: Access and portability bundles (``exports/subject_requests/<request_id>/``), anchored on the
#: request's completion in the request log (the bundle folder's date when the log has none).
BUNDLE_DATASET = "subject_request_bundle"
QUARANTINE_DATASET = "quarantine"
