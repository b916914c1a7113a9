//! Arbitrary text through the default analyzer; checks that every span is
//! valid (attributions' too, and each cue's voice) and that the
//! `--sentences` view can be built.
#![no_main]

use std::sync::OnceLock;

use framescope::tag_sentences;
use framescope::{Analyzer, Span};
use libfuzzer_sys::fuzz_target;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

fn check(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed {span:?}");
    assert!(span.end <= text.len(), "{what}: past the end {span:?}");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: not on char boundaries {span:?}"
    );
}

fuzz_target!(|text: &str| {
    let analyzer = analyzer();
    let analysis = analyzer.analyze_text(text);
    let mut previous_end = 0;
    for &span in &analysis.sentences {
        check(text, span, "sentence");
        assert!(!span.is_empty() && span.start >= previous_end);
        previous_end = span.end;
    }
    let n = analysis.sentences.len();
    assert_eq!(analysis.profile.sentences, n as u64);
    for mention in &analysis.actors {
        check(text, mention.span, "actor");
        assert!(!mention.span.is_empty());
        assert!(mention.sentence < n);
        assert!(mention.actor.index() < analyzer.lexicon().actors().len());
    }
    for cue in &analysis.cues {
        check(text, cue.span, "cue");
        assert!(!cue.span.is_empty());
        let sentence = analysis.sentences[cue.sentence];
        assert!(
            sentence.start <= cue.span.start && cue.span.end <= sentence.end,
            "cue {:?} outside its sentence {sentence:?}",
            cue.span
        );
        assert!(cue.category.index() < analyzer.lexicon().categories().len());
    }
    for (i, a) in analysis.attributions.iter().enumerate() {
        check(text, a.content, "attribution content");
        assert!(!a.content.is_empty());
        if let Some(cue) = a.cue {
            check(text, cue, "attribution cue");
        }
        if let Some(source) = a.source {
            check(text, source.span, "attribution source");
        }
        assert!(a.continues.is_none_or(|head| head < analysis.attributions.len() && head != i));
    }
    for cue in &analysis.cues {
        if let framescope::Voice::Attributed { relation, .. } = cue.voice {
            let a = &analysis.attributions[relation];
            assert!(a.content.start <= cue.span.start && cue.span.start < a.content.end);
        }
    }
    let records = tag_sentences(analyzer, text);
    assert_eq!(records.len(), n);
    let cues: usize = records.iter().map(|r| r.cues.len()).sum();
    assert_eq!(cues, analysis.cues.len());
});
