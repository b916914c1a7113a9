#!/usr/bin/env python3
"""A crude regular-expression attribution baseline: a yardstick for the
scorer (eval_attributions.py), not the product.

    baseline_attributions.py OUT.jsonl [--data DIR]
    eval_attributions.py --pred OUT.jsonl

Reads polnear_train_dev.jsonl and writes one prediction per line in the
format of `compare --attributions FILE` (UTF-8 byte offsets):

- direct: the text between paired double quotation marks (straight, curly,
  and the New York Times' ''), marks included, paired within a paragraph; a
  quotation still open at the paragraph's end runs to it. Quotations of
  fewer than --min-words words (scare quotes, titles) are left out.
- its source: a capitalised name or a pronoun next to a speech verb (said,
  says, told, added, according to) just after the closing mark or just
  before the opening one, in the same sentence; none otherwise.
  With --carry, a quotation with no source of its own takes the source of
  the previous quotation in its paragraph (split quotes).
- indirect: "NAME|PRONOUN said|says|told X|added (that) ..." up to the end of
  the sentence, when what follows holds no quotation mark.

Python 3 standard library only. Write the output outside the repository
(it carries names from the corpus in `source.text`).
"""

import argparse
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))

MARK = re.compile(r"\u201c|\u201d|\"|''")
NAME = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Sens|Reps)\.\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|de|van|von))*"
PRONOUN = r"(?:he|she|they|He|She|They|I|we|We|it|It)"
WHO = rf"(?P<who>{NAME}|{PRONOUN})"
VERB = r"(?P<verb>said|says|told(?:\s+\w+)?|added)"

# After the closing mark: ', he said', ' said Jane Doe', ' Jane Doe said',
# ', according to Jane Doe'.
AFTER = [
    re.compile(rf"^[,.?!]?\s*{VERB}\s+{WHO}"),
    re.compile(rf"^[,.?!]?\s*{WHO}\s+{VERB}\b"),
    re.compile(rf"^[,.?!]?\s*(?P<verb>according\s+to)\s+{WHO}"),
]
# Before the opening mark: 'Jane Doe said: ', 'he added, ', 'According to Jane Doe, '.
BEFORE = [
    re.compile(rf"{WHO}\s+{VERB}\s*[,:]?\s*$"),
    re.compile(rf"(?P<verb>[Aa]ccording\s+to)\s+{WHO}\s*[,:]?\s*$"),
]
INDIRECT = re.compile(rf"\b{WHO}\s+{VERB}\s+(?:that\s+)?(?=[a-zA-Z])")
SENTENCE_END = re.compile(r"[.?!](?=\s|$)")


def byte_offsets(text):
    """Byte offset of every character index (and of the end)."""
    out = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        out[i] = n
        n += len(ch.encode("utf-8"))
    out[len(text)] = n
    return out


def paragraphs(text):
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i > start:
                yield start, i
            start = i + 1
    if len(text) > start:
        yield start, len(text)


def quotations(text, ps, pe):
    """(start, end) of paired quotations in a paragraph, marks included."""
    out = []
    open_at = None
    for m in MARK.finditer(text, ps, pe):
        mark = m.group()
        if mark == "\u201c":
            open_at = m.start()
        elif mark == "\u201d":
            if open_at is not None:
                out.append((open_at, m.end()))
                open_at = None
        elif open_at is None:
            open_at = m.start()
        else:
            out.append((open_at, m.end()))
            open_at = None
    if open_at is not None and pe - open_at > 1:
        out.append((open_at, pe))
    return out


def sentence_bounds(text, ps, pe, start, end):
    """Start of the sentence holding `start`, end of the one holding `end`."""
    s = ps
    for m in SENTENCE_END.finditer(text, ps, start):
        s = m.end()
    m = SENTENCE_END.search(text, end, pe)
    e = m.end() if m else pe
    return s, e


def find_source(text, ps, pe, qs, qe):
    sent_s, sent_e = sentence_bounds(text, ps, pe, qs, qe)
    after = text[qe:min(sent_e, qe + 120)]
    for rx in AFTER:
        m = rx.search(after)
        if m:
            return (qe + m.start("who"), qe + m.end("who")), (qe + m.start("verb"), qe + m.end("verb"))
    lo = max(sent_s, qs - 120)
    before = text[lo:qs]
    for rx in BEFORE:
        m = rx.search(before)
        if m:
            return (lo + m.start("who"), lo + m.end("who")), (lo + m.start("verb"), lo + m.end("verb"))
    return None, None


def predict(rec, min_words, carry=False):
    text = rec["text"]
    bo = byte_offsets(text)
    preds = []

    def emit(kind, cs, ce, src, cue=None):
        preds.append({
            "article_id": rec["id"],
            "outlet": rec.get("outlet", ""),
            "kind": kind,
            "content": {"start": bo[cs], "end": bo[ce]},
            "cue": {"start": bo[cue[0]], "end": bo[cue[1]]} if cue else None,
            "source": ({"start": bo[src[0]], "end": bo[src[1]], "text": text[src[0]:src[1]], "actor": None}
                       if src else None),
        })

    for ps, pe in paragraphs(text):
        quotes = [q for q in quotations(text, ps, pe)
                  if len(re.findall(r"\w+", text[q[0]:q[1]])) >= min_words]
        last = None
        for qs, qe in quotes:
            src, cue = find_source(text, ps, pe, qs, qe)
            if src is None and carry:
                src = last
            last = src or last
            emit("direct", qs, qe, src, cue)
        for m in INDIRECT.finditer(text, ps, pe):
            cs = m.end()
            end = SENTENCE_END.search(text, cs, pe)
            ce = end.end() if end else pe
            content = text[cs:ce]
            if MARK.search(content) or len(re.findall(r"\w+", content)) < 3:
                continue
            if any(qs <= m.start() < qe for qs, qe in quotes):
                continue  # inside a quotation
            if MARK.search(text[max(ps, m.start() - 4):m.start()]):
                continue  # the cue of the quotation just before
            emit("indirect", cs, ce, (m.start("who"), m.end("who")), (m.start("verb"), m.end("verb")))
    return preds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="predictions JSONL to write (outside the repository)")
    ap.add_argument("--data", default=DEFAULT_DATA, help="directory holding polnear_train_dev.jsonl")
    ap.add_argument("--min-words", type=int, default=4, help="shortest quotation kept (default: %(default)s)")
    ap.add_argument("--carry", action="store_true",
                    help="a quotation with no source of its own takes the previous one's in the paragraph")
    args = ap.parse_args(argv)
    n = 0
    with open(os.path.join(args.data, "polnear_train_dev.jsonl"), encoding="utf-8") as f, \
            open(args.out, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            for p in predict(json.loads(line), args.min_words, args.carry):
                out.write(json.dumps(p, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} predictions written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
