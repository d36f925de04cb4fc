//! Event arguments through the whole pipeline (entities, places and the parse feeding the
//! coder), on sentences written for this project.

use tidings::{Document, Event, Tidings};

fn run(text: &str) -> Document {
    let mut d = Document::new("t", text);
    d.date = chrono::NaiveDate::from_ymd_opt(2022, 5, 9);
    Tidings::new().annotate(&mut d);
    d
}

/// `trigger | source text (code) > target text (code)` per event.
fn show(d: &Document) -> Vec<String> {
    let arg = |a: &Option<tidings::Argument>| match a {
        Some(a) => format!("{} ({})", a.text, a.actor_code.as_deref().unwrap_or("-")),
        None => "-".into(),
    };
    d.events
        .iter()
        .map(|e: &Event| {
            format!(
                "{} | {} > {}",
                e.trigger.text,
                arg(&e.source),
                arg(&e.target)
            )
        })
        .collect()
}

/// Each text gives no event at all.
fn no_events(texts: &[&str]) {
    for text in texts {
        let d = run(text);
        assert!(d.events.is_empty(), "{text}: {:?}", show(&d));
    }
}

fn find<'a>(d: &'a Document, trigger: &str) -> &'a Event {
    d.events
        .iter()
        .find(|e| e.trigger.text == trigger)
        .unwrap_or_else(|| panic!("no event on {trigger:?}: {:?}", show(d)))
}

#[test]
fn a_country_before_role_nouns_gives_both_codes() {
    let d = run("Ukrainian troops withdrew from the village on Monday.");
    let e = find(&d, "withdrew");
    let src = e.source.as_ref().expect("a source");
    assert_eq!(src.text, "Ukrainian troops");
    assert_eq!(src.actor_code.as_deref(), Some("UKRMIL"), "{:?}", show(&d));
}

#[test]
fn a_movement_to_a_place_has_no_target() {
    // "to a military base" is where they went; "military" there is no actor.
    let d = run(
        "Rebel fighters withdrew to a military base outside the town and retreated to the hills.",
    );
    for t in ["withdrew", "retreated"] {
        assert!(find(&d, t).target.is_none(), "{:?}", show(&d));
    }
}

#[test]
fn a_quoted_event_takes_no_target_from_the_attribution() {
    let d = run("“Our soldiers laid down their weapons and left the town,” a rebel commander told reporters.");
    let e = find(&d, "laid down their weapons");
    assert!(e.target.is_none(), "{:?}", show(&d));
}

#[test]
fn they_takes_the_plural_actor_before_it() {
    let d = run(
        "The ministry said 500 Canadian soldiers would be deployed to Latvia, but that they would not fight the rebels.",
    );
    // The nominal stops at the verb before it (not "The ministry said 500 Canadian soldiers").
    let deployed = find(&d, "deployed").source.as_ref().expect("a source");
    assert_eq!(deployed.text, "Canadian soldiers");
    let e = find(&d, "fight");
    assert!(e.negated);
    let src = e.source.as_ref().expect("a source");
    assert_eq!(src.text, "they");
    assert_eq!(src.actor_code.as_deref(), Some("CANMIL"), "{:?}", show(&d));
}

#[test]
fn she_takes_the_person_of_the_sentence_before() {
    let d = run("Marta Lindqvist, the defence minister, arrived in Oslo on Monday. She criticised the rebels.");
    let e = find(&d, "criticised");
    let src = e.source.as_ref().expect("a source");
    assert_eq!(src.text, "She");
    let person = d
        .entities
        .iter()
        .find(|x| x.text == "Marta Lindqvist")
        .expect("the person entity");
    assert_eq!(src.entity.as_deref(), Some(person.id.as_str()));
}

#[test]
fn a_trigger_word_modifying_a_noun_is_no_event() {
    let d = run("The mayor met protest leaders in the city hall on Monday.");
    assert!(
        d.events.iter().all(|e| e.kind != "PROTEST"),
        "{:?}",
        show(&d)
    );
    find(&d, "met");
}

#[test]
fn an_armed_group_is_no_place() {
    // GeoNames carries some group names as alternate names of small towns elsewhere.
    let d = run("Hamas fighters fired rockets from Gaza while Taliban commanders met in Doha.");
    let places: Vec<&str> = d.places.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(places, ["Gaza", "Doha"]);
}

#[test]
fn words_of_a_time_expression_are_neither_triggers_nor_actors() {
    // A dateline's month is no "march", and a holiday is no actor.
    let d = run("Riverside Courier. Published Saturday, March 31, 2018 1:19PM\n\nResidents fled after gunmen attacked on New Year's Day.");
    assert!(
        d.events.iter().all(|e| e.kind != "PROTEST"),
        "{:?}",
        show(&d)
    );
    let e = find(&d, "attacked");
    assert!(e.target.is_none(), "{:?}", show(&d));
}

#[test]
fn release_and_withdraw_of_things_are_other_senses() {
    no_events(&[
        "The ministry released a report on water quality on Monday.",
        "The figures released by the statistics office show a fall in exports.",
        "She kept withdrawing money from her late father's account.",
    ]);
    // "en masse" is no object.
    let d =
        run("Local officials said the troops had withdrawn en masse to a base outside the town.");
    find(&d, "withdrawn");
    let d = run("Marta Lindqvist landed on Monday. Police released her after questioning.");
    let e = find(&d, "released");
    let tgt = e.target.as_ref().expect("a target");
    assert_eq!(tgt.text, "her");
    assert!(tgt.entity.is_some(), "{:?}", show(&d));
    let d = run("The rebels released 20 people on Monday.");
    assert_eq!(show(&d), ["released | The rebels (REB) > people (CVL)"]);
}

#[test]
fn her_before_a_noun_is_a_possessive_not_an_actor() {
    let d = run("The Danish foreign minister flew to Ottawa to meet with her Canadian and Mexican counterparts.");
    let targets: Vec<String> = d
        .events
        .iter()
        .filter(|e| e.trigger.text == "meet with")
        .filter_map(|e| e.target.as_ref().map(|t| t.text.clone()))
        .collect();
    assert!(!targets.is_empty(), "{:?}", show(&d));
    assert!(targets.iter().all(|t| t != "her"), "{:?}", show(&d));
}

#[test]
fn blocking_patterns_name_other_senses() {
    no_events(&[
        "Staff writers Ana Ruiz and Tom Berg contributed to this report.",
        "The appeals court could strike the law down next year.",
        "The rebels seized on the chaos to advance.",
    ]);
    // The coded senses stay.
    let d = run("Norland will contribute 3 million dollars to the relief fund.");
    assert_eq!(d.events.len(), 1, "{:?}", show(&d));
}

#[test]
fn a_speech_verb_claims_only_what_it_reports() {
    let modality = |text: &str, trigger: &str| {
        let d = run(text);
        serde_json::to_string(&find(&d, trigger).modality).unwrap()
    };
    // A speech verb in another clause makes no claim of this one.
    assert_eq!(
        modality("The army attacked the border post on Monday, and officials in the capital said talks would resume.", "attacked"),
        "\"asserted\""
    );
    // What it reports, before or after it, is claimed.
    assert_eq!(
        modality(
            "Rebels attacked the convoy near the bridge, the governor said.",
            "attacked"
        ),
        "\"claimed\""
    );
    assert_eq!(
        modality("The governor said rebels attacked the convoy.", "attacked"),
        "\"claimed\""
    );
    assert_eq!(
        modality(
            "Police arrested two protesters after the march, the newspaper reported on Tuesday.",
            "arrested"
        ),
        "\"claimed\""
    );
}

#[test]
fn a_verb_is_not_part_of_an_actor_mention() {
    let d = run("The governor said rebels attacked the convoy.");
    let src = find(&d, "attacked").source.as_ref().expect("a source");
    assert_eq!(src.text, "rebels");
}

#[test]
fn a_named_person_attacking_without_violence_is_criticism() {
    let code = |text: &str, trigger: &str| {
        let d = run(text);
        find(&d, trigger).cameo.clone()
    };
    assert_eq!(
        code(
            "Senator Ana Ruiz attacked her rival's record on taxes during the debate.",
            "attacked"
        ),
        "111"
    );
    assert_eq!(
        code("Ana Ruiz attacked Tom Berg over his remarks.", "attacked"),
        "111"
    );
    // Groups, or any weapon or casualty in the sentence: an armed attack.
    assert_eq!(
        code("Rebels attacked the convoy near the bridge.", "attacked"),
        "190"
    );
    assert_eq!(
        code(
            "Tom Berg attacked two guards with a knife on Monday.",
            "attacked"
        ),
        "190"
    );
}

#[test]
fn a_commercial_offer_is_no_intent_to_cooperate() {
    no_events(&[
        "The visitor centre offers more than 140 permits at each location.",
        "Ana Ruiz offered some pointed advice to Tom Berg on Friday.",
    ]);
    let d = run("The rebels offered a ceasefire on Monday.");
    assert_eq!(find(&d, "offered a ceasefire").cameo, "030");
}

#[test]
fn people_nouns_are_targets_but_never_sources_alone() {
    let d = run("Border police arrested a 46-year-old man near the crossing on Monday.");
    let e = find(&d, "arrested");
    assert_eq!(e.target.as_ref().map(|t| t.text.as_str()), Some("man"));
    let d = run("A young woman was killed near the market on Monday night.");
    let e = find(&d, "killed");
    assert_eq!(e.target.as_ref().map(|t| t.text.as_str()), Some("woman"));
    assert!(e.source.is_none());
    // "a man" alone is no source.
    no_events(&["A man pleaded for a kidney donor on Monday."]);
}
