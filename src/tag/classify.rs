//! Word classification, the tagger's first step: each token of a sentence
//! gets the class of trie keys it can take ([`Matcher::classify`] is the
//! definition).
//!
//! Accelerator: a per-thread [`WordCache`] keeps each word type's class,
//! so that a frequent word is lower-cased, looked up and stemmed once
//! rather than at every occurrence. Class ids carry two flag bits (some
//! term starts with the word; some negation trigger does) so the walk can
//! skip most words without reading their class. The cache never changes a
//! result: the tests below check every cached class against
//! [`Matcher::classify`] on the plain path.

use rustc_hash::FxHashMap;

use crate::Span;
use crate::lexicon::matcher::{Matcher, TokenClass};
use crate::tokens::{self, Token, WordKey};

/// A per-thread, set-associative cache of token classes by raw word (up to
/// 16 bytes), so each frequent word type is normalised, looked up and
/// stemmed once rather than at every occurrence. Fixed size: a new word
/// evicts the least recently promoted word of its bucket. Tied to one
/// lexicon.
///
/// Slots hold the word and a small index into `classes` (the distinct
/// classes seen, few since they come from the lexicon), so they stay
/// compact: three to a 64-byte bucket, one cache line. A new word enters
/// its bucket's last way and a hit moves a word up one way, so a run of
/// rare words cannot push out a frequent one (a direct-mapped table of
/// the same size evicted "the" whenever a rare word shared its slot). On
/// real news (`iran_subset.jsonl`, 56,000 word types in 3.2 million words)
/// a miss costs about a thousand instructions (lower-casing, lookups,
/// sometimes a stem), a hit one cache line.
#[derive(Default)]
pub(crate) struct WordCache {
    /// The lexicon whose classes are cached.
    lexicon: u64,
    /// Holds more classes than it should keep: to start afresh.
    full: bool,
    buckets: Vec<Bucket>,
    classes: Vec<TokenClass>,
    /// Each class's attribution flags (`TokenClass::speech`), compact,
    /// for the attribution stage's read of every word.
    speech: Vec<u32>,
    class_ids: FxHashMap<TokenClass, u32>,
    lower: String,
    exact: String,
}

/// Words per bucket.
const WAYS: usize = 3;

/// One cache line of [`WordCache`]: words (zero keys are empty) and their
/// class ids, most recently promoted first.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket {
    keys: [WordKey; WAYS],
    ids: [u32; WAYS],
}

impl WordCache {
    /// Buckets (a power of two): 32,768 × 64 bytes, 2 MiB per thread. On
    /// `iran_subset.jsonl` 69,800 words miss (56,000 of them the first
    /// time a word type is seen); twice the buckets miss 62,500 but
    /// were no faster.
    const BUCKETS: usize = 1 << 15;
    /// The bit of a class id that says some term starts with the word.
    pub(crate) const STARTS: u32 = 1 << 31;
    /// The bit of a class id that says some negation trigger starts with
    /// the word (so a term may skip it; see [`crate::tag`]).
    pub(crate) const NEGATION: u32 = 1 << 30;

    /// Classes kept before the cache starts afresh. (Few in unit tests,
    /// so that they run through fresh starts.)
    #[cfg(not(test))]
    const MAX_CLASSES: usize = 1 << 20;
    #[cfg(test)]
    const MAX_CLASSES: usize = 8;

    /// Words cached now (for diagnostics).
    pub(crate) fn len(&self) -> usize {
        self.buckets
            .iter()
            .flat_map(|b| &b.keys)
            .filter(|k| k[0] != 0)
            .count()
    }

    fn reset(&mut self, lexicon: u64) {
        self.full = false;
        self.buckets.clear();
        self.buckets.resize(Self::BUCKETS, Bucket::default());
        self.classes.clear();
        self.classes.push(TokenClass::EMPTY);
        self.speech.clear();
        self.speech.push(0);
        self.class_ids.clear();
        self.class_ids.insert(TokenClass::EMPTY, 0);
        self.lexicon = lexicon;
    }

    /// The id of `class`, interned: its index, with [`WordCache::STARTS`]
    /// set when some term starts with the word (so the matcher can skip a
    /// word without looking its class up) and [`WordCache::NEGATION`] when
    /// a negation trigger does.
    fn intern(&mut self, class: TokenClass) -> u32 {
        // Most words have no key at all: id 0, without hashing.
        if class.is_empty() {
            return 0;
        }
        if let Some(&id) = self.class_ids.get(&class) {
            return id;
        }
        // Classes come from the lexicon, so they are few; should a huge
        // lexicon make them many, start afresh rather than grow, but only
        // between sentences (see `WordCache::prepare`): the sentence's
        // earlier ids must keep their meaning.
        self.full |= self.classes.len() >= Self::MAX_CLASSES;
        let index = self.classes.len() as u32;
        let id = index
            | if class.starts() { Self::STARTS } else { 0 }
            | if class.starts_negation() {
                Self::NEGATION
            } else {
                0
            };
        self.classes.push(class);
        self.speech.push(class.speech());
        self.class_ids.insert(class, id);
        id
    }

    /// The class id [`WordCache::look_up_all`] gives a word it did not
    /// find (no interned id's index comes near 2^30 - 1).
    pub(crate) const MISS: u32 = u32::MAX;

    /// Empties the cache unless it holds `matcher`'s classes (and not too
    /// many of them). Called before each sentence.
    pub(crate) fn prepare(&mut self, matcher: &Matcher) {
        if self.lexicon != matcher.id() || self.buckets.is_empty() || self.full {
            self.reset(matcher.id());
        }
    }

    /// Slot for a boundary token, which has no class.
    const BOUNDARY: u32 = u32::MAX - 1;
    /// Slot for a word too long to cache.
    const UNCACHED: u32 = u32::MAX;

    /// Where a word would be cached.
    fn slot(key: &WordKey) -> u32 {
        // A word's first eight bytes are neither all zero nor all ones, so
        // the first half tells the two special keys.
        if key[0] == tokens::BOUNDARY_KEY[0] {
            return Self::BOUNDARY;
        }
        if key[0] == tokens::LONG_KEY[0] {
            return Self::UNCACHED;
        }
        let hash = (key[0].wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ key[1].wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
        .rotate_left(29)
        .wrapping_mul(0x1656_67B1_9E37_79F9);
        (hash >> (64 - Self::BUCKETS.trailing_zeros())) as u32
    }

    /// The cached class id of a word, if its bucket holds it; a hit below
    /// the first way moves the word up one.
    #[inline(always)]
    fn hit(&mut self, slot: u32, key: &WordKey) -> Option<u32> {
        let bucket = self.buckets.get_mut(slot as usize)?;
        if bucket.keys[0] == *key {
            return Some(bucket.ids[0]);
        }
        let way = bucket.keys[1..].iter().position(|k| k == key)? + 1;
        bucket.keys.swap(way, way - 1);
        bucket.ids.swap(way, way - 1);
        Some(bucket.ids[way - 1])
    }

    /// Appends the class id of each of a sentence's tokens, by key, to
    /// `classes`: 0 for a boundary, [`WordCache::MISS`] for a word not
    /// cached (for [`WordCache::classify_misses`]). A tight loop of its own,
    /// after the tokenizer's: a fifth of lookups go past the core's own
    /// cache, and here many are under way at once, where inside the
    /// tokenizer's long loop body each would stall it.
    pub(crate) fn look_up_all(&mut self, keys: &[WordKey], classes: &mut Vec<u32>) {
        classes.extend(keys.iter().map(|key| {
            if key[0] == tokens::BOUNDARY_KEY[0] {
                0
            } else {
                let slot = Self::slot(key);
                self.hit(slot, key).unwrap_or(Self::MISS)
            }
        }));
    }

    /// Caches a word in its bucket's last way.
    fn insert(&mut self, slot: u32, key: &WordKey, id: u32) {
        if let Some(bucket) = self.buckets.get_mut(slot as usize) {
            bucket.keys[WAYS - 1] = *key;
            bucket.ids[WAYS - 1] = id;
        }
    }

    /// The attribution flags of the class of an id (as
    /// [`WordCache::class`]`(id).speech()`).
    #[inline]
    pub(crate) fn speech(&self, id: u32) -> u32 {
        self.speech
            .get((id & !(Self::STARTS | Self::NEGATION)) as usize)
            .copied()
            .unwrap_or(0)
    }

    /// The class of an id from [`WordCache::look_up_all`] and
    /// [`WordCache::classify_misses`] (0: no keys).
    pub(crate) fn class(&self, id: u32) -> &TokenClass {
        static EMPTY: TokenClass = TokenClass::EMPTY;
        self.classes
            .get((id & !(Self::STARTS | Self::NEGATION)) as usize)
            .unwrap_or(&EMPTY)
    }
}

impl WordCache {
    /// Completes the class ids that [`WordCache::look_up_all`] left as
    /// [`WordCache::MISS`]: classifies those words and caches them.
    pub(crate) fn classify_misses(
        &mut self,
        matcher: &Matcher,
        text: &str,
        tokens: &[Token],
        keys: &[WordKey],
        classes: &mut [u32],
    ) {
        for ((class, token), key) in classes.iter_mut().zip(tokens).zip(keys) {
            if *class == WordCache::MISS {
                let slot = WordCache::slot(key);
                // The same word may have missed earlier in the sentence.
                *class = match self.hit(slot, key) {
                    Some(id) => id,
                    None => self.classify_slot(matcher, text, token.span, slot, key),
                };
            }
        }
    }

    /// The keys of one word that missed the cache, which then keeps them.
    fn classify_slot(
        &mut self,
        matcher: &Matcher,
        text: &str,
        span: Span,
        slot: u32,
        key: &WordKey,
    ) -> u32 {
        let word = text.get(span.range()).unwrap_or_default();
        let class = matcher.classify(word, &mut self.lower, &mut self.exact);
        let id = self.intern(class);
        self.insert(slot, key, id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_bucket_keeps_a_promoted_word_through_a_run_of_new_ones() {
        let mut cache = WordCache::default();
        cache.prepare(&crate::Lexicon::default().matcher);
        let key = |w: &str| tokens::word_key(w.as_bytes(), Span::new(0, w.len()));
        let bucket = WordCache::slot(&key("talks"));
        // Four other words of the same bucket: more than it has ways.
        let others: Vec<String> = (0..)
            .map(|i| format!("w{i}"))
            .filter(|w| WordCache::slot(&key(w)) == bucket)
            .take(4)
            .collect();
        cache.insert(bucket, &key("talks"), 7);
        // A new word enters the last way; two hits bring it to the first.
        assert_eq!(cache.hit(bucket, &key("talks")), Some(7));
        assert_eq!(cache.hit(bucket, &key("talks")), Some(7));
        for (id, word) in (100..).zip(&others) {
            cache.insert(bucket, &key(word), id);
        }
        assert_eq!(cache.hit(bucket, &key("talks")), Some(7));
        // Each newcomer took the last way from the one before.
        assert_eq!(cache.hit(bucket, &key(&others[3])), Some(103));
        assert_eq!(cache.hit(bucket, &key(&others[2])), None);
        assert_eq!(cache.hit(bucket, &key(&others[0])), None);
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn cached_classes_are_the_plain_classes() {
        // Unit tests keep 8 classes before a fresh start, so this text runs
        // the cache through fresh starts, hits, promotions and misses.
        let lexicon = crate::Lexicon::default();
        let matcher = &lexicon.matcher;
        let text = "Iran and Israel may make progress; the U.S. clearly wants a deal. \
                    Tehran's negotiators appear hopeful, Doha said, but Washington \
                    suggested the talks stalled. Pakistan's army chief and Qatar's \
                    emir welcomed the breakthrough. Iran, Iran, Israel, Doha, suggests.";
        let sentences: Vec<Span> = crate::segment::sentences(text).collect();
        let mut cache = WordCache::default();
        let (mut lower, mut exact) = (String::new(), String::new());
        let mut compared = 0;
        for _pass in 0..2 {
            for &sentence in &sentences {
                cache.prepare(matcher);
                let (mut tokens, mut keys, mut classes) = (Vec::new(), Vec::new(), Vec::new());
                tokens::tokenize_keyed(text, sentence, &mut tokens, &mut keys);
                cache.look_up_all(&keys, &mut classes);
                cache.classify_misses(matcher, text, &tokens, &keys, &mut classes);
                for (token, &id) in tokens.iter().zip(&classes) {
                    let word = &text[token.span.range()];
                    let plain = if token.kind == tokens::TokenKind::Boundary {
                        TokenClass::EMPTY
                    } else {
                        matcher.classify(word, &mut lower, &mut exact)
                    };
                    assert_eq!(*cache.class(id), plain, "{word:?}");
                    assert_eq!(cache.speech(id), plain.speech(), "{word:?}");
                    // The flag bits say what the class says.
                    assert_eq!(id & WordCache::STARTS != 0, plain.starts(), "{word:?}");
                    compared += usize::from(!plain.is_empty());
                }
            }
        }
        assert!(compared > 20, "{compared}");
    }
}
