//! The Tidings document model.
//!
//! One [`Document`] flows through a pipeline of [`Stage`]s. Each stage reads the layers added by
//! earlier stages and adds its own. Every annotation is *standoff*: it points into the untouched
//! original `text` with a [`Span`]. Inside the pipeline spans are **byte** offsets (cheap slicing);
//! [`Document::into_output`] converts every span to **Unicode code points**, end exclusive, as the
//! output contract (`shared/eval/CONTRACT.md`) requires.
//!
//! Architecture invariant: this crate depends on no stage and does no I/O. Stages depend on it,
//! never on each other except through the layers of the `Document`.

mod document;
mod error;
mod offsets;
mod span;
mod stage;
pub mod syntax;
pub mod tree;

pub use document::*;
pub use error::InputError;
pub use offsets::OffsetMap;
pub use span::{Evidence, Span};
pub use stage::{Pipeline, Stage};
