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
//! - **according to**: "according to X, ..." and "..., according to X".
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
use crate::lexicon::{ActorIndex, Lexicon};
use crate::tag::{ActorMention, CueMatch, Voice};
use crate::tokens::{Token, TokenKind, WordKey};
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
/// introduced by a cue. Offsets are bytes into the article's text.
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
}

/// One word token as the attribution rules read it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    pub(crate) span: Span,
    /// `words::*` flags.
    pub(crate) flags: u32,
    pub(crate) sentence: u32,
    /// Punctuation that ends a clause (`, ; : ( ) —`).
    pub(crate) boundary: bool,
}

/// Gathers an article's words, sentence by sentence, as the tagger hands
/// them over.
#[derive(Debug)]
pub(crate) struct Collector<'a> {
    table: &'a WordTable,
    words: Vec<Word>,
    sentence_first: Vec<usize>,
}

impl Collector<'_> {
    /// Takes the next sentence's tokens and their word keys.
    pub(crate) fn sentence(&mut self, tokens: &[Token], keys: &[WordKey]) {
        let sentence = self.sentence_first.len() as u32;
        self.sentence_first.push(self.words.len());
        self.words
            .extend(tokens.iter().zip(keys).map(|(token, key)| {
                let boundary = token.kind == TokenKind::Boundary;
                Word {
                    span: token.span,
                    flags: if boundary { 0 } else { self.table.flags(key) },
                    sentence,
                    boundary,
                }
            }));
    }
}

/// A relation being built.
#[derive(Debug, Clone, Copy)]
struct Draft {
    according: bool,
    content: Span,
    cue: Option<Span>,
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
        }
    }

    /// A collector for one article's words.
    pub(crate) fn collector(&self, capacity: usize) -> Collector<'_> {
        Collector {
            table: &self.table,
            words: Vec::with_capacity(capacity),
            sentence_first: Vec::new(),
        }
    }

    /// Finds the attributions of `text` from the words in `collector`,
    /// and sets the voice of each cue (`cues` in text order).
    pub(crate) fn attribute(
        &self,
        text: &str,
        sentences: &[Span],
        collector: Collector<'_>,
        mentions: &[ActorMention],
        cues: &mut [CueMatch],
    ) -> Found {
        let Collector {
            words,
            mut sentence_first,
            ..
        } = collector;
        sentence_first.push(words.len());
        let (mut quotes, mut marks) = (Vec::new(), Vec::new());
        quotes::quotations(text, &mut quotes, &mut marks);
        let mut tails = vec![usize::MAX; sentence_first.len()];
        let mut cx = Context {
            text,
            words: &words,
            sentence_first: &sentence_first,
            sentences,
            marks: &marks,
            tails: &[],
        };
        let in_quote = |offset: usize| {
            let i = quotes.partition_point(|q| q.span.end <= offset);
            quotes.get(i).is_some_and(|q| q.span.start < offset)
        };
        let mut triggers = Vec::new();
        cx.triggers(&self.table, in_quote, &mut triggers);
        let mut is_trigger = vec![false; words.len()];
        let mut trigger_at = vec![0u32; words.len()];
        for (index, t) in triggers.iter().enumerate() {
            is_trigger[t.first] = true;
            trigger_at[t.first] = index as u32;
        }
        for t in &triggers {
            if let Some((comma, _)) = cx.tail(t, &is_trigger) {
                tails[words[t.first].sentence as usize] = comma;
            }
        }
        cx.tails = &tails;
        let drafts = draft(&cx, &quotes, &triggers, &trigger_at, &is_trigger);
        let attributions = finish(&cx, &quotes, mentions, drafts, &is_trigger);
        set_voices(&attributions, cues);
        Found {
            attributed_words: attributed_words(&words, &attributions),
            attributions,
        }
    }
}

fn cue_span(cx: &Context<'_>, t: &Trigger) -> Span {
    Span::new(cx.words[t.first].span.start, cx.words[t.end - 1].span.end)
}

/// The relations of one article, before sources are resolved: quotations
/// with a cue after or before them; then reported speech from the cues
/// left, taking in the quotations inside its content (mixed); then the
/// quotations that continue an attributed one.
fn draft(
    cx: &Context<'_>,
    quotes: &[Quote],
    triggers: &[Trigger],
    trigger_at: &[u32],
    is_trigger: &[bool],
) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut used: Vec<Option<usize>> = vec![None; triggers.len()];
    let mut fate = vec![Fate::Open; quotes.len()];

    // Quotations with their own cue.
    for (qi, quote) in quotes.iter().enumerate() {
        if let Some((t, source)) = cx.cue_after_quote(quote, triggers, trigger_at, is_trigger)
            && used[t].is_none()
        {
            used[t] = Some(drafts.len());
            fate[qi] = Fate::Of(drafts.len());
            drafts.push(Draft {
                according: false,
                content: lead_in(cx, quote, is_trigger),
                cue: Some(cue_span(cx, &triggers[t])),
                source,
                head: None,
            });
        } else if let Some(t) = cx.cue_before_quote(quote, triggers, trigger_at, is_trigger) {
            match used[t] {
                // "'...,' she said, '...'": the cue of the part before.
                Some(d) => {
                    fate[qi] = Fate::Of(drafts.len());
                    drafts.push(Draft {
                        according: false,
                        content: quote.span,
                        cue: None,
                        source: None,
                        head: Some(drafts[d].head.unwrap_or(d)),
                    });
                }
                None => {
                    let trigger = &triggers[t];
                    let source = match trigger.kind {
                        TriggerKind::According => cx.source_after(trigger.end, is_trigger),
                        _ => cx
                            .source_before(trigger.first, is_trigger)
                            .or_else(|| cx.interrupted_subject(trigger.first, is_trigger))
                            .or_else(|| cx.source_after(trigger.end, is_trigger)),
                    };
                    used[t] = Some(drafts.len());
                    fate[qi] = Fate::Of(drafts.len());
                    drafts.push(Draft {
                        according: trigger.kind == TriggerKind::According,
                        content: quote.span,
                        cue: Some(cue_span(cx, trigger)),
                        source,
                        head: None,
                    });
                }
            }
        }
    }

    // Reported speech from the cues left, in text order, with the latest
    // source of each sentence at hand (for participles).
    let mut by_cue: Vec<usize> = (0..drafts.len()).filter(|&d| drafts[d].cue.is_some()).collect();
    by_cue.sort_by_key(|&d| drafts[d].cue.map(|c| c.start));
    let mut quoted = by_cue.into_iter().peekable();
    let mut latest: Option<(u32, (usize, usize))> = None;
    let mut last_content: Option<Span> = None;
    for (ti, t) in triggers.iter().enumerate() {
        let start = cx.words[t.first].span.start;
        let sentence = cx.words[t.first].sentence;
        while let Some(d) = quoted.next_if(|&d| drafts[d].cue.is_some_and(|c| c.start < start)) {
            if let (Some(source), Some(cue)) = (drafts[d].source, drafts[d].cue) {
                let at = cx.words.partition_point(|w| w.span.start < cue.start);
                latest = cx.words.get(at).map(|w| (w.sentence, source));
            }
        }
        if used[ti].is_some() {
            continue;
        }
        // A cue inside reported content is part of what is reported.
        if last_content.is_some_and(|c| c.start <= start && start < c.end) {
            continue;
        }
        let before = latest.filter(|(s, _)| *s == sentence).map(|(_, source)| source);
        let Some((content, source)) = reported(cx, t, is_trigger, before) else {
            continue;
        };
        let d = drafts.len();
        used[ti] = Some(d);
        drafts.push(Draft {
            according: t.kind == TriggerKind::According,
            content,
            cue: Some(cue_span(cx, t)),
            source,
            head: None,
        });
        if let Some(source) = source {
            latest = Some((sentence, source));
        }
        if content.start > start {
            last_content = Some(content);
        }
        // Quotations inside the content are part of it.
        let q = quotes.partition_point(|q| q.span.start < content.start);
        for (k, quote) in quotes.iter().enumerate().skip(q) {
            if quote.span.start >= content.end {
                break;
            }
            if fate[k] == Fate::Open {
                fate[k] = Fate::Of(d);
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
                        source: None,
                        head: Some(d),
                    });
                    previous = Some((quote.paragraph, d));
                }
            }
        }
    }
    drafts
}

/// A quotation with its cue after it, with the words before it in its
/// sentence when there are any and they hold no cue: "The talks are
/// 'going well,' she said" is a mixed quotation whose content is the
/// whole clause.
fn lead_in(cx: &Context<'_>, quote: &Quote, is_trigger: &[bool]) -> Span {
    let i = cx.words.partition_point(|w| w.span.start < quote.span.start);
    if i >= cx.words.len() {
        return quote.span;
    }
    let (first, _) = cx.sentence_words(i);
    let start = cx.sentence_start_byte(i);
    if first < i && start < quote.span.start && !(first..i).any(|k| is_trigger[k]) {
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
/// across an apposition) takes the rest of the sentence; a participle
/// after a comma ("..., adding that ...") takes the rest of the sentence
/// with the sentence's latest source (`before`) or its opening subject.
fn reported(
    cx: &Context<'_>,
    t: &Trigger,
    is_trigger: &[bool],
    before: Option<(usize, usize)>,
) -> Option<(Span, Option<(usize, usize)>)> {
    if let Some((comma, source)) = cx.tail(t, is_trigger) {
        return Some((cx.content_before(comma)?, Some(source)));
    }
    let (first, _) = cx.sentence_words(t.first);
    let comma_before = t.first > first && cx.words[t.first - 1].boundary;
    match t.kind {
        TriggerKind::According => {
            let source = cx.source_after(t.end, is_trigger)?;
            let content = if t.first == first {
                cx.content_after(source.1 + 1, false)?
            } else if comma_before {
                cx.content_before(t.first - 1)?
            } else {
                cx.content_before(t.first)?
            };
            Some((content, Some(source)))
        }
        TriggerKind::Verb | TriggerKind::Stance => {
            let source = cx
                .source_before(t.first, is_trigger)
                .or_else(|| cx.interrupted_subject(t.first, is_trigger))
                .or_else(|| {
                    (comma_before && t.kind == TriggerKind::Verb && cx.is_participle(t.first))
                        .then(|| before.or_else(|| cx.opening_subject(t.first, is_trigger)))
                        .flatten()
                })?;
            let content = cx.content_after(t.end, false)?;
            // A content that is only an adverbial ("said in a statement",
            // "told reporters") is none.
            let at = cx.words.partition_point(|w| w.span.start < content.start);
            let upto = cx.words.partition_point(|w| w.span.start < content.end);
            let n = cx.word_count(at, upto);
            let addressee = cx.words[t.first].flags & words::ADDRESSEE != 0;
            let adverbial = cx
                .words
                .get(at)
                .is_some_and(|w| w.flags & (words::ADVERBIAL | words::DAY) != 0);
            if (adverbial && n <= 4) || (addressee && n <= 2) {
                return None;
            }
            Some((content, Some(source)))
        }
    }
}

/// Turns drafts into attributions: sources resolved and given their
/// actors (see [`Source`]), kinds from the contents, in order of content.
fn finish(
    cx: &Context<'_>,
    quotes: &[Quote],
    mentions: &[ActorMention],
    drafts: Vec<Draft>,
    is_trigger: &[bool],
) -> Vec<Attribution> {
    let actor_in = |span: Span| {
        let i = mentions.partition_point(|m| m.span.start < span.start);
        mentions
            .get(i)
            .filter(|m| m.span.end <= span.end)
            .map(|m| m.actor)
    };
    let words = cx.words;
    let span_of = |(a, b): (usize, usize)| Span::new(words[a].span.start, words[b].span.end);
    // Sources in text order, resolved against the named sources before.
    let mut sources: Vec<Option<Source>> = vec![None; drafts.len()];
    let mut order: Vec<usize> = (0..drafts.len())
        .filter(|&d| drafts[d].source.is_some())
        .collect();
    order.sort_by_key(|&d| drafts[d].source.map(|(a, _)| a));
    let mut last_named: Option<(Span, Option<ActorIndex>)> = None;
    for d in order {
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
                let name = cx.name_before(words_of.0, is_trigger).map(span_of);
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
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&d| (drafts[d].content.start, drafts[d].content.end));
    let mut position = vec![0; drafts.len()];
    for (at, &d) in order.iter().enumerate() {
        position[d] = at;
    }
    order
        .iter()
        .map(|&d| {
            let draft = drafts[d];
            Attribution {
                kind: if draft.according {
                    AttributionKind::AccordingTo
                } else {
                    kind_of(cx.text, quotes, draft.content)
                },
                content: draft.content,
                cue: draft.cue,
                source: sources[d],
                continues: draft.head.map(|h| position[h]),
            }
        })
        .collect()
}

/// Direct when every letter and digit of the content is inside a
/// quotation, mixed when some are, indirect when none are.
fn kind_of(text: &str, quotes: &[Quote], content: Span) -> AttributionKind {
    let mut i = quotes.partition_point(|q| q.span.end <= content.start);
    let mut at = content.start;
    let mut quoted = false;
    let mut outside = false;
    let letters = |from: usize, to: usize| {
        text.get(from..to)
            .is_some_and(|s| s.chars().any(char::is_alphanumeric))
    };
    while let Some(q) = quotes.get(i).filter(|q| q.span.start < content.end) {
        outside |= letters(at, q.span.start.max(at));
        quoted = true;
        at = at.max(q.span.end);
        i += 1;
    }
    outside |= letters(at, content.end.max(at));
    match (quoted, outside) {
        (true, false) => AttributionKind::Direct,
        (true, true) => AttributionKind::Mixed,
        _ => AttributionKind::Indirect,
    }
}

/// Gives each cue the voice of the innermost attribution whose content
/// holds its first byte (see [`VoiceAt`]).
fn set_voices(attributions: &[Attribution], cues: &mut [CueMatch]) {
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
        w += words[w..].partition_point(|x| x.span.start < from);
        while let Some(x) = words.get(w).filter(|x| x.span.start < a.content.end) {
            count += usize::from(!x.boundary);
            w += 1;
        }
        covered_to = covered_to.max(a.content.end);
    }
    count
}
