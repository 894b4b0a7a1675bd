//! Person names: deduce's name lists plus context, in Dutch and English free text.
//! (Ported from the Python detector, `klantmonitor/pii/names.py` before commit a31b51a.)
//!
//! Evidence that a word is a name, strongest first:
//!
//! * a self-introduction (`mijn naam is`, `ik heet`, `zij heet`, `u spreekt met`,
//!   `naam:`, `met jan hier`, a call opening `ja hallo met ...`): the next word is a name
//!   whatever it is, in any case;
//! * a title (deduce's prefixes: `dhr.`, `mevr.`, `meneer`, `de heer`, `mw.`; and `Mr`,
//!   `Mrs`), a sign-off (`groet`, `mvg`, `met vriendelijke groet`, `regards`, a closing
//!   "- Olena", a closing line of capitalised words) or praise (`complimenten voor`), a
//!   salutation (`beste`, `hoi`, `dear`) and weaker cues (`gesproken met`, `geholpen
//!   door`, `ik ben`, `mijn buurman`): a listed or (titles, sign-offs, salutations)
//!   capitalised word, in any case after initials (`de heer t. kuipers`); after a role word
//!   (`medewerker`, `behandelaar`) or a weak cue also a capitalised month or ordinary word
//!   before a surname (`Medewerker Mei Tesfamariam`, `behandelaar April Jansen`);
//! * without context: a capitalised listed first name, initials (`P.`, `J.H.`) or a particle
//!   (`de`, `van der`, `el`) before a capitalised surname, a capitalised listed surname inside
//!   a sentence (with an unlisted capitalised first name before it: `Zsófia Nagy`), and a
//!   lower-case first name followed by a listed surname (`jan de vries`).
//!
//! Names are looked up with and without diacritics (`Hüseyin`, `Ozturk`). A name then extends
//! over further initials, particles, listed names, capitalised words and hyphenated parts (`de
//! Vries-Bakker`); after a particle that is also a preposition (`van`, `van de`) only a listed
//! surname follows, so `meneer Yilmaz van Burgerzaken` ends at `Yilmaz`. Ordinary words
//! (deduce's stop and common words, English function words), place names, organisation heads
//! (`Stichting`) and words opening a sentence need more evidence, so `bakker`, `de groot` and
//! an everyday word with a capital at the start of a sentence survive: a listed first name alone
//! at the start of a sentence only counts when it is not also a surname that follows a particle
//! (`de Roos`, `van der Mark`), which marks a Dutch word.
//!
//! All positions are byte offsets into the UTF-8 text.

use std::cell::OnceCell;
use std::hash::Hasher;
use std::sync::LazyLock;

use crate::lexicon::{fold, FxHasher, FxMap, Lexicon, TextWords};
use crate::re::{self, is_letter, is_space, is_word, Re};

/// Words in one name.
const MAX_TOKENS: usize = 6;

/// What the context before a word says, in order of precedence when two cues meet.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Mode {
    /// mijn naam is ...
    Strong,
    /// de meneer / een mevrouw: a noun more often than a title
    TitleArticle,
    /// dhr. / mevrouw ...
    Title,
    /// groet / mvg ...
    Signoff,
    /// beste / hoi ...
    Salutation,
    /// medewerker / behandelaar ...: a WEAK cue that takes "Mei Tesfamariam" too
    Role,
    /// gesproken met / ik ben ...
    Weak,
    /// no context
    Free,
}

const RELATIVES: [&str; 15] = [
    "vader",
    "moeder",
    "man",
    "vrouw",
    "zoon",
    "dochter",
    "broer",
    "zus",
    "buurman",
    "buurvrouw",
    "partner",
    "oma",
    "opa",
    "vriend",
    "vriendin",
];

/// Context cues (lower case, words separated by spaces; a final ":" must be in the text; in
/// "met * hier" the name stands at "*" and the word after it must follow within three words),
/// in the order of the Python table.
fn cue_phrases() -> Vec<(String, Mode)> {
    let mut cues: Vec<(String, Mode)> = Vec::new();
    let mut add = |mode: Mode, phrases: &[&str]| {
        cues.extend(phrases.iter().map(|p| (p.to_string(), mode)));
    };
    // SIGNOFF
    let mut signoff: Vec<String> = Vec::new();
    for lead in ["", "met "] {
        for kind in [
            "vriendelijke",
            "hartelijke",
            "beste",
            "lieve",
            "warme",
            "zonnige",
        ] {
            for word in ["groet", "groeten", "groetjes"] {
                signoff.push(format!("{lead}{kind} {word}"));
            }
        }
    }
    let signoff_refs: Vec<&str> = signoff.iter().map(String::as_str).collect();
    add(Mode::Signoff, &signoff_refs);
    add(
        Mode::Signoff,
        &[
            "groet", "groeten", "groetjes", "gr", "grt", "grtz", "grtn", "liefs", "cheers",
        ],
    );
    add(
        Mode::Signoff,
        &[
            "mvg",
            "m v g",
            "mvgr",
            "m vr gr",
            "vr gr",
            "vrgr",
            "hgr",
            "h gr",
            "sincerely",
        ],
    );
    add(
        Mode::Signoff,
        &[
            "kind regards",
            "best regards",
            "warm regards",
            "regards",
            "best",
            "thanks",
        ],
    );
    add(
        Mode::Signoff,
        &[
            "thank you",
            "thx",
            "hoogachtend",
            "in afwachting van uw reactie",
        ],
    );
    // praise names a person as plainly: "Complimenten voor Budi aan de balie!"
    add(
        Mode::Signoff,
        &[
            "complimenten voor",
            "complimenten aan",
            "compliment voor",
            "compliment aan",
        ],
    );
    // STRONG
    add(
        Mode::Strong,
        &[
            "mijn naam is",
            "ik heet",
            "u spreekt met",
            "je spreekt met",
            "my name is",
        ],
    );
    add(
        Mode::Strong,
        &["naam:", "voornaam:", "achternaam:", "name:", "met * hier"],
    );
    let heet: Vec<String> = ["hij", "zij", "ze", "vrouw", "man", "zoon", "dochter"]
        .iter()
        .map(|who| format!("{who} heet"))
        .collect();
    let heet_refs: Vec<&str> = heet.iter().map(String::as_str).collect();
    add(Mode::Strong, &heet_refs);
    // TITLE_ARTICLE: but "de heer" is the formal title (deduce's prefixes)
    let mut article_titles: Vec<String> = Vec::new();
    for article in ["de", "een", "die", "deze", "the", "a"] {
        for title in ["meneer", "mevrouw", "mijnheer", "juffrouw", "heer"] {
            let phrase = format!("{article} {title}");
            if phrase != "de heer" {
                article_titles.push(phrase);
            }
        }
    }
    let article_refs: Vec<&str> = article_titles.iter().map(String::as_str).collect();
    add(Mode::TitleArticle, &article_refs);
    // TITLE (plus deduce's prefixes, added in Cues::new)
    add(
        Mode::Title,
        &[
            "heer",
            "juffrouw",
            "familie",
            "fam",
            "mrs",
            "ms",
            "miss",
            "sir",
            "madam",
            "colleague",
        ],
    );
    // SALUTATION
    add(
        Mode::Salutation,
        &[
            "beste",
            "geachte",
            "lieve",
            "hallo",
            "hoi",
            "hey",
            "hi",
            "dear",
            "hello",
            "goedemorgen",
            "goedemiddag",
            "goedenavond",
        ],
    );
    // ROLE: the name after it may start with an ordinary word (see Finder::ordinary_name)
    add(
        Mode::Role,
        &[
            "medewerker",
            "medewerkster",
            "baliemedewerker",
            "baliemedewerkster",
            "contactpersoon",
            "behandelaar",
            "casemanager",
            "consulent",
            "klantmanager",
        ],
    );
    // WEAK
    add(
        Mode::Weak,
        &[
            "gesproken met",
            "gebeld met",
            "contact met",
            "geholpen door",
            "afspraak met",
            "gesprek met",
            "ik ben",
            "namens",
            "spoke to",
            "spoke with",
            "dit is",
        ],
    );
    let relatives: Vec<String> = RELATIVES.iter().map(|r| format!("mijn {r}")).collect();
    let relative_refs: Vec<&str> = relatives.iter().map(String::as_str).collect();
    add(Mode::Weak, &relative_refs);
    cues
}

// Between a cue and the name: a sign-off may stand on the line above ("Groet,\nJan"); any other
// cue is on the same line ("dhr. Jansen", "naam: Jan"), so "heer, mevrouw,\n\nGrofvuil" is none.
static SIGNOFF_GAP_RE: LazyLock<Re> =
    LazyLock::new(|| Re::new(r"\A(?:\.?[ \t\x{a0}]*[,:\-]?\s*)\z"));
static CUE_GAP_RE: LazyLock<Re> =
    LazyLock::new(|| Re::new(r"\A(?:\.?[ \t\x{a0}]*:?[ \t\x{a0}]*)\z"));
const MULTI_LETTER_INITIALS: [&str; 4] = ["Ch", "Chr", "Th", "Ph"];
const SENTENCE_END: &str = ".!?:;\n\r…";
/// "- Olena" closing a text message: a sign-off without words
static DASH_SIGNOFF_RE: LazyLock<Re> =
    LazyLock::new(|| Re::new(r"(?<![\w-])[-–—][ \t]*(?=[^\W\d_](?:[^\W\d_]|[ '’.-]){0,40}$)"));
/// a call opening with "met" and a name: "ja hallo met kevin", "met ioana popescu goedemiddag"
const GREETING: &str =
    r"(?:hallo|hoi|dag|goedemorgen|goedemiddag|goedenavond|goeiemorgen|goeiemiddag)";
static OPENER_RE: LazyLock<Re> = LazyLock::new(|| {
    Re::caseless(&format!(
        r"\b{GREETING}(?:[ \t,]+ja)?[ \t,]+met[ \t]+(?=[^\W\d_])|^\W*(?:ja[ \t,]+)?met[ \t]+(?=(?:[^\W\d_]+[ \t]+){{1,3}}{GREETING}\b)"
    ))
});
/// "ja met hanneke ik bel over": at the start, "met" before a listed first name (a salutation)
static START_MET_RE: LazyLock<Re> =
    LazyLock::new(|| Re::caseless(r"^\W*(?:ja[ \t,]+)?met[ \t]+(?=[^\W\d_])"));
const LEADING: &str = " \t\u{a0}\"'‘“(*-•";
/// Particles that are also prepositions ("Yilmaz van Burgerzaken", "Bas van het
/// Omgevingsloket"): the word after them must be a listed surname.
const PREPOSITIONS: [&[&str]; 9] = [
    &["van"],
    &["van", "de"],
    &["van", "het"],
    &["aan", "de"],
    &["bij", "de"],
    &["in", "het"],
    &["op", "de"],
    &["op", "het"],
    &["uit", "de"],
];
/// Heads of organisation names: never part of a person's name ("namens Stichting Buurtbeheer")
const ORGANISATIONS: [&str; 8] = [
    "gemeente",
    "stichting",
    "vereniging",
    "vve",
    "afdeling",
    "team",
    "bureau",
    "dienst",
];

fn organisation(low: &str) -> bool {
    ORGANISATIONS.contains(&low)
}

struct Cue {
    words: Vec<String>,
    mode: Mode,
    /// a ":" must follow ("naam:")
    colon: bool,
    /// a word that must follow the name ("met jan hier")
    then: Option<String>,
}

struct Gate {
    /// all words of a cue (their indices in `Cues::gates`)
    words: Vec<u16>,
    phrase: String,
    /// a searcher for `phrase` (SIMD over the two rarest of its bytes)
    finder: memchr::memmem::Finder<'static>,
    /// the cue takes any next word (mijn naam is ...)
    anything: bool,
}

// What the lexicon (and the cue table) says about a lower-case word, as bits.
const FIRST: u16 = 1; // lex.first_names
const ANY_FIRST: u16 = 2; // lex.any_first_names
const SUR: u16 = 4; // lex.surnames
const PSUR: u16 = 8; // lex.particle_surnames
const NAMES: u16 = 16; // lex.names
const PHEAD: u16 = 32; // lex.particle_heads
const ORDINARY: u16 = 64; // lex.ordinary
const STOP: u16 = 128; // lex.stop_words
const PLACE: u16 = 256; // lex.places
const TITLE: u16 = 512; // a one-word title cue (Cues.titles)
/// the bits `listed` looks up (with diacritics folded, and parts of hyphenated names)
const LISTED: u16 = FIRST | SUR | PSUR | NAMES;

#[derive(Clone, Copy, Default)]
struct Info {
    flags: u16,
    /// 1 + index into `Cues::table` of the cues that start with the word; 0: none
    table: u16,
}

/// A value per word: an open-addressing table with the words of up to 16 bytes stored in the
/// slots themselves (one cache line per look-up, no string to follow), the longer ones in a map.
struct WordTable<V> {
    slots: Vec<Slot<V>>,
    /// the top bits of a hash index `slots`
    shift: u32,
    long: FxMap<Box<str>, V>,
}

#[derive(Clone, Copy)]
struct Slot<V> {
    key: [u64; 2],
    /// the word's length; `EMPTY`: a free slot
    len: u32,
    value: V,
}

const EMPTY: u32 = u32::MAX;
const SHORT: usize = 16;

impl<V: Copy + Default> WordTable<V> {
    fn new(words: impl IntoIterator<Item = (Box<str>, V)>) -> WordTable<V> {
        let words: Vec<(Box<str>, V)> = words.into_iter().collect();
        let short = words.iter().filter(|(w, _)| w.len() <= SHORT).count();
        let size = (short * 2).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![
                Slot {
                    key: [0; 2],
                    len: EMPTY,
                    value: V::default(),
                };
                size
            ],
            shift: 64 - size.trailing_zeros(),
            long: FxMap::default(),
        };
        for (word, value) in words {
            if word.len() > SHORT {
                table.long.insert(word, value);
                continue;
            }
            let key = Self::key(word.as_bytes());
            let mut at = table.index(key, word.len());
            while table.slots[at].len != EMPTY {
                at = (at + 1) & (size - 1);
            }
            table.slots[at] = Slot {
                key,
                len: word.len() as u32,
                value,
            };
        }
        table
    }

    /// The bytes of a word of up to 16 bytes as two numbers, which with its length tell it
    /// apart from every other (overlapping loads, no copy).
    #[inline]
    fn key(b: &[u8]) -> [u64; 2] {
        let n = b.len();
        let u64_at = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
        let u32_at = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or_default());
        if n >= 8 {
            [u64_at(0), u64_at(n - 8)]
        } else if n >= 4 {
            [u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << 32, 0]
        } else if n > 0 {
            [
                u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
                0,
            ]
        } else {
            [0, 0]
        }
    }

    #[inline]
    fn index(&self, key: [u64; 2], len: usize) -> usize {
        let h = (key[0] ^ (len as u64).rotate_right(8))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29)
            ^ key[1];
        (h.wrapping_mul(0xd6e8_feb8_6659_fd93) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, word: &str) -> V {
        let bytes = word.as_bytes();
        if bytes.len() > SHORT {
            return self.long.get(word).copied().unwrap_or_default();
        }
        let key = Self::key(bytes);
        let mask = self.slots.len() - 1;
        let mut at = self.index(key, bytes.len());
        loop {
            let slot = &self.slots[at];
            if slot.len == bytes.len() as u32 && slot.key == key {
                return slot.value;
            }
            if slot.len == EMPTY {
                return V::default();
            }
            at = (at + 1) & mask;
        }
    }
}

/// A blocked Bloom filter of words: two bits in one 64-byte block per word (one cache line per
/// question; a "no" is certain).
struct Bloom {
    blocks: Vec<[u64; 8]>,
}

impl Bloom {
    fn new(bits: usize) -> Bloom {
        Bloom {
            blocks: vec![[0; 8]; (bits / 512).next_power_of_two()],
        }
    }

    /// The block and the two bits (0..512) of `word`.
    #[inline]
    fn bits(&self, word: &str) -> (usize, usize, usize) {
        let bytes = word.as_bytes();
        let (key, len) = if bytes.len() <= SHORT {
            (WordTable::<u8>::key(bytes), bytes.len() as u64)
        } else {
            let mut hasher = FxHasher::default();
            hasher.write(bytes);
            ([hasher.finish(), 0], 0xff)
        };
        let h = (key[0] ^ len.rotate_right(8))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(31)
            ^ key[1];
        let h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        let block = (h >> 40) as usize & (self.blocks.len() - 1);
        (block, (h & 511) as usize, ((h >> 9) & 511) as usize)
    }

    fn insert(&mut self, word: &str) {
        let (block, a, b) = self.bits(word);
        self.blocks[block][a / 64] |= 1 << (a % 64);
        self.blocks[block][b / 64] |= 1 << (b % 64);
    }

    /// Whether `word` may have been inserted.
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        let (block, a, b) = self.bits(word);
        let block = &self.blocks[block];
        block[a / 64] & 1 << (a % 64) != 0 && block[b / 64] & 1 << (b % 64) != 0
    }
}

/// The context cues, ready for look-up (built once from the lexicon's titles), and the
/// lexicon's word sets as bits per word (one fast look-up per word): `find_names` must be
/// given the lexicon these cues were built from.
pub struct Cues {
    /// every word of the lexicon's sets and of the cues
    info: WordTable<Info>,
    /// cues by first word, longest cue first
    table: Vec<Vec<Cue>>,
    /// a filter of the words listed as first names or surnames (`FIRST | SUR | PSUR`)
    names_filter: Bloom,
    /// the words of the cue gates: 1 + their index in `gates` (a small table: every word of a
    /// text is looked up in it)
    gate_words: WordTable<u16>,
    /// by gate word, the cue gates it is the longest word of
    gates: Vec<Vec<Gate>>,
    /// a bit per gate word (`gate_bit`): a quick filter before `gate_words`
    gate_bits: [u64; 64],
    /// the lexicon's particles by first word: 1 + index in `tails`
    particle_tails: WordTable<u16>,
    /// the words after the first of the particles that start with a word, longest first
    tails: Vec<Vec<Vec<Box<str>>>>,
}

impl Cues {
    pub fn new(lex: &Lexicon) -> Cues {
        let mut cues = cue_phrases();
        cues.extend(
            lex.titles
                .iter()
                .map(|t| (t.replace('.', " "), Mode::Title)),
        );
        let mut table: Vec<(String, Vec<Cue>)> = Vec::new();
        let mut gate: Vec<(String, Vec<Gate>)> = Vec::new();
        fn entry<'v, T>(list: &'v mut Vec<(String, Vec<T>)>, key: &str) -> &'v mut Vec<T> {
            let at = match list.iter().position(|(k, _)| k == key) {
                Some(at) => at,
                None => {
                    list.push((key.to_string(), Vec::new()));
                    list.len() - 1
                }
            };
            &mut list[at].1
        }
        for (phrase, mode) in &cues {
            let stripped = phrase.trim_end_matches(':');
            let (cue, then) = match stripped.find(" * ") {
                Some(p) => (&stripped[..p], &stripped[p + 3..]),
                None => (stripped, ""),
            };
            let words: Vec<String> = cue.split_whitespace().map(str::to_string).collect();
            if words.is_empty() {
                continue;
            }
            entry(&mut table, &words[0]).push(Cue {
                words: words.clone(),
                mode: *mode,
                colon: phrase.ends_with(':'),
                then: (!then.is_empty()).then(|| then.to_string()),
            });
            // max((*words, then), key=len): the first longest
            let mut longest: &str = &words[0];
            for w in words
                .iter()
                .map(String::as_str)
                .chain(std::iter::once(then))
            {
                if w.chars().count() > longest.chars().count() {
                    longest = w;
                }
            }
            let mut all = words.clone();
            if !then.is_empty() {
                all.push(then.to_string());
            }
            entry(&mut gate, longest);
            let ids = all
                .iter()
                .map(|w| {
                    let at = gate.iter().position(|(k, _)| k == w).unwrap_or_else(|| {
                        gate.push((w.clone(), Vec::new()));
                        gate.len() - 1
                    });
                    at as u16
                })
                .collect();
            entry(&mut gate, longest).push(Gate {
                words: ids,
                phrase: cue.to_string(),
                finder: memchr::memmem::Finder::new(cue.as_bytes()).into_owned(),
                anything: *mode == Mode::Strong,
            });
        }
        for (_, entries) in table.iter_mut() {
            entries.sort_by_key(|cue| std::cmp::Reverse(cue.words.len())); // stable
        }
        let mut info: FxMap<Box<str>, Info> = FxMap::default();
        let mut mark = |words: &mut dyn Iterator<Item = &str>, flag: u16| {
            for word in words {
                info.entry(word.into()).or_default().flags |= flag;
            }
        };
        mark(&mut lex.first_names.iter().map(String::as_str), FIRST);
        mark(
            &mut lex.any_first_names.iter().map(String::as_str),
            ANY_FIRST,
        );
        mark(&mut lex.surnames.iter().map(String::as_str), SUR);
        mark(&mut lex.particle_surnames.iter().map(String::as_str), PSUR);
        mark(&mut lex.names.iter().map(String::as_str), NAMES);
        mark(&mut lex.particle_heads.iter().map(String::as_str), PHEAD);
        mark(&mut lex.ordinary.iter().map(String::as_str), ORDINARY);
        mark(&mut lex.stop_words.iter().map(String::as_str), STOP);
        mark(&mut lex.places.iter().map(String::as_str), PLACE);
        // one-word titles: never a name themselves
        mark(
            &mut table
                .iter()
                .flat_map(|(_, entries)| entries)
                .filter(|cue| cue.mode == Mode::Title && cue.words.len() == 1)
                .map(|cue| cue.words[0].as_str()),
            TITLE,
        );
        for (at, (word, _)) in table.iter().enumerate() {
            info.entry(word.as_str().into()).or_default().table = at as u16 + 1;
        }
        assert!(gate.len() <= GATE_WORDS, "too many cue words");
        let mut gate_bits = [0u64; 64];
        for (word, _) in &gate {
            let bit = gate_bit(word.as_bytes());
            gate_bits[bit / 64] |= 1 << (bit % 64);
        }
        let mut heads: Vec<(String, Vec<Vec<Box<str>>>)> = Vec::new();
        for particle in &lex.particles {
            let Some((head, tail)) = particle.split_first() else {
                continue;
            };
            entry(&mut heads, head).push(tail.iter().map(|w| w.as_str().into()).collect());
        }
        for (_, tails) in heads.iter_mut() {
            tails.sort_by_key(|tail| std::cmp::Reverse(tail.len()));
            tails.dedup();
        }
        let mut names_filter = Bloom::new(1 << 19);
        for (word, entry) in &info {
            if entry.flags & (FIRST | SUR | PSUR) != 0 {
                names_filter.insert(word);
            }
        }
        Cues {
            names_filter,
            info: WordTable::new(info),
            table: table.into_iter().map(|(_, entries)| entries).collect(),
            gate_words: WordTable::new(
                gate.iter()
                    .enumerate()
                    .map(|(at, (word, _))| (word.as_str().into(), at as u16 + 1)),
            ),
            gates: gate.into_iter().map(|(_, entries)| entries).collect(),
            gate_bits,
            particle_tails: WordTable::new(
                heads
                    .iter()
                    .enumerate()
                    .map(|(at, (head, _))| (head.as_str().into(), at as u16 + 1)),
            ),
            tails: heads.into_iter().map(|(_, tails)| tails).collect(),
        }
    }

    /// What the lexicon says about `word` (lower case).
    #[inline]
    fn info(&self, word: &str) -> Info {
        self.info.get(word)
    }

    #[inline]
    fn flags(&self, word: &str) -> u16 {
        self.info.get(word).flags
    }

    /// The cues that start with the word `info` describes.
    fn cues_of(&self, info: Info) -> &[Cue] {
        match info.table {
            0 => &[],
            at => &self.table[at as usize - 1],
        }
    }

    /// The name sets (`LISTED` bits) that list `word` with or without diacritics.
    #[inline]
    fn folded(&self, word: &str, flags: u16) -> u16 {
        let mut found = flags & LISTED;
        if !word.is_ascii() {
            found |= self.flags(&fold(word)) & LISTED;
        }
        found
    }

    /// `_listed` for every name set at once: the sets (`LISTED` bits) that list `low` (or,
    /// with diacritics, its folded form; or a part of a hyphenated or apostrophed name);
    /// `flags` are the bits of `low` itself.
    fn listed(&self, low: &str, flags: u16) -> u16 {
        let mut found = self.folded(low, flags);
        // ("-" and "'" are never part of a longer UTF-8 character)
        if low.bytes().any(|b| b == b'-' || b == b'\'') {
            for part in low.split(['-', '\'']) {
                if part.chars().nth(1).is_some() {
                    found |= self.folded(part, self.flags(part));
                }
            }
        }
        found
    }

    /// Cheap test whether a cue occurs before a word that could start a name.
    fn present(&self, text: &str, low: &Lowered, words: &TextWords) -> bool {
        // the gate words among the words, each once (a word may repeat in `words`): a list in
        // the order found and a bit per gate word
        let mut found = [0u16; 64];
        let mut seen = [0u64; GATE_WORDS / 64];
        let mut n = 0;
        for word in words {
            let bit = gate_bit(word.as_bytes());
            if self.gate_bits[bit / 64] & 1 << (bit % 64) == 0 {
                continue;
            }
            let id = self.gate_words.get(word);
            if id == 0 {
                continue;
            }
            let id = id - 1;
            let (at, mask) = (usize::from(id) / 64, 1u64 << (id % 64));
            if seen[at] & mask != 0 {
                continue;
            }
            seen[at] |= mask;
            if n == found.len() {
                return self.present_slowly(text, low, words);
            }
            found[n] = id;
            n += 1;
        }
        found[..n].iter().any(|&id| {
            self.gates[usize::from(id)].iter().any(|gate| {
                gate.words
                    .iter()
                    .all(|&w| seen[usize::from(w) / 64] & 1 << (w % 64) != 0)
                    && self.before_name(text, low, gate)
            })
        })
    }

    /// `present` for a text with very many gate words.
    fn present_slowly(&self, text: &str, low: &Lowered, words: &TextWords) -> bool {
        let found: Vec<u16> = words
            .iter()
            .map(|word| self.gate_words.get(word))
            .filter(|&id| id > 0)
            .map(|id| id - 1)
            .collect();
        found.iter().any(|&id| {
            self.gates[usize::from(id)].iter().any(|gate| {
                gate.words.iter().all(|w| found.contains(w)) && self.before_name(text, low, gate)
            })
        })
    }
}

/// Most words of the cue gates (`Cues::gates`): a bit each in `Cues::present`.
const GATE_WORDS: usize = 512;

/// The bit of a word in `Cues::gate_bits`: from its first two bytes and its length.
#[inline]
fn gate_bit(word: &[u8]) -> usize {
    let first = u32::from(word.first().copied().unwrap_or(0));
    let second = u32::from(word.get(1).copied().unwrap_or(0));
    let key = first | second << 8 | (word.len().min(255) as u32) << 16;
    (key.wrapping_mul(0x9e37_79b1) >> 20) as usize
}

/// `text.lower()` (the detector's, see `lexicon::lower`), with what is needed to map its
/// positions back to `text` (worked out on first use: only a non-ASCII text needs it).
struct Lowered<'a> {
    low: &'a str,
    /// (as many characters as `text`, as Python's `len(low) == len(text)`; every character kept
    /// its byte length: positions in `low` are positions in `text`)
    shape: OnceCell<(bool, bool)>,
}

impl<'a> Lowered<'a> {
    fn new(low: &'a str) -> Lowered<'a> {
        Lowered {
            low,
            shape: OnceCell::new(),
        }
    }

    fn shape(&self, text: &str) -> (bool, bool) {
        *self.shape.get_or_init(|| {
            if text.is_ascii() {
                return (true, true);
            }
            let same_length = text.chars().count() == self.low.chars().count();
            let aligned = same_length
                && self.low.len() == text.len()
                && text
                    .chars()
                    .zip(self.low.chars())
                    .all(|(a, b)| a.len_utf8() == b.len_utf8());
            (same_length, aligned)
        })
    }

    /// The position in `text` of the position `pos` in `low` (same number of characters).
    fn to_text(&self, text: &str, pos: usize) -> usize {
        if self.shape(text).1 {
            return pos;
        }
        let n = self.low[..pos].chars().count();
        text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
    }
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or('\0')
}

/// Python `str.isalnum()` for one character (letters and numbers).
fn py_isalnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    static ALNUM: LazyLock<Re> = LazyLock::new(|| Re::new(r"^[\p{L}\p{N}]$"));
    let mut buf = [0u8; 4];
    ALNUM.is_match(c.encode_utf8(&mut buf))
}

/// Python `str.capitalize()`: the first character in title case, the rest in lower case.
fn capitalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        match c {
            'Ǆ' | 'ǅ' | 'ǆ' => out.push('ǅ'),
            'Ǉ' | 'ǈ' | 'ǉ' => out.push('ǈ'),
            'Ǌ' | 'ǋ' | 'ǌ' => out.push('ǋ'),
            'Ǳ' | 'ǲ' | 'ǳ' => out.push('ǲ'),
            'ŉ' => out.push_str("ʼN"),
            '\u{10D0}'..='\u{10FA}' | '\u{10FD}'..='\u{10FF}' => out.push(c), // Georgian
            _ => {
                let mut up = c.to_uppercase();
                if let Some(head) = up.next() {
                    out.push(head);
                }
                for rest in up {
                    out.extend(rest.to_lowercase());
                }
            }
        }
        out.push_str(&chars.as_str().to_lowercase());
    }
    out
}

impl Cues {
    /// Whether `phrase` is followed (after initials or particles) by a capitalised word or a
    /// listed name (with `anything`: found at all); also when it cannot be found literally
    /// ("m.v.g."), so the words get read.
    ///
    /// A phrase right after "[" is skipped: no word there is read as a word (placeholders), and
    /// a word inside a placeholder never follows a cue.
    fn before_name(&self, text: &str, low: &Lowered, gate: &Gate) -> bool {
        let (phrase, anything) = (gate.phrase.as_str(), gate.anything);
        let bytes = low.low.as_bytes();
        let mut found = gate.finder.find(bytes);
        // positions in the lower-case text are positions in `text` when both are ASCII (else
        // mapped back)
        let same = text.is_ascii() && phrase.is_ascii();
        if found.is_none() || !(same || low.shape(text).0) {
            return true;
        }
        while let Some(pos) = found {
            let end = pos + phrase.len();
            if (pos == 0 || bytes[pos - 1] != b'[')
                && (anything
                    || self.name_after(text, if same { end } else { low.to_text(text, end) }))
            {
                return true;
            }
            // (the phrase opens with a whole character: every match starts at a boundary)
            found = gate.finder.find(&bytes[pos + 1..]).map(|k| pos + 1 + k);
        }
        false
    }

    /// Whether a cue that ends at `end` is followed (after up to three particle words) by a
    /// capitalised word, a listed name or an initial (the loop of `_before_name`).
    fn name_after(&self, text: &str, mut end: usize) -> bool {
        for _ in 0..4 {
            // "dhr. van der Berg"
            let Some((ws, we)) = after_cue(text, end) else {
                break;
            };
            let word = &text[ws..we];
            if first_char(word).is_uppercase()
                || (first_char(word).len_utf8() == word.len()
                    && text.as_bytes().get(we) == Some(&b'.'))
            {
                return true; // capitalised, or an initial: "de heer t. kuipers"
            }
            let (flags, listed) = with_lower(word, |low_word| {
                let flags = self.flags(low_word);
                (flags, self.listed(low_word, flags))
            });
            if listed & NAMES != 0 || flags & (ANY_FIRST | STOP) == ANY_FIRST {
                return true; // a listed name, or "mei"
            }
            if flags & PHEAD == 0 {
                break;
            }
            end = we;
        }
        false
    }
}

/// `word` in lower case (Python's `lower()`), handed to `f`; no allocation for short ASCII.
#[inline]
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if bytes.len() <= 32 && word.is_ascii() {
        let mut buf = [0u8; 32];
        let buf = &mut buf[..bytes.len()];
        buf.copy_from_slice(bytes);
        buf.make_ascii_lowercase();
        f(std::str::from_utf8(buf).unwrap_or_default())
    } else {
        f(&word.to_lowercase())
    }
}

/// `AFTER_CUE_RE.match(text, at)`: the word (a run of letters) after up to twelve characters
/// that are no word characters and no "[" (never into a placeholder).
fn after_cue(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut pos = at;
    for skipped in 0..=12 {
        let b = *bytes.get(pos)?;
        let c = if b < 0x80 {
            b as char
        } else {
            re::char_at(text, pos)?
        };
        if is_letter(c) {
            return Some((pos, letters_end(text, pos)));
        }
        if skipped == 12 || c == '[' || is_word(c) {
            return None;
        }
        pos += c.len_utf8();
    }
    None
}

/// `NEXT_WORD_RE.match(hay, at)`: the run of letters after spaces, tabs or no-break spaces.
fn next_word(hay: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &hay[at..];
    let trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    let start = at + rest.len() - trimmed.len();
    if start == at {
        return None;
    }
    let end = letters_end(hay, start);
    (end > start).then_some((start, end))
}

struct Tok {
    start: usize,
    /// without a trailing dot, unless the word is an initial
    end: usize,
    /// the lower-case form (typographic apostrophe as ', no trailing dot) in `Finder::lows`
    /// (the lower-case text, or the forms joined by '\0')
    lo: usize,
    lo_end: usize,
    /// starts with a capital (and is not an all-capitals word)
    cap: bool,
    /// P. / J / Chr.
    initial: bool,
    /// only spaces (or nothing) since the previous word
    adjacent: bool,
    /// the look-up of the lower-case form
    info: Info,
    /// the name sets that list it (`Cues::listed`)
    listed: u16,
    /// the number of words of the particle that starts with it (`Finder::particle`)
    particle: u8,
}

/// End of the run of letters from `pos`.
#[inline]
fn letters_end(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = pos;
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 {
            if !b.is_ascii_alphabetic() {
                break;
            }
            end += 1;
        } else {
            let c = re::char_at(text, end).unwrap();
            if !is_letter(c) {
                break;
            }
            end += c.len_utf8();
        }
    }
    end
}

/// The match of the token pattern that starts at `pos` with the character `c`, if any:
/// `[vV]\.\s?[dD]\.|[vV]/[dD]|['’][tT](?!\w)|[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?`
fn token_at(text: &str, pos: usize, c: char) -> Option<usize> {
    let at = |p: usize| re::char_at(text, p);
    let bytes = text.as_bytes();
    if c == 'v' || c == 'V' {
        match bytes.get(pos + 1) {
            Some(b'.') => {
                let mut p = pos + 2;
                if let Some(s) = at(p).filter(|&s| is_space(s)) {
                    if !matches!(s, 'd' | 'D') {
                        p += s.len_utf8();
                    }
                }
                if matches!(bytes.get(p), Some(b'd' | b'D')) && bytes.get(p + 1) == Some(&b'.') {
                    return Some(p + 2);
                }
            }
            Some(b'/') if matches!(bytes.get(pos + 2), Some(b'd' | b'D')) => {
                return Some(pos + 3);
            }
            _ => {}
        }
    }
    if c == '\'' || c == '’' {
        let p = pos + c.len_utf8();
        if matches!(bytes.get(p), Some(b't' | b'T')) && !at(p + 1).is_some_and(is_word) {
            return Some(p + 1);
        }
        return None;
    }
    if !is_letter(c) {
        return None;
    }
    let mut end = letters_end(text, pos + c.len_utf8());
    while let Some(sep) = at(end).filter(|&s| s == '\'' || s == '’' || s == '-') {
        let after = end + sep.len_utf8();
        match at(after) {
            Some(l) if is_letter(l) => end = letters_end(text, after + l.len_utf8()),
            _ => break,
        }
    }
    if bytes.get(end) == Some(&b'.') {
        end += 1;
    }
    Some(end)
}

/// The matches of `(?<![\[\w])(?:...)` (see `token_at`), as `_TOKEN_RE.finditer`.
fn token_spans(text: &str, mut each: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut free = true; // the character before `pos` is no "[" and no word character
    while pos < bytes.len() {
        let b = bytes[pos];
        if b < 0x80 {
            if free && (b.is_ascii_alphabetic() || b == b'\'') {
                if let Some(end) = token_at(text, pos, b as char) {
                    each(pos, end);
                    // a token ends with a letter, "t", "d" (word characters) or "."
                    free = bytes[end - 1] == b'.';
                    pos = end;
                    continue;
                }
            }
            free = b != b'[' && !(b.is_ascii_alphanumeric() || b == b'_');
            pos += 1;
        } else {
            let c = re::char_at(text, pos).unwrap();
            if free {
                if let Some(end) = token_at(text, pos, c) {
                    each(pos, end);
                    free = bytes[end - 1] == b'.';
                    pos = end;
                    continue;
                }
            }
            free = !is_word(c);
            pos += c.len_utf8();
        }
    }
}

/// Only spaces, tabs and no-break spaces (or nothing) in `gap`.
#[inline]
fn blank(gap: &[u8]) -> bool {
    let mut k = 0;
    while k < gap.len() {
        match gap[k] {
            b' ' | b'\t' => k += 1,
            0xC2 if gap.get(k + 1) == Some(&0xA0) => k += 2,
            _ => return false,
        }
    }
    true
}

/// Whether the letters `word` (no "-") are a capitalised word's head: Python's
/// `len(head) > 1 and not head.isupper()`.
#[inline]
fn mixed_case_head(head: &str) -> bool {
    if head.is_ascii() {
        head.len() > 1
            && (head.bytes().any(|b| b.is_ascii_lowercase())
                || !head.bytes().any(|b| b.is_ascii_uppercase()))
    } else {
        head.chars().nth(1).is_some() && !re::is_upper(head)
    }
}

/// The words of `text` into `toks`, their lower-case forms joined by '\0' into `lows`.
fn tokens(text: &str, cues: &Cues, toks: &mut Vec<Tok>, lows: &mut String) {
    toks.clear();
    lows.clear();
    let mut prev_end = 0;
    if text.is_ascii() {
        // the lower-case forms are the text in lower case, position for position
        lows.push_str(text);
        lows.make_ascii_lowercase();
        token_spans_ascii(text.as_bytes(), |start, stop, sep| {
            push_token(
                text,
                cues,
                toks,
                lows,
                start,
                stop,
                &mut prev_end,
                Some(sep),
            );
        });
    } else {
        token_spans(text, |start, stop| {
            push_token(text, cues, toks, lows, start, stop, &mut prev_end, None);
        });
    }
}

/// The matches of the token pattern in an ASCII text (see `token_spans`).
/// `each` is given a token's start, its end and whether it may hold "-" or "'".
#[inline]
fn token_spans_ascii(bytes: &[u8], mut each: impl FnMut(usize, usize, bool)) {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut pos = 0;
    let mut free = true; // the byte before `pos` is no "[" and no word character
    while pos < bytes.len() {
        let b = bytes[pos];
        if free {
            if let Some((end, sep)) = token_at_ascii(bytes, pos) {
                each(pos, end, sep);
                // a token ends with a letter, "t", "d" (word characters) or "."
                free = bytes[end - 1] == b'.';
                pos = end;
                continue;
            }
        }
        free = b != b'[' && !word(b);
        pos += 1;
    }
}

/// `token_at` in an ASCII text, and whether the token may hold "-" or "'".
#[inline]
fn token_at_ascii(bytes: &[u8], pos: usize) -> Option<(usize, bool)> {
    let at = |p: usize| bytes.get(p).copied().unwrap_or(0);
    let c = bytes[pos];
    if c == b'v' || c == b'V' {
        match at(pos + 1) {
            b'.' => {
                let mut p = pos + 2;
                if matches!(at(p), b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                    p += 1;
                }
                if matches!(at(p), b'd' | b'D') && at(p + 1) == b'.' {
                    return Some((p + 2, true));
                }
            }
            b'/' if matches!(at(pos + 2), b'd' | b'D') => return Some((pos + 3, true)),
            _ => {}
        }
    }
    if c == b'\'' {
        let next = at(pos + 2);
        return (matches!(at(pos + 1), b't' | b'T')
            && !(next.is_ascii_alphanumeric() || next == b'_'))
            .then_some((pos + 2, true));
    }
    if !c.is_ascii_alphabetic() {
        return None;
    }
    let mut end = pos + 1;
    while at(end).is_ascii_alphabetic() {
        end += 1;
    }
    let mut sep = false;
    while matches!(at(end), b'\'' | b'-') && at(end + 1).is_ascii_alphabetic() {
        sep = true;
        end += 2;
        while at(end).is_ascii_alphabetic() {
            end += 1;
        }
    }
    if at(end) == b'.' {
        end += 1;
    }
    Some((end, sep))
}

/// The word `start..stop` (a match of the token pattern) into `toks` and `lows` (with
/// `ascii`, in an ASCII text: `lows` holds the text in lower case already, and the word holds
/// no "-" or "'" unless `ascii` is `Some(true)`).
#[inline]
#[allow(clippy::too_many_arguments)]
fn push_token(
    text: &str,
    cues: &Cues,
    toks: &mut Vec<Tok>,
    lows: &mut String,
    start: usize,
    stop: usize,
    prev_end: &mut usize,
    ascii: Option<bool>,
) {
    let bytes = text.as_bytes();
    let core_end = if bytes[stop - 1] == b'.' {
        stop - 1
    } else {
        stop
    };
    let core = &text[start..core_end];
    let b0 = bytes[start];
    let (single, upper) = if b0 < 0x80 {
        (core.len() == 1, b0.is_ascii_uppercase())
    } else {
        let c0 = first_char(core);
        (c0.len_utf8() == core.len(), c0.is_uppercase())
    };
    let (initial, cap) = if upper {
        let initial = single || (stop != core_end && MULTI_LETTER_INITIALS.contains(&core));
        // "WOZ-waarde", "ID-kaart" are no capitalised words
        let head = match ascii
            .unwrap_or(true)
            .then(|| core.bytes().position(|b| b == b'-'))
            .flatten()
        {
            Some(at) => &core[..at],
            None => core,
        };
        (initial, single || mixed_case_head(head))
    } else {
        (false, false)
    };
    let end = if initial || single { stop } else { core_end };
    let (lo, lo_end) = if ascii.is_some() {
        (start, core_end) // `lows` is the text in lower case
    } else {
        if !toks.is_empty() {
            lows.push('\0');
        }
        let lo = lows.len();
        if core.is_ascii() {
            lows.push_str(core);
            lows[lo..].make_ascii_lowercase();
        } else {
            for c in core.to_lowercase().chars() {
                lows.push(if c == '’' { '\'' } else { c });
            }
        }
        (lo, lows.len())
    };
    let low = &lows[lo..lo_end];
    let info = cues.info(low);
    let listed = if ascii == Some(false) {
        info.flags & LISTED // (`listed` of an ASCII word without "-" or "'")
    } else {
        cues.listed(low, info.flags)
    };
    let adjacent = *prev_end == start || blank(&bytes[*prev_end..start]);
    toks.push(Tok {
        start,
        end,
        lo,
        lo_end,
        cap,
        initial,
        adjacent,
        info,
        listed,
        particle: 0,
    });
    *prev_end = end;
}

/// The buffers of a `Finder`: its words, their lower-case forms, the context of each word.
type Scratch = (Vec<Tok>, String, Vec<Option<Mode>>);

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = const {
        std::cell::Cell::new((Vec::new(), String::new(), Vec::new()))
    };
}

/// Name finding over the words of one text.
struct Finder<'a> {
    text: &'a str,
    cues: &'a Cues,
    toks: Vec<Tok>,
    lows: String,
    /// the mode of the cue before each word
    context: Vec<Option<Mode>>,
    n: usize,
}

impl Drop for Finder<'_> {
    fn drop(&mut self) {
        SCRATCH.set((
            std::mem::take(&mut self.toks),
            std::mem::take(&mut self.lows),
            std::mem::take(&mut self.context),
        ));
    }
}

impl<'a> Finder<'a> {
    fn new(text: &'a str, cues: &'a Cues) -> Finder<'a> {
        // the buffers of the last text, kept per thread: no allocation per text
        let (mut toks, mut lows, mut context) = SCRATCH.take();
        tokens(text, cues, &mut toks, &mut lows);
        let n = toks.len();
        context.clear();
        context.resize(n, None);
        let mut finder = Finder {
            text,
            cues,
            toks,
            lows,
            context,
            n,
        };
        for i in 0..n {
            if finder.toks[i].info.flags & PHEAD != 0 {
                finder.toks[i].particle = finder.find_particle(i);
            }
        }
        finder
    }

    // -- word properties --------------------------------------------------------------------
    #[inline]
    fn low(&self, i: usize) -> &str {
        let tok = &self.toks[i];
        &self.lows[tok.lo..tok.lo_end]
    }

    /// Whether the lexicon's set `flag` holds the word `i` itself.
    #[inline]
    fn is(&self, i: usize, flag: u16) -> bool {
        self.toks[i].info.flags & flag != 0
    }

    #[inline]
    fn first(&self, i: usize) -> bool {
        self.toks[i].listed & FIRST != 0
    }

    #[inline]
    fn sur(&self, i: usize) -> bool {
        self.toks[i].listed & SUR != 0
    }

    #[inline]
    fn ordinary(&self, i: usize) -> bool {
        self.is(i, ORDINARY)
    }

    /// Capitalised, not a stop word, place or title: may be an unlisted name.
    fn plain(&self, i: usize) -> bool {
        self.toks[i].cap && !self.is(i, STOP | PLACE | TITLE) && !organisation(self.low(i))
    }

    #[inline]
    fn title(&self, i: usize) -> bool {
        self.is(i, TITLE)
    }

    fn sentence_start(&self, i: usize) -> bool {
        for c in self.text[..self.toks[i].start].chars().rev() {
            if LEADING.contains(c) {
                continue;
            }
            // "]" closes a placeholder, which stands where a word stood
            return SENTENCE_END.contains(c) || !(py_isalnum(c) || ",&/+])".contains(c));
        }
        true
    }

    /// Number of words of the particle ("van der", "el") starting at `i`; 0 if none.
    #[inline]
    fn particle(&self, i: usize) -> usize {
        usize::from(self.toks[i].particle)
    }

    /// `particle` read from the lexicon's particles (for every word, once).
    fn find_particle(&self, i: usize) -> u8 {
        if !self.is(i, PHEAD) {
            return 0;
        }
        let tails = match self.cues.particle_tails.get(self.low(i)) {
            0 => return 0,
            at => &self.cues.tails[usize::from(at) - 1],
        };
        // longest first
        for tail in tails.iter().filter(|tail| tail.len() < 3) {
            let size = tail.len() + 1;
            if i + size <= self.n
                && (i + 1..i + size).all(|k| self.toks[k].adjacent)
                && tail
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.low(i + 1 + k) == &**w)
            {
                return size as u8;
            }
        }
        0
    }

    // -- context cues -----------------------------------------------------------------------
    /// The mode of the cue before each word right after one into `context`; whether there is
    /// any.
    fn find_cues(&mut self) -> bool {
        let mut found = std::mem::take(&mut self.context);
        let mut any = false;
        let toks = &self.toks;
        let text = self.text;
        for (i, tok) in toks.iter().enumerate() {
            for cue in self.cues.cues_of(tok.info) {
                let k = i + cue.words.len();
                if k >= self.n
                    || cue.words[1..].iter().enumerate().any(|(x, word)| {
                        let j = i + 1 + x;
                        self.low(j) != word
                            || !re::strip(&text[toks[j - 1].end..toks[j].start], ". \t\n")
                                .is_empty()
                    })
                {
                    continue;
                }
                let gap = &text[toks[k - 1].end..toks[k].start];
                let gap_re = if cue.mode == Mode::Signoff {
                    &SIGNOFF_GAP_RE
                } else {
                    &CUE_GAP_RE
                };
                if !gap_re.is_match(gap) || (cue.colon && !gap.contains(':')) {
                    continue;
                }
                if let Some(then) = &cue.then {
                    if (k + 1..(k + 4).min(self.n)).all(|t| self.low(t) != then) {
                        continue;
                    }
                }
                if cue.mode == Mode::Title && re::is_upper(&text[tok.start..tok.end]) {
                    continue; // "ING", "MR" in capitals: a bank, an abbreviation
                }
                match found[k] {
                    Some(old) if old <= cue.mode => {}
                    // "gebeld met ioana hier": the stronger cue counts
                    _ => found[k] = Some(cue.mode),
                }
                any = true;
                break;
            }
        }
        self.context = found;
        any
    }

    // -- growing a name ---------------------------------------------------------------------
    /// End of "particle + surname" starting at `i` (0 if there is none).
    ///
    /// `lead`: a name word or a cue comes before (else the surname must be listed).
    fn after_particle(&self, i: usize, mode: Mode, lead: bool) -> usize {
        let size = self.particle(i);
        let j = i + size;
        if size == 0 || j >= self.n || !self.toks[j].adjacent {
            return 0;
        }
        let tok = &self.toks[j];
        let listed_ = self.sur(j)
            || if mode != Mode::Free {
                tok.listed & PSUR != 0
            } else {
                self.is(j, PSUR)
            };
        if self.is(j, STOP) && !(tok.cap || (listed_ && mode != Mode::Free)) {
            return 0; // but "van der Meer", "mijn naam is kevin van der meer"
        }
        if !self.toks[i].cap
            && PREPOSITIONS.iter().any(|p| {
                p.len() == size && p.iter().enumerate().all(|(k, w)| self.low(i + k) == *w)
            })
            && !(self.sur(j) || tok.listed & PSUR != 0)
        {
            return 0; // "meneer Yilmaz van Burgerzaken", but "Nguyen Van An", "van Rijn-de Haas"
        }
        let ok = if mode == Mode::TitleArticle
            || (matches!(
                mode,
                Mode::Free | Mode::Weak | Mode::Role | Mode::Salutation
            ) && !lead)
        {
            tok.cap && listed_ // "een mevrouw van de Gemeente", "naar de Markt"
        } else if mode == Mode::Free {
            tok.cap || (listed_ && !self.ordinary(j))
        } else if mode == Mode::Strong {
            tok.cap || listed_ || !self.ordinary(j) // "mijn naam is imane el khatib"
        } else {
            tok.cap || listed_ // a place after a particle is a surname: "van den Heuvel"
        };
        if ok && !self.title(j) {
            j + 1
        } else {
            0
        }
    }

    /// Extend the name `toks[i..j]` over the name words that follow it.
    fn extend(&self, i: usize, mut j: usize, mode: Mode) -> usize {
        let mut unknown = 0;
        while j < self.n && j - i < MAX_TOKENS && self.toks[j].adjacent {
            let tok = &self.toks[j];
            if self.particle(j) > 0 {
                let end = self.after_particle(j, mode, true);
                if end == 0 {
                    break;
                }
                j = end;
                continue;
            }
            if self.is(j, STOP) {
                if mode == Mode::Free || !tok.cap || !self.capitalised_name_next(j) {
                    break;
                }
                j += 1; // "Groet, Li Na Zhang"
                continue;
            }
            let prev = self.low(j - 1);
            let after_hyphen_particle = if prev.contains('-') {
                self.cues.flags(prev.rsplit('-').next().unwrap_or(prev)) & PHEAD != 0
            } else {
                self.is(j - 1, PHEAD)
            };
            if self.first(j)
                || self.sur(j)
                // "de Jong-van Vliet", "de jong-van vliet"
                || ((tok.cap || after_hyphen_particle) && self.is(j, PSUR))
            {
                if mode == Mode::Free && !tok.cap && self.ordinary(j) {
                    break;
                }
            } else if !self.plain(j) || tok.initial {
                // unlisted lower-case surnames: two after "mijn naam is mohamed ait taleb", one
                // at the end of a sign-off ("groetjes anna kowalska") or after a listed first
                // name that a cue announced ("dit is anna kowalska ik bel over")
                let last = j + 1 == self.n || !self.toks[j + 1].adjacent;
                let after_first =
                    mode != Mode::Free && j == i + 1 && !self.toks[i].cap && self.first(i);
                if unknown == (if mode == Mode::Strong { 2 } else { 1 })
                    || self.ordinary(j)
                    || !(mode == Mode::Strong || (mode == Mode::Signoff && last) || after_first)
                {
                    break;
                }
                unknown += 1;
            }
            j += 1;
        }
        j
    }

    /// The word after `j` follows it directly and is capitalised or a listed name.
    fn capitalised_name_next(&self, j: usize) -> bool {
        if j + 1 >= self.n || !self.toks[j + 1].adjacent {
            return false;
        }
        self.toks[j + 1].cap && (self.plain(j + 1) || self.first(j + 1) || self.sur(j + 1))
    }

    /// End of the initials from `i` on; with `lower` also "t." in lower case.
    fn initials_end(&self, i: usize, lower: bool) -> usize {
        let mut j = i;
        let bytes = self.text.as_bytes();
        while j < self.n && (j == i || self.toks[j].adjacent) {
            let tok = &self.toks[j];
            if !(tok.initial
                || (lower && self.low(j).chars().count() == 1 && bytes[tok.end - 1] == b'.'))
            {
                break;
            }
            j += 1;
        }
        j
    }

    /// End of a name starting at `i` right after a cue; 0 if there is none.
    fn in_context(&self, i: usize, mode: Mode) -> usize {
        let j = self.initials_end(
            i,
            matches!(mode, Mode::Strong | Mode::Title | Mode::Signoff),
        );
        if j == self.n || (j > i && !self.toks[j].adjacent) {
            return 0;
        }
        let end = self.after_particle(j, mode, j > i);
        if end > 0 {
            return self.extend(i, end, mode);
        }
        let tok = &self.toks[j];
        if self.is(j, STOP) || self.particle(j) > 0 {
            return 0;
        }
        let listed_ = self.first(j) || self.sur(j);
        // after initials any word: "J. Kok", "M. Groen"
        let ordinary = j == i && self.ordinary(j);
        let ok = match mode {
            Mode::Strong => true,
            Mode::Title => self.plain(j) || listed_,
            Mode::TitleArticle => self.plain(j) && (listed_ || j > i),
            // "Groet, Team Parkeren" is none, "Groet, Mei" is one
            Mode::Signoff => {
                (self.plain(j) || listed_) && (!ordinary || (tok.cap && self.is(j, ANY_FIRST)))
            }
            // "Beste Priya", "Beste Mei Ling", not "Beste Klantenservice"
            Mode::Salutation => {
                (listed_ && !ordinary) || (tok.cap && self.capitalised_name_next(j))
            }
            _ => {
                // WEAK, ROLE: a listed first name, or two capitalised words ("Olena Shevchenko")
                let mut ok = (self.first(j) || (tok.cap && self.sur(j))) && !ordinary;
                if !ok && self.plain(j) && !ordinary && j + 1 < self.n {
                    ok = self.toks[j + 1].adjacent && self.plain(j + 1) && !self.ordinary(j + 1);
                }
                ok || (j == i && self.ordinary_name(j, mode))
            }
        };
        if ok {
            self.extend(i, j + 1, mode)
        } else {
            0
        }
    }

    /// Whether the word `j` right after a WEAK or ROLE cue starts a name though it is an
    /// ordinary word, a month or not listed (`Mei`, `Juni`, `April`, `Roos`): capitalised
    /// before a listed surname or (ambiguous first names) any unlisted capitalised word, after
    /// a role word also alone; in lower case only after a role word, before a listed surname.
    fn ordinary_name(&self, j: usize, mode: Mode) -> bool {
        let toks = &self.toks;
        let tok = &toks[j];
        if self.text[toks[j - 1].end..tok.start].contains('.') {
            return false; // the cue closed a sentence: "... die medewerker. Mei is druk"
        }
        let nxt = (j + 1 < self.n && toks[j + 1].adjacent).then_some(j + 1);
        let ambiguous = tok.info.flags & (ANY_FIRST | STOP) == ANY_FIRST;
        if !tok.cap {
            let Some(nxt) = nxt else {
                return false;
            };
            if mode != Mode::Role || !ambiguous {
                return false;
            }
            let size = self.particle(j + 1); // "medewerker april de vries"
            if size > 0 && j + 1 + size < self.n && toks[j + 1 + size].adjacent {
                let after = j + 1 + size;
                return self.sur(after) || toks[after].listed & PSUR != 0;
            }
            return self.sur(nxt) && !self.ordinary(nxt) && !self.is(nxt, PLACE);
        }
        if !self.plain(j) {
            return false;
        }
        if let Some(nxt) = nxt {
            if self.after_particle(nxt, Mode::TitleArticle, true) > 0 {
                return true; // a listed surname after it
            }
            if self.plain(nxt)
                && !self.ordinary(nxt)
                && (ambiguous || self.first(nxt) || self.sur(nxt))
            {
                return true;
            }
        }
        if !ambiguous || mode != Mode::Role {
            return false;
        }
        let rest_end = re::chars_ahead(self.text, tok.end, 8);
        let rest = self.text[tok.end..rest_end].trim_start_matches([' ', '\t', '\u{a0}']);
        // not "Mei 2026"
        !rest.chars().next().is_some_and(re::is_digit) && nxt.is_none_or(|k| !toks[k].cap)
    }

    /// The word before `i` heads an organisation's name ("Stichting", "VvE").
    fn after_organisation(&self, i: usize) -> bool {
        i > 0 && self.toks[i].adjacent && organisation(self.low(i - 1))
    }

    /// The word before a name found at `i` without context is capitalised, unlisted and
    /// no ordinary word, and belongs to no name yet: the first name of that name.
    fn unlisted_first_word(&self, i: usize, spans: &[(usize, usize)]) -> bool {
        if i == 0 || !self.toks[i].adjacent || !self.toks[i].cap {
            return false;
        }
        let prev = &self.toks[i - 1];
        self.plain(i - 1)
            && !prev.initial
            && !self.ordinary(i - 1)
            && spans.last().is_none_or(|s| s.1 <= prev.start)
    }

    /// End of a name starting at `i` without context; 0 if there is none.
    fn free(&self, i: usize) -> usize {
        let toks = &self.toks;
        let tok = &toks[i];
        if tok.initial {
            // P. Jansen, J.H. de Vries
            let j = self.initials_end(i, false);
            if j == self.n || !toks[j].adjacent || self.text.as_bytes()[toks[j - 1].end - 1] != b'.'
            {
                return 0;
            }
            let end = self.after_particle(j, Mode::Free, true);
            if end > 0 {
                return self.extend(i, end, Mode::Free);
            }
            let listed_ = self.sur(j) || self.first(j);
            if !self.plain(j) || toks[j].initial || (self.ordinary(j) && !listed_) {
                return 0;
            }
            // one letter after a lower-case word ends a sentence more often than it starts a
            // name ("optie A. Graag", "plan B. Daarna"): then the surname must be listed
            if j == i + 1 && !listed_ && !self.sentence_start(i) {
                return 0;
            }
            return self.extend(i, j + 1, Mode::Free);
        }
        if self.is(i, PHEAD) {
            // de Vries, van der Berg
            let end = self.after_particle(i, Mode::Free, false);
            return if end > 0 {
                self.extend(i, end, Mode::Free)
            } else {
                0
            };
        }
        if tok.cap {
            if self.is(i, STOP | PLACE | ORDINARY) {
                return 0;
            }
            let first = self.first(i);
            if !first && !self.sur(i) {
                return 0;
            }
            let end = self.extend(i, i + 1, Mode::Free);
            if end > i + 1 || !self.sentence_start(i) {
                return end;
            }
            // Alone at the start of a sentence: a first name, unless it is also a surname that
            // follows a particle, which marks a Dutch word ("Roos", "Storm", "Mark", "Winter").
            return if first && !self.is(i, PSUR) { end } else { 0 };
        }
        if i + 1 < self.n && toks[i + 1].adjacent && self.first(i) && !self.ordinary(i) {
            let end = self.after_particle(i + 1, Mode::Free, true); // jan de vries
            if end > 0 {
                return self.extend(i, end, Mode::Free);
            }
            let nxt = i + 1; // piet bakker
            if !toks[nxt].cap && self.sur(nxt) && !self.ordinary(nxt) {
                return self.extend(i, i + 2, Mode::Free);
            }
        }
        0
    }
}

/// Cheap test whether a free rule could fire: listed names in a usable position, initials.
fn may_hold_name(text: &str, low: &Lowered, words: &TextWords, cues: &Cues) -> bool {
    // (in any order: every test only says yes)
    if initials_hint(text) {
        return true;
    }
    for word in words {
        // most words are no name: the filter says so without the large table
        if word.is_ascii() && !cues.names_filter.may_hold(word) {
            continue;
        }
        let flags = cues.flags(word);
        // a listed surname counts with a capital inside the text ("bakker" is a word, and a
        // capitalised surname opening the text needs a first name or initials before it
        // anyway)
        if flags & (SUR | PSUR) != 0 && contains_capitalised(text, word, true) {
            return true;
        }
        let first =
            flags & FIRST != 0 || (!word.is_ascii() && cues.flags(&fold(word)) & FIRST != 0); // Hüseyin
        if !first {
            continue;
        }
        if contains_capitalised(text, word, false) {
            return true;
        }
        // a lower-case first name before a particle or surname: jan de vries
        if text.is_ascii() {
            // the lower-case text is the text in ASCII lower case, position for position
            let mut from = 0;
            while let Some(pos) = re::find_bytes(low.low, word, from) {
                if let Some((gs, ge)) = next_word(text, pos + word.len()) {
                    if with_lower(&text[gs..ge], |w| cues.flags(w)) & (PHEAD | SUR) != 0 {
                        return true;
                    }
                }
                from = pos + 1;
            }
            continue;
        }
        let lowtext = low.low;
        let step = first_char(word).len_utf8();
        let mut from = 0;
        while let Some(found) = lowtext[from..].find(*word) {
            let pos = from + found;
            if let Some((gs, ge)) = next_word(lowtext, pos + word.len()) {
                if cues.flags(&lowtext[gs..ge]) & (PHEAD | SUR) != 0 {
                    return true;
                }
            }
            from = pos + step;
        }
    }
    false
}

/// `INITIALS_HINT.search(text)`: a capital A-Z and a dot, after no word character.
fn initials_hint(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'.', &bytes[from..]) {
        let dot = from + k;
        from = dot + 1;
        if dot == 0 {
            continue;
        }
        let i = dot - 1;
        if bytes[i].is_ascii_uppercase()
            && (i == 0 || {
                let b = bytes[i - 1];
                if b < 0x80 {
                    !(b.is_ascii_alphanumeric() || b == b'_')
                } else {
                    !re::char_before(text, i).is_some_and(is_word)
                }
            })
        {
            return true;
        }
    }
    false
}

/// Python's `capitalize(word) in text`, or with `space` `" " + capitalize(word) in text`.
fn contains_capitalised(text: &str, word: &str, space: bool) -> bool {
    let bytes = word.as_bytes();
    if !word.is_ascii() || bytes.iter().skip(1).any(u8::is_ascii_uppercase) {
        let cap = capitalize(word);
        return if space {
            text.contains(format!(" {cap}").as_str())
        } else {
            text.contains(cap.as_str())
        };
    }
    let Some((&first, rest)) = bytes.split_first() else {
        return if space { text.contains(' ') } else { true };
    };
    let first = first.to_ascii_uppercase();
    let hay = text.as_bytes();
    let Some(last) = hay.len().checked_sub(bytes.len()) else {
        return false;
    };
    let mut i = usize::from(space);
    while i <= last {
        match memchr::memchr(first, &hay[i..=last]) {
            None => return false,
            Some(k) => i += k,
        }
        if hay[i + 1..i + bytes.len()] == *rest && (!space || hay[i - 1] == b' ') {
            return true;
        }
        i += 1;
    }
    false
}

/// The greetings of `GREETING`: `OPENER_RE` only matches when one of them is a word of the text.
const GREETINGS: [&str; 8] = [
    "hallo",
    "hoi",
    "dag",
    "goedemorgen",
    "goedemiddag",
    "goedenavond",
    "goeiemorgen",
    "goeiemiddag",
];

/// Where `$` matches: the end of `text`, or before a final newline.
fn dollar_end(text: &str) -> usize {
    text.len() - usize::from(text.ends_with('\n'))
}

/// `re::chars_back(text, text.len(), 64)`, without counting when the tail is ASCII.
fn chars_back_64(text: &str) -> usize {
    match text.len().checked_sub(64) {
        None => 0,
        Some(from) if text.as_bytes()[from..].is_ascii() => from,
        Some(_) => re::chars_back(text, text.len(), 64),
    }
}

/// The character that ends at byte `pos` (> 0).
#[inline]
fn char_ending_at(text: &str, pos: usize) -> char {
    let b = text.as_bytes()[pos - 1];
    if b < 0x80 {
        b as char
    } else {
        re::char_before(text, pos).unwrap_or('\0')
    }
}

/// Whether `DASH_SIGNOFF_RE` may match from `from`: a dash in the closing run of letters,
/// spaces, tabs, dashes and ' ’ . (a necessary condition; the pattern decides).
fn dash_signoff_possible(text: &str, from: usize) -> bool {
    let end = dollar_end(text).max(from);
    // "-", or the first byte of "–" and "—"
    let tail = &text.as_bytes()[from..end];
    if memchr::memchr2(b'-', 0xE2, tail).is_none() {
        return false;
    }
    let mut pos = end;
    while pos > from {
        let c = char_ending_at(text, pos);
        match c {
            '-' | '–' | '—' => return true,
            ' ' | '\t' | '\'' | '’' | '.' => {}
            c if is_letter(c) => {}
            _ => return false,
        }
        pos -= c.len_utf8();
    }
    false
}

/// The group of `TAIL_RE.search(text, from)`, read backwards from the end: one to three words
/// of letters (separated by spaces and tabs) after one of ".!?\n" and spaces or tabs, then
/// only spaces, tabs, "." and "!" (up to `$`).
fn closing_words(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut pos = dollar_end(text).max(from);
    let group_end = loop {
        if pos == from {
            return None;
        }
        let c = char_ending_at(text, pos);
        match c {
            ' ' | '\t' | '.' | '!' => pos -= 1,
            c if is_letter(c) => break pos,
            _ => return None,
        }
    };
    let mut start = pos;
    let mut words = 1;
    let mut in_word = true;
    while pos > from {
        let c = char_ending_at(text, pos);
        match c {
            ' ' | '\t' => in_word = false,
            '.' | '!' | '?' | '\n' => return Some((start, group_end)),
            c if is_letter(c) => {
                if !in_word {
                    words += 1;
                    if words > 3 {
                        return None;
                    }
                    in_word = true;
                }
                start = pos - c.len_utf8();
            }
            _ => return None,
        }
        pos -= c.len_utf8();
    }
    None
}

/// Whether `START_MET_RE` may match: after the leading non-word characters, "ja" or "met" in
/// any case (a necessary condition).
fn start_met_possible(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| !is_word(c)).as_bytes();
    rest.len() >= 2
        && (rest[..2].eq_ignore_ascii_case(b"ja")
            || rest[..].len() >= 3 && rest[..3].eq_ignore_ascii_case(b"met"))
}

/// Whether the closing words of a text may be a signature: capitalised (not in capitals),
/// no ordinary word, place or cue, and a listed first name when it is one word ("Top!").
fn closing_name(line: &str, cues: &Cues) -> bool {
    let mut n = 0;
    let mut first = false;
    for word in line.split_whitespace() {
        if !first_char(word).is_uppercase() || re::is_upper(word) {
            return false;
        }
        let info = with_lower(word, |low| cues.info(low));
        if info.flags & (ORDINARY | PLACE) != 0 || info.table != 0 {
            return false;
        }
        n += 1;
        first = info.flags & FIRST != 0;
    }
    n > 1 || first
}

/// Start and end (byte offsets) of every person name in `text`, in order. `low` is the text in
/// lower case (`lexicon::lower`), `words` its words (`lexicon::words_in`).
pub fn find_names(
    text: &str,
    low: &str,
    words: &TextWords,
    lex: &Lexicon,
    cues: &Cues,
) -> Vec<(usize, usize)> {
    let _ = lex; // read through `cues`, which was built from it
    let lowered = Lowered::new(low);
    // positions after cues without words of their own: a closing "- Olena", a closing line of
    // capitalised words, a call opening "met ..."
    let mut extra: Vec<(usize, Mode)> = Vec::new();
    let tail_from = chars_back_64(text);
    if let Some((_, end)) = dash_signoff_possible(text, tail_from)
        .then(|| DASH_SIGNOFF_RE.find_at(text, tail_from))
        .flatten()
    {
        extra.push((end, Mode::Signoff));
    } else if let Some((s, e)) = closing_words(text, tail_from) {
        if closing_name(&text[s..e], cues) {
            extra.push((s, Mode::Signoff));
        }
    }
    if words.contains("met") {
        if GREETINGS.iter().any(|g| words.contains(g)) {
            extra.extend(
                OPENER_RE
                    .find_iter(text)
                    .into_iter()
                    .map(|(_, e)| (e, Mode::Strong)),
            );
        }
        if start_met_possible(text) {
            if let Some((_, e)) = START_MET_RE.match_at(text, 0) {
                extra.push((e, Mode::Salutation));
            }
        }
    }
    let cued = cues.present(text, &lowered, words);
    if !cued && extra.is_empty() && !may_hold_name(text, &lowered, words, cues) {
        return Vec::new();
    }
    let mut finder = Finder::new(text, cues);
    if cued {
        finder.find_cues();
    }
    for (pos, mode) in extra {
        let k = finder.toks.partition_point(|t| t.start < pos);
        if k < finder.n
            && !(mode == Mode::Strong && finder.ordinary(k))
            && finder.context[k].is_none()
        {
            finder.context[k] = Some(mode);
        }
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < finder.n {
        let mut end = finder.context[i].map_or(0, |mode| finder.in_context(i, mode));
        let mut start = i;
        if end == 0 {
            end = finder.free(i);
            if end > 0 {
                if finder.after_organisation(i) {
                    i = end; // "VvE De Linde", "Stichting Jansen": an organisation's name
                    continue;
                }
                if finder.unlisted_first_word(i, &spans) {
                    start = i - 1; // "Zsófia Nagy", "Ama Owusu": an unlisted first name before it
                }
            }
        }
        if end > 0 {
            spans.push((finder.toks[start].start, finder.toks[end - 1].end));
            i = end;
        } else {
            i += 1;
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` texts of fewer than `max_len` characters drawn from `alphabet`, from `seed` (a
    /// fixed linear congruential generator: the same texts every run).
    fn random_texts(alphabet: &str, seed: u64, count: usize, max_len: u64) -> Vec<String> {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut state = seed;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state
        };
        (0..count)
            .map(|_| {
                let length = next() % max_len;
                (0..length)
                    .map(|_| alphabet[(next() >> 33) as usize % alphabet.len()])
                    .collect()
            })
            .collect()
    }

    /// `_TOKEN_RE` of the former names.py, which `token_spans` reads by hand.
    static TOKEN_RE: LazyLock<Re> = LazyLock::new(|| {
        Re::new(
            r"(?<![\[\w])(?:[vV]\.\s?[dD]\.|[vV]/[dD]|['’][tT](?!\w)|[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?)",
        )
    });

    fn spans(text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        token_spans(text, |s, e| found.push((s, e)));
        found
    }

    #[test]
    fn tokens_as_the_pattern() {
        let texts = [
            "Dhr. J.H. van der Berg-de Vries kwam 't ophalen, v.d. Berg, v. d. Meer, v/d Linden",
            "'t Hof, ’t Veld, 't1, 'ta, d'Ancona, O’Brien-Smith. Jan.",
            "[NAAM] belde; x[Jan] a_b 3abc abc3 ²b Ⅷx é\u{301}e İlker ǅenan ﬁona ΟΔΟΣ",
            "v.\u{a0}d. v.\u{2003}d. v.\nd. V.D. v..d. v/ v. vd. -Jan- 'Jan' ’ ' a-'b a--b a-",
            "",
            "a",
            ".",
            "v",
            "v.",
            "v.d",
            "'",
            "'t",
            "’T",
            "Ωmega_x ab\u{300}c 中文 名字",
        ];
        for text in texts {
            assert_eq!(spans(text), TOKEN_RE.find_iter(text), "{text:?}");
        }
    }

    #[test]
    fn tokens_as_the_pattern_random() {
        for text in random_texts(
            "vVdDtT.'’-/[] \t\n\u{a0}\u{2003}_3²Ⅷé\u{301}İǅﬁΣ中a,",
            42,
            200_000,
            12,
        ) {
            assert_eq!(spans(&text), TOKEN_RE.find_iter(&text), "{text:?}");
        }
    }

    #[test]
    fn runs_as_the_patterns_random() {
        // the words of `lexicon::words_in` and the tokens of `spelled` were these patterns
        let words = Re::new(r"[^\W\d_]+");
        let tokens = Re::new(r"[^\W\d_]+|\d+");
        for text in random_texts("ab3²٣Ⅷé\u{301}İǅﬁΣ中_-. \u{a0}€١", 7, 100_000, 14) {
            let ours: Vec<_> = re::runs_of(&text, &[is_letter]).collect();
            assert_eq!(ours, words.find_iter(&text), "{text:?}");
            let ours: Vec<_> = re::runs_of(&text, &[is_letter, re::is_decimal]).collect();
            assert_eq!(ours, tokens.find_iter(&text), "{text:?}");
        }
    }

    /// `_TAIL_RE` of the former names.py (a closing line of capitalised words), which `closing_words`
    /// reads by hand.
    static TAIL_RE: LazyLock<Re> = LazyLock::new(|| {
        Re::new(r"[.!?\n][ \t]*([^\W\d_][^\W\d_'’-]*(?:[ \t]+[^\W\d_][^\W\d_'’-]*){0,2})[ \t.!]*$")
    });

    #[test]
    fn closing_words_as_the_pattern_random() {
        let mut matched = 0;
        for text in random_texts("aB é.!?\n\t'’-,3_²Ⅷ\u{301}[]xaaaBB   ", 7, 300_000, 90) {
            let from = re::chars_back(&text, text.len(), 64);
            let expected = TAIL_RE.captures_at(&text, from).map(|c| c[1].unwrap());
            matched += usize::from(expected.is_some());
            assert_eq!(closing_words(&text, from), expected, "{text:?}");
            let dash = DASH_SIGNOFF_RE.find_at(&text, from).is_some();
            assert!(!dash || dash_signoff_possible(&text, from), "{text:?}");
            let met = START_MET_RE.match_at(&text, 0).is_some();
            assert!(!met || start_met_possible(&text), "{text:?}");
        }
        assert!(matched > 10_000, "{matched}");
    }

    /// The patterns of the former names.py that `initials_hint`, `next_word` and `after_cue` read by hand.
    static INITIALS_HINT: LazyLock<Re> = LazyLock::new(|| Re::new(r"(?<!\w)[A-Z]\."));
    static NEXT_WORD_RE: LazyLock<Re> = LazyLock::new(|| Re::new(r"\G[ \t\x{a0}]+([^\W\d_]+)"));
    static AFTER_CUE_RE: LazyLock<Re> = LazyLock::new(|| Re::new(r"\G[^\w\[]{0,12}?([^\W\d_]+)"));

    #[test]
    fn scanners_as_the_patterns_random() {
        let mut found = [0usize; 3];
        for text in random_texts(
            "aBZ. \t\u{a0}\n,-[]_3²Ⅷé\u{301}İ:;!?'’aaa   ..",
            11,
            300_000,
            24,
        ) {
            let hint = INITIALS_HINT.is_match(&text);
            found[0] += usize::from(hint);
            assert_eq!(initials_hint(&text), hint, "{text:?}");
            for (at, _) in text.char_indices() {
                let next = NEXT_WORD_RE
                    .captures_at(&text, at)
                    .filter(|c| c[0].unwrap().0 == at)
                    .map(|c| c[1].unwrap());
                found[1] += usize::from(next.is_some());
                assert_eq!(next_word(&text, at), next, "{text:?} {at}");
                let after = AFTER_CUE_RE
                    .captures_at(&text, at)
                    .filter(|c| c[0].unwrap().0 == at)
                    .map(|c| c[1].unwrap());
                found[2] += usize::from(after.is_some());
                assert_eq!(after_cue(&text, at), after, "{text:?} {at}");
            }
        }
        assert!(found.iter().all(|&n| n > 10_000), "{found:?}");
    }

    #[test]
    fn capitalised_as_python() {
        for (text, word, space, expected) in [
            ("Met Jan", "jan", false, true),
            ("Met Jan", "jan", true, true),
            ("Jan", "jan", true, false),
            ("JAN", "jan", false, false),
            ("a Jansen", "jan", true, true),
            ("Hüseyin", "hüseyin", false, true),
            ("x Öztürk", "öztürk", true, true),
            ("Ja", "jan", false, false),
        ] {
            assert_eq!(
                contains_capitalised(text, word, space),
                expected,
                "{text} {word}"
            );
        }
    }

    #[test]
    fn ascii_tokens_as_the_pattern_random() {
        for text in random_texts("vVdDtTab.'-/[] \t\n\r_3,xX", 5, 300_000, 16) {
            let mut fast = Vec::new();
            token_spans_ascii(text.as_bytes(), |s, e, _| fast.push((s, e)));
            assert_eq!(fast, spans(&text), "{text:?}");
        }
    }

    #[test]
    fn capitalize_as_python() {
        assert_eq!(capitalize("jan"), "Jan");
        assert_eq!(capitalize("ßa"), "Ssa");
        assert_eq!(capitalize("ǆenan"), "ǅenan");
        assert_eq!(capitalize("ﬁona"), "Fiona");
    }
}
