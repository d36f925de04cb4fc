//! Unit tests on sentences written for this project.

use super::*;

fn code(text: &str) -> Vec<Event> {
    let mut d = Document::new("t", text);
    d.date = chrono::NaiveDate::from_ymd_opt(2020, 3, 4);
    Events::new().process(&mut d);
    d.events
}

#[test]
fn smoke() {
    let ev = code("Rebels attacked the army base.");
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].kind, "ASSAULT");
}
