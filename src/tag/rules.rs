//! The status rule: whether a cue is asserted, negated or hypothetical,
//! decided from the trigger phrases around it in its clause.
//!
//! A cue is:
//! - **hypothetical** when a hypothetical trigger ("if", "hopes for")
//!   stands before it within the lexicon's hypothetical window, or a
//!   hypothetical "after" trigger follows it within the same window;
//! - otherwise **negated** when a negation trigger ("no", "not", "n't",
//!   "failed to") stands before it within the negation window, or a
//!   negation "after" trigger follows it ("a deal was not reached"), or a
//!   negation trigger was skipped inside the term itself (see the walk);
//! - otherwise **asserted**.
//!
//! Windows count steps outward from the cue, a word token or a whole
//! matched phrase being one step; the clause ends at boundary punctuation
//! (`, ; : ( ) —`, found by the caller), at the lexicon's terminators
//! ("but", "however", a relative pronoun "which"), and after the cue also at
//! its after-terminators ("that": in "progress that can help" the modal is
//! the relative clause's). Every trigger list and window is lexicon data
//! (`data/lexicons/rules.toml`, which gives the reason for each group).

use super::Status;
use crate::lexicon::{Lexicon, Role};

/// What a matched phrase does to the scope of the cues around it. A phrase
/// can do several things at once ("not" negates a cue before or after it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ScopeRoles {
    /// Negates a cue that follows it ("no breakthrough").
    pub(crate) negates_following: bool,
    /// Negates a cue that precedes it ("a deal was not reached").
    pub(crate) negates_preceding: bool,
    /// Makes a following cue hypothetical ("if progress ...").
    pub(crate) hypothesises_following: bool,
    /// Makes a preceding cue hypothetical.
    pub(crate) hypothesises_preceding: bool,
    /// Makes a cue right after it hypothetical ("to stall", "a possible
    /// breakthrough").
    pub(crate) hypothesises_near: bool,
    /// Ends the scope: nothing beyond it counts ("but").
    pub(crate) ends_scope: bool,
    /// Ends the scope after the cue only ("progress that can help").
    pub(crate) ends_scope_after: bool,
    /// Looks like a negation and is not ("not only").
    pub(crate) pseudo_negation: bool,
}

impl ScopeRoles {
    /// The roles of the phrase that ends at trie node `node` (a plain word
    /// has none).
    pub(crate) fn of(lexicon: &Lexicon, node: u32) -> Self {
        let mut roles = ScopeRoles::default();
        for &term in lexicon.matcher.payload(node) {
            match lexicon.terms()[term as usize].role {
                Role::NegationBefore => roles.negates_following = true,
                Role::NegationAfter => roles.negates_preceding = true,
                Role::HypotheticalBefore => roles.hypothesises_following = true,
                Role::HypotheticalAfter => roles.hypothesises_preceding = true,
                Role::HypotheticalNear => roles.hypothesises_near = true,
                Role::Terminator => roles.ends_scope = true,
                Role::TerminatorAfter => roles.ends_scope_after = true,
                Role::PseudoNegation => roles.pseudo_negation = true,
                _ => {}
            }
        }
        roles
    }

    /// Whether a term may skip this phrase between two of its words and be
    /// negated by it: any negation trigger but a pseudo-negation ("a deal
    /// was not reached", but not "a deal was not only reached").
    pub(crate) fn negates_inside_term(&self) -> bool {
        (self.negates_following || self.negates_preceding) && !self.pseudo_negation
    }
}

/// Which side of the cue a step of its clause is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Before the cue: triggers that act on what follows them count.
    Before,
    /// After the cue: triggers that act on what precedes them count.
    After,
}

/// What the triggers on one side of a cue say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Found {
    negated: bool,
    hypothetical: bool,
    /// Only a near trigger ("to", "possible") made it hypothetical.
    near_hypothetical: bool,
}

/// The status of a cue, from the steps of its clause on each side (each
/// side outward from the cue, ending where the clause ends) and whether a
/// negation was skipped inside the cue's own term.
///
/// A `stance` cue (a hedge or a booster: "clearly", "unclear") is not made
/// hypothetical by a trigger after it, which belongs to the proposition it
/// qualifies.
///
/// Precedence: a hypothetical trigger wins over a negation ("if the talks
/// do not produce a breakthrough" asserts nothing either way); a negation
/// wins over a near trigger, whose infinitive belongs to the negated verb
/// ("the failure of the envoys to reach a deal", "failed to deliver on
/// pledges to derail it").
pub(crate) fn status(
    lexicon: &Lexicon,
    negated_inside: bool,
    stance: bool,
    before: impl Iterator<Item = ScopeRoles>,
    after: impl Iterator<Item = ScopeRoles>,
) -> Status {
    let before = scan(lexicon, Side::Before, before);
    let after = scan(lexicon, Side::After, after);
    // A stance marker scopes over the proposition after it: the modal in
    // "it is clear that enrichment would go on" is the proposition's.
    let after_hypothetical = after.hypothetical && !stance;
    if before.hypothetical || after_hypothetical {
        Status::Hypothetical
    } else if negated_inside || before.negated || after.negated {
        Status::Negated
    } else if before.near_hypothetical {
        Status::Hypothetical
    } else {
        Status::Asserted
    }
}

/// Scans one side of a cue outward. A trigger counts when its step is
/// within its window (before the cue: `window`, or `near_window` for near
/// triggers; after it: `after_window`); a terminator ends the scan.
fn scan(lexicon: &Lexicon, side: Side, steps: impl Iterator<Item = ScopeRoles>) -> Found {
    let (negation_window, hypothetical_window) = match side {
        Side::Before => (lexicon.negation_window(), lexicon.hypothetical_window()),
        Side::After => (
            lexicon.negation_after_window(),
            lexicon.hypothetical_after_window(),
        ),
    };
    let near_window = match side {
        Side::Before => lexicon.hypothetical_near_window(),
        Side::After => 0,
    };
    let reach = negation_window.max(hypothetical_window).max(near_window);
    let mut found = Found::default();
    for (step, roles) in (1..).zip(steps.take(reach)) {
        if roles.ends_scope || (side == Side::After && roles.ends_scope_after) {
            break;
        }
        let (negates, hypothesises) = match side {
            Side::Before => (roles.negates_following, roles.hypothesises_following),
            Side::After => (roles.negates_preceding, roles.hypothesises_preceding),
        };
        found.negated |= negates && step <= negation_window;
        found.hypothetical |= hypothesises && step <= hypothetical_window;
        found.near_hypothetical |= roles.hypothesises_near && step <= near_window;
    }
    found
}
