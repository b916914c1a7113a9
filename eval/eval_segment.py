#!/usr/bin/env python3
"""Scores framescope's sentence segmentation.

Two sets (issue 19):

* `hard`: the hard cases in eval/segment_hard.py (written for this project):
  a case passes when the sentences equal the expected ones, compared
  ignoring white space.
* `dev`: sentence-boundary decisions in real news (eval/dev/segment_boundaries.tsv:
  article id, byte offset of a candidate boundary, label 1 = a sentence
  boundary, 0 = not). Texts are read from ../shared/data/iran_subset.jsonl and
  never stored. A decision is right when the segmenter puts (or does not put)
  a boundary there; a boundary "there" means a sentence ends at the offset
  (before any white space) and another begins after it.

Usage: cargo build --release --example compare && python3 eval/eval_segment.py
       [--bin PATH] [--data DIR] [--show-errors]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from segment_hard import CASES  # noqa: E402


def run_sentences(binary, articles):
    """Runs `compare --sentences` on the articles; returns {id: [(start, end, kind)]} (byte offsets)."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.jsonl")
        out = os.path.join(tmp, "sentences.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for a in articles:
                f.write(json.dumps({"id": a["id"], "outlet": a.get("outlet", "x"), "text": a["text"]}) + "\n")
        subprocess.run([binary, "--sentences", out, "--output", os.devnull, inp], check=True)
        spans = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                s = json.loads(line)
                spans.setdefault(s["article_id"], []).append((s["start"], s["end"], s.get("kind")))
        return spans


def squash(s):
    return "".join(s.split())


def score_hard(binary, show):
    articles = [{"id": c[0], "text": c[2]} for c in CASES]
    spans = run_sentences(binary, articles)
    passed = 0
    by_cat = {}
    for cid, cat, text, expected in CASES:
        b = text.encode("utf-8")
        got = [b[s:e].decode("utf-8") for s, e, _ in spans.get(cid, [])]
        ok = [squash(x) for x in got] == [squash(x) for x in expected]
        passed += ok
        tot = by_cat.setdefault(cat, [0, 0])
        tot[0] += ok
        tot[1] += 1
        if not ok and show:
            print(f"FAIL {cid}: expected {expected!r}\n     got      {got!r}")
    print(f"hard cases: {passed} / {len(CASES)} pass")
    for cat, (p, n) in sorted(by_cat.items()):
        print(f"  {cat:14} {p}/{n}")
    return passed


def score_dev(binary, data, show):
    path = os.path.join(HERE, "dev", "segment_boundaries.tsv")
    if not os.path.exists(path):
        print("dev set: eval/dev/segment_boundaries.tsv not found")
        return None
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            aid, off, label = line.rstrip("\n").split("\t")[:3]
            if aid == "article_id":
                continue
            rows.append((aid, int(off), int(label)))
    want = {r[0] for r in rows}
    articles = []
    with open(os.path.join(data, "iran_subset.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in want:
                articles.append({"id": a["id"], "outlet": "x", "text": a["text"]})
    spans = run_sentences(binary, articles)
    ends = {aid: {e for _, e, _ in sp} for aid, sp in spans.items()}
    right = 0
    tp = fp = fn = 0
    for aid, off, label in rows:
        pred = int(off in ends.get(aid, set()))
        right += pred == label
        tp += pred and label
        fp += pred and not label
        fn += label and not pred
        if pred != label and show:
            print(f"WRONG {aid} @{off}: gold {label} predicted {pred}")
    n = len(rows)
    print(f"dev boundaries: {right} / {n} right = {right / n:.3f} "
          f"(boundary precision {tp / max(tp + fp, 1):.3f}, recall {tp / max(tp + fn, 1):.3f})")
    return right / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "examples", "compare"))
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    score_hard(args.bin, args.show_errors)
    score_dev(args.bin, args.data, args.show_errors)


if __name__ == "__main__":
    main()
