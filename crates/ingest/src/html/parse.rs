//! Building the tree, bounded: html5ever's tree builder does work proportional to the stack
//! of open elements for many tokens, so markup nested thousands deep makes it quadratic. The
//! page is fed to the parser in chunks through a sink that measures how deep each element is
//! placed; parsing stops as soon as the tree grows deeper than [`MAX_DEPTH`]. Merging
//! attributes into `<html>`/`<body>` (repeated start tags) is capped for the same reason.
//!
//! Depth is measured where elements are attached; when the tree builder moves children to a
//! new parent (the adoption agency), only the moved children are re-measured, not their
//! descendants, so the figure can be off by a little on misnested formatting markup.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

use super::{HtmlError, MAX_DEPTH};

/// Bytes handed to the parser between two depth checks.
const CHUNK: usize = 64 * 1024;
/// Attributes merged into `<html>` and `<body>` from repeated start tags, at most.
const MAX_MERGED_ATTRIBUTES: usize = 256;

/// A hasher for node ids (small integers): one multiplication, much cheaper than SipHash for
/// the lookup or two made per element.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Depths = HashMap<NodeId, u32, BuildHasherDefault<IdHasher>>;

/// scraper's sink, measuring the depth at which every element is attached.
struct Bounded {
    inner: HtmlTreeSink,
    depth: RefCell<Depths>,
    max_depth: Cell<u32>,
    merged: Cell<usize>,
}

impl Bounded {
    fn depth_of(&self, node: &NodeId) -> u32 {
        self.depth.borrow().get(node).copied().unwrap_or(0)
    }

    fn placed(&self, child: &NodeOrText<NodeId>, depth: u32) {
        if let NodeOrText::AppendNode(id) = child {
            self.depth.borrow_mut().insert(*id, depth);
            if depth > self.max_depth.get() {
                self.max_depth.set(depth);
            }
        }
    }
}

impl TreeSink for Bounded {
    type Handle = NodeId;
    type Output = Html;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        self.inner.finish()
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }
    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.inner.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.placed(&child, self.depth_of(parent) + 1);
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self
            .inner
            .0
            .borrow()
            .tree
            .get(*element)
            .is_some_and(|n| n.parent().is_some());
        let depth = if has_parent {
            self.depth_of(element)
        } else {
            self.depth_of(prev_element) + 1
        };
        self.placed(&child, depth);
        self.inner
            .append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.placed(&new_node, self.depth_of(sibling));
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let room = MAX_MERGED_ATTRIBUTES.saturating_sub(self.merged.get());
        let attrs: Vec<Attribute> = attrs.into_iter().take(room).collect();
        self.merged.set(self.merged.get() + attrs.len());
        if !attrs.is_empty() {
            self.inner.add_attrs_if_missing(target, attrs)
        }
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let depth = self.depth_of(node).max(self.depth_of(new_parent)) + 1;
        let children: Vec<NodeId> = self
            .inner
            .0
            .borrow()
            .tree
            .get(*node)
            .map(|n| n.children().map(|c| c.id()).collect())
            .unwrap_or_default();
        for c in children {
            self.placed(&NodeOrText::AppendNode(c), depth);
        }
        self.inner.reparent_children(node, new_parent)
    }
}

/// Parses a page into scraper's tree, refusing markup nested deeper than [`MAX_DEPTH`].
pub(crate) fn parse(raw: &str) -> Result<Html, HtmlError> {
    let sink = Bounded {
        inner: HtmlTreeSink::new(Html::new_document()),
        depth: RefCell::new(Depths::default()),
        max_depth: Cell::new(0),
        merged: Cell::new(0),
    };
    let mut parser = html5ever::driver::parse_document(sink, Default::default());
    let mut rest = raw;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        rest = tail;
        let depth = parser.tokenizer.sink.sink.max_depth.get() as usize;
        if depth > MAX_DEPTH {
            return Err(HtmlError::TooDeep(depth));
        }
    }
    Ok(parser.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &Html) -> usize {
        let mut max = 0;
        let mut d = 0usize;
        for edge in html.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(_) => {
                    d += 1;
                    max = max.max(d);
                }
                ego_tree::iter::Edge::Close(_) => d -= 1,
            }
        }
        max
    }

    #[test]
    fn chunked_parse_matches_one_shot_parse() {
        let page = format!(
            "<!doctype html><title>t</title><p>caf\u{e9} {}</p><div>a<b>b</div>c</b>\r\n<p>end",
            "\u{1F600} word &amp; more ".repeat(3000)
        );
        let a = parse(&page).unwrap();
        let b = Html::parse_document(&page);
        assert_eq!(a.html(), b.html());
    }

    /// On the 91 pages of the extraction benchmark, feeding the parser in chunks builds the
    /// same tree as one call.
    #[test]
    fn benchmark_pages_parse_as_in_one_call() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/html-extraction/html"
        );
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut n = 0;
        for e in entries.flatten() {
            let gz = std::fs::read(e.path()).unwrap();
            let bytes = crate::gunzip_limited(&gz, 64 << 20).unwrap();
            let (page, _) = crate::decode_html(&bytes, None).unwrap();
            let a = parse(&page).unwrap();
            assert_eq!(
                a.html(),
                Html::parse_document(&page).html(),
                "{:?}",
                e.path()
            );
            n += 1;
        }
        assert_eq!(n, 91);
    }

    #[test]
    fn depth_is_measured_however_the_nesting_is_written() {
        for unit in [
            "<div>",
            "<div></x>",
            "<div/>",
            "<span><div></span>",
            "<b><div></b>",
        ] {
            let page = unit.repeat(5_000);
            assert!(
                matches!(parse(&page), Err(HtmlError::TooDeep(_))),
                "{unit} not refused"
            );
            let page = unit.repeat(200);
            let html = parse(&page).unwrap();
            assert!(depth(&html) > 150, "{unit}: {}", depth(&html));
        }
        // Markup that repeats but does not nest is fine.
        for unit in [
            "<p>x",
            "<a href=x>x",
            "<li>x",
            "<option>x",
            "<table>",
            "<b><i>x</b></i>",
        ] {
            let html = parse(&unit.repeat(20_000)).unwrap();
            assert!(depth(&html) < MAX_DEPTH, "{unit}: {}", depth(&html));
        }
    }

    #[test]
    fn repeated_body_attributes_are_capped() {
        let page: String = (0..5_000).map(|i| format!("<body a{i}=1>")).collect();
        let html = parse(&page).unwrap();
        let body = html.tree.root().descendants().find_map(|n| {
            n.value()
                .as_element()
                .filter(|e| e.name() == "body")
                .map(|e| e.attrs().count())
        });
        assert_eq!(body, Some(MAX_MERGED_ATTRIBUTES + 1));
    }
}
