"""Issue 13's figures, each as a ratio against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_batch.py [N] [PDF_N]      (make bench: N = 500, PDF_N = 20)

(a) batch: N synthetic cases (copies of the shipped cases, each with its own Dnr) built with
    `memo build --all` from a cold start, per memo, against a plain docxtpl loop over the same
    documents (load, render a finished context, save);
(b) one cold `memo build` against `python -c "import docxtpl"`;
(c) `memo --help` against `python -c pass`;
(d) a no-op `make memo` (nothing changed; through make, as an official runs it) and a no-op
    `memo build`, against `python -c pass`;
(e) peak RSS of one build (a fresh parent process, so only that build is counted);
(f) batch PDF: PDF_N cases with `memo build --all --pdf`, minus the same batch without --pdf,
    per memo, against one document converted as a single build converts it (one LibreOffice start);
(g) `memo watch` latency: from writing a changed amount into the case file to the new
    build/<Dnr>.docx holding it (polled), median of several saves; memo's watch settings
    against watchfiles' defaults.

Whole processes, medians; absolute times depend on the machine and its load.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from memo.dnr import file_stem

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MEMO = [PYTHON, "-m", "memo.cli"]
WATCHED = "KFKS-2024-00430"  # its utfall_2023 column is free of frame checks: any amount builds
WATCH_DEFAULTS = (1600, 50)  # watchfiles' own debounce and step (ms)


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


def new_workspace(folder: Path, count: int) -> Path:
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "cases").mkdir()
    synthetic_cases(folder, count)
    return folder


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


def peak_rss(command: list[str], cwd: Path) -> float:
    """MB: the largest resident set of ``command``, measured from a parent that runs nothing else."""
    script = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PYTHON, "-c", script, *command], cwd=cwd, check=True, capture_output=True, text=True)
    return int(out.stdout) / 1024


def make_project(workspace: Path) -> list[str] | None:
    """The workspace as an installed project for `make memo`: the Makefile, and this venv as .venv with
    nothing to reinstall. None when make is missing or would do more than build."""
    if shutil.which("make") is None:
        return None
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, workspace / name)
    (workspace / ".venv").symlink_to(Path(sys.prefix))
    installed = (workspace / ".venv" / "bin" / "memo").stat().st_mtime
    for name in ("pyproject.toml", "constraints.txt"):
        os.utime(workspace / name, (installed - 60, installed - 60))
    command = ["make", "--no-print-directory", "memo"]
    dry = subprocess.run([*command, "-n"], cwd=workspace, capture_output=True, text=True).stdout.strip()
    return command if dry.splitlines() == ['.venv/bin/memo build "$CASE"'] else None


def pdf_batch(count: int, rounds: int = 2) -> tuple[float, float]:
    """Seconds per memo that --pdf adds to a batch of ``count``, and one document as a single build converts it."""
    from memo.writers.pdf import pdf_from_docx

    with tempfile.TemporaryDirectory() as folder:
        workspace = new_workspace(Path(folder), count)
        docx_only, with_pdf = [], []
        for _ in range(rounds):
            docx_only.append(wall(MEMO + ["build", "--all", "--force"], workspace))
            with_pdf.append(wall(MEMO + ["build", "--all", "--pdf", "--force"], workspace))
        added = (statistics.median(with_pdf) - statistics.median(docx_only)) / count
        one = sorted((workspace / "build").glob("*.docx"))[0]
        singles = []
        for _ in range(rounds + 1):
            start = time.perf_counter()
            pdf_from_docx(one.read_bytes(), one.name)
            singles.append(time.perf_counter() - start)
    return added, statistics.median(singles)


def watch_latency(workspace: Path, settings: tuple[int, int] | None, saves: int) -> list[float]:
    """Seconds from each save of a changed amount to a build/<Dnr>.docx that shows it."""
    case = workspace / "cases" / f"{WATCHED}.yaml"
    docx = workspace / "build" / f"{WATCHED}.docx"
    original = case.read_text(encoding="utf-8")
    assert original.count("utfall_2023: 1.6,") == 1
    command = MEMO + ["watch", WATCHED]
    if settings is not None:
        command = [PYTHON, "-c", "import sys, memo.watch as w; from memo.cli import main; "
                   f"w.DEBOUNCE_MS, w.STEP_MS = {settings}; sys.exit(main(sys.argv[1:]))", "watch", WATCHED]
    watcher = subprocess.Popen(command, cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    samples = []
    try:
        watcher.stdout.readline()  # the first build
        time.sleep(1.0)  # the file events are set up after it
        for k in range(1, saves + 1):
            shown = f">1,6{k}\u00a0mkr<".encode()
            before = docx.stat().st_ino
            start = time.perf_counter()
            case.write_text(original.replace("utfall_2023: 1.6,", f"utfall_2023: 1.6{k},"), encoding="utf-8")
            while not _shows(docx, before, shown):
                if time.perf_counter() - start > 30:
                    raise SystemExit("memo watch did not rebuild within 30 s")
                time.sleep(0.001)
            samples.append(time.perf_counter() - start)
            watcher.stdout.readline()
            time.sleep(0.3)
    finally:
        watcher.terminate()
        watcher.wait()
        case.write_text(original, encoding="utf-8")
    return samples


def _shows(docx: Path, before: int, shown: bytes) -> bool:
    try:
        if docx.stat().st_ino == before:  # published by rename: a new file, never a half-written one
            return False
        with zipfile.ZipFile(docx) as package:
            return shown in package.read("word/document.xml")
    except (OSError, zipfile.BadZipFile, KeyError):
        return False


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    pdf_count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    began = time.perf_counter()
    # As a user's install runs: Python caches compiled modules (pip compiles the libraries' at install;
    # memo's own sources are compiled on the first run). This sandbox sets PYTHONDONTWRITEBYTECODE,
    # which would make every start compile memo from source while the baselines' libraries start cached.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(MEMO + ["--version"], check=True, capture_output=True)
    with tempfile.TemporaryDirectory() as folder:
        workspace = new_workspace(Path(folder), count)
        warm = sorted((workspace / "cases").glob("*.yaml"))[0].stem
        subprocess.run(MEMO + ["build", "--force", warm], cwd=workspace, check=True, capture_output=True)
        shutil.rmtree(workspace / "build")  # the batch below builds every case, from a cold start
        built = len(list((workspace / "cases").glob("*.yaml")))
        batch = wall(MEMO + ["build", "--all"], workspace) / built
        plain = docxtpl_loop(workspace)
        print(f"(a) batch: {built} memos, {batch * 1000:.0f} ms per memo with `memo build --all` (cold, verified); "
              f"plain docxtpl loop {plain * 1000:.0f} ms per memo; ratio {batch / plain:.2f}")
        one = sorted((workspace / "cases").glob("*.yaml"))[0].stem
        build_one, import_docxtpl = paired(MEMO + ["build", "--force", one], [PYTHON, "-c", "import docxtpl"], workspace)
        print(f"(b) cold build {build_one:.2f} s vs import docxtpl {import_docxtpl:.2f} s: "
              f"{build_one / import_docxtpl:.2f}x")
        helped, nothing = paired(MEMO + ["--help"], [PYTHON, "-c", "pass"], workspace)
        print(f"(c) memo --help {helped:.3f} s vs python -c pass {nothing:.3f} s: {helped / nothing:.2f}x")
        make = make_project(workspace)
        if make is None:
            print("(d) no-op make memo: not measured (make missing, or it would reinstall)")
        else:
            os.environ["CASE"] = one
            noop, nothing = paired(make, [PYTHON, "-c", "pass"], workspace)
            print(f"(d) no-op make memo {noop:.3f} s vs python -c pass {nothing:.3f} s: {noop / nothing:.2f}x")
        noop, nothing = paired(MEMO + ["build", one], [PYTHON, "-c", "pass"], workspace)
        print(f"    no-op memo build {noop:.3f} s vs python -c pass {nothing:.3f} s: {noop / nothing:.2f}x")
        print(f"(e) peak RSS of a build: {peak_rss(MEMO + ['build', '--force', one], workspace):.0f} MB")
    if shutil.which("soffice"):
        added, single = pdf_batch(pdf_count)
        print(f"(f) batch PDF: {added * 1000:.0f} ms per memo added by --pdf to a batch of {pdf_count}; "
              f"one document as a single build converts it {single * 1000:.0f} ms; ratio {added / single:.2f}")
    else:
        print("(f) batch PDF: not measured (no LibreOffice)")
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        shutil.copytree(ROOT / "templates", workspace / "templates")
        shutil.copytree(ROOT / "cases", workspace / "cases")
        ours = watch_latency(workspace, None, saves=7)
        theirs = watch_latency(workspace, WATCH_DEFAULTS, saves=7)
        print(f"(g) memo watch: {statistics.median(ours) * 1000:.0f} ms from save to the new .docx (median of "
              f"{len(ours)}, range {min(ours) * 1000:.0f}–{max(ours) * 1000:.0f}); with watchfiles' defaults "
              f"{statistics.median(theirs) * 1000:.0f} ms; target 200 ms")
    print(f"bench_batch: {time.perf_counter() - began:.0f} s in all")


if __name__ == "__main__":
    main()
