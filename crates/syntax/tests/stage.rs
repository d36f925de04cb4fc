//! The `syntax` stage with the embedded model, on sentences written for these tests.

use tidings_core::syntax::Upos;
use tidings_core::{Document, Stage};
use tidings_syntax::tokenize::tokenize;
use tidings_syntax::{tree, Syntax};

fn doc(text: &str) -> Document {
    let mut d = Document::new("t", text);
    tokenize(&mut d);
    Syntax::new().process(&mut d);
    d
}

fn find(d: &Document, w: &str) -> usize {
    d.tokens
        .iter()
        .position(|t| &d.text[t.start..t.end] == w)
        .unwrap_or_else(|| panic!("no token {w}"))
}

fn word(d: &Document, i: Option<usize>) -> &str {
    i.map_or("-", |i| &d.text[d.tokens[i].start..d.tokens[i].end])
}

#[test]
fn tags_and_parses_a_simple_clause() {
    let d = doc("The police arrested two men in the city on Monday.");
    let v = find(&d, "arrested");
    assert_eq!(d.tokens[v].upos, Some(Upos::Verb));
    assert_eq!(d.tokens[v].head, None, "verb is the root");
    assert_eq!(d.tokens[v].deprel.map(|r| r.as_str()), Some("root"));
    assert_eq!(word(&d, tree::subject(&d, v)), "police");
    assert_eq!(word(&d, tree::object(&d, v)), "men");
    assert_eq!(d.tokens[find(&d, "men")].lemma.as_deref(), Some("man"));
    assert_eq!(d.tokens[v].lemma.as_deref(), Some("arrest"));
    assert!(!tree::is_passive(&d, v));
}

#[test]
fn finds_passive_agent_and_negation() {
    let d = doc(
        "The bridge was destroyed by rebels last week. The ministry did not confirm the report.",
    );
    let v = find(&d, "destroyed");
    assert!(tree::is_passive(&d, v));
    assert_eq!(word(&d, tree::agent(&d, v)), "rebels");
    assert_eq!(word(&d, tree::subject(&d, v)), "bridge");
    let c = find(&d, "confirm");
    assert_eq!(tree::negations(&d, c).len(), 1);
    assert!(tree::negations(&d, v).is_empty());
    // Heads stay inside their sentence.
    for (i, t) in d.tokens.iter().enumerate() {
        if let Some(h) = t.head {
            assert_eq!(d.tokens[h].sentence, t.sentence, "token {i}");
        }
    }
}

#[test]
fn recognises_people_places_and_organisations() {
    let d = doc("Maria Gonzalez, a spokeswoman for the World Health Organization, said on Tuesday that flooding in northern Italy had killed six people.");
    let tag = |w: &str| d.tokens[find(&d, w)].ner.clone().unwrap_or_default();
    assert_eq!(tag("Maria"), "B-PERSON");
    assert_eq!(tag("Gonzalez"), "L-PERSON");
    assert!(
        tag("Organization").ends_with("-ORG"),
        "{}",
        tag("Organization")
    );
    assert_eq!(tag("Italy"), "U-PLACE");
    assert_eq!(tag("flooding"), "O");
    let said = find(&d, "said");
    assert_eq!(word(&d, tree::subject(&d, said)), "Gonzalez");
    assert!(tree::complement(&d, said).is_some());
}

#[test]
fn lazy_parsing_touches_only_selected_sentences() {
    let mut d = Document::new("t", "Nothing happened here. Troops attacked the town.");
    tokenize(&mut d);
    let syn =
        Syntax::new().only_sentences(|d, i| d.slice(d.sentences[i].span()).contains("attacked"));
    syn.process(&mut d);
    assert!(d.sentence_tokens(0).iter().all(|t| t.upos.is_none()));
    assert!(d.sentence_tokens(1).iter().all(|t| t.upos.is_some()));
    let mut d2 = Document::new("t", "Nothing happened here. Troops attacked the town.");
    tokenize(&mut d2);
    Syntax::new().parse_sentence(&mut d2, 1);
    assert_eq!(d.tokens, d2.tokens);
}

#[test]
fn survives_odd_input() {
    for text in [
        "",
        " ",
        "...",
        "\u{200b}",
        "a",
        "😀 😀 😀",
        "((((((((((",
        "x\n\n\ny",
    ] {
        let d = doc(text);
        for t in &d.tokens {
            if let Some(h) = t.head {
                assert!(h < d.tokens.len());
            }
        }
    }
    // Tokens without sentences, and sentences pointing past the tokens, are ignored.
    let mut d = Document::new("t", "Hello there");
    tokenize(&mut d);
    d.sentences[0].end_token = 99;
    Syntax::new().process(&mut d);
    assert!(d.tokens.iter().all(|t| t.upos.is_none()));
}
