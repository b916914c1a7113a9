#!/usr/bin/env python3
"""Draws candidate sentence boundaries from iran_subset for hand labelling
(issue 19). Prints `article_id<TAB>offset<TAB>stratum` rows; with
--context FILE also writes each candidate's context there (for the
labeller's eyes only: never commit it, the texts belong to their publishers).

A candidate is the byte offset just after a run of terminal punctuation
(. ! ? …) and any closing quotes/brackets, inside a paragraph (not at its
end, where a boundary is trivial), or a line break inside a paragraph.
Strata: `any` (uniform over candidates) and `hard` (the word before is
short or capitalised and dotted, an ellipsis, lower case or a digit after,
or no space after).
"""
import argparse
import json
import random
import re

CAND = re.compile(r"(?:\.\s\.\s\.|[.!?…])+[\"'”’)\]»]*")


def candidates(text):
    b = text.encode("utf-8")
    for m in CAND.finditer(text):
        end_char = m.end()
        rest = text[end_char:]
        if not rest.strip():
            continue
        if rest.startswith("\n\n") or re.match(r"[ \t]*\n[ \t]*\n", rest):
            continue
        start = len(text[: m.start()].encode("utf-8"))
        end = len(text[:end_char].encode("utf-8"))
        before = text[max(0, m.start() - 12): m.start()]
        # Inside a token (`U.S.`, `3.5`, `N.Y.`): no decision to make.
        if rest[:1].isalnum() and (
            re.search(r"(^|[^A-Za-z])[A-Za-z]{1,2}$", before) or before[-1:].isdigit()
        ):
            continue
        after = rest[:12]
        hard = (
            "…" in m.group() or ".." in m.group() or ". ." in m.group()
            or re.search(r"(^|\s)[A-Za-z]{1,4}$", before) is not None
            or re.search(r"[A-Za-z]\.[A-Za-z]$", before) is not None
            or re.match(r"\s*[a-z0-9]", after) is not None
            or not after[:1].isspace()
        )
        yield start, end, hard


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/iran_subset.jsonl")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--any", type=int, default=120)
    ap.add_argument("--hard", type=int, default=80)
    ap.add_argument("--context")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    arts = [json.loads(l) for l in open(args.data, encoding="utf-8")]
    allc, hardc = [], []
    for a in arts:
        for s, e, hard in candidates(a["text"]):
            allc.append((a["id"], s, e))
            if hard:
                hardc.append((a["id"], s, e))
    picked = rng.sample(allc, args.any)
    seen = set(picked)
    rest = [c for c in hardc if c not in seen]
    picked += rng.sample(rest, args.hard)
    texts = {a["id"]: a["text"].encode("utf-8") for a in arts}
    ctx = open(args.context, "w", encoding="utf-8") if args.context else None
    for i, (aid, s, e) in enumerate(picked):
        stratum = "any" if i < args.any else "hard"
        print(f"{aid}\t{e}\t{stratum}")
        if ctx:
            b = texts[aid]
            left = b[max(0, s - 90): e].decode("utf-8", "replace").replace("\n", "⏎")
            right = b[e: e + 60].decode("utf-8", "replace").replace("\n", "⏎")
            ctx.write(f"{i}\t{left}⟦|⟧{right}\n")


if __name__ == "__main__":
    main()
