//! Story clusters: articles about the same story, grouped as they are ingested.
//!
//! Two articles are *linked* when
//! - their texts are near-duplicates (MinHash over word 5-shingles, 64 hashes in 16 bands of 4;
//!   estimated Jaccard ≥ 0.5), or
//! - they report the same specific event (same deduplicated event with a source and a target,
//!   other than a bare statement or appeal), or
//! - they were published within two days of each other and share the same three most
//!   mentioned actors.
//!
//! A story is a connected component of links, named by the smallest document id in it. Every
//! link is a symmetric decision on the two documents alone and is evaluated when the later of
//! the two is stored, so ingesting in any order, or re-ingesting, gives the same stories.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::StoreError;

const HASHES: usize = 64;
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;
const NEAR_DUPLICATE: f64 = 0.5;

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The MinHash signature of a text over lower-cased word 5-shingles (`None` if too short).
pub fn minhash(text: &str) -> Option<[u32; HASHES]> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < SHINGLE * 4 {
        return None;
    }
    let mut sig = [u32::MAX; HASHES];
    for w in words.windows(SHINGLE) {
        let h = fnv(w.join(" ").as_bytes());
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = (mix(h ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some(sig)
}

fn to_blob(sig: &[u32; HASHES]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn from_blob(blob: &[u8]) -> Option<[u32; HASHES]> {
    if blob.len() != HASHES * 4 {
        return None;
    }
    let mut sig = [0u32; HASHES];
    for (i, c) in blob.chunks_exact(4).enumerate() {
        sig[i] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    Some(sig)
}

fn similarity(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

fn band_hashes(sig: &[u32; HASHES]) -> Vec<i64> {
    sig.chunks(ROWS)
        .map(|rows| {
            let bytes: Vec<u8> = rows.iter().flat_map(|v| v.to_le_bytes()).collect();
            fnv(&bytes) as i64
        })
        .collect()
}

/// Clusters one stored document: records its signature and key, links it to earlier
/// documents of the same story and merges their stories. Returns the stories it touched: the
/// one the document is now in first, then those merged into it (which no longer exist).
pub(crate) fn cluster_document(
    tx: &Connection,
    doc_id: &str,
    text: &str,
    published: Option<&str>,
) -> Result<Vec<String>, StoreError> {
    let mut linked: Vec<(String, &'static str)> = Vec::new();

    // 1. Near-duplicates through MinHash bands.
    let sig = minhash(text);
    if let Some(sig) = &sig {
        let mut candidates: Vec<String> = Vec::new();
        let mut stmt = tx.prepare_cached(
            "SELECT doc_id FROM doc_bands WHERE band = ?1 AND hash = ?2 AND doc_id != ?3",
        )?;
        for (band, hash) in band_hashes(sig).into_iter().enumerate() {
            for id in stmt.query_map(params![band as i64, hash, doc_id], |r| {
                r.get::<_, String>(0)
            })? {
                let id = id?;
                if !candidates.contains(&id) {
                    candidates.push(id);
                }
            }
        }
        let mut get_sig = tx.prepare_cached("SELECT minhash FROM documents WHERE id = ?1")?;
        for c in candidates {
            let blob: Option<Vec<u8>> = get_sig.query_row([&c], |r| r.get(0)).optional()?.flatten();
            if blob
                .and_then(|b| from_blob(&b))
                .is_some_and(|other| similarity(sig, &other) >= NEAR_DUPLICATE)
            {
                linked.push((c, "near-duplicate"));
            }
        }
        let mut ins = tx.prepare_cached(
            "INSERT OR IGNORE INTO doc_bands (band, hash, doc_id) VALUES (?1, ?2, ?3)",
        )?;
        for (band, hash) in band_hashes(sig).into_iter().enumerate() {
            ins.execute(params![band as i64, hash, doc_id])?;
        }
    }

    // 2. The same specific event.
    let mut stmt = tx.prepare_cached(
        "SELECT DISTINCT m2.doc_id FROM event_mentions m1
         JOIN events e ON e.id = m1.event_id
         JOIN event_mentions m2 ON m2.event_id = m1.event_id
         WHERE m1.doc_id = ?1 AND m2.doc_id != ?1 AND e.source_id IS NOT NULL AND e.target_id IS NOT NULL
           AND e.source_id != e.target_id AND e.root NOT IN ('01', '02') AND e.day != ''",
    )?;
    for id in stmt.query_map([doc_id], |r| r.get::<_, String>(0))? {
        linked.push((id?, "event"));
    }

    // 3. The same leading actors within two days.
    let mut stmt = tx.prepare_cached(
        "SELECT actor_id FROM mentions WHERE doc_id = ?1 GROUP BY actor_id ORDER BY count(*) DESC, actor_id LIMIT 3",
    )?;
    let mut top: Vec<i64> = stmt
        .query_map([doc_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    top.sort_unstable();
    let actor_key = (top.len() == 3).then(|| {
        top.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    });
    if let (Some(key), Some(day)) = (&actor_key, published.filter(|d| d.len() == 10)) {
        let mut stmt = tx.prepare_cached(
            "SELECT id FROM documents WHERE actor_key = ?1 AND id != ?2
               AND published BETWEEN date(?3, '-2 days') AND date(?3, '+2 days')",
        )?;
        for id in stmt.query_map(params![key, doc_id, day], |r| r.get::<_, String>(0))? {
            linked.push((id?, "actors"));
        }
    }

    let mut link =
        tx.prepare_cached("INSERT OR IGNORE INTO story_links (a, b, reason) VALUES (?1, ?2, ?3)")?;
    let mut story_of = tx.prepare_cached("SELECT story FROM documents WHERE id = ?1")?;
    let mut stories = vec![doc_id.to_string()];
    for (other, reason) in &linked {
        let (a, b) = if doc_id < other.as_str() {
            (doc_id, other.as_str())
        } else {
            (other.as_str(), doc_id)
        };
        link.execute(params![a, b, reason])?;
        let s: Option<String> = story_of.query_row([other], |r| r.get(0))?;
        stories.push(s.unwrap_or_else(|| other.clone()));
    }
    stories.sort();
    stories.dedup();
    let target = &stories[0];
    tx.prepare_cached(
        "UPDATE documents SET minhash = ?2, actor_key = ?3, story = ?4 WHERE id = ?1",
    )?
    .execute(params![
        doc_id,
        sig.as_ref().map(to_blob),
        actor_key,
        target
    ])?;
    let mut relabel = tx.prepare_cached("UPDATE documents SET story = ?1 WHERE story = ?2")?;
    for s in stories.iter().skip(1).filter(|s| s.as_str() != doc_id) {
        relabel.execute(params![target, s])?;
    }
    Ok(stories)
}

/// The figures of one story, recounted from its documents (`None` if it has none).
pub(crate) fn recount_story(
    conn: &Connection,
    id: &str,
) -> Result<Option<crate::query::StoryRow>, StoreError> {
    let (articles, first, last): (i64, Option<String>, Option<String>) = conn
        .prepare_cached(
            "SELECT count(*), min(published), max(published) FROM documents WHERE story = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if articles == 0 {
        return Ok(None);
    }
    let label: Option<String> = conn
        .prepare_cached(
            "SELECT coalesce(title, substr(text, 1, 80)) FROM documents WHERE story = ?1
             ORDER BY published IS NULL, published, id LIMIT 1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    let events: i64 = conn
        .prepare_cached(
            "SELECT count(DISTINCT m.event_id) FROM documents d JOIN event_mentions m ON m.doc_id = d.id
             WHERE d.story = ?1",
        )?
        .query_row([id], |r| r.get(0))?;
    let actors = conn
        .prepare_cached(
            "SELECT a.canonical FROM documents d JOIN mentions m ON m.doc_id = d.id JOIN actors a ON a.id = m.actor_id
             WHERE d.story = ?1 GROUP BY a.id ORDER BY count(*) DESC, a.canonical LIMIT 5",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(Some(crate::query::StoryRow {
        id: id.to_string(),
        label: label.unwrap_or_default(),
        articles,
        first_published: first,
        last_published: last,
        events,
        actors,
    }))
}

/// Brings the `stories` rows of the given stories up to date with their documents: a story
/// with documents gets its recounted row, one without (merged into another) loses its row.
pub(crate) fn refresh_stories(conn: &Connection, ids: &[String]) -> Result<(), StoreError> {
    let mut put = conn.prepare_cached(
        "INSERT OR REPLACE INTO stories (id, articles, first_published, last_published, label, events, actors)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut drop = conn.prepare_cached("DELETE FROM stories WHERE id = ?1")?;
    for id in ids {
        match recount_story(conn, id)? {
            Some(row) => {
                let actors =
                    serde_json::to_string(&row.actors).map_err(|e| StoreError::Corrupt {
                        id: id.clone(),
                        reason: e.to_string(),
                    })?;
                put.execute(params![
                    row.id,
                    row.articles,
                    row.first_published,
                    row.last_published,
                    row.label,
                    row.events,
                    actors
                ])?;
            }
            None => {
                drop.execute([id])?;
            }
        }
    }
    Ok(())
}

/// Fills the `stories` table from the documents' stories (after migration 7).
pub(crate) fn backfill_stories(tx: &Transaction<'_>) -> Result<usize, StoreError> {
    let ids: Vec<String> = {
        let mut stmt =
            tx.prepare("SELECT DISTINCT story FROM documents WHERE story IS NOT NULL")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    refresh_stories(tx, &ids)?;
    Ok(ids.len())
}

/// Clusters every document that has no story yet, in storage order (after migration 2).
pub(crate) fn backfill(tx: &Transaction<'_>) -> Result<usize, StoreError> {
    // The ids first: the table is updated while the documents are clustered.
    let ids: Vec<String> = {
        let mut stmt = tx.prepare("SELECT id FROM documents WHERE story IS NULL ORDER BY seq")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut get = tx.prepare("SELECT text, published FROM documents WHERE id = ?1")?;
    let n = ids.len();
    for id in &ids {
        let (text, published): (String, Option<String>) =
            get.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        cluster_document(tx, id, &text, published.as_deref())?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minhash_estimates_similarity() {
        let a = "The foreign ministers of the two countries met in the capital on Monday to discuss a ceasefire \
                 in the north and the return of refugees to their homes before the winter sets in.";
        let b = format!("{a} Officials said more talks were planned.");
        let c = "Heavy rain flooded several districts of the port city overnight, forcing hundreds of families \
                 to leave their homes as rescue teams worked through the night to reach them.";
        let (sa, sb, sc) = (
            minhash(a).unwrap(),
            minhash(&b).unwrap(),
            minhash(c).unwrap(),
        );
        assert!(similarity(&sa, &sb) >= NEAR_DUPLICATE);
        assert!(similarity(&sa, &sc) < 0.2);
        assert_eq!(from_blob(&to_blob(&sa)), Some(sa));
        assert!(minhash("too short").is_none());
    }
}
