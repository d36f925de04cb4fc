//! The database schema and its migrations.
//!
//! The schema version is SQLite's `PRAGMA user_version`. Each entry of [`MIGRATIONS`] moves the
//! database from version `i` to `i + 1`; [`migrate`] applies the missing ones in one transaction,
//! so a database is never left half-migrated.

use rusqlite::Connection;

use crate::StoreError;

/// Migration `i` upgrades a database at version `i` to version `i + 1`. Append only: never edit a
/// migration that has shipped.
pub(crate) const MIGRATIONS: &[&str] = &[
    // v1: documents, their extraction layers, events and event clusters.
    r#"
    CREATE TABLE documents (
        rowid        INTEGER PRIMARY KEY,
        doc_id       TEXT NOT NULL,
        hash         TEXT NOT NULL UNIQUE,
        dup_group    INTEGER,
        similarity   REAL,
        title        TEXT,
        date         TEXT,
        source       TEXT,
        text         TEXT NOT NULL,
        minhash      BLOB NOT NULL,
        ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX documents_doc_id ON documents(doc_id);
    CREATE INDEX documents_dup_group ON documents(dup_group);

    -- Locality-sensitive hashing bands of each document's MinHash signature.
    CREATE TABLE doc_bands (
        band  INTEGER NOT NULL,
        doc   INTEGER NOT NULL REFERENCES documents(rowid)
    );
    CREATE INDEX doc_bands_band ON doc_bands(band);

    CREATE TABLE places (
        doc INTEGER NOT NULL REFERENCES documents(rowid),
        id TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        name TEXT, geonameid INTEGER, lat REAL, lon REAL, country TEXT, admin1 TEXT,
        feature TEXT, precision TEXT, confidence REAL
    );
    CREATE INDEX places_doc ON places(doc);

    CREATE TABLE times (
        doc INTEGER NOT NULL REFERENCES documents(rowid),
        id TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        type TEXT NOT NULL, value TEXT NOT NULL, modifier TEXT
    );
    CREATE INDEX times_doc ON times(doc);

    CREATE TABLE quotes (
        doc INTEGER NOT NULL REFERENCES documents(rowid),
        id TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        kind TEXT NOT NULL, speaker TEXT, speaker_entity TEXT, speaker_name TEXT
    );
    CREATE INDEX quotes_doc ON quotes(doc);

    CREATE TABLE entities (
        doc INTEGER NOT NULL REFERENCES documents(rowid),
        id TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        kind TEXT NOT NULL, actor TEXT, canonical TEXT, coref TEXT
    );
    CREATE INDEX entities_doc ON entities(doc);

    -- One row per real-world event, merged across mentions and articles.
    CREATE TABLE event_clusters (
        id            INTEGER PRIMARY KEY,
        type          TEXT NOT NULL,
        mode          TEXT NOT NULL,
        cameo         TEXT NOT NULL,
        source_actor  TEXT,
        source_name   TEXT,
        target_actor  TEXT,
        target_name   TEXT,
        place         TEXT,
        country       TEXT,
        precision     TEXT,
        geonameid     INTEGER,
        lat           REAL,
        lon           REAL,
        day           INTEGER,
        date          TEXT,
        modality      TEXT NOT NULL,
        confidence    REAL NOT NULL,
        num_mentions  INTEGER NOT NULL DEFAULT 0,
        num_articles  INTEGER NOT NULL DEFAULT 0,
        num_sources   INTEGER NOT NULL DEFAULT 0,
        first_seen    TEXT,
        last_seen     TEXT
    );
    CREATE INDEX event_clusters_type_day ON event_clusters(type, day);
    CREATE INDEX event_clusters_day ON event_clusters(day);

    -- One row per event mention in one document.
    CREATE TABLE events (
        rowid          INTEGER PRIMARY KEY,
        doc            INTEGER NOT NULL REFERENCES documents(rowid),
        cluster        INTEGER REFERENCES event_clusters(id),
        id             TEXT NOT NULL,
        type           TEXT NOT NULL,
        mode           TEXT NOT NULL,
        cameo          TEXT NOT NULL,
        source_actor   TEXT,
        source_text    TEXT,
        target_actor   TEXT,
        target_text    TEXT,
        place          TEXT,
        country        TEXT,
        lat            REAL,
        lon            REAL,
        date           TEXT,
        day            INTEGER,
        modality       TEXT NOT NULL,
        negated        INTEGER NOT NULL,
        confidence     REAL NOT NULL,
        trigger_text   TEXT NOT NULL,
        trigger_start  INTEGER NOT NULL,
        trigger_end    INTEGER NOT NULL,
        sentence       TEXT
    );
    CREATE INDEX events_doc ON events(doc);
    CREATE INDEX events_cluster ON events(cluster);
    "#,
    // v2: what a cluster row takes from its mentions when clusters are rebuilt
    // (`Store::recluster`): the place's precision and GeoNames id.
    r#"
    ALTER TABLE events ADD COLUMN precision TEXT;
    ALTER TABLE events ADD COLUMN geonameid INTEGER;
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`]. Refuses a database written by a newer build.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}
