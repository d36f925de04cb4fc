//! `tidings events`: queries the event store and exports clusters.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;
use tidings::Modality;
use tidings_store::{export, EventQuery, Store};

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per event, evidence included.
    Jsonl,
    /// GDELT 2.0 event columns where they map (see the tidings-store docs).
    Csv,
    /// A FeatureCollection of Points (events with coordinates).
    Geojson,
    /// Apache Parquet, one row per event.
    Parquet,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ModalityArg {
    Asserted,
    Claimed,
    Planned,
    Hypothetical,
}

#[derive(clap::Args)]
pub struct EventsArgs {
    /// The SQLite database written by `tidings ingest`.
    #[arg(long)]
    pub db: PathBuf,
    /// PLOVER event type (ASSAULT, PROTEST, ...).
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Actor code or prefix, source or target (AFG matches AFGGOV).
    #[arg(long)]
    pub actor: Option<String>,
    /// ISO 3166 alpha-2 country of the event's place.
    #[arg(long)]
    pub country: Option<String>,
    /// Bounding box MIN_LON,MIN_LAT,MAX_LON,MAX_LAT.
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    /// Earliest event date (inclusive).
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Latest event date (inclusive).
    #[arg(long)]
    pub to: Option<NaiveDate>,
    #[arg(long, value_enum)]
    pub modality: Option<ModalityArg>,
    #[arg(long)]
    pub min_confidence: Option<f32>,
    /// At most this many events (default: all).
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
    /// Output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

fn parse_bbox(s: &str) -> Result<[f64; 4], String> {
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>().map_err(|e| format!("{x:?}: {e}")))
        .collect::<Result<_, _>>()?;
    match v[..] {
        [a, b, c, d] if a <= c && b <= d => Ok([a, b, c, d]),
        [_, _, _, _] => Err("expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT with min <= max".into()),
        _ => Err("expected four numbers: MIN_LON,MIN_LAT,MAX_LON,MAX_LAT".into()),
    }
}

pub fn run(args: EventsArgs) -> ExitCode {
    match events(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn events(args: EventsArgs) -> anyhow::Result<()> {
    if !args.db.exists() {
        anyhow::bail!("{}: no such database", args.db.display());
    }
    let store = Store::open_readonly(&args.db)?;
    let q = EventQuery {
        kind: args.kind,
        actor: args.actor,
        country: args.country,
        bbox: args.bbox,
        date_from: args.from,
        date_to: args.to,
        modality: args.modality.map(|m| match m {
            ModalityArg::Asserted => Modality::Asserted,
            ModalityArg::Claimed => Modality::Claimed,
            ModalityArg::Planned => Modality::Planned,
            ModalityArg::Hypothetical => Modality::Hypothetical,
        }),
        min_confidence: args.min_confidence,
        offset: args.offset,
        ..Default::default()
    };
    let clusters = match args.limit {
        Some(n) => {
            let mut out = Vec::new();
            let mut q = q;
            while out.len() < n {
                q.limit = (n - out.len()).min(tidings_store::MAX_LIMIT);
                let page = store.events(&q)?;
                let got = page.items.len();
                out.extend(page.items);
                if got < q.limit {
                    break;
                }
                q.offset += got;
            }
            out
        }
        None => store.all_events(&q)?,
    };
    let mut buf: Vec<u8> = Vec::new();
    match args.format {
        ExportFormat::Jsonl => export::write_jsonl(&clusters, &mut buf)?,
        ExportFormat::Csv => export::write_csv(&clusters, &mut buf)?,
        ExportFormat::Geojson => export::write_geojson(&clusters, &mut buf)?,
        #[cfg(feature = "parquet")]
        ExportFormat::Parquet => export::write_parquet(&clusters, &mut buf)?,
        #[cfg(not(feature = "parquet"))]
        ExportFormat::Parquet => {
            anyhow::bail!("this build has no Parquet support (cargo feature `parquet`)")
        }
    }
    match &args.output {
        Some(p) => std::fs::write(p, &buf)?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)?;
            out.flush()?;
        }
    }
    eprintln!("{} events", clusters.len());
    Ok(())
}
