//! The word lists of the name and street rules, handed over by Python
//! (`klantmonitor.pii.lexicon`, which reads them from the installed `deduce` package), and the
//! word helpers that look words up in them.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::re::{is_letter, runs_of};

/// FxHash (as in rustc): a multiply-rotate hash, several times faster than the default SipHash
/// on short words (the word look-ups are the hot path). Not resistant to chosen collisions,
/// which here cost at most one comment's words probing longer.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while bytes.len() >= 8 {
            self.add(u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes")));
            bytes = &bytes[8..];
        }
        if bytes.len() >= 4 {
            self.add(u64::from(u32::from_le_bytes(
                bytes[..4].try_into().expect("4 bytes"),
            )));
            bytes = &bytes[4..];
        }
        if bytes.len() >= 2 {
            self.add(u64::from(u16::from_le_bytes(
                bytes[..2].try_into().expect("2 bytes"),
            )));
            bytes = &bytes[2..];
        }
        if let Some(&byte) = bytes.first() {
            self.add(u64::from(byte));
        }
    }

    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    #[inline]
    fn finish(&self) -> u64 {
        // the multiply leaves the low bits weak; hashbrown reads the top 7 bits for its tags
        self.0.rotate_left(26)
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// A map hashed with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// A set of words hashed with [`FxHasher`].
pub type WordSet = HashSet<String, FxBuild>;

/// Lower-cased word sets (see `klantmonitor.pii.lexicon.Lexicon`, field for field).
#[derive(Default)]
pub struct Lexicon {
    pub first_names: WordSet,
    /// also ambiguous ones ("mei", "roos"): only after a cue
    pub any_first_names: WordSet,
    pub surnames: WordSet,
    /// surnames that follow a particle: "vries", "amrani"
    pub particle_surnames: WordSet,
    /// ["van", "der"], ["el"], ["'t"], ["v.d"]
    pub particles: HashSet<Vec<String>, FxBuild>,
    pub particle_heads: WordSet,
    pub particle_words: WordSet,
    /// "dhr", "mevrouw", "de heer" (no trailing dot), longest first
    pub titles: Vec<String>,
    pub ordinary: WordSet,
    pub stop_words: WordSet,
    pub places: WordSet,
    pub streets: WordSet,
    /// first names and surnames together
    pub names: WordSet,
}

/// `word` without diacritics ("hüseyin" -> "huseyin"), as `lexicon.fold`.
pub fn fold(word: &str) -> String {
    let mut translated = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'ı' => translated.push('i'),
            'ł' => translated.push('l'),
            'ø' => translated.push('o'),
            'đ' => translated.push('d'),
            'ß' => translated.push_str("ss"),
            _ => translated.push(c),
        }
    }
    translated
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect()
}

/// Lookup key of a word: lower case, typographic apostrophe as ', no trailing dot.
pub fn normalise(word: &str) -> String {
    word.to_lowercase()
        .replace('’', "'")
        .trim_end_matches('.')
        .to_string()
}

/// The words of a text: slices of its lower-cased form ([`lower`]). A comment has few, so they
/// sit in a list (a linear look-up beats hashing; a word may repeat); from [`LIST_MAX`] words
/// on they are kept once each, with a set for look-ups.
#[derive(Default)]
pub struct TextWords<'a> {
    list: Vec<&'a str>,
    set: Option<HashSet<&'a str, FxBuild>>,
}

thread_local! {
    /// The list of the last [`TextWords`] dropped on this thread, for the next one.
    static LISTS: std::cell::Cell<Vec<&'static str>> = const { std::cell::Cell::new(Vec::new()) };
}

/// `list` emptied, its allocation kept, for words of another lifetime (an empty in-place
/// collect reuses the buffer).
fn recycled<'b>(mut list: Vec<&str>) -> Vec<&'b str> {
    list.clear();
    list.into_iter().map(|_| "").collect()
}

impl Drop for TextWords<'_> {
    fn drop(&mut self) {
        LISTS.set(recycled(std::mem::take(&mut self.list)));
    }
}

/// Words up to which [`TextWords`] looks up by scanning its list.
const LIST_MAX: usize = 32;

impl<'a> TextWords<'a> {
    fn insert(&mut self, word: &'a str) {
        if let Some(set) = &mut self.set {
            if set.insert(word) {
                self.list.push(word);
            }
        } else {
            self.list.push(word); // a repeat is harmless: look-ups and `any` see it twice
            if self.list.len() > LIST_MAX {
                let set: HashSet<_, _> = self.list.iter().copied().collect();
                self.list.clear();
                self.list.extend(set.iter().copied());
                self.set = Some(set);
            }
        }
    }

    /// Whether `word` is one of the words.
    pub fn contains(&self, word: &str) -> bool {
        match &self.set {
            Some(set) => set.contains(word),
            // the length and the first byte first: most words differ there (no memcmp call)
            None => self.list.iter().any(|w| {
                w.len() == word.len()
                    && w.as_bytes().first() == word.as_bytes().first()
                    && *w == word
            }),
        }
    }

    /// The words (in no meaningful order; in a short text a word may come twice).
    pub fn iter(&self) -> std::slice::Iter<'_, &'a str> {
        self.list.iter()
    }
}

impl<'a, 'b> IntoIterator for &'b TextWords<'a> {
    type Item = &'b &'a str;
    type IntoIter = std::slice::Iter<'b, &'a str>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

/// Python's `text.lower()` (ASCII without the Unicode tables).
pub fn lower(text: &str) -> String {
    let mut low = String::new();
    lower_into(text, &mut low);
    low
}

/// [`lower`] into `low` (its buffer reused).
pub fn lower_into(text: &str, low: &mut String) {
    low.clear();
    if text.is_ascii() {
        low.push_str(text);
        low.make_ascii_lowercase();
    } else {
        low.push_str(&text.to_lowercase());
    }
}

/// A bit per byte of `chunk` (eight ASCII bytes, the first in the lowest bits): bit k is set
/// when byte k is an ASCII letter.
#[inline]
fn letter_bits(chunk: u64) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // per byte, case folded (still below 0x80: no carry crosses bytes), the high bit of
    // `c + 0x1f` is set from b'a' up, that of `c + 0x05` from b'{' up
    let c = chunk | (0x20 * ONES);
    let letters = (c + 0x1f * ONES) & !(c + 0x05 * ONES) & HIGH;
    // the high bit of byte k to bit k
    ((letters >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// The runs of ASCII letters in the ASCII text `b`, as (start, end): eight bytes classified
/// at a time (no branch per byte).
fn ascii_letter_runs(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut base = 0; // the chunk: b[base..base + 8]
    let mut bits = 0u32; // its letters, a bit per byte
    let mut k = 8; // the next bit of the chunk to read (8: load the next chunk)
    let mut start = None; // the start of the run being read
    std::iter::from_fn(move || loop {
        if k == 8 {
            if base >= b.len() {
                // (the text ends in a run, or the last run was handed out)
                return start.take().map(|s| (s, b.len()));
            }
            let chunk = match b.get(base..base + 8) {
                Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()),
                None => {
                    let mut last = [0u8; 8]; // zero bytes (past the end) are no letters
                    last[..b.len() - base].copy_from_slice(&b[base..]);
                    u64::from_le_bytes(last)
                }
            };
            bits = letter_bits(chunk);
            k = 0;
        }
        match start {
            None => {
                let rest = bits.checked_shr(k).unwrap_or(0);
                if rest == 0 {
                    k = 8;
                    base += 8;
                    continue;
                }
                k += rest.trailing_zeros();
                start = Some(base + k as usize);
            }
            Some(s) => {
                // (the bits above 8 of `!bits` are set: the count stops at the chunk's end)
                k += (!bits >> k).trailing_zeros().min(8 - k);
                if k == 8 {
                    base += 8;
                    continue;
                }
                start = None;
                return Some((s, base + k as usize));
            }
        }
    })
}

/// The letter runs of `low` (a lower-cased text, see [`lower`]): `lexicon.words_of` is
/// `words_in(&lower(text))`.
pub fn words_in(low: &str) -> TextWords<'_> {
    let mut list = recycled(LISTS.take());
    list.reserve(16);
    let mut words = TextWords { list, set: None };
    if low.is_ascii() {
        for (start, end) in ascii_letter_runs(low.as_bytes()) {
            // SAFETY: in an ASCII text every position is a character boundary
            words.insert(unsafe { low.get_unchecked(start..end) });
        }
    } else {
        for (s, e) in runs_of(low, &[is_letter]) {
            words.insert(&low[s..e]);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_letter_runs_as_a_byte_scan() {
        let alphabet = b"aZq. -9@[`{_\n";
        let mut seed = 7u64;
        for round in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize + if round % 50 == 0 { 100 } else { 0 };
            let text: Vec<u8> = (0..len)
                .map(|i| alphabet[((seed >> (i % 50)) as usize + i * 7) % alphabet.len()])
                .collect();
            let mut want = Vec::new();
            let mut i = 0;
            while i < text.len() {
                if text[i].is_ascii_alphabetic() {
                    let start = i;
                    while i < text.len() && text[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    want.push((start, i));
                } else {
                    i += 1;
                }
            }
            let ours: Vec<_> = ascii_letter_runs(&text).collect();
            assert_eq!(ours, want, "{:?}", String::from_utf8_lossy(&text));
        }
        // every byte value below 0x80, alone and between letters
        for c in 0u8..0x80 {
            let text = [b'a', c, b'b'];
            let runs: Vec<_> = ascii_letter_runs(&text).collect();
            let want = if c.is_ascii_alphabetic() {
                vec![(0, 3)]
            } else {
                vec![(0, 1), (2, 3)]
            };
            assert_eq!(runs, want, "{c}");
        }
    }
}
