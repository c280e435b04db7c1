//! HTML pages: main-content extraction with metadata and an alignment back to the raw page.
//!
//! The page is parsed by html5ever (through `scraper`) and flattened, in one iterative walk,
//! into *blocks*: the runs of inline text between block-level boundaries, each knowing its
//! innermost block element, how much of it is link text, and whether an ancestor removes it.
//! Then:
//!
//! 1. **furniture that never is article text** is removed by element (`nav`, `aside`,
//!    `footer`, `form` controls, `figure` captions, hidden elements, ARIA landmarks of
//!    navigation) and, softly, by class/id hints (`share`, `related`, `comment`, `newsletter`,
//!    ...), which only count when they mark a minor part of the article container;
//! 2. **the article container** is the element whose direct paragraphs carry the most
//!    sentence text (word counts discounted by link density, paragraph clustering in the
//!    manner of Readability, boosted by `itemprop=articleBody` and article-like class names),
//!    widened to an ancestor when the ancestor adds substantial non-link text (articles split
//!    across sibling columns);
//! 3. **inside the container** every block is kept in document order (headings and list items
//!    too) except link lists, boilerplate lines (`Advertisement`, `Read more`, `Share this`),
//!    the headline, byline and date lines, and repeated paragraphs;
//! 4. if that leaves almost nothing, the extraction is retried without the class hints, and
//!    then with every paragraph-like block of the page.
//!
//! Every kept character is matched back to the raw page ([`align`]), so the clean text's
//! [`Alignment`] points into the original HTML; what was dropped is recorded with a reason.

mod align;
mod meta;
mod parse;

use std::collections::BTreeSet;

use ego_tree::iter::Edge;
use newsgraph_core::{paragraph_spans, Alignment, DropReason, Dropped, Span};
use scraper::{Html, Node};

use align::{Aligner, Origin, RawScan};
pub(crate) use meta::collapse as collapse_ws;
pub use meta::{date_in_url, find_date_in_text, page_meta, parse_date, PageMeta};

/// Markup nested deeper than this is refused (the tree builder's work grows with depth).
pub const MAX_DEPTH: usize = 2_000;
/// A start tag with more attributes than this is refused (the tokenizer's work grows with the
/// square of a tag's attribute count).
pub const MAX_ATTRIBUTES: usize = 256;
/// A page with more start tags than this is refused (the tree and the blocks take memory in
/// proportion; the largest news pages have tens of thousands).
pub const MAX_ELEMENTS: usize = 400_000;

/// The article extracted from one page.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    /// The article body: paragraphs separated by blank lines.
    pub text: String,
    /// From `text` offsets to byte offsets in the raw page.
    pub alignment: Alignment,
    /// Paragraph spans of `text`.
    pub paragraphs: Vec<Span>,
    /// What was left out, with reasons and raw positions.
    pub dropped: Vec<Dropped>,
    /// Title, byline, date, outlet, URL.
    pub meta: PageMeta,
}

/// Why an HTML page cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    /// The markup nests too deeply to build a tree safely.
    #[error("markup nests {0} elements deep, over the limit of {MAX_DEPTH}")]
    TooDeep(usize),
    /// A start tag has so many attributes that tokenizing it would take too long.
    #[error("a tag has {0} attributes, over the limit of {MAX_ATTRIBUTES}")]
    TooManyAttributes(usize),
    /// The page has so many elements that its tree would take too much memory.
    #[error("the page has {0} tags, over the limit of {MAX_ELEMENTS}")]
    TooManyElements(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Para,
    Heading(u8),
    Item,
    Quote,
    Pre,
    Cell,
    Other,
}

/// An element of the page, in document order.
#[derive(Debug)]
struct El {
    parent: usize,
    /// One past the index of its last descendant.
    end: usize,
    /// Removed by what it is (tag, hidden, ARIA role).
    hard: Option<DropReason>,
    /// Class/id hint: negative marks likely furniture, positive likely article.
    hint: i8,
    tag_article: bool,
    block_kind: Option<Kind>,
}

const NONE: usize = usize::MAX;

/// A run of inline text inside one block element.
#[derive(Debug)]
struct Block<'a> {
    el: usize,
    kind: Kind,
    pieces: Vec<(&'a str, bool)>,
    text: String,
    words: usize,
    link_density: f64,
    /// Hard removal from an ancestor (or itself).
    hard: Option<DropReason>,
    /// The nearest ancestor with a negative hint and its reason.
    soft: Option<(usize, DropReason)>,
}

fn block_kind(tag: &str) -> Option<Kind> {
    Some(match tag {
        "p" => Kind::Para,
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "li" | "dt" | "dd" => Kind::Item,
        "blockquote" => Kind::Quote,
        "pre" => Kind::Pre,
        "td" | "th" => Kind::Cell,
        "div" | "section" | "article" | "main" | "body" | "header" | "footer" | "aside" | "nav"
        | "ul" | "ol" | "dl" | "table" | "tbody" | "thead" | "tfoot" | "tr" | "figure"
        | "figcaption" | "form" | "fieldset" | "address" | "center" | "details" | "summary"
        | "dialog" | "hgroup" | "hr" | "menu" | "caption" | "legend" | "html" | "option"
        | "select" | "label" => Kind::Other,
        _ => return None,
    })
}

/// Tags whose content is never article text.
fn hard_reason(tag: &str) -> Option<DropReason> {
    Some(match tag {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
        | "embed" | "canvas" | "video" | "audio" | "head" | "map" | "title" => DropReason::Markup,
        "nav" | "menu" | "select" | "option" | "button" | "input" | "textarea" | "label" => {
            DropReason::Navigation
        }
        "aside" | "footer" | "dialog" => DropReason::Boilerplate,
        "figure" | "figcaption" | "picture" => DropReason::Caption,
        _ => return None,
    })
}

/// Splits class and id values into lowercase word tokens (on punctuation and camelCase).
fn hint_tokens(values: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for v in values {
        let mut cur = String::new();
        let mut prev_lower = false;
        for ch in v.chars() {
            if ch.is_ascii_alphanumeric() {
                if ch.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
                cur.push(ch.to_ascii_lowercase());
            } else {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                prev_lower = false;
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// The class/id hint of an element: (score, what a negative hint means).
fn class_hint(class: Option<&str>, id: Option<&str>) -> (i8, Option<DropReason>) {
    let values: Vec<&str> = class.into_iter().chain(id).collect();
    if values.is_empty() {
        return (0, None);
    }
    let tokens = hint_tokens(&values);
    let joined = tokens.join("-");
    let has = |t: &str| tokens.iter().any(|x| x == t);
    let starts = |p: &str| tokens.iter().any(|x| x.starts_with(p));
    // Negative hints, strongest meaning first.
    let neg: Option<DropReason> = if starts("comment") || has("disqus") || has("replies") {
        Some(DropReason::Boilerplate)
    } else if starts("byline") || has("author") || has("authors") || joined.contains("author-") {
        Some(DropReason::Byline)
    } else if starts("caption")
        || has("credit")
        || has("credits")
        || starts("gallery")
        || starts("slideshow")
    {
        Some(DropReason::Caption)
    } else if has("dateline") || has("timestamp") || has("published") || has("date") {
        Some(DropReason::Dateline)
    } else if starts("share")
        || starts("sharing")
        || starts("social")
        || starts("related")
        || starts("recommend")
        || starts("promo")
        || starts("newsletter")
        || starts("subscri")
        || has("signup")
        || starts("sidebar")
        || starts("widget")
        || starts("sponsor")
        || starts("advert")
        || has("ad")
        || has("ads")
        || has("adv")
        || starts("adslot")
        || starts("adunit")
        || starts("banner")
        || starts("breadcrumb")
        || starts("footer")
        || has("masthead")
        || starts("navbar")
        || starts("navigation")
        || has("nav")
        || has("menu")
        || starts("popup")
        || starts("modal")
        || starts("cookie")
        || starts("toolbar")
        || has("print")
        || starts("rating")
        || has("popular")
        || starts("trending")
        || starts("outbrain")
        || starts("taboola")
        || has("readmore")
        || joined.contains("read-more")
        || joined.contains("more-stories")
        || joined.contains("most-read")
        || has("skip")
        || has("tags")
        || has("tag")
        || has("keywords")
        || has("meta")
        || has("login")
        || starts("paywall")
        || has("pullquote")
        || joined.contains("pull-quote")
        || has("tooltip")
        || has("teaser")
        || starts("video")
        || has("player")
        || has("embed")
        || joined.contains("sr-only")
        || joined.contains("visually-hidden")
        || joined.contains("screen-reader")
        || has("visuallyhidden")
        || has("hidden")
        || has("hide")
        || has("noprint")
        || has("disclaimer")
        || has("copyright")
        || has("toc")
        || has("newsletters")
        || has("follow")
    {
        Some(DropReason::Boilerplate)
    } else {
        None
    };
    if neg.is_some() {
        return (-1, neg);
    }
    let pos = joined.contains("article-body")
        || joined.contains("articlebody")
        || joined.contains("story-body")
        || joined.contains("storybody")
        || joined.contains("entry-content")
        || joined.contains("post-content")
        || joined.contains("post-body")
        || joined.contains("article-content")
        || joined.contains("article-text")
        || joined.contains("story-content")
        || joined.contains("story-text")
        || joined.contains("body-text")
        || joined.contains("content-body")
        || joined.contains("article-main")
        || has("article")
        || has("story")
        || has("content")
        || has("entry")
        || has("post")
        || has("text")
        || has("prose")
        || has("main");
    (if pos { 1 } else { 0 }, None)
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    if el
        .attr("aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        && el.name() != "p"
    {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

fn role_reason(role: Option<&str>) -> Option<DropReason> {
    let role = role?.to_ascii_lowercase();
    match role.as_str() {
        "navigation" | "menu" | "menubar" | "banner" | "search" => Some(DropReason::Navigation),
        "complementary" | "contentinfo" | "dialog" | "alert" => Some(DropReason::Boilerplate),
        _ => None,
    }
}

struct Page<'a> {
    els: Vec<El>,
    blocks: Vec<Block<'a>>,
}

/// Walks the tree once (iteratively) into elements and blocks.
fn flatten(html: &Html) -> Page<'_> {
    type Ctx = (Option<DropReason>, Option<(usize, DropReason)>);
    let mut els: Vec<El> = Vec::new();
    let mut blocks: Vec<Block<'_>> = Vec::new();
    // Open elements: (index, is_link).
    let mut stack: Vec<usize> = Vec::new();
    let mut links = 0usize;
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut br_run = 0usize;
    // Inherited (removal, nearest negative hint) of each open element, and of the buffer.
    let mut ctx: Vec<Ctx> = Vec::new();
    let mut piece_ctx: Ctx = (None, None);

    fn flush<'a>(
        pieces: &mut Vec<(&'a str, bool)>,
        stack: &[usize],
        els: &[El],
        blocks: &mut Vec<Block<'a>>,
        ctx: Ctx,
    ) {
        if pieces.is_empty() {
            return;
        }
        let taken = std::mem::take(pieces);
        if taken.iter().all(|(t, _)| t.trim().is_empty()) {
            return;
        }
        // The innermost block element; removal and hint come from where the text was.
        let mut owner = NONE;
        let mut kind = Kind::Other;
        let (hard, soft) = ctx;
        for &i in stack.iter().rev() {
            if let Some(k) = els[i].block_kind {
                owner = i;
                kind = k;
                break;
            }
        }
        let mut text = String::new();
        let mut chars = 0usize;
        let mut link_chars = 0usize;
        for (t, link) in &taken {
            let n = t.chars().filter(|c| !c.is_whitespace()).count();
            chars += n;
            if *link {
                link_chars += n;
            }
            text.push_str(t);
        }
        let text = meta::collapse(&text);
        let words = word_count(&text);
        blocks.push(Block {
            el: if owner == NONE { 0 } else { owner },
            kind,
            pieces: taken,
            text,
            words,
            link_density: if chars == 0 {
                0.0
            } else {
                link_chars as f64 / chars as f64
            },
            hard,
            soft,
        });
    }

    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let tag = el.name();
                    if tag == "br" {
                        br_run += 1;
                        if br_run >= 2 {
                            flush(&mut pieces, &stack, &els, &mut blocks, piece_ctx);
                        } else {
                            pieces.push((" ", links > 0));
                        }
                        continue;
                    }
                    let kind = block_kind(tag);
                    if kind.is_some() {
                        flush(&mut pieces, &stack, &els, &mut blocks, piece_ctx);
                        br_run = 0;
                    }
                    let parent = stack.last().copied().unwrap_or(NONE);
                    let hard = hard_reason(tag)
                        .or_else(|| is_hidden(el).then_some(DropReason::Boilerplate))
                        .or_else(|| role_reason(el.attr("role")));
                    let (mut hint, soft) = class_hint(el.attr("class"), el.attr("id"));
                    if el
                        .attr("itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("articlebody"))
                    {
                        hint = 2;
                    }
                    els.push(El {
                        parent,
                        end: 0,
                        hard,
                        hint,
                        tag_article: tag == "article" || tag == "main",
                        block_kind: kind,
                    });
                    let idx = els.len() - 1;
                    let (ph, ps) = ctx.last().copied().unwrap_or((None, None));
                    let own_markup = hard == Some(DropReason::Markup);
                    let inherited = (
                        if own_markup { hard } else { ph.or(hard) },
                        soft.map(|r| (idx, r)).or(ps),
                    );
                    ctx.push(inherited);
                    stack.push(idx);
                    if tag == "a" {
                        links += 1;
                    }
                }
                Node::Text(t) => {
                    let here = ctx.last().copied().unwrap_or((None, None));
                    if here.0 == Some(DropReason::Markup) {
                        continue;
                    }
                    if here != piece_ctx {
                        flush(&mut pieces, &stack, &els, &mut blocks, piece_ctx);
                        piece_ctx = here;
                    }
                    if !t.trim().is_empty() {
                        br_run = 0;
                    }
                    pieces.push((&t.text, links > 0));
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let tag = el.name();
                    if tag == "br" {
                        continue;
                    }
                    if block_kind(tag).is_some() {
                        flush(&mut pieces, &stack, &els, &mut blocks, piece_ctx);
                        br_run = 0;
                    }
                    if tag == "a" {
                        links = links.saturating_sub(1);
                    }
                    if let Some(i) = stack.pop() {
                        els[i].end = els.len();
                    }
                    ctx.pop();
                }
            }
        }
    }
    flush(&mut pieces, &stack, &els, &mut blocks, piece_ctx);
    // Removal and hints are inherited: a removed element removes its whole subtree.
    for i in 0..els.len() {
        let p = els[i].parent;
        if p != NONE && els[i].hard.is_none() {
            els[i].hard = els[p].hard;
        }
    }
    for b in &mut blocks {
        if b.hard.is_none() {
            b.hard = els.get(b.el).and_then(|e| e.hard);
        }
    }
    Page { els, blocks }
}

/// Words in a text; in scripts written without spaces (Chinese, Japanese, Thai), every two
/// characters count as a word.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| {
            let dense = w
                .chars()
                .filter(|&c| {
                    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
                        | 0xAC00..=0xD7AF | 0x0E00..=0x0E7F | 0xF900..=0xFAFF)
                })
                .count();
            (dense / 2).max(1)
        })
        .sum()
}

/// How much sentence text a block carries (0 for furniture-like blocks).
fn block_value(b: &Block<'_>) -> f64 {
    if b.hard.is_some() || b.link_density > 0.5 || b.words < 8 {
        return 0.0;
    }
    let base = match b.kind {
        Kind::Heading(_) => return 0.0,
        Kind::Item => 0.5,
        _ => 1.0,
    };
    let punct = if b
        .text
        .contains(['.', '!', '?', ',', '\u{3002}', '\u{3001}', '\u{FF0C}'])
    {
        1.0
    } else {
        0.4
    };
    b.words as f64 * base * punct * (1.0 - b.link_density)
}

/// Where a block's score goes: the element holding the paragraph.
fn cluster_of(page: &Page<'_>, b: &Block<'_>) -> usize {
    match b.kind {
        Kind::Para | Kind::Heading(_) | Kind::Quote | Kind::Pre => page.els[b.el].parent,
        Kind::Item => {
            let list = page.els[b.el].parent;
            if list == NONE {
                NONE
            } else {
                page.els[list].parent
            }
        }
        Kind::Cell | Kind::Other => b.el,
    }
}

fn is_inside(page: &Page<'_>, el: usize, container: usize) -> bool {
    container == NONE || (el >= container && el < page.els[container].end.max(container + 1))
}

/// Chooses the article container. With `use_hints`, blocks under negative hints count for
/// nothing.
fn choose_container(page: &Page<'_>, use_hints: bool) -> Option<(usize, f64)> {
    let n = page.els.len();
    if n == 0 {
        return None;
    }
    let mut score = vec![0.0f64; n];
    let mut good = vec![0.0f64; n];
    let mut bad = vec![0.0f64; n];
    for b in &page.blocks {
        if b.hard.is_some() {
            continue;
        }
        let hinted = use_hints && b.soft.is_some();
        let v = if hinted { 0.0 } else { block_value(b) };
        if v == 0.0 {
            bad[b.el] += b.words as f64 * b.link_density.max(if hinted { 1.0 } else { 0.0 });
            continue;
        }
        good[b.el] += v;
        let c = cluster_of(page, b);
        if c != NONE {
            score[c] += v;
            let gp = page.els[c].parent;
            if gp != NONE {
                score[gp] += v * 0.5;
            }
        }
    }
    // Subtree totals: children follow their parents in document order.
    for i in (1..n).rev() {
        let p = page.els[i].parent;
        if p != NONE {
            good[p] += good[i];
            bad[p] += bad[i];
        }
    }
    let mut best = NONE;
    let mut best_score = 0.0;
    for i in 0..n {
        let e = &page.els[i];
        if e.hard.is_some() || score[i] <= 0.0 {
            continue;
        }
        let mut s = score[i];
        if e.hint > 1 {
            s *= 2.0;
        } else if e.hint > 0 {
            s *= 1.25;
        } else if e.hint < 0 && use_hints {
            s *= 0.3;
        }
        if e.tag_article {
            s *= 1.2;
        }
        if s > best_score {
            best_score = s;
            best = i;
        }
    }
    if best == NONE {
        return None;
    }
    // Widen to an ancestor that adds substantial non-link text.
    let mut chosen = best;
    let mut a = best;
    for _ in 0..6 {
        a = page.els[a].parent;
        if a == NONE || page.els[a].hard.is_some() {
            break;
        }
        let extra_good = good[a] - good[chosen];
        let extra_bad = bad[a] - bad[chosen];
        if extra_good > 0.15 * good[chosen] && extra_bad < 1.5 * extra_good {
            chosen = a;
        }
    }
    Some((chosen, good[chosen]))
}

const BOILERPLATE_STARTS: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "share this",
    "share on",
    "share:",
    "read more",
    "read next",
    "related:",
    "related articles",
    "related stories",
    "related coverage",
    "sign up",
    "subscribe",
    "follow us",
    "follow @",
    "click here",
    "continue reading",
    "recommended",
    "more from",
    "you may also like",
    "you might also like",
    "copyright",
    "\u{a9}",
    "all rights reserved",
    "photo:",
    "photograph:",
    "image:",
    "getty images",
    "listen to this",
    "watch:",
    "email this",
    "comments",
    "leave a comment",
    "skip to",
    "back to top",
    "loading",
    "this article",
    "most read",
    "most popular",
    "trending",
    "download the",
    "get the",
    "we use cookies",
    "already a subscriber",
    "log in",
    "sign in",
];

/// Whole lines that are page widgets, not text.
const WIDGET_LINES: &[&str] = &[
    "advert",
    "advertisement",
    "ad",
    "video",
    "image",
    "photo",
    "gallery",
    "play",
    "watch",
    "listen",
    "share",
    "print",
    "email",
    "comments",
    "close",
    "menu",
    "loading",
    "more",
    "this slideshow requires javascript.",
    "this slideshow requires javascript",
    "enlarge",
    "toggle caption",
    "hide caption",
    "play video",
    "watch video",
    "open image",
];

fn is_boilerplate_line(text: &str, words: usize) -> bool {
    if words > 15 {
        return false;
    }
    let lower = text.to_lowercase();
    if WIDGET_LINES.contains(&lower.trim()) {
        return true;
    }
    // Unrendered shortcodes (`[button link=...]...[/button]`).
    if lower.starts_with('[') && lower.contains("[/") {
        return true;
    }
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '\u{a9}');
    BOILERPLATE_STARTS.iter().any(|p| lower.starts_with(p))
        || (words <= 6 && (lower.ends_with("getty images") || lower.contains("/getty")))
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && (a == b || (b.len() > 20 && b.starts_with(&a) && a.len() * 10 >= b.len() * 6))
}

/// Decides, for every block, whether it is kept or why not.
fn select(
    page: &Page<'_>,
    container: usize,
    use_hints: bool,
    meta: &PageMeta,
    all_good: bool,
) -> Vec<Result<(), DropReason>> {
    let container_good: f64 = page
        .blocks
        .iter()
        .filter(|b| is_inside(page, b.el, container))
        .map(block_value)
        .sum();
    // Negative hints count only where they mark a minor part of the container.
    let mut hint_good: std::collections::BTreeMap<usize, f64> = Default::default();
    for b in &page.blocks {
        if let Some((h, _)) = b.soft {
            *hint_good.entry(h).or_default() += block_value(b);
        }
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(page.blocks.len());
    let mut first_kept = true;
    for b in &page.blocks {
        let decision = (|| {
            if let Some(r) = b.hard {
                return Err(r);
            }
            if all_good {
                if block_value(b) == 0.0 && !matches!(b.kind, Kind::Heading(_)) {
                    return Err(DropReason::Boilerplate);
                }
            } else if !is_inside(page, b.el, container) {
                return Err(if b.link_density > 0.5 {
                    DropReason::Navigation
                } else {
                    DropReason::Boilerplate
                });
            }
            if let Some((h, r)) = b.soft {
                let minor = hint_good.get(&h).copied().unwrap_or(0.0) < 0.5 * container_good;
                let outside_container = h < container || container == NONE;
                if use_hints && minor && !outside_container {
                    return Err(r);
                }
            }
            let heading = matches!(b.kind, Kind::Heading(_));
            if b.link_density > 0.5 && !(heading && b.link_density < 0.9) {
                return Err(DropReason::Navigation);
            }
            if is_boilerplate_line(&b.text, b.words) {
                return Err(DropReason::Boilerplate);
            }
            if let Some(t) = &meta.title {
                if (heading || first_kept) && b.words <= 40 && same_text(&b.text, t) {
                    return Err(DropReason::Title);
                }
            }
            if b.words <= 12 {
                if let Some(by) = &meta.byline {
                    let lower = b.text.to_lowercase();
                    if lower.starts_with("by ") && lower.contains(&by.to_lowercase())
                        || same_text(&b.text, by)
                    {
                        return Err(DropReason::Byline);
                    }
                }
                if b.words <= 10 && parse_date(&b.text).is_some() && !b.text.ends_with('.') {
                    return Err(DropReason::Dateline);
                }
            }
            if b.words >= 6 && !seen.insert(b.text.to_lowercase()) {
                return Err(DropReason::Duplicate);
            }
            Ok(())
        })();
        if decision.is_ok() {
            first_kept = false;
        }
        out.push(decision);
    }
    out
}

fn kept_words(page: &Page<'_>, decisions: &[Result<(), DropReason>]) -> usize {
    page.blocks
        .iter()
        .zip(decisions)
        .filter(|(_, d)| d.is_ok())
        .map(|(b, _)| b.words)
        .sum()
}

/// Extracts the article of an HTML page (already decoded to text).
pub fn extract(raw: &str) -> Result<Extraction, HtmlError> {
    let scan = RawScan::new(raw);
    if scan.max_attributes > MAX_ATTRIBUTES {
        return Err(HtmlError::TooManyAttributes(scan.max_attributes));
    }
    if scan.elements > MAX_ELEMENTS {
        return Err(HtmlError::TooManyElements(scan.elements));
    }
    let html = parse::parse(raw)?;
    let meta = page_meta(&html);
    let page = flatten(&html);

    let total_good: f64 = page.blocks.iter().map(block_value).sum();
    let mut decisions = Vec::new();
    for (use_hints, all_good) in [(true, false), (false, false), (false, true)] {
        let container = if all_good {
            Some((NONE, total_good))
        } else {
            choose_container(&page, use_hints)
        };
        let Some((container, _)) = container else {
            continue;
        };
        let d = select(&page, container, use_hints, &meta, all_good);
        let words = kept_words(&page, &d);
        let enough = words as f64 >= 0.25 * total_good.min(400.0) && words > 0;
        decisions = d;
        if enough {
            break;
        }
    }
    if kept_words(&page, &decisions) == 0 {
        // A page too short to score: keep whatever text is not furniture.
        let meta_free = PageMeta::default();
        decisions = select(&page, NONE, false, &meta_free, false);
    }
    let mut meta = meta;
    if meta.published.is_none() {
        meta.published = date_near_article(&page, &decisions);
        if meta.published.is_some() {
            meta.date_source = Some("text");
        }
    }
    Ok(assemble(raw, &scan, &page, &decisions, meta))
}

/// A date written in the short lines around the start of the article (bylines, date lines),
/// for pages whose markup states none.
fn date_near_article(
    page: &Page<'_>,
    decisions: &[Result<(), DropReason>],
) -> Option<newsgraph_core::Date> {
    let first = decisions.iter().position(|d| d.is_ok())?;
    let lo = first.saturating_sub(40);
    let hi = (first + 3).min(page.blocks.len());
    // Date and byline lines first, then any short line before the body.
    let short = |b: &Block<'_>| b.words <= 25 && b.hard.is_none();
    let dated = page.blocks[lo..hi]
        .iter()
        .filter(|b| {
            short(b) && matches!(b.soft, Some((_, DropReason::Dateline | DropReason::Byline)))
        })
        .chain(page.blocks[lo..hi].iter().filter(|b| short(b)))
        .find_map(|b| find_date_in_text(&b.text));
    dated
}

/// Builds the clean text, its alignment and the drop records.
fn assemble(
    raw: &str,
    scan: &RawScan,
    page: &Page<'_>,
    decisions: &[Result<(), DropReason>],
    meta: PageMeta,
) -> Extraction {
    let mut aligner = Aligner::new(raw, &scan.runs);
    let mut text = String::new();
    let mut alignment = Alignment::default();
    let mut dropped: Vec<Dropped> = Vec::new();
    let mut last_dropped_block = usize::MAX - 1;
    for (bi, (b, d)) in page.blocks.iter().zip(decisions).enumerate() {
        match d {
            Ok(()) => {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                let block_start = text.len();
                let mut seg: Option<(usize, usize, usize)> = None;
                let mut pending_space = false;
                for (piece, _) in &b.pieces {
                    let origins = aligner.align(piece);
                    let mut k = 0usize;
                    for ch in piece.chars() {
                        if ch.is_whitespace() {
                            pending_space = text.len() > block_start;
                            continue;
                        }
                        if pending_space {
                            text.push(' ');
                            pending_space = false;
                        }
                        let origin = origins.as_ref().and_then(|o| o.get(k).copied());
                        k += 1;
                        let at = text.len();
                        text.push(ch);
                        match origin {
                            Some(Origin::Verbatim(r)) => match &mut seg {
                                Some((c, rs, len)) if *c + *len == at && *rs + *len == r => {
                                    *len += ch.len_utf8();
                                }
                                _ => {
                                    if let Some((c, rs, len)) = seg.take() {
                                        alignment.push(c, rs, len);
                                    }
                                    seg = Some((at, r, ch.len_utf8()));
                                }
                            },
                            Some(Origin::Decoded(_)) | None => {
                                if let Some((c, rs, len)) = seg.take() {
                                    alignment.push(c, rs, len);
                                }
                            }
                        }
                    }
                }
                if let Some((c, rs, len)) = seg.take() {
                    alignment.push(c, rs, len);
                }
            }
            Err(reason) => {
                // Keep the cursor moving through dropped text too.
                let mut start = None;
                let mut end = 0;
                for (piece, _) in &b.pieces {
                    if let Some(o) = aligner.align(piece) {
                        let first = o.first().map(|x| match x {
                            Origin::Verbatim(r) | Origin::Decoded(r) => *r,
                        });
                        if start.is_none() {
                            start = first;
                        }
                        if let Some(Origin::Verbatim(r) | Origin::Decoded(r)) = o.last() {
                            end = *r + 1;
                        }
                    }
                }
                if *reason != DropReason::Markup && b.words > 0 {
                    let s = start.unwrap_or_else(|| aligner.cursor());
                    let e = end.max(s);
                    // Round the end up to a char boundary.
                    let mut e = e.min(raw.len());
                    while e < raw.len() && !raw.is_char_boundary(e) {
                        e += 1;
                    }
                    // Consecutive drops for the same reason make one record.
                    match dropped.last_mut() {
                        Some(last) if last_dropped_block + 1 == bi && last.reason == *reason => {
                            let last: &mut Dropped = last;
                            last.text.push('\n');
                            last.text.push_str(&b.text);
                            last.raw.end = e.max(last.raw.end);
                        }
                        _ => dropped.push(Dropped {
                            text: b.text.clone(),
                            reason: *reason,
                            raw: Span::new(s, e),
                        }),
                    }
                    last_dropped_block = bi;
                }
            }
        }
    }
    let paragraphs = paragraph_spans(&text);
    Extraction {
        text,
        alignment,
        paragraphs,
        dropped,
        meta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html><html><head><title>Storm hits coast | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-03-04T05:06:07Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="share-bar"><a href="#">Share on Facebook</a></div>
<article><h1>Storm hits coast</h1><div class="byline">By Ann Lee</div>
<div class="article-body">
<p>A powerful storm struck the northern coast on Thursday, flooding roads and cutting power to thousands of homes, officials said.</p>
<p>Emergency crews worked through the night to clear fallen trees &amp; restore electricity, the regional authority said in a statement.</p>
<h2>Schools closed</h2>
<p>Schools in three districts will stay closed until Monday while engineers inspect the buildings for damage, the education office added.</p>
<div class="related-links"><ul><li><a href="/a">Earlier storm: what we know</a></li><li><a href="/b">Weather live</a></li></ul></div>
<p>Advertisement</p>
</div></article>
<aside><p>Most popular stories of the week, chosen by our editors for you to read at leisure today.</p></aside>
<footer><p>Copyright Example News. All rights reserved and more words to be long enough.</p></footer>
</body></html>"##;

    #[test]
    fn extracts_body_in_order_with_metadata() {
        let x = extract(PAGE).unwrap();
        let paras: Vec<&str> = x.paragraphs.iter().map(|p| p.slice(&x.text)).collect();
        assert_eq!(paras.len(), 4, "{paras:#?}");
        assert!(paras[0].starts_with("A powerful storm"));
        assert!(paras[1].contains("trees & restore"));
        assert_eq!(paras[2], "Schools closed");
        assert!(paras[3].starts_with("Schools in three"));
        assert_eq!(
            x.meta.title.as_deref(),
            Some("Storm hits coast | Example News")
        );
        assert_eq!(x.meta.outlet.as_deref(), Some("Example News"));
        assert_eq!(x.meta.published, newsgraph_core::Date::new(2021, 3, 4));
        assert_eq!(x.meta.byline.as_deref(), Some("Ann Lee"));
        let reasons: Vec<DropReason> = x.dropped.iter().map(|d| d.reason).collect();
        assert!(reasons.contains(&DropReason::Navigation));
        assert!(reasons.contains(&DropReason::Boilerplate));
    }

    #[test]
    fn alignment_points_into_the_raw_page() {
        let x = extract(PAGE).unwrap();
        for word in ["powerful", "restore", "Schools", "inspect"] {
            let at = x.text.find(word).unwrap();
            let raw = x.alignment.to_raw(at).unwrap();
            assert_eq!(&PAGE[raw..raw + word.len()], word);
        }
        // The decoded entity points at its reference.
        let amp = x.text.find('&').unwrap();
        let raw = x.alignment.to_raw(amp).unwrap();
        assert!(
            PAGE[raw..].trim_start().starts_with("&amp;"),
            "{}",
            &PAGE[raw..raw + 10]
        );
        // Every segment is verbatim.
        for s in &x.alignment.segments {
            assert_eq!(
                &x.text[s.clean..s.clean + s.len],
                &PAGE[s.raw..s.raw + s.len]
            );
        }
    }

    #[test]
    fn pages_without_body_or_text() {
        assert!(extract("").unwrap().text.is_empty());
        assert!(extract("<html><head><title>x</title></head></html>")
            .unwrap()
            .text
            .is_empty());
        let x = extract("just some words without any markup at all, in a sentence.").unwrap();
        assert!(x.text.starts_with("just some words"));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "<div>".repeat(100_000);
        assert!(matches!(extract(&deep), Err(HtmlError::TooDeep(_))));
        let ok = format!("{}<p>deep but fine text here.</p>", "<div>".repeat(500));
        assert!(extract(&ok).unwrap().text.contains("deep but fine"));
    }
}
