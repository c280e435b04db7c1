//! RSS and Atom feeds (through `feed-rs`): one document per item.
//!
//! Each item's `content` (else its `summary`/`description`) is read as HTML; its first link
//! becomes `meta.url`, its title `meta.title`, its publication (else update) time
//! `meta.published` (as a UTC date), its authors `meta.byline`, and the feed's title
//! `meta.source`. An item with neither content nor description is a per-record error.

use newsgraph_core::Metadata;

use crate::html::parse_date;
use crate::reader::{InputFormat, RawDocument, ReadError};

/// Parses a whole feed into its items' raw documents.
pub fn feed_items(
    bytes: &[u8],
    label: &str,
    path: Option<String>,
) -> Result<Vec<Result<RawDocument, ReadError>>, ReadError> {
    let feed = feed_rs::parser::parse(bytes)
        .map_err(|e| ReadError::new(label, format!("not a readable RSS/Atom feed: {e}")))?;
    let source = feed
        .title
        .as_ref()
        .map(|t| crate::html::collapse_ws(&t.content))
        .filter(|t| !t.is_empty());
    let mut out = Vec::with_capacity(feed.entries.len());
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let item_label = format!("{label}#{}", i + 1);
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| {
                entry
                    .summary
                    .as_ref()
                    .map(|s| s.content.clone())
                    .filter(|b| !b.trim().is_empty())
            });
        let Some(body) = body else {
            out.push(Err(ReadError::new(
                item_label,
                "feed item has neither content nor a description",
            )));
            continue;
        };
        let mut meta = Metadata {
            title: entry
                .title
                .as_ref()
                .map(|t| crate::html::collapse_ws(&t.content)),
            url: entry.links.first().map(|l| l.href.clone()),
            source: source.clone(),
            ..Metadata::default()
        };
        let when = entry.published.or(entry.updated);
        meta.published = when.and_then(|d| parse_date(&d.to_rfc3339()));
        let authors: Vec<String> = entry
            .authors
            .iter()
            .map(|p| p.name.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        if !authors.is_empty() {
            meta.byline = Some(authors.join(", "));
        }
        if !entry.id.is_empty() {
            meta.extra
                .insert("feed-item-id".to_string(), entry.id.clone());
        }
        out.push(Ok(RawDocument {
            bytes: body.into_bytes(),
            path: path.clone(),
            label: item_label,
            format: InputFormat::Html,
            meta,
        }));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_items() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>First</title><link>http://e.example/1</link><pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The council met on Tuesday.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>http://e.example/2</link></item>
</channel></rss>"#;
        let items = feed_items(rss, "f.rss", None).unwrap();
        assert_eq!(items.len(), 2);
        let d = items[0].as_ref().unwrap();
        assert_eq!(d.meta.url.as_deref(), Some("http://e.example/1"));
        assert_eq!(d.meta.source.as_deref(), Some("Example Wire"));
        assert_eq!(d.meta.published, newsgraph_core::Date::new(2019, 11, 19));
        assert!(String::from_utf8_lossy(&d.bytes).contains("<p>The council"));
        assert_eq!(items[1].as_ref().unwrap_err().label, "f.rss#2");

        let atom = br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Example</title><id>urn:x</id><updated>2020-01-01T00:00:00Z</updated>
<entry><title>A</title><id>urn:a</id><link href="http://e.example/a"/><updated>2020-01-02T00:00:00Z</updated>
<author><name>Ann Lee</name></author><content type="html">&lt;p&gt;Body text.&lt;/p&gt;</content></entry></feed>"#;
        let items = feed_items(atom, "f.atom", None).unwrap();
        let d = items[0].as_ref().unwrap();
        assert_eq!(d.meta.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(d.meta.published, newsgraph_core::Date::new(2020, 1, 2));
        assert!(feed_items(b"<html>not a feed</html>", "x.xml", None).is_err());
    }
}
