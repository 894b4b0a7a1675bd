"""Governance checks' library: the EEA guard, PII absence, client isolation, data quality."""
