"""Where a build spends its time, per stage, as ratios against the docx render in the same run.

    .venv/bin/python benchmarks/bench_build.py [ROUNDS]

Absolute times depend on the machine; the ratios are what to compare between
versions (e.g. verification must stay a small share of a build).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from memo.build import Workspace, prepare
from memo.files import write_atomic
from memo.verify import verify_docx
from memo.writers.docx import render_docx

ROOT = Path(__file__).resolve().parent.parent


def timed(function, rounds: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    workspace = Workspace(ROOT)
    print(f"{'ärende':<18}{'prepare':>10}{'render':>10}{'verify':>10}{'write':>10}{'build ms':>10}  verify/build")
    with tempfile.TemporaryDirectory() as out:
        for path in sorted(workspace.cases.glob("*.yaml")):
            prepare(path, workspace)  # warm: organisation and sandbox are prepared once per process
            t_prepare, prepared = timed(lambda: prepare(path, workspace), rounds)
            t_render, data = timed(lambda: render_docx(prepared.memo, prepared.organisation.template), rounds)
            t_verify, _ = timed(lambda: verify_docx(data, prepared.memo), rounds)
            t_write, _ = timed(lambda: write_atomic(Path(out) / "x.docx", data), rounds)
            total = t_prepare + t_render + t_verify + t_write
            ratios = [t / t_render for t in (t_prepare, t_render, t_verify, t_write)]
            print(f"{path.stem:<18}" + "".join(f"{r:>10.2f}" for r in ratios) + f"{total * 1000:>10.1f}"
                  f"  {t_verify / total:>10.0%}")
    print("(stage columns: time relative to render = 1.00)")


if __name__ == "__main__":
    main()
