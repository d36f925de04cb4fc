//! Helpers over the dependency tree the syntax stage stores on `Document::tokens`, for the
//! entity, quote and event stages. All indices are document-level token indices; every helper
//! returns nothing (rather than panicking) on unparsed or malformed input.

use crate::{Document, Span};

/// The relation label of token `i` (`""` when unparsed).
pub fn rel(doc: &Document, i: usize) -> &'static str {
    doc.tokens
        .get(i)
        .and_then(|t| t.deprel)
        .map_or("", |d| d.as_str())
}

/// Children of token `i`, in text order.
pub fn children(doc: &Document, i: usize) -> impl Iterator<Item = usize> + '_ {
    let (a, b) = sentence_range(doc, i);
    (a..b).filter(move |&j| j != i && doc.tokens[j].head == Some(i))
}

/// Children of `i` whose relation is one of `rels` (exact labels, e.g. `nsubj:pass`).
pub fn children_with<'a>(
    doc: &'a Document,
    i: usize,
    rels: &'a [&'a str],
) -> impl Iterator<Item = usize> + 'a {
    children(doc, i).filter(move |&j| rels.contains(&rel(doc, j)))
}

fn sentence_range(doc: &Document, i: usize) -> (usize, usize) {
    match doc
        .tokens
        .get(i)
        .and_then(|t| doc.sentences.get(t.sentence))
    {
        Some(s) if s.first_token <= i && i < s.end_token && s.end_token <= doc.tokens.len() => {
            (s.first_token, s.end_token)
        }
        _ => (i.min(doc.tokens.len()), i.min(doc.tokens.len())),
    }
}

/// The grammatical subject of predicate `v`: its `nsubj`/`nsubj:pass`/`csubj` child, else that
/// of the predicate it is conjoined to or controlled by (`conj`, `xcomp`).
pub fn subject(doc: &Document, v: usize) -> Option<usize> {
    let mut cur = v;
    for _ in 0..8 {
        if let Some(s) = children_with(
            doc,
            cur,
            &["nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"],
        )
        .next()
        {
            return Some(s);
        }
        match rel(doc, cur) {
            "conj" | "xcomp" => cur = doc.tokens.get(cur)?.head?,
            _ => return None,
        }
    }
    None
}

/// The direct object of `v` (`obj`, else `iobj`).
pub fn object(doc: &Document, v: usize) -> Option<usize> {
    children_with(doc, v, &["obj"])
        .next()
        .or_else(|| children_with(doc, v, &["iobj"]).next())
}

/// The agent of a passive predicate (`by ...`: the `obl:agent` child).
pub fn agent(doc: &Document, v: usize) -> Option<usize> {
    children_with(doc, v, &["obl:agent"]).next()
}

/// True when `v` is a passive predicate (a passive auxiliary or passive subject).
pub fn is_passive(doc: &Document, v: usize) -> bool {
    children_with(doc, v, &["aux:pass", "nsubj:pass", "csubj:pass"])
        .next()
        .is_some()
}

/// Negation dependents of `v` (`not`, `n't`, `never`, `no`, ... as `advmod`/`det`/`discourse`).
pub fn negations(doc: &Document, v: usize) -> Vec<usize> {
    children(doc, v)
        .filter(|&j| {
            matches!(
                rel(doc, j),
                "advmod" | "det" | "discourse" | "advmod:emph" | "cc:preconj"
            ) && {
                let w = doc.slice(doc.tokens[j].span()).to_lowercase();
                matches!(
                    w.as_str(),
                    "not"
                        | "n't"
                        | "n’t"
                        | "never"
                        | "no"
                        | "neither"
                        | "nor"
                        | "nobody"
                        | "nothing"
                )
            }
        })
        .collect()
}

/// The clausal complement of a (speech) verb: its `ccomp`, else `xcomp`, else `parataxis` child.
pub fn complement(doc: &Document, v: usize) -> Option<usize> {
    children_with(doc, v, &["ccomp"])
        .next()
        .or_else(|| children_with(doc, v, &["xcomp"]).next())
        .or_else(|| children_with(doc, v, &["parataxis"]).next())
}

/// The sentence's root token.
pub fn root(doc: &Document, sentence: usize) -> Option<usize> {
    let s = doc.sentences.get(sentence)?;
    (s.first_token..s.end_token.min(doc.tokens.len()))
        .find(|&j| doc.tokens[j].deprel.is_some() && doc.tokens[j].head.is_none())
}

/// The byte span covering token `i` and all its descendants.
pub fn subtree_span(doc: &Document, i: usize) -> Option<Span> {
    let t = doc.tokens.get(i)?;
    let (a, b) = sentence_range(doc, i);
    let (mut lo, mut hi) = (t.start, t.end);
    for j in a..b {
        // Walk up from j; bounded by the sentence length to survive cycles.
        let mut cur = j;
        for _ in 0..(b - a + 1) {
            if cur == i {
                lo = lo.min(doc.tokens[j].start);
                hi = hi.max(doc.tokens[j].end);
                break;
            }
            match doc.tokens[cur].head {
                Some(h) if h >= a && h < b => cur = h,
                _ => break,
            }
        }
    }
    Some(Span::new(lo, hi))
}
