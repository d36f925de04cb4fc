//! Word lists of the quote stage, kept as data files and embedded at build time.

use std::collections::HashMap;
use std::collections::HashSet;

/// What a cue verb does with its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// Speech verb with the content after it ("said", "tweeted").
    Speech,
    /// Speech verb that takes an addressee before the content ("told reporters that").
    Tell,
    /// Belief, hope, intention ("thinks", "wants"): PolNeAR-style attributions.
    Belief,
}

/// Closed-class words that bound a speaker noun phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NpWord {
    Pron,
    Obj,
    Det,
    Skip,
    /// A time word ("Tuesday", "night") skipped with its preposition before a cue.
    Time,
    Stop,
}

pub struct Lexicon {
    pub cues: HashMap<String, CueClass>,
    /// Cues read only off the parse (noun homographs and loose verbs).
    pub verb_cues: HashMap<String, CueClass>,
    /// Lemmas of the cue verbs (third column of cues.tsv), for parsed verbs in other forms.
    pub cue_lemmas: HashSet<String>,
    pub audience: Vec<Vec<String>>,
    pub abbrev: HashSet<String>,
    pub np: HashMap<String, NpWord>,
    /// Nouns of a medium or occasion of speech ("in a statement", "at a rally").
    pub media: HashSet<String>,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `form<TAB>class` lines: speech, tell or belief.
fn cue_list(data: &str) -> HashMap<String, CueClass> {
    let mut cues = HashMap::new();
    for l in lines(data) {
        let mut f = l.split('\t');
        let (Some(form), Some(class)) = (f.next(), f.next()) else {
            continue;
        };
        let c = match class {
            "tell" => CueClass::Tell,
            "belief" => CueClass::Belief,
            _ => CueClass::Speech,
        };
        cues.entry(form.to_string()).or_insert(c);
    }
    cues
}

impl Lexicon {
    pub fn load() -> Lexicon {
        let cues = cue_list(include_str!("../data/cues.tsv"));
        let verb_cues = cue_list(include_str!("../data/verb_cues.tsv"));
        let cue_lemmas = lines(include_str!("../data/cues.tsv"))
            .filter_map(|l| l.split('\t').nth(2))
            .map(str::to_string)
            .collect();
        let audience = lines(include_str!("../data/audience.txt"))
            .map(|l| l.split_whitespace().map(str::to_string).collect())
            .collect();
        let abbrev = lines(include_str!("../data/abbreviations.txt"))
            .map(str::to_string)
            .collect();
        let mut np = HashMap::new();
        for l in lines(include_str!("../data/np_words.tsv")) {
            let mut f = l.split('\t');
            let (Some(w), Some(c)) = (f.next(), f.next()) else {
                continue;
            };
            let c = match c {
                "pron" => NpWord::Pron,
                "obj" => NpWord::Obj,
                "det" => NpWord::Det,
                "skip" => NpWord::Skip,
                "time" => NpWord::Time,
                _ => NpWord::Stop,
            };
            np.entry(w.to_string()).or_insert(c);
        }
        let media = lines(include_str!("../data/media.txt"))
            .map(str::to_lowercase)
            .collect();
        Lexicon {
            media,
            cues,
            verb_cues,
            cue_lemmas,
            audience,
            abbrev,
            np,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let l = Lexicon::load();
        assert_eq!(l.cues.get("said"), Some(&CueClass::Speech));
        assert_eq!(l.cues.get("told"), Some(&CueClass::Tell));
        assert_eq!(l.cues.get("believes"), Some(&CueClass::Belief));
        assert_eq!(l.cues.get("clarified"), Some(&CueClass::Speech));
        assert_eq!(l.verb_cues.get("shows"), Some(&CueClass::Belief));
        assert!(!l.cues.contains_key("shows"));
        assert_eq!(l.np.get("he"), Some(&NpWord::Pron));
        assert!(l.abbrev.contains("Mr"));
    }
}
