//! The analyzer: built once from lexicons, then immutable and shared across
//! threads; turns an article into sentences, tags and a count profile.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::article::Article;
use crate::attribute::{self, Attribution, Attributor};
use crate::error::LexiconError;
use crate::lexicon::{Lexicon, LexiconBuilder};
use crate::profile::ArticleProfile;
use crate::segment;
use crate::tag::{self, ActorMention, CueMatch, Scratch};

/// Analyses articles. Build it once ([`Analyzer::default`] or
/// [`Analyzer::builder`]) and share it: it is immutable, `Send` and `Sync`.
#[derive(Debug)]
pub struct Analyzer {
    lexicon: Lexicon,
    attributor: Attributor,
}

impl Default for Analyzer {
    /// An analyzer with the embedded default lexicons.
    fn default() -> Self {
        Analyzer::with_lexicon(Lexicon::default())
    }
}

thread_local! {
    /// Per-thread buffers and word cache, so `analyze(&self)` stays
    /// allocation-light without locks.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    /// The attribution stage's buffers, likewise.
    static ATTRIBUTION: RefCell<attribute::Buffers> = RefCell::new(attribute::Buffers::default());
}

/// Everything found in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Actor mentions, in text order.
    pub actors: Vec<ActorMention>,
    /// Cue matches, in text order, each with its voice.
    pub cues: Vec<CueMatch>,
    /// Quotations and reported speech with their sources, in order of
    /// their contents (see [`Attribution`]).
    #[serde(default)]
    pub attributions: Vec<Attribution>,
    /// Integer counts.
    pub profile: ArticleProfile,
}

impl Analyzer {
    /// A builder starting from the default lexicons.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder {
            lexicon: LexiconBuilder::new(),
            dic_lines: Vec::new(),
            dic_error: None,
        }
    }

    /// An analyzer using `lexicon`.
    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        Analyzer {
            attributor: Attributor::new(&lexicon),
            lexicon,
        }
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Analyses an article's text.
    pub fn analyze(&self, article: &Article) -> Analysis {
        self.analyze_text(&article.text)
    }

    /// Analyses a text.
    pub fn analyze_text(&self, text: &str) -> Analysis {
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.analyze_with(text, &mut scratch),
            // Re-entered from a callback on this thread: use fresh buffers.
            Err(_) => self.analyze_with(text, &mut Scratch::default()),
        })
    }

    /// Tags the given sentence spans of `text` (the stage after
    /// segmentation), appending actor mentions and cues to `actors` and
    /// `cues` in text order; returns the number of word tokens. For timing
    /// the tagger alone, or for sentence spans from elsewhere.
    pub fn tag(
        &self,
        text: &str,
        sentences: &[Span],
        scratch: &mut Scratch,
        actors: &mut Vec<ActorMention>,
        cues: &mut Vec<CueMatch>,
    ) -> usize {
        tag::tag_text(&self.lexicon, text, sentences, scratch, actors, cues)
    }

    /// Analyses a text with caller-owned buffers (for embedders that manage
    /// their own threads).
    pub fn analyze_with(&self, text: &str, scratch: &mut Scratch) -> Analysis {
        ATTRIBUTION.with(|buffers| match buffers.try_borrow_mut() {
            Ok(mut buffers) => self.analyze_buffered(text, scratch, &mut buffers),
            Err(_) => self.analyze_buffered(text, scratch, &mut attribute::Buffers::default()),
        })
    }

    fn analyze_buffered(
        &self,
        text: &str,
        scratch: &mut Scratch,
        buffers: &mut attribute::Buffers,
    ) -> Analysis {
        // Room for what news usually holds (a sentence per ~130 bytes, a
        // cue or mention per ~100), so the vectors seldom grow.
        let mut sentences = Vec::with_capacity(text.len() / 96 + 1);
        sentences.extend(segment::sentences(text));
        let mut actors = Vec::with_capacity(text.len() / 128 + 1);
        let mut cues = Vec::with_capacity(text.len() / 64 + 1);
        // The attribution stage reads the words the tagger tokenized.
        let mut words = self.attributor.collector(buffers, text);
        let tokens = tag::tag_text_with(
            &self.lexicon,
            text,
            &sentences,
            scratch,
            &mut actors,
            &mut cues,
            |sentence| words.sentence(sentence),
        );
        let found = self.attributor.attribute(text, words, &actors, &mut cues);
        let mut profile =
            ArticleProfile::from_tags(&self.lexicon, sentences.len(), tokens, &actors, &cues);
        profile.add_attributions(&found.attributions, found.attributed_words);
        Analysis {
            sentences,
            actors,
            cues,
            attributions: found.attributions,
            profile,
        }
    }
}

/// Builds an [`Analyzer`] with custom lexicons.
#[derive(Debug, Clone)]
pub struct AnalyzerBuilder {
    lexicon: LexiconBuilder,
    /// `.dic` sources, with each generated TOML line's `.dic` line.
    dic_lines: Vec<(String, Vec<usize>)>,
    /// The first `.dic` that failed to convert.
    dic_error: Option<LexiconError>,
}

impl AnalyzerBuilder {
    /// Starts from no lexicon at all instead of the defaults.
    pub fn without_defaults(mut self) -> Self {
        self.lexicon = LexiconBuilder::empty();
        self
    }

    /// Adds a TOML lexicon (see [`Lexicon`] for the format); `name`
    /// appears in error messages.
    pub fn lexicon_toml(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.lexicon = self.lexicon.add_toml(name, text);
        self
    }

    /// Adds a LIWC-style `.dic` dictionary; `name` appears in error
    /// messages, with the `.dic` line.
    ///
    /// The format: a header between two `%` lines maps numbers to category
    /// names (`1<TAB>hedge`), then each line is a word or phrase followed by
    /// the numbers of its categories (`perhaps<TAB>1`). A trailing `*` is a
    /// prefix wildcard, as in framescope's own terms. Categories are matched to
    /// framescope's by name: a `.dic` category called `hedge` adds to the
    /// hedges, and takes the `hedge` role in the metrics (likewise `booster`,
    /// `progress`, `breakthrough`, `setback`); any other name becomes a new
    /// cue category (names are lower-cased, and characters other than ASCII
    /// letters, digits and `_` become `_`). Words are case-insensitive.
    pub fn lexicon_dic(mut self, name: impl Into<String>, text: &str) -> Self {
        let name = name.into();
        match crate::liwc::dic_to_toml(&name, text) {
            Ok(converted) => {
                self.lexicon = self.lexicon.add_toml(name.clone(), converted.toml);
                self.dic_lines.push((name, converted.dic_lines));
            }
            Err(e) => {
                self.dic_error.get_or_insert(e);
            }
        }
        self
    }

    /// Compiles the lexicons.
    pub fn build(self) -> Result<Analyzer, LexiconError> {
        if let Some(e) = self.dic_error {
            return Err(e);
        }
        let lexicon = self.lexicon.build().map_err(|mut e| {
            // Errors in a converted `.dic` name the `.dic` line.
            if let Some((_, lines)) = self.dic_lines.iter().find(|(name, _)| *name == e.file) {
                e.line = e.line.and_then(|l| lines.get(l.wrapping_sub(1)).copied());
            }
            e
        })?;
        Ok(Analyzer::with_lexicon(lexicon))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Analyzer>();
    }
}
