//! Quantities: numbers, ranges and qualifiers with what they count; casualty counts.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

use tidings_core::{Document, Stage};

/// The `quantity` stage.
#[derive(Debug, Default)]
pub struct Quantities;

impl Quantities {
    pub fn new() -> Self {
        Quantities
    }
}

impl Stage for Quantities {
    fn name(&self) -> &'static str {
        "quantity"
    }
    fn process(&self, _doc: &mut Document) {}
}
