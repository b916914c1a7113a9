//! The attribution rules, each a function with its reason: which words are
//! cues, where a source and a content begin and end, which quotation a
//! cue introduces, and what a pronoun stands for.
//!
//! Every rule looks at a bounded number of words around the word it
//! starts from (at most [`SOURCE_WORDS`], [`THAT_REACH`], [`AFTER_QUOTE`],
//! [`BEFORE_QUOTE`] or [`TAIL_WORDS`]), or jumps to a sentence's end in one
//! step, so the stage is linear in the length of the text whatever the
//! text holds.

use super::words::WordTable;
use super::{Word, quotes::Quote};
use crate::Span;
use crate::lexicon::speech::{
    ADDRESSEE, ADVERBIAL, ARTICLE, AUX, BE, CLAUSE, DAY, DETERMINER, FUNCTION, INDEFINITE,
    PARTICLE, PAST, PHRASE, PRONOUN, RELATIVE, ROLE, SKIP, STANCE, STOP, THAT, VERB,
};

/// The flag bit set on the first word of each cue once cues are found
/// (above every `lexicon::speech` flag).
pub(crate) const TRIGGER: u32 = 1 << 31;
/// The flag bit of a word followed by a quotation mark before the next
/// word (set as words are collected).
pub(crate) const MARK_AFTER: u32 = 1 << 29;
/// The flag bit of a comma.
pub(crate) const COMMA: u32 = 1 << 28;

/// How far back a content before its attribution looks for the start of
/// its clause (a dash or colon: "DOHA — ..."); beyond it, the sentence's
/// start.
pub(crate) const CLAUSE_LOOKBACK: usize = 64;
/// The most adverbs and auxiliaries skipped between a source and its verb.
pub(crate) const SKIP_WORDS: usize = 6;
/// The most punctuation tokens skipped at either end of a content.
pub(crate) const PUNCTUATION_RUN: usize = 8;

/// The most words a source may have (a name with its title, or a noun
/// phrase such as "a spokesman for the foreign ministry").
pub(crate) const SOURCE_WORDS: usize = 9;
/// How far after a verb "that" may open its content ("said in a
/// statement on Monday that ...").
pub(crate) const THAT_REACH: usize = 8;
/// How many words after a closing mark a verb may come with its source
/// before it ("'...,' the country's foreign minister, Jane Doe, said").
pub(crate) const AFTER_QUOTE: usize = 14;
/// How many words before an opening mark its verb may be ("X told
/// reporters in Doha on Monday: '...'").
pub(crate) const BEFORE_QUOTE: usize = 8;
/// How many words may follow a verb at a sentence's end for the content to
/// be the sentence before it ("..., she said in a statement on Monday.").
pub(crate) const TAIL_WORDS: usize = 7;
/// The most words of a speaker's name before a colon ("Former AG Jane Doe
/// at RNC: ...").
pub(crate) const COLON_NAME_WORDS: usize = 6;
/// How long an apposition between a source and its verb may be ("Jane Doe,
/// the head of the agency's legal team, said").
pub(crate) const APPOSITION_WORDS: usize = 20;

/// A run of words, as the first and last word's indices.
pub(crate) type Words = (usize, usize);

/// What kind of cue a trigger word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TriggerKind {
    /// A reporting verb: content on either side.
    Verb,
    /// A verb of stance or intention: content after it.
    Stance,
    /// "according to": the source after it, the content on either side.
    According,
    /// A cue word used as a noun before "that" ("the claim that ...",
    /// "Iran's warning that ..."): the content is the "that" clause, the
    /// source the possessor if there is one.
    Noun,
}

/// A cue: a reporting or stance verb (with its particle) or an "according
/// to" phrase, as words `first..end`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Trigger {
    pub(crate) first: usize,
    pub(crate) end: usize,
    pub(crate) kind: TriggerKind,
    /// Its source before it ([`Context::source_before`]), found once.
    pub(crate) before: Option<(usize, usize)>,
}

/// The words of one article with what the rules need to read them.
pub(crate) struct Context<'a> {
    pub(crate) text: &'a str,
    pub(crate) words: &'a [Word],
    /// First word of each sentence, and one past the last sentence.
    pub(crate) sentence_first: &'a [usize],
    /// Offsets of the double quotation marks, in order.
    pub(crate) marks: &'a [usize],
    /// For each sentence, the comma that opens its attribution tail
    /// ("..., officials said."), or `usize::MAX` (see [`Context::tail`]).
    pub(crate) tails: &'a [usize],
    /// The last clause stop found ([`Context::next_stop`]): the query's
    /// start word, the stop (or sentence end) found for it, the sentence
    /// end.
    pub(crate) last_stop: std::cell::Cell<(usize, usize, usize)>,
    /// The quotations, in order.
    pub(crate) quotes: &'a [Quote],
}

impl Context<'_> {
    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// The word's sentence's first word and one past its last.
    pub(crate) fn sentence_words(&self, word: usize) -> (usize, usize) {
        let s = self.words[word].sentence as usize;
        let first = self.sentence_first.get(s).copied().unwrap_or(0);
        let end = self
            .sentence_first
            .get(s + 1)
            .copied()
            .unwrap_or(self.words.len());
        (first, end)
    }

    /// Whether word `k` is the first word of a cue.
    pub(crate) fn is_trigger(&self, k: usize) -> bool {
        self.words.get(k).is_some_and(|w| w.flags & TRIGGER != 0)
    }

    /// The index in `triggers` of the cue that starts at word `k` (which
    /// must be one).
    fn trigger_at(&self, triggers: &[Trigger], k: usize) -> usize {
        triggers.partition_point(|t| t.first < k)
    }

    /// Whether a quotation mark stands in `from..to` (bytes).
    pub(crate) fn mark_in(&self, from: usize, to: usize) -> bool {
        let i = self.marks.partition_point(|&m| m < from);
        self.marks.get(i).is_some_and(|&m| m < to)
    }

    /// Whether a quotation mark stands between words `a` and `a + 1`.
    #[inline]
    pub(crate) fn mark_after(&self, a: usize) -> bool {
        self.words.get(a).is_some_and(|w| w.flags & MARK_AFTER != 0)
    }

    /// The text of word `word`.
    pub(crate) fn text_of_word(&self, word: usize) -> &str {
        self.text_of(word)
    }

    fn text_of(&self, word: usize) -> &str {
        self.words
            .get(word)
            .and_then(|w| self.text.get(w.span().range()))
            .unwrap_or_default()
    }

    /// Whether word `word` is the punctuation mark `what` (one ASCII byte).
    fn is_boundary(&self, word: usize, what: u8) -> bool {
        if what == b',' {
            return self.words.get(word).is_some_and(|w| w.flags & COMMA != 0);
        }
        self.words
            .get(word)
            .is_some_and(|w| w.boundary() && self.bytes().get(w.span().start) == Some(&what))
    }

    /// Whether word `word` is a dash (punctuation that starts with `-` or
    /// a Unicode dash: "-", "--", "—", "–").
    fn is_dash(&self, word: usize) -> bool {
        self.words.get(word).is_some_and(|w| {
            w.boundary() && matches!(self.bytes().get(w.span().start), Some(b'-'))
                || self
                    .text
                    .get(w.span().range())
                    .is_some_and(|t| t.starts_with(['—', '–']))
        })
    }

    /// The possessor of a cue noun at word `noun` ("Iran's warning", "his
    /// claim"): the source that ends before the possessive "'s", or the
    /// possessive pronoun itself (resolved as a pronoun is).
    pub(crate) fn possessor(&self, noun: usize) -> Option<(usize, usize)> {
        let (first, _) = self.sentence_words(noun);
        let p = noun.checked_sub(1).filter(|&p| p >= first)?;
        let word = self.text_of(p);
        if word == "'s" || word == "’s" {
            return self.source_before(p);
        }
        ["his", "her", "their", "its", "our", "my"]
            .iter()
            .any(|x| word.eq_ignore_ascii_case(x))
            .then_some((p, p))
    }

    /// Whether a verb is passive: a form of "be" among the auxiliaries
    /// and adverbs before it, and itself a past participle ("is
    /// expected", "was not told"). Its subject is not its source.
    pub(crate) fn is_passive(&self, verb: usize) -> bool {
        let words = self.words;
        let (first, _) = self.sentence_words(verb);
        let participle = self.text_of(verb).ends_with("ed") || words[verb].flags & PAST != 0;
        participle
            && (first..verb)
                .rev()
                .take(SKIP_WORDS)
                .take_while(|&k| !words[k].boundary() && words[k].flags & (SKIP | BE) != 0)
                .any(|k| words[k].flags & BE != 0)
    }

    /// Whether a word is capitalised and not a function word: part of a
    /// name.
    pub(crate) fn is_name(&self, word: usize) -> bool {
        let Some(w) = self.words.get(word) else {
            return false;
        };
        !w.boundary()
            && w.flags & FUNCTION == 0
            && self
                .text_of(word)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    fn is_capitalised(&self, word: usize) -> bool {
        self.text_of(word)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Whether word `word` opens its sentence: it is the first word, or only
    /// punctuation stands before it ("(According to ...", "— According
    /// to ...").
    pub(crate) fn opens_sentence(&self, word: usize) -> bool {
        let (first, _) = self.sentence_words(word);
        (first..word).all(|k| self.words[k].boundary())
    }

    /// The first comma after word `from` in its sentence, within
    /// [`APPOSITION_WORDS`] words and before any other punctuation: the
    /// end of a long opening phrase ("According to early results of exit
    /// polls conducted by ..., ...").
    pub(crate) fn comma_after(&self, from: usize) -> Option<usize> {
        let (_, end) = self.sentence_words(from.saturating_sub(1));
        (from..end.min(from + APPOSITION_WORDS))
            .find(|&k| self.words[k].boundary() || self.mark_after(k))
            .filter(|&k| self.is_boundary(k, b','))
    }

    /// Whether a sentence ends between words `a` and `a + 1` (the
    /// segmenter's sentences, which know abbreviations and initials).
    fn ends_after(&self, a: usize) -> bool {
        match (self.words.get(a), self.words.get(a + 1)) {
            (Some(x), Some(y)) => x.sentence != y.sentence,
            _ => true,
        }
    }

    // -----------------------------------------------------------------------
    // Cues.

    /// The cues of the text, in order. A cue is a `[speech]` verb or
    /// phrase, except where it is not used as a verb:
    /// - capitalised inside a sentence (not after opening punctuation
    ///   only): part of a name ("Secretary of State");
    /// - after a determiner or possessive: a noun ("the report", "Iran's
    ///   claims");
    /// - followed by another cue: part of the subject ("reports said");
    /// - inside a quotation: the source's own words, not the outlet's
    ///   report of them (`in_quote`).
    ///
    /// A particle right after the verb joins the cue ("called for").
    pub(crate) fn triggers(
        &self,
        table: &WordTable,
        candidates: &[usize],
        quotes: &[Quote],
        out: &mut Vec<Trigger>,
    ) {
        out.clear();
        let words = self.words;
        // Candidates come in order: the quotations are walked alongside.
        let mut q = 0;
        let mut in_quote = |offset: usize| {
            while quotes.get(q).is_some_and(|x| x.span.end <= offset) {
                q += 1;
            }
            quotes.get(q).is_some_and(|x| x.span.start < offset)
        };
        // Candidates are the words with a cue flag, in order; a phrase
        // passes over the candidates inside it.
        let mut next_free = 0;
        for &i in candidates {
            if i < next_free {
                continue;
            }
            let w = words[i];
            let (mut kind, mut end) = (None, i + 1);
            if w.flags & PHRASE != 0 {
                for phrase in table.phrases_from(self.text_of(i)) {
                    let n = phrase.words.len();
                    if i + n > end && self.phrase_at(i, &phrase.words) {
                        kind = Some(if phrase.according {
                            TriggerKind::According
                        } else if phrase.flags & VERB != 0 {
                            TriggerKind::Verb
                        } else {
                            TriggerKind::Stance
                        });
                        end = i + n;
                    }
                }
            }
            if kind.is_none() {
                kind = if w.flags & VERB != 0 {
                    Some(TriggerKind::Verb)
                } else if w.flags & STANCE != 0 {
                    Some(TriggerKind::Stance)
                } else {
                    None
                };
            }
            let Some(kind) = kind else {
                continue;
            };
            let (_, sentence_end) = self.sentence_words(i);
            let noun = kind != TriggerKind::According && self.is_noun(i, end, sentence_end);
            let that_follows = words
                .get(end)
                .is_some_and(|n| n.flags & THAT != 0 && end < sentence_end);
            if (!self.opens_sentence(i) && self.is_capitalised(i) && !self.is_headline_verb(i))
                || in_quote(w.span().start)
                || self.is_markup(i)
                || self.is_other_sense(i)
            {
                next_free = end;
                continue;
            }
            if noun {
                if that_follows {
                    out.push(Trigger {
                        first: i,
                        end,
                        kind: TriggerKind::Noun,
                        before: None,
                    });
                }
                next_free = end;
                continue;
            }
            // A particle joins the verb, but not "on" before a day or a
            // name ("said on Monday", "wrote on Twitter").
            let adverbial_on = self.text_of(end).eq_ignore_ascii_case("on")
                && words
                    .get(end + 1)
                    .is_some_and(|n| n.flags & DAY != 0 || self.is_capitalised(end + 1));
            if kind != TriggerKind::According
                && end < sentence_end
                && !words[end].boundary()
                && words[end].flags & PARTICLE != 0
                && !self.mark_after(end - 1)
                && !adverbial_on
            {
                end += 1;
            }
            out.push(Trigger {
                first: i,
                end,
                kind,
                before: None,
            });
            next_free = end;
        }
    }

    /// Whether a cue word at `i` (its cue ending before `end`) is used as a
    /// noun, not a verb: after an article or possessive ("the report",
    /// "Iran's claims"), after a preposition ([`Context::is_preposition`]),
    /// as part of a hyphenated compound ([`Context::is_compound_part`]);
    /// before another cue ("reports said") or an
    /// auxiliary ("his remarks were"); a plural before "of" ("states
    /// of"); or a base form right after a singular name, which would need
    /// "-s" as a verb ("Clinton support").
    fn is_noun(&self, i: usize, end: usize, sentence_end: usize) -> bool {
        let words = self.words;
        let (first, _) = self.sentence_words(i);
        let prev = (i > first && !words[i - 1].boundary()).then(|| i - 1);
        let next = (end < sentence_end && !words[end].boundary()).then_some(end);
        let word = self.text_of(i);
        prev.is_some_and(|p| words[p].flags & ARTICLE != 0)
            || prev.is_some_and(|p| self.is_preposition(p))
            || self.is_compound_part(i)
            || next.is_some_and(|n| {
                let flags = words[n].flags;
                flags & (VERB | STANCE) != 0 && flags & PARTICLE == 0
                    || flags & AUX != 0
                    || word.ends_with('s') && self.text_of(n).eq_ignore_ascii_case("of")
            })
            || prev.is_some_and(|p| {
                self.is_name(p) && !self.text_of(p).ends_with('s') && self.is_base_form(i)
            })
    }

    /// Whether a capitalised cue word inside a sentence is a verb of a
    /// title-case headline ("Jane Doe Says Talks Will Resume", "..., Omar
    /// Haddad Says."), not part of a name: an inflected form ("-s", "-ed"
    /// or an irregular past) between a capitalised word and a capitalised
    /// word or the sentence's end. A name rarely holds an inflected verb.
    fn is_headline_verb(&self, i: usize) -> bool {
        let word = self.text_of(i);
        let inflected = (word.ends_with('s') && !word.ends_with("ss"))
            || word.ends_with("ed")
            || self.words[i].flags & PAST != 0;
        let (first, end) = self.sentence_words(i);
        inflected
            && i > first
            && self.is_name(i - 1)
            && (i + 1 >= end || self.words[i + 1].boundary() || self.is_capitalised(i + 1))
    }

    /// Whether the word is the name of a markup tag ("<tweet id=...>",
    /// "</tweet>" in pasted embeds): a `<` or `</` right before it. Not a
    /// word of the text.
    fn is_markup(&self, i: usize) -> bool {
        let start = self.words[i].span().start;
        let bytes = self.bytes();
        start >= 1
            && (bytes.get(start - 1) == Some(&b'<')
                || (start >= 2 && bytes.get(start - 2..start) == Some(b"</".as_slice())))
    }

    /// Whether the word is a cue word in another sense before "to":
    /// "thanks to", a preposition ("won thanks to a late surge"), and
    /// "add to", which means "increase" ("adding to her lead").
    fn is_other_sense(&self, i: usize) -> bool {
        let word = self.text_of(i);
        ["thanks", "add", "adds", "added", "adding"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
            && self.text_of(i + 1).eq_ignore_ascii_case("to")
    }

    /// Whether word `p` is a preposition (a particle or the head of an
    /// adverbial, not "to" and not an adverb such as "earlier"): a cue
    /// word right after one is its object, a noun ("targets of attacks",
    /// "a show of support", "calls for comment").
    fn is_preposition(&self, p: usize) -> bool {
        let flags = self.words[p].flags;
        flags & (PARTICLE | ADVERBIAL) != 0 && flags & (STOP | SKIP | DAY) == 0
    }

    /// Whether the word is joined to the word before it by a hyphen
    /// ("name-calling", "counter-attack", "talk-show"): part of a compound,
    /// not a verb of its own.
    fn is_compound_part(&self, i: usize) -> bool {
        let start = self.words[i].span().start;
        let bytes = self.bytes();
        start >= 2
            && bytes.get(start - 1) == Some(&b'-')
            && bytes.get(start - 2).is_some_and(u8::is_ascii_alphanumeric)
    }

    /// Whether a verb is in its base form: no "-s", "-ed" or "-ing" ending
    /// and no irregular past ("said").
    fn is_base_form(&self, i: usize) -> bool {
        let word = self.text_of(i);
        !(word.ends_with('s')
            || word.ends_with("ed")
            || word.ends_with("ing")
            || self.words[i].flags & PAST != 0)
    }

    /// Whether the words from `at` are `phrase`, in one sentence.
    fn phrase_at(&self, at: usize, phrase: &[String]) -> bool {
        let (_, sentence_end) = self.sentence_words(at);
        at + phrase.len() <= sentence_end
            && phrase.iter().enumerate().all(|(k, word)| {
                !self.words[at + k].boundary() && self.text_of(at + k).eq_ignore_ascii_case(word)
            })
    }

    // -----------------------------------------------------------------------
    // Sources.

    /// The source before a verb at word `verb`, as words `(first, last)`:
    /// the noun phrase that ends just before the verb, past auxiliaries,
    /// adverbs and days ("Iran's foreign minister also said", "the
    /// ministry on Monday said"). A pronoun is a source of its own ("he
    /// said"). Going back, the phrase stops at punctuation, a quotation
    /// mark, a conjunction or clause word, another cue, a pronoun or a
    /// preposition that opens an adverbial ("In Doha the envoy said": "the
    /// envoy"), and after [`SOURCE_WORDS`] words.
    pub(crate) fn source_before(&self, verb: usize) -> Option<(usize, usize)> {
        let words = self.words;
        let (floor, _) = self.sentence_words(verb);
        let mut j = verb;
        let participle = self.text_of(verb).ends_with("ed") || words[verb].flags & PAST != 0;
        while j > floor && verb - j < SKIP_WORDS {
            let w = words[j - 1];
            if w.boundary() || self.mark_after(j - 1) {
                break;
            }
            // A passive ("is expected", "were told") has no source before it.
            if participle && w.flags & BE != 0 {
                return None;
            }
            let skip = w.flags & (SKIP | DAY) != 0
                || (w.flags & ADVERBIAL != 0 && j < verb && words[j].flags & DAY != 0);
            if !skip {
                break;
            }
            j -= 1;
        }
        if j <= floor {
            return None;
        }
        let head = j - 1;
        let h = words[head];
        if h.boundary() || self.mark_after(head) {
            return None;
        }
        if h.flags & (PRONOUN | RELATIVE) != 0 {
            return Some((head, head));
        }
        if h.flags & (STOP | THAT | ADVERBIAL | SKIP) != 0 || self.is_trigger(head) {
            return None;
        }
        let mut a = head;
        while a > floor && head - a + 1 < SOURCE_WORDS {
            let w = words[a - 1];
            // "from" joins an organisation to its speaker ("a spokesman
            // from the ministry").
            let joins = self.text_of(a - 1).eq_ignore_ascii_case("from")
                && a >= 2
                && a - 2 >= floor
                && !words[a - 2].boundary();
            if w.boundary()
                || self.mark_after(a - 1)
                || (w.flags & (STOP | THAT | RELATIVE | PRONOUN | ADVERBIAL | SKIP) != 0
                    && w.flags & DETERMINER == 0
                    && !joins)
                || self.is_trigger(a - 1)
            {
                break;
            }
            a -= 1;
        }
        Some((a, head))
    }

    /// The source after a verb, from word `from` ("said Jane Doe", "said
    /// the minister", "said he"): a pronoun, or a phrase that starts with
    /// a determiner, a number or a capitalised word and runs to the next
    /// punctuation, quotation mark, clause word, cue, adverbial or day, at
    /// most [`SOURCE_WORDS`] words.
    pub(crate) fn source_after(&self, from: usize) -> Option<(usize, usize)> {
        self.phrase_after(from, false)
    }

    /// The source after "according to", from word `from`: as
    /// [`Context::source_after`], but it may start with any word, since
    /// the phrase always names its source ("according to polls",
    /// "according to media buying sources").
    pub(crate) fn according_source(&self, from: usize) -> Option<(usize, usize)> {
        self.phrase_after(from, true)
    }

    /// [`Context::source_after`]; `any_start`: the first word may be any
    /// word that is not a clause word or a day.
    fn phrase_after(&self, from: usize, any_start: bool) -> Option<(usize, usize)> {
        let words = self.words;
        let w = words.get(from)?;
        if from == 0 || w.boundary() || self.mark_after(from - 1) {
            return None;
        }
        if self.ends_after(from - 1) {
            return None;
        }
        if w.flags & PRONOUN != 0 {
            return Some((from, from));
        }
        let number = self.text_of(from).bytes().all(|b| b.is_ascii_digit());
        // A common noun before a name is a title ("host Qatar").
        let title = w.flags & ROLE != 0 || (from + 1 < words.len() && self.is_name(from + 1));
        if w.flags & (DAY | STOP | THAT | ADVERBIAL | SKIP) != 0
            || !(any_start
                || w.flags & DETERMINER != 0
                || self.is_capitalised(from)
                || number
                || title)
        {
            return None;
        }
        let mut b = from;
        while b + 1 < words.len() && b + 2 - from <= SOURCE_WORDS {
            let x = words[b + 1];
            // "from" joins an organisation to its speaker ("a statement
            // from the ministry").
            let joins = self.text_of(b + 1).eq_ignore_ascii_case("from")
                && words.get(b + 2).is_some_and(|n| !n.boundary());
            if x.boundary()
                || self.mark_after(b)
                || self.ends_after(b)
                || (x.flags & (STOP | THAT | RELATIVE | ADVERBIAL | DAY | SKIP) != 0 && !joins)
                || self.is_trigger(b + 1)
            {
                break;
            }
            b += 1;
        }
        Some(self.with_apposition((from, b)))
    }

    /// A source with the apposition after it, when there is one: a comma,
    /// then a phrase that starts with a determiner or possessive and names
    /// a role, up to the next punctuation ("Jane Doe, a spokeswoman for the
    /// ministry"). The apposition says whom the name speaks for.
    pub(crate) fn with_apposition(&self, (a, b): (usize, usize)) -> (usize, usize) {
        let words = self.words;
        let comma = b + 1;
        if !self.is_boundary(comma, b',') || !(a..=b).any(|k| self.is_name(k)) {
            return (a, b);
        }
        let start = comma + 1;
        if words
            .get(start)
            .is_none_or(|w| w.flags & DETERMINER == 0 || w.boundary())
        {
            return (a, b);
        }
        let mut end = start;
        let mut role = false;
        while end < words.len() && end - start < SOURCE_WORDS {
            let w = words[end];
            if w.boundary() || self.is_trigger(end) || (end > start && self.ends_after(end - 1)) {
                break;
            }
            role |= w.flags & ROLE != 0;
            end += 1;
        }
        if role && end > start {
            (a, end - 1)
        } else {
            (a, b)
        }
    }

    /// The name before a relative pronoun ("Jane Doe, who said"): the
    /// source that ends just before the comma.
    pub(crate) fn name_before(&self, relative: usize) -> Option<(usize, usize)> {
        let comma = relative.checked_sub(1)?;
        if !self.is_boundary(comma, b',') {
            return None;
        }
        self.source_before(comma)
            .filter(|&(a, b)| (a..=b).any(|k| self.is_name(k)))
    }

    // -----------------------------------------------------------------------
    // Contents.

    /// Where a content that starts at word `start` begins: at the word, or
    /// at a quotation mark just before it ("said “we ...").
    pub(crate) fn start_byte(&self, start: usize) -> usize {
        let w = self.words[start];
        let from = start.checked_sub(1).map_or(0, |p| self.words[p].span().end);
        // The last quotation that opens between the word before and this one.
        let q = self
            .quotes
            .partition_point(|q| q.span.start < w.span().start);
        q.checked_sub(1)
            .and_then(|k| self.quotes.get(k))
            .map(|q| q.span.start)
            .filter(|&m| m >= from)
            .unwrap_or(w.span().start)
    }

    /// Where a content that ends with word `last` ends: after the word,
    /// or after a closing mark that follows it (past one punctuation
    /// mark: "... “very productive.”").
    fn end_byte(&self, last: usize) -> usize {
        let end = self.words[last].span().end;
        let bytes = self.bytes();
        let mut k = end;
        if bytes.get(k).is_some_and(|b| b",.?!;:".contains(b)) {
            k += 1;
        }
        match super::quotes::mark_len(bytes, k) {
            Some(len) if self.mark_in(k, k + 1) => k + len,
            _ => end,
        }
    }

    /// The content after a cue: from "that" if it comes within
    /// [`THAT_REACH`] words before any cue, subject pronoun or auxiliary
    /// ("said in a statement that ...", not "said he was pleased that
    /// ..."), else from the
    /// first word after the cue, to the end of the clause: the sentence's
    /// end, its attribution tail, or a clause stop ([`Context::clause_stops`]),
    /// without the final punctuation but with a closing quotation mark.
    /// `None` when nothing is left.
    pub(crate) fn content_after(&self, cue_end: usize) -> Option<Span> {
        self.content_after_from(cue_end).map(|(span, _)| span)
    }

    /// [`Context::content_after`], with the content's first word.
    pub(crate) fn content_after_from(&self, cue_end: usize) -> Option<(Span, usize)> {
        let words = self.words;
        let (_, sentence_end) = self.sentence_words(cue_end.checked_sub(1)?);
        let mut start = cue_end;
        while start < sentence_end.min(cue_end + PUNCTUATION_RUN) && words[start].boundary() {
            start += 1;
        }
        // "..., and ..." after the cue: another clause, not its content.
        if start > cue_end && words.get(start).is_some_and(|w| w.flags & CLAUSE != 0) {
            return None;
        }
        let reach = sentence_end.min(start + THAT_REACH);
        for (k, w) in words.iter().enumerate().take(reach).skip(start) {
            if w.flags & THAT != 0 && !w.boundary() {
                start = k;
                break;
            }
            if w.flags & (VERB | STANCE) != 0 && k > start || self.mark_after(k) {
                break;
            }
            // A subject pronoun or an auxiliary first: the content is a
            // clause already, and a "that" in it belongs to another word
            // ("said he was pleased that ...", "said it is clear that").
            if w.flags & (PRONOUN | AUX | BE) != 0 {
                break;
            }
        }
        if start >= sentence_end || words[start].boundary() {
            return None;
        }
        let tail = self
            .tails
            .get(self.words[start].sentence as usize)
            .copied()
            .unwrap_or(usize::MAX);
        let mut end = if tail > start {
            sentence_end.min(tail)
        } else {
            sentence_end
        };
        if start + 1 < end {
            end = self.next_stop(start + 1, end);
        }
        let last = self.last_word_before(end, start)?;
        Some((
            Span::new(self.start_byte(start), self.end_byte(last)),
            start,
        ))
    }

    /// The last word before `end` that is not punctuation, at or after
    /// `floor`, past at most [`PUNCTUATION_RUN`] punctuation tokens.
    pub(crate) fn last_word_before(&self, end: usize, floor: usize) -> Option<usize> {
        (floor..end)
            .rev()
            .take(PUNCTUATION_RUN + 1)
            .find(|&k| !self.words[k].boundary())
    }

    /// Whether word `k` (of a sentence that ends before `end`) stops a
    /// content after its cue: a semicolon; punctuation before a cue or a
    /// participle, which opens another attribution ("..., said ...", "(
    /// according to ...", "..., adding ..."); or a comma before a word
    /// that opens another clause ("..., and ...", "..., while ..."), but
    /// not before a modifier of a noun inside the content
    /// ([`Context::opens_modifier`]). A colon, dash or bracket alone does
    /// not end what is reported: an aside in dashes or brackets and an
    /// explanation after a colon are part of it ("said the plan - drafted
    /// in May - would pass").
    fn is_stop(&self, k: usize, end: usize) -> bool {
        let words = self.words;
        if !words[k].boundary() {
            return false;
        }
        if self.is_boundary(k, b';') {
            return true;
        }
        let comma = self.is_boundary(k, b',');
        k + 1 < end
            && !self.opens_modifier(k + 1)
            && (words[k + 1].flags & TRIGGER != 0
                || (words[k + 1].flags & VERB != 0 && self.is_participle(k + 1))
                || (comma && words[k + 1].flags & CLAUSE != 0))
    }

    /// The content `content` (first word `at`) of a verb in an opening
    /// adverbial clause ("Asked whether the talks would resume, the envoy
    /// smiled"): up to the comma that closes the clause, if one comes
    /// within [`APPOSITION_WORDS`] words; what follows is the main clause.
    pub(crate) fn up_to_comma(&self, at: usize, content: Span) -> Span {
        match self.comma_after(at + 1) {
            Some(comma) if self.words[comma].span().start < content.end => {
                Span::new(content.start, self.end_byte(comma - 1))
            }
            _ => content,
        }
    }

    /// Whether word `k`, after a comma, opens a modifier of the noun
    /// before it: a relative clause ("..., which ...", "..., who ...",
    /// "..., whose ...") or a list of examples ("..., including ...").
    /// What the modifier says is part of what is reported about that
    /// noun, so a content runs on past it ("said the plan, which passed
    /// in May, would fail").
    fn opens_modifier(&self, k: usize) -> bool {
        self.words[k].flags & RELATIVE != 0
            || ["whose", "whom", "including"]
                .iter()
                .any(|w| self.text_of(k).eq_ignore_ascii_case(w))
    }

    /// The first clause stop at or after word `from` in its sentence
    /// (which ends before `end`), or `end`. Contents are asked for in text
    /// order, so the last answer is kept: while `from` is still before it,
    /// no stop lies between, and a scan never passes a word twice.
    fn next_stop(&self, from: usize, end: usize) -> usize {
        let (asked, stop, asked_end) = self.last_stop.get();
        if asked_end == end && asked <= from && from <= stop {
            return stop;
        }
        let found = (from..end).find(|&k| self.is_stop(k, end)).unwrap_or(end);
        self.last_stop.set((from, found, end));
        found
    }

    /// The first word of the clause of word `upto`: after the last
    /// semicolon, colon, dash or bracket before it in its sentence, looking
    /// back at most [`CLAUSE_LOOKBACK`] words (else the sentence's start).
    fn clause_start(&self, upto: usize, first: usize) -> usize {
        let floor = upto.saturating_sub(CLAUSE_LOOKBACK).max(first);
        (floor..upto)
            .rev()
            .find(|&k| self.words[k].boundary() && !self.is_boundary(k, b','))
            .map_or(first, |k| k + 1)
    }

    /// The content before word `upto` (a comma before "X said" or
    /// "according to"): from the start of its clause (the sentence's start,
    /// or after a semicolon, colon, dash or bracket: "DOHA — ...") to the
    /// word before it, with a closing mark after that word.
    pub(crate) fn content_before(&self, upto: usize) -> Option<Span> {
        let (sentence_first, _) = self.sentence_words(upto);
        let first = self.clause_start(upto, sentence_first);
        let last = self.last_word_before(upto, first)?;
        Some(Span::new(self.start_byte(first), self.end_byte(last)))
    }

    /// The byte where the sentence of word `word` starts (at an opening
    /// quotation mark before its first word, if there is one).
    pub(crate) fn sentence_start_byte(&self, word: usize) -> usize {
        let (first, _) = self.sentence_words(word);
        self.start_byte(first)
    }

    /// Whether trigger `t` is its sentence's attribution tail: a comma,
    /// then the source and the verb ("..., officials said in a
    /// statement."), or the verb and the source ("..., said Jane Doe."),
    /// or "according to" and the source, with only a short tail after.
    /// Returns the comma's word and the source. A participle ("...,
    /// adding") is never a tail: its content follows it.
    pub(crate) fn tail(&self, t: &Trigger) -> Option<(usize, (usize, usize))> {
        let (first, _) = self.sentence_words(t.first);
        let comma_before = |w: usize| w > first && self.is_boundary(w - 1, b',');
        match t.kind {
            TriggerKind::Stance | TriggerKind::Noun => None,
            TriggerKind::Verb => {
                let addressee = self.words[t.first].flags & ADDRESSEE != 0;
                if let Some(source) = t.before {
                    return (comma_before(source.0) && self.adverbial_tail(t.end, addressee))
                        .then(|| (source.0 - 1, source));
                }
                if !comma_before(t.first) || self.is_participle(t.first) {
                    return None;
                }
                let source = self.source_after(t.end)?;
                // "..., said Jane Doe, a professor of law at ...": the rest
                // of the sentence is the source's apposition.
                let apposition = self.is_boundary(source.1 + 1, b',') && self.is_name(source.0);
                (apposition || self.adverbial_tail(source.1 + 1, false))
                    .then(|| (t.first - 1, source))
            }
            TriggerKind::According => {
                let source = self.according_source(t.end)?;
                (comma_before(t.first) && self.adverbial_tail(source.1 + 1, false))
                    .then(|| (t.first - 1, source))
            }
        }
    }

    /// Whether the verb at `verb` is the second of two predicates of one
    /// subject ("Jane Doe blasted the plan and said ...", "the firm keeps
    /// its books secret but says ..."): "and" or "but" right before it,
    /// past adverbs and auxiliaries. Its subject is the clause's.
    pub(crate) fn is_coordinated(&self, verb: usize) -> bool {
        let (first, _) = self.sentence_words(verb);
        let mut j = verb;
        while j > first
            && verb - j < SKIP_WORDS
            && self.words[j - 1].flags & SKIP != 0
            && !self.words[j - 1].boundary()
        {
            j -= 1;
        }
        j > first
            && !self.words[j - 1].boundary()
            && ["and", "but"]
                .iter()
                .any(|w| self.text_of(j - 1).eq_ignore_ascii_case(w))
    }

    /// Whether the verb opens a reduced adverbial clause ("when asked
    /// whether ...", "after saying he was tired"): a participle right
    /// after a subordinating conjunction. Its subject is the main
    /// clause's, so its content stands without a source of its own.
    pub(crate) fn is_reduced_clause(&self, verb: usize) -> bool {
        let (first, _) = self.sentence_words(verb);
        let word = self.text_of(verb);
        let participle =
            word.ends_with("ed") || word.ends_with("ing") || self.words[verb].flags & PAST != 0;
        participle
            && verb > first
            && ["when", "after", "before", "while", "if", "once"]
                .iter()
                .any(|w| self.text_of(verb - 1).eq_ignore_ascii_case(w))
    }

    /// Whether the word is a participle ("adding", "saying"): its subject
    /// is the clause's before it.
    pub(crate) fn is_participle(&self, word: usize) -> bool {
        self.text_of(word).ends_with("ing")
    }

    /// The subject of a verb cut off from it by an apposition or a
    /// relative clause between commas or dashes ("Jane Doe, the agency's
    /// head, said"; "Jane Doe - who leads the agency - said"): the source
    /// before the comma or dash that opens the insertion, if it is a name
    /// or a pronoun, within [`APPOSITION_WORDS`] words.
    pub(crate) fn interrupted_subject(&self, verb: usize) -> Option<(usize, usize)> {
        let (first, _) = self.sentence_words(verb);
        let mut j = verb;
        while j > first
            && verb - j < SKIP_WORDS
            && self.words[j - 1].flags & SKIP != 0
            && !self.words[j - 1].boundary()
        {
            j -= 1;
        }
        if !(j > first && (self.is_boundary(j - 1, b',') || self.is_dash(j - 1))) {
            return None;
        }
        let close = j - 1;
        let dash = self.is_dash(close);
        let open = (close.saturating_sub(APPOSITION_WORDS).max(first)..close)
            .rev()
            .find(|&k| {
                (if dash {
                    self.is_dash(k)
                } else {
                    self.is_boundary(k, b',')
                }) || self.mark_after(k)
            })?;
        if !(if dash {
            self.is_dash(open)
        } else {
            self.is_boundary(open, b',')
        }) {
            return None;
        }
        let source = self.source_before(open)?;
        let (a, b) = source;
        let named =
            (a == b && self.words[a].flags & PRONOUN != 0) || (a..=b).any(|k| self.is_name(k));
        named.then_some(source)
    }

    /// The subject that opens the sentence of word `word`, past an opening
    /// adverbial and its comma ("On Monday, the minister ..."): a pronoun,
    /// or a phrase that starts with a determiner or a name and runs while
    /// its words are names, determiners or nouns (a lower-case word ending
    /// in "-ed" or an irregular past such as "left" is taken for the
    /// verb), at most [`SOURCE_WORDS`] words.
    pub(crate) fn opening_subject(&self, word: usize) -> Option<(usize, usize)> {
        let words = self.words;
        let (first, end) = self.sentence_words(word);
        let mut k = first;
        if words.get(k)?.flags & (ADVERBIAL | STOP | SKIP | DAY) != 0 {
            k = (k..end.min(k + BEFORE_QUOTE)).find(|&c| self.is_boundary(c, b','))? + 1;
        }
        let w = words.get(k).filter(|_| k < end && k < word)?;
        if w.flags & PRONOUN != 0 {
            return Some((k, k));
        }
        if w.boundary() || !(w.flags & DETERMINER != 0 || self.is_name(k)) {
            return None;
        }
        let mut b = k;
        while b + 1 < word && b + 2 - k <= SOURCE_WORDS {
            let x = words[b + 1];
            let verb_like = !self.is_capitalised(b + 1)
                && (self.text_of(b + 1).ends_with("ed") || x.flags & PAST != 0);
            if x.boundary()
                || self.mark_after(b)
                || x.flags & (STOP | THAT | RELATIVE | ADVERBIAL | DAY | SKIP) != 0
                || self.is_trigger(b + 1)
                || verb_like
            {
                break;
            }
            b += 1;
        }
        Some((k, b))
    }

    /// Whether only a short tail follows word `from` to the end of its
    /// sentence (at most [`TAIL_WORDS`] words, no "that", no cue, no
    /// quotation): "..., she said in a statement."
    pub(crate) fn short_tail(&self, from: usize) -> bool {
        let (_, sentence_end) = self.sentence_words(from.saturating_sub(1));
        if sentence_end.saturating_sub(from) > TAIL_WORDS {
            return false;
        }
        (from..sentence_end).all(|k| {
            self.words[k].flags & THAT == 0
                && !self.is_trigger(k)
                && !(k + 1 < sentence_end && self.mark_after(k))
        })
    }

    /// Whether what follows word `from` to the end of its sentence is an
    /// adverbial tail: nothing, or a short tail ([`Context::short_tail`])
    /// that starts with a preposition, a day or an adverb ("in a
    /// statement", "Monday", "later"), or with any word after a verb that
    /// takes an addressee ("told reporters"). A tail that starts otherwise
    /// is the verb's content ("..., officials said the talks ended").
    pub(crate) fn adverbial_tail(&self, from: usize, addressee: bool) -> bool {
        let (_, sentence_end) = self.sentence_words(from.saturating_sub(1));
        if from >= sentence_end {
            return true;
        }
        let w = self.words[from];
        let adverbial = w.boundary() || w.flags & (ADVERBIAL | DAY | SKIP) != 0 || addressee;
        adverbial && w.flags & (PRONOUN | AUX) == 0 && self.short_tail(from)
    }

    // -----------------------------------------------------------------------
    // A speaker's name and a colon.

    /// A line that opens with a speaker's name and a colon ("Jane Doe:
    /// the talks will go on", a transcript's "JANE DOE: ..."): the colon
    /// word, the name's words and the content's words, for the sentence
    /// whose first word is `first` (one past its last: `end`). The
    /// sentence must open its paragraph; the name is at most
    /// [`COLON_NAME_WORDS`] words, its first and last capitalised and the
    /// others capitalised or short function words ("Former AG Mukasey at
    /// RNC"); the content after the colon has at least three words, for a
    /// label and its value ("BYLINE: Jane Doe") are not speech.
    pub(crate) fn colon_line(&self, first: usize, end: usize) -> Option<(usize, Words, Words)> {
        let words = self.words;
        let w = words.get(first)?;
        let before = first.checked_sub(1).map_or(0, |p| words[p].span().end);
        let gap = self.bytes().get(before..w.span().start)?;
        if first > 0 && !gap.contains(&b'\n') {
            return None;
        }
        let colon = (first..end.min(first + COLON_NAME_WORDS + 1))
            .find(|&k| words[k].boundary() || self.mark_after(k))?;
        if colon == first || !self.is_boundary(colon, b':') {
            return None;
        }
        let name_word = |k: usize| {
            self.is_name(k) || (k > first && k + 1 < colon && self.text_of(k).len() <= 3)
        };
        if !(self.is_name(first) && self.is_name(colon - 1) && (first..colon).all(name_word)) {
            return None;
        }
        let last = self.last_word_before(end, colon + 1)?;
        let content_words = (colon + 1..=last).filter(|&k| !words[k].boundary()).count();
        (content_words >= 3).then_some((colon, (first, colon - 1), (colon + 1, last)))
    }

    /// The content words `(a, b)` as bytes, with an opening mark before
    /// the first and a closing mark after the last.
    pub(crate) fn words_span(&self, (a, b): (usize, usize)) -> Span {
        Span::new(self.start_byte(a), self.end_byte(b))
    }

    // -----------------------------------------------------------------------
    // Quotations and their cues.

    /// The cue after a quotation: a reporting verb that comes within
    /// [`AFTER_QUOTE`] words of the closing mark, in the same sentence,
    /// with only its source before it ("'...,' Jane Doe said", "'...,' the
    /// minister, Jane Doe, said") or right after the mark with its source
    /// after it ("'...,' said Jane Doe"). A quotation that ends a sentence
    /// ("'... .' Jane Doe said ...") takes a cue after it only when
    /// nothing but a short tail follows the cue. Returns the trigger's
    /// index and the source.
    pub(crate) fn cue_after_quote(
        &self,
        quote: &Quote,
        triggers: &[Trigger],
    ) -> Option<(usize, Option<(usize, usize)>)> {
        if !quote.closed {
            return None;
        }
        let words = self.words;
        let i = words.partition_point(|w| w.span().start < quote.span.end);
        let first = words.get(i)?;
        if first.span().start >= quote.paragraph.end {
            return None;
        }
        let gap = self.bytes().get(quote.span.end..first.span().start)?;
        if gap.len() > 8 || gap.iter().any(|b| !b" \t,.\r".contains(b)) {
            return None;
        }
        let inside_end = self
            .bytes()
            .get(quote.span.start..quote.span.end)
            .and_then(|q| {
                q.iter()
                    .rev()
                    .find(|b| !b"\"'\xE2\x80\x9D\xBB ".contains(b))
            })
            .copied();
        let ends_sentence = matches!(inside_end, Some(b'.')) || gap.contains(&b'.');
        for k in i..words.len().min(i + AFTER_QUOTE) {
            if k > i && (self.mark_after(k - 1) || self.ends_after(k - 1)) {
                return None;
            }
            if words[k].flags & THAT != 0 && !words[k].boundary() {
                return None;
            }
            if !self.is_trigger(k) {
                continue;
            }
            let t = triggers[self.trigger_at(triggers, k)];
            if t.kind != TriggerKind::Verb {
                return None;
            }
            let addressee = words[t.first].flags & ADDRESSEE != 0;
            if ends_sentence && !self.adverbial_tail(t.end, addressee) {
                return None;
            }
            if k == i {
                // "'...,' said Jane Doe"
                return self
                    .source_after(t.end)
                    .map(|s| (self.trigger_at(triggers, k), Some(s)));
            }
            // "'...,' Jane Doe said", "'...,' Jane Doe, a spokeswoman, said"
            // The source runs from the first word after the mark: an
            // "and" inside it is fine ("the senator and candidate said");
            // before an apposition it ends at the comma.
            let source = match t.before {
                Some((a, b)) if (i..a).all(|c| !words[c].boundary()) => Some((i, b)),
                Some(_) | None => {
                    let comma = (i..k).find(|&c| words[c].boundary())?;
                    let starts_name =
                        self.is_name(i) || words[i].flags & (DETERMINER | PRONOUN) != 0;
                    (comma > i && starts_name && self.is_boundary(comma, b','))
                        .then(|| (i, comma - 1))
                }
            };
            return source.map(|s| (self.trigger_at(triggers, k), Some(s)));
        }
        None
    }

    /// The cue before a quotation: a reporting verb (or "according to")
    /// within [`BEFORE_QUOTE`] words before the opening mark, followed by a
    /// colon or comma just before the mark ("Jane Doe told reporters on
    /// Monday: '...'") or standing right before it ("said '...'"). A
    /// colon that ends the paragraph before introduces a quotation that
    /// opens the next one.
    pub(crate) fn cue_before_quote(&self, quote: &Quote, triggers: &[Trigger]) -> Option<usize> {
        let words = self.words;
        let j = words
            .partition_point(|w| w.span().end <= quote.span.start)
            .checked_sub(1)?;
        let same_paragraph = words[j].span().end > quote.paragraph.start;
        let colon = self.is_boundary(j, b':');
        if !(same_paragraph || colon && quote.opens_paragraph) {
            return None;
        }
        let punctuated = colon || self.is_boundary(j, b',');
        // Between that word and the mark: white space only (punctuation
        // after a colon or comma, across a paragraph break).
        let gap = self.bytes().get(words[j].span().end..quote.span.start)?;
        if gap.iter().any(|&b| {
            if punctuated {
                b.is_ascii_alphanumeric() || b >= 0x80
            } else {
                !b.is_ascii_whitespace()
            }
        }) {
            return None;
        }
        let k = if punctuated { j.checked_sub(1)? } else { j };
        let (floor, _) = self.sentence_words(k);
        let mut m = k;
        loop {
            if words[m].flags & THAT != 0 && !words[m].boundary() || self.mark_after(m) {
                return None;
            }
            if self.is_trigger(m) {
                let index = self.trigger_at(triggers, m);
                let t = triggers[index];
                if t.kind == TriggerKind::Stance || (!punctuated && t.end != k + 1) {
                    return None;
                }
                return Some(index);
            }
            if m == floor || k - m >= BEFORE_QUOTE {
                return None;
            }
            m -= 1;
        }
    }
}

/// Whether a source made of words `(a, b)` is a pronoun ("he") or a role
/// noun without a name, definite or bare ("the minister", "senior
/// officials", not "several diplomats"), to be resolved to the nearest
/// earlier named source; or a name; or neither ("critics", "the report").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceForm {
    /// "he", "she", "they", ...
    Pronoun,
    /// "who", "which": the name before it.
    Relative,
    /// "the minister", "officials".
    Role,
    /// Has a capitalised word or an actor mention.
    Named,
    /// Anything else.
    Other,
}

/// The form of a source (see [`SourceForm`]): a single pronoun; a
/// phrase with a name (a capitalised word that is not a function word) or
/// an actor mention (`has_actor`); a phrase whose last word is a role
/// noun; or another phrase.
pub(crate) fn source_form(cx: &Context<'_>, (a, b): (usize, usize), has_actor: bool) -> SourceForm {
    let words = cx.words;
    let possessive = ["his", "her", "their", "its"]
        .iter()
        .any(|p| cx.text_of_word(a).eq_ignore_ascii_case(p));
    if a == b && (words[a].flags & PRONOUN != 0 || possessive) {
        SourceForm::Pronoun
    } else if a == b && words[a].flags & RELATIVE != 0 {
        SourceForm::Relative
    } else if has_actor || (a..=b).any(|k| cx.is_name(k)) {
        SourceForm::Named
    } else if words[b].flags & ROLE != 0 && words[a].flags & INDEFINITE == 0 {
        SourceForm::Role
    } else {
        SourceForm::Other
    }
}
