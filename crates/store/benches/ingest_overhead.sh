#!/usr/bin/env bash
# What the store adds to the pipeline's time per article: `newsgraph analyze` (the pipeline,
# JSON Lines to /dev/null) against `newsgraph ingest` into a fresh database (the pipeline plus
# the store), over the same articles, timed by hyperfine.
#
#   crates/store/benches/ingest_overhead.sh [BINARY] [ARTICLES_DIR] [N]
#
# Defaults: target/release/newsgraph, the first 200 PolNeAR training articles. Build first:
# `cargo build --release -p newsgraph-cli`. Besides wall time, hyperfine's user+system CPU time
# is reported: on a shared machine it is the steadier figure. The start-up (loading the
# models) is timed on an empty directory and taken off both, so the ratio is per article.
set -euo pipefail

bin=${1:-target/release/newsgraph}
src=${2:-../shared/data/polnear/train/text}
n=${3:-200}
command -v hyperfine >/dev/null || { echo "ingest_overhead: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[ -x "$bin" ] || { echo "ingest_overhead: $bin: no such binary; cargo build --release -p newsgraph-cli" >&2; exit 2; }
[ -d "$src" ] || { echo "ingest_overhead: $src: no such directory" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/articles" "$work/empty"
find "$src/" -maxdepth 1 -type f -name '*.txt' | sort > "$work/all"
head -n "$n" "$work/all" | xargs -I{} cp {} "$work/articles/"
count=$(find "$work/articles" -type f | wc -l)
db="$work/bench.db"

hyperfine --warmup 1 --runs "${RUNS:-5}" -N --export-json "$work/times.json" \
    --prepare "rm -f $db $db-wal $db-shm" \
    "$bin -q analyze --format jsonl $work/empty" \
    "$bin -q analyze --format jsonl $work/articles" \
    "$bin -q ingest --db $db $work/articles" >&2

python3 - "$work/times.json" "$count" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
count = int(sys.argv[2])
start, analyze, ingest = results
def cpu(r):
    return r["user"] + r["system"]
for name, key in [("wall", lambda r: r["mean"]), ("cpu (user+sys)", cpu)]:
    s, a, i = key(start), key(analyze), key(ingest)
    per_a = (a - s) / count * 1e3
    per_i = (i - s) / count * 1e3
    print(f"{name:15} start-up {s:.2f} s; per article: pipeline {per_a:.1f} ms, "
          f"pipeline+store {per_i:.1f} ms; the store adds {100 * (per_i - per_a) / per_a:+.1f} %")
EOF
