//! Events: PLOVER types and modes with CAMEO codes, arguments, place, date, modality and negation.
//!
//! The coder works sentence by sentence. It finds triggers with the pattern lexicon of
//! `data/triggers.tsv` (verbs, event nouns and phrasal forms, matched on lemmas), finds the
//! actor mentions of the sentence (the entity stage's entities when present, else capitalised
//! names and actor nouns from `data/actors.tsv`), picks source and target from clause structure
//! (dependency relations when the syntax stage parsed the sentence, else word order: subject to
//! the left, object to the right, passive `by` agents, possessors and `by` agents of event
//! nouns, lists of actors), then reads modality and negation from cue words (`data/cues.tsv`),
//! attaches place, time and quantities, and gives each event a confidence and its evidence.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

mod lexicon;
mod text;

use lexicon::{Elem, Lexicon, Pattern, GAP};
use text::View;
use tidings_core::{Argument, Document, EntityKind, Event, Modality, Span, Stage, TimeType};

/// The `events` stage.
#[derive(Debug)]
pub struct Events {
    lex: Lexicon,
}

impl Default for Events {
    fn default() -> Self {
        Self::new()
    }
}

impl Events {
    pub fn new() -> Self {
        Events {
            lex: Lexicon::new(),
        }
    }
}

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }
    fn process(&self, doc: &mut Document) {
        let events = self.code(doc);
        doc.events = events;
    }
}

/// A trigger found in a sentence.
#[derive(Clone, Debug)]
struct Match {
    pat: usize,
    anchor: usize,
    end: usize,
    noun: bool,
    passive: bool,
}

/// An actor mention: tokens `[a, b)`.
#[derive(Clone, Debug)]
struct Mention {
    a: usize,
    b: usize,
    entity: Option<usize>,
    role: Option<String>,
    pronoun: bool,
    /// Made only of patient nouns ("a man", "the victims"): never a source alone.
    patient: bool,
    /// For a pronoun: the entity (index) and actor code of its antecedent.
    ante: Option<(Option<usize>, Option<String>)>,
}

/// Mentions joined by commas and conjunctions ("Gondor, Arnor and Rohan").
#[derive(Clone, Debug)]
struct Group {
    members: Vec<usize>,
    a: usize,
    b: usize,
}

/// The most events one trigger expands to over lists of actors.
const MAX_PAIRS: usize = 12;

impl Events {
    fn code(&self, doc: &Document) -> Vec<Event> {
        let lex = &self.lex;
        let v = View::build(doc, lex);
        let mut out = Vec::new();
        for si in 0..v.sents.len() {
            let (f, l) = (v.sents[si].first, v.sents[si].last);
            if l <= f {
                continue;
            }
            let matches = self.find_matches(&v, f, l);
            if matches.is_empty() {
                continue;
            }
            let mut consumed = vec![false; l - f];
            for m in &matches {
                consumed[m.anchor - f] = true;
                consumed[m.end - 1 - f] = true;
            }
            let mut mentions = self.mentions(doc, &v, f, l, &consumed);
            if mentions.iter().any(|m| m.pronoun) {
                let prev = match si.checked_sub(1).map(|p| &v.sents[p]) {
                    Some(p) if p.last > p.first => {
                        self.mentions(doc, &v, p.first, p.last, &vec![false; p.last - p.first])
                    }
                    _ => Vec::new(),
                };
                self.resolve_pronouns(doc, &v, &mut mentions, &prev);
            }
            let groups = groups(&v, lex, f, l, &mentions);
            self.code_sentence(doc, &v, si, &matches, &mentions, &groups, &mut out);
        }
        for (i, e) in out.iter_mut().enumerate() {
            e.id = format!("v{}", i + 1);
        }
        out
    }

    // ---------------------------------------------------------------- triggers

    fn find_matches(&self, v: &View, f: usize, l: usize) -> Vec<Match> {
        let lex = &self.lex;
        let words = (f..l).filter(|&i| !v.toks[i].punct).count().max(1);
        let caps = (f..l)
            .filter(|&i| !v.toks[i].punct && v.toks[i].cap)
            .count();
        let title_case = caps * 10 > words * 6;
        let mut out: Vec<Match> = Vec::new();
        let mut taken_until = f;
        let mut blocked = vec![false; l - f];
        for i in f..l {
            // A word of a time expression is no trigger ("March 31").
            if i < taken_until || v.toks[i].punct || v.toks[i].time || blocked[i - f] {
                continue;
            }
            let lem = v.lemma(i);
            let lo = v.lower(i);
            let mut cands: Vec<usize> = Vec::new();
            if let Some(p) = lex.anchors.get(lem) {
                cands.extend(p);
            }
            if lo != lem {
                if let Some(p) = lex.anchors.get(lo) {
                    cands.extend(p);
                }
            }
            if cands.is_empty() {
                continue;
            }
            // A capitalised anchor inside a sentence is a name ("March", "Strike Force").
            let first_word = i == f || (f..i).all(|k| v.toks[k].punct);
            if v.toks[i].cap && !first_word && !title_case {
                continue;
            }
            let is_verb_anchor = lex.verb_anchors.contains(lem) || lex.verb_anchors.contains(lo);
            let has_noun = cands.iter().any(|&pi| lex.patterns[pi].noun);
            let noun_ctx = noun_context(v, lex, f, i, has_noun);
            // The parse makes the word a modifier of a noun after it ("protest leaders", "a
            // strike force"): no verb.
            let modifier = matches!(v.toks[i].deprel, Some("amod" | "compound"))
                && v.toks[i].head.is_some_and(|h| h + f > i);
            // A blocking pattern ("strike down", "contribute to this report") names another sense
            // of the anchor: no event on it, whatever its context.
            if let Some(end) = cands
                .iter()
                .filter(|&&pi| lex.patterns[pi].cameo == "-")
                .filter_map(|&pi| try_pattern(v, &lex.patterns[pi], i, l, lex))
                .max()
            {
                taken_until = end;
                continue;
            }
            let mut best: Option<(usize, usize)> = None;
            for &pi in &cands {
                let p = &lex.patterns[pi];
                if p.noun {
                    if is_verb_anchor && !noun_ctx {
                        continue;
                    }
                } else if noun_ctx || modifier || !verb_context(v, lex, f, i) {
                    continue;
                }
                if let Some(end) = try_pattern(v, p, i, l, lex) {
                    let better = match best {
                        None => true,
                        Some((bp, be)) => {
                            let bw = lex.patterns[bp].words;
                            p.words > bw || (p.words == bw && end > be)
                        }
                    };
                    if better {
                        best = Some((pi, end));
                    }
                }
            }
            if let Some((pi, end)) = best {
                let p = &lex.patterns[pi];
                let passive = !p.noun && is_passive(v, f, i);
                out.push(Match {
                    pat: pi,
                    anchor: i,
                    end,
                    noun: p.noun,
                    passive,
                });
                // Phrasal tails are consumed; gap tokens stay free for other triggers.
                if p.elems.len() > 1 {
                    taken_until = end;
                }
                blocked[end - 1 - f] = true;
            }
        }
        out
    }

    // ---------------------------------------------------------------- mentions

    fn mentions(
        &self,
        doc: &Document,
        v: &View,
        f: usize,
        l: usize,
        consumed: &[bool],
    ) -> Vec<Mention> {
        let lex = &self.lex;
        let free = |i: usize| !consumed[i - f];
        let mut out: Vec<Mention> = Vec::new();
        let mut covered = vec![false; l - f];
        let (s_start, s_end) = (v.toks[f].start, v.toks[l - 1].end);
        // Longest first where entities overlap ("Afghan government forces" over "Afghan" and
        // "government forces"): a token belongs to one mention.
        let mut order: Vec<usize> = (0..doc.entities.len())
            .filter(|&ei| {
                let e = &doc.entities[ei];
                e.end > s_start && e.start < s_end && !matches!(e.kind, EntityKind::Other)
            })
            .collect();
        order.sort_by_key(|&ei| {
            let e = &doc.entities[ei];
            (e.start, std::cmp::Reverse(e.end))
        });
        for ei in order {
            let e = &doc.entities[ei];
            let a = (f..l).find(|&i| v.toks[i].end > e.start);
            let b = (f..l)
                .rev()
                .find(|&i| v.toks[i].start < e.end)
                .map(|i| i + 1);
            if let (Some(a), Some(mut b)) = (a, b) {
                if a < b && (a..b).all(|i| free(i) && !covered[i - f] && !v.toks[i].time) {
                    // A country or nationality right before role nouns is their country ("US
                    // troops", "Afghan government forces"): one mention with both.
                    let country_only = e.actor.as_ref().is_some_and(|x| x.role.is_none());
                    if country_only {
                        while b < l
                            && free(b)
                            && !v.toks[b].punct
                            && !v.toks[b].cap
                            && lex.actors.contains_key(v.lemma(b))
                            && !doc
                                .entities
                                .iter()
                                .any(|o| o.start < v.toks[b].end && v.toks[b].start < o.end)
                        {
                            b += 1;
                        }
                    }
                    let role = (a..b)
                        .rev()
                        .find_map(|i| lex.actors.get(v.lemma(i)).cloned());
                    out.push(Mention {
                        a,
                        b,
                        entity: Some(ei),
                        role,
                        pronoun: e.nominal && b - a == 1 && lex.cue("pronoun", v.lower(a)),
                        patient: false,
                        ante: None,
                    });
                    for c in &mut covered[a - f..b - f] {
                        *c = true;
                    }
                }
            }
        }
        // Capitalised names the entity stage missed still make actor mentions (covered tokens are
        // skipped above).
        // A sentence-initial capital says nothing: there a word the tagger reads as no name (a
        // plural common noun, "Lions, tigers and ...", a verb form, "Winning over ...") is none.
        let namey = |i: usize| {
            let t = &v.toks[i];
            let lo = v.lower(i);
            let first_word = (f..i).all(|k| v.toks[k].punct);
            let tagged_common = t.tag_not_name && first_word;
            !t.punct
                && t.cap
                && !tagged_common
                && !t.time
                && free(i)
                && !lex.cue("stopword", lo)
                && !lex.cue("time", lo)
                && !lo.starts_with(|c: char| c.is_ascii_digit())
        };
        let actorish = |i: usize| {
            !v.toks[i].punct && !v.toks[i].time && free(i) && lex.actors.contains_key(v.lemma(i))
        };
        let word = |i: usize| {
            let t = &v.toks[i];
            !t.punct && !t.cap && free(i) && !lex.cue("stopword", v.lower(i))
        };
        let mut i = f;
        while i < l {
            if covered[i - f] {
                i += 1;
                continue;
            }
            let starts = namey(i) || actorish(i);
            if !starts {
                // "her" before a noun is a possessive determiner ("met her counterparts").
                // The word after decides where the parse is unsure ("with her American and
                // Mexican counterparts").
                let possessive = v.lower(i) == "her"
                    && (v.toks[i].deprel == Some("nmod:poss")
                        || (i + 1 < l
                            && !v.toks[i + 1].punct
                            && !lex.cue("stopword", v.lower(i + 1))
                            && !lex.cue("preposition", v.lower(i + 1))));
                if free(i) && lex.cue("pronoun", v.lower(i)) && !possessive {
                    out.push(Mention {
                        a: i,
                        b: i + 1,
                        entity: None,
                        role: None,
                        pronoun: true,
                        patient: false,
                        ante: None,
                    });
                }
                i += 1;
                continue;
            }
            let a = i;
            let mut j = i + 1;
            loop {
                if j >= l || covered[j - f] {
                    break;
                }
                if namey(j) || actorish(j) {
                    j += 1;
                    continue;
                }
                let lo = v.lower(j);
                // "Soldiers from X", "lawmakers in X": a role noun with its country.
                if matches!(lo, "from" | "in")
                    && (a..j).all(actorish)
                    && j + 1 < l
                    && !covered[j + 1 - f]
                    && namey(j + 1)
                {
                    j += 2;
                    continue;
                }
                // Possessive or "of" joining two name parts.
                if (lo == "'s" || lo == "of")
                    && j + 1 < l
                    && !covered[j + 1 - f]
                    && (namey(j + 1) || actorish(j + 1))
                {
                    j += 2;
                    continue;
                }
                // Up to two plain words before an actor noun ("Arnor security officials"), not
                // a verb ("the governor said rebels ...").
                let mut k = j;
                while k < l
                    && k < j + 2
                    && word(k)
                    && !actorish(k)
                    && !v.toks[k].verb
                    && !lex.cue("speech", v.lemma(k))
                {
                    k += 1;
                }
                if k > j && k < l && actorish(k) {
                    j = k + 1;
                    continue;
                }
                break;
            }
            let role = (a..j)
                .rev()
                .find_map(|k| lex.actors.get(v.lemma(k)).cloned());
            let patient = (a..j).any(|k| lex.patients.contains(v.lemma(k)))
                && (a..j).all(|k| {
                    !lex.actors.contains_key(v.lemma(k)) || lex.patients.contains(v.lemma(k))
                });
            out.push(Mention {
                a,
                b: j,
                entity: None,
                role,
                pronoun: false,
                patient,
                ante: None,
            });
            i = j;
        }
        out.sort_by_key(|m| m.a);
        out
    }

    // ---------------------------------------------------------------- coding

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(
        &self,
        doc: &Document,
        v: &View,
        si: usize,
        matches: &[Match],
        mentions: &[Mention],
        groups: &[Group],
        out: &mut Vec<Event>,
    ) {
        let lex = &self.lex;
        let s = &v.sents[si];
        let (f, l) = (s.first, s.last);
        let speech: Vec<usize> = (f..l)
            .filter(|&k| {
                !matches.iter().any(|m| m.anchor == k)
                    // A tagged common noun is no speech verb ("the state's army").
                    && !v.toks[k].noun
                    && (lex.cue("speech", v.lemma(k)) || lex.cue("speech", v.lower(k)))
            })
            .collect();
        let according = (f + 1..l).any(|k| v.lower(k - 1) == "according" && v.lower(k) == "to");
        let mut sources: Vec<Option<usize>> = Vec::with_capacity(matches.len());
        for (mi, m) in matches.iter().enumerate() {
            let p = &lex.patterns[m.pat];
            let clause = clause_start(v, lex, f, m.anchor);
            // Nouns that are the object of a coded verb are part of that event.
            if m.noun
                && matches.iter().any(|o| {
                    !o.noun
                        && o.end <= m.anchor
                        && m.anchor - o.end <= 6
                        && !(o.end..m.anchor).any(|k| is_boundary(v, lex, k))
                })
            {
                sources.push(None);
                continue;
            }
            // "agreed to restore": the outer verb carries the event.
            if !m.noun
                && m.anchor > f
                && v.lower(m.anchor - 1) == "to"
                && matches[..mi].iter().any(|o| {
                    !o.noun
                        && o.anchor + 6 >= m.anchor
                        && o.anchor < m.anchor
                        && !groups.iter().any(|g| g.a > o.anchor && g.b <= m.anchor)
                })
            {
                sources.push(None);
                continue;
            }
            let (mut src, mut tgt): (Option<usize>, Option<usize>);
            let dep = if v.toks[m.anchor].deprel.is_some() {
                Some(dep_args(v, lex, f, l, m, groups))
            } else {
                None
            };
            if dep.as_ref().is_some_and(|d| d.background) {
                sources.push(None);
                continue;
            }
            let passive = dep.as_ref().map_or(m.passive, |d| d.passive || m.passive);
            // "released a white paper", "the data released by the office": another sense.
            if p.patient_actor
                && !m.noun
                && dep.as_ref().is_some_and(|d| {
                    if passive {
                        d.subj_no_actor
                    } else {
                        d.obj_no_actor
                    }
                })
            {
                sources.push(None);
                continue;
            }
            if m.noun {
                src = dep
                    .as_ref()
                    .and_then(|d| d.poss.or(d.agent))
                    .or_else(|| noun_source(v, lex, groups, f, l, m));
                tgt = dep.as_ref().and_then(|d| d.of_tgt).or_else(|| {
                    right_group(
                        v,
                        lex,
                        groups,
                        m.end,
                        l,
                        &["of", "against", "on", "with"],
                        5,
                    )
                });
                if src.is_none() {
                    // A light verb ("launched an offensive") lends its subject.
                    let lv = (clause.max(m.anchor.saturating_sub(5))..m.anchor)
                        .rev()
                        .find(|&k| lex.cue("light", v.lemma(k)));
                    if let Some(k) = lv {
                        src = subject(v, lex, groups, f, k);
                    }
                }
                if src.is_none() && tgt.is_none() {
                    sources.push(None);
                    continue;
                }
            } else {
                let mut dep_subj = dep.as_ref().and_then(|d| d.subj);
                // A list subject the parse splits into conjuncts ("Mordor, the Shire and Bree
                // welcomed ..."): the word-pattern group holding more of the list wins.
                if let (Some(gd), Some(d)) = (dep_subj, dep.as_ref()) {
                    if let Some(gp) = subject(v, lex, groups, f, m.anchor) {
                        if gp != gd
                            && d.subj_conj.contains(&gp)
                            && groups[gp].members.len() > groups[gd].members.len()
                        {
                            dep_subj = Some(gp);
                        }
                    }
                }
                let subj = dep_subj
                    .or_else(|| {
                        let prev = if m.anchor > f {
                            v.lower(m.anchor - 1)
                        } else {
                            ""
                        };
                        if prev == "and" || (prev == "," && v.lower(m.anchor).ends_with("ing")) {
                            // "condemned X and promised Y": the earlier verb's subject.
                            sources.get(mi.wrapping_sub(1)).copied().flatten()
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        // The parse found this verb's own subject and it is no actor: an actor
                        // further left is not the subject either.
                        if dep.as_ref().is_some_and(|d| d.own_subj) {
                            return None;
                        }
                        let g = subject(v, lex, groups, f, m.anchor)?;
                        // An infinitive far from any actor ("the drive to meet demand").
                        let inf = m.anchor > f && v.lower(m.anchor - 1) == "to";
                        let reach = if inf { 8 } else { 12 };
                        (groups[g].b + reach >= m.anchor).then_some(g)
                    });
                if passive {
                    let by = dep
                        .as_ref()
                        .and_then(|d| d.agent)
                        .or_else(|| right_group(v, lex, groups, m.end, l, &["by"], 8));
                    if p.passive_subject_is_source {
                        src = subj;
                        tgt = None;
                    } else {
                        src = by;
                        tgt = subj;
                    }
                } else if p.reverse {
                    src = dep
                        .as_ref()
                        .and_then(|d| d.from)
                        .or_else(|| right_group(v, lex, groups, m.end, l, &["from"], 8));
                    tgt = subj;
                } else {
                    src = subj;
                    tgt = dep
                        .as_ref()
                        .and_then(|d| d.obj)
                        .or_else(|| object(v, lex, groups, m.end, l));
                }
                if src.is_none() && (!passive || tgt.is_none()) {
                    sources.push(None);
                    continue;
                }
            }
            // A patient noun alone ("a man", "the victims") is never the source.
            if src.is_some_and(|g| groups[g].members.iter().all(|&x| mentions[x].patient)) {
                src = None;
                if m.noun && tgt.is_none() || !m.noun && !passive {
                    sources.push(None);
                    continue;
                }
            }
            // One actor is not both sides ("At X the general met X's father").
            if src.is_some() && src == tgt {
                tgt = None;
            }
            // A movement's "to X" is where it goes ("withdrew to a military base").
            if p.motion
                && tgt.is_some_and(|g| {
                    (m.end..groups[g].a)
                        .any(|k| matches!(v.lower(k), "to" | "into" | "toward" | "towards"))
                })
            {
                tgt = None;
            }
            // A trigger inside a quotation takes no target from outside it: the words after
            // the closing mark are the attribution ("..., a spokesman tweeted").
            let at = v.toks[m.anchor].start;
            if let (Some(q), Some(g)) = (
                doc.quotations
                    .iter()
                    .find(|q| q.content_start <= at && at < q.content_end),
                tgt,
            ) {
                let (ga, gb) = (v.toks[groups[g].a].start, v.toks[groups[g].b - 1].end);
                if ga >= q.content_end || gb <= q.content_start {
                    tgt = None;
                }
            }
            sources.push(src);
            let (modality, mut negated) =
                self.modality(doc, v, f, l, clause, m, p, &speech, according);
            negated |= dep.as_ref().is_some_and(|d| d.negated);
            let modality = if dep.as_ref().is_some_and(|d| d.modal_head) {
                Modality::Hypothetical
            } else if dep.as_ref().is_some_and(|d| d.intent)
                && matches!(modality, Modality::Asserted | Modality::Claimed)
            {
                Modality::Planned
            } else {
                modality
            };
            let mut cameo = p.cameo.clone();
            // A verbal attack: a named person on either side and nothing violent in sentence.
            if let Some(code) = &p.verbal_code {
                let person = |g: Option<usize>| {
                    g.is_some_and(|g| {
                        groups[g].members.iter().any(|&x| {
                            let mm = &mentions[x];
                            let named = |e: Option<usize>| {
                                e.and_then(|e| doc.entities.get(e))
                                    .is_some_and(|e| e.kind == EntityKind::Person && !e.nominal)
                            };
                            named(mm.entity) || named(mm.ante.as_ref().and_then(|(e, _)| *e))
                        })
                    })
                };
                let violent = (f..l)
                    .any(|k| lex.cue("violence", v.lower(k)) || lex.cue("violence", v.lemma(k)));
                if (person(src) || person(tgt)) && !violent {
                    cameo = code.clone();
                }
            }
            if modality == Modality::Planned {
                if let Some(c) = &p.future_code {
                    cameo = c.clone();
                }
            }
            let (kind, mode) = lex
                .plover(&cameo)
                .map(|pl| (pl.kind.clone(), pl.mode.clone()))
                .unwrap_or_default();
            let trigger = doc.evidence(Span::new(v.toks[m.anchor].start, v.toks[m.end - 1].end));
            let sentence = doc.evidence(Span::new(s.start, s.end));
            let (place, place_precision) =
                self.place(doc, v, f, l, clause, m, src.map(|g| &groups[g]));
            let (time, date, date_precision) = self.date(doc, v, f, l, m, modality);
            let (fatalities, size) = self.numbers(doc, v, f, l, m, &kind);
            let mut confidence: f32 = 0.45;
            if src.is_some() {
                confidence += 0.2;
            }
            if tgt.is_some() {
                confidence += 0.1;
            }
            if p.words > 1 {
                confidence += 0.1;
            }
            if m.noun {
                confidence -= 0.1;
            }
            if v.parsed {
                confidence += 0.05;
            }
            let src_members = self.expand(doc, v, groups, mentions, src);
            let tgt_members = self.expand(doc, v, groups, mentions, tgt);
            let mut n = 0;
            for (source, pron) in &src_members {
                for (target, _) in &tgt_members {
                    if n >= MAX_PAIRS {
                        break;
                    }
                    n += 1;
                    let (source, target, pron) = (source.clone(), target.clone(), *pron);
                    out.push(Event {
                        id: String::new(),
                        kind: kind.clone(),
                        mode: mode.clone(),
                        cameo: cameo.clone(),
                        trigger: trigger.clone(),
                        source,
                        target,
                        place: place.clone(),
                        place_precision: place_precision.clone(),
                        time: time.clone(),
                        date: date.clone(),
                        date_precision: date_precision.clone(),
                        modality,
                        negated,
                        confidence: (confidence - if pron { 0.1 } else { 0.0 }).clamp(0.05, 0.95),
                        fatalities,
                        size,
                        sentence: Some(sentence.clone()),
                    });
                }
            }
        }
    }

    /// The arguments a group of actors stands for, each with whether it is a pronoun. A role
    /// noun qualified by a list of named places ("lawmakers in A and B", "troops from A and
    /// B") stands for the role in each place: one argument per place, the role's text with
    /// the place's entity and its actor code joined with the role's.
    fn expand(
        &self,
        doc: &Document,
        v: &View,
        groups: &[Group],
        mentions: &[Mention],
        g: Option<usize>,
    ) -> Vec<(Option<Argument>, bool)> {
        let Some(g) = g else {
            return vec![(None, false)];
        };
        let mut out = Vec::new();
        // "lawmakers and officials in A and B": the places after the list's last role noun
        // qualify each role noun of the list.
        let shared = groups[g].members.last().map_or(&[][..], |&x| {
            self.role_places(v, groups, mentions, &mentions[x])
        });
        for &x in &groups[g].members {
            let m = &mentions[x];
            let bare = m.role.is_some() && m.entity.is_none() && !m.pronoun;
            let places = match self.role_places(v, groups, mentions, m) {
                [] if bare => shared,
                p => p,
            };
            if places.len() < 2 {
                out.push((Some(self.argument(doc, v, m)), m.pronoun));
                continue;
            }
            for &p in places {
                let mut arg = self.argument(doc, v, m);
                let place = self.argument(doc, v, &mentions[p]);
                arg.entity = place.entity;
                arg.actor_code = match (place.actor_code, &m.role) {
                    (Some(c), Some(r)) if !c.ends_with(r.as_str()) => Some(format!("{c}{r}")),
                    (Some(c), _) => Some(c),
                    (None, r) => r.clone(),
                };
                out.push((Some(arg), false));
            }
        }
        out
    }

    /// The named places of a list right after a role noun and `in` or `from`.
    fn role_places<'g>(
        &self,
        v: &View,
        groups: &'g [Group],
        mentions: &[Mention],
        m: &Mention,
    ) -> &'g [usize] {
        if m.role.is_none() || m.entity.is_some() || m.pronoun || m.b >= v.toks.len() {
            return &[];
        }
        if !matches!(v.lower(m.b), "in" | "from") {
            return &[];
        }
        groups
            .iter()
            .find(|h| h.a == m.b + 1)
            .filter(|h| {
                h.members.iter().all(|&y| {
                    let n = &mentions[y];
                    n.role.is_none() && !n.pronoun && v.toks[n.a].cap
                })
            })
            .map_or(&[], |h| h.members.as_slice())
    }

    /// Links "he", "she", "they" (and "him", "her", "them") to the nearest earlier actor
    /// mention that fits, in the
    /// sentence before the pronoun or else in the sentence before: a person for "he" and
    /// "she"; a plural noun, a list or a group for "they" ("3,000 US troops will be deployed,
    /// but they would not be used to battle ..."). A pronoun with no fitting antecedent keeps
    /// no actor.
    fn resolve_pronouns(
        &self,
        doc: &Document,
        v: &View,
        mentions: &mut [Mention],
        prev: &[Mention],
    ) {
        for i in 0..mentions.len() {
            if !mentions[i].pronoun {
                continue;
            }
            let word = v.lower(mentions[i].a);
            let fits = |c: &Mention| {
                if c.pronoun {
                    return false;
                }
                let kind = c.entity.and_then(|e| doc.entities.get(e)).map(|e| e.kind);
                match word {
                    "he" | "she" | "him" | "her" => kind == Some(EntityKind::Person),
                    "they" | "them" => {
                        kind == Some(EntityKind::Group)
                            || (v.toks[c.b - 1].plural && kind != Some(EntityKind::Person))
                    }
                    _ => false,
                }
            };
            let a = mentions[i].a;
            let found = mentions[..i]
                .iter()
                .rev()
                .filter(|c| c.b <= a)
                .chain(prev.iter().rev())
                .find(|c| fits(c));
            if let Some(c) = found {
                let (entity, code) = self.actor_of(doc, v, c);
                if entity.is_some() || code.is_some() {
                    mentions[i].ante = Some((entity, code));
                }
            }
        }
    }

    fn argument(&self, doc: &Document, v: &View, m: &Mention) -> Argument {
        let span = Span::new(v.toks[m.a].start, v.toks[m.b - 1].end);
        let ev = doc.evidence(span);
        let (entity, code) = match &m.ante {
            Some((entity, code)) => (*entity, code.clone()),
            None => self.actor_of(doc, v, m),
        };
        Argument {
            text: ev.text,
            start: ev.start,
            end: ev.end,
            entity: entity
                .and_then(|e| doc.entities.get(e))
                .map(|e| e.id.clone()),
            actor_code: code,
        }
    }

    /// The entity (index) and actor code a mention stands for, its antecedent aside.
    fn actor_of(&self, doc: &Document, v: &View, m: &Mention) -> (Option<usize>, Option<String>) {
        let span = Span::new(v.toks[m.a].start, v.toks[m.b - 1].end);
        match m.entity.and_then(|e| doc.entities.get(e).map(|x| (e, x))) {
            Some((ei, e)) => (
                Some(ei),
                match (e.actor.as_ref(), &m.role) {
                    // "US troops": the country's code with the role noun's.
                    (Some(a), Some(r)) if a.role.is_none() && !a.code.ends_with(r.as_str()) => {
                        Some(format!("{}{r}", a.code))
                    }
                    (Some(a), _) => Some(a.code.clone()),
                    (None, r) => r.clone(),
                },
            ),
            None => {
                // An entity of another stage overlapping this mention.
                let e = doc.entities.iter().position(|e| e.span().overlaps(&span));
                let code = e
                    .and_then(|e| doc.entities[e].actor.as_ref())
                    .map(|a| a.code.clone());
                (e, code.or(m.role.clone()))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn modality(
        &self,
        doc: &Document,
        v: &View,
        f: usize,
        l: usize,
        clause: usize,
        m: &Match,
        p: &Pattern,
        speech: &[usize],
        according: bool,
    ) -> (Modality, bool) {
        let lex = &self.lex;
        let a = m.anchor;
        let lo = |k: usize| v.lower(k);
        // Negation close before the trigger, inside its clause.
        let neg_from = clause.max(a.saturating_sub(6));
        let mut negated = (neg_from..a)
            .any(|k| lex.cue("negation", lo(k)) && !(k + 1 < l && lo(k + 1) == "only"))
            || (clause..a).any(|k| {
                lex.cue("deny", v.lemma(k))
                    || (v.lemma(k) == "fail" && k + 1 < a && lo(k + 1) == "to")
            });
        if !negated && clause < a && lo(clause) == "neither" {
            negated = true;
        }
        if !negated && clause > f && lo(clause - 1) == "neither" {
            negated = true;
        }
        let opener = if clause > f {
            Some(lo(clause - 1))
        } else {
            None
        };
        let hyp = (clause..a).any(|k| {
            matches!(lo(k), "could" | "might" | "should" | "possibly" | "perhaps")
                || (lo(k) == "may" && !v.toks[k].cap)
        }) || opener.is_some_and(|o| matches!(o, "if" | "unless" | "whether"));
        let speech_before = speech.iter().any(|&k| k < a);
        let would = (clause..a).any(|k| lo(k) == "would" || lo(k) == "'d");
        let planned = (clause..a).any(|k| {
            let w = lo(k);
            let next = if k + 1 < l { lo(k + 1) } else { "" };
            matches!(w, "will" | "'ll" | "shall" | "wo")
                || (next == "to"
                    && (matches!(
                        w,
                        "about" | "going" | "set" | "due" | "expected" | "scheduled" | "ready"
                    ) || lex.cue("planned", v.lemma(k))))
        }) || (m.passive && a >= 2 && lo(a - 1) == "be" && lo(a - 2) == "to")
            || (m.noun && m.end < l && matches!(lo(m.end), "planned" | "expected" | "scheduled"));
        let in_quote = self.in_quote(doc, v.toks[a].start);
        // Where the sentence is parsed, a speech verb makes a claim of what it reports: the
        // trigger lies under it ("X said Y attacked"), or it hangs on the trigger's clause as
        // a parenthetical ("Y attacked Z, police said"). A speech verb of another clause ("X
        // said A, and B attacked C") does not.
        let speech_scope = |k: usize| {
            if v.toks[a].head.is_none() && v.toks[a].deprel.is_none() {
                return true;
            }
            if dominates(v, f, l, k, a) {
                return true;
            }
            // A trailing attribution the parse hangs on the clause as parataxis or as a
            // conjunct with no conjunction of its own (", the paper reported").
            let trailing = k > a
                && matches!(v.toks[k].deprel, Some("parataxis" | "conj"))
                && !(f..l).any(|c| v.toks[c].head == Some(k - f) && v.toks[c].deprel == Some("cc"));
            if trailing
                && v.toks[k]
                    .head
                    .is_some_and(|h| h + f < l && dominates(v, f, l, h + f, a))
            {
                return true;
            }
            // Word order for the same: ", SPEAKER said." or ", SPEAKER said, adding ...".
            k > a
                && (k + 1 >= l || matches!(lo(k + 1), "," | "." | "”" | "\""))
                && (k.saturating_sub(7).max(a)..k).any(|c| {
                    lo(c) == ","
                        && (c + 1..k).all(|j| !matches!(lo(j), "and" | "but" | "or" | "," | "that"))
                })
        };
        let speech_claim = speech.iter().any(|&k| speech_scope(k));
        let modality = if hyp || (would && !speech_before) {
            Modality::Hypothetical
        } else if planned || would {
            Modality::Planned
        } else if p.claimed || in_quote || according || speech_claim {
            Modality::Claimed
        } else {
            Modality::Asserted
        };
        let _ = f;
        (modality, negated)
    }

    fn in_quote(&self, doc: &Document, at: usize) -> bool {
        if !doc.quotations.is_empty() {
            return doc
                .quotations
                .iter()
                .any(|q| q.content_start <= at && at < q.content_end);
        }
        // Fallback: quotation marks opened and not closed since the paragraph began.
        let para_start = doc.text[..at.min(doc.text.len())]
            .rfind('\n')
            .map(|p| p + 1)
            .unwrap_or(0);
        let mut open = false;
        for c in doc.text[para_start..at.min(doc.text.len())].chars() {
            match c {
                '“' => open = true,
                '”' => open = false,
                '"' => open = !open,
                _ => {}
            }
        }
        open
    }

    #[allow(clippy::too_many_arguments)]
    fn place(
        &self,
        doc: &Document,
        v: &View,
        f: usize,
        l: usize,
        clause: usize,
        m: &Match,
        src: Option<&Group>,
    ) -> (Option<String>, Option<String>) {
        let (s_start, s_end) = (v.toks[f].start, v.toks[l - 1].end);
        let src_span = src.map(|g| Span::new(v.toks[g.a].start, v.toks[g.b - 1].end));
        let clause_end = (m.end..l)
            .find(|&k| is_boundary(v, self.lex_ref(), k))
            .unwrap_or(l);
        let (c_start, c_end) = (v.toks[clause].start, v.toks[clause_end - 1].end);
        let anchor = v.toks[m.anchor].start;
        let ok = |p: &&tidings_core::Place| !src_span.is_some_and(|s| s.overlaps(&p.span()));
        let nearest = |lo: usize, hi: usize| {
            doc.places
                .iter()
                .filter(|p| p.start >= lo && p.end <= hi)
                .filter(ok)
                .filter(|p| p.mention != "demonym")
                .min_by_key(|p| p.start.abs_diff(anchor))
        };
        if let Some(p) = nearest(c_start, c_end) {
            return (Some(p.id.clone()), Some("clause".into()));
        }
        if let Some(p) = nearest(s_start, s_end) {
            return (Some(p.id.clone()), Some("sentence".into()));
        }
        let focus = doc.focus.cities.first().or(doc.focus.countries.first());
        if let Some(fp) = focus {
            if let Some(p) = doc.places.iter().find(|p| {
                p.name == fp.name || (fp.geonameid.is_some() && p.geonameid == fp.geonameid)
            }) {
                return (Some(p.id.clone()), Some("document".into()));
            }
        }
        (None, None)
    }

    fn lex_ref(&self) -> &Lexicon {
        &self.lex
    }

    fn date(
        &self,
        doc: &Document,
        v: &View,
        f: usize,
        l: usize,
        m: &Match,
        modality: Modality,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let (s_start, s_end) = (v.toks[f].start, v.toks[l - 1].end);
        // A planned or hypothetical event takes a time from its own clause only.
        let (s_start, s_end) =
            if modality == Modality::Planned || modality == Modality::Hypothetical {
                let c = clause_start(v, &self.lex, f, m.anchor);
                let e = (m.end..l)
                    .find(|&k| is_boundary(v, &self.lex, k))
                    .unwrap_or(l);
                (v.toks[c].start, v.toks[e.max(c + 1) - 1].end)
            } else {
                (s_start, s_end)
            };
        let anchor = v.toks[m.anchor].start;
        let t = doc
            .times
            .iter()
            .filter(|t| t.start >= s_start && t.end <= s_end)
            .filter(|t| t.kind == TimeType::Date || t.kind == TimeType::Time)
            .filter(|t| t.value.starts_with(|c: char| c.is_ascii_digit()) && real_day(&t.value))
            .min_by_key(|t| t.start.abs_diff(anchor));
        if let Some(t) = t {
            return (
                Some(t.id.clone()),
                Some(t.value.clone()),
                Some("time".into()),
            );
        }
        if modality == Modality::Planned || modality == Modality::Hypothetical {
            return (None, None, None);
        }
        match doc.date {
            Some(d) => {
                let precision = if m.noun { "publication" } else { "tense" };
                (None, Some(d.to_string()), Some(precision.into()))
            }
            None => (None, None, None),
        }
    }

    fn numbers(
        &self,
        doc: &Document,
        v: &View,
        f: usize,
        l: usize,
        m: &Match,
        kind: &str,
    ) -> (Option<f64>, Option<f64>) {
        let lex = &self.lex;
        let (s_start, s_end) = (v.toks[f].start, v.toks[l - 1].end);
        let anchor = v.toks[m.anchor].start;
        let mut fatalities = None;
        let violent = matches!(kind, "ASSAULT" | "COERCE");
        let qs: Vec<_> = doc
            .quantities
            .iter()
            .filter(|q| q.start >= s_start && q.end <= s_end && q.value.is_some())
            .collect();
        if violent {
            fatalities = qs
                .iter()
                .filter(|q| q.casualty.as_deref() == Some("killed"))
                .min_by_key(|q| q.start.abs_diff(anchor))
                .and_then(|q| q.value);
        }
        let counted = |u: &str| {
            let u = u.to_lowercase();
            let lem = lex.lemma(&u).to_string();
            lex.actors.contains_key(&lem)
                || matches!(lem.as_str(), "people" | "person" | "protester")
        };
        let mut size = qs
            .iter()
            .filter(|q| q.casualty.is_none() && q.unit.as_deref().is_some_and(counted))
            .min_by_key(|q| q.start.abs_diff(anchor))
            .and_then(|q| q.value);
        if size.is_none() && doc.quantities.is_empty() {
            // Fallback: "3,000 (US) troops".
            for k in f..l {
                let w = v.lower(k);
                if !w.starts_with(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                let Ok(n) = w.replace(',', "").parse::<f64>() else {
                    continue;
                };
                if (k + 1..(k + 3).min(l)).any(|j| lex.actors.contains_key(v.lemma(j)))
                    && !matches!(kind, "ASSAULT")
                {
                    size = Some(n);
                    break;
                }
            }
        }
        (fatalities, size)
    }
}

// -------------------------------------------------------------------- helpers

fn tok_is(v: &View, k: usize, w: &str) -> bool {
    v.lemma(k) == w || v.lower(k) == w
}

fn match_words(v: &View, alts: &[Vec<String>], k: usize, l: usize) -> Option<usize> {
    alts.iter().find_map(|alt| {
        (k + alt.len() <= l && alt.iter().enumerate().all(|(j, w)| tok_is(v, k + j, w)))
            .then_some(k + alt.len())
    })
}

fn try_pattern(v: &View, p: &Pattern, i: usize, l: usize, lex: &Lexicon) -> Option<usize> {
    let Elem::Words(first) = &p.elems[0] else {
        return None;
    };
    let mut pos = match_words(v, first, i, l)?;
    let mut gap = false;
    for e in &p.elems[1..] {
        match e {
            Elem::Gap => gap = true,
            Elem::Words(alts) => {
                if gap {
                    let mut found = None;
                    let mut k = pos;
                    while k < l && k <= pos + GAP + 2 {
                        if let Some(mut np) = match_words(v, alts, k, l) {
                            // "artillery shells": take the last of adjacent alternatives.
                            while let Some(n2) = match_words(v, alts, np, l) {
                                np = n2;
                            }
                            found = Some(np);
                            break;
                        }
                        if (v.toks[k].punct && v.lower(k) != ",") || is_boundary(v, lex, k) {
                            break;
                        }
                        k += 1;
                    }
                    pos = found?;
                } else {
                    pos = match_words(v, alts, pos, l)?;
                }
                gap = false;
            }
        }
    }
    Some(pos)
}

fn is_boundary(v: &View, lex: &Lexicon, k: usize) -> bool {
    lex.cue("boundary", v.lower(k))
}

/// A determiner, possessive or preposition before the word, or a capitalised modifier: the
/// word is a noun here.
fn noun_context(v: &View, lex: &Lexicon, f: usize, i: usize, has_noun: bool) -> bool {
    if i == f {
        return false;
    }
    let p = v.lower(i - 1);
    if lex.cue("determiner", p) || (lex.cue("preposition", p) && p != "to") {
        return true;
    }
    if p.ends_with("-day") || p.ends_with("-week") || p.ends_with("-month") || p.ends_with("-year")
    {
        return true;
    }
    // "a Hezbollah offensive": a name before an uninflected form.
    if has_noun
        && v.toks[i - 1].cap
        && i - 1 > f
        && !v.toks[i - 1].punct
        && v.lower(i) == v.lemma(i)
    {
        return true;
    }
    // "a brief private visit": a determiner, then only plain modifiers (not after an actor
    // noun, and not for a past form: "the opposition urged").
    if v.lower(i).ends_with("ed") {
        return false;
    }
    let mut k = i;
    while k > f && i - k < 4 {
        k -= 1;
        let w = v.lower(k);
        if lex.actors.contains_key(v.lemma(k)) {
            return false;
        }
        if lex.cue("determiner", w) || (lex.cue("preposition", w) && w != "to") {
            return k + 1 < i;
        }
        if v.toks[k].punct || v.toks[k].cap || lex.cue("stopword", w) {
            return false;
        }
    }
    false
}

/// Not after a determiner or a preposition (other than the infinitive "to").
fn verb_context(v: &View, lex: &Lexicon, f: usize, i: usize) -> bool {
    if i == f {
        return true;
    }
    let p = v.lower(i - 1);
    !(lex.cue("determiner", p) || (lex.cue("preposition", p) && p != "to"))
}

/// A form of "be" or "get" (adverbs between) before a participle.
fn is_passive(v: &View, f: usize, i: usize) -> bool {
    let w = v.lower(i);
    if w.ends_with("ing") || (w.ends_with('s') && !w.ends_with("ss")) {
        return false;
    }
    let mut k = i;
    while k > f {
        k -= 1;
        let p = v.lower(k);
        if p.ends_with("ly")
            || matches!(
                p,
                "not"
                    | "n't"
                    | "and"
                    | "also"
                    | "already"
                    | "being"
                    | "entirely"
                    | "reportedly"
                    | "allegedly"
            )
        {
            continue;
        }
        return v.lemma(k) == "be" || v.lemma(k) == "get";
    }
    false
}

/// The first token of the trigger's clause (after the nearest boundary word to its left).
fn clause_start(v: &View, lex: &Lexicon, f: usize, a: usize) -> usize {
    (f..a)
        .rev()
        .find(|&k| is_boundary(v, lex, k))
        .map(|k| k + 1)
        .unwrap_or(f)
}

fn groups(v: &View, lex: &Lexicon, f: usize, l: usize, mentions: &[Mention]) -> Vec<Group> {
    let conj = |k: usize| matches!(v.lower(k), "," | "and" | "or" | "nor" | "&");
    let filler = |k: usize| {
        let w = v.lower(k);
        matches!(w, "the" | "a" | "an")
            || (!v.toks[k].punct && !v.toks[k].cap && !lex.cue("stopword", w))
    };
    let mut out: Vec<Group> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        if let Some(g) = out.last_mut() {
            let and = (g.b..m.a).any(|k| matches!(v.lower(k), "and" | "or" | "nor" | "&"));
            let fillers = (g.b..m.a).any(|k| !conj(k));
            // "Mordor, the Shire, Fornost and Bree": after a comma, modifiers are allowed
            // when the list goes on after the mention and the list does not start inside a
            // prepositional phrase ("In Kessel, the rebels and ...").
            let listed =
                v.lower(g.b) == "," && m.b < l && conj(m.b) && prep_before(v, lex, f, g).is_none();
            let joins = g.b < m.a
                && m.a - g.b <= 5
                && (g.b..m.a).any(conj)
                && (!fillers || and || listed)
                && (g.b..m.a).all(|k| conj(k) || filler(k))
                && !m.pronoun
                && !mentions[*g.members.last().unwrap_or(&mi)].pronoun
                && g.members.len() < 8;
            if joins {
                g.members.push(mi);
                g.b = m.b;
                continue;
            }
        }
        out.push(Group {
            members: vec![mi],
            a: m.a,
            b: m.b,
        });
    }
    // The parse joins list members the word patterns keep apart ("Mordor, the Shire, Fornost
    // and Bree": after a comma a determiner stops the word-pattern join): a group holding a
    // `conj` dependent of a word in the group before it joins that group.
    let mut gi = 1;
    while gi < out.len() {
        let (left, right) = (&out[gi - 1], &out[gi]);
        let linked = (right.a..right.b).any(|k| {
            v.toks[k].deprel == Some("conj")
                && v.toks[k]
                    .head
                    .is_some_and(|h| left.a <= h + f && h + f < left.b)
        });
        let pron = |g: &Group| g.members.iter().any(|&x| mentions[x].pronoun);
        let joins = linked
            && right.a - left.b <= 5
            && (left.b..right.a).any(conj)
            && (left.b..right.a).all(|k| conj(k) || filler(k))
            && !pron(left)
            && !pron(right)
            && left.members.len() + right.members.len() <= 8;
        if joins {
            let right = out.remove(gi);
            let left = &mut out[gi - 1];
            left.members.extend(right.members);
            left.b = right.b;
        } else {
            gi += 1;
        }
    }
    // A list needs a conjunction ("A, B and C"); commas alone ("officials, rebels") do not
    // make one.
    let mut split = Vec::with_capacity(out.len());
    for g in out {
        let has_and = (g.a..g.b).any(|k| matches!(v.lower(k), "and" | "or" | "nor" | "&"));
        if g.members.len() > 1 && !has_and {
            for &mi in &g.members {
                split.push(Group {
                    members: vec![mi],
                    a: mentions[mi].a,
                    b: mentions[mi].b,
                });
            }
        } else {
            split.push(g);
        }
    }
    split
}

/// Whether token `h` is `x` or one of its ancestors in the parse of the sentence `[f, l)`.
fn dominates(v: &View, f: usize, l: usize, h: usize, x: usize) -> bool {
    let mut k = x;
    for _ in 0..(l - f) {
        if k == h {
            return true;
        }
        match v.toks[k].head {
            Some(p) if p + f < l && p + f != k => k = p + f,
            _ => return false,
        }
    }
    false
}

/// The preposition before a group (skipping determiners and plain modifiers).
fn prep_before<'a>(v: &'a View, lex: &Lexicon, f: usize, g: &Group) -> Option<&'a str> {
    let mut k = g.a;
    let mut skipped = 0;
    while k > f && skipped < 3 {
        k -= 1;
        let w = v.lower(k);
        if lex.cue("preposition", w) {
            return Some(w);
        }
        if lex.cue("determiner", w)
            || (!v.toks[k].punct && !v.toks[k].cap && !lex.cue("stopword", w) && !w.ends_with("ed"))
        {
            skipped += 1;
            continue;
        }
        return None;
    }
    None
}

/// The subject of a verb at `a`: the nearest actor group to its left that is not inside a
/// prepositional phrase, within the clause (a relative pronoun right after a group makes that
/// group the subject).
fn subject(v: &View, lex: &Lexicon, groups: &[Group], f: usize, a: usize) -> Option<usize> {
    let mut limit = a;
    for gi in (0..groups.len()).rev() {
        let g = &groups[gi];
        if g.b > a {
            continue;
        }
        // Boundary words between the group and the verb.
        if let Some(k) = (g.b..limit).rev().find(|&k| is_boundary(v, lex, k)) {
            let rel = matches!(v.lower(k), "who" | "which" | "that")
                && (g.b..k).all(|j| v.lower(j) == ",");
            if rel {
                return Some(gi);
            }
            return None;
        }
        limit = g.a;
        if let Some(pr) = prep_before(v, lex, f, g) {
            if pr != "to" || g.a == 0 {
                continue;
            }
            continue;
        }
        return Some(gi);
    }
    None
}

/// The object of a verb whose pattern ends at `end`: the nearest group to its right inside the
/// clause, not after a comma or another boundary.
fn object(v: &View, lex: &Lexicon, groups: &[Group], end: usize, l: usize) -> Option<usize> {
    for (gi, g) in groups.iter().enumerate() {
        if g.a < end {
            continue;
        }
        if (end..g.a)
            .any(|k| is_boundary(v, lex, k) || matches!(v.lower(k), "," | "." | "and" | "“" | "\""))
        {
            return None;
        }
        // A clause of its own in between ("sends troops to evacuate embassy staff"): the group
        // is that clause's, not this verb's object.
        if (end..g.a).any(|k| {
            matches!(
                v.toks[k].deprel,
                Some("xcomp" | "advcl" | "ccomp" | "acl" | "acl:relcl" | "parataxis")
            )
        }) {
            return None;
        }
        let p = prep_before(v, lex, end.saturating_sub(1), g);
        if matches!(
            p,
            Some(
                "in" | "during"
                    | "since"
                    | "until"
                    | "after"
                    | "before"
                    | "near"
                    | "inside"
                    | "outside"
                    | "following"
                    | "amid"
            )
        ) {
            continue;
        }
        let _ = l;
        return Some(gi);
    }
    None
}

/// The nearest group after `end` introduced by one of `preps`, within `max` tokens.
fn right_group(
    v: &View,
    lex: &Lexicon,
    groups: &[Group],
    end: usize,
    _l: usize,
    preps: &[&str],
    max: usize,
) -> Option<usize> {
    for (gi, g) in groups.iter().enumerate() {
        if g.a < end {
            continue;
        }
        if g.a > end + max || (end..g.a).any(|k| is_boundary(v, lex, k) || v.lower(k) == ".") {
            return None;
        }
        if let Some(p) = prep_before(v, lex, end.saturating_sub(1), g) {
            if preps.contains(&p) {
                return Some(gi);
            }
        }
    }
    None
}

/// The source of an event noun: its possessor ("the army's offensive"), a modifier name
/// ("a Hezbollah offensive") or its "by" agent ("an attack by rebels").
fn noun_source(
    v: &View,
    lex: &Lexicon,
    groups: &[Group],
    f: usize,
    l: usize,
    m: &Match,
) -> Option<usize> {
    for (gi, g) in groups.iter().enumerate() {
        if g.b > m.anchor || g.b + 5 < m.anchor {
            continue;
        }
        let mut k = g.b;
        if k < m.anchor && (v.lower(k) == "'s" || v.lower(k) == "'") {
            k += 1;
        }
        let between_ok = (k..m.anchor).all(|j| {
            !v.toks[j].punct && !v.toks[j].cap && !lex.cue("stopword", v.lower(j))
                || v.lower(j) == "-"
        });
        if between_ok && m.anchor - k <= 3 {
            return Some(gi);
        }
    }
    let _ = f;
    right_group(v, lex, groups, m.end, l, &["by"], 4)
}

/// Arguments read from the syntax stage's dependency relations.
#[derive(Debug, Default)]
struct DepArgs {
    subj: Option<usize>,
    /// Groups holding `conj` dependents of the subject's head ("A, B and C ...").
    subj_conj: Vec<usize>,
    /// The verb has a subject of its own, actor or not ("one of the bombers detonated ...").
    own_subj: bool,
    agent: Option<usize>,
    obj: Option<usize>,
    from: Option<usize>,
    poss: Option<usize>,
    of_tgt: Option<usize>,
    passive: bool,
    negated: bool,
    /// A fronted passive participle adjunct, or an infinitive that only describes a noun
    /// ("a place to visit"): background to its clause, not coded.
    background: bool,
    /// An infinitive completing an intention noun ("the decision to attack"): planned.
    intent: bool,
    /// An event noun that is the subject of a modal clause ("an embargo would not work",
    /// "a blockade could harm the region"): hypothetical.
    modal_head: bool,
    /// The verb's own object (outside the trigger pattern) is no actor.
    obj_no_actor: bool,
    /// The verb's own subject is no actor.
    subj_no_actor: bool,
}

fn dep_args(v: &View, lex: &Lexicon, f: usize, l: usize, m: &Match, groups: &[Group]) -> DepArgs {
    let a = m.anchor;
    let group_of = |k: usize| groups.iter().position(|g| g.a <= k && k < g.b);
    let children = |h: usize| (f..l).filter(move |&k| v.toks[k].head == Some(h - f) && k != h);
    let case_of = |k: usize| {
        children(k)
            .find(|&c| v.toks[c].deprel == Some("case"))
            .map(|c| v.lower(c))
    };
    let mut d = DepArgs::default();
    let mut obl_target = None;
    // A verb has one direct object. Where the parse hangs a second one on it (a speaker after
    // a closing quote mark: "“Soldiers put down their arms,” a spokesman tweeted"), the first
    // is the object, and when it is no actor, or a word of the trigger pattern itself, there
    // is no actor object.
    let first_obj = children(a).find(|&c| v.toks[c].deprel == Some("obj"));
    // The verb's own subject. A parse may hang a second clause's subject on the verb as well
    // ("X, who lost his son when one of the bombers detonated ..." with both X and "one" as
    // subjects of "detonated"): the subject nearest before the verb is its own, else the
    // nearest after it.
    let subj_tok = children(a)
        .filter(|&c| {
            matches!(
                v.toks[c].deprel,
                Some("nsubj" | "nsubj:outer" | "nsubj:pass")
            )
        })
        .min_by_key(|&c| if c < a { a - c } else { l + c - a });
    // "withdrew en masse": a French adverbial the tagger reads as a noun object.
    let adverbial = |c: usize| c > f && matches!(v.lower(c - 1), "en");
    d.obj_no_actor = first_obj
        .is_some_and(|c| !(a..m.end).contains(&c) && group_of(c).is_none() && !adverbial(c));
    d.subj_no_actor = subj_tok.is_some_and(|c| group_of(c).is_none());
    if let Some(c) = subj_tok {
        d.subj_conj = children(c)
            .filter(|&k| v.toks[k].deprel == Some("conj"))
            .filter_map(group_of)
            .collect();
        // A listed subject whose first conjunct is no actor ("wolves, bears and Norland"):
        // the actors among its conjuncts.
        d.subj = group_of(c).or(d.subj_conj.first().copied());
    }
    for c in children(a) {
        let rel = v.toks[c].deprel.unwrap_or("dep");
        match rel {
            "nsubj:pass" | "aux:pass" => d.passive = true,
            "obl:agent" => d.agent = d.agent.or(group_of(c)),
            "obj" if Some(c) == first_obj && !(a..m.end).contains(&c) => {
                d.obj = d.obj.or(group_of(c))
            }
            "iobj" => d.obj = d.obj.or(group_of(c)),
            "nmod:poss" => d.poss = d.poss.or(group_of(c)),
            "compound" if v.toks[c].cap => d.poss = d.poss.or(group_of(c)),
            "advmod" | "det" if matches!(v.lower(c), "not" | "n't" | "never" | "no") => {
                d.negated = true
            }
            "obl" | "nmod" => match case_of(c) {
                Some("by") => d.agent = d.agent.or(group_of(c)),
                Some("from") => d.from = d.from.or(group_of(c)),
                Some("of" | "against" | "on") => {
                    d.of_tgt = d.of_tgt.or(group_of(c));
                    obl_target = obl_target.or(group_of(c));
                }
                Some("with" | "at" | "to" | "into" | "toward" | "towards") => {
                    obl_target = obl_target.or(group_of(c))
                }
                _ => {}
            },
            _ => {}
        }
    }
    if d.obj.is_none() {
        d.obj = obl_target;
    }
    d.own_subj = children(a).any(|c| {
        matches!(
            v.toks[c].deprel,
            Some("nsubj" | "nsubj:pass" | "nsubj:outer" | "csubj" | "expl")
        )
    });
    // A past participle with no auxiliary, no subject and no object of its own is passive: an
    // adjunct ("..., encouraged by X") or a reduced relative ("the convoy attacked by X") whose
    // understood subject is the patient. An object, or a trigger pattern whose noun hangs on
    // the participle ("broken down a treaty"), marks a mistagged active verb.
    let bare_participle = v.toks[a].vbn
        && !d.own_subj
        && !children(a).any(|c| {
            matches!(
                v.toks[c].deprel,
                Some("aux" | "aux:pass" | "cop" | "expl" | "csubj" | "obj" | "iobj")
            ) || (c > a && c < m.end && matches!(v.toks[c].deprel, Some("obl" | "nmod")))
        });
    // Controlled and coordinated verbs take their head's subject; a relative clause its noun.
    if d.subj.is_none() {
        if let (Some(h), Some(rel)) = (v.toks[a].head, v.toks[a].deprel) {
            let h = h + f;
            if h < l {
                match rel {
                    "xcomp" | "conj" | "advcl" => {
                        let hs = children(h)
                            .find(|&c| matches!(v.toks[c].deprel, Some("nsubj" | "nsubj:pass")));
                        d.subj = hs.and_then(group_of);
                        if bare_participle && rel == "advcl" {
                            // A fronted passive participle adjunct ("Criticised by X, Y
                            // agreed ...") is background to its clause, as on the word-order
                            // path (no subject to its left): not coded. After its clause it
                            // is passive with the clause's subject as patient.
                            d.background = a < h && hs.is_none_or(|s| a < s);
                            d.passive = true;
                        }
                        // "was attacked and looted by X": a coordinated participle shares
                        // its head's passive.
                        if bare_participle
                            && rel == "conj"
                            && hs.is_some_and(|s| v.toks[s].deprel == Some("nsubj:pass"))
                        {
                            d.passive = true;
                        }
                    }
                    "acl:relcl" | "acl" => {
                        d.subj = group_of(h);
                        if bare_participle && rel == "acl" {
                            d.passive = true;
                            // Its subject is the noun it modifies, actor or not: no actor
                            // further left stands in for it.
                            d.own_subj = true;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    // An infinitive that modifies a noun: it completes an intention noun ("the decision to
    // attack X": planned; "X's refusal to talk": negated), with the noun's possessor as its
    // subject; else it only describes the noun ("a place to visit", "weapons to fight with")
    // and is no event.
    if let (Some(h), Some("acl")) = (v.toks[a].head, v.toks[a].deprel) {
        let h = h + f;
        let to_mark = children(a).any(|c| v.lower(c) == "to" && v.toks[c].deprel == Some("mark"));
        if h < l && to_mark && v.toks[h].noun && !v.toks[a].vbn {
            let refusal = lex.cue("refusal", v.lemma(h));
            if refusal || lex.cue("intent", v.lemma(h)) {
                d.negated |= refusal;
                d.intent = !refusal;
                let poss = children(h)
                    .find(|&c| v.toks[c].deprel == Some("nmod:poss"))
                    .and_then(group_of);
                if poss.is_some() {
                    d.subj = poss;
                }
            } else {
                d.background = true;
            }
        }
    }
    if m.noun {
        if let (Some(h), Some("nsubj" | "nsubj:pass")) = (v.toks[a].head, v.toks[a].deprel) {
            let h = h + f;
            d.modal_head = h < l
                && children(h)
                    .any(|c| v.toks[c].deprel == Some("aux") && lex.cue("modal_aux", v.lower(c)));
        }
    }
    // "denied attacking", "failed to reach": negated by the governing verb.
    if let Some(h) = v.toks[a].head {
        let h = h + f;
        if h < l && (lex.cue("deny", v.lemma(h)) || v.lemma(h) == "fail") {
            d.negated = true;
        }
    }
    d
}

/// A TIMEX3 value that names a day ("2021-04-30", "2021-04-30T10:00") is one only when that day
/// exists: "April 31" keeps its written value in the times layer, but it is no event date.
fn real_day(value: &str) -> bool {
    match value.get(..10) {
        Some(day)
            if day.as_bytes().get(4) == Some(&b'-') && day.as_bytes().get(7) == Some(&b'-') =>
        {
            chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok()
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests;
