//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test crate uses its own subset

use std::path::PathBuf;
use std::process::Command;

use framescope::tag_sentences;
use framescope::{Analyzer, Status};

/// The example binary that `cargo test` builds next to the test binaries.
pub fn compare() -> Command {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target directory");
    let path: PathBuf = dir
        .join("examples")
        .join(format!("compare{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: run the full `cargo test`, which builds examples",
        path.display()
    );
    Command::new(path)
}

/// An analyzer with only the small test lexicon (tests/data), so that
/// checks of the machinery do not depend on the default lists.
pub fn mini_analyzer() -> Analyzer {
    Analyzer::builder()
        .without_defaults()
        .lexicon_toml(
            "mini_lexicon.toml",
            include_str!("../data/mini_lexicon.toml"),
        )
        .build()
        .expect("the test lexicon is valid")
}

/// (category, matched text, status, quoted) of every cue in `text`.
pub fn cue_tuples(analyzer: &Analyzer, text: &str) -> Vec<(String, String, Status, bool)> {
    tag_sentences(analyzer, text)
        .into_iter()
        .flat_map(|s| s.cues)
        .map(|c| {
            (
                c.category,
                text[c.start..c.end].to_string(),
                c.status,
                c.quoted,
            )
        })
        .collect()
}

/// A table's expected cues as owned tuples, comparable with [`cue_tuples`].
pub fn owned_cues(expected: &[(&str, &str, Status, bool)]) -> Vec<(String, String, Status, bool)> {
    expected
        .iter()
        .map(|(c, t, s, q)| (c.to_string(), t.to_string(), *s, *q))
        .collect()
}
