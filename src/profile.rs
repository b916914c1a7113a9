//! Integer-count profiles of articles and outlets.
//!
//! How profiles merge, and why they carry a lexicon version, is documented
//! on [`ArticleProfile`].

use serde::{Deserialize, Serialize};

use crate::error::MergeError;
use crate::lexicon::{ActorIndex, CategoryIndex, Lexicon};
use crate::tag::{ActorMention, CueMatch, Status};

/// Counts of one cue category in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCounts {
    /// Cues the writer asserts.
    pub asserted: u64,
    /// Cues within the scope of a negation.
    pub negated: u64,
    /// Cues that are conditional or prospective.
    pub hypothetical: u64,
    /// Cues (any status) inside quotation marks.
    pub quoted: u64,
    /// Sentences with at least one asserted cue of the category.
    pub sentences: u64,
}

impl CategoryCounts {
    /// All cues of the category, whatever their status.
    pub fn total(&self) -> u64 {
        self.asserted + self.negated + self.hypothetical
    }

    /// The count for one status.
    pub fn with_status(&self, status: Status) -> u64 {
        match status {
            Status::Asserted => self.asserted,
            Status::Negated => self.negated,
            Status::Hypothetical => self.hypothetical,
        }
    }

    fn merge(&mut self, other: &CategoryCounts) {
        self.asserted += other.asserted;
        self.negated += other.negated;
        self.hypothetical += other.hypothetical;
        self.quoted += other.quoted;
        self.sentences += other.sentences;
    }
}

/// Counts of one actor in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorCounts {
    /// Mentions of the actor.
    pub mentions: u64,
    /// Sentences naming the actor at least once.
    pub sentences: u64,
}

/// The counts of one article.
///
/// Profiles hold counts only, so merging is exact, associative and
/// commutative: an outlet's profile is the same whatever the order or the
/// thread that produced its articles. Every ratio is computed later, in
/// [`Metric`](crate::Metric).
///
/// Vectors are indexed by the lexicon's actor and category indices, so a
/// profile is only meaningful with the lexicon that produced it: each
/// carries that lexicon's [`version`](crate::Lexicon::version), and
/// merging profiles of two versions is an error naming both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleProfile {
    /// The [`version`](crate::Lexicon::version) of the lexicon that made
    /// the counts. Empty in a [`Default`] profile (and in JSON written
    /// before profiles carried it): an empty version takes the version of
    /// the first profile merged into it.
    #[serde(default)]
    pub lexicon: String,
    /// Word tokens (words, numbers and clitics).
    pub tokens: u64,
    /// Sentences.
    pub sentences: u64,
    /// Per category (lexicon order).
    pub categories: Vec<CategoryCounts>,
    /// Per actor (lexicon order).
    pub actors: Vec<ActorCounts>,
    /// Sentences naming actor `a` that carry at least one asserted cue of
    /// category `c`, at `a * categories.len() + c`.
    pub actor_category: Vec<u64>,
    /// Asserted cues per lexicon term, sorted by term index, zeros omitted.
    pub terms: Vec<(u32, u64)>,
}

impl ArticleProfile {
    /// An all-zero profile shaped for `lexicon`.
    pub fn empty(lexicon: &Lexicon) -> Self {
        let actors = lexicon.actors().len();
        let categories = lexicon.categories().len();
        ArticleProfile {
            lexicon: lexicon.version().to_string(),
            tokens: 0,
            sentences: 0,
            categories: vec![CategoryCounts::default(); categories],
            actors: vec![ActorCounts::default(); actors],
            actor_category: vec![0; actors * categories],
            terms: Vec::new(),
        }
    }

    /// Counts the tags of one article. `mentions` and `cues` must be in
    /// sentence order (as the tagger produces them).
    pub fn from_tags(
        lexicon: &Lexicon,
        sentences: usize,
        tokens: usize,
        mentions: &[ActorMention],
        cues: &[CueMatch],
    ) -> Self {
        let mut counter = Counter::new(lexicon);
        // One sentence at a time, walking both lists (each in sentence
        // order).
        let (mut m, mut c) = (0, 0);
        while m < mentions.len() || c < cues.len() {
            let sentence = match (mentions.get(m), cues.get(c)) {
                (Some(a), Some(b)) => a.sentence.min(b.sentence),
                (Some(a), None) => a.sentence,
                (None, Some(b)) => b.sentence,
                (None, None) => break,
            };
            let m_end = m + mentions[m..]
                .iter()
                .take_while(|x| x.sentence == sentence)
                .count();
            let c_end = c + cues[c..]
                .iter()
                .take_while(|x| x.sentence == sentence)
                .count();
            counter.add(&mentions[m..m_end], &cues[c..c_end]);
            counter.end_sentence();
            (m, c) = (m_end, c_end);
        }
        counter.finish(sentences, tokens)
    }

    /// Sentences naming `actor` that carry at least one asserted cue of
    /// `category` (0 for indices the profile does not hold).
    pub fn actor_category_count(&self, actor: ActorIndex, category: CategoryIndex) -> u64 {
        let at = actor.index() * self.categories.len() + category.index();
        self.actor_category.get(at).copied().unwrap_or(0)
    }

    /// Adds `other`'s counts to this profile (exact, associative,
    /// commutative). Profiles of two lexicon versions do not merge: that
    /// is an error, and this profile is left as it was.
    pub fn merge(&mut self, other: &ArticleProfile) -> Result<(), MergeError> {
        if other.lexicon != self.lexicon {
            if self.lexicon.is_empty() {
                self.lexicon = other.lexicon.clone();
            } else if !other.lexicon.is_empty() {
                return Err(MergeError::Lexicon {
                    expected: self.lexicon.clone(),
                    found: other.lexicon.clone(),
                });
            }
        }
        self.tokens += other.tokens;
        self.sentences += other.sentences;
        merge_vec(&mut self.categories, &other.categories, |a, b| a.merge(b));
        merge_vec(&mut self.actors, &other.actors, |a, b| {
            a.mentions += b.mentions;
            a.sentences += b.sentences;
        });
        merge_vec(&mut self.actor_category, &other.actor_category, |a, b| {
            *a += *b
        });
        if !add_in_place(&mut self.terms, &other.terms) {
            self.terms = merge_sparse(&self.terms, &other.terms);
        }
        Ok(())
    }
}

fn merge_vec<T: Default + Clone>(into: &mut Vec<T>, from: &[T], add: impl Fn(&mut T, &T)) {
    if into.len() < from.len() {
        into.resize(from.len(), T::default());
    }
    for (a, b) in into.iter_mut().zip(from) {
        add(a, b);
    }
}

/// Adds `b` into `a` where every term of `b` is already in `a` (the usual
/// case once an outlet has a few articles); returns false, changing
/// nothing, otherwise.
fn add_in_place(a: &mut [(u32, u64)], b: &[(u32, u64)]) -> bool {
    // Both are sorted by term: one walk checks, a second adds.
    let mut i = 0;
    for &(term, _) in b {
        while a.get(i).is_some_and(|&(t, _)| t < term) {
            i += 1;
        }
        if a.get(i).is_none_or(|&(t, _)| t != term) {
            return false;
        }
        i += 1;
    }
    let mut entries = a.iter_mut();
    for &(term, count) in b {
        if let Some(entry) = entries.find(|(t, _)| *t == term) {
            entry.1 += count;
        }
    }
    true
}

fn merge_sparse(a: &[(u32, u64)], b: &[(u32, u64)]) -> Vec<(u32, u64)> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                out.push((x.0, x.1 + y.1));
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                out.push(*x);
                i += 1;
            }
            (Some(_), Some(y)) | (None, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Counts an article's tags as they come, a sentence (or part of one) at
/// a time, so that a caller need not keep every tag of a long article:
/// the definition of the counts of [`ArticleProfile::from_tags`].
pub(crate) struct Counter {
    profile: ArticleProfile,
    /// Whether each actor, and each category with an asserted cue, is in
    /// the current sentence; the lists hold the ones set, to clear them.
    actor_seen: Vec<bool>,
    category_seen: Vec<bool>,
    actors_here: Vec<usize>,
    categories_here: Vec<usize>,
    /// `profile.terms` is sorted and summed up to here.
    terms_sorted: usize,
}

impl Counter {
    pub(crate) fn new(lexicon: &Lexicon) -> Self {
        let profile = ArticleProfile::empty(lexicon);
        Counter {
            actor_seen: vec![false; profile.actors.len()],
            category_seen: vec![false; profile.categories.len()],
            actors_here: Vec::new(),
            categories_here: Vec::new(),
            terms_sorted: 0,
            profile,
        }
    }

    /// Counts tags of the current sentence (all of it, or a part).
    pub(crate) fn add(&mut self, mentions: &[ActorMention], cues: &[CueMatch]) {
        let profile = &mut self.profile;
        for cue in cues {
            let Some(counts) = profile.categories.get_mut(cue.category.index()) else {
                continue;
            };
            match cue.status {
                Status::Asserted => counts.asserted += 1,
                Status::Negated => counts.negated += 1,
                Status::Hypothetical => counts.hypothetical += 1,
            }
            counts.quoted += u64::from(cue.quoted);
            if cue.status == Status::Asserted {
                profile.terms.push((cue.term.index() as u32, 1));
                if let Some(seen) = self.category_seen.get_mut(cue.category.index())
                    && !*seen
                {
                    *seen = true;
                    self.categories_here.push(cue.category.index());
                }
            }
        }
        for mention in mentions {
            let Some(counts) = profile.actors.get_mut(mention.actor.index()) else {
                continue;
            };
            counts.mentions += 1;
            if let Some(seen) = self.actor_seen.get_mut(mention.actor.index())
                && !*seen
            {
                *seen = true;
                self.actors_here.push(mention.actor.index());
            }
        }
        // Sum the terms now and then, so that an article of one term
        // repeated millions of times keeps one entry, not millions.
        if profile.terms.len() > 2 * self.terms_sorted + 1024 {
            sum_terms(&mut profile.terms);
            self.terms_sorted = profile.terms.len();
        }
    }

    /// Ends the current sentence: counts the sentences naming each actor,
    /// carrying each category, and both.
    pub(crate) fn end_sentence(&mut self) {
        let profile = &mut self.profile;
        let n_categories = profile.categories.len();
        for &a in &self.actors_here {
            profile.actors[a].sentences += 1;
            for &k in &self.categories_here {
                profile.actor_category[a * n_categories + k] += 1;
            }
            self.actor_seen[a] = false;
        }
        for &k in &self.categories_here {
            profile.categories[k].sentences += 1;
            self.category_seen[k] = false;
        }
        self.actors_here.clear();
        self.categories_here.clear();
    }

    /// The profile of an article of `sentences` sentences and `tokens`
    /// word tokens, once its last sentence has ended.
    pub(crate) fn finish(mut self, sentences: usize, tokens: usize) -> ArticleProfile {
        self.end_sentence();
        self.profile.tokens = tokens as u64;
        self.profile.sentences = sentences as u64;
        sum_terms(&mut self.profile.terms);
        self.profile
    }
}

/// Sorts term counts by term and sums repeats.
fn sum_terms(terms: &mut Vec<(u32, u64)>) {
    terms.sort_unstable();
    terms.dedup_by(|later, kept| {
        if later.0 == kept.0 {
            kept.1 += later.1;
            true
        } else {
            false
        }
    });
}

/// The merged counts of an outlet's articles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletProfile {
    /// Number of articles merged.
    pub articles: u64,
    /// The summed counts.
    pub counts: ArticleProfile,
}

impl OutletProfile {
    /// Adds one article (an error, changing nothing, if its lexicon
    /// version differs).
    pub fn add(&mut self, article: &ArticleProfile) -> Result<(), MergeError> {
        self.counts.merge(article)?;
        self.articles += 1;
        Ok(())
    }

    /// Adds another outlet profile (exact, associative, commutative; an
    /// error, changing nothing, if its lexicon version differs).
    pub fn merge(&mut self, other: &OutletProfile) -> Result<(), MergeError> {
        self.counts.merge(&other.counts)?;
        self.articles += other.articles;
        Ok(())
    }
}

// Profiles are vectors in lexicon order; the lexicon's typed indices index
// them directly (`profile.actors[iran]`).
impl std::ops::Index<ActorIndex> for Vec<ActorCounts> {
    type Output = ActorCounts;
    fn index(&self, actor: ActorIndex) -> &ActorCounts {
        &self[actor.index()]
    }
}

impl std::ops::IndexMut<ActorIndex> for Vec<ActorCounts> {
    fn index_mut(&mut self, actor: ActorIndex) -> &mut ActorCounts {
        &mut self[actor.index()]
    }
}

impl std::ops::Index<CategoryIndex> for Vec<CategoryCounts> {
    type Output = CategoryCounts;
    fn index(&self, category: CategoryIndex) -> &CategoryCounts {
        &self[category.index()]
    }
}

impl std::ops::IndexMut<CategoryIndex> for Vec<CategoryCounts> {
    fn index_mut(&mut self, category: CategoryIndex) -> &mut CategoryCounts {
        &mut self[category.index()]
    }
}
