//! Compact syntactic labels stored on tokens: UD universal POS tags and dependency relations.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Universal Dependencies part-of-speech tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
#[repr(u8)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Dependency relation labels (UD, with the subtypes used by English EWT and GUM). Stored on a
/// token as an index into [`Deprel::LABELS`]; serialised as the label string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Deprel(pub u8);

impl Deprel {
    pub const LABELS: &'static [&'static str] = &[
        "dep",
        "root",
        "acl",
        "acl:relcl",
        "advcl",
        "advcl:relcl",
        "advmod",
        "amod",
        "appos",
        "aux",
        "aux:pass",
        "case",
        "cc",
        "cc:preconj",
        "ccomp",
        "clf",
        "compound",
        "compound:prt",
        "conj",
        "cop",
        "csubj",
        "csubj:outer",
        "csubj:pass",
        "det",
        "det:poss",
        "det:predet",
        "discourse",
        "dislocated",
        "expl",
        "fixed",
        "flat",
        "flat:foreign",
        "goeswith",
        "iobj",
        "list",
        "mark",
        "nmod",
        "nmod:desc",
        "nmod:poss",
        "nmod:npmod",
        "nmod:tmod",
        "nmod:unmarked",
        "nsubj",
        "nsubj:outer",
        "nsubj:pass",
        "nummod",
        "obj",
        "obl",
        "obl:agent",
        "obl:npmod",
        "obl:tmod",
        "obl:unmarked",
        "orphan",
        "parataxis",
        "punct",
        "reparandum",
        "vocative",
        "xcomp",
        "advmod:emph",
        "advmod:lmod",
        "det:npmod",
        "flat:name",
        "nmod:npmod",
        "obl:lmod",
    ];
    /// The label for `s`, or `dep` for an unknown one.
    pub fn parse(s: &str) -> Deprel {
        Deprel(Self::LABELS.iter().position(|l| *l == s).unwrap_or(0) as u8)
    }
    pub fn as_str(self) -> &'static str {
        Self::LABELS.get(self.0 as usize).copied().unwrap_or("dep")
    }
    /// The universal part before any `:` subtype (`nsubj:pass` -> `nsubj`).
    pub fn base(self) -> &'static str {
        let s = self.as_str();
        s.split(':').next().unwrap_or(s)
    }
}

impl Serialize for Deprel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
impl<'de> Deserialize<'de> for Deprel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Deprel::parse(&s))
    }
}
impl JsonSchema for Deprel {
    fn schema_name() -> String {
        "Deprel".into()
    }
    fn json_schema(g: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        String::json_schema(g)
    }
}
