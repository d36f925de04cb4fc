//! `tidings serve`: the HTTP API and the web page over a store (feature `server`).

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use tidings::Tidings;
use tidings_server::{AppState, Config, SqliteStore, Store};

pub fn run(db: &Path, addr: SocketAddr, body_limit: usize, timeout_s: u64) -> ExitCode {
    // The SQLite event store that `tidings ingest --db` writes (created if missing).
    let store: Arc<dyn Store> = match SqliteStore::open(db) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let config = Config {
        body_limit,
        timeout: std::time::Duration::from_secs(timeout_s.max(1)),
        ..Config::default()
    };
    let state = AppState::new(Arc::new(Tidings::new()), Some(store), &config);
    let app = tidings_server::router(state, &config);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match rt.block_on(tidings_server::serve(addr, app)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot serve on {addr}: {e}");
            ExitCode::from(1)
        }
    }
}
