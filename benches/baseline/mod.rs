//! The straightforward pipeline framescope is measured against: UAX #29
//! sentences and words, lower-case and stem every word, look it up in a
//! set. Shared by the benches (`mod baseline;`) and the `throughput`
//! example (by path), so both measure the same thing.
#![allow(dead_code)]

use framescope::Analyzer;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet;
use unicode_segmentation::UnicodeSegmentation;

/// The straightforward pipeline framescope is measured against.
pub struct Baseline {
    stemmer: Stemmer,
    terms: FxHashSet<String>,
}

impl Baseline {
    /// A baseline with the lexicon's single-word terms, stemmed.
    pub fn new(analyzer: &Analyzer) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        // The same vocabulary size as the lexicon's single-word terms.
        let terms = analyzer
            .lexicon()
            .terms()
            .iter()
            .map(|t| {
                t.pattern
                    .trim_start_matches('=')
                    .trim_end_matches(['~', '*'])
            })
            .filter(|p| !p.contains(' '))
            .map(|p| stemmer.stem(&p.to_lowercase()).into_owned())
            .collect();
        Baseline { stemmer, terms }
    }

    /// Looks up every word of `text`; returns the number of hits.
    pub fn count(&self, text: &str) -> usize {
        let mut hits = 0;
        for sentence in text.unicode_sentences() {
            for word in sentence.unicode_words() {
                let lower = word.to_lowercase();
                hits += usize::from(self.terms.contains(self.stemmer.stem(&lower).as_ref()));
            }
        }
        hits
    }
}
