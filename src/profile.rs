//! Integer-count profiles of articles and outlets.
//!
//! How profiles merge, and why they carry a lexicon version, is documented
//! on [`ArticleProfile`].

use serde::{Deserialize, Serialize};

use crate::attribute::Attribution;
use crate::error::MergeError;
use crate::lexicon::{ActorIndex, CategoryIndex, Lexicon, MentionKind};
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
    /// Sentences with at least one cue of the category, whatever its
    /// status, outside its marginal subtypes (for hedges: other than
    /// approximators; a negated or conditional hedge still holds back
    /// commitment).
    #[serde(default)]
    pub strict_sentences: u64,
    /// Cues (any status) in a source's voice: inside the content of an
    /// attribution (see [`Voice`]).
    #[serde(default)]
    pub attributed: u64,
    /// Asserted cues in a source's voice.
    #[serde(default)]
    pub attributed_asserted: u64,
}

impl CategoryCounts {
    /// All cues of the category, whatever their status (saturating at
    /// `u64::MAX`).
    pub fn total(&self) -> u64 {
        self.asserted
            .saturating_add(self.negated)
            .saturating_add(self.hypothetical)
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
        self.strict_sentences += other.strict_sentences;
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
    /// The mentions broken down by how the actor is mentioned (they sum
    /// to `mentions`): what drives the actor's salience.
    #[serde(default)]
    pub by_kind: KindCounts,
}

/// Mentions of one actor by [`MentionKind`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    /// By the country's name.
    pub name: u64,
    /// By its demonym.
    pub demonym: u64,
    /// By its capital or a seat of power, acting.
    pub capital: u64,
    /// By an institution.
    pub institution: u64,
    /// By an office-holder in office.
    pub person: u64,
    /// By a national party.
    pub party: u64,
    /// By a role noun resolved from its context.
    pub role: u64,
}

impl KindCounts {
    /// The count of one kind.
    pub fn get(&self, kind: MentionKind) -> u64 {
        match kind {
            MentionKind::Name => self.name,
            MentionKind::Demonym => self.demonym,
            MentionKind::Capital => self.capital,
            MentionKind::Institution => self.institution,
            MentionKind::Person => self.person,
            MentionKind::Party => self.party,
            MentionKind::Role => self.role,
        }
    }

    fn slot(&mut self, kind: MentionKind) -> &mut u64 {
        match kind {
            MentionKind::Name => &mut self.name,
            MentionKind::Demonym => &mut self.demonym,
            MentionKind::Capital => &mut self.capital,
            MentionKind::Institution => &mut self.institution,
            MentionKind::Person => &mut self.person,
            MentionKind::Party => &mut self.party,
            MentionKind::Role => &mut self.role,
        }
    }

    /// The sum over kinds.
    pub fn total(&self) -> u64 {
        MentionKind::ALL.iter().map(|&k| self.get(k)).sum()
    }

    fn merge(&mut self, other: &KindCounts) {
        for kind in MentionKind::ALL {
            *self.slot(kind) += other.get(kind);
        }
    }
}

/// Counts of an article's headline (its `title`, analysed as a separate
/// text), or of the headlines of the articles merged into a profile.
///
/// Each count is of headlines, not of mentions: a headline counts once for
/// an actor however often it names it, and once for a category however
/// many asserted cues of it it holds, so that `count / headlines` is the
/// share of headlines that do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadlineCounts {
    /// Headlines analysed (articles with a non-blank title).
    pub headlines: u64,
    /// Per actor (lexicon order): headlines naming the actor at least once.
    pub actors: Vec<u64>,
    /// Per category (lexicon order): headlines with at least one asserted
    /// cue of the category.
    pub categories: Vec<u64>,
}

impl HeadlineCounts {
    /// The headline counts of one headline's profile (the profile of the
    /// title's text).
    pub fn of_headline(title: &ArticleProfile) -> Self {
        HeadlineCounts {
            headlines: 1,
            actors: title
                .actors
                .iter()
                .map(|a| u64::from(a.mentions > 0))
                .collect(),
            categories: title
                .categories
                .iter()
                .map(|c| u64::from(c.asserted > 0))
                .collect(),
        }
    }

    fn merge(&mut self, other: &HeadlineCounts) {
        self.headlines += other.headlines;
        merge_vec(&mut self.actors, &other.actors, |a, b| *a += *b);
        merge_vec(&mut self.categories, &other.categories, |a, b| *a += *b);
    }
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
    /// Sentences counted in per-sentence denominators: body sentences and
    /// list items, or every sentence when the analyzer was built with
    /// [`count_all_sentences`](crate::AnalyzerBuilder::count_all_sentences).
    /// The per-sentence counts below (sentences naming an actor, carrying a
    /// category, both) count the same sentences.
    pub sentences: u64,
    /// Sentences of kind [`Heading`](crate::SentenceKind::Heading), counted
    /// in `sentences` or not.
    #[serde(default)]
    pub headings: u64,
    /// Sentences of kind [`ListItem`](crate::SentenceKind::ListItem).
    #[serde(default)]
    pub list_items: u64,
    /// Per category (lexicon order).
    pub categories: Vec<CategoryCounts>,
    /// Per actor (lexicon order).
    pub actors: Vec<ActorCounts>,
    /// Sentences naming actor `a` that carry at least one asserted cue of
    /// category `c`, at `a * categories.len() + c`.
    pub actor_category: Vec<u64>,
    /// Asserted cues per lexicon term, sorted by term index, zeros omitted.
    pub terms: Vec<(u32, u64)>,
    /// The headline's counts (all zero for an article without a title).
    #[serde(default)]
    pub headline: HeadlineCounts,
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
            headings: 0,
            list_items: 0,
            categories: vec![CategoryCounts::default(); categories],
            actors: vec![ActorCounts::default(); actors],
            actor_category: vec![0; actors * categories],
            terms: Vec::new(),
            headline: HeadlineCounts {
                headlines: 0,
                actors: vec![0; actors],
                categories: vec![0; categories],
            },
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
        Self::from_tags_counted(lexicon, sentences, tokens, mentions, cues, |_| true)
    }

    /// As [`from_tags`](Self::from_tags), counting in the per-sentence
    /// counts only the sentences `counted` says yes to (by index); the
    /// `sentences` given are those counted.
    pub(crate) fn from_tags_counted(
        lexicon: &Lexicon,
        sentences: usize,
        tokens: usize,
        mentions: &[ActorMention],
        cues: &[CueMatch],
        counted: impl Fn(usize) -> bool,
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
            counter.end_sentence_counted(counted(sentence));
            (m, c) = (m_end, c_end);
        }
        counter.finish(sentences, tokens)
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
    /// commutative). Profiles of two lexicon versions do not merge, nor do
    /// counts whose sum would pass `u64::MAX`, nor a profile whose term
    /// counts are not sorted by term: each is an error, and this profile is
    /// left as it was.
    pub fn merge(&mut self, other: &ArticleProfile) -> Result<(), MergeError> {
        self.check_merge(other)?;
        if self.lexicon.is_empty() {
            self.lexicon = other.lexicon.clone();
        }
        self.tokens += other.tokens;
        self.sentences += other.sentences;
        merge_vec(&mut self.categories, &other.categories, |a, b| a.merge(b));
        merge_vec(&mut self.actors, &other.actors, |a, b| {
            a.mentions += b.mentions;
            a.sentences += b.sentences;
            a.by_kind.merge(&b.by_kind);
        });
        merge_vec(&mut self.actor_category, &other.actor_category, |a, b| {
            *a += *b
        });
        if !add_in_place(&mut self.terms, &other.terms) {
            self.terms = merge_sparse(&self.terms, &other.terms);
        }
        self.headings += other.headings;
        self.list_items += other.list_items;
        self.headline.merge(&other.headline);
        self.attributions += other.attributions;
        merge_vec(&mut self.sources, &other.sources, |a, b| *a += *b);
        self.attributed_tokens += other.attributed_tokens;
        merge_vec(&mut self.credited, &other.credited, |a, b| *a += *b);
        Ok(())
    }

    /// Whether [`merge`](Self::merge) would take `other`: the same lexicon
    /// version (or an empty one), every sum fits in a `u64`, and both term
    /// lists are sorted by term, without repeats.
    pub(crate) fn check_merge(&self, other: &ArticleProfile) -> Result<(), MergeError> {
        if other.lexicon != self.lexicon && !self.lexicon.is_empty() && !other.lexicon.is_empty() {
            return Err(MergeError::Lexicon {
                expected: self.lexicon.clone(),
                found: other.lexicon.clone(),
            });
        }
        let fits = |field: &'static str, a: u64, b: u64| {
            a.checked_add(b)
                .map(drop)
                .ok_or(MergeError::Overflow(field))
        };
        fits("tokens", self.tokens, other.tokens)?;
        fits("sentences", self.sentences, other.sentences)?;
        fits("headings", self.headings, other.headings)?;
        fits("list_items", self.list_items, other.list_items)?;
        fits(
            "headline.headlines",
            self.headline.headlines,
            other.headline.headlines,
        )?;
        for (a, b) in self.headline.actors.iter().zip(&other.headline.actors) {
            fits("headline.actors", *a, *b)?;
        }
        for (a, b) in self
            .headline
            .categories
            .iter()
            .zip(&other.headline.categories)
        {
            fits("headline.categories", *a, *b)?;
        }
        for (a, b) in self.categories.iter().zip(&other.categories) {
            fits("categories.asserted", a.asserted, b.asserted)?;
            fits("categories.negated", a.negated, b.negated)?;
            fits("categories.hypothetical", a.hypothetical, b.hypothetical)?;
            fits("categories.quoted", a.quoted, b.quoted)?;
            fits("categories.sentences", a.sentences, b.sentences)?;
            fits(
                "categories.strict_sentences",
                a.strict_sentences,
                b.strict_sentences,
            )?;
            fits("categories.attributed", a.attributed, b.attributed)?;
            fits(
                "categories.attributed_asserted",
                a.attributed_asserted,
                b.attributed_asserted,
            )?;
        }
        for (a, b) in self.actors.iter().zip(&other.actors) {
            fits("actors.mentions", a.mentions, b.mentions)?;
            fits("actors.sentences", a.sentences, b.sentences)?;
            for kind in MentionKind::ALL {
                fits("actors.by_kind", a.by_kind.get(kind), b.by_kind.get(kind))?;
            }
        }
        for (a, b) in self.actor_category.iter().zip(&other.actor_category) {
            fits("actor_category", *a, *b)?;
        }
        fits("attributions", self.attributions, other.attributions)?;
        fits(
            "attributed_tokens",
            self.attributed_tokens,
            other.attributed_tokens,
        )?;
        for (a, b) in self.sources.iter().zip(&other.sources) {
            fits("sources", *a, *b)?;
        }
        for (a, b) in self.credited.iter().zip(&other.credited) {
            fits("credited", *a, *b)?;
        }
        let sorted = |terms: &[(u32, u64)]| terms.windows(2).all(|w| w[0].0 < w[1].0);
        if !sorted(&self.terms) || !sorted(&other.terms) {
            return Err(MergeError::Invalid(
                "term counts are not sorted by term, without repeats".to_string(),
            ));
        }
        let mut mine = self.terms.iter().peekable();
        for &(term, count) in &other.terms {
            while mine.peek().is_some_and(|(t, _)| *t < term) {
                mine.next();
            }
            if let Some(&&(t, own)) = mine.peek()
                && t == term
            {
                fits("terms", own, count)?;
            }
        }
        Ok(())
    }
}

impl ArticleProfile {
    /// Checks that the counts fit `lexicon` and agree with each other, as
    /// every profile made by the analyzer, and every sum of such profiles,
    /// does: vectors of the lexicon's lengths; term counts sorted by term,
    /// of cue terms only, summing to each category's asserted count; no
    /// category or actor in more sentences than the text has; quoted cues
    /// at most all cues; sentences naming an actor and carrying a category
    /// at most either; attributed cues at most all cues (asserted ones at
    /// most the asserted, and at most the attributed), those credited to
    /// actors at most the attributed asserted; attributions with an actor
    /// at most all attributions; attributed tokens at most all tokens. The
    /// error says which.
    pub(crate) fn check_counts(&self, lexicon: &Lexicon) -> Result<(), String> {
        let (n_actors, n_categories) = (lexicon.actors().len(), lexicon.categories().len());
        if self.categories.len() != n_categories
            || self.actors.len() != n_actors
            || self.actor_category.len() != n_actors * n_categories
            || self.sources.len() != n_actors
            || self.credited.len() != n_actors * n_categories
        {
            return Err(format!(
                "counts for {} categories, {} actors and {} pairs; the lexicon has {n_categories}, \
                 {n_actors} and {}",
                self.categories.len(),
                self.actors.len(),
                self.actor_category.len(),
                n_actors * n_categories
            ));
        }
        let h = &self.headline;
        if h.actors.len() != n_actors || h.categories.len() != n_categories {
            return Err(format!(
                "headline counts for {} actors and {} categories; the lexicon has {n_actors} and \
                 {n_categories}",
                h.actors.len(),
                h.categories.len()
            ));
        }
        if let Some(more) = h
            .actors
            .iter()
            .chain(&h.categories)
            .find(|&&n| n > h.headlines)
        {
            return Err(format!(
                "{more} headlines naming an actor or carrying a category, of {}",
                h.headlines
            ));
        }
        let mut asserted = vec![0u64; n_categories];
        let mut previous = None;
        for &(term, count) in &self.terms {
            if previous.is_some_and(|p| p >= term) {
                return Err("term counts are not sorted by term, without repeats".into());
            }
            previous = Some(term);
            let category = match lexicon.terms().get(term as usize).map(|t| t.role) {
                Some(super::lexicon::Role::Cue(c)) => c.index(),
                Some(_) => return Err(format!("term {term} is not a cue term")),
                None => return Err(format!("term {term} is not in the lexicon")),
            };
            if count == 0 {
                return Err(format!("term {term} has a count of 0"));
            }
            asserted[category] = asserted[category]
                .checked_add(count)
                .ok_or_else(|| format!("the counts of category {category}'s terms overflow"))?;
        }
        for (c, counts) in self.categories.iter().enumerate() {
            let name = lexicon.category_name(CategoryIndex::new(c));
            if counts.asserted != asserted[c] {
                return Err(format!(
                    "category {name:?}: {} asserted cues, but its terms count {}",
                    counts.asserted, asserted[c]
                ));
            }
            let all = counts
                .asserted
                .checked_add(counts.negated)
                .and_then(|n| n.checked_add(counts.hypothetical))
                .ok_or_else(|| format!("category {name:?}: its counts overflow"))?;
            if counts.quoted > all
                || counts.sentences > self.sentences
                || counts.sentences > counts.asserted
                || counts.strict_sentences > self.sentences
                || counts.strict_sentences > all
            {
                return Err(format!(
                    "category {name:?}: {} quoted of {all} cues, in {} sentences of {} ({} asserted)",
                    counts.quoted, counts.sentences, self.sentences, counts.asserted
                ));
            }
            let credited = (0..n_actors)
                .try_fold(0u64, |sum, a| {
                    sum.checked_add(self.credited[a * n_categories + c])
                })
                .ok_or_else(|| format!("category {name:?}: its credited counts overflow"))?;
            if counts.attributed > all
                || counts.attributed_asserted > counts.attributed
                || counts.attributed_asserted > counts.asserted
                || credited > counts.attributed_asserted
            {
                return Err(format!(
                    "category {name:?}: {} of {all} cues attributed ({} asserted of {}), \
                     {credited} credited to actors",
                    counts.attributed, counts.attributed_asserted, counts.asserted
                ));
            }
        }
        let sources = self
            .sources
            .iter()
            .try_fold(0u64, |sum, &n| sum.checked_add(n))
            .ok_or("the counts of sources overflow")?;
        if sources > self.attributions || self.attributed_tokens > self.tokens {
            return Err(format!(
                "{sources} attributions with an actor of {}; {} attributed tokens of {}",
                self.attributions, self.attributed_tokens, self.tokens
            ));
        }
        for (a, counts) in self.actors.iter().enumerate() {
            let id = lexicon.actor_id(ActorIndex::new(a));
            if counts.sentences > self.sentences || counts.sentences > counts.mentions {
                return Err(format!(
                    "actor {id:?}: {} mentions in {} sentences of {}",
                    counts.mentions, counts.sentences, self.sentences
                ));
            }
            for (c, category) in self.categories.iter().enumerate() {
                let both = self.actor_category[a * n_categories + c];
                if both > counts.sentences || both > category.sentences {
                    return Err(format!(
                        "actor {id:?} with category {:?}: {both} sentences, more than either has",
                        lexicon.category_name(CategoryIndex::new(c))
                    ));
                }
            }
        }
        Ok(())
    }

    /// Takes `other`'s counts away (the inverse of [`merge`](Self::merge),
    /// for an article withdrawn from a sum it was merged into): `None`,
    /// changing nothing, if `other` is not part of this profile.
    pub(crate) fn subtract(&mut self, other: &ArticleProfile) -> Option<()> {
        let mut out = self.clone();
        let sub = |a: &mut u64, b: u64| -> Option<()> {
            *a = a.checked_sub(b)?;
            Some(())
        };
        sub(&mut out.tokens, other.tokens)?;
        sub(&mut out.sentences, other.sentences)?;
        sub(&mut out.headings, other.headings)?;
        sub(&mut out.list_items, other.list_items)?;
        sub(&mut out.headline.headlines, other.headline.headlines)?;
        if other.headline.actors.len() > out.headline.actors.len()
            || other.headline.categories.len() > out.headline.categories.len()
        {
            return None;
        }
        for (a, b) in out.headline.actors.iter_mut().zip(&other.headline.actors) {
            sub(a, *b)?;
        }
        for (a, b) in out
            .headline
            .categories
            .iter_mut()
            .zip(&other.headline.categories)
        {
            sub(a, *b)?;
        }
        if other.categories.len() > out.categories.len()
            || other.actors.len() > out.actors.len()
            || other.actor_category.len() > out.actor_category.len()
            || other.sources.len() > out.sources.len()
            || other.credited.len() > out.credited.len()
        {
            return None;
        }
        for (a, b) in out.categories.iter_mut().zip(&other.categories) {
            sub(&mut a.asserted, b.asserted)?;
            sub(&mut a.negated, b.negated)?;
            sub(&mut a.hypothetical, b.hypothetical)?;
            sub(&mut a.quoted, b.quoted)?;
            sub(&mut a.sentences, b.sentences)?;
            sub(&mut a.strict_sentences, b.strict_sentences)?;
            sub(&mut a.attributed, b.attributed)?;
            sub(&mut a.attributed_asserted, b.attributed_asserted)?;
        }
        for (a, b) in out.actors.iter_mut().zip(&other.actors) {
            sub(&mut a.mentions, b.mentions)?;
            sub(&mut a.sentences, b.sentences)?;
            for kind in MentionKind::ALL {
                sub(a.by_kind.slot(kind), b.by_kind.get(kind))?;
            }
        }
        for (a, b) in out.actor_category.iter_mut().zip(&other.actor_category) {
            sub(a, *b)?;
        }
        sub(&mut out.attributions, other.attributions)?;
        sub(&mut out.attributed_tokens, other.attributed_tokens)?;
        for (a, b) in out.sources.iter_mut().zip(&other.sources) {
            sub(a, *b)?;
        }
        for (a, b) in out.credited.iter_mut().zip(&other.credited) {
            sub(a, *b)?;
        }
        let mut mine = out.terms.iter_mut().peekable();
        for &(term, count) in &other.terms {
            while mine.peek().is_some_and(|(t, _)| *t < term) {
                mine.next();
            }
            match mine.next() {
                Some((t, own)) if *t == term => sub(own, count)?,
                _ => return None,
            }
        }
        out.terms.retain(|&(_, count)| count > 0);
        *self = out;
        Some(())
    }

    /// Appends the counts packed small (LEB128 varints of the non-zero
    /// values and their positions) to `out`, to keep one per article at
    /// little cost; [`unpacked`](Self::unpacked) with the same lexicon
    /// restores them.
    pub(crate) fn pack_into(&self, out: &mut Vec<u8>) {
        let dense = self.dense();
        let nonzero = dense.clone().filter(|&v| v != 0).count();
        put_varint(out, nonzero as u64);
        let mut last = 0;
        for (i, v) in dense.enumerate() {
            if v != 0 {
                put_varint(out, (i - last) as u64);
                put_varint(out, v);
                last = i;
            }
        }
        put_varint(out, self.terms.len() as u64);
        let mut last = 0;
        for &(term, count) in &self.terms {
            put_varint(out, u64::from(term.wrapping_sub(last)));
            put_varint(out, count);
            last = term;
        }
    }

    /// The profile [packed](Self::pack_into) into `bytes`, shaped for
    /// `lexicon`; `None` if the bytes do not fit it.
    pub(crate) fn unpacked(bytes: &[u8], lexicon: &Lexicon) -> Option<ArticleProfile> {
        let mut profile = ArticleProfile::empty(lexicon);
        let mut at = bytes;
        let nonzero = get_varint(&mut at)?;
        let mut dense = vec![0u64; profile.dense_len()];
        let mut i = 0usize;
        for _ in 0..nonzero {
            i = i.checked_add(usize::try_from(get_varint(&mut at)?).ok()?)?;
            *dense.get_mut(i)? = get_varint(&mut at)?;
        }
        profile.set_dense(&dense);
        let terms = get_varint(&mut at)?;
        let mut term = 0u32;
        for _ in 0..terms {
            term = term.wrapping_add(u32::try_from(get_varint(&mut at)?).ok()?);
            profile.terms.push((term, get_varint(&mut at)?));
        }
        Some(profile)
    }

    /// Every count but the terms', in a fixed order.
    fn dense(&self) -> impl Iterator<Item = u64> + Clone + '_ {
        [self.tokens, self.sentences]
            .into_iter()
            .chain(self.categories.iter().flat_map(|c| {
                [
                    c.asserted,
                    c.negated,
                    c.hypothetical,
                    c.quoted,
                    c.sentences,
                    c.strict_sentences,
                    c.attributed,
                    c.attributed_asserted,
                ]
            }))
            .chain(self.actors.iter().flat_map(|a| {
                let k = &a.by_kind;
                [
                    a.mentions,
                    a.sentences,
                    k.name,
                    k.demonym,
                    k.capital,
                    k.institution,
                    k.person,
                    k.party,
                    k.role,
                ]
            }))
            .chain(self.actor_category.iter().copied())
            .chain([self.headings, self.list_items, self.headline.headlines])
            .chain(self.headline.actors.iter().copied())
            .chain(self.headline.categories.iter().copied())
            .chain([self.attributions, self.attributed_tokens])
            .chain(self.sources.iter().copied())
            .chain(self.credited.iter().copied())
    }

    fn dense_len(&self) -> usize {
        2 + 8 * self.categories.len()
            + 9 * self.actors.len()
            + self.actor_category.len()
            + 3
            + self.headline.actors.len()
            + self.headline.categories.len()
            + 2
            + self.sources.len()
            + self.credited.len()
    }

    fn set_dense(&mut self, values: &[u64]) {
        let mut values = values.iter().copied();
        let mut next = || values.next().unwrap_or(0);
        self.tokens = next();
        self.sentences = next();
        for c in &mut self.categories {
            *c = CategoryCounts {
                asserted: next(),
                negated: next(),
                hypothetical: next(),
                quoted: next(),
                sentences: next(),
                strict_sentences: next(),
                attributed: next(),
                attributed_asserted: next(),
            };
        }
        for a in &mut self.actors {
            *a = ActorCounts {
                mentions: next(),
                sentences: next(),
                by_kind: KindCounts {
                    name: next(),
                    demonym: next(),
                    capital: next(),
                    institution: next(),
                    person: next(),
                    party: next(),
                    role: next(),
                },
            };
        }
        for x in &mut self.actor_category {
            *x = next();
        }
        self.headings = next();
        self.list_items = next();
        self.headline.headlines = next();
        for x in &mut self.headline.actors {
            *x = next();
        }
        for x in &mut self.headline.categories {
            *x = next();
        }
        self.attributions = next();
        self.attributed_tokens = next();
        for x in &mut self.sources {
            *x = next();
        }
        for x in &mut self.credited {
            *x = next();
        }
    }
}

/// Appends `v` as a LEB128 varint.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint off the front of `bytes`.
pub(crate) fn get_varint(bytes: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        v |= u64::from(b & 0x7F).checked_shl(shift)?;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
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
pub(crate) struct Counter<'a> {
    lexicon: &'a Lexicon,
    profile: ArticleProfile,
    /// Whether each actor, and each category with an asserted cue, is in
    /// the current sentence; the lists hold the ones set, to clear them.
    actor_seen: Vec<bool>,
    category_seen: Vec<bool>,
    actors_here: Vec<usize>,
    categories_here: Vec<usize>,
    /// The same for categories with a non-marginal cue of any status.
    strict_seen: Vec<bool>,
    strict_here: Vec<usize>,
    /// `profile.terms` is sorted and summed up to here.
    terms_sorted: usize,
}

impl<'a> Counter<'a> {
    pub(crate) fn new(lexicon: &'a Lexicon) -> Self {
        let profile = ArticleProfile::empty(lexicon);
        Counter {
            lexicon,
            actor_seen: vec![false; profile.actors.len()],
            category_seen: vec![false; profile.categories.len()],
            actors_here: Vec::new(),
            categories_here: Vec::new(),
            strict_seen: vec![false; profile.categories.len()],
            strict_here: Vec::new(),
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
            if let Voice::Attributed { actor, .. } = cue.voice {
                count_voice(profile, cue.category, cue.status, actor);
            }
            // Any status: a negated or conditional hedge still holds back
            // commitment ("not likely", "if it appears").
            if let Some(seen) = self.strict_seen.get_mut(cue.category.index())
                && !*seen
                && !self.lexicon.is_marginal(cue.term)
            {
                *seen = true;
                self.strict_here.push(cue.category.index());
            }
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
            *counts.by_kind.slot(mention.kind) += 1;
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

    /// Counts a cue of `category` with `status` in content attributed to a
    /// source standing for `actor` (if any), for a cue given to
    /// [`add`](Self::add) before its voice was known (as it was, in the
    /// outlet's own voice).
    pub(crate) fn add_attributed(
        &mut self,
        category: CategoryIndex,
        status: Status,
        actor: Option<ActorIndex>,
    ) {
        count_voice(&mut self.profile, category, status, actor);
    }

    /// Counts an article's attributions (see
    /// [`ArticleProfile::add_attributions`]).
    pub(crate) fn add_attributions(&mut self, attributions: &[Attribution], words: usize) {
        self.profile.add_attributions(attributions, words);
    }

    /// Ends the current sentence: counts the sentences naming each actor,
    /// carrying each category, and both.
    pub(crate) fn end_sentence(&mut self) {
        self.end_sentence_counted(true);
    }

    /// Ends the current sentence, counting it in the per-sentence counts
    /// only if `counted` (its cues and mentions count either way).
    pub(crate) fn end_sentence_counted(&mut self, counted: bool) {
        if !counted {
            for &a in &self.actors_here {
                self.actor_seen[a] = false;
            }
            for &k in &self.categories_here {
                self.category_seen[k] = false;
            }
            for &k in &self.strict_here {
                self.strict_seen[k] = false;
            }
            self.actors_here.clear();
            self.categories_here.clear();
            self.strict_here.clear();
            return;
        }
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
        for &k in &self.strict_here {
            profile.categories[k].strict_sentences += 1;
            self.strict_seen[k] = false;
        }
        self.actors_here.clear();
        self.categories_here.clear();
        self.strict_here.clear();
    }

    /// The profile of an article of `sentences` sentences and `tokens`
    /// word tokens, once its last sentence has ended.
    pub(crate) fn finish(mut self, sentences: usize, tokens: usize) -> ArticleProfile {
        self.end_sentence();
        self.finish_counted(sentences, tokens)
    }

    /// As [`finish`](Self::finish), when the last sentence has been ended
    /// with [`end_sentence_counted`](Self::end_sentence_counted).
    pub(crate) fn finish_counted(mut self, sentences: usize, tokens: usize) -> ArticleProfile {
        self.profile.tokens = tokens as u64;
        self.profile.sentences = sentences as u64;
        sum_terms(&mut self.profile.terms);
        self.profile
    }
}

/// Counts a cue in a source's voice: by category, and when asserted and
/// the source stands for an actor, as credited to that actor.
fn count_voice(
    profile: &mut ArticleProfile,
    category: CategoryIndex,
    status: Status,
    actor: Option<ActorIndex>,
) {
    let n_categories = profile.categories.len();
    let Some(counts) = profile.categories.get_mut(category.index()) else {
        return;
    };
    let asserted = status == Status::Asserted;
    counts.attributed += 1;
    counts.attributed_asserted += u64::from(asserted);
    if let Some(actor) = actor.filter(|_| asserted)
        && let Some(n) = profile
            .credited
            .get_mut(actor.index() * n_categories + category.index())
    {
        *n += 1;
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
    /// version differs or a count would overflow).
    pub fn add(&mut self, article: &ArticleProfile) -> Result<(), MergeError> {
        let articles = self
            .articles
            .checked_add(1)
            .ok_or(MergeError::Overflow("articles"))?;
        self.counts.merge(article)?;
        self.articles = articles;
        Ok(())
    }

    /// Adds another outlet profile (exact, associative, commutative; an
    /// error, changing nothing, if its lexicon version differs or a count
    /// would overflow).
    pub fn merge(&mut self, other: &OutletProfile) -> Result<(), MergeError> {
        let articles = self
            .articles
            .checked_add(other.articles)
            .ok_or(MergeError::Overflow("articles"))?;
        self.counts.merge(&other.counts)?;
        self.articles = articles;
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
