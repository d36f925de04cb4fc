//! The pipeline facade: the one place that knows the order of the stages.
//!
//! Architecture invariant: wires stages, adds no annotation of its own. The CLI, the store, the
//! server and the Python bindings all extract through [`Tidings`], so they agree byte for byte.

pub use tidings_core::*;

use rayon::prelude::*;

/// A built pipeline (lexicons, gazetteer and models loaded once), shareable across threads.
pub struct Tidings {
    pipeline: Pipeline,
}

impl Default for Tidings {
    fn default() -> Self {
        Self::new()
    }
}

impl Tidings {
    /// Every stage, in dependency order.
    pub fn new() -> Self {
        let pipeline = Pipeline::new()
            .with(tidings_segment::Segmenter::new())
            .with(tidings_syntax::Syntax::new())
            .with(tidings_time::TimeTagger::new())
            .with(tidings_quantity::Quantities::new())
            .with(tidings_places::Places::new().with_not_places(tidings_entities::group_names()))
            .with(tidings_entities::Entities::new())
            .with(tidings_quotes::Quotes::new())
            .with(tidings_events::Events::new());
        Tidings { pipeline }
    }

    /// Every stage but those named (`"syntax"`, `"places"`, ...): what the remaining stages
    /// extract on their own, for measuring what a stage contributes. Unknown names are ignored.
    pub fn without(names: &[&str]) -> Self {
        let Tidings { pipeline } = Self::new();
        Tidings {
            pipeline: pipeline.without(names),
        }
    }

    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// Annotates one document in place (offsets stay in bytes).
    pub fn annotate(&self, doc: &mut Document) {
        self.pipeline.run(doc);
    }

    /// Annotates and converts to the output contract (code-point offsets).
    pub fn extract(&self, mut doc: Document) -> Document {
        self.annotate(&mut doc);
        doc.into_output()
    }

    /// Extracts many documents in parallel, keeping their order.
    pub fn extract_many(&self, docs: Vec<Document>) -> Vec<Document> {
        docs.into_par_iter().map(|d| self.extract(d)).collect()
    }
}
