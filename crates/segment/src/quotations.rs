//! Quotation-mark pairing inside one paragraph.
//!
//! Straight and curly marks pair with each other; single marks nest inside double ones; an
//! apostrophe ("isn’t", "Farmers’ Market", "’90s", "rock ’n’ roll") is never a quotation mark.
//! A double opening mark whose closing mark is missing closes, unclosed, at the end of its
//! paragraph or just before the next opening double mark in it: a quotation never crosses a
//! paragraph. An unclosed *single* mark is taken for an apostrophe and dropped.

use tidings_core::{Quotation, Span};

use crate::chars::{closes_after, is_word_char, opens_before};
use crate::lexicon::Lexicon;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `"`: opens or closes, by context.
    StraightDouble,
    /// “ „ «
    OpenDouble,
    /// ” »
    CloseDouble,
    /// `'`: opens, closes or is an apostrophe, by context.
    StraightSingle,
    /// ‘ ‹ ‚
    OpenSingle,
    /// ’ ›: closes or is an apostrophe.
    CloseSingle,
}

fn mark(c: char) -> Option<Mark> {
    Some(match c {
        '"' => Mark::StraightDouble,
        '“' | '„' | '«' | '‟' => Mark::OpenDouble,
        '”' | '»' => Mark::CloseDouble,
        '\'' => Mark::StraightSingle,
        '‘' | '‹' | '‚' => Mark::OpenSingle,
        '’' | '›' => Mark::CloseSingle,
        _ => return None,
    })
}

/// True for a character that opens a double quotation (used for `continues`).
pub fn opens_double(c: char) -> bool {
    matches!(mark(c), Some(Mark::StraightDouble | Mark::OpenDouble))
}

struct Open {
    start: usize,
    content_start: usize,
    double: bool,
    depth: u8,
}

/// Pairs the quotation marks of paragraph `para` of `text`, appending to `out` in order of start.
/// Returns true when the paragraph ends inside an unclosed double quotation.
pub fn pair(text: &str, para: Span, lex: &Lexicon, out: &mut Vec<Quotation>) -> bool {
    let Some(p) = text.get(para.start..para.end) else {
        return false;
    };
    let first = out.len();
    let mut stack: Vec<Open> = Vec::new();
    let mut prev: Option<char> = None;
    let mut it = p.char_indices().peekable();
    let base = para.start;
    while let Some((i, c)) = it.next() {
        let Some(m) = mark(c) else {
            prev = Some(c);
            continue;
        };
        let next = it.peek().map(|&(_, n)| n);
        let at = base + i;
        let after = at + c.len_utf8();
        // Flanking, as in CommonMark: can the mark open (nothing before, something after)
        // or close (something before, nothing after)?
        let can_open = prev.is_none_or(opens_before) && next.is_some_and(|n| !n.is_whitespace());
        let can_close = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(closes_after);
        let word_before = prev.is_some_and(is_word_char);
        let word_after = next.is_some_and(is_word_char);
        let double_open = stack.iter().rposition(|o| o.double);
        match m {
            Mark::OpenDouble | Mark::CloseDouble | Mark::StraightDouble => {
                let closes = match (m, double_open) {
                    (_, None) => false,
                    (Mark::CloseDouble, Some(_)) => true,
                    (Mark::OpenDouble, Some(_)) => can_close && !can_open,
                    (_, Some(_)) => !can_open || can_close,
                };
                if closes {
                    if let Some(k) = double_open {
                        close(&mut stack, k, at, after, out);
                    }
                } else if m == Mark::CloseDouble && (!can_open || can_close) {
                    // A stray closing mark: nothing to pair it with.
                } else if m == Mark::StraightDouble && !can_open && double_open.is_none() {
                    // A stray straight mark that cannot open (e.g. `5" screen`).
                } else {
                    if let Some(k) = double_open {
                        // A new opening mark while one is open: the earlier one was never closed.
                        unclosed(text, &mut stack, k, at, out);
                    }
                    push(&mut stack, at, after, true);
                }
            }
            Mark::StraightSingle | Mark::OpenSingle | Mark::CloseSingle => {
                let single_top = stack.last().is_some_and(|o| !o.double);
                if word_before && word_after {
                    // isn't, rock’n’roll, O'Brien: an apostrophe.
                } else if can_close && single_top && m != Mark::OpenSingle
                    || (m == Mark::OpenSingle && can_close && !can_open && single_top)
                {
                    let k = stack.len() - 1;
                    close(&mut stack, k, at, after, out);
                } else if can_open && !can_close && m != Mark::CloseSingle {
                    if !elision_follows(&p[i + c.len_utf8()..], lex) {
                        push(&mut stack, at, after, false);
                    }
                } else {
                    // Farmers’ Market, ’90s, a closing mark with nothing open: an apostrophe.
                }
            }
        }
        prev = Some(c);
    }
    // The paragraph ends: an open double quotation closes here, unclosed.
    let mut open_at_end = false;
    if let Some(k) = stack.iter().position(|o| o.double) {
        open_at_end = true;
        unclosed(text, &mut stack, k, para.end, out);
    }
    out[first..].sort_by_key(|q| (q.start, std::cmp::Reverse(q.end)));
    open_at_end
}

fn push(stack: &mut Vec<Open>, start: usize, content_start: usize, double: bool) {
    let depth = u8::try_from(stack.len()).unwrap_or(u8::MAX);
    stack.push(Open {
        start,
        content_start,
        double,
        depth,
    });
}

/// Closes `stack[k]` with a closing mark at `[at, after)`; marks opened inside it and still open
/// were apostrophes after all (single) and are dropped.
fn close(stack: &mut Vec<Open>, k: usize, at: usize, after: usize, out: &mut Vec<Quotation>) {
    let o = &stack[k];
    out.push(Quotation {
        start: o.start,
        end: after,
        content_start: o.content_start,
        content_end: at,
        closed: true,
        continues: false,
        depth: o.depth,
    });
    stack.truncate(k);
}

/// Closes `stack[k]`, unclosed, just before byte `cut` (trailing whitespace excluded).
fn unclosed(text: &str, stack: &mut Vec<Open>, k: usize, cut: usize, out: &mut Vec<Quotation>) {
    let o = &stack[k];
    let content = text.get(o.content_start..cut).unwrap_or("");
    let end = o.content_start + content.trim_end().len();
    out.push(Quotation {
        start: o.start,
        end,
        content_start: o.content_start,
        content_end: end,
        closed: false,
        continues: false,
        depth: o.depth,
    });
    stack.truncate(k);
}

/// True when the text after an apostrophe-like mark is an elided word or a decade ('em, ’90s).
fn elision_follows(rest: &str, lex: &Lexicon) -> bool {
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    end > 0 && lex.is_elision(&rest[..end])
}
