"""Source parsers: landing files -> typed raw-zone rows with lineage, and a quarantine.

The contract of every source is declared in :mod:`klantmonitor.sources.contract`.
"""

from klantmonitor.sources.parsing import FileLoad, ParsedDay, parse_day
from klantmonitor.sources.schema import QUARANTINE_SCHEMA, raw_schema

__all__ = ["QUARANTINE_SCHEMA", "FileLoad", "ParsedDay", "parse_day", "raw_schema"]
