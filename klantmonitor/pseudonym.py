"""Keyed pseudonyms (HMAC-SHA256, RFC 2104) of normalised identifiers, and keyed IP hashes.

One pseudonym per person and kind across every source: the same e-mail address or phone
number, however written, gives the same pseudonym, so a subject request can find a person
without anyone keeping the clear value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata

import phonenumbers

_SPACES = re.compile(r"\s+")
KINDS = ("email", "phone", "name")


def normalise_email(value: str | None) -> str | None:
    """Trimmed and lower-cased; None when it holds no address."""
    if value is None:
        return None
    text = value.strip().lower()
    return text if "@" in text else None


def normalise_phone(value: str | None, region: str = "NL") -> str | None:
    """E.164 (``+31612345678``), or None when it is no valid number (e.g. ``anoniem``)."""
    if not value or not any(c.isdigit() for c in value):
        return None
    text = value.strip()
    if text.isdigit() and text.startswith("31") and len(text) == 11:
        text = "+" + text  # MSISDN as MessageBird writes it: 31612345678
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_name(value: str | None) -> str | None:
    """NFC, lower case (as DuckDB's ``lower``), white space collapsed; None when empty."""
    if value is None:
        return None
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip().lower()
    return text or None


_NORMALISERS = {"email": normalise_email, "phone": normalise_phone, "name": normalise_name}


def hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """The RFC 2104 inner and outer padded keys (K xor ipad, K xor opad) for SHA-256."""
    block = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)


def hmac_hex(key: bytes, message: str) -> str:
    """HMAC-SHA256 of ``message`` under ``key``, as lower-case hex."""
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def pseudonym(key: bytes, kind: str, value: str | None) -> str | None:
    """The keyed pseudonym of an identifier of ``kind`` (email, phone, name), or None."""
    normalised = _NORMALISERS[kind](value)
    return None if normalised is None else hmac_hex(key, f"{kind}:{normalised}")


def day_key(key: bytes, day: dt.date) -> bytes:
    """A per-day key derived from the secret key, so IP hashes cannot be linked across days."""
    return hmac.new(key, f"ip-day:{day.isoformat()}".encode(), hashlib.sha256).digest()


def ip_hash(key: bytes, ip: str | None, day: dt.date) -> str | None:
    """The keyed hash of an IP address under the key of ``day``."""
    if not ip or not ip.strip():
        return None
    return hmac_hex(day_key(key, day), f"ip:{ip.strip().lower()}")
