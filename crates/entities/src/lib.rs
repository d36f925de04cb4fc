//! Entities and actors: people, organisations, groups, countries with CAMEO-style actor codes and coreference.
//!
//! Recognition works on runs of capitalised words, read with lexicons kept as data files
//! (countries and demonyms, known organisations and armed groups with actor codes, titles,
//! organisation suffixes, given names and surnames derived from a registry package), the places
//! layer (a place is never a person), NER tags on tokens where the syntax stage set them, and
//! context (a title before a name, a locative preposition before a place). Nominal mentions
//! ("a rebel spokesman", "government forces") are kept when they act: a verb follows.
//! Coreference links surnames to full names, "the spokesman" to the last spokesman and "the
//! insurgents" to the article's insurgent group; actor codes are country (ISO alpha-3) + role.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

mod lexicon;
mod text;

use std::collections::HashMap;

use lexicon::Lexicon;
use text::Tok;
use tidings_core::{Actor, Document, Entity, EntityKind, Evidence, Span, Stage};

/// The `entities` stage.
pub struct Entities {
    lex: Lexicon,
}

impl Default for Entities {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Entities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entities").finish_non_exhaustive()
    }
}

impl Entities {
    pub fn new() -> Self {
        Entities {
            lex: Lexicon::load(),
        }
    }
}

/// The names of the armed and political groups in `data/actors.tsv` (kind `GROUP`): names
/// that stand for an actor, never for a place. The pipeline gives them to the places stage.
pub fn group_names() -> Vec<&'static str> {
    lexicon::group_names()
}

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn process(&self, doc: &mut Document) {
        let ents = Ctx::new(doc, &self.lex).run();
        doc.entities = ents;
    }
}

/// A mention under construction (token spans).
#[derive(Clone, Debug)]
struct Mention {
    s: usize,
    e: usize,
    kind: EntityKind,
    country: Option<String>,
    role: Option<String>,
    title: Option<(usize, usize)>,
    affiliation: Option<(usize, usize)>,
    nominal: bool,
    /// Nominal head word (lower case), for "the spokesman" coreference.
    head: Option<String>,
    coref: Option<usize>,
}

impl Mention {
    fn new(s: usize, e: usize, kind: EntityKind) -> Self {
        Mention {
            s,
            e,
            kind,
            country: None,
            role: None,
            title: None,
            affiliation: None,
            nominal: false,
            head: None,
            coref: None,
        }
    }
}

struct Ctx<'a> {
    doc: &'a Document,
    text: &'a str,
    lex: &'a Lexicon,
    toks: Vec<Tok>,
    /// First token of each sentence.
    sent_start: Vec<bool>,
    /// Sentence ranges of tokens.
    sent_toks: Vec<(usize, usize)>,
    /// Lower-cased text of all tokens, and each token's range in it.
    low: String,
    low_rng: Vec<(usize, usize)>,
}

const LOCATIVE: [&str; 11] = [
    "in",
    "at",
    "from",
    "near",
    "across",
    "into",
    "outside",
    "inside",
    "throughout",
    "toward",
    "towards",
];
const CONNECTORS: [&str; 5] = ["of", "for", "de", "al", "the"];

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document, lex: &'a Lexicon) -> Self {
        let text = doc.text.as_str();
        let paras = text::paragraphs(doc);
        let abbrev = |w: &str| {
            let w = w.trim_end_matches('.');
            lex.titles.contains_key(&format!("{}.", w.to_lowercase()))
                || (w.len() <= 2 && w.chars().all(|c| c.is_uppercase()))
                || (w.contains('.') && w.chars().filter(|c| c.is_alphabetic()).count() <= 4)
                || matches!(
                    w,
                    "Jan"
                        | "Feb"
                        | "Aug"
                        | "Sept"
                        | "Oct"
                        | "Nov"
                        | "Dec"
                        | "No"
                        | "St"
                        | "Jr"
                        | "Inc"
                        | "Co"
                )
        };
        let sents = text::sentences(doc, &paras, &abbrev);
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut sent_start = Vec::with_capacity(text.len() / 5);
        let mut sent_toks = Vec::with_capacity(sents.len());
        for s in &sents {
            let a = toks.len();
            if s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
            {
                text::tokenize(text, *s, &mut toks);
            }
            sent_start.resize(toks.len(), false);
            // The first word (after opening marks) starts the sentence.
            if let Some(k) = (a..toks.len()).find(|&k| toks[k].word) {
                sent_start[k] = true;
            }
            sent_toks.push((a, toks.len()));
        }
        let mut low = String::with_capacity(text.len());
        let mut low_rng = Vec::with_capacity(toks.len());
        for t in &toks {
            let a = low.len();
            low.extend(text[t.start..t.end].chars().flat_map(char::to_lowercase));
            low_rng.push((a, low.len()));
        }
        Ctx {
            doc,
            text,
            lex,
            toks,
            sent_start,
            sent_toks,
            low,
            low_rng,
        }
    }

    fn w(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }
    fn cap(&self, i: usize) -> bool {
        self.toks[i].word && self.w(i).chars().next().is_some_and(|c| c.is_uppercase())
    }
    fn span_text(&self, s: usize, e: usize) -> &str {
        &self.text[self.toks[s].start..self.toks[e - 1].end]
    }
    fn lower(&self, i: usize) -> &str {
        let (a, b) = self.low_rng[i];
        &self.low[a..b]
    }
    fn is_word_lower(&self, i: usize, set: &[&str]) -> bool {
        let w = self.w(i);
        set.iter().any(|s| s.eq_ignore_ascii_case(w))
    }

    /// A maximal run of capitalised words from `i` (with inner connectors, initials, hyphens).
    fn cap_run(&self, i: usize, b: usize) -> usize {
        let mut e = i;
        while e < b && e - i < 10 {
            if self.cap(e) {
                // A run ends with its sentence, even after an abbreviation ("U.S. The").
                if e > i && self.sent_start[e] {
                    break;
                }
                if e > i && self.w(e - 1).ends_with('.') && self.lex.not_names.contains(self.w(e)) {
                    break;
                }
                if e > i && self.lex.run_breaks.contains(self.w(e)) {
                    break;
                }
                e += 1;
                continue;
            }
            let w = self.w(e);
            let next_cap = e + 1 < b && self.cap(e + 1);
            // "of"/"for" join only inside organisation names ("Ministry of Defence").
            // "of" also after a place head word ("Museum of Flight", "Bay of Bengal").
            let of_ok = !matches!(w, "of" | "for")
                || (i..e).any(|k| self.lex.org_suffixes.contains_key(self.w(k)))
                || (w == "of"
                    && self
                        .lex
                        .place_word(self.w(e - 1), false).is_some())
                // "Center for Policy Studies": a name opening with an organisation word.
                || (e == i + 1
                    && self.lex.place_word(self.w(i), true)
                        == Some(&EntityKind::Org));
            let inner =
                e > i && next_cap && of_ok && (CONNECTORS.contains(&w) || w == "-" || w == "&");
            // "and" inside an organisation or facility name: the capitalised words after it
            // end in an organisation or facility word ("Museum of Air and Space Flight" no,
            // "Air and Space Museum" yes).
            let and_name = w == "and" && e > i && next_cap && {
                let mut j = e + 1;
                while j < b && j - e <= 4 && self.cap(j) {
                    j += 1;
                }
                let last = self.w(j - 1);
                self.lex.org_suffixes.contains_key(last)
                    || self.lex.place_word(last, false).is_some()
            };
            let dot = w == "." && e > i && self.is_title_or_initial(e - 1) && next_cap;
            // Plural possessive inside a name ("Veterans' Day").
            let apos = matches!(w, "’" | "'") && e > i && self.w(e - 1).ends_with('s') && next_cap;
            if inner || dot || apos || and_name {
                e += 1;
                continue;
            }
            break;
        }
        // Never end on a connector.
        while e > i && !self.cap(e - 1) {
            e -= 1;
        }
        e
    }

    fn is_title_or_initial(&self, i: usize) -> bool {
        let w = self.w(i);
        (w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()))
            || self
                .lex
                .titles
                .contains_key(&format!("{}.", w.to_lowercase()))
    }

    /// A title at tokens `[i, ..)`: its end and role.
    fn title_at(&self, i: usize, b: usize) -> Option<(usize, Option<String>)> {
        let mut best = None;
        let mut key = String::new();
        for n in 1..=self.lex.max_title_words {
            if i + n > b {
                break;
            }
            let k = i + n - 1;
            if !self.toks[k].word {
                break;
            }
            if n > 1 {
                key.push(' ');
            }
            key.push_str(self.lower(k));
            let mut end = k + 1;
            // The dotted form first: "Mr." takes its full stop with it.
            let mut hit = None;
            if end < b && self.w(end) == "." {
                key.push('.');
                hit = self.lex.titles.get(&key);
                key.pop();
                if hit.is_some() {
                    end += 1;
                }
            }
            if hit.is_none() {
                hit = self.lex.titles.get(&key);
            }
            if let Some(r) = hit {
                best = Some((end, r.clone()));
            }
        }
        // "Environment Minister", "Home Secretary": a capitalised portfolio word before a
        // minister or secretary title.
        if best.is_none() && i + 1 < b && self.cap(i) && !self.lex.given.contains_key(self.w(i)) {
            let head = self.lower(i + 1);
            if matches!(head, "minister" | "secretary") {
                best = self.lex.titles.get(head).map(|r| (i + 2, r.clone()));
            }
        }
        best
    }

    /// Country (alpha-3) named or implied by the text of tokens `[s, e)`.
    fn country_in(&self, s: usize, e: usize) -> Option<String> {
        for k in s..e {
            for n in (1..=self.lex.max_name_words.min(e - k)).rev() {
                let t = self.span_text(k, k + n);
                if let Some(&c) = self
                    .lex
                    .country_names
                    .get(t)
                    .or_else(|| self.lex.demonyms.get(t))
                {
                    return Some(self.lex.countries[c].alpha3.clone());
                }
                if let Some(a) = self.lex.actors.get(t) {
                    if a.country.is_some() {
                        return a.country.clone();
                    }
                }
            }
        }
        None
    }

    fn place_kind(&self, s: usize, e: usize) -> Option<EntityKind> {
        let span = Span::new(self.toks[s].start, self.toks[e - 1].end);
        let p = self.doc.places.iter().find(|p| p.span() == span)?;
        Some(match p.precision.as_str() {
            "landmark" => EntityKind::Fac,
            "region" | "continent" => EntityKind::Loc,
            _ => EntityKind::Gpe,
        })
    }

    /// The syntax stage tagged the token starting at byte `at` as a verb or an auxiliary.
    fn verb_at(&self, at: usize) -> bool {
        use tidings_core::syntax::Upos;
        let i = self.doc.tokens.partition_point(|t| t.start < at);
        self.doc
            .tokens
            .get(i)
            .filter(|t| t.start == at)
            .is_some_and(|t| matches!(t.upos, Some(Upos::Verb | Upos::Aux)))
    }

    /// NER tag of the syntax stage on the token starting at byte `at` (`PERSON`, `ORG`, ...).
    fn ner_at(&self, at: usize) -> Option<&str> {
        let i = self.doc.tokens.partition_point(|t| t.start < at);
        let t = self.doc.tokens.get(i).filter(|t| t.start == at)?;
        let tag = t.ner.as_deref()?;
        (tag != "O").then(|| tag.split_once('-').map_or(tag, |(_, k)| k))
    }

    /// Classifies the name tokens `[s, e)`.
    fn classify(&self, s: usize, e: usize, titled: bool, ms: &[Mention]) -> Option<Mention> {
        let t = self.span_text(s, e);
        if let Some(a) = self.lex.actors.get(t) {
            let mut m = Mention::new(s, e, a.kind);
            m.country = a.country.clone();
            m.role = a.role.clone();
            return Some(m);
        }
        if let Some(&c) = self.lex.country_names.get(t) {
            let mut m = Mention::new(s, e, EntityKind::Gpe);
            m.country = Some(self.lex.countries[c].alpha3.clone());
            return Some(m);
        }
        if let Some(&c) = self.lex.demonyms.get(t) {
            let mut m = Mention::new(s, e, EntityKind::Norp);
            m.country = Some(self.lex.countries[c].alpha3.clone());
            return Some(m);
        }
        let first = self.w(s);
        let last = self.w(e - 1);
        let given = self.lex.given.contains_key(first) && e - s >= 2;
        // Places are not people: the places layer wins over a given name.
        if let Some(k) = self.place_kind(s, e) {
            if !titled {
                let mut m = Mention::new(s, e, k);
                m.country = self.country_in(s, e);
                return Some(m);
            }
        }
        // An organisation word or a country closing a longer name ("Water Board", "Transit
        // Canada") outweighs a person tag of the tagger.
        let org_word = e - s >= 2
            && (self.lex.org_suffixes.contains_key(last)
                || (self.lex.country_names.contains_key(last) && !given));
        if let Some(tag) = self.ner_at(self.toks[s].start) {
            let k = match tag {
                "PERSON" | "PER" if org_word && !titled => EntityKind::Other,
                "PERSON" | "PER" => EntityKind::Person,
                "ORG" => EntityKind::Org,
                "GPE" | "LOC" => EntityKind::Gpe,
                "NORP" => EntityKind::Norp,
                "FAC" => EntityKind::Fac,
                _ => EntityKind::Other,
            };
            if k != EntityKind::Other {
                return Some(Mention::new(s, e, k));
            }
        }
        let suffix_role = self.lex.org_suffixes.get(last).or_else(|| {
            (e - s >= 3 && self.w(s + 1) == "of")
                .then(|| self.lex.org_suffixes.get(first))
                .flatten()
        });
        if let Some(r) = suffix_role {
            if !titled {
                let mut m = Mention::new(s, e, EntityKind::Org);
                m.role = r.clone();
                m.country = self.country_in(s, e);
                return Some(m);
            }
        }
        if org_word && !titled {
            let mut m = Mention::new(s, e, EntityKind::Org);
            m.country = self.country_in(s, e);
            return Some(m);
        }
        if titled || given {
            return Some(Mention::new(s, e, EntityKind::Person));
        }
        // A given name alone ("..., Gina, said" / "Gina's doctor" / "Gina developed ..."): a
        // person where it is no sentence starter or is followed by a possessive or a verb.
        if e - s == 1
            && self.lex.given.contains_key(first)
            && !self.lex.not_names.contains(first)
            && e < self.toks.len()
            && (!self.sent_start[s] || self.w(e) == "'s" || self.w(e) == "’s" || self.acts(e))
        {
            return Some(Mention::new(s, e, EntityKind::Person));
        }
        // A surname or full name seen before.
        if ms.iter().filter(|m| m.kind == EntityKind::Person).any(|p| {
            let pl = self.w(p.e - 1);
            pl == last || self.span_text(p.s, p.e) == t
        }) {
            return Some(Mention::new(s, e, EntityKind::Person));
        }
        // An acronym not known as a country is an organisation, even after "in" ("in NATO").
        let acronym =
            e - s == 1 && first.len() >= 2 && first.chars().all(|c| c.is_uppercase() || c == '.');
        if acronym {
            return Some(Mention::new(s, e, EntityKind::Org));
        }
        let prev = (s > 0).then(|| s - 1);
        if prev.is_some_and(|p| self.is_word_lower(p, &LOCATIVE)) {
            return Some(Mention::new(s, e, EntityKind::Gpe));
        }
        let next_said = e < self.toks.len()
            && matches!(
                self.w(e),
                "said" | "says" | "told" | "added" | "tweeted" | "wrote"
            );
        if next_said && e - s <= 3 {
            return Some(Mention::new(s, e, EntityKind::Person));
        }
        let place = self
            .lex
            .place_word(first, true)
            .or_else(|| self.lex.place_word(last, false))
            .or_else(|| {
                (e - s >= 3 && matches!(self.w(s + 1), "of" | "for"))
                    .then(|| self.lex.place_word(first, false))
                    .flatten()
            });
        if let Some(&k) = place {
            if e - s >= 2 && !given {
                let mut m = Mention::new(s, e, k);
                m.country = self.country_in(s, e);
                return Some(m);
            }
        }
        if e - s >= 2 {
            let short = e - s <= 3;
            let name_like =
                (s..e).all(|k| self.cap(k) && !self.w(k).chars().all(|c| c.is_uppercase()));
            let kind = if short && name_like && (self.lex.surnames.contains(last) || e - s == 2) {
                EntityKind::Person
            } else {
                EntityKind::Org
            };
            return Some(Mention::new(s, e, kind));
        }
        if self.sent_start[s] {
            return None;
        }
        None
    }

    fn run(&self) -> Vec<Entity> {
        let mut ms: Vec<Mention> = Vec::new();
        for &(a, b) in &self.sent_toks {
            let mut i = a;
            while i < b {
                self.nominal_at(i, a, b, &mut ms);
                if !self.cap(i) {
                    i += 1;
                    continue;
                }
                let e = self.cap_run(i, b);
                self.read_run(i, e, &mut ms);
                i = e.max(i + 1);
            }
        }
        ms.sort_by_key(|m| {
            (
                self.toks[m.s].start,
                std::cmp::Reverse(self.toks[m.e - 1].end),
            )
        });
        self.titles_before(&mut ms);
        self.appositives(&mut ms);
        self.sports_teams(&mut ms);
        self.corefer(&mut ms);
        self.emit(ms)
    }

    /// A match score between two countries ("Norway 2 – 1 Chile") makes the document a sports
    /// report: every country next to a score is a team there, an organisation in all its
    /// mentions, not the state (a team beating another is no interstate event).
    fn sports_teams(&self, ms: &mut [Mention]) {
        let n = self.toks.len();
        let num =
            |k: usize| k < n && self.toks[k].word && self.w(k).chars().all(|c| c.is_ascii_digit());
        let dash = |k: usize| k < n && matches!(self.w(k), "–" | "-" | "—");
        let one = |k: usize| {
            k < n && {
                let w = self.w(k);
                let mut parts = w.split(['-', '–']);
                matches!((parts.next(), parts.next(), parts.next()),
                    (Some(a), Some(b), None) if !a.is_empty() && !b.is_empty()
                        && a.chars().all(|c| c.is_ascii_digit())
                        && b.chars().all(|c| c.is_ascii_digit()))
            }
        };
        // Token length of a score starting at k (0: none).
        let score_at = |k: usize| {
            if one(k) {
                1
            } else if num(k) && dash(k + 1) && num(k + 2) {
                3
            } else {
                0
            }
        };
        let score_ending_at = |e: usize| {
            (e >= 1 && one(e - 1)) || (e >= 3 && num(e - 1) && dash(e - 2) && num(e - 3))
        };
        let gpe = |m: &Mention| m.kind == EntityKind::Gpe && !m.nominal;
        let two_sided = ms.iter().any(|m| {
            let l = score_at(m.e);
            l > 0 && ms.iter().any(|o| gpe(o) && o.s == m.e + l) && gpe(m)
        });
        if !two_sided {
            return;
        }
        let teams: Vec<String> = ms
            .iter()
            .filter(|m| gpe(m) && (score_at(m.e) > 0 || score_ending_at(m.s)))
            .map(|m| self.span_text(m.s, m.e).to_string())
            .collect();
        for m in ms.iter_mut() {
            if gpe(m) && teams.iter().any(|t| t == self.span_text(m.s, m.e)) {
                m.kind = EntityKind::Org;
                m.role = None;
            }
        }
    }

    /// Reads one capitalised run: leading function words, an affiliation, a title, a name.
    fn read_run(&self, i: usize, e: usize, ms: &mut Vec<Mention>) {
        let mut s = i;
        while s < e && (self.lex.not_names.contains(self.w(s)) || !self.cap(s)) {
            // A title such as "Mr." is kept for the title check.
            if self.title_at(s, e).is_some() {
                break;
            }
            s += 1;
        }
        if s >= e {
            return;
        }
        // Whole run known (country, organisation, group)?
        let whole = self.span_text(s, e);
        if self.lex.actors.contains_key(whole)
            || self.lex.country_names.contains_key(whole)
            || self.lex.demonyms.contains_key(whole)
        {
            if let Some(m) = self.classify(s, e, false, ms) {
                ms.push(m);
            }
            return;
        }
        // A title inside the run splits it: affiliation | title | name.
        let mut k = s;
        while k < e {
            if let Some((te, role)) = self.title_at(k, e) {
                let aff = (k > s).then_some((s, k));
                if let Some((as_, ae)) = aff {
                    if let Some(m) = self.classify(as_, ae, false, ms) {
                        ms.push(m);
                    }
                }
                let country = aff.and_then(|(x, y)| self.country_in(x, y));
                if te < e {
                    let mut m = Mention::new(te, e, EntityKind::Person);
                    m.title = Some((k, te));
                    m.role = role.clone();
                    m.country = country;
                    m.affiliation = aff;
                    ms.push(m);
                } else {
                    // A title with no name: remembered for an appositive.
                    let mut m = Mention::new(k, te, EntityKind::Other);
                    m.title = Some((k, te));
                    m.role = role;
                    m.country = country;
                    m.affiliation = aff;
                    m.nominal = true;
                    ms.push(m);
                }
                return;
            }
            k += 1;
        }
        let acronym = self.w(s).len() >= 2 && self.w(s).chars().all(|c| c.is_ascii_uppercase());
        if e - s == 1 && self.sent_start[s] && !self.lex.given.contains_key(self.w(s)) && !acronym {
            // Sentence-initial single word: only lexicon or earlier-name evidence counts.
            let known = ms
                .iter()
                .filter(|m| m.kind == EntityKind::Person)
                .any(|p| self.w(p.e - 1) == self.w(s))
                || self.place_kind(s, e).is_some();
            if !known {
                return;
            }
        }
        if let Some(m) = self.classify(s, e, false, ms) {
            ms.push(m);
        }
    }

    /// A nominal actor mention starting at determiner `i` ("a rebel spokesman", "the
    /// insurgents") or a bare plural ("government forces"), kept when a verb follows.
    fn nominal_at(&self, i: usize, _a: usize, b: usize, ms: &mut Vec<Mention>) {
        let lw = self.lower(i);
        let det = matches!(lw, "a" | "an" | "the");
        let start = i;
        let mut k = if det { i + 1 } else { i };
        if !det {
            // Bare plural: a modifier word then the head.
            let modifier = matches!(
                lw,
                "government" | "security" | "military" | "army" | "police" | "pro-government"
            ) || self.lex.demonyms.contains_key(self.w(i));
            let inside = ms
                .last()
                .is_some_and(|m| m.e > i && self.toks[m.s].start <= self.toks[i].start);
            if !modifier || inside || (i > 0 && self.toks[i - 1].word && !self.cap(i - 1)) {
                return;
            }
        }
        let mut head = None;
        while k < b && k < i + 6 {
            // A verb ends the noun phrase ("the ministry said 500 soldiers ...").
            if !self.toks[k].word || self.verb_at(self.toks[k].start) {
                break;
            }
            let h = self.lower(k);
            if let Some(n) = self.lex.nominals.get(h) {
                // The head is the last of a compound ("security source").
                let more = k + 1 < b && self.lex.nominals.contains_key(self.lower(k + 1));
                if !more {
                    head = Some((k, n.clone(), h));
                    break;
                }
            }
            k += 1;
        }
        let Some((h, nom, hw)) = head else {
            return;
        };
        if !det && (h == i || !hw.ends_with('s')) {
            return;
        }
        // Optional post-modifier "in the city" / "of the group".
        let mut after = h + 1;
        if after + 1 < b
            && matches!(
                self.lower(after),
                "in" | "at" | "from" | "of" | "close" | "familiar"
            )
        {
            let mut j = after + 1;
            while j < b && j < after + 5 && self.toks[j].word && !self.acts(j) {
                j += 1;
            }
            if j < b && self.acts(j) {
                after = j;
            }
        }
        let acts = after < b && self.acts(after);
        let definite = lw == "the";
        if !acts && !definite {
            return;
        }
        if !acts
            && definite
            && nom.kind != EntityKind::Group
            && hw != "spokesman"
            && hw != "spokeswoman"
        {
            return;
        }
        let end = if after > h + 1 { after } else { h + 1 };
        let mut m = Mention::new(start, end, nom.kind);
        m.nominal = true;
        m.role = nom.role.clone();
        m.head = Some(hw.to_string());
        m.country = self.country_in(start, h);
        let first_mod = if det { start + 1 } else { start };
        if let Some(c) = (first_mod..h).find(|&c| self.cap(c)) {
            let ce = self.cap_run(c, h);
            let t = self.span_text(c, ce.max(c + 1));
            let known = self.lex.actors.contains_key(t)
                || self.lex.country_names.contains_key(t)
                || self.lex.demonyms.contains_key(t)
                || !self.sent_start[c];
            if ce > c && known {
                m.affiliation = Some((c, ce));
                if let Some(a) = self.lex.actors.get(self.span_text(c, ce)) {
                    m.country = a.country.clone().or(m.country);
                    if m.role.is_none() {
                        m.role = a.role.clone();
                    }
                }
            }
        }
        ms.push(m);
    }

    /// The token looks like the verb of a clause whose subject ends before it.
    fn acts(&self, j: usize) -> bool {
        if !self.toks[j].word || self.cap(j) {
            return false;
        }
        let w = self.lower(j);
        w.ends_with("ed")
            || matches!(
                w,
                "said"
                    | "says"
                    | "told"
                    | "say"
                    | "tell"
                    | "were"
                    | "was"
                    | "are"
                    | "is"
                    | "have"
                    | "has"
                    | "had"
                    | "will"
                    | "would"
                    | "could"
                    | "withdrew"
                    | "fled"
                    | "took"
                    | "began"
                    | "fought"
                    | "stormed"
                    | "seized"
                    | "appeared"
                    | "gave"
                    | "left"
            )
    }

    /// "Ministry of Health spokeswoman Ana Ruiz": a lower-case title between an organisation
    /// (or country) and a person's name gives the person's role and affiliation.
    fn titles_before(&self, ms: &mut [Mention]) {
        for k in 0..ms.len() {
            if ms[k].kind != EntityKind::Person || ms[k].nominal || ms[k].title.is_some() {
                continue;
            }
            let s = ms[k].s;
            let mut found = None;
            for back in 1..=self.lex.max_title_words.min(s) {
                if let Some((te, role)) = self.title_at(s - back, s) {
                    if te == s && !self.cap(s - back) {
                        found = Some((s - back, role));
                    }
                }
            }
            let Some((ts, role)) = found else {
                continue;
            };
            ms[k].title = Some((ts, s));
            ms[k].role = role;
            // The affiliation ends right before the title.
            if let Some(a) = ms
                .iter()
                .position(|m| m.e == ts && !m.nominal && m.kind != EntityKind::Person)
            {
                let (as_, ae, kind, c, r) = (
                    ms[a].s,
                    ms[a].e,
                    ms[a].kind,
                    ms[a].country.clone(),
                    ms[a].role.clone(),
                );
                let m = &mut ms[k];
                m.affiliation = Some((as_, ae));
                m.country = c;
                if m.role.is_none() && kind != EntityKind::Gpe {
                    m.role = r;
                }
                if m.role.is_none() && matches!(kind, EntityKind::Gpe | EntityKind::Norp) {
                    m.role = Some("GOV".into());
                }
            }
        }
    }

    /// "Name, the Finance Minister," / "Name, a Lagos resident,": role from an appositive.
    fn appositives(&self, ms: &mut Vec<Mention>) {
        let mut drop = vec![false; ms.len()];
        for k in 0..ms.len() {
            if ms[k].kind != EntityKind::Person || ms[k].nominal {
                continue;
            }
            let e = ms[k].e;
            if e >= self.toks.len() || self.w(e) != "," {
                continue;
            }
            // The next mention with a title or nominal head, within a few tokens.
            let Some(j) = (k + 1..ms.len()).find(|&j| {
                ms[j].s > e
                    && ms[j].s <= e + 5
                    && ms[j].nominal
                    && (ms[j].title.is_some() || ms[j].head.is_some())
            }) else {
                continue;
            };
            let (t, role, country, aff) = (
                ms[j].title.or(Some((ms[j].s, ms[j].e))),
                ms[j].role.clone(),
                ms[j].country.clone(),
                ms[j].affiliation,
            );
            let m = &mut ms[k];
            m.title = t;
            m.role = role.or(m.role.take());
            m.country = country.or(m.country.take());
            m.affiliation = aff.or(m.affiliation);
            if ms[j].kind == EntityKind::Other || ms[j].head.as_deref() == Some("resident") {
                drop[j] = true;
            }
        }
        let mut k = 0;
        ms.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
        // Title-only runs that found no person are not entities.
        ms.retain(|m| m.kind != EntityKind::Other);
    }

    /// Names to earlier full names, definite nominals to the last matching mention.
    fn corefer(&self, ms: &mut [Mention]) {
        for k in 0..ms.len() {
            let m = &ms[k];
            match m.kind {
                EntityKind::Person if !m.nominal => {
                    let last = self.w(m.e - 1);
                    let single = m.e - m.s == 1;
                    let full = self.span_text(m.s, m.e);
                    let c = (0..k).find(|&j| {
                        let p = &ms[j];
                        p.kind == EntityKind::Person
                            && !p.nominal
                            && p.e - p.s > 1
                            && ((single && self.w(p.e - 1) == last)
                                || self.span_text(p.s, p.e) == full)
                    });
                    if let Some(j) = c {
                        let root = ms[j].coref.unwrap_or(j);
                        ms[k].coref = Some(root);
                    }
                }
                // "Rosa Lima ... Lima said": a one-word name that is the surname of a
                // person named earlier is that person, whatever the gazetteer says.
                EntityKind::Gpe | EntityKind::Loc | EntityKind::Fac
                    if !m.nominal && m.e - m.s == 1 =>
                {
                    let w = self.w(m.s);
                    let c = (0..k).find(|&j| {
                        let p = &ms[j];
                        p.kind == EntityKind::Person
                            && !p.nominal
                            && p.e - p.s > 1
                            && self.w(p.e - 1) == w
                    });
                    if let Some(j) = c {
                        let root = ms[j].coref.unwrap_or(j);
                        ms[k].kind = EntityKind::Person;
                        ms[k].coref = Some(root);
                        ms[k].country = ms[root].country.clone();
                        ms[k].role = ms[root].role.clone();
                    }
                }
                _ if m.nominal && self.lower(m.s) == "the" => {
                    let head = m.head.clone();
                    let role = m.role.clone();
                    let group = m.kind == EntityKind::Group;
                    let c = (0..k).rev().find(|&j| {
                        let p = &ms[j];
                        if group {
                            p.kind == EntityKind::Group && !p.nominal && p.role == role
                        } else {
                            head.is_some()
                                && p.kind == EntityKind::Person
                                && (p.head == head
                                    || p.title.is_some_and(|(a, b)| {
                                        self.span_text(a, b)
                                            .eq_ignore_ascii_case(head.as_deref().unwrap_or(""))
                                    }))
                        }
                    });
                    if let Some(j) = c {
                        let root = ms[j].coref.unwrap_or(j);
                        ms[k].coref = Some(root);
                        if ms[k].country.is_none() {
                            ms[k].country = ms[root].country.clone();
                        }
                        if ms[k].role.is_none() {
                            ms[k].role = ms[root].role.clone();
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The article's main country: the places stage's focus, else the most named country.
    fn focus_country(&self, ms: &[Mention]) -> Option<String> {
        if let Some(f) = self.doc.focus.countries.first() {
            if let Some(c) = f.code.as_deref().and_then(|c| self.lex.alpha3_of_alpha2(c)) {
                return Some(c.to_string());
            }
        }
        let mut count: HashMap<&str, usize> = HashMap::new();
        for m in ms {
            if let Some(c) = m.country.as_deref() {
                let w = match m.kind {
                    EntityKind::Gpe | EntityKind::Group => 2,
                    _ => 1,
                };
                *count.entry(c).or_default() += w;
            }
        }
        for p in &self.doc.places {
            if let Some(c) = p
                .country
                .as_deref()
                .and_then(|c| self.lex.alpha3_of_alpha2(c))
            {
                *count.entry(c).or_default() += 1;
            }
        }
        count
            .into_iter()
            .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
            .map(|(c, _)| c.to_string())
    }

    fn emit(&self, ms: Vec<Mention>) -> Vec<Entity> {
        let focus = self.focus_country(&ms);
        let ev = |(s, e): (usize, usize)| -> Evidence {
            Evidence::from_span(
                self.text,
                Span::new(self.toks[s].start, self.toks[e - 1].end),
            )
        };
        let mut out: Vec<Entity> = Vec::with_capacity(ms.len());
        for (k, m) in ms.iter().enumerate() {
            let text = self.span_text(m.s, m.e).to_string();
            let mut country = m.country.clone();
            // Unattributed state actors ("government forces") belong to the article's country.
            if country.is_none()
                && m.nominal
                && matches!(m.role.as_deref(), Some("GOV" | "MIL" | "COP"))
            {
                country = focus.clone();
            }
            let role = m.role.clone().filter(|r| r != "-");
            let code = match m.kind {
                EntityKind::Gpe | EntityKind::Norp => country.clone(),
                _ => match (&country, &role) {
                    (_, Some(r)) if r.starts_with("IMG") || r == "IGO" => Some(r.clone()),
                    (Some(c), r) => Some(format!("{c}{}", r.as_deref().unwrap_or(""))),
                    (None, Some(r)) => Some(r.clone()),
                    (None, None) => None,
                },
            };
            let actor = code.map(|code| {
                let country2 = country
                    .as_deref()
                    .and_then(|c| self.lex.countries.iter().find(|x| x.alpha3 == c))
                    .map(|x| x.alpha2.clone());
                Actor {
                    role: role
                        .clone()
                        .or_else(|| code.get(3..).filter(|r| !r.is_empty()).map(str::to_string)),
                    country: country2,
                    code,
                }
            });
            let root = m.coref.filter(|&r| r != k);
            let canonical = root
                .map(|r| self.span_text(ms[r].s, ms[r].e).to_string())
                .or_else(|| {
                    (m.kind == EntityKind::Gpe || m.kind == EntityKind::Norp)
                        .then(|| {
                            country
                                .as_deref()
                                .and_then(|c| self.lex.countries.iter().find(|x| x.alpha3 == c))
                                .map(|x| x.name.clone())
                        })
                        .flatten()
                });
            let span = Span::new(self.toks[m.s].start, self.toks[m.e - 1].end);
            out.push(Entity {
                id: format!("e{}", k + 1),
                text,
                start: span.start,
                end: span.end,
                kind: m.kind,
                actor,
                canonical,
                coref: root.map(|r| format!("e{}", r + 1)),
                role: m.title.map(ev),
                affiliation: m.affiliation.map(ev),
                nominal: m.nominal,
                confidence: None,
            });
        }
        // A person mentioned again inherits the actor of its first mention.
        for k in 0..out.len() {
            if out[k].actor.is_none() {
                if let Some(r) = ms[k].coref {
                    out[k].actor = out[r].actor.clone();
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
