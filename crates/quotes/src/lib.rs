//! Quotes: direct and indirect quotes with cue and speaker, resolved to entities.
//!
//! Direct quotes come from the quotation pairs of segmentation (or a fallback pairing of our
//! own): split quotes (`"A," he said, "B."`), quotes running over several paragraphs and a quote
//! left open before a new opening mark are merged into one quote. Indirect quotes come from cue
//! verbs (data/cues.tsv) with a speaker noun phrase on one side and the content on the other
//! ("X said that ...", "..., X said", "according to X, ..."). A quote without a speaker in its own
//! sentence takes the speaker of the sentence that follows an unclosed quote, or the previous
//! speaker when it opens its paragraph (the news convention for running quotes).
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

mod lexicon;
mod text;

use lexicon::{CueClass, Lexicon, NpWord};
use text::Tok;
use tidings_core::{tree, Document, EntityKind, Quotation, Quote, QuoteKind, Span, Speaker, Stage};

/// The `quotes` stage.
pub struct Quotes {
    lex: Lexicon,
}

impl Default for Quotes {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Quotes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Quotes").finish_non_exhaustive()
    }
}

impl Quotes {
    pub fn new() -> Self {
        Quotes {
            lex: Lexicon::load(),
        }
    }
}

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn process(&self, doc: &mut Document) {
        let quotes = Ctx::new(doc, &self.lex).run();
        doc.quotes = quotes;
    }
}

/// A token range `[start, end)`.
type TokSpan = (usize, usize);

/// One attribution found by the cue rules: token spans of speaker and cue, byte span of content.
#[derive(Clone, Debug)]
struct Attribution {
    speaker: (usize, usize),
    cue: (usize, usize),
    content: Span,
    /// Quotation (index into `Ctx::quots`) that is the content, for direct quotes.
    quotation: Option<usize>,
    sentence: usize,
}

/// A direct quote: one or more quotation pairs read as one.
struct Group {
    parts: Vec<usize>,
    start: usize,
    end: usize,
    closed: bool,
}

struct Ctx<'a> {
    doc: &'a Document,
    text: &'a str,
    lex: &'a Lexicon,
    paras: Vec<Span>,
    sents: Vec<Span>,
    /// Token range of each sentence.
    sent_toks: Vec<(usize, usize)>,
    toks: Vec<Tok>,
    /// Lower-cased text of all tokens, and each token's range in it.
    low: String,
    low_rng: Vec<(usize, usize)>,
    quots: Vec<Quotation>,
    /// Token lies inside quoted speech (cues there belong to the quoted speaker).
    in_quote: Vec<bool>,
}

const CLOSERS: [&str; 5] = ["”", "\"", "»", "’", "'"];

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document, lex: &'a Lexicon) -> Self {
        let text = doc.text.as_str();
        let paras = text::paragraphs(doc);
        let abbrev = |w: &str| {
            lex.abbrev.contains(w.trim_end_matches('.'))
                || (w.len() <= 2 && w.chars().all(|c| c.is_uppercase()))
                || (w.contains('.') && w.chars().filter(|c| c.is_alphabetic()).count() <= 4)
        };
        let sents = text::sentences(doc, &paras, &abbrev);
        let mut toks = Vec::with_capacity(text.len() / 5);
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
            sent_toks.push((a, toks.len()));
        }
        let mut low = String::with_capacity(text.len());
        let mut low_rng = Vec::with_capacity(toks.len());
        for t in &toks {
            let a = low.len();
            for c in text[t.start..t.end].chars() {
                // One apostrophe, so the word lists need only the straight one.
                if c == '’' {
                    low.push('\'');
                } else {
                    low.extend(c.to_lowercase());
                }
            }
            low_rng.push((a, low.len()));
        }
        let quots = text::quotations(doc, &paras);
        let mut ctx = Ctx {
            doc,
            text,
            lex,
            paras,
            sents,
            sent_toks,
            toks,
            low,
            low_rng,
            quots,
            in_quote: Vec::new(),
        };
        ctx.in_quote = ctx.mark_quoted();
        ctx
    }

    /// Tokens inside closed quotations, and inside the first sentence of unclosed ones (a later
    /// sentence of an unclosed quotation may be the narration that the missing mark swallowed).
    fn mark_quoted(&self) -> Vec<bool> {
        let mut v = vec![false; self.toks.len()];
        for q in &self.quots {
            let mut end = q.content_end;
            if !q.closed {
                if let Some(s) = self
                    .sents
                    .iter()
                    .find(|s| s.start > q.content_start && s.start < q.content_end)
                {
                    end = s.start;
                }
            }
            let i = self.toks.partition_point(|t| t.start < q.content_start);
            for (k, t) in self.toks[i..].iter().enumerate() {
                if t.start >= end {
                    break;
                }
                v[i + k] = true;
            }
        }
        v
    }

    fn w(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }
    fn l(&self, i: usize) -> &str {
        let (a, b) = self.low_rng[i];
        &self.low[a..b]
    }
    fn cap(&self, i: usize) -> bool {
        self.w(i).chars().next().is_some_and(|c| c.is_uppercase())
    }
    fn npw(&self, i: usize) -> Option<NpWord> {
        // "US" is a country, not the pronoun.
        let w = self.w(i);
        if w.len() >= 2 && w.chars().all(|c| c.is_uppercase()) {
            return None;
        }
        self.lex.np.get(self.l(i)).copied()
    }
    fn cue(&self, i: usize) -> Option<CueClass> {
        // A capitalised word is a name ("the Washington Post"), not a verb.
        if self.cap(i) {
            return None;
        }
        self.lex.cues.get(self.l(i)).copied()
    }
    fn is_poss(&self, i: usize) -> bool {
        self.l(i) == "'s"
    }
    /// Index of the quotation whose marks enclose byte `at`.
    fn quotation_at(&self, at: usize) -> Option<usize> {
        // Quotations are sorted by start and do not overlap.
        let k = self
            .quots
            .partition_point(|q| q.start <= at)
            .checked_sub(1)?;
        let q = &self.quots[k];
        (at < q.end.max(q.start + 1)).then_some(k)
    }

    /// The speaker noun phrase ending right before token `i` (adverbs and auxiliaries skipped).
    fn np_left(&self, i: usize, lo: usize) -> Option<(usize, usize)> {
        let mut j = i;
        while j > lo {
            let k = j - 1;
            let lw = self.l(k);
            let adverb = (lw.len() > 3 && lw.ends_with("ly") && !self.cap(k))
                || lw.ends_with("n't")
                || lw.ends_with("n’t");
            if self.npw(k) == Some(NpWord::Skip) || adverb {
                j -= 1;
            } else if self.npw(k) == Some(NpWord::Time) {
                // "Trump on Tuesday night said": the time phrase with its preposition.
                j -= 1;
                while j > lo
                    && matches!(
                        self.l(j - 1),
                        "on" | "last"
                            | "this"
                            | "early"
                            | "late"
                            | "the"
                            | "that"
                            | "in"
                            | "at"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                    )
                {
                    j -= 1;
                }
            } else {
                break;
            }
        }
        if j == lo {
            return None;
        }
        let e = j;
        if self.npw(e - 1) == Some(NpWord::Pron) {
            return Some((e - 1, e));
        }
        let mut s = e;
        let mut lowers = 0;
        while s > lo {
            let k = s - 1;
            let t = self.toks[k];
            if !t.word {
                let p = self.w(k);
                let abbrev_dot = p == "." && k > lo && self.lex.abbrev.contains(self.w(k - 1));
                if abbrev_dot || p == "-" || p == "&" {
                    s = k;
                    continue;
                }
                if self.plural_possessive(k) {
                    s = k;
                    continue;
                }
                // A party label or other parenthesis inside the name: "Sen. Lee (D-Ore.)".
                if p == ")" {
                    if let Some(m) = (k.saturating_sub(8).max(lo)..k)
                        .rev()
                        .find(|&m| self.w(m) == "(")
                    {
                        if m > lo && self.toks[m - 1].word && self.cap(m - 1) {
                            s = m;
                            continue;
                        }
                    }
                }
                break;
            }
            if self.is_poss(k) {
                s = k;
                continue;
            }
            match self.npw(k) {
                Some(NpWord::Det) => {
                    s = k;
                    break;
                }
                Some(_) => break,
                None => {}
            }
            let digit = self.w(k).chars().next().is_some_and(|c| c.is_ascii_digit());
            if self.cap(k) || digit || self.l(k) == "of" {
                s = k;
            } else {
                if self.cue(k).is_some() {
                    break;
                }
                lowers += 1;
                if lowers > 4 {
                    break;
                }
                s = k;
            }
        }
        while s < e && (self.l(s) == "of" || !self.toks[s].word || self.is_poss(s)) {
            s += 1;
        }
        (s < e).then_some((s, e))
    }

    /// A noun phrase starting at token `i` (an object, or the speaker after an inverted cue).
    fn np_right(&self, i: usize, hi: usize) -> Option<(usize, usize)> {
        if i >= hi {
            return None;
        }
        if matches!(self.npw(i), Some(NpWord::Pron | NpWord::Obj)) {
            return Some((i, i + 1));
        }
        let mut e = i;
        let mut lowers = 0;
        while e < hi {
            let t = self.toks[e];
            if !t.word {
                let p = self.w(e);
                let abbrev_dot = p == "." && e > i && self.lex.abbrev.contains(self.w(e - 1));
                if abbrev_dot || p == "-" || p == "&" {
                    e += 1;
                    continue;
                }
                if e > i && self.plural_possessive(e) {
                    e += 1;
                    continue;
                }
                // "Rep. Lee (D-Ore.), who ...": the parenthesis after a name belongs to it.
                if p == "(" && e > i && self.cap(e - 1) {
                    if let Some(m) = (e + 1..hi.min(e + 9)).find(|&m| self.w(m) == ")") {
                        e = m + 1;
                        continue;
                    }
                }
                break;
            }
            if self.is_poss(e) {
                e += 1;
                continue;
            }
            match self.npw(e) {
                Some(NpWord::Det) if e == i => {
                    e += 1;
                    continue;
                }
                Some(_) => break,
                None => {}
            }
            let of_name = self.l(e) == "of" && e + 1 < hi && self.cap(e + 1);
            if self.cap(e) || of_name {
                e += 1;
            } else {
                if self.cue(e).is_some() {
                    break;
                }
                lowers += 1;
                if lowers > 3 {
                    break;
                }
                e += 1;
            }
        }
        while e > i && !self.toks[e - 1].word && self.w(e - 1) != ")" {
            e -= 1;
        }
        (e > i && !(e == i + 1 && self.npw(i) == Some(NpWord::Det))).then_some((i, e))
    }

    /// Token `k` is the apostrophe of a plural possessive ("the farmers' union"), not a quote
    /// mark: right after a word ending in s, with a word after it.
    fn plural_possessive(&self, k: usize) -> bool {
        k > 0
            && k + 1 < self.toks.len()
            && matches!(self.w(k), "'" | "’")
            && self.toks[k - 1].word
            && self.toks[k - 1].end == self.toks[k].start
            && self.l(k - 1).ends_with('s')
            && self.toks[k + 1].word
            && self.toks[k + 1].start > self.toks[k].end
    }

    /// A speaker name opening a sentence or quote and closed by a colon, as in transcripts and
    /// headlines (`LANE: Will you run?`, `Morris: Voters Want Change`): from token `k` (after
    /// an opening mark), up to four capitalised words, then `:` and at least three words. The
    /// name is all capitals or an entity of the entities stage. Speaker and cue token spans.
    fn colon_speaker(&self, k: usize, hi: usize) -> Option<(TokSpan, TokSpan)> {
        let mut k = k;
        if k < hi && !self.toks[k].word && matches!(self.w(k), "\"" | "“" | "«") {
            k += 1;
        }
        let c = (k + 1..hi.min(k + 6)).find(|&m| self.w(m) == ":")?;
        let name_ok =
            (k..c).all(|m| (self.toks[m].word && self.cap(m)) || (self.w(m) == "." && m > k));
        if !name_ok || self.words(c + 1, hi) < 3 {
            return None;
        }
        let all_caps = (k..c)
            .filter(|&m| self.toks[m].word)
            .all(|m| self.w(m).len() >= 2 && !self.w(m).chars().any(|ch| ch.is_lowercase()));
        let span = Span::new(self.toks[k].start, self.toks[c - 1].end);
        let entity = self.doc.entities.iter().any(|e| {
            e.span().overlaps(&span)
                && matches!(
                    e.kind,
                    EntityKind::Person | EntityKind::Org | EntityKind::Group
                )
        });
        (all_caps || entity).then_some(((k, c), (c, c + 1)))
    }

    /// Extends a speaker phrase over prepositional modifiers ("an aide in the ministry", "nurses
    /// at the regional clinic in the valley"), up to three; a phrase of a medium or occasion of speech
    /// ("Lee in a statement said", `data/media.txt`) is dropped for the phrase before it.
    fn extend_pp(&self, np: (usize, usize), lo: usize) -> (usize, usize) {
        let (mut s, mut e) = np;
        // End of the leftmost noun phrase of the chain (the one right after the preposition).
        let mut head_end = e;
        for _ in 0..3 {
            if s <= lo + 1 || !matches!(self.l(s - 1), "in" | "at" | "from" | "of") {
                break;
            }
            let Some((s2, e2)) = self.np_left(s - 1, lo) else {
                break;
            };
            if e2 != s - 1 {
                break;
            }
            if self.lex.media.contains(self.l(head_end - 1)) {
                (s, e, head_end) = (s2, e2, e2);
                continue;
            }
            let bare_start = s2 == lo || !self.toks[s2 - 1].word;
            let starts_np = self.npw(s2) == Some(NpWord::Det) || self.cap(s2) || bare_start;
            if !starts_np || self.npw(s2) == Some(NpWord::Pron) {
                break;
            }
            (s, head_end) = (s2, e2);
        }
        (s, e)
    }

    /// Byte span of the content tokens `[a, b)`, trimmed of trailing punctuation and spaces.
    fn content_span(&self, a: usize, b: usize) -> Option<Span> {
        let mut b = b;
        while b > a
            && !self.toks[b - 1].word
            && matches!(
                self.w(b - 1),
                "." | "," | ";" | ":" | "!" | "?" | "—" | "–" | "-"
            )
        {
            b -= 1;
        }
        let mut a = a;
        while a < b && matches!(self.w(a), "," | ":" | ";" | "—" | "–") {
            a += 1;
        }
        (b > a).then(|| Span::new(self.toks[a].start, self.toks[b - 1].end))
    }

    fn words_in(&self, span: Span) -> usize {
        let a = self.toks.partition_point(|t| t.start < span.start);
        let b = self.toks.partition_point(|t| t.start < span.end);
        self.words(a, b)
    }

    fn words(&self, a: usize, b: usize) -> usize {
        (a..b).filter(|&k| self.toks[k].word).count()
    }

    /// Quotation whose closing mark ends just before token `k` (skipping commas).
    fn quotation_before(&self, k: usize, lo: usize) -> Option<usize> {
        let mut j = k;
        while j > lo && matches!(self.w(j - 1), "," | "—" | "–") {
            j -= 1;
        }
        if j == lo {
            // The sentence may begin inside the quotation (fallback sentences split quotes);
            // or right after a question or exclamation that ended the sentence before.
            return self.ended_quotation_before(lo);
        }
        let t = self.toks[j - 1];
        if CLOSERS.contains(&self.w(j - 1)) || self.in_quote.get(j - 1).copied().unwrap_or(false) {
            return self.quotation_at(t.start);
        }
        None
    }

    /// A quotation ending in `?` or `!` right before token `lo` (only spaces between): the
    /// segmenter ends a sentence there, so `"Why now?" Lee asked.` splits before `Lee`.
    fn ended_quotation_before(&self, lo: usize) -> Option<usize> {
        let start = self.toks.get(lo)?.start;
        let before = self.text.get(..start)?;
        let body = before.trim_end_matches([' ', '\t']);
        if !body.ends_with(['”', '"', '»', '’', '\'']) {
            return None;
        }
        let qi = self.quotation_at(body.len().checked_sub(1)?)?;
        let q = &self.quots[qi];
        (q.end == body.len() && self.ends_sentence_mark(q)).then_some(qi)
    }

    /// The quotation's words end on `?` or `!` (inside the closing marks).
    fn ends_sentence_mark(&self, q: &Quotation) -> bool {
        self.inner(q).ends_with(['?', '!'])
    }

    /// A quotation's content without trailing spaces and inner marks (`''A,''` -> `A,`).
    fn inner(&self, q: &Quotation) -> &str {
        self.text
            .get(q.content_start..q.content_end)
            .unwrap_or("")
            .trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '”' | '"' | '»' | '’' | '\'')
            })
    }

    /// All attributions found by cue rules, sentence by sentence.
    fn attributions(&self) -> Vec<Attribution> {
        let mut out = Vec::new();
        for (si, &(a, b)) in self.sent_toks.iter().enumerate() {
            let mut sent_speaker: Option<(usize, usize)> = None;
            let mut i = a;
            if let Some((sp, cue)) = self
                .colon_speaker(a, b)
                .filter(|(_, c)| !self.in_quote[c.0])
            {
                if let Some(content) = self.content_span(cue.1, b) {
                    out.push(Attribution {
                        speaker: sp,
                        cue,
                        content,
                        quotation: None,
                        sentence: si,
                    });
                    sent_speaker = Some(sp);
                    i = cue.1;
                }
            }
            while i < b {
                if let Some(at) = self.attribution_at(si, i, a, b, sent_speaker) {
                    sent_speaker.get_or_insert(at.speaker);
                    i = at.cue.1.max(i + 1);
                    // A participle inside the content ("..., citing X, that ...") adds nothing.
                    let same = out
                        .last()
                        .is_some_and(|p: &Attribution| p.sentence == si && p.content == at.content);
                    if !same {
                        out.push(at);
                    }
                } else {
                    i += 1;
                }
            }
        }
        out
    }

    fn attribution_at(
        &self,
        si: usize,
        i: usize,
        a: usize,
        b: usize,
        sent_speaker: Option<(usize, usize)>,
    ) -> Option<Attribution> {
        if self.in_quote[i] || !self.toks[i].word {
            return None;
        }
        let mk = |speaker, cue, content: Span, quotation| Attribution {
            speaker,
            cue,
            content,
            quotation,
            sentence: si,
        };
        // "according to X, ..." / "..., according to X."
        if self.l(i) == "according" && i + 1 < b && self.l(i + 1) == "to" {
            let src = self.np_right(i + 2, b)?;
            let src = if self.npw(src.0) == Some(NpWord::Pron) {
                return None;
            } else {
                src
            };
            let before = self.words(a, i);
            let content = if before == 0 {
                self.content_span(src.1, b)?
            } else {
                self.content_span(a, i)?
            };
            let q = if before > 0 {
                self.quotation_before(i, a)
            } else {
                None
            };
            return Some(mk(src, (i, i + 2), content, q));
        }
        let class = self.cue(i)?;
        if self.tagged_not_verb(i) {
            return None;
        }
        // A determiner or "to" before the word: a noun ("the report") or an infinitive.
        if i > a && matches!(self.npw(i - 1), Some(NpWord::Det)) {
            return None;
        }
        if i > a && self.l(i - 1) == "to" {
            return None;
        }
        let ing = self.l(i).ends_with("ing");
        let after_comma = i > a && self.w(i - 1) == ",";
        let mut inverted = false;
        let mut subj = None;
        let borrowed = ing && after_comma;
        if borrowed {
            subj = Some(sent_speaker?);
        }
        if subj.is_none() {
            subj = self.np_left(i, a).map(|np| self.extend_pp(np, a));
        }
        if subj.is_none() && after_comma && !ing {
            // "X, the minister, said": the phrase before the appositive.
            for c in (a..i - 1).rev().take(20).filter(|&k| self.w(k) == ",") {
                if let Some(np) = self.np_left(c, a) {
                    let starts = np.0 == a || !self.toks[np.0 - 1].word;
                    if self.cap(np.0) && self.npw(np.0).is_none() && starts {
                        subj = Some(np);
                        break;
                    }
                }
            }
        }
        let after_quote = if i > a {
            CLOSERS.contains(&self.w(i - 1))
        } else {
            self.ended_quotation_before(a).is_some()
        };
        if subj.is_none() && (after_comma || after_quote) && !ing {
            if let Some(np) = self.np_right(i + 1, b) {
                let end_ok = np.1 == b || matches!(self.w(np.1), "," | "." | ";" | "!" | "?");
                if end_ok && self.npw(np.0) != Some(NpWord::Obj) {
                    subj = Some(np);
                    inverted = true;
                }
            }
        }
        let subj = subj?;
        if self.npw(subj.0) == Some(NpWord::Obj) {
            return None;
        }
        // A long lower-case phrase without a determiner is rarely a speaker.
        let bare = self.npw(subj.0).is_none() && (subj.0..subj.1).all(|k| !self.cap(k));
        if bare && self.words(subj.0, subj.1) > 3 {
            return None;
        }
        let mut cue = (i, i + 1);
        if inverted {
            let q = self.quotation_before(i, a);
            let content = match q {
                Some(qi) => Span::new(self.quots[qi].start, self.quots[qi].end),
                None => self.content_span(a, i)?,
            };
            return Some(mk(subj, cue, content, q));
        }
        if class == CueClass::Tell {
            if let Some(o) = self.np_right(i + 1, b) {
                if self.is_audience(o) {
                    cue.1 = o.1;
                }
            }
        }
        // Left side first: a quotation closing right before the speaker ("...," he said).
        if let Some(qi) = self.quotation_before(subj.0, a).filter(|_| !borrowed) {
            let q = &self.quots[qi];
            return Some(mk(subj, cue, Span::new(q.start, q.end), Some(qi)));
        }
        // Parenthetical "..., he said, ...": the content is before.
        let parenthetical = subj.0 > a
            && self.w(subj.0 - 1) == ","
            && (i + 1 >= b || matches!(self.w(i + 1), "," | "." | ";"));
        if parenthetical && self.words(a, subj.0) >= 2 {
            // "A, he said, B.": one content over both parts (the cue inside it, as for a split
            // direct quote).
            let resumes = i + 1 < b && self.w(i + 1) == "," && self.words(i + 1, b) >= 2;
            let content = self.content_span(a, if resumes { b } else { subj.0 })?;
            return Some(mk(subj, cue, content, None));
        }
        let mut r = i + 1;
        if class == CueClass::Tell {
            if let Some(o) = self.np_right(r, b) {
                r = o.1;
            }
        }
        while r < b && matches!(self.w(r), "," | ":") {
            r += 1;
        }
        // Content opening with a quotation: that quotation (and what follows in the sentence).
        if r < b && self.quotation_at(self.toks[r].start).is_some() && !self.toks[r].word {
            let qi = self.quotation_at(self.toks[r].start)?;
            let q = &self.quots[qi];
            return Some(mk(subj, cue, Span::new(q.start, q.end), Some(qi)));
        }
        // A "that" clause shortly after (past a prepositional phrase) starts the content.
        if let Some(k) = (r..b.min(r + 14)).find(|&k| self.l(k) == "that") {
            let participle = |m: usize| self.l(m).ends_with("ing");
            if k > r
                && self.w(k - 1) == ","
                && (r..k).all(|m| self.cue(m).is_none() || participle(m))
            {
                r = k;
            }
        }
        // The content stops before ", adding/saying ...".
        let mut end = b;
        if let Some(k) = (r + 1..b)
            .find(|&k| self.w(k - 1) == "," && self.l(k).ends_with("ing") && self.cue(k).is_some())
        {
            end = k - 1;
        }
        if self.words(r, end) >= 2 {
            let content = self.content_span(r, end)?;
            return Some(mk(subj, cue, content, None));
        }
        // Cue at the end: "..., X said." with plain narration before (the cue ends the
        // sentence, or a comma sets the speaker off: not "... that the city endorses him").
        let at_end = self.words(i + 1, b) == 0 || self.w(subj.0.max(a + 1) - 1) == ",";
        if subj.0 > a && at_end {
            let content = self.content_span(a, subj.0)?;
            if self.words(a, subj.0) >= 2 {
                return Some(mk(subj, cue, content, None));
            }
        }
        None
    }

    /// The tagger (when the syntax stage ran) reads token `i` as a noun or adjective, not a
    /// verb: "the claim", "a supporting role".
    fn tagged_not_verb(&self, i: usize) -> bool {
        use tidings_core::syntax::Upos;
        let start = self.toks[i].start;
        let k = self.doc.tokens.partition_point(|t| t.start < start);
        self.doc.tokens.get(k).is_some_and(|t| {
            t.start == start
                && matches!(
                    t.upos,
                    Some(Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num)
                )
        })
    }

    fn is_audience(&self, np: (usize, usize)) -> bool {
        self.lex.audience.iter().any(|words| {
            words.len() == np.1 - np.0
                && words.iter().enumerate().all(|(k, w)| self.l(np.0 + k) == w)
        })
    }

    /// Direct quotes: quotation pairs merged into groups.
    /// `attributed[q]`: quotation `q` has an attribution of its own (it does not join the
    /// quote before it across a sentence end).
    fn groups(&self, attributed: &[bool]) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::new();
        for (qi, q) in self.quots.iter().enumerate() {
            if q.content_end <= q.content_start {
                continue;
            }
            if let Some(g) = out.last_mut() {
                let last = *g.parts.last().unwrap_or(&qi);
                // A quotation with an attribution of its own starts a new quote when the
                // group has one already ("A," he said. "B. / "C," he said.).
                let own = attributed.get(qi).copied().unwrap_or(false);
                let has = g
                    .parts
                    .iter()
                    .any(|&p| attributed.get(p).copied().unwrap_or(false));
                let joined = if own {
                    !has && self.joins(last, qi)
                } else {
                    self.joins(last, qi) || self.joins_after_sentence(g.start, last, qi)
                };
                if joined {
                    g.parts.push(qi);
                    g.end = q.end;
                    g.closed &= q.closed;
                    continue;
                }
            }
            out.push(Group {
                parts: vec![qi],
                start: q.start,
                end: q.end,
                closed: q.closed,
            });
        }
        out
    }

    /// Whether quotation `b` continues quotation `a` after the attribution sentence that `a`
    /// opens: `"A," she said. "B."` (the news convention: one speaker, one quote in two parts).
    /// `a` must end on a comma, question or exclamation mark (the sentence goes on after it),
    /// the narration between them is one short sentence holding a cue, and `b` opens the next
    /// sentence of the same paragraph as the whole group (a quote run on from an earlier
    /// paragraph stays apart).
    fn joins_after_sentence(&self, group_start: usize, a: usize, b: usize) -> bool {
        let (qa, qb) = (&self.quots[a], &self.quots[b]);
        if qb.start < qa.end || !qa.closed {
            return false;
        }
        let same_para = self
            .paras
            .iter()
            .any(|p| p.start <= group_start && qb.start < p.end);
        let gap = &self.text[qa.end..qb.start];
        if !same_para
            || !self.inner(qa).ends_with([',', '?', '!'])
            || !gap.trim_end().ends_with('.')
        {
            return false;
        }
        // One sentence between them: none starts inside the gap, except right after a question
        // or exclamation (`"Why?" Lee asked. "..."`).
        let first = qa.end + (gap.len() - gap.trim_start().len());
        if self.sents.iter().any(|s| {
            s.start > qa.end
                && s.start < qb.start
                && !(s.start == first && self.ends_sentence_mark(qa))
        }) {
            return false;
        }
        let i = self.toks.partition_point(|t| t.start < qa.end);
        let j = self.toks.partition_point(|t| t.start < qb.start);
        self.words(i, j) <= 25 && (i..j).any(|k| self.cue(k).is_some())
    }

    /// A byline after a quote: `“...” ― Ana Ruiz.` (a dash, then a name that ends the sentence
    /// or is followed by a comma or the next quote). Speaker and cue (the dash) token spans.
    fn dash_byline(&self, end: usize) -> Option<(TokSpan, TokSpan)> {
        let k = self.toks.partition_point(|t| t.start < end);
        let t = self.toks.get(k)?;
        let gap = self.text.get(end..t.start)?;
        if !gap.chars().all(|c| c == ' ' || c == '\u{a0}')
            || !matches!(self.w(k), "―" | "—" | "–" | "--")
        {
            return None;
        }
        let para_end = self
            .paras
            .get(self.paras.partition_point(|p| p.end <= t.start))
            .map_or(self.text.len(), |p| p.end);
        let hi = self
            .toks
            .partition_point(|t| t.start < para_end)
            .min(k + 10);
        let np = self.np_right(k + 1, hi)?;
        let name = (np.0..np.1).all(|m| !self.toks[m].word || self.cap(m));
        if !name || self.npw(np.0).is_some() {
            return None;
        }
        let ends = np.1 >= hi || matches!(self.w(np.1), "." | "," | "“" | "\"" | "«");
        ends.then_some((np, (k, k + 1)))
    }

    /// Whether quotation `b` continues quotation `a`.
    fn joins(&self, a: usize, b: usize) -> bool {
        let (qa, qb) = (&self.quots[a], &self.quots[b]);
        if qb.start < qa.end {
            return false;
        }
        let pa = self
            .paras
            .iter()
            .position(|p| p.start <= qa.start && qa.start < p.end.max(p.start + 1));
        let pb = self
            .paras
            .iter()
            .position(|p| p.start <= qb.start && qb.start < p.end.max(p.start + 1));
        let (Some(pa), Some(pb)) = (pa, pb) else {
            return false;
        };
        if pb == pa + 1 {
            // A new transcript turn (`"LANE: ...`) is a quote of its own.
            let k = self.toks.partition_point(|t| t.start < qb.start);
            let hi = self.toks.partition_point(|t| t.start < qb.end);
            let turn = self.colon_speaker(k, hi).is_some();
            return (qa.continues || !qa.closed) && qb.start == self.paras[pb].start && !turn;
        }
        if pa != pb {
            return false;
        }
        let gap = &self.text[qa.end..qb.start];
        if gap.trim().is_empty() {
            return !qa.closed;
        }
        // Split quote: "...," he said, "..."
        let i = self.toks.partition_point(|t| t.start < qa.end);
        let j = self.toks.partition_point(|t| t.start < qb.start);
        let ends_comma = self.inner(qa).ends_with(',') || gap.trim_start().starts_with(',');
        ends_comma
            && self.words(i, j) <= 8
            && (i..j).any(|k| self.cue(k).is_some())
            && gap.trim_end().ends_with([',', ':'])
    }

    fn run(&self) -> Vec<Quote> {
        let atts = self.attributions();
        let mut quotes: Vec<(Quote, Option<(usize, usize)>)> = Vec::new();
        // Attributions per quotation.
        let mut by_quot: Vec<Option<usize>> = vec![None; self.quots.len()];
        for (k, at) in atts.iter().enumerate() {
            if let Some(q) = at.quotation {
                by_quot[q].get_or_insert(k);
            }
        }
        let attributed: Vec<bool> = by_quot.iter().map(Option::is_some).collect();
        let groups = self.groups(&attributed);
        // (paragraph, speaker, cue) of the last attribution.
        let mut last_speaker: Option<(usize, TokSpan, TokSpan)> = None;
        let mut used = vec![false; atts.len()];
        // Indirect quotes whose content holds a direct quote that took their speaker.
        let mut absorbed: Vec<(Span, TokSpan)> = Vec::new();
        let para_of = |at: usize| self.paras.partition_point(|p| p.end <= at);
        // Walk groups and attributions together in text order, so "last speaker" is right.
        let mut gi = 0;
        let mut events: Vec<(usize, bool, usize)> = atts
            .iter()
            .enumerate()
            .filter(|(_, a)| a.quotation.is_none())
            .map(|(k, a)| (self.toks[a.cue.0].start, false, k))
            .collect();
        events.extend(groups.iter().enumerate().map(|(k, g)| (g.start, true, k)));
        events.sort();
        let _ = &mut gi;
        for (_, is_group, k) in events {
            if !is_group {
                let at = &atts[k];
                if !used[k] {
                    used[k] = true;
                    last_speaker = Some((para_of(self.toks[at.cue.0].start), at.speaker, at.cue));
                    quotes.push((
                        self.quote(
                            at.content,
                            QuoteKind::Indirect,
                            true,
                            Some(at.cue),
                            Some(at.speaker),
                        ),
                        None,
                    ));
                }
                continue;
            }
            let g = &groups[k];
            let mut end = g.end;
            let mut found = g.parts.iter().find_map(|&q| by_quot[q]).map(|x| {
                used[x] = true;
                (atts[x].speaker, atts[x].cue)
            });
            // A transcript turn: `"LANE: ...` names its own speaker.
            let k0 = self.toks.partition_point(|t| t.start < g.start);
            let hi = self.toks.partition_point(|t| t.start < g.end);
            if let Some(turn) = self.colon_speaker(k0, hi) {
                found = Some(turn);
            }
            if found.is_none() && g.closed {
                found = self.dash_byline(g.end);
            }
            if found.is_none() && !g.closed {
                // Narration swallowed by a missing closing mark: cut there, take its speaker.
                if let Some((x, at)) = atts.iter().enumerate().find(|(_, at)| {
                    let c = self.toks[at.cue.0].start;
                    c > g.start && c < g.end && !self.first_person(at.speaker)
                }) {
                    let s = self.sents[at.sentence].start;
                    if s > g.start {
                        end = s;
                        let _ = x;
                        found = Some((at.speaker, at.cue));
                    }
                }
            }
            if found.is_none() {
                // Another attribution in the sentence of the quote, or a sentence ending in ":"
                // right before it.
                let si = self.sents.partition_point(|s| s.end <= g.start);
                if let Some(at) = atts
                    .iter()
                    .find(|at| at.sentence == si && at.quotation.is_none())
                {
                    found = Some((at.speaker, at.cue));
                    if at.content.start <= g.start && g.end <= at.content.end {
                        absorbed.push((at.content, at.cue));
                    }
                } else if si > 0 && self.text[..g.start].trim_end().ends_with(':') {
                    if let Some(at) = atts.iter().rev().find(|at| at.sentence == si - 1) {
                        found = Some((at.speaker, at.cue));
                    }
                }
            }
            if found.is_none() {
                // Inside the content of an indirect quote: that speaker.
                if let Some(at) = atts.iter().find(|at| {
                    at.quotation.is_none() && at.content.start <= g.start && g.end <= at.content.end
                }) {
                    found = Some((at.speaker, at.cue));
                    // One attribution, reported once: the direct quote stands for it.
                    absorbed.push((at.content, at.cue));
                }
            }
            let p = para_of(g.start);
            if found.is_none() {
                // A quote opening its paragraph continues the previous speaker.
                let opens = self.paras.get(p).is_some_and(|pp| pp.start == g.start);
                if let Some((lp, sp, cue)) = last_speaker {
                    // Unless the parse finds a speaker in its own sentence.
                    let own = self.parsed_speaker(Span::new(g.start, g.end)).is_some();
                    if opens && p <= lp + 2 && !own {
                        found = Some((sp, cue));
                    }
                }
            }
            let trimmed = self.text.get(..end).map_or(end, |t| t.trim_end().len());
            let end = if trimmed > g.start { trimmed } else { g.end };
            let span = Span::new(g.start, end);
            if found.is_none() && self.words_in(span) < 3 {
                // Scare quotes and titles ("the so-called “deal”") are not attributed speech.
                continue;
            }
            let (speaker, cue) = match found {
                Some((s, c)) => (Some(s), Some(c)),
                None => (None, None),
            };
            if let (Some(s), Some(c)) = (speaker, cue) {
                last_speaker = Some((p, s, c));
            }
            quotes.push((
                self.quote(span, QuoteKind::Direct, g.closed, cue, speaker),
                speaker,
            ));
        }
        let mut out: Vec<Quote> = quotes
            .into_iter()
            .map(|(q, _)| q)
            .filter(|q| {
                q.kind == QuoteKind::Direct
                    || !absorbed.iter().any(|(c, cue)| {
                        q.start == c.start
                            && q.end == c.end
                            && q.cue
                                .as_ref()
                                .is_some_and(|x| x.start == self.toks[cue.0].start)
                    })
            })
            .collect();
        let parsed = self.parsed_attributions();
        let fresh: Vec<Quote> = parsed
            .into_iter()
            .filter(|p| !out.iter().any(|q| q.span().overlaps(&p.span())))
            .collect();
        out.extend(fresh);
        out.sort_by_key(|q| (q.start, q.end));
        self.drop_embedded_beliefs(&mut out);
        for q in out.iter_mut() {
            self.fix_speaker(q);
            // A direct quote the patterns left without a speaker: the parse's, if any.
            if q.kind == QuoteKind::Direct && q.speaker.is_none() {
                if let Some((sp, cue)) = self.parsed_speaker(q.span()) {
                    q.cue = Some(self.doc.evidence(cue));
                    q.speaker = Some(Speaker {
                        text: self.doc.slice(sp).to_string(),
                        start: sp.start,
                        end: sp.end,
                        entity: None,
                        name: None,
                    });
                }
            }
        }
        self.passive_sources(&mut out);
        self.merge_same_cue(&mut out);
        self.drop_embedded_reports(&mut out);
        self.resolve_speakers(&mut out);
        for (k, q) in out.iter_mut().enumerate() {
            q.id = format!("q{}", k + 1);
        }
        out
    }

    /// A pattern speaker that is a bare lower-case phrase ("polling data showing ...") gives way
    /// to the parsed subject of its cue verb, where the parse has one elsewhere. (Letting the
    /// parse replace every pattern speaker measured worse: parser errors cost more.)
    fn fix_speaker(&self, q: &mut Quote) {
        let doc = self.doc;
        let qspan = q.span();
        let (Some(cue), Some(sp)) = (q.cue.as_ref(), q.speaker.as_mut()) else {
            return;
        };
        let first = sp.text.split_whitespace().next().unwrap_or("");
        let low = first.chars().next().is_some_and(|c| c.is_lowercase());
        let closed_class = self
            .lex
            .np
            .contains_key(&first.to_lowercase().replace('’', "'"));
        if !low || closed_class {
            return;
        }
        let k = doc.tokens.partition_point(|t| t.start < cue.start);
        let Some(t) = doc.tokens.get(k) else {
            return;
        };
        if t.start != cue.start || t.upos != Some(tidings_core::syntax::Upos::Verb) {
            return;
        }
        let Some(subj) = tree::subject(doc, k) else {
            return;
        };
        let Some(span) = self.np_span(subj) else {
            return;
        };
        let cur = Span::new(sp.start, sp.end);
        if span.overlaps(&cur) || span.overlaps(&qspan) {
            return;
        }
        let w = doc.slice(doc.tokens[subj].span()).to_lowercase();
        if matches!(
            w.as_str(),
            "it" | "this" | "that" | "there" | "what" | "which"
        ) {
            return;
        }
        sp.text = doc.slice(span).to_string();
        sp.start = span.start;
        sp.end = span.end;
    }

    /// The speaker phrase of parsed token `h`: its subtree without what follows the noun phrase
    /// ("the senator on Friday after weeks of silence" -> "the senator"): right dependents from
    /// the first time phrase, adverbial clause or parataxis on are left out.
    fn np_span(&self, h: usize) -> Option<Span> {
        let doc = self.doc;
        let full = tree::subtree_span(doc, h)?;
        let mut end = doc.tokens.get(h)?.end;
        for c in tree::children(doc, h).filter(|&c| c > h) {
            let rel = tree::rel(doc, c);
            let word = |k: usize| {
                self.text
                    .get(doc.tokens[k].start..doc.tokens[k].end)
                    .unwrap_or("")
                    .to_lowercase()
            };
            let time = rel.starts_with("nmod")
                && (self.lex.np.get(&word(c)) == Some(&NpWord::Time)
                    || tree::children_with(doc, c, &["case"]).any(|k| {
                        matches!(
                            word(k).as_str(),
                            "on" | "after" | "before" | "since" | "during" | "until"
                        )
                    }));
            // Relative clauses and participles stay: PolNeAR sources include them (trimming
            // them measured lower exact source F1 on polnear-dev, 0.604 -> 0.603).
            let clause = matches!(rel, "parataxis" | "dep" | "advcl" | "obl");
            if clause || time {
                break;
            }
            end = tree::subtree_span(doc, c).map_or(end, |sp| sp.end.max(end));
        }
        Some(Span::new(full.start, end.min(full.end).max(full.start)))
    }

    /// Speaker and cue of a direct quote from the parse: the verb outside the quote that a word
    /// of the quote depends on, and that verb's subject (`“...,” the coach grumbled`).
    fn parsed_speaker(&self, span: Span) -> Option<(Span, Span)> {
        let doc = self.doc;
        let a = doc.tokens.partition_point(|t| t.start < span.start);
        let b = doc.tokens.partition_point(|t| t.start < span.end);
        let outside = |k: usize| {
            let t = &doc.tokens[k];
            t.end <= span.start || t.start >= span.end
        };
        let in_any_quote = |k: usize| {
            let t = &doc.tokens[k];
            self.quots
                .iter()
                .any(|q| q.start <= t.start && t.end <= q.end)
        };
        for k in a..b {
            let Some(h) = doc.tokens[k].head else {
                continue;
            };
            if h >= doc.tokens.len() || !outside(h) || in_any_quote(h) {
                continue;
            }
            let ht = &doc.tokens[h];
            if ht.upos != Some(tidings_core::syntax::Upos::Verb) {
                return None;
            }
            let subj = tree::subject(doc, h)?;
            if !outside(subj) || in_any_quote(subj) {
                return None;
            }
            let w = doc.slice(doc.tokens[subj].span()).to_lowercase();
            if matches!(
                w.as_str(),
                "it" | "this" | "that" | "there" | "what" | "which"
            ) {
                return None;
            }
            let sp = self.np_span(subj)?;
            if sp.overlaps(&span) {
                return None;
            }
            return Some((sp, ht.span()));
        }
        None
    }

    /// A passive cue ("the bill is expected to pass", "it was believed that ..."): its subject is
    /// no source. The agent of a "by" phrase is ("was reported by the Herald"), else the quote
    /// keeps no speaker.
    fn passive_sources(&self, quotes: &mut [Quote]) {
        let doc = self.doc;
        for q in quotes.iter_mut().filter(|q| q.kind == QuoteKind::Indirect) {
            let Some(cue) = q.cue.as_ref() else {
                continue;
            };
            let k = doc.tokens.partition_point(|t| t.start < cue.start);
            let Some(t) = doc.tokens.get(k).filter(|t| t.start == cue.start) else {
                continue;
            };
            let passive = t.upos == Some(tidings_core::syntax::Upos::Verb)
                && tree::children_with(doc, k, &["aux:pass", "nsubj:pass"])
                    .next()
                    .is_some();
            if !passive {
                continue;
            }
            let agent = tree::children_with(doc, k, &["obl:agent"])
                .next()
                .and_then(|a| self.np_span(a))
                .map(|sp| {
                    // Without the "by".
                    let body = doc.slice(sp);
                    let cut = if body.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("by ")) {
                        3
                    } else {
                        0
                    };
                    Span::new(sp.start + cut, sp.end)
                })
                .filter(|sp| !sp.overlaps(&q.span()));
            q.speaker = agent.map(|sp| Speaker {
                text: doc.slice(sp).to_string(),
                start: sp.start,
                end: sp.end,
                entity: None,
                name: None,
            });
        }
    }

    /// Parts of one attribution are one quote: `A, he said, B` and `"A" and "B," she said` share
    /// their cue (and speaker), so they are merged into one quote over both parts, as a split
    /// direct quote is. Only when both start in one sentence (a speaker carried on to a later
    /// quote, or taken from narration after an unclosed quote, keeps that quote apart).
    fn merge_same_cue(&self, quotes: &mut Vec<Quote>) {
        let sent_of = |at: usize| self.sents.partition_point(|s| s.end <= at);
        let mut kept: Vec<Quote> = Vec::with_capacity(quotes.len());
        for q in quotes.drain(..) {
            let key = |x: &Quote| {
                x.cue
                    .as_ref()
                    .zip(x.speaker.as_ref())
                    .map(|(c, s)| (c.start, s.start))
            };
            let k = key(&q);
            let same = k.and_then(|k| {
                kept.iter()
                    .rposition(|o| key(o) == Some(k) && sent_of(o.start) == sent_of(q.start))
            });
            match same {
                Some(j) => {
                    let o = &mut kept[j];
                    let span = Span::new(o.start.min(q.start), o.end.max(q.end));
                    if q.kind == QuoteKind::Direct {
                        o.kind = QuoteKind::Direct;
                    }
                    o.closed &= q.closed;
                    o.start = span.start;
                    o.end = span.end;
                    o.text = self.doc.slice(span).to_string();
                }
                None => kept.push(q),
            }
        }
        kept.sort_by_key(|q| (q.start, q.end));
        *quotes = kept;
    }

    /// An indirect report whose speaker is the subject of another indirect quote's content
    /// ("Officials said (that) the mayor called ...") is part of that report: PolNeAR-style
    /// attribution marks the outer one only. A report joined by a clause break (", but the
    /// mayor warned ...", "; the union replied ...", "and the engineers agreed ...") stands on
    /// its own.
    fn drop_embedded_reports(&self, quotes: &mut Vec<Quote>) {
        let inside: Vec<bool> = quotes
            .iter()
            .enumerate()
            .map(|(k, q)| {
                let Some(sp) = q.speaker.as_ref().filter(|_| q.kind == QuoteKind::Indirect) else {
                    return false;
                };
                quotes.iter().enumerate().any(|(j, o)| {
                    j != k
                        && o.kind == QuoteKind::Indirect
                        && o.start <= sp.start
                        && sp.end <= o.end
                        && self.text.get(o.start..sp.start).is_some_and(|gap| {
                            !gap.contains([',', ';', '—', '–', '(', ':'])
                                && !gap.split_whitespace().any(|w| {
                                    matches!(w, "and" | "but" | "while" | "though" | "although")
                                })
                        })
                })
            })
            .collect();
        let mut k = 0;
        quotes.retain(|_| {
            k += 1;
            !inside[k - 1]
        });
    }

    /// A belief or intention reported inside another quote's content ("Officials said he wants
    /// to resign") belongs to that report, not to a quote of its own.
    fn drop_embedded_beliefs(&self, quotes: &mut Vec<Quote>) {
        let belief = |q: &Quote| {
            q.kind == QuoteKind::Indirect
                && q.cue.as_ref().is_some_and(|c| {
                    let w = c.text.split_whitespace().next().unwrap_or("");
                    let key = w.to_lowercase().replace('’', "'");
                    self.lex.cues.get(&key).or(self.lex.verb_cues.get(&key))
                        == Some(&CueClass::Belief)
                })
        };
        let inside: Vec<bool> = quotes
            .iter()
            .enumerate()
            .map(|(k, q)| {
                belief(q)
                    && q.cue.as_ref().is_some_and(|c| {
                        quotes.iter().enumerate().any(|(j, o)| {
                            j != k && o.start <= c.start && c.end <= o.end && !belief(o)
                        })
                    })
            })
            .collect();
        let mut k = 0;
        quotes.retain(|_| {
            k += 1;
            !inside[k - 1]
        });
    }

    /// Indirect quotes read off the dependency parse, where the syntax stage ran: a cue verb
    /// (`data/cues.tsv`) with a nominal subject (the speaker) and a clausal complement (`ccomp`,
    /// or `xcomp` for "X wants to ...", the content). They catch clause shapes the token
    /// patterns miss ("Republicans on the committee, who ..., argue that ..."); a content that
    /// overlaps a quote found already is left to that quote.
    fn parsed_attributions(&self) -> Vec<Quote> {
        let doc = self.doc;
        let mut out: Vec<Quote> = Vec::new();
        let mut key = String::new();
        for (v, t) in doc.tokens.iter().enumerate() {
            if t.upos != Some(tidings_core::syntax::Upos::Verb) {
                continue;
            }
            let Some(form) = self.text.get(t.start..t.end) else {
                continue;
            };
            // Lower-cased with one apostrophe, as the cue list is written (one buffer reused).
            key.clear();
            key.extend(form.chars().flat_map(char::to_lowercase).map(|c| {
                if c == '’' {
                    '\''
                } else {
                    c
                }
            }));
            // A listed form, a verb-only form, another form of a listed verb, or any verb
            // with a subject and a clausal complement ("X insists that ...").
            let listed = self.lex.cues.contains_key(&key)
                || self.lex.verb_cues.contains_key(&key)
                || t.lemma
                    .as_deref()
                    .is_some_and(|l| self.lex.cue_lemmas.contains(l));
            let any_ccomp = tree::children_with(doc, v, &["ccomp"]).next().is_some();
            if !listed && !any_ccomp {
                continue;
            }
            // Cues inside quoted speech belong to the quoted speaker's own words.
            if self
                .quots
                .iter()
                .any(|q| q.start <= t.start && t.end <= q.end)
            {
                continue;
            }
            // The subject, else that of the verb it is conjoined to ("shook her head and
            // said ..."), else, for a participle clause ("..., promising to ..."), the main
            // verb's.
            let subj = tree::children_with(doc, v, &["nsubj"])
                .next()
                .or_else(|| tree::subject(doc, v))
                .or_else(|| {
                    let participle = form.ends_with("ing") && tree::rel(doc, v) == "advcl";
                    participle
                        .then_some(t.head)
                        .flatten()
                        .and_then(|h| tree::subject(doc, h))
                });
            let Some(subj) = subj else {
                continue;
            };
            let Some(comp) = tree::children_with(doc, v, &["ccomp"])
                .next()
                .or_else(|| tree::children_with(doc, v, &["xcomp"]).next())
                .or_else(|| tree::children_with(doc, v, &["obj"]).next())
            else {
                continue;
            };
            let subj_word = doc.slice(doc.tokens[subj].span()).to_lowercase();
            if matches!(
                subj_word.as_str(),
                "it" | "this" | "that" | "there" | "what"
            ) {
                continue;
            }
            // "officials who said ...": the speaker is the noun the relative clause modifies.
            let speaker_tok = if matches!(subj_word.as_str(), "who" | "which")
                && tree::rel(doc, v).starts_with("acl")
            {
                match t.head {
                    Some(h) => h,
                    None => continue,
                }
            } else {
                subj
            };
            let (Some(sp), Some(content)) =
                (self.np_span(speaker_tok), tree::subtree_span(doc, comp))
            else {
                continue;
            };
            // A relative-clause speaker keeps only its words up to the noun.
            let sp = if speaker_tok != subj {
                Span::new(sp.start, doc.tokens[speaker_tok].end.max(sp.start))
            } else {
                sp
            };
            let content = self.trim_content(content);
            // One word is enough for a name ("X endorsed Smith").
            let one_name = doc.tokens[comp].upos == Some(tidings_core::syntax::Upos::Propn);
            if content.end <= content.start
                || (self.words_in(content) < 2 && !one_name)
                || sp.overlaps(&content)
                || out.iter().any(|q| q.span().overlaps(&content))
            {
                continue;
            }
            out.push(Quote {
                id: String::new(),
                text: doc.slice(content).to_string(),
                start: content.start,
                end: content.end,
                kind: QuoteKind::Indirect,
                closed: true,
                cue: Some(doc.evidence(t.span())),
                speaker: Some(Speaker {
                    text: doc.slice(sp).to_string(),
                    start: sp.start,
                    end: sp.end,
                    entity: None,
                    name: None,
                }),
            });
        }
        out
    }

    /// A content span without trailing punctuation and white space.
    fn trim_content(&self, span: Span) -> Span {
        let body = self.text.get(span.start..span.end).unwrap_or("");
        let kept = body
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
        Span::new(span.start, span.start + kept.len())
    }

    fn first_person(&self, sp: (usize, usize)) -> bool {
        sp.1 == sp.0 + 1 && matches!(self.l(sp.0), "i" | "we" | "you")
    }

    fn quote(
        &self,
        span: Span,
        kind: QuoteKind,
        closed: bool,
        cue: Option<(usize, usize)>,
        speaker: Option<(usize, usize)>,
    ) -> Quote {
        let ev = |t: (usize, usize)| Span::new(self.toks[t.0].start, self.toks[t.1 - 1].end);
        Quote {
            id: String::new(),
            text: self.doc.slice(span).to_string(),
            start: span.start,
            end: span.end,
            kind,
            closed,
            cue: cue.map(|c| self.doc.evidence(ev(c))),
            speaker: speaker.map(|s| {
                let sp = ev(s);
                Speaker {
                    text: self.doc.slice(sp).to_string(),
                    start: sp.start,
                    end: sp.end,
                    entity: None,
                    name: None,
                }
            }),
        }
    }

    /// Links each speaker to an entity: the entity inside its span, else (pronouns, nominal
    /// phrases without an entity) the previous speaker's entity or the nearest person before.
    fn resolve_speakers(&self, quotes: &mut [Quote]) {
        let ents = &self.doc.entities;
        let head = |k: usize| -> usize {
            let id = ents[k].coref.as_deref();
            id.and_then(|id| ents.iter().position(|e| e.id == id))
                .unwrap_or(k)
        };
        let mut prev: Option<usize> = None;
        for q in quotes.iter_mut() {
            let Some(sp) = q.speaker.as_mut() else {
                continue;
            };
            let span = Span::new(sp.start, sp.end);
            let inside = ents
                .iter()
                .enumerate()
                .filter(|(_, e)| e.span().overlaps(&span))
                .filter(|(_, e)| {
                    matches!(
                        e.kind,
                        EntityKind::Person | EntityKind::Org | EntityKind::Group | EntityKind::Norp
                    )
                })
                .max_by_key(|(_, e)| {
                    (
                        e.kind == EntityKind::Person,
                        e.end.min(span.end) - e.start.max(span.start),
                    )
                })
                .map(|(k, _)| k);
            let lower = sp.text.to_lowercase();
            let k = match inside {
                Some(k) => Some(head(k)),
                None if matches!(lower.as_str(), "he" | "she") => prev
                    .filter(|&p| ents[p].kind == EntityKind::Person)
                    .or_else(|| {
                        ents.iter()
                            .rposition(|e| e.end <= sp.start && e.kind == EntityKind::Person)
                            .map(head)
                    }),
                None if matches!(lower.as_str(), "they") => ents
                    .iter()
                    .rposition(|e| {
                        e.end <= sp.start && matches!(e.kind, EntityKind::Group | EntityKind::Org)
                    })
                    .map(head),
                None => None,
            };
            if let Some(k) = k {
                let e = &ents[k];
                sp.entity = Some(e.id.clone());
                sp.name = Some(e.canonical.clone().unwrap_or_else(|| e.text.clone()));
                prev = Some(k);
            }
        }
    }
}

#[cfg(test)]
mod tests;
