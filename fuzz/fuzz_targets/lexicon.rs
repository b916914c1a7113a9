//! Lexicon files: arbitrary text as a TOML lexicon (added to the defaults,
//! or alone) and as a LIWC `.dic` dictionary. Nothing panics; an error
//! names a line of the file; a lexicon that builds analyses text.
#![no_main]

use framescope::{Analyzer, LexiconBuilder};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "Iran may clearly make progress in Doha, officials said. \
                    A breakthrough is not expected; the talks stalled.";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    // A line of the file, or one past its end (an error at the end).
    let lines = text.lines().count() + 1;
    let built = match mode % 3 {
        0 => Analyzer::builder().lexicon_toml("fuzz.toml", text.as_ref()).build(),
        1 => LexiconBuilder::empty()
            .add_toml("fuzz.toml", text.as_ref())
            .build()
            .map(Analyzer::with_lexicon),
        _ => Analyzer::builder().lexicon_dic("fuzz.dic", &text).build(),
    };
    match built {
        Ok(analyzer) => {
            let analysis = analyzer.analyze_text(TEXT);
            assert_eq!(analyzer.profile_text(TEXT), analysis.profile);
            for warning in analyzer.lexicon().warnings() {
                let _ = warning.to_string();
            }
        }
        Err(e) => {
            if e.file.starts_with("fuzz.") {
                let line = e.line.unwrap_or(1);
                assert!(line >= 1 && line <= lines, "{e} ({lines} lines)");
            }
            assert!(!e.to_string().is_empty());
        }
    }
});
