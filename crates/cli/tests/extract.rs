//! `tidings extract` end to end: formats, bad inputs, exit codes, help.

mod common;

use common::*;

const ARTICLE: &str = " date 2022-04-05 Floods close the river port\n\n\
The river port of Emberton closed on Tuesday after floods, officials said.\n\n\
“We have never seen water this high. Nobody expected it,” said Mayor Ina Vale.\n";

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

#[test]
fn help_on_every_command() {
    for args in [
        &["--help"][..],
        &["extract", "--help"],
        &["schema", "--help"],
        &["help", "extract"],
    ] {
        let out = tidings(args);
        assert!(out.status.success(), "{args:?}");
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(s.contains("Usage: tidings"), "{args:?}: {s}");
    }
    let s = String::from_utf8_lossy(&tidings(&["extract", "--help"]).stdout).to_string();
    for flag in [
        "--format",
        "--date",
        "--tokens",
        "--max-bytes",
        "Exit status",
    ] {
        assert!(s.contains(flag), "extract --help mentions {flag}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        tidings(&["extract", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        tidings(&["extract", "--date", "yesterday"]).status.code(),
        Some(2)
    );
    assert_eq!(tidings(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_dated_article_gives_one_document_with_every_layer() {
    let dir = temp_dir("dated");
    let p = write(&dir, "port.txt", ARTICLE.as_bytes());
    let out = tidings(&["extract", "--format", "jsonl", &p]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = &docs(&out)[0];
    assert_eq!(d["id"], "port");
    assert_eq!(d["date"], "2022-04-05");
    assert_eq!(d["title"], "Floods close the river port");
    let text = d["text"].as_str().unwrap();
    assert_eq!(text, ARTICLE.strip_prefix(" date 2022-04-05 ").unwrap());
    assert_eq!(d["paragraphs"].as_array().unwrap().len(), 3);
    // Headline, the port sentence, and the quote with its attribution (not split inside).
    assert_eq!(d["sentences"].as_array().unwrap().len(), 3);
    let q = &d["quotations"][0];
    assert_eq!(q["closed"], true);
    let chars: Vec<char> = text.chars().collect();
    let start = q["content_start"].as_u64().unwrap() as usize;
    let end = q["content_end"].as_u64().unwrap() as usize;
    let content: String = chars[start..end].iter().collect();
    assert_eq!(
        content,
        "We have never seen water this high. Nobody expected it,"
    );
    assert!(d.get("tokens").is_none(), "tokens only with --tokens");
}

#[test]
fn the_example_article() {
    let path = shared().join("examples/kandahar-2021-08-12.txt");
    let raw = std::fs::read_to_string(&path).expect("the shared example article is present");
    let out = tidings(&["extract", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let d: serde_json::Value = serde_json::from_str(&stdout).expect("exactly one JSON document");
    assert_eq!(d["date"], "2021-08-12");
    let first_line = raw.lines().next().unwrap();
    let headline = first_line
        .trim_start()
        .strip_prefix("date 2021-08-12 ")
        .unwrap();
    assert_eq!(d["title"], headline.trim());
    let text = d["text"].as_str().unwrap();
    assert!(text.starts_with(headline.trim()));
    assert!(!text.contains("date 2021-08-12"));
    assert!(raw.ends_with(text), "the rest of the file verbatim");
    assert!(d["paragraphs"].as_array().unwrap().len() >= 10);
    assert!(d["sentences"].as_array().unwrap().len() >= d["paragraphs"].as_array().unwrap().len());
    for list in [
        "paragraphs",
        "sentences",
        "quotations",
        "entities",
        "places",
        "times",
        "quantities",
        "quotes",
        "events",
    ] {
        assert!(d[list].is_array(), "{list} present");
    }
    assert!(d["focus"].is_object());
    // Sentence offsets are code points into the text.
    let n = text.chars().count() as u64;
    for s in d["sentences"].as_array().unwrap() {
        assert!(s["start"].as_u64().unwrap() < s["end"].as_u64().unwrap());
        assert!(s["end"].as_u64().unwrap() <= n);
    }
}

#[test]
fn plain_text_uses_date_flag_and_needs_one() {
    let dir = temp_dir("plain");
    let p = write(&dir, "plain.txt", b"Rain fell on the town of Emberton.");
    let out = tidings(&["extract", "--format", "jsonl", "--date", "2020-01-31", &p]);
    assert!(out.status.success());
    assert_eq!(docs(&out)[0]["date"], "2020-01-31");
    let out = tidings(&["extract", &p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        errors(&out),
        [format!(
            "error: {p}: no publication date: start the file with ' date YYYY-MM-DD headline' or pass --date YYYY-MM-DD"
        )]
    );
}

/// Each bad input: one clear error naming it, the good document still printed, exit 1.
fn bad_input(name: &str, bytes: &[u8], expect_in_error: &str) {
    let dir = temp_dir(&format!("bad-{name}"));
    let good = write(&dir, "good.txt", ARTICLE.as_bytes());
    let bad = write(&dir, name, bytes);
    let out = tidings(&["extract", "--format", "jsonl", &bad, &good]);
    assert_eq!(out.status.code(), Some(1), "{name}");
    let e = errors(&out);
    assert_eq!(e.len(), 1, "{name}: {e:?}");
    assert!(e[0].starts_with(&format!("error: {bad}")), "{name}: {e:?}");
    assert!(e[0].contains(expect_in_error), "{name}: {e:?}");
    let d = docs(&out);
    assert_eq!(d.len(), 1, "{name}: the good document is printed");
    assert_eq!(d[0]["id"], "good");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    // The 50 MB file must not stay behind.
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn empty_file() {
    bad_input("empty.txt", b"", "empty input");
    bad_input("blank.txt", b"  \n\n\t\n", "empty input");
}

#[test]
fn binary_file() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    bad_input("image.txt", &bytes, "binary file");
}

#[test]
fn invalid_utf8() {
    bad_input(
        "latin1.txt",
        b" date 2020-01-01 Caf\xe9\n\nThe caf\xe9 opened.",
        "not valid UTF-8: bad byte at line 1",
    );
}

#[test]
fn article_without_date() {
    bad_input(
        "undated.txt",
        b"A story with no date line.",
        "no publication date",
    );
}

#[test]
fn fifty_megabyte_file() {
    let line = "The same long sentence repeats to make a very large file indeed.\n";
    let bytes = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    assert!(bytes.len() >= 50 * 1024 * 1024);
    bad_input(
        "huge.txt",
        bytes.as_bytes(),
        "too large: more than 16777216 bytes",
    );
}

#[test]
fn max_bytes_is_configurable() {
    let dir = temp_dir("maxbytes");
    let p = write(&dir, "a.txt", ARTICLE.as_bytes());
    let out = tidings(&["extract", "--max-bytes", "20", &p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(errors(&out)[0].contains("too large: more than 20 bytes"));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const JSONL: &str = concat!(
    "{\"id\":\"a\",\"date\":\"2021-03-04\",\"title\":\"A\",\"text\":\"First story.\"}\n",
    "{\"id\":\"b\",\"date\":\"2021-03-04\",\"text\":\"Second story.\"\n",
    "{\"id\":\"c\",\"date\":null,\"text\":\"Third story, undated.\"}\n",
);

#[test]
fn jsonl_with_one_malformed_line() {
    let dir = temp_dir("jsonl");
    let p = write(&dir, "c.jsonl", JSONL.as_bytes());
    let out = tidings(&["extract", "--format", "jsonl", &p]);
    assert_eq!(out.status.code(), Some(1));
    let e = errors(&out);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(&format!("error: {p}:2: malformed JSON")),
        "{e:?}"
    );
    let d = docs(&out);
    let ids: Vec<_> = d.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert!(d[1]["date"].is_null(), "null date accepted");
}

#[test]
fn gzip_jsonl_and_truncated_gzip() {
    let dir = temp_dir("gzip");
    let good: String = JSONL
        .lines()
        .filter(|l| l.ends_with('}'))
        .map(|l| format!("{l}\n"))
        .collect();
    let p = write(&dir, "ok.jsonl.gz", &gzip(good.as_bytes()));
    let out = tidings(&["extract", "--format", "jsonl", &p]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(docs(&out).len(), 2);

    let mut many = String::new();
    for i in 0..3000 {
        many.push_str(&format!(
            "{{\"id\":\"d{i}\",\"text\":\"Story number {i} is short.\"}}\n"
        ));
    }
    let gz = gzip(many.as_bytes());
    let t = write(&dir, "cut.jsonl.gz", &gz[..gz.len() * 2 / 3]);
    let out = tidings(&["extract", "--format", "jsonl", &t]);
    assert_eq!(out.status.code(), Some(1));
    let e = errors(&out);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with(&format!("error: {t}:")), "{e:?}");
    assert!(e[0].contains("truncated or corrupt gzip"), "{e:?}");
    let n = docs(&out).len();
    assert!(
        n > 100 && n < 3000,
        "documents before the cut are printed ({n})"
    );
}

#[test]
fn directories_and_stdin() {
    let dir = temp_dir("dir");
    write(&dir, "b.txt", ARTICLE.as_bytes());
    write(
        &dir,
        "a.jsonl",
        b"{\"id\":\"j1\",\"text\":\"From JSON Lines.\"}\n",
    );
    write(&dir, "readme.md", b"not an input");
    let out = tidings(&["extract", "--format", "jsonl", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids: Vec<_> = docs(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["j1", "b"]);

    let out = tidings_stdin(&["extract", "--format", "jsonl", "-"], ARTICLE.as_bytes());
    assert!(out.status.success());
    assert_eq!(docs(&out)[0]["date"], "2022-04-05");
    let out = tidings_stdin(&["extract", "--format", "jsonl"], JSONL.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(errors(&out).len(), 1);
    assert!(errors(&out)[0].starts_with("error: -:2: malformed JSON"));
    assert_eq!(docs(&out).len(), 2);
}

#[test]
fn missing_file() {
    let out = tidings(&["extract", "/nonexistent/tidings/x.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(errors(&out)[0].starts_with("error: /nonexistent/tidings/x.txt: cannot read"));
}

#[test]
fn tokens_on_request() {
    let out = tidings_stdin(
        &["extract", "--format", "jsonl", "--tokens"],
        ARTICLE.as_bytes(),
    );
    let d = &docs(&out)[0];
    let toks = d["tokens"].as_array().unwrap();
    assert!(toks.len() > 20);
    assert!(toks.iter().all(|t| t["shape"].is_string()));
}

#[test]
fn without_leaves_a_stage_out() {
    let article = " date 2023-06-07 Ferry service resumes\n\n\
        The ferry to Brindle Island resumed on Tuesday, the harbour master said.\n";
    let all = tidings_stdin(
        &["extract", "--format", "jsonl", "--tokens"],
        article.as_bytes(),
    );
    assert!(all.status.success());
    let d = &docs(&all)[0];
    assert!(d["tokens"][0]["upos"].is_string(), "{}", d["tokens"][0]);
    let out = tidings_stdin(
        &[
            "extract",
            "--format",
            "jsonl",
            "--tokens",
            "--without",
            "syntax",
            "--without",
            "time",
        ],
        article.as_bytes(),
    );
    assert!(out.status.success());
    let d = &docs(&out)[0];
    assert!(d["tokens"][0].get("upos").is_none(), "{}", d["tokens"][0]);
    assert_eq!(d["times"].as_array().map(Vec::len), Some(0));
    // Quotes still come out, from the quote stage's own token patterns.
    assert!(!d["quotes"].as_array().unwrap().is_empty());
    let bad = tidings_stdin(&["extract", "--without", "nonsense"], article.as_bytes());
    assert!(!bad.status.success());
}
