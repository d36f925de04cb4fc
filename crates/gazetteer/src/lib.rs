//! The GeoNames-derived gazetteer: an fst name index and packed records, built once and opened
//! in milliseconds.
//!
//! Architecture invariant: knows nothing about documents or text; answers "which entries carry
//! this name" and "what is entry N".
