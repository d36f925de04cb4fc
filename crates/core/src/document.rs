//! The document and its annotation layers.
//!
//! Layers are plain vectors on [`Document`], in text order. Ids (`e1`, `p1`, `t1`, ...) are
//! assigned by the stage that creates an annotation and are stable within one document, so
//! layers can refer to each other (a quote's speaker names an entity id; an event names a place
//! and a time id).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::syntax::{Deprel, Upos};
use crate::{Evidence, OffsetMap, Span};

/// Which unit the offsets of a document's annotations are in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Offsets {
    /// UTF-8 byte offsets: the pipeline's internal unit.
    #[default]
    Bytes,
    /// Unicode code points: the output contract's unit.
    Chars,
}

/// One article with its standoff annotations.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Stable identifier (from the input, else derived from the source).
    pub id: String,
    /// Publication date that relative times are resolved against (`YYYY-MM-DD`).
    pub date: Option<NaiveDate>,
    /// Headline. For the dated-article format the headline is also the first line of `text`.
    pub title: Option<String>,
    /// Where the document came from: a path, a URL, `-` for stdin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The original text, untouched. Every span indexes into it.
    pub text: String,
    /// Unit of every offset in this document.
    #[serde(default)]
    pub offsets: Offsets,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    /// Tokens are kept internally and emitted only on request (`--tokens`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Token>,
    /// Quotation-mark pairs found by segmentation (the raw material of the quote stage).
    pub quotations: Vec<Quotation>,
    pub entities: Vec<Entity>,
    pub places: Vec<Place>,
    pub times: Vec<Time>,
    pub quantities: Vec<Quantity>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// The article's main countries and cities (places stage).
    #[serde(default)]
    pub focus: Focus,
}

/// A sentence and the range of its tokens in [`Document::tokens`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph it lies in.
    pub paragraph: usize,
    /// Token index range `[first_token, end_token)` (filled by segmentation).
    #[serde(default)]
    pub first_token: usize,
    #[serde(default)]
    pub end_token: usize,
}

impl Sentence {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Surface class of a token, set by the tokenizer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenShape {
    #[default]
    Word,
    Number,
    Punct,
    Symbol,
}

/// A token with the syntax stage's labels (absent until that stage runs).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub shape: TokenShape,
    /// Index of the sentence this token belongs to.
    pub sentence: usize,
    /// True when whitespace follows the token in the text.
    #[serde(default)]
    pub space_after: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upos: Option<Upos>,
    /// Penn Treebank tag where the tagger predicts one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xpos: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lemma: Option<String>,
    /// Document-level index of the head token; `None` for the root (or when unparsed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprel: Option<Deprel>,
    /// Named-entity BILOU tag from the syntax stage's recogniser (`B-PERSON`, `O`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ner: Option<String>,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A pair of quotation marks (or an opening mark whose closing mark is missing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Quotation {
    /// From the opening mark to the closing mark inclusive (or to the end of the content).
    pub start: usize,
    pub end: usize,
    /// The text between the marks.
    pub content_start: usize,
    pub content_end: usize,
    /// False when the closing mark is missing: the quotation then ends at its paragraph's end
    /// (or before a new opening mark), never in the next paragraph.
    pub closed: bool,
    /// True when the quotation continues in the next paragraph (a paragraph that opens with a
    /// quotation mark after one left unclosed, the news convention for long quotes).
    #[serde(default)]
    pub continues: bool,
    /// Nesting depth: 0 for an outer quotation, 1 for a quote inside a quote.
    #[serde(default)]
    pub depth: u8,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    Person,
    Org,
    Group,
    Gpe,
    Norp,
    Loc,
    Fac,
    #[default]
    Other,
}

/// A CAMEO/PLOVER-style actor code: country (ISO 3166 alpha-3) plus role.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// Full code, e.g. `USAGOV`, `AFGINS`, `IGO`.
    pub code: String,
    /// ISO 3166 alpha-2 country, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Role code (GOV, MIL, COP, REB, INS, OPP, JUD, LEG, MED, CVL, BUS, NGO, IGO, REF, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A mention of a person, organisation, group, country, nationality, place or facility.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    pub id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
    /// The name this mention refers to after coreference ("Ruiz" -> "Ana Ruiz").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Id of the first mention of the same referent (coreference chain head).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coref: Option<String>,
    /// Title or role ("spokesman", "Defence Secretary").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Evidence>,
    /// Organisation the person speaks or acts for ("US State Department").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<Evidence>,
    /// True for nominal mentions ("a rebel spokesman", "a resident") and pronouns.
    #[serde(default)]
    pub nominal: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

impl Entity {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A ranked alternative for a toponym.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlaceCandidate {
    pub name: String,
    pub geonameid: Option<u64>,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
    pub feature: Option<String>,
    pub score: f32,
}

/// A toponym (or demonym) resolved to a gazetteer entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Place {
    pub id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Gazetteer name of the resolved entry.
    pub name: String,
    pub geonameid: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO 3166 alpha-2.
    pub country: Option<String>,
    /// First-level administrative division name.
    pub admin1: Option<String>,
    /// GeoNames feature code (PPLC, PPLA, ADM1, PCLI, CONT, ...).
    pub feature: Option<String>,
    /// landmark | city | admin | country | region | continent
    pub precision: String,
    /// toponym | demonym | landmark
    #[serde(default)]
    pub mention: String,
    /// Probability that the resolution is right (calibrated on the eval corpus).
    pub confidence: f32,
    /// Runner-up candidates, filled only on request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<PlaceCandidate>,
}

impl Place {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The article's main places, independent of each mention.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Focus {
    pub countries: Vec<FocusPlace>,
    pub cities: Vec<FocusPlace>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FocusPlace {
    pub name: String,
    pub code: Option<String>,
    pub geonameid: Option<u64>,
    pub score: f32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    #[default]
    Date,
    Time,
    Duration,
    Set,
}

/// A temporal expression with its TIMEX3 type and value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Time {
    pub id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value: `2021-08-12`, `2021-W32`, `P8D`, `PRESENT_REF`, ...
    pub value: String,
    /// TIMEX3 mod: BEFORE, AFTER, START, MID, END, APPROX, LESS_THAN, MORE_THAN, ...
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// For ranges and bounds ("24 to 48 hours"): the other end's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<String>,
    /// For SETs: quantity and frequency (TIMEX3 `quant`, `freq`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// How the value was derived ("weekday in past-tense clause: previous Friday before 2021-08-12").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
}

impl Time {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A number with what it counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quantity {
    pub id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: Option<f64>,
    /// Upper end of a range ("24 to 48").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// What is counted or measured ("troops", "km", "USD", "%").
    pub unit: Option<String>,
    /// number | currency | dimension | percentage | temperature | age | count
    #[serde(default)]
    pub kind: String,
    /// at least | about | more than | up to | ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// killed | wounded | arrested | missing | displaced, for casualty counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub casualty: Option<String>,
    /// ISO 4217 code for currency amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

impl Quantity {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    #[default]
    Direct,
    Indirect,
}

/// Who said a quote, with the entity it resolves to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Speaker {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Id of the entity the speaker mention resolves to (through coreference).
    pub entity: Option<String>,
    /// Resolved name ("she" -> "Ana Ruiz").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A direct or indirect quote; `text`/`start`/`end` are its content.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    pub id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    /// False where the closing quotation mark is missing.
    pub closed: bool,
    pub cue: Option<Evidence>,
    pub speaker: Option<Speaker>,
}

impl Quote {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// An event argument (source or target actor).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Argument {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub entity: Option<String>,
    pub actor_code: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    #[default]
    Asserted,
    Claimed,
    Planned,
    Hypothetical,
}

/// Who did what to whom, where and when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    pub id: String,
    /// PLOVER event type (ASSAULT, MOBILIZE, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode ("" where none applies).
    pub mode: String,
    /// CAMEO code (3 or 4 digits).
    pub cameo: String,
    pub trigger: Evidence,
    pub source: Option<Argument>,
    pub target: Option<Argument>,
    /// Id of a place in this document.
    pub place: Option<String>,
    /// clause | sentence | document: where the place was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_precision: Option<String>,
    /// Id of a time in this document.
    pub time: Option<String>,
    /// Resolved date of the event (`YYYY-MM-DD`, or coarser TIMEX3 value).
    pub date: Option<String>,
    /// time | tense | publication: how the date was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<String>,
    pub modality: Modality,
    pub negated: bool,
    pub confidence: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<f64>,
    /// The sentence the event was coded from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Evidence>,
}

impl Document {
    /// A document with no annotations yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    /// The text of a byte span, clamped to valid boundaries (never panics).
    pub fn slice(&self, span: Span) -> &str {
        let e = Evidence::from_span(&self.text, span);
        &self.text[e.start..e.end]
    }

    /// Evidence (text + span) for a byte span.
    pub fn evidence(&self, span: Span) -> Evidence {
        Evidence::from_span(&self.text, span)
    }

    /// Tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        match self.sentences.get(i) {
            Some(s) if s.first_token <= s.end_token && s.end_token <= self.tokens.len() => {
                &self.tokens[s.first_token..s.end_token]
            }
            _ => &[],
        }
    }

    /// Index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        (i < self.sentences.len() && self.sentences[i].start <= at).then_some(i)
    }

    /// Converts every offset to Unicode code points (the output contract's unit).
    /// Idempotent: a document already in code points is returned unchanged.
    pub fn into_output(mut self) -> Document {
        if self.offsets == Offsets::Chars {
            return self;
        }
        let map = OffsetMap::new(&self.text);
        let f = |b: &mut usize| *b = map.char_of(*b);
        self.map_offsets(f);
        self.offsets = Offsets::Chars;
        self
    }

    /// Applies `f` to every offset of every layer.
    fn map_offsets(&mut self, f: impl Fn(&mut usize)) {
        let ev = |e: &mut Evidence| {
            f(&mut e.start);
            f(&mut e.end)
        };
        for p in &mut self.paragraphs {
            f(&mut p.start);
            f(&mut p.end);
        }
        for s in &mut self.sentences {
            f(&mut s.start);
            f(&mut s.end);
        }
        for t in &mut self.tokens {
            f(&mut t.start);
            f(&mut t.end);
        }
        for q in &mut self.quotations {
            f(&mut q.start);
            f(&mut q.end);
            f(&mut q.content_start);
            f(&mut q.content_end);
        }
        for e in &mut self.entities {
            f(&mut e.start);
            f(&mut e.end);
            if let Some(r) = &mut e.role {
                ev(r);
            }
            if let Some(a) = &mut e.affiliation {
                ev(a);
            }
        }
        for p in &mut self.places {
            f(&mut p.start);
            f(&mut p.end);
        }
        for t in &mut self.times {
            f(&mut t.start);
            f(&mut t.end);
        }
        for q in &mut self.quantities {
            f(&mut q.start);
            f(&mut q.end);
        }
        for q in &mut self.quotes {
            f(&mut q.start);
            f(&mut q.end);
            if let Some(c) = &mut q.cue {
                ev(c);
            }
            if let Some(s) = &mut q.speaker {
                f(&mut s.start);
                f(&mut s.end);
            }
        }
        for e in &mut self.events {
            ev(&mut e.trigger);
            for a in [&mut e.source, &mut e.target].into_iter().flatten() {
                f(&mut a.start);
                f(&mut a.end);
            }
            if let Some(s) = &mut e.sentence {
                ev(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn into_output_converts_every_layer() {
        let mut d = Document::new("d", "“Kabul” fell.");
        let k = d.text.find("Kabul").unwrap();
        d.places.push(Place {
            id: "p1".into(),
            text: "Kabul".into(),
            start: k,
            end: k + 5,
            ..Default::default()
        });
        d.quotes.push(Quote {
            id: "q1".into(),
            text: "Kabul".into(),
            start: k,
            end: k + 5,
            cue: Some(d.evidence(Span::new(k + 9, k + 13))),
            ..Default::default()
        });
        let out = d.into_output();
        assert_eq!(out.offsets, Offsets::Chars);
        assert_eq!((out.places[0].start, out.places[0].end), (1, 6));
        let cue = out.quotes[0].cue.as_ref().unwrap();
        assert_eq!((cue.start, cue.end, cue.text.as_str()), (8, 12, "fell"));
        // Idempotent.
        let again = out.clone().into_output();
        assert_eq!(again.places[0].start, 1);
    }

    #[test]
    fn sentence_at_finds_containing_sentence() {
        let mut d = Document::new("d", "A b. C d.");
        d.sentences = vec![
            Sentence {
                start: 0,
                end: 4,
                ..Default::default()
            },
            Sentence {
                start: 5,
                end: 9,
                ..Default::default()
            },
        ];
        assert_eq!(d.sentence_at(0), Some(0));
        assert_eq!(d.sentence_at(4), None);
        assert_eq!(d.sentence_at(6), Some(1));
        assert_eq!(d.sentence_at(9), None);
    }
}
