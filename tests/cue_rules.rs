//! Table-driven tests of the cue rules of issue 16, one table per kind of
//! rule: status from the cue's clause, senses that are not outcome claims,
//! one cue per expression, and typed hedges. Every sentence is written for
//! this project.

use framescope::{Analyzer, Status};

mod common;

const A: Status = Status::Asserted;
const N: Status = Status::Negated;
const Y: Status = Status::Hypothetical;

/// Outcome cues (progress, breakthrough, setback) of a sentence: matched
/// text and status.
fn outcomes(analyzer: &Analyzer, text: &str) -> Vec<(String, Status)> {
    common::cue_tuples(analyzer, text)
        .into_iter()
        .filter(|c| ["progress", "breakthrough", "setback"].contains(&c.0.as_str()))
        .map(|c| (c.1, c.2))
        .collect()
}

fn check(table: &[(&str, &[(&str, Status)])]) {
    let analyzer = Analyzer::default();
    let mut failures = Vec::new();
    for (text, expected) in table {
        let got = outcomes(&analyzer, text);
        let expected: Vec<(String, Status)> =
            expected.iter().map(|(t, s)| (t.to_string(), *s)).collect();
        if got != expected {
            failures.push(format!(
                "{text:?}\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_forecast_or_modal_after_the_cue_makes_it_hypothetical() {
    check(&[
        (
            "A breakthrough is unlikely before spring.",
            &[("breakthrough", Y)],
        ),
        ("A breakthrough is not imminent.", &[("breakthrough", Y)]),
        (
            "A collapse of the talks could unsettle markets.",
            &[("collapse", Y)],
        ),
        ("Progress may follow next month.", &[("Progress", Y)]),
        // The modal of the next clause is not the cue's.
        (
            "The talks stalled, and the envoys could leave.",
            &[("stalled", A)],
        ),
        (
            "The talks stalled last spring and later the envoys would meet.",
            &[("stalled", A)],
        ),
    ]);
}

#[test]
fn a_goal_need_wish_or_risk_on_the_cue_makes_it_hypothetical() {
    check(&[
        (
            "The talks are in need of a breakthrough.",
            &[("breakthrough", Y)],
        ),
        ("Both sides are striving for progress.", &[("progress", Y)]),
        ("The envoys were eager to make headway.", &[("headway", Y)]),
        (
            "Tehran said it was willing to make progress.",
            &[("progress", Y)],
        ),
        (
            "A possible breakthrough was on the agenda.",
            &[("breakthrough", Y)],
        ),
        (
            "The dispute risks a collapse of the truce.",
            &[("collapse", Y)],
        ),
        (
            "The process stood on the brink of collapse.",
            &[("collapse", Y)],
        ),
        (
            "Mediators worked to prevent a collapse.",
            &[("collapse", Y)],
        ),
        (
            "Tehran threatened to walk away from the table.",
            &[("walk away", Y)],
        ),
    ]);
}

#[test]
fn conditionals_make_the_cue_hypothetical_before_or_after_it() {
    check(&[
        (
            "Unless Tehran moves, a breakthrough is unlikely.",
            &[("breakthrough", Y)],
        ),
        ("If Iran agrees, progress may follow.", &[("progress", Y)]),
        (
            "If the talks produce a breakthrough, sanctions will ease.",
            &[("breakthrough", Y)],
        ),
        (
            "Iran will sign a deal only if the sanctions go.",
            &[("sign a deal", Y)],
        ),
    ]);
}

#[test]
fn a_negation_counts_only_on_the_cues_own_predication() {
    check(&[
        // The "not" belongs to the next clause.
        (
            "The bill has stalled and lawmakers have not voted on it.",
            &[("stalled", A)],
        ),
        // The "not" negates "inevitable": the progress is only possible.
        ("Such progress is not inevitable.", &[("progress", Y)]),
        ("A breakthrough was not achieved.", &[("breakthrough", N)]),
        (
            "The round ended without a breakthrough.",
            &[("breakthrough", N)],
        ),
        // A negated prediction denies: "will not".
        (
            "The envoys insist the talks will not collapse.",
            &[("collapse", N)],
        ),
    ]);
}

#[test]
fn instead_of_far_from_rather_than_and_nobody_expects_negate() {
    check(&[
        (
            "Instead of progress, the week brought new strikes.",
            &[("progress", N)],
        ),
        (
            "The envoys are far from a breakthrough.",
            &[("breakthrough", N)],
        ),
        (
            "Both capitals chose threats rather than progress.",
            &[("progress", N)],
        ),
        (
            "Nobody expects a breakthrough this week.",
            &[("breakthrough", N)],
        ),
    ]);
}

#[test]
fn near_negatives_negate_and_modest_amounts_do_not() {
    // The documented choice: "little" and "few" say (nearly) none; "limited"
    // and "modest" say some.
    check(&[
        ("The week brought little headway.", &[("headway", N)]),
        (
            "Few expect a breakthrough before the vote.",
            &[("breakthrough", N)],
        ),
        ("The week brought modest progress.", &[("progress", A)]),
        (
            "The envoys took a few steps forward.",
            &[("steps forward", A)],
        ),
    ]);
}

#[test]
fn what_exists_under_a_forward_looking_verb_stays_asserted() {
    check(&[
        (
            "Both sides hope to build on last year's breakthrough.",
            &[("breakthrough", A)],
        ),
        ("The envoys met to end the impasse.", &[("impasse", A)]),
        (
            "Mediators aimed at breaking the deadlock.",
            &[("deadlock", A)],
        ),
        (
            "The new offer could resolve the stalemate.",
            &[("stalemate", A)],
        ),
        (
            "Washington may withdraw from the landmark accord.",
            &[("landmark", A)],
        ),
        // An infinitive after a verb of beginning reports what happened.
        ("The truce began to unravel in March.", &[("unravel", A)]),
    ]);
}

#[test]
fn a_relative_clause_is_a_clause_of_its_own() {
    // Issue 16c: "which", "who", "whom", "whose" end a scope on either
    // side; "that" ends it after the cue only.
    check(&[
        // The modal of the main clause does not reach into the relative
        // clause, nor the negation.
        (
            "The envoy might thank the mediators who made progress.",
            &[("progress", A)],
        ),
        (
            "Nobody praised the plan which stalled in March.",
            &[("stalled", A)],
        ),
        (
            "No minister met the aides whose work broke the deadlock.",
            &[("deadlock", A)],
        ),
        // The modal of a relative clause after the cue is not the cue's.
        (
            "The talks brought progress that could help farmers.",
            &[("progress", A)],
        ),
        (
            "The summit marked a breakthrough which may ease trade.",
            &[("breakthrough", A)],
        ),
        // Before the cue "that" is a complementizer under the trigger.
        (
            "Officials expect that a breakthrough is near.",
            &[("breakthrough", Y)],
        ),
        // A modal inside the relative clause still reaches its own cue.
        (
            "The council, which could stall the bill, met today.",
            &[("stall", Y)],
        ),
    ]);
}

#[test]
fn aims_infinitives_and_prospects_make_the_cue_hypothetical() {
    check(&[
        // An infinitive of a light verb before a cue noun is an aim.
        (
            "The envoys need a chance to make progress.",
            &[("progress", Y)],
        ),
        ("It is time to gain traction.", &[("traction", Y)]),
        (
            "The mayor met them to find common ground.",
            &[("common ground", Y)],
        ),
        // As a near trigger it yields to a negation before it.
        (
            "The governor was not able to gain traction.",
            &[("traction", N)],
        ),
        // "keep" takes what exists: not a light verb of aims.
        (
            "The rally was held to keep the momentum.",
            &[("momentum", A)],
        ),
        // A negated aim with the "not" after the "to" is still an aim.
        (
            "She wants the party to not get bogged down.",
            &[("bogged down", Y)],
        ),
        // A negated perfect infinitive reports what did not happen.
        (
            "He called it sad not to have made progress.",
            &[("progress", N)],
        ),
        // Modal adjectives of possibility and difficulty.
        (
            "It is almost impossible to gain traction there.",
            &[("traction", Y)],
        ),
        ("It is hard to make headway this year.", &[("headway", Y)]),
        // Hopes, wishes, demands and forecasts before the cue.
        (
            "Hopes of a breakthrough rose on Monday.",
            &[("breakthrough", Y)],
        ),
        (
            "The envoys went home in search of common ground.",
            &[("common ground", Y)],
        ),
        (
            "The charity issued appeals for progress.",
            &[("progress", Y)],
        ),
        ("The coalition is about to collapse.", &[("collapse", Y)]),
        (
            "Analysts predict a collapse of the truce.",
            &[("collapse", Y)],
        ),
        // ... and after it, on the cue's own outcome.
        ("A collapse of the truce looms.", &[("collapse", Y)]),
        ("The landmark accord is in doubt.", &[("landmark", Y)]),
        // Preparing the ground: what comes after is prospective.
        (
            "The accord sets the stage for a historic agreement.",
            &[("historic agreement", Y)],
        ),
        (
            "The vote paved the way for a breakthrough.",
            &[("breakthrough", Y)],
        ),
    ]);
}

#[test]
fn senses_that_are_not_outcome_claims_are_not_cues() {
    check(&[
        ("She spoke at the Center for Medical Progress.", &[]),
        ("The new constitution is a work in progress.", &[]),
        ("The poll was deadlocked at 47 percent.", &[]),
        ("A tunnel collapse trapped two miners.", &[]),
        ("He collapsed on the floor after the speech.", &[]),
        ("The framework agreement runs to forty pages.", &[]),
        ("She broke down in tears at the funeral.", &[]),
        ("The analyst broke down how the budget was spent.", &[]),
        ("The city passed a grim milestone of deaths.", &[]),
        ("The hotel is a local landmark.", &[]),
        ("A volunteer stepped forward to run the campaign.", &[]),
        // Issue 16c: a capitalised cue inside an ordinary sentence is a
        // name or a title.
        ("She is a fellow at the Center for Rural Progress.", &[]),
        ("His new novel, The Long Collapse, sold well.", &[]),
        ("The senator joined the Breakthrough Caucus last year.", &[]),
        // At the start of a sentence, after a colon or a quotation mark,
        // or in a title-case headline the capital says nothing.
        ("Progress was slow in the second round.", &[("Progress", A)]),
        ("He put it simply: Progress is slow.", &[("Progress", A)]),
        ("Talks Make Progress On Iran Deal", &[("Progress", A)]),
        // The same words as outcome claims still count.
        ("The talks collapsed on Tuesday.", &[("collapsed", A)]),
        (
            "The envoys reached a framework agreement.",
            &[("reached a framework agreement", A)],
        ),
    ]);
}

#[test]
fn one_cue_per_expression() {
    check(&[
        (
            "Officials reported positive progress.",
            &[("positive progress", A)],
        ),
        (
            "The talks made incremental progress.",
            &[("incremental progress", A)],
        ),
        ("The meeting was a positive step.", &[("positive step", A)]),
    ]);
}

#[test]
fn hedges_carry_their_subtype() {
    let analyzer = Analyzer::default();
    let cases = [
        ("Iran may accept the offer.", "may", Some("epistemic")),
        (
            "Officials believe a deal is near.",
            "believe",
            Some("doxastic"),
        ),
        (
            "A deal is expected to be signed.",
            "expected",
            Some("doxastic"),
        ),
        (
            "The offer reportedly includes relief.",
            "reportedly",
            Some("evidential"),
        ),
        ("The gap appears narrower.", "appears", Some("evidential")),
        (
            "Nearly all delegates stayed.",
            "Nearly",
            Some("approximator"),
        ),
    ];
    for (text, word, subtype) in cases {
        let records = framescope::tag_sentences(&analyzer, text);
        let cue = records
            .iter()
            .flat_map(|s| &s.cues)
            .find(|c| c.category == "hedge" && &text[c.start..c.end] == word)
            .unwrap_or_else(|| panic!("no hedge {word:?} in {text:?}"));
        assert_eq!(cue.subtype.as_deref(), subtype, "{text:?}");
    }
    // A category without subtypes gives none.
    let records = framescope::tag_sentences(&analyzer, "The talks made progress.");
    assert_eq!(records[0].cues[0].subtype, None);
}
