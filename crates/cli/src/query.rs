//! The query subcommands over the store: `events`, `actors`, `actor`, `quotes`, `timeline`,
//! `search`, `show`, `stories`.

use newsgraph_store::query::{
    ActorFilter, Bucket, EventFilter, EventRow, QuoteFilter, QuoteRow, TimelineFilter,
};
use newsgraph_store::Store;
use serde::Serialize;

use crate::output::{self, Format};
use crate::{DbArg, Globals, Outcome};

/// Shared output options.
#[derive(clap::Args, Debug, Clone)]
pub struct OutArgs {
    /// Output shape (default: table on a terminal, jsonl otherwise).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Most rows to print.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Rows to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

fn print_rows<T: Serialize>(
    format: Option<Format>,
    headers: &[&str],
    items: &[T],
    row: impl Fn(&T) -> Vec<String>,
) -> anyhow::Result<()> {
    let out = match Format::resolve(format) {
        Format::Table => {
            if items.is_empty() {
                eprintln!("newsgraph: no matching rows");
            }
            output::table(headers, &items.iter().map(row).collect::<Vec<_>>())
        }
        Format::Csv => output::csv(headers, &items.iter().map(row).collect::<Vec<_>>()),
        Format::Jsonl => {
            let mut s = String::new();
            for it in items {
                s.push_str(&serde_json::to_string(it)?);
                s.push('\n');
            }
            s
        }
        Format::Json => serde_json::to_string_pretty(items)? + "\n",
    };
    write_stdout(&out)
}

/// Writes to stdout, treating a closed pipe as the reader having had enough.
pub fn write_stdout(s: &str) -> anyhow::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(s.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "-".into())
}

fn actor_label(name: &Option<String>, code: &Option<String>) -> String {
    match (name, code) {
        (Some(n), Some(c)) => format!("{n} ({c})"),
        (Some(n), None) => n.clone(),
        (None, Some(c)) => c.clone(),
        (None, None) => "-".into(),
    }
}

const EVENT_HEADERS: &[&str] = &[
    "id",
    "date",
    "source",
    "cameo",
    "target",
    "goldstein",
    "quad",
    "mentions",
    "articles",
    "place",
];

fn event_cells(e: &EventRow) -> Vec<String> {
    vec![
        e.id.to_string(),
        e.day.clone(),
        actor_label(&e.source, &e.source_code),
        e.cameo.clone(),
        actor_label(&e.target, &e.target_code),
        format!("{:.1}", e.goldstein),
        e.quad_class.to_string(),
        e.num_mentions.to_string(),
        e.num_articles.to_string(),
        e.place.clone(),
    ]
}

/// The event filters, shared by `events` and `export events` so the two cannot drift.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct EventFilterArgs {
    /// Events with this actor as source or target (name, alias, code or id).
    #[arg(long)]
    pub actor: Option<String>,
    /// Events with this source actor.
    #[arg(long)]
    pub source: Option<String>,
    /// Events with this target actor.
    #[arg(long)]
    pub target: Option<String>,
    /// CAMEO code or prefix: 11, 112, 1121.
    #[arg(long)]
    pub code: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long)]
    pub quad: Option<u8>,
    /// First date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Last date, inclusive.
    #[arg(long)]
    pub until: Option<String>,
    /// Place name.
    #[arg(long)]
    pub place: Option<String>,
}

impl EventFilterArgs {
    /// The store's filter, with paging (`limit` 0 = the store's default).
    pub fn filter(self, limit: usize, offset: usize) -> EventFilter {
        EventFilter {
            actor: self.actor,
            source: self.source,
            target: self.target,
            code: self.code,
            quad: self.quad,
            since: self.since,
            until: self.until,
            place: self.place,
            limit,
            offset,
        }
    }
}

/// Arguments of `events`.
#[derive(clap::Args, Debug)]
pub struct EventsArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: EventFilterArgs,
    /// Also print the sentences each event was found in.
    #[arg(long)]
    mentions: bool,
    #[command(flatten)]
    out: OutArgs,
}

/// Runs `events`.
pub fn events(args: EventsArgs, _g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db.db)?;
    let f = args.filter.filter(args.out.limit, args.out.offset);
    let rows = store.events(&f)?;
    if args.mentions && Format::resolve(args.out.format) == Format::Table {
        let mut s = String::new();
        for e in &rows {
            s.push_str(&output::table(EVENT_HEADERS, &[event_cells(e)]));
            for m in store.event_mentions(e.id)? {
                s.push_str(&format!(
                    "    {} {} [{}]: {}\n",
                    m.published.as_deref().unwrap_or("-"),
                    &m.doc_id[..m.doc_id.len().min(8)],
                    m.trigger,
                    m.sentence_text
                ));
            }
            s.push('\n');
        }
        return write_stdout(&s).map(|()| Outcome::ok());
    }
    print_rows(args.out.format, EVENT_HEADERS, &rows, event_cells)?;
    Ok(Outcome::ok())
}

/// Arguments of `actors`.
#[derive(clap::Args, Debug)]
pub struct ActorsArgs {
    #[command(flatten)]
    db: DbArg,
    /// ISO alpha-3 country (SYR, RUS).
    #[arg(long)]
    country: Option<String>,
    /// Kind: person, organization, country, location, group, other.
    #[arg(long)]
    kind: Option<String>,
    #[command(flatten)]
    out: OutArgs,
}

/// Runs `actors`.
pub fn actors(args: ActorsArgs, _g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db.db)?;
    if let Some(k) = &args.kind {
        if newsgraph_core::EntityKind::parse(k).is_none() {
            anyhow::bail!("--kind: '{k}' is not a kind; use person, organization, country, location, group or other");
        }
    }
    let rows = store.actors(&ActorFilter {
        country: args.country,
        kind: args.kind,
        limit: args.out.limit,
        offset: args.out.offset,
    })?;
    print_rows(
        args.out.format,
        &[
            "id",
            "actor",
            "kind",
            "code",
            "country",
            "mentions",
            "documents",
        ],
        &rows,
        |a| {
            vec![
                a.id.to_string(),
                a.canonical.clone(),
                a.kind.clone(),
                opt(&a.actor_code),
                opt(&a.country),
                a.mentions.to_string(),
                a.documents.to_string(),
            ]
        },
    )?;
    Ok(Outcome::ok())
}

/// Arguments of `actor`.
#[derive(clap::Args, Debug)]
pub struct ActorArgs {
    /// Name, alias, actor code or registry id.
    name: String,
    #[command(flatten)]
    db: DbArg,
    /// Output shape: table (default on a terminal) or json.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Most quotes and events per section.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

/// Runs `actor`.
pub fn actor(args: ActorArgs, _g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db.db)?;
    let ids = store.resolve_actor(&args.name)?;
    let mut out = String::new();
    let format = Format::resolve(args.format);
    for id in ids.iter().take(1) {
        let Some(d) = store.actor_detail(*id, args.limit)? else {
            continue;
        };
        if format != Format::Table {
            out.push_str(&serde_json::to_string(&d)?);
            out.push('\n');
            continue;
        }
        let a = &d.actor;
        out.push_str(&format!(
            "{} [{}] {}  code {}  country {}  wikidata {}\n{} mentions in {} documents\n",
            a.canonical,
            a.id,
            a.kind,
            opt(&a.actor_code),
            opt(&a.country),
            opt(&a.wikidata),
            a.mentions,
            a.documents
        ));
        let aliases: Vec<String> = d
            .aliases
            .iter()
            .map(|(t, n)| format!("{t} ({n})"))
            .collect();
        out.push_str(&format!("aliases: {}\n", aliases.join(", ")));
        out.push_str(&format!("\nQuotes ({}):\n", d.quotes.len()));
        for q in &d.quotes {
            out.push_str(&format!(
                "  {} [{}] {}\n",
                q.date.as_deref().unwrap_or("-"),
                q.kind,
                q.text
            ));
        }
        out.push_str(&format!(
            "\nEvents as source ({}):\n",
            d.events_as_source.len()
        ));
        out.push_str(&output::table(
            EVENT_HEADERS,
            &d.events_as_source
                .iter()
                .map(event_cells)
                .collect::<Vec<_>>(),
        ));
        out.push_str(&format!(
            "\nEvents as target ({}):\n",
            d.events_as_target.len()
        ));
        out.push_str(&output::table(
            EVENT_HEADERS,
            &d.events_as_target
                .iter()
                .map(event_cells)
                .collect::<Vec<_>>(),
        ));
        out.push_str("\nTop partners:\n");
        out.push_str(&output::table(
            &[
                "partner",
                "code",
                "events",
                "cooperation",
                "conflict",
                "mean goldstein",
            ],
            &d.partners
                .iter()
                .map(|p| {
                    vec![
                        p.canonical.clone(),
                        opt(&p.actor_code),
                        p.events.to_string(),
                        p.cooperation.to_string(),
                        p.conflict.to_string(),
                        format!("{:.2}", p.mean_goldstein),
                    ]
                })
                .collect::<Vec<_>>(),
        ));
    }
    if ids.len() > 1 && format == Format::Table {
        out.push_str(&format!(
            "\n({} other actors match '{}'; give the id to pick one)\n",
            ids.len() - 1,
            args.name
        ));
    }
    write_stdout(&out)?;
    Ok(Outcome::ok())
}

/// Arguments of `quotes`.
#[derive(clap::Args, Debug)]
pub struct QuotesArgs {
    #[command(flatten)]
    db: DbArg,
    /// Speaker name, alias, code or id.
    #[arg(long)]
    speaker: Option<String>,
    /// Said on or after (YYYY, YYYY-MM, YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Said on or before.
    #[arg(long)]
    until: Option<String>,
    #[command(flatten)]
    out: OutArgs,
}

/// Runs `quotes`.
pub fn quotes(args: QuotesArgs, _g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db.db)?;
    let rows = store.quotes(&QuoteFilter {
        speaker: args.speaker,
        since: args.since,
        until: args.until,
        limit: args.out.limit,
        offset: args.out.offset,
    })?;
    print_rows(
        args.out.format,
        &["date", "speaker", "kind", "cue", "quote", "document"],
        &rows,
        |q: &QuoteRow| {
            vec![
                opt(&q.date),
                q.speaker
                    .clone()
                    .or_else(|| q.speaker_text.clone())
                    .unwrap_or_else(|| "-".into()),
                q.kind.clone(),
                opt(&q.cue),
                q.text.clone(),
                q.doc_id[..q.doc_id.len().min(8)].to_string(),
            ]
        },
    )?;
    Ok(Outcome::ok())
}

/// Bucket sizes on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum By {
    /// Per day.
    Day,
    /// Per ISO week.
    Week,
    /// Per month.
    Month,
}

/// Arguments of `timeline`.
#[derive(clap::Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    db: DbArg,
    /// Events involving this actor.
    #[arg(long)]
    actor: Option<String>,
    /// With --actor: only events between the two actors.
    #[arg(long)]
    partner: Option<String>,
    /// Bucket size.
    #[arg(long, value_enum, default_value = "month")]
    by: By,
    /// First date.
    #[arg(long)]
    since: Option<String>,
    /// Last date.
    #[arg(long)]
    until: Option<String>,
    /// Output shape.
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Runs `timeline`.
pub fn timeline(args: TimelineArgs, _g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db.db)?;
    let rows = store.timeline(&TimelineFilter {
        actor: args.actor,
        partner: args.partner,
        since: args.since,
        until: args.until,
        by: match args.by {
            By::Day => Bucket::Day,
            By::Week => Bucket::Week,
            By::Month => Bucket::Month,
        },
    })?;
    print_rows(
        args.format,
        &[
            "period",
            "events",
            "mentions",
            "goldstein sum",
            "mean goldstein",
            "verbal coop",
            "material coop",
            "verbal conflict",
            "material conflict",
        ],
        &rows,
        |r| {
            vec![
                r.period.clone(),
                r.events.to_string(),
                r.mentions.to_string(),
                format!("{:.1}", r.goldstein_sum),
                format!("{:.2}", r.mean_goldstein),
                r.quad[0].to_string(),
                r.quad[1].to_string(),
                r.quad[2].to_string(),
                r.quad[3].to_string(),
            ]
        },
    )?;
    Ok(Outcome::ok())
}

/// Arguments of `search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Words to find (FTS5 syntax: "exact phrase", AND, OR, prefix*).
    query: String,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutArgs,
}

/// Runs `search`.
pub fn search(args: SearchArgs, _g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db.db)?;
    let hits = store.search(&args.query, args.out.limit)?;
    print_rows(
        args.out.format,
        &["kind", "document", "title", "snippet"],
        &hits,
        |h| {
            vec![
                h.kind.clone(),
                h.doc_id[..h.doc_id.len().min(8)].to_string(),
                opt(&h.title),
                h.snippet.replace('\n', " "),
            ]
        },
    )?;
    Ok(Outcome::ok())
}

/// Output of `show`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShowFormat {
    /// A readable summary.
    Text,
    /// The analysis contract object.
    Json,
    /// The raw input as stored.
    Raw,
}

/// Arguments of `show`.
#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Document id (or a unique prefix of it) or its path.
    doc: String,
    #[command(flatten)]
    db: DbArg,
    /// Output shape.
    #[arg(long, value_enum, default_value = "text")]
    format: ShowFormat,
}

/// Runs `show`.
pub fn show(args: ShowArgs, _g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db.db)?;
    let Some(id) = store.find_document(&args.doc)? else {
        anyhow::bail!(
            "{}: no such document in {} (see `newsgraph search` or `newsgraph stats`)",
            args.doc,
            args.db.db.display()
        );
    };
    let out = match args.format {
        ShowFormat::Raw => store.raw(&id)?.unwrap_or_default(),
        ShowFormat::Json => {
            let a = store
                .analysis(&id)?
                .ok_or_else(|| anyhow::anyhow!("{id}: document vanished"))?;
            serde_json::to_string(&a)? + "\n"
        }
        ShowFormat::Text => {
            let a = store
                .analysis(&id)?
                .ok_or_else(|| anyhow::anyhow!("{id}: document vanished"))?;
            let mut s = crate::analyze::render_analysis(&a, None);
            s.push_str("\n--- text ---\n");
            s.push_str(&a.document.text);
            s.push('\n');
            s
        }
    };
    write_stdout(&out)?;
    Ok(Outcome::ok())
}

/// Arguments of `stories`.
#[derive(clap::Args, Debug)]
pub struct StoriesArgs {
    /// Show one story (its id, or a unique prefix) with its articles and events.
    story: Option<String>,
    #[command(flatten)]
    db: DbArg,
    /// Only stories with at least this many articles.
    #[arg(long, default_value_t = 1)]
    min_articles: i64,
    #[command(flatten)]
    out: OutArgs,
}

/// Runs `stories`.
pub fn stories(args: StoriesArgs, _g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db.db)?;
    if let Some(key) = &args.story {
        let Some(detail) = store.story(key)? else {
            anyhow::bail!("{key}: no such story (see `newsgraph stories`)");
        };
        let format = Format::resolve(args.out.format);
        if format != Format::Table {
            return print_rows(
                args.out.format,
                &[],
                std::slice::from_ref(&detail),
                |_| vec![],
            )
            .map(|_| Outcome::ok());
        }
        let s = &detail.story;
        let mut out = format!(
            "{}  {}\n{} articles, {} .. {}, {} events; actors: {}\n\n",
            s.id,
            s.label,
            s.articles,
            opt(&s.first_published),
            opt(&s.last_published),
            s.events,
            s.actors.join(", ")
        );
        let docs: Vec<Vec<String>> = detail
            .documents
            .iter()
            .map(|d| {
                vec![
                    d.id[..d.id.len().min(8)].to_string(),
                    opt(&d.published),
                    opt(&d.outlet),
                    opt(&d.title),
                ]
            })
            .collect();
        out.push_str(&output::table(
            &["document", "published", "outlet", "title"],
            &docs,
        ));
        if !detail.events.is_empty() {
            out.push('\n');
            let rows: Vec<Vec<String>> = detail.events.iter().map(event_cells).collect();
            out.push_str(&output::table(EVENT_HEADERS, &rows));
        }
        write_stdout(&out)?;
        return Ok(Outcome::ok());
    }
    let rows = store.stories(args.min_articles, args.out.limit, args.out.offset)?;
    print_rows(
        args.out.format,
        &[
            "story", "articles", "first", "last", "events", "actors", "label",
        ],
        &rows,
        |s| {
            vec![
                s.id.clone(),
                s.articles.to_string(),
                opt(&s.first_published),
                opt(&s.last_published),
                s.events.to_string(),
                s.actors.join(", "),
                s.label.clone(),
            ]
        },
    )?;
    Ok(Outcome::ok())
}
