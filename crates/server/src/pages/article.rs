//! The article view's text: the clean text with entity mentions, quotes, event triggers and
//! time expressions highlighted, displaCy-like.
//!
//! Spans arrive as Unicode-scalar offsets (the contract's); they are mapped to byte offsets
//! once, and spans that are out of range, empty or not on the text are left out. Quotes are the
//! outer layer; marks (mentions, triggers, times) sit inside them or between them and never
//! overlap each other: when two would, the one starting first (then the longer) wins. A mark
//! that would cross a quote's edge is left out of the text (it is still listed beside it).
//! Every piece of text goes through maud's escaping.

use maud::{html, Markup};
use newsgraph_core::wire::Analysis;

/// What a highlighted span is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum MarkKind {
    /// A mention of entity `entity` (index into `Analysis::entities`).
    Entity { entity: usize },
    /// The trigger of event `event`.
    Event { event: usize },
    /// Time expression `time`.
    Time { time: usize },
}

/// A span in byte offsets.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

/// A piece of the rendered text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Piece {
    /// Plain text, by byte range.
    Text(usize, usize),
    /// A mark.
    Mark(Mark),
    /// Quote `quote` (index into `Analysis::quotes`) with what is inside it.
    Quote(usize, Vec<Piece>),
}

/// Maps char offsets of `text` to byte offsets; `None` past the end.
pub(crate) struct ByteOffsets {
    bytes: Vec<usize>,
}

impl ByteOffsets {
    pub(crate) fn new(text: &str) -> ByteOffsets {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        ByteOffsets { bytes }
    }
    pub(crate) fn span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let (s, e) = (*self.bytes.get(start)?, *self.bytes.get(end)?);
        (s < e).then_some((s, e))
    }
}

/// Lays out the pieces of `a`'s text.
pub(crate) fn pieces(a: &Analysis) -> Vec<Piece> {
    let text = &a.document.text;
    let off = ByteOffsets::new(text);
    let mut marks: Vec<Mark> = Vec::new();
    for (i, e) in a.entities.iter().enumerate() {
        for m in &e.mentions {
            if let Some((start, end)) = off.span(m.start, m.end) {
                marks.push(Mark {
                    start,
                    end,
                    kind: MarkKind::Entity { entity: i },
                });
            }
        }
    }
    for (i, e) in a.events.iter().enumerate() {
        if let Some((start, end)) = off.span(e.start, e.end) {
            marks.push(Mark {
                start,
                end,
                kind: MarkKind::Event { event: i },
            });
        }
    }
    for (i, t) in a.times.iter().enumerate() {
        if let Some((start, end)) = off.span(t.start, t.end) {
            marks.push(Mark {
                start,
                end,
                kind: MarkKind::Time { time: i },
            });
        }
    }
    let mut quotes: Vec<(usize, usize, usize)> = a
        .quotes
        .iter()
        .enumerate()
        .filter_map(|(i, q)| off.span(q.start, q.end).map(|(s, e)| (s, e, i)))
        .collect();
    quotes.sort();
    let mut outer: Vec<(usize, usize, usize)> = Vec::new();
    for q in quotes {
        if outer.last().map_or(true, |o| o.1 <= q.0) {
            outer.push(q);
        }
    }
    let crosses = |m: &Mark| {
        outer
            .iter()
            .any(|&(s, e, _)| (m.start < s && m.end > s) || (m.start < e && m.end > e))
    };
    marks.retain(|m| !crosses(m));
    let rank = |k: &MarkKind| match k {
        MarkKind::Event { .. } => 0,
        MarkKind::Entity { .. } => 1,
        MarkKind::Time { .. } => 2,
    };
    marks.sort_by(|x, y| {
        x.start
            .cmp(&y.start)
            .then(y.end.cmp(&x.end))
            .then(rank(&x.kind).cmp(&rank(&y.kind)))
    });
    let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        if kept.last().map_or(true, |k| k.end <= m.start) {
            kept.push(m);
        }
    }
    let fill =
        |from: usize, to: usize, marks: &mut std::iter::Peekable<std::vec::IntoIter<Mark>>| {
            let mut out = Vec::new();
            let mut at = from;
            while let Some(m) = marks.next_if(|m| m.end <= to) {
                if m.start > at {
                    out.push(Piece::Text(at, m.start));
                }
                at = m.end;
                out.push(Piece::Mark(m));
            }
            if at < to {
                out.push(Piece::Text(at, to));
            }
            out
        };
    let mut marks = kept.into_iter().peekable();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e, i) in outer {
        out.extend(fill(at, s, &mut marks));
        out.push(Piece::Quote(i, fill(s, e, &mut marks)));
        at = e;
    }
    out.extend(fill(at, text.len(), &mut marks));
    out
}

/// The stored event of each of `a`'s events, by index, from the document's stored event
/// mentions (`(start, end, event id)` in storing order): the store keeps the events that are not
/// negated, in analysis order, so they pair up in turn; a pair whose trigger offsets differ is
/// left unlinked.
pub(crate) fn stored_events(a: &Analysis, stored: &[(i64, i64, i64)]) -> Vec<Option<i64>> {
    let mut stored = stored.iter();
    a.events
        .iter()
        .map(|e| {
            if e.negated {
                return None;
            }
            stored
                .next()
                .filter(|&&(s, t, _)| s == e.start as i64 && t == e.end as i64)
                .map(|&(_, _, id)| id)
        })
        .collect()
}

/// What the page knows beside the analysis: actor registry ids, stored events and CAMEO names.
pub(crate) struct Context<'a> {
    /// Registry id of each entity, by index.
    pub actor_ids: &'a [Option<i64>],
    /// Stored event id of each event, by index.
    pub event_ids: &'a [Option<i64>],
    /// CAMEO code → name.
    pub cameo_name: &'a dyn Fn(&str) -> Option<String>,
}

/// The short label shown after a mention (its actor code, else its kind).
fn entity_label(a: &Analysis, i: usize) -> String {
    let e = &a.entities[i];
    e.actor_code
        .clone()
        .unwrap_or_else(|| super::kind_label(&e.kind).to_string())
}

pub(crate) fn quad_name(q: i64) -> &'static str {
    match q {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => "unknown",
    }
}

/// Renders the pieces.
pub(crate) fn render(a: &Analysis, pieces: &[Piece], cx: &Context<'_>) -> Markup {
    let text = &a.document.text;
    html! {
        @for p in pieces {
            @match p {
                Piece::Text(s, e) => { (&text[*s..*e]) }
                Piece::Mark(m) => { (render_mark(a, m, cx)) }
                Piece::Quote(i, inner) => {
                    @let q = &a.quotes[*i];
                    @let speaker = q.speaker.as_deref().and_then(|s| entity_index(s))
                        .and_then(|j| a.entities.get(j)).map(|e| e.canonical.clone())
                        .or_else(|| q.speaker_text.clone()).unwrap_or_else(|| "unattributed".into());
                    span.quote tabindex="0" data-k="quote" data-speaker=(speaker) data-qkind=(q.kind)
                        data-cue=[q.cue.as_deref()] data-date=[q.date.as_deref()]
                        title={ "Quote (" (q.kind) ") by " (speaker) } {
                        (render(a, inner, cx))
                    }
                }
            }
        }
    }
}

/// `e3` → 2.
pub(crate) fn entity_index(id: &str) -> Option<usize> {
    id.strip_prefix('e')?.parse::<usize>().ok()?.checked_sub(1)
}

fn render_mark(a: &Analysis, m: &Mark, cx: &Context<'_>) -> Markup {
    let text = &a.document.text[m.start..m.end];
    match &m.kind {
        MarkKind::Entity { entity } => {
            let e = &a.entities[*entity];
            let href = cx
                .actor_ids
                .get(*entity)
                .copied()
                .flatten()
                .map(|id| format!("/actors/{id}"));
            let label = entity_label(a, *entity);
            let title = format!(
                "{} · {} · {}",
                e.canonical,
                e.kind,
                e.actor_code.as_deref().unwrap_or("no actor code")
            );
            html! {
                @if let Some(href) = href {
                    a.ent.{"ent-" (super::kind_class(&e.kind))} href=(href) data-k="entity" data-name=(e.canonical)
                        data-kind=(e.kind) data-code=[e.actor_code.as_deref()] data-country=[e.country.as_deref()]
                        title=(title) {
                        (text) span.lbl aria-hidden="true" { (label) }
                    }
                } @else {
                    mark.ent.{"ent-" (super::kind_class(&e.kind))} tabindex="0" data-k="entity" data-name=(e.canonical)
                        data-kind=(e.kind) data-code=[e.actor_code.as_deref()] data-country=[e.country.as_deref()]
                        title=(title) {
                        (text) span.lbl aria-hidden="true" { (label) }
                    }
                }
            }
        }
        MarkKind::Event { event } => {
            let ev = &a.events[*event];
            let name = (cx.cameo_name)(&ev.cameo);
            let who = |id: &Option<String>, code: &Option<String>| {
                id.as_deref()
                    .and_then(entity_index)
                    .and_then(|j| a.entities.get(j))
                    .map(|e| e.canonical.clone())
                    .or_else(|| code.clone())
                    .unwrap_or_else(|| "?".into())
            };
            let source = who(&ev.source, &ev.source_code);
            let target = who(&ev.target, &ev.target_code);
            let title = format!(
                "{source} → {} {} → {target} · Goldstein {:.1} · {}",
                ev.cameo,
                name.as_deref().unwrap_or(""),
                ev.goldstein,
                ev.date.as_deref().unwrap_or("undated")
            );
            let href = cx
                .event_ids
                .get(*event)
                .copied()
                .flatten()
                .map(|id| format!("/events/{id}"));
            html! {
                mark.ev.{"q" (ev.quad_class)}.negated[ev.negated] tabindex="0" data-k="event" data-href=[href] data-cameo=(ev.cameo)
                    data-cameo-name=[name.as_deref()] data-plover=[ev.plover.as_deref()]
                    data-goldstein=(format!("{:.1}", ev.goldstein)) data-quad=(quad_name(i64::from(ev.quad_class)))
                    data-date=[ev.date.as_deref()] data-confidence=(format!("{:.2}", ev.confidence))
                    data-source=(source) data-target=(target) data-negated[ev.negated] title=(title) {
                    (text) span.lbl aria-hidden="true" { (ev.cameo) }
                }
            }
        }
        MarkKind::Time { time } => {
            let t = &a.times[*time];
            html! {
                mark.time tabindex="0" data-k="time" data-value=(t.value) data-tkind=(t.kind) title={ "Time: " (t.value) } {
                    (text)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::wire::{Analysis, WireDocument, WireEntity, WireMention, WireQuote};

    fn analysis(text: &str) -> Analysis {
        Analysis {
            schema: newsgraph_core::wire::SCHEMA.into(),
            document: WireDocument {
                id: "d".into(),
                path: None,
                url: None,
                title: None,
                byline: None,
                outlet: None,
                published: None,
                text: text.into(),
                dropped: vec![],
            },
            entities: vec![],
            quotes: vec![],
            events: vec![],
            times: vec![],
        }
    }

    fn entity(spans: &[(usize, usize)]) -> WireEntity {
        WireEntity {
            id: "e1".into(),
            canonical: "X".into(),
            kind: "person".into(),
            actor_code: None,
            country: None,
            wikidata: None,
            place: None,
            mentions: spans
                .iter()
                .map(|&(start, end)| WireMention {
                    start,
                    end,
                    text: String::new(),
                    via: "name".into(),
                })
                .collect(),
        }
    }

    fn flat(text: &str, pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(s, e) => text[*s..*e].to_string(),
                Piece::Mark(m) => format!("[{}]", &text[m.start..m.end]),
                Piece::Quote(_, inner) => format!("«{}»", flat(text, inner)),
            })
            .collect()
    }

    #[test]
    fn marks_nest_in_quotes_and_never_overlap() {
        // Char offsets: "é" is one char but two bytes.
        let text = "é Anna said “Bob left” today.";
        let mut a = analysis(text);
        a.entities.push(entity(&[
            (2, 6),
            (3, 5),
            (13, 16),
            (9, 14),
            (100, 200),
            (5, 5),
        ]));
        a.quotes.push(WireQuote {
            speaker: Some("e1".into()),
            speaker_text: None,
            text: String::new(),
            kind: "direct".into(),
            cue: None,
            start: 13,
            end: 21,
            date: None,
        });
        let p = pieces(&a);
        assert_eq!(flat(text, &p), "é [Anna] said “«[Bob] left»” today.");
    }

    #[test]
    fn triggers_pair_with_their_stored_events_in_turn() {
        let mut a = analysis("They met and did not fight.");
        let ev = |start: usize, end: usize, negated: bool| newsgraph_core::wire::WireEvent {
            source: None,
            target: None,
            source_code: None,
            target_code: None,
            cameo: "040".into(),
            root: "04".into(),
            quad_class: 1,
            goldstein: 1.0,
            plover: None,
            date: None,
            place: None,
            negated,
            trigger: String::new(),
            start,
            end,
            sentence: 0,
            sentence_text: String::new(),
            confidence: 0.5,
        };
        a.events = vec![ev(5, 8, false), ev(21, 26, true), ev(13, 16, false)];
        // The negated event was not stored: the second stored mention is the third event.
        assert_eq!(
            stored_events(&a, &[(5, 8, 41), (13, 16, 42)]),
            vec![Some(41), None, Some(42)]
        );
        // Offsets that disagree, or too few stored mentions, leave triggers unlinked.
        assert_eq!(stored_events(&a, &[(5, 9, 41)]), vec![None, None, None]);
    }

    #[test]
    fn empty_layers_give_the_plain_text() {
        let a = analysis("Just text.");
        assert_eq!(pieces(&a), vec![Piece::Text(0, 10)]);
        assert!(pieces(&analysis("")).is_empty());
    }
}
