//! Lemmatiser: suffix rules learned from the treebanks per XPOS, plus an exception lexicon.

use std::collections::HashMap;

/// A rewrite: strip `strip` characters from the lowercased form, then append `add`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    pub strip: u8,
    pub add: String,
}

#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    /// (xpos, lowercased suffix) -> rule; the longest matching suffix wins.
    pub rules: HashMap<(String, String), Rule>,
    /// (xpos, lowercased form) -> lemma, where the rules are wrong.
    pub exceptions: HashMap<(String, String), String>,
}

const MAX_SUFFIX: usize = 5;

fn lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '’' => '\'',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

fn rule_for(form: &str, lemma: &str) -> Rule {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    Rule {
        strip: (f.len() - common).min(255) as u8,
        add: l[common..].iter().collect(),
    }
}

fn apply(form: &str, r: &Rule) -> Option<String> {
    let n = form.chars().count();
    if (r.strip as usize) > n || (r.strip as usize) == n && r.add.is_empty() {
        return None;
    }
    let mut s: String = form.chars().take(n - r.strip as usize).collect();
    s.push_str(&r.add);
    Some(s)
}

fn suffix(s: &str, k: usize) -> &str {
    let n = s.chars().count();
    if k > n {
        return s;
    }
    let at = s.char_indices().nth(n - k).map_or(s.len(), |x| x.0);
    &s[at..]
}

impl Lemmatizer {
    /// The lemma of `form` with Penn tag `xpos` and UPOS `propn`.
    pub fn lemma(&self, form: &str, xpos: &str, is_propn: bool) -> String {
        if is_propn {
            return form.to_string();
        }
        let lf = lower(form);
        if let Some(l) = self.exceptions.get(&(xpos.to_string(), lf.clone())) {
            return l.clone();
        }
        self.by_rule(&lf, xpos).unwrap_or(lf)
    }

    fn by_rule(&self, lf: &str, xpos: &str) -> Option<String> {
        let n = lf.chars().count();
        let mut key = (xpos.to_string(), String::new());
        for k in (0..=MAX_SUFFIX.min(n)).rev() {
            key.1.clear();
            key.1.push_str(suffix(lf, k));
            if let Some(r) = self.rules.get(&key) {
                return apply(lf, r);
            }
        }
        None
    }

    /// Learns rules and exceptions from (form, xpos, lemma, is_propn) examples.
    pub fn train<'a>(
        words: impl Iterator<Item = (&'a str, &'a str, &'a str, bool)> + Clone,
    ) -> Lemmatizer {
        let mut counts: HashMap<(String, String), HashMap<Rule, u32>> = HashMap::new();
        for (form, xpos, lemma, propn) in words.clone() {
            if propn || lemma == "_" {
                continue;
            }
            let lf = lower(form);
            let r = rule_for(&lf, lemma);
            for k in 0..=MAX_SUFFIX.min(lf.chars().count()) {
                *counts
                    .entry((xpos.to_string(), suffix(&lf, k).to_string()))
                    .or_default()
                    .entry(r.clone())
                    .or_default() += 1;
            }
        }
        let mut best: HashMap<(String, String), (Rule, u32)> = HashMap::new();
        for (k, cs) in counts {
            let total: u32 = cs.values().sum();
            if let Some((r, _)) = cs.into_iter().max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| b.0.add.cmp(&a.0.add))
                    .then(b.0.strip.cmp(&a.0.strip))
            }) {
                best.insert(k, (r, total));
            }
        }
        // Keep a suffix rule only if it is backed by 3+ examples and differs from the rule of
        // the next shorter suffix.
        let mut lem = Lemmatizer::default();
        let mut keys: Vec<_> = best.keys().cloned().collect();
        keys.sort();
        for k in keys {
            let (r, total) = &best[&k];
            let n = k.1.chars().count();
            if n > 0 && *total < 3 {
                continue;
            }
            let parent = if n == 0 {
                None
            } else {
                let pk = (k.0.clone(), suffix(&k.1, n - 1).to_string());
                best.get(&pk).map(|x| &x.0)
            };
            if parent != Some(r) {
                lem.rules.insert(k.clone(), r.clone());
            }
        }
        // Exceptions: the most frequent lemma per (xpos, form) where the rules get it wrong.
        let mut forms: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        for (form, xpos, lemma, propn) in words {
            if propn || lemma == "_" {
                continue;
            }
            *forms
                .entry((xpos.to_string(), lower(form)))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let mut fk: Vec<_> = forms.into_iter().collect();
        fk.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, ls) in fk {
            let mut ls: Vec<_> = ls.into_iter().collect();
            ls.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let l = &ls[0].0;
            let guess = lem.by_rule(&k.1, &k.0).unwrap_or_else(|| k.1.clone());
            if &guess != l {
                lem.exceptions.insert(k, l.clone());
            }
        }
        lem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_suffix_rules_and_exceptions() {
        let data = [
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("jumped", "VBD", "jump"),
            ("went", "VBD", "go"),
            ("cats", "NNS", "cat"),
            ("dogs", "NNS", "dog"),
            ("hats", "NNS", "hat"),
        ];
        let lem = Lemmatizer::train(data.iter().map(|(f, x, l)| (*f, *x, *l, false)));
        assert_eq!(lem.lemma("kicked", "VBD", false), "kick");
        assert_eq!(lem.lemma("Went", "VBD", false), "go");
        assert_eq!(lem.lemma("bats", "NNS", false), "bat");
        assert_eq!(lem.lemma("Paris", "NNP", true), "Paris");
    }
}
