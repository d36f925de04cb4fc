//! Quotes: direct and indirect quotes with cue and speaker, resolved to entities.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

use tidings_core::{Document, Stage};

/// The `quotes` stage.
#[derive(Debug, Default)]
pub struct Quotes;

impl Quotes {
    pub fn new() -> Self {
        Quotes
    }
}

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn process(&self, _doc: &mut Document) {}
}
