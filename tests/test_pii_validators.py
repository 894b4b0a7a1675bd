"""The engine's checks are the libraries' own: its international phone check gives the verdict
of ``phonenumbers.is_possible_number(parse(...))`` for every calling code and length, its IBAN
check the verdict of stdnum's ``iban.is_valid`` (national checks aside) for every country."""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterator

import phonenumbers
from stdnum import iban

from klantmonitor.pii.engine import engine
from klantmonitor.pii.validators import iban_formats, valid_iban, valid_intl_phone


def _candidates() -> Iterator[str]:
    """Every calling code with national numbers of 4-15 digits, opening with a national prefix
    or not, in the notations the phone pattern takes."""
    for code in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE):
        for length in range(4, 16):
            for start in ("0", "00", "1", "6", "8", "9"):
                national = (start + "123456789012345678")[:length]
                yield f"+{code} {national}"
                yield f"00{code} {national}"
                yield f"+{code} (0){national}"


def test_the_engine_judges_international_numbers_as_phonenumbers_does() -> None:
    texts = list(_candidates())
    verdicts = [valid_intl_phone(text) for text in texts]
    assert 0.2 < sum(verdicts) / len(texts) < 0.9  # both verdicts are well represented
    ours = engine().intl_phone_possible
    assert [text for text, v in zip(texts, verdicts, strict=True) if ours(text) != v] == []


_ALNUM = string.ascii_uppercase + string.digits
_CLASSES = {"n": string.digits, "a": string.ascii_uppercase, "c": _ALNUM}


def _bban(structure: str, rng: random.Random) -> str:
    """A random BBAN of ``structure`` ("4!a10!n")."""
    runs = re.findall(r"(\d+)!([nac])", structure)
    return "".join(rng.choice(_CLASSES[c]) for n, c in runs for _ in range(int(n)))


def _iban_candidates() -> Iterator[str]:
    """For each country of stdnum's registry, a number of its structure, the same one character
    shorter, and with a letter for a digit; for every two letters, numbers of 1-30 random
    characters: each with the right check digits and with "00"."""
    rng = random.Random(7)
    bbans = []
    for country, structure in iban_formats():
        bban = _bban(structure, rng)
        bbans += [(country, bban), (country, bban[:-1]), (country, bban.replace("1", "A", 1))]
    for first in string.ascii_uppercase:
        for second in string.ascii_uppercase:
            for length in range(1, 31, 3):
                bban = "".join(rng.choice(_ALNUM) for _ in range(length))
                bbans.append((first + second, bban))
    for country, bban in bbans:
        yield country + "00" + bban
        yield country + iban.calc_check_digits(country + "00" + bban) + bban


def test_the_engine_judges_ibans_as_stdnum_does() -> None:
    texts = [*_iban_candidates(), "NL91ABNA0417164300", "BE71096123456769"]
    verdicts = [valid_iban(text) for text in texts]
    assert sum(verdicts) > len(iban_formats())  # every country's own number, and more
    ours = engine().iban_valid
    assert [text for text, v in zip(texts, verdicts, strict=True) if ours(text) != v] == []
