//! Find PII spans in a text: run every rule, map transcript digits back, resolve overlaps;
//! scrub a text by replacing them until nothing is found.

use std::sync::LazyLock;

use crate::lexicon::{lower, lower_into, words_in, Lexicon, TextWords};
use crate::names::{find_names, Cues};
use crate::patterns::Rules;
use crate::re::Re;
use crate::span::{Category, Span};
use crate::spelled::digitise;
use crate::streets::find_streets;

thread_local! {
    /// The lower-case text of [`Detector::find_pii`], one buffer per thread.
    static LOW: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// Passes of [`Detector::scrub`]: a replacement can change the context of what is left.
const MAX_PASSES: usize = 4;

static INNER_RE: LazyLock<Re> = LazyLock::new(|| Re::new(r"(?s)[^\W_](?:.*[^\W_])?"));
static DIGIT_RE: LazyLock<Re> = LazyLock::new(|| Re::new(r"\d"));

/// Everything the rules need: word lists, cues, compiled patterns, placeholders.
pub struct Detector {
    pub lex: Lexicon,
    pub cues: Cues,
    pub rules: Rules,
    /// placeholder of each category, in [`Category::ALL`] order
    pub placeholders: Vec<String>,
}

impl Detector {
    /// Spans of the pattern rules, also over spelled-out numbers (mapped back to `text`);
    /// `low` is `lower(text)`, `words` its words.
    pub fn pattern_spans(&self, text: &str, low: &str, words: &TextWords) -> Vec<Span> {
        let digitised = digitise(text, words);
        let (work, low) = match &digitised {
            Some(d) => (d.text.as_str(), std::borrow::Cow::Owned(lower(&d.text))),
            None => (text, std::borrow::Cow::Borrowed(low)),
        };
        let n_digits = crate::re::ascii_digit_count(work.as_bytes());
        let mut found = self.rules.spans(work, n_digits, &low);
        if n_digits > 0 {
            found.extend(
                find_streets(work, &low, &self.lex)
                    .into_iter()
                    .map(|(s, e)| Span::new(Category::Address, s, e)),
            );
        }
        if let Some(d) = digitised {
            for span in &mut found {
                span.start = d.to_original(span.start, false);
                span.end = d.to_original(span.end, true);
            }
        }
        found
    }

    /// All PII spans in `text`, non-overlapping and sorted by position; without `names`, the
    /// structured categories only (names rank last, so they never change those).
    pub fn find_pii(&self, text: &str, names: bool) -> Vec<Span> {
        if text.is_empty() {
            return Vec::new();
        }
        // (the lower-case text in this thread's buffer: no allocation per text)
        let mut low = LOW.take();
        lower_into(text, &mut low);
        let spans = self.find_in(text, &low, names);
        LOW.set(low);
        spans
    }

    /// [`Detector::find_pii`] of a non-empty `text`, `low` its lower-case form.
    fn find_in(&self, text: &str, low: &str, names: bool) -> Vec<Span> {
        let words = words_in(low);
        let mut spans = self.pattern_spans(text, low, &words);
        if names {
            spans.extend(
                find_names(text, low, &words, &self.lex, &self.cues)
                    .into_iter()
                    .map(|(s, e)| Span::new(Category::Name, s, e)),
            );
        }
        if spans.len() > 1 {
            self.resolve(spans, text)
        } else {
            spans
        }
    }

    /// `text` with every PII span replaced by its placeholder, read again after each change
    /// until nothing is found (placeholders themselves are never PII); None when `text` has
    /// no PII.
    pub fn scrub(&self, text: &str) -> Option<String> {
        let spans = self.find_pii(text, true);
        if spans.is_empty() {
            return None; // the common case: no copy
        }
        let mut current = self.replace(text, &spans);
        for _ in 1..MAX_PASSES {
            let spans = self.find_pii(&current, true);
            if spans.is_empty() {
                break;
            }
            current = self.replace(&current, &spans);
        }
        Some(current)
    }

    /// `text` with each of the (sorted, disjoint) `spans` replaced by its placeholder.
    fn replace(&self, text: &str, spans: &[Span]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for span in spans {
            out.push_str(&text[last..span.start]);
            out.push_str(&self.placeholders[span.category.priority()]);
            last = span.end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// Non-overlapping spans: a higher-priority category (then a longer span) keeps its place;
    /// a span it overlaps keeps what lies outside it (so that scrubbing twice changes nothing).
    fn resolve(&self, mut spans: Vec<Span>, text: &str) -> Vec<Span> {
        spans.sort_by_key(|s| {
            (
                s.category.priority(),
                s.start as isize - s.end as isize,
                s.start,
            )
        });
        let mut todo: std::collections::VecDeque<Span> = spans.into();
        let mut kept: Vec<Span> = Vec::new(); // sorted by start
        while let Some(span) = todo.pop_front() {
            let i = kept.partition_point(|k| k.start < span.start);
            if i > 0 && kept[i - 1].end > span.start {
                for rest in self
                    .remainder(text, span.category, kept[i - 1].end, span.end)
                    .into_iter()
                    .rev()
                {
                    todo.push_front(rest);
                }
                continue;
            }
            if i < kept.len() && kept[i].start < span.end {
                let mut rests = self.remainder(text, span.category, span.start, kept[i].start);
                rests.extend(self.remainder(text, span.category, kept[i].end, span.end));
                for rest in rests.into_iter().rev() {
                    todo.push_front(rest);
                }
                continue;
            }
            kept.insert(i, span);
        }
        kept
    }

    /// What is left of a span next to a stronger one: without the spaces and punctuation at
    /// its ends, and nothing if only particles and stop words are left.
    fn remainder(&self, text: &str, category: Category, start: usize, end: usize) -> Vec<Span> {
        if start >= end {
            return Vec::new();
        }
        let Some((s, e)) = INNER_RE.search(text, start, end) else {
            return Vec::new();
        };
        let inner = &text[s..e];
        if !DIGIT_RE.is_match(inner)
            && words_in(&lower(inner))
                .iter()
                .all(|w| self.lex.stop_words.contains(*w) || self.lex.particle_words.contains(*w))
        {
            return Vec::new();
        }
        vec![Span::new(category, s, e)]
    }
}
