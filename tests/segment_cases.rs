//! Table-driven and property tests for `framescope::segment`.

use framescope::Span;
use framescope::sentences;
use proptest::prelude::*;

/// `(name, text, expected sentences)`.
type Case = (&'static str, &'static str, &'static [&'static str]);

const CASES: &[Case] = &[
    (
        "attribution_name",
        "“Who pays for this?” Karimi asked. The room fell silent.",
        &[
            "“Who pays for this?” Karimi asked.",
            "The room fell silent.",
        ],
    ),
    (
        "attribution_title_name",
        "“Not yet!” Gen. Malik replied, smiling.",
        &["“Not yet!” Gen. Malik replied, smiling."],
    ),
    (
        "attribution_new_quote",
        "Reporters asked, “Is it over?” Malik replied, “Not yet.”",
        &[
            "Reporters asked, “Is it over?”",
            "Malik replied, “Not yet.”",
        ],
    ),
    (
        "missing_space_capitalised_left",
        "The talks ended in Doha.Delegates flew home.",
        &["The talks ended in Doha.", "Delegates flew home."],
    ),
    (
        "missing_space_after_quote",
        "He called it “a farce.”The envoy disagreed.",
        &["He called it “a farce.”", "The envoy disagreed."],
    ),
    (
        "missing_space_before_quote",
        "Talks ended.“We will return,” she said.",
        &["Talks ended.", "“We will return,” she said."],
    ),
    (
        "domain_suffix_capital",
        "Details are on Talks.Org for now.",
        &["Details are on Talks.Org for now."],
    ),
    (
        "units_before_digit",
        "The wall is 6 ft. 4 in. high.",
        &["The wall is 6 ft. 4 in. high."],
    ),
    (
        "fort_worth",
        "She flew from Ft. Worth to Doha.",
        &["She flew from Ft. Worth to Doha."],
    ),
    (
        "state_dateline_dash",
        "RICHMOND, Va. — The governor signed the bill.",
        &["RICHMOND, Va. — The governor signed the bill."],
    ),
    // --- plain terminators -------------------------------------------------
    (
        "single",
        "Talks resumed in Doha.",
        &["Talks resumed in Doha."],
    ),
    (
        "two",
        "Talks resumed in Doha. Both sides attended.",
        &["Talks resumed in Doha.", "Both sides attended."],
    ),
    (
        "question",
        "Will Iran agree? Nobody knows.",
        &["Will Iran agree?", "Nobody knows."],
    ),
    (
        "exclaim",
        "Deal reached! Markets rallied.",
        &["Deal reached!", "Markets rallied."],
    ),
    (
        "qe_run",
        "A deal at last?! Few believed it.",
        &["A deal at last?!", "Few believed it."],
    ),
    (
        "double_bang",
        "Stop the strikes!! Residents pleaded.",
        &["Stop the strikes!!", "Residents pleaded."],
    ),
    (
        "no_final_punct",
        "Talks resumed. Delegates arrived late",
        &["Talks resumed.", "Delegates arrived late"],
    ),
    ("empty", "", &[]),
    ("only_space", " \n\t\u{a0} ", &[]),
    (
        "leading_trailing_ws",
        "  \u{a0}Talks ended.\r\n ",
        &["Talks ended."],
    ),
    (
        "multiple_spaces",
        "Talks ended.    A recess followed.",
        &["Talks ended.", "A recess followed."],
    ),
    (
        "nbsp_between",
        "Talks ended.\u{a0}A recess followed.",
        &["Talks ended.", "A recess followed."],
    ),
    (
        "tab_between",
        "Talks ended.\tA recess followed.",
        &["Talks ended.", "A recess followed."],
    ),
    // --- titles --------------------------------------------------------------
    (
        "mr",
        "Mr. Araghchi met Mr. Witkoff on Sunday.",
        &["Mr. Araghchi met Mr. Witkoff on Sunday."],
    ),
    (
        "dr_ms",
        "Dr. Leila Haddad and Ms. Noor spoke first. The panel followed.",
        &[
            "Dr. Leila Haddad and Ms. Noor spoke first.",
            "The panel followed.",
        ],
    ),
    (
        "sen_rep",
        "Sen. Dana Hale and Rep. Omar Vance asked for a briefing.",
        &["Sen. Dana Hale and Rep. Omar Vance asked for a briefing."],
    ),
    (
        "gov_gen",
        "Gov. Ruth Lane thanked Gen. Idris Malik for the update.",
        &["Gov. Ruth Lane thanked Gen. Idris Malik for the update."],
    ),
    (
        "military_ranks",
        "Lt. Col. Amir Shah, Sgt. Maj. Tom Reyes and Capt. Jo Wu attended.",
        &["Lt. Col. Amir Shah, Sgt. Maj. Tom Reyes and Capt. Jo Wu attended."],
    ),
    (
        "adm_prof_rev",
        "Adm. Kai Brandt, Prof. Hana Ito and the Rev. Paul Osei signed.",
        &["Adm. Kai Brandt, Prof. Hana Ito and the Rev. Paul Osei signed."],
    ),
    (
        "pres_amb",
        "Pres. Marla Quinn named Amb. Tariq Aziz as envoy.",
        &["Pres. Marla Quinn named Amb. Tariq Aziz as envoy."],
    ),
    (
        "title_then_starter_is_name",
        "The letter was signed by Sen. The Honorable Lee.",
        &["The letter was signed by Sen. The Honorable Lee."],
    ),
    (
        "mrs_end_next",
        "Mrs. Karimi declined. She left early.",
        &["Mrs. Karimi declined.", "She left early."],
    ),
    (
        "jr_end",
        "The speech quoted Martin Luther King Jr. He was cited twice.",
        &[
            "The speech quoted Martin Luther King Jr.",
            "He was cited twice.",
        ],
    ),
    (
        "jr_mid",
        "Samuel Otis Jr. said the vote would wait.",
        &["Samuel Otis Jr. said the vote would wait."],
    ),
    (
        "st_saint",
        "The envoy flew to St. Petersburg on Monday.",
        &["The envoy flew to St. Petersburg on Monday."],
    ),
    (
        "st_street_mid",
        "Protesters gathered on 5th St. in the capital.",
        &["Protesters gathered on 5th St. in the capital."],
    ),
    (
        "st_street_end",
        "The embassy is on Elm St. The street was closed.",
        &["The embassy is on Elm St.", "The street was closed."],
    ),
    // --- country and organisation initialisms --------------------------------
    (
        "us_mid_lower",
        "The U.S. delegation arrived late.",
        &["The U.S. delegation arrived late."],
    ),
    (
        "us_mid_title",
        "U.S. President Ellis called the emir.",
        &["U.S. President Ellis called the emir."],
    ),
    (
        "us_treasury",
        "Sanctions by the U.S. Treasury took effect.",
        &["Sanctions by the U.S. Treasury took effect."],
    ),
    (
        "us_end_the",
        "The envoy flew back to the U.S. The next round opens Monday.",
        &[
            "The envoy flew back to the U.S.",
            "The next round opens Monday.",
        ],
    ),
    (
        "us_end_he",
        "He studied in the U.S. He later joined the ministry.",
        &["He studied in the U.S.", "He later joined the ministry."],
    ),
    (
        "us_end_but",
        "Iran blamed the U.S. But Qatar urged calm.",
        &["Iran blamed the U.S.", "But Qatar urged calm."],
    ),
    (
        "us_end_quote",
        "Tehran blamed the U.S. “We will respond,” an aide said.",
        &["Tehran blamed the U.S.", "“We will respond,” an aide said."],
    ),
    (
        "us_end_text",
        "Iran blamed the U.S.",
        &["Iran blamed the U.S."],
    ),
    (
        "uk_un_eu",
        "The U.K., the U.N. and the E.U. welcomed the step.",
        &["The U.K., the U.N. and the E.U. welcomed the step."],
    ),
    (
        "un_security_council",
        "The U.N. Security Council met. It issued no statement.",
        &["The U.N. Security Council met.", "It issued no statement."],
    ),
    (
        "eu_end_officials",
        "The plan was backed by the E.U. Officials in Brussels were cautious.",
        &[
            "The plan was backed by the E.U.",
            "Officials in Brussels were cautious.",
        ],
    ),
    (
        "us_hyphen",
        "The U.S.-Iran channel stayed open.",
        &["The U.S.-Iran channel stayed open."],
    ),
    (
        "us_possessive",
        "The U.S.'s position hardened.",
        &["The U.S.'s position hardened."],
    ),
    (
        "us_comma",
        "In the U.S., reaction was muted.",
        &["In the U.S., reaction was muted."],
    ),
    (
        "pm_prime_minister",
        "The P.M. said nothing. Aides were silent.",
        &["The P.M. said nothing.", "Aides were silent."],
    ),
    // --- months, numbers ----------------------------------------------------------
    (
        "month_day",
        "The round began Jan. 12 and ended Feb. 3 in Doha.",
        &["The round began Jan. 12 and ended Feb. 3 in Doha."],
    ),
    (
        "sept_oct",
        "Deadlines fall on Sept. 30 and Oct. 15, officials said.",
        &["Deadlines fall on Sept. 30 and Oct. 15, officials said."],
    ),
    (
        "month_end",
        "The draft dates from Dec. The new text is shorter.",
        &["The draft dates from Dec.", "The new text is shorter."],
    ),
    (
        "no_number",
        "He is the No. 2 official in the ministry.",
        &["He is the No. 2 official in the ministry."],
    ),
    (
        "nos",
        "See Nos. 4 and 5 of the annex.",
        &["See Nos. 4 and 5 of the annex."],
    ),
    (
        "no_as_answer",
        "The answer was No. The talks went on.",
        &["The answer was No.", "The talks went on."],
    ),
    (
        "decimal",
        "Oil rose 3.5 percent on Monday.",
        &["Oil rose 3.5 percent on Monday."],
    ),
    (
        "money",
        "Qatar pledged $1.2 billion. Pakistan offered troops.",
        &["Qatar pledged $1.2 billion.", "Pakistan offered troops."],
    ),
    (
        "percent_digit_start",
        "Turnout rose 3%. 40 people were detained.",
        &["Turnout rose 3%.", "40 people were detained."],
    ),
    (
        "time_colon",
        "The meeting began at 10:30. It ran late.",
        &["The meeting began at 10:30.", "It ran late."],
    ),
    (
        "version",
        "The draft v2.1.3 was circulated. Nobody objected.",
        &["The draft v2.1.3 was circulated.", "Nobody objected."],
    ),
    (
        "year_end",
        "The deal collapsed in 2018. Talks resumed in 2025.",
        &["The deal collapsed in 2018.", "Talks resumed in 2025."],
    ),
    (
        "ordinal_number_start",
        "Casualties were rising. 12 soldiers were hurt.",
        &["Casualties were rising.", "12 soldiers were hurt."],
    ),
    // --- a.m. / p.m. -------------------------------------------------------------
    (
        "am_day",
        "Delegates met at 9 a.m. Tuesday in Doha.",
        &["Delegates met at 9 a.m. Tuesday in Doha."],
    ),
    (
        "pm_end_reporters",
        "The session ended at 5 p.m. Reporters waited outside.",
        &["The session ended at 5 p.m.", "Reporters waited outside."],
    ),
    (
        "pm_end_the",
        "Talks ended at 11 p.m. The delegates left.",
        &["Talks ended at 11 p.m.", "The delegates left."],
    ),
    (
        "pm_lower",
        "At 6 p.m. local time the doors closed.",
        &["At 6 p.m. local time the doors closed."],
    ),
    (
        "pm_timezone",
        "The call started at 8 a.m. ET and lasted an hour.",
        &["The call started at 8 a.m. ET and lasted an hour."],
    ),
    (
        "pm_city_time",
        "Voting closes at 7 p.m. Doha time on Friday.",
        &["Voting closes at 7 p.m. Doha time on Friday."],
    ),
    (
        "am_at_end",
        "The convoy left at 4 a.m.",
        &["The convoy left at 4 a.m."],
    ),
    // --- companies ---------------------------------------------------------------
    (
        "inc_end",
        "The cargo was insured by Gulf Logistics Inc. The firm declined to comment.",
        &[
            "The cargo was insured by Gulf Logistics Inc.",
            "The firm declined to comment.",
        ],
    ),
    (
        "inc_mid_lower",
        "Gulf Logistics Inc. shares fell 4 percent.",
        &["Gulf Logistics Inc. shares fell 4 percent."],
    ),
    (
        "corp_title",
        "Harbor Energy Corp. Chief Executive Nadia Farah spoke.",
        &["Harbor Energy Corp. Chief Executive Nadia Farah spoke."],
    ),
    (
        "co_ltd",
        "Doha Shipping Co. Ltd. signed the deal. Insurers followed.",
        &[
            "Doha Shipping Co. Ltd. signed the deal.",
            "Insurers followed.",
        ],
    ),
    (
        "corp_end_name",
        "The tanker belongs to Meridian Corp. Analysts expect delays.",
        &[
            "The tanker belongs to Meridian Corp.",
            "Analysts expect delays.",
        ],
    ),
    // --- lower-case abbreviations ---------------------------------------------
    (
        "eg_ie",
        "Some issues, e.g. enrichment, remain; others, i.e. sanctions, do not.",
        &["Some issues, e.g. enrichment, remain; others, i.e. sanctions, do not."],
    ),
    (
        "eg_capital",
        "Several capitals, e.g. Doha and Muscat, offered help.",
        &["Several capitals, e.g. Doha and Muscat, offered help."],
    ),
    (
        "etc_mid",
        "Oil, gas, etc. were discussed.",
        &["Oil, gas, etc. were discussed."],
    ),
    (
        "etc_end",
        "They covered oil, gas, shipping, etc. Then they broke for lunch.",
        &[
            "They covered oil, gas, shipping, etc.",
            "Then they broke for lunch.",
        ],
    ),
    (
        "vs",
        "It is Iran vs. Israel in the court of opinion.",
        &["It is Iran vs. Israel in the court of opinion."],
    ),
    (
        "approx",
        "The delegation numbered approx. 40 people.",
        &["The delegation numbered approx. 40 people."],
    ),
    (
        "et_al",
        "The study by Rahimi et al. found gaps. Its authors disagreed.",
        &[
            "The study by Rahimi et al. found gaps.",
            "Its authors disagreed.",
        ],
    ),
    // --- states ------------------------------------------------------------------
    (
        "state_mid_comma",
        "The senator from Austin, Tex., spoke first.",
        &["The senator from Austin, Tex., spoke first."],
    ),
    (
        "state_end",
        "She grew up in Fresno, Calif. Her parents were refugees.",
        &[
            "She grew up in Fresno, Calif.",
            "Her parents were refugees.",
        ],
    ),
    (
        "state_end_name",
        "The hearing took place in Richmond, Va. Lawmakers later adjourned.",
        &[
            "The hearing took place in Richmond, Va.",
            "Lawmakers later adjourned.",
        ],
    ),
    (
        "dc_end",
        "The envoy returned to Washington, D.C. She briefed the president.",
        &[
            "The envoy returned to Washington, D.C.",
            "She briefed the president.",
        ],
    ),
    (
        "ny_mid",
        "The N.Y. office will reopen next week.",
        &["The N.Y. office will reopen next week."],
    ),
    (
        "dateline_state",
        "TAMPA, Fla. — The admiral spoke to reporters.",
        &["TAMPA, Fla. — The admiral spoke to reporters."],
    ),
    (
        "party_state",
        "Rep. Ann Cole (R-Tex.) objected. The vote went ahead.",
        &["Rep. Ann Cole (R-Tex.) objected.", "The vote went ahead."],
    ),
    // --- initials --------------------------------------------------------------------
    (
        "middle_initial",
        "George W. Bush visited Qatar in 2008.",
        &["George W. Bush visited Qatar in 2008."],
    ),
    (
        "spaced_initials",
        "J. R. R. Tolkien was not on the agenda.",
        &["J. R. R. Tolkien was not on the agenda."],
    ),
    (
        "dotted_initials",
        "A.B. Farouk chaired the Pakistani team.",
        &["A.B. Farouk chaired the Pakistani team."],
    ),
    (
        "initial_then_starter",
        "The plan was called Plan B. The ministry denied it.",
        &["The plan was called Plan B.", "The ministry denied it."],
    ),
    (
        "phd",
        "She holds a Ph.D. in law from a Qatari university.",
        &["She holds a Ph.D. in law from a Qatari university."],
    ),
    // --- ellipses ------------------------------------------------------------------------
    (
        "ellipsis_mid",
        "We are close... but not there yet.",
        &["We are close... but not there yet."],
    ),
    (
        "ellipsis_end",
        "We are close... The rest is politics.",
        &["We are close...", "The rest is politics."],
    ),
    (
        "unicode_ellipsis_mid",
        "The deal is near… maybe.",
        &["The deal is near… maybe."],
    ),
    (
        "unicode_ellipsis_end",
        "The deal is near… Officials disagree.",
        &["The deal is near…", "Officials disagree."],
    ),
    (
        "spaced_ellipsis",
        "He paused . . . and then he resumed.",
        &["He paused . . . and then he resumed."],
    ),
    (
        "four_dots",
        "He trailed off.... The room was silent.",
        &["He trailed off....", "The room was silent."],
    ),
    (
        "ellipsis_quote",
        "“We will see…” The envoy smiled.",
        &["“We will see…”", "The envoy smiled."],
    ),
    // --- quotes and brackets ----------------------------------------------------------
    (
        "quote_ends_sentence",
        "“We are close.” The envoy left.",
        &["“We are close.”", "The envoy left."],
    ),
    (
        "quote_question_continues",
        "“Is this realistic?” he asked.",
        &["“Is this realistic?” he asked."],
    ),
    (
        "quote_exclaim_continues",
        "“Enough!” shouted a protester outside.",
        &["“Enough!” shouted a protester outside."],
    ),
    (
        "quote_question_name_said",
        "“Who benefits?” Karimi asked. Nobody answered.",
        &["“Who benefits?” Karimi asked.", "Nobody answered."],
    ),
    (
        "straight_quote_end",
        "He said \"we are ready.\" The room clapped.",
        &["He said \"we are ready.\"", "The room clapped."],
    ),
    (
        "single_quotes",
        "The aide called it 'a step forward.' Others were skeptical.",
        &[
            "The aide called it 'a step forward.'",
            "Others were skeptical.",
        ],
    ),
    (
        "nested_quotes",
        "“She told me, ‘It is over.’” He shrugged.",
        &["“She told me, ‘It is over.’”", "He shrugged."],
    ),
    (
        "nested_quotes_spaced",
        "“She told me, ‘It is over.’ ” He shrugged.",
        &["“She told me, ‘It is over.’ ”", "He shrugged."],
    ),
    (
        "quote_comma_mid",
        "“We are close,” the envoy said. “Very close.”",
        &["“We are close,” the envoy said.", "“Very close.”"],
    ),
    (
        "paren_sentence",
        "Talks stalled. (The ministry declined to comment.) Officials left.",
        &[
            "Talks stalled.",
            "(The ministry declined to comment.)",
            "Officials left.",
        ],
    ),
    (
        "paren_mid",
        "The envoy (who arrived Monday) met the emir. He left.",
        &["The envoy (who arrived Monday) met the emir.", "He left."],
    ),
    (
        "bracket_end",
        "The text was leaked [in full.] It ran to 40 pages.",
        &["The text was leaked [in full.]", "It ran to 40 pages."],
    ),
    (
        "guillemets",
        "« Nous sommes prêts. » Le ministre est parti.",
        &["« Nous sommes prêts. »", "Le ministre est parti."],
    ),
    (
        "quote_after_period_british",
        "He called it a “breakthrough”. Others did not.",
        &["He called it a “breakthrough”.", "Others did not."],
    ),
    (
        "open_quote_next",
        "Talks stalled. “We need time,” she said.",
        &["Talks stalled.", "“We need time,” she said."],
    ),
    // --- URLs, e-mail, domains ---------------------------------------------------------
    (
        "url",
        "Read it at https://example.org/a.b?c=d now. It is long.",
        &["Read it at https://example.org/a.b?c=d now.", "It is long."],
    ),
    (
        "url_end",
        "The text is at https://example.org/doc.html. Read it.",
        &["The text is at https://example.org/doc.html.", "Read it."],
    ),
    (
        "email",
        "Write to press@example.org for details. Replies are slow.",
        &[
            "Write to press@example.org for details.",
            "Replies are slow.",
        ],
    ),
    (
        "domain",
        "The story ran on Reuters.com and www.example.co.uk yesterday.",
        &["The story ran on Reuters.com and www.example.co.uk yesterday."],
    ),
    (
        "url_capital_path",
        "See https://example.org/News.Today for more.",
        &["See https://example.org/News.Today for more."],
    ),
    // --- missing space, lower-case starts, other scripts ---------------------------------
    (
        "missing_space",
        "The session ended.Reporters rushed out.",
        &["The session ended.", "Reporters rushed out."],
    ),
    (
        "missing_space_short_left",
        "He met A.Khan and left.",
        &["He met A.Khan and left."],
    ),
    (
        "iphone",
        "iPhone sales rose. iPhone makers cheered.",
        &["iPhone sales rose.", "iPhone makers cheered."],
    ),
    (
        "lowercase_after_period",
        "He cited the figure of 5 p.m. and left.",
        &["He cited the figure of 5 p.m. and left."],
    ),
    (
        "cjk",
        "会谈在多哈举行。双方都出席了。",
        &["会谈在多哈举行。", "双方都出席了。"],
    ),
    ("cjk_fullwidth_q", "真的吗？是的！", &["真的吗？", "是的！"]),
    (
        "arabic_q",
        "هل انتهت المحادثات؟ لا.",
        &["هل انتهت المحادثات؟", "لا."],
    ),
    (
        "devanagari",
        "वार्ता समाप्त हुई। दल लौट गए।",
        &["वार्ता समाप्त हुई।", "दल लौट गए।"],
    ),
    (
        "interrobang",
        "Another delay‽ Unbelievable⁉ Yes.",
        &["Another delay‽", "Unbelievable⁉", "Yes."],
    ),
    // --- line structure ---------------------------------------------------------------
    (
        "dateline_ap",
        "DOHA, Qatar (AP) — The talks resumed on Tuesday. Both sides attended.",
        &[
            "DOHA, Qatar (AP) — The talks resumed on Tuesday.",
            "Both sides attended.",
        ],
    ),
    (
        "headline_then_body",
        "Iran and US resume talks in Doha\nThe delegations met for five hours.",
        &[
            "Iran and US resume talks in Doha",
            "The delegations met for five hours.",
        ],
    ),
    (
        "allcaps_headline",
        "TALKS RESUME IN DOHA\nofficials say progress was slow.",
        &["TALKS RESUME IN DOHA", "officials say progress was slow."],
    ),
    (
        "hard_wrap_lower",
        "The delegations met for five\nhours on Tuesday and agreed\nto meet again.",
        &["The delegations met for five\nhours on Tuesday and agreed\nto meet again."],
    ),
    (
        "hard_wrap_function_word",
        "Mediators from Pakistan and the\nUnited Nations joined the talks.",
        &["Mediators from Pakistan and the\nUnited Nations joined the talks."],
    ),
    (
        "hard_wrap_comma",
        "The envoy, who arrived late,\nWas greeted by the emir.",
        &["The envoy, who arrived late,\nWas greeted by the emir."],
    ),
    (
        "blank_line",
        "First paragraph without a stop\n\nSecond paragraph.",
        &["First paragraph without a stop", "Second paragraph."],
    ),
    (
        "blank_line_spaces_cr",
        "Para one\r\n \r\nPara two",
        &["Para one", "Para two"],
    ),
    (
        "blank_line_after_title",
        "He thanked Mr.\n\nSmith arrived.",
        &["He thanked Mr.", "Smith arrived."],
    ),
    (
        "crlf_sentences",
        "Talks ended.\r\nThe envoy left.\r\n",
        &["Talks ended.", "The envoy left."],
    ),
    (
        "byline",
        "By Jane Doe and Omar Said\nDOHA, Qatar — Talks resumed.",
        &["By Jane Doe and Omar Said", "DOHA, Qatar — Talks resumed."],
    ),
    (
        "numbered_list",
        "Key points:\n1. Enrichment limits\n2. Sanctions relief\n3. Inspections",
        &[
            "Key points:",
            "1. Enrichment limits",
            "2. Sanctions relief",
            "3. Inspections",
        ],
    ),
    (
        "numbered_list_stops",
        "1. Iran will cap enrichment.\n2. The U.S. will ease sanctions.",
        &[
            "1. Iran will cap enrichment.",
            "2. The U.S. will ease sanctions.",
        ],
    ),
    (
        "paren_numbered",
        "The demands:\n1) a ceasefire\n2) prisoner swaps",
        &["The demands:", "1) a ceasefire", "2) prisoner swaps"],
    ),
    (
        "bullets",
        "Highlights\n- Qatar hosts\n• Pakistan mediates\n* Israel watches",
        &[
            "Highlights",
            "- Qatar hosts",
            "• Pakistan mediates",
            "* Israel watches",
        ],
    ),
    (
        "list_marker_alone",
        "1. The first point is enrichment.",
        &["1. The first point is enrichment."],
    ),
    (
        "letter_list",
        "a. Sanctions relief\nb. Inspections",
        &["a. Sanctions relief", "b. Inspections"],
    ),
    (
        "line_separator",
        "Talks ended\u{2029}The envoy left",
        &["Talks ended", "The envoy left"],
    ),
    (
        "newline_after_period_lower",
        "He called it a step.\nnot everyone agreed.",
        &["He called it a step.\nnot everyone agreed."],
    ),
    (
        "photo_caption",
        "Photo: Reuters\nThe envoy arrives in Doha.",
        &["Photo: Reuters", "The envoy arrives in Doha."],
    ),
    // --- issue 19: inline lists (S9) ---------------------------------------------
    (
        "s9_numbered_demands_paren",
        "Tehran's demands 1) an end to strikes 2) frozen funds released 3) guarantees",
        &[
            "Tehran's demands 1) an end to strikes",
            "2) frozen funds released",
            "3) guarantees",
        ],
    ),
    (
        "s9_numbered_dot_paren",
        "1.) Sanctions relief first 2.) Inspections after",
        &["1.) Sanctions relief first", "2.) Inspections after"],
    ),
    (
        "s9_numbered_dot_paren_stops",
        "1.) Sanctions relief comes first. 2.) Inspections follow.",
        &[
            "1.) Sanctions relief comes first.",
            "2.) Inspections follow.",
        ],
    ),
    (
        "s9_numbered_paren_stops",
        "1) Sanctions relief comes first. 2) Inspections follow.",
        &["1) Sanctions relief comes first.", "2) Inspections follow."],
    ),
    (
        "s9_numbered_dot",
        "1. Sanctions relief first 2. Inspections after 3. A signing in Doha",
        &[
            "1. Sanctions relief first",
            "2. Inspections after",
            "3. A signing in Doha",
        ],
    ),
    (
        "s9_numbered_dot_stops",
        "1. Sanctions relief comes first. 2. Inspections follow.",
        &["1. Sanctions relief comes first.", "2. Inspections follow."],
    ),
    (
        "s9_after_colon",
        "The demands: 1) a ceasefire 2) a prisoner swap",
        &["The demands:", "1) a ceasefire", "2) a prisoner swap"],
    ),
    (
        "s9_letters",
        "a. enrichment caps b. sanctions relief c. inspections",
        &[
            "a. enrichment caps",
            "b. sanctions relief",
            "c. inspections",
        ],
    ),
    (
        "s9_bullet_numbers",
        "• 7. Qatar hosts • 8. Pakistan mediates",
        &["• 7. Qatar hosts", "• 8. Pakistan mediates"],
    ),
    (
        "s9_hyphen_bullet_numbers",
        "⁃7. Qatar hosts ⁃8. Pakistan mediates",
        &["⁃7. Qatar hosts", "⁃8. Pakistan mediates"],
    ),
    (
        "s9_key_points_bullets",
        "What we know • Talks lasted six hours • A second round is planned",
        &[
            "What we know",
            "• Talks lasted six hours",
            "• A second round is planned",
        ],
    ),
    (
        "s9_number_then_count_is_prose",
        "The tally was 3. 4 envoys stayed home.",
        &["The tally was 3.", "4 envoys stayed home."],
    ),
    (
        "s9_out_of_sequence_is_prose",
        "1) Talks resumed after 5) were settled in May.",
        &["1) Talks resumed after 5) were settled in May."],
    ),
    (
        "s9_paren_aside_is_prose",
        "The vote (held on day 2) passed easily.",
        &["The vote (held on day 2) passed easily."],
    ),
    (
        "s9_middle_dot_is_prose",
        "Doha · Jan. 5 — Talks resumed.",
        &["Doha · Jan. 5 — Talks resumed."],
    ),
    (
        "s9_key_points_lines",
        "Key points\n• Iran agreed to a second round\n• Qatar will host it",
        &[
            "Key points",
            "• Iran agreed to a second round",
            "• Qatar will host it",
        ],
    ),
    // --- issue 19: lines as items (S10), headings, deks, bylines ---------------------------
    (
        "s10_lower_lines",
        "agenda\nsanctions relief\nprisoners, inspections\n",
        &["agenda", "sanctions relief", "prisoners, inspections"],
    ),
    (
        "s10_tags_lines",
        "topics\nshipping lanes\noil prices",
        &["topics", "shipping lanes", "oil prices"],
    ),
    (
        "s10_wrap_long_line",
        "The statement was issued on\nmonday night by the ministry.",
        &["The statement was issued on\nmonday night by the ministry."],
    ),
    (
        "s10_wrap_next_line_stops",
        "It was a long \nnight in Doha.",
        &["It was a long \nnight in Doha."],
    ),
    (
        "s10_wrap_short_then_long",
        "Talks were held\nover two days in a villa outside the capital.",
        &["Talks were held\nover two days in a villa outside the capital."],
    ),
    (
        "headline_dek_dateline",
        "Iran and US resume talks in Doha\nMediators hope for a second round within weeks\nDOHA, Qatar (AP) — Delegates met on Tuesday.",
        &[
            "Iran and US resume talks in Doha",
            "Mediators hope for a second round within weeks",
            "DOHA, Qatar (AP) — Delegates met on Tuesday.",
        ],
    ),
    (
        "byline_two_lines",
        "By Lena Park\nStaff writer\n\nThe talks resumed.",
        &["By Lena Park", "Staff writer", "The talks resumed."],
    ),
    // --- issue 19: ellipses (S11) -----------------------------------------------------------
    (
        "s11_spaced_apart_capital",
        "We wanted . . . I mean, we hoped for more.",
        &["We wanted . . . I mean, we hoped for more."],
    ),
    (
        "s11_apart_mixed",
        "It was not ... well, what we expected...frankly . . . a deal at all.",
        &["It was not ... well, what we expected...frankly . . . a deal at all."],
    ),
    (
        "s11_four_spaced_ends",
        "The statement ended there . . . . Reporters left.",
        &["The statement ended there . . . .", "Reporters left."],
    ),
    (
        "s11_period_then_ellipsis",
        "The envoy left early. . . . Nobody followed him. . . .",
        &["The envoy left early.", ". . . Nobody followed him. . . ."],
    ),
    (
        "s11_quote_four_dots",
        "She wrote that the talks “would go on for weeks. . . .”",
        &["She wrote that the talks “would go on for weeks. . . .”"],
    ),
    (
        "s11_brackets",
        "\"The sides [...] agreed to meet [...]\" (Karimi 12).",
        &["\"The sides [...] agreed to meet [...]\" (Karimi 12)."],
    ),
    (
        "s11_apart_line_break",
        "The talks stalled . . .\nThen came the call.",
        &["The talks stalled . . .", "Then came the call."],
    ),
    // --- issue 19: missing space after a number (S12) -------------------------------------
    (
        "s12_thousands",
        "The port handled 40,000.That was a record.",
        &["The port handled 40,000.", "That was a record."],
    ),
    (
        "s12_chain",
        "Talks began.Iran sent six people.Mr. Ellis paid 2,500.Nobody objected.",
        &[
            "Talks began.",
            "Iran sent six people.",
            "Mr. Ellis paid 2,500.",
            "Nobody objected.",
        ],
    ),
    (
        "s12_percent",
        "Prices rose 4%.Traders were calm.",
        &["Prices rose 4%.", "Traders were calm."],
    ),
    (
        "s12_decimal_is_token",
        "The index rose 2.5 points.",
        &["The index rose 2.5 points."],
    ),
    (
        "s12_version_is_token",
        "It runs on v2.Beta builds.",
        &["It runs on v2.Beta builds."],
    ),
    // --- issue 19: fronted clock times (S13), numero (S14) ----------------------------------
    (
        "s13_fronted_am_title",
        "At 7 a.m. Mr. Farah left the hotel. He returned at 9 P.M. Mr. Farah then slept.",
        &[
            "At 7 a.m. Mr. Farah left the hotel.",
            "He returned at 9 P.M.",
            "Mr. Farah then slept.",
        ],
    ),
    (
        "s13_shortly_after",
        "Shortly after 2 a.m. Gen. Malik ordered a halt.",
        &["Shortly after 2 a.m. Gen. Malik ordered a halt."],
    ),
    (
        "s13_by_pm_name",
        "By 4 p.m. Noor had signed the text.",
        &["By 4 p.m. Noor had signed the text."],
    ),
    (
        "s14_numero",
        "The buoy sits at N°. 2741.118.906. That is off the coast.",
        &[
            "The buoy sits at N°. 2741.118.906.",
            "That is off the coast.",
        ],
    ),
    (
        "s14_numero_sign",
        "Resolution №. 12 passed. It was binding.",
        &["Resolution №. 12 passed.", "It was binding."],
    ),
];

fn render(text: &str) -> Vec<&str> {
    sentences(text).map(|s| &text[s.start..s.end]).collect()
}

#[test]
fn table_cases() {
    assert!(CASES.len() >= 100, "only {} cases", CASES.len());
    let mut failures = Vec::new();
    for (name, text, expected) in CASES {
        let got = render(text);
        if got != *expected {
            failures.push(format!(
                "{name}:\n  text:     {text:?}\n  expected: {expected:?}\n  got:      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn case_names_are_unique() {
    let mut names: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len());
}

#[test]
fn fused_after_end() {
    let mut it = sentences("One. Two.");
    assert!(it.next().is_some());
    assert!(it.next().is_some());
    assert!(it.next().is_none());
    assert!(it.next().is_none());
}

/// Checks every span invariant; returns a description of the first violation.
fn check_invariants(text: &str) -> Result<Vec<Span>, String> {
    let spans: Vec<Span> = sentences(text).collect();
    let mut prev_end = 0;
    for sp in &spans {
        if sp.start < prev_end {
            return Err(format!("overlap or out of order at {sp:?}"));
        }
        if sp.is_empty() {
            return Err(format!("empty span {sp:?}"));
        }
        let Some(s) = text.get(sp.start..sp.end) else {
            return Err(format!("not on char boundaries: {sp:?}"));
        };
        let first = s.chars().next().unwrap_or(' ');
        let last = s.chars().next_back().unwrap_or(' ');
        if first.is_whitespace() || last.is_whitespace() {
            return Err(format!("untrimmed span {sp:?}: {s:?}"));
        }
        let gap = &text[prev_end..sp.start];
        if let Some(c) = gap.chars().find(|c| !c.is_whitespace()) {
            return Err(format!("uncovered char {c:?} before {sp:?}"));
        }
        prev_end = sp.end;
    }
    if let Some(c) = text[prev_end..].chars().find(|c| !c.is_whitespace()) {
        return Err(format!("uncovered trailing char {c:?}"));
    }
    Ok(spans)
}

#[test]
fn invariants_hold_on_table_cases() {
    for (name, text, _) in CASES {
        if let Err(e) = check_invariants(text) {
            panic!("{name}: {e}");
        }
    }
}

/// Pieces of news-like text, combined at random by the property tests.
const PIECES: &[&str] = &[
    "a",
    "Iran",
    "talks",
    "The",
    "iPhone",
    "Mr",
    "U.S.",
    "U.K",
    "Inc",
    "p.m.",
    "Jan",
    "No",
    "3",
    "40",
    ".",
    ". ",
    "...",
    "…",
    "?",
    "!",
    "?!",
    "“",
    "”",
    "\"",
    "'",
    "’",
    "(",
    ")",
    "[",
    "]",
    "»",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "\u{a0}",
    "\u{2029}",
    "\u{2028}",
    "—",
    "-",
    "• ",
    "1. ",
    "2) ",
    "。",
    "？",
    "؟",
    "।",
    "https://example.org/a.b?c=d",
    "press@example.org",
    "e.g.",
    "x",
    "é",
    "中",
    "\t",
    ",",
    ":",
    "$1.2",
    "10:30",
    "1.) ",
    "2) ",
    "a. ",
    "b. ",
    " . . . .",
    ". . . ",
    "⁃",
    "N°. ",
    "1,000.",
    "Demands: ",
    "At 5 a.m. ",
];

fn news_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn invariants_arbitrary(text in any::<String>()) {
        if let Err(e) = check_invariants(&text) {
            prop_assert!(false, "{} for {:?}", e, text);
        }
    }

    #[test]
    fn invariants_newsish(text in news_string()) {
        if let Err(e) = check_invariants(&text) {
            prop_assert!(false, "{} for {:?}", e, text);
        }
    }

    #[test]
    fn invariants_newsish_chars(text in "[a-zA-Z0-9 .!?\"'“”‘’()\\[\\]…\n\r\u{a0}\u{2029}—•。؟:,/@-]{0,80}") {
        if let Err(e) = check_invariants(&text) {
            prop_assert!(false, "{} for {:?}", e, text);
        }
    }

    #[test]
    fn clone_resumes_identically(text in news_string(), skip in 0usize..5) {
        let mut it = sentences(&text);
        for _ in 0..skip {
            it.next();
        }
        let rest: Vec<Span> = it.clone().collect();
        let rest2: Vec<Span> = it.collect();
        prop_assert_eq!(rest, rest2);
    }
}

/// Inputs of about 2 MB that stress every loop of the scanner. They must be
/// processed in linear time; the test checks the invariants only (it does not
/// measure time), but a quadratic scanner would not finish in the test timeout.
#[test]
fn adversarial_large_inputs() {
    const N: usize = 2 * 1024 * 1024;
    let rep = |unit: &str| unit.repeat(N / unit.len());
    let inputs = [
        rep("."),
        rep("\""),
        rep("“"),
        rep("U.S. "),
        rep("Mr. "),
        rep("a"),
        rep("(["),
        rep("(") + &rep(")"),
        rep("? "),
        rep(". . "),
        rep(" ."),
        rep("\n"),
        rep("\n \n"),
        rep("x\n"),
        rep(".\u{a0}"),
        rep(" "),
        rep("’ "),
        rep(". ’"),
        rep("e.g"),
        rep("a.B"),
        rep("…"),
        rep("1. "),
        rep("- x\n"),
        rep("。"),
        rep("1) "),
        rep("1) 2) "),
        rep("a. b. "),
        rep("• "),
        rep(" . . . ."),
        rep(". . . . A "),
        rep("x\ny\n"),
        rep("1,000.That "),
        rep("At 5 a.m. "),
        rep(": 1) "),
    ];
    for text in &inputs {
        let spans = match check_invariants(text) {
            Ok(s) => s,
            Err(e) => panic!("{e} for input starting {:?}", &text[..8]),
        };
        assert!(spans.len() <= text.len());
    }
}
