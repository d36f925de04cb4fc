//! The stage's word lists (`data/lexicon.toml`), parsed once.

use std::collections::HashSet;

static LEXICON: &str = include_str!("../data/lexicon.toml");

/// Word lists used by recognition; all lower case.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub place_cues: HashSet<String>,
    pub place_heads: HashSet<String>,
    pub person_titles: HashSet<String>,
    pub place_modifiers: HashSet<String>,
    pub outlet_words: HashSet<String>,
    pub landmark_words: HashSet<String>,
    pub name_connectors: HashSet<String>,
    pub speech_verbs: HashSet<String>,
    pub function_words: HashSet<String>,
    pub calendar_words: HashSet<String>,
    pub abbreviations: HashSet<String>,
    /// Normalised names that are never toponyms here: given by the pipeline (the armed and
    /// political groups the entity stage knows, such as a group whose name a village elsewhere
    /// also carries as an alternate name).
    pub not_places: HashSet<String>,
}

impl Lexicon {
    pub fn load() -> Lexicon {
        let mut lex = Lexicon::default();
        for (key, words) in parse_lists(LEXICON) {
            let set = match key.as_str() {
                "place_cues" => &mut lex.place_cues,
                "place_heads" => &mut lex.place_heads,
                "person_titles" => &mut lex.person_titles,
                "place_modifiers" => &mut lex.place_modifiers,
                "outlet_words" => &mut lex.outlet_words,
                "landmark_words" => &mut lex.landmark_words,
                "name_connectors" => &mut lex.name_connectors,
                "speech_verbs" => &mut lex.speech_verbs,
                "function_words" => &mut lex.function_words,
                "calendar_words" => &mut lex.calendar_words,
                "abbreviations" => &mut lex.abbreviations,
                _ => continue,
            };
            set.extend(words.into_iter().map(|w| w.to_lowercase()));
        }
        lex
    }
}

/// Parses `name = ["a", "b", ...]` lists (possibly spanning lines; `#` starts a comment).
fn parse_lists(src: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut open = false;
    for line in src.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut rest = line;
        if !open {
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            out.push((k.trim().to_string(), Vec::new()));
            rest = v;
            open = true;
        }
        let mut in_str = false;
        let mut cur = String::new();
        for ch in rest.chars() {
            match (ch, in_str) {
                ('"', false) => in_str = true,
                ('"', true) => {
                    if let Some(last) = out.last_mut() {
                        last.1.push(std::mem::take(&mut cur));
                    }
                    in_str = false;
                }
                (']', false) => open = false,
                (c, true) => cur.push(c),
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_list() {
        let lex = Lexicon::load();
        assert!(lex.place_cues.contains("near"));
        assert!(lex.place_cues.contains("the city of") || lex.place_cues.contains("city of"));
        assert!(lex.person_titles.contains("president"));
        assert!(lex.outlet_words.contains("times"));
        assert!(lex.landmark_words.contains("square"));
        assert!(lex.name_connectors.contains("of"));
        assert!(lex.speech_verbs.contains("said"));
        assert!(lex.place_heads.contains("province"));
        assert!(lex.place_modifiers.contains("southern"));
        assert!(lex.function_words.contains("in"));
        assert!(lex.calendar_words.contains("thursday"));
    }

    #[test]
    fn multi_line_lists_and_comments() {
        let l = parse_lists("# c\na = [\"x\", \"y\",\n  \"z\"] # t\nb = [\"q\"]\n");
        assert_eq!(l[0], ("a".into(), vec!["x".into(), "y".into(), "z".into()]));
        assert_eq!(l[1], ("b".into(), vec!["q".into()]));
    }
}
