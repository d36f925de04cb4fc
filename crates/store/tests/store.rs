//! Store behaviour on hand-built documents (texts written for these tests).

use chrono::NaiveDate;
use tidings_core::{Argument, Document, Event, Evidence, Modality, Place};
use tidings_store::{export, EventQuery, IngestOutcome, Store, StoreError, SCHEMA_VERSION};

struct Ev<'a> {
    kind: &'a str,
    cameo: &'a str,
    trigger: &'a str,
    source: Option<(&'a str, Option<&'a str>)>,
    target: Option<(&'a str, Option<&'a str>)>,
    place: Option<(&'a str, f64, f64, &'a str)>,
    modality: Modality,
    confidence: f32,
    negated: bool,
}

impl Default for Ev<'_> {
    fn default() -> Self {
        Ev {
            kind: "ASSAULT",
            cameo: "180",
            trigger: "",
            source: None,
            target: None,
            place: None,
            modality: Modality::Asserted,
            confidence: 0.8,
            negated: false,
        }
    }
}

fn arg(text: &str, (word, code): (&str, Option<&str>)) -> Argument {
    let start = text.find(word).expect("argument in text");
    Argument {
        text: word.into(),
        start,
        end: start + word.len(),
        entity: None,
        actor_code: code.map(String::from),
    }
}

fn doc(id: &str, date: &str, source: &str, text: &str, events: &[Ev<'_>]) -> Document {
    let mut d = Document::new(id, text);
    d.date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    d.source = Some(source.into());
    for (i, e) in events.iter().enumerate() {
        let t = text.find(e.trigger).expect("trigger in text");
        let place = e.place.map(|(name, lat, lon, cc)| {
            let s = text.find(name).expect("place in text");
            let id = format!("p{}", d.places.len() + 1);
            d.places.push(Place {
                id: id.clone(),
                text: name.into(),
                start: s,
                end: s + name.len(),
                name: name.into(),
                lat: Some(lat),
                lon: Some(lon),
                country: Some(cc.into()),
                precision: "city".into(),
                confidence: 0.9,
                ..Default::default()
            });
            id
        });
        d.events.push(Event {
            id: format!("ev{}", i + 1),
            kind: e.kind.into(),
            cameo: e.cameo.into(),
            trigger: Evidence::from_span(text, tidings_core::Span::new(t, t + e.trigger.len())),
            source: e.source.map(|a| arg(text, a)),
            target: e.target.map(|a| arg(text, a)),
            place,
            modality: e.modality,
            confidence: e.confidence,
            negated: e.negated,
            ..Default::default()
        });
    }
    d
}

const LAKEPORT: (&str, f64, f64, &str) = ("Lakeport", -1.29, 36.82, "KE");

const WIRE: &str = "Gunmen attacked a police checkpoint on the road out of Lakeport on Monday, \
    killing three officers and wounding two others, the interior ministry said in a statement. \
    The attackers fled toward the hills before reinforcements arrived, according to local officials.";

/// Two outlets printing the same wire story, one independent report of the same attack, and two
/// unrelated events.
fn corpus() -> Vec<Document> {
    let attack = |trigger| Ev {
        trigger,
        source: Some(("Gunmen", None)),
        target: Some(("police", Some("KENCOP"))),
        place: Some(LAKEPORT),
        ..Default::default()
    };
    let copy = format!("{WIRE} Reporting by the regional desk; editing by the night staff.");
    let independent = "Three police officers died when armed men stormed a checkpoint near \
        Lakeport early on Monday, a hospital official told reporters. Residents said they heard \
        gunfire for nearly an hour and that the road stayed closed until the afternoon.";
    let mut b = attack("stormed");
    b.source = Some(("armed men", None));
    b.target = Some(("police", Some("KEN")));
    b.place = Some(("Lakeport", -1.31, 36.80, "KE"));
    b.confidence = 0.95;
    let far = "Armed men attacked a bus depot in Port Amani on Monday, police said, adding that \
        nobody was hurt in the raid.";
    let protest = "Hundreds of teachers marched through Lakeport on Saturday to demand higher \
        pay, and union leaders promised further protests.";
    vec![
        doc(
            "outlet-a-1",
            "2024-05-06",
            "https://a.example/attack",
            WIRE,
            &[attack("attacked")],
        ),
        doc(
            "outlet-b-7",
            "2024-05-07",
            "https://b.example/7",
            &copy,
            &[attack("attacked")],
        ),
        doc(
            "outlet-c-3",
            "2024-05-06",
            "https://c.example/3",
            independent,
            &[b],
        ),
        doc(
            "outlet-d-2",
            "2024-05-06",
            "https://d.example/2",
            far,
            &[Ev {
                trigger: "attacked",
                place: Some(("Port Amani", -4.04, 39.67, "KE")),
                modality: Modality::Claimed,
                confidence: 0.5,
                ..Default::default()
            }],
        ),
        doc(
            "outlet-a-2",
            "2024-05-11",
            "https://a.example/march",
            protest,
            &[
                Ev {
                    kind: "PROTEST",
                    cameo: "141",
                    trigger: "marched",
                    source: Some(("teachers", Some("KENEDU"))),
                    place: Some(LAKEPORT),
                    ..Default::default()
                },
                Ev {
                    kind: "PROTEST",
                    cameo: "141",
                    trigger: "protests",
                    modality: Modality::Planned,
                    negated: true,
                    ..Default::default()
                },
            ],
        ),
    ]
}

fn filled() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    for d in corpus() {
        assert!(matches!(
            s.ingest(&d).unwrap(),
            IngestOutcome::Stored { .. }
        ));
    }
    s
}

#[test]
fn syndicated_copies_and_an_independent_report_are_one_event_with_two_sources() {
    let s = filled();
    let page = s
        .events(&EventQuery {
            kind: Some("ASSAULT".into()),
            ..Default::default()
        })
        .unwrap();
    // The Lakeport attack (3 articles) and the Port Amani attack: 2 events, not 4.
    assert_eq!(page.total, 2, "{:#?}", page.items);
    let c = &page.items[0];
    assert_eq!(c.place.as_deref(), Some("Lakeport"));
    assert_eq!((c.num_mentions, c.num_articles, c.num_sources), (3, 3, 2));
    assert_eq!(c.first_seen.as_deref(), Some("2024-05-06"));
    assert_eq!(c.last_seen.as_deref(), Some("2024-05-07"));
    assert_eq!(c.target_actor.as_deref(), Some("KENCOP"));
    assert_eq!(c.confidence, 0.95);
    let docs: Vec<_> = c.evidence.iter().map(|e| e.doc_id.as_str()).collect();
    assert_eq!(docs, ["outlet-a-1", "outlet-b-7", "outlet-c-3"]);
    assert_eq!(c.evidence[2].trigger.text, "stormed");
    let far = &page.items[1];
    assert_eq!((far.num_mentions, far.num_sources), (1, 1));

    let stats = s.stats().unwrap();
    assert_eq!(stats.documents, 5);
    assert_eq!(stats.duplicates, 1);
    assert_eq!(stats.events, 6);
    // The negated planned protest is stored as a mention but forms no event.
    assert_eq!(stats.clusters, 3);
    let copy = s.document("outlet-b-7").unwrap().unwrap();
    let original = s.document("outlet-a-1").unwrap().unwrap();
    assert_eq!(copy.duplicate_of, Some(original.rowid));
    assert_eq!(original.duplicate_of, None);
}

#[test]
fn reingest_is_idempotent() {
    let mut s = filled();
    let before = s.stats().unwrap();
    for d in corpus() {
        assert_eq!(s.ingest(&d).unwrap(), IngestOutcome::AlreadyStored);
    }
    assert_eq!(s.stats().unwrap(), before);
    let h = tidings_store::content_hash(WIRE);
    assert!(s.contains_hash(&h).unwrap());
    assert_eq!(s.known_hashes().unwrap().len(), 5);
}

#[test]
fn filters_and_paging() {
    let s = filled();
    let n = |q: EventQuery| s.events(&q).unwrap().total;
    assert_eq!(n(EventQuery::default()), 3);
    assert_eq!(
        n(EventQuery {
            kind: Some("PROTEST".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventQuery {
            actor: Some("KEN".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        n(EventQuery {
            actor: Some("KENCOP".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventQuery {
            actor: Some("UGA".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        n(EventQuery {
            country: Some("ke".into()),
            ..Default::default()
        }),
        3
    );
    let lakeport_box = Some([36.5, -1.5, 37.0, -1.0]);
    assert_eq!(
        n(EventQuery {
            bbox: lakeport_box,
            ..Default::default()
        }),
        2
    );
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    assert_eq!(
        n(EventQuery {
            date_from: d("2024-05-08"),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventQuery {
            date_to: d("2024-05-06"),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        n(EventQuery {
            modality: Some(Modality::Claimed),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventQuery {
            min_confidence: Some(0.8),
            ..Default::default()
        }),
        2
    );
    let p = s
        .events(&EventQuery {
            limit: 1,
            offset: 1,
            without_evidence: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!((p.total, p.items.len(), p.offset), (3, 1, 1));
    assert!(p.items[0].evidence.is_empty());
    let one = s.event(p.items[0].id).unwrap().unwrap();
    assert_eq!(one.evidence.len(), 1);
    assert!(s.event(9999).unwrap().is_none());
}

#[test]
fn exports_validate() {
    let s = filled();
    let all = s.all_events(&EventQuery::default()).unwrap();
    assert_eq!(all.len(), 3);

    let mut buf = Vec::new();
    export::write_geojson(&all, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    match text.parse::<geojson::GeoJson>().unwrap() {
        geojson::GeoJson::FeatureCollection(fc) => {
            assert_eq!(fc.features.len(), 3);
            let f = &fc.features[0];
            match &f.geometry.as_ref().unwrap().value {
                geojson::Value::Point(c) => assert_eq!(c[..], [36.82, -1.29]),
                other => panic!("not a point: {other:?}"),
            }
            assert_eq!(f.property("num_sources").unwrap(), 2);
        }
        other => panic!("not a FeatureCollection: {other:?}"),
    }

    let mut buf = Vec::new();
    export::write_csv(&all, &mut buf).unwrap();
    let mut r = csv::Reader::from_reader(&buf[..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, export::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("Day")], "20240506");
    assert_eq!(&rows[0][col("NumSources")], "2");
    assert_eq!(&rows[0][col("NumArticles")], "3");
    assert_eq!(&rows[0][col("Actor2Code")], "KENCOP");
    assert_eq!(&rows[0][col("Actor2CountryCode")], "KEN");
    assert_eq!(&rows[0][col("Actor2Type1Code")], "COP");
    assert_eq!(&rows[0][col("QuadClass")], "4");
    assert_eq!(&rows[0][col("ActionGeo_Type")], "4");
    assert_eq!(&rows[0][col("SOURCEURL")], "https://a.example/attack");
    assert_eq!(&rows[2][col("EventRootCode")], "14");
    assert_eq!(&rows[2][col("QuadClass")], "3");

    let mut buf = Vec::new();
    export::write_jsonl(&all, &mut buf).unwrap();
    let back: Vec<tidings_store::EventCluster> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, all);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    let s = filled();
    let all = s.all_events(&EventQuery::default()).unwrap();
    let mut file = tempfile::tempfile().unwrap();
    export::write_parquet(&all, &mut file).unwrap();
    let reader = SerializedFileReader::new(file).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 3);
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    let field = |row: &parquet::record::Row, name: &str| -> Field {
        row.get_column_iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, f)| f.clone())
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    for (row, c) in rows.iter().zip(&all) {
        assert_eq!(field(row, "id"), Field::Long(c.id));
        assert_eq!(field(row, "type"), Field::Str(c.kind.clone()));
        assert_eq!(field(row, "num_sources"), Field::ULong(c.num_sources));
        match c.lat {
            Some(lat) => assert_eq!(field(row, "lat"), Field::Double(lat)),
            None => assert_eq!(field(row, "lat"), Field::Null),
        }
        match &c.target_actor {
            Some(t) => assert_eq!(field(row, "target_actor"), Field::Str(t.clone())),
            None => assert_eq!(field(row, "target_actor"), Field::Null),
        }
    }
    assert_eq!(field(&rows[0], "type"), Field::Str("ASSAULT".into()));
    assert_eq!(field(&rows[0], "num_sources"), Field::ULong(2));
}

#[test]
fn schema_version_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut s = Store::open(&path).unwrap();
        for d in corpus() {
            s.ingest(&d).unwrap();
        }
    }
    let s = Store::open(&path).unwrap();
    let st = s.stats().unwrap();
    assert_eq!(
        (st.schema_version, st.documents, st.clusters),
        (SCHEMA_VERSION, 5, 3)
    );
    let mode: String = s
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    s.integrity_check().unwrap();
    s.connection()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(s);
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NewerSchema { .. })
    ));
    let ro = Store::open_readonly(dir.path().join("t.db"));
    assert!(matches!(ro, Err(StoreError::NewerSchema { .. })));
}

/// The events of a store as a partition of `doc_id/event_id` mentions (negated ones left out).
fn partition(s: &Store) -> Vec<Vec<String>> {
    let mut st = s
        .connection()
        .prepare(
            "SELECT e.cluster, d.doc_id || '/' || e.id FROM events e
             JOIN documents d ON d.rowid = e.doc WHERE e.cluster IS NOT NULL",
        )
        .unwrap();
    let mut by: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    for r in st
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (c, m) = r.unwrap();
        by.entry(c).or_default().push(m);
    }
    let mut parts: Vec<Vec<String>> = by
        .into_values()
        .map(|mut v| {
            v.sort();
            v
        })
        .collect();
    parts.sort();
    parts
}

/// Three reports of clashes on one day: a country-level actor, and two more specific ones that
/// are compatible with it but not with each other. Which two merge depends on who comes first.
fn clashes() -> Vec<Document> {
    let clash = |source: (&'static str, Option<&'static str>)| Ev {
        trigger: "clashed",
        source: Some(source),
        place: Some(LAKEPORT),
        ..Default::default()
    };
    vec![
        doc(
            "r-1",
            "2024-06-03",
            "https://r.example/1",
            "Kenyan fighters clashed with herders outside Lakeport on Monday.",
            &[clash(("Kenyan fighters", Some("KEN")))],
        ),
        doc(
            "r-2",
            "2024-06-03",
            "https://r.example/2",
            "Soldiers clashed with cattle raiders near Lakeport, the army said.",
            &[clash(("Soldiers", Some("KENMIL")))],
        ),
        doc(
            "r-3",
            "2024-06-04",
            "https://r.example/3",
            "Rebels clashed with a patrol close to Lakeport late on Monday night.",
            &[clash(("Rebels", Some("KENREB")))],
        ),
    ]
}

#[test]
fn reclustering_gives_the_same_events_whatever_the_arrival_order() {
    let docs = clashes();
    let orders: [[usize; 3]; 3] = [[0, 1, 2], [0, 2, 1], [2, 1, 0]];
    let mut arrival = Vec::new();
    let mut rebuilt = Vec::new();
    for order in orders {
        let mut s = Store::open_in_memory().unwrap();
        for &i in &order {
            s.ingest(&docs[i]).unwrap();
        }
        arrival.push(partition(&s));
        let n = s.recluster().unwrap();
        assert_eq!(n as u64, s.stats().unwrap().clusters);
        rebuilt.push(partition(&s));
    }
    // Merging in arrival order depends on it ...
    assert_ne!(arrival[0], arrival[1]);
    // ... the rebuilt events do not.
    assert_eq!(rebuilt[0], rebuilt[1]);
    assert_eq!(rebuilt[0], rebuilt[2]);
    assert_eq!(rebuilt[0].len(), 2);

    // The pure function on the documents themselves (what the Spark job calls) agrees.
    let keys: Vec<_> = docs
        .iter()
        .flat_map(|d| {
            let d = d.clone().into_output();
            let h = tidings_store::content_hash(&d.text);
            tidings_store::identity::event_mentions(&d)
                .into_iter()
                .map(move |m| (d.id.clone(), m.id.clone(), m.key(&h)))
        })
        .collect();
    let assigned = tidings_store::identity::cluster(
        &keys.iter().map(|k| k.2.clone()).collect::<Vec<_>>(),
        &Default::default(),
    );
    let mut by: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    for (k, c) in keys.iter().zip(&assigned) {
        by.entry(c.unwrap())
            .or_default()
            .push(format!("{}/{}", k.0, k.1));
    }
    let mut direct: Vec<Vec<String>> = by.into_values().collect();
    direct.sort();
    assert_eq!(direct, rebuilt[0]);
}

#[test]
fn reclustering_keeps_sources_and_counts() {
    let summary = |s: &Store| {
        s.events(&EventQuery::default())
            .unwrap()
            .items
            .into_iter()
            .map(|c| {
                (
                    c.kind,
                    c.num_mentions,
                    c.num_articles,
                    c.num_sources,
                    c.place,
                )
            })
            .collect::<std::collections::BTreeSet<_>>()
    };
    let mut s = filled();
    let before = summary(&s);
    assert_eq!(s.recluster().unwrap(), 3);
    let after = summary(&s);
    assert_eq!(before, after);
    s.integrity_check().unwrap();
}

#[test]
fn the_earliest_copy_of_a_text_is_kept_whatever_the_order() {
    // The same wire text published on two dates, and a syndicated near-copy of it.
    let attack = || Ev {
        trigger: "attacked",
        source: Some(("Gunmen", None)),
        place: Some(LAKEPORT),
        ..Default::default()
    };
    let late = doc(
        "late",
        "2024-05-09",
        "https://l.example/1",
        WIRE,
        &[attack()],
    );
    let early = doc(
        "early",
        "2024-05-06",
        "https://e.example/1",
        WIRE,
        &[attack()],
    );
    let near = format!("{WIRE} Reporting by the regional desk; editing by the night staff.");
    let near = doc(
        "near",
        "2024-05-08",
        "https://n.example/1",
        &near,
        &[attack()],
    );

    let mut a = Store::open_in_memory().unwrap();
    assert!(matches!(
        a.ingest(&late).unwrap(),
        IngestOutcome::Stored { .. }
    ));
    assert!(matches!(
        a.ingest(&near).unwrap(),
        IngestOutcome::Stored {
            duplicate_of: Some(_),
            ..
        }
    ));
    let out = a.ingest(&early).unwrap();
    assert!(matches!(out, IngestOutcome::Replaced { .. }), "{out:?}");
    assert_eq!(a.ingest(&late).unwrap(), IngestOutcome::AlreadyStored);
    assert!(a.document("late").unwrap().is_none());
    let kept = a.document("early").unwrap().unwrap();
    assert_eq!(kept.date.as_deref(), Some("2024-05-06"));
    // The near-copy now counts in the kept copy's group.
    let near_row = a.document("near").unwrap().unwrap();
    assert_eq!(near_row.duplicate_of, Some(kept.rowid));
    a.integrity_check().unwrap();
    let stats = a.stats().unwrap();
    assert_eq!((stats.documents, stats.duplicates, stats.events), (2, 1, 2));
    a.recluster().unwrap();

    let mut b = Store::open_in_memory().unwrap();
    for d in [&early, &near, &late] {
        b.ingest(d).unwrap();
    }
    b.recluster().unwrap();
    assert_eq!(partition(&a), partition(&b));
    let events = |s: &Store| {
        s.events(&EventQuery::default())
            .unwrap()
            .items
            .into_iter()
            .map(|c| (c.date, c.num_mentions, c.num_sources, c.first_seen))
            .collect::<Vec<_>>()
    };
    assert_eq!(events(&a), events(&b));
    assert_eq!(
        events(&a),
        [(Some("2024-05-06".into()), 2, 1, Some("2024-05-06".into()))]
    );
}
