#!/usr/bin/env python3
"""Score framescope's outcome cues and hedges against the hand-labelled dev sets.

Runs the `compare` example with `--sentences` on the two real corpora (which
are not part of the repository) and compares its per-sentence dump with
eval/dev/outcome_cues.tsv and eval/dev/hedge_sentences.tsv. See
eval/GUIDELINES.md for what the labels mean and eval/README.md for how to run.

Python 3 standard library only.

    cargo build --release --example compare && python3 eval/eval_cues.py
    python3 eval/eval_cues.py --bin /path/to/compare --json
    python3 eval/eval_cues.py --show-errors      # contexts go to the terminal only
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPORA = {"iran_subset": "iran_subset.jsonl", "basil": "basil.jsonl"}
OUTCOME = ("progress", "breakthrough", "setback")
STATUSES = ("asserted", "negated", "hypothetical")

# FALLBACK ONLY. A hedge cue is an approximator when its `subtype` field says
# so. Until the --sentences dump carries `subtype`, a cue counts as an
# approximator when its lexicon term (markers ~ * = stripped) is in this list:
# the approximators named in issue 16 plus the degree and frequency words of
# the "approximators and degree" block of data/lexicons/cues.toml. As soon as
# any cue in the dump has a `subtype`, the list is no longer consulted for
# cues that have one.
FALLBACK_APPROXIMATORS = {
    # named in the issue
    "about", "nearly", "roughly", "largely", "mostly", "approximately",
    "around", "some", "almost",
    # the rest of the lexicon's approximator/degree block
    "relatively", "somewhat", "fairly", "partly", "partially", "mainly",
    "generally", "broadly", "typically", "usually", "often", "sometimes",
    "in general", "on the whole", "in part", "in some ways", "more or less",
    "to some extent", "to a certain extent", "to an extent", "to some degree",
}


def die(msg, code=2):
    print(msg, file=sys.stderr)
    sys.exit(code)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def run_compare(binary, data_dir, workdir):
    """Run the binary once per corpus; return {(corpus, article_id): [sentence, ...]}."""
    sents = collections.defaultdict(list)
    for corpus, fname in CORPORA.items():
        src = os.path.join(data_dir, fname)
        if not os.path.exists(src):
            die("corpus not found: %s (use --data DIR)" % src)
        dump = os.path.join(workdir, corpus + ".sentences.jsonl")
        report = os.path.join(workdir, corpus + ".report.txt")
        cmd = [binary, "--skip-invalid", "--sentences", dump, "--output", report, src]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            die("compare failed on %s (exit %d):\n%s" % (fname, proc.returncode, proc.stderr[-2000:]))
        with open(dump, encoding="utf-8") as f:
            for line in f:
                s = json.loads(line)
                sents[(corpus, s["article_id"])].append(s)
    for v in sents.values():
        v.sort(key=lambda s: s["start"])
    return sents


def load_texts(data_dir):
    texts = {}
    for corpus, fname in CORPORA.items():
        with open(os.path.join(data_dir, fname), encoding="utf-8") as f:
            for line in f:
                try:
                    r = json.loads(line)
                except ValueError:
                    continue
                texts[(corpus, r.get("id"))] = r.get("text", "").encode("utf-8")
    return texts


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def ratio(num, den):
    return round(num / den, 4) if den else None


def f1(p, r):
    return round(2 * p * r / (p + r), 4) if p and r else 0.0


# ---------------------------------------------------------------------------
# outcome cues

def score_outcomes(gold, sents):
    cues_by_art = {}
    for key, sl in sents.items():
        cues_by_art[key] = [c for s in sl for c in s["cues"] if c["category"] in OUTCOME]
    pred_seen = {}          # predicted cue -> correct?
    found = 0
    real = 0
    status_ok = 0
    hyp_found = hyp_ok = 0
    double = 0
    confusion = {g: collections.Counter() for g in STATUSES}
    per_cat = {c: collections.Counter() for c in OUTCOME}
    per_code = collections.defaultdict(collections.Counter)
    errors = []
    for g in gold:
        key = (g["corpus"], g["article_id"])
        g0, g1 = int(g["start"]), int(g["end"])
        cat, st, code = g["category"], g["status"], g["code"]
        over = [c for c in cues_by_art.get(key, []) if overlaps(c["start"], c["end"], g0, g1)]
        per_code[code]["n"] += 1
        if len(over) > 1:
            double += 1
            per_code[code]["double"] += 1
            errors.append(("double", g, over))
        for c in over:
            ck = (key, c["start"], c["end"], c["category"])
            ok = cat != "none" and c["category"] == cat
            pred_seen[ck] = pred_seen.get(ck, False) or ok
        if cat == "none":
            if over:
                per_code[code]["false_cue"] += 1
                errors.append(("false_cue", g, over))
            continue
        real += 1
        per_cat[cat]["gold"] += 1
        right = [c for c in over if c["category"] == cat]
        if not right:
            per_code[code]["missed" if not over else "wrong_category"] += 1
            errors.append(("missed" if not over else "wrong_category", g, over))
            continue
        found += 1
        per_cat[cat]["found"] += 1
        # the predicted cue with the largest overlap (leftmost on ties) carries the status
        best = max(right, key=lambda c: (min(c["end"], g1) - max(c["start"], g0), -c["start"]))
        confusion[st][best["status"]] += 1
        if best["status"] == st:
            status_ok += 1
        else:
            per_code[code]["status_wrong"] += 1
            errors.append(("status %s->%s" % (st, best["status"]), g, [best]))
        if st == "hypothetical":
            hyp_found += 1
            hyp_ok += best["status"] == "hypothetical"
    for (key, s, e, pcat), ok in pred_seen.items():
        per_cat[pcat]["pred"] += 1
        per_cat[pcat]["pred_ok"] += ok
    npred = len(pred_seen)
    nok = sum(pred_seen.values())
    res = {
        "gold_occurrences": len(gold),
        "gold_real": real,
        "predicted_overlapping": npred,
        "precision": ratio(nok, npred),
        "recall": ratio(found, real),
        "status_accuracy": ratio(status_ok, found),
        "hypothetical_recall": ratio(hyp_ok, hyp_found),
        "double_counts": double,
        "per_category": {c: {"precision": ratio(v["pred_ok"], v["pred"]), "predicted": v["pred"],
                             "recall": ratio(v["found"], v["gold"]), "gold": v["gold"]}
                         for c, v in per_cat.items()},
        "confusion": {g: dict(confusion[g]) for g in STATUSES},
        "per_code": {k: dict(v) for k, v in sorted(per_code.items())},
    }
    return res, errors


# ---------------------------------------------------------------------------
# hedges

def norm_term(t):
    return t.replace("~", "").replace("*", "").replace("=", "").strip().lower()


def is_approximator(cue, stats):
    if "subtype" in cue:
        stats["with_subtype"] += 1
        return cue["subtype"] == "approximator"
    stats["fallback"] += 1
    return norm_term(cue.get("term", "")) in FALLBACK_APPROXIMATORS


VARIANTS = {
    # name: (statuses counted, count approximators)
    "asserted_no_approx": ({"asserted"}, False),
    "any_status_no_approx": (set(STATUSES), False),
    "asserted_with_approx (today's uncertain_share)": ({"asserted"}, True),
    "any_status_with_approx": (set(STATUSES), True),
}


def score_hedges(gold, sents):
    stats = collections.Counter()
    preds = []
    for g in gold:
        key = (g["corpus"], g["article_id"])
        g0, g1 = int(g["start"]), int(g["end"])
        hedges = [c for s in sents.get(key, []) if overlaps(s["start"], s["end"], g0, g1)
                  for c in s["cues"] if c["category"] == "hedge"]
        for c in hedges:
            c["_approx"] = is_approximator(c, stats)
        preds.append(hedges)
    res = {"gold_sentences": len(gold),
           "gold_uncertain": sum(g["uncertain"] == "1" for g in gold),
           "approximator_source": dict(stats)}
    errors = {}
    per_code = {}
    for name, (sts, with_approx) in VARIANTS.items():
        tp = fp = fn = tn = 0
        errs = []
        pc = collections.defaultdict(collections.Counter)
        for g, hedges in zip(gold, preds):
            used = [c for c in hedges if c["status"] in sts and (with_approx or not c["_approx"])]
            p = bool(used)
            t = g["uncertain"] == "1"
            pc[g["code"]]["n"] += 1
            if p and t:
                tp += 1
            elif p:
                fp += 1
                pc[g["code"]]["fp"] += 1
                errs.append(("fp", g, used))
            elif t:
                fn += 1
                pc[g["code"]]["fn"] += 1
                errs.append(("fn", g, hedges))
            else:
                tn += 1
        pr, rc = ratio(tp, tp + fp), ratio(tp, tp + fn)
        res[name] = {"precision": pr, "recall": rc, "f1": f1(pr or 0, rc or 0),
                     "tp": tp, "fp": fp, "fn": fn, "tn": tn}
        errors[name] = errs
        per_code[name] = {k: dict(v) for k, v in sorted(pc.items())}
    res["per_code_asserted_no_approx"] = per_code["asserted_no_approx"]
    res["per_code_any_status_no_approx"] = per_code["any_status_no_approx"]
    return res, errors


# ---------------------------------------------------------------------------
# output

def fmt(x):
    return "  -  " if x is None else "%.3f" % x


def print_outcomes(r):
    print("== Outcome cues (progress / breakthrough / setback) ==")
    print("gold occurrences %d (real senses %d, none %d); predicted outcome cues overlapping them %d"
          % (r["gold_occurrences"], r["gold_real"], r["gold_occurrences"] - r["gold_real"],
             r["predicted_overlapping"]))
    print("precision           %s   (goal >= 0.97)" % fmt(r["precision"]))
    print("recall              %s" % fmt(r["recall"]))
    print("status accuracy     %s   (goal >= 0.92; over gold cues found)" % fmt(r["status_accuracy"]))
    print("hypothetical recall %s   (goal >= 0.85; gold hypothetical found and read hypothetical)"
          % fmt(r["hypothetical_recall"]))
    print("double counts       %d   (gold occurrences with more than one predicted cue)" % r["double_counts"])
    print("per category:")
    for c, v in r["per_category"].items():
        print("  %-12s precision %s (%d predicted)  recall %s (%d gold)"
              % (c, fmt(v["precision"]), v["predicted"], fmt(v["recall"]), v["gold"]))
    print("status confusion (rows gold, columns predicted):")
    print("  %-13s" % "" + "".join("%13s" % s for s in STATUSES))
    for g in STATUSES:
        print("  %-13s" % g + "".join("%13d" % r["confusion"][g].get(p, 0) for p in STATUSES))
    print("errors by code (n = gold occurrences with that code):")
    keys = ("false_cue", "missed", "wrong_category", "status_wrong", "double")
    print("  %-26s %4s " % ("code", "n") + " ".join("%14s" % k for k in keys))
    for code, v in sorted(r["per_code"].items(), key=lambda kv: (-sum(kv[1].get(k, 0) for k in keys), kv[0])):
        if any(v.get(k) for k in keys):
            print("  %-26s %4d " % (code, v["n"]) + " ".join("%14d" % v.get(k, 0) for k in keys))


def print_hedges(r):
    print()
    print("== Hedges: sentence-level 'uncertain' (Szarvas et al. 2012 semantic uncertainty) ==")
    print("gold sentences %d (uncertain %d); approximator decided by: %s"
          % (r["gold_sentences"], r["gold_uncertain"],
             ", ".join("%s %d" % kv for kv in sorted(r["approximator_source"].items())) or "no hedge cues"))
    for name in VARIANTS:
        v = r[name]
        goal = "   (goal >= 0.72)" if name == "asserted_no_approx" else ""
        print("  %-48s P %s  R %s  F1 %s  (tp %d fp %d fn %d tn %d)%s"
              % (name, fmt(v["precision"]), fmt(v["recall"]), fmt(v["f1"]),
                 v["tp"], v["fp"], v["fn"], v["tn"], goal))
    print("errors by gold code (asserted hedges, approximators excluded):")
    rows = [(k, v) for k, v in r["per_code_asserted_no_approx"].items() if v.get("fp") or v.get("fn")]
    for code, v in sorted(rows, key=lambda kv: -(kv[1].get("fp", 0) + kv[1].get("fn", 0))):
        print("  %-26s n %3d   false uncertain %3d   missed uncertain %3d"
              % (code, v["n"], v.get("fp", 0), v.get("fn", 0)))


def show_outcome_errors(errors, texts):
    print()
    print("== Outcome cue errors (context printed to the terminal only) ==")
    for kind, g, over in errors:
        key = (g["corpus"], g["article_id"])
        g0, g1 = int(g["start"]), int(g["end"])
        b = texts.get(key, b"")
        left = b[max(0, g0 - 110):g0].decode("utf-8", "replace").replace("\n", " ")
        right = b[g1:g1 + 70].decode("utf-8", "replace").replace("\n", " ")
        mid = b[g0:g1].decode("utf-8", "replace")
        pred = ", ".join("%s/%s %d-%d" % (c["category"], c["status"], c["start"], c["end"]) for c in over) or "-"
        print("%-22s %s %s %d-%d gold %s/%s [%s] pred %s" % (kind, g["corpus"], g["article_id"], g0, g1,
                                                             g["category"], g["status"], g["code"], pred))
        print("    ...%s[[%s]]%s..." % (left, mid, right))


def show_hedge_errors(errors, texts):
    print()
    print("== Hedge errors, variant asserted_no_approx (context printed to the terminal only) ==")
    for kind, g, used in errors["asserted_no_approx"]:
        key = (g["corpus"], g["article_id"])
        g0, g1 = int(g["start"]), int(g["end"])
        sent = texts.get(key, b"")[g0:g1].decode("utf-8", "replace").replace("\n", " ")
        pred = ", ".join("%s(%s%s)" % (c["term"], c["status"], ",approx" if c.get("_approx") else "")
                         for c in used) or "-"
        print("%-3s %s %s %d-%d [%s] gold cues %s | predicted hedges %s"
              % (kind, g["corpus"], g["article_id"], g0, g1, g["code"], g["cues"], pred))
        print("    %s" % sent)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "examples", "compare"),
                    help="the compare binary (default: target/release/examples/compare)")
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"),
                    help="directory holding iran_subset.jsonl and basil.jsonl (default: ../shared/data)")
    ap.add_argument("--dev", default=os.path.join(HERE, "dev"), help="directory of the dev TSV files")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show-errors", action="store_true",
                    help="list wrong cases with ids, offsets and (terminal only) context")
    a = ap.parse_args()
    if not (os.path.isfile(a.bin) and os.access(a.bin, os.X_OK)):
        die("compare binary not found at %s\nbuild it with: cargo build --release --example compare" % a.bin)
    gold_out = read_tsv(os.path.join(a.dev, "outcome_cues.tsv"))
    gold_hedge = read_tsv(os.path.join(a.dev, "hedge_sentences.tsv"))
    with tempfile.TemporaryDirectory(prefix="framescope-eval-") as tmp:
        sents = run_compare(a.bin, a.data, tmp)
    missing = sorted({(g["corpus"], g["article_id"]) for g in gold_out + gold_hedge} - set(sents))
    out, out_err = score_outcomes(gold_out, sents)
    hed, hed_err = score_hedges(gold_hedge, sents)
    out["articles_missing_from_output"] = len(missing)
    if a.json:
        print(json.dumps({"outcome_cues": out, "hedges": hed}, indent=2))
    else:
        print_outcomes(out)
        print_hedges(hed)
        if missing:
            print("\nwarning: %d labelled articles are missing from the binary's output" % len(missing))
    if a.show_errors:
        texts = load_texts(a.data)
        if a.json:              # keep standard output valid JSON
            sys.stdout.flush()
            sys.stdout = sys.stderr
        show_outcome_errors(out_err, texts)
        show_hedge_errors(hed_err, texts)


if __name__ == "__main__":
    main()
