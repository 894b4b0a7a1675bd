"""The EEA guard (P5): every configured storage location must be inside the EEA.

A location is a URL. A local path (or ``file://``) is the platform host's own disk, which the
deployment places in the EEA. A remote location must name its region, either as a query
parameter (``s3://bucket?region=eu-central-1``, ``gs://bucket?region=europe-west4``,
``az://container?region=westeurope``) or in an AWS endpoint host
(``https://bucket.s3.eu-west-1.amazonaws.com``). A region that is not known to lie in the EEA,
or no region at all, is refused: the guard fails closed. London and Zurich are outside the EEA.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

#: Cloud regions located in an EEA member state (EU + Iceland, Liechtenstein, Norway).
EEA_REGIONS: frozenset[str] = frozenset(
    {
        # AWS (eu-west-2 London and eu-central-2 Zurich are not in the EEA)
        "eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2",
        # Google Cloud (europe-west2 London and europe-west6 Zurich are not)
        "europe-west1", "europe-west3", "europe-west4", "europe-west8", "europe-west9",
        "europe-west10", "europe-west12", "europe-north1", "europe-north2", "europe-central2",
        "europe-southwest1",
        # Azure (uksouth, ukwest, switzerlandnorth, switzerlandwest are not)
        "westeurope", "northeurope", "germanywestcentral", "germanynorth", "francecentral",
        "francesouth", "swedencentral", "norwayeast", "norwaywest", "polandcentral",
        "italynorth", "spaincentral", "austriaeast",
    }
)  # fmt: skip
_LOCAL_SCHEMES = {"", "file"}
_AWS_HOST = re.compile(r"(?:^|\.)s3[.-]([a-z]{2}-[a-z]+-\d)\.amazonaws\.com$")


@dataclass(frozen=True)
class Refusal:
    """A storage location the guard refuses, and why (the location is configuration, not PII)."""

    location: str
    reason: str


def region_of(location: str) -> str | None:
    """The region a remote location declares, or None."""
    parts = urlsplit(location)
    declared = parse_qs(parts.query).get("region")
    if declared:
        return declared[0].strip().lower()
    host = _AWS_HOST.search(parts.hostname or "")
    return host.group(1) if host else None


def check_location(location: str) -> Refusal | None:
    """None when ``location`` is inside the EEA, else why it is refused."""
    if urlsplit(location).scheme.lower() in _LOCAL_SCHEMES:
        return None
    region = region_of(location)
    if region is None:
        return Refusal(location, "no region declared: cannot show it is inside the EEA")
    if region not in EEA_REGIONS:
        return Refusal(location, f"region {region} is outside the EEA")
    return None


def refusals(locations: list[str]) -> list[Refusal]:
    """Every refused location of ``locations``."""
    return [r for r in map(check_location, locations) if r is not None]


class OutsideEEAError(RuntimeError):
    """A configured storage location is outside the EEA."""


def refuse_outside_eea(locations: list[str]) -> None:
    """Raise :class:`OutsideEEAError` naming each refused location and the reason."""
    refused = refusals(locations)
    if refused:
        listed = "; ".join(f"{r.location}: {r.reason}" for r in refused)
        raise OutsideEEAError(f"storage outside the EEA is refused (P5): {listed}")
