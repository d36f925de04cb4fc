//! Expectation tests on passages written for this crate: each prints the quotes as one line
//! per quote (kind, closed, content, cue, speaker -> resolved name).

use super::*;

fn dump(d: &Document) -> String {
    let mut s = String::new();
    for q in &d.quotes {
        s.push_str(&format!(
            "{:?} closed={} [{}] cue={} speaker={}{}\n",
            q.kind,
            q.closed,
            q.text,
            q.cue.as_ref().map_or("-", |c| c.text.as_str()),
            q.speaker.as_ref().map_or("-", |c| c.text.as_str()),
            q.speaker
                .as_ref()
                .and_then(|c| c.name.as_deref())
                .map_or(String::new(), |n| format!(" -> {n}")),
        ));
    }
    s
}

/// Quotes alone (fallback segmentation, no entities).
fn run(text: &str) -> String {
    let mut d = Document::new("t", text);
    Quotes::new().process(&mut d);
    dump(&d)
}

/// Segmentation first (its sentences and quotation pairs), then quotes.
fn run_segmented(text: &str) -> String {
    let mut d = Document::new("t", text);
    tidings_segment::Segmenter::new().process(&mut d);
    Quotes::new().process(&mut d);
    dump(&d)
}

/// Entities first, then quotes, as in the pipeline.
fn run_with_entities(text: &str) -> String {
    let mut d = Document::new("t", text);
    tidings_entities::Entities::new().process(&mut d);
    Quotes::new().process(&mut d);
    dump(&d)
}

#[test]
fn direct_quote_with_speaker_after() {
    assert_eq!(
        run("“We will rebuild the bridge by June,” the mayor said on Monday."),
        "Direct closed=true [“We will rebuild the bridge by June,”] cue=said speaker=the mayor\n"
    );
}

#[test]
fn straight_marks_and_inverted_cue() {
    assert_eq!(
        run("\"The river is rising fast,\" said Maria Lopez, a local farmer."),
        "Direct closed=true [\"The river is rising fast,\"] cue=said speaker=Maria Lopez\n"
    );
}

#[test]
fn speaker_before_colon() {
    assert_eq!(
        run("The coach spoke after the game. He said: “We will train harder.”"),
        "Direct closed=true [“We will train harder.”] cue=said speaker=He\n"
    );
}

#[test]
fn split_quote_is_one_quote() {
    assert_eq!(
        run("“The road is closed,” Maria Lopez said, “and it will stay closed until spring.”"),
        "Direct closed=true [“The road is closed,” Maria Lopez said, “and it will stay closed until spring.”] cue=said speaker=Maria Lopez\n"
    );
}

#[test]
fn quote_resumed_after_attribution_sentence_is_one_quote() {
    // "A," she said. "B." is one quote in two parts; a part with a cue of its own is not.
    let text = "“The dam held,” the engineer said. “We were lucky this time.” \
                “Next year may be different,” a farmer added. The rain stopped.";
    assert_eq!(
        run(text),
        "Direct closed=true [“The dam held,” the engineer said. “We were lucky this time.”] cue=said speaker=the engineer\n\
         Direct closed=true [“Next year may be different,”] cue=added speaker=a farmer\n"
    );
    // A first part ending on a full stop closes its sentence: two quotes.
    let text = "“The dam held.” The engineer said nothing more. “We were lucky.”";
    assert!(
        !run(text).contains("said nothing more. “We"),
        "{}",
        run(text)
    );
}

#[test]
fn question_ending_its_sentence_keeps_its_speaker() {
    // The segmenter ends a sentence after `?”` before a capital: the speaker is in the next.
    let text = "“Who pays for the repairs?” Ruth Adler asked. “Nobody has told us.”";
    assert_eq!(
        run_segmented(text),
        "Direct closed=true [“Who pays for the repairs?” Ruth Adler asked. “Nobody has told us.”] cue=asked speaker=Ruth Adler\n"
    );
    let text = "“Is it safe?” said the pilot.";
    assert_eq!(
        run_segmented(text),
        "Direct closed=true [“Is it safe?”] cue=said speaker=the pilot\n"
    );
}

#[test]
fn double_apostrophe_quote_resumed_after_attribution() {
    assert_eq!(
        run("''The roof leaks,'' Mr. Haldane said. ''It has for years.''"),
        "Direct closed=true [''The roof leaks,'' Mr. Haldane said. ''It has for years.''] cue=said speaker=Mr. Haldane\n"
    );
}

#[test]
fn quote_over_two_paragraphs() {
    let text = "“The harvest was the worst in a decade. Many farms will not survive.\n\n“We need help before winter,” said Tom Okafor, who runs a cooperative.\n\nPrices rose.";
    assert_eq!(
        run(text),
        "Direct closed=false [“The harvest was the worst in a decade. Many farms will not survive.\n\n“We need help before winter,”] cue=said speaker=Tom Okafor\n"
    );
}

#[test]
fn unclosed_quote_stops_at_narration_and_paragraph() {
    let text = "“The talks have failed. A union spokesman wrote on its website, citing the latest offer, that workers would strike.\n\nThe company gave no comment.";
    assert_eq!(
        run(text),
        "Direct closed=false [“The talks have failed.] cue=wrote speaker=A union spokesman\n\
         Indirect closed=true [that workers would strike] cue=wrote speaker=A union spokesman\n"
    );
}

#[test]
fn unclosed_then_new_opening_mark_is_one_quote() {
    let text = "“This is not a retreat. This is a regrouping. “This is the plan,” she insisted.";
    assert_eq!(
        run(text),
        "Direct closed=false [“This is not a retreat. This is a regrouping. “This is the plan,”] cue=insisted speaker=she\n"
    );
}

#[test]
fn indirect_quotes() {
    let text = "Officials said that the bridge was closed. According to the police, three cars were damaged. The minister told reporters the plan would go ahead. Rivers are rising, the agency warned.";
    assert_eq!(
        run(text),
        "Indirect closed=true [that the bridge was closed] cue=said speaker=Officials\n\
         Indirect closed=true [three cars were damaged] cue=According to speaker=the police\n\
         Indirect closed=true [the plan would go ahead] cue=told reporters speaker=The minister\n\
         Indirect closed=true [Rivers are rising] cue=warned speaker=the agency\n"
    );
}

#[test]
fn belief_inside_reported_content_is_not_a_quote_of_its_own() {
    assert_eq!(
        run("The mayor said the council wants to raise the harbour fees."),
        "Indirect closed=true [the council wants to raise the harbour fees] cue=said speaker=The mayor\n"
    );
    // On its own the belief is an attribution.
    assert_eq!(
        run("The council wants to raise the harbour fees."),
        "Indirect closed=true [to raise the harbour fees] cue=wants speaker=The council\n"
    );
}

#[test]
fn double_apostrophe_marks() {
    assert_eq!(
        run("''It was a long night for everyone here,'' said Ana Costa, a nurse."),
        "Direct closed=true [''It was a long night for everyone here,''] cue=said speaker=Ana Costa\n"
    );
}

#[test]
fn scare_quotes_without_speaker_are_not_quotes() {
    assert_eq!(run("The so-called “peace dividend” never came."), "");
}

#[test]
fn pronoun_and_surname_speakers_resolve_through_entities() {
    let text = "Regional health director Sofia Marquez said the clinic would reopen.\n\n“We have enough staff now,” she said.\n\nMarquez added that vaccines had arrived.";
    assert_eq!(
        run_with_entities(text),
        "Indirect closed=true [the clinic would reopen] cue=said speaker=Regional health director Sofia Marquez -> Sofia Marquez\n\
         Direct closed=true [“We have enough staff now,”] cue=said speaker=she -> Sofia Marquez\n\
         Indirect closed=true [that vaccines had arrived] cue=added speaker=Marquez -> Sofia Marquez\n"
    );
}

#[test]
fn segmentation_quotations_are_used_when_present() {
    // A hand-built quotation layer, as the segmenter would give it.
    let text = "“Stay indoors,” the governor urged residents.";
    let mut d = Document::new("t", text);
    let close = text.find('”').unwrap() + '”'.len_utf8();
    d.quotations.push(tidings_core::Quotation {
        start: 0,
        end: close,
        content_start: '“'.len_utf8(),
        content_end: close - '”'.len_utf8(),
        closed: true,
        continues: false,
        depth: 0,
    });
    Quotes::new().process(&mut d);
    assert_eq!(
        dump(&d),
        "Direct closed=true [“Stay indoors,”] cue=urged speaker=the governor\n"
    );
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "“",
        "”",
        "\"\"\"",
        "said",
        "“a\n\n”b",
        "é“ü”said he",
        "''",
        "A. B. C. said",
    ] {
        let mut d = Document::new("t", t);
        Quotes::new().process(&mut d);
        for q in &d.quotes {
            assert!(q.start <= q.end && q.end <= t.len());
        }
    }
}

#[test]
fn participle_after_quote_speaker() {
    assert_eq!(
        run("“We are leaving the city,” spokesman Jan Novak told reporters, adding that the office would stay open."),
        "Direct closed=true [“We are leaving the city,”] cue=told reporters speaker=spokesman Jan Novak\n\
         Indirect closed=true [that the office would stay open] cue=adding speaker=spokesman Jan Novak\n"
    );
}

#[test]
fn parts_of_one_attribution_are_one_quote() {
    // A parenthetical cue splits the content in two: one quote over both parts.
    assert_eq!(
        run("The new ferry, the harbour master said, will start running in May."),
        "Indirect closed=true [The new ferry, the harbour master said, will start running in May] cue=said speaker=the harbour master\n"
    );
    // Two quoted fragments under one cue.
    assert_eq!(
        run("The senator said the plan was “reckless” and “a gift to polluters.”"),
        "Direct closed=true [“reckless” and “a gift to polluters.”] cue=said speaker=The senator\n"
    );
}

#[test]
fn report_inside_a_report_is_part_of_it() {
    // The subject of the reported clause is no speaker of its own.
    assert_eq!(
        run("The spokesman said the minister announced new taxes on fuel."),
        "Indirect closed=true [the minister announced new taxes on fuel] cue=said speaker=The spokesman\n"
    );
    // After a clause break the second report stands on its own.
    assert_eq!(
        run("The mayor said the road would reopen, but engineers warned that the bridge was unsafe."),
        "Indirect closed=true [the road would reopen, but engineers warned that the bridge was unsafe] cue=said speaker=The mayor\n\
         Indirect closed=true [that the bridge was unsafe] cue=warned speaker=engineers\n"
    );
}

#[test]
fn party_label_in_parentheses_is_part_of_the_name() {
    assert_eq!(
        run("Sen. Ada Brook (D-Ore.) said the vote would be close."),
        "Indirect closed=true [the vote would be close] cue=said speaker=Sen. Ada Brook (D-Ore.)\n"
    );
    assert_eq!(
        run("“We have the votes,” said Rep. Ben Cole (R-Utah), who leads the panel."),
        "Direct closed=true [“We have the votes,”] cue=said speaker=Rep. Ben Cole (R-Utah)\n"
    );
}

#[test]
fn speaker_with_prepositional_modifiers_and_medium_phrases() {
    // The head of the speaker is the first noun, not the object of a preposition.
    assert_eq!(
        run("Nurses at the regional clinic in the valley said the flu season came early."),
        "Indirect closed=true [the flu season came early] cue=said speaker=Nurses at the regional clinic in the valley\n"
    );
    // "in a statement" is where it was said, not who said it.
    assert_eq!(
        run("The company in a statement said the plant would close."),
        "Indirect closed=true [the plant would close] cue=said speaker=The company\n"
    );
}

#[test]
fn cue_at_the_end_needs_the_sentence_end_or_a_comma() {
    // "endorses" with a one-word object is no cue at the end of a report.
    assert_eq!(
        run("The coach said in the memo that the photo shows that the club supports him."),
        "Indirect closed=true [in the memo that the photo shows that the club supports him] cue=said speaker=The coach\n"
    );
    assert_eq!(
        run("The harvest will be late this year, the farmers warned."),
        "Indirect closed=true [The harvest will be late this year] cue=warned speaker=the farmers\n"
    );
}

#[test]
fn dash_byline_after_a_quote_names_its_speaker() {
    let text =
        "Here are some of the replies.\n\n“The new bus line changed my week.” ― Lena Ortiz.\n\n\
                “Nobody asked the drivers.” ― Omar Haddad “It was rushed.” ― Kim Sato";
    assert_eq!(
        run(text),
        "Direct closed=true [“The new bus line changed my week.”] cue=― speaker=Lena Ortiz\n\
         Direct closed=true [“Nobody asked the drivers.”] cue=― speaker=Omar Haddad\n\
         Direct closed=true [“It was rushed.”] cue=― speaker=Kim Sato\n"
    );
    // A dash before a clause is no byline.
    assert_eq!(
        run("She called it “a mistake” — Lee disagreed."),
        "Direct closed=true [“a mistake”] cue=called speaker=She\n"
    );
}

#[test]
fn plural_possessive_apostrophe_is_no_quote_mark() {
    assert_eq!(
        run("The farmers' union said prices were too low."),
        "Indirect closed=true [prices were too low] cue=said speaker=The farmers' union\n"
    );
}

#[test]
fn transcript_turns_and_headline_speakers_before_a_colon() {
    let text = "Part of the interview follows.\n\n\"HOST: Will you run again next year?\n\n\
                \"OKAFOR: We have not decided yet, and we will tell you first.";
    assert_eq!(
        run(text),
        "Direct closed=false [\"HOST: Will you run again next year?] cue=: speaker=HOST\n\
         Direct closed=false [\"OKAFOR: We have not decided yet, and we will tell you first.] cue=: speaker=OKAFOR\n"
    );
    // A headline: the name is an entity.
    assert_eq!(
        run_with_entities("Governor Ines Vale: Ferry Fares Will Fall Next Spring"),
        "Indirect closed=true [Ferry Fares Will Fall Next Spring] cue=: speaker=Governor Ines Vale -> Ines Vale\n"
    );
    // A capitalised label that is no name is no speaker.
    assert_eq!(run("Update: The road has reopened to traffic."), "");
}
