#!/usr/bin/env python3
"""Draw the sentence sample behind eval/dev/actor_sentences.tsv (issue 17).

Reproducible: a fixed seed, the corpora in ../shared/data and the sentence
spans that `compare --sentences` gives. Prints a TSV skeleton (corpus,
article_id, start, end, published, stratum) that was then annotated by hand;
the annotated file is the dev set, this script only documents how its rows
were chosen.

    python3 eval/sample_actors.py --bin /tmp/ref/compare.bin > /tmp/skeleton.tsv

The rows coded `validation` were drawn later, after the rules of issue 17
were written, from articles not in the set, with a third of the quotas:

    python3 eval/sample_actors.py --seed 1717 --divide 3 --random 50 \
        --exclude eval/dev/actor_sentences.tsv > /tmp/validation.tsv

Standard library only.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

SEED = 17
OUTLET_CAP = 6      # sentences per outlet string
ARTICLE_CAP = 2     # sentences per article
RANDOM_QUOTA = 100  # one random sentence per outlet in turn, outlets shuffled
MIN_WORDS, MAX_WORDS = 6, 60

# (stratum, regex, flags, quota), drawn in this order after the rare ones.
RARE = [
    ("doha", r"\bDoha\b", 0, 6),
    ("islamabad", r"\bIslamabad\b", 0, 6),
    ("the_hill", r"\bthe Hill\b", 0, 6),
    ("qatar_pakistan", r"\b(Qatar|Pakistan)", 0, 8),
    ("jerusalem", r"\bJerusalem\b", 0, 14),
]
COMMON = [
    ("washington", r"\bWashington\b", 0, 18),
    ("tehran", r"\bTehran\b", 0, 12),
    ("israel_word", r"\bIsrael\b", 0, 12),
    ("american", r"\bAmericans?\b", 0, 14),
    ("bare_president", r"\bthe (vice )?president\b", 0, 14),
    ("administration", r"\bthe administration\b", re.I, 14),
    ("secretary", r"\bsecretary\b", re.I, 14),
    ("legislator", r"\b(Sen\.|Rep\.|[Ss]enators?|[Cc]ongress(wo)?man|lawmakers?)", 0, 14),
    ("party", r"\b(Democrats?|Republicans?|GOP|Democratic Party)\b", 0, 16),
    ("federal", r"\b(federal|Department|FBI|CDC|court|Justice)\b", 0, 16),
    ("military", r"\b([Aa]rmy|military|Pentagon|Navy|Air Force)\b", 0, 14),
    ("former", r"\b(former|then-)", re.I, 12),
    # look-alikes: organisations, people and places that carry a name
    ("lookalike", r"\b(Beth Israel|Steve Israel|Native Americans?|[A-Z][a-z]+-Americans?|"
     r"American (Academy|Medical|Bar|Jewish|Israel)|Sheriff|County|"
     r"(Washington|Jerusalem|Tehran|Islamabad|Doha|Pakistan|Israel|Iran)-based|"
     r"Washington,? D\.?C\.?)", 0, 16),
]


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(root, "target/release/examples/compare"))
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--divide", type=int, default=1,
                    help="divide every trigger quota by this (at least 2 each)")
    ap.add_argument("--random", type=int, default=RANDOM_QUOTA, help="rows of the random stratum")
    ap.add_argument("--exclude", help="a gold TSV whose articles are left out")
    args = ap.parse_args()
    excluded = set()
    if args.exclude:
        with open(args.exclude, encoding="utf-8") as f:
            next(f)
            for line in f:
                excluded.add(tuple(line.split("\t")[:2]))
    if not os.path.exists(args.bin):
        sys.exit("build it with: cargo build --release --example compare")
    pool = []  # (corpus, sentence)
    meta = {}
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in ("iran_subset", "basil"):
            src = os.path.join(args.data, corpus + ".jsonl")
            for a in load(src):
                meta[(corpus, a["id"])] = a.get("published") or "-"
            out = os.path.join(tmp, corpus + ".sent.jsonl")
            subprocess.run([args.bin, "--skip-invalid", "--format", "json",
                            "--output", os.devnull, "--sentences", out, src], check=True)
            for s in load(out):
                n = len(s["text"].split())
                if MIN_WORDS <= n <= MAX_WORDS and (corpus, s["article_id"]) not in excluded:
                    pool.append((corpus, s))
    rng = random.Random(args.seed)
    chosen, per_outlet, per_article, rows = set(), {}, {}, []

    def ok(corpus, s, cap=OUTLET_CAP):
        key = (corpus, s["article_id"], s["start"])
        return (key not in chosen and per_outlet.get(s["outlet"], 0) < cap
                and per_article.get((corpus, s["article_id"]), 0) < ARTICLE_CAP)

    def take(corpus, s, stratum):
        chosen.add((corpus, s["article_id"], s["start"]))
        per_outlet[s["outlet"]] = per_outlet.get(s["outlet"], 0) + 1
        per_article[(corpus, s["article_id"])] = per_article.get((corpus, s["article_id"]), 0) + 1
        rows.append((corpus, s["article_id"], s["start"], s["end"],
                     meta[(corpus, s["article_id"])], stratum))

    def stratum(name, pattern, flags, quota):
        if args.divide > 1:
            quota = max(2, quota // args.divide)
        rx = re.compile(pattern, flags)
        cands = [(c, s) for c, s in pool if rx.search(s["text"])]
        rng.shuffle(cands)
        got = 0
        for cap in (2, 4, OUTLET_CAP):  # spread over outlets first
            for c, s in cands:
                if got >= quota:
                    return
                if ok(c, s, cap):
                    take(c, s, name)
                    got += 1

    for spec in RARE:
        stratum(*spec)
    by_outlet = {}
    for c, s in pool:
        by_outlet.setdefault(s["outlet"], []).append((c, s))
    outlets = sorted(by_outlet)
    rng.shuffle(outlets)
    got = 0
    while got < args.random:
        for o in outlets:
            if got >= args.random:
                break
            cands = [x for x in by_outlet[o] if ok(*x)]
            if cands:
                take(*rng.choice(cands), "random")
                got += 1
    for spec in COMMON:
        stratum(*spec)
    w = sys.stdout
    w.write("corpus\tarticle_id\tstart\tend\tpublished\tstratum\n")
    for r in rows:
        w.write("\t".join(str(x) for x in r) + "\n")


if __name__ == "__main__":
    main()
