//! Places: toponym recognition and resolution against the GeoNames-derived gazetteer; document focus.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

use tidings_core::{Document, Stage};

/// The `places` stage.
#[derive(Debug, Default)]
pub struct Places;

impl Places {
    pub fn new() -> Self {
        Places
    }
}

impl Stage for Places {
    fn name(&self) -> &'static str {
        "places"
    }
    fn process(&self, _doc: &mut Document) {}
}
