//! The word lists of the actor rules, each as a bit, and the look-up that
//! tells which lists a token is in.
//!
//! Each list is English grammar or naming practice, not the story (the
//! story's words are lexicon data): the rules in `actors` ask "is this
//! token a locative preposition?" as `s.is_word(t, LOCATIVE)`.
//!
//! Accelerator: [`lists_of_key`] answers for every list at once with one
//! look-up of the token's cache key, lower-cased eight bytes at a time, in
//! an open-addressing table of the listed words; [`lists_of_word`] is the
//! definition (a scan of every list), and the tests check that the two
//! agree.

use crate::tokens::WordKey;

/// Prepositions after which a capital is a place: "talks in Doha",
/// "returned to Doha", "a reporter from Tehran". "to", "from", "of" and
/// "at" give way to [`RELATIONAL`] words before them.
#[rustfmt::skip]
pub(super) const LOCATIVE_WORDS: &[&str] = &[
    "in", "at", "to", "into", "from", "of", "near", "outside", "around", "across", "throughout",
    "inside", "within", "toward", "towards", "via", "through", "onto", "beyond", "along",
];

/// Words after which "to", "from", "of" or "at" plus a capital is the state
/// that receives, sends, owns or is targeted: "a message to Tehran",
/// "pressure from Washington", "the demands of Tehran", "aimed at Doha".
#[rustfmt::skip]
pub(super) const RELATIONAL_WORDS: &[&str] = &[
    "message", "messages", "letter", "letters", "warning", "warnings", "signal", "signals",
    "outreach", "overture", "overtures", "concession", "concessions", "offer", "offers",
    "proposal", "proposals", "threat", "threats", "ultimatum", "ultimatums", "appeal", "appeals",
    "response", "reply", "pressure", "support", "help", "cooperation", "demand", "demands",
    "request", "requests", "complaint", "complaints", "objection", "objections", "opposition",
    "criticism", "praise", "rejection", "denial", "denials", "retaliation", "retribution",
    "revenge", "accusation", "accusations", "answer", "answers", "guidance", "aid", "funds",
    "ties", "links", "link", "loyal", "loyalty", "hostile", "hostility", "close", "closer", "tied",
    "beholden", "allegiance", "ally", "allies", "enemy", "enemies", "proxy", "proxies", "agents",
    "puppets", "behest", "interests", "policy", "policies", "position", "intentions", "ambitions",
    "leaders", "rulers", "aimed", "directed", "angry", "furious", "jab", "swipe", "respond",
    "responded", "replied", "appealed", "turned", "gift", "gifts", "notice",
];

/// Nouns after a capital that make it the place of something: "the Doha
/// talks", "a Washington think tank", "a Jerusalem church", "Tehran
/// residents".
#[rustfmt::skip]
pub(super) const PLACE_HEADS_WORDS: &[&str] = &[
    "talks", "agreement", "accord", "accords", "summit", "meeting", "meetings", "conference",
    "forum", "round", "process", "office", "offices", "bureau", "correspondent", "reporter",
    "reporters", "journalist", "journalists", "think", "institute", "university", "hospital",
    "church", "temple", "mosque", "synagogue", "hotel", "hotels", "airport", "embassy",
    "consulate", "area", "region", "suburb", "suburbs", "neighborhood", "neighbourhood",
    "district", "street", "streets", "resident", "residents", "home", "homes", "station", "stock",
    "bazaar", "market", "metro", "subway", "traffic", "skyline", "crowd", "crowds", "police",
    "mayor", "municipality", "city", "marathon", "province", "apartment", "prison", "lobbyist",
    "lobbyists", "firm", "restaurant", "rally", "protest", "protests", "demonstration",
    "demonstrations", "event", "gathering", "ceremony", "trip", "visit", "flight", "chapter",
    "branch", "press", "insiders", "circles", "based", "times", "post",
];

/// Capitalised words that end an organisation's or publication's name:
/// a country's name or demonym before them is part of the name ("the
/// American Academy of Pediatrics", "Iranian Students News Agency").
#[rustfmt::skip]
pub(super) const ORG_HEADS_WORDS: &[&str] = &[
    "academy", "association", "associations", "society", "foundation", "institute", "institution",
    "university", "college", "school", "hospital", "clinic", "church", "museum", "airlines",
    "airways", "express", "bank", "corporation", "company", "corp", "inc", "club", "league",
    "federation", "network", "press", "times", "post", "journal", "news", "magazine", "herald",
    "tribune", "radio", "television", "tv", "channel", "broadcasting", "center", "centre", "fund",
    "project", "prize", "committee", "conference", "chamber", "union", "cross",
    "legion", "group", "industries", "aerospace", "forum", "coalition", "studies", "review",
    "daily", "weekly", "monthly", "observer", "today", "gazette", "examiner", "courier",
    "dispatch", "media", "idol", "agency", "watch", "unit", "research",
];

/// Titles of people that are not offices of an actor: the capitalised
/// words after them are a name, whatever country word it contains
/// ("Sheriff Scott Israel", "Mr. Israel").
#[rustfmt::skip]
pub(super) const PERSON_TITLES_WORDS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sheriff", "rabbi", "rev",
    "reverend", "pastor", "father", "imam", "sir", "lord", "lady", "dame", "judge", "gov",
    "governor", "mayor", "lt", "sgt", "capt", "cpl", "pvt", "col", "gen", "adm", "maj", "cmdr",
    "officer", "detective", "coach", "commissioner", "councilman", "councilwoman", "alderman",
    "assemblyman", "assemblywoman", "brother", "sister", "saint", "st", "sheikh", "ayatollah",
    "mullah", "cardinal", "bishop", "archbishop",
];

/// Given names, for country words inside a person's name: "Steve
/// Israel", "Scott Israel", and "Israel" or "America" as a first name
/// ("Israel Hernandez"). Common English given names, as any list of
/// them has them.
#[rustfmt::skip]
pub(super) const GIVEN_NAMES_WORDS: &[&str] = &[
    "israel", "america", "aaron", "adam", "alan", "albert", "alex", "alexander", "alice", "amy",
    "andrew", "andy", "angela", "ann", "anna", "anne", "anthony", "arthur", "barbara", "ben",
    "benjamin", "beth", "betty", "bill", "bob", "brad", "brian", "bruce", "carl", "carol",
    "catherine", "charles", "chris", "christopher", "chuck", "craig", "dan", "daniel", "dave",
    "david", "deborah", "dennis", "diane", "don", "donald", "donna", "doug", "douglas", "ed",
    "edward", "elizabeth", "emily", "eric", "frank", "gary", "george", "gerald", "greg", "gregory",
    "harold", "helen", "henry", "jack", "james", "jane", "janet", "jason", "jeff", "jeffrey",
    "jennifer", "jerry", "jessica", "jim", "joe", "john", "jon", "jonathan", "joseph", "josh",
    "joshua", "judy", "julie", "justin", "karen", "kate", "katherine", "keith", "ken", "kenneth",
    "kevin", "larry", "laura", "lawrence", "linda", "lisa", "mark", "martha", "mary", "matt",
    "matthew", "michael", "michelle", "mike", "nancy", "nick", "nicholas", "pam", "pat",
    "patricia", "patrick", "paul", "peter", "phil", "philip", "ralph", "randy", "ray", "raymond",
    "rebecca", "richard", "rick", "rob", "robert", "roger", "ron", "ronald", "rose", "russell",
    "ruth", "ryan", "sam", "samuel", "sandra", "sarah", "scott", "sharon", "stephen", "steve",
    "steven", "sue", "susan", "ted", "terry", "thomas", "tim", "timothy", "tom", "tony", "victor",
    "walter", "wayne", "william",
];

/// Words before a role noun that make it definite: it refers back ("the
/// president", "his administration", "the country's president").
const DEFINITE_WORDS: &[&str] = &[
    "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "whose", "'s",
];

/// Words before a role noun that make it generic or indefinite ("a
/// potential president", "any president"), or predicative ("as
/// president"): it names no one in particular.
#[rustfmt::skip]
pub(super) const GENERIC_WORDS: &[&str] = &[
    "a", "an", "any", "every", "each", "no", "another", "either", "neither", "as", "what", "which",
    "whichever",
];

/// Numbers and quantifiers before a role noun: actual members of a body
/// ("one senator", "two lawmakers"), generic for offices every state has
/// but not for one state's own ("one senator" is a US senator).
const QUANTIFIERS_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "several", "many", "some", "few", "most", "all",
    "both", "other", "more", "fellow",
];

/// Words that say a person is not in the office at the time of writing
/// ("former President X", "then-Secretary X", "the late Senator X",
/// "President-elect X"). Used when the article has no date, and always
/// for people the lexicon does not know.
#[rustfmt::skip]
pub(super) const OUT_MARKERS_WORDS: &[&str] = &[
    "former", "ex", "then", "late", "onetime", "erstwhile", "future", "next", "incoming", "elect",
    "previous", "past", "would", "be",
];

/// Words that may stand between a qualifier or determiner and its role
/// noun ("Israel's longest-serving prime minister", "the new
/// administration", "the U.S. special envoy").
#[rustfmt::skip]
pub(super) const MODIFIERS_WORDS: &[&str] = &[
    "new", "top", "current", "sitting", "acting", "interim", "caretaker", "deputy", "chief",
    "senior", "special", "longtime", "longest", "serving", "powerful", "hardline", "hard", "line",
    "moderate", "conservative", "reformist", "embattled", "beleaguered", "outgoing", "newly",
    "elected", "appointed", "democratically", "civilian", "own", "first", "second", "same",
    "whole", "entire", "supreme", "military", "civil", "leading", "key", "principal",
    "influential", "veteran", "lead", "nuclear", "foreign", "permanent", "appeals", "appellate",
    "circuit", "district", "high", "highest", "lower", "armed",
];

/// Capitalised words that are not names: before a role noun or an
/// institution they qualify nothing ("But Congress", "The Senate"), after
/// a title they start no name.
#[rustfmt::skip]
pub(super) const NOT_NAMES_WORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "and", "but", "or", "if", "when", "while", "as", "at", "in", "on", "of", "for", "to",
    "from", "with", "by", "after", "before", "since", "under", "over", "yet", "so", "then", "now",
    "also", "even", "still", "meanwhile", "however", "many", "some", "most", "all", "both", "each",
    "every", "no", "not", "former", "acting", "deputy", "vice", "new", "top", "senior", "chief",
    "interim", "caretaker", "current", "incoming", "outgoing", "late", "ex", "today", "yesterday",
    "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "i", "we", "he", "she", "they", "it", "you", "who", "what", "why",
    "how", "where", "there", "here", "is", "was", "are", "were", "will", "would", "said", "says",
    "says", "first", "last", "next", "why", "said", "according", "said", "photo", "file", "update",
    "editor", "note", "read", "more", "watch", "see", "image", "credit", "caption", "getty", "ap",
    "reuters", "afp", "amb", "ambassador", "minister", "president", "premier", "envoy", "embassy",
    "consulate",
];

/// Prefixes joined to a country word by a hyphen that keep it the country
/// ("anti-American", "pro-Iran", "post-Soviet"): unlike "African-American",
/// no ethnic or organisation name.
const PREFIXES_WORDS: &[&str] = &[
    "anti", "pro", "non", "post", "pre", "neo", "pan", "ex", "co", "mid", "trans", "inter", "un",
    "all", "semi", "quasi", "ultra",
];

/// Lower-case words before an institution or role noun that make it a
/// state's, province's or city's, not the country's ("the state Senate",
/// "local government").
#[rustfmt::skip]
pub(super) const SUBNATIONAL_WORDS: &[&str] = &[
    "state", "local", "provincial", "county", "city", "municipal", "tribal", "regional", "town",
    "village",
];

/// "the".
#[rustfmt::skip]
pub(super) const THE_WORDS: &[&str] = &["the"];

/// "of" ("the president of Iran").
#[rustfmt::skip]
pub(super) const OF_WORDS: &[&str] = &["of"];

/// "in" ("the regime in Tehran").
#[rustfmt::skip]
pub(super) const IN_WORDS: &[&str] = &["in"];

/// Words that join an organisation's name to a country word after it ("the
/// Federation for American ...").
#[rustfmt::skip]
pub(super) const ORG_LINK_WORDS: &[&str] = &["for", "of", "on"];

/// Words inside an organisation's name between its capitalised words ("the
/// American Academy of Pediatrics").
#[rustfmt::skip]
pub(super) const NAME_LINK_WORDS: &[&str] = &["of", "for", "and", "the", "on"];

/// Locative prepositions that give way to a relational word before them
/// (see [`RELATIONAL_WORDS`]).
#[rustfmt::skip]
pub(super) const GIVES_WAY_WORDS: &[&str] = &["to", "from", "of", "at"];

/// Words that name a city as a city ("the capital Islamabad").
#[rustfmt::skip]
pub(super) const CITY_WORDS: &[&str] = &["capital", "city", "town", "cities", "capitals"];

/// Second words of place compounds ("Jerusalem-based", "Doha-born").
#[rustfmt::skip]
pub(super) const PLACE_COMPOUND_WORDS: &[&str] = &["based", "area", "born", "bound"];

/// Words before a country word that make it a place or the country, not a
/// surname met earlier ("to Israel", "the Israel of today", "and Israel").
#[rustfmt::skip]
pub(super) const NOT_SURNAME_WORDS: &[&str] = &[
    "the", "and", "with", "against", "on", "for", "by", "than",
];

/// Words before a given name that make it the country ("the", "and").
#[rustfmt::skip]
pub(super) const ARTICLE_AND_WORDS: &[&str] = &["the", "and"];

// Each list as a bit, so that one look-up tells every list a word is in.
pub(super) const LOCATIVE: u32 = 1 << 0;
pub(super) const RELATIONAL: u32 = 1 << 1;
pub(super) const PLACE_HEADS: u32 = 1 << 2;
pub(super) const ORG_HEADS: u32 = 1 << 3;
pub(super) const PERSON_TITLES: u32 = 1 << 4;
pub(super) const GIVEN_NAMES: u32 = 1 << 5;
pub(super) const DEFINITE: u32 = 1 << 6;
pub(super) const GENERIC: u32 = 1 << 7;
pub(super) const QUANTIFIERS: u32 = 1 << 8;
pub(super) const OUT_MARKERS: u32 = 1 << 9;
pub(super) const MODIFIERS: u32 = 1 << 10;
pub(super) const NOT_NAMES: u32 = 1 << 11;
pub(super) const PREFIXES: u32 = 1 << 12;
pub(super) const SUBNATIONAL: u32 = 1 << 13;
pub(super) const THE: u32 = 1 << 14;
pub(super) const OF: u32 = 1 << 15;
pub(super) const IN: u32 = 1 << 16;
pub(super) const ORG_LINK: u32 = 1 << 17;
pub(super) const NAME_LINK: u32 = 1 << 18;
pub(super) const GIVES_WAY: u32 = 1 << 19;
pub(super) const CITY: u32 = 1 << 20;
pub(super) const PLACE_COMPOUND: u32 = 1 << 21;
pub(super) const NOT_SURNAME: u32 = 1 << 22;
pub(super) const ARTICLE_AND: u32 = 1 << 23;

/// Every list with its bit: the definition the index is built from.
pub(super) const LISTS: [(&[&str], u32); 24] = [
    (LOCATIVE_WORDS, LOCATIVE),
    (RELATIONAL_WORDS, RELATIONAL),
    (PLACE_HEADS_WORDS, PLACE_HEADS),
    (ORG_HEADS_WORDS, ORG_HEADS),
    (PERSON_TITLES_WORDS, PERSON_TITLES),
    (GIVEN_NAMES_WORDS, GIVEN_NAMES),
    (DEFINITE_WORDS, DEFINITE),
    (GENERIC_WORDS, GENERIC),
    (QUANTIFIERS_WORDS, QUANTIFIERS),
    (OUT_MARKERS_WORDS, OUT_MARKERS),
    (MODIFIERS_WORDS, MODIFIERS),
    (NOT_NAMES_WORDS, NOT_NAMES),
    (PREFIXES_WORDS, PREFIXES),
    (SUBNATIONAL_WORDS, SUBNATIONAL),
    (THE_WORDS, THE),
    (OF_WORDS, OF),
    (IN_WORDS, IN),
    (ORG_LINK_WORDS, ORG_LINK),
    (NAME_LINK_WORDS, NAME_LINK),
    (GIVES_WAY_WORDS, GIVES_WAY),
    (CITY_WORDS, CITY),
    (PLACE_COMPOUND_WORDS, PLACE_COMPOUND),
    (NOT_SURNAME_WORDS, NOT_SURNAME),
    (ARTICLE_AND_WORDS, ARTICLE_AND),
];

/// The lists `word` is in, by scanning every list case-insensitively: the
/// definition of [`lists_of_key`].
#[cfg_attr(
    not(test),
    expect(dead_code, reason = "the definition, used by the tests")
)]
pub(super) fn lists_of_word(word: &str) -> u32 {
    LISTS
        .iter()
        .filter(|(words, _)| words.iter().any(|w| w.eq_ignore_ascii_case(word)))
        .fold(0, |acc, (_, bit)| acc | bit)
}

/// The lists the word with cache key `key` is in (see
/// [`crate::tokens::WordKey`]: the word's bytes, zero-padded to 16).
pub(super) fn lists_of_key(key: WordKey) -> u32 {
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(Table::build);
    match ascii_lowercase(key) {
        Some(lower) => table.get(lower),
        None => 0,
    }
}

/// An open-addressing table of the listed words (a quarter full, so a
/// look-up is one multiplication and, nearly always, one or two
/// comparisons).
struct Table {
    slots: Vec<(WordKey, u32)>,
}

impl Table {
    /// Slots: a power of two, about four times the number of listed words.
    const BITS: u32 = 11;

    fn slot(key: WordKey) -> usize {
        let h = (key[0] ^ key[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - Self::BITS)) as usize
    }

    fn build() -> Table {
        let mut slots = vec![([0u64; 2], 0u32); 1 << Self::BITS];
        let mask = slots.len() - 1;
        for (list, bit) in LISTS {
            for word in list {
                let key = crate::tokens::word_key(word.as_bytes(), crate::Span::new(0, word.len()));
                let Some(key) = ascii_lowercase(key) else {
                    continue;
                };
                let mut at = Self::slot(key);
                // The next free slot or the word's own (a word in several
                // lists gathers their bits).
                while slots[at].1 != 0 && slots[at].0 != key {
                    at = (at + 1) & mask;
                }
                slots[at] = (key, slots[at].1 | bit);
            }
        }
        Table { slots }
    }

    fn get(&self, key: WordKey) -> u32 {
        let mask = self.slots.len() - 1;
        let mut at = Self::slot(key);
        // The table is never full, so an empty slot ends every search.
        loop {
            match self.slots.get(at) {
                Some(&(k, bits)) if bits != 0 && k == key => return bits,
                Some(&(_, bits)) if bits != 0 => at = (at + 1) & mask,
                _ => return 0,
            }
        }
    }
}

/// The key lower-cased, eight bytes at a time; `None` for a word with a
/// byte outside ASCII (no listed word has one).
fn ascii_lowercase(key: WordKey) -> Option<WordKey> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if (key[0] | key[1]) & HIGH != 0 {
        return None;
    }
    // With every byte below 0x80 no addition carries into the next byte:
    // a byte's high bit after adding 0x3F says it is at least 'A', after
    // adding 0x25 that it is past 'Z'.
    let lower = |w: u64| {
        let upper =
            w.wrapping_add(0x3F3F_3F3F_3F3F_3F3F) & !w.wrapping_add(0x2525_2525_2525_2525) & HIGH;
        w | (upper >> 2)
    };
    Some([lower(key[0]), lower(key[1])])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
    use crate::tokens::word_key;

    fn key(word: &str) -> WordKey {
        word_key(word.as_bytes(), Span::new(0, word.len()))
    }

    #[test]
    fn the_key_index_agrees_with_the_lists() {
        let mut words: Vec<String> = Vec::new();
        for (list, _) in LISTS {
            for word in list {
                assert!(
                    word.len() <= 16 && word.is_ascii(),
                    "{word:?} cannot be indexed"
                );
                words.push(word.to_string());
                words.push(word.to_uppercase());
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    words.push(first.to_uppercase().chain(chars).collect());
                }
            }
        }
        words.extend(
            [
                "Tehran",
                "presidents",
                "’s",
                "thé",
                "@[`{",
                "AZaz09",
                "in-",
                "IN",
                "iN",
            ]
            .map(String::from),
        );
        for word in &words {
            assert_eq!(lists_of_key(key(word)), lists_of_word(word), "{word:?}");
        }
        assert_ne!(lists_of_key(key("Former")) & OUT_MARKERS, 0);
        assert_eq!(lists_of_key(key("presidents")), 0);
    }

    #[test]
    fn lower_casing_by_words_equals_lower_casing_by_bytes() {
        // Every ASCII byte in every position.
        for b in 0u8..0x80 {
            for at in 0..16 {
                let mut bytes = [b'a'; 16];
                bytes[at] = b;
                let word = std::str::from_utf8(&bytes).unwrap();
                let lowered = ascii_lowercase(key(word)).unwrap();
                assert_eq!(lowered, key(&word.to_ascii_lowercase()), "{b:#x} at {at}");
            }
        }
        assert_eq!(ascii_lowercase(key("thé")), None);
    }
}
