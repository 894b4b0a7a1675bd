"""Regular-expression rules of the structured PII categories: the single source of truth.

Each :class:`Rule` of :data:`RULES` is a compiled pattern plus, where the shape alone is not
enough, a validator (IBAN mod-97 via ``stdnum.iban``, BSN 11-proof via ``stdnum.nl.bsn``, Luhn via
``stdnum.luhn``, foreign phone numbers via ``phonenumbers``, IP addresses via ``ipaddress``) and
cheap pre-filters (digits, keywords). Street names before a house number are decided in
:mod:`klantmonitor.pii.streets`, person names in :mod:`klantmonitor.pii.names`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.nl import bsn as std_bsn


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern for one category; ``group`` holds the PII, ``validate`` confirms it.

    The rule only runs on texts with at least ``min_digits`` digits, if ``keywords`` are given,
    one of them in the lower-cased text, and if a ``hint`` is given, a match of it in the text
    (cheap pre-filters; a hint must match inside every match of ``regex``). With ``trim``, a
    candidate
    that fails validation is retried without its trailing whitespace-separated chunks (a greedy
    pattern may have taken a following word or number).
    """

    category: str
    regex: re.Pattern[str]
    validate: Callable[[str], bool] | None = None
    group: int | str = 0
    trim: bool = False
    min_digits: int = 1
    keywords: tuple[str, ...] = ()
    hint: re.Pattern[str] | None = None


# Most patterns open with the character class of their first character and check what stands
# before it with a look-behind *after* it ("\d(?<![\w.]\d)"): a pattern that opens with a class
# lets the regex engine skip to candidate positions, one that opens with a look-behind does not
# (four times slower on a comment).
_SPACES = r" \t\u00a0"  # horizontal white space (inside a character class)
_SP = f"[{_SPACES}]"
_L = r"[^\W\d_]"  # a letter (any script)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# --- e-mail (also "naam [at] gmail [dot] com", "naam(at)x(punt)nl", URL-encoded %40) --------
_AT = (
    rf"(?:{_SP}*@{_SP}*|%40|{_SP}*[\[({{<]{_SP}*(?:at|@|apenstaartje){_SP}*[\])}}>]{_SP}*"
    rf"|{_SP}+(?:at|apenstaartje|apestaartje){_SP}+)"
)
_DOT = rf"(?:\.|{_SP}*[\[({{<]{_SP}*(?:dot|punt|\.){_SP}*[\])}}>]{_SP}*|{_SP}+(?:dot|punt){_SP}+)"
# dictated: "jan underscore de vries", digits said one by one ("xs vier all")
_DIGIT_JOIN = rf"{_SP}+(?=\d)|(?<=\d){_SP}+(?!\d)"  # (the two never match the same space)
# in the user part only a space before a digit joins ("vandam 5 7"): "6 info@x.nl" is a score
_SAID_JOIN = rf"{_SP}+(?:underscore|streepje|liggend{_SP}+streepje){_SP}+|{_SP}+(?=\d)"
_LABEL = r"[^\W_](?:[\w-]{0,62}[^\W_])?"
EMAIL = re.compile(
    rf"(?<![\w.+%-])[\w+%-]+(?:(?:{_DOT}|{_SAID_JOIN})[\w+%-]+){{0,8}}{_AT}"
    rf"{_LABEL}(?:(?:{_DOT}|{_DIGIT_JOIN}){_LABEL}){{0,5}}{_DOT}{_L}{{2,24}}"
    r"(?![\w@-]|\.\w)",  # "me at oliver.smith@gmail.com": the address starts at "oliver"
    re.IGNORECASE,
)

# --- IP addresses ---------------------------------------------------------------------------
IPV4 = re.compile(r"\d(?<![\w.]\d)\d{0,2}(?:\.\d{1,3}){3}(?!\w|\.\d)")
IPV6 = re.compile(
    r"[0-9a-fA-F:](?<![\w:.][0-9a-fA-F:])[0-9a-fA-F:.]*:[0-9a-fA-F:.]*[0-9a-fA-F](?:%\w+)?"
    r"(?![\w:]|\.\d)"
)


def _valid_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    return True


# --- IBAN (any country, grouped or not, any case) ------------------------------------------
IBAN = re.compile(  # also "NL 48 ABNA ..."
    rf"[A-Za-z](?<![\w-][A-Za-z])[A-Za-z]{_SP}?\d{{2}}(?:{_SP}?[A-Za-z0-9]{{4}}){{2,7}}"
    rf"(?:{_SP}?[A-Za-z0-9]{{1,3}})?(?!\w)"
)
IBAN_SPOKEN = re.compile(  # spelled in a transcript: "n l 3 8 a s n b 4 1 7 ..." (see spelled)
    rf"[A-Za-z](?<![\w-][A-Za-z]){_SP}[A-Za-z](?:{_SP}[A-Za-z0-9]{{1,4}}){{12,32}}(?!\w)"
)
_NL_IBAN_SHAPE = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")


# every IBAN opens with two letters and two digits: "NL91", "nl 91"
_IBAN_HINT = re.compile(rf"[A-Za-z]{_SP}?\d\d")


_BASE36 = {ord(c): str(int(c, 36)) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}  # "A" -> "10"


def _mod97(compact: str) -> bool:
    """The IBAN check digits (ISO 7064 mod 97-10): a cheap first test before ``stdnum``'s
    full validation, which also checks the country's format."""
    if not compact.isascii() or not compact.isalnum():
        return True  # let stdnum decide
    return int((compact[4:] + compact[:4]).translate(_BASE36)) % 97 == 1


def _valid_iban(text: str) -> bool:
    compact = re.sub(r"\s", "", text).upper()
    # a Dutch-shaped account number is personal data even with a typo in its check digits
    return bool(_NL_IBAN_SHAPE.fullmatch(compact)) or (
        _mod97(compact) and std_iban.is_valid(compact)
    )


# --- card numbers (13-19 digits, Luhn) ---------------------------------------------------------
CARD = re.compile(r"[2-6](?<![\w.,+-][2-6])(?<!\d[ -].)(?:[ -]?\d){12,18}(?!\w|[ -]?\d|[.,]\d)")


def _valid_card(text: str) -> bool:
    return luhn.is_valid(_digits(text))


# --- phone numbers ---------------------------------------------------------------------------
# One optional separator between digits: space, dot, dash, slash, or a parenthesis; "(0)"
# after a country code.
_PSEP = rf"(?:{_SP}?[-./]{_SP}?|{_SP}|\){_SP}?)?"
_ISEP = rf"(?:{_SP}?\(0?\){_SP}?|{_SP}?\(|{_PSEP})"
PHONE_NL = re.compile(
    rf"(?:\((?<![\w+]\()0|0(?<![\w+-]0)(?<!\d[.,]0))(?:{_PSEP}\d){{9}}(?!\d|[.,]\d)"
)
PHONE_INTL = re.compile(
    rf"(?:\+(?<![\w+]\+)|0(?<![\w+]0)0){_SP}?[1-9](?:{_ISEP}\d){{6,14}}(?!\d|[.,]\d)"
)
PHONE_NL_NO_PLUS = re.compile(r"316(?<![\w+]316)\d{8}(?!\d)")  # 31612345678 from SMS gateways
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")  # business information numbers survive
_DATE_INSIDE = re.compile(r"\d{1,2}[-/. ]\d{1,2}[-/. ](?:19|20)\d\d\b")  # "01-02-2026 10"


def _valid_nl_phone(text: str) -> bool:
    digits = _digits(text)
    return (
        digits[1] != "0"
        and not digits.startswith(_SERVICE_PREFIXES)
        and not _DATE_INSIDE.search(text)
    )


def _valid_intl_phone(text: str) -> bool:
    digits = _digits(text.replace("(0)", ""))
    if digits.startswith("00"):
        digits = digits[2:]
    try:
        number = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


# --- BSN (9 digits, 11-proof; any 8-9 digits right after "BSN") -----------------------------
BSN = re.compile(
    r"\d(?<![\w.,+€$-]\d)(?<!\d[ .]\d)(?<!€ \d)(?<!EUR \d)(?:[ .]?\d){8}(?!\w|[ .,-]?\d)"
)
BSN_CONTEXT = re.compile(
    rf"(?i:\b(?:bsn|burgerservicenummer|sofi-?nummer)(?:-?nummer|{_SP}+nr\.?|{_SP}+is)?)"
    rf"[{_SPACES}:.#]*(?P<bsn>\d(?:[ .]?\d){{7,8}})(?!\w|[ .]?\d)"
)


def _valid_bsn(text: str) -> bool:
    return std_bsn.is_valid(_digits(text))


# --- addresses: postcode, street + house number -------------------------------------------------
# Capitals (with or without a space) except SA, SD, SS, which are not issued; lower case only
# written together and not a unit ("1000km", "1980er").
POSTCODE = re.compile(
    rf"[1-9](?<![\w-][1-9])\d{{3}}(?:{_SP}?(?!S[ADS])[A-Z]{{2}}"
    r"|(?!(?:s[ads]|km|kg|mb|gb|kb|ml|cm|mm|kw|pk|er)\b)[a-z]{2})(?!\w)"
)
POSTCODE_CONTEXT = re.compile(  # also spoken: "postcode is 12 34 a b"
    rf"\bpostcode(?:{_SP}+is)?[{_SPACES}:]*"
    rf"(?P<postcode>[1-9](?:{_SP}?\d){{3}}{_SP}?[a-z]{_SP}?[a-z])(?!\w)",
    re.IGNORECASE,
)
#: A word, a space and a house number with an optional addition (12, 101a, 12 A, 3-hs, 12-2,
#: 12/3, 12 bis, 45-II); the street before it is decided in :mod:`klantmonitor.pii.streets`.
HOUSE_NUMBER = re.compile(  # (a word, one space,) the number
    rf"\d(?<=[^\W\d_.]{_SP}\d)\d{{0,3}}(?:{_SP}?[-/]{_SP}?(?:\d{{1,4}}|{_L}{{1,4}})(?!\w)"
    rf"|{_L}(?!\w)|{_SP}(?:[A-Za-z](?:{_SP}[a-z])?|hs|bis|huis|I{{1,3}}|bg|boven|beneden)(?!\w))?"
    # not a count or a measure ("snelweg 2 uur", "dijk 5 km"), nor an amount
    rf"(?![.,]\d|\w|{_SP}*(?:uur|u|keer|x|min|minuten|dag|dagen|week|weken|maand|maanden|jaar"
    rf"|jaren|km|m|meter|kilo|kg|euro|eur|procent|%)(?!\w))"
)
#: Endings of Dutch street names ("Kerkstraat", "Molenweg", "Oudegracht", "Dam").
STREET_SUFFIXES: tuple[str, ...] = tuple(
    """straat straatje laan laantje weg wegje plein pleintje gracht kade kaai singel dijk dreef
    hof pad steeg markt park plantsoen baan dam erf veld wal burg boulevard allee ring weide oord
    kamp akker acker tuin gaarde horst donk haven kwartier passage promenade vaart sloot zoom
    stede poort brink hage hoeve heuvel weerd rade staete wetering""".split()  # noqa: SIM905
)


# --- licence plates (Dutch sidecodes 1-14) ------------------------------------------------------
_SIDECODES = (
    "LL-DD-DD",
    "DD-DD-LL",
    "DD-LL-DD",
    "LL-DD-LL",
    "LL-LL-DD",
    "DD-LL-LL",
    "DD-LLL-D",
    "D-LLL-DD",
    "LL-DDD-L",
    "L-DDD-LL",
    "LLL-DD-L",
    "L-DD-LLL",
    "D-LL-DDD",
    "DDD-LL-D",
)
_MODERN_LETTERS = "BDFGHJKLNPRSTVXZ"  # letters issued since 1978 (no vowels, no C, M, Q, W, Y)


def _plate_pattern(sep: str, letter: str = "[A-Z]") -> str:
    """All sidecodes as one alternation; ``sep`` is the separator pattern, the same twice."""
    shapes = []
    for i, code in enumerate(_SIDECODES):
        first, second, third = (
            letter * len(part) if part[0] == "L" else r"\d" * len(part) for part in code.split("-")
        )
        shapes.append(f"{first}(?P<s{i}>{sep}){second}(?P=s{i}){third}")
    # (the look-ahead lets through only words with a digit near their start)
    has_digit = rf"(?=\d|{letter}{{1,3}}[ -]?\d|{letter}{{2}}[ -]?{letter}{{2}}[ -]?\d)"
    return rf"(?<![\w-]){has_digit}(?:{'|'.join(shapes)})(?![\w]|-\w)"


# every sidecode has a letter group and a digit group next to each other, one separator apart
_PLATE_HINT = re.compile(r"[A-Z](?:-|[ ]?)\d|\d(?:-|[ ]?)[A-Z]")
_PLATE_HINT_LOWER = re.compile(r"[a-z]-\d|\d-[a-z]")


def _valid_plate(text: str) -> bool:
    """With dashes any plate; without, not "GM1942" (a CBS code, sidecode 1) or "1234AB" (a
    postcode, sidecode 2); with spaces only the letters issued since 1978."""
    if "-" in text:
        return True
    compact = text.replace(" ", "")
    shape = "".join("L" if c.isalpha() else "D" for c in compact)
    return shape not in ("LLDDDD", "DDDDLL") and (
        " " not in text or all(c in _MODERN_LETTERS for c in compact if c.isalpha())
    )


# in capitals with dashes, spaces or nothing between the groups; in lower case with dashes
# (case-sensitive patterns scan twice as fast as one that ignores case)
LICENCE_PLATE = re.compile(_plate_pattern(r"-|[ ]?"))
LICENCE_PLATE_LOWER = re.compile(_plate_pattern("-", "[a-z]"))
LICENCE_PLATE_CONTEXT = re.compile(  # after "kenteken" any notation: "kenteken 12abc3"
    rf"(?i:\bkenteken\w*)[{_SPACES}:]*(?P<plate>{_plate_pattern('[ -]?')})", re.IGNORECASE
)
LICENCE_PLATE_SPOKEN = re.compile(  # "kenteken is f x 5 0 h k", "17 x p t 4" (see spelled)
    rf"\bkenteken\w*(?:{_SP}+is)?[{_SPACES}:]*"
    rf"(?P<plate>[a-z\d]{{1,3}}(?:{_SP}[a-z\d]{{1,3}}){{1,5}})(?!\w)",
    re.IGNORECASE,
)
_SIDECODE_SHAPES = frozenset(code.replace("-", "") for code in _SIDECODES)


def _valid_spoken_plate(text: str) -> bool:
    """Six letters and digits in the order of a sidecode, the groups as said."""
    shape = "".join("L" if c.isalpha() else "D" for c in text if c.isalnum())
    return shape in _SIDECODE_SHAPES


# --- date of birth (a date is only PII after "geboren", "geb.", "geboortedatum", ...) ------
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|january|february|march|may|june|july|august|october"
    "|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec"
)
_DATE = (
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}{_SP}?[-/.]{_SP}?\d{{1,2}}{_SP}?[-/.]{_SP}?"
    rf"(?:\d{{4}}|\d\d)|\d{{1,2}}{_SP}\d{{1,2}}{_SP}(?:\d{{4}}|\d\d)(?:{_SP}?\d\d)?"
    rf"|(?:\d{{1,2}}(?:e|ste|de|st|nd|rd|th)?|een|één){_SP}+(?:{_MONTHS})\.?(?:,?{_SP}+\d{{2,4}}"
    rf"(?:{_SP}?\d\d)?)?|(?:{_MONTHS})\.?{_SP}+\d{{1,2}}(?:st|nd|rd|th)?,?{_SP}+\d{{4}})"
)
DATE_OF_BIRTH = re.compile(
    r"(?<!\w)(?:geboren|geb\.|geb(?=\s)|geboortedatum|geboorte\s?datum|geb\.?\s?datum|gebdat"
    r"|date\s+of\s+birth|birth\s?date|birthday|born|d\.?o\.?b\.?"
    # "ik ben van 7 juli 1999": a full date with a year of birth
    r"|ik\s+ben\s+van(?=\s+(?:\d{1,2}\s+[^\W\d_]+\.?|\d{1,2}[-/.]\d{1,2}[-/.])\s*"
    r"(?:19\d\d|20[01]\d)(?!\d)))"
    rf"[^\n\d\[\],;]{{0,25}}?(?P<date>{_DATE})(?!\w|[-/.]\d)",
    re.IGNORECASE,
)


_EMAIL_WORDS = ("@", "%40", " at ", "at]", "at)", "at}", "at>", "apenstaartje", "apestaart")
_BIRTH_WORDS = ("geb", "born", "birth", "dob", "d.o.b", "ben van")

#: Every structured rule; a text's digits and keywords decide which ones run.
RULES: tuple[Rule, ...] = (
    Rule("email", EMAIL, min_digits=0, keywords=_EMAIL_WORDS),
    Rule("ip", IPV4, _valid_ip, min_digits=4, keywords=(".",), hint=re.compile(r"\d\.\d")),
    Rule("ip", IPV6, _valid_ip, keywords=(":",)),
    Rule("iban", IBAN, _valid_iban, trim=True, min_digits=8, hint=_IBAN_HINT),
    Rule("iban", IBAN_SPOKEN, _valid_iban, trim=True, min_digits=8, keywords=("iban", "rekening")),
    Rule("card", CARD, _valid_card, trim=True, min_digits=13),
    Rule("phone", PHONE_INTL, _valid_intl_phone, trim=True, min_digits=8, keywords=("+", "00")),
    Rule("phone", PHONE_NL, _valid_nl_phone, min_digits=10, keywords=("0",)),
    Rule("phone", PHONE_NL_NO_PLUS, min_digits=11, keywords=("316",)),
    Rule("bsn", BSN_CONTEXT, group="bsn", min_digits=8, keywords=("bsn", "burgerservice", "sofi")),
    Rule("bsn", BSN, _valid_bsn, min_digits=9),
    Rule("licence_plate", LICENCE_PLATE, _valid_plate, hint=_PLATE_HINT),
    Rule("licence_plate", LICENCE_PLATE_LOWER, keywords=("-",), hint=_PLATE_HINT_LOWER),
    Rule("licence_plate", LICENCE_PLATE_CONTEXT, group="plate", keywords=("kenteken",)),
    Rule(
        "licence_plate",
        LICENCE_PLATE_SPOKEN,
        _valid_spoken_plate,
        group="plate",
        trim=True,
        keywords=("kenteken",),
    ),
    Rule("date", DATE_OF_BIRTH, group="date", min_digits=2, keywords=_BIRTH_WORDS),
    Rule("address", POSTCODE, min_digits=4),
    Rule("address", POSTCODE_CONTEXT, group="postcode", min_digits=4, keywords=("postcode",)),
)
