"""Dutch as a speech-to-text engine writes it: numbers spelled out, lower case, no punctuation."""

from __future__ import annotations

import re
import unicodedata

UNITS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
TEENS = (
    "tien", "elf", "twaalf", "dertien", "veertien",
    "vijftien", "zestien", "zeventien", "achttien", "negentien",
)  # fmt: skip
TENS = ("", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig",
        "negentig")  # fmt: skip


def number_words(n: int) -> str:
    """``n`` (0-9999) in Dutch words: 22 -> ``tweeëntwintig``, 1984 -> ``negentienhonderd...``."""
    if n < 10:
        return UNITS[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        unit, ten = n % 10, TENS[n // 10]
        if not unit:
            return ten
        word = UNITS[unit]
        return f"{word}{'ën' if word.endswith('e') else 'en'}{ten}"
    if n < 1000:
        head = "" if n < 200 else UNITS[n // 100]
        rest = n % 100
        return f"{head}honderd{number_words(rest) if rest else ''}"
    head = "" if n < 2000 else UNITS[n // 1000]
    rest = n % 1000
    return f"{head}duizend{' ' + number_words(rest) if rest else ''}"


def year_words(year: int) -> str:
    """A year as said aloud: 1984 -> ``negentien vierentachtig``, 2003 -> ``tweeduizend drie``."""
    if 1100 <= year < 2000:
        return f"{number_words(year // 100)} {number_words(year % 100)}"
    return number_words(year)


def spell(text: str) -> str:
    """Each digit and letter of ``text`` said separately; separators dropped."""
    return " ".join(UNITS[int(c)] if c.isdigit() else c.lower() for c in text if c.isalnum())


def fold(text: str) -> str:
    """Lower case ASCII, as a transcript writes a name it heard (``Şahin`` -> ``sahin``)."""
    text = text.replace("ı", "i").replace("ł", "l").replace("Ł", "l")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_AMOUNT = re.compile(r"€ ?(\d+),(\d\d)")
_TIME = re.compile(r"(\d{1,2})[:.](\d\d)")
_AMOUNT_WHOLE = re.compile(r"€ ?(\d+)")
_NUMBER = re.compile(r"\d+")
_PUNCT = re.compile(r"[^\w€ ]+")


def _time_words(match: re.Match[str]) -> str:
    hour, minute = int(match[1]), int(match[2])
    return f"{number_words(hour)} uur" + (f" {number_words(minute)}" if minute else "")


def speechify(text: str) -> str:
    """A written sentence as a transcript: amounts, times and numbers said, no punctuation."""
    text = _AMOUNT.sub(lambda m: f"{number_words(int(m[1]))} euro {number_words(int(m[2]))}", text)
    text = _AMOUNT_WHOLE.sub(lambda m: f"{number_words(int(m[1]))} euro", text)
    text = _TIME.sub(_time_words, text)
    text = _NUMBER.sub(
        lambda m: spell(m[0]) if len(m[0]) > 4 or m[0][0] == "0" else number_words(int(m[0])),
        text,
    )
    text = _PUNCT.sub(" ", text.lower())
    return " ".join(text.split())


def email_words(email: str) -> str:
    """An e-mail address as dictated: ``jan punt devries apenstaartje gmail punt com``."""
    said = {".": " punt ", "@": " apenstaartje ", "_": " underscore ", "-": " streepje "}
    text = "".join(said.get(c, f" {UNITS[int(c)]} " if c.isdigit() else c) for c in email)
    return " ".join(text.split())


def house_words(street: str, number: str) -> str:
    """``Kerkstraat``, ``12a`` -> ``kerkstraat twaalf a``."""
    digits = re.match(r"\d*", number)[0]
    said = f"{fold(street)} {number_words(int(digits or 0))}"
    rest = spell(number[len(digits) :])
    return f"{said} {rest}" if rest else said


def date_words(day_: int, month: str, year: int) -> str:
    """``12 maart 1984`` as said: ``twaalf maart negentien vierentachtig``."""
    return f"{number_words(day_)} {month} {year_words(year)}"
