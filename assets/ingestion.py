"""Ingestion: one daily-partitioned asset per source, landing files -> raw-zone Parquet.

Each run parses the day's landing files per the contract, writes the raw zone and the
quarantine atomically (one file per source and day, replaced whole), and reports counts.
A day without an export writes an empty partition and fails the ``export_delivered`` check
(warning): visible, not a crash; a late delivery is picked up by re-running the day.
"""

import dagster as dg
import pyarrow as pa

from checks.ingestion import delivered_check, ingestion_check_specs, quarantine_check
from klantmonitor.atomic import write_parquet_atomically
from klantmonitor.sources import parse_day, raw_schema
from klantmonitor.sources.contract import SOURCES, Source
from klantmonitor.subjects.tombstones import drop_tombstoned, load_tombstones
from orchestration.partitions import daily_partitions, partition_days, single_run_backfill
from orchestration.resources import KlantmonitorSettings

_ARROW_TO_DISPLAY = {
    pa.string(): "string",
    pa.int64(): "bigint",
    pa.float64(): "double",
    pa.bool_(): "boolean",
    pa.date32(): "date",
}


def landing_key(source: Source) -> dg.AssetKey:
    return dg.AssetKey(["landing", source.name])


def raw_key(source: Source) -> dg.AssetKey:
    return dg.AssetKey(["raw", source.name])


def column_schema(schema: pa.Schema) -> dg.TableSchema:
    """The raw-zone schema as Dagster column metadata."""
    return dg.TableSchema(
        columns=[dg.TableColumn(f.name, _ARROW_TO_DISPLAY.get(f.type, str(f.type))) for f in schema]
    )


def landing_spec(source: Source) -> dg.AssetSpec:
    """The vendor's files in the landing zone (delivered by the pull, not built here)."""
    return dg.AssetSpec(
        key=landing_key(source),
        group_name=source.name,
        description=f"{source.title} files as delivered: "
        f"`landing/{source.name}/<YYYY-MM-DD>/{source.pattern}`.",
        partitions_def=daily_partitions,
        kinds={"file"},
    )


def build_ingestion_asset(source: Source) -> dg.AssetsDefinition:
    """The raw-zone asset of ``source``."""
    key = raw_key(source)
    schema = raw_schema(source)

    @dg.asset(
        key=key,
        deps=[landing_key(source)],
        group_name=source.name,
        description=f"{source.description}\n\nParsed into the raw zone "
        f"(`raw/{source.name}/date=<YYYY-MM-DD>/data.parquet`) with lineage columns; rejected "
        f"rows go to `quarantine/{source.name}/` with file, line and reason.",
        partitions_def=daily_partitions,
        backfill_policy=single_run_backfill,
        check_specs=ingestion_check_specs(source, key),
        kinds={"python", "parquet"},
        metadata={"dagster/column_schema": column_schema(schema)},
        tags={"layer": "raw", "processing": "feedback" if source.feedback else "own"},
    )
    def _ingest(context: dg.AssetExecutionContext, settings: KlantmonitorSettings):
        paths = settings.paths
        loaded_at = settings.now()  # the real time, or the simulated day's
        rows = quarantined = files = tombstoned = 0
        missing: list[str] = []
        tombstones = load_tombstones(paths)  # erased subjects never come back (subjects/)
        for day in partition_days(context):
            parsed = parse_day(source, paths.landing, day, context.run.run_id, loaded_at)
            parsed, dropped = drop_tombstoned(source, parsed, settings.key_bytes, tombstones)
            tombstoned += dropped
            write_parquet_atomically(parsed.rows, paths.raw_file(source.name, day))
            write_parquet_atomically(parsed.quarantine, paths.quarantine_file(source.name, day))
            rows += parsed.rows.num_rows
            quarantined += parsed.quarantine.num_rows
            files += len(parsed.files)
            if not parsed.files and source.daily:
                missing.append(day.isoformat())
            context.log.info(
                f"{source.name} {day}: {len(parsed.files)} file(s), "
                f"{parsed.rows.num_rows} rows, {parsed.quarantine.num_rows} quarantined"
            )
        if missing:
            context.log.warning(f"{source.name}: no export for {', '.join(missing)}")
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": rows,
                "quarantined": quarantined,
                "files": files,
                "days": len(context.partition_keys),
                "days_without_export": len(missing),
                "tombstoned": tombstoned,
            },
            check_results=[
                delivered_check(source, missing),
                quarantine_check(rows, quarantined),
            ],
        )

    return _ingest


landing_specs = [landing_spec(s) for s in SOURCES.values()]
ingestion_assets = [build_ingestion_asset(s) for s in SOURCES.values()]
