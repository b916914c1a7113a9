//! Table-driven cases for the actor rules of issue 17 (people by date,
//! titles, capitals by syntax, names inside other names, institutions and
//! parties, role nouns resolved within an article, mention kinds), through
//! the public API and the default lexicon. Every sentence here was written
//! for this project; the people named are the public record's
//! office-holders or invented ("Jane Roe", "Harold Pike").

use std::collections::BTreeSet;

use framescope::{Analyzer, Article, Date, LexiconBuilder, MentionKind, sentence_records};
use proptest::prelude::*;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

/// Actor ids of the *last* sentence of `text`, published on `date` ("-":
/// undated). Earlier sentences are the article's context.
fn last_sentence_actors(analyzer: &Analyzer, date: &str, text: &str) -> BTreeSet<String> {
    let analysis = analyzer.analyze_dated(text, Date::parse(date));
    sentence_records(analyzer.lexicon(), text, &analysis)
        .pop()
        .map(|s| s.actors.into_iter().collect())
        .unwrap_or_default()
}

/// Runs a table of (date, text, expected actors of the last sentence) and
/// fails listing every case that differs.
fn check(table: &[(&str, &str, &[&str])]) {
    let mut failures = Vec::new();
    for (date, text, expected) in table {
        let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
        let got = last_sentence_actors(analyzer(), date, text);
        if got != expected {
            failures.push(format!(
                "  [{date}] {text:?}\n    got {got:?}, expected {expected:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------
// People count while in office at the article's date.

#[test]
fn people_count_while_in_office_on_the_date() {
    check(&[
        // terms of office
        ("2016-06-01", "Trump promised a wall.", &[]),
        ("2018-06-01", "Trump promised a wall.", &["US"]),
        ("2022-06-01", "Trump promised a wall.", &[]),
        ("2025-06-01", "Trump promised a wall.", &["US"]),
        ("2015-06-01", "Biden spoke in Ohio.", &["US"]),
        ("2019-06-01", "Biden spoke in Ohio.", &[]),
        ("2022-06-01", "Biden spoke in Ohio.", &["US"]),
        // an inauguration day counts for both presidents
        ("2017-01-20", "Obama left Washington.", &["US"]),
        ("2017-01-20", "Trump took the oath.", &["US"]),
        ("2017-01-21", "Obama signed a pardon.", &[]),
        // another office on the date: a former secretary of state who is
        // the climate envoy
        (
            "2021-04-01",
            "John Kerry, a former secretary of state, flew to Delhi.",
            &["US"],
        ),
        (
            "2018-04-01",
            "John Kerry, a former secretary of state, flew to Delhi.",
            &[],
        ),
        // one alias, several people of one actor: either in office counts
        ("2019-03-01", "Sharif met the envoy.", &[]),
        ("2014-03-01", "Sharif met the envoy.", &["PAKISTAN"]),
        ("2023-03-01", "Sharif met the envoy.", &["PAKISTAN"]),
        // someone killed holds no office on the day the news is published
        ("2020-01-02", "Soleimani toured the front.", &["IRAN"]),
        ("2020-01-03", "A strike killed Soleimani.", &[]),
        // Iran's foreign ministers by date
        ("2015-07-14", "Zarif signed the text.", &["IRAN"]),
        ("2022-07-14", "Zarif wrote a memoir.", &[]),
        ("2025-05-01", "Araghchi flew to Muscat.", &["IRAN"]),
    ]);
}

#[test]
fn undated_text_counts_anyone_with_a_term_unless_it_says_otherwise() {
    check(&[
        ("-", "Obama spoke first.", &["US"]),
        ("-", "Former President Barack Obama spoke first.", &[]),
        ("-", "Then-Secretary of State John Kerry flew in.", &[]),
        ("-", "President-elect Donald Trump named a cabinet.", &[]),
        ("-", "The late Senator John McCain was remembered.", &[]),
        // a former adviser of someone: the marker is the adviser's
        ("-", "A former Trump adviser wrote a book.", &["US"]),
        // office-holders before 2000 count only with a date
        ("-", "Nixon resigned in disgrace.", &[]),
        ("1972-05-01", "Nixon flew to Moscow.", &["US"]),
    ]);
}

// ---------------------------------------------------------------------------
// Titles attach to people.

#[test]
fn titles_attach_to_the_names_after_them() {
    check(&[
        ("2019-05-01", "Sen. Harold Pike objected.", &["US"]),
        ("2019-05-01", "Rep. Jane Roe voted no.", &["US"]),
        ("2019-05-01", "Congresswoman Jane Roe voted no.", &["US"]),
        ("2019-05-01", "Former Rep. Jane Roe voted no.", &[]),
        ("2019-05-01", "State Sen. Harold Pike objected.", &[]),
        // the surname keeps its actor for the rest of the article
        (
            "2019-05-01",
            "Rep. Jane Roe spoke first. Roe then left the room.",
            &["US"],
        ),
        (
            "2019-05-01",
            "Jane Roe spoke first. Roe then left the room.",
            &[],
        ),
        // a known person after a title: the person decides
        ("2018-05-01", "President Trump spoke.", &["US"]),
        ("2018-05-01", "President Rouhani spoke.", &["IRAN"]),
        ("2019-05-01", "Former President Obama spoke.", &[]),
        // a title of every state with an unknown name: nobody's
        ("2019-05-01", "President Harold Pike spoke.", &[]),
        ("2019-05-01", "French President Harold Pike spoke.", &[]),
        // qualified titles
        ("2019-05-01", "Iran's foreign minister spoke.", &["IRAN"]),
        (
            "2019-05-01",
            "The Qatari emir hosted the talks.",
            &["QATAR"],
        ),
        (
            "2019-05-01",
            "Pakistan's army chief flew home.",
            &["PAKISTAN"],
        ),
        (
            "2019-05-01",
            "Iranian Foreign Minister Harold Pike spoke.",
            &["IRAN"],
        ),
        ("2019-05-01", "The president of Iran spoke.", &["IRAN"]),
        ("2019-05-01", "The Idaho congressman objected.", &["US"]),
        ("2019-05-01", "At least one senator objected.", &["US"]),
    ]);
}

// ---------------------------------------------------------------------------
// Capitals and seats by syntax.

#[test]
fn capitals_count_when_they_act_or_own_not_as_places() {
    check(&[
        // acting, speaking, owning, receiving
        ("-", "Tehran rejected the offer.", &["IRAN"]),
        ("-", "Washington's demands grew.", &["US"]),
        ("-", "Doha announced a new round.", &["QATAR"]),
        ("-", "Negotiations with Tehran resumed.", &["IRAN"]),
        ("-", "The strike was a warning to Tehran.", &["IRAN"]),
        ("-", "Pressure from Washington mounted.", &["US"]),
        ("-", "The regime in Tehran dug in.", &["IRAN"]),
        ("-", "Wariness grew among senators on the Hill.", &["US"]),
        // places: after a locative preposition
        ("-", "The talks in Doha went on.", &[]),
        ("-", "The envoy returned to Doha.", &[]),
        ("-", "A choir sang in a church in Jerusalem.", &[]),
        ("-", "The summit was held near Islamabad.", &[]),
        ("-", "Clinics opened across the capital Islamabad.", &[]),
        ("-", "Crowds filled the Iranian capital, Tehran.", &["IRAN"]),
        // "-based" compounds, places of named things and events
        ("-", "A Jerusalem-based reporter filed the story.", &[]),
        ("-", "The Doha talks stalled.", &[]),
        ("-", "A Washington think tank published a map.", &[]),
        ("-", "The Doha Forum opened.", &[]),
        ("-", "Tehran residents queued for fuel.", &[]),
        // datelines, bylines and the city
        ("-", "WASHINGTON (Wire) — The vote was close.", &[]),
        ("-", "Islamabad — The vote was close.", &[]),
        ("-", "By Jane Roe, Daily Wire, Washington", &[]),
        ("-", "They marched in Washington, D.C., on Sunday.", &[]),
        ("-", "The Washington, D.C.-based group met.", &[]),
        // the newspaper, not the Hill
        ("-", "A spokesman told The Hill.", &[]),
    ]);
}

// ---------------------------------------------------------------------------
// Names inside other names.

#[test]
fn country_words_inside_other_names_do_not_count() {
    check(&[
        // people named like a country
        (
            "2018-02-20",
            "Broward Sheriff Scott Israel defended his deputies.",
            &[],
        ),
        ("2018-02-20", "Sheriff Israel defended his deputies.", &[]),
        (
            "2012-02-20",
            "Rep. Steve Israel defended the bill.",
            &["US"],
        ),
        ("2019-02-20", "Steve Israel wrote a novel.", &[]),
        ("-", "Israel Hernandez won the race.", &[]),
        // organisations and publications
        ("-", "She was treated at Beth Israel Deaconess.", &[]),
        ("-", "The Israeli-American Council held a gala.", &[]),
        (
            "-",
            "The American Academy of Pediatrics issued advice.",
            &[],
        ),
        ("-", "The Iranian Students News Agency ran the story.", &[]),
        ("-", "The Federation for American Justice sued.", &[]),
        ("-", "The Washington Post ran the story.", &[]),
        // ethnic terms
        ("-", "Native American leaders met.", &[]),
        ("-", "She became the first African-American mayor.", &[]),
        ("-", "Arab-American groups protested.", &[]),
        // compounds that stay the country's
        ("-", "Anti-American protests spread.", &["US"]),
        (
            "-",
            "The Iranian-American community was anxious.",
            &["IRAN", "US"],
        ),
        ("-", "Pro-Israel groups lobbied.", &["ISRAEL"]),
        // counties and states of a country on their own
        ("-", "Washington County voted early.", &[]),
        ("-", "Israel's north was quiet.", &["ISRAEL"]),
    ]);
}

// ---------------------------------------------------------------------------
// Institutions and parties of the convention.

#[test]
fn institutions_and_parties_count() {
    check(&[
        ("-", "The Justice Department opened an inquiry.", &["US"]),
        ("-", "The CDC issued guidance.", &["US"]),
        ("-", "Federal authorities made arrests.", &["US"]),
        ("-", "A federal court blocked the order.", &["US"]),
        ("-", "The Army deployed a brigade.", &["US"]),
        ("-", "The Supreme Court heard the case.", &["US"]),
        ("-", "Democrats and Republicans traded blame.", &["US"]),
        ("-", "The GOP held its convention.", &["US"]),
        ("-", "Jane Roe (D-Wis.) objected.", &["US"]),
        ("-", "Likud won the most seats.", &["ISRAEL"]),
        ("-", "The Pakistan Muslim League won.", &["PAKISTAN"]),
        // shared names: the actor before it decides, or nobody
        ("-", "The Pakistan Army deployed a brigade.", &["PAKISTAN"]),
        ("-", "Pakistan's Senate passed the bill.", &["PAKISTAN"]),
        ("-", "The Royal Navy escorted the tanker.", &[]),
        ("-", "The Texas Senate passed the bill.", &[]),
        ("-", "The state Senate passed the bill.", &[]),
        ("-", "The Florida Supreme Court ruled.", &[]),
        ("-", "The Punjab government resigned.", &[]),
        ("-", "The Kentucky senator objected.", &["US"]),
        // look-alikes of parties
        ("-", "The Democratic Republic of Congo held a vote.", &[]),
        ("-", "Christian Democrats lost seats.", &[]),
        ("-", "He took vitamin D every day.", &[]),
    ]);
}

// ---------------------------------------------------------------------------
// Role nouns take the actor of the latest explicit mention of their office.

#[test]
fn bare_roles_take_the_latest_explicit_mention() {
    check(&[
        (
            "2018-05-01",
            "President Trump spoke first. The president then left.",
            &["US"],
        ),
        (
            "2018-05-01",
            "Trump spoke first. Later the administration denied it.",
            &["US"],
        ),
        (
            "2018-05-01",
            "Iran's president spoke. The president then left.",
            &["IRAN"],
        ),
        // the latest mention wins
        (
            "2018-05-01",
            "Trump spoke first. President Rouhani replied. The president then left.",
            &["IRAN"],
        ),
        (
            "2018-05-01",
            "President Harold Pike spoke. The president then left.",
            &[],
        ),
        // none without an explicit mention, and none for generic uses
        ("-", "The president then left.", &[]),
        (
            "2018-05-01",
            "Trump spoke first. Any president would have.",
            &[],
        ),
        (
            "2018-05-01",
            "Trump spoke first. She ran for president twice.",
            &[],
        ),
        // bodies
        (
            "-",
            "The Obama administration signed it. The administration denied it.",
            &["US"],
        ),
        ("-", "Iran's parliament met. Lawmakers voted no.", &["IRAN"]),
        ("-", "Congress met. Lawmakers voted no.", &["US"]),
        (
            "-",
            "The Supreme Court sat. The court ruled for him.",
            &["US"],
        ),
        (
            "-",
            "The Israeli military struck. The military denied it.",
            &["ISRAEL"],
        ),
        (
            "-",
            "The Iranian government fell. The government denied it.",
            &["IRAN"],
        ),
        // one state's own offices need no earlier mention
        ("-", "The secretary of state declined to comment.", &["US"]),
        // a body named after a president out of office is still the state
        (
            "2021-03-01",
            "The Obama administration signed the deal.",
            &["US"],
        ),
    ]);
}

#[test]
fn mentions_have_kinds() {
    let text = "Iranian officials said Tehran rejected it. The IRGC and Likud \
                objected, Trump said, and so did Sen. Harold Pike. The president left.";
    let analysis = analyzer().analyze_dated(text, Date::parse("2018-05-01"));
    let kinds: Vec<(String, MentionKind)> = analysis
        .actors
        .iter()
        .map(|m| (text[m.span.range()].to_string(), m.kind))
        .collect();
    let expected = [
        ("Iranian", MentionKind::Demonym),
        ("Tehran", MentionKind::Capital),
        ("IRGC", MentionKind::Institution),
        ("Likud", MentionKind::Party),
        ("Trump", MentionKind::Person),
        ("Sen. Harold Pike", MentionKind::Person),
        ("president", MentionKind::Role),
    ];
    let expected: Vec<(String, MentionKind)> =
        expected.iter().map(|(t, k)| (t.to_string(), *k)).collect();
    assert_eq!(kinds, expected);
    // The profile breaks each actor's mentions down by kind.
    let lexicon = analyzer().lexicon();
    let us = lexicon.actor_index("US").unwrap();
    let counts = analysis.profile.actors[us];
    assert_eq!(counts.mentions, 3);
    assert_eq!(
        (counts.by_kind.person, counts.by_kind.role),
        (2, 1),
        "{counts:?}"
    );
    assert_eq!(counts.by_kind.total(), counts.mentions);
}

// ---------------------------------------------------------------------------
// The lexicon: terms of office, offices and the domestic-politics switch.

#[test]
fn article_dates_reach_the_tagger() {
    let mut article = Article::new("a1", "Wire", "Obama signed the order.");
    let us = analyzer().lexicon().actor_index("US").unwrap();
    article.published = Some("2015-03-01".into());
    assert_eq!(analyzer().analyze(&article).profile.actors[us].mentions, 1);
    article.published = Some("2019-03-01T08:00:00Z".into());
    assert_eq!(analyzer().analyze(&article).profile.actors[us].mentions, 0);
    // An unreadable date is no date: the undated default.
    article.published = Some("sometime in March".into());
    assert_eq!(analyzer().analyze(&article).profile.actors[us].mentions, 1);
}

const RURITANIA: &str = r#"
[offices.regent]
implies = ["court_circle"]
terms = ["regent"]

[offices.court_circle]
body = true
terms = ["court circle"]

[offices.chamber]
body = true
shared = true
implies = ["deputy"]

[offices.deputy]
domestic = true
terms = ["deputies"]

[actors.RURITANIA]
names = ["Ruritania"]
demonyms = ["Ruritanian"]
places = ["Zenda"]
institutions = [{ term = "Diet", office = "chamber" }]
parties = ["Blue Party"]
people = [
  { name = "Rudolf Elphberg", aliases = ["Elphberg"], terms = [
      { office = "regent", from = 2001-05-01, until = "2004" },
      { office = "regent", from = "2010-03" },
  ] },
  { name = "Flavia Hentzau", aliases = ["Hentzau"], terms = [
      { office = "deputy", from = 2005-01-01 },
  ] },
]
"#;

fn ruritania(extra: &str) -> Analyzer {
    Analyzer::builder()
        .without_defaults()
        .lexicon_toml("ruritania.toml", RURITANIA)
        .lexicon_toml("extra.toml", extra)
        .build()
        .expect("valid test lexicon")
}

#[test]
fn terms_of_office_and_offices_come_from_the_lexicon() {
    let analyzer = ruritania("");
    let cases: &[(&str, &str, &[&str])] = &[
        ("2003-06-01", "Elphberg spoke.", &["RURITANIA"]),
        // "until" as a year is its last day, "from" as a month its first
        ("2004-12-31", "Elphberg spoke.", &["RURITANIA"]),
        ("2005-01-01", "Elphberg spoke.", &[]),
        ("2010-02-28", "Elphberg spoke.", &[]),
        ("2010-03-01", "Elphberg spoke.", &["RURITANIA"]),
        // a person's office is an explicit mention of it, and of what it
        // implies
        (
            "2011-01-01",
            "Elphberg spoke. The regent left.",
            &["RURITANIA"],
        ),
        (
            "2011-01-01",
            "Elphberg spoke. The court circle agreed.",
            &["RURITANIA"],
        ),
        ("2005-01-01", "Elphberg spoke. The regent left.", &[]),
        // an institution names its office
        ("-", "The Diet met. The deputies voted no.", &["RURITANIA"]),
        ("-", "The Blue Party won.", &["RURITANIA"]),
    ];
    for (date, text, expected) in cases {
        let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            last_sentence_actors(&analyzer, date, text),
            expected,
            "[{date}] {text}"
        );
    }
    let lexicon = analyzer.lexicon();
    let person = &lexicon.people()[0];
    assert_eq!(person.name, "Rudolf Elphberg");
    assert_eq!(person.terms.len(), 2);
    assert_eq!(person.terms[0].until, Date::new(2004, 12, 31));
    assert_eq!(person.terms[1].from, Date::new(2010, 3, 1));
    let regent = lexicon.office_index("regent").unwrap();
    assert_eq!(person.terms[0].office, Some(regent));
    assert!(lexicon.offices()[lexicon.office_index("chamber").unwrap().index()].shared);
    assert!(lexicon.offices()[lexicon.office_index("deputy").unwrap().index()].domestic);
}

#[test]
fn the_domestic_politics_switch_leaves_parties_and_legislators_out() {
    let on = ruritania("");
    let off = ruritania("[mentions]\ndomestic_politics = false\n");
    assert!(on.lexicon().domestic_politics());
    assert!(!off.lexicon().domestic_politics());
    assert_ne!(on.lexicon().version(), off.lexicon().version());
    let text =
        "The Blue Party won. Hentzau spoke. The Diet met. The deputies voted. Elphberg left.";
    let ids = |analyzer: &Analyzer| -> Vec<String> {
        let analysis = analyzer.analyze_dated(text, Date::parse("2012-01-01"));
        analysis
            .actors
            .iter()
            .map(|m| format!("{}:{}", &text[m.span.range()], m.kind.as_str()))
            .collect()
    };
    assert_eq!(
        ids(&on),
        [
            "Blue Party:party",
            "Hentzau:person",
            "Diet:institution",
            "deputies:role",
            "Elphberg:person"
        ]
    );
    // The chamber itself stays; its members and the party go.
    assert_eq!(ids(&off), ["Diet:institution", "Elphberg:person"]);
    // The default lexicon: parties and members of Congress go, Congress stays.
    let default_off = Analyzer::builder()
        .lexicon_toml("foreign.toml", "[mentions]\ndomestic_politics = false\n")
        .build()
        .unwrap();
    let text = "Republicans and Sen. Harold Pike objected. Congress met. Lawmakers left.";
    let records = sentence_records(
        default_off.lexicon(),
        text,
        &default_off.analyze_dated(text, Date::parse("2019-01-01")),
    );
    let actors: Vec<Vec<String>> = records.into_iter().map(|r| r.actors).collect();
    assert_eq!(actors, [vec![], vec!["US".to_string()], vec![]]);
}

#[test]
fn bad_terms_of_office_are_errors_with_their_line() {
    let cases: &[(&str, &str)] = &[
        (
            "[actors.X]\npeople = [{ name = \"A B\", terms = [{ from = \"2019-13-01\" }] }]\n",
            "invalid date",
        ),
        (
            "[actors.X]\npeople = [{ name = \"A B\", terms = [{ from = 2019-01-01, until = 2018-01-01 }] }]\n",
            "ends",
        ),
        (
            "[actors.X]\npeople = [{ name = \"A B\", terms = [{ office = \"king\" }] }]\n",
            "unknown office",
        ),
        ("[offices.x]\nactor = \"NOBODY\"\n", "unknown actor"),
        ("[offices.Bad]\nterms = [\"x\"]\n", "office names"),
        ("[mentions]\nundated_from = \"soon\"\n", "invalid date"),
    ];
    for (toml, message) in cases {
        let err = LexiconBuilder::empty()
            .add_toml("bad.toml", *toml)
            .build()
            .expect_err(toml);
        let text = err.to_string();
        assert!(text.contains("bad.toml:"), "{text}");
        assert!(text.contains(message), "{toml}: {text}");
    }
}

#[test]
fn the_default_people_have_sound_terms() {
    let lexicon = framescope::Lexicon::default();
    assert!(lexicon.people().len() > 300, "{}", lexicon.people().len());
    for person in lexicon.people() {
        assert!(!person.terms.is_empty(), "{} has no term", person.name);
        for term in &person.terms {
            if let (Some(from), Some(until)) = (term.from, term.until) {
                assert!(from <= until, "{}: {from} > {until}", person.name);
            }
            assert!(
                term.from.is_some(),
                "{} has a term with no start",
                person.name
            );
        }
    }
    // Every actor has people for the years since 2000.
    for actor in lexicon.actor_indices() {
        let people = lexicon.people().iter().filter(|p| p.actor == actor).count();
        assert!(people >= 15, "{}: {people}", lexicon.actor_id(actor));
    }
}

// ---------------------------------------------------------------------------
// Properties.

fn text_strategy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "the",
        "president",
        "Trump",
        "Obama",
        "Iran",
        "Tehran",
        "in",
        "to",
        "Doha",
        "said",
        "Sen.",
        "Jane",
        "Roe",
        "Israel",
        "Steve",
        "Sheriff",
        "-based",
        "Washington",
        ",",
        ".",
        "administration",
        "former",
        "lawmakers",
        "Congress",
        "American",
        "African-American",
        "Republicans",
        "(D-Wis.)",
        "Army",
        "Pakistan",
        "'s",
        "of",
        "a",
        "court",
        "Supreme",
        "Court",
        "White",
        "House",
        "the Hill",
        "WASHINGTON",
        "—",
        "Beth",
        "Academy",
    ]);
    prop::collection::vec(words, 0..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every mention lies inside its sentence, in text order, and the kind
    /// counts of each actor sum to its mentions.
    #[test]
    fn mentions_are_inside_their_sentences_and_kinds_add_up(
        text in text_strategy(),
        year in 1995u16..2030,
    ) {
        let date = Date::new(year, 6, 1);
        let analysis = analyzer().analyze_dated(&text, date);
        let mut last = 0;
        for m in &analysis.actors {
            let sentence = analysis.sentences[m.sentence];
            prop_assert!(sentence.start <= m.span.start && m.span.end <= sentence.end);
            prop_assert!(m.span.start >= last);
            last = m.span.start;
        }
        for counts in &analysis.profile.actors {
            prop_assert_eq!(counts.by_kind.total(), counts.mentions);
        }
    }

    /// The date only decides about people: a text that names nobody of the
    /// lexicon's people tags the same on any date.
    #[test]
    fn the_date_only_decides_about_people(
        words in prop::collection::vec(prop::sample::select(vec![
            "Iran", "Tehran", "in", "to", "Doha", "said", "Congress", "the",
            "president", "administration", "Army", "American", ",", ".",
        ]), 0..40),
        a in 1990u16..2030,
        b in 1990u16..2030,
    ) {
        let text = words.join(" ");
        let one = analyzer().analyze_dated(&text, Date::new(a, 1, 1));
        let two = analyzer().analyze_dated(&text, Date::new(b, 12, 31));
        prop_assert_eq!(one.actors, two.actors);
    }
}

/// The README's example of adding a person with terms of office, as
/// written there.
#[test]
fn the_readme_example_of_a_person_with_terms_works() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("[offices.grand_vizier]")
        .expect("the README has the example");
    let end = start + readme[start..].find("```").expect("the example ends");
    let analyzer = Analyzer::builder()
        .lexicon_toml("readme.toml", &readme[start..end])
        .build()
        .expect("the README's example is a valid lexicon");
    check_with(
        &analyzer,
        &[
            ("2010-05-01", "Roe flew to Vienna.", &["IRAN"]),
            ("2014-05-01", "Roe flew to Vienna.", &[]),
            ("2017-05-01", "Roe spoke. The grand vizier left.", &["IRAN"]),
            ("2017-05-01", "The grand vizier left.", &[]),
        ],
    );
}

fn check_with(analyzer: &Analyzer, table: &[(&str, &str, &[&str])]) {
    for (date, text, expected) in table {
        let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            last_sentence_actors(analyzer, date, text),
            expected,
            "[{date}] {text}"
        );
    }
}
