#!/usr/bin/env python3
"""Score actor tagging against the hand-annotated dev set (issue 17).

Runs the `compare` example with `--sentences` (and `--skip-invalid`) on the
real corpora, maps every gold sentence of eval/dev/actor_sentences.tsv to the
predicted sentences that overlap its byte span in the same article (the union
of their actors), and reports precision, recall and F1 over
(sentence, actor) pairs: overall, per actor, on the random third of the
sample alone, and error counts per annotation code.

Sentence level is the contract. Gold mention spans are in the TSV for
reference and for future work, but they are not scored, even if a later
`--sentences` dump carries mention spans.

    python3 eval/eval_actors.py                      # uses target/release/examples/compare
    python3 eval/eval_actors.py --bin /tmp/ref/compare.bin --show-errors
    python3 eval/eval_actors.py --json > actors.json

Standard library only. The corpora are read from --data (default
../shared/data next to the repository); nothing from them is written to disk
except the temporary `--sentences` dumps, which are deleted afterwards.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

DEFAULT_ACTORS = ["US", "IRAN", "QATAR", "PAKISTAN", "ISRAEL"]
CORPORA = ("iran_subset", "basil")
BUILD_HINT = "build it with: cargo build --release --example compare"


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_gold(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for n, line in enumerate(f, start=2):
            line = line.rstrip("\n")
            if not line:
                continue
            vals = line.split("\t")
            if len(vals) != len(header):
                sys.exit("%s:%d: expected %d columns, got %d" % (path, n, len(header), len(vals)))
            r = dict(zip(header, vals))
            r["start"], r["end"] = int(r["start"]), int(r["end"])
            r["gold"] = set() if r["actors"] == "-" else set(r["actors"].split(","))
            r["codes"] = [c for c in r["code"].split(",") if c and c != "-"]
            r["line"] = n
            rows.append(r)
    return rows


def run_compare(binary, data, corpora, tmp):
    """Returns {(corpus, article_id): [sentence dicts sorted by start]}."""
    by_article = {}
    for corpus in corpora:
        src = os.path.join(data, corpus + ".jsonl")
        if not os.path.exists(src):
            sys.exit("corpus not found: %s (use --data DIR)" % src)
        out = os.path.join(tmp, corpus + ".sent.jsonl")
        cmd = [binary, "--skip-invalid", "--format", "json", "--output",
               os.path.join(tmp, corpus + ".report.json"), "--sentences", out, src]
        res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if res.returncode != 0:
            sys.exit("compare failed (%d) on %s:\n%s" % (res.returncode, src, res.stderr[-2000:]))
        with open(out, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    s = json.loads(line)
                    by_article.setdefault((corpus, s["article_id"]), []).append(s)
    for v in by_article.values():
        v.sort(key=lambda s: s["start"])
    return by_article


def actor_ids(actors):
    """Actor ids of one predicted sentence. Today a list of ids; should a later
    dump list mention objects instead, their id is used and spans are ignored."""
    ids = set()
    for a in actors or []:
        if isinstance(a, dict):
            a = a.get("id") or a.get("actor")
        if a:
            ids.add(a)
    return ids


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def score(rows):
    tp = fp = fn = 0
    per = defaultdict(lambda: [0, 0, 0])
    for r in rows:
        for a in r["gold"] | r["pred"]:
            k = (a in r["gold"], a in r["pred"])
            if k == (True, True):
                tp += 1
                per[a][0] += 1
            elif k == (False, True):
                fp += 1
                per[a][1] += 1
            else:
                fn += 1
                per[a][2] += 1
    order = DEFAULT_ACTORS + sorted(a for a in per if a not in DEFAULT_ACTORS)
    return prf(tp, fp, fn), {a: prf(*per[a]) for a in order if a in per}


def load_texts(data, needed):
    texts = {}
    for corpus in CORPORA:
        ids = {a for c, a in needed if c == corpus}
        if not ids:
            continue
        with open(os.path.join(data, corpus + ".jsonl"), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if rec.get("id") in ids:
                    texts[(corpus, rec["id"])] = rec.get("text", "").encode("utf-8")
    return texts


def fmt(x):
    return "  -  " if x is None else "%.3f" % x


def main():
    root = repo_root()
    ap = argparse.ArgumentParser(description="Score actor tagging on the hand-annotated dev set.")
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "examples", "compare"),
                    help="the compare example binary (default: target/release/examples/compare)")
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data"),
                    help="directory with iran_subset.jsonl and basil.jsonl (default: ../shared/data)")
    ap.add_argument("--gold", default=os.path.join(root, "eval", "dev", "actor_sentences.tsv"))
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show-errors", action="store_true",
                    help="list every miss and false alarm with its sentence (terminal only)")
    args = ap.parse_args()

    if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
        print(BUILD_HINT, file=sys.stderr)
        sys.exit(2)
    rows = read_gold(args.gold)
    corpora = [c for c in CORPORA if any(r["corpus"] == c for r in rows)]
    with tempfile.TemporaryDirectory() as tmp:
        pred = run_compare(args.bin, args.data, corpora, tmp)

    unmatched = exact = 0
    for r in rows:
        sents = pred.get((r["corpus"], r["article_id"]), [])
        hit = [s for s in sents if s["start"] < r["end"] and r["start"] < s["end"]]
        r["pred"] = set()
        for s in hit:
            r["pred"].update(actor_ids(s.get("actors")))
        r["matched"] = bool(hit)
        unmatched += not hit
        exact += any(s["start"] == r["start"] and s["end"] == r["end"] for s in hit)

    overall, per_actor = score(rows)
    random_rows = [r for r in rows if "random" in r["codes"]]
    rnd, _ = score(random_rows)
    # Rows drawn and annotated after the rules were written (see ACTORS.md).
    validation_rows = [r for r in rows if "validation" in r["codes"]]
    dev_rows = [r for r in rows if "validation" not in r["codes"]]
    val, _ = score(validation_rows)
    dev, _ = score(dev_rows)
    codes = defaultdict(lambda: Counter())
    for r in rows:
        miss = len(r["gold"] - r["pred"])
        false = len(r["pred"] - r["gold"])
        for c in r["codes"]:
            codes[c]["sentences"] += 1
            codes[c]["misses"] += miss
            codes[c]["false_alarms"] += false
            codes[c]["sentences_wrong"] += bool(miss or false)
    result = {
        "gold": os.path.relpath(args.gold, root),
        "sentences": len(rows),
        "segmentation": {"exact_span": exact, "overlap_only": len(rows) - exact - unmatched,
                         "unmatched": unmatched},
        "overall": overall,
        "random_subset": dict(rnd, sentences=len(random_rows)),
        "development_rows": dict(dev, sentences=len(dev_rows)),
        "validation_rows": dict(val, sentences=len(validation_rows)),
        "per_actor": per_actor,
        "per_code": {c: dict(codes[c]) for c in sorted(codes, key=lambda c: (-codes[c]["sentences"], c))},
    }

    if args.json:
        json.dump(result, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        w = sys.stdout.write
        w("actor tagging, sentence level: %d gold sentences (%s)\n" % (len(rows), result["gold"]))
        sg = result["segmentation"]
        w("segmentation: %d exact spans, %d overlap only, %d unmatched\n\n"
          % (sg["exact_span"], sg["overlap_only"], sg["unmatched"]))
        w("%-14s %5s %5s %5s  %6s %6s %6s\n" % ("", "tp", "fp", "fn", "P", "R", "F1"))
        subsets = [("overall", overall), ("random third", rnd)]
        if validation_rows:
            subsets += [("development", dev), ("validation", val)]
        for name, m in subsets + list(per_actor.items()):
            w("%-14s %5d %5d %5d  %6s %6s %6s\n" % (name, m["tp"], m["fp"], m["fn"],
                                                    fmt(m["precision"]), fmt(m["recall"]), fmt(m["f1"])))
        w("\n%-22s %9s %7s %12s %15s\n" % ("code", "sentences", "misses", "false_alarms", "sentences_wrong"))
        for c, v in result["per_code"].items():
            w("%-22s %9d %7d %12d %15d\n" % (c, v["sentences"], v["misses"], v["false_alarms"],
                                             v["sentences_wrong"]))
    if args.show_errors:
        texts = load_texts(args.data, {(r["corpus"], r["article_id"]) for r in rows
                                       if r["gold"] != r["pred"]})
        out = sys.stderr if args.json else sys.stdout
        out.write("\nerrors (line in TSV, corpus, article, span, misses, false alarms, codes):\n")
        for r in rows:
            if r["gold"] == r["pred"]:
                continue
            miss = ",".join(sorted(r["gold"] - r["pred"])) or "-"
            false = ",".join(sorted(r["pred"] - r["gold"])) or "-"
            out.write("L%d %s %s %d-%d miss=%s false=%s [%s]\n" % (
                r["line"], r["corpus"], r["article_id"], r["start"], r["end"], miss, false,
                ",".join(r["codes"])))
            t = texts.get((r["corpus"], r["article_id"]))
            if t is not None:
                out.write("    %s\n" % t[r["start"]:r["end"]].decode("utf-8", "replace").replace("\n", " "))


if __name__ == "__main__":
    main()
