//! Sentence segmentation for English news text.
//!
//! The rules (S1–S8; the code names each where it applies it) are
//! documented on [`sentences`], the public face of this module; the
//! eight-bytes-at-a-time candidate scan is in `scan`, beside its plain
//! definition.

mod scan;

use crate::Span;
use scan::next_candidate;
use std::iter::FusedIterator;

/// Splits `text` into sentences, lazily.
///
/// ```
/// use framescope::sentences;
/// let text = "The U.S. envoy arrived at 9 a.m. Tuesday. “We are close.” He left.";
/// let got: Vec<&str> = sentences(text).map(|s| &text[s.start..s.end]).collect();
/// assert_eq!(got, ["The U.S. envoy arrived at 9 a.m. Tuesday.", "“We are close.”", "He left."]);
/// ```
///
/// [`sentences`] splits a text into sentence [`Span`]s: byte ranges that are
/// in order, non-overlapping, never empty, start and end on `char`
/// boundaries, are trimmed of Unicode white space (including NBSP and CR),
/// and together cover every non-white-space character of the text.
///
/// The segmenter works on bytes: it jumps from one *candidate* byte to the
/// next (`.` `!` `?`, line breaks and the lead bytes of `…` `。` `！` `？`
/// `‼` `⁇` `⁈` `⁉` `‽` `؟` `۔` `।` `॥`) and only decodes characters around a
/// candidate. Every look-behind is capped at 32 bytes and every look-ahead
/// at a couple of words, scanning always resumes after what was examined,
/// and there is no recursion and no allocation, so any input (megabytes of
/// dots, quotes or brackets) is segmented in linear time and constant space.
///
/// # Rules, and why
///
/// Each rule has a label (like the `SB` rules of UAX #29); the code that
/// applies a rule names it in a comment.
///
/// * **S1 Terminal clusters.** A run of `.` `!` `?` `…` and other terminators,
///   together with the closing quotes and brackets that follow it
///   (`" ' ” ’ ) ] } » ›` and CJK closers), is one unit: a quotation or
///   parenthesis belongs to the sentence it closes (`“We are close.”`).
/// * **S2 What follows decides.** A cluster followed directly by a letter or
///   digit is inside a token (`3.5`, `U.S.`, `example.org/a?b`,
///   `press@example.org`), with one exception: `ended.Reporters` (a
///   lower-case word of two or more letters, a full stop, a capitalised
///   word, and no URL/domain punctuation around) is a missing space and
///   splits. CJK and Indic terminators (`。！？।`) split with no space.
/// * **S3 Lower case continues.** After `?` `!` or a full stop followed by
///   white space, a lower-case word means the sentence goes on
///   (`“Is this realistic?” he asked.`), unless it has an internal capital
///   (`iPhone`), which news writes sentence-initially.
/// * **S4 Ellipses** (`...`, `…`, `. . .`) glued to the word before them
///   end a sentence only before a capitalised word, a quotation or a line
///   break: mid-sentence ellipses (quotation cuts) are followed by lower
///   case. An ellipsis that stands apart is S11's.
/// * **S5 Abbreviations** are looked up without allocation (a `match` on at
///   most 7 lower-cased bytes) and fall into classes by how often they end
///   a sentence in news copy:
///   - *never*: titles and the like (`Mr.` `Dr.` `Sen.` `Gov.` `Gen.`
///     `Lt.` `Prof.` `Rev.` `Mt.` `Ft.` `vs.` `e.g.` `i.e.` `approx.`), which are
///     always followed by a name or a phrase;
///   - *numeric* (`No.` `Nos.` `Vol.` `Fig.` `pp.` `Art.`): no split before a
///     digit, otherwise an ordinary word (`No. 2` versus `The answer was No.`);
///   - *often final* (`U.S.` `U.K.` `U.N.` `E.U.` and any other dotted
///     initialism, `Jr.` `Sr.` `St.` `Ave.` `Dept.`, months, state
///     abbreviations, `et al.`): these end sentences often, but in news a
///     capitalised word after them is more often a continuation (`U.S.
///     President`, `the U.S. Treasury`, `Jan. 5`, `D.C. Mayor`), so they
///     split only before a closed list of common sentence starters (`The`,
///     `He`, `In`, `But`, `Officials`, ...), a quotation, or a line break;
///   - *single initials* (`George W. Bush`, `J. R. R. Tolkien`) are like
///     the previous class, except that `A` and `I` do not count as starters;
///   - *clock times* (`a.m.` `p.m.`) split before any capitalised word except
///     days, time zones and `X time`, which is what follows a time in news;
///   - *company suffixes* (`Inc.` `Corp.` `Ltd.` `Co.` `Bros.`) split before
///     any capitalised word except another suffix or a corporate title
///     (`Acme Inc. Chief Executive ...`);
///   - everything else (`etc.` included) is an ordinary word: a full stop
///     ends the sentence unless lower case follows.
/// * **S6 List markers.** A sentence consisting only of `1.`, `a.`, `iv.`,
///   `1.)`, `• 9.` or `⁃9.` so far does not end at that full stop:
///   `1. First point` is one unit.
/// * **S7 Line breaks.** A blank line (two or more line breaks, possibly with
///   spaces or CR between) always ends a unit: paragraphs never run into each
///   other. A single line break after a line with no terminal punctuation
///   ends a unit when the line looks standalone (headline, dateline, byline,
///   list item): the next line starts with a bullet or list number, or the
///   line is a list item or all capitals, or the next line starts with a
///   non-lower-case character and the line does not end in a comma, dash or
///   function word (`the`, `of`, `said`, ...). Otherwise the break is a hard
///   wrap inside running prose and the sentence continues.
/// * **S8 Datelines** (`DOHA, Qatar (AP) — The talks ...`) contain no
///   terminator and so stay with their sentence.
/// * **S9 Inline lists.** Lists are often flattened onto one line (a
///   scraped page, a pasted key-points box): `1) Lift the embargo 2) Free
///   the sailors`, `1. ... 2. ...`, `1.) ... 2.) ...`, `a. ... b. ...`.
///   A marker (one to three digits or one lower-case letter, then `)`,
///   `.)` or `.`, after white space and before a word) starts a new unit
///   when it continues the sequence the current unit began with (`2)`
///   after a unit that began `1)`, `b.` after `a.`), or when it is the
///   first of a sequence (`1` or `a`) right after a colon (`Demands: 1)
///   a ceasefire ...`). Without a sequence a number is prose (`The vote
///   was 3. 4 members abstained.`). A bullet (`•` `⁃` `▪` `◦` `‣` `●`
///   `■`) after white space mid-line starts a unit too (`Key points •
///   Iran agreed • Qatar hosts`): in news copy such a bullet is never
///   part of a sentence.
/// * **S10 Lines as items.** A run of short lines without end punctuation
///   is a list written one item a line (`agenda\nsanctions relief\n
///   prisoners, inspections`), even in lower case, where S7 would read a
///   hard wrap: a single break ends the unit when the line and the next
///   one are both short (at most three words and 40 bytes) and the next
///   line has no end punctuation either. Wrapped prose has longer lines
///   (`This is a long statement\nissued late on Monday.` stays one).
/// * **S11 Ellipses standing apart.** An ellipsis with white space before
///   it (`we wanted . . . I mean`, `not ... well`) marks words left out
///   inside a sentence, so it is no boundary whatever follows, unless it
///   has a fourth dot (` . . . .`: the omission ends the sentence) or a
///   line break follows. A full stop glued to its word and followed by a
///   spaced ellipsis and a new sentence (`compounds. . . . The practice`)
///   ends the sentence at the full stop; the ellipsis opens the next
///   (the style guides' four-dot form: a period, then omitted text).
/// * **S12 Missing space after a number.** `bought 1,000.That is` and
///   `rose 4%.Traders` split like S2's `ended.Reporters`: a number (with
///   thousands separators or a per cent sign) standing as a word, a full
///   stop, a capitalised word.
/// * **S13 Fronted clock times.** A sentence that opens with a time (`At 5
///   a.m.`, `By 4 p.m.`, `Shortly after 2 a.m.`) goes on after it whatever
///   follows (`At 5 a.m. Mr. Smith went to the bank.`): a prepositional
///   phrase alone is no sentence. Elsewhere S5's clock-time class applies
///   (`He left at 6 P.M. Mr. Smith then slept.` splits).
/// * **S14 The numero sign.** `N°.`, `Nº.` and `№.` behave as `No.`: no
///   split before a digit (`at N°. 1026.253.553. That is`).
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences {
        text,
        pos: 0,
        line_start: 0,
        marker: None,
    }
}

/// Iterator over the sentence [`Span`]s of a text, created by [`sentences`].
///
/// It does not allocate; each call to `next` scans forward from where the
/// previous sentence ended.
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    /// Where scanning resumes.
    pos: usize,
    /// Start of the line that contains `pos`.
    line_start: usize,
    /// The list marker the sentence being scanned starts with (S9).
    marker: Option<Marker>,
}

impl Iterator for Sentences<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let ws = skip_ws(self.text, self.pos);
        if let Some(ls) = ws.line_start {
            self.line_start = ls;
        }
        let s = ws.end;
        if s >= self.text.len() {
            self.pos = self.text.len();
            return None;
        }
        self.marker = leading_marker(self.text, s).map(|(m, _)| m);
        let end = self.find_end(s);
        self.pos = end;
        Some(Span::new(s, end))
    }
}

impl FusedIterator for Sentences<'_> {}

/// How far back an abbreviation may start.
const MAX_WORD_BACK: usize = 32;
/// How many letters of a following word are looked at.
const MAX_WORD_AHEAD: usize = 16;
/// Longest line (bytes) that is inspected as a whole (all-caps test).
const MAX_LINE_INSPECT: usize = 200;

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Result of skipping white space.
struct Ws {
    /// First non-white-space byte (or the text length).
    end: usize,
    /// Line breaks crossed; a paragraph separator or form feed counts two.
    breaks: u32,
    /// Start of the last line entered, if any break was crossed.
    line_start: Option<usize>,
}

fn skip_ws(text: &str, from: usize) -> Ws {
    let b = text.as_bytes();
    let mut i = from;
    let mut breaks = 0u32;
    let mut line_start = None;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            match x {
                b' ' | b'\t' => i += 1,
                b'\n' | 0x0B => {
                    i += 1;
                    breaks = breaks.saturating_add(1);
                    line_start = Some(i);
                }
                0x0C => {
                    i += 1;
                    breaks = breaks.saturating_add(2);
                    line_start = Some(i);
                }
                b'\r' => {
                    i += 1;
                    if b.get(i) != Some(&b'\n') {
                        breaks = breaks.saturating_add(1);
                        line_start = Some(i);
                    }
                }
                _ => break,
            }
        } else {
            match char_at(text, i) {
                Some(ch) if ch.is_whitespace() => {
                    i += ch.len_utf8();
                    if ch == '\u{2028}' {
                        breaks = breaks.saturating_add(1);
                        line_start = Some(i);
                    } else if ch == '\u{2029}' {
                        breaks = breaks.saturating_add(2);
                        line_start = Some(i);
                    }
                }
                _ => break,
            }
        }
    }
    Ws {
        end: i,
        breaks,
        line_start,
    }
}

/// Moves `e` back over white space, never below `floor`.
fn trim_end(text: &str, mut e: usize, floor: usize) -> usize {
    while e > floor {
        match char_before(text, e) {
            Some(ch) if ch.is_whitespace() => e -= ch.len_utf8(),
            _ => break,
        }
    }
    e
}

/// A run of terminal punctuation and the closers after it.
#[derive(Default)]
struct Cluster {
    end: usize,
    dots: u32,
    ellipsis: bool,
    /// `?` `!` and their relatives.
    qe: bool,
    /// Terminators that split even without a following space (CJK, Indic).
    strong: bool,
    closers: bool,
    /// The last closer is a quotation mark.
    quote: bool,
    /// White space before the cluster (an ellipsis standing apart, S11).
    apart: bool,
    /// A spaced four-dot ellipsis (`. . . .`, S11).
    spaced_four: bool,
}

fn is_quote_closer(ch: char) -> bool {
    matches!(ch, '"' | '\'' | '”' | '’' | '»' | '›' | '」' | '』')
}

fn is_closer(ch: char) -> bool {
    matches!(
        ch,
        '"' | '\''
            | '”'
            | '’'
            | ')'
            | ']'
            | '}'
            | '»'
            | '›'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〉'
            | '》'
            | '〕'
    )
}

fn scan_cluster(text: &str, c: usize) -> Cluster {
    let b = text.as_bytes();
    let mut cl = Cluster::default();
    let mut j = c;
    if b.get(c..c + 5) == Some(b". . .") {
        cl.ellipsis = true;
        cl.dots = 3;
        j = c + 5;
        // S11: a fourth spaced dot, then the end, white space or a closer.
        if b.get(j..j + 2) == Some(b" .")
            && char_at(text, j + 2).is_none_or(|n| n.is_whitespace() || is_closer(n))
        {
            cl.dots = 4;
            cl.spaced_four = true;
            j += 2;
        }
    }
    while let Some(ch) = char_at(text, j) {
        match ch {
            '.' => cl.dots = cl.dots.saturating_add(1),
            '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' | '‽' | '؟' => cl.qe = true,
            '…' => cl.ellipsis = true,
            '。' | '！' | '？' | '｡' | '।' | '॥' | '۔' => cl.strong = true,
            c2 if is_closer(c2) => {
                cl.closers = true;
                cl.quote = is_quote_closer(c2);
            }
            ' ' | '\u{a0}' => {
                // Nested quotes closed with a space between: `?’ ”`, `.' "`.
                let q = j + ch.len_utf8();
                let absorbed = match char_at(text, q) {
                    Some(d @ ('”' | '»')) => Some(q + d.len_utf8()),
                    Some(d @ ('"' | '\'' | '’')) if cl.closers => {
                        let r = q + d.len_utf8();
                        match char_at(text, r) {
                            None => Some(r),
                            Some(e) if e.is_whitespace() || is_closer(e) => Some(r),
                            Some(_) => None,
                        }
                    }
                    _ => None,
                };
                match absorbed {
                    Some(r) => {
                        cl.closers = true;
                        cl.quote = true;
                        j = r;
                        continue;
                    }
                    None => break,
                }
            }
            _ => break,
        }
        j += ch.len_utf8();
    }
    if cl.dots >= 2 {
        cl.ellipsis = true;
    }
    cl.end = j;
    cl
}

/// How an abbreviation-like word before a full stop behaves.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Abbr {
    Normal,
    Never,
    Numeric,
    Time,
    Corp,
    Often,
    /// A US state (or `D.C.`): as `Often`, but after `City, ` it ends the
    /// sentence before any capital, since AP style puts a comma after the
    /// state when the sentence goes on (`Alexandria, Va., on Monday`).
    State,
    Initial,
}

/// The letters-and-dots word that ends at `c` (exclusive), at most
/// [`MAX_WORD_BACK`] bytes long and not before `floor`. Returns `None` when
/// the word is glued to other word characters (`5th`, `Müller`) or too long.
fn prev_word(text: &str, floor: usize, c: usize) -> Option<usize> {
    let b = text.as_bytes();
    let lo = c.saturating_sub(MAX_WORD_BACK).max(floor);
    let mut w = c;
    while w > lo {
        match b.get(w - 1) {
            Some(x) if x.is_ascii_alphabetic() || *x == b'.' => w -= 1,
            _ => break,
        }
    }
    if w == lo && lo > floor {
        return None;
    }
    while w < c && b.get(w) == Some(&b'.') {
        w += 1;
    }
    if w == c {
        return None;
    }
    match char_before(text, w) {
        Some(ch) if ch.is_alphanumeric() => None,
        _ => Some(w),
    }
}

fn classify_word(word: &[u8]) -> Abbr {
    let Some(&first) = word.first() else {
        return Abbr::Normal;
    };
    if word.contains(&b'.') {
        if word.len() == 3 {
            let lw = [
                first.to_ascii_lowercase(),
                b'.',
                word.get(2).map_or(0, |x| x.to_ascii_lowercase()),
            ];
            match &lw {
                b"e.g" | b"i.e" => return Abbr::Never,
                b"a.m" | b"p.m" => return Abbr::Time,
                _ => {}
            }
        }
        let mut segs = 0;
        for seg in word.split(|&x| x == b'.') {
            if seg.is_empty() || seg.len() > 2 {
                return Abbr::Normal;
            }
            segs += 1;
        }
        if matches!(
            word,
            b"D.C" | b"N.Y" | b"N.J" | b"N.H" | b"N.M" | b"N.C" | b"N.D" | b"S.C" | b"S.D" | b"R.I"
        ) {
            return Abbr::State;
        }
        return if segs >= 2 { Abbr::Often } else { Abbr::Normal };
    }
    if word.len() == 1 {
        return match first {
            b'A'..=b'Z' => Abbr::Initial,
            b'v' => Abbr::Never,
            b'p' => Abbr::Numeric,
            _ => Abbr::Normal,
        };
    }
    if word.len() > 7 {
        return Abbr::Normal;
    }
    let mut buf = [0u8; 7];
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let lw = buf.get(..word.len()).unwrap_or(&[]);
    let (class, needs_cap) = match lw {
        b"mr" | b"mrs" | b"ms" | b"mx" | b"dr" | b"drs" | b"sen" | b"sens" | b"rep" | b"reps"
        | b"gov" | b"govs" | b"gen" | b"gens" | b"col" | b"lt" | b"lieut" | b"sgt" | b"capt"
        | b"maj" | b"adm" | b"prof" | b"rev" | b"pres" | b"amb" | b"messrs" | b"mmes" | b"msgr"
        | b"hon" | b"supt" | b"cmdr" | b"cdr" | b"comdr" | b"cpl" | b"pvt" | b"brig" | b"atty"
        | b"insp" | b"det" | b"fr" | b"mt" | b"univ" | b"rt" | b"sec" | b"secy" | b"treas" => {
            (Abbr::Never, true)
        }
        // `Ft. Worth` but `6 ft. 2 in.`
        b"ft" if first.is_ascii_uppercase() => (Abbr::Never, true),
        b"ft" | b"lb" | b"lbs" | b"oz" | b"yd" | b"yds" | b"pct" | b"mln" | b"bln" | b"bn"
        | b"hrs" | b"mins" | b"sq" => (Abbr::Numeric, false),
        b"vs" | b"cf" | b"viz" | b"approx" | b"ca" | b"incl" | b"esp" => (Abbr::Never, false),
        b"no" | b"nos" | b"vol" | b"vols" | b"fig" | b"figs" | b"pp" | b"art" | b"ch" | b"para"
        | b"op" => (Abbr::Numeric, false),
        b"inc" | b"corp" | b"ltd" | b"co" | b"cos" | b"bros" | b"llc" | b"plc" => {
            (Abbr::Corp, true)
        }
        b"al" => (Abbr::Often, false),
        b"jr" | b"sr" | b"st" | b"ste" | b"ave" | b"blvd" | b"rd" | b"hwy" | b"dept" | b"assn"
        | b"esq" | b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep"
        | b"sept" | b"oct" | b"nov" | b"dec" | b"mon" | b"tue" | b"tues" | b"wed" | b"thu"
        | b"thur" | b"thurs" | b"fri" => (Abbr::Often, true),
        b"ala" | b"ariz" | b"ark" | b"calif" | b"colo" | b"conn" | b"del" | b"fla" | b"ga"
        | b"ill" | b"ind" | b"kan" | b"kans" | b"ky" | b"la" | b"md" | b"mass" | b"mich"
        | b"minn" | b"miss" | b"mo" | b"mont" | b"neb" | b"nev" | b"okla" | b"ore" | b"pa"
        | b"tenn" | b"tex" | b"vt" | b"va" | b"wash" | b"wis" | b"wyo" | b"ont" => {
            (Abbr::State, true)
        }
        _ => (Abbr::Normal, false),
    };
    if needs_cap && !first.is_ascii_uppercase() {
        Abbr::Normal
    } else {
        class
    }
}

/// What starts after a candidate boundary.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum NextKind {
    /// Lower-case letter; `true` if the word has an internal capital (`iPhone`).
    Lower(bool),
    Upper,
    Digit,
    Quote,
    Bracket,
    Other,
}

#[derive(Clone, Copy, Debug)]
struct NextTok {
    kind: NextKind,
    /// The ASCII-letter word at the token (after any opening quote or bracket).
    word_start: usize,
    word_end: usize,
}

fn ascii_word_end(b: &[u8], start: usize) -> usize {
    let mut e = start;
    while e < start + MAX_WORD_AHEAD {
        match b.get(e) {
            Some(x) if x.is_ascii_alphabetic() => e += 1,
            _ => break,
        }
    }
    e
}

fn classify_next(text: &str, k: usize) -> NextTok {
    let b = text.as_bytes();
    let Some(ch) = char_at(text, k) else {
        return NextTok {
            kind: NextKind::Other,
            word_start: k,
            word_end: k,
        };
    };
    let after = k + ch.len_utf8();
    let kind = match ch {
        'a'..='z' => {
            let e = ascii_word_end(b, k);
            let inner = b
                .get(k..e)
                .is_some_and(|w| w.iter().any(u8::is_ascii_uppercase));
            NextKind::Lower(inner)
        }
        '0'..='9' => NextKind::Digit,
        '\'' | '‘' => match char_at(text, after) {
            Some(d) if d.is_ascii_digit() => NextKind::Digit,
            Some(l) if l.is_lowercase() => NextKind::Lower(false),
            _ => NextKind::Quote,
        },
        '"' | '“' | '«' | '‹' | '„' | '‚' | '「' | '『' => NextKind::Quote,
        '(' | '[' | '{' | '（' => NextKind::Bracket,
        c if c.is_uppercase() => NextKind::Upper,
        c if c.is_lowercase() => NextKind::Lower(false),
        c if c.is_numeric() => NextKind::Digit,
        _ => NextKind::Other,
    };
    let word_start = match kind {
        NextKind::Quote | NextKind::Bracket => {
            // Skip up to four more openers.
            let mut p = after;
            for _ in 0..4 {
                match char_at(text, p) {
                    Some(o) if matches!(o, '"' | '\'' | '“' | '‘' | '(' | '[' | '«') => {
                        p += o.len_utf8();
                    }
                    _ => break,
                }
            }
            p
        }
        _ => k,
    };
    NextTok {
        kind,
        word_start,
        word_end: ascii_word_end(b, word_start),
    }
}

fn word_at<'t>(text: &'t str, t: &NextTok) -> &'t [u8] {
    text.as_bytes().get(t.word_start..t.word_end).unwrap_or(&[])
}

/// Common capitalised sentence openers in English news.
fn is_starter(w: &[u8]) -> bool {
    matches!(
        w,
        b"The"
            | b"A"
            | b"An"
            | b"He"
            | b"She"
            | b"It"
            | b"They"
            | b"We"
            | b"I"
            | b"You"
            | b"In"
            | b"On"
            | b"At"
            | b"But"
            | b"And"
            | b"Or"
            | b"So"
            | b"Yet"
            | b"This"
            | b"That"
            | b"These"
            | b"Those"
            | b"There"
            | b"Here"
            | b"His"
            | b"Her"
            | b"Its"
            | b"Their"
            | b"Our"
            | b"My"
            | b"Your"
            | b"After"
            | b"Before"
            | b"When"
            | b"While"
            | b"If"
            | b"As"
            | b"Although"
            | b"Though"
            | b"Because"
            | b"Since"
            | b"For"
            | b"With"
            | b"Without"
            | b"Under"
            | b"Over"
            | b"During"
            | b"From"
            | b"By"
            | b"To"
            | b"Last"
            | b"Next"
            | b"Earlier"
            | b"Later"
            | b"Now"
            | b"Then"
            | b"Today"
            | b"Yesterday"
            | b"Tomorrow"
            | b"Tonight"
            | b"Instead"
            | b"Also"
            | b"However"
            | b"Meanwhile"
            | b"Still"
            | b"Despite"
            | b"According"
            | b"Asked"
            | b"Analysts"
            | b"Experts"
            | b"Officials"
            | b"Diplomats"
            | b"Negotiators"
            | b"Reporters"
            | b"Critics"
            | b"Sources"
            | b"Witnesses"
            | b"Residents"
            | b"Lawmakers"
            | b"Some"
            | b"Many"
            | b"Most"
            | b"Several"
            | b"Both"
            | b"Neither"
            | b"Each"
            | b"Every"
            | b"Other"
            | b"Another"
            | b"All"
            | b"Any"
            | b"No"
            | b"Not"
            | b"Only"
            | b"Such"
            | b"Even"
            | b"Once"
            | b"Until"
            | b"Unlike"
            | b"Like"
            | b"Given"
            | b"Among"
            | b"Amid"
            | b"Separately"
            | b"Overall"
            | b"Indeed"
            | b"Nevertheless"
            | b"Nonetheless"
            | b"Moreover"
            | b"Furthermore"
            | b"Thus"
            | b"Therefore"
            | b"What"
            | b"Why"
            | b"How"
            | b"Who"
            | b"Where"
            | b"Which"
            | b"Whether"
            | b"Is"
            | b"Are"
            | b"Was"
            | b"Were"
            | b"Will"
            | b"Would"
            | b"Can"
            | b"Could"
            | b"Should"
            | b"Do"
            | b"Does"
            | b"Did"
            | b"Has"
            | b"Have"
            | b"Had"
            | b"Mr"
            | b"Mrs"
            | b"Ms"
            | b"One"
            | b"Two"
            | b"Three"
            | b"Four"
            | b"Five"
            | b"Based"
            | b"Following"
            | b"Speaking"
            | b"Citing"
            | b"Responding"
            | b"Perhaps"
            | b"Maybe"
            | b"Already"
            | b"Just"
            | b"Soon"
            | b"Often"
            | b"Rather"
            | b"Otherwise"
            | b"Together"
            | b"Beyond"
            | b"Behind"
            | b"Inside"
            | b"Outside"
            | b"Throughout"
            | b"Around"
            | b"Within"
            | b"Through"
            | b"Against"
            | b"Upon"
            | b"Meantime"
            | b"Whatever"
            | b"Whoever"
            | b"Let"
            | b"Finally"
            | b"Additionally"
            | b"Unfortunately"
            | b"Fortunately"
            | b"Ultimately"
            | b"Eventually"
            | b"Currently"
            | b"Recently"
            | b"Similarly"
            | b"Clearly"
            | b"Previously"
            | b"Initially"
            | b"Interestingly"
            | b"Notably"
            | b"Specifically"
            | b"Likewise"
            | b"Importantly"
            | b"Obviously"
            | b"Apparently"
            | b"Certainly"
            | b"Actually"
            | b"Frankly"
            | b"Publicly"
            | b"Privately"
            | b"Officially"
            | b"Reportedly"
            | b"Historically"
            | b"Typically"
            | b"Generally"
            | b"Usually"
            | b"Increasingly"
            | b"Surprisingly"
            | b"Subsequently"
            | b"Consequently"
            | b"Ironically"
            | b"Mostly"
    )
}

/// Capitalised words that commonly follow a clock time in news.
fn is_time_continuation(text: &str, t: &NextTok) -> bool {
    let w = word_at(text, t);
    let known = matches!(
        w,
        b"Monday"
            | b"Tuesday"
            | b"Wednesday"
            | b"Thursday"
            | b"Friday"
            | b"Saturday"
            | b"Sunday"
            | b"Mon"
            | b"Tue"
            | b"Tues"
            | b"Wed"
            | b"Thu"
            | b"Thurs"
            | b"Fri"
            | b"Sat"
            | b"Sun"
            | b"ET"
            | b"EST"
            | b"EDT"
            | b"CT"
            | b"CST"
            | b"CDT"
            | b"MT"
            | b"MST"
            | b"MDT"
            | b"PT"
            | b"PST"
            | b"PDT"
            | b"GMT"
            | b"UTC"
            | b"BST"
            | b"CET"
            | b"CEST"
            | b"AST"
            | b"GST"
            | b"IST"
            | b"PKT"
            | b"IRST"
            | b"Eastern"
            | b"Pacific"
            | b"Central"
            | b"Mountain"
            | b"Local"
            | b"Greenwich"
    );
    if known {
        return true;
    }
    // "5 p.m. Doha time"
    let b = text.as_bytes();
    matches!(b.get(t.word_end), Some(b' '))
        && matches!(
            b.get(t.word_end + 1..t.word_end + 5),
            Some(b"time") | Some(b"Time")
        )
}

/// Capitalised words that continue a company name after `Inc.` and the like.
fn is_corp_continuation(w: &[u8]) -> bool {
    matches!(
        w,
        b"Inc"
            | b"Ltd"
            | b"Corp"
            | b"Co"
            | b"LLC"
            | b"LLP"
            | b"PLC"
            | b"LP"
            | b"AG"
            | b"SA"
            | b"NV"
            | b"Group"
            | b"Holdings"
            | b"Chief"
            | b"CEO"
            | b"CFO"
            | b"COO"
            | b"Chairman"
            | b"Chairwoman"
            | b"President"
            | b"Spokesman"
            | b"Spokeswoman"
            | b"Executive"
            | b"Director"
            | b"Founder"
            | b"Vice"
    )
}

/// Lower-case words that cannot end a line of a headline or standalone line.
fn is_function_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"the"
            | b"a"
            | b"an"
            | b"of"
            | b"to"
            | b"in"
            | b"on"
            | b"at"
            | b"for"
            | b"with"
            | b"and"
            | b"or"
            | b"but"
            | b"nor"
            | b"by"
            | b"from"
            | b"as"
            | b"that"
            | b"which"
            | b"who"
            | b"whom"
            | b"whose"
            | b"is"
            | b"are"
            | b"was"
            | b"were"
            | b"be"
            | b"been"
            | b"being"
            | b"will"
            | b"would"
            | b"could"
            | b"should"
            | b"can"
            | b"may"
            | b"might"
            | b"must"
            | b"has"
            | b"have"
            | b"had"
            | b"its"
            | b"their"
            | b"his"
            | b"her"
            | b"our"
            | b"my"
            | b"your"
            | b"this"
            | b"these"
            | b"those"
            | b"than"
            | b"into"
            | b"onto"
            | b"over"
            | b"under"
            | b"about"
            | b"after"
            | b"before"
            | b"between"
            | b"among"
            | b"against"
            | b"during"
            | b"without"
            | b"within"
            | b"through"
            | b"per"
            | b"via"
            | b"said"
            | b"says"
            | b"told"
            | b"including"
            | b"if"
            | b"while"
            | b"when"
            | b"where"
            | b"whether"
            | b"because"
            | b"since"
            | b"although"
            | b"though"
            | b"not"
            | b"also"
            | b"both"
            | b"either"
            | b"neither"
            | b"near"
            | b"like"
            | b"toward"
            | b"towards"
            | b"upon"
            | b"across"
            | b"amid"
    )
}

/// A list marker's place in its sequence (S9): `3` for `3.` or `3)`, the
/// letter for `c.` or `c)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Number(u16),
    Letter(u8),
}

impl Marker {
    /// Whether `self` comes right after `prev` in a list.
    fn follows(self, prev: Marker) -> bool {
        match (prev, self) {
            (Marker::Number(a), Marker::Number(b)) => b == a.saturating_add(1),
            (Marker::Letter(a), Marker::Letter(b)) => b == a.saturating_add(1),
            _ => false,
        }
    }

    /// Whether `self` opens a list (`1`, `a`).
    fn is_first(self) -> bool {
        matches!(self, Marker::Number(1) | Marker::Letter(b'a'))
    }
}

/// The marker token (`12`, `b`) that ends at `e` (exclusive) and starts
/// after `floor`: one to three ASCII digits or one lower-case letter, with
/// no word character before it. Returns the marker and its start.
fn marker_token_before(b: &[u8], floor: usize, e: usize) -> Option<(Marker, usize)> {
    let mut t = e;
    while t > floor && e - t < 3 && b.get(t - 1).is_some_and(u8::is_ascii_digit) {
        t -= 1;
    }
    let marker = if t < e {
        if t > 0 && b.get(t - 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let mut v = 0u16;
        for &d in b.get(t..e)? {
            v = v * 10 + u16::from(d - b'0');
        }
        Marker::Number(v)
    } else {
        let l = *b.get(e.checked_sub(1)?)?;
        if !l.is_ascii_lowercase() || e - 1 < floor {
            return None;
        }
        t = e - 1;
        Marker::Letter(l)
    };
    Some((marker, t))
}

/// The list marker a unit starting at `p` opens with (S6, S9): an optional
/// bullet (with or without a space after it), then `12.`, `12)`, `12.)`,
/// `b.` or `b)`, then white space. Returns the marker and where its
/// punctuation ends.
fn leading_marker(text: &str, p: usize) -> Option<(Marker, usize)> {
    let b = text.as_bytes();
    let mut q = p;
    if let Some(ch) = char_at(text, q)
        && matches!(ch, '•' | '⁃' | '▪' | '◦' | '‣' | '●' | '■' | '-' | '*')
    {
        q += ch.len_utf8();
        while char_at(text, q).is_some_and(is_hspace) && q < p + 8 {
            q += 1;
        }
    }
    let start = q;
    while q < start + 3 && b.get(q).is_some_and(u8::is_ascii_digit) {
        q += 1;
    }
    if q == start {
        if !b.get(q).is_some_and(u8::is_ascii_lowercase) {
            return None;
        }
        q += 1;
    }
    let (marker, _) = marker_token_before(b, start, q)?;
    let end = match (b.get(q), b.get(q + 1)) {
        (Some(b'.'), Some(b')')) => q + 2,
        (Some(b'.' | b')'), _) => q + 1,
        _ => return None,
    };
    char_at(text, end)
        .is_some_and(char::is_whitespace)
        .then_some((marker, end))
}

/// S6: is `text[s..c]` (a unit so far, before a full stop at `c`) only a
/// list marker (`1`, `iv`, `• 9`, `⁃9`)?
fn is_marker_only(text: &str, s: usize, c: usize) -> bool {
    let b = text.as_bytes();
    if is_list_marker(b.get(s..c).unwrap_or(&[])) {
        return true;
    }
    // A bullet, optional white space, then a number or letter.
    let Some(ch) = char_at(text, s) else {
        return false;
    };
    if !matches!(ch, '•' | '⁃' | '▪' | '◦' | '‣' | '●' | '■' | '-' | '*') {
        return false;
    }
    let mut q = s + ch.len_utf8();
    while q < c && char_at(text, q).is_some_and(is_hspace) {
        q += char_at(text, q).map_or(1, char::len_utf8);
    }
    q < c && is_list_marker(b.get(q..c).unwrap_or(&[]))
}

/// S12: `1,000.That`, `4%.Traders`: a number standing as a word (digits,
/// thousands separators, a per cent sign) before the full stop at `c`, a
/// capitalised word of lower case after the cluster ending at `j`.
fn number_glued(text: &str, c: usize, j: usize) -> bool {
    let b = text.as_bytes();
    if !b.get(j).is_some_and(u8::is_ascii_uppercase)
        || !b.get(j + 1).is_some_and(u8::is_ascii_lowercase)
    {
        return false;
    }
    let mut re = j + 1;
    while re < j + MAX_WORD_AHEAD && b.get(re).is_some_and(u8::is_ascii_lowercase) {
        re += 1;
    }
    // The right word ends as a word does (not `.Com/`, not `Abc1`).
    match b.get(re) {
        None | Some(b' ' | b',' | b';' | b'\n' | b'\r' | b'\t') => {}
        Some(b'.' | b'!' | b'?') if !b.get(re + 1).is_some_and(u8::is_ascii_alphanumeric) => {}
        _ => return false,
    }
    // Left: digits, commas and `%` ending in a digit or `%`, after white
    // space, the start, or a currency sign.
    let Some(&last) = c.checked_sub(1).and_then(|x| b.get(x)) else {
        return false;
    };
    if !(last.is_ascii_digit() || last == b'%') {
        return false;
    }
    let lo = c.saturating_sub(MAX_WORD_BACK);
    let mut l = c;
    while l > lo
        && b.get(l - 1)
            .is_some_and(|x| x.is_ascii_digit() || matches!(x, b',' | b'%'))
    {
        l -= 1;
    }
    if l == lo && lo > 0 {
        return false;
    }
    if !b.get(l).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    match char_before(text, l) {
        None => true,
        Some(ch) => ch.is_whitespace() || matches!(ch, '$' | '€' | '£' | '¥' | '(' | '"' | '“'),
    }
}

/// S14: does the text before `c` end with a numero sign (`N°`, `Nº`, `№`),
/// standing as a word?
fn ends_with_numero(text: &str, c: usize) -> bool {
    let Some(head) = text.get(..c) else {
        return false;
    };
    let rest = if let Some(r) = head.strip_suffix('№') {
        r
    } else if let Some(r) = head
        .strip_suffix("N°")
        .or_else(|| head.strip_suffix("n°"))
        .or_else(|| head.strip_suffix("Nº"))
        .or_else(|| head.strip_suffix("nº"))
    {
        r
    } else {
        return false;
    };
    rest.chars()
        .next_back()
        .is_none_or(|ch| !ch.is_alphanumeric())
}

/// S13: is the unit from `s` to the clock time ending at `c` an opening
/// time phrase (`At 5 a.m.`, `Shortly after 2 a.m.`): a capitalised
/// preposition of time, at most five words in all, no punctuation?
fn fronted_time(text: &str, s: usize, c: usize) -> bool {
    let b = text.as_bytes();
    let Some(phrase) = b.get(s..c) else {
        return false;
    };
    if phrase.len() > 40 || phrase.iter().any(|x| matches!(x, b',' | b';' | b':')) {
        return false;
    }
    let first = phrase.split(|&x| x == b' ').next().unwrap_or(&[]);
    let words = phrase
        .split(|&x| x == b' ')
        .filter(|w| !w.is_empty())
        .count();
    words <= 5
        && matches!(
            first,
            b"At"
                | b"By"
                | b"Around"
                | b"About"
                | b"Until"
                | b"Till"
                | b"Before"
                | b"After"
                | b"From"
                | b"Since"
                | b"Shortly"
                | b"Just"
                | b"Starting"
                | b"Beginning"
                | b"Sometime"
                | b"Early"
                | b"Late"
                | b"Soon"
        )
}

/// S10: are the line `ls..le` and the line starting at `k` both short
/// list lines (at most three words and 40 bytes each, the next without end
/// punctuation and not ending in a function word or a comma)?
fn short_lines(text: &str, ls: usize, le: usize, k: usize) -> bool {
    const MAX: usize = 40;
    let b = text.as_bytes();
    let words = |line: &[u8]| {
        line.split(|x| x.is_ascii_whitespace())
            .filter(|w| !w.is_empty())
            .count()
    };
    let line = b.get(ls..le).unwrap_or(&[]);
    if line.len() > MAX || words(line) > 3 {
        return false;
    }
    // The next line, up to its break (looked at no further than MAX + 1).
    let mut e = k;
    while e < k + MAX + 1 && b.get(e).is_some_and(|&x| x != b'\n' && x != b'\r') {
        e += 1;
    }
    if e > k + MAX {
        return false;
    }
    let next_end = trim_end(text, e, k);
    let next = b.get(k..next_end).unwrap_or(&[]);
    let last_word = |line: &[u8]| {
        line.rsplit(|x| !x.is_ascii_alphabetic())
            .next()
            .unwrap_or(&[])
            .to_vec()
    };
    !next.is_empty()
        && words(next) <= 3
        && !matches!(
            next.last(),
            Some(b'.' | b'!' | b'?' | b',' | b';' | b':' | b'-' | b'"' | b'\'' | b')')
        )
        && !is_function_word(&last_word(line))
        && !is_function_word(&last_word(next))
}

/// `1.`, `12`, `a`, `iv`: a list marker with nothing else in the sentence.
fn is_list_marker(m: &[u8]) -> bool {
    match m.len() {
        0 => false,
        1 => m.iter().all(u8::is_ascii_alphanumeric),
        2 | 3 => {
            m.iter().all(u8::is_ascii_digit)
                || m.iter().all(|x| matches!(x, b'i' | b'v' | b'x'))
                || m.iter().all(|x| matches!(x, b'I' | b'V' | b'X'))
        }
        4 => {
            m.iter().all(|x| matches!(x, b'i' | b'v' | b'x'))
                || m.iter().all(|x| matches!(x, b'I' | b'V' | b'X'))
        }
        _ => false,
    }
}

fn is_hspace(ch: char) -> bool {
    ch == ' ' || ch == '\t' || ch == '\u{a0}'
}

/// Does a list item or bullet start at `p`? (`- x`, `• x`, `1. x`, `2) x`, `(3) x`, `b) x`)
fn starts_list_item(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    let Some(ch) = char_at(text, p) else {
        return false;
    };
    if matches!(
        ch,
        '-' | '*' | '•' | '·' | '–' | '—' | '▪' | '◦' | '‣' | '●' | '■'
    ) {
        return char_at(text, p + ch.len_utf8()).is_some_and(is_hspace);
    }
    let mut q = p;
    let paren = ch == '(';
    if paren {
        q += 1;
    }
    let digits_start = q;
    while q < digits_start + 3 && b.get(q).is_some_and(u8::is_ascii_digit) {
        q += 1;
    }
    let marker_len = q - digits_start;
    let letter = marker_len == 0 && b.get(q).is_some_and(u8::is_ascii_lowercase);
    if letter {
        q += 1;
    } else if marker_len == 0 || b.get(q).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let close = b.get(q).copied();
    let ok = match close {
        Some(b')') => true,
        Some(b'.') => !paren,
        _ => false,
    };
    ok && char_at(text, q + 1).is_some_and(is_hspace)
}

impl Sentences<'_> {
    /// Finds the (trimmed) end of the sentence that starts at `s`, a
    /// non-white-space byte. Updates `line_start` for line breaks it passes.
    fn find_end(&mut self, s: usize) -> usize {
        let text = self.text;
        let b = text.as_bytes();
        let len = b.len();
        let mut i = s;
        loop {
            let Some(c) = next_candidate(b, i) else {
                return trim_end(text, len, s);
            };
            let Some(ch) = char_at(text, c) else {
                // Not at a char boundary cannot happen for lead bytes; be safe.
                i = c + 1;
                continue;
            };
            match ch {
                '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' => {
                    match self.line_break(s, c) {
                        Ok(end) => return end,
                        Err(resume) => i = resume,
                    }
                }
                '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '‽' | '؟' | '。' | '！' | '？'
                | '｡' | '।' | '॥' | '۔' => match self.terminal(s, c) {
                    Ok(end) => return end,
                    Err(resume) => i = resume,
                },
                ')' => {
                    // S9: `2) item` after a unit that began `1) item`.
                    if let Some(t) = self.inline_marker(s, c) {
                        return trim_end(text, t, s);
                    }
                    i = c + 1;
                }
                '•' | '⁃' | '▪' | '◦' | '‣' | '●' | '■' => {
                    // S9: a bullet mid-line starts a list item.
                    let next = c + ch.len_utf8();
                    if c > s
                        && char_before(text, c).is_some_and(is_hspace)
                        && char_at(text, next).is_some_and(|n| is_hspace(n) || n.is_ascii_digit())
                    {
                        return trim_end(text, c, s);
                    }
                    i = next;
                }
                other => i = c + other.len_utf8(),
            }
        }
    }

    /// Decides at a line break at `c`. `Ok(end)` ends the sentence,
    /// `Err(resume)` continues scanning at `resume`.
    fn line_break(&mut self, s: usize, c: usize) -> Result<usize, usize> {
        // S7: a blank line always ends a unit; a single break may.
        let text = self.text;
        let ws = skip_ws(text, c);
        let k = ws.end;
        if k >= text.len() || ws.breaks >= 2 || self.line_splits(c, k) {
            return Ok(trim_end(text, c, s));
        }
        if let Some(ls) = ws.line_start {
            self.line_start = ls;
        }
        Err(k.max(c + 1))
    }

    /// Does a single line break at `c` (next text at `k`) end a unit?
    fn line_splits(&self, c: usize, k: usize) -> bool {
        // S7: does the line stand alone (headline, dateline, list item)?
        let text = self.text;
        let b = text.as_bytes();
        if starts_list_item(text, k) {
            return true;
        }
        let ls = self.line_start.min(c);
        let le = trim_end(text, c, ls);
        let line_is_item = starts_list_item(text, ls);
        let next = classify_next(text, k);
        if let NextKind::Lower(false) = next.kind {
            // Hard-wrapped prose, unless the line is an all-caps headline
            // or (S10) this line and the next are short list lines.
            let line = b.get(ls..le).unwrap_or(&[]);
            return (line.len() <= MAX_LINE_INSPECT
                && line.iter().filter(|x| x.is_ascii_uppercase()).count() >= 2
                && !line.iter().any(u8::is_ascii_lowercase))
                || short_lines(text, ls, le, k);
        }
        if line_is_item {
            return true;
        }
        match char_before(text, le) {
            Some(
                ',' | ';' | '-' | '–' | '—' | '(' | '[' | '{' | '/' | '&' | '+' | '=' | '“' | '‘',
            ) => {
                return false;
            }
            None => return true,
            _ => {}
        }
        // Last ASCII word of the line.
        let lo = le.saturating_sub(MAX_WORD_AHEAD).max(ls);
        let mut w = le;
        while w > lo && b.get(w - 1).is_some_and(u8::is_ascii_alphabetic) {
            w -= 1;
        }
        let glued = w > ls && b.get(w - 1).is_some_and(u8::is_ascii_alphanumeric);
        let word = b.get(w..le).unwrap_or(&[]);
        glued || !is_function_word(word)
    }

    /// S9: is the `.` or `)` at `c` the punctuation of a list marker that
    /// starts a new unit inside the unit begun at `s`? Returns where the
    /// marker starts (the unit ends before it). A first marker (`1)`, `a.`)
    /// that starts no unit is remembered, so that `demands 1) x 2) y`
    /// splits before `2)`.
    fn inline_marker(&mut self, s: usize, c: usize) -> Option<usize> {
        let text = self.text;
        let b = text.as_bytes();
        // (`2.)`: the marker is seen at its `.`; at the `)` no token ends.)
        let (marker, t) = marker_token_before(b, s, c)?;
        if t <= s || !char_before(text, t).is_some_and(is_hspace) {
            return None;
        }
        // After the punctuation (`.`, `)` or `.)`): a space, then a word.
        let after = match (b.get(c), b.get(c + 1)) {
            (Some(b'.'), Some(b')')) => c + 2,
            _ => c + 1,
        };
        if !char_at(text, after).is_some_and(is_hspace) {
            return None;
        }
        let ws = skip_ws(text, after);
        if ws.breaks > 0 || !char_at(text, ws.end).is_some_and(char::is_alphanumeric) {
            return None;
        }
        let continues = self.marker.is_some_and(|prev| marker.follows(prev));
        let opens = marker.is_first()
            && text
                .get(s..t)
                .is_some_and(|before| before.trim_end().ends_with(':'));
        if !(continues || opens) && marker.is_first() {
            self.marker = Some(marker);
        }
        (continues || opens).then_some(t)
    }

    /// Decides at a terminator at `c`.
    fn terminal(&mut self, s: usize, c: usize) -> Result<usize, usize> {
        let text = self.text;
        // S9: `2. item` after a unit that began `1. item`.
        if let Some(t) = self.inline_marker(s, c) {
            return Ok(trim_end(text, t, s));
        }
        // S1: the terminator with the closers that follow it is one unit.
        let mut cl = scan_cluster(text, c);
        let j = cl.end;
        cl.apart = char_before(text, c).is_some_and(char::is_whitespace);
        // S11: `compounds. . . . The practice`: the full stop ends the
        // sentence, the spaced ellipsis opens the next.
        if cl.spaced_four && !cl.apart && c > s && !cl.closers {
            let ws = skip_ws(text, j);
            if ws.end < text.len()
                && ws.end > j
                && matches!(
                    classify_next(text, ws.end).kind,
                    NextKind::Upper | NextKind::Quote
                )
            {
                return Ok(c + 1);
            }
        }
        if j >= text.len() {
            return Ok(j);
        }
        let Some(after) = char_at(text, j) else {
            return Err(j.max(c + 1));
        };
        if !after.is_whitespace() {
            // S2: glued to what follows, a cluster is inside a token unless
            // it is a CJK/Indic terminator or a missing space.
            if cl.strong && c > s {
                return Ok(j);
            }
            if !cl.ellipsis && c > s && (missing_space(text, c, j) || number_glued(text, c, j)) {
                // The sentence ends before a glued opening quote.
                return Ok(j);
            }
            return Err(j.max(c + 1));
        }
        let ws = skip_ws(text, j);
        let k = ws.end;
        if k >= text.len() || ws.breaks >= 2 {
            return Ok(j);
        }
        let newline = ws.breaks >= 1;
        let split = c > s && self.decide(s, c, &cl, k, newline);
        if split {
            return Ok(j);
        }
        if let Some(ls) = ws.line_start {
            self.line_start = ls;
        }
        Err(k.max(c + 1))
    }

    fn decide(&self, s: usize, c: usize, cl: &Cluster, k: usize, newline: bool) -> bool {
        let text = self.text;
        let next = classify_next(text, k);
        let lower = matches!(next.kind, NextKind::Lower(false));
        if cl.strong {
            return true;
        }
        if cl.quote && attribution_follows(text, k, cl.qe || cl.ellipsis) {
            return false;
        }
        if cl.qe {
            return !lower;
        }
        if cl.ellipsis && cl.apart {
            // S11: an ellipsis standing apart is an omission inside the
            // sentence, unless a fourth dot closes it.
            return newline || (cl.dots >= 4 && !lower);
        }
        // S6: "1." or "1.)" alone is a list marker, not a sentence.
        if cl.dots == 1 && !cl.ellipsis && !cl.quote && is_marker_only(text, s, c) {
            return false;
        }
        if cl.ellipsis {
            // S4: an ellipsis ends a sentence only before a capital, a
            // quotation or a line break.
            return match next.kind {
                NextKind::Upper | NextKind::Quote | NextKind::Lower(true) => true,
                NextKind::Lower(false) => false,
                _ => newline,
            };
        }
        if cl.closers {
            return !lower;
        }
        // S5: the word before the full stop may be an abbreviation, whose
        // class says what may follow it; S3: otherwise lower case goes on.
        // S14: `N°.` is `No.`.
        let class = match prev_word(text, s, c) {
            _ if ends_with_numero(text, c) => Abbr::Numeric,
            Some(w) => match classify_word(text.as_bytes().get(w..c).unwrap_or(&[])) {
                Abbr::State if w < 2 || text.as_bytes().get(w - 2..w) != Some(b", ") => Abbr::Often,
                other => other,
            },
            None => Abbr::Normal,
        };
        let inner_starter = || is_starter(word_at(text, &next));
        match class {
            Abbr::Normal => !lower,
            Abbr::Never => false,
            Abbr::Numeric => !lower && next.kind != NextKind::Digit,
            // S13: `At 5 a.m. Mr. Smith went`: an opening time phrase.
            Abbr::Time if !newline && fronted_time(text, s, c) => false,
            Abbr::Time => match next.kind {
                NextKind::Upper => newline || !is_time_continuation(text, &next),
                NextKind::Quote => true,
                NextKind::Bracket => inner_starter(),
                _ => false,
            },
            Abbr::Corp => match next.kind {
                NextKind::Upper => newline || !is_corp_continuation(word_at(text, &next)),
                NextKind::Quote => true,
                NextKind::Bracket => inner_starter(),
                _ => false,
            },
            Abbr::Often | Abbr::State => match next.kind {
                NextKind::Upper => newline || class == Abbr::State || inner_starter(),
                NextKind::Quote => true,
                NextKind::Bracket => inner_starter(),
                NextKind::Other => newline,
                _ => false,
            },
            Abbr::Initial => match next.kind {
                NextKind::Upper => {
                    let w = word_at(text, &next);
                    w != b"A" && w != b"I" && is_starter(w)
                }
                NextKind::Quote => true,
                NextKind::Bracket => inner_starter(),
                _ => false,
            },
        }
    }
}

/// `ended.Reporters`, `Clinton.Roots`, `security.”The`: a terminator at `c`
/// (with any closers up to `j`) between a word of two or more letters ending
/// in lower case and a capitalised word, outside URLs, e-mail addresses,
/// domains and abbreviations.
fn missing_space(text: &str, c: usize, j: usize) -> bool {
    let b = text.as_bytes();
    // `Israel.“And`: a glued opening curly quote starts the next sentence.
    let j = if b.get(j..j + 3) == Some("“".as_bytes()) {
        j + 3
    } else {
        j
    };
    // Right: capital letter then at least one lower-case letter.
    if !b.get(j).is_some_and(u8::is_ascii_uppercase)
        || !b.get(j + 1).is_some_and(u8::is_ascii_lowercase)
    {
        return false;
    }
    let mut re = j + 1;
    while re < j + MAX_WORD_AHEAD && b.get(re).is_some_and(u8::is_ascii_lowercase) {
        re += 1;
    }
    match b.get(re) {
        Some(b'/' | b'@' | b'_' | b'=' | b'\\') => return false,
        Some(b'.' | b':') if b.get(re + 1).is_some_and(u8::is_ascii_alphanumeric) => return false,
        Some(x) if x.is_ascii_alphanumeric() => return false,
        _ => {}
    }
    // `Example.Com`, `report.Pdf`: domain and file suffixes.
    if matches!(
        b.get(j..re).unwrap_or(&[]),
        b"Com"
            | b"Org"
            | b"Net"
            | b"Gov"
            | b"Edu"
            | b"Int"
            | b"Mil"
            | b"Info"
            | b"Biz"
            | b"Io"
            | b"Co"
            | b"Uk"
            | b"Us"
            | b"Tv"
            | b"Pdf"
            | b"Doc"
            | b"Docx"
            | b"Htm"
            | b"Html"
            | b"Jpg"
            | b"Png"
            | b"Gif"
            | b"Txt"
            | b"Csv"
            | b"Xls"
            | b"Php"
            | b"Aspx"
    ) {
        return false;
    }
    // Left: two or more letters ending in lower case, not part of a URL,
    // domain or abbreviation.
    if !c
        .checked_sub(1)
        .and_then(|x| b.get(x))
        .is_some_and(u8::is_ascii_lowercase)
    {
        return false;
    }
    let lo = c.saturating_sub(MAX_WORD_BACK);
    let mut l = c;
    while l > lo && b.get(l - 1).is_some_and(u8::is_ascii_alphabetic) {
        l -= 1;
    }
    if c - l < 2 || (l == lo && lo > 0) {
        return false;
    }
    if classify_word(b.get(l..c).unwrap_or(&[])) != Abbr::Normal {
        return false;
    }
    match char_before(text, l) {
        None => true,
        Some(ch) => ch.is_whitespace() || matches!(ch, '"' | '\'' | '“' | '‘' | '(' | '[' | '«'),
    }
}

/// `“Is it over?” Trump asked.`: one to three capitalised words (a name,
/// possibly with a title) and a speech verb, then `.` or `,`. The quotation
/// and its attribution are one sentence. After a quotation that ends with a
/// full stop only `Name said.` counts (`, ` would start a new sentence).
fn attribution_follows(text: &str, k: usize, comma_ok: bool) -> bool {
    let b = text.as_bytes();
    let mut p = k;
    let mut names = 0;
    loop {
        let e = ascii_word_end(b, p);
        let word = b.get(p..e).unwrap_or(&[]);
        let Some(&first) = word.first() else {
            return false;
        };
        if first.is_ascii_uppercase() {
            if names == 3 || is_starter(word) {
                return false;
            }
            names += 1;
            p = e;
            if b.get(p) == Some(&b'.') {
                p += 1;
            }
            if b.get(p) != Some(&b' ') {
                return false;
            }
            p += 1;
            continue;
        }
        let end_ok = match b.get(e) {
            Some(b'.') => true,
            Some(b',') => {
                // `Carson quipped, "Yeah."` introduces a new quotation.
                comma_ok && !matches!(char_at(text, e + 2), Some('"' | '“' | '\'' | '‘'))
            }
            _ => false,
        };
        return names > 0 && is_speech_verb(word) && end_ok;
    }
}

fn is_speech_verb(w: &[u8]) -> bool {
    matches!(
        w,
        b"said"
            | b"says"
            | b"asked"
            | b"asks"
            | b"tweeted"
            | b"tweets"
            | b"wrote"
            | b"writes"
            | b"added"
            | b"adds"
            | b"told"
            | b"replied"
            | b"replies"
            | b"responded"
            | b"declared"
            | b"insisted"
            | b"insists"
            | b"noted"
            | b"notes"
            | b"explained"
            | b"argued"
            | b"argues"
            | b"continued"
            | b"warned"
            | b"warns"
            | b"stated"
            | b"shouted"
            | b"posted"
            | b"quipped"
            | b"joked"
            | b"recalled"
            | b"admitted"
            | b"conceded"
            | b"countered"
            | b"suggested"
            | b"concluded"
            | b"acknowledged"
            | b"announced"
            | b"claimed"
            | b"cautioned"
            | b"predicted"
            | b"vowed"
    )
}

/// What a sentence is in the structure of an article.
///
/// Computed by [`sentence_kind`] from the text around a sentence's span;
/// shown as `"kind"` in the `--sentences` dump. By default only
/// [`Body`](SentenceKind::Body) sentences and
/// [`ListItem`](SentenceKind::ListItem)s count in per-sentence
/// denominators (see [`Metric`](crate::Metric)).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// A line that stands alone without end punctuation: a headline, a
    /// subheading, a dek, a byline, a photo credit, page furniture
    /// (`What to watch next`, `By Lena Park`, `Advertisement`).
    Heading,
    /// An item of a list: it starts with a bullet or a list marker (`• `,
    /// `- `, `1. `, `2) `, `b. `), on its own line or inline (S9).
    ListItem,
    /// Running prose: every other sentence.
    #[default]
    Body,
}

impl SentenceKind {
    /// The name used in reports: `heading`, `list_item` or `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceKind::Heading => "heading",
            SentenceKind::ListItem => "list_item",
            SentenceKind::Body => "body",
        }
    }
}

/// The kind of the sentence at `span` of `text` (a span as [`sentences`]
/// gives it).
///
/// * [`ListItem`](SentenceKind::ListItem): the span starts with a bullet
///   (`•` `⁃` `▪` `◦` `‣` `●` `■` `-` `*` `·` and a space; not a dash `–`
///   `—`, which at the start of a line in news introduces an attribution,
///   as under an embedded post) or a
///   list marker (`12.` `12)` `12.)` `(12)` `b.` `b)`, possibly after a
///   bullet, then white space).
/// * [`Heading`](SentenceKind::Heading): otherwise, when the span is a
///   whole line (only white space between it and the line breaks, or the
///   text's ends, around it), at most 200 bytes long, and ends without end
///   punctuation (`.` `!` `?` `…` and the other terminators, before any
///   closing quotes or brackets), a comma, a dash or a function word (`the`,
///   `of`, `said`, ...): a line cut off in mid-sentence is body text.
/// * [`Body`](SentenceKind::Body): everything else.
///
/// Spans that are not on `char` boundaries of `text` are body sentences.
pub fn sentence_kind(text: &str, span: Span) -> SentenceKind {
    let (s, e) = (span.start, span.end);
    let Some(sentence) = text.get(s..e) else {
        return SentenceKind::Body;
    };
    if sentence.is_empty() {
        return SentenceKind::Body;
    }
    // A dash opening a line is no bullet here: in news it introduces an
    // attribution (`— Name (@handle) May 29, 2017`) or a reply.
    let dash = matches!(char_at(text, s), Some('–' | '—'));
    if leading_marker(text, s).is_some() || (starts_list_item(text, s) && !dash) {
        return SentenceKind::ListItem;
    }
    if sentence.len() > MAX_LINE_INSPECT {
        return SentenceKind::Body;
    }
    // A whole line: only horizontal white space to the line breaks.
    let before = text.get(..s).unwrap_or("");
    let starts_line = before
        .chars()
        .rev()
        .find(|ch| !is_line_space(*ch))
        .is_none_or(is_line_break);
    let after = text.get(e..).unwrap_or("");
    let ends_line = after
        .chars()
        .find(|ch| !is_line_space(*ch))
        .is_none_or(is_line_break);
    if !starts_line || !ends_line {
        return SentenceKind::Body;
    }
    // No end punctuation before the closers.
    let body = sentence.trim_end_matches(is_closer);
    let Some(last) = body.chars().next_back() else {
        return SentenceKind::Body;
    };
    if matches!(
        last,
        '.' | '!'
            | '?'
            | '…'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '‽'
            | '؟'
            | '。'
            | '！'
            | '？'
            | '｡'
            | '।'
            | '॥'
            | '۔'
            | ','
            | ';'
            | '-'
            | '–'
            | '—'
    ) {
        return SentenceKind::Body;
    }
    let b = body.as_bytes();
    let mut w = b.len();
    while w > 0 && b.get(w - 1).is_some_and(u8::is_ascii_alphabetic) {
        w -= 1;
    }
    if is_function_word(b.get(w..).unwrap_or(&[])) {
        return SentenceKind::Body;
    }
    SentenceKind::Heading
}

/// White space that is not a line break.
fn is_line_space(ch: char) -> bool {
    ch.is_whitespace() && !is_line_break(ch)
}

fn is_line_break(ch: char) -> bool {
    matches!(
        ch,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' | '\u{85}'
    )
}
