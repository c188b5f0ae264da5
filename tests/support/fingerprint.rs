//! A fingerprint of a text's wording: salted SHA-256 digests of its normalised sentences
//! and of its runs of [`RUN`] words, one per line. It answers "does this narration repeat
//! the article's words?" without shipping the article, and the article cannot be read
//! back from it.
//!
//! Made once by `cargo xtask fingerprint <article>` (which includes this file) into
//! [`FILE`]; read by `tests/scenarios.rs`. Both sides must normalise and split in exactly
//! the same way, hence one file for both.

use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// Where the committed fingerprint lives, relative to the repository root.
pub const FILE: &str = "tests/data/article-fingerprint.txt";

/// Words in a run: a narration sharing this many words in a row with the article copied
/// them (Korean words carry their particles, so a run this long does not happen by chance).
pub const RUN: usize = 6;

/// Sentences shorter than this (in characters, normalised) are not fingerprinted alone.
pub const MIN_SENTENCE: usize = 15;

/// Mixed into every digest so the lines are this project's own.
const SALT: &str = "auth-playground/article-fingerprint/v1\n";

/// A fingerprint: the digests of long sentences and of word runs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// Digests of normalised sentences of at least [`MIN_SENTENCE`] characters.
    pub sentences: BTreeSet<String>,
    /// Digests of every run of [`RUN`] normalised words.
    pub runs: BTreeSet<String>,
}

/// Sentences of a text: split after `.`, `!`, `?` (followed by whitespace or the end),
/// and at line breaks.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        let mut cur = String::new();
        for (i, &c) in chars.iter().enumerate() {
            cur.push(c);
            let end = matches!(c, '.' | '!' | '?');
            let next_is_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if end && next_is_space {
                out.push(cur.trim().to_string());
                cur.clear();
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur.trim().to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Lower case, letters and digits only, words separated by one space.
pub fn normalise(text: &str) -> String {
    let mapped: String =
        text.chars().map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' }).collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first 16 hex digits of the salted SHA-256 of `text`.
pub fn digest(text: &str) -> String {
    let sum = Sha256::new().chain_update(SALT).chain_update(text).finalize();
    sum.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Every run of [`RUN`] words of the normalised text, as digests.
pub fn runs(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(RUN).map(|w| digest(&w.join(" "))).collect()
}

impl Fingerprint {
    /// The fingerprint of a text.
    pub fn of(text: &str) -> Self {
        let mut fp = Fingerprint::default();
        for s in sentences(text) {
            let n = normalise(&s);
            if n.chars().count() >= MIN_SENTENCE {
                fp.sentences.insert(digest(&n));
            }
        }
        for line in text.lines() {
            fp.runs.extend(runs(&normalise(line)));
        }
        fp
    }

    /// The file's text: a header, then `s <digest>` and `r <digest>` lines, sorted.
    pub fn to_file(&self, source: &str) -> String {
        let mut out = format!(
            "# Fingerprint of {source}: salted SHA-256 (first 64 bits) of its normalised sentences (s)\n\
             # and of every run of {RUN} words (r). Made by `cargo xtask fingerprint <path>`;\n\
             # read by tests/scenarios.rs. The text cannot be recovered from it.\n"
        );
        for d in &self.sentences {
            out.push_str(&format!("s {d}\n"));
        }
        for d in &self.runs {
            out.push_str(&format!("r {d}\n"));
        }
        out
    }

    /// Reads [`Fingerprint::to_file`]'s text; `Err` names the first bad line.
    pub fn parse(file: &str) -> Result<Self, String> {
        let mut fp = Fingerprint::default();
        for (i, line) in file.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            match line.split_once(' ') {
                Some(("s", d)) if d.len() == 16 => fp.sentences.insert(d.to_string()),
                Some(("r", d)) if d.len() == 16 => fp.runs.insert(d.to_string()),
                _ => return Err(format!("line {}: {line:?}", i + 1)),
            };
        }
        Ok(fp)
    }

    /// What of `text` the fingerprinted text also says: its long sentences found whole,
    /// and its sentences that share a run of [`RUN`] words.
    pub fn copied_in(&self, text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for s in sentences(text) {
            let n = normalise(&s);
            let whole = n.chars().count() >= MIN_SENTENCE && self.sentences.contains(&digest(&n));
            if whole || runs(&n).iter().any(|r| self.runs.contains(r)) {
                found.push(s);
            }
        }
        found
    }
}
