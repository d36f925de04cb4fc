//! The committed JSON Schema equals the generated one, and real output validates against it.

mod common;

use common::*;

fn committed() -> String {
    std::fs::read_to_string(root().join("schema/document.schema.json"))
        .expect("schema/document.schema.json is committed")
}

#[test]
fn committed_schema_is_current() {
    let out = tidings(&["schema"]);
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    assert!(
        generated == committed(),
        "schema/document.schema.json is stale: run `cargo run -- schema > schema/document.schema.json`"
    );
}

#[test]
fn real_output_validates() {
    let schema: serde_json::Value = serde_json::from_str(&committed()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let article = " date 2023-06-07 Bridge reopens in Emberton\n\n\
        The bridge reopened on Wednesday, the council said. “It took 14 months,” an engineer said.\n\n\
        Traffic was light.\n";
    for extra in [&[][..], &["--tokens"]] {
        let mut args = vec!["extract", "--format", "jsonl"];
        args.extend_from_slice(extra);
        let out = tidings_stdin(&args, article.as_bytes());
        assert!(out.status.success());
        for d in docs(&out) {
            let errs: Vec<String> = validator.iter_errors(&d).map(|e| e.to_string()).collect();
            assert!(errs.is_empty(), "{errs:#?}");
        }
    }
    // And a document that does not fit is rejected (the check can fail).
    let bad = serde_json::json!({"id": 3, "text": "x"});
    assert!(!validator.is_valid(&bad));
}
