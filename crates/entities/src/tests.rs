//! Expectation tests on passages written for this crate: one line per entity.

use super::*;
use tidings_core::Place;

fn dump(d: &Document) -> String {
    let mut s = String::new();
    for e in &d.entities {
        s.push_str(&format!("{:?} [{}]", e.kind, e.text));
        if let Some(a) = &e.actor {
            s.push_str(&format!(" actor={}", a.code));
        }
        if let Some(r) = &e.role {
            s.push_str(&format!(" role={}", r.text));
        }
        if let Some(a) = &e.affiliation {
            s.push_str(&format!(" aff={}", a.text));
        }
        if let Some(c) = &e.canonical {
            s.push_str(&format!(" -> {c}"));
        }
        if e.nominal {
            s.push_str(" nominal");
        }
        s.push('\n');
    }
    s
}

fn run(text: &str) -> String {
    let mut d = Document::new("t", text);
    Entities::new().process(&mut d);
    dump(&d)
}

#[test]
fn person_with_title_affiliation_and_surname_coreference() {
    assert_eq!(
        run("French Foreign Ministry spokeswoman Claire Dubois spoke. Later Dubois left."),
        "Org [French Foreign Ministry] actor=FRAGOV\n\
         Person [Claire Dubois] actor=FRAGOV role=spokeswoman aff=French Foreign Ministry\n\
         Person [Dubois] actor=FRAGOV -> Claire Dubois\n"
    );
}

#[test]
fn appositive_title_gives_role_and_country() {
    assert_eq!(
        run("Tom Harris, the Canadian Defence Minister, arrived on Sunday."),
        "Person [Tom Harris] actor=CANMIL role=Defence Minister aff=Canadian\n\
         Norp [Canadian] actor=CAN -> Canada\n"
    );
}

#[test]
fn known_organisations_and_groups_carry_actor_codes() {
    assert_eq!(
        run("The Pentagon sent ships. The Taliban denied it, and NATO met in Brussels."),
        "Org [Pentagon] actor=USAMIL\n\
         Group [Taliban] actor=AFGINS\n\
         Org [NATO] actor=IGO\n\
         Gpe [Brussels]\n"
    );
}

#[test]
fn nominal_mentions_that_act_and_their_coreference() {
    let text = "A Taliban spokesman said the town fell. The insurgents entered it. The spokesman later added more.";
    assert_eq!(
        run(text),
        "Person [A Taliban spokesman] actor=AFGINS aff=Taliban nominal\n\
         Group [Taliban] actor=AFGINS\n\
         Group [The insurgents] actor=AFGINS -> Taliban nominal\n\
         Person [The spokesman] actor=AFGINS -> A Taliban spokesman nominal\n"
    );
}

#[test]
fn government_forces_take_the_article_country() {
    let text = "Fighting spread across Mali. Government forces withdrew from two towns.";
    assert_eq!(
        run(text),
        "Gpe [Mali] actor=MLI -> Mali\n\
         Org [Government forces] actor=MLIMIL nominal\n"
    );
}

#[test]
fn places_layer_wins_over_given_names() {
    let text = "Florence Hill welcomed the visitors.";
    let mut d = Document::new("t", text);
    d.places.push(Place {
        id: "p1".into(),
        text: "Florence Hill".into(),
        start: 0,
        end: 13,
        precision: "city".into(),
        ..Default::default()
    });
    Entities::new().process(&mut d);
    assert_eq!(dump(&d), "Gpe [Florence Hill]\n");
    // Without the places layer, the given name makes it a person.
    assert_eq!(run(text), "Person [Florence Hill]\n");
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        ".",
        "A",
        "É.",
        "Mr.",
        "the the the",
        "U.S. The",
        "’s ’s",
        "A. B. C.",
    ] {
        let mut d = Document::new("t", t);
        Entities::new().process(&mut d);
        for e in &d.entities {
            assert!(e.start <= e.end && e.end <= t.len());
        }
    }
}

#[test]
fn surname_of_a_named_person_beats_the_places_layer() {
    // "Lima" is a place on its own; after "Rosa Lima" it is her surname.
    let text = "Rosa Lima spoke first. Lima said the plan was late.";
    let mut d = Document::new("t", text);
    let at = text.rfind("Lima").unwrap();
    d.places.push(Place {
        id: "p1".into(),
        text: "Lima".into(),
        start: at,
        end: at + 4,
        precision: "city".into(),
        ..Default::default()
    });
    Entities::new().process(&mut d);
    assert_eq!(dump(&d), "Person [Rosa Lima]\nPerson [Lima] -> Rosa Lima\n");
}

#[test]
fn function_words_and_caption_labels_end_a_name() {
    // A list item run on into the next sentence without a full stop, and a caption label.
    assert_eq!(
        run("The winner was Mara Quill In the northern district turnout was low."),
        "Person [Mara Quill]\n"
    );
    let r = run("The boat was seen by Ana Ruiz Image: Teo Varga.");
    assert!(r.contains("[Ana Ruiz]") && !r.contains("Image"), "{r}");
}

#[test]
fn countries_with_a_match_score_are_teams() {
    let text = "Norway beat Chile 2 – 1 on Sunday.\n\nGroup B — Norway 2 – 1 Chile\n\n\
                Chile had more of the ball, but Norway scored twice.";
    let out = run(text);
    assert!(!out.contains("Gpe"), "{out}");
    assert_eq!(out.matches("Org [Norway]").count(), 3, "{out}");
    assert_eq!(out.matches("Org [Chile]").count(), 3, "{out}");
    // A score-like figure next to one country only is no match report.
    let out = run("Norway voted 14 – 1 for the plan.");
    assert!(out.contains("Gpe [Norway]"), "{out}");
}

#[test]
fn a_country_closing_a_longer_name_makes_an_organisation() {
    let out = run("Officials at Transit Canada met the visitors.");
    assert_eq!(out, "Org [Transit Canada] actor=CAN\n");
}

#[test]
fn dotted_honorific_and_portfolio_titles_stay_out_of_the_name() {
    assert_eq!(run("Mr. Okoro left early."), "Person [Okoro] role=Mr.\n");
    assert_eq!(
        run("The plan came from Fisheries Minister Dana Holt on Monday."),
        "Person [Dana Holt] actor=GOV role=Fisheries Minister\n"
    );
}

#[test]
fn and_inside_an_institution_name() {
    let out = run("Visitors crowded the Sea and Harbour Museum on Sunday.");
    assert!(out.contains("[Sea and Harbour Museum]"), "{out}");
    // Two names joined by "and" stay two.
    let out = run("Maria Lopez and Tom Okafor met the press.");
    assert!(
        out.contains("[Maria Lopez]") && out.contains("[Tom Okafor]"),
        "{out}"
    );
}

#[test]
fn a_given_name_alone_is_a_person_where_it_acts() {
    let out = run(
        "The family lost their youngest child, Nora, last winter. Nora developed a fever in May.",
    );
    assert_eq!(out.matches("Person [Nora]").count(), 2, "{out}");
    // A month or a sentence starter is no name.
    assert!(!run("In May the river rose.").contains("Person"));
}

#[test]
fn acronyms_are_organisations_at_a_sentence_start_and_after_in() {
    assert_eq!(
        run("WFP sent food. Aid staff in WFP said so."),
        "Org [WFP]\nOrg [WFP]\n"
    );
}

#[test]
fn of_after_a_place_head_word_stays_in_the_name() {
    assert_eq!(
        run("The crew sailed from the Bay of Toril to the Museum of Sail."),
        "Loc [Bay of Toril]\nFac [Museum of Sail]\n"
    );
}

#[test]
fn a_centre_is_a_facility_unless_it_is_a_centre_for_something() {
    assert_eq!(
        run("Engineers at the Lakeside Launch Center met staff of the Center for Rural Policy."),
        "Fac [Lakeside Launch Center]\nOrg [Center for Rural Policy]\n"
    );
}
