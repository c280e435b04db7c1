//! Prints what the HTML extractor keeps and drops for one page (`.html` or `.html.gz`).
use newsgraph_ingest::{decode_html, gunzip_limited, html, is_gzip};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: extract PAGE")?;
    let mut bytes = std::fs::read(&path)?;
    if is_gzip(&bytes) {
        bytes = gunzip_limited(&bytes, 64 << 20)?;
    }
    let (page, _) = decode_html(&bytes, None)?;
    let x = html::extract(&page)?;
    println!("{:#?}", x.meta);
    if std::env::args().any(|a| a == "--dropped") {
        for d in &x.dropped {
            println!(
                "DROP {:?}: {}",
                d.reason,
                d.text.chars().take(100).collect::<String>()
            );
        }
    }
    println!("----\n{}", x.text);
    Ok(())
}
