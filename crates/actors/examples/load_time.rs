//! Prints how long each part of the start-up takes (`cargo run --release --example load_time`).

use std::time::Instant;

fn main() {
    let t = Instant::now();
    let kb = newsgraph_actors::Kb::builtin();
    let t1 = t.elapsed();
    let m = kb.as_ref().map(newsgraph_actors::matcher::Matcher::new);
    let t2 = t.elapsed();
    let g = newsgraph_actors::Gazetteer::builtin();
    let t3 = t.elapsed();
    println!(
        "kb {:?}, matcher {:?}, gazetteer {:?} (ok: {} {} {})",
        t1,
        t2 - t1,
        t3 - t2,
        kb.is_ok(),
        matches!(m, Ok(Ok(_))),
        g.is_ok()
    );
}
