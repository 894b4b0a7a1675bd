//! Spelled-out Dutch numbers in speech-to-text transcripts, turned into digits.
//! (Ported from the Python detector, `klantmonitor/pii/spelled.py` before commit a31b51a.)
//!
//! IVR transcripts say "mijn nummer is nul zes een twee drie ...". [`digitise`] replaces each
//! number word (`nul` .. `negenennegentig`, `(twee)honderd(zestien)`, `(twee)duizend`, and
//! `plus` before a number) that stands in a run of number words, digits or single letters by
//! its digits, keeping the separators, so that the pattern rules find phone numbers, BSNs,
//! house numbers, postcodes, plates and dates in it ("nul zes j f j een" is a plate).
//! [`Digitised::to_original`] maps a position in the digitised text back.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::lexicon::{FxMap, TextWords};
use crate::patterns::STREET_SUFFIXES;
use crate::re::{chars_back, is_decimal, is_digit, is_letter, is_lower, runs_of, strip, Re};

const UNITS: [&str; 10] = [
    "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
];
const TEENS: [&str; 10] = [
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
];
const TENS: [&str; 8] = [
    "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig",
];
/// "een" alone is the article, not the number 1.
const LONE: [&str; 3] = ["een", "één", "eén"];
/// Single consonants (a plate's letters).
const LETTERS: &[u8] = b"bcdfghjklmnpqrstvwxz";

/// Every Dutch number word from 0 to 99 (with and without diaeresis) -> its value.
static BELOW_100: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
    let mut words: Vec<(String, u32)> = Vec::new();
    for (value, word) in UNITS.iter().enumerate() {
        words.push((word.to_string(), value as u32));
    }
    words.push(("één".to_string(), 1));
    words.push(("eén".to_string(), 1));
    for (value, word) in TEENS.iter().enumerate() {
        words.push((word.to_string(), 10 + value as u32));
    }
    for (i, tens_word) in TENS.iter().enumerate() {
        let tens = i as u32 + 2;
        words.push((tens_word.to_string(), 10 * tens));
        for unit in 1..10 {
            for joint in ["en", "ën"] {
                words.push((
                    format!("{}{joint}{tens_word}", UNITS[unit as usize]),
                    10 * tens + unit,
                ));
            }
        }
    }
    words
});

static BELOW_100_MAP: LazyLock<FxMap<&'static str, u32>> = LazyLock::new(|| {
    BELOW_100
        .iter()
        .map(|(word, value)| (word.as_str(), *value))
        .collect()
});

/// `_VALUE_RE`, anchored at both ends (Python's `fullmatch`).
static VALUE_RE: LazyLock<Re> = LazyLock::new(|| {
    let mut small: Vec<&str> = BELOW_100.iter().map(|(w, _)| w.as_str()).collect();
    small.sort_by_key(|w| std::cmp::Reverse(w.chars().count())); // stable, as Python's sorted
    let small = small.join("|");
    let multiplier = UNITS[2..].join("|");
    Re::new(&format!(
        r"\A(?:(?P<thousands>{multiplier})?duizend|(?P<hundreds>{multiplier})?honderd(?P<rest>{small})?|(?P<small>{small}))\z"
    ))
});
static STREET_BEFORE_RE: LazyLock<Re> =
    LazyLock::new(|| Re::caseless(&format!(r"(?:{})[ \t]+$", STREET_SUFFIXES.join("|"))));

/// Every Dutch number word from 0 to 99 (with and without diaeresis) and its value.
pub fn below_100() -> &'static [(String, u32)] {
    &BELOW_100
}

/// Whether `text.lower()` holds "honderd" or "duizend": whether one of its words does (`words`,
/// its letter runs: the two are letters only, so an occurrence lies inside one run).
fn may_hold_hundreds(words: &TextWords) -> bool {
    words.iter().any(|w| {
        w.as_bytes().windows(7).any(|x| match x[0] {
            b'h' => x == b"honderd",
            b'd' => x == b"duizend",
            _ => false,
        })
    })
}

/// The first two bytes of every number word below 100, a bit each, and the words' shortest
/// and longest length in bytes: most words are ruled out without hashing.
struct Heads {
    bits: Vec<u64>,
    lengths: std::ops::RangeInclusive<usize>,
}

static HEADS: LazyLock<Heads> = LazyLock::new(|| {
    let mut bits = vec![0u64; 1 << 10];
    for (word, _) in BELOW_100.iter() {
        let key = head_key(word.as_bytes());
        bits[key / 64] |= 1 << (key % 64);
    }
    let lengths = BELOW_100.iter().map(|(w, _)| w.len());
    let (min, max) = (lengths.clone().min(), lengths.max());
    Heads {
        bits,
        lengths: min.unwrap_or(0)..=max.unwrap_or(0),
    }
});

fn head_key(word: &[u8]) -> usize {
    usize::from(word[0]) << 8 | usize::from(word.get(1).copied().unwrap_or(0))
}

/// Whether `word` (lower case) is a number word below 100.
fn is_number_word(word: &str) -> bool {
    let heads = &*HEADS;
    if !heads.lengths.contains(&word.len()) {
        return false;
    }
    let key = head_key(word.as_bytes());
    heads.bits[key / 64] & 1 << (key % 64) != 0 && BELOW_100_MAP.contains_key(word)
}

/// The digits of one number word ("plus" -> "+").
fn digits(word: &str) -> String {
    if word == "plus" {
        return "+".to_string();
    }
    if let Some(value) = BELOW_100_MAP.get(word) {
        return value.to_string(); // what the "small" alternative matches
    }
    let Some(m) = VALUE_RE.captures_at(word, 0) else {
        return word.to_string(); // cannot happen: runs only passes number words
    };
    let group = |name: &str| m[VALUE_RE.group_index(name)].map(|(s, e)| &word[s..e]);
    let value_of = |w: &str| BELOW_100_MAP[w];
    let unit = |w: &str| UNITS.iter().position(|u| *u == w).unwrap() as u32;
    if let Some(small) = group("small").filter(|s| !s.is_empty()) {
        return value_of(small).to_string();
    }
    let hundreds = group("hundreds");
    if hundreds.is_some() || word.contains("honderd") {
        let rest = group("rest").filter(|s| !s.is_empty()).map_or(0, value_of);
        let times = hundreds.filter(|s| !s.is_empty()).map_or(1, unit);
        return (100 * times + rest).to_string();
    }
    let times = group("thousands").filter(|s| !s.is_empty()).map_or(1, unit);
    (1000 * times).to_string()
}

/// Text with its number words replaced by digits, and the edits made (byte offsets).
pub struct Digitised {
    pub text: String,
    pub new_starts: Vec<usize>,
    pub new_ends: Vec<usize>,
    pub old_starts: Vec<usize>,
    pub old_ends: Vec<usize>,
}

impl Digitised {
    /// Map a start (or, with `is_end`, an end) position in `text` to the original.
    pub fn to_original(&self, pos: usize, is_end: bool) -> usize {
        if is_end {
            let n = self.new_starts.partition_point(|&s| s < pos); // bisect_left
            if n == 0 {
                return pos;
            }
            let i = n - 1;
            if pos <= self.new_ends[i] {
                return self.old_ends[i];
            }
            return self.old_ends[i] + pos - self.new_ends[i];
        }
        let n = self.new_starts.partition_point(|&s| s <= pos); // bisect_right
        if n == 0 {
            return pos;
        }
        let i = n - 1;
        if pos < self.new_ends[i] {
            return self.old_starts[i];
        }
        self.old_ends[i] + pos - self.new_ends[i]
    }
}

/// One token of a run: start, end, lower-cased token, is a number word.
struct Token<'a> {
    start: usize,
    end: usize,
    low: Cow<'a, str>,
    is_word: bool,
}

/// Runs of number words, digit groups and single letters, separated by spaces, commas or
/// dashes.
fn runs(text: &str) -> Vec<Vec<Token<'_>>> {
    let mut runs: Vec<Vec<Token>> = Vec::new();
    let mut run: Vec<Token> = Vec::new();
    for (start, end) in runs_of(text, &[is_letter, is_decimal]) {
        let token = &text[start..end];
        let low = if token
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            Cow::Borrowed(token)
        } else {
            Cow::Owned(token.to_lowercase())
        };
        let is_digit = low.chars().all(is_digit); // never empty
        let one = low.chars().nth(1).is_none();
        // (no number word is one character long or made of digits)
        let word = !(is_digit || one)
            && (is_number_word(&low)
                || (low.len() >= 7
                    && (low.contains("honderd") || low.contains("duizend"))
                    && VALUE_RE.is_match(&low)));
        if word || is_digit || one || (low == "plus" && run.is_empty()) {
            if let Some(last) = run.last() {
                if !strip(&text[last.end..start], " \t,-").is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
            let is_word = word || low == "plus";
            run.push(Token {
                start,
                end,
                low,
                is_word,
            });
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Whether `words` (and `text`) give no reason to look for spelled-out numbers.
fn nothing_to_do(text: &str, words: &TextWords) -> bool {
    let hint = words.iter().any(|w| is_number_word(w) && !LONE.contains(w));
    if hint {
        return false;
    }
    // "h s", a plate's letters, or a street in a transcript
    if words.contains("een")
        && (words
            .iter()
            .any(|w| w.len() == 1 && LETTERS.contains(&w.as_bytes()[0]))
            || (is_lower(text)
                && words
                    .iter()
                    .any(|w| STREET_SUFFIXES.iter().any(|s| w.ends_with(s)))))
    {
        return false;
    }
    !may_hold_hundreds(words)
}

/// Replace spelled-out numbers by digits; None when the text has none worth replacing.
///
/// `words` are the text's lower-cased words (`lexicon::words_in`).
pub fn digitise(text: &str, words: &TextWords) -> Option<Digitised> {
    if nothing_to_do(text, words) {
        return None;
    }
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for run in runs(text) {
        let numbers: Vec<&Token> = run.iter().filter(|t| t.is_word).collect();
        let first = run[0].start;
        let skip = numbers.iter().all(|t| t.low == "plus")
            || (numbers.len() == 1
                && LONE.contains(&numbers[0].low.as_ref())
                && run.iter().all(|t| t.low.chars().nth(1).is_some())
                && STREET_BEFORE_RE
                    .search(text, chars_back(text, first, 40), first)
                    .is_none());
        if skip {
            // "een" alone is the article ("een 8"), unless spelled with letters or after a
            // street ("ik woon op de marktplein een")
            continue;
        }
        edits.extend(numbers.iter().map(|t| (t.start, t.end, digits(&t.low))));
    }
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut new_starts = Vec::with_capacity(edits.len());
    let mut new_ends = Vec::with_capacity(edits.len());
    let mut last = 0;
    for (start, end, digits) in &edits {
        out.push_str(&text[last..*start]);
        new_starts.push(out.len());
        out.push_str(digits);
        new_ends.push(out.len());
        last = *end;
    }
    out.push_str(&text[last..]);
    Some(Digitised {
        text: out,
        new_starts,
        new_ends,
        old_starts: edits.iter().map(|e| e.0).collect(),
        old_ends: edits.iter().map(|e| e.1).collect(),
    })
}
