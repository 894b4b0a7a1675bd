"""Person names: deduce's name lists plus context, in Dutch and English free text.

Evidence that a word is a name, strongest first:

* a self-introduction (``mijn naam is``, ``ik heet``, ``zij heet``, ``u spreekt met``,
  ``naam:``, ``met jan hier``, a call opening ``ja hallo met ...``): the next word is a name
  whatever it is, in any case;
* a title (deduce's prefixes: ``dhr.``, ``mevr.``, ``meneer``, ``de heer``, ``mw.``; and ``Mr``,
  ``Mrs``), a sign-off (``groet``, ``mvg``, ``met vriendelijke groet``, ``regards``, a closing
  "- Olena", a closing line of capitalised words) or praise (``complimenten voor``), a
  salutation (``beste``, ``hoi``, ``dear``) and weaker cues (``gesproken met``, ``geholpen
  door``, ``ik ben``, ``mijn buurman``): a listed or (titles, sign-offs, salutations)
  capitalised word, in any case after initials (``de heer t. kuipers``); after a role word
  (``medewerker``, ``behandelaar``) or a weak cue also a capitalised month or ordinary word
  before a surname (``Medewerker Mei Tesfamariam``, ``behandelaar April Jansen``);
* without context: a capitalised listed first name, initials (``P.``, ``J.H.``) or a particle
  (``de``, ``van der``, ``el``) before a capitalised surname, a capitalised listed surname inside
  a sentence (with an unlisted capitalised first name before it: ``Zsófia Nagy``), and a
  lower-case first name followed by a listed surname (``jan de vries``).

Names are looked up with and without diacritics (``Hüseyin``, ``Ozturk``). A name then extends
over further initials, particles, listed names, capitalised words and hyphenated parts (``de
Vries-Bakker``); after a particle that is also a preposition (``van``, ``van de``) only a listed
surname follows, so ``meneer Yilmaz van Burgerzaken`` ends at ``Yilmaz``. Ordinary words
(deduce's stop and common words, English function words), place names, organisation heads
(``Stichting``) and words opening a sentence need more evidence, so ``bakker``, ``de groot`` and
an everyday word with a capital at the start of a sentence survive: a listed first name alone
at the start of a sentence only counts when it is not also a surname that follows a particle
(``de Roos``, ``van der Mark``), which marks a Dutch word.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from enum import Enum
from typing import NamedTuple

from klantmonitor.pii.lexicon import Lexicon, fold, lexicon

_MAX_TOKENS = 6  # words in one name


class Mode(Enum):
    """What the context before a word says, in order of precedence when two cues meet."""

    STRONG = "strong"  # mijn naam is ...
    TITLE_ARTICLE = "title_article"  # de meneer / een mevrouw: a noun more often than a title
    TITLE = "title"  # dhr. / mevrouw ...
    SIGNOFF = "signoff"  # groet / mvg ...
    SALUTATION = "salutation"  # beste / hoi ...
    ROLE = "role"  # medewerker / behandelaar ...: a WEAK cue that takes "Mei Tesfamariam" too
    WEAK = "weak"  # gesproken met / ik ben ...
    FREE = "free"  # no context


_RELATIVES = """vader moeder man vrouw zoon dochter broer zus buurman buurvrouw partner oma opa
    vriend vriendin""".split()  # noqa: SIM905

# Context cues (lower case, words separated by spaces; a final ":" must be in the text; in
# "met * hier" the name stands at "*" and the word after it must follow within three words).
_CUES: dict[Mode, tuple[str, ...]] = {
    Mode.SIGNOFF: (
        *(
            f"{lead}{kind} {word}"
            for lead in ("", "met ")
            for kind in ("vriendelijke", "hartelijke", "beste", "lieve", "warme", "zonnige")
            for word in ("groet", "groeten", "groetjes")
        ),
        *("groet", "groeten", "groetjes", "gr", "grt", "grtz", "grtn", "liefs", "cheers"),
        *("mvg", "m v g", "mvgr", "m vr gr", "vr gr", "vrgr", "hgr", "h gr", "sincerely"),
        *("kind regards", "best regards", "warm regards", "regards", "best", "thanks"),
        *("thank you", "thx", "hoogachtend", "in afwachting van uw reactie"),
        # praise names a person as plainly: "Complimenten voor Budi aan de balie!"
        *("complimenten voor", "complimenten aan", "compliment voor", "compliment aan"),
    ),
    Mode.STRONG: (
        *("mijn naam is", "ik heet", "u spreekt met", "je spreekt met", "my name is"),
        *("naam:", "voornaam:", "achternaam:", "name:", "met * hier"),
        *(f"{who} heet" for who in ("hij", "zij", "ze", "vrouw", "man", "zoon", "dochter")),
    ),
    Mode.TITLE_ARTICLE: tuple(  # but "de heer" is the formal title (deduce's prefixes)
        f"{article} {title}"
        for article in ("de", "een", "die", "deze", "the", "a")
        for title in ("meneer", "mevrouw", "mijnheer", "juffrouw", "heer")
        if f"{article} {title}" != "de heer"
    ),
    # plus deduce's prefixes (dhr, mevr, mw, de heer, dr, ...), added in _cues()
    Mode.TITLE: (
        *("heer", "juffrouw", "familie", "fam", "mrs", "ms", "miss", "sir", "madam"),
        "colleague",  # as deduce's "collega"
    ),
    Mode.SALUTATION: (
        *("beste", "geachte", "lieve", "hallo", "hoi", "hey", "hi", "dear", "hello"),
        *("goedemorgen", "goedemiddag", "goedenavond"),
    ),
    # a role word: the name after it may start with an ordinary word ("Medewerker Mei
    # Tesfamariam", "behandelaar April Jansen"); see _Finder.ordinary_name
    Mode.ROLE: (
        *("medewerker", "medewerkster", "baliemedewerker", "baliemedewerkster"),
        *("contactpersoon", "behandelaar", "casemanager", "consulent", "klantmanager"),
    ),
    Mode.WEAK: (
        *("gesproken met", "gebeld met", "contact met", "geholpen door", "afspraak met"),
        *("gesprek met", "ik ben", "namens", "spoke to", "spoke with", "dit is"),
        *(f"mijn {relative}" for relative in _RELATIVES),
    ),
}
# Between a cue and the name: a sign-off may stand on the line above ("Groet,\nJan"); any other
# cue is on the same line ("dhr. Jansen", "naam: Jan"), so "heer, mevrouw,\n\nGrofvuil" is none.
_SIGNOFF_GAP_RE = re.compile(r"\.?[ \t\u00a0]*[,:\-]?\s*")
_CUE_GAP_RE = re.compile(r"\.?[ \t\u00a0]*:?[ \t\u00a0]*")
_TOKEN_RE = re.compile(
    r"(?<![\[\w])(?:[vV]\.\s?[dD]\.|[vV]/[dD]|['’][tT](?!\w)|[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?)"
)
_PARTS_RE = re.compile(r"['\-]")
_INITIALS_HINT = re.compile(r"(?<!\w)[A-Z]\.")
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")
_AFTER_CUE_RE = re.compile(r"[^\w\[]{0,12}?([^\W\d_]+)")  # never into a placeholder
_MULTI_LETTER_INITIALS = frozenset({"Ch", "Chr", "Th", "Ph"})
_SENTENCE_END = ".!?:;\n\r…"
# "- Olena" closing a text message: a sign-off without words
_DASH_SIGNOFF_RE = re.compile(r"(?<![\w-])[-–—][ \t]*(?=[^\W\d_](?:[^\W\d_]|[ '’.-]){0,40}$)")
# a closing line or sentence of one to three capitalised words: "Top service.\nChinedu Okafor"
_TAIL_RE = re.compile(
    r"[.!?\n][ \t]*([^\W\d_][^\W\d_'’-]*(?:[ \t]+[^\W\d_][^\W\d_'’-]*){0,2})[ \t.!]*$"
)
# a call opening with "met" and a name: "ja hallo met kevin", "met ioana popescu goedemiddag"
_GREETING = r"(?:hallo|hoi|dag|goedemorgen|goedemiddag|goedenavond|goeiemorgen|goeiemiddag)"
_OPENER_RE = re.compile(
    rf"\b{_GREETING}(?:[ \t,]+ja)?[ \t,]+met[ \t]+(?=[^\W\d_])"
    rf"|^\W*(?:ja[ \t,]+)?met[ \t]+(?=(?:[^\W\d_]+[ \t]+){{1,3}}{_GREETING}\b)",
    re.IGNORECASE,
)
# "ja met hanneke ik bel over": at the start, "met" before a listed first name (a salutation)
_START_MET_RE = re.compile(r"^\W*(?:ja[ \t,]+)?met[ \t]+(?=[^\W\d_])", re.IGNORECASE)
_LEADING = " \t\u00a0\"'‘“(*-•"
# Particles that are also prepositions ("Yilmaz van Burgerzaken", "Bas van het Omgevingsloket"):
# the word after them must be a listed surname.
_PREPOSITIONS = frozenset(
    {("van",), ("van", "de"), ("van", "het"), ("aan", "de"), ("bij", "de"), ("in", "het")}
    | {("op", "de"), ("op", "het"), ("uit", "de")}
)
# Heads of organisation names: never part of a person's name ("namens Stichting Buurtbeheer")
_ORGANISATIONS = frozenset(
    "gemeente stichting vereniging vve afdeling team bureau dienst".split()  # noqa: SIM905
)


_STRENGTH = {mode: rank for rank, mode in enumerate(Mode)}


class _Cue(NamedTuple):
    words: tuple[str, ...]
    mode: Mode
    colon: bool  # a ":" must follow ("naam:")
    then: str | None  # a word that must follow the name ("met jan hier")


class _Gate(NamedTuple):
    words: frozenset[str]  # all words of a cue
    phrase: str
    anything: bool  # the cue takes any next word (mijn naam is ...)


class _Cues(NamedTuple):
    table: dict[str, list[_Cue]]  # by first word, longest cue first
    gate: dict[str, list[_Gate]]  # by the longest word of the cue
    titles: frozenset[str]  # one-word titles: never a name themselves

    def present(self, text: str, words: set[str], lex: Lexicon) -> bool:
        """Cheap test whether a cue occurs before a word that could start a name."""
        for word in self.gate.keys() & words:
            for gate in self.gate[word]:
                if gate.words <= words and _before_name(text, gate.phrase, lex, gate.anything):
                    return True
        return False


def _before_name(text: str, phrase: str, lex: Lexicon, anything: bool = False) -> bool:
    """Whether ``phrase`` is followed (after initials or particles) by a capitalised word or a
    listed name (with ``anything``: found at all); also when it cannot be found literally
    ("m.v.g."), so the words get read.

    A phrase right after "[" is skipped: no word there is read as a word (placeholders), and
    a word inside a placeholder never follows a cue.
    """
    low = text.lower()
    pos = low.find(phrase)
    if pos < 0 or len(low) != len(text):
        return True
    while pos >= 0:
        if pos and low[pos - 1] == "[":
            pos = low.find(phrase, pos + 1)
            continue
        if anything:
            return True
        end = pos + len(phrase)
        for _ in range(4):  # "dhr. van der Berg"
            nxt = _AFTER_CUE_RE.match(text, end)
            if not nxt:
                break
            word = nxt.group(1)
            low_word = word.lower()
            if (
                word[0].isupper()
                or _listed(low_word, lex.names)
                or (low_word in lex.any_first_names and low_word not in lex.stop_words)  # mei
                or (len(word) == 1 and text.startswith(".", nxt.end()))  # "de heer t. kuipers"
            ):
                return True
            if word.lower() not in lex.particle_heads:
                break
            end = nxt.end()
        pos = low.find(phrase, pos + 1)
    return False


@functools.cache
def _cues() -> _Cues:
    """The context cues, ready for look-up."""
    cues = [(phrase, mode) for mode, phrases in _CUES.items() for phrase in phrases]
    cues += [(title.replace(".", " "), Mode.TITLE) for title in lexicon().titles]
    table: dict[str, list[_Cue]] = {}
    gate: dict[str, list[_Gate]] = {}
    for phrase, mode in cues:
        cue, _, then = phrase.rstrip(":").partition(" * ")
        words = tuple(cue.split())
        table.setdefault(words[0], []).append(_Cue(words, mode, phrase.endswith(":"), then or None))
        gate.setdefault(max((*words, then), key=len), []).append(
            _Gate(frozenset((*words, then) if then else words), cue, mode is Mode.STRONG)
        )
    for entries in table.values():
        entries.sort(key=lambda cue: len(cue.words), reverse=True)
    titles = {
        cue.words[0]
        for entries in table.values()
        for cue in entries
        if cue.mode is Mode.TITLE and len(cue.words) == 1
    }
    return _Cues(table, gate, frozenset(titles))


class _Tok(NamedTuple):
    start: int
    end: int  # without a trailing dot, unless the word is an initial
    low: str  # lower case, typographic apostrophe as ', no trailing dot
    cap: bool  # starts with a capital (and is not an all-capitals word)
    initial: bool  # P. / J / Chr.
    adjacent: bool  # only spaces (or nothing) since the previous word


def _tokens(text: str) -> list[_Tok]:
    toks = []
    append = toks.append
    new = tuple.__new__  # faster than calling the NamedTuple class
    lowered = text.lower().replace("’", "'")
    same_length = len(lowered) == len(text)  # else lower-case word by word ("İ" -> "i̇")
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        start, stop = m.span()
        core_end = stop - 1 if text[stop - 1] == "." else stop
        if text[start].isupper():
            single = core_end - start == 1
            core = text[start:core_end]
            initial = single or (core in _MULTI_LETTER_INITIALS and stop != core_end)
            head = core.partition("-")[0]  # "WOZ-waarde", "ID-kaart" are no capitalised words
            cap = single or (len(head) > 1 and not head.isupper())
        else:
            initial = cap = False
        end = stop if initial or core_end - start == 1 else core_end
        if same_length:
            low = lowered[start:core_end]
        else:
            low = text[start:core_end].lower().replace("’", "'")
        adjacent = prev_end == start or not text[prev_end:start].strip(" \t\u00a0")
        append(new(_Tok, (start, end, low, cap, initial, adjacent)))
        prev_end = end
    return toks


def _listed(low: str, names: frozenset[str]) -> bool:
    """``low`` (or, with diacritics, its folded form; or a part of a hyphenated or apostrophed
    name) is in ``names``."""
    if low in names or (not low.isascii() and fold(low) in names):
        return True
    if "-" in low or "'" in low:
        return any(_listed(part, names) for part in _PARTS_RE.split(low) if len(part) > 1)
    return False


class _Finder:
    """Name finding over the words of one text."""

    def __init__(self, text: str, lex: Lexicon, titles: frozenset[str]) -> None:
        self.text = text
        self.lex = lex
        self.titles = titles
        self.toks = _tokens(text)
        self.n = len(self.toks)

    # -- word properties --------------------------------------------------------------------
    def first(self, tok: _Tok) -> bool:
        return _listed(tok.low, self.lex.first_names)

    def sur(self, tok: _Tok) -> bool:
        return _listed(tok.low, self.lex.surnames)

    def ordinary(self, tok: _Tok) -> bool:
        return tok.low in self.lex.ordinary

    def plain(self, tok: _Tok) -> bool:
        """Capitalised, not a stop word, place or title: may be an unlisted name."""
        lex = self.lex
        return (
            tok.cap
            and tok.low not in lex.stop_words
            and tok.low not in lex.places
            and tok.low not in _ORGANISATIONS
            and not self.title(tok)
        )

    def title(self, tok: _Tok) -> bool:
        return tok.low in self.titles

    def sentence_start(self, i: int) -> bool:
        pos = self.toks[i].start - 1
        while pos >= 0 and self.text[pos] in _LEADING:
            pos -= 1
        if pos < 0:
            return True
        char = self.text[pos]
        # "]" closes a placeholder, which stands where a word stood
        return char in _SENTENCE_END or not (char.isalnum() or char in ",&/+])")

    def particle(self, i: int) -> int:
        """Number of words of the particle ("van der", "el") starting at ``i``; 0 if none."""
        toks = self.toks
        if toks[i].low not in self.lex.particle_heads:
            return 0
        for size in (3, 2, 1):
            if (
                i + size <= self.n
                and all(toks[k].adjacent for k in range(i + 1, i + size))
                and tuple(t.low for t in toks[i : i + size]) in self.lex.particles
            ):
                return size
        return 0

    # -- context cues -----------------------------------------------------------------------
    def cues(self, table: dict[str, list[_Cue]]) -> dict[int, Mode]:
        """Index of the word right after each cue -> the cue's mode."""
        found: dict[int, Mode] = {}
        toks = self.toks
        for i, tok in enumerate(toks):
            for cue in table.get(tok.low, ()):
                k = i + len(cue.words)
                if k >= self.n or any(
                    toks[j].low != word
                    or self.text[toks[j - 1].end : toks[j].start].strip(". \t\n")
                    for j, word in enumerate(cue.words[1:], start=i + 1)
                ):
                    continue
                gap = self.text[toks[k - 1].end : toks[k].start]
                gap_re = _SIGNOFF_GAP_RE if cue.mode is Mode.SIGNOFF else _CUE_GAP_RE
                if not gap_re.fullmatch(gap) or (cue.colon and ":" not in gap):
                    continue
                if cue.then and all(t.low != cue.then for t in toks[k + 1 : k + 4]):
                    continue
                if cue.mode is Mode.TITLE and self.text[tok.start : tok.end].isupper():
                    continue  # "ING", "MR" in capitals: a bank, an abbreviation
                if k not in found or _STRENGTH[cue.mode] < _STRENGTH[found[k]]:
                    found[k] = cue.mode  # "gebeld met ioana hier": the stronger cue counts
                break
        return found

    # -- growing a name ---------------------------------------------------------------------
    def after_particle(self, i: int, mode: Mode, *, lead: bool = True) -> int:
        """End of "particle + surname" starting at ``i`` (0 if there is none).

        ``lead``: a name word or a cue comes before (else the surname must be listed).
        """
        size = self.particle(i)
        j = i + size
        if not size or j >= self.n or not self.toks[j].adjacent:
            return 0
        tok = self.toks[j]
        psur = self.lex.particle_surnames
        listed = self.sur(tok) or (
            _listed(tok.low, psur) if mode is not Mode.FREE else tok.low in psur
        )
        if tok.low in self.lex.stop_words and not (tok.cap or (listed and mode is not Mode.FREE)):
            return 0  # but "van der Meer", "mijn naam is kevin van der meer"
        if (
            not self.toks[i].cap
            and tuple(t.low for t in self.toks[i:j]) in _PREPOSITIONS
            and not (self.sur(tok) or _listed(tok.low, psur))
        ):
            return 0  # "meneer Yilmaz van Burgerzaken", but "Nguyen Van An", "van Rijn-de Haas"
        if mode is Mode.TITLE_ARTICLE or (
            mode in (Mode.FREE, Mode.WEAK, Mode.ROLE, Mode.SALUTATION) and not lead
        ):
            ok = tok.cap and listed  # "een mevrouw van de Gemeente", "naar de Markt"
        elif mode is Mode.FREE:
            ok = tok.cap or (listed and not self.ordinary(tok))
        elif mode is Mode.STRONG:
            ok = tok.cap or listed or not self.ordinary(tok)  # "mijn naam is imane el khatib"
        else:
            ok = tok.cap or listed  # a place after a particle is a surname: "van den Heuvel"
        return j + 1 if ok and not self.title(tok) else 0

    def extend(self, i: int, j: int, mode: Mode) -> int:
        """Extend the name ``toks[i:j]`` over the name words that follow it."""
        unknown = 0
        while j < self.n and j - i < _MAX_TOKENS and self.toks[j].adjacent:
            tok = self.toks[j]
            if self.particle(j):
                end = self.after_particle(j, mode)
                if not end:
                    break
                j = end
                continue
            if tok.low in self.lex.stop_words:
                if mode is Mode.FREE or not tok.cap or not self.capitalised_name_next(j):
                    break
                j += 1  # "Groet, Li Na Zhang"
                continue
            after_hyphen_particle = (
                self.toks[j - 1].low.rpartition("-")[2] in self.lex.particle_heads
            )
            if (
                self.first(tok)
                or self.sur(tok)
                or (  # "de Jong-van Vliet", "de jong-van vliet"
                    (tok.cap or after_hyphen_particle) and tok.low in self.lex.particle_surnames
                )
            ):
                if mode is Mode.FREE and not tok.cap and self.ordinary(tok):
                    break
            elif not (self.plain(tok) and not tok.initial):
                # unlisted lower-case surnames: two after "mijn naam is mohamed ait taleb", one
                # at the end of a sign-off ("groetjes anna kowalska") or after a listed first
                # name that a cue announced ("dit is anna kowalska ik bel over")
                last = j + 1 == self.n or not self.toks[j + 1].adjacent
                head = self.toks[i]
                after_first = mode is not Mode.FREE and j == i + 1 and not head.cap
                after_first = after_first and self.first(head)
                if (
                    unknown == (2 if mode is Mode.STRONG else 1)
                    or self.ordinary(tok)
                    or not (mode is Mode.STRONG or (mode is Mode.SIGNOFF and last) or after_first)
                ):
                    break
                unknown += 1
            j += 1
        return j

    def capitalised_name_next(self, j: int) -> bool:
        """The word after ``j`` follows it directly and is capitalised or a listed name."""
        if j + 1 >= self.n or not self.toks[j + 1].adjacent:
            return False
        nxt = self.toks[j + 1]
        return nxt.cap and (self.plain(nxt) or self.first(nxt) or self.sur(nxt))

    def initials_end(self, i: int, *, lower: bool = False) -> int:
        """End of the initials from ``i`` on; with ``lower`` also "t." in lower case."""
        j = i
        toks, text = self.toks, self.text
        while j < self.n and (j == i or toks[j].adjacent):
            tok = toks[j]
            if not (tok.initial or (lower and len(tok.low) == 1 and text[tok.end - 1] == ".")):
                break
            j += 1
        return j

    def in_context(self, i: int, mode: Mode) -> int:
        """End of a name starting at ``i`` right after a cue; 0 if there is none."""
        j = self.initials_end(i, lower=mode in (Mode.STRONG, Mode.TITLE, Mode.SIGNOFF))
        if j == self.n or (j > i and not self.toks[j].adjacent):
            return 0
        end = self.after_particle(j, mode, lead=j > i)
        if end:
            return self.extend(i, end, mode)
        tok = self.toks[j]
        if tok.low in self.lex.stop_words or self.particle(j):
            return 0
        listed = self.first(tok) or self.sur(tok)
        ordinary = self.ordinary(tok) and j == i  # after initials any word: "J. Kok", "M. Groen"
        if mode is Mode.STRONG:
            ok = True
        elif mode is Mode.TITLE:
            ok = self.plain(tok) or listed
        elif mode is Mode.TITLE_ARTICLE:
            ok = self.plain(tok) and (listed or j > i)
        elif mode is Mode.SIGNOFF:  # "Groet, Team Parkeren" is none, "Groet, Mei" is one
            ok = (self.plain(tok) or listed) and (
                not ordinary or (tok.cap and tok.low in self.lex.any_first_names)
            )
        elif mode is Mode.SALUTATION:  # "Beste Priya", "Beste Mei Ling", not "Beste Klantenservice"
            ok = (listed and not ordinary) or (tok.cap and self.capitalised_name_next(j))
        else:  # WEAK, ROLE: a listed first name, or two capitalised words ("Olena Shevchenko")
            ok = (self.first(tok) or (tok.cap and self.sur(tok))) and not ordinary
            if not ok and self.plain(tok) and not ordinary and j + 1 < self.n:
                nxt = self.toks[j + 1]
                ok = nxt.adjacent and self.plain(nxt) and not self.ordinary(nxt)
            ok = ok or (j == i and self.ordinary_name(j, mode))
        return self.extend(i, j + 1, mode) if ok else 0

    def ordinary_name(self, j: int, mode: Mode) -> bool:
        """Whether the word ``j`` right after a WEAK or ROLE cue starts a name though it is an
        ordinary word, a month or not listed (``Mei``, ``Juni``, ``April``, ``Roos``).

        Capitalised inside the sentence, it does before a listed surname ("behandelaar April
        Jansen", "Medewerkster Juni de Vries") and, when deduce lists it as a first name
        however ambiguous, before any unlisted capitalised word ("Medewerker Mei Tesfamariam");
        after a role word also alone ("Medewerker Mei heeft me geholpen"). In lower case
        (transcripts) only after a role word, a listed (ambiguous) first name before a listed
        surname ("medewerker mei jansen"): most lower-case words after "medewerker" are none.
        """
        toks, lex = self.toks, self.lex
        tok = toks[j]
        if "." in self.text[toks[j - 1].end : tok.start]:
            return False  # the cue closed a sentence: "... die medewerker. Mei is druk"
        nxt = toks[j + 1] if j + 1 < self.n and toks[j + 1].adjacent else None
        ambiguous = tok.low in lex.any_first_names and tok.low not in lex.stop_words
        if not tok.cap:
            if mode is not Mode.ROLE or not ambiguous or nxt is None:
                return False
            size = self.particle(j + 1)  # "medewerker april de vries"
            if size and j + 1 + size < self.n and toks[j + 1 + size].adjacent:
                after = toks[j + 1 + size]
                return self.sur(after) or _listed(after.low, lex.particle_surnames)
            return self.sur(nxt) and not self.ordinary(nxt) and nxt.low not in lex.places
        if not self.plain(tok):
            return False
        if nxt is not None:
            if self.after_particle(j + 1, Mode.TITLE_ARTICLE):  # a listed surname after it
                return True
            if (
                self.plain(nxt)
                and not self.ordinary(nxt)
                and (ambiguous or self.first(nxt) or self.sur(nxt))
            ):
                return True
        if not ambiguous or mode is not Mode.ROLE:
            return False
        rest = self.text[tok.end : tok.end + 8].lstrip(" \t\u00a0")
        return not rest[:1].isdigit() and (nxt is None or not nxt.cap)  # not "Mei 2026"

    def after_organisation(self, i: int) -> bool:
        """The word before ``i`` heads an organisation's name ("Stichting", "VvE")."""
        return i > 0 and self.toks[i].adjacent and self.toks[i - 1].low in _ORGANISATIONS

    def unlisted_first_word(self, i: int, spans: list[tuple[int, int]]) -> bool:
        """The word before a name found at ``i`` without context is capitalised, unlisted and
        no ordinary word, and belongs to no name yet: the first name of that name."""
        if i == 0 or not self.toks[i].adjacent or not self.toks[i].cap:
            return False
        prev = self.toks[i - 1]
        return (
            self.plain(prev)
            and not prev.initial
            and not self.ordinary(prev)
            and not (spans and spans[-1][1] > prev.start)
        )

    def free(self, i: int) -> int:
        """End of a name starting at ``i`` without context; 0 if there is none."""
        toks = self.toks
        tok = toks[i]
        lex = self.lex
        if tok.initial:  # P. Jansen, J.H. de Vries
            j = self.initials_end(i)
            if j == self.n or not toks[j].adjacent or self.text[toks[j - 1].end - 1] != ".":
                return 0
            end = self.after_particle(j, Mode.FREE)
            if end:
                return self.extend(i, end, Mode.FREE)
            nxt = toks[j]
            listed = self.sur(nxt) or self.first(nxt)
            if not self.plain(nxt) or nxt.initial or (self.ordinary(nxt) and not listed):
                return 0
            # one letter after a lower-case word ends a sentence more often than it starts a
            # name ("optie A. Graag", "plan B. Daarna"): then the surname must be listed
            if j == i + 1 and not listed and not self.sentence_start(i):
                return 0
            return self.extend(i, j + 1, Mode.FREE)
        if tok.low in lex.particle_heads:  # de Vries, van der Berg
            end = self.after_particle(i, Mode.FREE, lead=False)
            return self.extend(i, end, Mode.FREE) if end else 0
        if tok.cap:
            if tok.low in lex.stop_words or tok.low in lex.places or self.ordinary(tok):
                return 0
            first = self.first(tok)
            if not first and not self.sur(tok):
                return 0
            end = self.extend(i, i + 1, Mode.FREE)
            if end > i + 1 or not self.sentence_start(i):
                return end
            # Alone at the start of a sentence: a first name, unless it is also a surname that
            # follows a particle, which marks a Dutch word ("Roos", "Storm", "Mark", "Winter").
            return end if first and tok.low not in lex.particle_surnames else 0
        if i + 1 < self.n and toks[i + 1].adjacent and self.first(tok) and not self.ordinary(tok):
            end = self.after_particle(i + 1, Mode.FREE)  # jan de vries
            if end:
                return self.extend(i, end, Mode.FREE)
            nxt = toks[i + 1]  # piet bakker
            if not nxt.cap and self.sur(nxt) and not self.ordinary(nxt):
                return self.extend(i, i + 2, Mode.FREE)
        return 0


def _may_hold_name(text: str, words: set[str], lex: Lexicon) -> bool:
    """Cheap test whether a free rule could fire: listed names in a usable position, initials."""
    low = text.lower()
    found = lex.first_names.intersection(words)
    found |= {w for w in words if not w.isascii() and fold(w) in lex.first_names}  # Hüseyin
    for word in found:
        if word.capitalize() in text:
            return True
        pos = low.find(word)  # a lower-case first name before a particle or surname: jan de vries
        while pos >= 0:
            nxt = _NEXT_WORD_RE.match(low, pos + len(word))
            if nxt and (nxt.group(1) in lex.particle_heads or nxt.group(1) in lex.surnames):
                return True
            pos = low.find(word, pos + 1)
    # a listed surname counts with a capital inside the text ("bakker" is a word, and a
    # capitalised surname opening the text needs a first name or initials before it anyway)
    hits = lex.surnames.intersection(words) | lex.particle_surnames.intersection(words)
    if any(" " + word.capitalize() in text for word in hits):
        return True
    return bool(_INITIALS_HINT.search(text))


def _closing_name(line: str, lex: Lexicon, cues: _Cues) -> bool:
    """Whether the closing words of a text may be a signature: capitalised (not in capitals),
    no ordinary word, place or cue, and a listed first name when it is one word ("Top!")."""
    words = line.split()
    lows = [w.lower() for w in words]
    return (
        all(w[0].isupper() and not w.isupper() for w in words)
        and not any(w in lex.ordinary or w in lex.places or w in cues.table for w in lows)
        and (len(words) > 1 or lows[0] in lex.first_names)
    )


def find_names(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Start and end of every person name in ``text``, in order.

    ``words`` are the text's lower-cased words (:func:`klantmonitor.pii.lexicon.words_of`).
    """
    lex = lexicon()
    cues = _cues()
    cued = cues.present(text, words, lex)
    # positions after cues without words of their own: a closing "- Olena", a closing line of
    # capitalised words, a call opening "met ..."
    extra: list[tuple[int, Mode]] = []
    tail_from = max(0, len(text) - 64)
    if dash := _DASH_SIGNOFF_RE.search(text, tail_from):
        extra.append((dash.end(), Mode.SIGNOFF))
    elif (tail := _TAIL_RE.search(text, tail_from)) and _closing_name(tail[1], lex, cues):
        extra.append((tail.start(1), Mode.SIGNOFF))
    if "met" in words:
        extra += [(m.end(), Mode.STRONG) for m in _OPENER_RE.finditer(text)]
        if start_met := _START_MET_RE.match(text):
            extra.append((start_met.end(), Mode.SALUTATION))
    if not cued and not extra and not _may_hold_name(text, words, lex):
        return []
    finder = _Finder(text, lex, cues.titles)
    context = finder.cues(cues.table) if cued else {}
    starts = [t.start for t in finder.toks]
    for pos, mode in extra:
        k = bisect_left(starts, pos)
        if k < finder.n and not (mode is Mode.STRONG and finder.ordinary(finder.toks[k])):
            context.setdefault(k, mode)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < finder.n:
        mode = context.get(i)
        end = finder.in_context(i, mode) if mode else 0
        start = i
        if not end and (end := finder.free(i)):
            if finder.after_organisation(i):
                i = end  # "VvE De Linde", "Stichting Jansen": an organisation's name
                continue
            if finder.unlisted_first_word(i, spans):
                start = i - 1  # "Zsófia Nagy", "Ama Owusu": an unlisted first name before it
        if end:
            spans.append((finder.toks[start].start, finder.toks[end - 1].end))
            i = end
        else:
            i += 1
    return spans
