//! Sentence boundaries over the tokens of one paragraph.
//!
//! A sentence ends after terminal punctuation (with any closing quotation marks and brackets
//! that follow it) when the next word does not start in lower case; after an abbreviation only
//! when the next word is a sentence starter ("... the U.S. The next day"), never after a title
//! ("Gen.") or before a number ("No. 5"); and never inside a closed quotation. Breaks inside an
//! *unclosed* quotation are allowed: where its closing mark should have been is unknown.

use tidings_core::{Quotation, Token, TokenShape};

use crate::chars::{is_quote_mark, is_terminal};
use crate::lexicon::{AbbrevClass, Lexicon};
use crate::tokens::{is_dotted_acronym, is_initial};

/// Splits tokens `tokens[from..to]` (one paragraph) into sentences, returning the token index
/// ranges `[first, end)` appended to `out`.
pub fn split(
    text: &str,
    tokens: &[Token],
    from: usize,
    to: usize,
    quotations: &[Quotation],
    lex: &Lexicon,
    out: &mut Vec<(usize, usize)>,
) {
    let tok = |k: usize| text.get(tokens[k].start..tokens[k].end).unwrap_or("");
    let mut start = from;
    let mut k = from;
    while k < to {
        let t = tok(k);
        let abbrev = tokens[k].shape != TokenShape::Punct && t.len() > 1 && t.ends_with('.');
        let punct_end = tokens[k].shape == TokenShape::Punct && t.chars().all(is_terminal);
        if !abbrev && !punct_end {
            k += 1;
            continue;
        }
        // Take closing quotation marks, brackets and more terminal punctuation along.
        let mut e = k + 1;
        while e < to {
            let s = tok(e);
            let c = s.chars().next().unwrap_or(' ');
            let punct = tokens[e].shape == TokenShape::Punct;
            let closing = punct
                && (matches!(c, '”' | '’' | '»' | '›' | ')' | ']' | '}')
                    || (matches!(c, '"' | '\'') && (tokens[e].space_after || e + 1 == to))
                    || s.chars().all(is_terminal));
            if !closing {
                break;
            }
            e += 1;
        }
        if e >= to {
            break;
        }
        let split_here = if abbrev {
            abbreviation_ends_sentence(&t[..t.len() - 1], next_word(text, tokens, e, to), lex)
        } else {
            next_word(text, tokens, e, to)
                .and_then(|w| w.chars().next())
                .is_none_or(|c| !c.is_lowercase())
        };
        let prev_end = tokens[e - 1].end;
        let next_start = tokens[e].start;
        let in_quote = quotations
            .iter()
            .any(|q| q.closed && q.start < prev_end && next_start < q.end);
        if split_here && !in_quote {
            out.push((start, e));
            start = e;
        }
        k = e;
    }
    if start < to {
        out.push((start, to));
    }
}

/// The first word-like token from `e` on, skipping up to two opening marks or brackets.
fn next_word<'a>(text: &'a str, tokens: &[Token], e: usize, to: usize) -> Option<&'a str> {
    for t in tokens.iter().take(to).skip(e).take(3) {
        let s = text.get(t.start..t.end)?;
        let c = s.chars().next()?;
        let opening = is_quote_mark(c) || matches!(c, '(' | '[' | '{' | '-' | '—' | '–');
        if opening && t.shape != TokenShape::Word && t.shape != TokenShape::Number {
            continue;
        }
        return Some(s);
    }
    None
}

fn abbreviation_ends_sentence(word: &str, next: Option<&str>, lex: &Lexicon) -> bool {
    let class = lex.abbreviation(word);
    if matches!(class, Some(AbbrevClass::Title | AbbrevClass::Number)) {
        return false;
    }
    let known = class.is_some() || is_initial(word) || is_dotted_acronym(word);
    let Some(next) = next else { return false };
    let capital = next.chars().next().is_some_and(char::is_uppercase);
    if !known {
        // An unknown word that kept its period: treat it as ordinary sentence-final text.
        return capital;
    }
    capital && lex.is_starter(next)
}
