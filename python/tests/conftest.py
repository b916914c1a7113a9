"""Shared paths and the command-line program the binding is checked against."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample" / "articles.jsonl"
COMPARE = REPO / "target" / "release" / "examples" / "compare"

sys.path.insert(0, str(Path(__file__).resolve().parent))


def cli(*args: str) -> str:
    """The `compare` example's standard output (built once with cargo)."""
    if not COMPARE.exists():
        subprocess.run(
            ["cargo", "build", "--release", "--example", "compare"], cwd=REPO, check=True
        )
    result = subprocess.run([str(COMPARE), *args], capture_output=True, text=True, check=True)
    return result.stdout
