//! Indirect quotes read off the dependency parse: clause shapes the token patterns miss, found
//! once the syntax stage has run (and not before), on sentences written for this test.

use tidings_core::{Document, QuoteKind, Stage};

fn run(text: &str, parse: bool) -> Document {
    let mut d = Document::new("t", text);
    tidings_segment::Segmenter::new().process(&mut d);
    if parse {
        tidings_syntax::Syntax::new().process(&mut d);
    }
    tidings_entities::Entities::new().process(&mut d);
    tidings_quotes::Quotes::new().process(&mut d);
    d
}

#[test]
fn subject_with_a_relative_clause_and_an_infinitive_complement() {
    let text = "The coalition, which represents more than two million farmers, wants to preserve \
                its neutrality.";
    assert!(run(text, false).quotes.is_empty());
    let d = run(text, true);
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.text, "to preserve its neutrality");
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("wants"));
    let sp = q.speaker.as_ref().unwrap();
    assert!(sp.text.starts_with("The coalition"), "{sp:?}");
}

#[test]
fn expletive_subjects_and_quoted_cues_are_not_speakers() {
    // "It seems" has no speaker; a cue inside quoted speech belongs to the quoted words.
    let d = run("It seems that the talks stalled.", true);
    assert!(d
        .quotes
        .iter()
        .all(|q| q.speaker.as_ref().is_none_or(|s| s.text != "It")));
    let d = run(
        "“Our members believe the deal is fair,” the union leader said.",
        true,
    );
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    assert_eq!(d.quotes[0].kind, QuoteKind::Direct);
}

/// (kind, content, cue, speaker) of each quote, for short assertions.
fn rows(d: &Document) -> Vec<(QuoteKind, String, String, String)> {
    d.quotes
        .iter()
        .map(|q| {
            (
                q.kind,
                q.text.clone(),
                q.cue.as_ref().map_or(String::new(), |c| c.text.clone()),
                q.speaker.as_ref().map_or(String::new(), |s| s.text.clone()),
            )
        })
        .collect()
}

#[test]
fn noun_homograph_cue_counts_when_tagged_as_a_verb() {
    // "shows" is left out of the pattern cue list (it is often a noun); the parse tags it.
    let text = "The latest poll shows the governor with a narrow lead.";
    assert!(run(text, false).quotes.is_empty());
    let r = rows(&run(text, true));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].2, "shows");
    assert_eq!(r[0].3, "The latest poll");
    assert!(r[0].1.starts_with("the governor"), "{r:?}");
}

#[test]
fn conjoined_cue_takes_the_subject_of_the_first_verb() {
    let text = "The senator shook her head and said she would vote against the bill.";
    let r = rows(&run(text, true));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].2, "said");
    assert_eq!(r[0].3, "The senator");
    assert!(r[0].1.contains("she would vote against the bill"), "{r:?}");
}

#[test]
fn direct_quote_speaker_from_the_parse() {
    // "grumbled" is no listed cue: the quote's head verb and its subject give the speaker.
    let text = "“The new timetable is a disaster for small towns,” the mayor grumbled.";
    let r = rows(&run(text, true));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, QuoteKind::Direct);
    assert_eq!(
        (r[0].2.as_str(), r[0].3.as_str()),
        ("grumbled", "the mayor")
    );
}

#[test]
fn a_single_name_is_content_enough() {
    let text = "The dairy union endorsed Okonkwo.";
    let r = rows(&run(text, true));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].1, "Okonkwo");
    assert_eq!(r[0].2, "endorsed");
}

#[test]
fn quote_opening_its_paragraph_keeps_a_speaker_of_its_own() {
    // The previous speaker carries over only when the quote's own sentence names none.
    let text = "“We will reopen the bridge in May,” the engineer said.\n\n\
                “The repairs cost too much,” the treasurer sighed.";
    let r = rows(&run(text, true));
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[1].3, "the treasurer");
    assert_eq!(r[1].2, "sighed");
}

#[test]
fn a_pattern_cue_the_tagger_reads_as_a_noun_is_no_cue() {
    // Without the parse, "claims" after a name looks like a cue; the tagger reads it as a noun.
    let text = "Government claims of victory could not be verified.";
    let r = rows(&run(text, false));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].2, "claims");
    assert!(
        run(text, true).quotes.is_empty(),
        "{:?}",
        rows(&run(text, true))
    );
}

#[test]
fn a_bare_lower_case_pattern_speaker_gives_way_to_the_parsed_subject() {
    // The token patterns stop at "after" and take "weeks of silence" as the speaker; the
    // parse knows the subject of "conceded".
    let text =
        "The senator on Friday after weeks of silence finally conceded that the bill had failed.";
    let without = rows(&run(text, false));
    assert_eq!(without.len(), 1, "{without:?}");
    assert_eq!(without[0].3, "weeks of silence");
    let r = rows(&run(text, true));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].2, "conceded");
    assert_eq!(r[0].3, "The senator");
}

#[test]
fn the_subject_of_a_passive_cue_is_no_source() {
    // The patterns alone take "The deal" as the believer; the parse marks the passive.
    let text = "The deal is believed to include a ceasefire.";
    let r = rows(&run(text, true));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(
        (r[0].1.as_str(), r[0].2.as_str()),
        ("to include a ceasefire", "believed")
    );
    assert_eq!(r[0].3, "", "{r:?}");
    let r = rows(&run(
        "Voters were told that the polls would close early.",
        true,
    ));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(
        (r[0].1.as_str(), r[0].2.as_str(), r[0].3.as_str()),
        ("that the polls would close early", "told", ""),
        "{r:?}"
    );
}

#[test]
fn need_and_find_are_no_cues() {
    let d = run(
        "The council needs to find more money for the schools.",
        true,
    );
    assert!(d.quotes.is_empty(), "{:?}", rows(&d));
}
