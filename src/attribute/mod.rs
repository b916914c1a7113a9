//! Attribution: who says what. Finds quotations and reported speech with
//! their sources, and gives every cue its voice (the outlet's own, or a
//! source's).
//!
//! The stage runs after tagging, on the same words (the tagger hands each
//! sentence's tokens over, so nothing is tokenized twice), without a
//! parser and in time linear in the text. What it finds:
//!
//! - **direct** quotations: a quotation (`quotes`: paired marks within a
//!   paragraph) with a reporting verb after it ("'...,' she said", "'...,'
//!   said Jane Doe") or before it ("Jane Doe said: '...'"). A quotation
//!   split by its attribution ("'...,' she said. '...'"), resumed in the
//!   next paragraph, or following another of the same speaker in its
//!   paragraph is a part of its own that `continues` the first part and
//!   has its source;
//! - **mixed** quotations: reported speech whose content holds a quoted
//!   phrase ("Jane Doe called the talks 'very useful'");
//! - **indirect** reported speech: a reporting verb with its source before
//!   it and the rest of the sentence after it ("officials said (that)
//!   ..."), or the sentence before it ("..., officials said"); a stance
//!   verb ("wants", "believes") with its subject and what follows;
//! - **according to**: "according to X, ..." and "..., according to X"
//!   (in the middle of its sentence, the whole sentence is its content);
//! - a **speaker's line**: a paragraph that opens with a short name and a
//!   colon ("JANE DOE: ...", "Jane Doe: talks will go on"), its content
//!   the rest of the paragraph and its cue the colon.
//!
//! Each has a content span, a cue span and a source span. A quotation that
//! no cue introduces and that continues none is a **scare quote** (or a
//! title): no attribution, and its cues stay in the outlet's own voice.
//!
//! The rules, each with its reason, are in `rules`; the word lists are the
//! lexicon's `[speech]` table and the closed classes in `rules`. How a
//! source gets its actor is documented on [`Source`].

mod quotes;
mod rules;
mod words;

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::lexicon::{ActorIndex, Lexicon, speech};
use crate::tag::{ActorMention, CueMatch, SentenceWords, Voice};

use crate::tokens::TokenKind;
use quotes::Quote;
use rules::{Context, SourceForm, Trigger, TriggerKind};
use words::WordTable;

/// What an attribution is, by its content and cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// Every letter of the content is inside quotation marks.
    Direct,
    /// The content holds a quotation but is not wholly quoted.
    Mixed,
    /// Reported speech or stance, with no quotation in it.
    Indirect,
    /// "according to X", whatever its content holds.
    AccordingTo,
}

impl AttributionKind {
    /// The name used in reports (`"direct"`, `"according_to"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Direct => "direct",
            AttributionKind::Mixed => "mixed",
            AttributionKind::Indirect => "indirect",
            AttributionKind::AccordingTo => "according_to",
        }
    }
}

/// Who an attribution's content is credited to.
///
/// The **actor** of a source is the actor of the first actor mention
/// inside its span ("Iranian officials", "a Qatari diplomat", "host
/// Qatar", "Iran's foreign minister", a person of the lexicon). A source
/// that is a pronoun ("he", "they") or a role noun with no name and no
/// actor ("the minister", "senior officials") is **resolved** to the
/// nearest earlier *named* source of the article (one with a capitalised
/// word or an actor mention), and takes its actor; "who" or "which" after
/// a comma resolves to the name before the comma ("Jane Doe, who said").
/// Any other source ("critics", "the report") has the actor of its own
/// mentions or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The source's words in the text.
    pub span: Span,
    /// The actor it stands for, if any.
    pub actor: Option<ActorIndex>,
    /// For a pronoun or role noun, the earlier name it was resolved to.
    pub resolved: Option<Span>,
}

/// One attribution relation: a source says (or holds) a content,
/// introduced by a cue. Offsets are bytes into the article's text (a text
/// of 4 GiB or more gets none: the stage keeps word offsets in 32 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// Direct, mixed, indirect or "according to".
    pub kind: AttributionKind,
    /// What is said: for a direct quotation, the quotation with its marks.
    pub content: Span,
    /// The reporting verb or phrase; `None` for a continuing part.
    pub cue: Option<Span>,
    /// Who says it; `None` when not found.
    pub source: Option<Source>,
    /// For a later part of a split or resumed quotation, the index (in the
    /// same list) of its first part, whose source it shares.
    pub continues: Option<usize>,
}

/// The attribution stage, built once per analyzer from the lexicon.
#[derive(Debug)]
pub(crate) struct Attributor {
    table: WordTable,
    rare: quotes::RareMarks,
}

/// One word token as the attribution rules read it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    /// Where the word is (bytes; the stage reads texts under 4 GiB).
    start: u32,
    end: u32,
    /// `lexicon::speech` flags, with [`BOUNDARY`] and [`rules::TRIGGER`].
    pub(crate) flags: u32,
    pub(crate) sentence: u32,
}

/// The flag bit of punctuation that ends a clause (`, ; : ( ) —`).
pub(crate) const BOUNDARY: u32 = 1 << 30;

impl Word {
    /// Where the word is.
    #[inline]
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// Whether the word is punctuation that ends a clause.
    #[inline]
    pub(crate) fn boundary(&self) -> bool {
        self.flags & BOUNDARY != 0
    }
}

/// Reusable buffers for the stage (one set per thread), so that an
/// article costs no allocation once they have grown.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    words: Vec<Word>,
    sentence_first: Vec<usize>,
    quotes: Vec<Quote>,
    marks: Vec<usize>,
    /// Words with a cue flag: where cues may start.
    candidates: Vec<usize>,
    /// Sentences with a colon among their first words: where a speaker's
    /// line may be (`Context::colon_line`).
    colons: Vec<usize>,
    triggers: Vec<Trigger>,
    tails: Vec<usize>,
    work: Work,
}

/// The drafting stage's buffers.
#[derive(Debug, Default)]
struct Work {
    drafts: Vec<Draft>,
    /// The draft that used each trigger.
    used: Vec<Option<usize>>,
    fate: Vec<Fate>,
    /// For each quotation, the next one that may still be open (a
    /// union-find jump list), so that each is taken into a content once.
    next_open: Vec<usize>,
    by_cue: Vec<usize>,
    sources: Vec<Option<Source>>,
    order: Vec<usize>,
    position: Vec<usize>,
    /// The contents drafted before the colon lines, by start.
    spans: Vec<Span>,
}

/// Gathers an article's words, sentence by sentence, as the tagger hands
/// them over.
#[derive(Debug)]
pub(crate) struct Collector<'a> {
    buffers: &'a mut Buffers,
    text: &'a [u8],
    /// The next quotation mark not yet placed between two words.
    mark: usize,
}

impl Collector<'_> {
    /// Takes the next sentence's (or piece's) words: each with its flags (the word
    /// class's, [`BOUNDARY`] and [`rules::COMMA`] for punctuation, and
    /// [`rules::MARK_AFTER`] on a word followed by a quotation mark),
    /// noting where cues may start.
    pub(crate) fn sentence(&mut self, words: &SentenceWords<'_>) {
        let b = &mut *self.buffers;
        // The later pieces of a sentence tagged in pieces stay in it.
        if words.starts_sentence || b.sentence_first.is_empty() {
            b.sentence_first.push(b.words.len());
        }
        let sentence = (b.sentence_first.len() - 1) as u32;
        if self.text.len() > u32::MAX as usize {
            return;
        }
        let cues = speech::VERB | speech::STANCE | speech::PHRASE;
        for (i, token) in words.tokens.iter().enumerate() {
            let flags = if token.kind == TokenKind::Boundary {
                if self.text.get(token.span.start) == Some(&b',') {
                    BOUNDARY | rules::COMMA
                } else {
                    BOUNDARY
                }
            } else {
                words.speech(i)
            };
            // A mark before this token and after the last one.
            while let Some(&m) = b.marks.get(self.mark).filter(|&&m| m < token.span.start) {
                if let Some(last) = b.words.last_mut().filter(|l| m >= l.span().end) {
                    last.flags |= rules::MARK_AFTER;
                }
                self.mark += 1;
            }
            if flags & cues != 0 && flags & BOUNDARY == 0 {
                b.candidates.push(b.words.len());
            }
            if flags & BOUNDARY != 0
                && self.text.get(token.span.start) == Some(&b':')
                && b.words.len() - b.sentence_first.last().copied().unwrap_or(0)
                    <= rules::COLON_NAME_WORDS
                && b.colons.last() != Some(&(sentence as usize))
            {
                b.colons.push(sentence as usize);
            }
            b.words.push(Word {
                start: token.span.start as u32,
                end: token.span.end as u32,
                flags,
                sentence,
            });
        }
    }
}

/// A relation being built.
#[derive(Debug, Clone, Copy)]
struct Draft {
    according: bool,
    content: Span,
    cue: Option<Span>,
    /// The cue's first word.
    cue_word: Option<usize>,
    source: Option<(usize, usize)>,
    /// The draft whose source this one shares (a continuing part).
    head: Option<usize>,
}

/// What became of a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Nothing yet.
    Open,
    /// The content of draft `d`, or inside it.
    Of(usize),
}

/// An actor mention as the stage reads it: where it is and whose it is
/// (a source's actor is that of the first mention inside it).
pub(crate) trait Mentioned {
    /// Where the mention is in the text.
    fn span(&self) -> Span;
    /// The actor mentioned.
    fn actor(&self) -> ActorIndex;
}

impl Mentioned for ActorMention {
    #[inline]
    fn span(&self) -> Span {
        self.span
    }
    #[inline]
    fn actor(&self) -> ActorIndex {
        self.actor
    }
}

/// What the stage found in one article.
pub(crate) struct Found {
    pub(crate) attributions: Vec<Attribution>,
    /// Word tokens inside some attribution's content.
    pub(crate) attributed_words: usize,
}

impl Attributor {
    /// The stage for `lexicon`'s `[speech]` lists.
    pub(crate) fn new(lexicon: &Lexicon) -> Self {
        Attributor {
            table: WordTable::new(lexicon),
            rare: quotes::RareMarks::default(),
        }
    }

    /// A collector for one article's words, in `buffers` (emptied).
    /// A collector for the words of `text`, in `buffers` (emptied); finds
    /// the text's quotations first.
    pub(crate) fn collector<'a>(&self, buffers: &'a mut Buffers, text: &'a str) -> Collector<'a> {
        buffers.words.clear();
        buffers.sentence_first.clear();
        buffers.candidates.clear();
        buffers.colons.clear();
        quotes::quotations(text, &self.rare, &mut buffers.quotes, &mut buffers.marks);
        Collector {
            buffers,
            text: text.as_bytes(),
            mark: 0,
        }
    }

    /// Finds the attributions of `text` from the words in `collector`,
    /// with the actors of their sources from `mentions` (in text order),
    /// into `out` (emptied first; a caller that counts and drops them can
    /// hand the same vector back each time). [`set_voices`] gives the cues
    /// their voices.
    pub(crate) fn attribute<M: Mentioned>(
        &self,
        text: &str,
        collector: Collector<'_>,
        mentions: &[M],
        mut out: Vec<Attribution>,
    ) -> Found {
        let Buffers {
            words,
            sentence_first,
            quotes,
            marks,
            candidates,
            colons,
            triggers,
            tails,
            work,
        } = collector.buffers;
        sentence_first.push(words.len());
        tails.clear();
        tails.resize(sentence_first.len(), usize::MAX);
        macro_rules! context {
            ($words:expr) => {
                Context {
                    text,
                    words: $words,
                    sentence_first,
                    marks,
                    tails: &[],
                    last_stop: std::cell::Cell::new((usize::MAX, 0, 0)),
                    quotes,
                }
            };
        }
        context!(words).triggers(&self.table, candidates, quotes, triggers);
        for t in triggers.iter() {
            if let Some(w) = words.get_mut(t.first) {
                w.flags |= rules::TRIGGER;
            }
        }
        let mut cx = context!(words);
        for t in triggers.iter_mut() {
            t.before = cx.source_before(t.first);
        }
        for t in triggers.iter() {
            if let Some((comma, _)) = cx.tail(t) {
                tails[words[t.first].sentence as usize] = comma;
            }
        }
        cx.tails = tails;
        draft(&cx, quotes, triggers, colons, work);
        finish(&cx, quotes, mentions, work, &mut out);
        Found {
            attributed_words: attributed_words(words, &out),
            attributions: out,
        }
    }
}

fn cue_span(cx: &Context<'_>, t: &Trigger) -> Span {
    Span::new(
        cx.words[t.first].span().start,
        cx.words[t.end - 1].span().end,
    )
}

/// The relations of one article, before sources are resolved: quotations
/// with a cue after or before them; then reported speech from the cues
/// left, taking in the quotations inside its content (mixed); then the
/// quotations that continue an attributed one. Into `work.drafts`.
fn draft(
    cx: &Context<'_>,
    quotes: &[Quote],
    triggers: &[Trigger],
    colons: &[usize],
    work: &mut Work,
) {
    let Work {
        drafts,
        used,
        fate,
        next_open,
        by_cue,
        spans,
        ..
    } = work;
    drafts.clear();
    used.clear();
    used.resize(triggers.len(), None);
    fate.clear();
    fate.resize(quotes.len(), Fate::Open);

    // Quotations with their own cue.
    for (qi, quote) in quotes.iter().enumerate() {
        if let Some((t, source)) = cx.cue_after_quote(quote, triggers)
            && used[t].is_none()
        {
            used[t] = Some(drafts.len());
            fate[qi] = Fate::Of(drafts.len());
            drafts.push(Draft {
                according: false,
                content: lead_in(cx, quote, triggers),
                cue: Some(cue_span(cx, &triggers[t])),
                cue_word: Some(triggers[t].first),
                source,
                head: None,
            });
        } else if let Some(t) = cx.cue_before_quote(quote, triggers) {
            match used[t] {
                // "'...,' she said, '...'": the cue of the part before.
                Some(d) => {
                    fate[qi] = Fate::Of(drafts.len());
                    let head = drafts[d].head.unwrap_or(d);
                    drafts.push(Draft {
                        according: false,
                        content: quote.span,
                        cue: None,
                        cue_word: None,
                        source: None,
                        head: Some(head),
                    });
                }
                None => {
                    let trigger = &triggers[t];
                    let source = match trigger.kind {
                        TriggerKind::According => cx.according_source(trigger.end),
                        _ => trigger
                            .before
                            .or_else(|| cx.interrupted_subject(trigger.first))
                            .or_else(|| cx.source_after(trigger.end)),
                    };
                    used[t] = Some(drafts.len());
                    fate[qi] = Fate::Of(drafts.len());
                    drafts.push(Draft {
                        according: trigger.kind == TriggerKind::According,
                        content: quote.span,
                        cue: Some(cue_span(cx, trigger)),
                        cue_word: Some(trigger.first),
                        source,
                        head: None,
                    });
                }
            }
        }
    }

    // Reported speech from the cues left, in text order, with the latest
    // source of each sentence at hand (for participles).
    by_cue.clear();
    by_cue.extend((0..drafts.len()).filter(|&d| drafts[d].cue_word.is_some()));
    by_cue.sort_by_key(|&d| drafts[d].cue_word);
    next_open.clear();
    next_open.extend(0..=quotes.len());
    let mut quoted = 0;
    let mut latest: Option<(u32, (usize, usize))> = None;
    let mut last_content: Option<Span> = None;
    for (ti, t) in triggers.iter().enumerate() {
        let start = cx.words[t.first].span().start;
        let sentence = cx.words[t.first].sentence;
        while let Some(&d) = by_cue.get(quoted)
            && drafts[d].cue_word.is_some_and(|w| w < t.first)
        {
            if let (Some(source), Some(w)) = (drafts[d].source, drafts[d].cue_word) {
                latest = Some((cx.words[w].sentence, source));
            }
            quoted += 1;
        }
        if used[ti].is_some() {
            continue;
        }
        // A cue inside reported content is part of what is reported: the
        // content after an earlier cue, or the sentence before this
        // sentence's attribution tail ("..., officials said").
        let tail = cx
            .tails
            .get(sentence as usize)
            .copied()
            .unwrap_or(usize::MAX);
        // Unless it has a subject of its own that is a pronoun or names
        // someone ("said the talks would go on because she wants ..."), or
        // is a reporting verb after a relative pronoun ("..., which he
        // said ..."): then it reports again.
        let nested = last_content.is_some_and(|c| c.start <= start && start < c.end);
        let own_subject = t
            .before
            .is_some_and(|s| match rules::source_form(cx, s, false) {
                SourceForm::Pronoun | SourceForm::Named => true,
                SourceForm::Relative => t.kind == TriggerKind::Verb,
                _ => false,
            });
        if (nested && !own_subject) || (tail != usize::MAX && t.first < tail) {
            continue;
        }
        let before = latest
            .filter(|(s, _)| *s == sentence)
            .map(|(_, source)| source);
        let Some((content, source)) = reported(cx, t, before) else {
            continue;
        };
        let d = drafts.len();
        used[ti] = Some(d);
        drafts.push(Draft {
            according: t.kind == TriggerKind::According,
            content,
            cue: Some(cue_span(cx, t)),
            cue_word: Some(t.first),
            source,
            head: None,
        });
        if let Some(source) = source {
            latest = Some((sentence, source));
        }
        if content.start > start {
            last_content = Some(content);
        }
        // Quotations inside the content are part of it: each open one is
        // taken once (the jump list passes over those taken before).
        let mut k = find_open(
            next_open,
            quotes.partition_point(|q| q.span.start < content.start),
        );
        while let Some(quote) = quotes.get(k).filter(|q| q.span.start < content.end) {
            if fate[k] == Fate::Open {
                fate[k] = Fate::Of(d);
            }
            next_open[k] = k + 1;
            k = find_open(next_open, k + 1);
            let _ = quote;
        }
    }

    // Lines that open with a speaker's name and a colon, where no content
    // has taken the words after the colon: the rest of the paragraph (a
    // transcript's turn), up to another content, with the quotations in it.
    let mut covered_to = 0;
    spans.clear();
    spans.extend(drafts.iter().map(|d| d.content));
    spans.sort_unstable_by_key(|c| c.start);
    let mut next_span = 0;
    for &s in colons {
        let (Some(&first), Some(&end)) = (cx.sentence_first.get(s), cx.sentence_first.get(s + 1))
        else {
            continue;
        };
        let Some((colon, name, content_words)) = cx.colon_line(first, end) else {
            continue;
        };
        let mut content = cx.words_span(content_words);
        while let Some(c) = spans.get(next_span).filter(|c| c.start <= content.start) {
            covered_to = covered_to.max(c.end);
            next_span += 1;
        }
        let next_content = spans.get(next_span).map_or(usize::MAX, |c| c.start);
        if covered_to > content.start || next_content < content.end {
            continue;
        }
        // The paragraph's next sentences, while no other content starts.
        let mut t = s + 1;
        while t + 1 < cx.sentence_first.len() {
            let (from, to) = (cx.sentence_first[t], cx.sentence_first[t + 1]);
            if from == 0 || from >= to {
                break;
            }
            let gap = cx
                .text
                .get(cx.words[from - 1].span().end..cx.words[from].span().start)
                .unwrap_or("\n");
            let Some(last) = cx
                .last_word_before(to, from)
                .filter(|_| !gap.contains('\n'))
            else {
                break;
            };
            let end = cx.words_span((from, last)).end;
            if next_content < end {
                break;
            }
            content.end = end;
            t += 1;
        }
        let d = drafts.len();
        drafts.push(Draft {
            according: false,
            content,
            cue: Some(cx.words[colon].span()),
            cue_word: Some(colon),
            source: Some(name),
            head: None,
        });
        let k = quotes.partition_point(|q| q.span.start < content.start);
        for (qi, q) in quotes.iter().enumerate().skip(k) {
            if q.span.start >= content.end {
                break;
            }
            if fate[qi] == Fate::Open {
                fate[qi] = Fate::Of(d);
            }
        }
    }

    // Quotations that continue an attributed one: in the same paragraph,
    // or opening the paragraph after one whose last quotation was
    // attributed.
    let mut previous: Option<(Span, usize)> = None;
    for (qi, quote) in quotes.iter().enumerate() {
        match fate[qi] {
            Fate::Of(d) => previous = Some((quote.paragraph, drafts[d].head.unwrap_or(d))),
            Fate::Open => {
                let Some((paragraph, d)) = previous else {
                    continue;
                };
                let same = paragraph == quote.paragraph;
                let next = quote.opens_paragraph
                    && cx
                        .text
                        .get(paragraph.end..quote.paragraph.start)
                        .is_some_and(|gap| gap.trim().is_empty());
                if same || next {
                    fate[qi] = Fate::Of(drafts.len());
                    drafts.push(Draft {
                        according: false,
                        content: quote.span,
                        cue: None,
                        cue_word: None,
                        source: None,
                        head: Some(d),
                    });
                    previous = Some((quote.paragraph, d));
                }
            }
        }
    }
}

/// The first quotation at or after `k` not yet taken into a content, with
/// the jumps on the way shortened (path halving).
fn find_open(next_open: &mut [usize], mut k: usize) -> usize {
    while let Some(&next) = next_open.get(k)
        && next != k
    {
        let after = next_open.get(next).copied().unwrap_or(next);
        next_open[k] = after;
        k = after;
    }
    k
}

/// A quotation with its cue after it, with the words before it in its
/// sentence when there are any and they hold no cue: "The talks are
/// 'going well,' she said" is a mixed quotation whose content is the
/// whole clause.
fn lead_in(cx: &Context<'_>, quote: &Quote, triggers: &[Trigger]) -> Span {
    let i = cx
        .words
        .partition_point(|w| w.span().start < quote.span.start);
    if i >= cx.words.len() {
        return quote.span;
    }
    let (first, _) = cx.sentence_words(i);
    let start = cx.sentence_start_byte(i);
    // The first cue at or after the sentence's start, if before the mark.
    let cue_before = triggers
        .get(triggers.partition_point(|t| t.first < first))
        .is_some_and(|t| t.first < i);
    if first < i && start < quote.span.start && !cue_before {
        Span::new(start, quote.span.end)
    } else {
        quote.span
    }
}

/// The content and source of reported speech at cue `t` (the rules are
/// on `Context`): an attribution tail ("..., officials said.") takes the
/// sentence before its comma; "according to X" at the start of a sentence
/// takes what follows the source, elsewhere what precedes the phrase; a
/// reporting or stance verb with its subject before it (next to it, or
/// across an apposition) takes the rest of its clause; a participle after
/// a comma ("..., adding that ...") or the second of two predicates ("...
/// and said ...") takes the rest of its clause with the sentence's latest
/// source (`before`) or its opening subject; a reduced clause ("when asked
/// whether ...") needs no source. A content
/// that is only an adverbial ("said in a statement", "told reporters") is
/// none.
fn reported(
    cx: &Context<'_>,
    t: &Trigger,
    before: Option<(usize, usize)>,
) -> Option<(Span, Option<(usize, usize)>)> {
    if let Some((comma, source)) = cx.tail(t) {
        return Some((cx.content_before(comma)?, Some(source)));
    }
    let (first, _) = cx.sentence_words(t.first);
    let comma_before = t.first > first && cx.words[t.first - 1].boundary();
    match t.kind {
        TriggerKind::Noun => Some((cx.content_after(t.end)?, cx.possessor(t.first))),
        TriggerKind::According => {
            let source = cx.according_source(t.end)?;
            let content = if cx.opens_sentence(t.first) {
                // "According to X, ...": what follows the comma that closes
                // the phrase, however long the source.
                let after = match cx.comma_after(source.1 + 1) {
                    Some(comma) => comma + 1,
                    None => source.1 + 1,
                };
                cx.content_after(after)?
            } else if comma_before {
                let before = cx.content_before(t.first - 1)?;
                // "..., according to X, ...": the phrase interrupts its
                // content, which is the whole sentence around it.
                match cx.comma_after(source.1 + 1) {
                    Some(comma) if !cx.adverbial_tail(comma + 1, false) => cx
                        .content_after(comma + 1)
                        .map_or(before, |after| Span::new(before.start, after.end)),
                    _ => before,
                }
            } else {
                cx.content_before(t.first)?
            };
            Some((content, Some(source)))
        }
        TriggerKind::Verb | TriggerKind::Stance => {
            // A passive ("is expected to", "was asked whether") or a
            // sentence that opens with a participle ("Asked whether ...")
            // reports content with no source.
            // So does a reduced clause ("when asked whether ...").
            let passive = cx.is_passive(t.first);
            let opening = (t.first == first && cx.text_of_word(t.first).ends_with("ed"))
                || cx.is_reduced_clause(t.first);
            let sourceless = passive || opening;
            // A participle after a comma ("..., adding that ...") and the
            // second of two predicates ("... and said ...") have the
            // subject of their clause.
            let source = t
                .before
                .or_else(|| cx.interrupted_subject(t.first))
                .or_else(|| {
                    let participle =
                        comma_before && t.kind == TriggerKind::Verb && cx.is_participle(t.first);
                    (participle || cx.is_coordinated(t.first))
                        .then(|| before.or_else(|| cx.opening_subject(t.first)))
                        .flatten()
                });
            if source.is_none() && !sourceless {
                return None;
            }
            let (mut content, at) = cx.content_after_from(t.end)?;
            if opening && source.is_none() {
                content = cx.up_to_comma(at, content);
            }
            // A passive followed by "by" names who acted, not what was
            // said ("was first reported by the Times").
            if passive && cx.text_of_word(at).eq_ignore_ascii_case("by") {
                return None;
            }
            // Up to five words are counted: enough to tell.
            let n = cx
                .words
                .get(at..)
                .unwrap_or_default()
                .iter()
                .take_while(|w| w.span().start < content.end)
                .filter(|w| !w.boundary())
                .take(5)
                .count();
            let addressee = cx.words[t.first].flags & speech::ADDRESSEE != 0;
            let adverbial = cx
                .words
                .get(at)
                .is_some_and(|w| w.flags & (speech::ADVERBIAL | speech::DAY) != 0);
            // A stance verb followed by a preposition has no content: what
            // follows says where, when or by whom ("appeared on Fox News",
            // "was supported by 42 percent", "declined during the debate").
            let stance_adverbial = adverbial && t.kind == TriggerKind::Stance;
            if (adverbial && n <= 4) || (addressee && n <= 2) || stance_adverbial {
                return None;
            }
            Some((content, source))
        }
    }
}

/// Turns drafts into attributions: sources resolved and given their
/// actors (see [`Source`]), kinds from the contents, in order of content.
fn finish<M: Mentioned>(
    cx: &Context<'_>,
    quotes: &[Quote],
    mentions: &[M],
    work: &mut Work,
    out: &mut Vec<Attribution>,
) {
    let Work {
        drafts,
        sources,
        order,
        position,
        ..
    } = work;
    let actor_in = |span: Span| {
        let i = mentions.partition_point(|m| m.span().start < span.start);
        mentions
            .get(i)
            .filter(|m| m.span().end <= span.end)
            .map(|m| m.actor())
    };
    let words = cx.words;
    let span_of = |(a, b): (usize, usize)| Span::new(words[a].span().start, words[b].span().end);
    // Sources in text order, resolved against the named sources before.
    sources.clear();
    sources.resize(drafts.len(), None);
    order.clear();
    order.extend((0..drafts.len()).filter(|&d| drafts[d].source.is_some()));
    order.sort_by_key(|&d| drafts[d].source.map(|(a, _)| a));
    let mut last_named: Option<(Span, Option<ActorIndex>)> = None;
    for &d in order.iter() {
        let Some(words_of) = drafts[d].source else {
            continue;
        };
        let span = span_of(words_of);
        let own = actor_in(span);
        let source = match rules::source_form(cx, words_of, own.is_some()) {
            SourceForm::Named => {
                last_named = Some((span, own));
                Source {
                    span,
                    actor: own,
                    resolved: None,
                }
            }
            SourceForm::Pronoun | SourceForm::Role => Source {
                span,
                actor: own.or(last_named.and_then(|(_, a)| a)),
                resolved: last_named.map(|(s, _)| s),
            },
            SourceForm::Relative => {
                let name = cx.name_before(words_of.0).map(span_of);
                if let Some(name) = name {
                    last_named = Some((name, actor_in(name)));
                }
                Source {
                    span,
                    actor: name.and_then(actor_in),
                    resolved: name,
                }
            }
            SourceForm::Other => Source {
                span,
                actor: own,
                resolved: None,
            },
        };
        sources[d] = Some(source);
    }
    // Continuing parts share their first part's source.
    for d in 0..drafts.len() {
        if let Some(head) = drafts[d].head {
            sources[d] = sources[head];
        }
    }
    order.clear();
    order.extend(0..drafts.len());
    order.sort_by_key(|&d| (drafts[d].content.start, drafts[d].content.end));
    position.clear();
    position.resize(drafts.len(), 0);
    for (at, &d) in order.iter().enumerate() {
        position[d] = at;
    }
    out.clear();
    out.extend(order.iter().map(|&d| {
        let draft = drafts[d];
        Attribution {
            kind: if draft.according {
                AttributionKind::AccordingTo
            } else {
                kind_of(cx, quotes, draft.content)
            },
            content: draft.content,
            cue: draft.cue,
            source: sources[d],
            continues: draft.head.map(|h| position[h]),
        }
    }));
}

/// Direct when every letter and digit of the content is inside a
/// quotation, mixed when some are, indirect when none are. Letters are
/// words, so the question is whether a word of the content lies outside
/// every quotation: only the first word after the content's start and
/// the first after each quotation's end need a look.
fn kind_of(cx: &Context<'_>, quotes: &[Quote], content: Span) -> AttributionKind {
    let words = cx.words;
    let word_in = |from: usize, to: usize| {
        words
            .get(words.partition_point(|w| w.span().start < from)..)
            .unwrap_or_default()
            .iter()
            .find(|w| !w.boundary())
            .is_some_and(|w| w.span().start < to)
    };
    let first = quotes.partition_point(|q| q.span.end <= content.start);
    let inside = quotes
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|q| q.span.start < content.end);
    let (mut quoted, mut outside, mut at) = (false, false, content.start);
    for q in inside {
        quoted = true;
        outside = outside || (at < q.span.start && word_in(at, q.span.start));
        at = at.max(q.span.end);
        if outside {
            break;
        }
    }
    outside = outside || (at < content.end && word_in(at, content.end));
    match (quoted, outside) {
        (true, false) => AttributionKind::Direct,
        (true, true) => AttributionKind::Mixed,
        _ => AttributionKind::Indirect,
    }
}

/// Gives each cue the voice of the innermost attribution whose content
/// holds its first byte (see [`VoiceAt`]).
pub(crate) fn set_voices(attributions: &[Attribution], cues: &mut [CueMatch]) {
    let mut voices = VoiceAt::new(attributions);
    for cue in cues.iter_mut() {
        cue.voice = voices.at(cue.span.start);
    }
}

/// The voice at increasing offsets: the innermost attribution whose
/// content holds the offset (the one that starts last), or the outlet's
/// own. One sweep: attributions are in order of content, and one that
/// ends before an offset ends before every later offset.
pub(crate) struct VoiceAt<'a> {
    attributions: &'a [Attribution],
    open: Vec<usize>,
    next: usize,
}

impl<'a> VoiceAt<'a> {
    /// A sweep over `attributions` (in order of content, as the stage
    /// gives them).
    pub(crate) fn new(attributions: &'a [Attribution]) -> Self {
        VoiceAt {
            attributions,
            open: Vec::new(),
            next: 0,
        }
    }

    /// The voice at `offset`, which must not be smaller than the last.
    pub(crate) fn at(&mut self, offset: usize) -> Voice {
        while self
            .attributions
            .get(self.next)
            .is_some_and(|a| a.content.start <= offset)
        {
            self.open.push(self.next);
            self.next += 1;
        }
        while self
            .open
            .last()
            .is_some_and(|&a| self.attributions[a].content.end <= offset)
        {
            self.open.pop();
        }
        match self.open.last() {
            Some(&relation) => Voice::Attributed {
                relation,
                actor: self.attributions[relation].source.and_then(|s| s.actor),
            },
            None => Voice::Own,
        }
    }
}

/// Word tokens inside the union of the contents.
fn attributed_words(words: &[Word], attributions: &[Attribution]) -> usize {
    let mut count = 0;
    let mut w = 0;
    let mut covered_to = 0;
    for a in attributions {
        let from = a.content.start.max(covered_to);
        if from >= a.content.end {
            continue;
        }
        w += words
            .get(w..)
            .unwrap_or_default()
            .partition_point(|x| x.span().start < from);
        while let Some(x) = words.get(w).filter(|x| x.span().start < a.content.end) {
            count += usize::from(!x.boundary());
            w += 1;
        }
        covered_to = covered_to.max(a.content.end);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::Analyzer;

    /// (kind, content, cue, source, actor) of each attribution of `text`.
    type Row = (
        &'static str,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    fn found(analyzer: &Analyzer, text: &str) -> Vec<Row> {
        let lexicon = analyzer.lexicon();
        analyzer
            .analyze_text(text)
            .attributions
            .iter()
            .map(|a| {
                (
                    a.kind.as_str(),
                    text[a.content.range()].to_string(),
                    a.cue.map(|c| text[c.range()].to_string()),
                    a.source.map(|s| text[s.span.range()].to_string()),
                    a.source
                        .and_then(|s| s.actor)
                        .map(|x| lexicon.actor_id(x).to_string()),
                )
            })
            .collect()
    }

    fn row(
        kind: &'static str,
        content: &str,
        cue: Option<&str>,
        source: Option<&str>,
        actor: Option<&str>,
    ) -> Row {
        (
            kind,
            content.to_string(),
            cue.map(str::to_string),
            source.map(str::to_string),
            actor.map(str::to_string),
        )
    }

    #[test]
    fn attributions_of_sentences_written_for_the_test() {
        let analyzer = Analyzer::default();
        let cases: Vec<(&str, Vec<Row>)> = vec![
            // A quotation with its cue after it, the source after the verb
            // with its apposition, and a second part that continues it.
            (
                "“We made real progress today,” said Omar Haddad, a spokesman for Qatar's \
                 foreign ministry. “Both sides stayed at the table.”",
                vec![
                    row(
                        "direct",
                        "“We made real progress today,”",
                        Some("said"),
                        Some("Omar Haddad, a spokesman for Qatar's foreign ministry"),
                        Some("QATAR"),
                    ),
                    row(
                        "direct",
                        "“Both sides stayed at the table.”",
                        None,
                        Some("Omar Haddad, a spokesman for Qatar's foreign ministry"),
                        Some("QATAR"),
                    ),
                ],
            ),
            // The source before the verb; straight marks.
            (
                "\"The gap is narrowing,\" the Pakistani envoy said.",
                vec![row(
                    "direct",
                    "\"The gap is narrowing,\"",
                    Some("said"),
                    Some("the Pakistani envoy"),
                    Some("PAKISTAN"),
                )],
            ),
            // The cue before the quotation, after a colon; a pronoun that
            // takes the actor of the name before it.
            (
                "Iran's foreign minister told reporters on Monday: “The door is open.” \
                 He added that a deal was possible.",
                vec![
                    row(
                        "direct",
                        "“The door is open.”",
                        Some("told"),
                        Some("Iran's foreign minister"),
                        Some("IRAN"),
                    ),
                    row(
                        "indirect",
                        "that a deal was possible",
                        Some("added"),
                        Some("He"),
                        Some("IRAN"),
                    ),
                ],
            ),
            // An attribution tail: the content is the sentence before it.
            (
                "The talks stalled over sequencing, Iranian officials said.",
                vec![row(
                    "indirect",
                    "The talks stalled over sequencing",
                    Some("said"),
                    Some("Iranian officials"),
                    Some("IRAN"),
                )],
            ),
            // "according to" on either side of its content.
            (
                "According to a Qatari diplomat, the sides agreed on a timetable.",
                vec![row(
                    "according_to",
                    "the sides agreed on a timetable",
                    Some("According to"),
                    Some("a Qatari diplomat"),
                    Some("QATAR"),
                )],
            ),
            (
                "The sides agreed on a timetable, according to host Qatar.",
                vec![row(
                    "according_to",
                    "The sides agreed on a timetable",
                    Some("according to"),
                    Some("host Qatar"),
                    Some("QATAR"),
                )],
            ),
            // Reported speech with its object ("described X as Y").
            (
                "The White House described the meetings as making progress.",
                vec![row(
                    "indirect",
                    "the meetings as making progress",
                    Some("described"),
                    Some("The White House"),
                    Some("US"),
                )],
            ),
            // A partial quotation inside reported speech: mixed.
            (
                "Critics called the framework a “breakthrough in name only.”",
                vec![row(
                    "mixed",
                    "the framework a “breakthrough in name only.”",
                    Some("called"),
                    Some("Critics"),
                    None,
                )],
            ),
            // A scare quote: no attribution.
            ("The so-called “roadmap” remains vague.", vec![]),
            // Stance verbs, each with its clause.
            (
                "Washington wants a phased deal, while Tehran insists on sanctions relief first.",
                vec![
                    row(
                        "indirect",
                        "a phased deal",
                        Some("wants"),
                        Some("Washington"),
                        Some("US"),
                    ),
                    row(
                        "indirect",
                        "sanctions relief first",
                        Some("insists on"),
                        Some("Tehran"),
                        Some("IRAN"),
                    ),
                ],
            ),
            // A role noun resolved to the named source before it.
            (
                "Israeli officials warned that a strike remained possible. \
                 The minister said the window was closing.",
                vec![
                    row(
                        "indirect",
                        "that a strike remained possible",
                        Some("warned"),
                        Some("Israeli officials"),
                        Some("ISRAEL"),
                    ),
                    row(
                        "indirect",
                        "the window was closing",
                        Some("said"),
                        Some("The minister"),
                        Some("ISRAEL"),
                    ),
                ],
            ),
            // Nouns that look like verbs: no cue ("the report", "his
            // remarks were").
            (
                "The report on the talks was long. His remarks were brief.",
                vec![],
            ),
            // Across an apposition, and a participle that takes the same
            // source.
            (
                "Nadia Farouk, the mediator's chief of staff, said the drafts had converged, \
                 adding that a signing could follow.",
                vec![
                    row(
                        "indirect",
                        "the drafts had converged",
                        Some("said"),
                        Some("Nadia Farouk"),
                        None,
                    ),
                    row(
                        "indirect",
                        "that a signing could follow",
                        Some("adding"),
                        Some("Nadia Farouk"),
                        None,
                    ),
                ],
            ),
            // Two apostrophes as marks, and a quotation resumed in the
            // next paragraph.
            (
                "''The first phase is agreed,'' a senior U.S. official said. ''We are writing\n\n\
                 ''It will take weeks.''",
                vec![
                    row(
                        "direct",
                        "''The first phase is agreed,''",
                        Some("said"),
                        Some("a senior U.S. official"),
                        Some("US"),
                    ),
                    row(
                        "direct",
                        "''We are writing",
                        None,
                        Some("a senior U.S. official"),
                        Some("US"),
                    ),
                    row(
                        "direct",
                        "''It will take weeks.''",
                        None,
                        Some("a senior U.S. official"),
                        Some("US"),
                    ),
                ],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(found(&analyzer, text), expected, "{text:?}");
        }
    }

    /// The rules added after the integration (issue 18's second round),
    /// each on sentences written for it.
    #[test]
    fn later_rules_on_sentences_written_for_them() {
        let analyzer = Analyzer::default();
        let cases: Vec<(&str, Vec<Row>)> = vec![
            // "according to" names its source whatever its first word.
            (
                "The sides agreed on a timetable, according to regional diplomats.",
                vec![row(
                    "according_to",
                    "The sides agreed on a timetable",
                    Some("according to"),
                    Some("regional diplomats"),
                    None,
                )],
            ),
            // After an opening bracket the phrase still opens the sentence,
            // and the content starts after the comma that closes a long
            // source.
            (
                "(According to the Qatari foreign ministry, the next round is set for January.)",
                vec![row(
                    "according_to",
                    "the next round is set for January",
                    Some("According to"),
                    Some("the Qatari foreign ministry"),
                    Some("QATAR"),
                )],
            ),
            (
                "According to a summary of the draft circulated among the delegations on \
                 Tuesday, the first phase covers detainees.",
                vec![row(
                    "according_to",
                    "the first phase covers detainees",
                    Some("According to"),
                    // The source stops at an adverbial; the content still
                    // starts after the comma.
                    Some("a summary of the draft circulated"),
                    None,
                )],
            ),
            // In the middle of its sentence, the phrase interrupts its
            // content: the whole sentence.
            (
                "Since the spring, according to a Pakistani envoy, the two sides have \
                 exchanged six drafts.",
                vec![row(
                    "according_to",
                    "Since the spring, according to a Pakistani envoy, the two sides have \
                     exchanged six drafts",
                    Some("according to"),
                    Some("a Pakistani envoy"),
                    Some("PAKISTAN"),
                )],
            ),
            // A stance verb followed by a preposition says where or by
            // whom, not what.
            ("The envoy appeared on Qatari television on Sunday.", vec![]),
            ("The plan was supported by most delegations.", vec![]),
            // A cue word after a preposition or inside a hyphenated
            // compound is a noun.
            (
                "The mediators won a show of support from both capitals.",
                vec![],
            ),
            ("The name-calling continued through the evening.", vec![]),
            // A line that opens with a speaker's name and a colon: the
            // rest of its paragraph; a label and its value are not speech.
            (
                "Jane Doe: The talks will resume in January.\n\nThe rest is routine.",
                vec![row(
                    "indirect",
                    "The talks will resume in January",
                    Some(":"),
                    Some("Jane Doe"),
                    None,
                )],
            ),
            (
                "JANE DOE: We are close. The gaps are small.\n\nOMAR HADDAD: Not yet, not today.",
                vec![
                    row(
                        "indirect",
                        "We are close. The gaps are small",
                        Some(":"),
                        Some("JANE DOE"),
                        None,
                    ),
                    row(
                        "indirect",
                        "Not yet, not today",
                        Some(":"),
                        Some("OMAR HADDAD"),
                        None,
                    ),
                ],
            ),
            ("BYLINE: Jane Doe.\n\nTalks resumed.", vec![]),
            (
                "The agenda, in brief: sanctions, detainees and a timetable.",
                vec![],
            ),
            // Issue 18's third round. A relative clause or a list of
            // examples after a comma modifies a noun of the content, which
            // runs on past it.
            (
                "Omar Haddad said the draft, which runs to ten pages, was nearly final.",
                vec![row(
                    "indirect",
                    "the draft, which runs to ten pages, was nearly final",
                    Some("said"),
                    Some("Omar Haddad"),
                    None,
                )],
            ),
            // A content runs on past a dash, a bracket or a colon, unless
            // another attribution follows it.
            (
                "Jane Doe said the plan (drafted in May) would pass - and soon.",
                vec![row(
                    "indirect",
                    "the plan (drafted in May) would pass - and soon",
                    Some("said"),
                    Some("Jane Doe"),
                    None,
                )],
            ),
            // A cue inside reported content with a subject of its own
            // that is a pronoun or a name reports again.
            (
                "Jane Doe said the talks would go on because she wants a deal by May.",
                vec![
                    row(
                        "indirect",
                        "the talks would go on because she wants a deal by May",
                        Some("said"),
                        Some("Jane Doe"),
                        None,
                    ),
                    row(
                        "indirect",
                        "a deal by May",
                        Some("wants"),
                        Some("she"),
                        None,
                    ),
                ],
            ),
            (
                "Omar Haddad thanked the ministers, who said the plan was final.",
                vec![
                    row(
                        "indirect",
                        "the ministers, who said the plan was final",
                        Some("thanked"),
                        Some("Omar Haddad"),
                        None,
                    ),
                    row(
                        "indirect",
                        "the plan was final",
                        Some("said"),
                        Some("who"),
                        None,
                    ),
                ],
            ),
            // "that" after a subject pronoun or an auxiliary belongs to
            // the reported clause, which starts before it.
            (
                "Jane Doe said she was pleased that the talks resumed.",
                vec![row(
                    "indirect",
                    "she was pleased that the talks resumed",
                    Some("said"),
                    Some("Jane Doe"),
                    None,
                )],
            ),
            // A markup tag's name and "thanks to" are no cues.
            ("Jane Doe (@janedoe) July 23, 2016</tweet>.", vec![]),
            ("The lead grew thanks to a late surge in the north.", vec![]),
            // The verb of a title-case headline.
            (
                "Jane Doe Says Talks Will Resume In January",
                vec![row(
                    "indirect",
                    "Talks Will Resume In January",
                    Some("Says"),
                    Some("Jane Doe"),
                    None,
                )],
            ),
            // The second of two predicates has the clause's subject.
            (
                "Jane Doe left the meeting early and said the talks were over.",
                vec![row(
                    "indirect",
                    "the talks were over",
                    Some("said"),
                    Some("Jane Doe"),
                    None,
                )],
            ),
            // A reduced clause reports a question with no source of its
            // own; a passive with "by" names who acted.
            (
                "When asked whether the talks would resume, the envoy smiled.",
                vec![row(
                    "indirect",
                    "whether the talks would resume",
                    Some("asked"),
                    None,
                    None,
                )],
            ),
            ("The deal was first reported by a Qatari newspaper.", vec![]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(&analyzer, text), expected, "{text:?}");
        }
    }

    #[test]
    fn cues_take_the_voice_of_the_content_they_are_in() {
        let analyzer = Analyzer::default();
        let text = "The talks made progress, Qatari mediators said. \
                    The round ended in a setback. The “progress” was thin.";
        let analysis = analyzer.analyze_text(text);
        let lexicon = analyzer.lexicon();
        let qatar = lexicon.actor_index("QATAR");
        let voices: Vec<(&str, Voice)> = analysis
            .cues
            .iter()
            .filter(|c| {
                lexicon
                    .category(c.category)
                    .is_some_and(|k| k.role.is_some())
            })
            .map(|c| (&text[c.span.range()], c.voice))
            .collect();
        assert_eq!(
            voices,
            [
                (
                    "progress",
                    Voice::Attributed {
                        relation: 0,
                        actor: qatar
                    }
                ),
                ("setback", Voice::Own),
                // A scare quote stays in the outlet's own voice.
                ("progress", Voice::Own),
            ]
        );
        let progress = lexicon
            .category_with_role(crate::CategoryRole::Progress)
            .unwrap();
        let counts = &analysis.profile.categories[progress.index()];
        assert_eq!((counts.attributed, counts.attributed_asserted), (1, 1));
        assert_eq!(analysis.profile.attributions, 1);
        assert_eq!(analysis.profile.credited_count(qatar.unwrap(), progress), 1);
        // "The talks made progress": four words inside the content.
        assert_eq!(analysis.profile.attributed_tokens, 4);
    }

    #[test]
    fn a_split_quotation_counts_once() {
        let analyzer = Analyzer::default();
        let text = "“First,” she said. “Second.”";
        let analysis = analyzer.analyze_text(text);
        assert_eq!(analysis.attributions.len(), 2);
        assert_eq!(analysis.attributions[1].continues, Some(0));
        assert_eq!(analysis.profile.attributions, 1);
    }
}
