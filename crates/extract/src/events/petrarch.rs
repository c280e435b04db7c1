//! PETRARCH/TABARI dictionaries as a user dictionary: actors (`PHRASE [CODE]`, `+SYNONYM`
//! lines, date-restricted code blocks), agents (`PHRASE {PLURALS} [~CODE]` with `!SET!`
//! substitutions) and, for the verb side, verb groups (`--- VERB [CODE] ---`, forms, `- pre *
//! post [CODE]` patterns and `&SYNSET`s).
//!
//! [`PetrarchActors`] is a stage that adds an entity for every dictionary phrase in the text not
//! already covered by the actors layer, combining an agent with the actor beside it ("Arnor's
//! foreign minister" → `ARNGOVFRM`-style codes).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use newsgraph_core::{Date, Document, Entity, EntityKind, Mention, MentionVia, Span, Stage};

use super::EventsError;

/// One way to write an actor or agent: uppercase words; the last matches as a stem unless the
/// phrase ended in `_`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Phrase {
    words: Vec<String>,
    stem_last: bool,
}

/// A code with the dates it holds (YYYYMMDD, inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
struct DatedCode {
    code: Option<String>,
    from: Option<u32>,
    until: Option<u32>,
}

#[derive(Clone, Debug)]
struct ActorEntry {
    name: String,
    codes: Vec<DatedCode>,
    /// Agent codes: `~GOV` appends, `GOV~` prepends.
    agent: Option<(String, bool)>,
}

/// A verb group of a PETRARCH verb dictionary.
#[derive(Clone, Debug, Default)]
pub struct VerbGroup {
    /// The group's header code (`None` for `[---]`).
    pub code: Option<String>,
    /// Patterns: words before the verb, words after it, and the code.
    pub patterns: Vec<VerbPattern>,
}

/// A verb pattern: `- PRE * POST [CODE]`.
#[derive(Clone, Debug, Default)]
pub struct VerbPattern {
    /// Words (or alternatives from a synset) that must come before the verb, in order.
    pub pre: Vec<Vec<String>>,
    /// Words that must come after the verb, in order.
    pub post: Vec<Vec<String>>,
    /// The code (`None` for a null pattern `[---]`).
    pub code: Option<String>,
}

/// A parsed PETRARCH dictionary directory.
#[derive(Clone, Debug, Default)]
pub struct PetrarchDictionary {
    entries: Vec<ActorEntry>,
    /// First word → (phrase, entry index), longest phrases first.
    index: BTreeMap<String, Vec<(Phrase, usize)>>,
    /// Verb form (uppercase, `_`-joined for multiword verbs) → group index.
    verb_forms: BTreeMap<String, usize>,
    verbs: Vec<VerbGroup>,
}

/// Removes `<!-- -->` blocks and `#` comments.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_phrase(raw: &str) -> Option<Phrase> {
    let raw = raw.trim().trim_start_matches('+');
    let stem_last = !raw.ends_with('_');
    let words: Vec<String> = raw
        .split(['_', ' '])
        .map(|w| w.trim().to_uppercase())
        .filter(|w| !w.is_empty())
        .collect();
    (!words.is_empty()).then_some(Phrase { words, stem_last })
}

fn parse_date(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    Some(match s.len() {
        6 => {
            let yy = n / 10000;
            let century = if yy > 30 { 19000000 } else { 20000000 };
            century + n
        }
        8 => n,
        7 => n * 10 / 10, // malformed in some dictionaries; keep as is
        _ => return None,
    })
}

/// Parses the inside of a `[...]` code block.
fn parse_code_block(inner: &str) -> DatedCode {
    let inner = inner.trim();
    let (code, restriction) = match inner.find([' ', '<', '>', '\t']) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    };
    let code = code.split('/').next().unwrap_or("").trim().to_uppercase();
    let code =
        (!code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(code);
    let (mut from, mut until) = (None, None);
    if let Some(d) = restriction.strip_prefix('<') {
        until = parse_date(d);
    } else if let Some(d) = restriction.strip_prefix('>') {
        from = parse_date(d);
    } else if let Some((a, b)) = restriction.split_once('-') {
        from = parse_date(a);
        until = parse_date(b);
    }
    DatedCode { code, from, until }
}

fn code_blocks(line: &str) -> (String, Vec<String>) {
    let mut head = String::new();
    let mut blocks = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find('[') {
        head.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => {
                blocks.push(rest[i + 1..i + j].to_string());
                rest = &rest[i + j + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    head.push_str(rest);
    (head, blocks)
}

fn date_number(d: Date) -> u32 {
    let s = d.to_string();
    s.replace('-', "").parse().unwrap_or(0)
}

impl PetrarchDictionary {
    /// Reads every `*actors*`, `*agents*` and `*verbs*` file in `dir` (`.txt`).
    pub fn read_dir(dir: &Path) -> Result<PetrarchDictionary, EventsError> {
        let io = |e: std::io::Error| EventsError::Io {
            file: dir.display().to_string(),
            source: e,
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let mut dict = PetrarchDictionary::default();
        let mut any = false;
        for f in files {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let kind = if name.contains("actor") {
                0
            } else if name.contains("agent") {
                1
            } else if name.contains("verb") || name.starts_with("cameo") {
                2
            } else {
                continue;
            };
            let bytes = std::fs::read(&f).map_err(|e| EventsError::Io {
                file: f.display().to_string(),
                source: e,
            })?;
            let text = String::from_utf8_lossy(&bytes);
            match kind {
                0 => dict.add_actors(&text),
                1 => dict.add_agents(&text),
                _ => dict.add_verbs(&text),
            }
            any = true;
        }
        if !any {
            return Err(EventsError::Data {
                file: dir.display().to_string(),
                line: 0,
                problem: "no PETRARCH actor, agent or verb dictionary (*.txt) found".to_string(),
            });
        }
        dict.build_index();
        Ok(dict)
    }

    /// Adds the entries of an actor dictionary.
    pub fn add_actors(&mut self, text: &str) {
        let text = strip_comments(text);
        let mut current: Option<usize> = None;
        let mut phrases: Vec<(Phrase, usize)> = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                continue;
            }
            let (head, blocks) = code_blocks(line);
            let head_t = head.trim();
            let indented = line.starts_with([' ', '\t']);
            if head_t.starts_with('+') {
                if let (Some(c), Some(p)) = (current, parse_phrase(head_t)) {
                    phrases.push((p, c));
                }
            } else if !head_t.is_empty() && !indented {
                self.entries.push(ActorEntry {
                    name: head_t.replace('_', " ").trim().to_string(),
                    codes: Vec::new(),
                    agent: None,
                });
                let c = self.entries.len() - 1;
                current = Some(c);
                if let Some(p) = parse_phrase(head_t) {
                    phrases.push((p, c));
                }
            }
            if let Some(c) = current {
                for b in blocks {
                    self.entries[c].codes.push(parse_code_block(&b));
                }
            }
        }
        for (p, c) in phrases {
            self.index
                .entry(p.words[0].clone())
                .or_default()
                .push((p, c));
        }
    }

    /// Adds the entries of an agent dictionary.
    pub fn add_agents(&mut self, text: &str) {
        let text = strip_comments(text);
        let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for line in text.lines() {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with('!') {
                if let Some((name, alts)) = t.split_once('=') {
                    sets.insert(
                        name.trim().to_string(),
                        alts.split(',').map(|a| a.trim().to_string()).collect(),
                    );
                }
                continue;
            }
            let (head, blocks) = code_blocks(t);
            let Some(block) = blocks.first() else {
                continue;
            };
            let b = block.trim();
            let agent = if let Some(c) = b.strip_prefix('~') {
                (c.trim().to_uppercase(), true)
            } else if let Some(c) = b.strip_suffix('~') {
                (c.trim().to_uppercase(), false)
            } else {
                (b.to_uppercase(), true)
            };
            if agent.0.is_empty() || !agent.0.bytes().all(|x| x.is_ascii_alphanumeric()) {
                continue;
            }
            // PHRASE {PLURAL PLURAL}
            let (phrase, plurals) = match head.find('{') {
                Some(i) => {
                    let close = head[i..].find('}').map(|j| i + j).unwrap_or(head.len());
                    (
                        head[..i].trim().to_string(),
                        Some(
                            head[i + 1..close]
                                .split_whitespace()
                                .map(str::to_string)
                                .collect(),
                        ),
                    )
                }
                None => (head.trim().to_string(), None::<Vec<String>>),
            };
            let mut forms = vec![phrase.clone()];
            match plurals {
                Some(p) => forms.extend(p),
                None => forms.push(format!("{}S", phrase.trim_end_matches('_'))),
            }
            // expand !SET! substitutions
            let mut expanded = Vec::new();
            for f in forms {
                let mut pending = vec![f];
                while let Some(f) = pending.pop() {
                    match sets.iter().find(|(k, _)| f.contains(k.as_str())) {
                        Some((k, alts)) => {
                            for a in alts {
                                pending.push(f.replacen(k.as_str(), a, 1));
                            }
                        }
                        None => expanded.push(f),
                    }
                }
            }
            self.entries.push(ActorEntry {
                name: phrase.replace('_', " "),
                codes: Vec::new(),
                agent: Some(agent),
            });
            let c = self.entries.len() - 1;
            for f in expanded {
                if let Some(mut p) = parse_phrase(&f) {
                    p.stem_last = false;
                    self.index
                        .entry(p.words[0].clone())
                        .or_default()
                        .push((p, c));
                }
            }
        }
    }

    /// Adds the groups and patterns of a verb dictionary.
    pub fn add_verbs(&mut self, text: &str) {
        let text = strip_comments(text);
        let mut synsets: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut current_set: Option<String> = None;
        let mut group: Option<usize> = None;
        for line in text.lines() {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if let Some(name) = t.strip_prefix('&') {
                current_set = Some(format!("&{}", name.split_whitespace().next().unwrap_or("")));
                group = None;
                continue;
            }
            if t.starts_with("---") {
                current_set = None;
                let (_, blocks) = code_blocks(t);
                let code = blocks
                    .first()
                    .and_then(|b| parse_code_block(b.split(':').next().unwrap_or("")).code);
                self.verbs.push(VerbGroup {
                    code,
                    patterns: Vec::new(),
                });
                group = Some(self.verbs.len() - 1);
                continue;
            }
            if let Some(set) = &current_set {
                if let Some(m) = t.strip_prefix('+') {
                    let m = m.trim().to_uppercase();
                    synsets.entry(set.clone()).or_default().push(m);
                }
                continue;
            }
            let Some(g) = group else {
                continue;
            };
            if let Some(p) = t.strip_prefix('-') {
                let (body, blocks) = code_blocks(p);
                let code = blocks
                    .first()
                    .and_then(|b| parse_code_block(b.split(':').next().unwrap_or("")).code);
                let Some((pre, post)) = body.split_once('*') else {
                    continue;
                };
                let words = |s: &str| -> Vec<Vec<String>> {
                    s.split(['_', ' '])
                        .map(|w| w.trim_matches(|c| "+$%^()|".contains(c)).to_uppercase())
                        .filter(|w| !w.is_empty())
                        .map(|w| {
                            if w.starts_with('&') {
                                let mut alts = synsets.get(&w).cloned().unwrap_or_default();
                                // one level of nested synsets
                                let nested: Vec<String> = alts
                                    .iter()
                                    .filter(|a| a.starts_with('&'))
                                    .flat_map(|a| synsets.get(a).cloned().unwrap_or_default())
                                    .collect();
                                alts.retain(|a| !a.starts_with('&'));
                                alts.extend(nested);
                                alts.into_iter()
                                    .map(|a| a.split([' ', '_']).next().unwrap_or("").to_string())
                                    .collect()
                            } else {
                                vec![w]
                            }
                        })
                        .collect()
                };
                self.verbs[g].patterns.push(VerbPattern {
                    pre: words(pre),
                    post: words(post),
                    code,
                });
                continue;
            }
            // verb forms: `WORD {FORMS}` or `+WORD {FORMS}`
            let (head, _) = code_blocks(t);
            let (base, listed) = match head.find('{') {
                Some(i) => (
                    head[..i].to_string(),
                    head[i + 1..]
                        .trim_end_matches('}')
                        .split_whitespace()
                        .map(|w| w.trim_start_matches('+').trim_end_matches('}').to_string())
                        .collect::<Vec<_>>(),
                ),
                None => (head.clone(), Vec::new()),
            };
            let base = base
                .trim()
                .trim_start_matches('+')
                .trim_end_matches('_')
                .to_uppercase();
            if base.is_empty() || base.contains(' ') {
                continue;
            }
            let mut forms = vec![base.clone()];
            if !base.contains('_') {
                forms.extend(
                    super::lexicon::inflections(&base.to_lowercase())
                        .into_iter()
                        .map(|f| f.to_uppercase()),
                );
            }
            forms.extend(listed.into_iter().map(|f| f.to_uppercase()));
            for f in forms {
                self.verb_forms.entry(f).or_insert(g);
            }
        }
    }

    fn build_index(&mut self) {
        for v in self.index.values_mut() {
            v.sort_by(|a, b| b.0.words.len().cmp(&a.0.words.len()));
        }
    }

    /// Number of actor and agent entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the dictionary has no actors or agents.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the dictionary has verb groups.
    pub fn has_verbs(&self) -> bool {
        !self.verbs.is_empty()
    }

    /// The verb group of an uppercase verb form.
    pub fn verb_group(&self, form: &str) -> Option<&VerbGroup> {
        self.verb_forms.get(form).and_then(|&g| self.verbs.get(g))
    }

    /// The code of `entry` valid on `date` (YYYYMMDD), the undated one if none is dated.
    fn code_on(&self, entry: usize, date: Option<u32>) -> Option<String> {
        let e = self.entries.get(entry)?;
        let d = date.unwrap_or(u32::MAX);
        let fits = |c: &&DatedCode| {
            c.from.is_none_or(|f| d >= f) && c.until.is_none_or(|u| date.is_none() || d <= u)
        };
        let dated = e
            .codes
            .iter()
            .filter(|c| c.from.is_some() || c.until.is_some())
            .find(fits);
        match dated {
            Some(c) => c.code.clone(),
            None => e
                .codes
                .iter()
                .find(|c| c.from.is_none() && c.until.is_none())
                .or(e.codes.last())
                .and_then(|c| c.code.clone()),
        }
    }

    /// Matches dictionary phrases over a document's tokens: (first token, end token, entry).
    fn matches(&self, doc: &Document) -> Vec<(usize, usize, usize)> {
        let words: Vec<String> = doc
            .tokens
            .iter()
            .map(|t| t.form(&doc.text).to_uppercase())
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut best: Option<(usize, usize)> = None;
            let candidates = self.index.get(&words[i]).into_iter().flatten().chain(
                // stems: the first word may itself be a stem ("ARGENTIN")
                self.index
                    .range(..=words[i].clone())
                    .rev()
                    .take_while(|(k, _)| words[i].starts_with(k.as_str()))
                    .flat_map(|(_, v)| v.iter())
                    .filter(|(p, _)| p.words.len() == 1 && p.stem_last),
            );
            for (p, e) in candidates {
                let n = p.words.len();
                if i + n > words.len() {
                    continue;
                }
                let ok = p.words.iter().enumerate().all(|(k, w)| {
                    let tok = &words[i + k];
                    if k + 1 == n && p.stem_last {
                        tok.starts_with(w.as_str())
                    } else {
                        tok == w
                    }
                });
                if ok && best.is_none_or(|(bn, _)| n > bn) {
                    best = Some((n, *e));
                }
            }
            match best {
                Some((n, e)) => {
                    out.push((i, i + n, e));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The stage that adds PETRARCH dictionary actors to `Document::entities`.
pub struct PetrarchActors {
    dict: PetrarchDictionary,
}

impl PetrarchActors {
    /// A stage over a parsed dictionary.
    pub fn new(dict: PetrarchDictionary) -> PetrarchActors {
        PetrarchActors { dict }
    }

    /// The dictionary.
    pub fn dictionary(&self) -> &PetrarchDictionary {
        &self.dict
    }
}

impl Stage for PetrarchActors {
    fn name(&self) -> &'static str {
        "actors-petrarch"
    }

    fn annotate(&self, doc: &mut Document) {
        let date = doc.meta.published.map(date_number);
        let covered: Vec<Span> = doc
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.span))
            .collect();
        let found = self.dict.matches(doc);
        // (span, code, name, kind)
        let mut mentions: Vec<(Span, String, String)> = Vec::new();
        let mut k = 0;
        while k < found.len() {
            let (s, e, entry) = found[k];
            let ent = &self.dict.entries[entry];
            let span = Span::new(doc.tokens[s].span.start, doc.tokens[e - 1].span.end);
            match &ent.agent {
                None => {
                    let Some(code) = self.dict.code_on(entry, date) else {
                        k += 1;
                        continue;
                    };
                    // an agent right after the actor ("Arnor government", "Arnor's minister")
                    let next = found.get(k + 1).filter(|(ns, _, ne)| {
                        let gap = *ns - e;
                        self.dict.entries[*ne].agent.is_some()
                            && (gap == 0
                                || (gap <= 2
                                    && (e..*ns).all(|g| {
                                        let w = doc.tokens[g].form(&doc.text);
                                        w == "'s"
                                            || w == "'"
                                            || !w.chars().any(char::is_alphanumeric)
                                            || w.chars().all(|c| c.is_lowercase())
                                    })))
                    });
                    match next {
                        Some(&(_, ne, na)) => {
                            let (agent, suffix) =
                                self.dict.entries[na].agent.clone().unwrap_or_default();
                            let combined = if suffix {
                                format!("{code}{agent}")
                            } else {
                                format!("{agent}{code}")
                            };
                            let span2 = Span::new(span.start, doc.tokens[ne - 1].span.end);
                            mentions.push((span2, combined, ent.name.clone()));
                            k += 2;
                            continue;
                        }
                        None => mentions.push((span, code, ent.name.clone())),
                    }
                }
                Some((agent, suffix)) => {
                    // an agent followed by "of ACTOR" ("the foreign minister of Arnor")
                    if let Some(&(ns, ne, na)) = found.get(k + 1) {
                        let of =
                            ns == e + 1 && doc.tokens[e].form(&doc.text).eq_ignore_ascii_case("of");
                        if of && self.dict.entries[na].agent.is_none() {
                            if let Some(code) = self.dict.code_on(na, date) {
                                let combined = if *suffix {
                                    format!("{code}{agent}")
                                } else {
                                    format!("{agent}{code}")
                                };
                                let span2 = Span::new(span.start, doc.tokens[ne - 1].span.end);
                                mentions.push((
                                    span2,
                                    combined,
                                    self.dict.entries[na].name.clone(),
                                ));
                                k += 2;
                                continue;
                            }
                        }
                    }
                }
            }
            k += 1;
        }
        let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
        let mut new_entities: Vec<Entity> = Vec::new();
        let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (span, code, name) in mentions {
            if covered.iter().any(|c| c.overlaps(span)) || !seen.insert((span.start, span.end)) {
                continue;
            }
            let idx = *by_code.entry(code.clone()).or_insert_with(|| {
                new_entities.push(Entity {
                    canonical: name,
                    kind: if code.len() == 3 {
                        EntityKind::Country
                    } else {
                        EntityKind::Organization
                    },
                    actor_code: Some(code.clone()),
                    country: None,
                    ..Entity::default()
                });
                new_entities.len() - 1
            });
            new_entities[idx].mentions.push(Mention {
                span,
                via: MentionVia::Name,
            });
        }
        doc.entities.extend(new_entities);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "<!-- header -->\nARNOR_  [ARN]\n+ARNORIAN\nGONDOR [GON]\n\
        +MINAS_TIRITH\nGOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\
        \t[HOBREB > 990816]\nARGENTIN [ARG] # stem\nBOROMIR [---]\n";
    const AGENTS: &str = "!MINST! = MINISTER, MINISTERS\nFOREIGN_!MINST! [~GOVFRM]\n\
        GOVERNMENT [~GOV]\nHUMAN_RIGHTS_BODY [NGO~]\n";

    fn dict() -> PetrarchDictionary {
        let mut d = PetrarchDictionary::default();
        d.add_actors(ACTORS);
        d.add_agents(AGENTS);
        d.build_index();
        d
    }

    fn tokens(text: &str) -> Document {
        let mut d = Document::from_text("t", text);
        let mut pos = 0;
        for w in text.split(' ') {
            d.tokens.push(newsgraph_core::Token {
                span: Span::new(pos, pos + w.len()),
                ..Default::default()
            });
            pos += w.len() + 1;
        }
        d
    }

    fn codes(text: &str, date: Option<&str>) -> Vec<(String, String)> {
        let stage = PetrarchActors::new(dict());
        let mut d = tokens(text);
        d.meta.published = date.and_then(|s| Date::parse_iso(s).ok());
        stage.annotate(&mut d);
        d.entities
            .iter()
            .flat_map(|e| {
                e.mentions.iter().map(|m| {
                    (
                        d.slice(m.span).to_string(),
                        e.actor_code.clone().unwrap_or_default(),
                    )
                })
            })
            .collect()
    }

    #[test]
    fn actors_synonyms_stems_and_null_codes() {
        let c = codes(
            "Arnorian troops met Argentina and Boromir near Minas Tirith",
            None,
        );
        assert!(c.contains(&("Arnorian".into(), "ARN".into())), "{c:?}");
        assert!(c.contains(&("Argentina".into(), "ARG".into())), "{c:?}");
        assert!(c.contains(&("Minas Tirith".into(), "GON".into())), "{c:?}");
        assert!(!c.iter().any(|(w, _)| w == "Boromir"), "{c:?}");
    }

    #[test]
    fn dated_codes_follow_the_publication_date() {
        assert_eq!(codes("Smeagol left", Some("1994-01-01"))[0].1, "HOB");
        assert_eq!(codes("Smeagol left", Some("1996-01-01"))[0].1, "HOBGOV");
        assert_eq!(codes("Gollum left", Some("2001-01-01"))[0].1, "HOBREB");
    }

    #[test]
    fn agents_combine_with_their_actor() {
        let c = codes("the Gondor foreign minister said", None);
        assert_eq!(c, [("Gondor foreign minister".into(), "GONGOVFRM".into())]);
        let c = codes("the foreign ministers of Gondor said", None);
        assert_eq!(
            c,
            [("foreign ministers of Gondor".into(), "GONGOVFRM".into())]
        );
        let c = codes("the Arnor government said", None);
        assert_eq!(c, [("Arnor government".into(), "ARNGOV".into())]);
    }

    #[test]
    fn the_validation_dictionaries_load() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/petrarch/validation"
        );
        let Ok(d) = PetrarchDictionary::read_dir(Path::new(dir)) else {
            return;
        };
        assert!(d.len() > 150, "{}", d.len());
        assert!(d.has_verbs());
        assert_eq!(
            d.verb_group("RESTORE").and_then(|g| g.code.clone()),
            Some("064".into())
        );
        assert!(d.verb_group("RESTORED").is_some());
    }

    #[test]
    fn a_directory_without_dictionaries_is_an_error() {
        let e = PetrarchDictionary::read_dir(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_err();
        assert!(e.to_string().contains("no PETRARCH"), "{e}");
    }
}
