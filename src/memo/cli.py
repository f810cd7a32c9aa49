"""`memo`: a thin command line over the library. Messages are in Swedish.

Exit codes (the same for every command): 0 all is well; 1 something failed that is not
the case file's fault (verification, LibreOffice, a file that cannot be written, a broken
template); 2 a mistake in a case file or on the command line; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, argparse_sv
from .archive.commands import ARCHIVE_COMMANDS, add_archive_commands

if TYPE_CHECKING:
    from .workspace import Workspace

# The pipeline (pydantic, python-docx, docxtpl …) is imported by the commands that use it,
# so that `memo --help` and `memo --version` start in a fraction of the time.


def _parser() -> argparse.ArgumentParser:
    argparse_sv.install()
    parser = argparse.ArgumentParser(prog="memo", description="Tjänsteskrivelser från ärendefiler.",
                                     epilog="Slutstatus: 0 klart, 1 fel utanför ärendet, 2 fel i ärendet eller "
                                            "kommandot, 130 avbrutet.")
    parser.add_argument("--version", action="version", version=f"memo {__version__}", help="visa versionen och avsluta")
    parser.add_argument("--root", type=Path, default=None,
                        help="projektmappen (med cases/ och templates/); utelämnad = den här mappen eller närmaste ovanför")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO", title="kommandon")

    p = commands.add_parser("build", help="bygg build/<Dnr>.docx från ett ärende (eller alla, --all)")
    p.add_argument("case", metavar="ÄRENDE", nargs="?",
                   help="diarienummer som det skrivs (\"AB 24/0001\"), eller en fil i cases/")
    p.add_argument("--all", action="store_true", help="alla ärenden i cases/ som ändrats, parallellt")
    p.add_argument("--pdf", action="store_true", help="skriv också build/<Dnr>.pdf (PDF/A-2) med LibreOffice")
    p.add_argument("--force", action="store_true", help="bygg även det som inte ändrats sedan förra bygget")
    p.add_argument("--jobs", type=int, metavar="N", help="antal processer för --all (standard: antal kärnor)")

    p = commands.add_parser("check", help="kontrollera ärenden och mallar som ett bygge, utan att skriva något")
    p.add_argument("cases", metavar="ÄRENDE", nargs="*", help="Dnr eller filer; inga = alla ärenden och organisationer")

    p = commands.add_parser("lint", help="granska tillgängligheten (WCAG 2.1 / EN 301 549) i ärenden, Word-filer och mallar")
    p.add_argument("targets", metavar="ÄRENDE|FIL", nargs="*", help="Dnr, ärendefil eller .docx; inga = alla ärenden och mallar")
    p.add_argument("--strict", action="store_true", help="slutstatus 1 när något hittas")

    p = commands.add_parser("show", help="visa ett ärende som text")
    p.add_argument("case", metavar="ÄRENDE")

    p = commands.add_parser("new", help="skapa cases/<Dnr>.yaml från organisationens mall")
    p.add_argument("dnr", metavar="DNR")
    p.add_argument("--title", required=True, help="ärendets rubrik")
    p.add_argument("--organisation", help="mappen under templates/ (annars avgörs den av diarienumret)")

    p = commands.add_parser("watch", help="bygg om ett ärende varje gång ärendet, mallen eller profilen sparas")
    p.add_argument("case", metavar="ÄRENDE")
    p.add_argument("--pdf", action="store_true", help="gör också om PDF:en")

    commands.add_parser("schema", help="skriv schema/case.schema.json för editorer")

    p = commands.add_parser("verify-docx", help="kontrollera en .docx-fil: zip, XML och (med --schemas) ECMA-376")
    p.add_argument("file", type=Path, metavar="FIL")
    p.add_argument("--schemas", type=Path, metavar="MAPP",
                   help="mapp med ECMA-376-scheman (wml.xsd, opc-xsd/): varje XML-del valideras")
    add_archive_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # --help and --version end here, before the pipeline is imported
    from .errors import MemoError
    from .workspace import Workspace

    try:
        return COMMANDS[args.command](args, Workspace(find_root(args.root)))
    except MemoError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("avbrutet", file=sys.stderr)
        return 130


def find_root(given: Path | None, start: Path | None = None) -> Path:
    """The project folder: the one given, or the nearest folder upward that holds cases/ and templates/."""
    from .errors import UsageError

    if given is not None:
        return given
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "cases").is_dir() and (folder / "templates").is_dir():
            return folder
    raise UsageError(f"{here}: ingen projektmapp med cases/ och templates/ här eller ovanför "
                     "— gå till projektmappen eller ange --root")


def _notice(line: str) -> None:
    print(f"obs: {line}", file=sys.stderr)


def _build(args, workspace: Workspace) -> int:
    from .errors import UsageError
    from .workspace import resolve_case
    from .batch import build_if_changed, outputs

    if args.all == bool(args.case):
        raise UsageError("ange ett ärende, eller --all för alla ärenden i cases/")
    if args.all:
        return _build_all(args, workspace)
    path = resolve_case(workspace, args.case)
    built = build_if_changed(path, workspace, pdf=args.pdf, force=args.force,
                             progress=lambda line: print(line, file=sys.stderr, flush=True))
    if built is None:
        shown = ", ".join(workspace.relative(p) for p in outputs(path, workspace, args.pdf))
        print(f"oförändrad: {shown} (ärendet, mallen och profilen är desamma; --force bygger ändå)")
        return 0
    for target in built.paths:
        print(f"skrev {workspace.relative(target)}")
    for notice in (*built.notices, *built.findings):
        _notice(str(notice))
    return 0


def _build_all(args, workspace: Workspace) -> int:
    from .batch import build_all
    from .progress import Progress

    progress = Progress(len(workspace.case_files()))
    summary = build_all(workspace, pdf=args.pdf, force=args.force, jobs=args.jobs, on_outcome=progress.update)
    progress.close()
    for outcome in summary.outcomes:
        name = workspace.relative(outcome.path)
        if outcome.status == "failed":
            _report(name, outcome.lines)
        else:
            for line in outcome.lines:
                print(line)
            for notice in outcome.notices:
                _notice(notice)
    print(summary.line())
    return 1 if summary.failed else 0


def _check(args, workspace: Workspace) -> int:
    from .workspace import resolve_case
    from .checking import check_case, check_organisation, organisation_ids, overlapping_patterns

    paths = [resolve_case(workspace, name) for name in args.cases] or workspace.case_files()
    reports = [check_case(path, workspace) for path in paths]
    if not args.cases:
        reports += [check_organisation(workspace, o) for o in organisation_ids(workspace)]
    failed = 0
    for report in reports:
        if report.ok:
            print(f"{report.subject}: ok")
        else:
            failed += 1
            _report(report.subject, report.problems)
        for notice in report.notices:
            _notice(notice)
        if report.bug:
            print(report.bug, file=sys.stderr)
    overlaps = overlapping_patterns(workspace) if not args.cases else []
    for line in overlaps:
        print(line, file=sys.stderr)
    if any(report.bug for report in reports):
        return 1
    return 2 if failed or overlaps else 0


def _report(name: str, lines: list[str]) -> None:
    print(f"{name}: {len(lines)} fel", file=sys.stderr)
    for line in lines:
        print(f"  {line}", file=sys.stderr)


def _watch(args, workspace: Workspace) -> int:
    from .workspace import resolve_case
    from .watch import watch

    path = resolve_case(workspace, args.case)
    print(f"bevakar {workspace.relative(path)} med mall och profil — avsluta med Ctrl-C", file=sys.stderr)
    watch(path, workspace, lambda line: print(line, flush=True), pdf=args.pdf,
          warn=lambda line: print(line, file=sys.stderr, flush=True))
    return 0


def _lint(args, workspace: Workspace) -> int:
    from .accessibility.linting import lint_targets

    found = 0
    for linted in lint_targets(args.targets, workspace):
        found += len(linted.findings)
        print("\n".join(map(str, linted.findings)) if linted.findings else f"{linted.subject}: inga fynd")
    return 1 if args.strict and found else 0


def _show(args, workspace: Workspace) -> int:
    from .workspace import resolve_case
    from .build import prepare
    from .writers.text import render_text

    sys.stdout.write(render_text(prepare(resolve_case(workspace, args.case), workspace).memo))
    return 0


def _new(args, workspace: Workspace) -> int:
    from .scaffold import new_case

    target = new_case(workspace, args.dnr, args.title, args.organisation)
    print(f"skrev {workspace.relative(target)}")
    return 0


def _schema(args, workspace: Workspace) -> int:
    from .files import write_atomic
    from .schema import schema_text

    target = workspace.root / SCHEMA_PATH
    write_atomic(target, schema_text(workspace.templates).encode("utf-8"))
    print(f"skrev {workspace.relative(target)}")
    return 0


def _verify_docx(args, workspace: Workspace) -> int:
    from .errors import UsageError
    from .ooxml import validate_package
    from .verify import verify_docx

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.file}: filen går inte att läsa ({exc.strerror})") from None
    verify_docx(data)
    failed = 0
    if args.schemas:
        validation = validate_package(data, args.schemas)
        for part, errors in validation.errors.items():
            for error in errors:
                failed += 1
                print(f"{args.file}: {part}:{error}", file=sys.stderr)
        for part in validation.uncovered:
            failed += 1
            print(f"{args.file}: {part}: inget ECMA-376-schema täcker delens namnrymd", file=sys.stderr)
    if failed:
        return 1
    print(f"{args.file}: ok")
    return 0


COMMANDS = {"build": _build, "check": _check, "lint": _lint, "show": _show, "new": _new, "schema": _schema,
            "verify-docx": _verify_docx, "watch": _watch, **ARCHIVE_COMMANDS}
SCHEMA_PATH = "schema/case.schema.json"

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
