//! Expectation tests on passages written for this crate.

use super::*;

fn run(text: &str) -> String {
    let mut d = Document::new("t", text);
    Quotes::new().process(&mut d);
    let mut s = String::new();
    for q in &d.quotes {
        s.push_str(&format!(
            "{:?} closed={} [{}] cue={:?} speaker={:?}\n",
            q.kind,
            q.closed,
            q.text,
            q.cue.as_ref().map(|c| c.text.as_str()),
            q.speaker.as_ref().map(|c| c.text.as_str()),
        ));
    }
    s
}

#[test]
fn smoke() {
    println!(
        "{}",
        run("“We will stay,” the mayor said. Officials said that the bridge was closed.")
    );
}
