//! Page metadata: title, byline, publication date, outlet and URL.
//!
//! Sources, strongest first: JSON-LD (`NewsArticle` and the other `Article` types, also inside
//! `@graph` arrays and lists), Open Graph and `article:` meta tags, the other common meta names
//! (`author`, `pubdate`, `dc.date`, `parsely-pub-date`, ...), microdata (`itemprop`), `<time
//! datetime>`, byline elements, and last the URL's `/2019/11/19/` path.

use ego_tree::iter::Edge;
use newsgraph_core::{month_from_name, Date};
use scraper::{Html, Node};
use serde_json::Value;

/// What the page says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// Headline.
    pub title: Option<String>,
    /// Standfirst or description.
    pub description: Option<String>,
    /// Author(s) as written.
    pub byline: Option<String>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Where the date came from (for diagnostics and tests).
    pub date_source: Option<&'static str>,
}

#[derive(Default)]
struct Candidates {
    ld_title: Option<String>,
    ld_author: Option<String>,
    ld_published: Option<String>,
    ld_modified: Option<String>,
    ld_publisher: Option<String>,
    ld_url: Option<String>,
    ld_description: Option<String>,
    og_title: Option<String>,
    og_site: Option<String>,
    og_url: Option<String>,
    og_description: Option<String>,
    meta_title: Option<String>,
    meta_author: Option<String>,
    meta_published: Option<(u8, String)>,
    canonical: Option<String>,
    html_title: Option<String>,
    itemprop_published: Option<String>,
    itemprop_author: Option<String>,
    time_pubdate: Option<String>,
    time_first: Option<String>,
    application_name: Option<String>,
}

fn set(slot: &mut Option<String>, value: &str) {
    let v = collapse(value);
    if slot.is_none() && !v.is_empty() {
        *slot = Some(v);
    }
}

/// Collapses whitespace runs into single spaces and trims.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Meta names carrying a publication date, with a rank (lower is better).
fn published_rank(name: &str) -> Option<u8> {
    Some(match name {
        "article:published_time" | "og:article:published_time" | "article:published" => 0,
        "datepublished"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "pubdate"
        | "article.published"
        | "article_date_original"
        | "original-publish-date"
        | "parsely-pub-date"
        | "sailthru.date"
        | "dc.date.issued"
        | "dcterms.issued"
        | "citation_publication_date"
        | "published_time"
        | "og:published_time"
        | "release_date"
        | "cxenseparse:recs:publishtime"
        | "date.published"
        | "article:post_date"
        | "originalpublicationdate"
        | "publication_date"
        | "pub_date"
        | "displaydate"
        | "dc.date.created"
        | "dcterms.created" => 1,
        "date" | "dc.date" | "dcterms.date" | "created" | "timestamp" | "datecreated" => 2,
        "article:modified_time"
        | "og:updated_time"
        | "datemodified"
        | "lastmod"
        | "last-modified"
        | "dcterms.modified"
        | "article.updated" => 3,
        _ => return None,
    })
}

/// Reads the page's metadata.
pub fn page_meta(html: &Html) -> PageMeta {
    let mut c = Candidates::default();
    let mut in_title = false;
    let mut title_text = String::new();
    let mut time_depth: Option<(bool, usize)> = None;
    let mut depth = 0usize;
    let mut byline_text: Option<String> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let Node::Element(el) = node.value() else {
                    if let Node::Text(t) = node.value() {
                        if in_title {
                            title_text.push_str(t);
                        }
                    }
                    continue;
                };
                depth += 1;
                let name = el.name();
                match name {
                    "title" if c.html_title.is_none() => in_title = true,
                    "meta" => {
                        let key = el
                            .attr("property")
                            .or_else(|| el.attr("name"))
                            .or_else(|| el.attr("itemprop"))
                            .or_else(|| el.attr("http-equiv"))
                            .unwrap_or("")
                            .to_ascii_lowercase();
                        let content = el.attr("content").unwrap_or("");
                        match key.as_str() {
                            "og:title" => set(&mut c.og_title, content),
                            "twitter:title" | "title" | "dc.title" => {
                                set(&mut c.meta_title, content)
                            }
                            "og:site_name" => set(&mut c.og_site, content),
                            "application-name" | "apple-mobile-web-app-title" => {
                                set(&mut c.application_name, content)
                            }
                            "og:url" => set(&mut c.og_url, content),
                            "og:description" | "description" | "twitter:description" => {
                                set(&mut c.og_description, content)
                            }
                            "author" | "article:author" | "dc.creator" | "byl"
                            | "sailthru.author" | "parsely-author" | "citation_author" => {
                                if !content.starts_with("http") {
                                    set(&mut c.meta_author, content.trim_start_matches("By "))
                                }
                            }
                            k => {
                                let generic = (k.contains("date") || k.contains("publish"))
                                    && !(k.contains("modif")
                                        || k.contains("updat")
                                        || k.contains("expir")
                                        || k.contains("valid"));
                                let rank = published_rank(k).or(generic.then_some(2));
                                if let Some(rank) = rank {
                                    if parse_date(content).is_some()
                                        && c.meta_published.as_ref().is_none_or(|(r, _)| rank < *r)
                                    {
                                        c.meta_published = Some((rank, content.to_string()));
                                    }
                                }
                            }
                        }
                    }
                    "link" => {
                        if el
                            .attr("rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                        {
                            if let Some(h) = el.attr("href") {
                                set(&mut c.canonical, h);
                            }
                        }
                    }
                    "script" => {
                        let is_ld = el
                            .attr("type")
                            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                        if is_ld {
                            let body: String = node
                                .children()
                                .filter_map(|ch| ch.value().as_text().map(|t| t.to_string()))
                                .collect();
                            read_json_ld(&body, &mut c);
                        }
                    }
                    "time" => {
                        let dt = el.attr("datetime").unwrap_or("");
                        if parse_date(dt).is_some() {
                            let pub_hint = el.attr("pubdate").is_some()
                                || el
                                    .attr("itemprop")
                                    .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
                            if pub_hint {
                                set(&mut c.time_pubdate, dt);
                            }
                            set(&mut c.time_first, dt);
                        }
                        time_depth.get_or_insert((false, depth));
                    }
                    _ => {}
                }
                if let Some(prop) = el.attr("itemprop") {
                    let prop = prop.to_ascii_lowercase();
                    if prop.contains("datepublished") {
                        let v = el
                            .attr("content")
                            .or_else(|| el.attr("datetime"))
                            .map(str::to_string)
                            .unwrap_or_else(|| element_text(node));
                        if parse_date(&v).is_some() {
                            set(&mut c.itemprop_published, &v);
                        }
                    } else if prop == "author" && name != "meta" && c.itemprop_author.is_none() {
                        let text = element_text(node);
                        if (1..=8).contains(&text.split_whitespace().count()) {
                            set(&mut c.itemprop_author, &strip_by(&text));
                        }
                    }
                }
                if byline_text.is_none() && name != "meta" && name != "body" && name != "html" {
                    let rel_author = name == "a"
                        && el
                            .attr("rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("author"));
                    let class_hint = el.attr("class").into_iter().chain(el.attr("id")).any(|v| {
                        let v = v.to_ascii_lowercase();
                        v.contains("byline") || v.contains("author-name")
                    });
                    if rel_author || class_hint {
                        let text = element_text(node);
                        let n = text.split_whitespace().count();
                        if (1..=12).contains(&n) {
                            byline_text = Some(strip_by(&text));
                        }
                    }
                }
            }
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    depth = depth.saturating_sub(1);
                    if el.name() == "title" && in_title {
                        in_title = false;
                        set(&mut c.html_title, &title_text);
                    }
                }
            }
        }
    }

    let mut m = PageMeta::default();
    let title = c
        .ld_title
        .clone()
        .or(c.og_title.clone())
        .or(c.meta_title.clone())
        .or(c.html_title.clone());
    m.title = title.map(|t| decode_entities(&t));
    m.description = c.og_description.clone().or(c.ld_description.clone());
    m.byline = c
        .ld_author
        .clone()
        .or(c.meta_author.clone())
        .or(c.itemprop_author.clone())
        .or(byline_text)
        .filter(|b| !b.is_empty() && b.split_whitespace().count() <= 20);
    m.outlet = c
        .og_site
        .clone()
        .or(c.ld_publisher.clone())
        .or(c.application_name.clone());
    m.url = c
        .canonical
        .clone()
        .or(c.og_url.clone())
        .or(c.ld_url.clone());
    let dated: [(&'static str, Option<&String>); 7] = [
        ("json-ld", c.ld_published.as_ref()),
        (
            "meta",
            c.meta_published
                .as_ref()
                .filter(|(r, _)| *r < 3)
                .map(|(_, v)| v),
        ),
        ("itemprop", c.itemprop_published.as_ref()),
        ("time", c.time_pubdate.as_ref()),
        ("time", c.time_first.as_ref()),
        ("json-ld-modified", c.ld_modified.as_ref()),
        ("meta-modified", c.meta_published.as_ref().map(|(_, v)| v)),
    ];
    for (source, v) in dated {
        if let Some(d) = v.and_then(|v| parse_date(v)) {
            m.published = Some(d);
            m.date_source = Some(source);
            break;
        }
    }
    if m.published.is_none() {
        if let Some(d) = m.url.as_deref().and_then(date_in_url) {
            m.published = Some(d);
            m.date_source = Some("url");
        }
    }
    m
}

/// Text of an element (all descendant text, whitespace collapsed).
pub(crate) fn element_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            s.push(' ');
        }
        if s.len() > 2000 {
            break;
        }
    }
    collapse(&s)
}

fn strip_by(s: &str) -> String {
    let t = s.trim();
    for p in ["By ", "by ", "BY ", "Von ", "Par "] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.trim().to_string();
        }
    }
    t.to_string()
}

/// Minimal decoding of the entities that survive in JSON-LD strings.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}

const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "webpage",
];

fn type_rank(v: &Value) -> Option<usize> {
    let names: Vec<String> = match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(|s| s.to_ascii_lowercase()))
            .collect(),
        _ => return None,
    };
    names
        .iter()
        .filter_map(|n| ARTICLE_TYPES.iter().position(|t| t == n))
        .min()
        // Any *NewsArticle type ranks with NewsArticle.
        .or_else(|| names.iter().any(|n| n.ends_with("article")).then_some(1))
}

fn read_json_ld(body: &str, c: &mut Candidates) {
    let body = body
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->");
    let Ok(root) = serde_json::from_str::<Value>(body.trim()) else {
        // Broken JSON is common; still read the dates it states.
        if let Some(d) = scan_json_string(body, "datePublished") {
            set(&mut c.ld_published, &d);
        }
        if let Some(d) = scan_json_string(body, "dateModified") {
            set(&mut c.ld_modified, &d);
        }
        return;
    };
    // Find article-like objects anywhere (lists, @graph, mainEntity), iteratively.
    let mut best: Option<(usize, &Value)> = None;
    let mut stack = vec![&root];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > 10_000 {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                if let Some(rank) = type_rank(v) {
                    let better = best.is_none_or(|(r, _)| rank < r);
                    if better && (rank < ARTICLE_TYPES.len() - 1 || o.contains_key("datePublished"))
                    {
                        best = Some((rank, v));
                    }
                }
                for key in [
                    "@graph",
                    "mainEntity",
                    "mainEntityOfPage",
                    "itemListElement",
                ] {
                    if let Some(x) = o.get(key) {
                        if x.is_array() || x.is_object() {
                            stack.push(x);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let Some((_, art)) = best else {
        return;
    };
    if let Some(h) = art
        .get("headline")
        .or_else(|| art.get("name"))
        .and_then(Value::as_str)
    {
        set(&mut c.ld_title, h);
    }
    if let Some(d) = art.get("datePublished").and_then(first_string) {
        if parse_date(&d).is_some() {
            set(&mut c.ld_published, &d);
        }
    }
    if let Some(d) = art.get("dateModified").and_then(first_string) {
        if parse_date(&d).is_some() {
            set(&mut c.ld_modified, &d);
        }
    }
    if let Some(d) = art.get("description").and_then(Value::as_str) {
        set(&mut c.ld_description, d);
    }
    if let Some(u) = art.get("url").and_then(Value::as_str) {
        set(&mut c.ld_url, u);
    }
    if let Some(p) = art.get("publisher") {
        if let Some(n) = names_of(p).into_iter().next() {
            set(&mut c.ld_publisher, &n);
        }
    }
    if let Some(a) = art.get("author").or_else(|| art.get("creator")) {
        let names = names_of(a);
        if !names.is_empty() {
            set(&mut c.ld_author, &names.join(", "));
        }
    }
}

/// The string value of `"key": "..."` in text that is not valid JSON, if it is a date.
fn scan_json_string(body: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    let at = body.find(&pat)? + pat.len();
    let rest = body[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    let v = &rest[..end];
    parse_date(v).is_some().then(|| v.to_string())
}

fn first_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(first_string),
        _ => None,
    }
}

/// Names in a JSON-LD person/organisation value: a string, an object with `name`, or a list.
fn names_of(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    for it in items.into_iter().take(20) {
        let name = match it {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("name").and_then(Value::as_str),
            _ => None,
        };
        if let Some(n) = name {
            let n = collapse(n);
            if !n.is_empty() && !n.starts_with("http") && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

fn year_ok(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

/// Parses the date formats pages use: ISO 8601 (`2019-11-19`, `2019-11-19T10:00:00Z`,
/// `20191119`), `2019/11/19`, RFC 2822 (`Tue, 19 Nov 2019 10:00:00 GMT`), `Nov. 19, 2019`,
/// `19 November 2019`, and Unix timestamps in seconds or milliseconds.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = s.get(from..from + n)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD
    if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] {
        let (y, m, d) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
        return Date::new(y as i32, m as u8, d as u8).filter(|d| year_ok(d.year));
    }
    // YYYYMMDD (optionally followed by a time)
    if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|c| !c.is_ascii_digit())
    {
        let (y, m, d) = (digits(0, 4)?, digits(4, 2)?, digits(6, 2)?);
        if let Some(date) = Date::new(y as i32, m as u8, d as u8).filter(|d| year_ok(d.year)) {
            return Some(date);
        }
    }
    // Unix time (10 or 13 digits).
    if (b.len() == 10 || b.len() == 13) && b.iter().all(u8::is_ascii_digit) {
        let secs: i64 = s.parse().ok()?;
        let secs = if b.len() == 13 { secs / 1000 } else { secs };
        let d = Date::from_days(secs.div_euclid(86_400));
        return year_ok(d.year).then_some(d);
    }
    // Word forms: find a month name, a day and a year among the first words.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    let mut numeric = Vec::new();
    for w in &words {
        let w = w.trim_end_matches(['.', ',']);
        let w = w
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        if month.is_none() {
            if let Some(m) = month_from_name(w) {
                month = Some(m);
                continue;
            }
        }
        if !w.is_empty() && w.len() <= 4 && w.bytes().all(|c| c.is_ascii_digit()) {
            if let Ok(n) = w.parse::<u32>() {
                numeric.push((n, w.len()));
            }
        }
    }
    for (n, len) in numeric {
        if len == 4 && year.is_none() && year_ok(n as i32) {
            year = Some(n as i32);
        } else if len <= 2 && day.is_none() && (1..=31).contains(&n) {
            day = Some(n as u8);
        }
    }
    let (m, d, y) = (month?, day?, year?);
    Date::new(y, m, d)
}

/// A full date written in running text: `November 14, 2019`, `14 November 2019`,
/// `Nov. 14th, 2019`, `2019-11-14`; the first one found.
pub fn find_date_in_text(s: &str) -> Option<Date> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .take(400)
        .collect();
    let day = |w: &str| -> Option<u8> {
        let w = w.trim_end_matches(['.', ',']);
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (1..=2)
            .contains(&w.len())
            .then(|| w.parse::<u8>().ok())?
            .filter(|d| (1..=31).contains(d))
    };
    let year = |w: &str| -> Option<i32> {
        let w = w.trim_end_matches(['.', ',', ';', ':']);
        (w.len() == 4)
            .then(|| w.parse::<i32>().ok())?
            .filter(|y| year_ok(*y))
    };
    for i in 0..words.len() {
        let w = words[i];
        if w.len() >= 10 && w.as_bytes()[4] == b'-' {
            if let Some(d) = parse_date(w) {
                return Some(d);
            }
        }
        if i + 2 >= words.len() {
            continue;
        }
        if let Some(m) = month_from_name(w) {
            if let (Some(d), Some(y)) = (day(words[i + 1]), year(words[i + 2])) {
                if let Some(date) = Date::new(y, m, d) {
                    return Some(date);
                }
            }
        }
        if let (Some(d), Some(m), Some(y)) =
            (day(w), month_from_name(words[i + 1]), year(words[i + 2]))
        {
            if let Some(date) = Date::new(y, m, d) {
                return Some(date);
            }
        }
    }
    None
}

/// A date in a URL path: `/2019/11/19/`, `/2019-11-19/`, `/20191119/`.
pub fn date_in_url(url: &str) -> Option<Date> {
    let parts: Vec<&str> = url.split(['/', '?', '#']).collect();
    for w in parts.windows(3) {
        if w[0].len() == 4 && (1..=9).contains(&w[1].len()) {
            let m = w[1].parse::<u8>().ok().or_else(|| month_from_name(w[1]));
            let y = w[0].parse::<i32>().ok();
            let d: String = w[2].chars().take_while(char::is_ascii_digit).collect();
            if let (Some(y), Some(m), Ok(d)) = (y, m, d.parse::<u8>()) {
                if d > 0 && w[2].len() >= 1 {
                    if let Some(date) = Date::new(y, m, d).filter(|d| year_ok(d.year)) {
                        return Some(date);
                    }
                }
            }
        }
    }
    for p in parts {
        let head: String = p.chars().take(10).collect();
        if head.len() == 10 && head.as_bytes()[4] == b'-' {
            if let Some(d) = parse_date(&head) {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn date_formats() {
        assert_eq!(parse_date("2019-11-19T10:03:00-05:00"), d(2019, 11, 19));
        assert_eq!(parse_date("2019/11/19"), d(2019, 11, 19));
        assert_eq!(parse_date("20191119T1000"), d(2019, 11, 19));
        assert_eq!(parse_date("Tue, 19 Nov 2019 10:00:00 GMT"), d(2019, 11, 19));
        assert_eq!(parse_date("Nov. 19, 2019 5:30 pm ET"), d(2019, 11, 19));
        assert_eq!(parse_date("19th November 2019"), d(2019, 11, 19));
        assert_eq!(parse_date("1574168580"), d(2019, 11, 19));
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2019-13-45"), None);
        assert_eq!(parse_date("2014-11-1\u{e9}"), None);
        assert_eq!(
            date_in_url("https://example.com/news/2019/11/19/story.html"),
            d(2019, 11, 19)
        );
        assert_eq!(date_in_url("https://example.com/a/123/b"), None);
        assert_eq!(
            date_in_url("https://e.com/s/2019/nov/18/story/"),
            d(2019, 11, 18)
        );
        assert_eq!(
            find_date_in_text("Rachael Link, MS, RD on November 14, 2019"),
            d(2019, 11, 14)
        );
        assert_eq!(
            find_date_in_text("Posted 3 March 2018 at noon"),
            d(2018, 3, 3)
        );
        assert_eq!(find_date_in_text("May the best team win in 2019"), None);
    }

    #[test]
    fn json_ld_graph_and_meta_tags() {
        let page = r#"<html><head>
            <meta property="og:site_name" content="The Daily Example">
            <meta property="article:published_time" content="2020-01-02T03:04:05Z">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Example"},
              {"@type":"NewsArticle","headline":"Council votes &amp; adjourns","datePublished":"2020-01-03",
               "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}]}]}</script>
            <title>Council votes | The Daily Example</title></head><body></body></html>"#;
        let m = page_meta(&Html::parse_document(page));
        assert_eq!(m.title.as_deref(), Some("Council votes & adjourns"));
        assert_eq!(m.byline.as_deref(), Some("Ann Lee, Bo Chen"));
        assert_eq!(m.outlet.as_deref(), Some("The Daily Example"));
        assert_eq!(m.published, d(2020, 1, 3));
        assert_eq!(m.date_source, Some("json-ld"));
    }

    #[test]
    fn time_element_and_byline_class() {
        let page = r#"<body><h1>T</h1><div class="story-byline">By Jane Roe</div>
            <time datetime="2018-05-06">May 6</time><p>x</p></body>"#;
        let m = page_meta(&Html::parse_document(page));
        assert_eq!(m.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(m.published, d(2018, 5, 6));
    }
}
