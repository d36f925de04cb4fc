//! What cross-article identity keeps of one event mention.

use chrono::{Datelike, NaiveDate};
use tidings_core::{Argument, Document, Evidence, Modality};

/// One event mention, flattened with its place, actor codes and day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventMention {
    /// The event's id inside its document (`ev1`).
    pub id: String,
    pub kind: String,
    pub mode: String,
    pub cameo: String,
    /// Actor code of the source: the argument's own, else its entity's.
    pub source_actor: Option<String>,
    pub source_text: Option<String>,
    pub target_actor: Option<String>,
    pub target_text: Option<String>,
    pub place: Option<String>,
    pub country: Option<String>,
    pub precision: Option<String>,
    pub geonameid: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// `YYYY-MM-DD` of the event, else of the document's publication.
    pub date: Option<String>,
    /// Day number (days from the common era) of `date`.
    pub day: Option<i64>,
    pub modality: Modality,
    pub negated: bool,
    pub confidence: f32,
    pub trigger: Evidence,
    pub sentence: Option<String>,
}

/// The day number of a `YYYY-MM-DD...` value, with the date (coarser values have none).
pub fn day_of(value: &str) -> Option<(i64, String)> {
    let d = NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?;
    Some((
        d.num_days_from_ce() as i64,
        d.format("%Y-%m-%d").to_string(),
    ))
}

/// The event mentions of a document, in the document's event order.
pub fn event_mentions(doc: &Document) -> Vec<EventMention> {
    let actor_of = |a: &Option<Argument>| -> (Option<String>, Option<String>) {
        let Some(a) = a else { return (None, None) };
        let code = a.actor_code.clone().or_else(|| {
            let id = a.entity.as_deref()?;
            let e = doc.entities.iter().find(|e| e.id == id)?;
            e.actor.as_ref().map(|x| x.code.clone())
        });
        (code.filter(|c| !c.is_empty()), Some(a.text.clone()))
    };
    doc.events
        .iter()
        .map(|e| {
            let place = e
                .place
                .as_deref()
                .and_then(|id| doc.places.iter().find(|p| p.id == id));
            let (day, date) = match e.date.as_deref().and_then(day_of) {
                Some((n, s)) => (Some(n), Some(s)),
                None => match doc.date {
                    Some(d) => (
                        Some(d.num_days_from_ce() as i64),
                        Some(d.format("%Y-%m-%d").to_string()),
                    ),
                    None => (None, None),
                },
            };
            let (source_actor, source_text) = actor_of(&e.source);
            let (target_actor, target_text) = actor_of(&e.target);
            EventMention {
                id: e.id.clone(),
                kind: e.kind.clone(),
                mode: e.mode.clone(),
                cameo: e.cameo.clone(),
                source_actor,
                source_text,
                target_actor,
                target_text,
                place: place.map(|p| p.name.clone()),
                country: place.and_then(|p| p.country.clone()),
                precision: place.map(|p| p.precision.clone()),
                geonameid: place.and_then(|p| p.geonameid).map(|g| g as i64),
                lat: place.and_then(|p| p.lat),
                lon: place.and_then(|p| p.lon),
                date,
                day,
                modality: e.modality,
                negated: e.negated,
                confidence: e.confidence,
                trigger: e.trigger.clone(),
                sentence: e.sentence.as_ref().map(|s| s.text.clone()),
            }
        })
        .collect()
}
