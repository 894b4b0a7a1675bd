"""The engine's international phone check is phonenumbers' own: the same verdict as
``phonenumbers.is_possible_number(parse(...))`` for every calling code and length."""

from __future__ import annotations

from collections.abc import Iterator

import phonenumbers

from klantmonitor.pii.engine import engine
from klantmonitor.pii.validators import valid_intl_phone


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
