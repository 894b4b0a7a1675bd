"""The secret key behind every keyed pseudonym and hash (never defaulted, never logged)."""

from __future__ import annotations

import os
import secrets

SECRET_KEY_ENV = "KLANTMONITOR_SECRET_KEY"
MIN_KEY_LENGTH = 32


class SecretKeyError(RuntimeError):
    """The secret key is missing or too weak."""


def validate_secret_key(value: str | None) -> str:
    """Return ``value`` if it is a usable key; raise a clear error (without the value) if not."""
    if not value:
        raise SecretKeyError(
            f"{SECRET_KEY_ENV} is not set. klantmonitor has no default key: set it in the "
            "environment (or in .env for local use; `make demo` writes a random dev key there)."
        )
    if len(value) < MIN_KEY_LENGTH:
        raise SecretKeyError(
            f"{SECRET_KEY_ENV} is too short: use at least {MIN_KEY_LENGTH} characters "
            "(e.g. `python3 -c 'import secrets; print(secrets.token_hex(32))'`)."
        )
    return value


def require_secret_key() -> str:
    """The key from the environment, or a clear error."""
    return validate_secret_key(os.environ.get(SECRET_KEY_ENV))


def new_dev_key() -> str:
    """A fresh random key for local development."""
    return secrets.token_hex(32)
