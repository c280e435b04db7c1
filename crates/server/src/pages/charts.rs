//! SVG drawn by our own code: the timeline chart and the actor network with a deterministic
//! force layout. Numbers are formatted with fixed precision so the same data gives the same
//! bytes.

use maud::{html, Markup};
use newsgraph_store::query::{Graph, TimelineRow};

/// Colours of the quad classes: verbal and material cooperation, verbal and material conflict.
pub(crate) const QUAD_COLOURS: [&str; 4] = ["#7fbf7b", "#1b7837", "#f4a582", "#b2182b"];

/// A colour for a mean Goldstein score: red (−10) through grey (0) to green (+10).
pub(crate) fn goldstein_colour(g: f64) -> String {
    let t = (g / 10.0).clamp(-1.0, 1.0);
    let grey = (150.0, 150.0, 150.0);
    let end = if t >= 0.0 {
        (27.0, 120.0, 55.0)
    } else {
        (178.0, 24.0, 43.0)
    };
    let k = t.abs();
    let mix = |a: f64, b: f64| (a + (b - a) * k).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(grey.0, end.0),
        mix(grey.1, end.1),
        mix(grey.2, end.2)
    )
}

/// The timeline: cooperation stacked above the axis, conflict below, one column per period,
/// and the mean Goldstein as a line on its own scale (−10..10). Each column links to
/// `link(period)`.
pub(crate) fn timeline(rows: &[TimelineRow], link: &dyn Fn(&str) -> String) -> Markup {
    let w = 760.0;
    let h = 320.0;
    let (left, right, top, bottom) = (44.0, 44.0, 16.0, 40.0);
    let plot_w = w - left - right;
    let mid = top + (h - top - bottom) / 2.0;
    let half = (h - top - bottom) / 2.0;
    let coop = |r: &TimelineRow| (r.quad[0] + r.quad[1]) as f64;
    let conf = |r: &TimelineRow| (r.quad[2] + r.quad[3]) as f64;
    let max = rows
        .iter()
        .map(|r| coop(r).max(conf(r)))
        .fold(1.0_f64, f64::max);
    let n = rows.len().max(1) as f64;
    let step = plot_w / n;
    let bar = (step * 0.7).clamp(2.0, 40.0);
    let y_of = |count: f64| half * count / max;
    let g_y = |g: f64| mid - half * (g / 10.0).clamp(-1.0, 1.0);
    let label_every = ((rows.len() as f64) / 12.0).ceil().max(1.0) as usize;
    let line: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                "{:.1},{:.1}",
                left + step * (i as f64 + 0.5),
                g_y(r.mean_goldstein)
            )
        })
        .collect();
    html! {
        svg.chart viewBox={ "0 0 " (w) " " (h) } role="img" aria-labelledby="tl-title" {
            title id="tl-title" { "Events per period: cooperation above the axis, conflict below; the line is the mean Goldstein score" }
            line x1=(left) x2=(w - right) y1=(mid) y2=(mid) stroke="#555" stroke-width="1" {}
            text.axis x=(left - 6.0) y=(top + 10.0) text-anchor="end" { (max as i64) }
            text.axis x=(left - 6.0) y=(h - bottom) text-anchor="end" { (max as i64) }
            text.axis x=(w - right + 6.0) y=(top + 10.0) { "+10" }
            text.axis x=(w - right + 6.0) y=(mid + 4.0) { "0" }
            text.axis x=(w - right + 6.0) y=(h - bottom) { "−10" }
            @for (i, r) in rows.iter().enumerate() {
                @let x = left + step * i as f64 + (step - bar) / 2.0;
                a href=(link(&r.period)) {
                    title { (r.period) ": " (r.events) " events, mean Goldstein " (format!("{:.2}", r.mean_goldstein)) }
                    rect.hit x=(format!("{:.1}", left + step * i as f64)) y=(top) width=(format!("{:.1}", step)) height=(h - top - bottom) fill="transparent" {}
                    @let vc = y_of(r.quad[0] as f64);
                    @let mc = y_of(r.quad[1] as f64);
                    @let vk = y_of(r.quad[2] as f64);
                    @let mk = y_of(r.quad[3] as f64);
                    rect x=(format!("{x:.1}")) y=(format!("{:.1}", mid - vc)) width=(format!("{bar:.1}")) height=(format!("{vc:.1}")) fill=(QUAD_COLOURS[0]) {}
                    rect x=(format!("{x:.1}")) y=(format!("{:.1}", mid - vc - mc)) width=(format!("{bar:.1}")) height=(format!("{mc:.1}")) fill=(QUAD_COLOURS[1]) {}
                    rect x=(format!("{x:.1}")) y=(format!("{mid:.1}")) width=(format!("{bar:.1}")) height=(format!("{vk:.1}")) fill=(QUAD_COLOURS[2]) {}
                    rect x=(format!("{x:.1}")) y=(format!("{:.1}", mid + vk)) width=(format!("{bar:.1}")) height=(format!("{mk:.1}")) fill=(QUAD_COLOURS[3]) {}
                }
                @if i % label_every == 0 {
                    text.axis x=(format!("{:.1}", left + step * (i as f64 + 0.5))) y=(h - bottom + 16.0) text-anchor="middle" { (r.period) }
                }
            }
            @if !rows.is_empty() {
                polyline points=(line.join(" ")) fill="none" stroke="#2b5797" stroke-width="2" {}
                @for (i, r) in rows.iter().enumerate() {
                    circle cx=(format!("{:.1}", left + step * (i as f64 + 0.5))) cy=(format!("{:.1}", g_y(r.mean_goldstein))) r="3" fill="#2b5797" {}
                }
            }
        }
    }
}

/// A node placed by [`layout`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Placed {
    pub x: f64,
    pub y: f64,
}

/// Fruchterman–Reingold layout in the unit square, started from a circle in node order, with
/// a fixed number of cooling steps: deterministic for the same graph.
pub(crate) fn layout(graph: &Graph) -> Vec<Placed> {
    let n = graph.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let index = |id: i64| graph.nodes.iter().position(|v| v.id == id);
    let edges: Vec<(usize, usize, f64)> = graph
        .edges
        .iter()
        .filter_map(|e| {
            Some((
                index(e.source)?,
                index(e.target)?,
                (e.events as f64).ln_1p(),
            ))
        })
        .collect();
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n as f64;
            (0.5 + 0.4 * a.cos(), 0.5 + 0.4 * a.sin())
        })
        .collect();
    let k = (1.0 / n as f64).sqrt() * 0.8;
    let iterations = 200;
    for it in 0..iterations {
        let temp = 0.1 * (1.0 - it as f64 / iterations as f64) + 0.002;
        let mut disp = vec![(0.0_f64, 0.0_f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(1e-6);
                let f = k * k / d2;
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b, w) in &edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-3);
            let f = d / k * (0.5 + w.min(3.0) / 3.0);
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            // Gravity keeps unconnected parts on the page.
            disp[i].0 += (0.5 - pos[i].0) * 0.5;
            disp[i].1 += (0.5 - pos[i].1) * 0.5;
            let d = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt();
            if d > 0.0 {
                let s = d.min(temp) / d;
                pos[i].0 = (pos[i].0 + disp[i].0 * s).clamp(0.0, 1.0);
                pos[i].1 = (pos[i].1 + disp[i].1 * s).clamp(0.0, 1.0);
            }
        }
    }
    pos.into_iter().map(|(x, y)| Placed { x, y }).collect()
}

/// The network: edge width by event count, edge colour by mean Goldstein, node size by events;
/// each node links to its actor page.
pub(crate) fn network(graph: &Graph) -> Markup {
    let (w, h, pad) = (800.0, 560.0, 60.0);
    let placed = layout(graph);
    let at = |i: usize| {
        let p = &placed[i];
        (pad + p.x * (w - 2.0 * pad), pad + p.y * (h - 2.0 * pad))
    };
    let index = |id: i64| graph.nodes.iter().position(|v| v.id == id);
    let max_events = graph
        .edges
        .iter()
        .map(|e| e.events)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let max_node = graph
        .nodes
        .iter()
        .map(|v| v.events)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let radius = |events: i64| 4.0 + 10.0 * (events as f64 / max_node).sqrt();
    html! {
        svg.chart.network viewBox={ "0 0 " (w) " " (h) } role="img" aria-labelledby="net-title" {
            title id="net-title" { "Actor network: " (graph.nodes.len()) " actors, " (graph.edges.len()) " directed links" }
            defs {
                marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto" {
                    path d="M 0 0 L 10 5 L 0 10 z" fill="#666" {}
                }
            }
            @for e in &graph.edges {
                @if let (Some(a), Some(b)) = (index(e.source), index(e.target)) {
                    @let ((x1, y1), (tx, ty)) = (at(a), at(b));
                    // Stop at the target's rim so the arrowhead shows.
                    @let rim = radius(graph.nodes[b].events) + 3.0;
                    @let len = ((tx - x1).powi(2) + (ty - y1).powi(2)).sqrt().max(1.0);
                    @let (x2, y2) = (tx - (tx - x1) * rim / len, ty - (ty - y1) * rim / len);
                    @let width = 1.0 + 7.0 * (e.events as f64).ln_1p() / max_events.ln_1p();
                    line x1=(format!("{x1:.1}")) y1=(format!("{y1:.1}")) x2=(format!("{x2:.1}")) y2=(format!("{y2:.1}"))
                        stroke=(goldstein_colour(e.mean_goldstein)) stroke-width=(format!("{width:.1}")) stroke-opacity="0.8"
                        marker-end="url(#arrow)" {
                        title { (graph.nodes[a].label) " → " (graph.nodes[b].label) ": " (e.events) " events (" (e.cooperation) " cooperation, " (e.conflict) " conflict), mean Goldstein " (format!("{:.2}", e.mean_goldstein)) }
                    }
                }
            }
            @for (i, v) in graph.nodes.iter().enumerate() {
                @let (x, y) = at(i);
                @let r = radius(v.events);
                a href={ "/actors/" (v.id) } {
                    title { (v.label) " (" (v.actor_code.as_deref().unwrap_or("no code")) "): " (v.events) " events" }
                    circle.node cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r=(format!("{r:.1}")) {}
                    text.nlabel x=(format!("{x:.1}")) y=(format!("{:.1}", y - r - 4.0)) text-anchor="middle" { (v.label) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_store::query::{GraphEdge, GraphNode};

    fn graph() -> Graph {
        let node = |id: i64| GraphNode {
            id,
            label: format!("A{id}"),
            actor_code: None,
            kind: "country".into(),
            events: 1,
        };
        let edge = |source: i64, target: i64| GraphEdge {
            source,
            target,
            events: 2,
            mentions: 2,
            cooperation: 1,
            conflict: 1,
            mean_goldstein: 0.0,
        };
        Graph {
            nodes: (1..=5).map(node).collect(),
            edges: vec![edge(1, 2), edge(2, 3), edge(4, 5)],
        }
    }

    #[test]
    fn layout_is_deterministic_and_spreads_nodes() {
        let g = graph();
        let a = layout(&g);
        assert_eq!(a, layout(&g));
        for i in 0..a.len() {
            for j in (i + 1)..a.len() {
                let d = ((a[i].x - a[j].x).powi(2) + (a[i].y - a[j].y).powi(2)).sqrt();
                assert!(d > 0.05, "nodes {i} and {j} overlap: {d}");
            }
        }
        assert!(layout(&Graph {
            nodes: vec![],
            edges: vec![]
        })
        .is_empty());
    }

    #[test]
    fn goldstein_colours_run_red_grey_green() {
        assert_eq!(goldstein_colour(0.0), "#969696");
        assert_eq!(goldstein_colour(10.0), "#1b7837");
        assert_eq!(goldstein_colour(-10.0), "#b2182b");
        assert_eq!(goldstein_colour(-99.0), "#b2182b");
    }
}
