use super::*;

fn run(text: &str) -> Vec<String> {
    let d = Document::new("q", text);
    extract(&d)
        .into_iter()
        .map(|q| format!("{}|{}|{:?}|{:?}", q.text, q.kind, q.value, q.unit))
        .collect()
}

#[test]
fn smoke() {
    assert_eq!(
        run("The army sent 3,000 soldiers."),
        vec!["3,000 soldiers|count|Some(3000.0)|Some(\"soldiers\")"]
    );
}
