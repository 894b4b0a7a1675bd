"""Lookup lists from the installed ``deduce`` package (Dutch de-identification), loaded lazily.

The lists are read at run time from the package, never copied into this repository:
first names, surnames, surnames that follow a particle, particles (interfixes), titles
(prefixes), common words, stop words, medical terms, place names and street names.
Everything is lower-cased; deduce's own rule is kept that a first name or surname that is also
a whitelisted word (stop word, common word that is not a surname, medical term) is no name,
except after a particle ("van der Meer").
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lower-cased word sets used by the name and street rules."""

    first_names: frozenset[str]
    any_first_names: frozenset[str]  # also ambiguous ones ("mei", "roos"): only after a cue
    surnames: frozenset[str]
    particle_surnames: frozenset[str]  # surnames that follow a particle: "vries", "amrani"
    particles: frozenset[tuple[str, ...]]  # ("van", "der"), ("el",), ("'t",), ("v.d",)
    particle_heads: frozenset[str]  # first words of the particles
    particle_words: frozenset[str]  # all words of the particles
    titles: tuple[str, ...]  # "dhr", "mevrouw", "de heer" (no trailing dot)
    ordinary: frozenset[str]  # stop words and common words, surnames among them included
    stop_words: frozenset[str]  # deduce's Dutch stop words and English function words
    places: frozenset[str]
    streets: frozenset[str]
    names: frozenset[str]  # first names and surnames together (the quick pre-filter)


_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss"})


def fold(word: str) -> str:
    """``word`` without diacritics ("hüseyin" -> "huseyin", "wiśniewska" -> "wisniewska")."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(word: str) -> str:
    """Lookup key of a word: lower case, typographic apostrophe as ', no trailing dot."""
    return word.lower().replace("’", "'").rstrip(".")


# English function words (a closed class; deduce's lists are Dutch), and two sentence openers
# that deduce lists as first names ("Fine, thanks", "Hope this helps"): never a name alone.
_ENGLISH_STOP_WORDS = frozenset(
    """fine hope a about above after again against all am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its just me more
    most my no nor not now of off on once only or other our out over own same she should so some
    such than that the their them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your""".split()  # noqa: SIM905
)


def _source() -> Path:
    return Path(str(files("deduce") / "data" / "lookup" / "src"))


@functools.cache
def lexicon() -> Lexicon:
    """Load (once) the deduce lookup lists this package uses."""
    from deduce.lookup_structs import load_raw_itemset
    from deduce.utils import optional_load_items

    src = _source()

    def load(name: str) -> set[str]:
        return {normalise(item) for item in load_raw_itemset(src / name) if item.strip()}

    first = {w for w in load("names/lst_first_name") if len(w) > 1}
    surname = {w for w in load("names/lst_surname") if len(w) > 1}
    particle_surname = {w for w in load("names/lst_interfix_surname") if len(w) > 1}
    common = load("whitelist/lst_common_word")
    stop = load("whitelist/lst_stop_word") | _ENGLISH_STOP_WORDS
    medical = load("whitelist/lst_medical_term")
    # deduce's whitelist: a common word that is also a surname stays a possible surname
    whitelist = {w for w in medical | (common - surname) | stop if len(w) > 1}
    # Street names as listed (deduce's abbreviation transforms expand them 5x and take 30 s).
    street_dir = src / "locations" / "lst_street"
    streets = (optional_load_items(street_dir / "items.txt") or set()) - (
        optional_load_items(street_dir / "exceptions.txt") or set()
    )
    names_dir = src / "names" / "lst_first_name"
    any_first = {normalise(w) for w in optional_load_items(names_dir / "items.txt") or ()}
    # names with diacritics also match when typed without them ("Ozturk")
    first |= {fold(w) for w in first if not w.isascii()}
    surname |= {fold(w) for w in surname if not w.isascii()}
    first -= whitelist
    surname -= whitelist
    particles = frozenset(tuple(p.split()) for p in load("names/lst_interfix"))
    return Lexicon(
        first_names=frozenset(first),
        any_first_names=frozenset(any_first),
        surnames=frozenset(surname),
        particle_surnames=frozenset(particle_surname),  # after a particle: "van der meer"
        particles=particles,
        particle_heads=frozenset(p[0] for p in particles),
        particle_words=frozenset(word for p in particles for word in p),
        titles=tuple(sorted(load("names/lst_prefix"), key=len, reverse=True)),
        ordinary=frozenset(common | stop),
        stop_words=frozenset(stop),
        places=frozenset(load("locations/lst_placename")),
        streets=frozenset(normalise(s) for s in streets if s.strip()),
        names=frozenset(first | surname),
    )
