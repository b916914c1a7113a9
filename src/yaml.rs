//! YAML dictionaries as quanteda writes and reads them
//! (`quanteda::dictionary(file = "x.yml")`), converted into the TOML
//! lexicon format (see [`Lexicon`](crate::Lexicon)) so that they extend or
//! add cue categories, as `.dic` files do (`liwc`).
//!
//! The format is documented on
//! [`AnalyzerBuilder::lexicon_yaml`](crate::AnalyzerBuilder::lexicon_yaml).
//! Parsing is yaml-rust2's (a YAML 1.2 parser), through its events, so
//! every entry keeps its line for error messages.

use std::fmt::Write as _;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::error::{LexiconError, LexiconErrorKind};
use crate::liwc::{ConvertedDic, toml_string};

/// A YAML node with the line it starts on.
#[derive(Debug)]
enum Node {
    Scalar(String, usize),
    Seq(Vec<Node>, usize),
    /// Keys with their lines, and values.
    Map(Vec<(String, usize, Node)>, usize),
    /// An alias or anything else a dictionary has no use for.
    Other(usize),
}

impl Node {
    fn line(&self) -> usize {
        match self {
            Node::Scalar(_, l) | Node::Seq(_, l) | Node::Map(_, l) | Node::Other(l) => *l,
        }
    }
}

/// Builds the node tree from the parser's events.
#[derive(Default)]
struct Builder {
    /// Open collections: a sequence's items, or a map's entries and a key
    /// waiting for its value.
    stack: Vec<Open>,
    /// The first document's root.
    root: Option<Node>,
}

enum Open {
    Seq(Vec<Node>, usize),
    Map(Vec<(String, usize, Node)>, Option<(String, usize)>, usize),
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Open::Seq(items, _)) => items.push(node),
            Some(Open::Map(entries, key, _)) => match key.take() {
                Some((k, line)) => entries.push((k, line, node)),
                None => {
                    let (text, line) = match node {
                        Node::Scalar(s, l) => (s, l),
                        other => (String::new(), other.line()),
                    };
                    *key = Some((text, line));
                }
            },
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let line = mark.line();
        match event {
            Event::Scalar(value, ..) => self.push(Node::Scalar(value, line)),
            Event::SequenceStart(..) => self.stack.push(Open::Seq(Vec::new(), line)),
            Event::MappingStart(..) => self.stack.push(Open::Map(Vec::new(), None, line)),
            Event::SequenceEnd => {
                if let Some(Open::Seq(items, l)) = self.stack.pop() {
                    self.push(Node::Seq(items, l));
                }
            }
            Event::MappingEnd => {
                if let Some(Open::Map(entries, _, l)) = self.stack.pop() {
                    self.push(Node::Map(entries, l));
                }
            }
            Event::Alias(_) => self.push(Node::Other(line)),
            _ => {}
        }
    }
}

/// A category or subtype name as framescope takes it: lower case, ASCII
/// letters, digits and `_` (anything else becomes `_`), as for `.dic`
/// categories.
fn name(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A dictionary value as a framescope term: a regular expression between
/// slashes is kept; a word with a glob (`*` anywhere but at its end, or
/// `?`) becomes an anchored regular expression over the word; a trailing
/// `*` stays a prefix; anything else is a word or phrase as it is.
fn term(value: &str) -> String {
    value
        .split_whitespace()
        .map(|word| {
            let regex = word.len() > 2 && word.starts_with('/') && word.ends_with('/');
            let body = word.strip_suffix('*').unwrap_or(word);
            if regex || !(body.contains(['*', '?'])) {
                return word.to_string();
            }
            let mut re = String::from("/^");
            for c in word.chars() {
                match c {
                    '*' => re.push_str(".*"),
                    '?' => re.push('.'),
                    c if c.is_alphanumeric() || c == '_' || c == '-' || c == '\'' => re.push(c),
                    c => {
                        let _ = write!(re, "\\x{{{:x}}}", c as u32);
                    }
                }
            }
            re.push_str("$/");
            re
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every term under a node, with its line (nested lists and maps
/// flattened).
fn terms_of(node: &Node, out: &mut Vec<(String, usize)>) {
    match node {
        Node::Scalar(s, l) => out.push((term(s), *l)),
        Node::Seq(items, _) => items.iter().for_each(|n| terms_of(n, out)),
        Node::Map(entries, _) => entries.iter().for_each(|(_, _, n)| terms_of(n, out)),
        Node::Other(_) => {}
    }
}

/// A subcategory: its name, line, and terms with their lines.
type Subtype = (String, usize, Vec<(String, usize)>);

/// Converts a YAML dictionary; `file` names it in errors.
pub(crate) fn yaml_to_toml(file: &str, text: &str) -> Result<ConvertedDic, LexiconError> {
    let error = |line: usize, entry: Option<&str>, msg: String| LexiconError {
        file: file.to_string(),
        line: Some(line.max(1)),
        entry: entry.map(str::to_string),
        kind: LexiconErrorKind::Syntax(msg),
    };
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut builder, false)
        .map_err(|e| error(e.marker().line(), None, e.info().to_string()))?;
    let entries = match builder.root {
        Some(Node::Map(entries, _)) => entries,
        None => Vec::new(),
        Some(other) => {
            return Err(error(
                other.line(),
                None,
                "a YAML dictionary is a mapping of categories to their words".into(),
            ));
        }
    };
    let mut toml = String::new();
    let mut lines = Vec::new();
    let mut push = |toml: &mut String, line: String, at: usize| {
        toml.push_str(&line);
        toml.push('\n');
        lines.push(at);
    };
    let list = |toml: &mut String,
                push: &mut dyn FnMut(&mut String, String, usize),
                key: &str,
                terms: &[(String, usize)],
                at: usize| {
        push(toml, format!("{key} = ["), at);
        for (t, line) in terms {
            push(toml, format!("  {},", toml_string(t)), *line);
        }
        push(toml, "]".to_string(), at);
    };
    for (category, line, node) in &entries {
        let category = name(category);
        if category.is_empty() {
            return Err(error(*line, None, "a category without a name".into()));
        }
        // Words directly under the category, and subtypes (nested maps).
        let mut plain: Vec<(String, usize)> = Vec::new();
        let mut subtypes: Vec<Subtype> = Vec::new();
        let mut subtype = |key: &str, at: usize, n: &Node| -> Result<(), LexiconError> {
            let sub = name(key);
            if sub.is_empty() {
                return Err(error(at, None, "a subcategory without a name".into()));
            }
            let mut terms = Vec::new();
            terms_of(n, &mut terms);
            match subtypes.iter_mut().find(|(s, _, _)| *s == sub) {
                Some((_, _, t)) => t.extend(terms),
                None => subtypes.push((sub, at, terms)),
            }
            Ok(())
        };
        match node {
            Node::Map(subs, _) => {
                for (key, at, n) in subs {
                    subtype(key, *at, n)?;
                }
            }
            Node::Seq(items, _) => {
                for item in items {
                    match item {
                        Node::Map(subs, _) => {
                            for (key, at, n) in subs {
                                subtype(key, *at, n)?;
                            }
                        }
                        other => terms_of(other, &mut plain),
                    }
                }
            }
            other => terms_of(other, &mut plain),
        }
        push(&mut toml, format!("[categories.{category}]"), *line);
        if let Some(role) = crate::lexicon::CategoryRole::from_name(&category) {
            push(&mut toml, format!("role = \"{}\"", role.as_str()), *line);
        }
        if !plain.is_empty() {
            list(&mut toml, &mut push, "terms", &plain, *line);
        }
        if !subtypes.is_empty() {
            push(
                &mut toml,
                format!("[categories.{category}.subtypes]"),
                *line,
            );
            for (sub, at, terms) in &subtypes {
                list(&mut toml, &mut push, sub, terms, *at);
            }
        }
    }
    Ok(ConvertedDic {
        toml,
        dic_lines: lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_become_regular_expressions_and_prefixes_stay() {
        let cases = [
            ("perhaps", "perhaps"),
            ("hope*", "hope*"),
            ("optimi?m", "/^optimi.m$/"),
            ("*ward", "/^.*ward$/"),
            ("un*able*", "/^un.*able.*$/"),
            ("/^optimi[sz]/", "/^optimi[sz]/"),
            ("not sure", "not sure"),
            ("wait* and see", "wait* and see"),
        ];
        for (value, expected) in cases {
            assert_eq!(term(value), expected, "{value}");
        }
    }

    #[test]
    fn categories_subtypes_and_lines() {
        let yaml = "# a quanteda dictionary\nhedge:\n  - perhaps\n  - possib*\nOptimism:\n  upbeat:\n    - hope*\n    - buoyant\n  guarded: [cautious*]\n";
        let converted = yaml_to_toml("x.yml", yaml).unwrap();
        let toml = &converted.toml;
        assert!(
            toml.contains(
                "[categories.hedge]\nrole = \"hedge\"\nterms = [\n  \"perhaps\",\n  \"possib*\",\n]"
            ),
            "{toml}"
        );
        assert!(
            toml.contains(
                "[categories.optimism.subtypes]\nupbeat = [\n  \"hope*\",\n  \"buoyant\",\n]"
            ),
            "{toml}"
        );
        assert!(toml.contains("guarded = [\n  \"cautious*\",\n]"), "{toml}");
        let line_of = |needle: &str| {
            let i = toml.lines().position(|l| l.contains(needle)).unwrap();
            converted.dic_lines[i]
        };
        assert_eq!(line_of("\"possib*\""), 4);
        assert_eq!(line_of("\"buoyant\""), 8);
        assert_eq!(line_of("\"cautious*\""), 9);
    }

    #[test]
    fn bad_yaml_names_the_line() {
        let err = yaml_to_toml("x.yml", "hedge:\n  - perhaps\n - [unclosed\n").unwrap_err();
        assert_eq!(err.file, "x.yml");
        assert!(err.line.is_some(), "{err}");
        let err = yaml_to_toml("x.yml", "- a\n- b\n").unwrap_err();
        assert!(err.to_string().contains("mapping"), "{err}");
    }
}
