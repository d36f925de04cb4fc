//! Resolution: ranks each mention's candidates, picks one, gives a calibrated confidence and
//! computes the document focus.

use std::collections::hash_map::DefaultHasher;
use std::hash::BuildHasherDefault;

/// Maps and sets with a fixed hasher: their iteration order, and with it float sums and the
/// breaking of ties, is the same on every run (std's default hasher is seeded at random).
type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<DefaultHasher>>;
type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<DefaultHasher>>;

use tidings_core::{Document, Focus, FocusPlace, Place, PlaceCandidate};
use tidings_gazetteer::{Gazetteer, Record, FLAG_GIVEN, FLAG_SURNAME, FLAG_WORD};

use crate::recognise::{Kind, Mention, Word};

/// Prior of a GeoNames feature code, added to log10(population).
fn feature_prior(f: &str) -> f32 {
    match f {
        "CONT" => 3.5,
        "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "PCL" | "TERR" => 3.0,
        "PPLC" => 2.5,
        "RGN" => 2.0,
        "ADM1" => 1.0,
        "PPLA" => 0.8,
        "PPLA2" => 0.3,
        "PPLA3" | "PPLA4" => 0.1,
        "ADM2" => -0.3,
        "PPLX" => -0.8,
        "PPLL" | "PPLF" | "PPLQ" | "PPLW" | "PPLH" => -0.6,
        f if f.starts_with("ADM") => -1.0,
        _ => 0.0,
    }
}

/// landmark | city | admin | country | region | continent
fn precision_of(f: &str) -> &'static str {
    if f.starts_with("PCL") || f == "TERR" {
        "country"
    } else if f == "CONT" {
        "continent"
    } else if f.starts_with("ADM") {
        "admin"
    } else if f.starts_with("PPL") {
        "city"
    } else {
        "region"
    }
}

fn is_city(f: &str) -> bool {
    f.starts_with("PPL")
}

/// Candidates considered per name (most populous first).
const MAX_CANDIDATES: usize = 30;

struct Scored {
    rec: Record,
    prior: f32,
    score: f32,
}

pub fn resolve(
    doc: &Document,
    words: &[Word],
    mentions: Vec<Mention>,
    gaz: &Gazetteer,
    alternatives: usize,
) -> (Vec<Place>, Focus) {
    let text = doc.text.as_str();
    // Candidates with priors.
    let mut cands: Vec<Vec<Scored>> = mentions
        .iter()
        .map(|m| {
            let recs: Vec<Record> = m
                .cands
                .iter()
                .take(MAX_CANDIDATES)
                .filter_map(|&i| gaz.record(i))
                .collect();
            let admins: Vec<&Record> = recs
                .iter()
                .filter(|a| a.feature.starts_with("ADM"))
                .collect();
            let mut v: Vec<Scored> = recs
                .iter()
                .map(|r| {
                    let mut prior =
                        ((r.population as f32) + 100.0).log10() + feature_prior(r.feature);
                    // Matched through an alternate name only (a translation such as "White
                    // House" for Casablanca): less likely than a place of that very name.
                    if !r.feature.starts_with("PCL")
                        && !same_name(r.name, &m.key)
                        && !r.name.to_lowercase().starts_with(m.key.as_str())
                    {
                        prior -= 1.5;
                    }
                    // A big city named like its own admin region is what a name usually means
                    // ("New York", "Kabul").
                    if is_city(r.feature) {
                        if let Some(a) = admins.iter().find(|a| {
                            a.country == r.country && (a.admin1 == r.admin1 || a.feature != "ADM1")
                        }) {
                            if r.population as f32 >= 0.1 * a.population as f32 {
                                prior += 2.0;
                            }
                        }
                    }
                    Scored {
                        rec: *r,
                        prior,
                        score: prior,
                    }
                })
                .collect();
            if m.kind == Kind::Demonym {
                v.retain(|s| {
                    s.rec.feature.starts_with("PCL")
                        || matches!(s.rec.feature, "TERR" | "CONT" | "RGN")
                });
            }
            v
        })
        .collect();

    // Qualifiers: "A, B" where B contains a candidate of A (admin1 or country).
    let mut qual_bonus: Vec<HashMap<u32, f32>> = vec![HashMap::default(); mentions.len()];
    for k in 0..mentions.len().saturating_sub(1) {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        let g = text.get(a.end..b.start).unwrap_or("");
        let comma = g.trim() == "," || g.trim() == "'s" || g.trim() == "’s";
        let of_capital = g.contains("capital") && g.len() < 20;
        if !(comma || of_capital) {
            continue;
        }
        for ca in &cands[k] {
            for cb in &cands[k + 1] {
                let (x, y) = (&ca.rec, &cb.rec);
                let inside = |c: &Record, p: &Record| {
                    !c.country.is_empty()
                        && c.country == p.country
                        && c.index != p.index
                        && ((p.feature.starts_with("PCL"))
                            || (p.feature == "ADM1" && c.admin1 == p.name))
                };
                if inside(x, y) {
                    *qual_bonus[k].entry(x.index).or_default() += 4.0;
                    *qual_bonus[k + 1].entry(y.index).or_default() += 2.0;
                } else if inside(y, x) {
                    *qual_bonus[k + 1].entry(y.index).or_default() += 4.0;
                    *qual_bonus[k].entry(x.index).or_default() += 2.0;
                }
            }
        }
    }

    // Iterate: country and admin1 context from the other names' current beliefs.
    let sent_of = |m: &Mention| words.get(m.w0).map_or(0, |w| w.sent);
    for _round in 0..3 {
        let mut country: HashMap<&str, f32> = HashMap::default();
        let mut admin: HashMap<(&str, &str), f32> = HashMap::default();
        let mut by_key: Vec<HashMap<&str, f32>> = Vec::with_capacity(mentions.len());
        // Admin1 beliefs per name, so that a name's own candidates do not count as context.
        let mut admin_of_name: HashMap<&str, HashMap<(&str, &str), f32>> = HashMap::default();
        for (m, cs) in mentions.iter().zip(&cands) {
            let probs = softmax(cs);
            let mut mine: HashMap<&str, f32> = HashMap::default();
            for (c, p) in cs.iter().zip(&probs) {
                if !c.rec.country.is_empty() {
                    *mine.entry(c.rec.country).or_default() += p;
                    let a1 = if c.rec.feature == "ADM1" {
                        c.rec.name
                    } else {
                        c.rec.admin1
                    };
                    if !a1.is_empty() {
                        *admin.entry((c.rec.country, a1)).or_default() += p;
                        *admin_of_name
                            .entry(m.key.as_str())
                            .or_default()
                            .entry((c.rec.country, a1))
                            .or_default() += p;
                    }
                }
            }
            let weight = if m.kind == Kind::Demonym { 0.7 } else { 1.0 };
            for (cc, p) in &mine {
                *country.entry(cc).or_default() += p * weight;
            }
            by_key.push(mine);
        }
        let total: f32 = country.values().sum::<f32>().max(1e-6);
        // Per name and per sentence, the summed country beliefs (computed once per round).
        let mut by_name: HashMap<&str, HashMap<&str, f32>> = HashMap::default();
        let mut by_sent: HashMap<usize, Vec<usize>> = HashMap::default();
        for (k2, m2) in mentions.iter().enumerate() {
            let e = by_name.entry(m2.key.as_str()).or_default();
            for (cc, p) in &by_key[k2] {
                *e.entry(cc).or_default() += p;
            }
            by_sent.entry(sent_of(m2)).or_default().push(k2);
        }
        let empty = HashMap::default();
        for (k, m) in mentions.iter().enumerate() {
            // Leave out every mention of the same name, so a name does not vote for itself.
            let own = by_name.get(m.key.as_str()).unwrap_or(&empty);
            let mut sent_ctx: HashMap<&str, f32> = HashMap::default();
            for &k2 in by_sent.get(&sent_of(m)).map_or(&[][..], |v| v.as_slice()) {
                if mentions[k2].key != m.key {
                    for (cc, p) in &by_key[k2] {
                        *sent_ctx.entry(cc).or_default() += p;
                    }
                }
            }
            let own_total: f32 = own.values().sum();
            let others = (total - own_total).max(1e-6);
            for c in cands[k].iter_mut() {
                let cc = c.rec.country;
                let share = if cc.is_empty() {
                    0.0
                } else {
                    (country.get(cc).copied().unwrap_or(0.0) - own.get(cc).copied().unwrap_or(0.0))
                        .max(0.0)
                        / others
                };
                let strength = (others / (others + 1.0)).min(1.0);
                let a1 = if c.rec.feature == "ADM1" {
                    c.rec.name
                } else {
                    c.rec.admin1
                };
                let adm = if a1.is_empty() || cc.is_empty() {
                    0.0
                } else {
                    admin.get(&(cc, a1)).copied().unwrap_or(0.0)
                        - admin_of_name
                            .get(m.key.as_str())
                            .and_then(|a| a.get(&(cc, a1)))
                            .copied()
                            .unwrap_or(0.0)
                };
                let sent = sent_ctx.get(cc).copied().unwrap_or(0.0).min(1.0);
                c.score = c.prior
                    + 4.0 * share * strength
                    + 0.8 * adm.clamp(0.0, 2.0)
                    + 1.0 * sent
                    + qual_bonus[k].get(&c.rec.index).copied().unwrap_or(0.0);
            }
        }
    }

    // Choose, and compute confidence from the margin and the recognition evidence.
    struct Chosen {
        k: usize,
        best: usize,
        conf: f32,
    }
    let mut chosen: Vec<Option<Chosen>> = Vec::with_capacity(mentions.len());
    for (k, m) in mentions.iter().enumerate() {
        let cs = &cands[k];
        if m.kind == Kind::Landmark || cs.is_empty() {
            chosen.push(None);
            continue;
        }
        let mut order: Vec<usize> = (0..cs.len()).collect();
        order.sort_by(|&a, &b| cs[b].score.total_cmp(&cs[a].score));
        let best = order[0];
        let margin = order
            .get(1)
            .map_or(6.0, |&s| cs[best].score - cs[s].score)
            .min(6.0);
        let mut conf = 1.0 / (1.0 + (-(1.1 * margin - 0.2)).exp());
        if m.flags & (FLAG_WORD | FLAG_GIVEN | FLAG_SURNAME) != 0 && !m.cue {
            conf *= 0.85;
        }
        conf = 0.35 + 0.6 * conf;
        chosen.push(Some(Chosen { k, best, conf }));
    }

    // Coherence: a small place whose country no other name of the article supports is more
    // likely a wrong match ("Faubourg" of a street name matching a village abroad) than a
    // place of the story, once the article has other places to go by.
    // Support counts names, not demonyms ("French Quarter" says nothing of France); strong
    // support comes from a country, an admin1 region or a city of 100,000 or more.
    let mut support: HashMap<&str, HashMap<&str, u32>> = HashMap::default();
    let mut strong: HashMap<&str, HashSet<&str>> = HashMap::default();
    for c in chosen.iter().flatten() {
        let r = &cands[c.k][c.best].rec;
        let m = &mentions[c.k];
        if r.country.is_empty() || m.kind == Kind::Demonym {
            continue;
        }
        *support
            .entry(r.country)
            .or_default()
            .entry(m.key.as_str())
            .or_default() += 1;
        if r.feature.starts_with("PCL")
            || r.feature == "ADM1"
            || (is_city(r.feature) && r.population >= 100_000)
        {
            strong.entry(r.country).or_default().insert(m.key.as_str());
        }
    }
    let keys: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.kind != Kind::Landmark)
        .map(|m| m.key.as_str())
        .collect();
    let dominant = strong.values().map(|s| s.len()).max().unwrap_or(0);
    for slot in chosen.iter_mut() {
        let Some(c) = slot else { continue };
        let r = &cands[c.k][c.best].rec;
        let m = &mentions[c.k];
        let minor = r.population < 100_000
            && (r.feature.starts_with("PPL")
                || (r.feature.starts_with("ADM") && r.feature != "ADM1"));
        let others = support.get(r.country).map_or(0, |per| {
            per.keys().filter(|k| **k != m.key.as_str()).count()
        });
        let strong_here = strong
            .get(r.country)
            .map_or(0, |s| s.iter().filter(|k| **k != m.key.as_str()).count());
        // Unsupported (a cue such as "in" vouches for it then), or supported only by other
        // small names while the article is plainly about another country (a cue says it is a
        // place, not that it is that small place abroad).
        let abroad = strong_here == 0 && dominant >= 2;
        if minor && keys.len() >= 3 && ((others == 0 && !m.cue) || abroad) {
            *slot = None;
        }
    }

    // Landmarks lie in the story's country and region: the hosts they may take are the cities
    // of the country with the most strong support and, where the article names cities in one of
    // its admin1 regions more than in others, of that region.
    let home_country = most_backed(&strong);
    let mut region: HashMap<&str, HashSet<&str>> = HashMap::default();
    for c in chosen.iter().flatten() {
        let r = &cands[c.k][c.best].rec;
        let m = &mentions[c.k];
        if Some(r.country) != home_country || m.kind == Kind::Demonym {
            continue;
        }
        let a1 = if r.feature == "ADM1" {
            r.name
        } else {
            r.admin1
        };
        if !a1.is_empty() {
            region.entry(a1).or_default().insert(m.key.as_str());
        }
    }
    let home_region = most_backed(&region);
    let host_ok = |r: &Record| {
        home_country.is_none_or(|cc| r.country == cc) && home_region.is_none_or(|a1| r.admin1 == a1)
    };
    let mut places: Vec<Place> = Vec::new();
    let mut city_places: Vec<(usize, usize, Record)> = Vec::new(); // (para, start, record)
    for c in chosen.iter().flatten() {
        let r = cands[c.k][c.best].rec;
        if is_city(r.feature) && host_ok(&r) {
            let para = words.get(mentions[c.k].w0).map_or(0, |w| w.para);
            city_places.push((para, mentions[c.k].start, r));
        }
    }
    let mut focus_city: HashMap<u32, (Record, f32)> = HashMap::default();
    for c in chosen.iter().flatten() {
        let r = cands[c.k][c.best].rec;
        if is_city(r.feature) && host_ok(&r) {
            focus_city.entry(r.geonameid).or_insert((r, 0.0)).1 += c.conf;
        }
    }
    let top_city = focus_city
        .values()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|x| x.0);

    for (k, m) in mentions.iter().enumerate() {
        let span_text = text.get(m.start..m.end).unwrap_or("").to_string();
        let place = match (&chosen[k], m.kind) {
            (Some(c), _) => {
                let cs = &cands[k];
                let r = cs[c.best].rec;
                let mut order: Vec<usize> = (0..cs.len()).filter(|&i| i != c.best).collect();
                order.sort_by(|&a, &b| cs[b].score.total_cmp(&cs[a].score));
                let alts = order
                    .iter()
                    .take(alternatives)
                    .map(|&i| PlaceCandidate {
                        name: cs[i].rec.name.to_string(),
                        geonameid: Some(cs[i].rec.geonameid as u64),
                        lat: cs[i].rec.lat as f64,
                        lon: cs[i].rec.lon as f64,
                        country: nonempty(cs[i].rec.country),
                        feature: nonempty(cs[i].rec.feature),
                        score: cs[i].score,
                    })
                    .collect();
                place_of(
                    &span_text,
                    m,
                    &r,
                    precision_of(r.feature),
                    if m.kind == Kind::Demonym {
                        "demonym"
                    } else {
                        "toponym"
                    },
                    c.conf,
                    alts,
                )
            }
            (None, Kind::Landmark) => {
                // The city of this paragraph (nearest before, else after), else of the article.
                let para = words.get(m.w0).map_or(0, |w| w.para);
                let near = city_places
                    .iter()
                    .rfind(|(p, s, _)| *p == para && *s < m.start)
                    .or_else(|| city_places.iter().find(|(p, _, _)| *p == para))
                    .or_else(|| {
                        city_places
                            .iter()
                            .rfind(|(p, s, _)| *p < para && *s < m.start)
                    })
                    .map(|x| x.2)
                    .or(top_city);
                let Some(r) = near else { continue };
                place_of(&span_text, m, &r, "landmark", "landmark", 0.5, Vec::new())
            }
            _ => continue,
        };
        places.push(place);
    }
    for (n, p) in places.iter_mut().enumerate() {
        p.id = format!("p{}", n + 1);
    }
    let focus = focus_of(&places, gaz);
    (places, focus)
}

/// The key backed by the most distinct names, when two or more back it (ties go to the smaller
/// key, so the choice does not depend on hash order).
fn most_backed<'a>(by: &HashMap<&'a str, HashSet<&str>>) -> Option<&'a str> {
    by.iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
        .filter(|(_, names)| names.len() >= 2)
        .map(|(k, _)| *k)
}

/// Whether a record's own name normalises to the matched key.
fn same_name(name: &str, key: &str) -> bool {
    if name.len() == key.len() && name.eq_ignore_ascii_case(key) {
        return true;
    }
    if name.is_ascii() && key.is_ascii() {
        return false;
    }
    let mut k = String::new();
    tidings_gazetteer::normalize_into(name, &mut k);
    k == key || fold(&k) == fold(key)
}

/// Strips Latin diacritics for name comparison ("São" = "Sao").
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' => 's',
            'ź' | 'ž' | 'ż' => 'z',
            'ţ' | 'ť' | 'ț' => 't',
            c => c,
        })
        .collect()
}

fn nonempty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn place_of(
    text: &str,
    m: &Mention,
    r: &Record,
    precision: &str,
    mention: &str,
    confidence: f32,
    alternatives: Vec<PlaceCandidate>,
) -> Place {
    Place {
        id: String::new(),
        text: text.to_string(),
        start: m.start,
        end: m.end,
        name: r.name.to_string(),
        geonameid: Some(r.geonameid as u64),
        lat: Some((r.lat as f64 * 1e4).round() / 1e4),
        lon: Some((r.lon as f64 * 1e4).round() / 1e4),
        country: nonempty(r.country),
        admin1: nonempty(r.admin1),
        feature: nonempty(r.feature),
        precision: precision.to_string(),
        mention: mention.to_string(),
        confidence: (confidence * 1000.0).round() / 1000.0,
        alternatives,
    }
}

fn softmax(cs: &[Scored]) -> Vec<f32> {
    let max = cs.iter().map(|c| c.score).fold(f32::MIN, f32::max);
    let e: Vec<f32> = cs.iter().map(|c| ((c.score - max) * 2.0).exp()).collect();
    let s: f32 = e.iter().sum::<f32>().max(1e-9);
    e.into_iter().map(|x| x / s).collect()
}

/// The article's main countries (by the places in them, demonyms included) and cities.
fn focus_of(places: &[Place], gaz: &Gazetteer) -> Focus {
    let mut countries: HashMap<String, f32> = HashMap::default();
    let mut cities: HashMap<u64, (String, Option<String>, f32)> = HashMap::default();
    for p in places {
        if let Some(cc) = &p.country {
            *countries.entry(cc.clone()).or_default() += p.confidence;
        }
        if p.precision == "city" {
            if let Some(id) = p.geonameid {
                cities
                    .entry(id)
                    .or_insert((p.name.clone(), p.country.clone(), 0.0))
                    .2 += p.confidence;
            }
        }
    }
    let norm = |v: &mut Vec<FocusPlace>| {
        v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)));
        let max = v.first().map_or(1.0, |f| f.score).max(1e-6);
        for f in v.iter_mut() {
            f.score = ((f.score / max) * 1000.0).round() / 1000.0;
        }
        v.retain(|f| f.score >= 0.25);
        v.truncate(5);
    };
    let mut cs: Vec<FocusPlace> = countries
        .into_iter()
        .map(|(cc, s)| {
            let c = gaz.country(&cc);
            FocusPlace {
                name: c.map_or(cc.clone(), |c| c.name.to_string()),
                geonameid: c.map(|c| c.geonameid as u64),
                code: Some(cc),
                score: s,
            }
        })
        .collect();
    norm(&mut cs);
    let mut ci: Vec<FocusPlace> = cities
        .into_iter()
        .map(|(id, (name, cc, s))| FocusPlace {
            name,
            code: cc,
            geonameid: Some(id),
            score: s,
        })
        .collect();
    norm(&mut ci);
    Focus {
        countries: cs,
        cities: ci,
    }
}
