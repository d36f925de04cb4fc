//! Entities and actors: people, organisations, groups, countries with CAMEO-style actor codes and coreference.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

use tidings_core::{Document, Stage};

/// The `entities` stage.
#[derive(Debug, Default)]
pub struct Entities;

impl Entities {
    pub fn new() -> Self {
        Entities
    }
}

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn process(&self, _doc: &mut Document) {}
}
