//! Expectation tests on sentences written for this project, and property tests.

use std::fmt::Write;

use expect_test::{expect, Expect};
use tidings_core::Document;

use super::*;

/// A readable dump: one line per sentence (tokens joined by `|`), then one per quotation.
fn dump(text: &str) -> String {
    let mut d = Document::new("t", text);
    Segmenter::new().segment(&mut d);
    let mut s = String::new();
    for (i, sent) in d.sentences.iter().enumerate() {
        let toks: Vec<&str> = d
            .sentence_tokens(i)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        writeln!(s, "s{i} p{}: {}", sent.paragraph, toks.join("|")).unwrap();
    }
    for q in &d.quotations {
        writeln!(
            s,
            "quote depth{} {}{}: {}",
            q.depth,
            if q.closed { "closed" } else { "UNCLOSED" },
            if q.continues { " continues" } else { "" },
            &text[q.content_start..q.content_end]
        )
        .unwrap();
    }
    s
}

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&dump(text));
}

#[test]
fn abbreviations_and_initials_do_not_end_sentences() {
    check(
        "Gen. Ada Moss met U.S. envoys on Aug. 3 in Room No. 12. J. R. R. Pell wrote it. \
         Troops left the U.S. The base closed at 4 p.m. on Monday.",
        expect![[r#"
            s0 p0: Gen.|Ada|Moss|met|U.S.|envoys|on|Aug.|3|in|Room|No.|12|.
            s1 p0: J.|R.|R.|Pell|wrote|it|.
            s2 p0: Troops|left|the|U.S.
            s3 p0: The|base|closed|at|4|p.m.|on|Monday|.
        "#]],
    );
}

#[test]
fn ud_ewt_tokens() {
    check(
        "It isn't over, we're told: the rebels' eight-day push won't stop. \
         Some 3,000 troops (1.2% of them) can't leave; see https://example.org/a_b?x=1. \
         Mail press@example.com or call @newsdesk. Sales rose 12% to $4.5bn in the ’90s.",
        expect![[r#"
            s0 p0: It|is|n't|over|,|we|'re|told|:|the|rebels|'|eight|-|day|push|wo|n't|stop|.
            s1 p0: Some|3,000|troops|(|1.2|%|of|them|)|ca|n't|leave|;|see|https://example.org/a_b?x=1|.
            s2 p0: Mail|press@example.com|or|call|@newsdesk|.
            s3 p0: Sales|rose|12|%|to|$|4.5bn|in|the|’90s|.
        "#]],
    );
}

#[test]
fn quotations_pair_across_styles_and_nest() {
    check(
        "“We will not leave,” the mayor said. \"Nobody says 'surrender' here,\" she added, \
         calling the square ‘the heart of the city’ now. The fans of rock ’n’ roll weren’t there.",
        expect![[r#"
            s0 p0: “|We|will|not|leave|,|”|the|mayor|said|.
            s1 p0: "|Nobody|says|'|surrender|'|here|,|"|she|added|,|calling|the|square|‘|the|heart|of|the|city|’|now|.
            s2 p0: The|fans|of|rock|’n’|roll|were|n’t|there|.
            quote depth0 closed: We will not leave,
            quote depth0 closed: Nobody says 'surrender' here,
            quote depth1 closed: surrender
            quote depth0 closed: the heart of the city
        "#]],
    );
}

#[test]
fn no_sentence_break_inside_a_closed_quotation() {
    check(
        "\"The road is open. The bridge is not,\" a driver said. Then it rained.",
        expect![[r#"
            s0 p0: "|The|road|is|open|.|The|bridge|is|not|,|"|a|driver|said|.
            s1 p0: Then|it|rained|.
            quote depth0 closed: The road is open. The bridge is not,
        "#]],
    );
}

#[test]
fn unclosed_quote_stops_at_its_paragraph() {
    check(
        "The minister spoke. “The town has fallen. Our troops are gone.\n\n\
         A resident said the market was empty.",
        expect![[r#"
            s0 p0: The|minister|spoke|.
            s1 p0: “|The|town|has|fallen|.
            s2 p0: Our|troops|are|gone|.
            s3 p1: A|resident|said|the|market|was|empty|.
            quote depth0 UNCLOSED: The town has fallen. Our troops are gone.
        "#]],
    );
}

#[test]
fn unclosed_quote_stops_before_a_new_opening_mark() {
    check(
        "“First part, he said. “Second part,” she replied.",
        expect![[r#"
            s0 p0: “|First|part|,|he|said|.
            s1 p0: “|Second|part|,|”|she|replied|.
            quote depth0 UNCLOSED: First part, he said.
            quote depth0 closed: Second part,
        "#]],
    );
}

#[test]
fn multi_paragraph_quote_continues() {
    check(
        "“We are staying until the end of the month.\n\n\
         “After that, the embassy closes,” the envoy said.",
        expect![[r#"
            s0 p0: “|We|are|staying|until|the|end|of|the|month|.
            s1 p1: “|After|that|,|the|embassy|closes|,|”|the|envoy|said|.
            quote depth0 UNCLOSED continues: We are staying until the end of the month.
            quote depth0 closed: After that, the embassy closes,
        "#]],
    );
}

#[test]
fn apostrophes_are_not_quotation_marks() {
    check(
        "The soldiers’ families met at Heroes’ Square in the ’90s. 'Em and 'tis aside, \
         O'Neill's team isn’t done.",
        expect![[r#"
            s0 p0: The|soldiers|’|families|met|at|Heroes|’|Square|in|the|’90s|.
            s1 p0: 'Em|and|'tis|aside|,|O'Neill|'s|team|is|n’t|done|.
        "#]],
    );
}

#[test]
fn lines_without_blank_lines_are_paragraphs() {
    check(
        "Headline without a period\nFirst paragraph here.\nSecond one.",
        expect![[r#"
            s0 p0: Headline|without|a|period
            s1 p1: First|paragraph|here|.
            s2 p2: Second|one|.
        "#]],
    );
}

#[test]
fn token_fields_are_filled() {
    let text = "Hi, U.S. 3,000!";
    let mut d = Document::new("t", text);
    Segmenter::new().segment(&mut d);
    let got: Vec<_> = d
        .tokens
        .iter()
        .map(|t| {
            format!(
                "{}:{:?}:{}:{}",
                &text[t.start..t.end],
                t.shape,
                t.sentence,
                t.space_after
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "Hi:Word:0:false",
            ",:Punct:0:true",
            "U.S.:Word:0:true",
            "3,000:Number:0:false",
            "!:Punct:0:false"
        ]
    );
    assert_eq!(
        (d.sentences[0].first_token, d.sentences[0].end_token),
        (0, 5)
    );
}

fn check_invariants(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
    use proptest::prop_assert;
    let mut d = Document::new("p", text);
    Segmenter::new().process(&mut d);
    let ok = |a: usize, b: usize| {
        a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
    };
    let mut last = 0;
    for p in &d.paragraphs {
        prop_assert!(ok(p.start, p.end) && p.start < p.end && p.start >= last);
        last = p.end;
    }
    let mut next_token = 0;
    for (i, s) in d.sentences.iter().enumerate() {
        prop_assert!(ok(s.start, s.end) && s.start < s.end);
        prop_assert!(d.paragraphs[s.paragraph].contains(&s.span()));
        prop_assert!(s.first_token == next_token && s.first_token < s.end_token);
        next_token = s.end_token;
        for t in d.sentence_tokens(i) {
            prop_assert!(ok(t.start, t.end) && t.start < t.end);
            prop_assert!(s.span().contains(&t.span()) && t.sentence == i);
        }
    }
    prop_assert!(next_token == d.tokens.len());
    for w in d.tokens.windows(2) {
        prop_assert!(w[0].end <= w[1].start);
    }
    for q in &d.quotations {
        prop_assert!(ok(q.start, q.end) && ok(q.content_start, q.content_end));
        prop_assert!(
            q.start < q.content_start && q.content_start <= q.content_end && q.content_end <= q.end
        );
        prop_assert!(d
            .paragraphs
            .iter()
            .any(|p| p.contains(&Span::new(q.start, q.end))));
    }
    // Every non-whitespace character is in some token.
    let covered: usize = d
        .tokens
        .iter()
        .map(|t| text[t.start..t.end].chars().count())
        .sum();
    prop_assert!(covered == text.chars().filter(|c| !c.is_whitespace()).count());
    // Output offsets are code points within the text.
    let n = text.chars().count();
    let out = d.into_output();
    for s in &out.sentences {
        prop_assert!(s.start <= s.end && s.end <= n);
    }
    for t in &out.tokens {
        prop_assert!(t.start < t.end && t.end <= n);
    }
    Ok(())
}

use tidings_core::Span;

proptest::proptest! {
    #[test]
    fn any_string_segments_within_bounds(text in "\\PC{0,300}") {
        check_invariants(&text)?;
    }

    #[test]
    fn quote_heavy_strings_segment_within_bounds(
        text in "([\"'“”‘’«» .!?\\n]|[A-Za-z]{1,6}|U\\.S\\.|Gen\\.|n't|'s|\\n\\n|[0-9]{1,4}[,.][0-9]{3}){0,60}"
    ) {
        check_invariants(&text)?;
    }
}
