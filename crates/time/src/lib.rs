//! Temporal expressions: TIMEX3 types and values normalised against the publication date.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.

use tidings_core::{Document, Stage};

/// The `time` stage.
#[derive(Debug, Default)]
pub struct TimeTagger;

impl TimeTagger {
    pub fn new() -> Self {
        TimeTagger
    }
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }
    fn process(&self, _doc: &mut Document) {}
}
