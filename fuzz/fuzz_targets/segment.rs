//! Arbitrary bytes (read as lossy UTF-8) through the sentence segmenter;
//! checks every invariant `framescope::segment` documents.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let mut previous_end = 0;
    let mut covered = vec![false; text.len()];
    for span in framescope::sentences(text) {
        assert!(span.start < span.end, "empty span {span:?}");
        assert!(span.start >= previous_end, "out of order {span:?}");
        assert!(span.end <= text.len(), "past the end {span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        let sentence = &text[span.range()];
        assert_eq!(sentence, sentence.trim(), "untrimmed {span:?}");
        covered[span.range()].fill(true);
        previous_end = span.end;
    }
    for (i, c) in text.char_indices() {
        assert!(
            c.is_whitespace() || covered[i],
            "non-white-space {c:?} at {i} is in no sentence"
        );
    }
});
