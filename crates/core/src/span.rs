use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` into a document's text. Byte offsets inside the pipeline,
/// code points after [`crate::Document::into_output`].
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when the two spans share at least one offset.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// The piece of text that backs an extracted field: its text and where it lies.
/// Serialised flat (`{"text", "start", "end"}`) as the contract shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Evidence {
    /// Evidence for the byte span `span` of `text`. Out-of-range or non-boundary spans are clamped
    /// to the nearest valid boundaries rather than panicking.
    pub fn from_span(text: &str, span: Span) -> Self {
        let start = floor_boundary(text, span.start.min(text.len()));
        let end = floor_boundary(text, span.end.min(text.len())).max(start);
        Evidence {
            text: text[start..end].to_string(),
            start,
            end,
        }
    }
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The largest char boundary `<= i`.
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
