#!/usr/bin/env bash
# Streaming check: writes a multi-gigabyte WARC made of the HTML extraction benchmark pages
# repeated, reads it back record by record (every record built into a document) under
# /usr/bin/time -v, prints the peak resident memory, and deletes the crawl.
#
#   scripts/warc-memory.sh [GIGABYTES=3] [warc|warc.gz]
#
# Needs ../shared/data/html-extraction beside the repository and about GIGABYTES of space in
# ${TMPDIR:-/tmp}. With ANALYZE=SECONDS, `newsgraph analyze` (target/release/newsgraph, built
# beforehand) also runs over the same crawl for that long, its peak memory sampled.
set -euo pipefail
cd "$(dirname "$0")/.."
gb=${1:-3}
ext=${2:-warc}
crawl="${TMPDIR:-/tmp}/newsgraph-stream-$$.$ext"
log="${TMPDIR:-/tmp}/newsgraph-stream-$$.time"
trap 'rm -f "$crawl" "$log"' EXIT

cargo build --release --quiet -p newsgraph-ingest --example warc_stream
bin=target/release/examples/warc_stream
"$bin" write "$crawl" "$gb"
ls -l "$crawl"
/usr/bin/time -v "$bin" read "$crawl" 2>"$log"
grep -E "Maximum resident|Elapsed \(wall|User time" "$log"

if [ -n "${ANALYZE:-}" ]; then
  newsgraph=target/release/newsgraph
  "$newsgraph" analyze --format jsonl "$crawl" >/dev/null 2>&1 &
  pid=$!
  peak=0
  for _ in $(seq 1 "$ANALYZE"); do
    sleep 1
    kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ -n "$kb" ] && [ "$kb" -gt "$peak" ] && peak=$kb
    kill -0 "$pid" 2>/dev/null || break
  done
  pos="?"
  for fd in /proc/"$pid"/fd/*; do
    if [ "$(readlink "$fd" 2>/dev/null)" = "$crawl" ]; then
      pos=$(awk '/^pos:/ {print $2}' "/proc/$pid/fdinfo/${fd##*/}")
    fi
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "newsgraph analyze: peak resident ${peak} kB after ${ANALYZE} s (crawl offset read: ${pos})"
fi
