"""The data of the validators whose rules belong to a Python library, for the compiled detector.

IBANs and international phone numbers are checked in Rust from the libraries' own data, read
once: stdnum's IBAN registry (:func:`iban_formats`) and phonenumbers' metadata
(:func:`phone_metadata`). :func:`valid_iban` and :func:`valid_intl_phone` are the same tests in
Python, the references the tests hold the Rust ones to.
"""

from __future__ import annotations

import itertools
import re
import string
from typing import Any

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata
from stdnum import iban as std_iban
from stdnum import numdb

_NON_DIGIT_RE = re.compile(r"\D")


def valid_iban(compact: str) -> bool:
    """``compact`` (upper case, no spaces) is an IBAN by stdnum: its check digits, and a BBAN of
    the country's structure. stdnum's further national checks (of a few countries) are left
    out: a number that passes these is personal data anyway."""
    return std_iban.is_valid(compact, check_country=False)


def iban_formats() -> list[tuple[str, str]]:
    """What ``pii_engine/src/ibans.rs`` needs of stdnum's IBAN registry: each country code it
    knows and that country's BBAN structure (``"4!a10!n"``: 4 letters, then 10 digits)."""
    registry = numdb.get("iban")
    formats = []
    for first, second in itertools.product(string.ascii_uppercase, repeat=2):
        properties = registry.info(first + second)[0][1]
        if "bban" in properties:
            formats.append((first + second, properties["bban"]))
    return formats


def valid_intl_phone(text: str) -> bool:
    """``text`` (``+31 6 ...``, ``0044 ...``, ``+31 (0)6 ...``) is a possible phone number by
    phonenumbers' metadata of its country calling code."""
    digits = _NON_DIGIT_RE.sub("", text.replace("(0)", ""))
    if digits.startswith("00"):
        digits = digits[2:]
    try:
        number = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def phone_metadata() -> list[dict[str, Any]]:
    """What ``pii_engine/src/phones.rs`` needs of phonenumbers' metadata, for every country
    calling code it knows (the main region's, or the non-geographic entity's for 800, 870,
    ...): the general description's national number pattern and possible lengths, and the
    national prefix rules that ``phonenumbers.parse`` applies. Empty strings for absent rules.
    """
    table = []
    for code, regions in sorted(COUNTRY_CODE_TO_REGION_CODE.items()):
        metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, regions[0])
        if metadata is None:  # pragma: no cover - phonenumbers has data for every code it lists
            raise ValueError(f"phonenumbers has no metadata for calling code {code}")
        general = metadata.general_desc
        table.append(
            {
                "calling_code": code,
                "national_prefix_for_parsing": metadata.national_prefix_for_parsing or "",
                "national_prefix_transform_rule": metadata.national_prefix_transform_rule or "",
                "national_number_pattern": general.national_number_pattern or "",
                "possible_lengths": list(general.possible_length),
                "local_only_lengths": list(general.possible_length_local_only),
            }
        )
    return table
