"""Is a build linear in the size of the case? Time per paragraph from 1,000 to 60,000 paragraphs.

    .venv/bin/python benchmarks/bench_scaling.py [SIZES …]

Each size is a copy of the Nacka case whose first section holds N short paragraphs
(60,000 of them stay under the 1 MiB case limit). Prints the full build (prepare,
render, verify, write) per size and the time per paragraph as a ratio to the
smallest size in the same run: flat ratios mean linear work.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from memo.build import Workspace, build

ROOT = Path(__file__).resolve().parent.parent
CASE = "KFKS-2024-00430.yaml"


def case_with(workspace: Workspace, paragraphs: int) -> Path:
    path = workspace.cases / CASE
    text = (ROOT / "cases" / CASE).read_text(encoding="utf-8")
    body = "".join(f"      S{i}.\n\n" for i in range(paragraphs))
    marker = "  - heading: Sammanfattning av ärendet\n    body: |\n"
    assert marker in text
    path.write_text(text.replace(marker, marker + body, 1), encoding="utf-8")
    return path


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 5_000, 20_000, 60_000]
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(Path(folder))
        shutil.copytree(ROOT / "templates", workspace.templates)
        workspace.cases.mkdir()
        build(case_with(workspace, 10), workspace)  # warm: organisation, template, sandbox
        base = None
        print(f"{'stycken':>9}{'bygge s':>10}{'µs/stycke':>11}{'kvot':>7}")
        for size in sizes:
            path = case_with(workspace, size)
            start = time.perf_counter()
            build(path, workspace)
            seconds = time.perf_counter() - start
            per = seconds / size
            base = base or per
            print(f"{size:>9}{seconds:>10.2f}{per * 1e6:>11.0f}{per / base:>7.2f}")


if __name__ == "__main__":
    main()
