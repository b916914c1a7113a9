#!/usr/bin/env python3
"""Score attribution output (quotes and reported speech) against PolNeAR.

The rule is the one in ../shared/data/POLNEAR.md ("How attribution output is
scored"), after the Gender Gap Tracker's evaluation with 30% overlap; where
that text leaves room, the reading taken is documented in ATTRIBUTIONS.md and
at `classify_prediction`, `matches` and `score` below.

Modes:
  eval_attributions.py                 run the compare binary on polnear_train_dev.jsonl
  eval_attributions.py --pred FILE     score an existing predictions JSONL
  eval_attributions.py --self-test     check the scorer on the gold itself

Predictions: one JSON object per line, as `compare --attributions FILE`
writes them: {"article_id", "outlet", "kind", "content": {"start","end"},
"cue": {"start","end"}|null, "source": {"start","end","text","actor"}|null},
UTF-8 byte offsets into the article's text.

Python 3 standard library only. Never writes corpus text into a file: error
listings (--show-errors) go to the terminal.
"""

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BIN = os.path.join(REPO, "target", "release", "examples", "compare")
DEFAULT_DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
DATA_FILE = "polnear_train_dev.jsonl"
SPLIT_PREFIX = {"train": "polnear-train-", "dev": "polnear-dev-", "all": "polnear-"}

# Goals on the held-out test split (issue 18). On train/dev they are indicative.
GOALS = [
    ("quotes", "precision", 0.92),
    ("quotes", "recall", 0.80),
    ("quotes", "speaker", 0.88),
    ("indirect", "precision", 0.80),
    ("indirect", "recall", 0.55),
]

# Double quotation marks as POLNEAR.md counts them: straight, curly, and the
# New York Times' two apostrophes. Single quotes are not counted.
MARKS = (b'"', "\u201c".encode(), "\u201d".encode(), b"''")
OPENING = (b'"', "\u201c".encode(), b"''")
CLOSING = (b'"', "\u201d".encode(), b"''")
TRAILING_PUNCT = b",.?!;:"

GOLD_QUOTE_KINDS = ("direct", "mixed")

# Parts of the articles, for developing rules on some and checking them on
# the rest: `check` is a fixed random third (by a hash of the article id, so
# it never depends on the order of the file), `work` the other two thirds.
PARTS = ("all", "work", "check")


def in_part(article_id, part):
    """Whether the article is in the part (see PARTS)."""
    if part == "all":
        return True
    third = int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 3 == 0
    return third if part == "check" else not third


class UsageError(Exception):
    pass


# ---------------------------------------------------------------------------
# Loading


def load_gold(path, split):
    """Articles of the split: id -> {"id", "outlet", "text" (bytes), "golds"}."""
    prefix = SPLIT_PREFIX[split]
    articles = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if not rec["id"].startswith(prefix):
                continue
            golds = []
            for a in rec["attributions"]:
                golds.append({
                    "id": a["id"],
                    "kind": a["kind"],
                    "content": [tuple(p) for p in a["content"]],
                    "cue": [tuple(p) for p in a["cue"]],
                    "source": [tuple(p) for p in a["source"]],
                })
            articles[rec["id"]] = {
                "id": rec["id"],
                "outlet": rec.get("outlet", ""),
                "text": rec["text"].encode("utf-8"),
                "golds": golds,
            }
    return articles


def _span(obj, name, line_no):
    """A {"start","end"} object as a (start, end) pair, or None."""
    if obj is None:
        return None
    try:
        s, e = obj["start"], obj["end"]
    except (TypeError, KeyError):
        raise UsageError(f"line {line_no}: {name} must be {{\"start\",\"end\"}} or null")
    if not isinstance(s, int) or not isinstance(e, int):
        raise UsageError(f"line {line_no}: {name} offsets must be integers")
    return (s, e)


def load_predictions(path, split):
    """Predictions of the split's articles, in file order."""
    prefix = SPLIT_PREFIX[split]
    preds = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise UsageError(f"{path}: line {n}: not JSON ({e})")
            if not isinstance(obj, dict) or "article_id" not in obj or "content" not in obj:
                raise UsageError(f"{path}: line {n}: needs at least article_id and content")
            if not str(obj["article_id"]).startswith(prefix):
                continue
            content = _span(obj["content"], "content", n)
            if content is None:
                raise UsageError(f"{path}: line {n}: content is null")
            preds.append({
                "n": n,
                "article_id": obj["article_id"],
                "kind": obj.get("kind"),
                "content": content,
                "cue": _span(obj.get("cue"), "cue", n),
                "source": _span(obj.get("source"), "source", n),
            })
    return preds


# ---------------------------------------------------------------------------
# The rule


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def union_length_within(intervals, parts):
    """Bytes of `parts` covered by the union of `intervals`."""
    covered = 0
    for part in parts:
        pieces = sorted((max(s, part[0]), min(e, part[1])) for s, e in intervals)
        end = part[0]
        for s, e in pieces:
            if e <= s:
                continue
            s = max(s, end)
            if e > s:
                covered += e - s
                end = e
    return covered


def has_mark(text, start, end):
    chunk = text[start:end]
    return any(m in chunk for m in MARKS)


def directly_bounded(text, start, end):
    """An opening mark right before the content's first byte, or a closing one
    right after its last (past at most one of , . ? ! ; :).

    POLNEAR.md reads a gold content that starts after an opening mark or
    stops before the closing one as inside the quotation; the same reading
    for predictions, so that an extractor that leaves the marks out of its
    spans is not counted as reporting speech. Only marks touching the span
    count: with no space in between, a straight mark is unambiguous (a mark
    glued to the first letter opens, one glued to the last closes).
    """
    if start < end:
        for m in OPENING:
            if start >= len(m) and text[start - len(m):start] == m:
                return True
        j = end
        if j < len(text) and text[j] in TRAILING_PUNCT:
            j += 1
        for m in CLOSING:
            if text[j:j + len(m)] == m:
                return True
    return False


def classify_prediction(text, content):
    """("quote" | "indirect", by_adjacency): a prediction is a quote when its
    content holds a double quotation mark (or is directly bounded by one),
    whatever its `kind`; otherwise reported speech (`according_to` included).
    """
    s, e = content
    if has_mark(text, s, e):
        return "quote", False
    if directly_bounded(text, s, e):
        return "quote", True
    return "indirect", False


def gold_class(gold):
    return "quote" if gold["kind"] in GOLD_QUOTE_KINDS else "indirect"


def matches(pred_content, gold):
    """The 30% rule, both ways, in integers: the prediction covers >= 30% of
    one of the gold content's parts, and >= 30% of the prediction lies inside
    the gold content (all parts together)."""
    ps, pe = pred_content
    plen = pe - ps
    if plen <= 0:
        return False
    inside = 0
    covers_a_part = False
    for part in gold["content"]:
        ov = overlap(pred_content, part)
        inside += ov
        if ov > 0 and 10 * ov >= 3 * (part[1] - part[0]):
            covers_a_part = True
    return covers_a_part and 10 * inside >= 3 * plen


def content_length(gold):
    return sum(e - s for s, e in gold["content"])


def source_overlaps(pred_source, gold_sources):
    if pred_source is None:
        return False
    return any(overlap(pred_source, g) > 0 for g in gold_sources)


def empty_counts():
    return {
        "gold": 0, "found": 0,
        "predicted": 0, "correct": 0, "correct_same_class": 0, "by_adjacency": 0,
        "speaker_n": 0, "speaker_ok": 0, "cue_n": 0, "cue_ok": 0,
    }


def score(articles, preds):
    """Counts per class ("quote", "indirect") and per outlet, plus the error
    lists for --show-errors.

    Reading of the rule (see ATTRIBUTIONS.md):
    - a prediction is correct when it matches some gold attribution of any
      kind (`correct`); `correct_same_class` also asks the gold to be of the
      prediction's class, for reference;
    - a gold attribution is found when the predictions that match it cover,
      together, >= 30% of its content (all parts);
    - speaker: among the predictions matching a found gold that has a source,
      the one with the largest byte overlap with the gold content must have a
      source overlapping one of the gold source's parts by at least one byte;
      no source is wrong. When several tie for the largest overlap, one of
      them having the right source is enough (a few gold relations share
      their content, so the gold itself produces such ties).
    """
    by_article = {}
    unknown = 0
    out_of_range = 0
    for p in preds:
        art = articles.get(p["article_id"])
        if art is None:
            unknown += 1
            continue
        s, e = p["content"]
        if not (0 <= s < e <= len(art["text"])):
            out_of_range += 1
        by_article.setdefault(p["article_id"], []).append(p)

    totals = {"quote": empty_counts(), "indirect": empty_counts()}
    outlets = {}
    pred_kinds = {}
    errors = {"missed": [], "false": [], "speaker": []}

    for aid in sorted(articles):
        art = articles[aid]
        text = art["text"]
        golds = art["golds"]
        aps = by_article.get(aid, [])
        per_outlet = outlets.setdefault(art["outlet"], {"quote": empty_counts(), "indirect": empty_counts()})

        # Which predictions match which golds.
        matched_by = [[] for _ in golds]
        for p in aps:
            cls, adj = classify_prediction(text, p["content"])
            kind_key = f"{p['kind']}->{cls}"
            pred_kinds[kind_key] = pred_kinds.get(kind_key, 0) + 1
            hit = False
            hit_same = False
            for gi, g in enumerate(golds):
                if matches(p["content"], g):
                    matched_by[gi].append(p)
                    hit = True
                    if gold_class(g) == cls:
                        hit_same = True
            for c in (totals[cls], per_outlet[cls]):
                c["predicted"] += 1
                c["correct"] += hit
                c["correct_same_class"] += hit_same
                c["by_adjacency"] += adj
            if not hit:
                errors["false"].append((aid, cls, p))

        for gi, g in enumerate(golds):
            cls = gold_class(g)
            ms = matched_by[gi]
            covered = union_length_within([m["content"] for m in ms], g["content"])
            found = bool(ms) and 10 * covered >= 3 * content_length(g)
            for c in (totals[cls], per_outlet[cls]):
                c["gold"] += 1
                c["found"] += found
            if not found:
                errors["missed"].append((aid, cls, g, ms))
                continue
            ovs = [sum(overlap(m["content"], part) for part in g["content"]) for m in ms]
            top = max(ovs)
            tied = [m for m, o in zip(ms, ovs) if o == top]
            best = tied[0]
            if g["source"]:
                # Predictions tied for the largest overlap: the speaker is right
                # when one of them has it (a few gold relations share a content).
                ok = any(source_overlaps(m["source"], g["source"]) for m in tied)
                if ok:
                    best = next(m for m in tied if source_overlaps(m["source"], g["source"]))
                for c in (totals[cls], per_outlet[cls]):
                    c["speaker_n"] += 1
                    c["speaker_ok"] += ok
                if not ok:
                    errors["speaker"].append((aid, cls, g, best))
            if g["cue"]:
                ok = any(m["cue"] is not None and any(overlap(m["cue"], q) > 0 for q in g["cue"])
                         for m in tied)
                for c in (totals[cls], per_outlet[cls]):
                    c["cue_n"] += 1
                    c["cue_ok"] += ok

    return {
        "totals": totals,
        "outlets": outlets,
        "unknown_article": unknown,
        "out_of_range": out_of_range,
        "prediction_kinds": pred_kinds,
        "errors": errors,
    }


def ratio(a, b):
    return a / b if b else None


def figures(c):
    return {
        "precision": ratio(c["correct"], c["predicted"]),
        "recall": ratio(c["found"], c["gold"]),
        "speaker": ratio(c["speaker_ok"], c["speaker_n"]),
        "precision_same_class": ratio(c["correct_same_class"], c["predicted"]),
        "cue": ratio(c["cue_ok"], c["cue_n"]),
        "counts": dict(c),
    }


def summarize(result, split, n_articles):
    t = result["totals"]
    both = {k: t["quote"][k] + t["indirect"][k] for k in t["quote"]}
    out = {
        "split": split,
        "articles": n_articles,
        "quotes": figures(t["quote"]),
        "indirect": figures(t["indirect"]),
        "all": figures(both),
        "outlets": {
            o: {"quotes": figures(v["quote"]), "indirect": figures(v["indirect"])}
            for o, v in sorted(result["outlets"].items())
        },
        "predictions_for_unknown_articles": result["unknown_article"],
        "predictions_out_of_range": result["out_of_range"],
        "prediction_kinds": dict(sorted(result["prediction_kinds"].items())),
    }
    out["goals"] = [
        {"class": cls, "measure": m, "goal": g,
         "value": out[cls][m], "met": out[cls][m] is not None and out[cls][m] >= g}
        for cls, m, g in GOALS
    ]
    return out


# ---------------------------------------------------------------------------
# Output


def fmt(x):
    return "   -  " if x is None else f"{x:6.3f}"


def print_table(summary, file=sys.stdout):
    p = lambda *a: print(*a, file=file)
    p(f"split {summary['split']}: {summary['articles']} articles")
    p(f"{'':10} {'gold':>6} {'found':>6} {'recall':>6}   {'pred':>6} {'match':>6} {'prec':>6}"
      f" {'prec=':>6}   {'spk n':>6} {'spk ok':>6} {'speakr':>6}   {'cue':>6}")
    for name in ("quotes", "indirect", "all"):
        f = summary[name]
        c = f["counts"]
        p(f"{name:10} {c['gold']:6d} {c['found']:6d} {fmt(f['recall'])}   {c['predicted']:6d}"
          f" {c['correct']:6d} {fmt(f['precision'])} {fmt(f['precision_same_class'])}"
          f"   {c['speaker_n']:6d} {c['speaker_ok']:6d} {fmt(f['speaker'])}   {fmt(f['cue'])}")
    p("prec: predictions matching any gold; prec=: matching a gold of the same class;"
      " speaker and cue over found golds that have one.")
    q = summary["quotes"]["counts"]["by_adjacency"] + summary["indirect"]["counts"]["by_adjacency"]
    if q:
        p(f"{q} predictions counted as quotes because a mark touches their content (none inside).")
    if summary["predictions_for_unknown_articles"]:
        p(f"warning: {summary['predictions_for_unknown_articles']} predictions name articles not in the data (ignored)")
    if summary["predictions_out_of_range"]:
        p(f"warning: {summary['predictions_out_of_range']} predictions have empty or out-of-range content (counted, never match)")
    p("goals (held-out test split; indicative here): " + ", ".join(
        f"{g['class']} {g['measure']} {fmt(g['value']).strip()}>={g['goal']:.2f} {'ok' if g['met'] else 'NOT MET'}"
        for g in summary["goals"]))


def print_outlets(summary, file=sys.stdout):
    print(f"\n{'outlet':20} {'Q rec':>6} {'Q prec':>6} {'Q spk':>6}   {'I rec':>6} {'I prec':>6} {'I spk':>6}", file=file)
    for o, v in summary["outlets"].items():
        q, i = v["quotes"], v["indirect"]
        print(f"{o[:20]:20} {fmt(q['recall'])} {fmt(q['precision'])} {fmt(q['speaker'])}"
              f"   {fmt(i['recall'])} {fmt(i['precision'])} {fmt(i['speaker'])}", file=file)


def snippet(text, start, end, width=60):
    """Context to the terminal only: the span in [[ ]] with `width` bytes around."""
    def dec(b):
        return b.decode("utf-8", "replace").replace("\n", "\u23ce")
    s, e = max(0, start), min(len(text), end)
    if e - s > 240:
        mid = dec(text[s:s + 110]) + " \u2026 " + dec(text[e - 110:e])
    else:
        mid = dec(text[s:e])
    return dec(text[max(0, s - width):s]) + "[[" + mid + "]]" + dec(text[e:e + width])


def show_errors(articles, result, n, seed):
    rng = random.Random(seed)
    errs = result["errors"]

    def pick(lst):
        return lst if len(lst) <= n else rng.sample(lst, n)

    print(f"\n== missed gold attributions ({len(errs['missed'])}; {min(n, len(errs['missed']))} shown)")
    for aid, cls, g, ms in pick(errs["missed"]):
        text = articles[aid]["text"]
        parts = " ".join(f"[{s},{e})" for s, e in g["content"])
        print(f"- {aid} {g['id']} {g['kind']} content {parts}"
              f" src {g['source'] or '-'}; partial matches: {len(ms)}")
        print("    " + snippet(text, g["content"][0][0], g["content"][-1][1]))
    print(f"\n== false predictions ({len(errs['false'])}; {min(n, len(errs['false']))} shown)")
    for aid, cls, p in pick(errs["false"]):
        text = articles[aid]["text"]
        s, e = p["content"]
        print(f"- {aid} line {p['n']} kind {p['kind']} counted as {cls} content [{s},{e})")
        print("    " + snippet(text, s, e))
    print(f"\n== found, wrong speaker ({len(errs['speaker'])}; {min(n, len(errs['speaker']))} shown)")
    for aid, cls, g, best in pick(errs["speaker"]):
        text = articles[aid]["text"]
        gs = g["source"][0]
        ps = best["source"]
        print(f"- {aid} {g['id']} {g['kind']} gold source [{gs[0]},{gs[1]})"
              f" = {snippet(text, gs[0], gs[1], 0)}; predicted "
              + (f"[{ps[0]},{ps[1]}) = {snippet(text, ps[0], ps[1], 0)}" if ps else "none"))


# ---------------------------------------------------------------------------
# Self-test


def gold_as_predictions(articles, whole=False, with_source=True):
    """Each gold content part as its own prediction (or, whole=True, one
    prediction from the first part's start to the last part's end), with the
    gold's first cue and source parts and its kind."""
    preds = []
    n = 0
    for aid, art in articles.items():
        for g in art["golds"]:
            parts = [(g["content"][0][0], g["content"][-1][1])] if whole else g["content"]
            for s, e in parts:
                n += 1
                src = g["source"][0] if (g["source"] and with_source) else None
                preds.append({
                    "n": n, "article_id": aid, "kind": g["kind"], "content": (s, e),
                    "cue": g["cue"][0] if g["cue"] else None,
                    "source": src,
                })
    return preds


def synthetic_checks():
    """The rule on a text written for this test (byte offsets, ASCII)."""
    text = (b'The mayor said the budget would pass. "We have the votes," she said. '
            b'"Nobody should doubt it." Critics disagreed.')
    s1 = text.index(b"the budget")
    e1 = text.index(b". \"We")
    q1s = text.index(b'"We')
    q1e = text.index(b'," she') + 2
    q2s = text.index(b'"Nobody')
    q2e = text.index(b" Critics")
    src = (text.index(b"she"), text.index(b"she") + 3)
    mayor = (text.index(b"The mayor"), text.index(b"The mayor") + 9)
    art = {"id": "polnear-train-synthetic", "outlet": "X", "text": text, "golds": [
        {"id": "E1", "kind": "indirect", "content": [(s1, e1)], "cue": [], "source": [mayor]},
        {"id": "E2", "kind": "direct", "content": [(q1s, q1e), (q2s, q2e)], "cue": [], "source": [src]},
    ]}
    arts = {art["id"]: art}
    ok = True

    def run(preds):
        for i, p in enumerate(preds):
            p.setdefault("n", i + 1)
            p.setdefault("article_id", art["id"])
            p.setdefault("kind", None)
            p.setdefault("cue", None)
            p.setdefault("source", None)
        return summarize(score(arts, preds), "train", 1)

    def check(name, cond):
        nonlocal ok
        if not cond:
            ok = False
            print(f"  synthetic check failed: {name}")

    L = e1 - s1
    # 30% of the gold exactly: a match; one byte less: none.
    cut = (3 * L + 9) // 10
    r = run([{"content": (s1, s1 + cut)}])
    check("30% coverage matches", r["indirect"]["counts"]["found"] == 1)
    r = run([{"content": (s1, s1 + cut - 1)}])
    check("under 30% coverage does not", r["indirect"]["counts"]["found"] == 0)
    # At least 30% of the prediction inside the gold content, parts together.
    check("30% inside matches", matches((0, 100), {"content": [(0, 30)]}))
    check("29% inside does not", not matches((0, 100), {"content": [(0, 29)]}))
    check("inside counts all parts", matches((0, 100), {"content": [(0, 20), (50, 60)]}))
    check("must cover 30% of one part", not matches((0, 10), {"content": [(5, 25), (30, 50)]}))
    # Split quote: one prediction per part, together found; the second part alone
    # covers one part fully, and the gold over 30% in all.
    r = run([{"content": (q1s, q1e)}, {"content": (q2s, q2e), "source": src}])
    c = r["quotes"]["counts"]
    check("split quote found", c["found"] == 1 and c["correct"] == 2 and c["predicted"] == 2)
    check("best-overlapping prediction's source decides", c["speaker_ok"] == 1)
    r = run([{"content": (q1s, q1e), "source": src}, {"content": (q2s, q2e)}])
    check("smaller part's source does not count", r["quotes"]["counts"]["speaker_ok"] == 0)
    # Marks left out of the span: still a quote (directly bounded).
    r = run([{"content": (q2s + 1, q2e - 1)}])
    check("marks outside the span still a quote", r["quotes"]["counts"]["predicted"] == 1)
    # An indirect-shaped prediction after a closing mark and a space is not.
    r = run([{"content": (text.index(b"Critics"), len(text))}])
    check("text after a closing mark is not a quote", r["indirect"]["counts"]["predicted"] == 1
          and r["indirect"]["counts"]["correct"] == 0)
    # according_to with no mark: reported speech.
    r = run([{"content": (s1, e1), "kind": "according_to", "source": mayor}])
    check("according_to counted as reported speech",
          r["indirect"]["counts"]["correct"] == 1 and r["indirect"]["speaker"] == 1.0)
    return ok


def self_test(articles):
    ok = synthetic_checks()
    print(f"synthetic rule checks: {'ok' if ok else 'FAILED'}")
    summary = summarize(score(articles, gold_as_predictions(articles)), "self-test", len(articles))
    print_table(summary)
    for cls in ("quotes", "indirect", "all"):
        for m in ("precision", "recall", "speaker"):
            v = summary[cls][m]
            if v != 1.0:
                ok = False
                print(f"  gold as predictions: {cls} {m} = {v}, expected 1.0")
    # For information: one prediction per gold from its first part's start to
    # its last part's end (parts far apart make that span fail the 30% rule).
    whole = summarize(score(articles, gold_as_predictions(articles, whole=True)), "self-test", len(articles))
    print("one span per gold (first part's start to last part's end), for information: "
          + ", ".join(f"{cls} recall {whole[cls]['recall']:.4f} precision {whole[cls]['precision']:.4f}"
                      for cls in ("quotes", "indirect")))
    # Without sources the speaker score must drop to zero (the check is not vacuous).
    nosrc = summarize(score(articles, gold_as_predictions(articles, with_source=False)), "self-test", len(articles))
    if nosrc["all"]["speaker"] not in (0.0, None):
        ok = False
        print(f"  without sources: speaker {nosrc['all']['speaker']}, expected 0")
    print("PASS" if ok else "FAIL")
    return ok


# ---------------------------------------------------------------------------


def run_binary(bin_path, data_file, out_path):
    if not os.path.exists(bin_path):
        print(f"no binary at {bin_path}", file=sys.stderr)
        print("build it with: cargo build --release --example compare", file=sys.stderr)
        sys.exit(1)
    cmd = [bin_path, "--skip-invalid", "--output", "/dev/null", "--attributions", out_path, data_file]
    print("running: " + " ".join(cmd), file=sys.stderr)
    t0 = time.time()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.time() - t0
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr, end="")
        print(f"compare exited with status {proc.returncode}", file=sys.stderr)
        sys.exit(1)
    if proc.stderr.strip():
        lines = proc.stderr.strip().splitlines()
        print(f"compare wrote {len(lines)} lines to stderr; first: {lines[0][:200]}", file=sys.stderr)
    print(f"compare took {took:.1f}s", file=sys.stderr)


def main(argv=None):
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under `| head`
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=DEFAULT_BIN, help="compare binary (default: %(default)s)")
    ap.add_argument("--data", default=DEFAULT_DATA, help=f"directory holding {DATA_FILE} (default: %(default)s)")
    ap.add_argument("--pred", metavar="FILE", help="score this predictions JSONL instead of running the binary")
    ap.add_argument("--keep", metavar="FILE", help="when running the binary, write its predictions here "
                    "(keep them outside the repository) instead of a temporary file")
    ap.add_argument("--split", choices=("train", "dev", "all"), default="all")
    ap.add_argument("--part", choices=PARTS, default="all",
                    help="all articles of the split, or its random third set aside as a check "
                    "(check), or the other two thirds (work)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--by-outlet", action="store_true", help="also print figures per outlet")
    ap.add_argument("--show-errors", type=int, metavar="N", default=0,
                    help="print N missed golds, N false predictions and N wrong speakers (terminal only)")
    ap.add_argument("--seed", type=int, default=0, help="sampling seed for --show-errors")
    ap.add_argument("--check-goals", action="store_true", help="exit with status 3 when a goal is not met")
    ap.add_argument("--self-test", action="store_true", help="score the gold as predictions; expect 1.0")
    args = ap.parse_args(argv)

    data_file = os.path.join(args.data, DATA_FILE)
    if not os.path.exists(data_file):
        print(f"no data at {data_file} (use --data DIR)", file=sys.stderr)
        return 2
    articles = load_gold(data_file, "all" if args.self_test else args.split)

    if args.self_test:
        return 0 if self_test(articles) else 1

    try:
        if args.pred:
            preds = load_predictions(args.pred, args.split)
        else:
            if args.keep:
                pred_path = args.keep
                run_binary(args.bin, data_file, pred_path)
                preds = load_predictions(pred_path, args.split)
            else:
                with tempfile.TemporaryDirectory(prefix="framescope-attr-") as tmp:
                    pred_path = os.path.join(tmp, "attributions.jsonl")
                    run_binary(args.bin, data_file, pred_path)
                    preds = load_predictions(pred_path, args.split)
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    articles = {k: v for k, v in articles.items() if in_part(k, args.part)}
    preds = [p for p in preds if in_part(p["article_id"], args.part)]
    result = score(articles, preds)
    summary = summarize(result, args.split if args.part == "all" else f"{args.split}, part {args.part}",
                        len(articles))
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_table(summary)
        if args.by_outlet:
            print_outlets(summary)
    if args.show_errors > 0:
        show_errors(articles, result, args.show_errors, args.seed)
    if args.check_goals and not all(g["met"] for g in summary["goals"]):
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
