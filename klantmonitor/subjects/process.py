"""Handle a batch of requests: log them, act per right, rebuild what depends, verify erasures.

One batch runs in the ``warehouse`` pool. Each request is logged as received, then handled:

- access / portability: a bundle (:mod:`bundle`);
- rectification: overrides that staging applies; the subject's days are rebuilt;
- restriction / objection: a flag that staging honours, and the subject's rows after raw (CRM
  and newsletter, for an objection) deleted now; ``{"lift": true}`` removes the flag and
  rebuilds the subject's days;
- erasure: removed from every layer, tombstoned, and verified after the rebuild.

A subject found nowhere (besides their own requests) is answered ``not_found``: an access
bundle says so, nothing is flagged, corrected or tombstoned. Reporting tables and client
exports are rebuilt once per batch when the warehouse changed (by the caller's :data:`Rebuild`,
told what changed and for which requests, so that it can record the rebuild).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import duckdb

from klantmonitor.paths import DataPaths
from klantmonitor.subjects import log
from klantmonitor.subjects.bundle import remove_bundles, write_bundle
from klantmonitor.subjects.erasure import Partition, delete_rows, erase, verify
from klantmonitor.subjects.lookup import WAREHOUSE_SCHEMAS, Findings, lookup, search_warehouse
from klantmonitor.subjects.matching import Subject
from klantmonitor.subjects.registry import add_overrides, ensure_registry, lift_flag, set_flag
from klantmonitor.subjects.requests import Rejection, SubjectRequest
from klantmonitor.subjects.tombstones import add_tombstones


@dataclass(frozen=True)
class Changes:
    """What a batch changed in the files and the warehouse, and for which requests (ids only)."""

    days: tuple[dt.date, ...]  # landing days whose warehouse rows are to be rebuilt
    tables: tuple[str, ...]  # ``schema.table`` of the warehouse tables rows were deleted from
    request_ids: tuple[str, ...]  # the requests that made these changes
    partitions: tuple[Partition, ...] = ()  # landing and raw-zone partitions whose files changed


# Rebuild what depends on the warehouse after a batch changed it: the warehouse for the changed
# landing days (staging, pseudonymised, reporting; with no days, the reporting tables only),
# then the client exports (:func:`klantmonitor.exports.export_clients`).
Rebuild = Callable[[Changes], None]
# What each flag excludes from after the raw zone (schema, or schema.table).
FLAG_SCOPE = {
    "restriction": ("staging", "pseudonymised"),
    "objection": ("staging.stg_crm", "staging.stg_newsletter"),
}
_KEEP_REQUESTS = "stg_subject_requests"  # a restricted subject's requests are still handled


@dataclass
class Batch:
    """The state of one batch: warehouse connection, what to rebuild, erasures to verify."""

    paths: DataPaths
    key: bytes
    con: duckdb.DuckDBPyConnection
    now: dt.datetime
    days: set[dt.date] = field(default_factory=set)
    changed: bool = False
    tables: set[str] = field(default_factory=set)
    changed_by: list[str] = field(default_factory=list)  # request ids, in the order handled
    partitions: set[Partition] = field(default_factory=set)
    to_verify: dict[str, Subject] = field(default_factory=dict)

    def handle(self, request: SubjectRequest, subject: Subject) -> log.Result:
        findings = lookup(self.paths, self.con, subject)
        if request.type in ("access", "portability"):
            write_bundle(self.paths, request, findings)
        elif request.lift:
            return self._lift(request, subject, findings)
        if not findings.holds_data:
            return log.Result(log.NOT_FOUND, action=_action(request))
        act = _ACTS.get(request.type)
        done = act(self, request, subject, findings) if act else Counter()
        return log.Result(log.COMPLETED, action=_action(request), found=findings.counts() | done)

    def changes(self) -> Changes:
        return Changes(
            days=tuple(sorted(self.days)),
            tables=tuple(sorted(self.tables)),
            request_ids=tuple(self.changed_by),
            partitions=tuple(sorted(self.partitions)),
        )

    def _rebuild_days(self, request: SubjectRequest, days: frozenset[dt.date]) -> None:
        if days:
            self.days |= days
            self.changed_by.append(request.request_id)

    def _deleted(self, request: SubjectRequest, removed: Counter[str]) -> None:
        """Rows were deleted in place (``removed``: counts per ``layer.dataset``)."""
        self.changed = True
        self.tables |= {
            name for name, n in removed.items() if n and name.split(".")[0] in WAREHOUSE_SCHEMAS
        }
        self.changed_by.append(request.request_id)

    def _rectification(self, request, subject, findings) -> Counter[str]:
        add_overrides(self.con, subject.pseudonyms, request.details, request.request_id, self.now)
        self._rebuild_days(request, findings.raw_days)
        return Counter()

    def _flag(self, request, subject, findings) -> Counter[str]:
        set_flag(self.con, subject.pseudonyms, request.type, request.request_id, self.now)
        scope = FLAG_SCOPE[request.type]
        schemas = {s.split(".")[0] for s in scope}
        found = [
            f
            for f in search_warehouse(self.con, subject, schemas)
            if (f.layer in scope or f"{f.layer}.{f.dataset}" in scope)
            and f.dataset != _KEEP_REQUESTS
        ]
        removed = delete_rows(self.con, found)
        self._deleted(request, removed)
        return Counter({f"excluded:{k}": v for k, v in removed.items()})

    def _lift(self, request, subject, findings: Findings) -> log.Result:
        lifted = lift_flag(self.con, subject.pseudonyms, request.type)
        if not lifted:
            return log.Result(log.NOT_FOUND, action="lift", note=f"no {request.type} in place")
        self._rebuild_days(request, findings.raw_days)
        return log.Result(log.COMPLETED, action="lift", found=findings.counts())

    def _erasure(self, request, subject, findings) -> Counter[str]:
        erased = erase(self.paths, self.con, subject)
        self.partitions |= erased.partitions
        removed = erased.removed
        removed["bundles"] = remove_bundles(
            self.paths, log.requests_of(self.con, subject.pseudonyms)
        )
        add_tombstones(self.paths, subject.pseudonyms, request.request_id)
        self._deleted(request, removed)
        self.to_verify[request.request_id] = subject
        return Counter({f"erased:{k}": v for k, v in removed.items() if v})


_ACTS = {
    "rectification": Batch._rectification,
    "restriction": Batch._flag,
    "objection": Batch._flag,
    "erasure": Batch._erasure,
}


def _action(request: SubjectRequest) -> str | None:
    if request.type == "rectification":
        return "rectified: " + ", ".join(sorted(request.details))
    return "lift" if request.lift else None


def _subject(key: bytes, item: SubjectRequest | Rejection) -> Subject:
    return Subject.of(key, item.email, item.phone)


def process(
    items: Sequence[SubjectRequest | Rejection],
    paths: DataPaths,
    key: bytes,
    rebuild: Rebuild,
    now: dt.datetime | None = None,
) -> dict[str, log.Result]:
    """Handle every request not yet completed; their results by request id.

    A request that fails, or an erasure whose verification finds the subject somewhere, stays
    open in the log with a note (the error's class, or the places: never a value) and makes the
    batch fail once the others are done; the 25-day check keeps it in sight.
    """
    now = now or dt.datetime.now(dt.UTC)
    paths.root.mkdir(parents=True, exist_ok=True)
    results: dict[str, log.Result] = {}
    failed: list[str] = []
    con = duckdb.connect(str(paths.warehouse))
    batch = Batch(paths, key, con, now)
    try:
        log.ensure_log(con)
        ensure_registry(con)
        done = log.completed_ids(con)
        todo = {i.request_id: i for i in items if i.request_id not in done}
        for item in todo.values():
            subject = _subject(key, item)
            entry = log.Entry(item.request_id, item.type, item.door, item.received_at, subject)
            log.record_received(con, entry)
        for item in sorted(todo.values(), key=lambda i: i.received_at):
            if isinstance(item, Rejection):
                results[item.request_id] = log.Result(log.REJECTED, note=item.reason)
                continue
            try:
                results[item.request_id] = batch.handle(item, _subject(key, item))
            except Exception as error:  # logged by class only: messages may quote values
                log.record_note(con, item.request_id, f"failed: {type(error).__name__}")
                failed.append(item.request_id)
    finally:
        con.close()
    if batch.days or batch.changed:
        rebuild(batch.changes())
    for request_id, subject in batch.to_verify.items():
        results[request_id] = _verified(results[request_id], verify(paths, subject))
    con = duckdb.connect(str(paths.warehouse))
    try:
        for request_id, result in results.items():
            complete = result.verification != "failed"
            log.record_result(con, request_id, result, now if complete else None)
            if not complete:
                failed.append(request_id)
    finally:
        con.close()
    if failed:
        raise RequestsFailed(failed)
    return results


class RequestsFailed(RuntimeError):
    """Requests that could not be completed (they stay open in the log)."""

    def __init__(self, request_ids: list[str]) -> None:
        super().__init__(f"{len(request_ids)} request(s) not completed: {', '.join(request_ids)}")
        self.request_ids = request_ids


def _verified(result: log.Result, places: list[str]) -> log.Result:
    """The result of an erasure with its verification."""
    if not places:
        return dataclasses.replace(result, verification="passed")
    note = f"still held in {len(places)} place(s): " + ", ".join(places)
    return dataclasses.replace(result, verification="failed", note=note)
