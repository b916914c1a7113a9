//! Partial files for `--merge`: arbitrary bytes read as a partial file, and
//! a valid partial edited byte by byte (then read without its checksum, so
//! that the invariant checks meet the edits). Nothing panics; whatever is
//! accepted merges, reports and writes back a file that reads again.
#![no_main]

use std::sync::OnceLock;

use framescope::{Analyzer, Article, Corpus, Partial, ReportOptions};
use libfuzzer_sys::fuzz_target;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

/// A valid partial file of a small corpus, with a rejection.
fn valid() -> &'static str {
    static VALID: OnceLock<String> = OnceLock::new();
    VALID.get_or_init(|| {
        let analyzer = analyzer();
        let mut corpus = Corpus::new(analyzer);
        for (id, outlet, text) in [
            ("1", "Dispatch", "Talks in Doha may resume. Officials appear hopeful."),
            ("2", "Review", "The talks clearly stalled. Tehran rejected the offer."),
            ("3", "Dispatch", "A breakthrough seems unlikely, mediators said."),
        ] {
            let article = Article::new(id, outlet, text);
            corpus.add(&article, &analyzer.profile(&article)).unwrap();
        }
        let bad = framescope::InputError::new("in.jsonl", 4, framescope::InputErrorKind::NotAnObject);
        corpus.reject(&bad);
        corpus.to_partial().to_json()
    })
}

/// Merges a partial into a fresh corpus; if it is taken, the report and
/// the partial written back must work.
fn merge(partial: Partial) {
    let mut corpus = Corpus::new(analyzer());
    if corpus.merge_partial(partial).is_ok() {
        let options = ReportOptions {
            resamples: 10,
            ..ReportOptions::default()
        };
        let report = corpus.report(&options);
        let _ = report.to_json();
        let again = corpus.to_partial().to_json();
        let back = Partial::from_json(&again).expect("a written partial reads again");
        Corpus::new(analyzer())
            .merge_partial(back)
            .expect("a written partial merges again");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        // Any bytes as a file.
        if let Ok(text) = std::str::from_utf8(rest)
            && let Ok(partial) = Partial::from_json(text)
        {
            merge(partial);
        }
        return;
    }
    // Edits of a valid file: (position, byte) pairs.
    let mut bytes = valid().as_bytes().to_vec();
    for edit in rest.chunks_exact(3) {
        let at = usize::from(u16::from_le_bytes([edit[0], edit[1]])) % bytes.len();
        bytes[at] = edit[2];
    }
    if let Ok(text) = std::str::from_utf8(&bytes) {
        // Through the checksum: only a no-op edit passes.
        if let Ok(partial) = Partial::from_json(text) {
            merge(partial);
        }
        // Around it, as a hand-made file would be.
        if let Ok(partial) = serde_json::from_str::<Partial>(text) {
            merge(partial);
        }
    }
});
