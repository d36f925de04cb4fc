//! Readers for the training data: CoNLL-U treebanks and GUM's entity JSON lines.

use tidings_core::syntax::{Deprel, Upos};

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: Upos,
    pub xpos: String,
    /// 0 = root, else 1-based word index.
    pub head: usize,
    pub deprel: Deprel,
}

#[derive(Clone, Debug, Default)]
pub struct TreeSentence {
    pub doc: String,
    pub id: String,
    pub words: Vec<Word>,
}

/// Parses CoNLL-U text (multiword-token and empty-node lines are skipped).
pub fn parse_conllu(text: &str) -> Vec<TreeSentence> {
    let mut out = Vec::new();
    let mut cur = TreeSentence::default();
    let mut doc = String::new();
    for line in text.lines() {
        if line.is_empty() {
            if !cur.words.is_empty() {
                cur.doc = doc.clone();
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(d) = c.strip_prefix("newdoc id =") {
                doc = d.trim().to_string();
            } else if let Some(d) = c.strip_prefix("sent_id =") {
                cur.id = d.trim().to_string();
                if doc.is_empty() {
                    // EWT: the document is the sent_id without its trailing number.
                    cur.doc = d
                        .trim()
                        .rsplit_once('-')
                        .map(|x| x.0)
                        .unwrap_or("")
                        .to_string();
                }
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: Upos::parse(cols[3]).unwrap_or(Upos::X),
            xpos: cols[4].to_string(),
            head: cols[6].parse().unwrap_or(0),
            deprel: Deprel::parse(cols[7]),
        });
    }
    if !cur.words.is_empty() {
        cur.doc = doc;
        out.push(cur);
    }
    // EWT has no newdoc lines everywhere: fill doc from sent_id where missing.
    for s in &mut out {
        if s.doc.is_empty() {
            s.doc = s.id.rsplit_once('-').map(|x| x.0).unwrap_or("").to_string();
        }
    }
    out
}

/// Is the tree projective (no crossing arcs)?
pub fn is_projective(heads: &[usize]) -> bool {
    // heads[i] for word i+1.
    let n = heads.len();
    for i in 1..=n {
        let h = heads[i - 1];
        let (a, b) = if h < i { (h, i) } else { (i, h) };
        for j in (a + 1)..b {
            let hj = heads[j - 1];
            if hj < a || hj > b {
                return false;
            }
        }
    }
    true
}

/// A named entity span over word indices `[start, end)` with a type index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: u8,
}
