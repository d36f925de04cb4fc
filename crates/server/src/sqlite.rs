//! [`SqliteStore`]: the API's [`Store`] on the embedded SQLite event store (`tidings-store`).
//!
//! Writes go through the store crate exactly as `tidings ingest` does
//! ([`tidings_store::prepare`] then [`tidings_store::Store::ingest_prepared`]), so a document
//! posted to `/v1/extract?store=true` and one ingested from a corpus are stored alike and their
//! event mentions merge into the same event clusters. One writer connection sits behind a mutex;
//! reads use read-only connections (WAL lets them run beside the writer), kept in a small pool.
//!
//! # Events are clusters
//! `/v1/events` lists the store's **event clusters** (one record per real-world event, merged
//! across articles), not single mentions: `id` is the cluster id, `num_mentions`, `num_articles`
//! and `num_sources` are the store's counts, and `document`/`event`/`title`/`trigger` name the
//! cluster's first mention (or, with the `document` filter, its first mention in that document).
//! Negated mentions belong to no cluster, so they are never listed; `fatalities` is not kept.
//!
//! # Filters
//! The store's own [`tidings_store::EventQuery`] takes one value per filter, matches actors by
//! code only and orders by cluster id, while the API takes lists, also matches actor names, can
//! restrict to one document and orders by date. So the query runs here, as SQL over the store's
//! tables, with the store's semantics where they overlap (type, actor code prefix, country,
//! bbox, inclusive dates, modality, minimum confidence) and these additions: lists match any of
//! their values; `actor` also matches a case-insensitive part (ASCII case folding, SQLite's
//! `lower`) of the text of any mention's source or target; `document` keeps clusters with a
//! mention in that document. `tests/api.rs` checks the overlap against the store's own query.
//!
//! # Documents are rebuilt from the store's tables
//! The store keeps a document's text and metadata and, per layer, what its tables hold (see
//! `crates/store/src/schema.rs`). [`Store::document`] rebuilds the document from them. Left
//! empty because the store does not keep them: paragraphs, sentences, tokens, quotations,
//! quantities, focus, place alternatives and mention kinds, the extra TIMEX3 attributes
//! (`value_max`, `quant`, `freq`, `reasoning`), quote cues, actor countries/roles, entity roles,
//! affiliations, `nominal` and confidences, event `time`, `place_precision`, `date_precision`,
//! `fatalities` and `size`. Rebuilt by search (the store keeps their text, not their offsets):
//! event arguments and quote speakers (the occurrence of their text nearest the trigger / quote;
//! an argument's entity is the entity with exactly that span), event sentences (the occurrence
//! that contains the trigger), an event's place id (the place of that document with the same
//! name and coordinates), a quote's `closed` flag (a closing quotation mark right after a direct
//! quote; always true for an indirect one). An event's `date` is the store's: where the mention
//! had no full date, the publication date.

use std::sync::Mutex;

use rusqlite::types::Value as V;
use rusqlite::{params, OptionalExtension};
use tidings_core::{
    Actor, Argument, Document, Entity, Event, Evidence, Modality, Offsets, Place, Quote, QuoteKind,
    Speaker, Time,
};

use crate::store::{
    DocumentSummary, EventQuery, EventRecord, Page, PutOutcome, Store, StoreError, StoreStats,
};

/// The SQLite event store behind the API.
pub struct SqliteStore {
    path: std::path::PathBuf,
    writer: Mutex<tidings_store::Store>,
    /// Idle read-only connections; a read takes one (or opens one) and puts it back.
    readers: Mutex<Vec<tidings_store::Store>>,
}

/// Read-only connections kept open between requests.
const MAX_IDLE_READERS: usize = 8;

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

fn poisoned() -> StoreError {
    StoreError("store lock poisoned".into())
}

impl SqliteStore {
    /// Opens (creating and migrating if needed) the database file, as `tidings ingest` does.
    pub fn open(path: impl AsRef<std::path::Path>) -> Result<SqliteStore, StoreError> {
        let path = path.as_ref().to_path_buf();
        let writer = tidings_store::Store::open(&path)
            .map_err(|e| StoreError(format!("{}: {e}", path.display())))?;
        let reader = tidings_store::Store::open_readonly(&path)
            .map_err(|e| StoreError(format!("{}: {e}", path.display())))?;
        Ok(SqliteStore {
            path,
            writer: Mutex::new(writer),
            readers: Mutex::new(vec![reader]),
        })
    }

    /// The database file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Runs `f` on a read-only connection.
    fn read<T>(
        &self,
        f: impl FnOnce(&tidings_store::Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let taken = self.readers.lock().map_err(|_| poisoned())?.pop();
        let reader = match taken {
            Some(r) => r,
            None => tidings_store::Store::open_readonly(&self.path)
                .map_err(|e| StoreError(format!("{}: {e}", self.path.display())))?,
        };
        let out = f(&reader);
        let mut idle = self.readers.lock().map_err(|_| poisoned())?;
        if idle.len() < MAX_IDLE_READERS {
            idle.push(reader);
        }
        out
    }
}

impl Store for SqliteStore {
    fn put(&self, doc: &Document) -> Result<PutOutcome, StoreError> {
        // The same two steps as `tidings ingest` (crates/cli/src/ingest.rs).
        let prepared = tidings_store::prepare(doc.clone());
        let mut w = self.writer.lock().map_err(|_| poisoned())?;
        match w.ingest_prepared(prepared).map_err(err)? {
            // A replaced copy: this article is now the one stored under its text.
            tidings_store::IngestOutcome::Stored { .. }
            | tidings_store::IngestOutcome::Replaced { .. } => Ok(PutOutcome::Added),
            tidings_store::IngestOutcome::AlreadyStored => Ok(PutOutcome::Existing),
        }
    }

    fn documents(&self, offset: u64, limit: u64) -> Result<Page<DocumentSummary>, StoreError> {
        self.read(|s| {
            let c = s.connection();
            let total: i64 = c
                .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
                .map_err(err)?;
            let mut st = c
                .prepare_cached(
                    "SELECT d.doc_id, d.title, d.date, d.source,
                        (SELECT count(*) FROM places p WHERE p.doc = d.rowid),
                        (SELECT count(*) FROM events e WHERE e.doc = d.rowid)
                     FROM documents d ORDER BY d.date DESC, d.doc_id, d.rowid
                     LIMIT ?1 OFFSET ?2",
                )
                .map_err(err)?;
            let items = st
                .query_map(params![clamp(limit), clamp(offset)], |r| {
                    Ok(DocumentSummary {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        date: r.get(2)?,
                        source: r.get(3)?,
                        places: r.get::<_, i64>(4)? as u64,
                        events: r.get::<_, i64>(5)? as u64,
                    })
                })
                .map_err(err)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(err)?;
            Ok(page(total as u64, offset, limit, items))
        })
    }

    fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        self.read(|s| {
            let Some(stored) = s.document(id).map_err(err)? else {
                return Ok(None);
            };
            rebuild(s.connection(), stored).map(Some).map_err(err)
        })
    }

    fn events(&self, q: &EventQuery) -> Result<Page<EventRecord>, StoreError> {
        self.read(|s| events(s.connection(), q).map_err(err))
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        self.read(|s| {
            let st = s.stats().map_err(err)?;
            // `/v1/events` lists clusters, so the health count is theirs.
            Ok(StoreStats {
                documents: st.documents,
                events: st.clusters,
            })
        })
    }
}

fn clamp(n: u64) -> i64 {
    n.min(i64::MAX as u64) as i64
}

fn page<T>(total: u64, offset: u64, limit: u64, items: Vec<T>) -> Page<T> {
    let end = offset.saturating_add(items.len() as u64);
    Page {
        total,
        offset,
        limit,
        next_offset: (end < total).then_some(end),
        items,
    }
}

fn modality_str(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Claimed => "claimed",
        Modality::Planned => "planned",
        Modality::Hypothetical => "hypothetical",
    }
}

fn parse_modality(s: &str) -> Modality {
    match s {
        "claimed" => Modality::Claimed,
        "planned" => Modality::Planned,
        "hypothetical" => Modality::Hypothetical,
        _ => Modality::Asserted,
    }
}

/// `?, ?, ?` for `n` values.
fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// The WHERE clause (with its arguments) of an event query over `event_clusters c`.
fn event_filter(q: &EventQuery) -> (String, Vec<V>) {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<V> = Vec::new();
    if !q.types.is_empty() {
        wh.push(format!("upper(c.type) IN ({})", marks(q.types.len())));
        args.extend(q.types.iter().map(|t| V::Text(t.to_uppercase())));
    }
    if let Some(a) = &q.actor {
        // A code prefix on the cluster (as the store matches it, case-insensitively here), or a
        // code prefix or a part of the text of any of its mentions' arguments.
        let w = "(upper(substr(c.source_actor, 1, length(?))) = upper(?)
              OR upper(substr(c.target_actor, 1, length(?))) = upper(?)
              OR EXISTS (SELECT 1 FROM events e WHERE e.cluster = c.id AND (
                   upper(substr(e.source_actor, 1, length(?))) = upper(?)
                   OR upper(substr(e.target_actor, 1, length(?))) = upper(?)
                   OR instr(lower(e.source_text), lower(?)) > 0
                   OR instr(lower(e.target_text), lower(?)) > 0)))";
        args.extend(std::iter::repeat_n(
            V::Text(a.clone()),
            w.matches('?').count(),
        ));
        wh.push(w.into());
    }
    if !q.countries.is_empty() {
        wh.push(format!(
            "upper(c.country) IN ({})",
            marks(q.countries.len())
        ));
        args.extend(q.countries.iter().map(|c| V::Text(c.to_uppercase())));
    }
    if let Some([x0, y0, x1, y1]) = q.bbox {
        wh.push("c.lon >= ? AND c.lat >= ? AND c.lon <= ? AND c.lat <= ?".into());
        args.extend([V::Real(x0), V::Real(y0), V::Real(x1), V::Real(y1)]);
    }
    // Cluster dates are `YYYY-MM-DD`; comparing on the bound's length keeps a coarser bound
    // ("2023-03") inclusive, as the in-memory store does.
    if let Some(f) = &q.from {
        wh.push("c.date IS NOT NULL AND substr(c.date, 1, length(?)) >= ?".into());
        args.extend([V::Text(f.clone()), V::Text(f.clone())]);
    }
    if let Some(t) = &q.to {
        wh.push("c.date IS NOT NULL AND substr(c.date, 1, length(?)) <= ?".into());
        args.extend([V::Text(t.clone()), V::Text(t.clone())]);
    }
    if !q.modalities.is_empty() {
        wh.push(format!("c.modality IN ({})", marks(q.modalities.len())));
        args.extend(
            q.modalities
                .iter()
                .map(|m| V::Text(modality_str(*m).into())),
        );
    }
    if let Some(c) = q.min_confidence {
        // As the store does: confidences are stored as f64 of an f32.
        wh.push("c.confidence >= ?".into());
        args.push(V::Real(c as f64 - 1e-6));
    }
    if let Some(d) = &q.document {
        wh.push(
            "EXISTS (SELECT 1 FROM events e JOIN documents d ON d.rowid = e.doc
                     WHERE e.cluster = c.id AND d.doc_id = ?)"
                .into(),
        );
        args.push(V::Text(d.clone()));
    }
    let mut sql = String::new();
    for w in &wh {
        sql.push_str(if sql.is_empty() { " WHERE " } else { " AND " });
        sql.push_str(w);
    }
    (sql, args)
}

fn events(c: &rusqlite::Connection, q: &EventQuery) -> rusqlite::Result<Page<EventRecord>> {
    let (wh, args) = event_filter(q);
    let total: i64 = c.query_row(
        &format!("SELECT count(*) FROM event_clusters c{wh}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT c.id, c.type, c.mode, c.cameo, c.source_actor, c.source_name, c.target_actor,
                c.target_name, c.place, c.country, c.lat, c.lon, c.date, c.modality, c.confidence,
                c.num_mentions, c.num_articles, c.num_sources
         FROM event_clusters c{wh} ORDER BY c.date, c.id LIMIT ? OFFSET ?"
    );
    let mut bound = args;
    bound.push(V::Integer(clamp(q.limit)));
    bound.push(V::Integer(clamp(q.offset)));
    let mut st = c.prepare(&sql)?;
    let mut items = st
        .query_map(rusqlite::params_from_iter(bound.iter()), |r| {
            Ok(EventRecord {
                id: r.get::<_, i64>(0)?.to_string(),
                document: String::new(),
                event: String::new(),
                title: None,
                kind: r.get(1)?,
                mode: r.get(2)?,
                cameo: r.get(3)?,
                trigger: String::new(),
                date: r.get(12)?,
                modality: parse_modality(&r.get::<_, String>(13)?),
                negated: false,
                confidence: r.get::<_, f64>(14)? as f32,
                source_actor: r.get(4)?,
                source_name: r.get(5)?,
                target_actor: r.get(6)?,
                target_name: r.get(7)?,
                place: r.get(8)?,
                lat: r.get(10)?,
                lon: r.get(11)?,
                country: r.get(9)?,
                fatalities: None,
                num_mentions: r.get::<_, i64>(15)? as u64,
                num_articles: r.get::<_, i64>(16)? as u64,
                num_sources: r.get::<_, i64>(17)? as u64,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    // The mention that names each cluster: its first, or its first in the asked-for document.
    let mut first = c.prepare_cached(
        "SELECT d.doc_id, d.title, e.id, e.trigger_text FROM events e
         JOIN documents d ON d.rowid = e.doc
         WHERE e.cluster = ?1 AND (?2 IS NULL OR d.doc_id = ?2)
         ORDER BY e.rowid LIMIT 1",
    )?;
    for e in &mut items {
        let id: i64 = e.id.parse().unwrap_or_default();
        let m = first
            .query_row(params![id, q.document], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        if let Some((doc, title, event, trigger)) = m {
            (e.document, e.title, e.event, e.trigger) = (doc, title, event, trigger);
        }
    }
    Ok(page(total as u64, q.offset, q.limit, items))
}

/// Byte/char conversions of one text, and searches that answer in code points.
struct Chars<'a> {
    text: &'a str,
    /// Byte offset of each char.
    starts: Vec<usize>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        Chars {
            text,
            starts: text.char_indices().map(|(b, _)| b).collect(),
        }
    }

    fn byte(&self, c: usize) -> usize {
        self.starts.get(c).copied().unwrap_or(self.text.len())
    }

    fn char_of(&self, b: usize) -> usize {
        self.starts.partition_point(|&x| x < b)
    }

    fn char_at(&self, c: usize) -> Option<char> {
        self.text.get(self.byte(c)..)?.chars().next()
    }

    /// Every occurrence of `needle`, as char spans.
    fn find_all(&self, needle: &str) -> Vec<(usize, usize)> {
        if needle.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(needle)
            .map(|(b, _)| (self.char_of(b), self.char_of(b + needle.len())))
            .collect()
    }

    /// The occurrence of `needle` nearest the char offset `near`.
    fn nearest(&self, needle: &str, near: usize) -> Option<(usize, usize)> {
        self.find_all(needle)
            .into_iter()
            .min_by_key(|(s, _)| s.abs_diff(near))
    }
}

/// A serde enum from its JSON string form (`"DATE"`, `"PERSON"`).
fn from_json<T: serde::de::DeserializeOwned>(s: String) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s)).ok()
}

/// A document from the store's tables (see the module docs for what is left out).
fn rebuild(
    c: &rusqlite::Connection,
    stored: tidings_store::StoredDocument,
) -> rusqlite::Result<Document> {
    let rowid = stored.rowid;
    let mut doc = Document::new(stored.id, stored.text);
    doc.title = stored.title;
    doc.source = stored.source;
    doc.date = stored
        .date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    doc.offsets = Offsets::Chars;
    let text = doc.text.clone();
    let chars = Chars::new(&text);
    let usize_of = |v: i64| v.max(0) as usize;

    doc.places = c
        .prepare_cached(
            r#"SELECT id, text, start, "end", name, geonameid, lat, lon, country, admin1, feature,
                      precision, confidence FROM places WHERE doc = ?1 ORDER BY rowid"#,
        )?
        .query_map([rowid], |r| {
            Ok(Place {
                id: r.get(0)?,
                text: r.get(1)?,
                start: usize_of(r.get(2)?),
                end: usize_of(r.get(3)?),
                name: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                geonameid: r.get::<_, Option<i64>>(5)?.map(|g| g as u64),
                lat: r.get(6)?,
                lon: r.get(7)?,
                country: r.get(8)?,
                admin1: r.get(9)?,
                feature: r.get(10)?,
                precision: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
                confidence: r.get::<_, Option<f64>>(12)?.unwrap_or_default() as f32,
                ..Default::default()
            })
        })?
        .collect::<Result<_, _>>()?;

    type TimeRow = (String, String, i64, i64, String, String, Option<String>);
    let times: Vec<TimeRow> = c
        .prepare_cached(
            r#"SELECT id, text, start, "end", type, value, modifier FROM times
               WHERE doc = ?1 ORDER BY rowid"#,
        )?
        .query_map([rowid], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    doc.times = times
        .into_iter()
        .map(|(id, text, start, end, kind, value, modifier)| Time {
            id,
            text,
            start: usize_of(start),
            end: usize_of(end),
            kind: from_json(kind).unwrap_or_default(),
            value,
            modifier,
            ..Default::default()
        })
        .collect();

    type EntityRow = (
        String,
        String,
        i64,
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let entities: Vec<EntityRow> = c
        .prepare_cached(
            r#"SELECT id, text, start, "end", kind, actor, canonical, coref FROM entities
               WHERE doc = ?1 ORDER BY rowid"#,
        )?
        .query_map([rowid], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    doc.entities = entities
        .into_iter()
        .map(
            |(id, text, start, end, kind, actor, canonical, coref)| Entity {
                id,
                text,
                start: usize_of(start),
                end: usize_of(end),
                kind: from_json(kind).unwrap_or_default(),
                actor: actor.map(|code| Actor {
                    code,
                    ..Default::default()
                }),
                canonical,
                coref,
                ..Default::default()
            },
        )
        .collect();

    type QuoteRow = (
        String,
        String,
        i64,
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let quotes: Vec<QuoteRow> = c
        .prepare_cached(
            r#"SELECT id, text, start, "end", kind, speaker, speaker_entity, speaker_name
               FROM quotes WHERE doc = ?1 ORDER BY rowid"#,
        )?
        .query_map([rowid], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    doc.quotes = quotes
        .into_iter()
        .map(|(id, text, start, end, kind, speaker, entity, name)| {
            let (start, end) = (usize_of(start), usize_of(end));
            let kind = if kind == "indirect" {
                QuoteKind::Indirect
            } else {
                QuoteKind::Direct
            };
            let speaker = speaker.map(|s| {
                let (ss, se) = chars.nearest(&s, start).unwrap_or((start, start));
                Speaker {
                    text: s,
                    start: ss,
                    end: se,
                    entity,
                    name,
                }
            });
            Quote {
                id,
                text,
                start,
                end,
                kind,
                closed: kind == QuoteKind::Indirect
                    || chars
                        .char_at(end)
                        .is_some_and(|ch| matches!(ch, '"' | '”' | '’' | '\'' | '»' | '«' | '“')),
                cue: None,
                speaker,
            }
        })
        .collect();

    type EventRow = (
        String,
        String,
        String,
        String,
        [Option<String>; 4],
        (Option<String>, Option<f64>, Option<f64>),
        Option<String>,
        String,
        bool,
        f64,
        (String, i64, i64),
        Option<String>,
    );
    let rows: Vec<EventRow> = c
        .prepare_cached(
            "SELECT id, type, mode, cameo, source_actor, source_text, target_actor, target_text,
                    place, lat, lon, date, modality, negated, confidence, trigger_text,
                    trigger_start, trigger_end, sentence
             FROM events WHERE doc = ?1 ORDER BY rowid",
        )?
        .query_map([rowid], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                (r.get(8)?, r.get(9)?, r.get(10)?),
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
                r.get(14)?,
                (r.get(15)?, r.get(16)?, r.get(17)?),
                r.get(18)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut events = Vec::with_capacity(rows.len());
    for (
        id,
        kind,
        mode,
        cameo,
        [sa, st, ta, tt],
        place,
        date,
        modality,
        negated,
        conf,
        trig,
        sent,
    ) in rows
    {
        let trigger = Evidence {
            text: trig.0,
            start: usize_of(trig.1),
            end: usize_of(trig.2),
        };
        let argument = |code: Option<String>, text: Option<String>| {
            let text = text?;
            let (start, end) = chars
                .nearest(&text, trigger.start)
                .unwrap_or((trigger.start, trigger.start));
            let entity = doc
                .entities
                .iter()
                .find(|e| e.start == start && e.end == end)
                .map(|e| e.id.clone());
            Some(Argument {
                text,
                start,
                end,
                entity,
                actor_code: code,
            })
        };
        let (name, lat, lon) = place;
        let place = name.and_then(|n| {
            doc.places
                .iter()
                .find(|p| p.name == n && p.lat == lat && p.lon == lon)
                .map(|p| p.id.clone())
        });
        let sentence = sent.and_then(|s| {
            chars
                .find_all(&s)
                .into_iter()
                .find(|&(a, b)| a <= trigger.start && trigger.end <= b)
                .map(|(start, end)| Evidence {
                    text: s,
                    start,
                    end,
                })
        });
        events.push(Event {
            id,
            kind,
            mode,
            cameo,
            source: argument(sa, st),
            target: argument(ta, tt),
            trigger,
            place,
            date,
            modality: parse_modality(&modality),
            negated,
            confidence: conf as f32,
            sentence,
            ..Default::default()
        });
    }
    doc.events = events;
    Ok(doc)
}
