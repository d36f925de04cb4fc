//! Events: PLOVER types and modes with CAMEO codes, arguments, place, date, modality and negation.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

use tidings_core::{Document, Stage};

/// The `events` stage.
#[derive(Debug, Default)]
pub struct Events;

impl Events {
    pub fn new() -> Self {
        Events
    }
}

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }
    fn process(&self, _doc: &mut Document) {}
}
