//! Regular expressions with Python `re` semantics (PCRE2: UTF, Unicode properties, JIT), and
//! text helpers that count in characters where the Python code counts in characters.
//!
//! All positions are byte offsets into the UTF-8 text.

use std::sync::LazyLock;

use pcre2::bytes::{Regex, RegexBuilder};

/// A compiled pattern in Python `re` syntax (`(?P<name>...)`, `(?P=name)`, look-around).
pub struct Re {
    regex: Regex,
}

impl Re {
    /// Compile `pattern` (Unicode `\w`, `\d`, `\b`, as Python's `re`); panics on a bad pattern.
    pub fn new(pattern: &str) -> Re {
        Re::build(pattern, false)
    }

    /// As [`Re::new`], ignoring case (Python's `re.IGNORECASE`).
    pub fn caseless(pattern: &str) -> Re {
        Re::build(pattern, true)
    }

    fn build(pattern: &str, caseless: bool) -> Re {
        let mut builder = RegexBuilder::new();
        builder
            .utf(true)
            .ucp(true)
            .caseless(caseless)
            .jit_if_available(true);
        // SAFETY: every subject is a `&str`, valid UTF-8 by construction.
        unsafe {
            builder.disable_utf_check();
        }
        let regex = builder
            .build(pattern)
            .unwrap_or_else(|e| panic!("bad pattern {pattern:?}: {e}"));
        Re { regex }
    }

    /// Whether the pattern matches anywhere in `text` (Python `search(text) is not None`).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text.as_bytes()).unwrap_or(false)
    }

    /// The first match at or after `start` (Python `search(text, start)`; the look-behinds
    /// still see the text before `start`).
    pub fn find_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        self.regex
            .find_at(text.as_bytes(), start)
            .ok()
            .flatten()
            .map(|m| (m.start(), m.end()))
    }

    /// Python `search(text, start, end)`: the text is cut at `end` (look-aheads see its end).
    pub fn search(&self, text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        self.find_at(&text[..end], start)
    }

    /// Python `match(text, start)`: a match that begins exactly at `start`.
    pub fn match_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        self.find_at(text, start).filter(|&(s, _)| s == start)
    }

    /// Python `fullmatch(text)`.
    pub fn full_match(&self, text: &str) -> bool {
        // every full match starts at 0 and ends at len; try the leftmost match first, then
        // anchored retries are not needed for patterns written with `^...$` by the caller
        matches!(self.find_at(text, 0), Some((0, e)) if e == text.len())
    }

    /// Every non-overlapping match (Python `finditer`), as (start, end).
    pub fn find_iter(&self, text: &str) -> Vec<(usize, usize)> {
        self.regex
            .find_iter(text.as_bytes())
            .filter_map(|m| m.ok())
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// The first match at or after `start`, with the span of each group.
    pub fn captures_at(&self, text: &str, start: usize) -> Option<Vec<Option<(usize, usize)>>> {
        let mut locs = self.regex.capture_locations();
        self.regex
            .captures_read_at(&mut locs, text.as_bytes(), start)
            .ok()
            .flatten()?;
        Some((0..locs.len()).map(|i| locs.get(i)).collect())
    }

    /// Index of the named group `name`.
    pub fn group_index(&self, name: &str) -> usize {
        self.regex
            .capture_names()
            .iter()
            .position(|n| n.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no group {name}"))
    }
}

/// The high bit of every byte of a `u64` (eight bytes).
pub const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The ASCII digits among the eight bytes of `w`: the high bit of each such byte.
#[inline]
pub fn ascii_digit_bits(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = w & !HIGH_BITS;
    // per byte (below 0x80: no carry crosses bytes), the high bit of `low7 + 0x50` is set from
    // b'0' up, that of `low7 + 0x46` from b':' up; a byte with its high bit set is no digit
    (low7 + 0x50 * ONES) & !(low7 + 0x46 * ONES) & !w & HIGH_BITS
}

/// The number of ASCII digits in `b`, eight bytes at a time.
pub fn ascii_digit_count(b: &[u8]) -> usize {
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        n += ascii_digit_bits(w).count_ones() as usize;
    }
    n + chunks
        .remainder()
        .iter()
        .filter(|c| c.is_ascii_digit())
        .count()
}

/// The first position from `from` where `hay` holds `needle` (bytes).
#[inline]
pub fn find_bytes(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (&first, rest) = needle.as_bytes().split_first()?;
    let b = hay.as_bytes();
    let last = b.len().checked_sub(needle.len())?;
    let mut i = from;
    while i <= last {
        i += memchr::memchr(first, &b[i..=last])?;
        if &b[i + 1..i + needle.len()] == rest {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Byte offset `n` characters before `pos` (or 0): Python's `max(0, pos - n)`.
pub fn chars_back(text: &str, pos: usize, n: usize) -> usize {
    if n == 0 {
        return pos;
    }
    text[..pos]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// Byte offset `n` characters after `pos` (or the end): Python's `min(len, pos + n)`.
pub fn chars_ahead(text: &str, pos: usize, n: usize) -> usize {
    text[pos..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| pos + i)
}

/// The character that ends at byte `pos` (Python `text[pos - 1]`), if any.
pub fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The character at byte `pos` (Python `text[pos]`), if any.
pub fn char_at(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// Python `str.isupper()`: at least one cased character, and no lower-case one.
pub fn is_upper(text: &str) -> bool {
    cased_only(text, char::is_uppercase, char::is_lowercase)
}

/// Python `str.islower()`: at least one cased character, and no upper-case one.
pub fn is_lower(text: &str) -> bool {
    cased_only(text, char::is_lowercase, char::is_uppercase)
}

/// At least one character of `text` is `wanted` and none is `other`.
fn cased_only(text: &str, wanted: fn(char) -> bool, other: fn(char) -> bool) -> bool {
    let mut cased = false;
    for c in text.chars() {
        if other(c) {
            return false;
        }
        cased |= wanted(c);
    }
    cased
}

/// Python's `str.isdigit()` for one character: a decimal digit (`\d`) or another digit
/// ("²", "①").
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    const OTHER_DIGITS: [(u32, u32); 20] = [
        (0xb2, 0xb3),
        (0xb9, 0xb9),
        (0x1369, 0x1371),
        (0x19da, 0x19da),
        (0x2070, 0x2070),
        (0x2074, 0x2079),
        (0x2080, 0x2089),
        (0x2460, 0x2468),
        (0x2474, 0x247c),
        (0x2488, 0x2490),
        (0x24ea, 0x24ea),
        (0x24f5, 0x24fd),
        (0x24ff, 0x24ff),
        (0x2776, 0x277e),
        (0x2780, 0x2788),
        (0x278a, 0x2792),
        (0x10a40, 0x10a43),
        (0x10e60, 0x10e68),
        (0x11052, 0x1105a),
        (0x1f100, 0x1f10a),
    ];
    let o = c as u32;
    OTHER_DIGITS.iter().any(|&(a, b)| a <= o && o <= b) || is_decimal(c)
}

// Character classes as PCRE2 (UTF + UCP) reads them: `\w`, `[^\W\d_]`, `\s`, `\d`; non-ASCII
// characters are asked of PCRE2 once each (up to U+2FFF) and remembered.
const CLASS_KNOWN: u8 = 1;
const CLASS_WORD: u8 = 2;
const CLASS_LETTER: u8 = 4;
const CLASS_SPACE: u8 = 8;
const CLASS_DECIMAL: u8 = 16;
const CLASS_CACHED: usize = 0x3000;

fn class_of(c: char) -> u8 {
    use std::sync::atomic::{AtomicU8, Ordering};
    static CACHE: [AtomicU8; CLASS_CACHED] = [const { AtomicU8::new(0) }; CLASS_CACHED];
    static WORD: LazyLock<Re> = LazyLock::new(|| Re::new(r"\A\w\z"));
    static LETTER: LazyLock<Re> = LazyLock::new(|| Re::new(r"\A[^\W\d_]\z"));
    static SPACE: LazyLock<Re> = LazyLock::new(|| Re::new(r"\A\s\z"));
    static DECIMAL: LazyLock<Re> = LazyLock::new(|| Re::new(r"\A\d\z"));
    let slot = CACHE.get(c as usize);
    if let Some(slot) = slot {
        let known = slot.load(Ordering::Relaxed);
        if known != 0 {
            return known;
        }
    }
    let mut buf = [0u8; 4];
    let s = c.encode_utf8(&mut buf);
    let mut class = CLASS_KNOWN;
    for (re, bit) in [
        (&WORD, CLASS_WORD),
        (&LETTER, CLASS_LETTER),
        (&SPACE, CLASS_SPACE),
        (&DECIMAL, CLASS_DECIMAL),
    ] {
        if re.is_match(s) {
            class |= bit;
        }
    }
    if let Some(slot) = slot {
        slot.store(class, Ordering::Relaxed);
    }
    class
}

/// Whether `c` is in a class: `ascii` answers for an ASCII character, PCRE2 (the `bit` of
/// [`class_of`]) for any other.
#[inline]
fn in_class(c: char, ascii: impl Fn(char) -> bool, bit: u8) -> bool {
    if c.is_ascii() {
        ascii(c)
    } else {
        class_of(c) & bit != 0
    }
}

/// `\w`
#[inline]
pub fn is_word(c: char) -> bool {
    in_class(c, |c| c.is_ascii_alphanumeric() || c == '_', CLASS_WORD)
}

/// `[^\W\d_]`: a letter
#[inline]
pub fn is_letter(c: char) -> bool {
    in_class(c, |c| c.is_ascii_alphabetic(), CLASS_LETTER)
}

/// `\s`
#[inline]
pub fn is_space(c: char) -> bool {
    in_class(
        c,
        |c| matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r'),
        CLASS_SPACE,
    )
}

/// A Unicode decimal digit (category Nd), as Python's `\d`.
#[inline]
pub fn is_decimal(c: char) -> bool {
    in_class(c, |c| c.is_ascii_digit(), CLASS_DECIMAL)
}

/// The tokens of `text` as (start, end): each a maximal run of characters of the first of
/// `classes` that holds its first character (the `finditer` of `[a]+|[b]+|...` for disjoint
/// classes), found without the regex engine.
pub fn runs_of<'a>(
    text: &'a str,
    classes: &'a [fn(char) -> bool],
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (start, c) = chars.next()?;
        let Some(class) = classes.iter().find(|class| class(c)) else {
            continue;
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !class(c) {
                end = i;
                break;
            }
            chars.next();
        }
        return Some((start, end));
    })
}

/// Python `str.strip(chars)`.
pub fn strip<'a>(text: &'a str, chars: &str) -> &'a str {
    text.trim_matches(|c| chars.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_digit_count_as_a_byte_count() {
        // every byte value, at every position of a chunk and in the remainder
        for len in 0..20 {
            for b in 0..=255u8 {
                let mut text = vec![b'7'; len];
                text.push(b);
                text.extend(b"x9\xff");
                let want = text.iter().filter(|c| c.is_ascii_digit()).count();
                assert_eq!(ascii_digit_count(&text), want, "{len} {b}");
            }
        }
    }
}
