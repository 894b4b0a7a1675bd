//! Street + house number: found from the number backwards.
//! (Ported from the Python detector, `klantmonitor/pii/streets.py` before commit a31b51a.)
//!
//! For every house number ([`HOUSE_NUMBER`](crate::patterns::HOUSE_NUMBER)) the words before
//! it name a street when the last one ends like a street (`Kerkstraat`, `molenweg`, any case,
//! with capitalised words and particles before it: `Eerste Van der Helststraat`), or when they
//! are in deduce's street list
//! (`Damrak`, `Lange Voorhout`), or open with a capitalised street-type word before a particle
//! (`Laan van Nieuw Oost-Indië`), or follow "ik woon op (de)" or "adres:" without stop words in
//! between ("ik woon hier sinds 2019" is none). A listed one-word street must be capitalised,
//! not an ordinary word and not open a sentence ("Balie 3" is a counter).

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::lexicon::{normalise, Lexicon};
use crate::patterns::{HOUSE_NUMBER_AT, STREET_SUFFIXES};
use crate::re::{char_before, chars_back, Re};

/// Words of a street name.
const MAX_WORDS: usize = 4;

static ADDRESS_CUE_RE: LazyLock<Re> = LazyLock::new(|| {
    Re::caseless(concat!(
        r"(?:\bwoon(?:t|achtig)?|\bwonende|\badres(?:[ \t]+is)?:?)[ \t]+(?:(?:op|aan|in)[ \t]+)?",
        r"(?:(?:de|het|'t)[ \t]+)?$",
    ))
});
// every match of ADDRESS_CUE_RE holds "woon", "wonende" or "adre" in its lower-cased text
// ("adre": under IGNORECASE an "s" also matches a long "ſ", whose lower case is no "s")
static WORD_RE: LazyLock<Re> = LazyLock::new(|| Re::new(r"['’]?[^\W\d_][\w'’.-]*"));

/// Whether a text may hold an address cue: `any(cue in low for cue in ("woon", "wonende",
/// "adre"))` of its lower-case form `low` (no character but an ASCII one lowers to these
/// letters).
fn may_hold_cue(low: &str) -> bool {
    low.contains("woon") || low.contains("wonende") || low.contains("adre")
}

/// Python `word.lower()`, without allocating for lower-case ASCII words.
fn lowered(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// `normalise(word)`, without allocating when it is the word itself.
fn normalised(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        && !word.ends_with('.')
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(normalise(word))
    }
}

/// Python `word[0].isupper()`.
fn opens_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Start and end (byte offsets) of every street + house number in `text`; `low` is the text
/// in lower case (`lexicon::lower`).
pub fn find_streets(text: &str, low: &str, lex: &Lexicon) -> Vec<(usize, usize)> {
    let numbers = house_numbers(text);
    if numbers.is_empty() {
        return Vec::new();
    }
    let cued = may_hold_cue(low);
    let mut spans = Vec::new();
    // (one buffer for the words before each number, one for their lower-case key)
    let mut words = Vec::with_capacity(32);
    let mut key = String::new();
    for (start, end) in numbers {
        words_before(text, chars_back(text, start, 1), &mut words);
        if words.is_empty() {
            continue;
        }
        if let Some(first) = street_start(text, &words, cued, lex, &mut key) {
            spans.push((first, end));
        }
    }
    spans
}

/// Every match of `HOUSE_NUMBER` in `text` (Python's `finditer`), tried only where one can
/// start.
///
/// The pattern opens with `\d(?<=[^\W\d_.][ \t\xa0]\d)`: a `\d` (an ASCII digit, or a
/// non-ASCII character: lead byte from 0xC0) right after one space, tab or no-break space
/// (bytes C2 A0) right after a letter (an ASCII one, or a non-ASCII character: last byte from
/// 0x80). Matches do not overlap and hold a digit: trying those positions in order with the
/// anchored pattern, from the end of the last match on, finds the same matches.
fn house_numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let letter = |j: usize| b[j].is_ascii_alphabetic() || b[j] >= 0x80;
    let mut numbers = Vec::new();
    let mut pos = 2;
    let mut i = 2;
    while i < b.len() {
        let c = b[i];
        if (c.is_ascii_digit() || c >= 0xC0) && i >= pos {
            let opens = match b[i - 1] {
                b' ' | b'\t' => letter(i - 2),
                0xA0 => i >= 3 && b[i - 2] == 0xC2 && letter(i - 3),
                _ => false,
            };
            if opens {
                if let Some((start, end)) = HOUSE_NUMBER_AT.find_at(text, i) {
                    numbers.push((start, end));
                    pos = end;
                }
            }
        }
        i += 1;
    }
    numbers
}

/// The ASCII characters of `[\w'’.-]` (of WORD_RE after its first letter): letters, digits and
/// `_'.-`.
const WORD_TAIL: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        table[c] = b.is_ascii_alphanumeric() || matches!(b, b'_' | b'\'' | b'.' | b'-');
        c += 1;
    }
    table
};

/// The last words (position, word) before `end`, separated by spaces only, into `words`.
fn words_before<'a>(text: &'a str, end: usize, words: &mut Vec<(usize, &'a str)>) {
    words.clear();
    // 80 characters back: 80 bytes back when they are ASCII
    let ascii = text.as_bytes()[end.saturating_sub(80)..end].is_ascii();
    let window = if ascii {
        end.saturating_sub(80)
    } else {
        chars_back(text, end, 80)
    };
    let hay = &text[..end];
    if ascii {
        // WORD_RE by hand: ['’]?[^\W\d_][\w'’.-]* (in ASCII text)
        let b = hay.as_bytes();
        let mut i = window;
        while i < b.len() {
            let start = i;
            if b[i] == b'\'' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                i += 2;
            } else if b[i].is_ascii_alphabetic() {
                i += 1;
            } else {
                i += 1;
                continue;
            }
            i += b[i..]
                .iter()
                .position(|&c| !WORD_TAIL[usize::from(c)])
                .unwrap_or(b.len() - i);
            words.push((start, &text[start..i]));
        }
    } else {
        let mut pos = window;
        while let Some((s, e)) = WORD_RE.find_at(hay, pos) {
            words.push((s, &text[s..e]));
            pos = e;
        }
    }
    if window > 0 && words.first().is_some_and(|w| w.0 == window) {
        words.remove(0); // may be the tail of a longer word
    }
    if words.len() > MAX_WORDS {
        words.drain(..words.len() - MAX_WORDS);
    }
    for k in (1..words.len()).rev() {
        let (prev, word) = words[k - 1];
        let gap = &text[prev + word.len()..words[k].0];
        if !gap.trim_matches([' ', '\t', '\u{a0}']).is_empty() {
            words.drain(..k);
            return;
        }
    }
}

/// Where the street name in `words` (ending right before the number) starts, if any.
///
/// `cued`: the text may hold an address cue ("woon", "adres"; else that test is skipped);
/// `full` is a buffer for the words' lower-case key.
fn street_start(
    text: &str,
    words: &[(usize, &str)],
    cued: bool,
    lex: &Lexicon,
    full: &mut String,
) -> Option<usize> {
    if cued {
        for k in (0..words.len()).rev() {
            // "ik woon op de meent 23"
            let position = words[k].0;
            if ADDRESS_CUE_RE
                .search(text, chars_back(text, position, 40), position)
                .is_some()
            {
                // but not "ik woon hier sinds 2019" (stop words other than particles: "van")
                let stop = words[k..].iter().any(|(_, w)| {
                    let key = normalised(w);
                    !lex.particle_words.contains(key.as_ref())
                        && lex.stop_words.contains(key.as_ref())
                });
                if !stop {
                    return Some(position);
                }
                break;
            }
        }
    }
    let last = words[words.len() - 1].1;
    let last_low = lowered(last);
    if STREET_SUFFIXES.iter().any(|s| last_low.ends_with(s)) {
        let mut first = words.len() - 1;
        while first > 0 && may_lead(words[first - 1].1, lex) {
            first -= 1;
        }
        while first < words.len() - 1 && !opens_upper(words[first].1) {
            first += 1; // a street name opens with its capitalised word, not with "op de"
        }
        return Some(words[first].0);
    }
    for k in 0..words.len().saturating_sub(2) {
        // "Laan van Nieuw Oost-Indië 250", "Plein van de Vrede 4"
        let word = words[k].1;
        if opens_upper(word)
            && STREET_SUFFIXES.contains(&lowered(word).as_ref())
            && lex
                .particle_words
                .contains(normalised(words[k + 1].1).as_ref())
            && words[k + 2..].iter().all(|(_, w)| may_lead(w, lex))
        {
            return Some(words[k].0);
        }
    }
    // normalise(" ".join(words[k:])) is a tail of the key of all words (lower() sees the
    // same context: words are parted by white space)
    full.clear();
    let mut offsets = [0; MAX_WORDS];
    for (k, (_, word)) in words.iter().enumerate() {
        if k > 0 {
            full.push(' ');
        }
        offsets[k] = full.len();
        let low = lowered(word);
        if low.contains('’') {
            full.push_str(&low.replace('’', "'"));
        } else {
            full.push_str(&low);
        }
    }
    let full = full.trim_end_matches('.');
    for (k, &(position, word)) in words.iter().enumerate() {
        let key = &full[offsets[k]..];
        if !lex.streets.contains(key) {
            continue;
        }
        let single = k == words.len() - 1;
        if !opens_upper(word) && single {
            continue; // "laan van meerdervoort 31" (a transcript), but not "balie 3"
        }
        if single
            && (lex.ordinary.contains(key)
                || key.chars().count() < 4
                || opens_sentence(text, position))
        {
            return None;
        }
        return Some(position);
    }
    None
}

/// A word that may stand before the street-type word: "Eerste", "Van", "der", "Burg.".
fn may_lead(word: &str, lex: &Lexicon) -> bool {
    opens_upper(word) || lex.particle_words.contains(normalised(word).as_ref())
}

/// Python `str.isspace()` for one character.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn opens_sentence(text: &str, pos: usize) -> bool {
    let before = text[chars_back(text, pos, 16)..pos].trim_end_matches(is_py_space);
    char_before(before, before.len()).is_none_or(|c| ".!?:;\n".contains(c))
}
