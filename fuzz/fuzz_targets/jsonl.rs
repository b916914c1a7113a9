//! Arbitrary bytes as a JSON Lines file and as a CSV file, with the
//! default record size limit and a tiny one: every record is either an
//! article or an error with a line (or none, for the whole source: an
//! encoding); nothing panics.
#![no_main]

use framescope::io::{CsvReader, JsonlReader};
use framescope::{InputError, Record};
use libfuzzer_sys::fuzz_target;

fn check(records: impl Iterator<Item = Result<Record, InputError>>, lines: usize) {
    for record in records {
        match record {
            Ok(r) => {
                assert!(r.line >= 1 && r.line <= lines);
                for field in [&r.article.id, &r.article.outlet, &r.article.text] {
                    assert!(!field.trim().is_empty());
                }
            }
            Err(e) => {
                if let Some(line) = e.line {
                    assert!(line >= 1 && line <= lines, "{e}");
                }
                assert!(!e.reason().is_empty());
                assert!(!e.to_string().contains(":0:"), "{e}");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    check(JsonlReader::new(data, "fuzz"), lines);
    check(JsonlReader::new(data, "fuzz").with_max_record_bytes(16), lines);
    check(CsvReader::new(data, "fuzz"), lines);
    check(CsvReader::new(data, "fuzz").with_max_record_bytes(16), lines);
});
