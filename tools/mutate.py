"""A small mutation run over the modules that carry memo's guarantees.

Each mutant changes one line (a comparison flipped, a raise or a call dropped,
a return value replaced, a boolean operator swapped, a limit raised 1000×); the
test files that defend the module run against it with ``-x -q`` under CI=true.
A mutant the tests do not fail "survives": a guarantee no test defends, or an
equivalent mutant (listed in the note). Mutants run in copies of the project,
one per worker, so the working tree is never changed.

    .venv/bin/python tools/mutate.py [--workers 2] [--limit N] [module ...]
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Module -> the test files that defend it.
MODULES: dict[str, list[str]] = {
    "src/memo/verify.py": ["tests/test_verify.py", "tests/test_build.py", "tests/test_cli.py"],
    "src/memo/files.py": ["tests/test_files.py", "tests/writers/test_pdf_publish.py", "tests/test_build.py"],
    "src/memo/expressions.py": ["tests/test_expressions.py", "tests/test_expression_check.py",
                                "tests/test_hostile_inputs.py"],
    "src/memo/expression_check.py": ["tests/test_expression_check.py", "tests/test_expressions.py"],
    "src/memo/compute.py": ["tests/test_compute.py", "tests/test_hostile_inputs.py", "tests/test_broken_cases.py"],
    "src/memo/loading.py": ["tests/test_loading.py", "tests/test_loading_limits.py", "tests/test_broken_cases.py"],
    "src/memo/writers/docx.py": ["tests/writers/test_docx.py", "tests/test_fidelity.py"],
    "src/memo/writers/pdf.py": ["tests/writers/test_pdf.py", "tests/writers/test_pdf_publish.py",
                                "tests/writers/test_pdf_checks.py"],
    "src/memo/writers/pdf_checks.py": ["tests/writers/test_pdf_checks.py", "tests/writers/test_pdf.py"],
    "src/memo/build.py": ["tests/test_build.py", "tests/test_hostile_inputs.py", "tests/test_cli.py"],
    "src/memo/checking.py": ["tests/test_checking.py", "tests/test_cli.py"],
}
FLIPS = {ast.Lt: ">=", ast.LtE: ">", ast.Gt: "<=", ast.GtE: "<", ast.Eq: "!=", ast.NotEq: "==",
         ast.In: "not in", ast.NotIn: "in", ast.Is: "is not", ast.IsNot: "is"}
SYMBOLS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
           ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}


@dataclass(frozen=True)
class Mutant:
    path: str
    line: int  # 1-based
    before: str
    after: str
    kind: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.before.strip()!r} -> {self.after.strip()!r}"


def mutants(path: str) -> list[Mutant]:
    """Single-line mutants of a module, in line order."""
    source = (ROOT / path).read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    found: list[Mutant] = []

    def replace(node: ast.AST, start: int, end: int, text: str, kind: str) -> None:
        line = lines[node.lineno - 1]
        found.append(Mutant(path, node.lineno, line, line[:start] + text + line[end:], kind))

    for node in ast.walk(ast.parse(source)):
        if getattr(node, "lineno", None) is None or node.lineno != getattr(node, "end_lineno", None):
            continue
        line = lines[node.lineno - 1]
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in FLIPS:
            left_end, right_start = node.left.end_col_offset, node.comparators[0].col_offset
            between = line[left_end:right_start]
            symbol = SYMBOLS[type(node.ops[0])]
            if between.strip() == symbol:
                replace(node, left_end, right_start, f" {FLIPS[type(node.ops[0])]} ", "comparison flipped")
        elif isinstance(node, ast.Raise):
            replace(node, node.col_offset, node.end_col_offset, "pass", "raise dropped")
        elif isinstance(node, ast.Return) and node.value is not None:
            replace(node, node.col_offset, node.end_col_offset, "return None", "return value replaced")
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            replace(node, node.col_offset, node.end_col_offset, "pass", "call removed")
        elif isinstance(node, ast.BoolOp):
            word = " and " if isinstance(node.op, ast.And) else " or "
            segment = line[node.col_offset:node.end_col_offset]
            if segment.count(word) == 1:
                other = " or " if word == " and " else " and "
                replace(node, node.col_offset, node.end_col_offset, segment.replace(word, other), "and/or swapped")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            replace(node, node.col_offset, node.operand.col_offset, "", "not dropped")
        elif (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
              and node.targets[0].id.isupper() and isinstance(node.value, (ast.Constant, ast.BinOp))
              and node.col_offset == 0):
            value = node.value
            leaves = list(ast.walk(value))
            if any(isinstance(n, (ast.Name, ast.Call, ast.Attribute)) for n in leaves) or not all(
                    isinstance(n.value, (int, float)) and not isinstance(n.value, bool)
                    for n in leaves if isinstance(n, ast.Constant)):
                continue
            replace(value, value.col_offset, value.end_col_offset,
                    f"({line[value.col_offset:value.end_col_offset]}) * 1000", "limit raised 1000×")
    unique = {(m.line, m.after): m for m in found}
    return sorted(unique.values(), key=lambda m: (m.line, m.kind))


def run(mutant: Mutant, copy: Path, timeout: float) -> str:
    """'killed', 'survived' or 'timeout' (counted as killed) for one mutant in a project copy."""
    target = copy / mutant.path
    original = target.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    lines[mutant.line - 1] = mutant.after
    target.write_text("".join(lines), encoding="utf-8")
    env = {**os.environ, "CI": "true", "PYTHONPATH": str(copy / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        result = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                                 *MODULES[mutant.path]], cwd=copy, env=env, capture_output=True, timeout=timeout)
        return "survived" if result.returncode == 0 else "killed"
    except subprocess.TimeoutExpired:
        return "timeout"
    finally:
        target.write_text(original, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="paths as in MODULES (default: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="at most this many mutants per module (spread evenly)")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    chosen = args.modules or list(MODULES)
    todo: list[Mutant] = []
    for path in chosen:
        found = mutants(path)
        if args.limit and len(found) > args.limit:
            step = len(found) / args.limit
            found = [found[int(i * step)] for i in range(args.limit)]
        todo += found
    print(f"{len(todo)} mutants in {len(chosen)} modules, {args.workers} workers", flush=True)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="memo-mutate-") as work:
        copies = []
        for i in range(args.workers):
            copy = Path(work) / f"copy{i}"
            shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "build", "archive",
                                                                        "__pycache__", ".hypothesis"))
            copies.append(copy)
        free = list(copies)
        results: dict[Mutant, str] = {}

        def one(mutant: Mutant) -> None:
            copy = free.pop()
            try:
                results[mutant] = outcome = run(mutant, copy, args.timeout)
            finally:
                free.append(copy)
            if outcome == "survived":
                print(f"SURVIVED {mutant}", flush=True)

        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            list(pool.map(one, todo))
    survived = [m for m in todo if results[m] == "survived"]
    killed = len(todo) - len(survived)
    minutes = (time.monotonic() - start) / 60
    print(f"score: {killed}/{len(todo)} killed ({100 * killed / max(len(todo), 1):.1f} %) in {minutes:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
