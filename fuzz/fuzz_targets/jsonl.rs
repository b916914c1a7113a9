//! Arbitrary bytes as a JSON Lines file and as a CSV file: every record is
//! either an article or an error with a position; nothing panics.
#![no_main]

use framescope::io::{CsvReader, JsonlReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    for record in JsonlReader::new(data, "fuzz") {
        match record {
            Ok(r) => {
                assert!(r.line >= 1 && r.line <= lines);
                for field in [&r.article.id, &r.article.outlet, &r.article.text] {
                    assert!(!field.trim().is_empty());
                }
            }
            Err(e) => {
                assert!(e.line >= 1 && e.line <= lines, "{e}");
                assert!(!e.reason().is_empty());
            }
        }
    }
    for record in CsvReader::new(data, "fuzz") {
        match record {
            Ok(r) => {
                for field in [&r.article.id, &r.article.outlet, &r.article.text] {
                    assert!(!field.trim().is_empty());
                }
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
});
