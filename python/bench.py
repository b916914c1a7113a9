"""Throughput of ``Analyzer.analyze_batch`` from Python beside the Rust
library's analysis of the same texts.

    cargo build --release --manifest-path python/Cargo.toml --example rust_batch
    python python/bench.py articles.jsonl [PASSES]

Both sides hold the texts in memory and do the same work per article (its
profile and every metric's value); Python also converts its lists and
builds the pyarrow Table. Each is timed on all cores and on one thread
(``RAYON_NUM_THREADS=1``, in a fresh process), in turn in each pass so that
a ratio compares runs made under the same load. Prints MB/s of article text
(best of PASSES, default 3) and the ratio python / rust.
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


def python_mb_s(path: str, passes: int) -> float:
    """analyze_batch's best MB/s over the file, in this process."""
    import framescope

    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    texts = [r["text"] for r in rows]
    ids = [r["id"] for r in rows]
    outlets = [r["outlet"] for r in rows]
    published = [r.get("published") for r in rows]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    analyzer = framescope.Analyzer()
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        analyzer.analyze_batch(texts, ids=ids, outlets=outlets, published=published)
        best = min(best, time.perf_counter() - start)
    return mb / best


def run(cmd, threads):
    env = dict(os.environ)
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return float(re.search(r"([0-9.]+) MB/s", out).group(1))


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "--python-only":
        print(f"{python_mb_s(sys.argv[2], int(sys.argv[3])):.3f} MB/s")
        return 0
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    path = sys.argv[1]
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for threads in (None, 1):
        best_py = best_rust = 0.0
        for _ in range(passes):
            best_rust = max(best_rust, run([str(RUST), path, "1"], threads))
            best_py = max(best_py, run([sys.executable, __file__, "--python-only", path, "1"], threads))
        label = "all cores" if threads is None else "1 thread"
        print(f"{label:10s} rust {best_rust:7.1f} MB/s   python analyze_batch {best_py:7.1f} MB/s   python / rust = {best_py / best_rust:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
