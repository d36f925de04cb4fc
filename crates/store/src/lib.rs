//! An embedded event store for Tidings: SQLite (bundled, nothing to install) in WAL mode.
//!
//! # What it keeps
//! Documents (text, title, date, source, content hash), the mentions each extraction found
//! (places, times, quotes, entities, events) and **event clusters**: one row per real-world event,
//! merged across every article that reports it, with GDELT-style counts (mentions, articles,
//! sources), first/last seen and evidence links back to each mention. All offsets are Unicode code
//! points (documents are stored after [`Document::into_output`]).
//!
//! # Guarantees
//! - **One transaction per document**: a document and all its extractions and cluster updates
//!   commit together, or not at all. A `kill -9` loses nothing committed (WAL with
//!   `synchronous=NORMAL` survives process crashes; only an OS crash or power loss may drop the
//!   last transactions, never corrupting the file).
//! - **Idempotent re-ingest**: documents are keyed by the SHA-256 of their text, so a rerun over the
//!   same inputs stores nothing twice and finishes what a crashed run left.
//! - **Schema version** in `PRAGMA user_version`, upgraded by append-only migrations on open.
//!
//! # Cross-article identity
//! See [`identity`]: syndicated and near-duplicate articles (MinHash over word shingles) count as
//! one *source*; event mentions with the same type, compatible actors, nearby places and close
//! dates merge into one cluster.
//!
//! # API
//! ```no_run
//! use tidings_store::{Store, EventQuery};
//! let mut store = Store::open("events.db")?;
//! # let doc = tidings_core::Document::new("a", "text");
//! store.ingest(&doc)?;                      // or prepare() in parallel + ingest_prepared()
//! let page = store.events(&EventQuery { kind: Some("ASSAULT".into()), ..Default::default() })?;
//! for cluster in &page.items {
//!     println!("{} {} sources", cluster.kind, cluster.num_sources);
//! }
//! # Ok::<(), tidings_store::StoreError>(())
//! ```
//! Exports of clusters live in [`export`] (JSON Lines, CSV with GDELT 2.0 columns, GeoJSON,
//! Parquet).
//!
//! Architecture invariant: the store never annotates; it keeps what the pipeline produced.

pub mod export;
mod schema;

pub use tidings_identity as identity;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use identity::EventMention as Mention;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use tidings_core::{Document, Evidence, Modality};

pub use identity::{content_hash, IdentityRules};
pub use schema::SCHEMA_VERSION;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database schema version {found} is newer than this build supports ({supported})")]
    NewerSchema { found: i64, supported: i64 },
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("export: {0}")]
    Export(String),
}

/// A document made ready for storage: converted to code points, hashed and fingerprinted.
/// [`prepare`] is pure CPU work, meant to run in parallel before the single writer.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub doc: Document,
    pub hash: String,
    signature: [u64; identity::SIGNATURE_LEN],
}

/// Converts to output offsets, hashes the text and computes its MinHash signature.
pub fn prepare(doc: Document) -> Prepared {
    let doc = doc.into_output();
    let hash = content_hash(&doc.text);
    let signature = identity::minhash(&doc.text);
    Prepared {
        doc,
        hash,
        signature,
    }
}

/// What [`Store::ingest`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IngestOutcome {
    /// Stored under `doc_rowid`; `duplicate_of` is the first article of its near-duplicate group
    /// when it copies an earlier article.
    Stored {
        doc_rowid: i64,
        duplicate_of: Option<i64>,
    },
    /// The same text was stored before, from a copy that is kept ([`identity::copy_precedes`]);
    /// nothing changed.
    AlreadyStored,
    /// The same text was stored before from a later copy; this copy took its place (the old
    /// row `replaced` and its extractions are gone).
    Replaced { doc_rowid: i64, replaced: i64 },
}

/// Filters and paging for [`Store::events`]. Every filter is optional; all given must hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventQuery {
    /// PLOVER event type, exact (`ASSAULT`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Actor code prefix matched against source or target (`AFG` matches `AFGGOV`).
    pub actor: Option<String>,
    /// ISO 3166 alpha-2 country of the event's place.
    pub country: Option<String>,
    /// `[min_lon, min_lat, max_lon, max_lat]`; clusters without coordinates never match.
    pub bbox: Option<[f64; 4]>,
    /// Inclusive bounds on the event date.
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub modality: Option<Modality>,
    pub min_confidence: Option<f32>,
    /// Page size: 0 means 100; capped at [`MAX_LIMIT`].
    pub limit: usize,
    pub offset: usize,
    /// Leave out the evidence links (faster for large exports that do not need them).
    #[serde(default)]
    pub without_evidence: bool,
}

/// The largest page [`Store::events`] returns.
pub const MAX_LIMIT: usize = 10_000;

/// One page of results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// Matches before paging.
    pub total: usize,
    pub offset: usize,
    pub items: Vec<T>,
}

/// One mention backing a cluster.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceLink {
    /// The document's id.
    pub doc_id: String,
    pub source: Option<String>,
    /// The event's id inside that document (`ev1`).
    pub event_id: String,
    pub trigger: Evidence,
    pub sentence: Option<String>,
    /// Event date as resolved in that document.
    pub date: Option<String>,
    /// Publication date of the document.
    pub published: Option<String>,
}

/// One real-world event, merged across mentions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventCluster {
    pub id: i64,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: String,
    pub cameo: String,
    pub source_actor: Option<String>,
    pub source_name: Option<String>,
    pub target_actor: Option<String>,
    pub target_name: Option<String>,
    pub place: Option<String>,
    pub country: Option<String>,
    /// landmark | city | admin | country | region | continent
    pub precision: Option<String>,
    pub geonameid: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Earliest event date among the mentions (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// `asserted` when any mention asserts it, else the first mention's modality.
    pub modality: Modality,
    /// Highest confidence among the mentions.
    pub confidence: f32,
    pub num_mentions: u64,
    pub num_articles: u64,
    /// Independent reports: near-duplicate (syndicated) articles count once.
    pub num_sources: u64,
    /// Publication date of the earliest / latest article.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceLink>,
}

/// A stored document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub rowid: i64,
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub text: String,
    pub hash: String,
    /// Row id of the article this one copies, when it is a near-duplicate.
    pub duplicate_of: Option<i64>,
    pub ingested_at: String,
}

/// Row counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreStats {
    pub schema_version: i64,
    pub documents: u64,
    /// Documents that copy an earlier one.
    pub duplicates: u64,
    pub places: u64,
    pub times: u64,
    pub quotes: u64,
    pub entities: u64,
    pub events: u64,
    pub clusters: u64,
}

/// The event store. One writer at a time (SQLite); readers may open the same file alongside.
pub struct Store {
    conn: Connection,
    rules: IdentityRules,
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

impl Store {
    /// Opens (creating if needed) a database file read-write and migrates it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        Self::setup(conn)
    }

    /// A private in-memory database (tests, one-off runs).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::setup(Connection::open_in_memory()?)
    }

    /// Opens an existing database read-only (safe beside a running writer, thanks to WAL).
    pub fn open_readonly(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if v > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: v,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Store {
            conn,
            rules: IdentityRules::default(),
        })
    }

    fn setup(mut conn: Connection) -> Result<Store, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            rules: IdentityRules::default(),
        })
    }

    /// Replaces the cross-article identity thresholds (affects later ingests only).
    pub fn with_rules(mut self, rules: IdentityRules) -> Self {
        self.rules = rules;
        self
    }

    pub fn rules(&self) -> &IdentityRules {
        &self.rules
    }

    /// The underlying connection, for checks such as `PRAGMA integrity_check`.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// True when a document with this content hash is stored.
    pub fn contains_hash(&self, hash: &str) -> Result<bool, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?;
        Ok(st.exists([hash])?)
    }

    /// Every stored content hash (a resumed ingest skips these before extracting).
    pub fn known_hashes(&self) -> Result<HashSet<String>, StoreError> {
        let mut st = self.conn.prepare("SELECT hash FROM documents")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every stored content hash with the date and id of the copy stored under it: an ingest
    /// skips an input before extracting when the stored copy is the one kept
    /// ([`identity::copy_precedes`]).
    pub fn known_copies(&self) -> Result<HashMap<String, (Option<String>, String)>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT hash, date, doc_id FROM documents")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores one annotated document (any offsets unit) in one transaction.
    pub fn ingest(&mut self, doc: &Document) -> Result<IngestOutcome, StoreError> {
        self.ingest_prepared(prepare(doc.clone()))
    }

    /// Stores a [`prepare`]d document, its layers and its event mentions, and merges the
    /// mentions into event clusters, all in one transaction.
    pub fn ingest_prepared(&mut self, p: Prepared) -> Result<IngestOutcome, StoreError> {
        let rules = self.rules.clone();
        let tx = self.conn.transaction()?;
        let doc = &p.doc;
        let date = doc.date.map(|d| d.format("%Y-%m-%d").to_string());
        type Stored = (i64, Option<String>, String, Option<i64>, Option<f64>);
        let existing: Option<Stored> = tx
            .prepare_cached(
                "SELECT rowid, date, doc_id, dup_group, similarity FROM documents WHERE hash = ?1",
            )?
            .query_row([&p.hash], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        // The same text stored before: keep the copy that precedes, taking over its group.
        let mut replaced = None;
        if let Some((old, old_date, old_id, group, sim)) = existing {
            if !identity::copy_precedes(date.as_deref(), &doc.id, old_date.as_deref(), &old_id) {
                return Ok(IngestOutcome::AlreadyStored);
            }
            delete_document(&tx, old)?;
            replaced = Some((old, group, sim));
        }
        let bands = identity::band_keys(&p.signature);
        let dup = match replaced {
            Some((old, Some(g), sim)) if g != old => Some((g, sim.unwrap_or(1.0))),
            Some(_) => None,
            None => find_duplicate(&tx, &bands, &p.signature, rules.duplicate_jaccard)?,
        };
        tx.prepare_cached(
            "INSERT INTO documents (doc_id, hash, dup_group, similarity, title, date, source, text, minhash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            doc.id,
            p.hash,
            dup.map(|d| d.0),
            dup.map(|d| d.1),
            doc.title,
            date,
            doc.source,
            doc.text,
            sig_to_blob(&p.signature),
        ])?;
        let rowid = tx.last_insert_rowid();
        if dup.is_none() {
            tx.prepare_cached("UPDATE documents SET dup_group = ?1 WHERE rowid = ?1")?
                .execute([rowid])?;
            if let Some((old, _, _)) = replaced {
                // The replaced copy headed a group: this one heads it now.
                tx.prepare_cached("UPDATE documents SET dup_group = ?1 WHERE dup_group = ?2")?
                    .execute([rowid, old])?;
            }
        }
        {
            let mut st = tx.prepare_cached("INSERT INTO doc_bands (band, doc) VALUES (?1, ?2)")?;
            for b in bands {
                st.execute(params![b, rowid])?;
            }
        }
        insert_layers(&tx, rowid, doc)?;
        let touched = insert_events(&tx, rowid, doc, &rules)?;
        for c in touched {
            refresh_cluster(&tx, c)?;
        }
        tx.commit()?;
        Ok(match replaced {
            Some((old, _, _)) => IngestOutcome::Replaced {
                doc_rowid: rowid,
                replaced: old,
            },
            None => IngestOutcome::Stored {
                doc_rowid: rowid,
                duplicate_of: dup.map(|d| d.0),
            },
        })
    }

    /// Rebuilds every event cluster from the stored mentions with [`identity::cluster`].
    ///
    /// Ingest merges each document's mentions as it stores them, in the order documents arrive;
    /// a parallel ingest stores them in completion order, so those clusters can differ from run
    /// to run. Rebuilding visits the mentions in the canonical order instead, so the clusters
    /// depend only on what is stored, and equal those of the Spark job on the same corpus.
    /// `tidings ingest` calls this after each batch. Cluster ids are renumbered. Returns the
    /// number of clusters.
    pub fn recluster(&mut self) -> Result<usize, StoreError> {
        let rules = self.rules.clone();
        let tx = self.conn.transaction()?;
        let rows: Vec<(i64, Mention, String)> = {
            let mut st = tx.prepare(
                r#"SELECT e.rowid, e.id, e.type, e.mode, e.cameo, e.source_actor, e.source_text,
                   e.target_actor, e.target_text, e.place, e.country, e.precision, e.geonameid,
                   e.lat, e.lon, e.date, e.day, e.modality, e.negated, e.confidence,
                   d.hash
                   FROM events e JOIN documents d ON d.rowid = e.doc"#,
            )?;
            let rows = st.query_map([], |r| {
                let m = Mention {
                    id: r.get(1)?,
                    kind: r.get(2)?,
                    mode: r.get(3)?,
                    cameo: r.get(4)?,
                    source_actor: r.get(5)?,
                    source_text: r.get(6)?,
                    target_actor: r.get(7)?,
                    target_text: r.get(8)?,
                    place: r.get(9)?,
                    country: r.get(10)?,
                    precision: r.get(11)?,
                    geonameid: r.get(12)?,
                    lat: r.get(13)?,
                    lon: r.get(14)?,
                    date: r.get(15)?,
                    day: r.get(16)?,
                    modality: parse_modality(&r.get::<_, String>(17)?),
                    negated: r.get(18)?,
                    confidence: r.get::<_, f64>(19)? as f32,
                    // A cluster row takes neither; leaving them out keeps memory down.
                    trigger: Evidence::default(),
                    sentence: None,
                };
                Ok((r.get(0)?, m, r.get(20)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let keys: Vec<identity::ClusterKey> = rows.iter().map(|(_, m, h)| m.key(h)).collect();
        let assigned = identity::cluster(&keys, &rules);
        let n = assigned.iter().flatten().max().map_or(0, |&c| c + 1);
        tx.execute("UPDATE events SET cluster = NULL", [])?;
        tx.execute("DELETE FROM event_clusters", [])?;
        let mut ids: Vec<Option<i64>> = vec![None; n];
        for i in identity::canonical_order(&keys) {
            let Some(c) = assigned[i] else { continue };
            let (rowid, m, _) = &rows[i];
            let id = match ids[c] {
                Some(id) => {
                    enrich_cluster(&tx, id, m)?;
                    id
                }
                None => {
                    let id = new_cluster(&tx, m)?;
                    ids[c] = Some(id);
                    id
                }
            };
            tx.prepare_cached("UPDATE events SET cluster = ?1 WHERE rowid = ?2")?
                .execute([id, *rowid])?;
        }
        for id in ids.iter().flatten() {
            refresh_cluster(&tx, *id)?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Event clusters matching `q`, one page, in id order.
    pub fn events(&self, q: &EventQuery) -> Result<Page<EventCluster>, StoreError> {
        let mut wh: Vec<&str> = Vec::new();
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        use rusqlite::types::Value as V;
        if let Some(k) = &q.kind {
            wh.push("type = ?");
            args.push(V::Text(k.clone()));
        }
        if let Some(a) = &q.actor {
            wh.push(
                "(substr(source_actor, 1, length(?)) = ? OR substr(target_actor, 1, length(?)) = ?)",
            );
            args.extend(std::iter::repeat_n(V::Text(a.clone()), 4));
        }
        if let Some(c) = &q.country {
            wh.push("country = ? COLLATE NOCASE");
            args.push(V::Text(c.clone()));
        }
        if let Some([x0, y0, x1, y1]) = q.bbox {
            wh.push("lon >= ? AND lat >= ? AND lon <= ? AND lat <= ?");
            args.extend([V::Real(x0), V::Real(y0), V::Real(x1), V::Real(y1)]);
        }
        if let Some(d) = q.date_from {
            wh.push("day >= ?");
            args.push(V::Integer(d.num_days_from_ce() as i64));
        }
        if let Some(d) = q.date_to {
            wh.push("day <= ?");
            args.push(V::Integer(d.num_days_from_ce() as i64));
        }
        if let Some(m) = q.modality {
            wh.push("modality = ?");
            args.push(V::Text(modality_str(m).into()));
        }
        if let Some(c) = q.min_confidence {
            wh.push("confidence >= ?");
            args.push(V::Real(c as f64 - 1e-6));
        }
        let mut sql_where = String::new();
        for w in &wh {
            sql_where.push_str(if sql_where.is_empty() {
                " WHERE "
            } else {
                " AND "
            });
            sql_where.push_str(w);
        }
        let bound = args;
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM event_clusters{sql_where}"),
            rusqlite::params_from_iter(bound.iter()),
            |r| r.get(0),
        )?;
        let limit = match q.limit {
            0 => 100,
            n => n.min(MAX_LIMIT),
        };
        let sql = format!(
            "SELECT {CLUSTER_COLS} FROM event_clusters{sql_where} ORDER BY id LIMIT ? OFFSET ?"
        );
        let mut bound = bound;
        bound.push(V::Integer(limit as i64));
        bound.push(V::Integer(q.offset.min(i64::MAX as usize) as i64));
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut items = st
            .query_map(rusqlite::params_from_iter(bound.iter()), cluster_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        if !q.without_evidence {
            for c in &mut items {
                c.evidence = self.evidence(c.id)?;
            }
        }
        Ok(Page {
            total: total as usize,
            offset: q.offset,
            items,
        })
    }

    /// Every cluster matching `q` (paging fields ignored), for exports.
    pub fn all_events(&self, q: &EventQuery) -> Result<Vec<EventCluster>, StoreError> {
        let mut out = Vec::new();
        let mut q = q.clone();
        q.limit = MAX_LIMIT;
        q.offset = 0;
        loop {
            let page = self.events(&q)?;
            let n = page.items.len();
            out.extend(page.items);
            if n < MAX_LIMIT {
                return Ok(out);
            }
            q.offset += n;
        }
    }

    /// One cluster with its evidence.
    pub fn event(&self, id: i64) -> Result<Option<EventCluster>, StoreError> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {CLUSTER_COLS} FROM event_clusters WHERE id = ?1"
        ))?;
        let Some(mut c) = st.query_row([id], cluster_from_row).optional()? else {
            return Ok(None);
        };
        c.evidence = self.evidence(id)?;
        Ok(Some(c))
    }

    fn evidence(&self, cluster: i64) -> Result<Vec<EvidenceLink>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT d.doc_id, d.source, e.id, e.trigger_text, e.trigger_start, e.trigger_end,
                    e.sentence, e.date, d.date
             FROM events e JOIN documents d ON d.rowid = e.doc
             WHERE e.cluster = ?1 ORDER BY e.rowid",
        )?;
        let rows = st.query_map([cluster], |r| {
            Ok(EvidenceLink {
                doc_id: r.get(0)?,
                source: r.get(1)?,
                event_id: r.get(2)?,
                trigger: Evidence {
                    text: r.get(3)?,
                    start: r.get::<_, i64>(4)? as usize,
                    end: r.get::<_, i64>(5)? as usize,
                },
                sentence: r.get(6)?,
                date: r.get(7)?,
                published: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The first stored document with this id.
    pub fn document(&self, id: &str) -> Result<Option<StoredDocument>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT rowid, doc_id, title, date, source, text, hash, dup_group, ingested_at
             FROM documents WHERE doc_id = ?1 ORDER BY rowid LIMIT 1",
        )?;
        Ok(st
            .query_row([id], |r| {
                let rowid: i64 = r.get(0)?;
                let group: Option<i64> = r.get(7)?;
                Ok(StoredDocument {
                    rowid,
                    id: r.get(1)?,
                    title: r.get(2)?,
                    date: r.get(3)?,
                    source: r.get(4)?,
                    text: r.get(5)?,
                    hash: r.get(6)?,
                    duplicate_of: group.filter(|g| *g != rowid),
                    ingested_at: r.get(8)?,
                })
            })
            .optional()?)
    }

    /// Row counts.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let n = |sql: &str| -> Result<u64, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(StoreStats {
            schema_version: self
                .conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))?,
            documents: n("SELECT count(*) FROM documents")?,
            duplicates: n("SELECT count(*) FROM documents WHERE dup_group != rowid")?,
            places: n("SELECT count(*) FROM places")?,
            times: n("SELECT count(*) FROM times")?,
            quotes: n("SELECT count(*) FROM quotes")?,
            entities: n("SELECT count(*) FROM entities")?,
            events: n("SELECT count(*) FROM events")?,
            clusters: n("SELECT count(*) FROM event_clusters")?,
        })
    }

    /// Runs `PRAGMA integrity_check`; `Ok(())` when the file is sound.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let r: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if r == "ok" {
            Ok(())
        } else {
            Err(StoreError::Export(format!("integrity check failed: {r}")))
        }
    }
}

const CLUSTER_COLS: &str = "id, type, mode, cameo, source_actor, source_name, target_actor, \
    target_name, place, country, precision, geonameid, lat, lon, date, modality, confidence, \
    num_mentions, num_articles, num_sources, first_seen, last_seen";

fn cluster_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventCluster> {
    Ok(EventCluster {
        id: r.get(0)?,
        kind: r.get(1)?,
        mode: r.get(2)?,
        cameo: r.get(3)?,
        source_actor: r.get(4)?,
        source_name: r.get(5)?,
        target_actor: r.get(6)?,
        target_name: r.get(7)?,
        place: r.get(8)?,
        country: r.get(9)?,
        precision: r.get(10)?,
        geonameid: r.get::<_, Option<i64>>(11)?.map(|g| g as u64),
        lat: r.get(12)?,
        lon: r.get(13)?,
        date: r.get(14)?,
        modality: parse_modality(&r.get::<_, String>(15)?),
        confidence: r.get::<_, f64>(16)? as f32,
        num_mentions: r.get::<_, i64>(17)? as u64,
        num_articles: r.get::<_, i64>(18)? as u64,
        num_sources: r.get::<_, i64>(19)? as u64,
        first_seen: r.get(20)?,
        last_seen: r.get(21)?,
        evidence: Vec::new(),
    })
}

fn sig_to_blob(sig: &[u64; identity::SIGNATURE_LEN]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn blob_to_sig(blob: &[u8]) -> Option<[u64; identity::SIGNATURE_LEN]> {
    if blob.len() != identity::SIGNATURE_LEN * 8 {
        return None;
    }
    let mut sig = [0u64; identity::SIGNATURE_LEN];
    for (i, c) in blob.chunks_exact(8).enumerate() {
        sig[i] = u64::from_le_bytes(c.try_into().ok()?);
    }
    Some(sig)
}

/// The near-duplicate group this signature joins, with its similarity, if any.
fn find_duplicate(
    tx: &Transaction<'_>,
    bands: &[i64; identity::BANDS],
    sig: &[u64; identity::SIGNATURE_LEN],
    threshold: f64,
) -> Result<Option<(i64, f64)>, StoreError> {
    let mut candidates = BTreeSet::new();
    {
        // Capped so that a band shared by very many documents (boilerplate) stays cheap.
        let mut st = tx.prepare_cached("SELECT doc FROM doc_bands WHERE band = ?1 LIMIT 64")?;
        for b in bands {
            let rows = st.query_map([b], |r| r.get::<_, i64>(0))?;
            for r in rows {
                candidates.insert(r?);
            }
        }
    }
    let mut best: Option<(i64, f64)> = None;
    let mut st = tx.prepare_cached("SELECT minhash, dup_group FROM documents WHERE rowid = ?1")?;
    for c in candidates {
        let (blob, group): (Vec<u8>, Option<i64>) =
            st.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let Some(other) = blob_to_sig(&blob) else {
            continue;
        };
        let s = identity::similarity(sig, &other);
        if s >= threshold && best.is_none_or(|(_, b)| s > b) {
            best = Some((group.unwrap_or(c), s));
        }
    }
    Ok(best)
}

/// Removes a document, its extractions and its LSH bands; the clusters it fed are refreshed, or
/// removed when it was their only report.
fn delete_document(tx: &Transaction<'_>, rowid: i64) -> Result<(), StoreError> {
    let clusters: Vec<i64> = tx
        .prepare_cached(
            "SELECT DISTINCT cluster FROM events WHERE doc = ?1 AND cluster IS NOT NULL",
        )?
        .query_map([rowid], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in [
        "places",
        "times",
        "quotes",
        "entities",
        "events",
        "doc_bands",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE doc = ?1"))?
            .execute([rowid])?;
    }
    tx.prepare_cached("DELETE FROM documents WHERE rowid = ?1")?
        .execute([rowid])?;
    for c in clusters {
        let left = tx
            .prepare_cached("SELECT 1 FROM events WHERE cluster = ?1")?
            .exists([c])?;
        if left {
            refresh_cluster(tx, c)?;
        } else {
            tx.prepare_cached("DELETE FROM event_clusters WHERE id = ?1")?
                .execute([c])?;
        }
    }
    Ok(())
}

fn insert_layers(tx: &Transaction<'_>, rowid: i64, doc: &Document) -> Result<(), StoreError> {
    let mut st = tx.prepare_cached(
        r#"INSERT INTO places (doc, id, text, start, "end", name, geonameid, lat, lon, country,
           admin1, feature, precision, confidence) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)"#,
    )?;
    for p in &doc.places {
        st.execute(params![
            rowid,
            p.id,
            p.text,
            p.start as i64,
            p.end as i64,
            p.name,
            p.geonameid.map(|g| g as i64),
            p.lat,
            p.lon,
            p.country,
            p.admin1,
            p.feature,
            p.precision,
            p.confidence as f64
        ])?;
    }
    let mut st = tx.prepare_cached(
        r#"INSERT INTO times (doc, id, text, start, "end", type, value, modifier)
           VALUES (?1,?2,?3,?4,?5,?6,?7,?8)"#,
    )?;
    for t in &doc.times {
        let kind = serde_json::to_value(t.kind)?;
        st.execute(params![
            rowid,
            t.id,
            t.text,
            t.start as i64,
            t.end as i64,
            kind.as_str().unwrap_or("DATE"),
            t.value,
            t.modifier
        ])?;
    }
    let mut st = tx.prepare_cached(
        r#"INSERT INTO quotes (doc, id, text, start, "end", kind, speaker, speaker_entity, speaker_name)
           VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)"#,
    )?;
    for q in &doc.quotes {
        let kind = match q.kind {
            tidings_core::QuoteKind::Direct => "direct",
            tidings_core::QuoteKind::Indirect => "indirect",
        };
        let sp = q.speaker.as_ref();
        st.execute(params![
            rowid,
            q.id,
            q.text,
            q.start as i64,
            q.end as i64,
            kind,
            sp.map(|s| s.text.as_str()),
            sp.and_then(|s| s.entity.as_deref()),
            sp.and_then(|s| s.name.as_deref())
        ])?;
    }
    let mut st = tx.prepare_cached(
        r#"INSERT INTO entities (doc, id, text, start, "end", kind, actor, canonical, coref)
           VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)"#,
    )?;
    for e in &doc.entities {
        let kind = serde_json::to_value(e.kind)?;
        st.execute(params![
            rowid,
            e.id,
            e.text,
            e.start as i64,
            e.end as i64,
            kind.as_str().unwrap_or("OTHER"),
            e.actor.as_ref().map(|a| a.code.as_str()),
            e.canonical,
            e.coref
        ])?;
    }
    Ok(())
}

/// Inserts the document's event mentions, each into its cluster (an existing compatible one, or
/// a new one); returns the clusters touched.
fn insert_events(
    tx: &Transaction<'_>,
    rowid: i64,
    doc: &Document,
    rules: &IdentityRules,
) -> Result<BTreeSet<i64>, StoreError> {
    let mut touched = BTreeSet::new();
    for m in identity::event_mentions(doc) {
        let cluster = if m.negated {
            None
        } else {
            Some(match find_cluster(tx, &m, rules)? {
                Some(c) => {
                    enrich_cluster(tx, c, &m)?;
                    c
                }
                None => new_cluster(tx, &m)?,
            })
        };
        tx.prepare_cached(
            "INSERT INTO events (doc, cluster, id, type, mode, cameo, source_actor, source_text,
             target_actor, target_text, place, country, lat, lon, date, day, modality, negated,
             confidence, trigger_text, trigger_start, trigger_end, sentence, precision, geonameid)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25)",
        )?
        .execute(params![
            rowid,
            cluster,
            m.id,
            m.kind,
            m.mode,
            m.cameo,
            m.source_actor,
            m.source_text,
            m.target_actor,
            m.target_text,
            m.place,
            m.country,
            m.lat,
            m.lon,
            m.date,
            m.day,
            modality_str(m.modality),
            m.negated,
            m.confidence as f64,
            m.trigger.text,
            m.trigger.start as i64,
            m.trigger.end as i64,
            m.sentence,
            m.precision,
            m.geonameid
        ])?;
        if let Some(c) = cluster {
            touched.insert(c);
        }
    }
    Ok(touched)
}

fn find_cluster(
    tx: &Transaction<'_>,
    m: &Mention,
    rules: &IdentityRules,
) -> Result<Option<i64>, StoreError> {
    type Row = (
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<f64>,
        Option<f64>,
        Option<i64>,
    );
    let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Row> {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    };
    let rows: Vec<Row> = match m.day {
        Some(d) => tx
            .prepare_cached(
                "SELECT id, source_actor, target_actor, country, lat, lon, day FROM event_clusters
                 WHERE type = ?1 AND day BETWEEN ?2 AND ?3",
            )?
            .query_map(
                params![
                    m.kind,
                    d - rules.date_window_days,
                    d + rules.date_window_days
                ],
                map,
            )?
            .collect::<Result<_, _>>()?,
        None => tx
            .prepare_cached(
                "SELECT id, source_actor, target_actor, country, lat, lon, day FROM event_clusters
                 WHERE type = ?1 AND day IS NULL",
            )?
            .query_map([&m.kind], map)?
            .collect::<Result<_, _>>()?,
    };
    let here = identity::Whereabouts {
        lat: m.lat,
        lon: m.lon,
        country: m.country.as_deref(),
    };
    let mut best: Option<(i64, (i64, u64))> = None;
    for (id, sa, ta, country, lat, lon, day) in rows {
        if !identity::actors_compatible(m.source_actor.as_deref(), sa.as_deref())
            || !identity::actors_compatible(m.target_actor.as_deref(), ta.as_deref())
        {
            continue;
        }
        let there = identity::Whereabouts {
            lat,
            lon,
            country: country.as_deref(),
        };
        if !identity::places_compatible(here, there, rules.max_km) {
            continue;
        }
        let dd = match (m.day, day) {
            (Some(a), Some(b)) => (a - b).abs(),
            _ => 0,
        };
        let km = match (m.lat, m.lon, lat, lon) {
            (Some(a), Some(b), Some(c), Some(d)) => identity::haversine_km(a, b, c, d) as u64,
            _ => u64::MAX / 2,
        };
        if best.is_none_or(|(_, k)| (dd, km) < k) {
            best = Some((id, (dd, km)));
        }
    }
    Ok(best.map(|b| b.0))
}

fn new_cluster(tx: &Transaction<'_>, m: &Mention) -> Result<i64, StoreError> {
    tx.prepare_cached(
        "INSERT INTO event_clusters (type, mode, cameo, source_actor, source_name, target_actor,
         target_name, place, country, precision, geonameid, lat, lon, day, date, modality, confidence)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
    )?
    .execute(params![
        m.kind,
        m.mode,
        m.cameo,
        m.source_actor,
        m.source_text,
        m.target_actor,
        m.target_text,
        m.place,
        m.country,
        m.precision,
        m.geonameid,
        m.lat,
        m.lon,
        m.day,
        m.date,
        modality_str(m.modality),
        m.confidence as f64
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Fills what the cluster lacks from a new mention (a more specific actor code, a coordinate).
fn enrich_cluster(tx: &Transaction<'_>, c: i64, m: &Mention) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE event_clusters SET
           source_actor = CASE WHEN ?2 IS NOT NULL AND length(?2) > length(coalesce(source_actor, ''))
                               THEN ?2 ELSE source_actor END,
           source_name  = coalesce(source_name, ?3),
           target_actor = CASE WHEN ?4 IS NOT NULL AND length(?4) > length(coalesce(target_actor, ''))
                               THEN ?4 ELSE target_actor END,
           target_name  = coalesce(target_name, ?5),
           place     = CASE WHEN lat IS NULL AND ?8 IS NOT NULL THEN ?6 ELSE coalesce(place, ?6) END,
           country   = coalesce(country, ?7),
           precision = CASE WHEN lat IS NULL AND ?8 IS NOT NULL THEN ?10 ELSE coalesce(precision, ?10) END,
           geonameid = CASE WHEN lat IS NULL AND ?8 IS NOT NULL THEN ?11 ELSE coalesce(geonameid, ?11) END,
           lon       = CASE WHEN lat IS NULL AND ?8 IS NOT NULL THEN ?9 ELSE lon END,
           lat       = coalesce(lat, ?8),
           modality  = CASE WHEN ?12 = 'asserted' THEN 'asserted' ELSE modality END
         WHERE id = ?1",
    )?
    .execute(params![
        c,
        m.source_actor,
        m.source_text,
        m.target_actor,
        m.target_text,
        m.place,
        m.country,
        m.lat,
        m.lon,
        m.precision,
        m.geonameid,
        modality_str(m.modality)
    ])?;
    Ok(())
}

/// Recomputes a cluster's counts, dates and confidence from its mentions.
fn refresh_cluster(tx: &Transaction<'_>, c: i64) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE event_clusters SET
           num_mentions = (SELECT count(*) FROM events WHERE cluster = ?1),
           num_articles = (SELECT count(DISTINCT doc) FROM events WHERE cluster = ?1),
           num_sources  = (SELECT count(DISTINCT d.dup_group) FROM events e
                           JOIN documents d ON d.rowid = e.doc WHERE e.cluster = ?1),
           first_seen   = (SELECT min(d.date) FROM events e
                           JOIN documents d ON d.rowid = e.doc WHERE e.cluster = ?1),
           last_seen    = (SELECT max(d.date) FROM events e
                           JOIN documents d ON d.rowid = e.doc WHERE e.cluster = ?1),
           day          = coalesce((SELECT min(day) FROM events WHERE cluster = ?1), day),
           date         = coalesce((SELECT min(date) FROM events WHERE cluster = ?1), date),
           confidence   = (SELECT max(confidence) FROM events WHERE cluster = ?1)
         WHERE id = ?1",
    )?
    .execute([c])?;
    Ok(())
}
