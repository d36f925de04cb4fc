//! Expectation tests on passages written for this crate.

use super::*;

fn run(text: &str) -> String {
    let mut d = Document::new("t", text);
    Entities::new().process(&mut d);
    let mut s = String::new();
    for e in &d.entities {
        s.push_str(&format!(
            "{} {:?} [{}] actor={:?} role={:?} aff={:?} canon={:?} nominal={}\n",
            e.id,
            e.kind,
            e.text,
            e.actor.as_ref().map(|a| a.code.as_str()),
            e.role.as_ref().map(|r| r.text.as_str()),
            e.affiliation.as_ref().map(|r| r.text.as_str()),
            e.canonical,
            e.nominal
        ));
    }
    s
}

#[test]
fn smoke() {
    println!("{}", run("French Foreign Ministry spokeswoman Claire Dubois told reporters the talks failed. Dubois said more."));
}
