//! Per-article views for auditing the tags: the `--sentences` dump (each
//! sentence with its actors and cues, as JSON lines), the `--attributions`
//! dump (each attribution with its spans, as JSON lines) and
//! keyword-in-context lines (`--kwic`).

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::analyzer::{Analysis, Analyzer};
use crate::article::Record;
use crate::attribute::{Attribution, AttributionKind, VoiceAt};
use crate::lexicon::{Lexicon, MentionKind};
use crate::segment::{SentenceKind, sentence_kind};
use crate::tag::{Status, Voice};

/// One sentence with its tags, as in the `--sentences` dump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceRecord {
    /// Sentence index, from 0.
    pub index: usize,
    /// Byte offset of the sentence's start in the text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// What the sentence is: `heading`, `list_item` or `body` (see
    /// [`SentenceKind`]).
    #[serde(default)]
    pub kind: SentenceKind,
    /// The sentence.
    pub text: String,
    /// Actor ids named, in order of first mention, without repeats.
    pub actors: Vec<String>,
    /// Each actor mention, in text order: which actor, how, and where.
    #[serde(default)]
    pub mentions: Vec<MentionRecord>,
    /// Cues, in text order.
    pub cues: Vec<CueRecord>,
}

/// One actor mention, as in the `--sentences` dump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// Actor id.
    pub actor: String,
    /// How the actor is mentioned.
    pub kind: MentionKind,
    /// Byte offset of the mention in the text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

/// One cue, as in the `--sentences` dump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueRecord {
    /// Category name.
    pub category: String,
    /// The lexicon term that matched, as written in the lexicon.
    pub term: String,
    /// The term's subtype (`"epistemic"`, ...), or `None` (`null`) when
    /// its category has none or the term is untyped.
    pub subtype: Option<String>,
    /// Byte offset of the match in the text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Asserted, negated or hypothetical.
    pub status: Status,
    /// Inside quotation marks.
    pub quoted: bool,
    /// The source whose words the cue is in; `None` in the outlet's own
    /// voice.
    pub source: Option<CueSource>,
}

/// Whose words a cue is in, as in the `--sentences` dump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueSource {
    /// The source's words as written (empty when the attribution has no
    /// source).
    pub text: String,
    /// The id of the actor it stands for, if any.
    pub actor: Option<String>,
}

/// The source of a cue's voice, by name.
fn cue_source(
    lexicon: &Lexicon,
    text: &str,
    attributions: &[Attribution],
    voice: Voice,
) -> Option<CueSource> {
    let Voice::Attributed { relation, actor } = voice else {
        return None;
    };
    let source = attributions.get(relation).and_then(|a| a.source);
    Some(CueSource {
        text: source
            .and_then(|s| text.get(s.span.range()))
            .unwrap_or_default()
            .to_string(),
        actor: actor.map(|a| lexicon.actor_id(a).to_string()),
    })
}

/// The `--sentences` view of `analysis`, an analysis of `text` made with
/// `lexicon`.
pub fn sentence_records(lexicon: &Lexicon, text: &str, analysis: &Analysis) -> Vec<SentenceRecord> {
    sentence_records_iter(lexicon, text, analysis).collect()
}

/// The same, one sentence at a time, so a dump of a huge article needs
/// memory for one sentence only.
pub fn sentence_records_iter<'a>(
    lexicon: &'a Lexicon,
    text: &'a str,
    analysis: &'a Analysis,
) -> impl Iterator<Item = SentenceRecord> + 'a {
    // Mentions and cues are in sentence order: walk them alongside.
    let (mut mentions, mut cues) = (
        analysis.actors.iter().peekable(),
        analysis.cues.iter().peekable(),
    );
    analysis
        .sentences
        .iter()
        .enumerate()
        .map(move |(index, span)| {
            let mut record = SentenceRecord {
                index,
                start: span.start,
                end: span.end,
                kind: analysis
                    .kinds
                    .get(index)
                    .copied()
                    .unwrap_or_else(|| sentence_kind(text, *span)),
                text: text.get(span.range()).unwrap_or_default().to_string(),
                actors: Vec::new(),
                mentions: Vec::new(),
                cues: Vec::new(),
            };
            while let Some(mention) = mentions.next_if(|m| m.sentence <= index) {
                if mention.sentence != index {
                    continue;
                }
                let id = lexicon.actor_id(mention.actor);
                if !record.actors.iter().any(|a| a == id) {
                    record.actors.push(id.to_string());
                }
                record.mentions.push(MentionRecord {
                    actor: id.to_string(),
                    kind: mention.kind,
                    start: mention.span.start,
                    end: mention.span.end,
                });
            }
            while let Some(cue) = cues.next_if(|c| c.sentence <= index) {
                if cue.sentence == index {
                    record.cues.push(CueRecord {
                        category: lexicon.category_name(cue.category).to_string(),
                        term: lexicon.term_pattern(cue.term).to_string(),
                        subtype: lexicon.term_subtype(cue.term).map(str::to_string),
                        start: cue.span.start,
                        end: cue.span.end,
                        status: cue.status,
                        quoted: cue.quoted,
                        source: cue_source(lexicon, text, &analysis.attributions, cue.voice),
                    });
                }
            }
            record
        })
}

/// Analyses `text` (undated) with `analyzer` and returns its `--sentences`
/// view.
pub fn tag_sentences(analyzer: &Analyzer, text: &str) -> Vec<SentenceRecord> {
    let analysis = analyzer.analyze_text(text);
    sentence_records(analyzer.lexicon(), text, &analysis)
}

/// One line of the `--sentences` dump.
#[derive(Debug, Serialize)]
struct SentenceLine<'a> {
    article_id: &'a str,
    outlet: &'a str,
    #[serde(flatten)]
    sentence: &'a SentenceRecord,
}

/// Writes the `--sentences` dump of one article: one JSON object per line,
/// with `article_id`, `outlet`, `index`, `start`, `end` (byte offsets into
/// the article's text), `kind` (`heading`, `list_item` or `body`), `text`,
/// `actors`, `mentions` (each with `actor`,
/// `kind`, `start`, `end`) and `cues`. Sentences are written
/// as they are made, so memory stays bounded on huge articles.
pub fn write_sentence_lines<W: std::io::Write>(
    out: &mut W,
    analyzer: &Analyzer,
    record: &Record,
    analysis: &Analysis,
) -> std::io::Result<()> {
    for sentence in sentence_records_iter(analyzer.lexicon(), &record.article.text, analysis) {
        let line = SentenceLine {
            article_id: &record.article.id,
            outlet: &record.article.outlet,
            sentence: &sentence,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A byte range, as the `--attributions` dump writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<Span> for SpanRecord {
    fn from(span: Span) -> Self {
        SpanRecord {
            start: span.start,
            end: span.end,
        }
    }
}

/// An attribution's source, as the `--attributions` dump writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The source's words as written.
    pub text: String,
    /// The id of the actor it stands for, if any.
    pub actor: Option<String>,
}

/// One line of the `--attributions` dump: an attribution with its
/// article, kind and spans (byte offsets into the article's text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributionRecord {
    /// The article's id.
    pub article_id: String,
    /// The article's outlet.
    pub outlet: String,
    /// `direct`, `mixed`, `indirect` or `according_to`.
    pub kind: AttributionKind,
    /// What is said.
    pub content: SpanRecord,
    /// The reporting verb or phrase (`null` for a continuing part).
    pub cue: Option<SpanRecord>,
    /// Who says it (`null` when not found).
    pub source: Option<SourceRecord>,
}

/// The `--attributions` view of one analysed article, in order of content.
pub fn attribution_records<'a>(
    lexicon: &'a Lexicon,
    record: &'a Record,
    analysis: &'a Analysis,
) -> impl Iterator<Item = AttributionRecord> + 'a {
    let text = &record.article.text;
    analysis
        .attributions
        .iter()
        .map(move |a| AttributionRecord {
            article_id: record.article.id.clone(),
            outlet: record.article.outlet.clone(),
            kind: a.kind,
            content: a.content.into(),
            cue: a.cue.map(SpanRecord::from),
            source: a.source.map(|s| SourceRecord {
                start: s.span.start,
                end: s.span.end,
                text: text.get(s.span.range()).unwrap_or_default().to_string(),
                actor: s.actor.map(|x| lexicon.actor_id(x).to_string()),
            }),
        })
}

/// Writes the `--attributions` dump of one article: one JSON object per
/// attribution ([`AttributionRecord`]), one per line.
pub fn write_attribution_lines<W: std::io::Write>(
    out: &mut W,
    analyzer: &Analyzer,
    record: &Record,
    analysis: &Analysis,
) -> std::io::Result<()> {
    for line in attribution_records(analyzer.lexicon(), record, analysis) {
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// What `--kwic` shows: a cue category or an actor id, optionally narrowed
/// to one term (`CATEGORY:TERM`; the term as written in the lexicon, or the
/// matched words, case-insensitively).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicFilter {
    /// Category name or actor id.
    pub target: String,
    /// Optional term.
    pub term: Option<String>,
}

impl KwicFilter {
    /// Parses `CATEGORY` or `CATEGORY:TERM`.
    pub fn parse(spec: &str) -> Self {
        match spec.split_once(':') {
            Some((target, term)) => KwicFilter {
                target: target.to_string(),
                term: Some(term.to_string()),
            },
            None => KwicFilter {
                target: spec.to_string(),
                term: None,
            },
        }
    }

    /// Whether the lexicon knows the category or actor.
    pub fn is_known(&self, analyzer: &Analyzer) -> bool {
        let lexicon = analyzer.lexicon();
        lexicon.category_index(&self.target).is_some()
            || lexicon.actor_index(&self.target).is_some()
    }

    fn accepts_term(&self, pattern: &str, matched: &str) -> bool {
        self.term.as_ref().is_none_or(|t| {
            t.eq_ignore_ascii_case(pattern) || t.to_lowercase() == matched.to_lowercase()
        })
    }
}

/// One keyword-in-context line: a match with its context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KwicLine {
    /// The article's outlet.
    pub outlet: String,
    /// The article's id.
    pub article_id: String,
    /// `asserted`, `negated`, `hypothetical`, or `mention` for an actor.
    pub status: String,
    /// Up to the context's length of text before the match, white space
    /// folded to single spaces.
    pub left: String,
    /// The matched text, white space folded.
    pub matched: String,
    /// Up to the context's length of text after the match.
    pub right: String,
    /// For a cue, whether it is inside quotation marks; `None` for an
    /// actor mention.
    pub quoted: Option<bool>,
    /// Whose words the match is in: `own` for the outlet's own voice, else
    /// the source as written with its actor (`Jane Doe [US]`, `officials
    /// [-]`), or `?` when the attribution has no source.
    pub source: String,
}

/// How keyword-in-context lines are written: a header row, then one row
/// per match, fields quoted by the rules of CSV (RFC 4180: a field that
/// holds the separator, a quotation mark or a line break is put in
/// quotation marks, and a quotation mark inside it doubled), so that
/// `pandas.read_csv` (with `sep="\t"` for tabs) and R's `read.delim` /
/// `read.csv` read them as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KwicFormat {
    /// Tab-separated (the default).
    #[default]
    Tsv,
    /// Comma-separated.
    Csv,
}

impl KwicFormat {
    fn separator(self) -> char {
        match self {
            KwicFormat::Tsv => '\t',
            KwicFormat::Csv => ',',
        }
    }
}

/// The columns of a keyword-in-context line, named, in order: the one
/// place they are defined (the header and every row come from it).
/// `match` shows the matched text in brackets (`[breakthrough]`);
/// `quoted` is `true` or `false` for a cue, empty for an actor mention;
/// `source` is whose words the match is in (see [`KwicLine::source`]).
pub fn kwic_columns(line: &KwicLine) -> [(&'static str, std::borrow::Cow<'_, str>); 8] {
    use std::borrow::Cow;
    [
        ("outlet", Cow::Borrowed(line.outlet.as_str())),
        ("article_id", Cow::Borrowed(line.article_id.as_str())),
        ("status", Cow::Borrowed(line.status.as_str())),
        ("left", Cow::Borrowed(line.left.as_str())),
        ("match", Cow::Owned(format!("[{}]", line.matched))),
        ("right", Cow::Borrowed(line.right.as_str())),
        (
            "quoted",
            Cow::Borrowed(match line.quoted {
                Some(true) => "true",
                Some(false) => "false",
                None => "",
            }),
        ),
        ("source", Cow::Borrowed(line.source.as_str())),
    ]
}

/// The header row of keyword-in-context lines, with its line end.
pub fn kwic_header(format: KwicFormat) -> String {
    let empty = KwicLine {
        outlet: String::new(),
        article_id: String::new(),
        status: String::new(),
        left: String::new(),
        matched: String::new(),
        right: String::new(),
        quoted: None,
        source: String::new(),
    };
    let names: Vec<&str> = kwic_columns(&empty).iter().map(|(name, _)| *name).collect();
    let mut out = names.join(&format.separator().to_string());
    out.push('\n');
    out
}

/// One keyword-in-context line as a row of `format`, with its line end.
pub fn kwic_row(line: &KwicLine, format: KwicFormat) -> String {
    let separator = format.separator();
    let mut out = String::new();
    for (i, (_, value)) in kwic_columns(line).iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        out.push_str(&quote_field(value, separator));
    }
    out.push('\n');
    out
}

/// A field as CSV writes it with `separator`: in quotation marks (inner
/// ones doubled) when it holds the separator, a quotation mark or a line
/// break.
fn quote_field(value: &str, separator: char) -> std::borrow::Cow<'_, str> {
    if value.contains([separator, '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// The keyword-in-context matches of one article: for each match of the
/// filter, in text order of cues then mentions, the match with up to
/// `context_chars` characters of context on each side.
pub fn kwic_matches(
    analyzer: &Analyzer,
    record: &Record,
    analysis: &Analysis,
    filter: &KwicFilter,
    context_chars: usize,
) -> Vec<KwicLine> {
    let lexicon = analyzer.lexicon();
    let text = &record.article.text;
    let mut hits: Vec<(Span, &str, Option<bool>, String)> = Vec::new();
    if let Some(category) = lexicon.category_index(&filter.target) {
        for cue in analysis.cues.iter().filter(|c| c.category == category) {
            let matched = text.get(cue.span.range()).unwrap_or_default();
            if filter.accepts_term(lexicon.term_pattern(cue.term), matched) {
                let source =
                    kwic_source(cue_source(lexicon, text, &analysis.attributions, cue.voice));
                hits.push((cue.span, cue.status.as_str(), Some(cue.quoted), source));
            }
        }
    }
    if let Some(actor) = lexicon.actor_index(&filter.target) {
        let mut voices = VoiceAt::new(&analysis.attributions);
        for mention in analysis.actors.iter().filter(|m| m.actor == actor) {
            let matched = text.get(mention.span.range()).unwrap_or_default();
            if filter.accepts_term(lexicon.term_pattern(mention.term), matched) {
                let voice = voices.at(mention.span.start);
                let source = kwic_source(cue_source(lexicon, text, &analysis.attributions, voice));
                hits.push((mention.span, "mention", None, source));
            }
        }
    }
    // Only a window around each match is folded, so long articles cost
    // nothing extra per match.
    let window = context_chars * 4 + 16;
    hits.into_iter()
        .map(|(span, status, quoted, source)| {
            let mut from = span.start.saturating_sub(window);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let mut to = (span.end + window).min(text.len());
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            let left = fold_space(text.get(from..span.start).unwrap_or_default());
            let left: String = {
                let chars: Vec<char> = left.chars().collect();
                chars[chars.len().saturating_sub(context_chars)..]
                    .iter()
                    .collect()
            };
            let right: String = fold_space(text.get(span.end..to).unwrap_or_default())
                .chars()
                .take(context_chars)
                .collect();
            KwicLine {
                outlet: record.article.outlet.clone(),
                article_id: record.article.id.clone(),
                status: status.to_string(),
                left,
                matched: fold_space(text.get(span.range()).unwrap_or_default()),
                right,
                quoted,
                source,
            }
        })
        .collect()
}

/// Keyword-in-context rows for one article (tab-separated, without the
/// header: see [`kwic_header`]): [`kwic_matches`] written by
/// [`kwic_row`]. The columns are those of [`kwic_columns`].
pub fn kwic_lines(
    analyzer: &Analyzer,
    record: &Record,
    analysis: &Analysis,
    filter: &KwicFilter,
    context_chars: usize,
) -> String {
    kwic_matches(analyzer, record, analysis, filter, context_chars)
        .iter()
        .map(|line| kwic_row(line, KwicFormat::Tsv))
        .collect()
}

/// The `--kwic` source column.
fn kwic_source(source: Option<CueSource>) -> String {
    match source {
        None => "own".to_string(),
        Some(s) if s.text.is_empty() => "?".to_string(),
        Some(s) => format!(
            "{} [{}]",
            fold_space(&s.text),
            s.actor.as_deref().unwrap_or("-")
        ),
    }
}

/// Folds runs of white space (and tabs, line breaks) into single spaces.
fn fold_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(4096));
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}
