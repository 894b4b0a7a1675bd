//! International phone numbers: phonenumbers' `is_possible_number(parse("+" + digits))`,
//! ported for the one kind of input the detector has, from phonenumbers' own metadata.
//!
//! Python hands over the metadata of every country calling code
//! (`klantmonitor.pii.validators.phone_metadata`); [`PhoneTable::is_possible_intl`] answers as
//! `klantmonitor.pii.validators.valid_intl_phone` does. The steps of `parse` that apply to a
//! "+digits" string: the viability and length checks, the calling code (1-3 digits, the first
//! known one), the national prefix (and carrier code) stripping kept only when the rest has a
//! possible length, the 2..=17 digits of a national significant number; then
//! `_test_number_length` of the general description (possible or possible local only).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::re::{is_decimal, Re};

/// `_MIN_LENGTH_FOR_NSN`, `_MAX_LENGTH_FOR_NSN`, `_MAX_LENGTH_COUNTRY_CODE`,
/// `_MAX_INPUT_STRING_LENGTH` of phonenumbers.
const MIN_NSN: usize = 2;
const MAX_NSN: usize = 17;
const MAX_CALLING_CODE: usize = 3;
const MAX_INPUT: usize = 250;

/// The metadata of one country calling code, as Python gives it (empty: absent).
#[derive(Clone, Debug, Default)]
pub struct PhoneMeta {
    pub calling_code: u32,
    pub national_prefix_for_parsing: String,
    pub national_prefix_transform_rule: String,
    /// `general_desc.national_number_pattern`
    pub national_number_pattern: String,
    /// `general_desc.possible_length` (as ordered there)
    pub possible_lengths: Vec<usize>,
    /// `general_desc.possible_length_local_only`
    pub local_only_lengths: Vec<usize>,
}

/// A piece of a `re.sub` replacement template.
#[derive(Debug)]
enum Piece {
    Text(String),
    Group(usize),
}

/// `_test_number_length`'s `ValidationResult` (what this port needs of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Length {
    Possible,
    PossibleLocalOnly,
    TooShort,
    TooLong,
    Invalid,
}

/// The regular expressions of one calling code, compiled on first use.
struct Compiled {
    /// `national_prefix_for_parsing`, anchored at the start (Python `match`)
    prefix: Option<Re>,
    /// the national number pattern, anchored at both ends (Python `fullmatch`)
    national: Option<Re>,
}

struct CallingCode {
    meta: PhoneMeta,
    transform: Option<Vec<Piece>>,
    compiled: OnceLock<Compiled>,
}

/// phonenumbers' metadata of every calling code, for [`PhoneTable::is_possible_intl`].
pub struct PhoneTable {
    codes: HashMap<u32, CallingCode>,
}

/// A Python `re` replacement template (`9\1`, `\g<2>`): literal text and group references.
fn template(rule: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = rule.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        let group = match chars.next() {
            Some(d @ '1'..='9') => {
                let mut n = d.to_digit(10).unwrap_or(0) as usize;
                if let Some(e) = chars.peek().and_then(|e| e.to_digit(10)) {
                    n = n * 10 + e as usize;
                    chars.next();
                }
                n
            }
            Some('g') => {
                let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
                name.strip_prefix('<')
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| format!("unsupported group reference in {rule:?}"))?
            }
            _ => return Err(format!("unsupported escape in {rule:?}")),
        };
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        pieces.push(Piece::Group(group));
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// The value of a decimal digit (Unicode category Nd, as Python's `\d` and
/// `unicodedata.digit`): the digits of every script come in runs of ten from 0 to 9.
fn digit_value(c: char) -> u32 {
    if c.is_ascii_digit() {
        return c as u32 - '0' as u32;
    }
    let mut before = 0;
    let mut code = c as u32;
    while let Some(prev) = code.checked_sub(1).and_then(char::from_u32) {
        if !is_decimal(prev) {
            break;
        }
        before += 1;
        code -= 1;
    }
    before % 10
}

/// The number of capturing groups of `pattern`.
fn group_count(pattern: &str) -> usize {
    // an alternative that matches anything, to see every group
    Re::new(&format!("(?:{pattern})|"))
        .captures_at("", 0)
        .map_or(0, |groups| groups.len() - 1)
}

impl CallingCode {
    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            let compile = |pattern: &str, end: &str| {
                (!pattern.is_empty()).then(|| Re::new(&format!(r"\A(?:{pattern}){end}")))
            };
            Compiled {
                prefix: compile(&self.meta.national_prefix_for_parsing, ""),
                national: compile(&self.meta.national_number_pattern, r"\z"),
            }
        })
    }

    /// `_match_national_number(number, general_desc, False)`
    fn national_match(&self, number: &str) -> bool {
        self.compiled()
            .national
            .as_ref()
            .is_some_and(|re| re.is_match(number))
    }

    /// `_test_number_length(number, metadata)` (type UNKNOWN: the general description).
    fn test_length(&self, number: &str) -> Length {
        let n = number.len();
        let lengths = &self.meta.possible_lengths;
        if self.meta.local_only_lengths.contains(&n) {
            return Length::PossibleLocalOnly;
        }
        let (first, last) = (lengths[0], lengths[lengths.len() - 1]);
        if first == n {
            Length::Possible
        } else if first > n {
            Length::TooShort
        } else if last < n {
            Length::TooLong
        } else if lengths[1..].contains(&n) {
            Length::Possible
        } else {
            Length::Invalid
        }
    }

    /// `_maybe_strip_national_prefix_carrier_code(number, metadata)[1]`
    fn strip_national_prefix(&self, number: &str) -> String {
        let Some(prefix) = self.compiled().prefix.as_ref() else {
            return number.to_string();
        };
        if number.is_empty() {
            return String::new();
        }
        let Some(groups) = prefix.captures_at(number, 0) else {
            return number.to_string();
        };
        let Some((_, end)) = groups[0] else {
            return number.to_string();
        };
        let viable = self.national_match(number);
        let stripped = match &self.transform {
            // (a transform rule comes with a group: checked when the table is built)
            Some(pieces) if groups[groups.len() - 1].is_some() => {
                let mut out = String::new();
                for piece in pieces {
                    match piece {
                        Piece::Text(text) => out.push_str(text),
                        Piece::Group(g) => {
                            if let Some((s, e)) = groups.get(*g).copied().flatten() {
                                out.push_str(&number[s..e]);
                            }
                        }
                    }
                }
                out.push_str(&number[end..]);
                out
            }
            _ => number[end..].to_string(),
        };
        if viable && !self.national_match(&stripped) {
            number.to_string()
        } else {
            stripped
        }
    }
}

impl PhoneTable {
    /// The table of `metas`; an error when phonenumbers' data has a shape this port does not
    /// know (a calling code without possible lengths, an unsupported transform rule).
    pub fn new(metas: Vec<PhoneMeta>) -> Result<PhoneTable, String> {
        let mut codes = HashMap::new();
        for meta in metas {
            let code = meta.calling_code;
            if meta.possible_lengths.is_empty() {
                return Err(format!("calling code {code} has no possible lengths"));
            }
            let transform = (!meta.national_prefix_transform_rule.is_empty())
                .then(|| template(&meta.national_prefix_transform_rule))
                .transpose()?;
            let entry = CallingCode {
                meta,
                transform,
                compiled: OnceLock::new(),
            };
            if entry.transform.is_some() {
                // phonenumbers reads the last group of the prefix match: it needs one
                if group_count(&entry.meta.national_prefix_for_parsing) == 0 {
                    return Err(format!(
                        "calling code {code}: a transform rule without a prefix group"
                    ));
                }
            }
            codes.insert(code, entry);
        }
        Ok(PhoneTable { codes })
    }

    /// Whether `text` (`+31 6 ...`, `0044 ...`, `+31 (0)6 ...`) is a possible phone number of
    /// its calling code: `valid_intl_phone(text)` of `klantmonitor.pii.validators`.
    pub fn is_possible_intl(&self, text: &str) -> bool {
        // valid_intl_phone: without "(0)", its decimal digits, a leading "00" dropped
        let mut digits: Vec<char> = text
            .replace("(0)", "")
            .chars()
            .filter(|&c| is_decimal(c))
            .collect();
        if digits.starts_with(&['0', '0']) {
            digits.drain(..2);
        }
        // parse("+" + digits): at most 250 characters; viable with 3 digits at least (and
        // then long enough after the '+')
        if digits.len() + 1 > MAX_INPUT || digits.len() <= MIN_NSN {
            return false;
        }
        let number: String = digits
            .iter()
            .map(|&c| char::from_digit(digit_value(c), 10).unwrap_or('0'))
            .collect();
        // the calling code: the first 1-3 digits that make a known one (none starts with 0)
        if number.starts_with('0') {
            return false;
        }
        let found = (1..=MAX_CALLING_CODE.min(number.len())).find_map(|k| {
            let code: u32 = number[..k].parse().ok()?;
            self.codes.get(&code).map(|entry| (entry, &number[k..]))
        });
        let Some((entry, national)) = found else {
            return false;
        };
        if national.len() < MIN_NSN {
            return false;
        }
        // the national prefix goes when what remains has a possible length (or is too long)
        let stripped = entry.strip_national_prefix(national);
        let national = match entry.test_length(&stripped) {
            Length::Possible | Length::TooLong => stripped.as_str(),
            _ => national,
        };
        if !(MIN_NSN..=MAX_NSN).contains(&national.len()) {
            return false;
        }
        // (the national significant number is `national` itself: the Italian leading zeros
        // are kept)
        matches!(
            entry.test_length(national),
            Length::Possible | Length::PossibleLocalOnly
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(code: u32, prefix: &str, rule: &str, pattern: &str, lengths: &[usize]) -> PhoneMeta {
        PhoneMeta {
            calling_code: code,
            national_prefix_for_parsing: prefix.into(),
            national_prefix_transform_rule: rule.into(),
            national_number_pattern: pattern.into(),
            possible_lengths: lengths.to_vec(),
            local_only_lengths: vec![],
        }
    }

    fn table() -> PhoneTable {
        let mut mg = meta(261, r"([24-9]\d{6})$|0", r"20\1", r"[23]\d{8}", &[9]);
        mg.local_only_lengths = vec![7];
        PhoneTable::new(vec![
            meta(
                31,
                "0",
                "",
                r"(?:[124-7]\d\d|3(?:[02-9]\d|1[0-8]))\d{6}|8\d{6,9}|9\d{6,10}|1\d{4,5}",
                &[5, 6, 7, 8, 9, 10, 11],
            ),
            meta(44, "0", "", r"[1-357-9]\d{9}|[18]\d{8}|8\d{6}", &[7, 9, 10]),
            mg,
            meta(800, "", "", r"(?:00|[1-9]\d)\d{6}", &[8]),
        ])
        .unwrap()
    }

    #[test]
    fn as_phonenumbers() {
        let t = table();
        for (text, ok) in [
            ("+31 6 12345678", true),
            ("+31 (0)6 12345678", true),
            ("0031 06 12345678", true),
            ("+31 612", false),
            ("+31 12345", true),
            ("+31 6123456789012", false),
            ("0044 20 7946 0958", true),
            ("+44 0 20 7946 0958", true),
            ("+261 20 22 123 45", true),
            ("+261 22 123 45", true),
            ("+800 1234 5678", true),
            ("+800 1234 567", false),
            ("+999 1234 5678", false),
            ("+0 31 612345678", false),
            ("+31", false),
            ("+٣١ ٦١٢٣٤٥٦٧٨", true),
        ] {
            assert_eq!(t.is_possible_intl(text), ok, "{text}");
        }
    }

    #[test]
    fn templates() {
        assert!(template(r"9\1").is_ok());
        assert!(matches!(template(r"\g<2>").unwrap()[..], [Piece::Group(2)]));
        assert!(template(r"\n").is_err());
        assert!(PhoneTable::new(vec![meta(1, "0", r"\1", "", &[10])]).is_err());
        assert!(PhoneTable::new(vec![meta(1, "0", "", "", &[])]).is_err());
    }
}
