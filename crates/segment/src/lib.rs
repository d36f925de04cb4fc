//! Segmentation: paragraphs, sentences, tokens and quotation-mark pairing.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

use tidings_core::{Document, Stage};

/// The `segment` stage.
#[derive(Debug, Default)]
pub struct Segmenter;

impl Segmenter {
    pub fn new() -> Self {
        Segmenter
    }
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn process(&self, _doc: &mut Document) {}
}
