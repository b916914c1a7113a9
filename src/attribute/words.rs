//! The word table of the attribution stage: what each word can do in an
//! attribution (a reporting verb, a pronoun, a determiner, ...), looked up
//! once per word token by the word's raw bytes.
//!
//! The table is built from the lexicon's `[speech]` lists and the closed
//! word classes of [`rules`](super::rules). A word is found in the case
//! it is written in the lists (lower case), capitalised or in upper case;
//! other spellings ("sAID") are no word of the table. Phrases ("according
//! to", "pointed out") are found from their first word, which carries
//! [`PHRASE`], and checked word by word against the text.

use rustc_hash::FxHashMap;

use crate::Span;
use crate::lexicon::{Lexicon, SpeechList};
use crate::tokens::{self, WordKey};

/// A reporting verb ("said").
pub(crate) const VERB: u32 = 1;
/// A verb of stance or intention ("wants").
pub(crate) const STANCE: u32 = 1 << 1;
/// A role noun ("minister").
pub(crate) const ROLE: u32 = 1 << 2;
/// The first word of a `[speech]` phrase.
pub(crate) const PHRASE: u32 = 1 << 3;
/// A personal pronoun that can be a source ("he").
pub(crate) const PRONOUN: u32 = 1 << 4;
/// A relative pronoun that can be a source ("who").
pub(crate) const RELATIVE: u32 = 1 << 5;
/// "that", which opens reported content.
pub(crate) const THAT: u32 = 1 << 6;
/// A determiner or possessive: the word after it is a noun, not a verb.
pub(crate) const DETERMINER: u32 = 1 << 7;
/// May stand between a source and its verb ("also", "has").
pub(crate) const SKIP: u32 = 1 << 8;
/// A day or time word ("Monday", "yesterday").
pub(crate) const DAY: u32 = 1 << 9;
/// Ends a source going back from its verb ("because", "and").
pub(crate) const STOP: u32 = 1 << 10;
/// A particle that joins the verb before it in the cue ("called for").
pub(crate) const PARTICLE: u32 = 1 << 11;
/// A preposition that opens an adverbial, never a source ("in", "on").
pub(crate) const ADVERBIAL: u32 = 1 << 12;
/// A word that is never a name, even capitalised at a sentence start
/// ("The", "But").
pub(crate) const FUNCTION: u32 = 1 << 13;
/// Opens a new clause after a comma ("..., which ...", "..., and ...").
pub(crate) const CLAUSE: u32 = 1 << 14;
/// A verb that takes its addressee as its object ("told reporters").
pub(crate) const ADDRESSEE: u32 = 1 << 15;
/// An auxiliary verb ("is", "has", "would").
pub(crate) const AUX: u32 = 1 << 16;
/// An irregular past form of a verb ("said", "thought"): not a base form.
pub(crate) const PAST: u32 = 1 << 17;

/// A phrase of the `[speech]` lists.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    /// Its words, lower case.
    pub(crate) words: Vec<String>,
    /// [`VERB`], [`STANCE`] or 0 for an "according to" phrase.
    pub(crate) flags: u32,
    /// Whether it names its source after it ("according to").
    pub(crate) according: bool,
}

/// Flags by word, and the phrases by their first word.
#[derive(Debug, Default)]
pub(crate) struct WordTable {
    flags: FxHashMap<WordKey, u32>,
    /// Indices into `phrases` by the first word's key.
    starts: FxHashMap<WordKey, Vec<u32>>,
    phrases: Vec<Phrase>,
}

/// The spellings under which a lower-case word is found: as written,
/// capitalised, upper case.
fn spellings(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        let capitalised: String = first.to_uppercase().chain(chars).collect();
        out.push(capitalised);
    }
    out.push(word.to_uppercase());
    out.dedup();
    out
}

fn key(word: &str) -> WordKey {
    tokens::word_key(word.as_bytes(), Span::new(0, word.len()))
}

impl WordTable {
    /// The table for `lexicon`'s `[speech]` lists and the closed classes.
    pub(crate) fn new(lexicon: &Lexicon) -> Self {
        let mut table = WordTable::default();
        for (list, flag) in [
            (SpeechList::Verbs, VERB),
            (SpeechList::Stance, STANCE),
            (SpeechList::According, 0),
            (SpeechList::Roles, ROLE),
        ] {
            for entry in lexicon.speech(list) {
                let words: Vec<String> = entry.split(' ').map(str::to_string).collect();
                let according = list == SpeechList::According;
                if words.len() == 1 && !according {
                    table.add(&words[0], flag);
                } else if let Some(first) = words.first().cloned() {
                    let index = table.phrases.len() as u32;
                    table.phrases.push(Phrase {
                        words,
                        flags: flag,
                        according,
                    });
                    for spelling in spellings(&first) {
                        *table.flags.entry(key(&spelling)).or_default() |= PHRASE;
                        table.starts.entry(key(&spelling)).or_default().push(index);
                    }
                }
            }
        }
        for &(words, flag) in super::rules::CLOSED_CLASSES {
            for word in words {
                table.add(word, flag);
            }
        }
        table
    }

    fn add(&mut self, word: &str, flag: u32) {
        for spelling in spellings(word) {
            *self.flags.entry(key(&spelling)).or_default() |= flag;
        }
    }

    /// The flags of a word, by its key (0: no word of the table).
    #[inline]
    pub(crate) fn flags(&self, key: &WordKey) -> u32 {
        if self.flags.is_empty() {
            return 0;
        }
        self.flags.get(key).copied().unwrap_or(0)
    }

    /// The phrases that start with the word of `key`.
    pub(crate) fn phrases_from(&self, key: &WordKey) -> impl Iterator<Item = &Phrase> {
        self.starts
            .get(key)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.phrases.get(i as usize))
    }
}
