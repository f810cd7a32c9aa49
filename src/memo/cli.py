"""`memo`: a thin command line over the library. Messages are in Swedish."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .archive.commands import ARCHIVE_COMMANDS, add_archive_commands
from .build import Workspace, build, prepare, resolve_case
from .errors import MemoError, UsageError
from .files import write_atomic
from .inspection import inspect_template
from .scaffold import new_case
from .schema import schema_text
from .schemas import schema_errors
from .verify import verify_docx
from .writers.text import render_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="memo", description="Tjänsteskrivelser från ärendefiler.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="projektmappen (med cases/, templates/, build/)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    p = commands.add_parser("build", help="bygg build/<Dnr>.docx från ett ärende")
    p.add_argument("case", metavar="ÄRENDE", help="diarienummer, eller sökväg till en fil i cases/")
    p.add_argument("--pdf", action="store_true", help="skriv också build/<Dnr>.pdf (PDF/A-2) med LibreOffice")

    p = commands.add_parser("check", help="kontrollera ärendefiler utan att bygga")
    p.add_argument("cases", metavar="ÄRENDE", nargs="*", help="Dnr eller filer; inga = alla i cases/")

    p = commands.add_parser("show", help="visa ett ärende som text")
    p.add_argument("case", metavar="ÄRENDE")

    p = commands.add_parser("new", help="skapa cases/<Dnr>.yaml från organisationens mall")
    p.add_argument("dnr", metavar="DNR")
    p.add_argument("--title", required=True, help="ärendets rubrik")
    p.add_argument("--organisation", help="mappen under templates/ (annars avgörs den av diarienumret)")

    commands.add_parser("schema", help="skriv schema/case.schema.json för editorer")

    p = commands.add_parser("verify-docx", help="kontrollera en .docx-fil: zip, XML och (med --schemas) ECMA-376")
    p.add_argument("file", type=Path, metavar="FIL")
    p.add_argument("--schemas", type=Path, metavar="MAPP", help="mapp med ECMA-376-scheman (wml.xsd)")
    add_archive_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    workspace = Workspace(args.root)
    try:
        return COMMANDS[args.command](args, workspace)
    except MemoError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code


def _build(args, workspace: Workspace) -> int:
    built = build(resolve_case(workspace, args.case), workspace, pdf=args.pdf)
    for target in built.paths:
        print(f"skrev {workspace.relative(target)}")
    for notice in built.notices:
        print(f"obs: {notice}")
    return 0


def _check(args, workspace: Workspace) -> int:
    paths = [resolve_case(workspace, name) for name in args.cases] or sorted(workspace.cases.glob("*.yaml"))
    failed = 0
    for path in paths:
        try:
            prepared = prepare(path, workspace)
            print(f"{workspace.relative(path)}: ok")
            for notice in prepared.notices:
                print(f"  obs: {notice}")
        except MemoError as exc:
            failed += 1
            _report(workspace.relative(path), exc.lines())
    for template in sorted(workspace.templates.glob("*/*.docx")):
        problems = inspect_template(template)
        if problems:
            failed += 1
            _report(workspace.relative(template), problems)
        elif not args.cases:
            print(f"{workspace.relative(template)}: ok")
    return 2 if failed else 0


def _report(name: str, lines: list[str]) -> None:
    print(f"{name}: {len(lines)} fel", file=sys.stderr)
    for line in lines:
        print(f"  {line}", file=sys.stderr)


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
        for part, errors in schema_errors(data, args.schemas).items():
            for error in errors:
                failed += 1
                print(f"{args.file}: {part}:{error}", file=sys.stderr)
    if failed:
        return 1
    print(f"{args.file}: ok")
    return 0


COMMANDS = {"build": _build, "check": _check, "show": _show, "new": _new, "schema": _schema,
            "verify-docx": _verify_docx, **ARCHIVE_COMMANDS}
SCHEMA_PATH = "schema/case.schema.json"

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
