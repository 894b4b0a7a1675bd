"""Every governance check, for the governance job and the Definitions."""

from checks.eea import eea_storage_checks
from checks.isolation import client_isolation
from checks.pii_absence import (
    pii_absence_exports,
    pii_absence_pseudonymised,
    pii_absence_reporting,
)
from checks.quality import data_quality_checks
from checks.retention import retention_checks

GOVERNANCE_CHECKS = [
    *retention_checks,
    pii_absence_pseudonymised,
    pii_absence_reporting,
    pii_absence_exports,
    client_isolation,
    eea_storage_checks,
    data_quality_checks,
]
