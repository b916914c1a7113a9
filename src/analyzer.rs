//! The analyzer: built once from lexicons, then immutable and shared across
//! threads; turns an article into sentences, tags and a count profile.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::article::{Article, Date};
use crate::attribute::{self, Attribution, Attributor};
use crate::error::LexiconError;
use crate::lexicon::{ActorIndex, CategoryIndex};
use crate::lexicon::{Lexicon, LexiconBuilder};
use crate::profile::{ArticleProfile, Counter, HeadlineCounts};
use crate::segment::{self, SentenceKind};
use crate::tag::{self, ActorMention, CueMatch, Scratch, Status};

/// Analyses articles. Build it once ([`Analyzer::default`] or
/// [`Analyzer::builder`]) and share it: it is immutable, `Send` and `Sync`.
///
/// Sentences have a [`SentenceKind`]; by default headings (lines that
/// stand alone without end punctuation: headlines, bylines, page
/// furniture) are left out of the per-sentence counts and their
/// denominator, [`ArticleProfile::sentences`], so that they do not dilute
/// per-sentence shares; their cues and mentions still count in the rates
/// per 1,000 tokens. [`AnalyzerBuilder::count_all_sentences`] counts every
/// sentence instead.
///
/// An article's `title`, when it has one, is analysed as its headline, a
/// separate text: its counts go to [`ArticleProfile::headline`] and feed
/// the `headline.*` metrics, never the body's.
#[derive(Debug)]
pub struct Analyzer {
    lexicon: Lexicon,
    count_all_sentences: bool,
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
    static ATTRIBUTION: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// The attribution stage's buffers, and what the counting path keeps of
/// an article's tags until its attributions are known.
#[derive(Debug, Default)]
struct Buffers {
    attribution: attribute::Buffers,
    /// Each cue's start, category and status (in text order): enough to
    /// count it by voice once the attributions are known.
    cues: Vec<KeptCue>,
    /// Each mention's span and actor (in text order): enough to give a
    /// source its actor.
    mentions: Vec<KeptMention>,
    /// The article's attributions, counted and dropped.
    attributions: Vec<Attribution>,
}

/// A cue as the counting path keeps it until the article's attributions
/// are known, in 12 bytes: its first byte (the attribution stage reads
/// texts under 4 GiB only, so 32 bits do), category and status.
#[derive(Debug, Clone, Copy)]
struct KeptCue {
    start: u32,
    category: u32,
    status: Status,
}

/// A mention as the counting path keeps it for the attribution stage, in
/// 12 bytes: its span and actor.
#[derive(Debug, Clone, Copy)]
struct KeptMention {
    start: u32,
    end: u32,
    actor: u32,
}

impl attribute::Mentioned for KeptMention {
    #[inline]
    fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    #[inline]
    fn actor(&self) -> ActorIndex {
        ActorIndex::new(self.actor as usize)
    }
}

/// Runs `f` with this thread's attribution buffers (fresh ones if they are
/// in use: re-entered from a callback).
fn with_buffers<T>(f: impl FnOnce(&mut Buffers) -> T) -> T {
    ATTRIBUTION.with(|buffers| match buffers.try_borrow_mut() {
        Ok(mut buffers) => f(&mut buffers),
        Err(_) => f(&mut Buffers::default()),
    })
}

/// Everything found in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// The kind of each sentence, in the same order.
    pub kinds: Vec<SentenceKind>,
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
            count_all_sentences: false,
        }
    }

    /// An analyzer using `lexicon`.
    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        Analyzer {
            attributor: Attributor::new(&lexicon),
            lexicon,
            count_all_sentences: false,
        }
    }

    /// This analyzer, counting every sentence (`true`) or only body
    /// sentences and list items (`false`, the default) in per-sentence
    /// denominators (see [`AnalyzerBuilder::count_all_sentences`]).
    pub fn with_count_all_sentences(mut self, all: bool) -> Self {
        self.count_all_sentences = all;
        self
    }

    /// Whether every sentence counts in per-sentence denominators, or only
    /// body sentences and list items (the default).
    pub fn counts_all_sentences(&self) -> bool {
        self.count_all_sentences
    }

    /// Whether a sentence of `kind` counts in per-sentence counts.
    fn counts(&self, kind: SentenceKind) -> bool {
        self.count_all_sentences || kind != SentenceKind::Heading
    }

    /// The headline counts of `title` (none for a missing or blank one).
    fn headline(&self, title: Option<&str>, date: Option<Date>) -> Option<HeadlineCounts> {
        let title = title.filter(|t| !t.trim().is_empty())?;
        Some(HeadlineCounts::of_headline(
            &self.profile_dated(title, date),
        ))
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Analyses an article's text. People are checked against its
    /// `published` date ([`Article::date`]); an article without one is
    /// analysed as undated (see [`Analyzer::analyze_dated`]).
    ///
    /// The article's `title`, if it has one, is analysed as its headline
    /// ([`ArticleProfile::headline`]).
    pub fn analyze(&self, article: &Article) -> Analysis {
        let mut analysis = self.analyze_dated(&article.text, article.date());
        if let Some(h) = self.headline(article.title.as_deref(), article.date()) {
            analysis.profile.headline = h;
        }
        analysis
    }

    /// The counts of an article alone: the same profile as
    /// [`analyze`](Self::analyze) gives, without keeping its sentences and
    /// tags, so that memory stays a small multiple of the text's length
    /// however many matches a long article has.
    pub fn profile(&self, article: &Article) -> ArticleProfile {
        let mut profile = self.profile_dated(&article.text, article.date());
        if let Some(h) = self.headline(article.title.as_deref(), article.date()) {
            profile.headline = h;
        }
        profile
    }

    /// The counts of an undated text alone (see [`profile`](Self::profile)).
    pub fn profile_text(&self, text: &str) -> ArticleProfile {
        self.profile_dated(text, None)
    }

    /// The counts of a text published on `date` alone (see
    /// [`profile`](Self::profile) and [`analyze_dated`](Self::analyze_dated)).
    pub fn profile_dated(&self, text: &str, date: Option<Date>) -> ArticleProfile {
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.profile_with(text, date, &mut scratch),
            Err(_) => self.profile_with(text, date, &mut Scratch::default()),
        })
    }

    fn profile_with(
        &self,
        text: &str,
        date: Option<Date>,
        scratch: &mut Scratch,
    ) -> ArticleProfile {
        with_buffers(|buffers| self.profile_buffered(text, date, scratch, buffers))
    }

    /// The counting path: tags are counted a piece at a time and dropped;
    /// of each cue and mention only what the attribution stage needs is
    /// kept (its position, and a cue's category and status), and once the
    /// article's attributions are known the cues inside them are counted
    /// by voice. The same counts as [`ArticleProfile::from_tags`] over the
    /// analysis.
    fn profile_buffered(
        &self,
        text: &str,
        date: Option<Date>,
        scratch: &mut Scratch,
        buffers: &mut Buffers,
    ) -> ArticleProfile {
        let Buffers {
            attribution,
            cues: kept_cues,
            mentions: kept_mentions,
            attributions,
        } = buffers;
        kept_cues.clear();
        kept_mentions.clear();
        let mut counter = Counter::new(&self.lexicon);
        // Whether each sentence handed to the tagger counts, in order (the
        // tagger ends them in the same order).
        let counted = RefCell::new(VecDeque::new());
        let (headings, list_items, n_counted) = (Cell::new(0), Cell::new(0), Cell::new(0));
        let spans = segment::sentences(text).inspect(|&span| {
            let kind = segment::sentence_kind(text, span);
            match kind {
                SentenceKind::Heading => headings.set(headings.get() + 1),
                SentenceKind::ListItem => list_items.set(list_items.get() + 1),
                SentenceKind::Body => {}
            }
            let yes = self.counts(kind);
            n_counted.set(n_counted.get() + usize::from(yes));
            counted.borrow_mut().push_back(yes);
        });
        let mut words = self.attributor.collector(attribution, text);
        let (tokens, _) = tag::count_tags(
            &self.lexicon,
            text,
            spans,
            date,
            scratch,
            |sentence| words.sentence(sentence),
            |actors, cues, sentence_ends| {
                counter.add(actors, cues);
                // A text of 4 GiB or more gets no attributions: nothing to keep.
                if text.len() <= u32::MAX as usize {
                    kept_cues.extend(cues.iter().map(|c| KeptCue {
                        start: c.span.start as u32,
                        category: c.category.index() as u32,
                        status: c.status,
                    }));
                    kept_mentions.extend(actors.iter().map(|m| KeptMention {
                        start: m.span.start as u32,
                        end: m.span.end as u32,
                        actor: m.actor.index() as u32,
                    }));
                }
                actors.clear();
                cues.clear();
                if sentence_ends {
                    let yes = counted.borrow_mut().pop_front().unwrap_or(true);
                    counter.end_sentence_counted(yes);
                }
            },
        );
        let found =
            self.attributor
                .attribute(text, words, kept_mentions, std::mem::take(attributions));
        if !found.attributions.is_empty() {
            let mut voices = attribute::VoiceAt::new(&found.attributions);
            for cue in kept_cues.iter() {
                if let tag::Voice::Attributed { actor, .. } = voices.at(cue.start as usize) {
                    let category = CategoryIndex::new(cue.category as usize);
                    counter.add_attributed(category, cue.status, actor);
                }
            }
        }
        counter.add_attributions(&found.attributions, found.attributed_words);
        *attributions = found.attributions;
        let mut profile = counter.finish_counted(n_counted.get(), tokens);
        profile.headings = headings.get();
        profile.list_items = list_items.get();
        profile
    }

    /// Analyses a text with no date (see [`Analyzer::analyze_dated`]).
    pub fn analyze_text(&self, text: &str) -> Analysis {
        self.analyze_dated(text, None)
    }

    /// Analyses a text published on `date`.
    ///
    /// The date decides which people in the lexicon are in office, and so
    /// mention their actor: a person counts only on a day inside one of
    /// their terms of office. Without a date (`None`) the documented
    /// default applies: a person counts if the lexicon gives them any term
    /// of office at all, unless the text itself calls them former, late,
    /// "then-" or "-elect".
    pub fn analyze_dated(&self, text: &str, date: Option<Date>) -> Analysis {
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.analyze_with_date(text, date, &mut scratch),
            // Re-entered from a callback on this thread: use fresh buffers.
            Err(_) => self.analyze_with_date(text, date, &mut Scratch::default()),
        })
    }

    /// Tags the given sentence spans of `text` (the stage after
    /// segmentation), appending actor mentions and cues to `actors` and
    /// `cues` in text order; returns the number of word tokens. For timing
    /// the tagger alone, or for sentence spans from elsewhere. The text is
    /// undated (see [`Analyzer::analyze_dated`]).
    pub fn tag(
        &self,
        text: &str,
        sentences: &[Span],
        scratch: &mut Scratch,
        actors: &mut Vec<ActorMention>,
        cues: &mut Vec<CueMatch>,
    ) -> usize {
        tag::tag_text(&self.lexicon, text, sentences, None, scratch, actors, cues)
    }

    /// Analyses an undated text with caller-owned buffers (for embedders
    /// that manage their own threads).
    pub fn analyze_with(&self, text: &str, scratch: &mut Scratch) -> Analysis {
        self.analyze_with_date(text, None, scratch)
    }

    /// Analyses a text published on `date` (see
    /// [`Analyzer::analyze_dated`]) with caller-owned buffers.
    pub fn analyze_with_date(
        &self,
        text: &str,
        date: Option<Date>,
        scratch: &mut Scratch,
    ) -> Analysis {
        with_buffers(|buffers| self.analyze_buffered(text, date, scratch, &mut buffers.attribution))
    }

    fn analyze_buffered(
        &self,
        text: &str,
        date: Option<Date>,
        scratch: &mut Scratch,
        buffers: &mut attribute::Buffers,
    ) -> Analysis {
        // Room for what news usually holds (a sentence per ~130 bytes, a
        // cue or mention per ~100), so the vectors seldom grow; capped, so
        // that a huge text with few of them does not reserve for many.
        let room = |per: usize| (text.len() / per + 1).min(1 << 14);
        let mut sentences = Vec::with_capacity(room(96));
        sentences.extend(segment::sentences(text));
        let kinds: Vec<SentenceKind> = sentences
            .iter()
            .map(|&span| segment::sentence_kind(text, span))
            .collect();
        let mut actors = Vec::with_capacity(room(128));
        let mut cues = Vec::with_capacity(room(64));
        // The attribution stage reads the words the tagger tokenized.
        let mut words = self.attributor.collector(buffers, text);
        let tokens = tag::tag_text_with(
            &self.lexicon,
            text,
            &sentences,
            date,
            scratch,
            &mut actors,
            &mut cues,
            |sentence| words.sentence(sentence),
        );
        let found = self.attributor.attribute(text, words, &actors, Vec::new());
        attribute::set_voices(&found.attributions, &mut cues);
        let counted = kinds.iter().filter(|&&k| self.counts(k)).count();
        let mut profile = ArticleProfile::from_tags_counted(
            &self.lexicon,
            counted,
            tokens,
            &actors,
            &cues,
            |i| kinds.get(i).is_none_or(|&k| self.counts(k)),
        );
        let kind_count = |kind| kinds.iter().filter(|&&k| k == kind).count() as u64;
        profile.headings = kind_count(SentenceKind::Heading);
        profile.list_items = kind_count(SentenceKind::ListItem);
        profile.add_attributions(&found.attributions, found.attributed_words);
        Analysis {
            sentences,
            kinds,
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
    count_all_sentences: bool,
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
    /// letters, digits and `_` become `_`). Words are case-insensitive. A
    /// word may be in several categories (`kind of<TAB>1 2`): it counts in
    /// each. A word the defaults (or an earlier file) also have extends
    /// them: see [`Lexicon`](crate::Lexicon), "Terms in several places".
    pub fn lexicon_dic(self, name: impl Into<String>, text: &str) -> Self {
        let name = name.into();
        let converted = crate::liwc::dic_to_toml(&name, text);
        self.add_converted(name, converted)
    }

    /// Adds a YAML dictionary in quanteda's format (feature `yaml`, on by
    /// default); `name` appears in error messages, with the YAML line.
    ///
    /// The format: a mapping of categories to their words, each category a
    /// list of words or phrases, or a mapping of subcategories (which
    /// become the category's subtypes, [`Category::subtypes`](crate::Category);
    /// deeper levels count for their subcategory):
    ///
    /// ```yaml
    /// hedge:                # adds to framescope's hedges (and takes the role)
    ///   - perhaps
    ///   - possib*
    /// optimism:             # a new cue category: optimism_per_1k, and
    ///   upbeat:             # optimism.upbeat_per_1k, optimism.guarded_per_1k
    ///     - hope*
    ///     - /^buoyan(t|cy)$/
    ///   guarded: [cautious*, "wait and see"]
    /// ```
    ///
    /// Values are quanteda's globs: a trailing `*` is a prefix, as in
    /// framescope's terms; `*` elsewhere and `?` make the word a regular
    /// expression anchored at both ends (`optimi?m` is `/^optimi.m$/`). A
    /// value between slashes is a regular expression over one word
    /// (quanteda's `valuetype = "regex"`), unanchored; see
    /// [`Lexicon`](crate::Lexicon) for the term syntax. Category names are
    /// taken as for `.dic` files (lower case, `_` for other characters; a
    /// role's name takes the role), and a word may be in several
    /// categories.
    #[cfg(feature = "yaml")]
    pub fn lexicon_yaml(self, name: impl Into<String>, text: &str) -> Self {
        let name = name.into();
        let converted = crate::yaml::yaml_to_toml(&name, text);
        self.add_converted(name, converted)
    }

    /// Adds a dictionary converted to TOML, keeping its line numbers.
    fn add_converted(
        mut self,
        name: String,
        converted: Result<crate::liwc::ConvertedDic, LexiconError>,
    ) -> Self {
        match converted {
            Ok(converted) => {
                self.lexicon = self.lexicon.add_dictionary(name.clone(), converted.toml);
                self.dic_lines.push((name, converted.dic_lines));
            }
            Err(e) => {
                self.dic_error.get_or_insert(e);
            }
        }
        self
    }

    /// Which sentences count in per-sentence denominators
    /// ([`ArticleProfile::sentences`], and with it `uncertain_share`,
    /// `uncertain_share_strict`, `actor_salience.*`): by default (`false`)
    /// body sentences and list items, leaving out headings, the lines that
    /// stand alone without end punctuation (headlines, subheadings,
    /// bylines, page furniture), which would otherwise dilute every share;
    /// with `true`, every sentence, as framescope did before 0.2. Cues and
    /// mentions in headings count in the per-1,000-token rates either way.
    /// On the command line: `--count-all-sentences`.
    pub fn count_all_sentences(mut self, all: bool) -> Self {
        self.count_all_sentences = all;
        self
    }

    /// Compiles the lexicons.
    pub fn build(self) -> Result<Analyzer, LexiconError> {
        if let Some(e) = self.dic_error {
            return Err(e);
        }
        let mut lexicon = self.lexicon.build().map_err(|mut e| {
            // Errors in a converted `.dic` name the `.dic` line.
            if let Some((_, lines)) = self.dic_lines.iter().find(|(name, _)| *name == e.file) {
                e.line = e.line.and_then(|l| lines.get(l.wrapping_sub(1)).copied());
            }
            e
        })?;
        // So do warnings.
        for (name, lines) in &self.dic_lines {
            lexicon.map_warning_lines(name, |l| lines.get(l.wrapping_sub(1)).copied().unwrap_or(l));
        }
        Ok(Analyzer::with_lexicon(lexicon).with_count_all_sentences(self.count_all_sentences))
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

    #[test]
    fn profile_alone_is_the_profile_of_the_analysis() {
        let analyzer = Analyzer::default();
        let long_clause = "Iran may clearly make progress, and Qatar did not; ".repeat(3000);
        let texts = [
            String::new(),
            "Talks in Doha did not produce a breakthrough. Iran may return.".to_string(),
            // One sentence of 150 KB: tagged in pieces by both paths.
            long_clause.clone(),
            "may ".repeat(40_000),
            format!("{long_clause}. \"A deal was not reached,\" Tehran said. {long_clause}"),
            // Attributions: cues in a source's voice are counted by voice
            // on both paths, with the source's actor.
            "\u{201c}We made real progress,\u{201d} host Qatar said. The talks later stalled. \
             Iranian officials said a breakthrough was near, according to Pakistan."
                .to_string(),
            // A quotation across a sentence of 150 KB, tagged in pieces.
            format!(
                "Iran's foreign minister said: \"{long_clause}\" He added that progress was real."
            ),
        ];
        for text in &texts {
            let analysis = analyzer.analyze_text(text);
            assert_eq!(
                analyzer.profile_text(text),
                analysis.profile,
                "{}",
                &text[..text.len().min(80)]
            );
        }
        let many = analyzer.profile_text(&texts[3]);
        let hedge = analyzer.lexicon().category_index("hedge").unwrap();
        assert_eq!(many.categories[hedge].total(), 40_000);
        assert_eq!(many.terms.len(), 1); // one entry, however many matches
        assert_eq!(many.terms[0].1, many.categories[hedge].asserted);
        // The attributions were counted on the counting path too.
        let quoted = analyzer.profile_text(&texts[5]);
        assert!(quoted.attributions >= 2, "{}", quoted.attributions);
        assert!(quoted.categories.iter().any(|c| c.attributed > 0));
        let long = analyzer.profile_text(&texts[6]);
        assert!(
            long.attributed_tokens > 20_000,
            "{}",
            long.attributed_tokens
        );
    }

    proptest::proptest! {
        #[test]
        fn profile_alone_agrees_on_any_text(text in "[a-zA-Z ,.;:'\"()-]{0,400}|\\PC{0,200}") {
            let analyzer = Analyzer::default();
            proptest::prop_assert_eq!(
                analyzer.profile_text(&text),
                analyzer.analyze_text(&text).profile
            );
        }
    }
}
