use super::*;

fn run(text: &str) -> Vec<String> {
    let d = Document::new("q", text);
    show(&extract(&d))
}

fn show(qs: &[Quantity]) -> Vec<String> {
    qs.iter()
        .map(|q| {
            let mut s = format!(
                "{}|{}|{}",
                q.text,
                q.kind,
                q.value.map_or("-".into(), |v| format!("{v}"))
            );
            for (k, v) in [
                ("unit", &q.unit),
                ("qual", &q.qualifier),
                ("cas", &q.casualty),
                ("cur", &q.currency),
            ] {
                if let Some(v) = v {
                    s.push_str(&format!("|{k}={v}"));
                }
            }
            if let Some(m) = q.value_max {
                s.push_str(&format!("|max={m}"));
            }
            s
        })
        .collect()
}

#[test]
fn counted_things() {
    assert_eq!(
        run("The army sent 3,000 soldiers."),
        vec!["3,000 soldiers|count|3000|unit=soldiers"]
    );
    assert_eq!(
        run("Britain will send 600 UK paratroopers."),
        vec!["600 UK paratroopers|count|600|unit=paratroopers"]
    );
}

#[test]
fn casualties_and_qualifiers() {
    assert_eq!(
        run("The blast killed at least 12 villagers."),
        vec!["at least 12 villagers|count|12|unit=villagers|qual=at least|cas=killed"]
    );
    assert_eq!(
        run("About 40 people were injured."),
        vec!["About 40 people|count|40|unit=people|qual=about|cas=wounded"]
    );
    assert_eq!(
        run("Police arrested more than 200 protesters."),
        vec!["more than 200 protesters|count|200|unit=protesters|qual=more than|cas=arrested"]
    );
}

#[test]
fn number_words_and_scales() {
    assert_eq!(run("three thousand"), vec!["three thousand|number|3000"]);
    assert_eq!(
        run("a budget of 1.2 million"),
        vec!["1.2 million|number|1200000"]
    );
    assert_eq!(run("twenty-one"), vec!["twenty-one|number|21"]);
    assert_eq!(run("two and a half"), vec!["two and a half|number|2.5"]);
    assert_eq!(run("three quarters"), vec!["three quarters|number|0.75"]);
    assert_eq!(run("minus 4"), vec!["minus 4|number|-4"]);
}

#[test]
fn vague_counts() {
    assert_eq!(
        run("Dozens of homes burned and hundreds of families fled."),
        vec![
            "Dozens of homes|count|12|unit=homes|qual=dozens of",
            "hundreds of families|count|100|unit=families|qual=hundreds of|cas=displaced"
        ]
    );
}

#[test]
fn ranges() {
    assert_eq!(
        run("between 24 to 48 trucks"),
        vec!["24 to 48 trucks|count|24|unit=trucks|max=48"]
    );
}

#[test]
fn currencies_dimensions_percent_temperature_age() {
    assert_eq!(
        run("It cost $4.5 billion."),
        vec!["$4.5 billion|currency|4500000000|unit=USD|cur=USD"]
    );
    assert_eq!(
        run("a fine of 300 euros"),
        vec!["300 euros|currency|300|unit=EUR|cur=EUR"]
    );
    assert_eq!(
        run("a 12-mile convoy"),
        vec!["12-mile|dimension|12|unit=mile"]
    );
    assert_eq!(
        run("prices rose 4.5%"),
        vec!["4.5%|percentage|4.5|unit=percent"]
    );
    assert_eq!(
        run("it reached 41 degrees Celsius"),
        vec!["41 degrees Celsius|temperature|41|unit=C"]
    );
    assert_eq!(
        run("a 19-year-old student"),
        vec!["19-year-old|age|19|unit=year"]
    );
}

#[test]
fn numbers_inside_times_are_left_out() {
    let text = "In 2020, 30 people gathered at 5 p.m.";
    let mut d = Document::new("q", text);
    for t in ["2020", "5 p.m."] {
        let start = text.find(t).unwrap_or(0);
        d.times.push(tidings_core::Time {
            start,
            end: start + t.len(),
            ..Default::default()
        });
    }
    assert_eq!(show(&extract(&d)), vec!["30 people|count|30|unit=people"]);
}

#[test]
fn addresses_codes_and_ordinals_are_not_quantities() {
    assert_eq!(
        run("See https://example.org/page?id=42&x=7%20 or mail desk@example.org for 2 more."),
        vec!["2|number|2"]
    );
    assert_eq!(run("Two F-16 jets and a Su-25 flew."), vec!["Two|number|2"]);
    assert_eq!(
        run("the 21st summit on the 3rd floor"),
        Vec::<String>::new()
    );
    assert_eq!(run("part 11a and model 777F"), Vec::<String>::new());
    assert_eq!(
        run("a plot of 40m2 and 5kg of rice"),
        vec![
            "40m2|dimension|40|unit=square meter",
            "5kg|dimension|5|unit=kilogram"
        ]
    );
}

#[test]
fn digit_groups_and_scales() {
    assert_eq!(
        run("a crowd of 12 000 fans"),
        vec!["12 000 fans|count|12000|unit=fans"]
    );
    assert_eq!(
        run("sales rose 4 . 5 % this year"),
        vec!["4 . 5 %|percentage|4.5|unit=percent"]
    );
    assert_eq!(
        run("some 20 , 000 tickets"),
        vec!["some 20 , 000 tickets|count|20000|unit=tickets|qual=about"]
    );
    assert_eq!(
        run("a loan of 3,50,000 rupees"),
        vec!["3,50,000 rupees|currency|350000|unit=INR|cur=INR"]
    );
    assert_eq!(
        run("the router at 10.0.0.1"),
        vec!["10|number|10", "0|number|0", "0|number|0", "1|number|1"]
    );
    assert_eq!(run("a fund of 40 lakh"), vec!["40 lakh|number|4000000"]);
    assert_eq!(
        run("about 5 bln"),
        vec!["about 5 bln|number|5000000000|qual=about"]
    );
    assert_eq!(run("it raised 2M"), vec!["2M|number|2000000"]);
    assert_eq!(
        run("5 thousand 2 hundred and 7 boxes"),
        vec!["5 thousand 2 hundred and 7 boxes|count|5207|unit=boxes"]
    );
    assert_eq!(
        run("between 1 million and 2 million"),
        vec!["1 million|number|1000000", "2 million|number|2000000"]
    );
    assert_eq!(
        run("about 4.1x10^3 cells"),
        vec!["about 4.1x10^3 cells|count|4100|unit=cells|qual=about"]
    );
}

#[test]
fn fractions_in_words() {
    assert_eq!(run("a fifth"), vec!["a fifth|number|0.2"]);
    assert_eq!(run("one-eighth"), vec!["one-eighth|number|0.125"]);
    assert_eq!(run("seventy - three"), vec!["seventy - three|number|73"]);
    assert_eq!(
        run("one twenty-fifth"),
        vec!["one twenty-fifth|number|0.04"]
    );
    assert_eq!(
        run("four and two fifths"),
        vec!["four and two fifths|number|4.4"]
    );
    assert_eq!(
        run("three hundred and forty-one hundredths"),
        vec!["three hundred and forty-one hundredths|number|300.41"]
    );
    assert_eq!(
        run("half million voters"),
        vec!["half million voters|count|500000|unit=voters"]
    );
    assert_eq!(
        run("7 million and a half"),
        vec!["7 million and a half|number|7500000"]
    );
    assert_eq!(
        run("four billion and two fifths"),
        vec!["four billion and two fifths|number|4400000000"]
    );
    assert_eq!(
        run("six point twenty-five"),
        vec!["six point twenty-five|number|6.25"]
    );
    assert_eq!(run("the third man"), Vec::<String>::new());
}

#[test]
fn scale_after_currency_code() {
    assert_eq!(
        run("a deal worth 40 EUR million"),
        vec!["40 EUR million|currency|40000000|unit=EUR|cur=EUR"]
    );
}

#[test]
fn ratios_join_two_numbers_unless_a_counted_noun_follows() {
    assert_eq!(run("one in five"), vec!["one in five|number|0.2"]);
    assert_eq!(
        run("three out of four"),
        vec!["three out of four|number|0.75"]
    );
    assert_eq!(run("It was 1 over 8."), vec!["1 over 8|number|0.125"]);
    // the count is what an analyst needs here
    assert_eq!(
        run("12 out of 20 passengers were killed"),
        vec![
            "12|number|12",
            "20 passengers|count|20|unit=passengers|cas=killed"
        ]
    );
    // "in" needs a small whole number before and a larger one after
    assert_eq!(run("sold 40 in 3"), vec!["40|number|40", "3|number|3"]);
}

#[test]
fn mixed_numbers_and_fraction_characters() {
    assert_eq!(
        run("a 3 1/2 mile walk"),
        vec!["3 1/2 mile|dimension|3.5|unit=mile"]
    );
    assert_eq!(run("add ½ cup"), vec!["½ cup|dimension|0.5|unit=cup"]);
    assert_eq!(
        run("it grew 7½ %"),
        vec!["7½ %|percentage|7.5|unit=percent"]
    );
    assert_eq!(
        run("bonds at 9 3 / 8 %"),
        vec!["9 3 / 8 %|percentage|9.375|unit=percent"]
    );
}

#[test]
fn compound_measures_take_the_larger_unit() {
    assert_eq!(
        run("he is 6 ft 3 in"),
        vec!["6 ft 3 in|dimension|6.25|unit=foot"]
    );
    assert_eq!(
        run("a wall 9 feet and 6 inches high"),
        vec!["9 feet and 6 inches|dimension|9.5|unit=foot"]
    );
    // "in" opening a phrase is a preposition
    assert_eq!(
        run("he stood 6 ft 3 in the photo"),
        vec!["6 ft|dimension|6|unit=foot", "3|number|3"]
    );
}

#[test]
fn fractions_joined_to_scale_words() {
    assert_eq!(
        run("nine and a half million voters"),
        vec!["nine and a half million voters|count|9500000|unit=voters"]
    );
    assert_eq!(
        run("two billion and a half million"),
        vec!["two billion and a half million|number|2000500000"]
    );
    assert_eq!(
        run("three quarters of a million"),
        vec!["three quarters of a million|number|750000"]
    );
    assert_eq!(
        run("hundred thousand"),
        vec!["hundred thousand|number|100000"]
    );
    assert_eq!(run("4.5 hundred"), vec!["4.5 hundred|number|450"]);
}

#[test]
fn million_prefixed_currency_codes() {
    assert_eq!(
        run("a loss of 12 MEUR"),
        vec!["12 MEUR|currency|12000000|unit=EUR|cur=EUR"]
    );
    assert_eq!(
        run("revenue of MGBP 3.5"),
        vec!["MGBP 3.5|currency|3500000|unit=GBP|cur=GBP"]
    );
    // not a code the table knows
    assert_eq!(run("12 MXYZ"), vec!["12|number|12"]);
    // a code glued to the number after it belongs to that number
    assert_eq!(
        run("4 USD20 vouchers"),
        vec!["4|number|4", "USD20|currency|20|unit=USD|cur=USD"]
    );
}

#[test]
fn labels_list_markers_dates_and_years_are_not_quantities() {
    assert_eq!(
        run("Troops moved along Highway 7 under Article 51 and Resolution 2254."),
        Vec::<String>::new()
    );
    assert_eq!(run("He ranked No. 3 in the poll."), Vec::<String>::new());
    assert_eq!(
        run("It 1) closed roads; 2) cut power."),
        Vec::<String>::new()
    );
    // a bracketed number is kept
    assert_eq!(run("the list (see 2) grew"), vec!["2|number|2"]);
    assert_eq!(
        run("the vote on oct . 13 , 1998 and the talks of Nov. 2"),
        Vec::<String>::new()
    );
    assert_eq!(run("signed on 4 May"), Vec::<String>::new());
    // "may" the verb
    assert_eq!(run("those 5 may be freed"), vec!["5|number|5"]);
    assert_eq!(
        run("since 1990 and in 2011 and a 1996 report"),
        Vec::<String>::new()
    );
    // a year-like number that counts something
    assert_eq!(
        run("the 2000 soldiers left"),
        vec!["2000 soldiers|count|2000|unit=soldiers"]
    );
    assert_eq!(run("account 4411-2093-77"), Vec::<String>::new());
}

#[test]
fn a_bare_one_counts_only_a_casualty() {
    assert_eq!(run("One official said talks failed."), Vec::<String>::new());
    assert_eq!(
        run("one was killed and at least one injured"),
        vec![
            "one|number|1|cas=killed",
            "at least one|number|1|qual=at least|cas=wounded"
        ]
    );
    assert_eq!(
        run("a one-time payment and two-door cars"),
        Vec::<String>::new()
    );
}

#[test]
fn a_time_that_is_only_part_of_a_number_does_not_claim_it() {
    let text = "a grant of two billion and a quarter million";
    let mut d = Document::new("q", text);
    let start = text.find("a quarter").unwrap_or(0);
    d.times.push(tidings_core::Time {
        start,
        end: start + "a quarter".len(),
        ..Default::default()
    });
    assert_eq!(
        show(&extract(&d)),
        vec!["two billion and a quarter million|number|2000250000"]
    );
    // an age in a duration's words
    let text = "the foal was weighed at 4 weeks of age";
    let mut d = Document::new("q", text);
    let start = text.find("4 weeks").unwrap_or(0);
    d.times.push(tidings_core::Time {
        start,
        end: start + "4 weeks".len(),
        ..Default::default()
    });
    assert_eq!(show(&extract(&d)), vec!["4 weeks of age|age|4|unit=week"]);
}
