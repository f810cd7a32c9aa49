"""`memo new`: a new case file from the organisation's commented skeleton.

The skeleton (``templates/<id>/new-case.yaml``) belongs to the organisation,
with its own headings and Swedish comments; memo fills in the Dnr, title,
date and organisation and refuses to overwrite an existing case.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from string import Template

from .build import Workspace
from .dnr import file_stem, matches
from .errors import UsageError
from .files import write_atomic
from .organisation import PROFILE, Organisation, load_organisation


def choose_organisation(workspace: Workspace, dnr: str, organisation_id: str | None) -> Organisation:
    """The named organisation, or the one whose Dnr pattern the Dnr matches."""
    if organisation_id:
        return load_organisation(workspace.templates, organisation_id)
    candidates = sorted(p.parent.name for p in workspace.templates.glob(f"*/{PROFILE}"))
    matching = [o for o in (load_organisation(workspace.templates, c) for c in candidates)
                if matches(o.profile.dnr_pattern, dnr)]
    if len(matching) != 1:
        found = ", ".join(o.id for o in matching) or "ingen"
        raise UsageError(
            f"{dnr}: kan inte avgöra organisationen av diarienumret (passar: {found}) "
            f"— ange --organisation, en av: {', '.join(candidates)}"
        )
    return matching[0]


def new_case(workspace: Workspace, dnr: str, title: str, organisation_id: str | None = None,
             on: date | None = None) -> Path:
    organisation = choose_organisation(workspace, dnr, organisation_id)
    profile = organisation.profile
    if not matches(profile.dnr_pattern, dnr):
        raise UsageError(f"{dnr}: är inget diarienummer i {profile.name}s form {profile.dnr_format}")
    target = workspace.cases / f"{file_stem(dnr)}.yaml"
    if target.exists():
        raise UsageError(f"{workspace.relative(target)} finns redan — ändra den filen, eller välj ett annat diarienummer")
    write_atomic(target, skeleton_text(organisation, dnr, title, on).encode("utf-8"))
    return target


def skeleton_text(organisation: Organisation, dnr: str, title: str, on: date | None = None) -> str:
    """The organisation's skeleton with Dnr, title, date and organisation filled in (values as JSON strings,
    which YAML reads back exactly whatever they hold)."""
    skeleton = organisation.folder / organisation.profile.skeleton
    if not skeleton.is_file():
        raise UsageError(f"{organisation.profile.name} har ingen mall för nya ärenden ({skeleton} saknas)")
    return Template(skeleton.read_text(encoding="utf-8")).substitute(
        organisation=organisation.id,
        dnr=json.dumps(dnr, ensure_ascii=False),
        title=json.dumps(title, ensure_ascii=False),
        date=(on or date.today()).isoformat(),
    )
