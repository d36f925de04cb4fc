//! The shared example article: all six direct quotes with the right speakers, the two whose
//! closing mark is missing included, none running into the following paragraph. The article is
//! read from the shared folder at test time (never copied into the repository).

use std::path::PathBuf;

use tidings_core::{Document, QuoteKind, Stage};

fn shared() -> PathBuf {
    std::env::var_os("TIDINGS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

#[test]
fn example_article_direct_quotes() {
    let path = shared().join("examples/kandahar-2021-08-12.txt");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        panic!("example article missing at {}", path.display());
    };
    // The dated-article format: the first line holds the date, the rest is the text.
    let text = raw.split_once(' ').map_or(raw.as_str(), |x| x.1);
    let text = text.split_once(' ').map_or(text, |x| x.1);
    let mut d = Document::new("kandahar", text);
    tidings_entities::Entities::new().process(&mut d);
    tidings_quotes::Quotes::new().process(&mut d);
    let direct: Vec<_> = d
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .collect();
    let got: Vec<(String, String, bool)> = direct
        .iter()
        .map(|q| {
            let sp = q.speaker.as_ref();
            let who = sp
                .and_then(|s| s.name.clone())
                .or_else(|| sp.map(|s| s.text.clone()));
            (
                q.text.chars().take(24).collect(),
                who.unwrap_or_default(),
                q.closed,
            )
        })
        .collect();
    let want = [
        ("“Kandahar has been entir", "A Taliban spokesman", false),
        ("“In view of the deterior", "Ned Price", true),
        ("“This isn’t a case of ab", "Ned Price", false),
        ("“help the transfer of fo", "Ben Wallace", true),
        (
            "“We had to flee the city",
            "a top security source in the city",
            true,
        ),
        ("“Soldiers put down their", "a Taliban spokesman", true),
    ];
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1.as_str(), g.2), w);
    }
    // No direct quote runs into the next paragraph.
    for q in &direct {
        assert!(!q.text.contains("\n\n"), "{}", q.text);
    }
}
