//! RSS 2.0 (`rss` crate) and Atom (`atom_syndication` crate) feeds: one document per item, its
//! HTML content turned to text.

use chrono::{DateTime, NaiveDate};
use tidings_core::{Document, InputError};
use tidings_read::ReadOptions;

use crate::html::{document, html_to_text};

/// One feed item before it becomes a document.
struct Item {
    id: Option<String>,
    title: Option<String>,
    body: String,
    date: Option<NaiveDate>,
    link: Option<String>,
}

fn rss_items(bytes: &[u8]) -> Result<Vec<Item>, String> {
    let ch = rss::Channel::read_from(bytes).map_err(|e| e.to_string())?;
    Ok(ch
        .items()
        .iter()
        .map(|i| Item {
            id: i
                .guid()
                .map(|g| g.value().to_string())
                .or_else(|| i.link().map(String::from)),
            title: i.title().map(String::from),
            body: i.content().or(i.description()).unwrap_or("").to_string(),
            date: i
                .pub_date()
                .and_then(|d| DateTime::parse_from_rfc2822(d.trim()).ok())
                .map(|d| d.date_naive()),
            link: i.link().map(String::from),
        })
        .collect())
}

fn atom_items(bytes: &[u8]) -> Result<Vec<Item>, String> {
    let feed = atom_syndication::Feed::read_from(bytes).map_err(|e| e.to_string())?;
    Ok(feed
        .entries()
        .iter()
        .map(|e| Item {
            id: Some(e.id().to_string()),
            title: Some(e.title().as_str().to_string()),
            body: e
                .content()
                .and_then(|c| c.value())
                .map(String::from)
                .or_else(|| e.summary().map(|s| s.as_str().to_string()))
                .unwrap_or_default(),
            date: Some(e.published().unwrap_or(e.updated()).date_naive()),
            link: e.links().first().map(|l| l.href().to_string()),
        })
        .collect())
}

/// Every item of a feed. Invalid XML is one error for the whole feed; an item without text is
/// one error naming the item.
pub fn read_feed(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<Document, InputError>> {
    // Atom feeds open with <feed>; everything else is tried as RSS first.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let atom_first = head.contains("<feed");
    let items = if atom_first {
        atom_items(bytes).or_else(|e| rss_items(bytes).map_err(|_| e))
    } else {
        rss_items(bytes).or_else(|e| atom_items(bytes).map_err(|_| e))
    };
    let items = match items {
        Ok(i) => i,
        Err(e) => {
            return vec![Err(InputError::new(
                name,
                format!("not a valid RSS/Atom feed: {e}"),
            ))]
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, it)| {
            let n = i + 1;
            let text = html_to_text(&it.body);
            let title = it.title.as_deref().map(html_to_text);
            let id = it
                .id
                .filter(|x| !x.trim().is_empty())
                .unwrap_or_else(|| crate::item_id(name, n));
            let item = format!("{name}#{n}");
            let mut doc = document(&item, id, title, text, it.date.or(opts.date), opts)?;
            if let Some(link) = it.link {
                doc.source = Some(link);
            }
            Ok(doc)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Valley News</title><link>http://example.org/</link>
<description>d</description>
<item><title>Bridge reopens</title><link>http://example.org/bridge</link>
<guid>bridge-1</guid><pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The old bridge over the river reopened on Monday.&lt;/p&gt;</description></item>
<item><title>Empty</title><guid>empty-2</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_documents() {
        let docs = read_feed("valley.rss", RSS.as_bytes(), &ReadOptions::default());
        assert_eq!(docs.len(), 2);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.id, "bridge-1");
        assert_eq!(d.text, "The old bridge over the river reopened on Monday.");
        assert_eq!(d.title.as_deref(), Some("Bridge reopens"));
        assert_eq!(d.date.unwrap().to_string(), "2024-03-05");
        assert_eq!(d.source.as_deref(), Some("http://example.org/bridge"));
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!(e.input, "valley.rss#2");
    }

    #[test]
    fn atom_entries_become_documents() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:feed</id>
<updated>2024-03-06T00:00:00Z</updated>
<entry><id>urn:e1</id><title>Dam inspected</title><updated>2024-03-06T09:00:00Z</updated>
<link href="http://example.org/dam"/>
<content type="html">&lt;p&gt;Engineers inspected the dam after the heavy rain.&lt;/p&gt;</content></entry>
</feed>"#;
        let docs = read_feed("valley.atom", atom.as_bytes(), &ReadOptions::default());
        assert_eq!(docs.len(), 1);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.id, "urn:e1");
        assert_eq!(d.text, "Engineers inspected the dam after the heavy rain.");
        assert_eq!(d.date.unwrap().to_string(), "2024-03-06");
        assert_eq!(d.source.as_deref(), Some("http://example.org/dam"));
    }

    #[test]
    fn invalid_xml_is_one_error() {
        let docs = read_feed(
            "bad.xml",
            b"<rss><channel><item>oops</chan",
            &ReadOptions::default(),
        );
        assert_eq!(docs.len(), 1);
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(e.input, "bad.xml");
        assert!(e.problem.contains("feed"), "{}", e.problem);
    }
}
