//! IBANs of any country: stdnum's `iban.is_valid(number, check_country=False)`, ported for the
//! compact upper-case candidates the detector has, from stdnum's own IBAN registry.
//!
//! Python hands over the BBAN structure of every country in stdnum's registry
//! (`klantmonitor.pii.validators.iban_formats`, e.g. `("NL", "4!a10!n")`); [`IbanTable::is_valid`]
//! answers as `klantmonitor.pii.validators.valid_iban` does: ISO 7064 mod 97-10 check digits, a
//! country the registry knows, a BBAN of exactly its structure. (stdnum's further national
//! checks of a few countries are left out: a number that passes these is personal data anyway.)

use std::collections::HashMap;

/// A run of a BBAN structure: so many characters of one class.
#[derive(Clone, Copy, Debug)]
struct Run {
    count: usize,
    class: u8,
}

/// The BBAN structure of every country stdnum's registry knows.
pub struct IbanTable {
    bban: HashMap<[u8; 2], Vec<Run>>,
}

/// `stdnum.iban._struct_re` runs ("4!a10!n": 4 letters, 10 digits).
fn parse_structure(structure: &str) -> Result<Vec<Run>, String> {
    let bad = || format!("bad BBAN structure {structure:?}");
    let mut runs = Vec::new();
    let mut rest = structure;
    while !rest.is_empty() {
        let (count, tail) = rest.split_once('!').ok_or_else(bad)?;
        let class = *tail.as_bytes().first().ok_or_else(bad)?;
        let count: usize = count.parse().map_err(|_| bad())?;
        if count == 0 || !b"nac".contains(&class) {
            return Err(bad());
        }
        runs.push(Run { count, class });
        rest = &tail[1..];
    }
    Ok(runs)
}

/// ISO 7064 mod 97-10 over the IBAN moved round (country and check digits last), letters as
/// 10..35: stdnum's `mod_97_10.validate(number[4:] + number[:4])`. ASCII alphanumerics only.
fn mod97(compact: &[u8]) -> bool {
    let split = compact.len().min(4);
    let mut rest = 0u32;
    for &b in compact[split..].iter().chain(&compact[..split]) {
        rest = if b.is_ascii_digit() {
            (rest * 10 + u32::from(b - b'0')) % 97
        } else {
            (rest * 100 + u32::from(b.to_ascii_uppercase() - b'A') + 10) % 97
        };
    }
    rest == 1
}

impl IbanTable {
    /// The table of `formats`: (country code, BBAN structure) as stdnum's registry has them.
    pub fn new(formats: Vec<(String, String)>) -> Result<IbanTable, String> {
        let mut bban = HashMap::new();
        for (country, structure) in formats {
            let code: [u8; 2] = country
                .as_bytes()
                .try_into()
                .map_err(|_| format!("bad country code {country:?}"))?;
            bban.insert(code, parse_structure(&structure)?);
        }
        Ok(IbanTable { bban })
    }

    /// Whether `compact` (upper case, no spaces) is an IBAN by stdnum, national checks aside.
    pub fn is_valid(&self, compact: &str) -> bool {
        let b = compact.as_bytes();
        if b.len() < 4 || !b.iter().all(u8::is_ascii_alphanumeric) || !mod97(b) {
            return false; // (stdnum: InvalidFormat or InvalidChecksum)
        }
        let Some(runs) = self.bban.get(&[b[0], b[1]]) else {
            return false; // InvalidComponent: no country of the registry
        };
        let mut bban = &b[4..];
        for run in runs {
            let Some((head, tail)) = bban.split_at_checked(run.count) else {
                return false;
            };
            let fits = match run.class {
                b'n' => head.iter().all(u8::is_ascii_digit),
                b'a' => head.iter().all(u8::is_ascii_uppercase),
                _ => true, // 'c': any ASCII alphanumeric
            };
            if !fits {
                return false;
            }
            bban = tail;
        }
        bban.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> IbanTable {
        let formats = [("NL", "4!a10!n"), ("BE", "3!n7!n2!n"), ("GB", "4!a6!n8!n")];
        IbanTable::new(
            formats
                .iter()
                .map(|(c, s)| (c.to_string(), s.to_string()))
                .collect(),
        )
        .expect("valid formats")
    }

    #[test]
    fn check_digits_country_and_structure() {
        let t = table();
        assert!(t.is_valid("NL91ABNA0417164300"));
        assert!(!t.is_valid("NL91ABNA0417164301")); // check digits
        assert!(t.is_valid("GB82WEST12345698765432"));
        assert!(t.is_valid("BE71096123456769"));
        assert!(!t.is_valid("BE34961234567")); // too short (valid check digits)
        assert!(!t.is_valid("DE89370400440532013000")); // not in this table
        assert!(!t.is_valid("NL45ABNA04171643")); // structure (valid check digits)
        assert!(!t.is_valid("NL91-ABNA0417164300"));
    }

    #[test]
    fn bad_structures_are_refused() {
        for bad in ["4!x", "4a", "!n", "0!n", "4!"] {
            assert!(parse_structure(bad).is_err(), "{bad}");
        }
        assert!(IbanTable::new(vec![("NLD".into(), "4!a".into())]).is_err());
    }
}
