"""Throughput of ``Analyzer.analyze_batch`` from Python beside the Rust
library's analysis of the same texts.

    cargo build --release --manifest-path python/Cargo.toml --example rust_batch
    python python/bench.py articles.jsonl [PASSES]

Both sides hold the texts in memory and do the same work per article (its
profile and every metric's value); Python also converts its lists and
builds the pyarrow Table. Each is timed on all cores and on one thread
(``RAYON_NUM_THREADS=1``), PASSES calls in a fresh process, the three
processes in turn and twice over, so that a ratio compares runs made under
the same load. Python is timed with the
texts as a list of str (each converted to UTF-8 on the first call) and as
a pyarrow string array (its bytes read as they are). Prints MB/s of
article text (best of PASSES, default 3) and each ratio python / rust.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUST = HERE / "target" / "release" / "examples" / "rust_batch"


def python_mb_s(path: str, passes: int, arrow: bool = False) -> float:
    """analyze_batch's best MB/s over the file, in this process, the texts
    given as a list of str or (``arrow``) as a pyarrow string array."""
    import framescope

    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    texts = [r["text"] for r in rows]
    ids = [r["id"] for r in rows]
    outlets = [r["outlet"] for r in rows]
    published = [r.get("published") for r in rows]
    # As the Rust side reads them: a title is analysed as the headline.
    titles = [r.get("title") for r in rows]
    stories = [r.get("story") for r in rows]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    if arrow:
        import pyarrow as pa

        texts = pa.array(texts)
    analyzer = framescope.Analyzer()
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        analyzer.analyze_batch(
            texts, ids=ids, outlets=outlets, published=published, titles=titles, stories=stories
        )
        best = min(best, time.perf_counter() - start)
    return mb / best


def run(cmd, threads):
    env = dict(os.environ)
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return float(re.search(r"([0-9.]+) MB/s", out).group(1))


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] in ("--python-only", "--python-arrow-only"):
        arrow = sys.argv[1] == "--python-arrow-only"
        print(f"{python_mb_s(sys.argv[2], int(sys.argv[3]), arrow):.3f} MB/s")
        return 0
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    path = sys.argv[1]
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for threads in (None, 1):
        best_py = best_arrow = best_rust = 0.0
        # Each process times PASSES calls (the first pays for converting the
        # texts and touching fresh memory), and the three take turns, twice.
        for _ in range(2):
            p = str(passes)
            best_rust = max(best_rust, run([str(RUST), path, p], threads))
            best_py = max(best_py, run([sys.executable, __file__, "--python-only", path, p], threads))
            best_arrow = max(best_arrow, run([sys.executable, __file__, "--python-arrow-only", path, p], threads))
        label = "all cores" if threads is None else "1 thread"
        print(
            f"{label:10s} rust {best_rust:6.1f} MB/s   analyze_batch: list of str {best_py:6.1f} MB/s "
            f"({best_py / best_rust:.2f}), pyarrow array {best_arrow:6.1f} MB/s ({best_arrow / best_rust:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
