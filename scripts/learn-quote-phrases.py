#!/usr/bin/env python3
"""Learns multi-word attribution cues from a PolNeAR split (use the train split only).

Counts every contiguous multi-word gold Cue span (lowercased words) and how often the same
word sequence occurs anywhere in the split's texts; keeps phrases that are a gold cue in at
least MIN_RATE of their occurrences and at least MIN_GOLD times, and are not already in
resources/quotes/cues.tsv. Output (stdout) is resources/quotes/phrases.tsv.

    python3 scripts/learn-quote-phrases.py ../shared/data/polnear/train > resources/quotes/phrases.tsv
"""
import collections
import os
import re
import sys

MIN_GOLD = 4
MIN_RATE = 0.5
MIN_DOCS = 3
MAX_WORDS = 4
WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+|[^\sA-Za-z\d]")


def words(text):
    return [m.group(0).lower() for m in WORD.finditer(text)]


def main(split):
    here = os.path.dirname(os.path.abspath(__file__))
    known = set()
    with open(os.path.join(here, "..", "resources", "quotes", "cues.tsv")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                known.add(tuple(line.split("\t")[0].lower().split()))
    single = {k[0] for k in known if len(k) == 1}
    gold = collections.Counter()
    docs = collections.defaultdict(set)
    texts = []
    for name in sorted(os.listdir(os.path.join(split, "attributions"))):
        if not name.endswith(".ann"):
            continue
        # `NAME_ANNOTATOR.ann` annotates `NAME.txt`
        stem = name[: -len(".ann")].rsplit("_", 1)[0]
        tpath = os.path.join(split, "text", stem + ".txt")
        if not os.path.exists(tpath):
            continue
        with open(tpath, encoding="utf-8") as f:
            text = f.read()
        texts.append(text)
        with open(os.path.join(split, "attributions", name), encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 3 or not cols[0].startswith("T"):
                    continue
                head = cols[1].split(" ")
                if head[0] != "Cue" or ";" in cols[1] or len(head) != 3:
                    continue
                ws = tuple(w for w in words(cols[2]) if re.match(r"[a-z]", w))
                if 2 <= len(ws) <= MAX_WORDS and len(ws) == len(words(cols[2])):
                    gold[ws] += 1
                    docs[ws].add(stem)
    # phrases holding a one-word cue ("has said", "said in a statement") are found already
    cands = {
        p
        for p, c in gold.items()
        if c >= MIN_GOLD and len(docs[p]) >= MIN_DOCS and p not in known and not any(w in single for w in p)
    }
    seen = collections.Counter()
    for text in texts:
        ws = words(text)
        for n in range(2, MAX_WORDS + 1):
            for i in range(len(ws) - n + 1):
                t = tuple(ws[i : i + n])
                if t in cands:
                    seen[t] += 1
    print("# Multi-word attribution cues learned from the PolNeAR training split by")
    print("#   python3 scripts/learn-quote-phrases.py ../shared/data/polnear/train")
    print(f"# (gold cue at least {MIN_GOLD} times, in {MIN_DOCS} texts, and in at least {MIN_RATE:.0%} of the phrase's")
    print("# occurrences; entries of cues.tsv and phrases holding a one-word cue of it left out). The quote extractor reads each as a cue of")
    print("# frame `speech`: \"X PHRASE (that) CONTENT\" and \"CONTENT, X PHRASE\".")
    print("#")
    print("# phrase\tgold\toccurrences")
    rows = []
    for p in cands:
        occ = max(seen[p], gold[p])
        if gold[p] / occ >= MIN_RATE:
            rows.append((-gold[p], " ".join(p), occ))
    for g, p, occ in sorted(rows):
        print(f"{p}\t{-g}\t{occ}")


if __name__ == "__main__":
    main(sys.argv[1])
