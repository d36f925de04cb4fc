//! Expectation tests on sentences written for this project (no shared or article text).
//! Each event renders as `CAMEO TYPE/mode trigger | source > target | modality[ neg]`.

use super::*;
use tidings_core::syntax::Deprel;
use tidings_core::{Sentence, Token, TokenShape};

fn doc(text: &str) -> Document {
    let mut d = Document::new("t", text);
    d.date = chrono::NaiveDate::from_ymd_opt(2020, 3, 4);
    d
}

fn render(d: &Document) -> String {
    d.events
        .iter()
        .map(|e| {
            let arg = |a: &Option<Argument>| a.as_ref().map_or("-".to_string(), |a| a.text.clone());
            format!(
                "{} {}/{} {} | {} > {} | {}{}",
                e.cameo,
                e.kind,
                e.mode,
                e.trigger.text,
                arg(&e.source),
                arg(&e.target),
                serde_json::to_string(&e.modality)
                    .unwrap()
                    .trim_matches('"'),
                if e.negated { " neg" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn code(text: &str) -> String {
    let mut d = doc(text);
    Events::new().process(&mut d);
    render(&d)
}

/// One sentence per PLOVER type, passive voice, possessives, lists of actors, every modality
/// and every form of negation, with the events expected from raw text (no other layer).
const EXPECT: &[(&str, &str)] = &[
    (
        "Norland agreed to cooperate with Sudria on water management.",
        "030 AGREE/ agreed | Norland > Sudria | asserted",
    ),
    (
        "The foreign ministers of Norland and Sudria met in Vienna on Tuesday.",
        "040 CONSULT/ met | ministers of Norland > - | asserted\n040 CONSULT/ met | Sudria > - | asserted",
    ),
    (
        "Norland praised Sudria for its handling of the crisis.",
        "051 SUPPORT/ praised | Norland > Sudria | asserted",
    ),
    (
        "Norland released the captured fishermen after a week.",
        "0841 RETREAT/release released | Norland > - | asserted",
    ),
    (
        "Norland and Sudria restored diplomatic relations last year.",
        "064 COOPERATE/ restored diplomatic relations | Norland > - | asserted\n064 COOPERATE/ restored diplomatic relations | Sudria > - | asserted",
    ),
    (
        "Norland provided humanitarian aid to the flooded villages of Sudria.",
        "070 AID/ provided humanitarian aid | Norland > Sudria | asserted",
    ),
    (
        "Sudrian troops withdrew from the border town of Kessel.",
        "0872 RETREAT/withdraw withdrew | Sudrian troops > Kessel | asserted",
    ),
    (
        "The opposition urged the government to hold early elections.",
        "102 REQUEST/assist urged | opposition > government | asserted",
    ),
    (
        "Norland accused Sudria of shelling its border posts.",
        "112 ACCUSE/disapprove accused | Norland > Sudria | asserted",
    ),
    (
        "Sudria rejected the proposal for talks.",
        "125 REJECT/meet rejected the proposal | Sudria > - | asserted",
    ),
    (
        "Norland threatened to attack Sudria if the blockade continues.",
        "138 THREATEN/violence threatened to attack | Norland > Sudria | asserted",
    ),
    (
        "Thousands of students protested in the capital against the new law.",
        "141 PROTEST/demo protested | Thousands of students > - | asserted",
    ),
    (
        "Norland imposed sanctions on Sudria over the incident.",
        "163 COERCE/restrict imposed sanctions | Norland > Sudria | asserted",
    ),
    (
        "Norland deployed 2,000 soldiers to its southern border.",
        "154 MOBILIZE/troops deployed | Norland > soldiers | asserted",
    ),
    (
        "Police arrested the protest leaders in Kessel.",
        "173 COERCE/arrest arrested | Police > leaders in Kessel | asserted",
    ),
    (
        "Rebels attacked an army base near Kessel, killing 12 soldiers.",
        "190 ASSAULT/ attacked | Rebels > army | asserted\n180 ASSAULT/ killing | Rebels > soldiers | asserted",
    ),
    (
        "Kessel was captured by rebel forces on Monday.",
        "192 COERCE/seize captured | rebel forces > Kessel | asserted",
    ),
    (
        "The Sudrian army's offensive against the rebels stalled.",
        "190 ASSAULT/ offensive | Sudrian army > rebels | asserted",
    ),
    (
        "An airstrike by Norland hit a convoy.",
        "195 ASSAULT/heavy-weapons airstrike | Norland > - | asserted",
    ),
    (
        "Norland will send 500 troops to Kessel next week.",
        "154 MOBILIZE/troops send 500 troops | Norland > Kessel | planned",
    ),
    (
        "Sudria plans to expel the Norland ambassador.",
        "166 SANCTION/expel expel the Norland ambassador | Sudria > - | planned",
    ),
    (
        "The troops are to be deployed to the border.",
        "154 MOBILIZE/troops deployed | troops > - | planned",
    ),
    (
        "Norland could attack Sudria within days.",
        "190 ASSAULT/ attack | Norland > Sudria | hypothetical",
    ),
    (
        "If Sudria refuses, Norland might impose an embargo.",
        "120 REJECT/ refuses | Sudria > - | hypothetical\n163 COERCE/restrict impose an embargo | Norland > - | hypothetical",
    ),
    (
        "Sudria claimed that Norland had shelled the village.",
        "194 ASSAULT/heavy-weapons shelled | Norland > - | claimed",
    ),
    (
        "According to officials, rebels attacked the convoy.",
        "190 ASSAULT/ attacked | rebels > - | claimed",
    ),
    (
        "A military spokesman tweeted that the rebels had seized the town.",
        "192 COERCE/seize seized the town | rebels > - | claimed",
    ),
    (
        "Norland did not attack Sudria.",
        "190 ASSAULT/ attack | Norland > Sudria | asserted neg",
    ),
    (
        "The troops would not be used to fight the rebels.",
        "190 ASSAULT/ fight | troops > rebels | hypothetical neg",
    ),
    (
        "This is not an evacuation, the mayor said.",
        "",
    ),
    (
        "Sudria denied attacking the convoy.",
        "190 ASSAULT/ attacking | Sudria > - | asserted neg",
    ),
    (
        "Norland never sanctioned Sudria.",
        "163 COERCE/restrict sanctioned | Norland > Sudria | asserted neg",
    ),
    (
        "Norland, Sudria and Valmark welcomed the agreement.",
        "043 CONSULT/visit welcomed | Norland > - | asserted\n043 CONSULT/visit welcomed | Sudria > - | asserted\n043 CONSULT/visit welcomed | Valmark > - | asserted",
    ),
    (
        "The soldiers put down their arms and surrendered to the rebels.",
        "0874 RETREAT/disarm put down their arms | soldiers > - | asserted\n0874 RETREAT/disarm surrendered | soldiers > rebels | asserted",
    ),
    (
        "The rebels have taken over the airport.",
        "192 COERCE/seize taken over | rebels > - | asserted",
    ),
    (
        "Sudria received 10 million dollars in aid from Norland.",
        "071 AID/ received 10 million dollars | Norland > Sudria | asserted",
    ),
    (
        "Norland, the Sudria, Valmark and Ostria condemned Kessel.",
        "111 ACCUSE/disapprove condemned | Norland > Kessel | asserted\n111 ACCUSE/disapprove condemned | Sudria > Kessel | asserted\n111 ACCUSE/disapprove condemned | Valmark > Kessel | asserted\n111 ACCUSE/disapprove condemned | Ostria > Kessel | asserted",
    ),
    (
        "In Kessel, the rebels and the army clashed.",
        "190 ASSAULT/ clashed | rebels > - | asserted\n190 ASSAULT/ clashed | army > - | asserted",
    ),
    ("Norland lifted the curfew in Kessel.", "081 CONCEDE/ lifted the curfew | Norland > - | asserted"),
    (
        "Norland began the evacuation of its citizens from Kessel.",
        // The evacuees receive the aid ("citizens" is an actor noun, with its place).
        "073 AID/ evacuation | Norland > citizens from Kessel | asserted",
    ),
];

#[test]
fn expectations_on_raw_text() {
    let stage = Events::new();
    let mut failures = Vec::new();
    for (text, want) in EXPECT {
        let mut d = doc(text);
        stage.process(&mut d);
        let got = render(&d);
        if got != *want {
            failures.push(format!("{text}\n  want: {want:?}\n  got:  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_plover_type_is_exercised() {
    let stage = Events::new();
    let mut kinds = std::collections::HashSet::new();
    for (text, _) in EXPECT {
        let mut d = doc(text);
        stage.process(&mut d);
        kinds.extend(d.events.iter().map(|e| e.kind.clone()));
    }
    for k in [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ] {
        assert!(kinds.contains(k), "no expectation exercises {k}");
    }
}

#[test]
fn fields_evidence_date_size_and_ids() {
    let mut d = doc("Norland deployed 2,000 soldiers to the border on Friday.");
    Events::new().process(&mut d);
    let e = &d.events[0];
    assert_eq!(e.id, "v1");
    assert_eq!(e.trigger.text, "deployed");
    assert_eq!(e.sentence.as_ref().unwrap().text, d.text);
    assert_eq!(e.size, Some(2000.0));
    // No time layer: the past tense dates it to the publication date.
    assert_eq!(e.date.as_deref(), Some("2020-03-04"));
    assert_eq!(e.date_precision.as_deref(), Some("tense"));
    assert!(e.confidence > 0.5 && e.confidence <= 0.95);
}

#[test]
fn quotes_make_claims_and_unclosed_quotes_stop_at_the_paragraph() {
    let mut d = doc("\u{201c}The rebels have seized the airport.\n\nNorland attacked Sudria.");
    Events::new().process(&mut d);
    let r = render(&d);
    assert_eq!(
        r,
        "171 COERCE/seize seized | rebels > - | claimed\n190 ASSAULT/ attacked | Norland > Sudria | asserted"
    );
}

#[test]
fn attaches_place_time_and_casualties_from_other_layers() {
    use tidings_core::{Place, Quantity, Time, TimeType};
    let text = "Rebels attacked Kessel on Friday, killing 12 civilians.";
    let mut d = doc(text);
    let at = |w: &str| text.find(w).unwrap();
    d.places.push(Place {
        id: "p1".into(),
        text: "Kessel".into(),
        start: at("Kessel"),
        end: at("Kessel") + 6,
        name: "Kessel".into(),
        precision: "city".into(),
        ..Default::default()
    });
    d.times.push(Time {
        id: "t1".into(),
        text: "Friday".into(),
        start: at("Friday"),
        end: at("Friday") + 6,
        kind: TimeType::Date,
        value: "2020-02-28".into(),
        ..Default::default()
    });
    d.quantities.push(Quantity {
        id: "n1".into(),
        text: "12 civilians".into(),
        start: at("12"),
        end: at("12") + 12,
        value: Some(12.0),
        unit: Some("civilians".into()),
        casualty: Some("killed".into()),
        ..Default::default()
    });
    Events::new().process(&mut d);
    let e = &d.events[0];
    assert_eq!((e.cameo.as_str(), e.place.as_deref()), ("190", Some("p1")));
    assert_eq!(e.place_precision.as_deref(), Some("clause"));
    assert_eq!(
        (e.time.as_deref(), e.date.as_deref()),
        (Some("t1"), Some("2020-02-28"))
    );
    assert_eq!(e.date_precision.as_deref(), Some("time"));
    assert_eq!(e.fatalities, Some(12.0));
}

/// Builds a parsed sentence by hand: (word, head index or None for the root, relation).
fn parsed(words: &[(&str, Option<usize>, &str)]) -> Document {
    let mut text = String::new();
    let mut tokens = Vec::new();
    for (i, (w, h, rel)) in words.iter().enumerate() {
        if i > 0 && !matches!(*w, "," | ".") {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(w);
        tokens.push(Token {
            start,
            end: text.len(),
            shape: if matches!(*w, "," | ".") {
                TokenShape::Punct
            } else {
                TokenShape::Word
            },
            head: *h,
            deprel: Some(Deprel::parse(rel)),
            ..Default::default()
        });
    }
    let mut d = doc(&text);
    d.sentences.push(Sentence {
        start: 0,
        end: text.len(),
        paragraph: 0,
        first_token: 0,
        end_token: tokens.len(),
    });
    d.tokens = tokens;
    d
}

#[test]
fn dependency_relations_override_word_order() {
    // A fronted object: word order alone would miss the target.
    let mut d = parsed(&[
        ("Sudria", Some(3), "obj"),
        (",", Some(3), "punct"),
        ("Norland", Some(3), "nsubj"),
        ("attacked", None, "root"),
        (".", Some(3), "punct"),
    ]);
    Events::new().process(&mut d);
    assert_eq!(
        render(&d),
        "190 ASSAULT/ attacked | Norland > Sudria | asserted"
    );
    assert!(d.events[0].confidence >= 0.8);
}

#[test]
fn dependency_passive_agent_and_governing_denial() {
    let mut d = parsed(&[
        ("Kessel", Some(2), "nsubj:pass"),
        ("was", Some(2), "aux:pass"),
        ("seized", None, "root"),
        ("by", Some(4), "case"),
        ("rebels", Some(2), "obl:agent"),
        (".", Some(2), "punct"),
    ]);
    Events::new().process(&mut d);
    assert_eq!(
        render(&d),
        "171 COERCE/seize seized | rebels > Kessel | asserted"
    );
    let mut d = parsed(&[
        ("Sudria", Some(1), "nsubj"),
        ("denied", None, "root"),
        ("attacking", Some(1), "xcomp"),
        ("Norland", Some(2), "obj"),
        (".", Some(1), "punct"),
    ]);
    Events::new().process(&mut d);
    assert_eq!(
        render(&d),
        "190 ASSAULT/ attacking | Sudria > Norland | asserted neg"
    );
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        " ",
        "\n\n",
        "“",
        "'s",
        "n't",
        "...",
        "Attack",
        "a\u{0}b attacked c",
        "é’s attacked’",
    ] {
        let _ = code(t);
    }
}

#[test]
fn list_subject_split_by_the_parse_keeps_the_listed_actors() {
    // "Norland, the Sudria and Vellmark condemned Ostria.": the parse makes Norland the subject
    // and the others its conjuncts; the word patterns group only "Sudria and Vellmark" (the
    // determiner after the comma stops them). The parse's conjuncts join the whole list.
    let mut d = parsed(&[
        ("Norland", Some(6), "nsubj"),
        (",", Some(3), "punct"),
        ("the", Some(3), "det"),
        ("Sudria", Some(0), "conj"),
        ("and", Some(5), "cc"),
        ("Vellmark", Some(0), "conj"),
        ("condemned", None, "root"),
        ("Ostria", Some(6), "obj"),
        (".", Some(6), "punct"),
    ]);
    Events::new().process(&mut d);
    let r = render(&d);
    assert!(r.contains("| Sudria > Ostria |"), "{r}");
    assert!(r.contains("| Vellmark > Ostria |"), "{r}");
    assert!(r.contains("| Norland > Ostria |"), "{r}");
    assert_eq!(r.lines().count(), 3, "{r}");
}

/// Marks the given tokens of a hand-parsed sentence as past participles (Penn `VBN`).
fn vbn(mut d: Document, at: &[usize]) -> Document {
    for &i in at {
        d.tokens[i].xpos = Some("VBN".into());
    }
    d
}

#[test]
fn fronted_passive_participle_adjunct_is_background() {
    // "Condemned by Norland, Sudria agreed to the talks.": the participle's agent is no
    // accuser of the main subject in the active sense, and the fronted adjunct is background;
    // only the main clause is coded.
    let mut d = vbn(
        parsed(&[
            ("Condemned", Some(5), "advcl"),
            ("by", Some(2), "case"),
            ("Norland", Some(0), "obl:agent"),
            (",", Some(5), "punct"),
            ("Sudria", Some(5), "nsubj"),
            ("agreed", None, "root"),
            ("to", Some(8), "case"),
            ("the", Some(8), "det"),
            ("talks", Some(5), "obl"),
            (".", Some(5), "punct"),
        ]),
        &[0],
    );
    Events::new().process(&mut d);
    let r = render(&d);
    assert!(!r.contains("Condemned"), "{r}");
    assert!(
        r.contains("036 AGREE/ agreed to the talks | Sudria > - |"),
        "{r}"
    );
}

#[test]
fn trailing_passive_participle_adjunct_and_reduced_relative_are_passive() {
    // "Sudria signed the accord, urged by Norland.": Norland urged Sudria.
    let mut d = vbn(
        parsed(&[
            ("Sudria", Some(1), "nsubj"),
            ("signed", None, "root"),
            ("the", Some(3), "det"),
            ("accord", Some(1), "obj"),
            (",", Some(5), "punct"),
            ("urged", Some(1), "advcl"),
            ("by", Some(7), "case"),
            ("Norland", Some(5), "obl:agent"),
            (".", Some(1), "punct"),
        ]),
        &[5],
    );
    Events::new().process(&mut d);
    let r = render(&d);
    assert!(r.contains("urged | Norland > Sudria |"), "{r}");
    // "Police guarded the villagers attacked by rebels.": the rebels attacked the villagers.
    let mut d = vbn(
        parsed(&[
            ("Police", Some(1), "nsubj"),
            ("guarded", None, "root"),
            ("the", Some(3), "det"),
            ("villagers", Some(1), "obj"),
            ("attacked", Some(3), "acl"),
            ("by", Some(6), "case"),
            ("rebels", Some(4), "obl:agent"),
            (".", Some(1), "punct"),
        ]),
        &[4],
    );
    Events::new().process(&mut d);
    let r = render(&d);
    assert!(r.contains("attacked | rebels > villagers |"), "{r}");
}

#[test]
fn the_nearest_of_two_parsed_subjects_is_the_verbs_own() {
    // "Norland, which lost a town when one of the rebels attacked it." parsed the way the
    // tagger-parser misreads such sentences: "attacked" as the root with both "Norland" and
    // "one" as its subjects. Norland did not attack.
    let mut d = parsed(&[
        ("Norland", Some(11), "nsubj"),
        (",", Some(3), "punct"),
        ("which", Some(3), "nsubj"),
        ("lost", Some(0), "acl:relcl"),
        ("a", Some(5), "det"),
        ("town", Some(3), "obj"),
        ("when", Some(7), "advmod"),
        ("one", Some(11), "nsubj"),
        ("of", Some(10), "case"),
        ("the", Some(10), "det"),
        ("rebels", Some(7), "nmod"),
        ("attacked", None, "root"),
        ("it", Some(11), "obj"),
        (".", Some(11), "punct"),
    ]);
    Events::new().process(&mut d);
    let r = render(&d);
    assert!(!r.contains("Norland >"), "{r}");
}

#[test]
fn a_participle_with_an_object_stays_active() {
    // "Norland condemned Sudria." mistagged and misparsed as a noun with a participle
    // modifier: the object shows the verb is active.
    let mut d = vbn(
        parsed(&[
            ("Norland", None, "root"),
            ("condemned", Some(0), "acl"),
            ("Sudria", Some(1), "obj"),
            (".", Some(0), "punct"),
        ]),
        &[1],
    );
    Events::new().process(&mut d);
    let r = render(&d);
    assert!(r.contains("condemned | Norland > Sudria |"), "{r}");
}

#[test]
fn a_sentence_initial_plural_common_noun_is_no_name() {
    // "Wolves, bears and Norland welcomed the accord.": the tagger reads "Wolves" as a plural
    // common noun; only Norland is an actor.
    let mut d = parsed(&[
        ("Wolves", Some(5), "nsubj"),
        (",", Some(2), "punct"),
        ("bears", Some(0), "conj"),
        ("and", Some(4), "cc"),
        ("Norland", Some(0), "conj"),
        ("welcomed", None, "root"),
        ("the", Some(7), "det"),
        ("accord", Some(5), "obj"),
        (".", Some(5), "punct"),
    ]);
    d.tokens[0].xpos = Some("NNS".into());
    Events::new().process(&mut d);
    let r = render(&d);
    assert!(r.contains("| Norland > - |"), "{r}");
    assert!(!r.contains("Wolves"), "{r}");
}

#[test]
fn a_sentence_initial_verb_form_is_no_name() {
    // "Winning over voters, Norland and Sudria agree." with "Winning" tagged VBG: no actor
    // "Winning over voters" joins the list.
    let mut d = parsed(&[
        ("Winning", None, "root"),
        ("over", Some(2), "case"),
        ("voters", Some(0), "obl"),
        (",", Some(6), "punct"),
        ("Norland", Some(6), "nsubj"),
        ("and", Some(5), "cc"),
        ("Sudria", Some(4), "conj"),
        ("agree", Some(0), "parataxis"),
        (".", Some(0), "punct"),
    ]);
    d.tokens[0].xpos = Some("VBG".into());
    Events::new().process(&mut d);
    let r = render(&d);
    assert!(!r.contains("Winning"), "{r}");
    assert!(r.contains("| Norland > - |"), "{r}");
    assert!(r.contains("| Sudria > - |"), "{r}");
}

#[test]
fn a_reduced_relative_takes_no_actor_from_further_left() {
    // "Norland said the sides agreed to terms." misparsed with "agreed" as a participle
    // modifying "sides": its subject is "sides" (no actor), never Norland.
    let mut d = vbn(
        parsed(&[
            ("Norland", Some(1), "nsubj"),
            ("said", None, "root"),
            ("the", Some(3), "det"),
            ("sides", Some(1), "obj"),
            ("agreed", Some(3), "acl"),
            ("to", Some(6), "case"),
            ("terms", Some(4), "obl"),
            (".", Some(1), "punct"),
        ]),
        &[4],
    );
    Events::new().process(&mut d);
    let r = render(&d);
    assert!(!r.contains("Norland"), "{r}");
}

#[test]
fn a_form_two_lemmas_share_goes_to_the_longer_one_on_every_run() {
    // "not" and "note" both inflect to "noting"; the lemma once depended on hash order, so the
    // same sentence was claimed (speech cue "note") on one run and asserted on the next.
    let lex = Lexicon::new();
    assert_eq!(lex.lemma("noting"), "note");
    let mut d = doc("The mayor criticised the council, noting that the budget was late.");
    Events::new().process(&mut d);
    assert!(render(&d).contains("| claimed"), "{}", render(&d));
}

fn nouns(mut d: Document, at: &[usize]) -> Document {
    for &i in at {
        d.tokens[i].upos = Some(tidings_core::syntax::Upos::Noun);
    }
    d
}

#[test]
fn an_infinitive_describing_a_noun_is_no_event() {
    // "Norland is a pleasant place to visit.": the visit describes the place; nobody visits.
    let mut d = nouns(
        parsed(&[
            ("Norland", Some(4), "nsubj"),
            ("is", Some(4), "cop"),
            ("a", Some(4), "det"),
            ("pleasant", Some(4), "amod"),
            ("place", None, "root"),
            ("to", Some(6), "mark"),
            ("visit", Some(4), "acl"),
            (".", Some(4), "punct"),
        ]),
        &[4],
    );
    Events::new().process(&mut d);
    assert_eq!(render(&d), "");
}

#[test]
fn an_infinitive_completing_an_intention_noun_is_planned_or_negated() {
    // "Norland announced its decision to attack Sudria.": planned; the pronoun possessor is
    // no actor, so the subject of the clause stands in.
    let mut d = nouns(
        parsed(&[
            ("Norland", Some(1), "nsubj"),
            ("announced", None, "root"),
            ("its", Some(3), "nmod:poss"),
            ("decision", Some(1), "obj"),
            ("to", Some(5), "mark"),
            ("attack", Some(3), "acl"),
            ("Sudria", Some(5), "obj"),
            (".", Some(1), "punct"),
        ]),
        &[3],
    );
    Events::new().process(&mut d);
    assert_eq!(
        render(&d),
        "190 ASSAULT/ attack | Norland > Sudria | planned"
    );
    // "Sudria regretted Norland's refusal to meet Kessel.": the meeting is negated.
    let mut d = nouns(
        parsed(&[
            ("Sudria", Some(1), "nsubj"),
            ("regretted", None, "root"),
            ("Norland", Some(4), "nmod:poss"),
            ("'s", Some(2), "case"),
            ("refusal", Some(1), "obj"),
            ("to", Some(6), "mark"),
            ("meet", Some(4), "acl"),
            ("Kessel", Some(6), "obj"),
            (".", Some(1), "punct"),
        ]),
        &[4],
    );
    Events::new().process(&mut d);
    assert_eq!(
        render(&d),
        "040 CONSULT/ meet | Norland > Kessel | asserted neg"
    );
}

/// The second round of codebook verbs: one sentence per class, raw text.
#[test]
fn codebook_verbs_round_two() {
    let cases: &[(&str, &str)] = &[
        (
            "The court found the former governor guilty of fraud.",
            "116 ACCUSE/disapprove found the former governor guilty | court > - | asserted",
        ),
        (
            "Police apprehended two activists outside the parliament.",
            "173 COERCE/arrest apprehended | Police > activists | asserted",
        ),
        (
            "The rebels recaptured the town of Kessel on Sunday.",
            "192 COERCE/seize recaptured | rebels > Kessel | asserted",
        ),
        (
            "The militia drove out the villagers of Ostmark.",
            "201 ASSAULT/cleansing drove out the villagers | militia > Ostmark | asserted",
        ),
        (
            "Norland chided Sudria over the border closure.",
            "111 ACCUSE/disapprove chided | Norland > Sudria | asserted",
        ),
        (
            "Sudria froze aid to Norland after the vote.",
            "162 SANCTION/discontinue froze aid | Sudria > Norland | asserted",
        ),
        (
            "The government censored the opposition newspaper.",
            "1721 COERCE/restrict censored | government > opposition newspaper | asserted",
        ),
        (
            "The police wire tapped the phones of opposition leaders.",
            "170 COERCE/ wire tapped | police > opposition leaders | asserted",
        ),
        (
            "Sudria called for a boycott of Norland.",
            "100 REQUEST/ called for | Sudria > Norland | asserted",
        ),
        (
            "The deportation of the refugees by Sudria drew criticism.",
            "174 COERCE/deport deportation | Sudria > refugees | asserted",
        ),
        (
            "Norland called for a ceasefire in Ostmark.",
            "1056 REQUEST/yield called for a ceasefire | Norland > - | asserted",
        ),
    ];
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = code(text);
            (got != *want).then(|| format!("{text}\n  got:  {got}\n  want: {want}"))
        })
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A document with the given names marked as country entities (code = first three letters).
fn with_countries(text: &str, names: &[&str]) -> Document {
    use tidings_core::{Actor, Entity};
    let mut d = doc(text);
    for (i, n) in names.iter().enumerate() {
        let start = text.find(n).unwrap();
        d.entities.push(Entity {
            id: format!("e{}", i + 1),
            text: n.to_string(),
            start,
            end: start + n.len(),
            kind: EntityKind::Gpe,
            actor: Some(Actor {
                code: n[..3].to_uppercase(),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
    d
}

fn sources(d: &Document) -> Vec<String> {
    d.events
        .iter()
        .map(|e| {
            let a = e.source.as_ref().unwrap();
            format!("{} {}", a.text, a.actor_code.as_deref().unwrap_or("-"))
        })
        .collect()
}

#[test]
fn a_role_noun_over_a_list_of_places_is_one_actor_per_place() {
    let ev = Events::new();
    let mut d = with_countries(
        "Lawmakers in Norland and Sudria welcomed the agreement.",
        &["Norland", "Sudria"],
    );
    ev.process(&mut d);
    assert_eq!(sources(&d), ["Lawmakers NORLEG", "Lawmakers SUDLEG"]);
    // A listed role shares the places after the list.
    let mut d = with_countries(
        "Lawmakers and officials in Norland and Sudria welcomed the agreement.",
        &["Norland", "Sudria"],
    );
    ev.process(&mut d);
    assert_eq!(
        sources(&d),
        [
            "Lawmakers NORLEG",
            "Lawmakers SUDLEG",
            "officials NORGOV",
            "officials SUDGOV"
        ]
    );
    // One place alone: a single actor.
    let mut d = with_countries("Troops from Norland attacked the town.", &["Norland"]);
    ev.process(&mut d);
    assert_eq!(d.events.len(), 1, "{}", render(&d));
}

#[test]
fn an_event_noun_subject_of_a_modal_clause_is_hypothetical() {
    // "A blockade of Sudria would harm Norland.": nobody blockades anyone yet.
    let mut d = parsed(&[
        ("A", Some(1), "det"),
        ("blockade", Some(5), "nsubj"),
        ("of", Some(3), "case"),
        ("Sudria", Some(1), "nmod"),
        ("would", Some(5), "aux"),
        ("harm", None, "root"),
        ("Norland", Some(5), "obj"),
        (".", Some(5), "punct"),
    ]);
    Events::new().process(&mut d);
    assert_eq!(
        render(&d),
        "191 COERCE/restrict blockade | - > Sudria | hypothetical"
    );
    // The same noun as the subject of a plain past verb stays asserted.
    let mut d = parsed(&[
        ("A", Some(1), "det"),
        ("blockade", Some(4), "nsubj"),
        ("of", Some(3), "case"),
        ("Sudria", Some(1), "nmod"),
        ("harmed", None, "root"),
        ("Norland", Some(4), "obj"),
        (".", Some(4), "punct"),
    ]);
    Events::new().process(&mut d);
    assert_eq!(
        render(&d),
        "191 COERCE/restrict blockade | - > Sudria | asserted"
    );
}

#[test]
fn a_speech_lemma_tagged_as_a_noun_makes_no_claim() {
    // "Norland attacked Kessel, the state capital.": "state" is a noun here, not "to state".
    let mut d = nouns(
        parsed(&[
            ("Norland", Some(1), "nsubj"),
            ("attacked", None, "root"),
            ("Kessel", Some(1), "obj"),
            (",", Some(6), "punct"),
            ("the", Some(6), "det"),
            ("state", Some(6), "compound"),
            ("capital", Some(2), "appos"),
            (".", Some(1), "punct"),
        ]),
        &[5, 6],
    );
    Events::new().process(&mut d);
    assert_eq!(
        render(&d),
        "190 ASSAULT/ attacked | Norland > Kessel | asserted"
    );
}

#[test]
fn a_day_that_does_not_exist_is_no_event_date() {
    use tidings_core::{Time, TimeType};
    for (value, date, precision) in [
        ("2020-02-31", "2020-03-04", "tense"),
        ("2020-02-27", "2020-02-27", "time"),
    ] {
        let text = "Rebels attacked Kessel on February 31.";
        let mut d = doc(text);
        let at = text.find("February").unwrap();
        d.times.push(Time {
            id: "t1".into(),
            text: "February 31".into(),
            start: at,
            end: at + "February 31".len(),
            kind: TimeType::Date,
            value: value.into(),
            ..Default::default()
        });
        Events::new().process(&mut d);
        let e = &d.events[0];
        assert_eq!(e.date.as_deref(), Some(date), "{value}");
        assert_eq!(e.date_precision.as_deref(), Some(precision), "{value}");
    }
}

#[test]
fn one_actor_is_not_both_source_and_target() {
    // "At Kessel Norland met.": the name run holds both the parsed subject and the "at"
    // phrase the parse hangs on the verb.
    let mut d = parsed(&[
        ("At", Some(1), "case"),
        ("Kessel", Some(3), "obl"),
        ("Norland", Some(3), "nsubj"),
        ("met", None, "root"),
        (".", Some(3), "punct"),
    ]);
    Events::new().process(&mut d);
    assert_eq!(
        render(&d),
        "040 CONSULT/ met | Kessel Norland > - | asserted"
    );
}
