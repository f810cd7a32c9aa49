"""An organisation is a folder: ``templates/<id>/profile.yaml`` and its Word template.

Loaded once per process and reused for every memo of that organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from decimal import Decimal
from typing import Any

import jinja2

from .errors import CaseError, TemplateError, UnknownOrganisation
from .files import file_version
from .formats import UNIT_FACTORS, AmountStyle, format_amount, iso_date, long_date
from .loading import load_yaml
from .model import Profile
from .expressions import Filter, make_environment
from .validation import validate
from .workspace import PROFILE


@dataclass(frozen=True)
class Organisation:
    id: str
    folder: Path
    profile: Profile
    environment: jinja2.Environment  # the expression sandbox for Markdown text (values escaped)
    plain_environment: jinja2.Environment  # the same for single-line text: headings, captions, cells

    @property
    def template(self) -> Path:
        return self.folder / self.profile.template


def load_organisation(templates_dir: Path, organisation_id: str) -> Organisation:
    """The organisation's profile and template; read again when the profile file changes (memo watch lives long)."""
    templates_dir = templates_dir.resolve()
    try:
        version = file_version(templates_dir / organisation_id / PROFILE)
    except (OSError, ValueError):
        version = None
    return _load(templates_dir, organisation_id, version)


@lru_cache(maxsize=32)
def _load(templates_dir: Path, organisation_id: str, version: tuple | None) -> Organisation:
    folder = templates_dir / organisation_id
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", organisation_id, re.ASCII) or not (folder / PROFILE).is_file():
        known = sorted(p.name for p in templates_dir.iterdir() if (p / PROFILE).is_file()) if templates_dir.is_dir() else []
        raise UnknownOrganisation(
            f"organisationen {organisation_id} finns inte (ingen mapp templates/{organisation_id}/ med {PROFILE})"
            f" — organisationerna är: {', '.join(known) or 'inga'}"
        )
    try:
        profile = validate(Profile, load_yaml(folder / PROFILE))
    except CaseError as exc:
        raise TemplateError(str(exc)) from None
    if not (folder / profile.template).is_file():
        raise TemplateError(f"{folder / profile.template}: Word-mallen saknas")
    filters = amount_filters(profile)
    return Organisation(organisation_id, folder, profile, make_environment(filters),
                        make_environment(filters, markup=False))


def amount_filters(profile: Profile) -> dict[str, Filter]:
    """Filters for prose: ``{{ x | mkr }}`` -> '1,5 mkr', ``{{ date | long_date }}``."""

    def unit_filter(unit: str) -> Filter:
        style = AmountStyle(unit, 0, 2, profile.unit_labels.get(unit, unit), profile.minus)
        return Filter(lambda value: format_amount(value, style), "belopp", f"{{{{ belopp | {unit} }}}}")

    def number(value: Decimal, unit: str = "kr") -> str:
        return format_amount(value, AmountStyle(unit, 0, 2, None, profile.minus))

    def unit_argument(unit: Any = "kr") -> str | None:
        return None if unit in UNIT_FACTORS else "enheten ska vara 'kr', 'tkr' eller 'mkr'"

    return {
        **{unit: unit_filter(unit) for unit in ("kr", "tkr", "mkr")},
        "number": Filter(number, "belopp", "{{ belopp | number('mkr') }}", unit_argument),
        "long_date": Filter(long_date, "datum", "{{ date | long_date }}"),
        "iso_date": Filter(iso_date, "datum", "{{ date | iso_date }}"),
    }
