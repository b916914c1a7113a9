//! LIWC-style `.dic` dictionaries, for researchers who own one: converted
//! into the TOML lexicon format (see [`Lexicon`](crate::Lexicon)) so they extend or
//! add cue categories.
//!
//! The `.dic` format is documented on
//! [`AnalyzerBuilder::lexicon_dic`](crate::AnalyzerBuilder::lexicon_dic).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::error::{LexiconError, LexiconErrorKind};

/// A `.dic` file converted to TOML, with, for each TOML line, the `.dic`
/// line it came from (so errors found later name the `.dic` line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConvertedDic {
    /// The lexicon as TOML.
    pub toml: String,
    /// `dic_lines[i]` is the 1-based `.dic` line of TOML line `i + 1`.
    pub dic_lines: Vec<usize>,
}

/// Converts a `.dic` dictionary; `name` is used in errors.
pub(crate) fn dic_to_toml(name: &str, text: &str) -> Result<ConvertedDic, LexiconError> {
    let error = |line: usize, entry: &str, msg: &str| LexiconError {
        file: name.to_string(),
        line: Some(line),
        entry: (!entry.is_empty()).then(|| entry.to_string()),
        kind: LexiconErrorKind::Syntax(msg.to_string()),
    };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    // Skip to the opening `%`.
    loop {
        match lines.next() {
            Some((_, "")) => continue,
            Some((_, "%")) => break,
            Some((n, other)) => return Err(error(n, other, "a .dic file starts with a `%` line")),
            None => return Err(error(1, "", "empty .dic file")),
        }
    }
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut header_closed = false;
    for (n, line) in lines.by_ref() {
        if line == "%" {
            header_closed = true;
            break;
        }
        if line.is_empty() {
            continue;
        }
        let Some((number, category)) = line
            .split_once(char::is_whitespace)
            .map(|(n, c)| (n, c.trim()))
            .filter(|(_, c)| !c.is_empty())
        else {
            return Err(error(n, line, "a header line is `NUMBER<TAB>CATEGORY`"));
        };
        let category: String = category
            .to_lowercase()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        names.insert(number.to_string(), category);
    }
    if !header_closed {
        return Err(error(
            text.lines().count().max(1),
            "",
            "the category header has no closing `%`",
        ));
    }
    // category -> (term, dic line)
    let mut terms: BTreeMap<&str, Vec<(String, usize)>> = BTreeMap::new();
    for (n, line) in lines {
        if line.is_empty() {
            continue;
        }
        // The word or phrase is everything before the first field that is
        // a category number.
        let fields: Vec<&str> = line.split_whitespace().collect();
        let first_number = fields
            .iter()
            .position(|f| names.contains_key(*f))
            .ok_or_else(|| error(n, line, "no known category number on this line"))?;
        if first_number == 0 {
            return Err(error(n, line, "an entry starts with its word or phrase"));
        }
        let term = fields[..first_number].join(" ").to_lowercase();
        for field in &fields[first_number..] {
            let category = names
                .get(*field)
                .ok_or_else(|| error(n, line, &format!("unknown category number {field}")))?;
            terms.entry(category).or_default().push((term.clone(), n));
        }
    }
    let mut toml = String::new();
    let mut dic_lines = Vec::new();
    let mut push = |toml: &mut String, line: String, dic_line: usize| {
        toml.push_str(&line);
        toml.push('\n');
        dic_lines.push(dic_line);
    };
    for (category, entries) in &terms {
        let first = entries.first().map_or(1, |e| e.1);
        push(&mut toml, format!("[categories.{category}]"), first);
        // A dictionary category named like a metric role (`hedge`, ...)
        // takes that role, as framescope's own category of that name does.
        if let Some(role) = crate::lexicon::CategoryRole::from_name(category) {
            push(&mut toml, format!("role = \"{}\"", role.as_str()), first);
        }
        push(&mut toml, "terms = [".to_string(), first);
        for (term, line) in entries {
            let mut quoted = String::new();
            let _ = write!(quoted, "  {},", toml_string(term));
            push(&mut toml, quoted, *line);
        }
        push(&mut toml, "]".to_string(), first);
    }
    Ok(ConvertedDic { toml, dic_lines })
}

/// `s` as a TOML basic string (quoted, escaped); also used by the YAML
/// converter.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_categories_and_keeps_line_numbers() {
        let dic = "%\n1\thedge\n2\tTrust Words\n%\nperhaps\t1\nkind of\t1 2\nrely*\t2\n";
        let converted = dic_to_toml("x.dic", dic).unwrap();
        assert!(converted.toml.contains("[categories.hedge]"));
        assert!(converted.toml.contains("[categories.trust_words]"));
        assert!(converted.toml.contains("\"kind of\","));
        assert!(converted.toml.contains("\"rely*\","));
        let line_of = |needle: &str| {
            let i = converted
                .toml
                .lines()
                .position(|l| l.contains(needle))
                .unwrap();
            converted.dic_lines[i]
        };
        assert_eq!(line_of("\"perhaps\""), 5);
        assert_eq!(line_of("\"rely*\""), 7);
    }

    #[test]
    fn bad_dic_files_name_the_line() {
        let err = dic_to_toml("x.dic", "%\n1\thedge\n%\nperhaps\t9\n").unwrap_err();
        assert_eq!(err.line, Some(4));
        let err = dic_to_toml("x.dic", "1\thedge\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        let err = dic_to_toml("x.dic", "%\n1\thedge\nperhaps\t1\n").unwrap_err();
        assert!(err.to_string().contains("closing"), "{err}");
    }
}
