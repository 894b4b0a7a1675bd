//! klantmonitor's PII detector, compiled: the Python module `klantmonitor.pii._engine`.
//!
//! Python builds one [`Engine`] from the word lists (`klantmonitor.pii.lexicon`), the
//! placeholders (`klantmonitor.pii.categories`), stdnum's IBAN registry and phonenumbers'
//! metadata (`klantmonitor.pii.validators`); everything else (patterns, spelled numbers, streets,
//! names, overlap resolution, scrubbing) runs here, without calling back into Python (but for
//! the module's [`scrub`], which has `klantmonitor.pii.engine.engine()` build the process's
//! detector on its first call). Positions returned to Python count characters.

pub mod detector;
pub mod ibans;
pub mod lexicon;
pub mod names;
pub mod patterns;
pub mod phones;
pub mod re;
pub mod span;
pub mod spelled;
pub mod streets;

use std::collections::HashSet;

use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::once_cell::GILOnceCell;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};

use crate::detector::Detector;
use crate::ibans::IbanTable;
use crate::lexicon::{lower, words_in, FxMap, Lexicon, WordSet};
use crate::names::Cues;
use crate::patterns::Rules;
use crate::phones::{PhoneMeta, PhoneTable};
use crate::span::{Category, Span};

/// A detection for Python: (category, start, end) in characters.
type PySpan = (&'static str, usize, usize);

/// `d[key]` as a `T`; a KeyError names the key.
fn field<'a, T: FromPyObject<'a>>(d: &'a PyDict, key: &str) -> PyResult<T> {
    d.get_item(key)
        .ok_or_else(|| PyKeyError::new_err(key.to_string()))?
        .extract()
}

fn set(d: &PyDict, key: &str) -> PyResult<WordSet> {
    Ok(field::<Vec<String>>(d, key)?.into_iter().collect())
}

fn lexicon_from(d: &PyDict) -> PyResult<Lexicon> {
    let particles: Vec<Vec<String>> = field(d, "particles")?;
    Ok(Lexicon {
        first_names: set(d, "first_names")?,
        any_first_names: set(d, "any_first_names")?,
        surnames: set(d, "surnames")?,
        particle_surnames: set(d, "particle_surnames")?,
        particles: particles.into_iter().collect(),
        particle_heads: set(d, "particle_heads")?,
        particle_words: set(d, "particle_words")?,
        titles: field(d, "titles")?,
        ordinary: set(d, "ordinary")?,
        stop_words: set(d, "stop_words")?,
        places: set(d, "places")?,
        streets: set(d, "streets")?,
        names: set(d, "names")?,
    })
}

/// phonenumbers' metadata of every calling code (`klantmonitor.pii.validators.phone_metadata`).
fn phone_table(metadata: Vec<&PyDict>) -> PyResult<PhoneTable> {
    let metas = metadata
        .into_iter()
        .map(|d| {
            Ok(PhoneMeta {
                calling_code: field(d, "calling_code")?,
                national_prefix_for_parsing: field(d, "national_prefix_for_parsing")?,
                national_prefix_transform_rule: field(d, "national_prefix_transform_rule")?,
                national_number_pattern: field(d, "national_number_pattern")?,
                possible_lengths: field(d, "possible_lengths")?,
                local_only_lengths: field(d, "local_only_lengths")?,
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    PhoneTable::new(metas).map_err(PyValueError::new_err)
}

/// Byte offsets of `text` -> character offsets (None when they are the same: ASCII).
fn char_index(text: &str) -> Option<Vec<usize>> {
    if text.is_ascii() {
        return None;
    }
    let mut index = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for (k, slot) in index[i..i + c.len_utf8()].iter_mut().enumerate() {
            *slot = n + usize::from(k > 0);
        }
        n += 1;
    }
    index[text.len()] = n;
    Some(index)
}

fn to_python(text: &str, spans: &[Span]) -> Vec<PySpan> {
    let index = char_index(text);
    let at = |pos: usize| index.as_ref().map_or(pos, |ix| ix[pos]);
    spans
        .iter()
        .map(|s| (s.category.name(), at(s.start), at(s.end)))
        .collect()
}

/// The text of a value to scrub: None for None and a float NaN (pandas' missing value), a
/// string itself, any other value as `str(value)`.
fn text_of(value: &PyAny) -> PyResult<Option<&PyString>> {
    if let Ok(text) = value.downcast::<PyString>() {
        return Ok(Some(text));
    }
    if value.is_none()
        || value
            .downcast::<PyFloat>()
            .is_ok_and(|f| f.value().is_nan())
    {
        return Ok(None);
    }
    Ok(Some(value.str()?))
}

/// `text` as a new Python string owned by the caller: not registered with the call's GIL pool,
/// whose release would allocate for it.
fn new_string(py: Python<'_>, text: &str) -> PyResult<PyObject> {
    // SAFETY: a valid UTF-8 buffer and its length; the result is a new reference, or null
    // with a Python exception set (turned into the error)
    unsafe {
        PyObject::from_owned_ptr_or_err(
            py,
            pyo3::ffi::PyUnicode_FromStringAndSize(
                text.as_ptr().cast(),
                text.len() as pyo3::ffi::Py_ssize_t,
            ),
        )
    }
}

/// Texts per thread below which a batch is not split (the module's `MIN_PER_THREAD`).
const MIN_PER_THREAD: usize = 64;

/// `work` applied to each of `texts`, in order, on up to one thread per core.
fn in_parallel<T: Send>(texts: &[&str], work: impl Fn(&str) -> T + Sync) -> Vec<T> {
    // (asked once: on Linux the answer reads the cgroup's CPU quota from files)
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let cores = *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from));
    let threads = cores.min(texts.len() / MIN_PER_THREAD).max(1);
    if threads == 1 {
        return texts.iter().map(|text| work(text)).collect();
    }
    let size = texts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = texts
            .chunks(size)
            .map(|part| scope.spawn(|| part.iter().map(|text| work(text)).collect::<Vec<T>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("a detector thread panicked"))
            .collect()
    })
}

/// The detector, built once per process.
#[pyclass]
struct Engine {
    detector: Detector,
}

#[pymethods]
impl Engine {
    #[new]
    fn new(
        lexicon: &PyDict,
        placeholders: Vec<(String, String)>,
        iban_formats: Vec<(String, String)>,
        phone_metadata: Vec<&PyDict>,
    ) -> PyResult<Self> {
        let order: Vec<&str> = placeholders.iter().map(|(c, _)| c.as_str()).collect();
        let expected: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
        if order != expected {
            return Err(PyValueError::new_err(format!(
                "placeholders must be given in the order {expected:?}, got {order:?}"
            )));
        }
        let lex = lexicon_from(lexicon)?;
        let cues = Cues::new(&lex);
        let ibans = IbanTable::new(iban_formats).map_err(PyValueError::new_err)?;
        let rules = Rules::new(ibans, phone_table(phone_metadata)?);
        let placeholders = placeholders.into_iter().map(|(_, p)| p).collect();
        Ok(Engine {
            detector: Detector {
                lex,
                cues,
                rules,
                placeholders,
            },
        })
    }

    /// All PII spans of `text` as (category, start, end), sorted and disjoint; without
    /// `names`, the structured categories only.
    fn find(&self, text: &str, names: bool) -> Vec<PySpan> {
        to_python(text, &self.detector.find_pii(text, names))
    }

    /// The PII categories found in each of `texts` (in priority order, each once).
    fn categories_many(
        &self,
        py: Python<'_>,
        texts: Vec<&str>,
        names: bool,
    ) -> Vec<Vec<&'static str>> {
        let detector = &self.detector;
        py.allow_threads(|| {
            in_parallel(&texts, |text| {
                let found: HashSet<Category> = detector
                    .find_pii(text, names)
                    .iter()
                    .map(|s| s.category)
                    .collect();
                Category::ALL
                    .iter()
                    .filter(|c| found.contains(c))
                    .map(|c| c.name())
                    .collect()
            })
        })
    }

    /// `value` scrubbed, as one value of [`Engine::scrub_many`], for one text at a time: no
    /// batch to build, and the GIL stays held (for the few microseconds one text takes).
    fn scrub(&self, py: Python<'_>, value: &PyAny) -> PyResult<PyObject> {
        let Some(text) = text_of(value)? else {
            return Ok(py.None());
        };
        match self.detector.scrub(text.to_str()?) {
            Some(scrubbed) => new_string(py, &scrubbed),
            None => Ok(text.into()),
        }
    }

    /// Each of `values` scrubbed: every PII span replaced by its placeholder until none is
    /// left. None and a float NaN (pandas' missing value) give None, an empty string itself,
    /// any other value is read as `str(value)`; identical texts are scrubbed once, and a text
    /// without PII comes back as the same object.
    fn scrub_many(&self, py: Python<'_>, values: &PyList) -> PyResult<Vec<PyObject>> {
        // the distinct texts (and the object each first came in), and per value its text's index
        let mut index: FxMap<&str, usize> = FxMap::default();
        let mut distinct: Vec<(&str, &PyString)> = Vec::new();
        let mut slots: Vec<Option<usize>> = Vec::with_capacity(values.len());
        for value in values.iter() {
            let Some(text) = text_of(value)? else {
                slots.push(None);
                continue;
            };
            let key = text.to_str()?;
            let next = distinct.len();
            let slot = *index.entry(key).or_insert(next);
            if slot == next {
                distinct.push((key, text));
            }
            slots.push(Some(slot));
        }
        // the work itself, without the GIL (DuckDB may call the UDF from several threads); the
        // objects stay referenced by this call's pool, so the borrowed texts stay valid
        let keys: Vec<&str> = distinct.iter().map(|(key, _)| *key).collect();
        let detector = &self.detector;
        let scrubbed = py.allow_threads(|| in_parallel(&keys, |text| detector.scrub(text)));
        let objects = scrubbed
            .into_iter()
            .zip(&distinct)
            .map(|(result, (_, object))| match result {
                Some(text) => new_string(py, &text),
                None => Ok((*object).into()),
            })
            .collect::<PyResult<Vec<PyObject>>>()?;
        Ok(slots
            .into_iter()
            .map(|slot| slot.map_or_else(|| py.None(), |i| objects[i].clone_ref(py)))
            .collect())
    }

    /// `text` with its spelled-out numbers as digits; None when it has none.
    fn digitised(&self, text: &str) -> Option<String> {
        spelled::digitise(text, &words_in(&lower(text))).map(|d| d.text)
    }

    /// Nanoseconds per text of each step of the detector on `texts`, best of `rounds` (what
    /// `make bench-pii BENCH_PII_ARGS=--stages` prints; each step also does the steps it needs first).
    fn stage_timings(&self, texts: Vec<&str>, rounds: usize) -> Vec<(&'static str, f64)> {
        use std::hint::black_box;
        use std::time::Instant;
        let d = &self.detector;
        let n = texts.len() as f64;
        let mut out = Vec::new();
        let mut time = |label: &'static str, f: &dyn Fn(&str)| {
            let mut best = f64::MAX;
            for _ in 0..rounds {
                let start = Instant::now();
                for t in &texts {
                    f(t);
                }
                best = best.min(start.elapsed().as_nanos() as f64 / n);
            }
            out.push((label, best));
        };
        time("lower", &|t| {
            black_box(lower(t));
        });
        time("words", &|t| {
            let low = lower(t);
            black_box(words_in(&low));
        });
        time("digitise", &|t| {
            let low = lower(t);
            let w = words_in(&low);
            black_box(spelled::digitise(t, &w));
        });
        time("rules", &|t| {
            let n_digits = crate::re::ascii_digit_count(t.as_bytes());
            black_box(d.rules.spans(t, n_digits, &t.to_lowercase()));
        });
        time("streets", &|t| {
            black_box(streets::find_streets(t, &lower(t), &d.lex));
        });
        time("names", &|t| {
            let low = lower(t);
            let w = words_in(&low);
            black_box(names::find_names(t, &low, &w, &d.lex, &d.cues));
        });
        time("pattern_spans", &|t| {
            let low = lower(t);
            let w = words_in(&low);
            black_box(d.pattern_spans(t, &low, &w));
        });
        time("find_structured", &|t| {
            black_box(d.find_pii(t, false));
        });
        time("find", &|t| {
            black_box(d.find_pii(t, true));
        });
        time("scrub", &|t| {
            black_box(d.scrub(t));
        });
        out
    }

    /// Whether the compact upper-case IBAN candidate `text` passes (as `valid_iban(text)`).
    fn iban_valid(&self, text: &str) -> bool {
        self.detector.rules.iban_valid(text)
    }

    /// Whether the international phone candidate `text` passes (as `valid_intl_phone(text)`).
    fn intl_phone_possible(&self, text: &str) -> bool {
        self.detector.rules.intl_phone_possible(text)
    }
}

/// The process's detector, once built (see [`process_engine`]).
static DETECTOR: GILOnceCell<Py<Engine>> = GILOnceCell::new();

/// The process's detector: `build()` (an `Engine`) on the first call, the same one after
/// (`klantmonitor.pii.engine.engine`).
#[pyfunction]
fn process_engine(py: Python<'_>, build: &PyAny) -> PyResult<Py<Engine>> {
    if let Some(engine) = DETECTOR.get(py) {
        return Ok(engine.clone_ref(py));
    }
    let built: Py<Engine> = build.call0()?.extract()?;
    Ok(DETECTOR.get_or_init(py, || built).clone_ref(py))
}

/// `Engine.scrub` of the process's detector (`klantmonitor.pii.scrub`): a function of the
/// module, so that a call goes straight to the detector. The first call has Python build it
/// (`klantmonitor.pii.engine.engine()`).
#[pyfunction]
fn scrub(py: Python<'_>, value: &PyAny) -> PyResult<PyObject> {
    let engine = match DETECTOR.get(py) {
        Some(engine) => engine,
        None => {
            let built: Py<Engine> = py
                .import("klantmonitor.pii.engine")?
                .call_method0("engine")?
                .extract()?;
            DETECTOR.get_or_init(py, || built)
        }
    };
    engine.borrow(py).scrub(py, value)
}

/// Every Dutch number word from 0 to 99 and its value (`klantmonitor.pii.engine.number_words`).
#[pyfunction]
fn below_100() -> Vec<(String, u32)> {
    spelled::below_100().to_vec()
}

#[pymodule]
fn _engine(_py: Python, m: &PyModule) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_function(wrap_pyfunction!(below_100, m)?)?;
    m.add_function(wrap_pyfunction!(process_engine, m)?)?;
    m.add_function(wrap_pyfunction!(scrub, m)?)?;
    m.add("MIN_PER_THREAD", MIN_PER_THREAD)?;
    Ok(())
}
