//! Every export parses back: GDELT TSV column count and order, CSV, JSON Lines, Parquet read
//! with the arrow reader, GraphML and GEXF well-formed XML, DOT balanced.

mod common;

use common::{event, meeting, temp_store};
use newsgraph_store::export::{
    EventFormat, GraphFormat, EXPORT_COLUMNS, GDELT_COLUMNS, GDELT_EXTRA_COLUMNS,
};
use newsgraph_store::query::{EventFilter, GraphFilter};
use newsgraph_store::Store;

/// Three reports of one meeting, one of an attack the other way, one attack with a place.
fn store_with_events() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    for i in 0..3 {
        let a = meeting(
            &format!("doc{i}"),
            &format!("outlet{i}"),
            "2020-05-01",
            &format!("Report {i}."),
        );
        store.insert(&a, "raw", None).unwrap();
    }
    let mut a = meeting(
        "doc9",
        "outlet9",
        "2020-06-11",
        "Shelling was reported, <b>& \"worse\"</b>.",
    );
    let mut attack = event(2, 1, "190", "2020-06-10", "attacked", 10);
    attack.quad_class = 4;
    attack.goldstein = -10.0;
    a.events = vec![attack];
    store.insert(&a, "raw", None).unwrap();
    (dir, store)
}

fn export(store: &Store, format: EventFormat) -> String {
    let mut out = Vec::new();
    store
        .export_events(&EventFilter::default(), format, &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn gdelt_export_has_gdelts_columns_in_order_then_ours() {
    let (_d, store) = store_with_events();
    let tsv = export(&store, EventFormat::Gdelt);
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 2, "{tsv}");
    let col = |line: &str, name: &str| -> String {
        let i = GDELT_COLUMNS.iter().position(|c| *c == name).unwrap();
        line.split('\t').nth(i).unwrap().to_string()
    };
    for l in &lines {
        assert_eq!(
            l.split('\t').count(),
            GDELT_COLUMNS.len() + GDELT_EXTRA_COLUMNS.len()
        );
    }
    let meeting = lines[0];
    assert_eq!(col(meeting, "SQLDATE"), "20200501");
    assert_eq!(col(meeting, "MonthYear"), "202005");
    assert_eq!(col(meeting, "Actor1Code"), "RURGOV");
    assert_eq!(col(meeting, "Actor1CountryCode"), "RUR");
    assert_eq!(col(meeting, "Actor1Type1Code"), "GOV");
    assert_eq!(col(meeting, "Actor1Name"), "RURITANIA");
    assert_eq!(col(meeting, "Actor2Code"), "FREGOV");
    assert_eq!(col(meeting, "EventCode"), "040");
    assert_eq!(col(meeting, "EventRootCode"), "04");
    assert_eq!(col(meeting, "NumArticles"), "3");
    assert_eq!(col(meeting, "NumMentions"), "3");
    assert_eq!(col(meeting, "IsRootEvent"), "1");
    assert_eq!(col(meeting, "SOURCEURL"), "doc0.txt");
    let attack = lines[1];
    assert_eq!(col(attack, "QuadClass"), "4");
    assert_eq!(col(attack, "GoldsteinScale"), "-10.0");
    assert_eq!(col(attack, "Actor1Code"), "FREGOV");
}

#[test]
fn csv_and_jsonl_exports_parse_back() {
    let (_d, store) = store_with_events();
    let csv_text = export(&store, EventFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(headers, EXPORT_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.len() == EXPORT_COLUMNS.len()));
    assert_eq!(&rows[0][10], "040");

    let jsonl = export(&store, EventFormat::Jsonl);
    let objs: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs.len(), 2);
    assert_eq!(objs[1]["cameo"], "190");
    assert_eq!(objs[1]["source"], "Freedonia");
    assert_eq!(objs[0]["num_articles"], 3);
}

#[test]
fn parquet_export_reads_back_with_arrow() {
    use arrow_array::{Array, Int64Array, StringArray};
    let (_d, store) = store_with_events();
    let mut buf = Vec::new();
    let n = store
        .export_events(&EventFilter::default(), EventFormat::Parquet, &mut buf)
        .unwrap();
    assert_eq!(n, 2);
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
        bytes::Bytes::from(buf),
    )
    .unwrap()
    .build()
    .unwrap();
    let batches: Vec<_> = reader.map(Result::unwrap).collect();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, 2);
    let b = &batches[0];
    let names: Vec<String> = b
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    assert_eq!(names, EXPORT_COLUMNS);
    let cameo = b
        .column_by_name("cameo")
        .unwrap()
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    assert_eq!(cameo.value(0), "040");
    let articles = b
        .column_by_name("num_articles")
        .unwrap()
        .as_any()
        .downcast_ref::<Int64Array>()
        .unwrap();
    assert_eq!(articles.value(0), 3);
    let lat = b.column_by_name("lat").unwrap();
    assert!(lat.is_null(0));
}

fn well_formed_xml(xml: &str) -> (usize, usize) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut nodes, mut edges, mut depth) = (0, 0, 0i32);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    b"node" => nodes += 1,
                    b"edge" => edges += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    (nodes, edges)
}

#[test]
fn graph_exports_are_well_formed_with_cooperation_and_conflict_apart() {
    let (_d, store) = store_with_events();
    let mut out = Vec::new();
    let (n, e) = store
        .export_graph(&GraphFilter::default(), GraphFormat::Graphml, &mut out)
        .unwrap();
    assert_eq!((n, e), (2, 2));
    let xml = String::from_utf8(out).unwrap();
    assert_eq!(well_formed_xml(&xml), (2, 2));
    assert!(
        xml.contains(">cooperation<") && xml.contains(">conflict<"),
        "{xml}"
    );

    let mut out = Vec::new();
    store
        .export_graph(&GraphFilter::default(), GraphFormat::Gexf, &mut out)
        .unwrap();
    assert_eq!(well_formed_xml(&String::from_utf8(out).unwrap()), (2, 2));

    let mut out = Vec::new();
    store
        .export_graph(&GraphFilter::default(), GraphFormat::Dot, &mut out)
        .unwrap();
    let dot = String::from_utf8(out).unwrap();
    assert!(dot.starts_with("digraph"));
    assert_eq!(dot.matches("->").count(), 2);
    assert_eq!(dot.matches('{').count(), dot.matches('}').count());
}

#[test]
fn export_filters_are_validated() {
    let (_d, store) = store_with_events();
    let bad = EventFilter {
        since: Some("last week".into()),
        ..Default::default()
    };
    assert!(store
        .export_events(&bad, EventFormat::Csv, Vec::new())
        .is_err());
    let only_conflict = EventFilter {
        quad: Some(4),
        ..Default::default()
    };
    let mut out = Vec::new();
    assert_eq!(
        store
            .export_events(&only_conflict, EventFormat::Jsonl, &mut out)
            .unwrap(),
        1
    );
}
