//! Segmentation: paragraphs, tokens, quotation-mark pairs and sentences.
//!
//! Order of work, per paragraph: tokens (UD English EWT conventions, [`tokens`]), quotation
//! pairs ([`quotations`]), then sentences ([`sentences`]), which must not end inside a closed
//! quotation. Everything stays inside its paragraph: no token, sentence or quotation crosses a
//! paragraph boundary. Word lists live in `crates/segment/data/`.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads only the
//! document's text, writes `paragraphs`, `tokens`, `sentences` and `quotations`.

mod chars;
mod lexicon;
mod paragraphs;
mod quotations;
mod sentences;
mod tokens;

pub use lexicon::{AbbrevClass, Lexicon};

use tidings_core::{Document, Sentence, Stage};

/// The `segment` stage.
#[derive(Debug, Default)]
pub struct Segmenter {
    lex: Lexicon,
}

impl Segmenter {
    pub fn new() -> Self {
        Segmenter {
            lex: Lexicon::new(),
        }
    }

    /// Fills paragraphs, tokens, quotations and sentences of `doc`, replacing any already there.
    pub fn segment(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let paragraphs = paragraphs::paragraphs(text);
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut quotations = Vec::new();
        let mut sentences = Vec::with_capacity(text.len() / 100);
        let mut ranges = Vec::new();
        let mut open_at_end = Vec::with_capacity(paragraphs.len());
        for (pi, &para) in paragraphs.iter().enumerate() {
            let t0 = tokens.len();
            tokens::tokenize(text, para, &self.lex, &mut tokens);
            tokens::mark_space_after(text, &mut tokens[t0..]);
            let q0 = quotations.len();
            open_at_end.push(quotations::pair(text, para, &self.lex, &mut quotations));
            ranges.clear();
            sentences::split(
                text,
                &tokens,
                t0,
                tokens.len(),
                &quotations[q0..],
                &self.lex,
                &mut ranges,
            );
            for &(a, b) in &ranges {
                let si = sentences.len();
                for t in &mut tokens[a..b] {
                    t.sentence = si;
                }
                sentences.push(Sentence {
                    start: tokens[a].start,
                    end: tokens[b - 1].end,
                    paragraph: pi,
                    first_token: a,
                    end_token: b,
                });
            }
        }
        // The news convention for a quote running over several paragraphs: the paragraph ends
        // with the quotation still open and the next one opens with a quotation mark again.
        for q in quotations.iter_mut().filter(|q| !q.closed && q.depth == 0) {
            let pi = paragraphs.partition_point(|p| p.end < q.end);
            if !paragraphs.get(pi).is_some_and(|p| p.contains(&q.span_of())) {
                continue;
            }
            let reopens = paragraphs.get(pi + 1).is_some_and(|next| {
                text.get(next.start..next.end)
                    .and_then(|s| s.chars().next())
                    .is_some_and(quotations::opens_double)
            });
            if open_at_end[pi] && q.end == paragraphs[pi].end && reopens {
                q.continues = true;
            }
        }
        doc.paragraphs = paragraphs;
        doc.tokens = tokens;
        doc.sentences = sentences;
        doc.quotations = quotations;
    }
}

trait QuotationSpan {
    fn span_of(&self) -> tidings_core::Span;
}

impl QuotationSpan for tidings_core::Quotation {
    fn span_of(&self) -> tidings_core::Span {
        tidings_core::Span::new(self.start, self.end)
    }
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn process(&self, doc: &mut Document) {
        self.segment(doc);
    }
}

#[cfg(test)]
mod tests;
