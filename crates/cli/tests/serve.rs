//! `tidings ingest --db events.db corpus/` then `tidings serve --db events.db` serves the ingested
//! corpus (real binary, real pipeline, loopback HTTP).
#![cfg(all(feature = "store", feature = "server"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_tidings");

/// Stops the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `GET path` on `addr`, answered as JSON (HTTP/1.1, `Connection: close`).
fn get_json(addr: &str, path: &str) -> serde_json::Value {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP answer");
    assert!(head.starts_with("HTTP/1.1 200"), "{path}: {head}\n{body}");
    // axum answers JSON with a content-length (no chunked encoding).
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

#[test]
fn serve_answers_from_the_database_that_ingest_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let articles = [
        (
            "a.txt",
            " date 2023-03-01 Clashes near Kandahar\n\nTaliban fighters attacked a police checkpoint in Kandahar on Monday, killing three officers, the governor said.",
        ),
        (
            "b.txt",
            " date 2023-03-02 Protest in Lima\n\nThousands of teachers protested in Lima on Tuesday against the new pay law.",
        ),
    ];
    for (name, text) in articles {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let db = dir.path().join("events.db");
    let st = Command::new(BIN)
        .args(["ingest", "-q", "--db"])
        .arg(&db)
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(st.success());
    let (docs, clusters) = {
        let s = tidings_store::Store::open_readonly(&db).unwrap();
        let st = s.stats().unwrap();
        (st.documents, st.clusters)
    };
    assert_eq!(docs, 2);
    assert!(clusters > 0, "the pipeline found no events");

    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    // "tidings: listening on http://127.0.0.1:PORT"
    let mut addr = None;
    let mut lines = BufReader::new(stderr).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(a) = line.split("listening on http://").nth(1) {
            addr = Some(a.trim().to_string());
            break;
        }
    }
    // Keep reading its stderr, so that the server never writes into a closed pipe.
    std::thread::spawn(move || lines.for_each(drop));
    let addr = addr.expect("the server prints its address");

    let health = get_json(&addr, "/v1/health");
    assert_eq!(health["store"], true);
    assert_eq!(health["documents"], 2);
    assert_eq!(health["events"], clusters);
    let page = get_json(&addr, "/v1/documents");
    assert_eq!(page["total"], 2);
    // Newest first.
    assert_eq!(page["items"][0]["title"], "Protest in Lima");
    assert_eq!(page["items"][1]["title"], "Clashes near Kandahar");
    let id = page["items"][0]["id"].as_str().unwrap().to_string();
    let doc = get_json(&addr, &format!("/v1/documents/{id}"));
    assert!(doc["text"].as_str().unwrap().contains("teachers protested"));
    let events = get_json(&addr, "/v1/events");
    assert_eq!(events["total"], clusters);
    for e in events["items"].as_array().unwrap() {
        let d = e["document"].as_str().unwrap();
        assert!(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["id"] == d),
            "{e}"
        );
    }
    drop(server);
}
