use std::io::Write;

use super::*;

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn dated() -> ReadOptions {
    ReadOptions {
        date: NaiveDate::from_ymd_opt(2020, 3, 4),
        ..Default::default()
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn errors(rs: &[ReadResult]) -> Vec<String> {
    rs.iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
        .collect()
}

#[test]
fn dated_article_drops_the_marker_and_keeps_the_headline() {
    let src = " date 2019-05-06 Rain floods the valley\n\nThe river rose overnight.\n";
    let rs = read_bytes("dir/flood.txt", src.as_bytes(), &opts());
    let d = rs[0].as_ref().unwrap();
    assert_eq!(d.id, "flood");
    assert_eq!(d.date, NaiveDate::from_ymd_opt(2019, 5, 6));
    assert_eq!(d.title.as_deref(), Some("Rain floods the valley"));
    assert_eq!(
        d.text,
        "Rain floods the valley\n\nThe river rose overnight.\n"
    );
    assert_eq!(d.source.as_deref(), Some("dir/flood.txt"));
}

#[test]
fn dated_article_without_headline() {
    let rs = read_bytes("a.txt", b"date 2019-05-06\n\nBody here.", &opts());
    let d = rs[0].as_ref().unwrap();
    assert_eq!(d.text, "Body here.");
    assert_eq!(d.title, None);
}

#[test]
fn impossible_date_is_an_error_on_line_one() {
    let rs = read_bytes("a.txt", b" date 2019-13-40 Headline\n\nBody.", &opts());
    assert_eq!(
        errors(&rs),
        ["a.txt:1: bad date \"2019-13-40\" in the date line: expected a real date YYYY-MM-DD"]
    );
}

#[test]
fn plain_text_needs_a_date() {
    let rs = read_bytes("a.txt", b"Just some text.", &opts());
    assert!(errors(&rs)[0].contains("no publication date"), "{rs:?}");
    let rs = read_bytes("a.txt", b"Just some text.", &dated());
    let d = rs[0].as_ref().unwrap();
    assert_eq!(d.text, "Just some text.");
    assert_eq!(d.date, NaiveDate::from_ymd_opt(2020, 3, 4));
    assert_eq!(d.title, None);
}

#[test]
fn bad_inputs_get_clear_errors() {
    let e = errors(&read_bytes("e.txt", b"  \n\n ", &dated()));
    assert_eq!(e, ["e.txt: empty input: no text to process"]);
    let e = errors(&read_bytes("b.txt", b"ab\0cd", &dated()));
    assert_eq!(
        e,
        ["b.txt: binary file, not text (NUL byte at byte offset 2)"]
    );
    let e = errors(&read_bytes("u.txt", b"ok\nbad \xff here", &dated()));
    assert_eq!(
        e,
        ["u.txt: not valid UTF-8: bad byte at line 2, byte offset 7 (convert the file to UTF-8)"]
    );
    let ctrl: Vec<u8> = (0..200u8)
        .map(|i| if i % 3 == 0 { 1 } else { b'a' })
        .collect();
    let e = errors(&read_bytes("c.txt", &ctrl, &dated()));
    assert!(e[0].starts_with("c.txt: binary file, not text ("), "{e:?}");
}

#[test]
fn documents_over_the_limit_are_refused_without_reading_them_whole() {
    let small = ReadOptions {
        max_bytes: 10,
        ..dated()
    };
    let e = errors(&read_bytes("big.txt", &[b'a'; 11], &small));
    assert!(
        e[0].starts_with("big.txt: too large: more than 10 bytes"),
        "{e:?}"
    );
    assert!(read_bytes("ok.txt", &[b'a'; 10], &small)[0].is_ok());
    let jsonl = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"ok\"}}\n", "x".repeat(50));
    let small = ReadOptions {
        max_bytes: 20,
        ..dated()
    };
    let rs = read_bytes("c.jsonl", jsonl.as_bytes(), &small);
    assert_eq!(rs.len(), 2);
    assert!(errors(&rs)[0].starts_with("c.jsonl:1: too large"));
    assert_eq!(rs[1].as_ref().unwrap().text, "ok");
}

#[test]
fn jsonl_reads_good_lines_and_reports_bad_ones() {
    let src = concat!(
        "{\"id\":\"a\",\"date\":\"2021-01-02\",\"title\":\"T\",\"text\":\"First.\"}\n",
        "{\"id\":\"b\",\"date\":null,\"text\":\"Undated.\"}\n",
        "\n",
        "{\"id\": \"c\", \"text\": \n",
        "[1, 2]\n",
        "{\"id\":7,\"text\":\"Numbered id.\"}\r\n",
        "{\"date\":\"02/01/2021\",\"text\":\"x\"}\n",
        "{\"text\":\"\"}\n",
        "{\"title\":\"no text\"}\n",
        "{\"text\":\"No id.\"}",
    );
    let rs = read_bytes("corpus/news.jsonl", src.as_bytes(), &opts());
    let ok: Vec<_> = rs.iter().filter_map(|r| r.as_ref().ok()).collect();
    let ids: Vec<_> = ok.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "7", "news:10"]);
    assert_eq!(ok[0].date, NaiveDate::from_ymd_opt(2021, 1, 2));
    assert_eq!(ok[0].title.as_deref(), Some("T"));
    assert_eq!(ok[1].date, None);
    assert_eq!(ok[0].source.as_deref(), Some("corpus/news.jsonl:1"));
    let e = errors(&rs);
    assert_eq!(e.len(), 5, "{e:#?}");
    assert!(
        e[0].starts_with("corpus/news.jsonl:4: malformed JSON: EOF"),
        "{e:?}"
    );
    assert!(
        e[1].starts_with("corpus/news.jsonl:5: not an article object"),
        "{e:?}"
    );
    assert_eq!(
        e[2],
        "corpus/news.jsonl:7: bad date \"02/01/2021\": expected YYYY-MM-DD or null"
    );
    assert_eq!(
        e[3],
        "corpus/news.jsonl:8: empty \"text\": nothing to process"
    );
    assert_eq!(e[4], "corpus/news.jsonl:9: no \"text\" field");
}

#[test]
fn jsonl_null_date_falls_back_to_the_given_date() {
    let rs = read_bytes("x.ndjson", b"{\"text\":\"a\",\"date\":null}", &dated());
    assert_eq!(
        rs[0].as_ref().unwrap().date,
        NaiveDate::from_ymd_opt(2020, 3, 4)
    );
}

#[test]
fn gzip_is_detected_by_magic_bytes() {
    let src = b"{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n";
    let gz = gzip(src);
    for name in ["c.jsonl.gz", "c.jsonl", "-"] {
        let rs = read_bytes(name, &gz, &opts());
        let ids: Vec<_> = rs.iter().map(|r| r.as_ref().unwrap().id.clone()).collect();
        assert_eq!(ids, ["a", "b"], "{name}");
    }
    // A gzipped article.
    let rs = read_bytes("a.txt.gz", &gzip(b" date 2020-01-01 H\n\nB."), &opts());
    assert_eq!(rs[0].as_ref().unwrap().text, "H\n\nB.");
}

#[test]
fn truncated_gzip_keeps_the_good_lines_and_reports_the_break() {
    let mut src = String::new();
    for i in 0..2000 {
        src.push_str(&format!(
            "{{\"id\":\"d{i}\",\"text\":\"Document {i} text.\"}}\n"
        ));
    }
    let gz = gzip(src.as_bytes());
    let cut = &gz[..gz.len() / 2];
    let rs = read_bytes("t.jsonl.gz", cut, &opts());
    let e = errors(&rs);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("truncated or corrupt gzip data"), "{e:?}");
    assert!(rs.len() > 100, "good documents before the break are kept");
    assert!(rs[..rs.len() - 1].iter().all(|r| r.is_ok()));
}

#[test]
fn stdin_style_sniffing() {
    let rs = read_bytes("-", b"  {\"text\":\"J.\"}", &opts());
    assert_eq!(rs[0].as_ref().unwrap().text, "J.");
    let rs = read_bytes("-", b" date 2020-01-01 H\n\nB.", &opts());
    assert_eq!(rs[0].as_ref().unwrap().id, "stdin");
}

#[test]
fn binary_jsonl_is_one_error() {
    let mut b = b"\x00\x01garbage\n".repeat(50);
    b.insert(0, b'x');
    let e = errors(&read_bytes("bin.jsonl", &b, &opts()));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("bin.jsonl: binary file"));
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let dir = std::env::temp_dir().join(format!("tidings-read-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.txt"), " date 2020-01-01 B\n\nb.").unwrap();
    std::fs::write(dir.join("a.txt"), " date 2020-01-01 A\n\na.").unwrap();
    std::fs::write(dir.join("notes.md"), "ignored").unwrap();
    std::fs::write(dir.join(".hidden.txt"), "ignored").unwrap();
    std::fs::write(
        dir.join("sub/c.jsonl.gz"),
        gzip(b"{\"id\":\"c1\",\"text\":\"c.\"}"),
    )
    .unwrap();
    std::fs::write(dir.join("sub/a.txt"), " date 2020-01-01 SA\n\nsa.").unwrap();
    let rs = read_path(dir.to_str().unwrap(), &opts());
    let ids: Vec<_> = rs.iter().map(|r| r.as_ref().unwrap().id.clone()).collect();
    assert_eq!(ids, ["a", "b", "sub/a", "c1"]);
    std::fs::remove_dir_all(&dir).unwrap();
    let e = errors(&read_path(dir.to_str().unwrap(), &opts()));
    assert!(e[0].contains("cannot read"), "{e:?}");
}

proptest::proptest! {
    #[test]
    fn any_bytes_give_documents_or_errors(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400),
                                          name in "(a\\.txt|a\\.jsonl|-|a\\.jsonl\\.gz)") {
        for r in read_bytes(&name, &bytes, &dated()) {
            match r {
                Ok(d) => proptest::prop_assert!(!d.text.trim().is_empty()),
                Err(e) => proptest::prop_assert!(!e.problem.is_empty()),
            }
        }
        let gz = gzip(&bytes);
        let _ = read_bytes(&name, &gz[..gz.len() / 2], &dated());
    }

    #[test]
    fn any_text_article_keeps_the_body(body in "\\PC{1,200}", headline in "[A-Za-z ]{0,30}") {
        let src = format!(" date 2021-02-03 {headline}\n\n{body}");
        for r in read_bytes("p.txt", src.as_bytes(), &opts()) {
            if let Ok(d) = r {
                proptest::prop_assert!(src.ends_with(&d.text));
                proptest::prop_assert!(!d.text.contains(" date 2021-02-03"));
            }
        }
    }
}
