"""`memo`: a thin command line over the library. Messages are in Swedish.

Exit codes (the same for every command): 0 all is well; 1 something failed that is not
the case file's fault (verification, LibreOffice, a file that cannot be written, a broken
template); 2 a mistake in a case file or on the command line; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import argparse_sv
from .accessibility.linting import lint_targets
from .build import Workspace, build, prepare, resolve_case
from .checking import check_case, check_organisation, organisation_ids, overlapping_patterns
from .errors import MemoError, UsageError
from .files import write_atomic
from .ooxml import validate_package
from .scaffold import new_case
from .schema import schema_text
from .verify import verify_docx
from .versions import tool_version
from .writers.text import render_text


def _parser() -> argparse.ArgumentParser:
    argparse_sv.install()
    parser = argparse.ArgumentParser(prog="memo", description="Tjänsteskrivelser från ärendefiler.",
                                     epilog="Slutstatus: 0 klart, 1 fel utanför ärendet, 2 fel i ärendet eller "
                                            "kommandot, 130 avbrutet.")
    parser.add_argument("--version", action="version", version=f"memo {tool_version()}", help="visa versionen och avsluta")
    parser.add_argument("--root", type=Path, default=None,
                        help="projektmappen (med cases/ och templates/); utelämnad = den här mappen eller närmaste ovanför")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO", title="kommandon")

    p = commands.add_parser("build", help="bygg build/<Dnr>.docx från ett ärende")
    p.add_argument("case", metavar="ÄRENDE", help="diarienummer som det skrivs (\"AB 24/0001\"), eller en fil i cases/")
    p.add_argument("--pdf", action="store_true", help="skriv också build/<Dnr>.pdf (PDF/A-2) med LibreOffice")

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

    commands.add_parser("schema", help="skriv schema/case.schema.json för editorer")

    p = commands.add_parser("verify-docx", help="kontrollera en .docx-fil: zip, XML och (med --schemas) ECMA-376")
    p.add_argument("file", type=Path, metavar="FIL")
    p.add_argument("--schemas", type=Path, metavar="MAPP",
                   help="mapp med ECMA-376-scheman (wml.xsd, opc-xsd/): varje XML-del valideras")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
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
    built = build(resolve_case(workspace, args.case), workspace, pdf=args.pdf,
                  progress=lambda line: print(line, file=sys.stderr, flush=True))
    for target in built.paths:
        print(f"skrev {workspace.relative(target)}")
    for notice in (*built.notices, *built.findings):
        _notice(str(notice))
    return 0


def _check(args, workspace: Workspace) -> int:
    paths = [resolve_case(workspace, name) for name in args.cases] or sorted(workspace.cases.glob("*.yaml"))
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


def _lint(args, workspace: Workspace) -> int:
    found = 0
    for linted in lint_targets(args.targets, workspace):
        found += len(linted.findings)
        print("\n".join(map(str, linted.findings)) if linted.findings else f"{linted.subject}: inga fynd")
    return 1 if args.strict and found else 0


def _show(args, workspace: Workspace) -> int:
    sys.stdout.write(render_text(prepare(resolve_case(workspace, args.case), workspace).memo))
    return 0


def _new(args, workspace: Workspace) -> int:
    target = new_case(workspace, args.dnr, args.title, args.organisation)
    print(f"skrev {workspace.relative(target)}")
    return 0


def _schema(args, workspace: Workspace) -> int:
    target = workspace.root / SCHEMA_PATH
    write_atomic(target, schema_text().encode("utf-8"))
    print(f"skrev {workspace.relative(target)}")
    return 0


def _verify_docx(args, workspace: Workspace) -> int:
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
            "verify-docx": _verify_docx}
SCHEMA_PATH = "schema/case.schema.json"

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
