//! Syntax: averaged-perceptron POS tagger, transition-based dependency parser and NER, trained on UD treebanks.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

use tidings_core::{Document, Stage};

/// The `syntax` stage.
#[derive(Debug, Default)]
pub struct Syntax;

impl Syntax {
    pub fn new() -> Self {
        Syntax
    }
}

impl Stage for Syntax {
    fn name(&self) -> &'static str {
        "syntax"
    }
    fn process(&self, _doc: &mut Document) {}
}
