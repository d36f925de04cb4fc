use super::*;

/// Tags `text` published on `date` and renders each time as `text|TYPE|value[|mod][|max]`.
fn run(date: &str, text: &str) -> Vec<String> {
    let mut d = Document::new("t", text);
    d.date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    tag(&d)
        .into_iter()
        .map(|t| {
            let mut s = format!("{}|{:?}|{}", t.text, t.kind, t.value);
            if let Some(m) = t.modifier {
                s.push('|');
                s.push_str(&m);
            }
            if let Some(m) = t.value_max {
                s.push_str("|max=");
                s.push_str(&m);
            }
            s
        })
        .collect()
}

#[test]
fn smoke() {
    let r = run(
        "2021-08-12",
        "Rebels seized the town on Friday after an eight-day siege.",
    );
    assert_eq!(r, vec!["Friday|Date|2021-08-06", "eight-day|Duration|P8D"]);
}
