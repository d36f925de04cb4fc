use super::*;

/// Tags `text` published on `date` and renders each time as `text|TYPE|value[|mod][|max]`.
fn run(date: &str, text: &str) -> Vec<String> {
    let mut d = Document::new("t", text);
    d.date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    tag(&d)
        .into_iter()
        .map(|t| {
            let mut s = format!("{}|{:?}|{}", t.text, t.kind, t.value);
            if let Some(m) = t.modifier {
                s.push('|');
                s.push_str(&m);
            }
            if let Some(m) = t.value_max {
                s.push_str("|max=");
                s.push_str(&m);
            }
            s
        })
        .collect()
}

#[test]
fn smoke() {
    let r = run(
        "2021-08-12",
        "Rebels seized the town on Friday after an eight-day siege.",
    );
    assert_eq!(r, vec!["Friday|Date|2021-08-06", "eight-day|Duration|P8D"]);
}

#[test]
fn past_two_months() {
    assert_eq!(
        run("1989-10-27", "Sales fell over the past two months."),
        vec!["the past two months|Duration|P2M"]
    );
}

fn has(r: &[String], want: &str) -> bool {
    r.iter().any(|x| x == want)
}

#[test]
fn absolute_dates_in_news_forms() {
    let r = run(
        "2021-08-12",
        "The deal was signed on Aug. 3, talks began 12 August 2021, the plan dates from \
         2019-05-02 and from August 2020, prices rose in the 1990s and mid-2020.",
    );
    assert!(has(&r, "Aug. 3|Date|2021-08-03"), "{r:?}");
    assert!(has(&r, "12 August 2021|Date|2021-08-12"), "{r:?}");
    assert!(has(&r, "2019-05-02|Date|2019-05-02"), "{r:?}");
    assert!(has(&r, "August 2020|Date|2020-08"), "{r:?}");
    assert!(has(&r, "the 1990s|Date|199"), "{r:?}");
    assert!(has(&r, "mid-2020|Date|2020|MID"), "{r:?}");
}

#[test]
fn weekday_past_and_future_tense() {
    // 2021-08-12 is a Thursday.
    let past = run("2021-08-12", "The rebels captured the bridge on Monday.");
    assert_eq!(past, vec!["Monday|Date|2021-08-09"]);
    let fut = run("2021-08-12", "The minister will visit the port on Monday.");
    assert_eq!(fut, vec!["Monday|Date|2021-08-16"]);
    let same = run(
        "2021-08-12",
        "Police said on Thursday that the road was open.",
    );
    assert_eq!(same, vec!["Thursday|Date|2021-08-12"]);
    let last = run("2021-08-12", "They met last Tuesday.");
    assert_eq!(last, vec!["last Tuesday|Date|2021-08-03"]);
}

#[test]
fn weekday_reasoning_is_visible() {
    let mut d = Document::new("t", "Fighters seized the airport on Friday.");
    d.date = NaiveDate::from_ymd_opt(2021, 8, 12);
    let t = tag(&d);
    assert_eq!(t[0].value, "2021-08-06");
    let why = t[0].reasoning.as_deref().unwrap_or("");
    assert!(
        why.contains("past-tense") && why.contains("seized"),
        "{why}"
    );
}

#[test]
fn may_month_versus_verb() {
    let r = run(
        "2021-08-12",
        "Elections were held in May. Officials may delay the count.",
    );
    assert_eq!(r, vec!["May|Date|2021-05"]);
    let r = run("2021-08-12", "The talks may resume.");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn march_month_versus_a_march() {
    let r = run("2021-08-12", "Thousands joined a march on the capital.");
    assert!(r.is_empty(), "{r:?}");
    let r = run(
        "2021-08-12",
        "The march was peaceful. The law passed in March.",
    );
    assert_eq!(r, vec!["March|Date|2021-03"]);
    let r = run("2021-08-12", "Protesters march to parliament on March 3.");
    assert_eq!(r, vec!["March 3|Date|2021-03-03"]);
}

#[test]
fn relative_expressions() {
    let r = run(
        "2021-08-12",
        "Yesterday the army withdrew; last week it lost two towns, and next month a new \
         offensive is planned. Aid arrived earlier this month. Two days ago a convoy left.",
    );
    assert!(has(&r, "Yesterday|Date|2021-08-11"), "{r:?}");
    assert!(has(&r, "last week|Date|2021-W31"), "{r:?}");
    assert!(has(&r, "next month|Date|2021-09"), "{r:?}");
    assert!(has(&r, "earlier this month|Date|2021-08"), "{r:?}");
    assert!(has(&r, "Two days ago|Date|2021-08-10"), "{r:?}");
}

#[test]
fn durations() {
    let r = run(
        "2021-08-12",
        "After an eight-day siege, troops will arrive in the next 24 to 48 hours and stay \
         for three months.",
    );
    assert!(has(&r, "eight-day|Duration|P8D"), "{r:?}");
    assert!(
        has(&r, "the next 24 to 48 hours|Duration|PT24H|max=PT48H"),
        "{r:?}"
    );
    assert!(has(&r, "three months|Duration|P3M"), "{r:?}");
    let r = run("2021-08-12", "Crime fell over the past decade.");
    assert_eq!(r, vec!["the past decade|Duration|P10Y"]);
}

#[test]
fn sets() {
    let r = run(
        "2021-08-12",
        "Daily flights resume, with checks every week and a market each Monday.",
    );
    assert!(has(&r, "Daily|Set|P1D"), "{r:?}");
    assert!(has(&r, "every week|Set|P1W"), "{r:?}");
    assert!(has(&r, "each Monday|Set|XXXX-WXX-1"), "{r:?}");
}

#[test]
fn parts_of_day_and_clock_times_with_zones() {
    let r = run(
        "2021-08-12",
        "The blast happened this morning; a curfew starts at 9 p.m. EDT and the meeting \
         is at 14:30 on Friday.",
    );
    assert!(has(&r, "this morning|Time|2021-08-12TMO"), "{r:?}");
    assert!(has(&r, "9 p.m. EDT|Time|T21"), "{r:?}");
    let r = run("2021-08-12", "Shelling went on Friday night.");
    assert_eq!(r, vec!["Friday night|Time|2021-08-06TNI"]);
}

#[test]
fn fuzzy_and_modified() {
    let r = run(
        "2021-08-12",
        "The withdrawal is to be completed by the end of the month.",
    );
    assert_eq!(r, vec!["the end of the month|Date|2021-08|END"]);
    let r = run("2021-08-12", "A vote is expected early next year.");
    assert_eq!(r, vec!["early next year|Date|2022|START"]);
    let r = run("2021-08-12", "The siege lasted more than two weeks.");
    assert_eq!(r, vec!["more than two weeks|Duration|P2W|MORE_THAN"]);
}

#[test]
fn reference_expressions() {
    let r = run(
        "2021-08-12",
        "The city is now calm; the future is uncertain, as it was in the past.",
    );
    assert!(has(&r, "now|Date|PRESENT_REF"), "{r:?}");
    assert!(has(&r, "the future|Date|FUTURE_REF"), "{r:?}");
    assert!(has(&r, "the past|Date|PAST_REF"), "{r:?}");
}

#[test]
fn ranges_keep_their_ends_and_add_the_interval() {
    let r = run("2021-08-12", "The office is open from 9am to 5pm.");
    assert_eq!(
        r,
        vec![
            "from 9am to 5pm|Time|(T09,T17,PT8H)|max=T17",
            "9am|Time|T09",
            "5pm|Time|T17"
        ]
    );
    let r = run(
        "2021-08-12",
        "The border was closed from March 3 to March 10.",
    );
    assert_eq!(
        r,
        vec![
            "from March 3 to March 10|Duration|(2021-03-03,2021-03-10,P7D)|max=2021-03-10",
            "March 3|Date|2021-03-03",
            "March 10|Date|2021-03-10"
        ]
    );
}

#[test]
fn no_times_in_plain_numbers() {
    let r = run(
        "2021-08-12",
        "He counted 1,500 sheep and 2000 goats near Sun Valley.",
    );
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn example_article_when_present() {
    let root = std::env::var("TIDINGS_SHARED")
        .unwrap_or_else(|_| format!("{}/../../../shared", env!("CARGO_MANIFEST_DIR")));
    let Ok(text) = std::fs::read_to_string(format!("{root}/examples/kandahar-2021-08-12.txt"))
    else {
        return;
    };
    let mut d = Document::new("k", text);
    d.date = NaiveDate::from_ymd_opt(2021, 8, 12);
    let t = tag(&d);
    let find = |s: &str| t.iter().find(|x| x.text == s);
    let fri = find("Friday").expect("Friday");
    assert_eq!(fri.value, "2021-08-06");
    assert!(fri.reasoning.is_some());
    assert_eq!(find("Thursday").expect("Thursday").value, "2021-08-12");
    assert_eq!(find("eight-day").expect("eight-day").value, "P8D");
    let next = find("the next 24 to 48 hours").expect("range");
    assert_eq!(
        (next.value.as_str(), next.value_max.as_deref()),
        ("PT24H", Some("PT48H"))
    );
}

#[test]
fn lower_case_may_with_a_day_after_a_preposition() {
    assert_eq!(
        run("2021-08-12", "the office closed on may 19"),
        vec!["may 19|Date|2021-05-19"]
    );
    assert!(run("2021-08-12", "you may 2 times try").is_empty());
}

#[test]
fn year_ago_reads_the_story_quarter() {
    let r = run(
        "2021-08-12",
        "Acme said second-quarter profit rose to $4 million from $3 million a year earlier. \
         The year-ago results included a charge. In the 2020 period, sales were flat.",
    );
    assert!(has(&r, "second-quarter|Date|2021-Q2"), "{r:?}");
    assert!(has(&r, "a year earlier|Date|2020-Q2"), "{r:?}");
    assert!(has(&r, "year-ago|Date|2020-Q2"), "{r:?}");
    assert!(has(&r, "the 2020 period|Date|2020-Q2"), "{r:?}");
}

#[test]
fn year_ago_without_a_quarter_is_a_year() {
    let r = run("2021-08-12", "A year ago, the plant employed 300 people.");
    assert!(has(&r, "A year ago|Date|2020"), "{r:?}");
}

#[test]
fn fiscal_year_ended_is_a_span() {
    let r = run(
        "2021-08-12",
        "The firm earned $9 million in the year ended June 30, and expects more.",
    );
    assert!(has(&r, "the year|Duration|P1Y"), "{r:?}");
}

#[test]
fn year_quarter_is_not_a_count_of_quarters() {
    let r = run("2021-08-12", "Revenue in the 2019 quarter was lower.");
    assert!(has(&r, "the 2019 quarter|Date|2019-QX"), "{r:?}");
}

#[test]
fn weekday_after_a_future_construction_is_ahead() {
    // 2021-08-12 is a Thursday
    let r = run(
        "2021-08-12",
        "The talks are set to resume Monday in Geneva. The ferry is scheduled to sail Tuesday.",
    );
    assert!(has(&r, "Monday|Date|2021-08-16"), "{r:?}");
    assert!(has(&r, "Tuesday|Date|2021-08-17"), "{r:?}");
}

#[test]
fn due_to_and_next_to_are_not_future_cues() {
    let r = run(
        "2021-08-12",
        "A car bomb exploded next to the court on Monday, due to a faulty timer.",
    );
    assert!(has(&r, "Monday|Date|2021-08-09"), "{r:?}");
}

#[test]
fn future_seen_from_the_past_stays_past() {
    let r = run(
        "2021-08-12",
        "The offer had been due to expire Monday but was extended.",
    );
    assert!(has(&r, "Monday|Date|2021-08-09"), "{r:?}");
}

#[test]
fn present_tense_month_takes_the_nearer_year() {
    let r = run(
        "2021-11-02",
        "The dividend is payable Jan. 5 to holders of record.",
    );
    assert!(has(&r, "Jan. 5|Date|2022-01-05"), "{r:?}");
}

#[test]
fn the_weekend_in_a_past_clause_is_the_one_just_past() {
    // 2021-08-16 is a Monday (ISO week 33)
    let r = run(
        "2021-08-16",
        "Over the weekend, rescuers reached two hikers.",
    );
    assert!(has(&r, "the weekend|Date|2021-W32-WE"), "{r:?}");
    let r = run("2021-08-16", "Lunch with the team the weekend.");
    assert!(has(&r, "the weekend|Date|2021-W33-WE"), "{r:?}");
}

#[test]
fn weekday_with_a_date_before_a_colon() {
    let r = run(
        "2021-08-12",
        "The paper wrote in an editorial on Friday, Aug. 13: the vote matters.",
    );
    assert!(has(&r, "Friday, Aug. 13|Date|2021-08-13"), "{r:?}");
}

#[test]
fn weekday_then_an_ordinal_noun_is_not_a_day_of_month() {
    let r = run(
        "2021-08-12",
        "Shares fell again Tuesday, the third decline this month.",
    );
    assert!(has(&r, "Tuesday|Date|2021-08-10"), "{r:?}");
}

#[test]
fn half_hours_keep_their_hours() {
    let r = run("2021-08-12", "The meeting lasted 3 1/2 hours.");
    assert!(has(&r, "3 1/2 hours|Duration|PT3H30M"), "{r:?}");
}

#[test]
fn quarters_named_against_other_years() {
    let r = run(
        "2021-08-12",
        "In the year-ago second quarter the bank lost money; it expects growth in next year's \
         first quarter. For the quarter a year earlier, it reported a loss.",
    );
    assert!(has(&r, "the year-ago second quarter|Date|2020-Q2"), "{r:?}");
    assert!(has(&r, "next year's first quarter|Date|2022-Q1"), "{r:?}");
    assert!(has(&r, "the quarter a year earlier|Date|2020-Q2"), "{r:?}");
}

#[test]
fn years_said_in_words() {
    let r = run(
        "2021-08-12",
        "By the year two thousand the dam was finished. March nineteen eighty-two was cold.",
    );
    assert!(has(&r, "the year two thousand|Date|2000"), "{r:?}");
    assert!(has(&r, "March nineteen eighty-two|Date|1982-03"), "{r:?}");
}

#[test]
fn counts_with_a_word_before_the_unit() {
    let r = run(
        "2021-08-12",
        "The team stays two more weeks; prices rose for five straight days over the next \
         couple of years.",
    );
    assert!(has(&r, "two more weeks|Duration|P2W"), "{r:?}");
    assert!(has(&r, "five straight days|Duration|P5D"), "{r:?}");
    assert!(has(&r, "the next couple of years|Duration|P2Y"), "{r:?}");
}

#[test]
fn effective_dates_lie_ahead() {
    let r = run(
        "2021-10-20",
        "The board named a new chief, effective Feb. 1, and a deadline of Monday.",
    );
    assert!(has(&r, "Feb. 1|Date|2022-02-01"), "{r:?}");
    assert!(has(&r, "Monday|Date|2021-10-25"), "{r:?}");
}

#[test]
fn would_and_as_soon_as_point_ahead() {
    // 2021-08-12 is a Thursday
    let r = run(
        "2021-08-12",
        "The envoy would be flying to Oslo Monday. Talks could start as soon as Tuesday.",
    );
    assert!(has(&r, "Monday|Date|2021-08-16"), "{r:?}");
    assert!(has(&r, "Tuesday|Date|2021-08-17"), "{r:?}");
}

#[test]
fn current_fiscal_year_is_this_year() {
    let r = run(
        "2021-08-12",
        "Sales in the current fiscal year will be flat.",
    );
    assert!(has(&r, "the current fiscal year|Date|2021"), "{r:?}");
}

#[test]
fn following_year_counts_from_the_last_written_date() {
    let r = run(
        "2021-08-12",
        "She joined the navy on June 3, 2004, and the following year she sailed to Japan.",
    );
    assert!(has(&r, "the following year|Date|2005"), "{r:?}");
    let r = run("2021-08-12", "The following month, prices fell.");
    assert!(has(&r, "The following month|Date|2021-09"), "{r:?}");
}

#[test]
fn a_day_and_its_clock_time_are_one_time() {
    let r = run(
        "2022-03-09",
        "Ferries sail tomorrow at 7.15pm and the museum shuts today at 5p, \
         but the band plays tonight at 10.",
    );
    assert!(has(&r, "tomorrow at 7.15pm|Time|2022-03-10T19:15"), "{r:?}");
    assert!(has(&r, "today at 5p|Time|2022-03-09T17"), "{r:?}");
    assert!(has(&r, "tonight at 10|Time|2022-03-09T22"), "{r:?}");
}

#[test]
fn a_decimal_is_not_a_clock_time() {
    let r = run(
        "2022-03-09",
        "Inflation rose 7.15 percent and the index hit 6.45.",
    );
    assert!(!r.iter().any(|x| x.contains("|Time|")), "{r:?}");
}

#[test]
fn clock_ranges_on_a_day() {
    let r = run(
        "2022-03-09",
        "The clinic opens tomorrow from 9 to 11:30am, the vote will run between 3 and 6 on \
         Friday, and the fair will open Sunday 10-4.",
    );
    assert!(
        has(
            &r,
            "tomorrow from 9 to 11:30am|Time|(2022-03-10T09,2022-03-10T11:30,PT2H30M)"
        ),
        "{r:?}"
    );
    assert!(
        has(
            &r,
            "between 3 and 6 on Friday|Time|(2022-03-11T03,2022-03-11T06,PT3H)"
        ),
        "{r:?}"
    );
    assert!(
        has(&r, "Sunday 10-4|Time|(2022-03-13T10,2022-03-13T16,PT6H)"),
        "{r:?}"
    );
}

#[test]
fn bare_number_ranges_without_a_day_are_not_times() {
    let r = run(
        "2022-03-09",
        "The team won between 3 and 6 matches, scoring 10-4.",
    );
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn ranges_of_dates_are_one_interval() {
    let r = run(
        "2022-03-09",
        "The festival will run from March to May, the census covers 2011-2021, exams will \
         fall on June 14-16 and repairs lasted 3 to 9 of January 2020 and Dec 28-Jan 4, 2019.",
    );
    assert!(
        has(
            &r,
            "from March to May|Duration|(2022-03-01,2022-05-01,P2M)|max=2022-05"
        ),
        "{r:?}"
    );
    assert!(
        has(
            &r,
            "2011-2021|Duration|(2011-01-01,2021-01-01,P10Y)|max=2021"
        ),
        "{r:?}"
    );
    assert!(
        has(
            &r,
            "June 14-16|Duration|(2022-06-14,2022-06-16,P2D)|max=2022-06-16"
        ),
        "{r:?}"
    );
    assert!(
        has(
            &r,
            "3 to 9 of January 2020|Duration|(2020-01-03,2020-01-09,P6D)|max=2020-01-09"
        ),
        "{r:?}"
    );
    assert!(
        has(
            &r,
            "Dec 28-Jan 4, 2019|Duration|(2018-12-28,2019-01-04,P7D)|max=2019-01-04"
        ),
        "{r:?}"
    );
    // the ends stay as their own expressions (TimeML annotates them one by one)
    assert!(
        has(&r, "2011|Date|2011") && has(&r, "2021|Date|2021"),
        "{r:?}"
    );
}

#[test]
fn numbers_joined_by_dashes_are_not_year_ranges() {
    let r = run("2022-03-09", "Call 555-2010-2015 or fax 2010-2015-44.");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn offsets_count_from_the_day_named() {
    let r = run(
        "2022-03-09",
        "The loan is due 3 days after March 30, the vote falls two weeks before Christmas \
         and the audit ends 4 months from tomorrow.",
    );
    assert!(has(&r, "3 days after March 30|Date|2022-04-02"), "{r:?}");
    assert!(
        has(&r, "two weeks before Christmas|Date|2022-12-11"),
        "{r:?}"
    );
    assert!(has(&r, "4 months from tomorrow|Date|2022-07-10"), "{r:?}");
}

#[test]
fn offsets_keep_the_last_day_of_a_short_month() {
    let r = run(
        "2022-03-09",
        "Payment is due one month after January 31, 2022.",
    );
    assert!(
        has(&r, "one month after January 31, 2022|Date|2022-02-28"),
        "{r:?}"
    );
}

#[test]
fn weeks_counted_in_a_month_or_year() {
    let r = run(
        "2022-03-09",
        "Talks will resume in the first week of 2023. The fair will open in the second week \
         of July. Work will start in week 31 and end in the last week of 2022.",
    );
    assert!(has(&r, "the first week of 2023|Date|2023-W01"), "{r:?}");
    assert!(has(&r, "the second week of July|Date|2022-07-W02"), "{r:?}");
    assert!(has(&r, "the last week of 2022|Date|2022-W52"), "{r:?}");
    assert!(has(&r, "week 31|Date|2022-W31"), "{r:?}");
}

#[test]
fn numeric_dates_in_lists_and_names() {
    let r = run(
        "2022-03-09",
        "Pick 3/21, 3/24 or 25/03 for the visit; the log is in backup-2021-11-30.tar and \
         the memo is dated Apr/5.",
    );
    assert!(has(&r, "3/21|Date|2022-03-21"), "{r:?}");
    assert!(has(&r, "3/24|Date|2022-03-24"), "{r:?}");
    assert!(has(&r, "25/03|Date|2022-03-25"), "{r:?}");
    assert!(has(&r, "2021-11-30|Date|2021-11-30"), "{r:?}");
    assert!(r.iter().any(|x| x.starts_with("Apr/5|Date|")), "{r:?}");
}

#[test]
fn fractions_and_long_numbers_are_not_dates() {
    let r = run(
        "2022-03-09",
        "Mix 3/4 cup of flour; order 12/25/7 and part 2021-11-30-7.",
    );
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn a_range_from_a_year_to_a_day_counts_days() {
    let r = run(
        "2022-03-09",
        "Sales from 2021 through March 2, 2022 doubled.",
    );
    assert!(
        has(
            &r,
            "from 2021 through March 2, 2022|Duration|(2021-01-01,2022-03-02,P425D)|max=2022-03-02"
        ),
        "{r:?}"
    );
}

#[test]
fn a_weekday_in_a_named_week_or_with_its_date() {
    let r = run(
        "2022-03-09",
        "The board meets next week on Tuesday, the panel on Friday of next week, and the \
         jury on Monday 3/14.",
    );
    assert!(has(&r, "next week on Tuesday|Date|2022-03-15"), "{r:?}");
    assert!(has(&r, "Friday of next week|Date|2022-03-18"), "{r:?}");
    assert!(has(&r, "Monday 3/14|Date|2022-03-14"), "{r:?}");
}

#[test]
fn clock_times_after_parts_of_day_weekly_sets_and_limits() {
    let r = run(
        "2022-03-09",
        "Guards patrol Tuesdays at 9pm. Ships leave in the evening at 8. Bids close \
         tomorrow before 4pm and the desk opens Sat at 10.",
    );
    assert!(has(&r, "Tuesdays at 9pm|Set|XXXX-WXX-2T21"), "{r:?}");
    assert!(has(&r, "in the evening at 8|Time|T20"), "{r:?}");
    assert!(has(&r, "tomorrow before 4pm|Time|2022-03-10T16"), "{r:?}");
    assert!(r.iter().any(|x| x.starts_with("Sat at 10|Time|")), "{r:?}");
}

#[test]
fn a_stretch_that_begins_on_a_day() {
    let r = run(
        "2022-03-09",
        "The road will close for 3 days from tomorrow and the fair will run a week starting \
         March 20.",
    );
    assert!(
        has(
            &r,
            "for 3 days from tomorrow|Duration|(2022-03-10,2022-03-13,P3D)|max=2022-03-13"
        ),
        "{r:?}"
    );
    assert!(
        has(
            &r,
            "a week starting March 20|Duration|(2022-03-20,2022-03-27,P1W)|max=2022-03-27"
        ),
        "{r:?}"
    );
}

#[test]
fn end_of_year_without_an_article() {
    let r = run("2022-03-09", "The plant will shut by end of year.");
    assert!(has(&r, "end of year|Date|2022|END"), "{r:?}");
}

#[test]
fn a_range_of_months_reads_as_one_stretch() {
    let r = run(
        "2022-09-07",
        "The season ran from Nov to March. Works will go on from next Monday to Friday.",
    );
    assert!(
        has(
            &r,
            "from Nov to March|Duration|(2021-11-01,2022-03-01,P4M)|max=2022-03"
        ),
        "{r:?}"
    );
    assert!(
        has(
            &r,
            "from next Monday to Friday|Duration|(2022-09-12,2022-09-16,P4D)|max=2022-09-16"
        ),
        "{r:?}"
    );
}

#[test]
fn dates_with_a_month_name_between_separators_or_a_later_year() {
    let r = run(
        "2022-03-09",
        "Files dated Oct-23-2020, 2019/aug/01 and 23/Sep/2020 were kept; the deadline was \
         28 june in 2020 and the trial ran from april to June in 2017. It ended a fortnight later.",
    );
    assert!(has(&r, "Oct-23-2020|Date|2020-10-23"), "{r:?}");
    assert!(has(&r, "2019/aug/01|Date|2019-08-01"), "{r:?}");
    assert!(has(&r, "23/Sep/2020|Date|2020-09-23"), "{r:?}");
    assert!(has(&r, "28 june in 2020|Date|2020-06-28"), "{r:?}");
    assert!(has(&r, "June in 2017|Date|2017-06"), "{r:?}");
    assert!(
        has(
            &r,
            "from april to June in 2017|Duration|(2017-04-01,2017-06-01,P2M)|max=2017-06"
        ),
        "{r:?}"
    );
    assert!(has(&r, "a fortnight later|Date|2022-03-23"), "{r:?}");
}

#[test]
fn past_weekday_is_the_latest_one() {
    // 2022-03-11 is a Friday
    let r = run("2022-03-11", "The fire started this past Wednesday.");
    assert!(has(&r, "this past Wednesday|Date|2022-03-09"), "{r:?}");
}

#[test]
fn days_and_years_said_as_numbers_after_a_month() {
    let r = run(
        "2022-03-09",
        "The bridge opened on March twelve nineteen seventy two. In June two people left.",
    );
    assert!(
        has(&r, "March twelve nineteen seventy two|Date|1972-03-12"),
        "{r:?}"
    );
    assert!(has(&r, "June|Date|2021-06"), "{r:?}");
}

#[test]
fn moveable_feasts_and_days_after_a_rule() {
    let r = run(
        "2022-03-09",
        "Shops opened on black friday 2021 and will close on Easter Monday; the parade is on \
         easter 2023.",
    );
    assert!(has(&r, "black friday 2021|Date|2021-11-26"), "{r:?}");
    assert!(has(&r, "Easter Monday|Date|2022-04-18"), "{r:?}");
    assert!(has(&r, "easter 2023|Date|2023-04-09"), "{r:?}");
    assert_eq!(easter(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
}

#[test]
fn a_holiday_season_is_not_the_holiday() {
    let r = run("2022-03-09", "Traffic peaks in Easter week.");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn minutes_counted_from_an_hour_and_loose_hours() {
    let r = run(
        "2022-03-09",
        "The bell rang at half past seven, the bus left at 10 past 9, lunch is at a quarter \
         to one and tea at 4ish. Two to four people came.",
    );
    assert!(has(&r, "half past seven|Time|T07:30"), "{r:?}");
    assert!(has(&r, "10 past 9|Time|T09:10"), "{r:?}");
    assert!(has(&r, "a quarter to one|Time|T00:45"), "{r:?}");
    assert!(has(&r, "4ish|Time|T04"), "{r:?}");
    assert!(!r.iter().any(|x| x.starts_with("Two to four")), "{r:?}");
}

#[test]
fn month_and_year_in_numbers() {
    let r = run(
        "2022-03-09",
        "Sales peaked in 12-2015 and fell in 2016-3 and Dec, 2018.",
    );
    assert!(has(&r, "12-2015|Date|2015-12"), "{r:?}");
    assert!(has(&r, "2016-3|Date|2016-03"), "{r:?}");
    assert!(has(&r, "Dec, 2018|Date|2018-12"), "{r:?}");
}

#[test]
fn clock_times_with_a_stretch_or_a_part_of_day() {
    let r = run(
        "2022-03-09",
        "The hall is booked on 14th Mar for 3 hours from 9:30am. Talks run 5 to seven in the \
         morning. The ferry left on Tuesday by 2 in the afternoon. She woke at one in the \
         morning; her temperature was 37.1 in the morning.",
    );
    assert!(
        has(
            &r,
            "14th Mar for 3 hours from 9:30am|Time|(2022-03-14T09:30,2022-03-14T12:30:00,PT3H)"
        ),
        "{r:?}"
    );
    assert!(
        has(&r, "5 to seven in the morning|Time|(T05,T07,PT2H)"),
        "{r:?}"
    );
    assert!(
        has(&r, "Tuesday by 2 in the afternoon|Time|2022-03-08T14"),
        "{r:?}"
    );
    assert!(has(&r, "one in the morning|Time|T01"), "{r:?}");
    assert!(
        !r.iter().any(|x| x.starts_with("1 in the morning")),
        "{r:?}"
    );
}

#[test]
fn a_clock_time_for_a_while_needs_from() {
    let r = run("2022-03-09", "We meet at 2pm for 1 hr.");
    assert!(has(&r, "2pm|Time|T14"), "{r:?}");
}

#[test]
fn ranges_of_numeric_dates() {
    let r = run(
        "2022-03-09",
        "Polls open from 4/1 to 4/7 and close between 5/2-5/9; the audit covered \
         from 10/1/2021-10/7/2021. Mix 1/2 to 3/4 cup.",
    );
    assert!(
        has(
            &r,
            "from 4/1 to 4/7|Duration|(2022-04-01,2022-04-07,P6D)|max=2022-04-07"
        ),
        "{r:?}"
    );
    assert!(
        has(
            &r,
            "between 5/2-5/9|Duration|(2022-05-02,2022-05-09,P7D)|max=2022-05-09"
        ),
        "{r:?}"
    );
    assert!(
        has(
            &r,
            "from 10/1/2021-10/7/2021|Duration|(2021-10-01,2021-10-07,P6D)|max=2021-10-07"
        ),
        "{r:?}"
    );
    assert!(!r.iter().any(|x| x.contains("3/4")), "{r:?}");
}

#[test]
fn edges_of_parts_of_day_and_ordinals_after_a_comma() {
    let r = run(
        "2022-03-09",
        "Fog lifts by late afternoon. The vote is on October, 1st, in the 2nd week of Nov.",
    );
    assert!(has(&r, "late afternoon|Time|TAF"), "{r:?}");
    assert!(
        r.iter().any(|x| x.starts_with("October, 1st|Date|")),
        "{r:?}"
    );
    assert!(
        r.iter()
            .any(|x| x.starts_with("the 2nd week of Nov") && x.ends_with("-11-W02")),
        "{r:?}"
    );
}

#[test]
fn a_bare_part_of_day_is_no_time() {
    let r = run("2022-03-09", "Morning papers told of a night in jail.");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn the_weekend_of_a_holiday() {
    let r = run(
        "2022-03-09",
        "Traffic jams are expected on Labor Day weekend and on the weekend of Halloween.",
    );
    // Labor Day 2022 is Monday 5 September: its weekend is the one before
    assert!(has(&r, "Labor Day weekend|Date|2022-W35-WE"), "{r:?}");
    // Halloween 2022 is a Monday too
    assert!(
        has(&r, "the weekend of Halloween|Date|2022-W43-WE"),
        "{r:?}"
    );
}

#[test]
fn next_and_last_parts_of_day() {
    let r = run(
        "2022-03-09",
        "We will meet next evening between 7 and 9. The day after, the next morning was calm.",
    );
    assert!(
        has(
            &r,
            "next evening between 7 and 9|Time|(2022-03-10T19,2022-03-10T21,PT2H)"
        ),
        "{r:?}"
    );
    assert!(!r.iter().any(|x| x.starts_with("next morning")), "{r:?}");
}

#[test]
fn halves_of_the_day_and_hours_in_words_with_am_pm() {
    let r = run(
        "2022-03-09",
        "Call me tomorrow am. The gala is on Friday the eleventh at six pm.",
    );
    assert!(has(&r, "tomorrow am|Time|2022-03-10TMO"), "{r:?}");
    assert!(
        has(&r, "Friday the eleventh at six pm|Time|2022-03-11T18"),
        "{r:?}"
    );
}

#[test]
fn a_weekday_part_of_day_in_a_named_week() {
    let r = run("2022-03-09", "The concert is on Friday evening next week.");
    assert!(
        has(&r, "Friday evening next week|Time|2022-03-18TEV"),
        "{r:?}"
    );
}

#[test]
fn last_and_next_holidays_and_a_clock_after_a_part_of_day() {
    let r = run(
        "2022-03-09",
        "Sales dipped last Easter and will rise by next Christmas. The market will open Sunday \
         late evening at 10.",
    );
    assert!(has(&r, "last Easter|Date|2021-04-04"), "{r:?}");
    assert!(has(&r, "next Christmas|Date|2022-12-25"), "{r:?}");
    assert!(
        has(&r, "Sunday late evening at 10|Time|2022-03-13T22"),
        "{r:?}"
    );
}

#[test]
fn a_counted_day_of_a_month() {
    let r = run(
        "2022-03-09",
        "Rent is due on the 15th day of next month, fees on the tenth day of the month, and \
         the hearing is on the twenty third day of September. We leave tmrw.",
    );
    assert!(
        has(&r, "the 15th day of next month|Date|2022-04-15"),
        "{r:?}"
    );
    assert!(
        has(&r, "the tenth day of the month|Date|2022-03-10"),
        "{r:?}"
    );
    assert!(
        r.iter()
            .any(|x| x.starts_with("the twenty third day of September|Date|")),
        "{r:?}"
    );
    assert!(has(&r, "tmrw|Date|2022-03-10"), "{r:?}");
}

#[test]
fn one_end_of_a_clock_range_dates_the_other() {
    let r = run(
        "2022-03-09",
        "The drill runs between 2:00 tomorrow and 4:00.",
    );
    assert!(
        has(&r, "between 2:00 tomorrow and 4:00|Time|(2022-03-10T02:00,2022-03-10T04:00,PT2H)|max=2022-03-10T04:00"),
        "{r:?}"
    );
}

#[test]
fn a_weekday_with_plural_part_of_day_is_a_set() {
    let r = run("2022-03-09", "The market opens Friday mornings.");
    assert!(has(&r, "Friday mornings|Set|XXXX-WXX-5TMO"), "{r:?}");
}

#[test]
fn half_yearly_and_two_monthly_sets() {
    let r = run(
        "2022-03-09",
        "The board meets semi-annually and reports bi-monthly.",
    );
    assert!(has(&r, "semi-annually|Set|P0.5Y"), "{r:?}");
    assert!(has(&r, "bi-monthly|Set|P2M"), "{r:?}");
}

#[test]
fn a_day_and_a_bare_month_abbreviation() {
    let r = run("2022-03-09", "Is it 14 nov? Pages 3 dec were torn.");
    assert!(
        r.iter()
            .any(|x| x.starts_with("14 nov|Date|") && x.ends_with("-11-14")),
        "{r:?}"
    );
    assert!(!r.iter().any(|x| x.starts_with("3 dec")), "{r:?}");
}

#[test]
fn clock_times_said_in_words_after_a_day() {
    let r = run(
        "2022-03-09",
        "Boarding is on March twentieth nine thirty, the call tomorrow at one fifteen p m. \
         On Friday nine people left.",
    );
    assert!(
        r.iter()
            .any(|x| x.starts_with("March twentieth nine thirty|Time|")
                && x.ends_with("-03-20T09:30")),
        "{r:?}"
    );
    assert!(
        has(&r, "tomorrow at one fifteen p m|Time|2022-03-10T13:15"),
        "{r:?}"
    );
    assert!(r.iter().any(|x| x.starts_with("Friday|Date|")), "{r:?}");
}

#[test]
fn years_said_with_hundred() {
    let r = run(
        "2022-03-09",
        "The town was founded on 6 April seventeen hundred thirty three and rebuilt on \
         13 Sept nineteen seventy two.",
    );
    assert!(
        has(&r, "6 April seventeen hundred thirty three|Date|1733-04-06"),
        "{r:?}"
    );
    assert!(
        has(&r, "13 Sept nineteen seventy two|Date|1972-09-13"),
        "{r:?}"
    );
}

#[test]
fn to_date_is_the_present_but_up_to_date_is_not() {
    let r = run(
        "2022-03-09",
        "Sales to date are up. Keep the list up to date; see date 4.",
    );
    assert_eq!(r, vec!["to date|Date|PRESENT_REF"]);
}

#[test]
fn years_said_in_words_after_in() {
    let r = run(
        "2022-03-09",
        "The mill closed in nineteen eighty four and reopened in two thousand and nine. In two \
         thousand and nine trials nothing changed.",
    );
    assert_eq!(
        r,
        vec![
            "nineteen eighty four|Date|1984",
            "two thousand and nine|Date|2009"
        ]
    );
}

#[test]
fn clock_ranges_said_in_words() {
    let r = run(
        "2022-03-09",
        "Visits run from two thirty to four fifteen; from two to three people.",
    );
    assert_eq!(
        r,
        vec!["from two thirty to four fifteen|Time|(T02:30,T04:15,PT1H45M)"]
    );
}

#[test]
fn huge_counts_give_no_date_and_no_panic() {
    for text in [
        "The feud began 999999,999 days ago.",
        "The fair opens 999999,999 weeks after Monday.",
        "The fair opens 999999,999 months before Easter.",
    ] {
        let r = run("2021-08-12", text);
        // the offset gives no date (the count alone may still be a duration)
        assert!(
            r.iter()
                .all(|t| !(t.starts_with("999999,999") && t.contains("|Date|"))),
            "{text}: {r:?}"
        );
    }
    // a count in range still gives its day
    assert_eq!(
        run("2021-08-12", "The fair opened 3 days after Monday."),
        vec!["3 days after Monday|Date|2021-08-12"]
    );
}

#[test]
fn a_long_chain_of_anchors_is_read_to_a_bounded_depth() {
    // without a bound each "after" nests one more parse: thousands overflow the stack
    let text = format!("The fair ends {}Monday.", "1 day after ".repeat(3000));
    let r = run("2021-08-12", &text);
    assert!(!r.is_empty());
    assert_eq!(
        run("2021-08-12", "It ended 2 days after 3 days after Monday."),
        vec!["2 days after 3 days after Monday|Date|2021-08-14"]
    );
}

#[test]
fn every_range_word_joins_month_ranges() {
    // one list of range words (data/lexicon.tsv `rangeto`) serves every range grammar
    for w in ["to", "through", "thru", "until"] {
        let r = run(
            "2013-05-02",
            &format!("The works run from Oct {w} February."),
        );
        assert!(r.iter().any(|t| t.contains("|max=")), "{w}: {r:?}");
    }
}

#[test]
fn meals_after_a_preposition_and_meal_times() {
    let r = run(
        "2023-03-14",
        "The envoys talked over dinner, then met again after breakfast and before lunch; \
         the vote came at lunchtime.",
    );
    assert!(!r.iter().any(|x| x.starts_with("dinner")), "{r:?}");
    assert!(has(&r, "after breakfast|Time|TMEB"), "{r:?}");
    assert!(has(&r, "before lunch|Time|TMEL"), "{r:?}");
    assert!(has(&r, "lunchtime|Time|TMEL"), "{r:?}");
}

#[test]
fn the_end_of_a_named_day_is_its_last_second() {
    let r = run(
        "2023-03-14",
        "The offer lapses at the end of tomorrow, and the office closes its books by end of day.",
    );
    assert!(
        has(&r, "the end of tomorrow|Time|2023-03-15T23:59:59"),
        "{r:?}"
    );
    assert!(has(&r, "end of day|Time|2023-03-14T23:59:59"), "{r:?}");
}

#[test]
fn parts_of_day_repeated_and_unanchored_spans() {
    let r = run(
        "2023-03-14",
        "Guards patrol every night and drill every morning; it rained the same week, and the \
         fund reports semiannual results for this calendar year.",
    );
    assert!(has(&r, "every night|Set|TNI"), "{r:?}");
    assert!(has(&r, "every morning|Set|TMO"), "{r:?}");
    assert!(has(&r, "the same week|Date|XXXX-WXX"), "{r:?}");
    assert!(has(&r, "semiannual|Set|P0.5Y"), "{r:?}");
    assert!(has(&r, "this calendar year|Date|2023"), "{r:?}");
}

#[test]
fn halves_and_quarters_of_units() {
    let r = run(
        "2023-03-14",
        "The hearing ran one hour and a half, the strike lasted one and a half years, the \
         audit took a year and a quarter, the count took a minute and a half and the trial \
         2 1/2 years.",
    );
    assert!(has(&r, "one hour and a half|Duration|PT1.5H"), "{r:?}");
    assert!(has(&r, "one and a half years|Duration|P1.5Y"), "{r:?}");
    assert!(has(&r, "a year and a quarter|Duration|P1.25Y"), "{r:?}");
    assert!(has(&r, "a minute and a half|Duration|PT1M30S"), "{r:?}");
    assert!(has(&r, "2 1/2 years|Duration|P2Y6M"), "{r:?}");
}

#[test]
fn short_unit_letters_nights_and_a_bare_day_of_month() {
    let r = run(
        "2023-03-14",
        "The crew rested for 4h, the trial ran 6W, the guests booked three nights at $90 a \
         night, and the vote is on the 22nd.",
    );
    assert!(has(&r, "4h|Duration|PT4H"), "{r:?}");
    assert!(has(&r, "6W|Duration|P6W"), "{r:?}");
    assert!(has(&r, "three nights|Duration|P3D"), "{r:?}");
    assert!(!r.iter().any(|x| x.starts_with("a night")), "{r:?}");
    assert!(has(&r, "the 22nd|Date|XXXX-XX-22"), "{r:?}");
    let r = run(
        "2023-03-14",
        "She finished the 22nd race and left with 3d glasses.",
    );
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn the_day_and_the_month_at_the_end_of_a_sentence() {
    let r = run("2023-03-14", "The chairman is away for the month");
    assert_eq!(r, vec!["the month|Date|2023-03"]);
    let r = run("2023-03-14", "The month ahead looks calm.");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn work_weeks_mornings_and_the_hour() {
    let r = run(
        "2023-03-14",
        "The plant shuts this working week; crews drill in the mornings, and the line stays \
         down for the hour.",
    );
    assert!(has(&r, "this working week|Date|2023-W11"), "{r:?}");
    assert!(has(&r, "in the mornings|Time|TMO"), "{r:?}");
    assert!(has(&r, "for the hour|Duration|PT1H"), "{r:?}");
}

#[test]
fn a_day_past_the_end_of_its_month_is_kept_as_written() {
    let r = run(
        "2023-03-14",
        "The forged memo was dated April 31 2021, and a second one Feb 30.",
    );
    assert!(has(&r, "April 31 2021|Date|2021-04-31"), "{r:?}");
    assert!(has(&r, "Feb 30|Date|XXXX-02-30"), "{r:?}");
}

#[test]
fn plural_parts_of_day_repeat_and_twelve_noon() {
    let r = run(
        "2023-03-14",
        "The clinic opens mornings and on Tuesday evenings; the vote closes at 12 noon.",
    );
    assert!(has(&r, "mornings|Set|TMO"), "{r:?}");
    assert!(has(&r, "Tuesday evenings|Set|XXXX-WXX-2TEV"), "{r:?}");
    assert!(has(&r, "12 noon|Time|T12"), "{r:?}");
}

#[test]
fn a_two_digit_year_after_of_ends_the_phrase() {
    let r = run("2023-03-14", "She was born in May of 64.");
    assert_eq!(r, vec!["May of 64|Date|1964-05"]);
    let r = run("2023-03-14", "He sold it in May of 22, then left.");
    assert!(has(&r, "May of 22|Date|2022-05"), "{r:?}");
    let r = run("2023-03-14", "In May of 64 units sold, most were red.");
    assert!(!r.iter().any(|x| x.contains("1964")), "{r:?}");
}
