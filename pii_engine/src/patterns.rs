//! Regular-expression rules of the structured PII categories: the single source of truth.
//! (Ported from the Python detector, `klantmonitor/pii/patterns.py` and `detector.py` before
//! commit a31b51a.)
//!
//! Each rule is a compiled pattern plus, where the shape alone is not enough, a validator (IBANs
//! by stdnum's registry in `ibans`; BSN 11-proof and Luhn as stdnum; foreign phone numbers by
//! phonenumbers' metadata in `phones`; IP addresses as Python's `ipaddress`)
//! and cheap pre-filters (digits, keywords, a hint). Street names before a house number are
//! decided in `streets`, person names in `names`.
//!
//! Most patterns open with the character class of their first character and check what stands
//! before it with a look-behind *after* it (`\d(?<![\w.]\d)`): a pattern that opens with a class
//! lets the regex engine skip to candidate positions, one that opens with a look-behind does not.

use std::sync::LazyLock;

use crate::ibans::IbanTable;
use crate::phones::PhoneTable;
use crate::re::{is_decimal, Re};
use crate::span::{Category, Span};

macro_rules! spaces {
    () => {
        r" \t\x{a0}"
    };
}
/// Horizontal white space (inside a character class).
const SPACES: &str = spaces!();
/// One horizontal white-space character.
const SP: &str = concat!("[", spaces!(), "]");
/// A letter (any script).
const L: &str = r"[^\W\d_]";

// --- e-mail (also "naam [at] gmail [dot] com", "naam(at)x(punt)nl", URL-encoded %40) --------
fn email() -> String {
    let at = format!(
        concat!(
            r"(?:{sp}*@{sp}*|%40|{sp}*[\[({{<]{sp}*(?:at|@|apenstaartje){sp}*[\])}}>]{sp}*",
            r"|{sp}+(?:at|apenstaartje|apestaartje){sp}+)",
        ),
        sp = SP,
    );
    let dot = format!(
        r"(?:\.|{SP}*[\[({{<]{SP}*(?:dot|punt|\.){SP}*[\])}}>]{SP}*|{SP}+(?:dot|punt){SP}+)"
    );
    // dictated: "jan underscore de vries", digits said one by one ("xs vier all")
    // (the two never match the same space)
    let digit_join = format!(r"{SP}+(?=\d)|(?<=\d){SP}+(?!\d)");
    // in the user part only a space before a digit joins ("vandam 5 7"): "6 info@x.nl" is a score
    let said_join = format!(r"{SP}+(?:underscore|streepje|liggend{SP}+streepje){SP}+|{SP}+(?=\d)");
    // A label is always followed by a dot or a digit join, which open with '.', white space or
    // a bracket; a user chunk by a dot, a join or the at, which open with '.', white space, a
    // bracket, '@' or '%': the look-aheads `(?![\w-])` and `(?![\w+-])` only cut off lengths
    // that cannot go on (the same matches; the backtracking fails at once).
    let label = r"[^\W_](?:[\w-]{0,62}[^\W_])?(?![\w-])";
    let chunk = r"[\w+%-]+(?![\w+-])";
    format!(
        concat!(
            r"(?<![\w.+%-]){chunk}(?:(?:{dot}|{said_join}){chunk}){{0,8}}{at}",
            r"{label}(?:(?:{dot}|{digit_join}){label}){{0,5}}{dot}{L}{{2,24}}",
            // "me at oliver.smith@gmail.com": the address starts at "oliver"
            r"(?![\w@-]|\.\w)",
        ),
        chunk = chunk,
        dot = dot,
        said_join = said_join,
        at = at,
        label = label,
        digit_join = digit_join,
        L = L,
    )
}

// --- IP addresses ----------------------------------------------------------------------------
const IPV4: &str = r"\d(?<![\w.]\d)\d{0,2}(?:\.\d{1,3}){3}(?!\w|\.\d)";
const IPV6: &str = concat!(
    r"[0-9a-fA-F:](?<![\w:.][0-9a-fA-F:])[0-9a-fA-F:.]*:[0-9a-fA-F:.]*[0-9a-fA-F](?:%\w+)?",
    r"(?![\w:]|\.\d)",
);

/// Python's `ipaddress.ip_address(text.split("%")[0])` succeeds.
fn valid_ip(text: &str) -> bool {
    let address = text.split('%').next().unwrap_or("");
    !address.contains('/') && (valid_ipv4(address) || valid_ipv6(address))
}

/// `ipaddress.IPv4Address`: four decimal octets (ASCII, at most 255, no leading zeros).
fn valid_ipv4(text: &str) -> bool {
    let mut n = 0;
    for octet in text.split('.') {
        n += 1;
        let ok = !octet.is_empty()
            && octet.len() <= 3
            && octet.bytes().all(|b| b.is_ascii_digit())
            && (octet == "0" || !octet.starts_with('0'))
            && octet.parse::<u32>().is_ok_and(|v| v <= 255);
        if !ok || n > 4 {
            return false;
        }
    }
    n == 4
}

/// `ipaddress.IPv6Address._ip_int_from_string` (after the scope id is cut off).
fn valid_ipv6(text: &str) -> bool {
    const HEXTETS: usize = 8;
    if text.is_empty() {
        return false;
    }
    let mut parts: Vec<&str> = text.split(':').collect();
    if parts.len() < 3 {
        return false;
    }
    // an IPv4-style suffix stands for two hextets
    if parts[parts.len() - 1].contains('.') {
        if !valid_ipv4(parts.pop().unwrap_or("")) {
            return false;
        }
        parts.extend(["0", "0"]);
    }
    if parts.len() > HEXTETS + 1 {
        return false;
    }
    // disregarding the endpoints, "::" with nothing in between skips a run of zeroes
    let mut skip_index = None;
    for (i, part) in parts.iter().enumerate().take(parts.len() - 1).skip(1) {
        if part.is_empty() {
            if skip_index.is_some() {
                return false; // at most one "::"
            }
            skip_index = Some(i);
        }
    }
    let last = parts.len() - 1;
    let (parts_hi, parts_lo) = if let Some(skip) = skip_index {
        let (mut hi, mut lo) = (skip, parts.len() - skip - 1);
        if parts[0].is_empty() {
            hi -= 1;
            if hi > 0 {
                return false; // a leading ':' only as part of "::"
            }
        }
        if parts[last].is_empty() {
            lo -= 1;
            if lo > 0 {
                return false; // a trailing ':' only as part of "::"
            }
        }
        if hi + lo >= HEXTETS {
            return false; // "::" must stand for at least one hextet
        }
        (hi, lo)
    } else {
        if parts.len() != HEXTETS || parts[0].is_empty() || parts[last].is_empty() {
            return false;
        }
        (parts.len(), 0)
    };
    let hextet =
        |h: &str| !h.is_empty() && h.len() <= 4 && h.bytes().all(|b| b.is_ascii_hexdigit());
    parts[..parts_hi].iter().all(|h| hextet(h))
        && parts[parts.len() - parts_lo..].iter().all(|h| hextet(h))
}

// --- IBAN (any country, grouped or not, any case) --------------------------------------------
fn iban() -> String {
    // also "NL 48 ABNA ..."
    format!(
        concat!(
            r"[A-Za-z](?<![\w-][A-Za-z])[A-Za-z]{sp}?\d{{2}}(?:{sp}?[A-Za-z0-9]{{4}}){{2,7}}",
            r"(?:{sp}?[A-Za-z0-9]{{1,3}})?(?!\w)",
        ),
        sp = SP,
    )
}

/// Spelled in a transcript: "n l 3 8 a s n b 4 1 7 ..." (see `spelled`).
fn iban_spoken() -> String {
    format!(r"[A-Za-z](?<![\w-][A-Za-z]){SP}[A-Za-z](?:{SP}[A-Za-z0-9]{{1,4}}){{12,32}}(?!\w)")
}

const NL_IBAN_SHAPE: &str = r"NL\d{2}[A-Z]{4}\d{10}";

// --- card numbers (13-19 digits, Luhn) ---------------------------------------------------------
const CARD: &str = r"[2-6](?<![\w.,+-][2-6])(?<!\d[ -].)(?:[ -]?\d){12,18}(?!\w|[ -]?\d|[.,]\d)";

/// stdnum's `luhn.is_valid` of the digits of `text` (a non-ASCII digit fails).
fn valid_card(text: &str) -> bool {
    let mut sum = 0;
    let mut n = 0;
    for c in text.chars().rev().filter(|&c| is_decimal(c)) {
        let Some(v) = c.to_digit(10).filter(|_| c.is_ascii()) else {
            return false;
        };
        sum += if n % 2 == 0 {
            v
        } else {
            v * 2 / 10 + v * 2 % 10
        };
        n += 1;
    }
    n > 0 && sum % 10 == 0
}

// --- phone numbers ---------------------------------------------------------------------------
// One optional separator between digits: space, dot, dash, slash, or a parenthesis; "(0)"
// after a country code.
fn psep() -> String {
    format!(r"(?:{SP}?[-./]{SP}?|{SP}|\){SP}?)?")
}

fn isep() -> String {
    format!(r"(?:{SP}?\(0?\){SP}?|{SP}?\(|{})", psep())
}

fn phone_nl() -> String {
    format!(
        r"(?:\((?<![\w+]\()0|0(?<![\w+-]0)(?<!\d[.,]0))(?:{}\d){{9}}(?!\d|[.,]\d)",
        psep()
    )
}

fn phone_intl() -> String {
    format!(
        r"(?:\+(?<![\w+]\+)|0(?<![\w+]0)0){SP}?[1-9](?:{}\d){{6,14}}(?!\d|[.,]\d)",
        isep()
    )
}

/// 31612345678 from SMS gateways.
const PHONE_NL_NO_PLUS: &str = r"316(?<![\w+]316)\d{8}(?!\d)";
/// Business information numbers survive.
const SERVICE_PREFIXES: [&str; 4] = ["0800", "0900", "0906", "0909"];
/// "01-02-2026 10"
const DATE_INSIDE: &str = r"\d{1,2}[-/. ]\d{1,2}[-/. ](?:19|20)\d\d\b";

// --- BSN (9 digits, 11-proof; any 8-9 digits right after "BSN") -------------------------------
const BSN: &str =
    r"\d(?<![\w.,+€$-]\d)(?<!\d[ .]\d)(?<!€ \d)(?<!EUR \d)(?:[ .]?\d){8}(?!\w|[ .,-]?\d)";

fn bsn_context() -> String {
    format!(
        concat!(
            r"(?i:\b(?:bsn|burgerservicenummer|sofi-?nummer)(?:-?nummer|{sp}+nr\.?|{sp}+is)?)",
            r"[{spaces}:.#]*(?P<bsn>\d(?:[ .]?\d){{7,8}})(?!\w|[ .]?\d)",
        ),
        sp = SP,
        spaces = SPACES,
    )
}

/// stdnum's `nl.bsn.is_valid` of the digits of `text`: stdnum maps full-width and mathematical
/// digits to ASCII (other digits fail), pads to 9 digits, and checks the 11-proof.
fn valid_bsn(text: &str) -> bool {
    let mut digits = [0u32; 9];
    let mut n = 0;
    for c in text.chars().filter(|&c| is_decimal(c)) {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '\u{ff10}'..='\u{ff19}' => c as u32 - 0xff10,
            '\u{1d7ce}'..='\u{1d7ff}' => (c as u32 - 0x1d7ce) % 10,
            _ => return false,
        };
        if n == 9 {
            return false; // too long
        }
        digits[n] = v;
        n += 1;
    }
    // zfill(9)
    digits.rotate_right(9 - n);
    if digits.iter().all(|&d| d == 0) {
        return false;
    }
    let sum: i64 = (0..8).map(|i| (9 - i as i64) * i64::from(digits[i])).sum();
    (sum - i64::from(digits[8])).rem_euclid(11) == 0
}

// --- addresses: postcode, street + house number -------------------------------------------------
// Capitals (with or without a space) except SA, SD, SS, which are not issued; lower case only
// written together and not a unit ("1000km", "1980er").
fn postcode() -> String {
    format!(
        concat!(
            r"[1-9](?<![\w-][1-9])\d{{3}}(?:{sp}?(?!S[ADS])[A-Z]{{2}}",
            r"|(?!(?:s[ads]|km|kg|mb|gb|kb|ml|cm|mm|kw|pk|er)\b)[a-z]{{2}})(?!\w)",
        ),
        sp = SP,
    )
}

/// Also spoken: "postcode is 12 34 a b".
fn postcode_context() -> String {
    format!(
        concat!(
            r"\bpostcode(?:{sp}+is)?[{spaces}:]*",
            r"(?P<postcode>[1-9](?:{sp}?\d){{3}}{sp}?[a-z]{sp}?[a-z])(?!\w)",
        ),
        sp = SP,
        spaces = SPACES,
    )
}

/// Endings of Dutch street names ("Kerkstraat", "Molenweg", "Oudegracht", "Dam").
pub const STREET_SUFFIXES: &[&str] = &[
    "straat",
    "straatje",
    "laan",
    "laantje",
    "weg",
    "wegje",
    "plein",
    "pleintje",
    "gracht",
    "kade",
    "kaai",
    "singel",
    "dijk",
    "dreef",
    "hof",
    "pad",
    "steeg",
    "markt",
    "park",
    "plantsoen",
    "baan",
    "dam",
    "erf",
    "veld",
    "wal",
    "burg",
    "boulevard",
    "allee",
    "ring",
    "weide",
    "oord",
    "kamp",
    "akker",
    "acker",
    "tuin",
    "gaarde",
    "horst",
    "donk",
    "haven",
    "kwartier",
    "passage",
    "promenade",
    "vaart",
    "sloot",
    "zoom",
    "stede",
    "poort",
    "brink",
    "hage",
    "hoeve",
    "heuvel",
    "weerd",
    "rade",
    "staete",
    "wetering",
];

/// A word, a space and the house number with an optional addition (12, 101a, 12 A, 3-hs, 12-2,
/// 12/3, 12 bis, 45-II); the street before it is decided in `streets`.
pub static HOUSE_NUMBER: LazyLock<Re> = LazyLock::new(|| Re::new(&house_number()));

fn house_number() -> String {
    let sp = format!("[{SPACES}]");
    format!(
        concat!(
            r"\d(?<=[^\W\d_.]{sp}\d)\d{{0,3}}(?:{sp}?[-/]{sp}?(?:\d{{1,4}}|{L}{{1,4}})(?!\w)",
            r"|{L}(?!\w)|{sp}(?:[A-Za-z](?:{sp}[a-z])?|hs|bis|huis|I{{1,3}}|bg|boven|beneden)(?!\w))?",
            // not a count or a measure ("snelweg 2 uur", "dijk 5 km"), nor an amount
            r"(?![.,]\d|\w|{sp}*(?:uur|u|keer|x|min|minuten|dag|dagen|week|weken|maand|maanden",
            r"|jaar|jaren|km|m|meter|kilo|kg|euro|eur|procent|%)(?!\w))",
        ),
        sp = sp,
        L = L,
    )
}

/// [`HOUSE_NUMBER`] anchored at the search start (`\G`): tried only where a byte scan finds
/// its opening (see `streets`).
pub static HOUSE_NUMBER_AT: LazyLock<Re> =
    LazyLock::new(|| Re::new(&format!(r"\G(?:{})", house_number())));

// --- licence plates (Dutch sidecodes 1-14) ------------------------------------------------------
const SIDECODES: [&str; 14] = [
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D", "D-LLL-DD",
    "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
];
/// Letters issued since 1978 (no vowels, no C, M, Q, W, Y).
const MODERN_LETTERS: &str = "BDFGHJKLNPRSTVXZ";

/// All sidecodes as one alternation; `sep` is the separator pattern, the same twice.
fn plate_pattern(sep: &str, letter: &str) -> String {
    let shapes: Vec<String> = SIDECODES
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let mut parts = code.split('-').map(|part| {
                if part.starts_with('L') {
                    letter.repeat(part.len())
                } else {
                    r"\d".repeat(part.len())
                }
            });
            let (first, second, third) = (
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
            );
            format!("{first}(?P<s{i}>{sep}){second}(?P=s{i}){third}")
        })
        .collect();
    // (the look-ahead lets through only words with a digit near their start; the first one,
    // true of every shape, lets the regex engine skip to candidate positions)
    let has_digit =
        format!(r"(?=\d|{letter}{{1,3}}[ -]?\d|{letter}{{2}}[ -]?{letter}{{2}}[ -]?\d)");
    format!(
        r"(?=\d|{letter})(?<![\w-]){has_digit}(?:{})(?![\w]|-\w)",
        shapes.join("|")
    )
}

/// "L" for a letter, "D" for anything else, over the characters `keep` keeps.
fn shape(text: &str, keep: fn(char) -> bool) -> impl Iterator<Item = char> + Clone + '_ {
    text.chars()
        .filter(move |&c| keep(c))
        .map(|c| if c.is_alphabetic() { 'L' } else { 'D' })
}

/// With dashes any plate; without, not "GM1942" (a CBS code, sidecode 1) or "1234AB" (a
/// postcode, sidecode 2); with spaces only the letters issued since 1978.
fn valid_plate(text: &str) -> bool {
    if text.contains('-') {
        return true;
    }
    let compact = shape(text, |c| c != ' ');
    !compact.clone().eq("LLDDDD".chars())
        && !compact.eq("DDDDLL".chars())
        && (!text.contains(' ')
            || text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| MODERN_LETTERS.contains(c)))
}

/// In capitals with dashes, spaces or nothing between the groups (case-sensitive patterns scan
/// twice as fast as one that ignores case).
fn licence_plate() -> String {
    plate_pattern(r"-|[ ]?", "[A-Z]")
}

/// In lower case with dashes.
fn licence_plate_lower() -> String {
    plate_pattern("-", "[a-z]")
}

/// After "kenteken" any notation: "kenteken 12abc3".
fn licence_plate_context() -> String {
    format!(
        r"(?i:\bkenteken\w*)[{SPACES}:]*(?P<plate>{})",
        plate_pattern("[ -]?", "[A-Z]")
    )
}

/// "kenteken is f x 5 0 h k", "17 x p t 4" (see `spelled`).
fn licence_plate_spoken() -> String {
    format!(
        concat!(
            r"\bkenteken\w*(?:{sp}+is)?[{spaces}:]*",
            r"(?P<plate>[a-z\d]{{1,3}}(?:{sp}[a-z\d]{{1,3}}){{1,5}})(?!\w)",
        ),
        sp = SP,
        spaces = SPACES,
    )
}

/// Six letters and digits in the order of a sidecode, the groups as said.
fn valid_spoken_plate(text: &str) -> bool {
    let said = shape(text, char::is_alphanumeric);
    SIDECODES
        .iter()
        .any(|code| code.chars().filter(|&c| c != '-').eq(said.clone()))
}

// --- date of birth (a date is only PII after "geboren", "geb.", "geboortedatum", ...) --------
const MONTHS: &str = concat!(
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
    "|january|february|march|may|june|july|august|october",
    "|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec",
);

fn date() -> String {
    format!(
        concat!(
            r"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}{sp}?[-/.]{sp}?\d{{1,2}}{sp}?[-/.]{sp}?",
            r"(?:\d{{4}}|\d\d)|\d{{1,2}}{sp}\d{{1,2}}{sp}(?:\d{{4}}|\d\d)(?:{sp}?\d\d)?",
            r"|(?:\d{{1,2}}(?:e|ste|de|st|nd|rd|th)?|een|één){sp}+(?:{months})\.?",
            r"(?:,?{sp}+\d{{2,4}}(?:{sp}?\d\d)?)?",
            r"|(?:{months})\.?{sp}+\d{{1,2}}(?:st|nd|rd|th)?,?{sp}+\d{{4}})",
        ),
        sp = SP,
        months = MONTHS,
    )
}

fn date_of_birth() -> String {
    format!(
        concat!(
            r"(?<!\w)(?:geboren|geb\.|geb(?=\s)|geboortedatum|geboorte\s?datum|geb\.?\s?datum",
            r"|gebdat",
            r"|date\s+of\s+birth|birth\s?date|birthday|born|d\.?o\.?b\.?",
            // "ik ben van 7 juli 1999": a full date with a year of birth
            r"|ik\s+ben\s+van(?=\s+(?:\d{{1,2}}\s+[^\W\d_]+\.?|\d{{1,2}}[-/.]\d{{1,2}}[-/.])\s*",
            r"(?:19\d\d|20[01]\d)(?!\d)))",
            r"[^\n\d\[\],;]{{0,25}}?(?P<date>{date})(?!\w|[-/.]\d)",
        ),
        date = date(),
    )
}

const EMAIL_WORDS: &[&str] = &[
    "@",
    "%40",
    " at ",
    "at]",
    "at)",
    "at}",
    "at>",
    "apenstaartje",
    "apestaart",
];
const BIRTH_WORDS: &[&str] = &["geb", "born", "birth", "dob", "d.o.b", "ben van"];

// --- the rules ---------------------------------------------------------------------------------

/// A validator: stdnum's IBAN registry, phonenumbers' metadata or one of the functions above.
#[derive(Clone, Copy, Debug)]
enum Validate {
    Ip,
    Iban,
    Card,
    IntlPhone,
    NlPhone,
    Bsn,
    Plate,
    SpokenPlate,
}

/// A rule before compilation: a pattern for one category; `group` holds the PII, `validate`
/// confirms it. The rule only runs on texts with at least `min_digits` digits and, if
/// `keywords` are given, one of them in the lower-cased text (Python's pre-filters). `gate`
/// says where in a text the pattern can first match (see [`Gate`]). With `trim`, a candidate
/// that fails validation is retried without its trailing whitespace-separated chunks (a greedy
/// pattern may have taken a following word or number).
struct Spec {
    category: Category,
    pattern: String,
    caseless: bool,
    validate: Option<Validate>,
    group: Option<&'static str>,
    trim: bool,
    min_digits: usize,
    keywords: &'static [&'static str],
    gate: Gate,
}

impl Spec {
    fn new(category: Category, pattern: impl Into<String>, gate: Gate) -> Spec {
        Spec {
            category,
            pattern: pattern.into(),
            caseless: false,
            validate: None,
            group: None,
            trim: false,
            min_digits: 1,
            keywords: &[],
            gate,
        }
    }
    fn caseless(mut self) -> Spec {
        self.caseless = true;
        self
    }
    fn validate(mut self, validate: Validate) -> Spec {
        self.validate = Some(validate);
        self
    }
    fn group(mut self, name: &'static str) -> Spec {
        self.group = Some(name);
        self
    }
    fn trim(mut self) -> Spec {
        self.trim = true;
        self
    }
    fn min_digits(mut self, n: usize) -> Spec {
        self.min_digits = n;
        self
    }
    fn keywords(mut self, keywords: &'static [&'static str]) -> Spec {
        self.keywords = keywords;
        self
    }
}

/// Every structured rule (Python's `RULES`); a text's digits and keywords decide which run.
/// (Python's hints, `\d\.\d` for IPv4, `[A-Za-z]\s?\d\d` for IBAN and the letter-digit pairs of
/// licence plates, match inside every match of their pattern: the gates replace them.)
fn specs() -> Vec<Spec> {
    use Category::*;
    use Validate as V;
    vec![
        Spec::new(Email, email(), Gate::Email)
            .caseless()
            .min_digits(0)
            .keywords(EMAIL_WORDS),
        Spec::new(Ip, IPV4, Gate::Ipv4)
            .validate(V::Ip)
            .min_digits(4)
            .keywords(&["."]),
        Spec::new(Ip, IPV6, Gate::Ipv6)
            .validate(V::Ip)
            .keywords(&[":"]),
        Spec::new(Iban, iban(), Gate::Iban)
            .validate(V::Iban)
            .trim()
            .min_digits(8),
        Spec::new(Iban, iban_spoken(), Gate::Keywords)
            .validate(V::Iban)
            .trim()
            .min_digits(8)
            .keywords(&["iban", "rekening"]),
        Spec::new(Card, CARD, Gate::Card)
            .validate(V::Card)
            .trim()
            .min_digits(13),
        Spec::new(Phone, phone_intl(), Gate::PhoneIntl)
            .validate(V::IntlPhone)
            .trim()
            .min_digits(8)
            .keywords(&["+", "00"]),
        Spec::new(Phone, phone_nl(), Gate::PhoneNl)
            .validate(V::NlPhone)
            .min_digits(10)
            .keywords(&["0"]),
        Spec::new(Phone, PHONE_NL_NO_PLUS, Gate::Run(11))
            .min_digits(11)
            .keywords(&["316"]),
        Spec::new(Bsn, bsn_context(), Gate::BsnContext)
            .group("bsn")
            .min_digits(8)
            .keywords(&["bsn", "burgerservice", "sofi"]),
        Spec::new(Bsn, BSN, Gate::Bsn)
            .validate(V::Bsn)
            .min_digits(9),
        Spec::new(LicencePlate, licence_plate(), Gate::Plate).validate(V::Plate),
        Spec::new(LicencePlate, licence_plate_lower(), Gate::PlateLower).keywords(&["-"]),
        Spec::new(LicencePlate, licence_plate_context(), Gate::Keywords)
            .caseless()
            .group("plate")
            .keywords(&["kenteken"]),
        Spec::new(LicencePlate, licence_plate_spoken(), Gate::Keywords)
            .caseless()
            .validate(V::SpokenPlate)
            .group("plate")
            .trim()
            .keywords(&["kenteken"]),
        Spec::new(Date, date_of_birth(), Gate::Birth)
            .caseless()
            .group("date")
            .min_digits(2)
            .keywords(BIRTH_WORDS),
        Spec::new(Address, postcode(), Gate::Postcode).min_digits(4),
        Spec::new(Address, postcode_context(), Gate::PostcodeContext)
            .caseless()
            .group("postcode")
            .min_digits(4)
            .keywords(&["postcode"]),
    ]
}

/// Where a rule's pattern can first match in a text, found by a scan of its bytes: `None` when
/// it cannot match (or none of its matches can pass validation), else a position at or before
/// the start of its leftmost match, where the search can start (the look-behinds still see the
/// text before it: the same matches). Every gate also applies the rule's keywords, exactly.
///
/// The digits the patterns need are `\d`, Unicode decimal digits: a [`Scan`] groups the ASCII
/// digits together with every non-ASCII character that may be one (see [`maybe_digit_lead`]),
/// so its groups hold every run of `\d` characters.
#[derive(Clone, Copy, Debug)]
enum Gate {
    /// The keywords only; the search starts at 0.
    Keywords,
    Email,
    Ipv4,
    Ipv6,
    Iban,
    Card,
    PhoneIntl,
    PhoneNl,
    /// A run of at least this many digits (`316\d{8}`).
    Run(u32),
    BsnContext,
    Bsn,
    Plate,
    PlateLower,
    Birth,
    Postcode,
    PostcodeContext,
}

/// A compiled [`Spec`]; `group` 0 is the whole match.
struct Rule {
    category: Category,
    regex: Re,
    /// The pattern anchored at the search start (`\G`), for rules tried only at the candidate
    /// starts a byte scan finds (see [`Rules::next_match`]).
    anchored: Option<Re>,
    validate: Option<Validate>,
    group: usize,
    trim: bool,
    min_digits: usize,
    keywords: &'static [&'static str],
    gate: Gate,
}

impl Rule {
    fn compile(spec: Spec) -> Rule {
        let regex = if spec.caseless {
            Re::caseless(&spec.pattern)
        } else {
            Re::new(&spec.pattern)
        };
        let anchored = matches!(spec.gate, Gate::Iban | Gate::Plate).then(|| {
            // (neither rule ignores case)
            Re::new(&format!(r"\G(?:{})", spec.pattern))
        });
        Rule {
            category: spec.category,
            anchored,
            group: spec.group.map_or(0, |name| regex.group_index(name)),
            regex,
            validate: spec.validate,
            trim: spec.trim,
            min_digits: spec.min_digits,
            keywords: spec.keywords,
            gate: spec.gate,
        }
    }

    /// Python's keyword pre-filter: one of the keywords in the lower-cased text.
    fn keyword_in(&self, low: &str) -> bool {
        self.keywords.is_empty() || self.keywords.iter().any(|k| low.contains(k))
    }
}

/// A lead byte of a UTF-8 character that may be a Unicode decimal digit: not U+0080-U+063F
/// (lead bytes C2-D8: Latin-1 to Arabic, whose first digit is U+0660) nor U+2000-U+2FFF (lead
/// byte E2: punctuation, symbols, ...; `€`). Checked against PCRE2's own tables in the tests.
fn maybe_digit_lead(b: u8) -> bool {
    !matches!(b, 0xC2..=0xD8 | 0xE2)
}

/// A maximal run of characters that may be `\d`: ASCII digits and the non-ASCII characters
/// [`maybe_digit_lead`] lets through (bytes `start..end`); `n` counts them.
#[derive(Clone, Copy, Default, Debug)]
struct Group {
    start: usize,
    end: usize,
    n: u32,
}

const MAX_GROUPS: usize = 32;

/// The digit groups of a text, in order; `complete` is false when there were more than
/// [`MAX_GROUPS`] (then every gate lets the rule search the whole text).
struct Scan<'a> {
    text: &'a [u8],
    groups: [Group; MAX_GROUPS],
    len: usize,
    complete: bool,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Scan<'a> {
        let b = text.as_bytes();
        let mut scan = Scan {
            text: b,
            groups: [Group::default(); MAX_GROUPS],
            len: 0,
            complete: true,
        };
        let mut i = 0;
        while i < b.len() {
            // skip eight bytes at a time that hold no digit and no non-ASCII byte
            while let Some(chunk) = b.get(i..i + 8) {
                if digit_or_high_in(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]))) {
                    break;
                }
                i += 8;
            }
            let Some(&c) = b.get(i) else {
                break;
            };
            if !c.is_ascii_digit() && (c < 0x80 || !maybe_digit_lead(c)) {
                i += 1;
                continue;
            }
            // a group starts at i
            let start = i;
            let mut n = 0;
            while i < b.len() {
                let c = b[i];
                if c.is_ascii_digit() {
                    i += 1;
                } else if c >= 0xC0 && maybe_digit_lead(c) {
                    i += 1;
                    while i < b.len() && (0x80..0xC0).contains(&b[i]) {
                        i += 1;
                    }
                } else {
                    break;
                }
                n += 1;
            }
            if n == 0 {
                // a continuation byte of a character whose lead was skipped cannot come here
                i += 1;
                continue;
            }
            if scan.len == MAX_GROUPS {
                scan.complete = false;
                break;
            }
            scan.groups[scan.len] = Group { start, end: i, n };
            scan.len += 1;
        }
        scan
    }

    fn groups(&self) -> &[Group] {
        &self.groups[..self.len]
    }

    fn at(&self, i: usize) -> u8 {
        self.text.get(i).copied().unwrap_or(0)
    }

    /// The start of the first chain of groups, each joined to the next by a gap that `link`
    /// accepts, with at least `min` characters in its groups.
    fn chain(&self, min: u32, link: impl Fn(&[u8]) -> bool) -> Option<usize> {
        if !self.complete {
            return Some(0);
        }
        let mut start = 0;
        let mut n = 0;
        for (i, g) in self.groups().iter().enumerate() {
            if i > 0 && link(&self.text[self.groups[i - 1].end..g.start]) {
                n += g.n;
            } else {
                start = g.start;
                n = g.n;
            }
            if n >= min {
                return Some(start);
            }
        }
        None
    }

    /// The first group for which `test` holds, as the position `test` returns.
    fn first(&self, test: impl Fn(&Group) -> Option<usize>) -> Option<usize> {
        if !self.complete {
            return Some(0);
        }
        self.groups().iter().find_map(test)
    }
}

/// The white space of the patterns (`[ \t\xa0]`) ends at byte `i` (exclusive): its length.
fn space_before(b: &[u8], i: usize) -> Option<usize> {
    match i.checked_sub(1).map(|j| b[j]) {
        Some(b' ' | b'\t') => Some(1),
        Some(0xA0) if i >= 2 && b[i - 2] == 0xC2 => Some(2),
        _ => None,
    }
}

/// A gap of a phone number between two digits: at most 6 bytes of white space, `-./()`
/// (`\xa0(0)\xa0` is the longest: its digit is a group of its own).
fn phone_gap(gap: &[u8]) -> bool {
    gap.len() <= 6
        && gap.iter().all(|b| {
            matches!(
                b,
                b' ' | b'\t' | 0xC2 | 0xA0 | b'-' | b'.' | b'/' | b'(' | b')'
            )
        })
}

/// `text` (lower case) contains one of [`EMAIL_WORDS`].
fn email_words(low: &str) -> bool {
    // "@", "%40", " at ", "at]", "at)", "at}", "at>" and "staa" (of "apenstaartje" and
    // "apestaart") tested at every byte, 16 at a time (SSE2), over a copy padded with three zero
    // bytes before and 19 after (no keyword holds a zero byte: the padding matches nothing, and
    // every 16-byte load with its look-around stays inside the copy). All keywords are ASCII:
    // byte tests are exact.
    let b = low.as_bytes();
    let n = b.len();
    let mut buf = [0u8; 3 + 240 + 19];
    if n > 240 {
        return EMAIL_WORDS.iter().any(|k| low.contains(k));
    }
    buf[3..3 + n].copy_from_slice(b);
    let (hit, staa) = keyword_masks(&buf, n);
    hit || (staa && (low.contains("apenstaartje") || low.contains("apestaart")))
}

/// [`email_words`] without the full "apenstaartje"/"apestaart" test: (a keyword other than
/// those two, "staa"), over `buf` (the `n` bytes of the text from offset 3, zero padded).
#[cfg(target_arch = "x86_64")]
fn keyword_masks(buf: &[u8; 262], n: usize) -> (bool, bool) {
    use std::arch::x86_64::*;
    let mut staa = false;
    let mut i = 3;
    while i < n + 3 {
        // SAFETY: SSE2 is part of x86_64; every load reads buf[i - 1..i + 19], inside the
        // buffer since i < n + 3 <= 243 (loads are unaligned).
        let (hit, s) = unsafe {
            let load = |k: usize| _mm_loadu_si128(buf.as_ptr().add(k).cast::<__m128i>());
            let eq = |v: __m128i, c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let (p, c, n1, n2, n3) = (load(i - 1), load(i), load(i + 1), load(i + 2), load(i + 3));
            let at = _mm_and_si128(eq(c, b'a'), eq(n1, b't'));
            let close = _mm_or_si128(
                _mm_or_si128(eq(n2, b']'), eq(n2, b')')),
                _mm_or_si128(
                    _mm_or_si128(eq(n2, b'}'), eq(n2, b'>')),
                    _mm_and_si128(eq(n2, b' '), eq(p, b' ')),
                ),
            );
            let pct = _mm_and_si128(_mm_and_si128(eq(c, b'%'), eq(n1, b'4')), eq(n2, b'0'));
            let hit = _mm_or_si128(_mm_or_si128(eq(c, b'@'), pct), _mm_and_si128(at, close));
            let st = _mm_and_si128(
                _mm_and_si128(eq(c, b's'), eq(n1, b't')),
                _mm_and_si128(eq(n2, b'a'), eq(n3, b'a')),
            );
            (_mm_movemask_epi8(hit), _mm_movemask_epi8(st))
        };
        if hit != 0 {
            return (true, staa);
        }
        staa |= s != 0;
        i += 16;
    }
    (false, staa)
}

#[cfg(not(target_arch = "x86_64"))]
fn keyword_masks(buf: &[u8; 262], n: usize) -> (bool, bool) {
    let w = &buf[..n + 6];
    let (mut hit, mut staa) = (false, false);
    for i in 3..n + 3 {
        let (p, c, n1, n2, n3) = (w[i - 1], w[i], w[i + 1], w[i + 2], w[i + 3]);
        staa |= c == b's' && n1 == b't' && n2 == b'a' && n3 == b'a';
        hit |= c == b'@'
            || (c == b'%' && n1 == b'4' && n2 == b'0')
            || (c == b'a' && n1 == b't' && (b"])}>".contains(&n2) || (n2 == b' ' && p == b' ')));
    }
    (hit, staa)
}

/// `low` contains one of [`BIRTH_WORDS`], each of which has a "b".
fn birth_words(low: &str) -> bool {
    let b = low.as_bytes();
    low.match_indices('b').any(|(i, _)| {
        let (before, rest) = b.split_at(i);
        before.ends_with(b"ge")
            || before.ends_with(b"do")
            || before.ends_with(b"d.o.")
            || rest.starts_with(b"born")
            || rest.starts_with(b"birth")
            || rest.starts_with(b"ben van")
    })
}

/// Python's `\s` (Unicode white space and the separators \x1c-\x1f).
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Where `\s+\S*$` matches in `text`: the start of its last run of white space.
fn trailing_chunk(text: &str) -> Option<usize> {
    let (last, _) = text.char_indices().rev().find(|&(_, c)| is_space(c))?;
    Some(
        text[..last]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_space(c))
            .last()
            .map_or(last, |(i, _)| i),
    )
}

/// Every structured rule, compiled, with the validators Python supplies.
pub struct Rules {
    rules: Vec<Rule>,
    nl_iban_shape: Re,
    date_inside: Re,
    ibans: IbanTable,
    phones: PhoneTable,
}

impl Rules {
    /// `ibans`: stdnum's IBAN registry, to test a compact upper-case IBAN; `phones`:
    /// phonenumbers' metadata, to test an international phone number candidate (as matched).
    pub fn new(ibans: IbanTable, phones: PhoneTable) -> Rules {
        Rules {
            rules: specs().into_iter().map(Rule::compile).collect(),
            nl_iban_shape: Re::new(NL_IBAN_SHAPE),
            date_inside: Re::new(DATE_INSIDE),
            ibans,
            phones,
        }
    }

    /// stdnum's test of a compact upper-case IBAN (its national checks aside).
    pub fn iban_valid(&self, compact: &str) -> bool {
        self.ibans.is_valid(compact)
    }

    /// phonenumbers' test of an international phone number candidate (as matched).
    pub fn intl_phone_possible(&self, text: &str) -> bool {
        self.phones.is_possible_intl(text)
    }

    /// The validated matches of every rule whose pre-filters let `work` through (`n_digits`:
    /// its ASCII digits, `low`: its lower case).
    pub fn spans(&self, work: &str, n_digits: usize, low: &str) -> Vec<Span> {
        let scan = Scan::new(work);
        let mut found = Vec::new();
        for rule in &self.rules {
            if n_digits < rule.min_digits {
                continue;
            }
            if let Some(start) = gate(rule, &scan, work, low) {
                self.rule_spans(rule, &scan, work, start, &mut found);
            }
        }
        found
    }

    /// The validated matches of `rule` in `text` from `start` (Python's `finditer`:
    /// non-overlapping; no match starts before `start`).
    fn rule_spans(
        &self,
        rule: &Rule,
        scan: &Scan,
        text: &str,
        start: usize,
        found: &mut Vec<Span>,
    ) {
        let mut pos = start;
        // the whole match first: group rules rarely match, and captures cost more
        while let Some((m_start, next)) = self.next_match(rule, scan, text, pos) {
            let (start, end) = match rule.gate {
                _ if rule.group == 0 => (m_start, next),
                // the group ends the match and opens with its first digit (the words, spaces
                // and punctuation before it have none)
                Gate::BsnContext | Gate::PostcodeContext => {
                    let first = text[m_start..next]
                        .char_indices()
                        .find(|&(_, c)| is_decimal(c))
                        .map_or(next, |(i, _)| m_start + i);
                    (first, next)
                }
                _ => {
                    // the same match, from its start
                    let groups = rule.regex.captures_at(text, m_start);
                    groups.and_then(|g| g[rule.group]).unwrap_or((next, next))
                }
            };
            if let Some(span) = self.match_span(rule, start, end, text) {
                found.push(span);
            }
            // (no pattern matches the empty string; step over one anyway)
            pos = if next > pos {
                next
            } else {
                match crate::re::char_at(text, next) {
                    Some(c) => next + c.len_utf8(),
                    None => break,
                }
            };
        }
    }
    /// The leftmost match of `rule` that starts at or after `pos` (`regex.find_at(text, pos)`):
    /// for some rules, searched from a later position, or tried only at the positions where a
    /// match can start, which a byte scan finds. Each arm argues why that is the same match.
    fn next_match(
        &self,
        rule: &Rule,
        scan: &Scan,
        text: &str,
        pos: usize,
    ) -> Option<(usize, usize)> {
        let b = scan.text;
        match (rule.gate, &rule.anchored) {
            (Gate::Email, _) => rule.regex.find_at(text, email_start(b, pos)?),
            // Every match opens with two ASCII letters, white space or not, and two digits
            // that begin a digit group (the letter or space before them is in no group): its
            // start is `letters` of one of the groups the gate tests, tried in order (they
            // increase with the groups).
            (Gate::Iban, Some(anchored)) if scan.complete => scan.groups().iter().find_map(|g| {
                let sp = space_before(b, g.start).unwrap_or(0);
                let letters = g.start.checked_sub(sp + 2)?;
                let ok = letters >= pos
                    && g.n >= 2
                    && b[letters].is_ascii_alphabetic()
                    && b[letters + 1].is_ascii_alphabetic();
                if ok {
                    anchored.find_at(text, letters)
                } else {
                    None
                }
            }),
            (Gate::Plate, Some(anchored)) if scan.complete => {
                plate_match(anchored, scan, text, pos)
            }
            _ => rule.regex.find_at(text, pos),
        }
    }

    /// The span of the match `text[start..end]` of `rule` once validated; None if it fails
    /// validation.
    fn match_span(&self, rule: &Rule, start: usize, end: usize, text: &str) -> Option<Span> {
        let Some(validate) = rule.validate else {
            return Some(Span::new(rule.category, start, end));
        };
        let mut candidate = &text[start..end];
        if self.valid(validate, candidate) {
            return Some(Span::new(rule.category, start, end));
        }
        if rule.trim {
            // retry without trailing chunks a greedy pattern may have taken
            while let Some(cut) = trailing_chunk(candidate).filter(|&cut| cut > 0) {
                candidate = &candidate[..cut];
                if self.valid(validate, candidate) {
                    return Some(Span::new(rule.category, start, start + candidate.len()));
                }
            }
        }
        None
    }

    fn valid(&self, validate: Validate, text: &str) -> bool {
        match validate {
            Validate::Ip => valid_ip(text),
            Validate::Iban => self.valid_iban(text),
            Validate::Card => valid_card(text),
            Validate::IntlPhone => self.phones.is_possible_intl(text),
            Validate::NlPhone => self.valid_nl_phone(text),
            Validate::Bsn => valid_bsn(text),
            Validate::Plate => valid_plate(text),
            Validate::SpokenPlate => valid_spoken_plate(text),
        }
    }

    fn valid_iban(&self, text: &str) -> bool {
        let compact = text
            .chars()
            .filter(|&c| !is_space(c))
            .collect::<String>()
            .to_uppercase();
        // a Dutch-shaped account number is personal data even with a typo in its check digits
        self.nl_iban_shape.full_match(&compact) || self.ibans.is_valid(&compact)
    }

    fn valid_nl_phone(&self, text: &str) -> bool {
        let mut head = ['\0'; 4];
        for (slot, c) in head.iter_mut().zip(text.chars().filter(|&c| is_decimal(c))) {
            *slot = c;
        }
        head[1] != '0'
            && !SERVICE_PREFIXES
                .iter()
                .any(|prefix| prefix.chars().eq(head.iter().copied()))
            && !self.date_inside.is_match(text)
    }
}

/// Where `rule` can first match in `text` (see [`Gate`]); None: nowhere. Each arm argues why
/// no match (or no valid match, when it returns None) is lost.
fn gate(rule: &Rule, scan: &Scan, text: &str, low: &str) -> Option<usize> {
    let b = scan.text;
    match rule.gate {
        Gate::Keywords => rule.keyword_in(low).then_some(0),
        // the keywords, exactly (a match can start anywhere before its at)
        Gate::Email => email_words(low).then_some(0),
        // Every match is digits and dots, so lies in a maximal run of digit characters and
        // dots, and holds a digit, a dot and a digit (the keyword "."): start at the run of the
        // first such triple.
        Gate::Ipv4 => {
            let digit = |i: usize| b[i].is_ascii_digit() || b[i] >= 0x80;
            let dot = memchr::memchr_iter(b'.', b)
                .find(|&i| i > 0 && i + 1 < b.len() && digit(i - 1) && digit(i + 1))?;
            let run = b[..dot]
                .iter()
                .rposition(|&c| !(c == b'.' || digit_or_high(c)));
            Some(run.map_or(0, |i| i + 1))
        }
        // The address of a match (`text.split('%')[0]`) lies in a maximal run of `[0-9a-fA-F:.]`
        // and holds a ':' (the keyword); to be valid, at least two (IPv6 has 3+ parts). So
        // nothing is found unless a run holds two colons, and the leftmost match starts no
        // earlier than the run of the first colon.
        Gate::Ipv6 => {
            let first = memchr::memchr(b':', b)?;
            let hex = |c: u8| c.is_ascii_hexdigit() || c == b':' || c == b'.';
            let run_start = |i: usize| b[..i].iter().rposition(|&c| !hex(c)).map_or(0, |j| j + 1);
            let mut i = first;
            loop {
                let end = b[i..]
                    .iter()
                    .position(|&c| !hex(c))
                    .map_or(b.len(), |j| i + j);
                if b[i + 1..end].contains(&b':') {
                    return Some(run_start(first));
                }
                i = end + memchr::memchr(b':', &b[end..])?;
            }
        }
        // Every match opens with two ASCII letters, white space or not, and two digits (the
        // first of a group): start at the first such pair of letters.
        Gate::Iban => scan.first(|g| {
            let sp = space_before(b, g.start).unwrap_or(0);
            let letters = g.start.checked_sub(sp + 2)?;
            (g.n >= 2 && b[letters].is_ascii_alphabetic() && b[letters + 1].is_ascii_alphabetic())
                .then_some(letters)
        }),
        // 13-19 digits, one space or dash at most between two: a chain of groups with single
        // ' '/'-' gaps; the match opens with one of its digits.
        Gate::Card => scan.chain(13, |gap| matches!(gap, [b' ' | b'-'])),
        // '+' or "00", optional white space, then 7-15 digits with `isep` gaps: the '+' stands
        // at most 3 bytes before the chain ("+\xa0").
        Gate::PhoneIntl => {
            let chain = scan.chain(7, phone_gap)?;
            (b.contains(&b'+') || low.contains("00"))
                .then(|| text.floor_char_boundary(chain.saturating_sub(3)))
        }
        // "0" or "(0" and 9 more digits with `psep` gaps.
        Gate::PhoneNl => {
            let chain = scan.chain(10, phone_gap)?;
            Some(chain.saturating_sub(usize::from(chain > 0 && b[chain - 1] == b'(')))
        }
        Gate::Run(n) => {
            let start = scan.first(|g| (g.n >= n).then_some(g.start))?;
            rule.keyword_in(low).then_some(start)
        }
        // 8-9 digits, one space or dot at most between two, after the keyword
        Gate::BsnContext => {
            scan.chain(8, |gap| matches!(gap, [b' ' | b'.']))?;
            rule.keyword_in(low).then_some(0)
        }
        Gate::Bsn => scan.chain(9, |gap| matches!(gap, [b' ' | b'.'])),
        // Every plate has a capital next to a digit, a '-' or a space between them or not
        // (Python's hint), and is at most 8 characters (32 bytes) long: it starts at most 32
        // bytes before the first such pair (which begins or ends a digit group).
        Gate::Plate => {
            let upper =
                |i: Option<usize>| i.is_some_and(|i| b.get(i).is_some_and(u8::is_ascii_uppercase));
            let sep = |i: usize| matches!(b.get(i), Some(b'-' | b' '));
            let pair = scan.first(|g| {
                let before = upper(g.start.checked_sub(1))
                    || (g.start >= 1 && sep(g.start - 1) && upper(g.start.checked_sub(2)));
                let after = upper(Some(g.end)) || (sep(g.end) && upper(Some(g.end + 1)));
                (before || after).then_some(g.start)
            })?;
            Some(text.floor_char_boundary(pair.saturating_sub(32)))
        }
        // the same in lower case, always with a dash
        Gate::PlateLower => {
            let lower = |i: usize| b.get(i).is_some_and(u8::is_ascii_lowercase);
            let pair = scan.first(|g| {
                let before = g.start >= 2 && b[g.start - 1] == b'-' && lower(g.start - 2);
                let after = scan.at(g.end) == b'-' && lower(g.end + 1);
                (before || after).then_some(g.start)
            })?;
            Some(text.floor_char_boundary(pair.saturating_sub(32)))
        }
        Gate::Birth => birth_words(low).then_some(0),
        // Four digits (the last ends a group: a letter or white space follows), then two
        // letters (capitals after white space): start at that group.
        Gate::Postcode => scan.first(|g| {
            let letter = |i: usize| scan.at(i).is_ascii_alphabetic();
            let upper = |i: usize| scan.at(i).is_ascii_uppercase();
            let sp = match scan.at(g.end) {
                b' ' | b'\t' => 1,
                0xC2 if scan.at(g.end + 1) == 0xA0 => 2,
                _ => 0,
            };
            let ok = g.n >= 4
                && if sp == 0 {
                    letter(g.end) && letter(g.end + 1)
                } else {
                    upper(g.end + sp) && upper(g.end + sp + 1)
                };
            ok.then_some(g.start)
        }),
        // four digits (white space between them or not), after the keyword
        Gate::PostcodeContext => {
            scan.chain(4, |gap| matches!(gap, [b' ' | b'\t'] | [0xC2, 0xA0]))?;
            rule.keyword_in(low).then_some(0)
        }
    }
}

/// The leftmost licence plate (capitals) starting at or after `pos`, tried with `anchored` at
/// the positions where one can start.
///
/// Every plate holds a capital next to a digit, a '-' or a space between them or not: the
/// digit begins a digit group (a capital before it) or ends one (a capital after it), at
/// `q` = the group's start or end, and the plate (at most 8 characters: 26 bytes) starts in
/// `q - 32..q`. It starts with a capital or a `\d` (an ASCII digit or a non-ASCII character)
/// after no `[\w-]` (no ASCII letter, digit, '_' or '-'), and its characters are capitals,
/// `\d`, '-' or ' '. Those positions are tried in order.
fn plate_match(anchored: &Re, scan: &Scan, text: &str, pos: usize) -> Option<(usize, usize)> {
    let b = scan.text;
    let upper = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
    let sep = |i: usize| matches!(b.get(i), Some(b'-' | b' '));
    let mut pairs = [0usize; 2 * MAX_GROUPS];
    let mut n = 0;
    for g in scan.groups() {
        let before = (g.start >= 1 && upper(g.start - 1))
            || (g.start >= 2 && sep(g.start - 1) && upper(g.start - 2));
        if before {
            pairs[n] = g.start;
            n += 1;
        }
        if upper(g.end) || (sep(g.end) && upper(g.end + 1)) {
            pairs[n] = g.end;
            n += 1;
        }
    }
    let pairs = &pairs[..n];
    let mut p = pos;
    let mut k = 0;
    loop {
        while pairs.get(k).is_some_and(|&q| q <= p) {
            k += 1;
        }
        let &q = pairs.get(k)?;
        p = p.max(q.saturating_sub(32));
        let c = b[p];
        let starts = c.is_ascii_uppercase() || c.is_ascii_digit() || c >= 0xC0;
        let free = p == 0 || {
            let d = b[p - 1];
            d >= 0x80 || !(d.is_ascii_alphanumeric() || d == b'_' || d == b'-')
        };
        // its first six characters (at least six bytes) are capitals, digits, '-' or ' ' (or
        // non-ASCII: a `\d`)
        let shape = b.get(p..p + 6).is_some_and(|w| {
            w.iter().all(|&c| {
                c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'-' || c == b' ' || c >= 0x80
            })
        });
        if starts && free && shape {
            if let Some(m) = anchored.find_at(text, p) {
                return Some(m);
            }
        }
        p += 1;
    }
}

/// Where the search for the leftmost e-mail address that starts at or after `pos` can start;
/// None: there is none.
///
/// Every match holds its "at": '@', "%40", an opening bracket before it, or a word "at",
/// "ap(en)staartje" after white space (caseless: the word opens with [aA][tTpP]); the first of
/// those at or after `pos` is `core`, at or before the at of the leftmost match. Before its
/// at, a match holds only its user part and the white space or bracket before the at: `[\w+%-]`
/// chunks, dots ('.', bracketed or "dot"/"punt" between white space) and joins ("underscore",
/// "streepje", "liggend streepje" between white space, or white space before a digit). So if
/// the match starts before `core`, every character between them is one of those: an ASCII
/// letter, digit, "_+%-.", a bracket, a non-ASCII character, or white space that touches a
/// bracket, '@', a digit or a non-ASCII character, or one of those words (ASCII letters
/// compared without case; a word with a non-ASCII letter, as a caseless "ſ" for an "s", always
/// passes). The walk back from `core` over such characters stops at or before its start.
fn email_start(b: &[u8], pos: usize) -> Option<usize> {
    let space = |c: u8| c == b' ' || c == b'\t';
    let core = (pos..b.len()).find(|&i| match b[i] {
        b'@' | b'%' | b'[' | b'(' | b'{' | b'<' => true,
        b'a' | b'A' => {
            matches!(b.get(i + 1), Some(b't' | b'T' | b'p' | b'P'))
                && i > 0
                && (space(b[i - 1]) || b[i - 1] == 0xA0)
        }
        _ => false,
    })?;
    let bracket = |c: u8| b"[({<])}>".contains(&c);
    let chunk =
        |c: u8| c.is_ascii_alphanumeric() || b"_+%-.".contains(&c) || bracket(c) || c >= 0x80;
    const WORDS: [&[u8]; 8] = [
        b"dot",
        b"punt",
        b"underscore",
        b"streepje",
        b"liggend",
        b"at",
        b"apenstaartje",
        b"apestaartje",
    ];
    let join_word = |w: &[u8]| WORDS.iter().any(|k| k.eq_ignore_ascii_case(w));
    let mut i = core;
    while i > pos {
        let c = b[i - 1];
        if chunk(c) {
            i -= 1;
            continue;
        }
        if !space(c) {
            break;
        }
        // the white space b[j..i]
        let mut j = i - 1;
        while j > 0 && space(b[j - 1]) {
            j -= 1;
        }
        let next = b[i];
        let prev = j.checked_sub(1).map(|k| b[k]);
        // the ASCII word after the white space, and whether a non-ASCII byte ends it
        let after = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let after_high = b.get(i + after).is_some_and(|&c| c >= 0x80);
        let before = b[..j]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let before_high = j > before && b[j - before - 1] >= 0x80;
        let crossable = next.is_ascii_digit()
            || bracket(next)
            || next == b'@'
            || next >= 0x80
            || prev.is_some_and(|c| bracket(c) || c >= 0x80)
            || after_high
            || before_high
            || join_word(&b[i..i + after])
            || join_word(&b[j - before..j]);
        if !crossable {
            break;
        }
        i = j.max(pos);
    }
    Some(i)
}

/// One of the eight bytes of `w` is an ASCII digit or has its high bit set (non-ASCII).
fn digit_or_high_in(w: u64) -> bool {
    (w & crate::re::HIGH_BITS) | crate::re::ascii_digit_bits(w) != 0
}

/// An ASCII digit or a byte of a non-ASCII character.
fn digit_or_high(c: u8) -> bool {
    c.is_ascii_digit() || c >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        let phones = PhoneTable::new(Vec::new()).unwrap();
        let ibans = IbanTable::new(Vec::new()).unwrap();
        let rules = Rules::new(ibans, phones);
        assert_eq!(rules.rules.len(), 18);
    }

    // expectations taken from the Python functions of the former patterns.py
    #[test]
    fn ip_as_python_ipaddress() {
        for (text, ok) in [
            ("1.2.3.4", true),
            ("01.2.3.4", false),
            ("256.1.1.1", false),
            ("0.0.0.0", true),
            ("::1", true),
            ("1:2:3:4:5:6:7::", true),
            ("::ffff:1.2.3.4", true),
            ("::ffff:01.2.3.4", false),
            ("1::2::3", false),
            ("1:2:3:4:5:6:7:8:9", false),
            ("fe80::1%eth0", true),
            ("12345::1", false),
        ] {
            assert_eq!(valid_ip(text), ok, "{text}");
        }
    }

    #[test]
    fn bsn_card_iban_checks() {
        assert!(valid_bsn("111222333"));
        assert!(valid_bsn("1112.22.333"));
        assert!(!valid_bsn("111222334"));
        assert!(!valid_bsn("000000000"));
        assert!(valid_bsn("１１１２２２３３３"));
        assert!(!valid_bsn("٤١١١١١١١١"));
        assert!(valid_card("4111111111111111"));
        assert!(!valid_card("4111 1111 1111 1112"));
        assert!(!valid_card("٤111111111111111"));
    }

    #[test]
    fn plates() {
        for (text, ok) in [
            ("AB-12-CD", true),
            ("GM1942", false),
            ("1234AB", false),
            ("BD 12 FG", true),
            ("AE 12 FG", false),
            ("12ABC3", true),
        ] {
            assert_eq!(valid_plate(text), ok, "{text}");
        }
        assert!(valid_spoken_plate("f x 5 0 h k"));
        assert!(valid_spoken_plate("17 x p t 4"));
        assert!(!valid_spoken_plate("f x 5 0 h"));
    }

    #[test]
    fn scan_helpers() {
        // the lead bytes `maybe_digit_lead` rules out begin no decimal digit (PCRE2's tables)
        for c in ('\u{80}'..='\u{63f}').chain('\u{2000}'..='\u{2fff}') {
            let mut buf = [0u8; 4];
            assert!(!maybe_digit_lead(c.encode_utf8(&mut buf).as_bytes()[0]));
            assert!(!is_decimal(c), "{c:?}");
        }
        for c in ['\u{660}', '\u{ff11}', '\u{1d7cf}'] {
            let mut buf = [0u8; 4];
            assert!(maybe_digit_lead(c.encode_utf8(&mut buf).as_bytes()[0]));
        }
        for fill in [b'a', b'0', b' ', 0x7f, b'/', b':'] {
            for v in 0..=255u8 {
                for k in 0..8 {
                    let mut w = [fill; 8];
                    w[k] = v;
                    let want = w.iter().any(|&c| digit_or_high(c));
                    assert_eq!(digit_or_high_in(u64::from_le_bytes(w)), want, "{w:?}");
                }
            }
        }
        let scan = Scan::new("tel 06-12 34 5678, €12 en ١٢ of x9");
        let groups: Vec<(usize, usize, u32)> = scan
            .groups()
            .iter()
            .map(|g| (g.start, g.end, g.n))
            .collect();
        assert_eq!(
            groups,
            [
                (4, 6, 2),
                (7, 9, 2),
                (10, 12, 2),
                (13, 17, 4),
                (22, 24, 2),
                (28, 32, 2),
                (37, 38, 1)
            ]
        );
    }

    #[test]
    fn keyword_scans() {
        for text in [
            "mail jan at gmail",
            "jan@x",
            "jan%40x",
            "jan [at] x",
            "(at)",
            "{at}",
            "<at>",
            "apenstaartje",
            "apestaart",
            "staart",
            "at",
            " at",
            "dat is",
            "pat]",
            "wat) ",
            "a t ",
            "%4",
            "geb",
            "born",
            "birth",
            "dob",
            "d.o.b",
            "ik ben van",
            "b",
            "ge b",
            "do.b",
            "bo rn",
            "",
        ] {
            let low = text.to_lowercase();
            let want = EMAIL_WORDS.iter().any(|k| low.contains(k));
            assert_eq!(email_words(&low), want, "{text:?}");
            let want = BIRTH_WORDS.iter().any(|k| low.contains(k));
            assert_eq!(birth_words(&low), want, "{text:?}");
        }
    }

    #[test]
    fn email_words_random() {
        // random texts over the bytes of the keywords, every length up to past the copy
        let alphabet = [
            "@", "%", "4", "0", " ", "a", "t", "]", ")", "}", ">", "s", "x", "é",
        ];
        let mut seed = 12345u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..200_000 {
            let len = (next() % 40) as usize + if round % 100 == 0 { 230 } else { 0 };
            let mut text = String::new();
            for _ in 0..len {
                let k = next() as usize % alphabet.len();
                text.push_str(alphabet[k]);
            }
            if round % 7 == 0 {
                text.push_str(["apenstaartje", "apestaart", "staa"][round % 3]);
            }
            let want = EMAIL_WORDS.iter().any(|k| text.contains(k));
            assert_eq!(email_words(&text), want, "{text:?}");
        }
    }

    #[test]
    fn trailing_chunks() {
        assert_eq!(trailing_chunk("4111 1111  12"), Some(9));
        assert_eq!(trailing_chunk("abc  "), Some(3));
        assert_eq!(trailing_chunk("abc"), None);
        assert_eq!(trailing_chunk(" abc"), Some(0));
    }
}
