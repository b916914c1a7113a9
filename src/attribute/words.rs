//! The phrases of the `[speech]` lists ("according to", "pointed out"),
//! by their first word. Single words need no table: their flags are in
//! each word's class (see `lexicon::speech`), and a phrase's first word
//! carries `PHRASE`, so the table is only consulted there.

use crate::lexicon::speech::{STANCE, VERB};
use crate::lexicon::{Lexicon, SpeechList};

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

/// The phrases, by their first word (lower case).
#[derive(Debug, Default)]
pub(crate) struct WordTable {
    phrases: Vec<Phrase>,
    by_first: rustc_hash::FxHashMap<Box<str>, Vec<usize>>,
}

impl WordTable {
    /// The phrases of `lexicon`'s `[speech]` lists.
    pub(crate) fn new(lexicon: &Lexicon) -> Self {
        let mut table = WordTable::default();
        for (list, flags) in [
            (SpeechList::Verbs, VERB),
            (SpeechList::Stance, STANCE),
            (SpeechList::According, 0),
        ] {
            for entry in lexicon.speech(list) {
                let words: Vec<String> = entry.split(' ').map(str::to_string).collect();
                let according = list == SpeechList::According;
                if words.len() > 1 || according {
                    let first: Box<str> = words.first().map_or("", String::as_str).into();
                    table
                        .by_first
                        .entry(first)
                        .or_default()
                        .push(table.phrases.len());
                    table.phrases.push(Phrase {
                        words,
                        flags,
                        according,
                    });
                }
            }
        }
        table
    }

    /// The phrases that start with `word` (any case).
    pub(crate) fn phrases_from<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Phrase> {
        let found = if word.bytes().any(|b| b.is_ascii_uppercase()) {
            self.by_first.get(word.to_ascii_lowercase().as_str())
        } else {
            self.by_first.get(word)
        };
        found
            .into_iter()
            .flatten()
            .filter_map(|&i| self.phrases.get(i))
    }
}
