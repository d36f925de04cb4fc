//! Any bytes through every reader format and the segmenter: no panic, every span valid.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run read_and_segment -- -max_total_time=60` (from the
//! repository root; needs `cargo install cargo-fuzz`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings_core::{Document, Stage};
use tidings_read::{read_bytes, ReadOptions};
use tidings_segment::Segmenter;

fn check(d: &Document) {
    let t = &d.text;
    let ok = |a: usize, b: usize| {
        a <= b && b <= t.len() && t.is_char_boundary(a) && t.is_char_boundary(b)
    };
    for p in &d.paragraphs {
        assert!(ok(p.start, p.end));
    }
    for (i, s) in d.sentences.iter().enumerate() {
        assert!(ok(s.start, s.end));
        assert!(d.paragraphs[s.paragraph].contains(&s.span()));
        for tok in d.sentence_tokens(i) {
            assert!(ok(tok.start, tok.end) && s.span().contains(&tok.span()));
        }
    }
    for q in &d.quotations {
        assert!(ok(q.start, q.end) && ok(q.content_start, q.content_end));
    }
    let n = t.chars().count();
    let out = d.clone().into_output();
    for s in &out.sentences {
        assert!(s.start <= s.end && s.end <= n);
    }
}

fuzz_target!(|data: &[u8]| {
    static SEG: std::sync::OnceLock<Segmenter> = std::sync::OnceLock::new();
    let seg = SEG.get_or_init(Segmenter::new);
    let opts = ReadOptions {
        date: None,
        allow_undated: true,
    };
    for name in ["a.txt", "a.jsonl", "-"] {
        for mut d in read_bytes(name, data, &opts).into_iter().flatten() {
            seg.process(&mut d);
            check(&d);
        }
    }
    // And the bytes as text directly, whatever the reader would have said.
    let mut d = Document::new("f", String::from_utf8_lossy(data).into_owned());
    seg.process(&mut d);
    check(&d);
});
