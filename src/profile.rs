//! Integer-count profiles of articles and outlets.
//!
//! How profiles merge, and why they carry a lexicon version, is documented
//! on [`ArticleProfile`].

use serde::{Deserialize, Serialize};

use crate::attribute::Attribution;
use crate::error::MergeError;
use crate::lexicon::{ActorIndex, CategoryIndex, Lexicon};
use crate::tag::{ActorMention, CueMatch, Status, Voice};

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
    /// Cues (any status) in a source's voice: inside the content of an
    /// attribution (see [`Voice`]).
    #[serde(default)]
    pub attributed: u64,
    /// Asserted cues in a source's voice.
    #[serde(default)]
    pub attributed_asserted: u64,
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
        self.attributed += other.attributed;
        self.attributed_asserted += other.attributed_asserted;
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
    /// Attributions, a quotation split into parts counted once (see
    /// [`Attribution::continues`]).
    #[serde(default)]
    pub attributions: u64,
    /// Per actor (lexicon order): attributions whose source stands for the
    /// actor, counted like `attributions`.
    #[serde(default)]
    pub sources: Vec<u64>,
    /// Word tokens inside the contents of attributions (each counted once
    /// where contents overlap); the rest are in the outlet's own voice.
    #[serde(default)]
    pub attributed_tokens: u64,
    /// Asserted cues of category `c` in content attributed to a source
    /// that stands for actor `a`, at `a * categories.len() + c`.
    #[serde(default)]
    pub credited: Vec<u64>,
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
            attributions: 0,
            sources: vec![0; actors],
            attributed_tokens: 0,
            credited: vec![0; actors * categories],
        }
    }

    /// Counts the tags of one article. `mentions` and `cues` must be in
    /// sentence order (as the tagger produces them). Cues are counted by
    /// voice as they come (the tagger leaves every cue in the outlet's own
    /// voice; the analyzer's attribution stage sets it); the attributions
    /// themselves are counted by [`ArticleProfile::add_attributions`].
    pub fn from_tags(
        lexicon: &Lexicon,
        sentences: usize,
        tokens: usize,
        mentions: &[ActorMention],
        cues: &[CueMatch],
    ) -> Self {
        let mut profile = Self::empty(lexicon);
        profile.tokens = tokens as u64;
        profile.sentences = sentences as u64;
        let n_categories = profile.categories.len();
        let n_actors = profile.actors.len();
        for cue in cues {
            let counts = &mut profile.categories[cue.category];
            match cue.status {
                Status::Asserted => counts.asserted += 1,
                Status::Negated => counts.negated += 1,
                Status::Hypothetical => counts.hypothetical += 1,
            }
            counts.quoted += u64::from(cue.quoted);
            if let Voice::Attributed { actor, .. } = cue.voice {
                let asserted = cue.status == Status::Asserted;
                counts.attributed += 1;
                counts.attributed_asserted += u64::from(asserted);
                if let Some(actor) = actor.filter(|_| asserted)
                    && let Some(n) = profile
                        .credited
                        .get_mut(actor.index() * n_categories + cue.category.index())
                {
                    *n += 1;
                }
            }
            if cue.status == Status::Asserted {
                profile.terms.push((cue.term.index() as u32, 1));
            }
        }
        for mention in mentions {
            profile.actors[mention.actor].mentions += 1;
        }
        // Per-sentence sets, walking both lists (each in sentence order):
        // the flags dedup, the lists keep the pairs to count short.
        let mut actor_seen = vec![false; n_actors];
        let mut category_seen = vec![false; n_categories];
        let (mut actors_here, mut categories_here) = (Vec::new(), Vec::new());
        let (mut m, mut c) = (0, 0);
        while m < mentions.len() || c < cues.len() {
            let sentence = match (mentions.get(m), cues.get(c)) {
                (Some(a), Some(b)) => a.sentence.min(b.sentence),
                (Some(a), None) => a.sentence,
                (None, Some(b)) => b.sentence,
                (None, None) => break,
            };
            while let Some(mention) = mentions.get(m).filter(|x| x.sentence == sentence) {
                if let Some(seen) = actor_seen.get_mut(mention.actor.index())
                    && !*seen
                {
                    *seen = true;
                    actors_here.push(mention.actor.index());
                }
                m += 1;
            }
            while let Some(cue) = cues.get(c).filter(|x| x.sentence == sentence) {
                if cue.status == Status::Asserted
                    && let Some(seen) = category_seen.get_mut(cue.category.index())
                    && !*seen
                {
                    *seen = true;
                    categories_here.push(cue.category.index());
                }
                c += 1;
            }
            for &a in &actors_here {
                profile.actors[a].sentences += 1;
                for &k in &categories_here {
                    profile.actor_category[a * n_categories + k] += 1;
                }
                actor_seen[a] = false;
            }
            for &k in &categories_here {
                profile.categories[k].sentences += 1;
                category_seen[k] = false;
            }
            actors_here.clear();
            categories_here.clear();
        }
        profile.terms.sort_unstable();
        profile.terms.dedup_by(|later, kept| {
            if later.0 == kept.0 {
                kept.1 += later.1;
                true
            } else {
                false
            }
        });
        profile
    }

    /// Counts an article's attributions (from
    /// [`Analysis::attributions`](crate::Analysis::attributions)) and the
    /// word tokens inside their contents: every attribution but the later
    /// parts of a split quotation, and per actor those whose source stands
    /// for it.
    pub fn add_attributions(&mut self, attributions: &[Attribution], attributed_tokens: usize) {
        for attribution in attributions.iter().filter(|a| a.continues.is_none()) {
            self.attributions += 1;
            if let Some(actor) = attribution.source.and_then(|s| s.actor)
                && let Some(n) = self.sources.get_mut(actor.index())
            {
                *n += 1;
            }
        }
        self.attributed_tokens += attributed_tokens as u64;
    }

    /// Asserted cues of `category` in content attributed to `actor` (0 for
    /// indices the profile does not hold).
    pub fn credited_count(&self, actor: ActorIndex, category: CategoryIndex) -> u64 {
        let at = actor.index() * self.categories.len() + category.index();
        self.credited.get(at).copied().unwrap_or(0)
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
        self.attributions += other.attributions;
        merge_vec(&mut self.sources, &other.sources, |a, b| *a += *b);
        self.attributed_tokens += other.attributed_tokens;
        merge_vec(&mut self.credited, &other.credited, |a, b| *a += *b);
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
