//! Exports in the shapes users already know: GDELT-style TSV, CSV, JSON Lines and Parquet for
//! events; GraphML, GEXF and DOT for the actor network.
//!
//! Exports stream: rows are read from SQLite and written out as they come (Parquet in row
//! groups of [`PARQUET_BATCH`]), so memory stays flat whatever the store's size.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use rusqlite::{params_from_iter, Row};
use serde::Serialize;

use crate::query::{EventFilter, GraphFilter};
use crate::{Store, StoreError};

/// Rows per Parquet row group.
pub const PARQUET_BATCH: usize = 65_536;

/// Output shapes of an event export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventFormat {
    /// The GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no header, then
    /// our own columns ([`GDELT_EXTRA_COLUMNS`]).
    Gdelt,
    /// Comma-separated values with a header row ([`EXPORT_COLUMNS`]).
    Csv,
    /// One JSON object per event.
    Jsonl,
    /// Apache Parquet ([`EXPORT_COLUMNS`], typed).
    Parquet,
}

/// Output shapes of a graph export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// GraphML (XML), readable by Gephi, yEd, NetworkX, igraph.
    Graphml,
    /// GEXF 1.3 (XML), Gephi's own format.
    Gexf,
    /// Graphviz DOT.
    Dot,
}

/// The GDELT 2.0 event table's columns, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Our columns after GDELT's 61 in the `gdelt` format.
pub const GDELT_EXTRA_COLUMNS: [&str; 8] = [
    "Date",
    "PloverType",
    "Actor1Id",
    "Actor2Id",
    "Actor1CountryIso3",
    "Actor2CountryIso3",
    "FirstSeen",
    "LastSeen",
];

/// Columns of the `csv`, `jsonl` and `parquet` formats.
pub const EXPORT_COLUMNS: [&str; 25] = [
    "id",
    "date",
    "source_id",
    "source",
    "source_code",
    "source_country",
    "target_id",
    "target",
    "target_code",
    "target_country",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "place",
    "lat",
    "lon",
    "num_mentions",
    "num_sources",
    "num_articles",
    "first_seen",
    "last_seen",
    "first_sentence",
    "source_url",
];

/// One event as exported.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ExportEvent {
    pub id: i64,
    pub date: String,
    pub source_id: Option<i64>,
    pub source: Option<String>,
    pub source_code: Option<String>,
    pub source_country: Option<String>,
    pub target_id: Option<i64>,
    pub target: Option<String>,
    pub target_code: Option<String>,
    pub target_country: Option<String>,
    pub cameo: String,
    pub root: String,
    pub quad_class: i64,
    pub goldstein: f64,
    pub plover: Option<String>,
    pub place: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// The earliest sentence (0-based) any mention comes from: 0 is the lead.
    pub first_sentence: Option<i64>,
    /// URL (or path, or id) of the earliest article reporting the event.
    pub source_url: Option<String>,
}

const EXPORT_SQL: &str = "SELECT e.id, e.day, e.source_id, sa.canonical, coalesce(e.source_code, sa.actor_code),
    sa.country, e.target_id, ta.canonical, coalesce(e.target_code, ta.actor_code), ta.country, e.cameo, e.root, e.quad_class, e.goldstein, e.plover, e.place, e.lat,
    e.lon, e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen,
    (SELECT min(m.sentence) FROM event_mentions m WHERE m.event_id = e.id),
    (SELECT coalesce(d.url, d.path, d.id) FROM event_mentions m JOIN documents d ON d.id = m.doc_id
      WHERE m.event_id = e.id ORDER BY d.published IS NULL, d.published, d.id LIMIT 1)
  FROM events e LEFT JOIN actors sa ON sa.id = e.source_id LEFT JOIN actors ta ON ta.id = e.target_id";

fn export_row(r: &Row<'_>) -> rusqlite::Result<ExportEvent> {
    let place: String = r.get(15)?;
    Ok(ExportEvent {
        id: r.get(0)?,
        date: r.get(1)?,
        source_id: r.get(2)?,
        source: r.get(3)?,
        source_code: r.get(4)?,
        source_country: r.get(5)?,
        target_id: r.get(6)?,
        target: r.get(7)?,
        target_code: r.get(8)?,
        target_country: r.get(9)?,
        cameo: r.get(10)?,
        root: r.get(11)?,
        quad_class: r.get(12)?,
        goldstein: r.get(13)?,
        plover: r.get(14)?,
        place: (!place.is_empty()).then_some(place),
        lat: r.get(16)?,
        lon: r.get(17)?,
        num_mentions: r.get(18)?,
        num_sources: r.get(19)?,
        num_articles: r.get(20)?,
        first_seen: r.get(21)?,
        last_seen: r.get(22)?,
        first_sentence: r.get(23)?,
        source_url: r.get(24)?,
    })
}

/// Failure of an export: the store or the writer.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed (or the filter was bad).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the output failed.
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    /// Encoding Parquet failed.
    #[error("writing Parquet: {0}")]
    Parquet(String),
}

impl From<rusqlite::Error> for ExportError {
    fn from(e: rusqlite::Error) -> Self {
        ExportError::Store(StoreError::from(e))
    }
}

impl Store {
    /// Streams every event matching `f` (its `limit` and `offset` are ignored: an export is
    /// whole) to `visit`, oldest first.
    pub fn for_each_export_event(
        &self,
        f: &EventFilter,
        mut visit: impl FnMut(ExportEvent) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        let w = self.event_where(f)?;
        let sql = format!("{EXPORT_SQL} {} ORDER BY e.day, e.id", w.sql());
        let mut stmt = self.connection().prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(w.values.iter()))?;
        while let Some(row) = rows.next()? {
            visit(export_row(row)?)?;
        }
        Ok(())
    }

    /// Writes the events matching `f` to `out` in `format`; returns how many were written.
    pub fn export_events(
        &self,
        f: &EventFilter,
        format: EventFormat,
        out: impl Write + Send,
    ) -> Result<usize, ExportError> {
        match format {
            EventFormat::Gdelt => self.export_text(f, out, |e| gdelt_line(e), None),
            EventFormat::Csv => self.export_text(f, out, csv_line, Some(EXPORT_COLUMNS.join(","))),
            EventFormat::Jsonl => self.export_text(
                f,
                out,
                |e| serde_json::to_string(e).unwrap_or_default(),
                None,
            ),
            EventFormat::Parquet => self.export_parquet(f, out),
        }
    }

    fn export_text(
        &self,
        f: &EventFilter,
        out: impl Write,
        line: impl Fn(&ExportEvent) -> String,
        header: Option<String>,
    ) -> Result<usize, ExportError> {
        // Refuse a bad filter before the header is written.
        self.check_event_filter(f)?;
        let mut out = std::io::BufWriter::new(out);
        if let Some(h) = header {
            writeln!(out, "{h}")?;
        }
        let mut n = 0;
        self.for_each_export_event(f, |e| {
            n += 1;
            writeln!(out, "{}", line(&e))?;
            Ok(())
        })?;
        out.flush()?;
        Ok(n)
    }

    fn export_parquet(
        &self,
        f: &EventFilter,
        out: impl Write + Send,
    ) -> Result<usize, ExportError> {
        let schema = Arc::new(parquet_schema());
        let props = parquet::file::properties::WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build();
        let perr = |e: parquet::errors::ParquetError| ExportError::Parquet(e.to_string());
        let mut writer =
            parquet::arrow::ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(perr)?;
        let mut batch = ParquetBatch::default();
        let mut n = 0;
        self.for_each_export_event(f, |e| {
            n += 1;
            batch.push(&e);
            if batch.len == PARQUET_BATCH {
                let b = batch.finish(&schema)?;
                writer.write(&b).map_err(perr)?;
            }
            Ok(())
        })?;
        if batch.len > 0 {
            let b = batch.finish(&schema)?;
            writer.write(&b).map_err(perr)?;
        }
        writer.close().map_err(perr)?;
        Ok(n)
    }
}

fn parquet_schema() -> Schema {
    let int = |name: &str, nullable: bool| Field::new(name, DataType::Int64, nullable);
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let float = |name: &str, nullable: bool| Field::new(name, DataType::Float64, nullable);
    Schema::new(vec![
        int("id", false),
        text("date", false),
        int("source_id", true),
        text("source", true),
        text("source_code", true),
        text("source_country", true),
        int("target_id", true),
        text("target", true),
        text("target_code", true),
        text("target_country", true),
        text("cameo", false),
        text("root", false),
        int("quad_class", false),
        float("goldstein", false),
        text("plover", true),
        text("place", true),
        float("lat", true),
        float("lon", true),
        int("num_mentions", false),
        int("num_sources", false),
        int("num_articles", false),
        text("first_seen", true),
        text("last_seen", true),
        int("first_sentence", true),
        text("source_url", true),
    ])
}

/// Column builders for one Parquet row group, in [`EXPORT_COLUMNS`] order.
#[derive(Default)]
struct ParquetBatch {
    len: usize,
    ints: [Int64Builder; 8],
    texts: [StringBuilder; 14],
    floats: [Float64Builder; 3],
}

impl ParquetBatch {
    fn push(&mut self, e: &ExportEvent) {
        self.len += 1;
        let ints = [
            Some(e.id),
            e.source_id,
            e.target_id,
            Some(e.quad_class),
            Some(e.num_mentions),
            Some(e.num_sources),
            Some(e.num_articles),
            e.first_sentence,
        ];
        for (b, v) in self.ints.iter_mut().zip(ints) {
            b.append_option(v);
        }
        let texts = [
            Some(e.date.as_str()),
            e.source.as_deref(),
            e.source_code.as_deref(),
            e.source_country.as_deref(),
            e.target.as_deref(),
            e.target_code.as_deref(),
            e.target_country.as_deref(),
            Some(e.cameo.as_str()),
            Some(e.root.as_str()),
            e.plover.as_deref(),
            e.place.as_deref(),
            e.first_seen.as_deref(),
            e.last_seen.as_deref(),
            e.source_url.as_deref(),
        ];
        for (b, v) in self.texts.iter_mut().zip(texts) {
            b.append_option(v);
        }
        for (b, v) in self
            .floats
            .iter_mut()
            .zip([Some(e.goldstein), e.lat, e.lon])
        {
            b.append_option(v);
        }
    }

    /// The builders' rows as a record batch in schema order; the builders are reset.
    fn finish(&mut self, schema: &Arc<Schema>) -> Result<RecordBatch, ExportError> {
        self.len = 0;
        let mut ints = self
            .ints
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef);
        let mut texts = self
            .texts
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef);
        let mut floats = self
            .floats
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef);
        // The builders hold each type's columns in schema order, so the schema says which
        // builder the next column comes from.
        let mut columns = Vec::with_capacity(schema.fields().len());
        for field in schema.fields() {
            let col = match field.data_type() {
                DataType::Int64 => ints.next(),
                DataType::Utf8 => texts.next(),
                _ => floats.next(),
            };
            columns.push(col.ok_or_else(|| ExportError::Parquet("column order mismatch".into()))?);
        }
        RecordBatch::try_new(schema.clone(), columns)
            .map_err(|e| ExportError::Parquet(e.to_string()))
    }
}

/// Splits a CAMEO actor code into (country, known group, role types).
///
/// `SYRGOV` gives `("SYR", "", ["GOV"])`, `IGOUNO` gives `("", "UNO", [])`, `USAMILREB` gives
/// `("USA", "", ["MIL", "REB"])`.
pub fn split_actor_code(code: &str) -> (String, String, Vec<String>) {
    let chunks: Vec<String> = code
        .as_bytes()
        .chunks(3)
        .filter_map(|c| std::str::from_utf8(c).ok().map(str::to_string))
        .collect();
    let Some(first) = chunks.first() else {
        return Default::default();
    };
    if matches!(first.as_str(), "IGO" | "NGO" | "IMG" | "MNC" | "UAF") {
        let group = chunks.get(1).cloned().unwrap_or_default();
        return (String::new(), group, chunks.into_iter().skip(2).collect());
    }
    (
        first.clone(),
        String::new(),
        chunks.into_iter().skip(1).collect(),
    )
}

/// GDELT's integer date (`20141126`) and the month, year and fraction columns; partial dates
/// fill only what they know.
fn gdelt_dates(day: &str) -> [String; 4] {
    let parts: Vec<&str> = day.split('-').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    match (num(0), num(1), num(2)) {
        (Some(y), Some(m), Some(d)) => [
            format!("{y:04}{m:02}{d:02}"),
            format!("{y:04}{m:02}"),
            format!("{y:04}"),
            format!("{:.4}", f64::from(y) + f64::from(m * 30 + d) / 365.0),
        ],
        (Some(y), Some(m), None) => [
            String::new(),
            format!("{y:04}{m:02}"),
            format!("{y:04}"),
            String::new(),
        ],
        (Some(y), None, _) => [
            String::new(),
            String::new(),
            format!("{y:04}"),
            String::new(),
        ],
        _ => Default::default(),
    }
}

fn tsv_cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// One event as a GDELT 2.0 event-table line plus our columns.
pub fn gdelt_line(e: &ExportEvent) -> String {
    let mut cols: Vec<String> = Vec::with_capacity(GDELT_COLUMNS.len() + GDELT_EXTRA_COLUMNS.len());
    cols.push(e.id.to_string());
    cols.extend(gdelt_dates(&e.date));
    for (code, name) in [(&e.source_code, &e.source), (&e.target_code, &e.target)] {
        let code = code.as_deref().unwrap_or("");
        let (country, group, types) = split_actor_code(code);
        cols.push(code.to_string());
        cols.push(name.as_deref().map(str::to_uppercase).unwrap_or_default());
        cols.push(country);
        cols.push(group);
        cols.extend([String::new(), String::new(), String::new()]); // ethnic, religion 1 and 2
        for i in 0..3 {
            cols.push(types.get(i).cloned().unwrap_or_default());
        }
    }
    cols.push(match e.first_sentence {
        Some(0) => "1".into(),
        Some(_) => "0".into(),
        None => String::new(),
    });
    let base: String = e.cameo.chars().take(3).collect();
    cols.extend([e.cameo.clone(), base, e.root.clone()]);
    cols.push(e.quad_class.to_string());
    cols.push(format!("{:.1}", e.goldstein));
    cols.extend([e.num_mentions, e.num_sources, e.num_articles].map(|n| n.to_string()));
    cols.push(String::new()); // AvgTone: not computed
    cols.extend(std::iter::repeat_n(String::new(), 16)); // actor geography: not resolved
    let has_place = e.place.is_some();
    cols.push(if has_place && e.lat.is_some() {
        "4".into()
    } else {
        String::new()
    });
    cols.push(e.place.clone().unwrap_or_default());
    cols.extend([String::new(), String::new(), String::new()]); // FIPS country, ADM1, ADM2
    let coord = |x: Option<f64>| x.map(|x| format!("{x:.4}")).unwrap_or_default();
    cols.push(coord(e.lat));
    cols.push(coord(e.lon));
    cols.push(String::new()); // FeatureID
    let added = e
        .first_seen
        .as_deref()
        .map(|d| format!("{}000000", d.replace('-', "")))
        .filter(|d| d.len() == 14)
        .unwrap_or_default();
    cols.push(added);
    cols.push(e.source_url.clone().unwrap_or_default());
    debug_assert_eq!(cols.len(), GDELT_COLUMNS.len());
    cols.push(e.date.clone());
    cols.push(e.plover.clone().unwrap_or_default());
    cols.push(e.source_id.map(|i| i.to_string()).unwrap_or_default());
    cols.push(e.target_id.map(|i| i.to_string()).unwrap_or_default());
    cols.push(e.source_country.clone().unwrap_or_default());
    cols.push(e.target_country.clone().unwrap_or_default());
    cols.push(e.first_seen.clone().unwrap_or_default());
    cols.push(e.last_seen.clone().unwrap_or_default());
    cols.iter()
        .map(|c| tsv_cell(c))
        .collect::<Vec<_>>()
        .join("\t")
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(e: &ExportEvent) -> String {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let fl = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    [
        e.id.to_string(),
        e.date.clone(),
        num(e.source_id),
        opt(&e.source),
        opt(&e.source_code),
        opt(&e.source_country),
        num(e.target_id),
        opt(&e.target),
        opt(&e.target_code),
        opt(&e.target_country),
        e.cameo.clone(),
        e.root.clone(),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        opt(&e.plover),
        opt(&e.place),
        fl(e.lat),
        fl(e.lon),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        opt(&e.first_seen),
        opt(&e.last_seen),
        num(e.first_sentence),
        opt(&e.source_url),
    ]
    .iter()
    .map(|c| csv_cell(c))
    .collect::<Vec<_>>()
    .join(",")
}

/// One directed edge of the exported network: events from one actor to another of one kind.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ExportEdge {
    pub source: i64,
    pub target: i64,
    /// `cooperation` (quad classes 1 and 2) or `conflict` (3 and 4).
    pub kind: &'static str,
    pub events: i64,
    pub mentions: i64,
    pub mean_goldstein: f64,
}

/// An actor of the exported network.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ExportNode {
    pub id: i64,
    pub label: String,
    pub actor_code: Option<String>,
    pub country: Option<String>,
    pub kind: String,
    pub events: i64,
}

impl Store {
    /// The actor network with cooperation and conflict as separate weighted edges.
    pub fn export_network(
        &self,
        f: &GraphFilter,
    ) -> Result<(Vec<ExportNode>, Vec<ExportEdge>), StoreError> {
        // Reuse the validated filter of `graph` for the node set, then split each pair's events.
        let graph = self.graph(f)?;
        let mut edges = Vec::new();
        let mut stmt = self.connection().prepare_cached(
            "SELECT e.quad_class IN (1, 2), count(*), sum(e.num_mentions), avg(e.goldstein) FROM events e
             WHERE e.source_id = ?1 AND e.target_id = ?2 AND e.day >= ?3 AND e.day <= ?4
               AND (?5 IS NULL OR e.quad_class = ?5)
             GROUP BY 1 ORDER BY 1 DESC",
        )?;
        let since = f.since.clone().unwrap_or_default();
        let until = f
            .until
            .as_ref()
            .map(|u| format!("{u}~"))
            .unwrap_or_else(|| "~".into());
        for g in &graph.edges {
            let rows = stmt.query_map(
                rusqlite::params![g.source, g.target, since, until, f.quad.map(i64::from)],
                |r| {
                    Ok(ExportEdge {
                        source: g.source,
                        target: g.target,
                        kind: if r.get::<_, bool>(0)? {
                            "cooperation"
                        } else {
                            "conflict"
                        },
                        events: r.get(1)?,
                        mentions: r.get(2)?,
                        mean_goldstein: r.get(3)?,
                    })
                },
            )?;
            for e in rows {
                edges.push(e?);
            }
        }
        let mut country = self
            .connection()
            .prepare_cached("SELECT country FROM actors WHERE id = ?1")?;
        let mut nodes = Vec::with_capacity(graph.nodes.len());
        for n in graph.nodes {
            let c: Option<String> = country.query_row([n.id], |r| r.get(0))?;
            nodes.push(ExportNode {
                id: n.id,
                label: n.label,
                actor_code: n.actor_code,
                country: c,
                kind: n.kind,
                events: n.events,
            });
        }
        Ok((nodes, edges))
    }

    /// Writes the actor network in `format`; returns (nodes, edges) written.
    pub fn export_graph(
        &self,
        f: &GraphFilter,
        format: GraphFormat,
        out: impl Write,
    ) -> Result<(usize, usize), ExportError> {
        let (nodes, edges) = self.export_network(f)?;
        let mut out = std::io::BufWriter::new(out);
        match format {
            GraphFormat::Graphml => write_graphml(&mut out, &nodes, &edges)?,
            GraphFormat::Gexf => write_gexf(&mut out, &nodes, &edges)?,
            GraphFormat::Dot => write_dot(&mut out, &nodes, &edges)?,
        }
        out.flush()?;
        Ok((nodes.len(), edges.len()))
    }
}

/// Escapes text for XML content and attribute values; drops characters XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn write_graphml(
    out: &mut impl Write,
    nodes: &[ExportNode],
    edges: &[ExportEdge],
) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#
    )?;
    for (id, on, ty) in [
        ("label", "node", "string"),
        ("actor_code", "node", "string"),
        ("country", "node", "string"),
        ("kind", "node", "string"),
        ("node_events", "node", "int"),
        ("relation", "edge", "string"),
        ("events", "edge", "int"),
        ("mentions", "edge", "int"),
        ("mean_goldstein", "edge", "double"),
    ] {
        let name = if id == "node_events" { "events" } else { id };
        writeln!(
            out,
            r#"  <key id="{id}" for="{on}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="actors" edgedefault="directed">"#)?;
    for n in nodes {
        writeln!(out, r#"    <node id="a{}">"#, n.id)?;
        writeln!(
            out,
            r#"      <data key="label">{}</data>"#,
            xml_escape(&n.label)
        )?;
        if let Some(c) = &n.actor_code {
            writeln!(
                out,
                r#"      <data key="actor_code">{}</data>"#,
                xml_escape(c)
            )?;
        }
        if let Some(c) = &n.country {
            writeln!(out, r#"      <data key="country">{}</data>"#, xml_escape(c))?;
        }
        writeln!(
            out,
            r#"      <data key="kind">{}</data>"#,
            xml_escape(&n.kind)
        )?;
        writeln!(out, r#"      <data key="node_events">{}</data>"#, n.events)?;
        writeln!(out, "    </node>")?;
    }
    for (i, e) in edges.iter().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="a{}" target="a{}">"#,
            e.source, e.target
        )?;
        writeln!(out, r#"      <data key="relation">{}</data>"#, e.kind)?;
        writeln!(out, r#"      <data key="events">{}</data>"#, e.events)?;
        writeln!(out, r#"      <data key="mentions">{}</data>"#, e.mentions)?;
        writeln!(
            out,
            r#"      <data key="mean_goldstein">{:.3}</data>"#,
            e.mean_goldstein
        )?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")
}

fn write_gexf(
    out: &mut impl Write,
    nodes: &[ExportNode],
    edges: &[ExportEdge],
) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
    writeln!(out, r#"  <graph mode="static" defaultedgetype="directed">"#)?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    for (i, (name, ty)) in [
        ("actor_code", "string"),
        ("country", "string"),
        ("kind", "string"),
        ("events", "integer"),
    ]
    .iter()
    .enumerate()
    {
        writeln!(
            out,
            r#"      <attribute id="{i}" title="{name}" type="{ty}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    for (i, (name, ty)) in [
        ("relation", "string"),
        ("mentions", "integer"),
        ("mean_goldstein", "double"),
    ]
    .iter()
    .enumerate()
    {
        writeln!(
            out,
            r#"      <attribute id="{i}" title="{name}" type="{ty}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>\n    <nodes>")?;
    for n in nodes {
        writeln!(
            out,
            r#"      <node id="a{}" label="{}">"#,
            n.id,
            xml_escape(&n.label)
        )?;
        writeln!(out, "        <attvalues>")?;
        let values = [
            n.actor_code.clone().unwrap_or_default(),
            n.country.clone().unwrap_or_default(),
            n.kind.clone(),
            n.events.to_string(),
        ];
        for (i, v) in values.iter().enumerate() {
            writeln!(
                out,
                r#"          <attvalue for="{i}" value="{}"/>"#,
                xml_escape(v)
            )?;
        }
        writeln!(out, "        </attvalues>\n      </node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for (i, e) in edges.iter().enumerate() {
        writeln!(
            out,
            r#"      <edge id="e{i}" source="a{}" target="a{}" weight="{}">"#,
            e.source, e.target, e.events
        )?;
        writeln!(out, "        <attvalues>")?;
        writeln!(out, r#"          <attvalue for="0" value="{}"/>"#, e.kind)?;
        writeln!(
            out,
            r#"          <attvalue for="1" value="{}"/>"#,
            e.mentions
        )?;
        writeln!(
            out,
            r#"          <attvalue for="2" value="{:.3}"/>"#,
            e.mean_goldstein
        )?;
        writeln!(out, "        </attvalues>\n      </edge>")?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")
}

fn dot_string(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace(['\n', '\r'], " ")
    )
}

fn write_dot(
    out: &mut impl Write,
    nodes: &[ExportNode],
    edges: &[ExportEdge],
) -> std::io::Result<()> {
    writeln!(out, "digraph actors {{")?;
    writeln!(out, "  node [shape=box, fontname=\"Helvetica\"];")?;
    for n in nodes {
        let label = match &n.actor_code {
            Some(c) => format!("{}\n{}", n.label, c),
            None => n.label.clone(),
        };
        writeln!(
            out,
            "  a{} [label={}, events={}];",
            n.id,
            dot_string(&label).replace("\\n", "\n"),
            n.events
        )?;
    }
    for e in edges {
        let colour = if e.kind == "cooperation" {
            "forestgreen"
        } else {
            "firebrick"
        };
        writeln!(
            out,
            "  a{} -> a{} [relation={}, weight={}, penwidth={:.2}, color={colour}, mean_goldstein={:.3}, label=\"{}\"];",
            e.source,
            e.target,
            e.kind,
            e.events,
            1.0 + (e.events as f64).ln(),
            e.mean_goldstein,
            e.events
        )?;
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split_into_gdelt_parts() {
        assert_eq!(
            split_actor_code("SYRGOV"),
            ("SYR".into(), String::new(), vec!["GOV".into()])
        );
        assert_eq!(
            split_actor_code("IGOUNO"),
            (String::new(), "UNO".into(), vec![])
        );
        assert_eq!(
            split_actor_code("USAMILREB"),
            (
                "USA".into(),
                String::new(),
                vec!["MIL".into(), "REB".into()]
            )
        );
        assert_eq!(split_actor_code(""), Default::default());
    }

    #[test]
    fn partial_dates_fill_only_what_they_know() {
        assert_eq!(gdelt_dates("2014-11-26")[0], "20141126");
        assert_eq!(
            gdelt_dates("2014-11")[..3],
            [String::new(), "201411".into(), "2014".into()]
        );
        assert_eq!(gdelt_dates("")[2], "");
    }

    #[test]
    fn xml_escape_neutralises_markup_and_control_characters() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
