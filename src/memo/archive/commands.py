"""``memo archive``, ``memo verify``, ``memo log``, ``memo diff``: parse, call the archive library, print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from ..dnr import file_stem

if TYPE_CHECKING:
    from ..workspace import Workspace
    from .store import Archived

# The archive library (and through it the pipeline) is imported by each command when it runs,
# so that registering these commands keeps `memo --help` quick.


def add_archive_commands(commands) -> None:
    """Add the archive's subcommands to the ``memo`` parser."""
    archive = argparse.ArgumentParser(add_help=False)
    archive.add_argument("--archive", type=Path, metavar="MAPP",
                         help="arkivets rotmapp (annars $MEMO_ARCHIVE_DIR, annars archive/ i projektet)")

    p = commands.add_parser("archive", parents=[archive], help="bygg och arkivera ett ärende som en ny version (Word, PDF/A, ärendefil, mall)")
    p.add_argument("case", metavar="ÄRENDE", nargs="?", help="diarienummer, eller sökväg till en fil i cases/")
    p.add_argument("--all", action="store_true", help="arkivera alla ärenden i cases/")

    p = commands.add_parser("verify", parents=[archive], help="kontrollera arkiverade versioner: kontrollsummor, filer, kedjan")
    p.add_argument("cases", metavar="ÄRENDE", nargs="*", help="Dnr; inga = alla i arkivet")
    p.add_argument("--rebuild", action="store_true", help="bygg också om varje .docx ur arkiverat ärende och mall och jämför")

    p = commands.add_parser("log", parents=[archive], help="visa ett ärendes arkiverade versioner, en rad var")
    p.add_argument("case", metavar="ÄRENDE")

    p = commands.add_parser("diff", parents=[archive], help="vad som ändrats mellan två versioner, eller sedan senaste versionen")
    p.add_argument("case", metavar="ÄRENDE")
    p.add_argument("--from", dest="old", metavar="vN", help="den äldre versionen (annars den senaste)")
    p.add_argument("--to", dest="new", metavar="vM", help="den nyare versionen (annars ärendefilen som den är nu)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (standard) eller json")


def _archive(args, workspace: Workspace) -> int:
    from ..errors import UsageError
    from ..workspace import resolve_case
    from .store import Archived, archive_all, archive_case
    from .versions import archive_root

    root = archive_root(workspace, args.archive)
    if args.all == bool(args.case):
        raise UsageError("ange ett ärende eller --all")
    if args.case:
        _report_archived(workspace, root, archive_case(resolve_case(workspace, args.case), workspace, root))
        return 0
    failed = 0
    for path, result in archive_all(workspace, root):
        if isinstance(result, Archived):
            _report_archived(workspace, root, result)
            continue
        failed = max(failed, result.exit_code)
        lines = result.lines()
        print(f"{workspace.relative(path)}: arkiverades inte, {len(lines)} fel", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
    return failed


def _report_archived(workspace: Workspace, root: Path, archived: Archived) -> None:
    version = archived.version
    if archived.new:
        print(f"arkiverade {version.label} ({workspace.relative(version.path)})")
    else:
        print(f"{version.path.parent.name}: redan arkiverad som {version.name} — inget skrevs")
    for notice in archived.notices:
        print(f"obs: {notice}", file=sys.stderr)


def _verify(args, workspace: Workspace) -> int:
    from ..errors import ArchiveError
    from .verify import verify_case
    from .versions import CaseArchive, archive_root, archived_cases

    root = archive_root(workspace, args.archive)
    archives = [CaseArchive(root, file_stem(name)) for name in args.cases] or archived_cases(root)
    if not archives:
        raise ArchiveError(f"{root}: arkivet är tomt — arkivera med memo archive ÄRENDE")
    failed = False
    for archive in archives:
        findings = verify_case(archive, rebuild=args.rebuild)
        for finding in findings:
            print(finding)
        count = len(archive.versions())
        checked = "kontrollsummor, filer, kedjan" + (" och ombyggnad" if args.rebuild else "")
        if findings:
            failed = True
            print(f"{archive.stem}: {len(findings)} fel i {count} {'version' if count == 1 else 'versioner'}")
        else:
            print(f"{archive.stem}: {count} {'version' if count == 1 else 'versioner'}, allt stämmer ({checked})")
    return 1 if failed else 0


def _log(args, workspace: Workspace) -> int:
    from .log import log_lines
    from .versions import CaseArchive, archive_root

    for line in log_lines(CaseArchive(archive_root(workspace, args.archive), file_stem(args.case))):
        print(line)
    return 0


def _diff(args, workspace: Workspace) -> int:
    from .diff import diff_case, diff_json, render_diff
    from .versions import CaseArchive, archive_root

    archive = CaseArchive(archive_root(workspace, args.archive), file_stem(args.case))
    diff = diff_case(archive, workspace, args.case, args.old, args.new)
    sys.stdout.write(diff_json(diff) if args.format == "json" else render_diff(diff))
    return 1 if diff.differs else 0


ARCHIVE_COMMANDS = {"archive": _archive, "verify": _verify, "log": _log, "diff": _diff}
