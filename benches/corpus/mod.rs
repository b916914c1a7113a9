//! Deterministic, synthetic English wire-news text for benchmarks.
//!
//! All prose here is invented for framescope (fictional people, firms and
//! outlets) about US–Iran talks hosted in Doha, Qatar, with Pakistan
//! mediating and Israel watching. Other benches use it with `mod corpus;`.
#![allow(dead_code)]

/// Tiny xorshift64* generator: deterministic, no dependencies.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const IRAN_OFFICIALS: &[&str] = &[
    "Foreign Minister Kian Rostami",
    "deputy negotiator Mahsa Tehrani",
    "Iranian envoy Dariush Karimi",
    "Dr. Reza Amini, an adviser to the Iranian delegation,",
];
const US_OFFICIALS: &[&str] = &[
    "U.S. special envoy Walter Brandt",
    "Secretary of State Helen Ortiz",
    "Sen. Marcus Hale of Texas",
    "Rep. Dana Whitfield, D-Calif.",
    "a senior U.S. official",
];
const MEDIATORS: &[&str] = &[
    "Pakistani Foreign Secretary Imran Qureshi",
    "Gen. Tariq Malik of Pakistan",
    "Qatar's minister of state, Sheikh Hamad bin Nasser",
    "Amb. Sara Lodhi",
];
const ISRAELI: &[&str] = &[
    "Israeli Prime Minister Avi Ben-Ami",
    "Col. Yael Stern, the Israeli military spokeswoman,",
    "Noam Peretz, Israel's U.N. ambassador,",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const DATES: &[&str] = &[
    "Jan. 14", "Feb. 3", "March 9", "Aug. 21", "Sept. 30", "Oct. 2", "Nov. 18", "Dec. 7",
];
const TIMES: &[&str] = &[
    "9 a.m.",
    "10:30 a.m.",
    "noon",
    "3 p.m.",
    "5:45 p.m.",
    "11 p.m.",
];
const NUMBERS: &[&str] = &["3.5", "60", "20", "1.2", "4", "90", "2.75", "12"];
const INTEGERS: &[&str] = &["4", "12", "17", "23", "40", "112"];
const FIRMS: &[&str] = &[
    "Gulf Logistics Inc.",
    "Meridian Energy Corp.",
    "Doha Maritime Co.",
    "Karachi Freight Ltd.",
];

/// Sentence templates; `{IR}` `{US}` `{MED}` `{IL}` `{DAY}` `{DATE}` `{TIME}`
/// `{N}` `{FIRM}` are filled in at random.
const TEMPLATES: &[&str] = &[
    "Negotiators from Iran and the United States met for a third day in Doha on {DAY}, with Pakistan acting as mediator.",
    "The talks, hosted by Qatar at a hotel on the city's West Bay, began at {TIME} and ran late into the evening.",
    "“We are closer than we were a week ago, but we are not there yet,” {US} told reporters.",
    "{IR} said Tehran would not accept “any arrangement that treats Iran as a defendant.”",
    "Asked whether a deal could be reached by {DATE}, {MED} replied, “Everything is possible if both sides are serious.”",
    "The U.S. delegation arrived at {TIME} {DAY} aboard a military aircraft from Andrews Air Force Base in Maryland.",
    "Officials said the draft text runs to roughly {K} pages and covers enrichment, inspections and sanctions relief.",
    "Iran currently enriches uranium to {N} percent, according to the International Atomic Energy Agency.",
    "Israel is not a party to the talks. Its officials have nonetheless been briefed regularly by Washington.",
    "{IL} warned on {DAY} that any agreement that left Iran with enrichment capacity would be “a historic mistake.”",
    "Markets reacted calmly. Brent crude fell {N}% to $71.20 a barrel, and the Qatari riyal was unchanged.",
    "The envoy was asked if the U.S. would lift sanctions first. He said no.",
    "Pakistan's role is unusual. Islamabad has long balanced ties with Washington, Riyadh and Tehran, and its army chief, Gen. Asim Noor, has visited Doha twice since {DATE}.",
    "(The State Dept. declined to comment on the schedule.)",
    "Shipping insurers, including {FIRM} The firm's shares fell {N} percent in Doha trading.",
    "A spokesman for {FIRM} said the company was “monitoring developments closely.”",
    "“Is this realistic?” asked {MED}. “Only if nobody walks out.”",
    "The sticking points, officials said, are: the pace of sanctions relief, the fate of Iran's stockpile, and access for inspectors.",
    "Mr. Rostami and Mr. Brandt did not meet face to face; messages were carried between two floors of the hotel by Pakistani and Qatari diplomats.",
    "Sen. Hale, who chairs a subcommittee on the Middle East, said Congress must review “every word” of any deal.",
    "In Washington, Rep. Whitfield said the administration had briefed lawmakers at 8 a.m. ET and again at 4 p.m.",
    "Prof. Laila Ahmadi of Qatar University said the talks were “fragile but real.”",
    "The previous round ended abruptly on {DATE} after a drone strike near the Strait of Hormuz... Both sides blamed the other.",
    "“We have no illusions,” {IL} said. “We will judge the agreement by what it does, not by what it promises.”",
    "According to a U.N. estimate, some {N} million Iranians live below the poverty line, up from a decade ago.",
    "The Pakistani mediators proposed a three-step plan: 1. a freeze on new centrifuges; 2. the release of $6 billion in frozen funds; and 3. expanded inspections.",
    "Iran's parliament speaker called the talks “a test of American sincerity.” Hard-liners in Tehran were less polite.",
    "The U.S. Treasury, meanwhile, added {K} companies to its sanctions list, including two based in the U.A.E. and one in Hong Kong.",
    "Asked about the timing, {US} said: “We did not choose this week. Events did.”",
    "Qatar has hosted sensitive talks before, e.g. between the U.S. and the Taliban, and it prizes the role.",
    "The talks resumed at {TIME} after a break for Friday prayers, a Qatari official said.",
    "Col. Stern said the Israeli military was “prepared for every scenario,” but declined to elaborate.",
    "Gov. Ruth Lane of Texas, a critic of the process, said on {DAY} that the U.S. was “negotiating with itself.”",
    "Some analysts were skeptical... others saw the first real opening in years.",
    "Details were posted on the mediators' website, https://talks.example.org/doha-round, and questions were taken at press@example.org.",
    "It was the {K}th meeting between the two delegations since the process began.",
    "Iran's currency, the rial, strengthened {N}% on the open market after news of the meeting spread.",
    "Neither side released a statement on {DAY} night. A joint communiqué is expected by Sept. 30.",
    "Back in the U.S., the mood in Congress was sour, aides said. “Nobody trusts anybody,” one Senate aide said.",
    "Dr. Amini told Al-Sharq newspaper that Iran wanted “guarantees, not gestures.”",
    "Pakistan's prime minister spoke by phone with President Ellis on {DAY}, his office said.",
];

const DATELINES: &[&str] = &[
    "DOHA, Qatar (AP) — ",
    "ISLAMABAD (Reuters) — ",
    "WASHINGTON — ",
    "JERUSALEM (AFP) — ",
    "DOHA, Qatar — ",
];

const HEADLINES: &[&str] = &[
    "Iran and US resume indirect talks in Doha",
    "Pakistan steps up mediation as Doha round opens",
    "Israel watches nervously as Iran talks gather pace",
    "Qatar hosts fourth round of US-Iran negotiations",
];

fn fill(rng: &mut Rng, template: &str, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        let value = match key {
            "IR" => rng.pick(IRAN_OFFICIALS),
            "US" => rng.pick(US_OFFICIALS),
            "MED" => rng.pick(MEDIATORS),
            "IL" => rng.pick(ISRAELI),
            "DAY" => rng.pick(DAYS),
            "DATE" => rng.pick(DATES),
            "TIME" => rng.pick(TIMES),
            "N" => rng.pick(NUMBERS),
            "K" => rng.pick(INTEGERS),
            "FIRM" => rng.pick(FIRMS),
            _ => key,
        };
        out.push_str(value);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

/// Appends one article (headline, dateline, paragraphs) of at least
/// `min_bytes` bytes.
fn article(rng: &mut Rng, min_bytes: usize, out: &mut String) {
    let start = out.len();
    out.push_str(rng.pick(HEADLINES));
    out.push_str("\n\n");
    out.push_str(rng.pick(DATELINES));
    let mut first = true;
    while out.len() - start < min_bytes {
        if !first {
            out.push_str("\n\n");
        }
        let sentences = 1 + rng.below(4);
        for i in 0..sentences {
            if i > 0 {
                out.push(' ');
            }
            // The dateline is followed by a lead sentence.
            let t = if first && i == 0 {
                TEMPLATES[rng.below(2)]
            } else {
                rng.pick(TEMPLATES)
            };
            fill(rng, t, out);
        }
        if rng.below(9) == 0 {
            out.push_str("\n\nKey points:\n- Enrichment limits\n- Sanctions relief\n- Inspections");
        }
        first = false;
    }
    out.push_str("\n\n");
}

/// About `target_bytes` bytes (never less) of news prose: articles with
/// headlines, datelines, quotations, abbreviations, numbers and lists.
/// The same `target_bytes` always gives the same text.
pub fn news_text(target_bytes: usize) -> String {
    let mut rng = Rng::new(0x5EED_D0A4 ^ target_bytes as u64);
    let mut out = String::with_capacity(target_bytes + 4096);
    while out.len() < target_bytes {
        let size = 1500 + rng.below(4000);
        article(&mut rng, size, &mut out);
    }
    out
}

/// Fictional outlets used by [`news_articles`].
pub const OUTLETS: [&str; 4] = [
    "Gulf Wire",
    "Capital Ledger",
    "Northern Tribune",
    "Daily Meridian",
];

/// `n` articles as `(id, outlet, text)`, cycling through four fictional
/// outlets; each text is 2–8 KB. Deterministic.
pub fn news_articles(n: usize) -> Vec<(String, String, String)> {
    let mut rng = Rng::new(0xA27_1C1E5);
    (0..n)
        .map(|i| {
            let outlet = OUTLETS[i % OUTLETS.len()];
            let mut text = String::new();
            let size = 2048 + rng.below(5 * 1024);
            article(&mut rng, size, &mut text);
            while text.len() > 8 * 1024 {
                // Trim whole paragraphs to stay within 8 KB.
                match text[..text.len() - 2].rfind("\n\n") {
                    Some(cut) if cut >= 2048 => text.truncate(cut + 2),
                    _ => break,
                }
            }
            (
                format!("art-{i:05}"),
                outlet.to_string(),
                text.trim_end().to_string(),
            )
        })
        .collect()
}
