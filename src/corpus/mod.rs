//! Corpus level: article profiles gathered per outlet (or per group of
//! another [`GroupBy`]), then turned into the report (means, bootstrap
//! intervals, pooled values, comparisons).
//!
//! Results do not depend on the order in which articles arrive or on the
//! thread that analysed them: each outlet's articles are sorted by id
//! before any sum, the bootstrap's generator is seeded per outlet and
//! replicate, and a repeated article id is settled by a rule that looks at
//! every copy, not at which came first (see [`Corpus::add`]).
//!
//! This module holds the accumulation ([`Corpus`]); the report's settings
//! are in `options`, the partial-results format in `shard`, report
//! building in `build` and the parallel pipeline in `ingest`, all
//! re-exported here.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

mod build;
mod ingest;
mod options;
mod shard;

pub use crate::error::MergeError;
pub use ingest::{analyze_records, profile_records, profile_records_with};
pub use options::ReportOptions;
pub use shard::{ArticleEntry, OutletData, PARTIAL_FORMAT, Partial};

use crate::analyzer::Analyzer;
use crate::article::{Article, Record};
use crate::error::{InputError, InputErrorKind};
use crate::group::GroupBy;
use crate::lexicon::Lexicon;
use crate::metrics::{self, Metric};
use crate::profile::ArticleProfile;
use crate::report::{ArticleTable, Rejection};

/// Articles gathered per outlet; turns into a [`Report`](crate::Report).
///
/// "Outlet" in this type's fields and in the report's names stands for
/// the group: the outlet by default, or the group key of another
/// [`GroupBy`] ([`Corpus::with_grouping`]).
#[derive(Debug)]
pub struct Corpus<'a> {
    lexicon: &'a Lexicon,
    metrics: Vec<Metric>,
    /// How articles are grouped.
    group_by: GroupBy,
    /// Per group key.
    outlets: BTreeMap<String, OutletData>,
    /// Every article id seen, and what became of it.
    ids: FxHashMap<String, Seen>,
    /// Outlet names by number (a number per article rather than a name).
    outlet_names: Vec<String>,
    outlet_numbers: FxHashMap<String, u32>,
    /// The sources of added records, by number, and their numbers.
    sources: Vec<Arc<str>>,
    source_numbers: FxHashMap<Arc<str>, u32>,
    /// Scratch room for packing counts.
    packed: Vec<u8>,
    /// Every outlet's counts summed, so that a sum that would overflow is
    /// refused as it comes rather than found when reporting.
    total: ArticleProfile,
    rejected: Vec<Rejection>,
    /// The rejections as keys, to find one that two shards share.
    rejection_keys: FxHashSet<RejectionKey>,
    /// The analyzer's sentence-counting setting, carried into partials.
    count_all_sentences: bool,
}

/// What became of an article id.
#[derive(Debug)]
enum Seen {
    /// Counted once, from this copy (added by [`Corpus::add`]); enough is
    /// kept to withdraw it should a different copy come.
    Counted(Kept),
    /// Counted in a merged partial.
    Merged,
    /// Its copies differ: none is counted, every one is rejected.
    Rejected,
}

/// An added copy: where it is counted (its outlet's number and its
/// position in the outlet's `articles`), where it came from (a number into
/// the corpus's sources, [`NO_SOURCE`] for none, and a line) and its
/// counts ([packed](ArticleProfile::pack_into)). There is one per article,
/// so it is one small allocation: the numbers as varints, then the counts.
#[derive(Debug)]
struct Kept(Box<[u8]>);

/// What a [`Kept`] holds, but its counts.
#[derive(Debug, Clone, Copy)]
struct Place {
    outlet: u32,
    index: u32,
    source: u32,
    line: u64,
}

/// No source: an article added without its place.
const NO_SOURCE: u32 = u32::MAX;

impl Kept {
    fn new(place: Place, profile: &[u8]) -> Self {
        let mut bytes = Vec::with_capacity(12 + profile.len());
        for v in [
            u64::from(place.outlet),
            u64::from(place.index),
            u64::from(place.source),
            place.line,
        ] {
            crate::profile::put_varint(&mut bytes, v);
        }
        bytes.extend_from_slice(profile);
        Kept(bytes.into_boxed_slice())
    }

    /// Its place and packed counts (`None` only if the bytes were not
    /// made by [`Kept::new`]).
    fn read(&self) -> Option<(Place, &[u8])> {
        let mut at = &self.0[..];
        let mut next = || crate::profile::get_varint(&mut at);
        let place = Place {
            outlet: u32::try_from(next()?).ok()?,
            index: u32::try_from(next()?).ok()?,
            source: u32::try_from(next()?).ok()?,
            line: next()?,
        };
        Some((place, at))
    }
}

/// A rejection's identity: source, line and reason.
type RejectionKey = (String, Option<u64>, String);

fn rejection_key(r: &Rejection) -> RejectionKey {
    (r.source.clone(), r.line, r.reason.clone())
}

/// The total order of rejections in reports and partials: source, line
/// (none first), reason.
pub(crate) fn sort_rejections(rejected: &mut [Rejection]) {
    rejected.sort_by(|x, y| (&x.source, x.line, &x.reason).cmp(&(&y.source, y.line, &y.reason)));
}

impl<'a> Corpus<'a> {
    /// An empty corpus for profiles made by `analyzer`, grouped by outlet.
    pub fn new(analyzer: &'a Analyzer) -> Self {
        Self::with_grouping(analyzer, GroupBy::outlet())
    }

    /// An empty corpus whose articles are grouped by `group_by` rather
    /// than by outlet: every group is scored, and compared with the
    /// others, as an outlet is by default.
    pub fn with_grouping(analyzer: &'a Analyzer, group_by: GroupBy) -> Self {
        let lexicon = analyzer.lexicon();
        Corpus {
            lexicon,
            metrics: metrics::metrics_for(lexicon),
            group_by,
            outlets: BTreeMap::new(),
            ids: Default::default(),
            outlet_names: Vec::new(),
            outlet_numbers: Default::default(),
            sources: Vec::new(),
            source_numbers: Default::default(),
            packed: Vec::new(),
            total: ArticleProfile::empty(lexicon),
            rejected: Vec::new(),
            rejection_keys: Default::default(),
            count_all_sentences: analyzer.counts_all_sentences(),
        }
    }

    /// Adds an analysed article, or refuses it with the reason: a profile
    /// made with another lexicon ([`InputErrorKind::Lexicon`]), counts
    /// that do not fit the lexicon or each other
    /// ([`InputErrorKind::Profile`]), counts whose sum would overflow
    /// ([`InputErrorKind::Overflow`]), or a repeated id
    /// ([`InputErrorKind::DuplicateId`]). The kind has no place: the
    /// caller knows where the record came from ([`InputError::new`]);
    /// [`add_record`](Self::add_record) is the same with the place.
    ///
    /// # Repeated ids
    ///
    /// An id is never counted twice, and which copy counts never depends on
    /// the order the copies come in:
    /// - copies that would add the same numbers (same outlet, same story,
    ///   same counts) are counted once, and every other copy is rejected;
    /// - if any two copies differ, none is counted: the one counted so far
    ///   is withdrawn and listed among the rejections (with the place it
    ///   was added with; an empty source for [`add`](Self::add)), and every
    ///   copy is rejected.
    ///
    /// An id that came with a merged partial is not repeated: a later
    /// copy is rejected.
    pub fn add(
        &mut self,
        article: &Article,
        profile: &ArticleProfile,
    ) -> Result<(), InputErrorKind> {
        self.add_at(article, profile, None)
    }

    /// [`add`](Self::add), for a record read from an input: its place is
    /// kept, to list it among the rejections should a different copy of
    /// its id come later.
    pub fn add_record(
        &mut self,
        record: &Record,
        profile: &ArticleProfile,
    ) -> Result<(), InputErrorKind> {
        self.add_at(
            &record.article,
            profile,
            Some((record.source.clone(), record.line)),
        )
    }

    fn add_at(
        &mut self,
        article: &Article,
        profile: &ArticleProfile,
        place: Option<(Arc<str>, usize)>,
    ) -> Result<(), InputErrorKind> {
        if profile.lexicon != self.lexicon.version() {
            return Err(InputErrorKind::Lexicon {
                expected: self.lexicon.version().to_string(),
                found: profile.lexicon.clone(),
            });
        }
        profile
            .check_counts(self.lexicon)
            .map_err(InputErrorKind::Profile)?;
        if let Some(seen) = self.ids.get(&article.id) {
            let conflict = match seen {
                Seen::Counted(kept) => !self.same_copy(kept, article, profile),
                Seen::Merged | Seen::Rejected => false,
            };
            if conflict {
                self.withdraw(&article.id);
            }
            return Err(InputErrorKind::DuplicateId(article.id.clone()));
        }
        // Every outlet's counts are at most the total's: if the total
        // takes the article, so does its outlet.
        self.total
            .check_merge(profile)
            .map_err(|_| InputErrorKind::Overflow)?;
        let key = self.group_by.key(article);
        let number = self.outlet_number(&key);
        let outlet = match self.outlets.get_mut(&key) {
            Some(outlet) => outlet,
            None => self.outlets.entry(key).or_default(),
        };
        if outlet.profile.add(profile).is_err() {
            return Err(InputErrorKind::Overflow);
        }
        let added = self.total.merge(profile);
        debug_assert!(added.is_ok(), "checked above: {added:?}");
        let values = self
            .metrics
            .iter()
            .map(|m| m.value(profile).unwrap_or(f64::NAN))
            .collect();
        let index = outlet.articles.len() as u32;
        outlet.articles.push(ArticleEntry {
            id: article.id.clone(),
            story: article.story.clone(),
            values,
        });
        let (source, line) = match place {
            Some((source, line)) => (self.source_number(source), line as u64),
            None => (NO_SOURCE, 0),
        };
        let place = Place {
            outlet: number,
            index,
            source,
            line,
        };
        self.packed.clear();
        profile.pack_into(&mut self.packed);
        let kept = Kept::new(place, &self.packed);
        self.ids.insert(article.id.clone(), Seen::Counted(kept));
        Ok(())
    }

    /// Whether a new copy of a counted id would add the same numbers.
    fn same_copy(&self, kept: &Kept, article: &Article, profile: &ArticleProfile) -> bool {
        let Some((place, counts)) = kept.read() else {
            return false;
        };
        let Some(name) = self.outlet_names.get(place.outlet as usize) else {
            return false;
        };
        let entry = self
            .outlets
            .get(name)
            .and_then(|o| o.articles.get(place.index as usize));
        let mut packed = Vec::with_capacity(counts.len());
        profile.pack_into(&mut packed);
        *name == self.group_by.key(article)
            && entry.is_some_and(|e| e.story == article.story)
            && counts == packed
    }

    /// Withdraws the counted copy of `id` (another copy differs from it):
    /// its counts leave its outlet and the total, and it joins the
    /// rejections.
    fn withdraw(&mut self, id: &str) {
        let Some(Seen::Counted(kept)) = self.ids.insert(id.to_string(), Seen::Rejected) else {
            return;
        };
        let Some((place, counts)) = kept.read() else {
            debug_assert!(false, "{id}: a kept copy reads back");
            return;
        };
        let name = self.outlet_names[place.outlet as usize].clone();
        let Some(profile) = ArticleProfile::unpacked(counts, self.lexicon) else {
            debug_assert!(false, "a packed profile unpacks with its lexicon");
            return;
        };
        if let Some(outlet) = self.outlets.get_mut(&name) {
            let taken = outlet.profile.counts.subtract(&profile);
            debug_assert!(taken.is_some(), "{id}: counted, so part of its outlet");
            outlet.profile.articles = outlet.profile.articles.saturating_sub(1);
            let index = place.index as usize;
            if index < outlet.articles.len() {
                outlet.articles.swap_remove(index);
                // The article moved into its slot: its place changes.
                if let Some(moved) = outlet.articles.get(index)
                    && let Some(Seen::Counted(other)) = self.ids.get_mut(&moved.id)
                    && let Some((mut at, counts)) = other.read()
                {
                    at.index = index as u32;
                    *other = Kept::new(at, counts);
                }
            }
            if outlet.articles.is_empty() {
                self.outlets.remove(&name);
            }
        }
        let taken = self.total.subtract(&profile);
        debug_assert!(taken.is_some(), "{id}: counted, so part of the total");
        let (source, line) = match self.sources.get(place.source as usize) {
            Some(source) => (source.to_string(), Some(place.line)),
            None => (String::new(), None),
        };
        self.push_rejection(Rejection {
            source,
            line,
            reason: InputErrorKind::DuplicateId(id.to_string()).to_string(),
        });
    }

    fn source_number(&mut self, source: Arc<str>) -> u32 {
        // Records of one source come together: the last one first.
        if let Some(last) = self.sources.last()
            && Arc::ptr_eq(last, &source)
        {
            return self.sources.len() as u32 - 1;
        }
        if let Some(&n) = self.source_numbers.get(&source) {
            return n;
        }
        let n = self.sources.len() as u32;
        self.sources.push(source.clone());
        self.source_numbers.insert(source, n);
        n
    }

    fn outlet_number(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.outlet_numbers.get(name) {
            return n;
        }
        let n = self.outlet_names.len() as u32;
        self.outlet_names.push(name.to_string());
        self.outlet_numbers.insert(name.to_string(), n);
        n
    }

    fn push_rejection(&mut self, rejection: Rejection) {
        self.rejection_keys.insert(rejection_key(&rejection));
        self.rejected.push(rejection);
    }

    /// Records a rejected record.
    pub fn reject(&mut self, error: &InputError) {
        self.push_rejection(Rejection {
            source: error.source_name.clone(),
            line: error.line.map(|l| l as u64),
            reason: error.reason(),
        });
    }

    /// Articles added so far.
    pub fn articles(&self) -> u64 {
        self.outlets.values().map(|o| o.profile.articles).sum()
    }

    /// How the articles are grouped.
    pub fn group_by(&self) -> &GroupBy {
        &self.group_by
    }

    /// The metrics every article is scored on, in report order.
    pub fn metrics(&self) -> &[Metric] {
        &self.metrics
    }

    /// An empty article table for this corpus's metrics and grouping,
    /// keeping the fields in `keep` (see [`ArticleTable`]).
    pub fn article_table(&self, keep: &[String]) -> ArticleTable {
        ArticleTable::new(&self.metrics, &self.group_by, keep)
    }

    /// Whether the article with this id counts in the report: added (or
    /// merged) and not withdrawn as a copy that differs from another (see
    /// [`Corpus::add`]).
    pub fn is_counted(&self, id: &str) -> bool {
        matches!(self.ids.get(id), Some(Seen::Counted(_) | Seen::Merged))
    }

    /// The run's state, for `--partial`.
    pub fn to_partial(&self) -> Partial {
        let mut outlets = self.outlets.clone();
        for data in outlets.values_mut() {
            data.articles.sort_by(|a, b| a.id.cmp(&b.id));
        }
        let mut rejected = self.rejected.clone();
        sort_rejections(&mut rejected);
        let mut rejected_ids: Vec<String> = self
            .ids
            .iter()
            .filter(|(_, seen)| matches!(seen, Seen::Rejected))
            .map(|(id, _)| id.clone())
            .collect();
        rejected_ids.sort_unstable();
        Partial {
            format: PARTIAL_FORMAT.to_string(),
            lexicon_version: self.lexicon.version().to_string(),
            metrics: self.metrics.iter().map(|m| m.name.clone()).collect(),
            outlets,
            rejected,
            rejected_ids,
            count_all_sentences: self.count_all_sentences,
            group_by: (!self.group_by.is_outlet()).then(|| self.group_by.to_string()),
        }
    }

    /// Adds a shard's state (from [`Corpus::to_partial`], possibly on
    /// another machine). Merging every shard gives the same report as one
    /// run over all their inputs.
    ///
    /// Refused, leaving the corpus as it was: a partial of another format,
    /// lexicon or set of metrics; one whose data break the format's
    /// invariants ([`MergeError::Invalid`]: damaged or edited); an article
    /// id, or a rejected record, that this corpus already has (the same
    /// partial merged twice, or shards that overlap); counts whose sum
    /// would overflow.
    pub fn merge_partial(&mut self, partial: Partial) -> Result<(), MergeError> {
        partial.check(self.lexicon, &self.metrics, &self.group_by)?;
        if partial.count_all_sentences != self.count_all_sentences {
            let said = |all: bool| {
                if all {
                    "with --count-all-sentences"
                } else {
                    "without --count-all-sentences"
                }
            };
            return Err(MergeError::Options(format!(
                "made {}, this run {}",
                said(partial.count_all_sentences),
                said(self.count_all_sentences)
            )));
        }
        let ids = partial
            .outlets
            .values()
            .flat_map(|data| data.articles.iter().map(|a| &a.id))
            .chain(&partial.rejected_ids);
        for id in ids {
            if self.ids.contains_key(id) {
                return Err(MergeError::DuplicateId(id.clone()));
            }
        }
        for r in &partial.rejected {
            if self.rejection_keys.contains(&rejection_key(r)) {
                return Err(MergeError::DuplicateRejection {
                    input: r.source.clone(),
                    line: r.line,
                    reason: r.reason.clone(),
                });
            }
        }
        let mut total = self.total.clone();
        let mut outlets = Vec::with_capacity(partial.outlets.len());
        for (name, data) in &partial.outlets {
            total.merge(&data.profile.counts)?;
            let mut merged = self
                .outlets
                .get(name)
                .map(|o| o.profile.clone())
                .unwrap_or_default();
            merged.merge(&data.profile)?;
            outlets.push(merged);
        }
        // Nothing can fail from here on.
        self.total = total;
        let Partial {
            outlets: partial_outlets,
            rejected,
            rejected_ids,
            ..
        } = partial;
        // In the same (name) order as `partial_outlets`.
        for ((name, data), profile) in partial_outlets.into_iter().zip(outlets) {
            for article in &data.articles {
                self.ids.insert(article.id.clone(), Seen::Merged);
            }
            self.outlet_number(&name);
            let outlet = self.outlets.entry(name).or_default();
            outlet.profile = profile;
            outlet.articles.extend(data.articles);
        }
        for id in rejected_ids {
            self.ids.insert(id, Seen::Rejected);
        }
        for r in rejected {
            self.push_rejection(r);
        }
        Ok(())
    }
}
