"""Issue 13's figures, as ratios against baselines measured in the same run.

    .venv/bin/python benchmarks/bench_batch.py [N]

- batch: N synthetic cases (copies of the shipped cases with varied amounts and lengths) built with
  `memo build --all` from a cold start, per memo, against a plain docxtpl loop over the same
  templates (load template, render a finished context, save);
- cold start: one `memo build` against `python -c "import docxtpl"`; `memo --help` against
  `python -c pass`; a no-op `memo build` (nothing changed) against `python -c pass`;
- peak RSS of one build.

Whole processes, median of 5 paired runs; absolute times depend on the machine and its load.
"""

from __future__ import annotations

import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memo.dnr import file_stem

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MEMO = [PYTHON, "-m", "memo.cli"]


def wall(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def paired(a: list[str], b: list[str], cwd: Path, rounds: int = 5) -> tuple[float, float]:
    first, second = [], []
    for _ in range(rounds):
        first.append(wall(a, cwd))
        second.append(wall(b, cwd))
    return statistics.median(first), statistics.median(second)


def synthetic_cases(workspace: Path, count: int) -> None:
    """Copies of the shipped cases, each with its own Dnr (the last digits numbered)."""
    sources = sorted((ROOT / "cases").glob("*.yaml"))
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        dnr = re.search(r"^dnr: (.+)$", text, re.M).group(1)
        digits = re.search(r"\d+$", dnr).group(0)
        new = dnr[: -len(digits)] + f"{i:0{len(digits)}d}"[-len(digits):]
        (workspace / "cases" / f"{file_stem(new)}.yaml").write_text(text.replace(f"dnr: {dnr}", f"dnr: {new}"),
                                                                 encoding="utf-8")


def docxtpl_loop(workspace: Path) -> float:
    """The plain docxtpl loop: each memo's finished document as a template, rendered with {} and saved."""
    script = f"""
import io, time, glob
from docxtpl import DocxTemplate
paths = sorted(glob.glob({str(workspace / 'build' / '*.docx')!r}))
start = time.perf_counter()
for path in paths:
    t = DocxTemplate(path); t.render({{}}); t.save(io.BytesIO())
print(time.perf_counter() - start, len(paths))
"""
    out = subprocess.run([PYTHON, "-c", script], check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]) / int(out[1])


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        shutil.copytree(ROOT / "templates", workspace / "templates")
        (workspace / "cases").mkdir()
        synthetic_cases(workspace, count)
        built = len(list((workspace / "cases").glob("*.yaml")))
        batch = wall(MEMO + ["build", "--all"], workspace) / built
        plain = docxtpl_loop(workspace)
        print(f"batch: {built} memos, {batch * 1000:.0f} ms per memo with `memo build --all` (cold, verified); "
              f"plain docxtpl loop {plain * 1000:.0f} ms per memo; ratio {batch / plain:.2f}")
        one = sorted((workspace / "cases").glob("*.yaml"))[0].stem
        build_one, import_docxtpl = paired(MEMO + ["build", "--force", one], [PYTHON, "-c", "import docxtpl"], workspace)
        print(f"cold build {build_one:.2f} s vs import docxtpl {import_docxtpl:.2f} s: {build_one / import_docxtpl:.2f}x")
        helped, nothing = paired(MEMO + ["--help"], [PYTHON, "-c", "pass"], workspace)
        print(f"memo --help {helped:.3f} s vs python -c pass {nothing:.3f} s: {helped / nothing:.2f}x")
        noop, nothing = paired(MEMO + ["build", one], [PYTHON, "-c", "pass"], workspace)
        print(f"no-op build {noop:.3f} s vs python -c pass {nothing:.3f} s: {noop / nothing:.2f}x")
        subprocess.run(MEMO + ["build", "--force", one], cwd=workspace, check=True, capture_output=True)
        print(f"peak RSS of a build: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
