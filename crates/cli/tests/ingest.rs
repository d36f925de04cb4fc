//! End-to-end tests of `tidings ingest` / `tidings events` with the real binary.
#![cfg(feature = "store")]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tidings_store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_tidings");

/// A deterministic word generator, so every test article is distinct text.
struct Words(u64);
impl Words {
    const VOCAB: &'static [&'static str] = &[
        "council",
        "river",
        "harbour",
        "minister",
        "farmers",
        "rain",
        "bridge",
        "school",
        "market",
        "police",
        "strike",
        "election",
        "budget",
        "storm",
        "village",
        "court",
        "hospital",
        "road",
        "port",
        "factory",
        "union",
        "mayor",
        "border",
        "festival",
        "drought",
        "train",
        "museum",
        "voters",
        "protest",
        "talks",
        "ferry",
        "coast",
        "valley",
        "north",
        "south",
        "Monday",
        "Friday",
        "announced",
        "closed",
        "opened",
        "rejected",
        "approved",
        "delayed",
        "warned",
    ];
    fn next(&mut self) -> &'static str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        Self::VOCAB[(self.0 >> 33) as usize % Self::VOCAB.len()]
    }
    fn sentence(&mut self, n: usize) -> String {
        let mut s: Vec<&str> = (0..n).map(|_| self.next()).collect();
        s.push("today.");
        s.join(" ")
    }
}

fn write_corpus(dir: &Path, files: usize, per_file: usize) -> usize {
    // Some articles report events, several of them the same ones, so that clusters form.
    const EVENTS: &[&str] = &[
        "Police arrested dozens of protesters in Nairobi on Monday, officials said.",
        "Rebels attacked an army base near Goma on Tuesday, killing four soldiers.",
        "Thousands of teachers marched through Lagos on Wednesday to demand higher pay.",
        "Soldiers clashed with gunmen outside Mosul on Monday, the army said.",
    ];
    let mut w = Words(7);
    for f in 0..files {
        let mut out = std::fs::File::create(dir.join(format!("part{f:03}.jsonl"))).unwrap();
        for i in 0..per_file {
            let mut text = format!("{} {}", w.sentence(30), w.sentence(30));
            if i % 3 == 0 {
                text = format!("{} {text}", EVENTS[(f + i) % EVENTS.len()]);
            }
            let line =
                serde_json::json!({"id": format!("a{f}-{i}"), "date": "2024-06-01", "text": text});
            writeln!(out, "{line}").unwrap();
        }
    }
    files * per_file
}

fn count(db: &Path, sql: &str) -> i64 {
    let s = Store::open_readonly(db).unwrap();
    s.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn sigkill_mid_ingest_then_rerun_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let total = write_corpus(&corpus, 10, 150);
    let db = dir.path().join("events.db");

    let mut child = Command::new(BIN)
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some documents are committed, then kill -9.
    let deadline = Instant::now() + Duration::from_secs(300);
    let seen = loop {
        assert!(Instant::now() < deadline, "ingest never committed anything");
        std::thread::sleep(Duration::from_millis(20));
        if !db.exists() {
            continue;
        }
        let n = Store::open_readonly(&db)
            .and_then(|s| s.stats())
            .map(|s| s.documents)
            .unwrap_or(0);
        if n >= 100 {
            break n;
        }
    };
    assert!(
        child.try_wait().unwrap().is_none(),
        "the ingest finished before it could be killed; the test needs a bigger corpus"
    );
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let s = Store::open(&db).unwrap();
    s.integrity_check().unwrap();
    let after_kill = s.stats().unwrap().documents;
    drop(s);
    assert!(
        after_kill >= seen && (after_kill as usize) < total,
        "{after_kill}"
    );
    // Nothing half-written: every stored document has all its LSH bands.
    assert_eq!(
        count(&db, "SELECT count(*) FROM doc_bands"),
        after_kill as i64 * tidings_store::identity::BANDS as i64
    );

    let out = Command::new(BIN)
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("{} already stored", after_kill)),
        "{stderr}"
    );
    let s = Store::open_readonly(&db).unwrap();
    s.integrity_check().unwrap();
    assert_eq!(s.stats().unwrap().documents as usize, total);
    assert_eq!(
        count(&db, "SELECT count(DISTINCT doc_id) FROM documents"),
        total as i64
    );
    assert_eq!(
        count(&db, "SELECT count(DISTINCT hash) FROM documents"),
        total as i64
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM doc_bands"),
        total as i64 * tidings_store::identity::BANDS as i64
    );
    drop(s);

    // The events after a crash and a rerun are those of one clean run: clusters are rebuilt in
    // the canonical order, whatever order the documents were committed in.
    let clean = dir.path().join("clean.db");
    let out = Command::new(BIN)
        .args(["ingest", "--quiet", "--db"])
        .arg(&clean)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success());
    let events = |db: &std::path::Path| -> Vec<String> {
        let store = Store::open_readonly(db).unwrap();
        let mut st = store
            .connection()
            .prepare(
                "SELECT group_concat(m, ' ') FROM (SELECT e.cluster AS c, d.doc_id || '/' || e.id AS m
                 FROM events e JOIN documents d ON d.rowid = e.doc WHERE e.cluster IS NOT NULL
                 ORDER BY m) GROUP BY c",
            )
            .unwrap();
        let mut v: Vec<String> = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        v.sort();
        v
    };
    let after_crash = events(&db);
    assert!(!after_crash.is_empty());
    assert_eq!(after_crash, events(&clean));
}

fn warc_record(kind: &str, uri: &str, ctype: &str, block: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-04-02T10:00:00Z\r\n\
         WARC-Record-ID: <urn:x:{uri}>\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("batch");
    std::fs::create_dir(&input).unwrap();
    let mut w = Words(11);
    // Good JSON Lines.
    let mut good = String::new();
    for i in 0..3 {
        good += &serde_json::json!({"id": format!("good-{i}"), "date": "2024-06-02", "text": w.sentence(40)}).to_string();
        good.push('\n');
    }
    std::fs::write(input.join("good.jsonl"), good).unwrap();
    // A truncated gzip of 100 lines.
    let mut lines = String::new();
    for i in 0..100 {
        lines += &serde_json::json!({"id": format!("gz-{i}"), "date": "2024-06-02", "text": w.sentence(40)}).to_string();
        lines.push('\n');
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(lines.as_bytes()).unwrap();
    let gz = enc.finish().unwrap();
    std::fs::write(input.join("cut.jsonl.gz"), &gz[..gz.len() / 2]).unwrap();
    // Invalid feed XML.
    std::fs::write(
        input.join("bad.rss"),
        "<rss><channel><item><title>half</title></chan",
    )
    .unwrap();
    // A WARC with a broken record between two good ones.
    let mut page = |t: &str| {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>{t}</title></head><body><p>{}</p><p>{}</p></body></html>",
            w.sentence(40),
            w.sentence(40)
        )
    };
    let mut warc = warc_record(
        "response",
        "http://x.example/1",
        "application/http; msgtype=response",
        &page("One"),
    );
    warc += "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n\r\nshort\r\n\r\n";
    warc += &warc_record(
        "response",
        "http://x.example/3",
        "application/http; msgtype=response",
        &page("Three"),
    );
    std::fs::write(input.join("crawl.warc"), warc).unwrap();
    // A good feed.
    std::fs::write(
        input.join("ok.atom"),
        format!(
            r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id><updated>2024-06-02T00:00:00Z</updated>
            <entry><id>urn:e1</id><title>E</title><updated>2024-06-02T09:00:00Z</updated><content type="html">&lt;p&gt;{}&lt;/p&gt;</content></entry></feed>"#,
            w.sentence(30)
        ),
    )
    .unwrap();

    let db = dir.path().join("b.db");
    let out = Command::new(BIN)
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cut.jsonl.gz: truncated or corrupt gzip"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.rss: not a valid RSS/Atom feed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("crawl.warc#record2: record cut short"),
        "{stderr}"
    );
    assert!(stderr.contains("3 errors"), "{stderr}");

    let s = Store::open_readonly(&db).unwrap();
    for id in [
        "good-0",
        "good-1",
        "good-2",
        "http://x.example/1",
        "http://x.example/3",
        "urn:e1",
        "gz-0",
    ] {
        assert!(s.document(id).unwrap().is_some(), "{id} missing");
    }
    let gz_kept = count(
        &db,
        "SELECT count(*) FROM documents WHERE doc_id LIKE 'gz-%'",
    );
    assert!(gz_kept > 0 && gz_kept < 100, "{gz_kept}");
    assert_eq!(s.stats().unwrap().documents as i64, 6 + gz_kept);
}

#[test]
fn events_command_exports_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).unwrap();
    write_corpus(&corpus, 1, 5);
    let db = dir.path().join("e.db");
    let st = Command::new(BIN)
        .args(["ingest", "-q", "--db"])
        .arg(&db)
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(st.success());
    for (fmt, check) in [
        ("csv", "GlobalEventID,Day,"),
        ("geojson", "{\"features\":"),
        ("jsonl", ""),
    ] {
        let out = Command::new(BIN)
            .args(["events", "--db"])
            .arg(&db)
            .args([
                "--format",
                fmt,
                "--type",
                "PROTEST",
                "--bbox",
                "-10,-5,10,5",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).starts_with(check),
            "{fmt}"
        );
    }
    if cfg!(not(feature = "parquet")) {
        return;
    }
    let pq = dir.path().join("e.parquet");
    let out = Command::new(BIN)
        .args(["events", "--db"])
        .arg(&db)
        .args(["--format", "parquet", "-o"])
        .arg(&pq)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(&std::fs::read(&pq).unwrap()[..4], b"PAR1");
    let missing = Command::new(BIN)
        .args(["events", "--db"])
        .arg(dir.path().join("nope.db"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
