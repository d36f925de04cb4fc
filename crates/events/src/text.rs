//! The token view the coder works on: the document's own tokens and sentences when the
//! segmenter and the syntax stage filled them, else a light fallback segmentation of the raw text.

use tidings_core::{Document, TokenShape};

use crate::lexicon::Lexicon;

/// A token as the coder sees it. `lo` and `lem` are ranges into [`View::buf`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub lo: (u32, u32),
    pub lem: (u32, u32),
    /// First character is uppercase.
    pub cap: bool,
    /// Punctuation or symbol.
    pub punct: bool,
    /// Sentence-local head index and relation, when the syntax stage parsed the sentence.
    pub head: Option<usize>,
    pub deprel: Option<&'static str>,
    /// The tagger's Penn tag is `VBN` (a past participle).
    pub vbn: bool,
    /// The tagger's Penn tag is `NNS` or `VBG` (a plural common noun, a gerund or present
    /// participle): tags it rarely gives to a name. (Unknown names get `NN`, `JJ`, `VB`... too
    /// often for those tags to rule a name out.)
    pub tag_not_name: bool,
    /// The tagger's universal tag is `NOUN` (a common noun).
    pub noun: bool,
    /// The tagger's Penn tag is `NNS` or `NNPS` (a plural noun).
    pub plural: bool,
    /// Inside a time expression of the times layer ("March 31", "New Year's Day").
    pub time: bool,
    /// The tagger's universal tag is `VERB` or `AUX`.
    pub verb: bool,
}

/// Sentences as token ranges plus their byte spans.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sent {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    pub last: usize,
}

#[derive(Debug, Default)]
pub(crate) struct View {
    pub toks: Vec<Tok>,
    pub sents: Vec<Sent>,
    pub buf: String,
    /// True when tokens carry dependency heads.
    pub parsed: bool,
}

impl View {
    pub fn lower(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].lo;
        &self.buf[a as usize..b as usize]
    }
    pub fn lemma(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].lem;
        &self.buf[a as usize..b as usize]
    }

    pub fn build(doc: &Document, lex: &Lexicon) -> View {
        let mut v = View::default();
        v.buf.reserve(doc.text.len() + 64);
        let have_tokens = !doc.tokens.is_empty()
            && !doc.sentences.is_empty()
            && doc
                .sentences
                .iter()
                .all(|s| s.end_token <= doc.tokens.len());
        if have_tokens {
            for s in &doc.sentences {
                let first = v.toks.len();
                let toks = doc.sentence_tokens_safe(s.first_token, s.end_token);
                let parsed = toks.iter().any(|t| t.deprel.is_some());
                for t in toks {
                    let text = doc.text.get(t.start..t.end).unwrap_or("");
                    let punct = matches!(t.shape, TokenShape::Punct | TokenShape::Symbol);
                    let head = if parsed {
                        t.head
                            .and_then(|h| h.checked_sub(s.first_token))
                            .filter(|h| *h < toks.len())
                    } else {
                        None
                    };
                    let deprel = if parsed {
                        t.deprel.map(|d| d.as_str())
                    } else {
                        None
                    };
                    v.push(text, t.start, t.end, punct, t.lemma.as_deref(), lex);
                    if let Some(last) = v.toks.last_mut() {
                        last.head = head;
                        last.deprel = deprel;
                        last.vbn = t.xpos.as_deref() == Some("VBN");
                        last.tag_not_name = t
                            .xpos
                            .as_deref()
                            .is_some_and(|x| matches!(x, "NNS" | "VBG"));
                        last.noun = t.upos == Some(tidings_core::syntax::Upos::Noun);
                        last.verb = matches!(
                            t.upos,
                            Some(
                                tidings_core::syntax::Upos::Verb | tidings_core::syntax::Upos::Aux
                            )
                        );
                        last.plural = t
                            .xpos
                            .as_deref()
                            .is_some_and(|x| matches!(x, "NNS" | "NNPS"));
                    }
                }
                v.parsed |= parsed;
                v.sents.push(Sent {
                    start: s.start,
                    end: s.end,
                    first,
                    last: v.toks.len(),
                });
            }
        } else {
            v.fallback(doc, lex);
        }
        for t in &doc.times {
            let from = v.toks.partition_point(|k| k.start < t.start);
            for k in v.toks[from..].iter_mut().take_while(|k| k.end <= t.end) {
                k.time = true;
            }
        }
        v
    }

    fn push(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        punct: bool,
        lemma: Option<&str>,
        lex: &Lexicon,
    ) {
        let a = self.buf.len() as u32;
        for c in text.chars() {
            match c {
                '’' | '‘' => self.buf.push('\''),
                _ => self.buf.extend(c.to_lowercase()),
            }
        }
        let b = self.buf.len() as u32;
        let lem = match lemma {
            Some(l)
                if !l.is_empty() && !lex.forms.contains_key(&self.buf[a as usize..b as usize]) =>
            {
                let c = self.buf.len() as u32;
                self.buf.extend(l.chars().flat_map(char::to_lowercase));
                (c, self.buf.len() as u32)
            }
            _ => match lex.forms.get(&self.buf[a as usize..b as usize]) {
                Some(l) => {
                    let c = self.buf.len() as u32;
                    self.buf.push_str(l);
                    (c, self.buf.len() as u32)
                }
                None => (a, b),
            },
        };
        let cap = text.chars().next().is_some_and(|c| c.is_uppercase());
        self.toks.push(Tok {
            start,
            end,
            lo: (a, b),
            lem,
            cap,
            punct,
            head: None,
            deprel: None,
            vbn: false,
            tag_not_name: false,
            noun: false,
            plural: false,
            time: false,
            verb: false,
        });
    }

    /// Light segmentation: paragraphs at line breaks, sentences at . ! ? before a capital or a
    /// quote (not after a known abbreviation or an initial), tokens at spaces and punctuation,
    /// with `'s` and `n't` split off.
    fn fallback(&mut self, doc: &Document, lex: &Lexicon) {
        let text = doc.text.as_str();
        let mut sent_first = 0usize;
        let mut sent_start: Option<usize> = None;
        let mut i = 0usize;
        let bytes = text.as_bytes();
        let close_sentence = |v: &mut View, first: &mut usize, start: &mut Option<usize>| {
            if let Some(s) = start.take() {
                if v.toks.len() > *first {
                    let end = v.toks[v.toks.len() - 1].end;
                    v.sents.push(Sent {
                        start: s,
                        end,
                        first: *first,
                        last: v.toks.len(),
                    });
                }
            }
            *first = v.toks.len();
        };
        while i < text.len() {
            let c = match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            };
            let cl = c.len_utf8();
            if c == '\n' {
                close_sentence(self, &mut sent_first, &mut sent_start);
                i += cl;
                continue;
            }
            if c.is_whitespace() {
                i += cl;
                continue;
            }
            if sent_start.is_none() {
                sent_start = Some(i);
            }
            if c.is_alphanumeric() {
                // A word: letters, digits and inner . - ' & (U.S., eight-day, 3,000).
                let mut j = i + cl;
                while j < text.len() {
                    let d = match text[j..].chars().next() {
                        Some(d) => d,
                        None => break,
                    };
                    let next = text[j + d.len_utf8()..].chars().next();
                    let next_alnum = next.is_some_and(|n| n.is_alphanumeric());
                    if d.is_alphanumeric() {
                        j += d.len_utf8();
                    } else if (d == '\'' || d == '’')
                        && text[i..j].to_ascii_lowercase().ends_with('n')
                        && matches!(next, Some('t' | 'T'))
                        && !text[j + d.len_utf8() + 1..].starts_with(|x: char| x.is_alphanumeric())
                    {
                        j += d.len_utf8() + 1;
                        break;
                    } else if (d == '-' || d == '&') && next_alnum {
                        j += d.len_utf8();
                    } else if inner_joiner(d, next, bytes.get(j.wrapping_sub(1)).copied()) {
                        j += 1;
                    } else if d == '.' && is_abbrev(&text[i..j]) {
                        j += 1;
                        break;
                    } else {
                        break;
                    }
                }
                let word = &text[i..j];
                // Split n't and 's.
                let lw = word.to_lowercase().replace('’', "'");
                if lw.len() > 3 && lw.ends_with("n't") {
                    let k = j - 2 - if word.ends_with("’t") { 3 } else { 1 };
                    self.push(&text[i..k], i, k, false, None, lex);
                    self.push(&text[k..j], k, j, false, None, lex);
                } else {
                    self.push(word, i, j, false, None, lex);
                }
                i = j;
                continue;
            }
            if c == '\'' || c == '’' {
                // 's / ’s / n't tails after a word.
                let rest = &text[i + cl..];
                let mut take = 0;
                if ((rest.starts_with('s') || rest.starts_with('S'))
                    && !rest[1..].starts_with(|x: char| x.is_alphanumeric()))
                    || rest.starts_with("t ")
                    || rest.starts_with("t.")
                {
                    take = 1;
                }
                if take > 0 && !self.toks.is_empty() {
                    let j = i + cl + take;
                    self.push(&text[i..j], i, j, false, None, lex);
                    i = j;
                    continue;
                }
            }
            // Punctuation token.
            self.push(&text[i..i + cl], i, i + cl, true, None, lex);
            i += cl;
            if matches!(c, '.' | '!' | '?') {
                // Sentence end before whitespace + capital / quote / digit, or at text end.
                let rest = &text[i..];
                let trimmed = rest.trim_start_matches([' ', '\t']);
                let after_space = trimmed.len() < rest.len();
                let starts_new = trimmed.chars().next().is_none_or(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || "\"“'‘\n".contains(n)
                });
                // Keep a closing quote with its sentence.
                if trimmed.starts_with(['"', '”', '’']) && !after_space {
                    continue;
                }
                if starts_new && (after_space || trimmed.is_empty() || trimmed.starts_with('\n')) {
                    close_sentence(self, &mut sent_first, &mut sent_start);
                }
            }
        }
        close_sentence(self, &mut sent_first, &mut sent_start);
    }
}

/// A comma or period inside a number or an abbreviation (3,000 / U.S. / 1.2 / K.U.).
fn inner_joiner(d: char, next: Option<char>, prev: Option<u8>) -> bool {
    let prev = prev.unwrap_or(b' ');
    (d == ',' && next.is_some_and(|n| n.is_ascii_digit()) && prev.is_ascii_digit())
        || (d == '.'
            && prev.is_ascii_alphanumeric()
            && next.is_some_and(|n| n.is_ascii_alphanumeric()))
}

/// Abbreviations after which a period does not end a sentence.
fn is_abbrev(w: &str) -> bool {
    const ABBR: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Gov", "Sen", "Rep",
        "Prof", "St", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
        "Jr", "Sr", "Inc", "Corp", "Ltd", "Co", "vs", "Adm", "Brig", "Cmdr", "Pres",
    ];
    (w.len() == 1 && w.chars().all(|c| c.is_uppercase()))
        || (w.contains('.') && w.len() <= 6)
        || ABBR.contains(&w)
}

/// Safe access to a document's token range.
trait SafeTokens {
    fn sentence_tokens_safe(&self, a: usize, b: usize) -> &[tidings_core::Token];
}
impl SafeTokens for Document {
    fn sentence_tokens_safe(&self, a: usize, b: usize) -> &[tidings_core::Token] {
        if a <= b && b <= self.tokens.len() {
            &self.tokens[a..b]
        } else {
            &[]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_splits_sentences_and_clitics() {
        let lex = Lexicon::new();
        let doc = Document::new(
            "d",
            "The U.S. envoy didn't go. Gen. Smith's troops, 3,000 strong, withdrew.\nNext line",
        );
        let v = View::build(&doc, &lex);
        let words: Vec<&str> = (0..v.toks.len()).map(|i| v.lower(i)).collect();
        assert_eq!(
            words,
            [
                "the", "u.s.", "envoy", "did", "n't", "go", ".", "gen.", "smith", "'s", "troops",
                ",", "3,000", "strong", ",", "withdrew", ".", "next", "line"
            ]
        );
        assert_eq!(v.sents.len(), 3);
        assert_eq!(v.lemma(15), "withdraw");
    }
}
