//! The compiled matcher: a trie over per-word keys. Each word of a term
//! is a key (its lower-case form, exact form, Snowball stem, a prefix, or
//! a regular expression over the word);
//! the tagger classifies each token into the keys it can take (a
//! [`TokenClass`]) and walks the trie along them.

use rust_stemmers::Stemmer;
use rustc_hash::FxHashMap;

use super::{Role, Term};
use crate::tokens;

// ---------------------------------------------------------------------------
// Compiled matcher: a trie over per-word keys.

/// How one word of a term matches a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyKind {
    Lower = 0,
    Exact = 1,
    Stem = 2,
    Prefix = 3,
}

/// A trie key: the kind in the top two bits, the id below (ids stay far
/// under 2^30: they count distinct words of the lexicon).
pub(super) fn key(kind: KeyKind, id: u32) -> u32 {
    ((kind as u32) << 30) | (id & 0x3FFF_FFFF)
}

/// Regular expressions share the prefix keys' kind, with this bit set in
/// the id (prefix ids count distinct prefixes, far under 2^29).
pub(super) const REGEX_BIT: u32 = 1 << 29;

/// The regular expressions of a lexicon's words (`/.../` in a term), each
/// compiled once; matched against a word's lower-case form (or, for a
/// case-sensitive term, its exact form) when the word is first classified.
#[derive(Default)]
pub(super) struct Regexes {
    /// Pattern and case-sensitivity of each, by id.
    patterns: Vec<(String, bool)>,
    /// All case-insensitive ones, and all case-sensitive ones, as sets
    /// (with the ids of their members), built by [`Regexes::finish`].
    sets: Vec<(regex::RegexSet, Vec<u32>, bool)>,
}

/// The most a regular expression of a term may compile to (bytes): ample
/// for any word pattern, and a bound on the work a hostile one can cause.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

impl Regexes {
    /// The id of a pattern (interned), or why it does not compile.
    pub(super) fn intern(&mut self, pattern: &str, case_sensitive: bool) -> Result<u32, String> {
        if let Some(i) = self
            .patterns
            .iter()
            .position(|(p, cs)| p == pattern && *cs == case_sensitive)
        {
            return Ok(i as u32);
        }
        Self::compile(std::iter::once(pattern), case_sensitive).map_err(|e| e.to_string())?;
        self.patterns.push((pattern.to_string(), case_sensitive));
        Ok(self.patterns.len() as u32 - 1)
    }

    fn compile<'p>(
        patterns: impl Iterator<Item = &'p str>,
        case_sensitive: bool,
    ) -> Result<regex::RegexSet, regex::Error> {
        regex::RegexSetBuilder::new(patterns)
            .case_insensitive(!case_sensitive)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
    }

    /// Builds the sets once every pattern is in.
    pub(super) fn finish(&mut self) {
        for case_sensitive in [false, true] {
            let ids: Vec<u32> = (0..self.patterns.len() as u32)
                .filter(|&i| self.patterns[i as usize].1 == case_sensitive)
                .collect();
            if ids.is_empty() {
                continue;
            }
            let patterns = ids.iter().map(|&i| self.patterns[i as usize].0.as_str());
            // Each compiled alone before; together they compile too.
            if let Ok(set) = Self::compile(patterns, case_sensitive) {
                self.sets.push((set, ids, case_sensitive));
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The ids of the patterns matching a word, given its lower-case and
    /// exact forms.
    fn of(&self, lower: &str, exact: &str, found: &mut impl FnMut(u32)) {
        for (set, ids, case_sensitive) in &self.sets {
            let form = if *case_sensitive { exact } else { lower };
            for m in set.matches(form).iter() {
                found(ids[m]);
            }
        }
    }
}

pub(super) fn edge(node: u32, key: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(key)
}

/// One of 64 bits for a key: a one-word Bloom filter of a set of keys.
fn key_bit(key: u32) -> u64 {
    1 << (key.wrapping_mul(0x9E37_79B9) >> 26)
}

/// The keys a token can take in the trie (at most [`TokenClass::CAP`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct TokenClass {
    keys: [u32; TokenClass::CAP],
    /// For each key, the root's child along it ([`Matcher::NONE`] if none),
    /// found once per word type so the walk skips the root's large table.
    roots: [u32; TokenClass::CAP],
    len: u8,
    /// The union of [`key_bit`] over the keys: a walk below the root tries
    /// the keys only when this meets the node's children's mask.
    mask: u64,
    /// Whether some term starts with this word (most words start none:
    /// they are only inside phrases, or in no term at all).
    starts: bool,
    /// Whether some negation trigger starts with this word.
    starts_negation: bool,
    /// The union of the roots' children's masks: a term through this word
    /// can go on to the next only if the next word's mask meets it.
    children: u64,
    /// The first root (in key order) where a term ends: the match when no
    /// term can go on ([`Matcher::NONE`] if none).
    one_word_term: u32,
    /// What the word can do in an attribution (`lexicon::speech` flags).
    speech: u32,
}

impl TokenClass {
    const CAP: usize = 5;

    /// The class of a word that is in no term.
    pub(crate) const EMPTY: TokenClass = TokenClass {
        keys: [0; TokenClass::CAP],
        roots: [0; TokenClass::CAP],
        len: 0,
        mask: 0,
        starts: false,
        starts_negation: false,
        children: 0,
        one_word_term: Matcher::NONE,
        speech: 0,
    };

    /// Whether the word takes no key (it is in no term) and has no
    /// attribution flags.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0 && self.speech == 0
    }

    /// What the word can do in an attribution (`lexicon::speech` flags).
    pub(crate) fn speech(&self) -> u32 {
        self.speech
    }

    /// Whether some term starts with the word.
    pub(crate) fn starts(&self) -> bool {
        self.starts
    }

    /// Whether some negation trigger starts with the word.
    pub(crate) fn starts_negation(&self) -> bool {
        self.starts_negation
    }

    fn push(&mut self, k: u32) {
        if usize::from(self.len) < Self::CAP {
            self.keys[usize::from(self.len)] = k;
            self.len += 1;
            self.mask |= key_bit(k);
        }
    }

    /// The union of the keys' bits (see [`key_bit`]).
    pub(crate) fn mask(&self) -> u64 {
        self.mask
    }

    /// The keys, best first (exact, lower-case, stem, prefixes).
    pub(crate) fn keys(&self) -> &[u32] {
        &self.keys[..usize::from(self.len)]
    }

    /// The root's children along this word's keys, in key order
    /// ([`Matcher::NONE`] where there is none).
    pub(crate) fn roots(&self) -> &[u32] {
        &self.roots[..usize::from(self.len)]
    }

    /// See the field.
    pub(crate) fn children(&self) -> u64 {
        self.children
    }

    /// See the field.
    pub(crate) fn one_word_term(&self) -> u32 {
        self.one_word_term
    }
}

pub(crate) struct Matcher {
    pub(super) lower: FxHashMap<Box<str>, u32>,
    pub(super) exact: FxHashMap<Box<str>, u32>,
    pub(super) stems: FxHashMap<Box<str>, u32>,
    /// Prefix patterns (`*` terms), by id.
    pub(super) prefixes: Prefixes,
    /// Regular expressions over a word (`/.../` terms), by id.
    pub(super) regexes: Regexes,
    /// Trie edges by `(node << 32) | key`.
    pub(super) edges: FxHashMap<u64, u32>,
    /// Term ids ending at each node.
    pub(super) payloads: Vec<Vec<u32>>,
    /// The same, flattened once compiled: `(start, len)` per node into
    /// `payload_terms`, compact so the trie walk stays in cache.
    pub(super) payload_ranges: Vec<(u32, u32)>,
    pub(super) payload_terms: Vec<u32>,
    /// Each node's children in `child_list`, `(start, len)`, sorted by key.
    pub(super) child_ranges: Vec<(u32, u32)>,
    pub(super) child_list: Vec<(u32, u32)>,
    /// Each node's children's keys as a [`key_bit`] mask: most tokens
    /// after a phrase's first word continue none of its phrases ("the"
    /// + anything but "White House", ...), and one AND tells.
    pub(super) child_masks: Vec<u64>,
    /// For each node, whether a negation trigger ends at it or below it.
    pub(super) leads_to_negation: Vec<bool>,
    /// For each node, the first term ending there that is an actor's or a
    /// role noun ([`Matcher::NONE`] if none), so that the tagger finds the
    /// matches the actor rules read without looking at every payload.
    pub(super) actor_terms: Vec<u32>,
    /// The longest term, in words.
    pub(crate) max_len: usize,
    pub(super) stemmer: Stemmer,
    /// Unique per compiled lexicon (never 0), so word caches know whose
    /// stems they hold.
    pub(super) id: u64,
    /// Every `~` stem, by its first two bytes.
    pub(super) stem_heads: FxHashMap<u32, Vec<Box<[u8]>>>,
    /// Attribution flags by lower-case word (`lexicon::speech`).
    pub(super) speech: FxHashMap<Box<str>, u32>,
}

/// The `*` prefix patterns: a byte trie per case mode, so that the
/// prefixes of a word are found in one walk along its bytes, whatever the
/// number of patterns (scanning every pattern that shared the word's
/// first letters made a large lexicon of prefixes slow to use).
#[derive(Default)]
pub(super) struct Prefixes {
    /// Each pattern's id by its form and case mode (ids count from 0 in
    /// the order the patterns were first defined).
    ids: FxHashMap<(Box<str>, bool), u32>,
    /// Trie edges, `(node << 8) | byte` to node.
    edges: FxHashMap<u64, u32>,
    /// The pattern that ends at each node ([`Matcher::NONE`] if none).
    /// Node 0 is the root of case-insensitive patterns (walked with the
    /// lower-case form), node 1 of case-sensitive ones (the exact form).
    ends: Vec<u32>,
    case_sensitive: bool,
}

impl Prefixes {
    /// The id of the pattern `form` (lower-case, or exact when
    /// `case_sensitive`), added if new.
    pub(super) fn intern(&mut self, form: &str, case_sensitive: bool) -> u32 {
        if let Some(&id) = self.ids.get(&(form.into(), case_sensitive)) {
            return id;
        }
        if self.ends.is_empty() {
            self.ends = vec![Matcher::NONE, Matcher::NONE];
        }
        let id = self.ids.len() as u32;
        self.ids.insert((form.into(), case_sensitive), id);
        self.case_sensitive |= case_sensitive;
        let mut node = u32::from(case_sensitive);
        for &b in form.as_bytes() {
            let next = self.ends.len() as u32;
            node = *self
                .edges
                .entry((u64::from(node) << 8) | u64::from(b))
                .or_insert(next);
            if node == next {
                self.ends.push(Matcher::NONE);
            }
        }
        if let Some(end) = self.ends.get_mut(node as usize) {
            *end = id;
        }
        id
    }

    fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn any_case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// Calls `found` with the id of every pattern of the case mode that
    /// `form` starts with, shortest first.
    fn of(&self, form: &[u8], case_sensitive: bool, found: &mut impl FnMut(u32)) {
        let mut node = u32::from(case_sensitive);
        for &b in form {
            match self.edges.get(&((u64::from(node) << 8) | u64::from(b))) {
                Some(&next) => node = next,
                None => return,
            }
            if let Some(&id) = self.ends.get(node as usize)
                && id != Matcher::NONE
            {
                found(id);
            }
        }
    }
}

/// Packs up to three bytes and their count into a `u32`. (Words shorter
/// than two bytes never reach a stem check, and stems are at least two
/// letters long in practice; a one-letter stem is packed as itself and so
/// never matches, which only means it is not found through `~`.)
pub(super) fn pack_head(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(3)
        .fold(bytes.len().min(3) as u32, |acc, &b| {
            (acc << 8) | u32::from(b)
        })
}

impl Matcher {
    /// The root node.
    pub(crate) const ROOT: u32 = 0;
    /// No node.
    pub(crate) const NONE: u32 = u32::MAX;

    /// The lexicon's unique id (never 0), so that caches of classes know
    /// whose classes they hold.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// The keys of one raw word: exact form, lower-case form, stem (only
    /// for words that can reach a lexicon stem) and prefixes. This is the
    /// definition of a word's class; `lower` and `exact` are scratch
    /// buffers.
    pub(crate) fn classify(
        &self,
        word: &str,
        lower: &mut String,
        exact: &mut String,
    ) -> TokenClass {
        let mut class = TokenClass::default();
        tokens::lowercase_into(word, lower);
        class.speech = self.speech.get(lower.as_str()).copied().unwrap_or(0);
        if !self.exact.is_empty() {
            // An ASCII word is its own exact form: no copy.
            let form = if word.is_ascii() {
                word
            } else {
                tokens::exact_into(word, exact);
                exact.as_str()
            };
            if let Some(&id) = self.exact.get(form) {
                class.push(key(KeyKind::Exact, id));
            }
        }
        if let Some(&id) = self.lower.get(lower.as_str()) {
            class.push(key(KeyKind::Lower, id));
        }
        if self.may_stem_to_lexicon(lower.as_bytes())
            && let Some(&id) = self.stems.get(self.stemmer.stem(lower).as_ref())
        {
            class.push(key(KeyKind::Stem, id));
        }
        if !self.prefixes.is_empty() {
            // Allocates only for a word that some prefix matches.
            let mut ids = Vec::new();
            let mut add = |id| ids.push(id);
            self.prefixes.of(lower.as_bytes(), false, &mut add);
            if self.prefixes.any_case_sensitive() {
                tokens::exact_into(word, exact);
                self.prefixes.of(exact.as_bytes(), true, &mut add);
            }
            // In the order the terms were defined (the class keeps the
            // first few), as keys always were.
            ids.sort_unstable();
            for &id in &ids {
                class.push(key(KeyKind::Prefix, id));
            }
        }
        if !self.regexes.is_empty() {
            tokens::exact_into(word, exact);
            let mut ids = Vec::new();
            self.regexes.of(lower, exact, &mut |id| ids.push(id));
            ids.sort_unstable();
            for &id in &ids {
                class.push(key(KeyKind::Prefix, REGEX_BIT | id));
            }
        }
        for i in 0..usize::from(class.len) {
            class.roots[i] = self.step(Self::ROOT, class.keys[i]).unwrap_or(Self::NONE);
        }
        class.starts = class.roots().iter().any(|&r| r != Self::NONE);
        class.starts_negation = class
            .roots()
            .iter()
            .any(|&r| self.leads_to_negation.get(r as usize) == Some(&true));
        class.children = class
            .roots()
            .iter()
            .map(|&r| self.child_masks.get(r as usize).copied().unwrap_or(0))
            .fold(0, |a, b| a | b);
        class.one_word_term = class
            .roots()
            .iter()
            .copied()
            .find(|&r| r != Self::NONE && !self.payload(r).is_empty())
            .unwrap_or(Self::NONE);
        class
    }

    /// Whether a lower-case word can have the stem of a `~` term, so that
    /// only those words are stemmed. Snowball English (Porter2) removes
    /// suffixes and turns a final `y` into `i`, so a word with stem `S`
    /// begins with `S`, or with `S` less a final `i` followed by `y`
    /// ("happy" → "happi"); the few exceptions of its list that change
    /// the stem's body ("dying" → "die", "skies" → "sky") are stemmed
    /// always.
    fn may_stem_to_lexicon(&self, lower: &[u8]) -> bool {
        let Some(head) = lower.get(..2) else {
            return false;
        };
        let Some(stems) = self.stem_heads.get(&pack_head(head)) else {
            return false;
        };
        stems.iter().any(|stem| {
            lower.starts_with(stem)
                || stem.split_last().is_some_and(|(last, body)| {
                    *last == b'i' && lower.starts_with(body) && lower.get(body.len()) == Some(&b'y')
                })
        }) || matches!(lower, b"dying" | b"lying" | b"tying" | b"skies" | b"skis")
    }

    /// The child of `node` along `key`. Below the root, nodes have few
    /// children, kept side by side, so a short scan beats a hash lookup.
    pub(crate) fn step(&self, node: u32, key: u32) -> Option<u32> {
        if let Some(&(start, len)) = self.child_ranges.get(node as usize)
            && node != Self::ROOT
        {
            let children = self
                .child_list
                .get(start as usize..(start + len) as usize)
                .unwrap_or_default();
            return children.iter().find(|(k, _)| *k == key).map(|&(_, c)| c);
        }
        self.edges.get(&edge(node, key)).copied()
    }

    /// Whether `node` may have a child along one of the keys in `mask`
    /// (no means none; yes means try them).
    pub(crate) fn may_step(&self, node: u32, mask: u64) -> bool {
        self.child_masks
            .get(node as usize)
            .is_some_and(|m| m & mask != 0)
    }

    /// Term ids that end at `node`.
    pub(crate) fn payload(&self, node: u32) -> &[u32] {
        match self.payload_ranges.get(node as usize) {
            Some(&(start, len)) => self
                .payload_terms
                .get(start as usize..(start + len) as usize)
                .unwrap_or_default(),
            None => &[],
        }
    }

    /// The first actor term or role noun ending at `node`, if any.
    pub(crate) fn actor_term(&self, node: u32) -> Option<u32> {
        self.actor_terms
            .get(node as usize)
            .copied()
            .filter(|&t| t != Self::NONE)
    }

    /// Whether any term goes on past `node` (a walk stops at a leaf
    /// without looking at the next token).
    pub(crate) fn has_children(&self, node: u32) -> bool {
        self.child_ranges
            .get(node as usize)
            .is_some_and(|&(_, len)| len > 0)
    }

    /// Flattens the payloads once every term is in; `terms` gives their
    /// roles.
    pub(super) fn finish(&mut self, terms: &[Term]) {
        self.regexes.finish();
        let mut edges: Vec<(u64, u32)> = self.edges.iter().map(|(&e, &c)| (e, c)).collect();
        edges.sort_unstable();
        self.child_ranges = vec![(0, 0); self.payloads.len()];
        self.child_masks = vec![0; self.payloads.len()];
        for (i, &(edge, child)) in edges.iter().enumerate() {
            let node = (edge >> 32) as usize;
            if let Some(mask) = self.child_masks.get_mut(node) {
                *mask |= key_bit(edge as u32);
            }
            if let Some(range) = self.child_ranges.get_mut(node) {
                if range.1 == 0 {
                    range.0 = i as u32;
                }
                range.1 += 1;
            }
            self.child_list.push((edge as u32, child));
        }
        // A child's id is always above its parent's (nodes are numbered as
        // they are made), so one pass from the last node up settles every
        // subtree.
        let negation = |t: &u32| {
            terms
                .get(*t as usize)
                .is_some_and(|t| matches!(t.role, Role::NegationBefore | Role::NegationAfter))
        };
        self.leads_to_negation = self
            .payloads
            .iter()
            .map(|p| p.iter().any(negation))
            .collect();
        for &(edge, child) in edges.iter().rev() {
            if self.leads_to_negation.get(child as usize) == Some(&true)
                && let Some(parent) = self.leads_to_negation.get_mut((edge >> 32) as usize)
            {
                *parent = true;
            }
        }
        self.actor_terms = self
            .payloads
            .iter()
            .map(|p| {
                p.iter()
                    .copied()
                    .find(|&t| {
                        terms
                            .get(t as usize)
                            .is_some_and(|t| matches!(t.role, Role::Actor(_) | Role::Office(_)))
                    })
                    .unwrap_or(Self::NONE)
            })
            .collect();
        let payloads = std::mem::take(&mut self.payloads);
        self.payload_ranges = payloads
            .iter()
            .map(|p| {
                let start = self.payload_terms.len() as u32;
                self.payload_terms.extend_from_slice(p);
                (start, p.len() as u32)
            })
            .collect();
    }
}
