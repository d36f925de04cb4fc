//! The bundle of trained models and its compact binary file (`model/syntax.bin`).

use crate::lemma::{Lemmatizer, Rule};
use crate::linear::{put_str, put_varint, Model, Reader};
use crate::ner::Ner;
use crate::parser::Parser;
use crate::tagger::Tagger;

const MAGIC: &[u8; 8] = b"TDSYN\x00\x01\x00";

#[derive(Clone, Debug, Default)]
pub struct Models {
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub parser: Parser,
    pub ner: Ner,
}

impl Models {
    pub fn is_empty(&self) -> bool {
        self.tagger.classes.is_empty()
    }

    /// Prunes small weights of the tagger, parser and recogniser (quantised units).
    pub fn prune(&mut self, tagger: i16, parser: i16, ner: i16) {
        self.tagger.model = self.tagger.model.pruned(tagger);
        self.parser.model = self.parser.model.pruned(parser);
        self.ner.model = self.ner.model.pruned(ner);
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let t = &self.tagger;
        put_varint(&mut out, t.classes.len() as u64);
        for (u, x) in &t.classes {
            out.push(*u);
            put_str(&mut out, x);
        }
        let mut td: Vec<_> = t.tagdict.iter().collect();
        td.sort();
        put_varint(&mut out, td.len() as u64);
        for (k, c) in td {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(*c);
        }
        t.model.write(&mut out);
        let mut rules: Vec<_> = self.lemmatizer.rules.iter().collect();
        rules.sort_by(|a, b| a.0.cmp(b.0));
        put_varint(&mut out, rules.len() as u64);
        for ((x, s), r) in rules {
            put_str(&mut out, x);
            put_str(&mut out, s);
            out.push(r.strip);
            put_str(&mut out, &r.add);
        }
        let mut ex: Vec<_> = self.lemmatizer.exceptions.iter().collect();
        ex.sort();
        put_varint(&mut out, ex.len() as u64);
        for ((x, f), l) in ex {
            put_str(&mut out, x);
            put_str(&mut out, f);
            put_str(&mut out, l);
        }
        self.parser.model.write(&mut out);
        self.ner.model.write(&mut out);
        out
    }

    /// Reads a bundle; `None` for an empty or malformed file.
    pub fn from_bytes(buf: &[u8]) -> Option<Models> {
        let mut r = Reader::new(buf);
        if r.take(8)? != MAGIC {
            return None;
        }
        let mut m = Models::default();
        let n = r.varint()? as usize;
        for _ in 0..n {
            let u = r.byte()?;
            m.tagger.classes.push((u, r.str()?.to_string()));
        }
        let n = r.varint()? as usize;
        for _ in 0..n {
            let k = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
            let c = r.byte()?;
            m.tagger.tagdict.insert(k, c);
        }
        m.tagger.model = Model::read(&mut r)?;
        let n = r.varint()? as usize;
        for _ in 0..n {
            let x = r.str()?.to_string();
            let s = r.str()?.to_string();
            let strip = r.byte()?;
            let add = r.str()?.to_string();
            m.lemmatizer.rules.insert((x, s), Rule { strip, add });
        }
        let n = r.varint()? as usize;
        for _ in 0..n {
            let x = r.str()?.to_string();
            let f = r.str()?.to_string();
            let l = r.str()?.to_string();
            m.lemmatizer.exceptions.insert((x, f), l);
        }
        m.parser.model = Model::read(&mut r)?;
        m.ner.model = Model::read(&mut r)?;
        Some(m)
    }
}
