//! The targets on the shared example article, through the whole pipeline. The article is
//! read from `../shared` at test time (never copied); the test is skipped where it is absent.

use std::path::PathBuf;

use tidings::{Document, Event, Modality, Tidings};

fn article() -> Option<Document> {
    let shared = std::env::var_os("TIDINGS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let text = std::fs::read_to_string(shared.join("examples/kandahar-2021-08-12.txt")).ok()?;
    // The dated-article format: first line " date YYYY-MM-DD headline".
    let mut d = Document::new("kandahar", text.clone());
    d.date = chrono::NaiveDate::from_ymd_opt(2021, 8, 12);
    Some(d)
}

/// The GeoNames id of the place an event is located at.
fn place_id(d: &Document, e: &Event) -> Option<u64> {
    let id = e.place.as_ref()?;
    d.places.iter().find(|p| &p.id == id)?.geonameid
}

#[test]
fn example_article_targets() {
    let Some(mut d) = article() else {
        eprintln!("shared example article not found; skipped");
        return;
    };
    Tidings::new().annotate(&mut d);
    let ev = &d.events;
    let arg =
        |a: &Option<tidings::Argument>| a.as_ref().map(|a| a.text.clone()).unwrap_or_default();
    // The Taliban's capture of Kandahar, claimed.
    let capture = ev.iter().find(|e| {
        e.cameo == "192" && e.modality == Modality::Claimed && arg(&e.target).contains("Kandahar")
    });
    assert!(capture.is_some(), "no claimed capture of Kandahar");
    // 3,000 US troops to Kabul: planned mobilisation.
    let us = ev
        .iter()
        .find(|e| e.kind == "MOBILIZE" && e.size == Some(3000.0))
        .expect("no 3,000-troop deployment");
    assert_eq!(us.modality, Modality::Planned);
    assert!(!us.negated);
    // The UK sending 600 troops: planned.
    let uk = ev
        .iter()
        .find(|e| e.kind == "MOBILIZE" && e.size == Some(600.0))
        .expect("no 600-troop deployment");
    assert_eq!(
        (uk.modality, arg(&uk.source).as_str()),
        (Modality::Planned, "UK")
    );
    // Government forces withdrawing from Herat on 2021-08-12.
    let herat = ev
        .iter()
        .find(|e| e.kind == "RETREAT" && arg(&e.target) == "Herat")
        .expect("no withdrawal from Herat");
    assert_eq!(herat.date.as_deref(), Some("2021-08-12"));
    assert!(!herat.negated);
    // The battle with the Taliban is negated, never an asserted fact.
    assert!(!ev.iter().any(|e| {
        e.kind == "ASSAULT"
            && arg(&e.target) == "Taliban"
            && !e.negated
            && e.modality == Modality::Asserted
    }));
    // Nothing from the byline (the text's last sentence).
    let byline = d
        .text
        .trim_end()
        .rfind('.')
        .and_then(|p| d.text[..p].rfind('.'))
        .unwrap_or(0);
    assert!(ev.iter().all(|e| e.trigger.start < byline));
    // Places, once the places stage fills them.
    if !d.places.is_empty() {
        // GeoNames: Kandahar 1138336, Kabul 1138958, Herat 1140026 (the cities).
        assert_eq!(place_id(&d, capture.unwrap()), Some(1138336));
        assert_eq!(place_id(&d, us), Some(1138958));
        assert_eq!(place_id(&d, herat), Some(1140026));
    }
}
