//! The event lexicon: trigger patterns, cue words, actor nouns, inflections and the
//! CAMEO-to-PLOVER ontology, all parsed once from the data files embedded at build time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: a fast hash for short lowercase words (the lexicon is fixed data, not attacker-chosen
/// keys that could degrade a map).
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf29ce484222325
        } else {
            self.0
        };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Cue classes as bits.
fn class_bit(class: &str) -> u16 {
    match class {
        "negation" => 1,
        "deny" => 2,
        "planned" => 4,
        "hypothetical" => 8,
        "speech" => 16,
        "light" => 32,
        "boundary" => 64,
        "preposition" => 128,
        "determiner" => 256,
        "stopword" => 512,
        "time" => 1024,
        "pronoun" => 2048,
        "intent" => 4096,
        "refusal" => 8192,
        "modal_aux" => 16384,
        "violence" => 32768,
        _ => 0,
    }
}

const ONTOLOGY: &str = include_str!("../data/ontology.tsv");
const TRIGGERS: &str = include_str!("../data/triggers.tsv");
const CUES: &str = include_str!("../data/cues.tsv");
const ACTORS: &str = include_str!("../data/actors.tsv");
const IRREGULAR: &str = include_str!("../data/irregular.tsv");

/// One element of a trigger pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Elem {
    /// Any of these alternatives; an alternative may span several tokens (`martial_law`).
    Words(Vec<Vec<String>>),
    /// Up to [`GAP`] tokens inside the clause.
    Gap,
}

/// The longest gap a `..` element may bridge.
pub(crate) const GAP: usize = 4;

/// A trigger pattern from `data/triggers.tsv`.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub cameo: String,
    pub elems: Vec<Elem>,
    pub noun: bool,
    pub reverse: bool,
    pub claimed: bool,
    pub passive_subject_is_source: bool,
    /// A movement: "to X" names where the source goes, not a target ("withdrew to a base").
    pub motion: bool,
    /// Only people, groups and states undergo it: an object (passive: a subject) that is no
    /// actor means another sense ("released a report", "withdrew her pension").
    pub patient_actor: bool,
    /// CAMEO code when the act is verbal: a named person on either side and no weapon or
    /// violence word in the sentence ("the senator attacked her rival's record": 111).
    pub verbal_code: Option<String>,
    pub future_code: Option<String>,
    /// Number of word elements (specificity).
    pub words: usize,
}

/// PLOVER type and mode of a CAMEO code.
#[derive(Clone, Debug)]
pub(crate) struct Plover {
    pub kind: String,
    pub mode: String,
}

/// Everything the stage needs, parsed once.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub patterns: Vec<Pattern>,
    /// Anchor lemma -> pattern indices.
    pub anchors: FastMap<String, Vec<usize>>,
    /// Lemmas that anchor at least one verb pattern.
    pub verb_anchors: HashSet<String>,
    /// Inflected form -> lemma.
    pub forms: FastMap<String, String>,
    pub ontology: HashMap<String, Plover>,
    pub actors: FastMap<String, String>,
    /// Actor nouns that only undergo events here ("arrested a man"): never a source alone.
    pub patients: HashSet<String>,
    cues: FastMap<String, u16>,
}

fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut ontology = HashMap::new();
        for l in data_lines(ONTOLOGY) {
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() >= 2 {
                ontology.insert(
                    c[0].to_string(),
                    Plover {
                        kind: c[1].to_string(),
                        mode: c.get(2).unwrap_or(&"").to_string(),
                    },
                );
            }
        }
        let mut cues: FastMap<String, u16> = FastMap::default();
        for l in data_lines(CUES) {
            if let Some((class, words)) = l.split_once('\t') {
                let bit = class_bit(class);
                for w in words.split_whitespace() {
                    *cues.entry(w.replace('_', " ")).or_default() |= bit;
                }
            }
        }
        let mut actors = FastMap::default();
        let mut patients = HashSet::new();
        for l in data_lines(ACTORS) {
            let c: Vec<&str> = l.split('\t').map(str::trim).collect();
            if c.len() >= 2 {
                actors.insert(c[0].to_string(), c[1].to_string());
                if c.get(2) == Some(&"patient") {
                    patients.insert(c[0].to_string());
                }
            }
        }
        let mut patterns = Vec::new();
        for l in data_lines(TRIGGERS) {
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() < 2 || c[1].trim().is_empty() {
                continue;
            }
            let mut p = Pattern {
                cameo: c[0].trim().to_string(),
                elems: Vec::new(),
                noun: false,
                reverse: false,
                claimed: false,
                passive_subject_is_source: false,
                motion: false,
                patient_actor: false,
                verbal_code: None,
                future_code: None,
                words: 0,
            };
            for w in c[1].split_whitespace() {
                if w == ".." {
                    p.elems.push(Elem::Gap);
                } else {
                    let alts = w
                        .split('|')
                        .map(|a| a.split('_').map(str::to_string).collect())
                        .collect();
                    p.elems.push(Elem::Words(alts));
                    p.words += 1;
                }
            }
            for o in c.get(2).unwrap_or(&"").split(',').map(str::trim) {
                match o {
                    "n" => p.noun = true,
                    "r" => p.reverse = true,
                    "c" => p.claimed = true,
                    "ps" => p.passive_subject_is_source = true,
                    "m" => p.motion = true,
                    "pa" => p.patient_actor = true,
                    _ => {
                        if let Some(code) = o.strip_prefix("verbal=") {
                            p.verbal_code = Some(code.to_string());
                        }
                        if let Some(code) = o.strip_prefix("fut=") {
                            p.future_code = Some(code.to_string());
                        }
                    }
                }
            }
            if matches!(p.elems.first(), Some(Elem::Words(_))) {
                patterns.push(p);
            }
        }
        let mut anchors: FastMap<String, Vec<usize>> = FastMap::default();
        let mut verb_anchors = HashSet::new();
        let mut lemmas: HashSet<String> = HashSet::new();
        for (i, p) in patterns.iter().enumerate() {
            if let Some(Elem::Words(alts)) = p.elems.first() {
                for a in alts {
                    anchors.entry(a[0].clone()).or_default().push(i);
                    if !p.noun {
                        verb_anchors.insert(a[0].clone());
                    }
                }
            }
            for e in &p.elems {
                if let Elem::Words(alts) = e {
                    for a in alts {
                        lemmas.extend(a.iter().cloned());
                    }
                }
            }
        }
        for w in cues.keys() {
            lemmas.extend(w.split(' ').map(str::to_string));
        }
        lemmas.extend(actors.keys().cloned());
        let mut forms = FastMap::default();
        for l in data_lines(IRREGULAR) {
            let mut it = l.split_whitespace();
            if let Some(lemma) = it.next() {
                for f in it {
                    forms.insert(f.to_string(), lemma.to_string());
                }
            }
        }
        // Two lemmas can inflect to one form ("not" and "note" both give "noting"): the longer
        // lemma wins, then the alphabetically first, so the choice never depends on hash order.
        let mut lemmas: Vec<String> = lemmas.into_iter().collect();
        lemmas.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        for lemma in &lemmas {
            for f in inflections(lemma) {
                forms.entry(f).or_insert_with(|| lemma.clone());
            }
        }
        Lexicon {
            patterns,
            anchors,
            verb_anchors,
            forms,
            ontology,
            actors,
            patients,
            cues,
        }
    }

    /// True when `word` (a lowercase form or lemma) is in cue class `class`.
    pub fn cue(&self, class: &str, word: &str) -> bool {
        let bit = class_bit(class);
        self.cues.get(word).is_some_and(|b| b & bit != 0)
    }

    /// The lemma of a lowercase form, when the lexicon knows it.
    pub fn lemma<'a>(&'a self, lower: &'a str) -> &'a str {
        self.forms.get(lower).map(String::as_str).unwrap_or(lower)
    }

    /// PLOVER type and mode for a CAMEO code (falling back to its root code).
    pub fn plover(&self, cameo: &str) -> Option<&Plover> {
        self.ontology.get(cameo).or_else(|| {
            let root = format!("{}0", cameo.get(..2)?);
            self.ontology.get(&root)
        })
    }
}

/// Regular inflections of an English verb or noun lemma (over-generation is harmless: forms are
/// only looked up for words that occur).
fn inflections(lemma: &str) -> Vec<String> {
    let mut v = Vec::with_capacity(8);
    if lemma.is_empty() || !lemma.chars().all(|c| c.is_ascii_alphabetic()) {
        return v;
    }
    let b = lemma.as_bytes();
    let last = b[b.len() - 1];
    let vowel = |c: u8| b"aeiou".contains(&c);
    // -s / -es / -ies
    if lemma.ends_with('y') && b.len() > 1 && !vowel(b[b.len() - 2]) {
        v.push(format!("{}ies", &lemma[..lemma.len() - 1]));
        v.push(format!("{}ied", &lemma[..lemma.len() - 1]));
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        v.push(format!("{lemma}es"));
    } else {
        v.push(format!("{lemma}s"));
    }
    if last == b'e' {
        v.push(format!("{lemma}d"));
        v.push(format!("{}ing", &lemma[..lemma.len() - 1]));
    } else {
        v.push(format!("{lemma}ed"));
        v.push(format!("{lemma}ing"));
    }
    // Doubled final consonant (ban -> banned, shell -> shelling is covered by the plain form).
    if b.len() >= 3
        && !vowel(last)
        && vowel(b[b.len() - 2])
        && !vowel(b[b.len() - 3])
        && !b"wxy".contains(&last)
    {
        {
            v.push(format!("{lemma}{}ed", last as char));
            v.push(format!("{lemma}{}ing", last as char));
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses_and_covers_every_plover_type() {
        let lex = Lexicon::new();
        assert!(lex.patterns.len() > 200);
        let mut kinds: HashSet<&str> = HashSet::new();
        let blockers = lex.patterns.iter().filter(|p| p.cameo == "-").count();
        assert!(blockers >= 5, "blocking patterns: {blockers}");
        for p in lex.patterns.iter().filter(|p| p.cameo != "-") {
            let pl = lex.plover(&p.cameo);
            assert!(pl.is_some(), "code {} has no PLOVER type", p.cameo);
            kinds.insert(pl.unwrap().kind.as_str());
        }
        for k in [
            "AGREE",
            "CONSULT",
            "SUPPORT",
            "CONCEDE",
            "COOPERATE",
            "AID",
            "RETREAT",
            "REQUEST",
            "ACCUSE",
            "REJECT",
            "THREATEN",
            "PROTEST",
            "SANCTION",
            "MOBILIZE",
            "COERCE",
            "ASSAULT",
        ] {
            assert!(kinds.contains(k), "no trigger for {k}");
        }
    }

    #[test]
    fn inflections_and_irregulars_map_to_lemmas() {
        let lex = Lexicon::new();
        assert_eq!(lex.lemma("withdrew"), "withdraw");
        assert_eq!(lex.lemma("taken"), "take");
        assert_eq!(lex.lemma("criticized"), "criticize");
        assert_eq!(lex.lemma("banned"), "ban");
        assert_eq!(lex.lemma("accuses"), "accuse");
        assert_eq!(lex.lemma("troops"), "troop");
        assert_eq!(lex.lemma("unknownword"), "unknownword");
    }
}
