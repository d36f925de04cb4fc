//! Places: toponym recognition and resolution against the GeoNames-derived gazetteer; document focus.
//!
//! Recognition scans words (the segmenter's tokens when present, else its own word scan over
//! the text), matches the longest gazetteer name at each capitalised word and filters the
//! matches by capitalisation and context (place cues such as "in", "near", "the city of"; names
//! that are common words, people or outlets). Resolution ranks each name's candidates by
//! population and feature prior, the document's country and admin context, qualifiers ("Paris,
//! Texas") and sentence-level coherence, then gives a calibrated confidence. Landmarks and
//! streets missing from the gazetteer resolve to the city their paragraph is about.
//!
//! Architecture invariant: depends only on `tidings-core` and the embedded gazetteer; reads
//! earlier layers of the `Document`, writes only `places` and `focus`.

mod lexicon;
mod recognise;
mod resolve;

use tidings_core::{Document, Stage};
use tidings_gazetteer::Gazetteer;

pub use lexicon::Lexicon;

/// The `places` stage.
pub struct Places {
    gaz: &'static Gazetteer,
    lex: Lexicon,
    alternatives: usize,
}

impl std::fmt::Debug for Places {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Places")
            .field("alternatives", &self.alternatives)
            .finish()
    }
}

impl Default for Places {
    fn default() -> Self {
        Self::new()
    }
}

impl Places {
    pub fn new() -> Self {
        Places {
            gaz: Gazetteer::get(),
            lex: Lexicon::load(),
            alternatives: 0,
        }
    }

    /// Names that are never read as toponyms (case and accents do not matter). The pipeline
    /// passes the names of known armed and political groups: GeoNames carries some of them as
    /// alternate names of small places ("Hamas" for Hamm), which no news story means.
    pub fn with_not_places<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for n in names {
            let mut k = String::new();
            tidings_gazetteer::normalize_into(n.as_ref(), &mut k);
            if !k.is_empty() {
                self.lex.not_places.insert(k);
            }
        }
        self
    }

    /// Also report up to `n` runner-up candidates per place (`Place::alternatives`).
    pub fn with_alternatives(mut self, n: usize) -> Self {
        self.alternatives = n;
        self
    }
}

impl Stage for Places {
    fn name(&self) -> &'static str {
        "places"
    }
    fn process(&self, doc: &mut Document) {
        let words = recognise::words(doc, &self.lex);
        let mentions = recognise::mentions(doc, &words, self.gaz, &self.lex);
        let (places, focus) = resolve::resolve(doc, &words, mentions, self.gaz, self.alternatives);
        doc.places = places;
        doc.focus = focus;
    }
}

#[cfg(test)]
mod tests;
