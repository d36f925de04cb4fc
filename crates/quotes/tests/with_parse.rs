//! Indirect quotes read off the dependency parse: clause shapes the token patterns miss, found
//! once the syntax stage has run (and not before), on sentences written for this test.

use tidings_core::{Document, QuoteKind, Stage};

fn run(text: &str, parse: bool) -> Document {
    let mut d = Document::new("t", text);
    tidings_segment::Segmenter::new().process(&mut d);
    if parse {
        tidings_syntax::Syntax::new().process(&mut d);
    }
    tidings_entities::Entities::new().process(&mut d);
    tidings_quotes::Quotes::new().process(&mut d);
    d
}

#[test]
fn subject_with_a_relative_clause_and_an_infinitive_complement() {
    let text = "The coalition, which represents more than two million farmers, wants to preserve \
                its neutrality.";
    assert!(run(text, false).quotes.is_empty());
    let d = run(text, true);
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.text, "to preserve its neutrality");
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("wants"));
    let sp = q.speaker.as_ref().unwrap();
    assert!(sp.text.starts_with("The coalition"), "{sp:?}");
}

#[test]
fn expletive_subjects_and_quoted_cues_are_not_speakers() {
    // "It seems" has no speaker; a cue inside quoted speech belongs to the quoted words.
    let d = run("It seems that the talks stalled.", true);
    assert!(d
        .quotes
        .iter()
        .all(|q| q.speaker.as_ref().is_none_or(|s| s.text != "It")));
    let d = run(
        "“Our members believe the deal is fair,” the union leader said.",
        true,
    );
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    assert_eq!(d.quotes[0].kind, QuoteKind::Direct);
}
