//! The syntax stage on the segmenter's tokens (the order the pipeline runs them in).

use tidings_core::{Document, Stage};
use tidings_segment::Segmenter;
use tidings_syntax::{tree, Syntax};

#[test]
fn parses_segmenter_tokens() {
    let mut d = Document::new(
        "t",
        "Protesters didn't leave the square on Friday.\n\nThe mayor was criticised by residents.",
    );
    Segmenter::new().process(&mut d);
    Syntax::new().process(&mut d);
    assert!(d
        .tokens
        .iter()
        .all(|t| t.upos.is_some() && t.deprel.is_some()));
    let find = |w: &str| {
        d.tokens
            .iter()
            .position(|t| &d.text[t.start..t.end] == w)
            .unwrap()
    };
    let leave = find("leave");
    assert_eq!(
        tree::subject(&d, leave).map(|i| &d.text[d.tokens[i].start..d.tokens[i].end]),
        Some("Protesters")
    );
    assert_eq!(tree::negations(&d, leave).len(), 1);
    let crit = find("criticised");
    assert!(tree::is_passive(&d, crit));
    assert_eq!(
        tree::agent(&d, crit).map(|i| &d.text[d.tokens[i].start..d.tokens[i].end]),
        Some("residents")
    );
    for t in &d.tokens {
        if let Some(h) = t.head {
            assert_eq!(d.tokens[h].sentence, t.sentence);
        }
    }
}
