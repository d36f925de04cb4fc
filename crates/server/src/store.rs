//! What the server needs from a document/event store, and a small in-memory implementation.
//!
//! The server only talks to [`Store`]; `tidings serve` uses [`crate::SqliteStore`] (the embedded
//! SQLite event store of `tidings-store`). [`MemoryStore`] keeps documents in memory (optionally
//! in a JSON Lines file), for tests and embedding without a database. Every method is blocking (SQLite is); handlers call them on the
//! blocking pool.

use std::collections::HashMap;
use std::sync::RwLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tidings_core::{Argument, Document, Modality};

/// A store failure, reported to clients as `store_error` (500).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StoreError(pub String);

/// One page of results.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct Page<T> {
    /// Number of items matching the query (all pages).
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
    /// Offset of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<u64>,
    pub items: Vec<T>,
}

impl<T> Page<T> {
    /// Cuts one page out of a full, ordered result list.
    pub fn slice(all: Vec<T>, offset: u64, limit: u64) -> Page<T> {
        let total = all.len() as u64;
        let items: Vec<T> = all
            .into_iter()
            .skip(offset.min(total) as usize)
            .take(limit as usize)
            .collect();
        let end = offset.saturating_add(items.len() as u64);
        Page {
            total,
            offset,
            limit,
            next_offset: (end < total).then_some(end),
            items,
        }
    }
}

/// A stored document without its annotations, for listings.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct DocumentSummary {
    pub id: String,
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`).
    pub date: Option<String>,
    pub source: Option<String>,
    pub places: u64,
    pub events: u64,
}

impl DocumentSummary {
    pub fn of(doc: &Document) -> Self {
        DocumentSummary {
            id: doc.id.clone(),
            title: doc.title.clone(),
            date: doc.date.map(|d| d.to_string()),
            source: doc.source.clone(),
            places: doc.places.len() as u64,
            events: doc.events.len() as u64,
        }
    }
}

/// One event as the API lists it: a real-world event with its place resolved and the document
/// it was first reported in. A store that merges mentions across articles (the SQLite store)
/// fills the counts; the in-memory store lists each mention once.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct EventRecord {
    /// Unique in the store (`DOCUMENT_ID#EVENT_ID`, or the cluster id).
    pub id: String,
    /// Document of the (first) mention.
    pub document: String,
    /// Event id inside that document (`e1`), for highlighting.
    pub event: String,
    /// Headline of that document, where known.
    pub title: Option<String>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: String,
    pub cameo: String,
    /// The trigger's text in that document.
    pub trigger: String,
    /// Resolved date (`YYYY-MM-DD` or a coarser TIMEX3 value).
    pub date: Option<String>,
    pub modality: Modality,
    pub negated: bool,
    pub confidence: f32,
    pub source_actor: Option<String>,
    pub source_name: Option<String>,
    pub target_actor: Option<String>,
    pub target_name: Option<String>,
    /// Gazetteer name of the event's place.
    pub place: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO 3166 alpha-2 of the event's place.
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<f64>,
    /// Mentions, articles and independent sources reporting this event.
    pub num_mentions: u64,
    pub num_articles: u64,
    pub num_sources: u64,
}

impl EventRecord {
    /// The event records of one (annotated) document, one per event mention.
    pub fn of(doc: &Document) -> Vec<EventRecord> {
        doc.events
            .iter()
            .map(|e| {
                let place = e
                    .place
                    .as_deref()
                    .and_then(|id| doc.places.iter().find(|p| p.id == id));
                let code = |a: &Option<Argument>| a.as_ref().and_then(|a| a.actor_code.clone());
                let name = |a: &Option<Argument>| a.as_ref().map(|a| a.text.clone());
                EventRecord {
                    id: format!("{}#{}", doc.id, e.id),
                    document: doc.id.clone(),
                    event: e.id.clone(),
                    title: doc.title.clone(),
                    kind: e.kind.clone(),
                    mode: e.mode.clone(),
                    cameo: e.cameo.clone(),
                    trigger: e.trigger.text.clone(),
                    date: e.date.clone(),
                    modality: e.modality,
                    negated: e.negated,
                    confidence: e.confidence,
                    source_actor: code(&e.source),
                    source_name: name(&e.source),
                    target_actor: code(&e.target),
                    target_name: name(&e.target),
                    place: place.map(|p| p.name.clone()),
                    lat: place.and_then(|p| p.lat),
                    lon: place.and_then(|p| p.lon),
                    country: place.and_then(|p| p.country.clone()),
                    fatalities: e.fatalities,
                    num_mentions: 1,
                    num_articles: 1,
                    num_sources: 1,
                }
            })
            .collect()
    }
}

/// Event filters (the same as `tidings events`); every field is optional and they combine with AND.
/// List-valued fields match any of their values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventQuery {
    /// PLOVER types (upper case).
    pub types: Vec<String>,
    /// Actor code prefix (`USA`, `AFGINS`) or a case-insensitive part of an argument's text.
    pub actor: Option<String>,
    /// ISO 3166 alpha-2 codes of the event's place.
    pub countries: Vec<String>,
    /// `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox: Option<[f64; 4]>,
    /// First date, inclusive (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Last date, inclusive (`YYYY-MM-DD`).
    pub to: Option<String>,
    pub modalities: Vec<Modality>,
    pub min_confidence: Option<f32>,
    /// Only events of this document.
    pub document: Option<String>,
    pub offset: u64,
    pub limit: u64,
}

impl EventQuery {
    /// True when `e` passes every filter (not paging).
    pub fn matches(&self, e: &EventRecord) -> bool {
        if !self.types.is_empty() && !self.types.iter().any(|t| t.eq_ignore_ascii_case(&e.kind)) {
            return false;
        }
        if let Some(a) = &self.actor {
            let a_low = a.to_lowercase();
            let a_up = a.to_uppercase();
            let hit = [&e.source_actor, &e.target_actor]
                .into_iter()
                .flatten()
                .any(|c| c.to_uppercase().starts_with(&a_up))
                || [&e.source_name, &e.target_name]
                    .into_iter()
                    .flatten()
                    .any(|n| n.to_lowercase().contains(&a_low));
            if !hit {
                return false;
            }
        }
        if !self.countries.is_empty()
            && !e
                .country
                .as_deref()
                .is_some_and(|c| self.countries.iter().any(|q| q.eq_ignore_ascii_case(c)))
        {
            return false;
        }
        if let Some([x0, y0, x1, y1]) = self.bbox {
            match (e.lon, e.lat) {
                (Some(x), Some(y)) if x >= x0 && x <= x1 && y >= y0 && y <= y1 => {}
                _ => return false,
            }
        }
        if self.from.is_some() || self.to.is_some() {
            // Dates compare as text on their `YYYY-MM-DD` prefix; a coarser value ("2021-08")
            // compares by its prefix, so a month is inside a range that starts in it.
            let Some(d) = e.date.as_deref().filter(|d| d.len() >= 4) else {
                return false;
            };
            if let Some(f) = &self.from {
                let n = d.len().min(f.len());
                if d.get(..n) < f.get(..n) {
                    return false;
                }
            }
            if let Some(t) = &self.to {
                let n = d.len().min(t.len());
                if d.get(..n) > t.get(..n) {
                    return false;
                }
            }
        }
        if !self.modalities.is_empty() && !self.modalities.contains(&e.modality) {
            return false;
        }
        if let Some(c) = self.min_confidence {
            if e.confidence < c {
                return false;
            }
        }
        if let Some(d) = &self.document {
            if &e.document != d {
                return false;
            }
        }
        true
    }
}

/// Counts for `/v1/health`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
pub struct StoreStats {
    pub documents: u64,
    pub events: u64,
}

/// Whether `put` added a document or found it already stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PutOutcome {
    Added,
    Existing,
}

/// The store behind the API. Implementations must be cheap to share (`Arc`) and never panic.
pub trait Store: Send + Sync + 'static {
    /// Stores an annotated document (output offsets, code points).
    fn put(&self, doc: &Document) -> Result<PutOutcome, StoreError>;
    /// Documents in store order (newest publication date first), paged.
    fn documents(&self, offset: u64, limit: u64) -> Result<Page<DocumentSummary>, StoreError>;
    /// One document with all its annotations (output offsets).
    fn document(&self, id: &str) -> Result<Option<Document>, StoreError>;
    /// Events matching `q`, ordered by date then id, paged by `q.offset`/`q.limit`.
    fn events(&self, q: &EventQuery) -> Result<Page<EventRecord>, StoreError>;
    fn stats(&self) -> Result<StoreStats, StoreError>;
}

/// Documents kept in memory, optionally appended to a JSON Lines file so they survive a restart.
#[derive(Default)]
pub struct MemoryStore {
    inner: RwLock<Inner>,
    file: Option<std::path::PathBuf>,
}

#[derive(Default)]
struct Inner {
    docs: Vec<Document>,
    by_id: HashMap<String, usize>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens (or creates) a JSON Lines file of documents; every `put` appends one line.
    /// Lines that do not parse are skipped and counted in the returned number.
    pub fn open_jsonl(path: &std::path::Path) -> Result<(Self, usize), StoreError> {
        let mut store = MemoryStore {
            file: Some(path.to_path_buf()),
            ..Default::default()
        };
        let mut bad = 0;
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let inner = store.inner.get_mut().map_err(|_| poisoned())?;
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    match serde_json::from_str::<Document>(line) {
                        Ok(d) => inner.insert(d),
                        Err(_) => bad += 1,
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError(format!("cannot read {}: {e}", path.display()))),
        }
        Ok((store, bad))
    }
}

fn poisoned() -> StoreError {
    StoreError("store lock poisoned".into())
}

impl Inner {
    fn insert(&mut self, d: Document) {
        match self.by_id.get(&d.id) {
            Some(&i) => self.docs[i] = d,
            None => {
                self.by_id.insert(d.id.clone(), self.docs.len());
                self.docs.push(d);
            }
        }
    }
}

impl Store for MemoryStore {
    fn put(&self, doc: &Document) -> Result<PutOutcome, StoreError> {
        let mut inner = self.inner.write().map_err(|_| poisoned())?;
        if inner.by_id.contains_key(&doc.id) {
            return Ok(PutOutcome::Existing);
        }
        if let Some(path) = &self.file {
            use std::io::Write;
            let line = serde_json::to_string(doc).map_err(|e| StoreError(e.to_string()))?;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| StoreError(format!("cannot open {}: {e}", path.display())))?;
            writeln!(f, "{line}").map_err(|e| StoreError(e.to_string()))?;
        }
        let mut d = doc.clone();
        d.tokens.clear();
        inner.insert(d);
        Ok(PutOutcome::Added)
    }

    fn documents(&self, offset: u64, limit: u64) -> Result<Page<DocumentSummary>, StoreError> {
        let inner = self.inner.read().map_err(|_| poisoned())?;
        let mut all: Vec<DocumentSummary> = inner.docs.iter().map(DocumentSummary::of).collect();
        all.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        Ok(Page::slice(all, offset, limit))
    }

    fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let inner = self.inner.read().map_err(|_| poisoned())?;
        Ok(inner.by_id.get(id).map(|&i| inner.docs[i].clone()))
    }

    fn events(&self, q: &EventQuery) -> Result<Page<EventRecord>, StoreError> {
        let inner = self.inner.read().map_err(|_| poisoned())?;
        let mut all: Vec<EventRecord> = inner
            .docs
            .iter()
            .flat_map(EventRecord::of)
            .filter(|e| q.matches(e))
            .collect();
        all.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        Ok(Page::slice(all, q.offset, q.limit))
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        let inner = self.inner.read().map_err(|_| poisoned())?;
        Ok(StoreStats {
            documents: inner.docs.len() as u64,
            events: inner.docs.iter().map(|d| d.events.len() as u64).sum(),
        })
    }
}
