"""PII values and the many notations people write them in.

Every value is valid where a real one would be checked: IBAN mod-97, BSN 11-proof, Luhn card
numbers, Dutch postcodes and licence-plate sidecodes, public (non-documentation) IP ranges.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from functools import cache

import numpy as np

from klantmonitor.generate.names import MONTHS_NL
from klantmonitor.generate.spoken import fold

CATEGORIES = (
    "name",
    "email",
    "phone",
    "iban",
    "bsn",
    "address",
    "postcode",
    "licence_plate",
    "ip",
    "date_of_birth",
    "card_number",
    "url_query",
)

BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")


def _digits(matrix: np.ndarray) -> list[str]:
    """Rows of single digits as strings."""
    width = matrix.shape[1]
    values = matrix @ (10 ** np.arange(width - 1, -1, -1, dtype=np.int64))
    return [f"{v:0{width}d}" for v in values.tolist()]


def ibans(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` Dutch IBANs in compact form with valid mod-97 check digits."""
    banks = rng.integers(0, len(BANKS), n)
    accounts = rng.integers(10**9, 10**10, n, dtype=np.int64)
    # ISO 13616: BANK + account + "NL00", letters as 10..35, the whole number mod 97.
    bank_mod = np.array([int("".join(str(int(c, 36)) for c in b)) % 97 for b in BANKS])
    rest = (bank_mod[banks] * 10**10 + accounts) % 97
    check = 98 - (rest * 10**6 + 232100) % 97
    return [
        f"NL{c:02d}{BANKS[b]}{a:010d}"
        for c, b, a in zip(check.tolist(), banks.tolist(), accounts.tolist(), strict=True)
    ]


def iban_notation(value: str, r: random.Random) -> str:
    """Compact (``NL91ABNA0417164300``) or in groups of four (``NL91 ABNA 0417 1643 00``)."""
    if r.random() < 0.5:
        return value
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def bsns(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` burgerservicenummers that pass the 11-proof."""
    digits = rng.integers(0, 10, (n, 9))
    digits[:, 0] = rng.integers(1, 7, n)
    weights = np.array([9, 8, 7, 6, 5, 4, 3, 2])
    while True:
        check = (digits[:, :8] @ weights) % 11
        bad = check == 10
        if not bad.any():
            break
        digits[bad, 7] = rng.integers(0, 10, int(bad.sum()))
    digits[:, 8] = check
    return _digits(digits)


def bsn_notation(value: str, r: random.Random) -> str:
    """``123456782``, ``1234.56.782`` or ``123 456 782``."""
    style = r.randrange(3)
    if style == 0:
        return value
    if style == 1:
        return f"{value[:4]}.{value[4:6]}.{value[6:]}"
    return f"{value[:3]} {value[3:6]} {value[6:]}"


_PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"
# Dutch sidecodes 4-11 (current plates): X = letter, 9 = digit.
_SIDECODES = ("XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9", "9-XXX-99", "XX-999-X",
              "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9")  # fmt: skip


def licence_plates(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` Dutch licence plates in the current sidecodes, e.g. ``GB-123-X``."""
    codes = rng.integers(0, len(_SIDECODES), n).tolist()
    letters = np.array(list(_PLATE_LETTERS))[rng.integers(0, len(_PLATE_LETTERS), (n, 8))]
    digits = rng.integers(0, 10, (n, 8)).astype(str)
    return [
        "".join(
            ls[i] if c == "X" else ds[i] if c == "9" else c for i, c in enumerate(_SIDECODES[k])
        )
        for k, ls, ds in zip(codes, letters.tolist(), digits.tolist(), strict=True)
    ]


_CARD_PREFIXES = ("4", "4", "51", "52", "53", "54", "55", "2221")


def card_numbers(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` 16-digit Visa or Mastercard numbers with a valid Luhn check digit."""
    digits = rng.integers(0, 10, (n, 16))
    kinds = rng.integers(0, len(_CARD_PREFIXES), n)
    for k, prefix in enumerate(_CARD_PREFIXES):
        digits[np.ix_(kinds == k, range(len(prefix)))] = [int(c) for c in prefix]
    doubled = digits[:, 14::-2] * 2  # every second digit from the right of the payload
    total = np.where(doubled > 9, doubled - 9, doubled).sum(1) + digits[:, 13::-2].sum(1)
    digits[:, 15] = -total % 10
    return _digits(digits)


def card_notation(value: str, r: random.Random) -> str:
    """Compact or in groups of four separated by spaces or dashes."""
    sep = r.choice(("", " ", " ", "-"))
    return sep.join(value[i : i + 4] for i in range(0, 16, 4))


def postcode(r: random.Random, low: int, high: int) -> str:
    """A Dutch postcode ``1234 AB`` with digits in ``low..high`` (no SA/SD/SS)."""
    letters = "ABCDEGHJKLMNPRSTVWXZ"
    while True:
        pair = r.choice(letters) + r.choice(letters)
        if pair not in ("SA", "SD", "SS"):
            return f"{r.randint(low, high)} {pair}"


def house_number(r: random.Random) -> str:
    """``12``, ``12a``, ``114-2`` or ``8 bis``-style house numbers."""
    number = max(1, min(int(r.lognormvariate(2.8, 0.9)), 399))
    kind = r.random()
    if kind < 0.78:
        return str(number)
    if kind < 0.9:
        return f"{number}{r.choice('abcd')}"
    if kind < 0.98:
        return f"{number}-{r.choice(('1', '2', '3', 'II', 'III', 'hs'))}"
    return f"{number} bis"


def mobile(r: random.Random) -> str:
    """A Dutch mobile number in national digits, ``06`` + 8 digits."""
    return f"06{r.randrange(10**7, 10**8):08d}"


def phone_notation(national: str, r: random.Random) -> str:
    """A national number (``0612345678``, ``0201234567``) as people write it."""
    if national.startswith("06"):
        rest = national[2:]
        return r.choice(
            (
                f"06-{rest}",
                f"06 {rest[:4]} {rest[4:]}",
                f"+31 6 {rest}",
                f"0031{national[1:]}",
                national,
                f"+31{national[1:]}",
                f"06 {rest[:2]} {rest[2:4]} {rest[4:6]} {rest[6:]}",
            )
        )
    area_len = 3 if national[:3] in ("020", "010", "030", "070", "050", "040") else 4
    area, rest = national[:area_len], national[area_len:]
    return r.choice(
        (
            f"({area}) {rest[:3]} {rest[3:]}",
            f"{area}-{rest}",
            f"{area} {rest}",
            f"+31 {area[1:]} {rest}",
            national,
        )
    )


def international_digits(national: str) -> str:
    """``0612345678`` -> ``31612345678`` (MSISDN, as SMS gateways write it)."""
    return "31" + national[1:]


def date_of_birth(r: random.Random) -> dt.date:
    """A birth date of an adult (1938-2007)."""
    start = dt.date(1938, 1, 1).toordinal()
    return dt.date.fromordinal(r.randint(start, dt.date(2007, 12, 31).toordinal()))


def date_notation(day: dt.date, r: random.Random) -> str:
    """``12-03-1984``, ``12-3-1984``, ``12/03/1984``, ``12 maart 1984`` or ``1984-03-12``."""
    return r.choice(
        (
            f"{day.day:02d}-{day.month:02d}-{day.year}",
            f"{day.day}-{day.month}-{day.year}",
            f"{day.day:02d}/{day.month:02d}/{day.year}",
            f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}",
            day.isoformat(),
        )
    )


# Public address space of Dutch access providers (never private or documentation ranges):
# (first octet, first second octet, number of second octets).
_V4_PREFIXES = np.array(
    [(77, 160, 32), (84, 24, 8), (86, 80, 16), (62, 194, 2), (145, 53, 1), (31, 20, 4),
     (94, 208, 16), (83, 80, 8), (217, 100, 4), (188, 88, 8), (92, 64, 8), (80, 56, 8)],
    dtype=np.int64,
)  # fmt: skip
_V6_PREFIXES = ("2001:1c00", "2001:1c05", "2a02:a440", "2a02:a46b", "2a02:a212", "2a02:1810",
                "2a02:a45e", "2a10:3781")  # fmt: skip


def ip_addresses(rng: np.random.Generator, n: int, v6_share: float = 0.3) -> list[str]:
    """``n`` public IPv4/IPv6 addresses of Dutch consumer connections."""
    first, second0, span = _V4_PREFIXES[rng.integers(0, len(_V4_PREFIXES), n)].T
    second = second0 + rng.integers(0, 1 << 30, n) % span
    v4 = zip(
        first.tolist(),
        second.tolist(),
        rng.integers(0, 256, n).tolist(),
        rng.integers(1, 255, n).tolist(),
        strict=True,
    )
    v6 = zip(
        rng.integers(0, len(_V6_PREFIXES), n).tolist(),
        rng.integers(1, 1 << 16, (n, 6)).tolist(),
        strict=True,
    )
    is_v6 = (rng.random(n) < v6_share).tolist()
    out: list[str] = []
    for six, (a, b, c, d), (p, g) in zip(is_v6, v4, v6, strict=True):
        if six:
            out.append(":".join([_V6_PREFIXES[p], *(f"{x:x}" for x in g)]))
        else:
            out.append(f"{a}.{b}.{c}.{d}")
    return out


def ip_address(r: random.Random) -> str:
    """One public address (for free text and small sources)."""
    rng = np.random.default_rng(r.getrandbits(64))
    return ip_addresses(rng, 1)[0]


@cache
def slug(text: str) -> str:
    """Lower-case ASCII letters and digits only (for e-mail local parts and URLs)."""
    return "".join(c for c in fold(text) if c in _SLUG_CHARS)


_SLUG_CHARS = frozenset(string.ascii_lowercase + string.digits)
