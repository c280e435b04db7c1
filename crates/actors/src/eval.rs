//! Scoring recognised and resolved mentions against hand-checked gold mentions (the held-out
//! check under `crates/actors/tests/heldout/`, read by `newsgraph eval actors DIR`).
//!
//! A directory holds one `NAME.txt` per article, `articles.tsv` (`article`, `published`) and
//! `gold.tsv` (`article`, `start`, `end`, `occurrence`, `text`, `canonical`, `code`, `kind`,
//! `via`; offsets in Unicode characters, end exclusive). `canonical` and `code` list accepted
//! answers between `|`; a gold code matches every predicted code it prefixes (`NER` accepts
//! `NERGOV`), `-` means no code (places).
//!
//! Matching, per article: a predicted mention with exactly the gold span is paired first; then
//! each remaining gold mention takes the overlapping prediction that resolves it best. One
//! prediction pairs with at most one gold mention. An unpaired prediction inside a paired gold
//! span is *nested* (a country word inside a title before a name) and not counted; every other
//! unpaired prediction is a false positive.
//!
//! A paired mention is *resolved* when the entity's canonical name is one of the gold names
//! (compared after case, diacritics, `the` and hyphens are folded, or through the knowledge
//! base's aliases, or the gazetteer for places) and its code matches the gold code.

use std::collections::HashMap;
use std::path::Path;

use newsgraph_core::{Date, Document, EntityKind, MentionVia};

use crate::kb::{ActorClass, Kb, Target};
use crate::norm::phrase_key;
use crate::places::Gazetteer;
use crate::LineError;

/// One gold mention.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldMention {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset after the last character.
    pub end: usize,
    /// The span's text.
    pub text: String,
    /// Accepted canonical names.
    pub canonicals: Vec<String>,
    /// Accepted code prefixes; empty when the mention has no code.
    pub codes: Vec<String>,
    /// Entity kind.
    pub kind: EntityKind,
    /// How the mention refers.
    pub via: MentionVia,
    /// Line in `gold.tsv`.
    pub line: usize,
}

/// One article with its gold mentions.
#[derive(Clone, Debug)]
pub struct Article {
    /// Name (file stem).
    pub name: String,
    /// The text of `NAME.txt`.
    pub text: String,
    /// Publication date.
    pub published: Date,
    /// Gold mentions, in text order.
    pub gold: Vec<GoldMention>,
}

fn via_name(v: MentionVia) -> &'static str {
    match v {
        MentionVia::Name => "name",
        MentionVia::Acronym => "acronym",
        MentionVia::Metonymy => "metonymy",
        MentionVia::Nominal => "nominal",
        MentionVia::Pronoun => "pronoun",
    }
}

/// The ways a mention can refer, in report order.
pub const VIAS: [MentionVia; 5] = [
    MentionVia::Name,
    MentionVia::Acronym,
    MentionVia::Metonymy,
    MentionVia::Nominal,
    MentionVia::Pronoun,
];

fn parse_via(s: &str) -> Option<MentionVia> {
    VIAS.iter().copied().find(|v| via_name(*v) == s)
}

/// Reads an evaluation directory; every problem names its file and line.
pub fn read_dir(dir: &Path) -> Result<Vec<Article>, Vec<LineError>> {
    let read = |name: &str| -> Result<String, LineError> {
        let p = dir.join(name);
        std::fs::read_to_string(&p).map_err(|e| LineError {
            file: p.display().to_string(),
            line: 0,
            problem: format!("cannot read: {e}"),
        })
    };
    let mut errors = Vec::new();
    let arts_name = dir.join("articles.tsv").display().to_string();
    let gold_name = dir.join("gold.tsv").display().to_string();
    let arts_text = read("articles.tsv").map_err(|e| vec![e])?;
    let gold_text = read("gold.tsv").map_err(|e| vec![e])?;
    let mut articles: Vec<Article> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (line, f) in crate::kb::rows(
        &arts_name,
        &arts_text,
        &["article", "published"],
        &mut errors,
    ) {
        let bad = |p: String| LineError {
            file: arts_name.clone(),
            line,
            problem: p,
        };
        let published = match Date::parse_iso(f[1]) {
            Ok(d) => d,
            Err(e) => {
                errors.push(bad(format!("date `{}`: {e}", f[1])));
                continue;
            }
        };
        if index.contains_key(f[0]) {
            errors.push(bad(format!("article `{}` listed twice", f[0])));
            continue;
        }
        let text = match read(&format!("{}.txt", f[0])) {
            Ok(t) => t,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        index.insert(f[0].to_string(), articles.len());
        articles.push(Article {
            name: f[0].to_string(),
            text,
            published,
            gold: Vec::new(),
        });
    }
    let header = [
        "article",
        "start",
        "end",
        "occurrence",
        "text",
        "canonical",
        "code",
        "kind",
        "via",
    ];
    for (line, f) in crate::kb::rows(&gold_name, &gold_text, &header, &mut errors) {
        let mut bad = |p: String| {
            errors.push(LineError {
                file: gold_name.clone(),
                line,
                problem: p,
            })
        };
        let Some(&ai) = index.get(f[0]) else {
            bad(format!("article `{}` is not in articles.tsv", f[0]));
            continue;
        };
        let (Ok(start), Ok(end)) = (f[1].parse::<usize>(), f[2].parse::<usize>()) else {
            bad(format!("offsets `{}` `{}` must be numbers", f[1], f[2]));
            continue;
        };
        let art = &mut articles[ai];
        let span: String = art
            .text
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect();
        if end <= start || span != f[4] {
            bad(format!(
                "characters {start}..{end} of {}.txt are `{span}`, not `{}`",
                art.name, f[4]
            ));
            continue;
        }
        let Some(kind) = EntityKind::parse(f[7]) else {
            bad(format!("unknown kind `{}`", f[7]));
            continue;
        };
        let Some(via) = parse_via(f[8]) else {
            bad(format!(
                "via `{}` must be name, acronym, metonymy, nominal or pronoun",
                f[8]
            ));
            continue;
        };
        let split = |s: &str| -> Vec<String> {
            s.split('|')
                .map(str::trim)
                .filter(|x| !x.is_empty() && *x != "-")
                .map(str::to_string)
                .collect()
        };
        let codes = split(f[6]);
        if let Some(c) = codes.iter().find(|c| {
            c.len() < 3
                || !c
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }) {
            bad(format!("malformed code `{c}`"));
            continue;
        }
        let canonicals = split(f[5]);
        if canonicals.is_empty() {
            bad("no canonical name".to_string());
            continue;
        }
        art.gold.push(GoldMention {
            start,
            end,
            text: f[4].to_string(),
            canonicals,
            codes,
            kind,
            via,
            line,
        });
    }
    for a in &mut articles {
        a.gold.sort_by_key(|g| (g.start, g.end));
        for w in a.gold.windows(2) {
            if w[1].start < w[0].end {
                errors.push(LineError {
                    file: gold_name.clone(),
                    line: w[1].line,
                    problem: format!(
                        "`{}` overlaps the gold mention on line {}",
                        w[1].text, w[0].line
                    ),
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(articles)
    } else {
        Err(errors)
    }
}

/// Counts over one or more articles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Gold mentions.
    pub gold: usize,
    /// Predicted mentions counted (nested ones excluded).
    pub predicted: usize,
    /// Predicted mentions inside a paired gold span, not counted.
    pub nested: usize,
    /// Gold mentions paired with a prediction.
    pub detected: usize,
    /// Of which with exactly the gold span.
    pub exact: usize,
    /// Paired with the right canonical actor.
    pub canonical_ok: usize,
    /// Paired with a matching code.
    pub code_ok: usize,
    /// Paired with the right kind.
    pub kind_ok: usize,
    /// Paired with the right actor and code.
    pub resolved: usize,
    /// Per way of referring (gold order of [`VIAS`]): (gold, detected, resolved).
    pub by_via: [(usize, usize, usize); 5],
}

impl Tally {
    /// Adds `o` into `self`.
    pub fn add(&mut self, o: &Tally) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.nested += o.nested;
        self.detected += o.detected;
        self.exact += o.exact;
        self.canonical_ok += o.canonical_ok;
        self.code_ok += o.code_ok;
        self.kind_ok += o.kind_ok;
        self.resolved += o.resolved;
        for (a, b) in self.by_via.iter_mut().zip(o.by_via.iter()) {
            a.0 += b.0;
            a.1 += b.1;
            a.2 += b.2;
        }
    }
}

/// What went wrong with one mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A gold mention nothing was predicted for.
    Miss,
    /// A prediction with no gold mention.
    False,
    /// A gold mention paired with the wrong actor or code.
    Wrong,
}

/// One error, for `--errors`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorLine {
    /// Miss, false positive or wrong resolution.
    pub kind: ErrorKind,
    /// Character offset in the article.
    pub start: usize,
    /// The text of the mention (gold span for misses and wrong ones).
    pub text: String,
    /// The gold answer (`canonical CODE via`), empty for false positives.
    pub gold: String,
    /// The predicted answer, empty for misses.
    pub predicted: String,
}

struct Pred {
    start: usize,
    end: usize,
    entity: usize,
    via: MentionVia,
}

/// Folds a name for comparison: lowercase, no diacritics, no leading `the`, hyphens and dots
/// as spaces.
fn fold(s: &str) -> String {
    let key = phrase_key(s);
    match key.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => key,
    }
}

/// Whether the predicted entity is the gold actor.
fn same_actor(kb: &Kb, gaz: &Gazetteer, gold: &GoldMention, e: &newsgraph_core::Entity) -> bool {
    let pred = fold(&e.canonical);
    if gold.canonicals.iter().any(|g| fold(g) == pred) {
        return true;
    }
    if e.kind == EntityKind::Location {
        // The gazetteer's own spelling (`Ar Raqqah`) of a gold place (`Raqqa`).
        return gold.canonicals.iter().any(|g| {
            let key = phrase_key(g);
            [gaz.best(&key, &[]), gaz.best_variant(&key, &[])]
                .into_iter()
                .flatten()
                .filter_map(|p| gaz.places.get(p as usize))
                .any(|p| fold(&p.name) == pred)
        });
    }
    // A knowledge-base actor named by one of its aliases in the gold.
    let Some(&id) = kb.by_canonical.get(&e.canonical) else {
        return false;
    };
    let actor = &kb.actors[id];
    gold.canonicals.iter().any(|g| {
        let key = phrase_key(g);
        let by_phrase = kb.phrases.get(&key).is_some_and(|ts| {
            ts.iter().any(|t| match *t {
                Target::Name(i) | Target::Acronym(i) => i == id,
                Target::Adjective(c) => {
                    actor.class == ActorClass::Country && kb.countries[c].actor == id
                }
                _ => false,
            })
        });
        by_phrase
            || actor
                .aliases
                .iter()
                .chain(actor.acronyms.iter())
                .any(|a| fold(a) == fold(g))
    })
}

fn code_matches(gold: &GoldMention, code: Option<&str>) -> bool {
    match code {
        None => gold.codes.is_empty(),
        Some(c) => gold.codes.iter().any(|g| c.starts_with(g.as_str())),
    }
}

/// Scores one analysed article: its counts and its errors in text order.
pub fn score(kb: &Kb, gaz: &Gazetteer, art: &Article, doc: &Document) -> (Tally, Vec<ErrorLine>) {
    let text = doc.text.as_str();
    // Byte offset → character offset.
    let mut char_of = vec![0usize; text.len() + 1];
    let mut n = 0;
    for (b, c) in text.char_indices() {
        for slot in char_of.iter_mut().skip(b).take(c.len_utf8()) {
            *slot = n;
        }
        n += 1;
    }
    char_of[text.len()] = n;
    let mut preds: Vec<Pred> = Vec::new();
    for (ei, e) in doc.entities.iter().enumerate() {
        for m in &e.mentions {
            preds.push(Pred {
                start: char_of[m.span.start.min(text.len())],
                end: char_of[m.span.end.min(text.len())],
                entity: ei,
                via: m.via,
            });
        }
    }
    preds.sort_by_key(|p| (p.start, p.end));
    let resolves = |g: &GoldMention, p: &Pred| -> (bool, bool) {
        let e = &doc.entities[p.entity];
        (
            same_actor(kb, gaz, g, e),
            code_matches(g, e.actor_code.as_deref()),
        )
    };
    let mut pair: Vec<Option<usize>> = vec![None; art.gold.len()];
    let mut taken = vec![false; preds.len()];
    for (gi, g) in art.gold.iter().enumerate() {
        if let Some(pi) = (0..preds.len())
            .filter(|&pi| !taken[pi] && preds[pi].start == g.start && preds[pi].end == g.end)
            .max_by_key(|&pi| resolves(g, &preds[pi]))
        {
            pair[gi] = Some(pi);
            taken[pi] = true;
        }
    }
    for (gi, g) in art.gold.iter().enumerate() {
        if pair[gi].is_some() {
            continue;
        }
        let best = (0..preds.len())
            .filter(|&pi| !taken[pi] && preds[pi].start < g.end && g.start < preds[pi].end)
            .max_by_key(|&pi| {
                let p = &preds[pi];
                let (a, c) = resolves(g, p);
                let overlap = p.end.min(g.end) - p.start.max(g.start);
                (a && c, a, c, overlap)
            });
        if let Some(pi) = best {
            pair[gi] = Some(pi);
            taken[pi] = true;
        }
    }
    let mut t = Tally {
        gold: art.gold.len(),
        ..Tally::default()
    };
    let mut errors = Vec::new();
    let describe_pred = |p: &Pred| -> String {
        let e = &doc.entities[p.entity];
        format!(
            "{} {} {}",
            e.canonical,
            e.actor_code.as_deref().unwrap_or("-"),
            via_name(p.via)
        )
    };
    for (gi, g) in art.gold.iter().enumerate() {
        let vi = VIAS.iter().position(|v| *v == g.via).unwrap_or(0);
        t.by_via[vi].0 += 1;
        let gold_desc = format!(
            "{} {} {}",
            g.canonicals.join("|"),
            if g.codes.is_empty() {
                "-".to_string()
            } else {
                g.codes.join("|")
            },
            via_name(g.via)
        );
        let Some(pi) = pair[gi] else {
            errors.push(ErrorLine {
                kind: ErrorKind::Miss,
                start: g.start,
                text: g.text.clone(),
                gold: gold_desc,
                predicted: String::new(),
            });
            continue;
        };
        let p = &preds[pi];
        t.detected += 1;
        t.by_via[vi].1 += 1;
        if p.start == g.start && p.end == g.end {
            t.exact += 1;
        }
        let e = &doc.entities[p.entity];
        if e.kind == g.kind {
            t.kind_ok += 1;
        }
        let (a, c) = resolves(g, p);
        t.canonical_ok += usize::from(a);
        t.code_ok += usize::from(c);
        if a && c {
            t.resolved += 1;
            t.by_via[vi].2 += 1;
        } else {
            errors.push(ErrorLine {
                kind: ErrorKind::Wrong,
                start: g.start,
                text: g.text.clone(),
                gold: gold_desc,
                predicted: describe_pred(p),
            });
        }
    }
    for (pi, p) in preds.iter().enumerate() {
        if taken[pi] {
            continue;
        }
        let nested = art
            .gold
            .iter()
            .enumerate()
            .any(|(gi, g)| pair[gi].is_some() && g.start <= p.start && p.end <= g.end);
        if nested {
            t.nested += 1;
            continue;
        }
        t.predicted += 1;
        errors.push(ErrorLine {
            kind: ErrorKind::False,
            start: p.start,
            text: art
                .text
                .chars()
                .skip(p.start)
                .take(p.end - p.start)
                .collect(),
            gold: String::new(),
            predicted: describe_pred(p),
        });
    }
    t.predicted += t.detected;
    errors.sort_by_key(|e| e.start);
    (t, errors)
}

/// The name of a way of referring (`pronoun`).
pub fn via_label(v: MentionVia) -> &'static str {
    via_name(v)
}
