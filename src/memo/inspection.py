"""Check an organisation's Word template before any memo meets it.

Every tag must parse (docxtpl first joins tags that Word split across runs),
and every name the template uses must be one the Memo provides: a misspelt
``{{ header.dat }}`` is found by ``memo check``, not by a reader of a memo
with a blank where the date should be.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import zipfile
import typing
from pathlib import Path

import jinja2
from jinja2 import nodes

from .errors import TemplateError
from .files import file_version
from .memo import MEANING, Header, Memo, Signatory
from .writers.compiled import compiled

#: What the docx writer hands the template, by name (see writers/docx.py); each is the Memo's field of that name.
PROVIDED: dict[str, object] = {
    "header": Header,
    "title": str,
    "signatories": list[Signatory],
    "body": "blocks",
    "after_signatures": "blocks",
}

#: How a name reached through a loop is written: ``{% for s in signatories %}{{ s.name }}`` reads signatories[].name.
ITEM = "[]"


@dataclasses.dataclass(frozen=True)
class ProvidedName:
    """A name a template can use: ``path`` as template_names gives it, its type (str, a dataclass, list[…] or
    "blocks" for a block region), whether it may be None, and its meaning for the template's author."""

    path: str
    type: object
    optional: bool
    meaning: str


def provided_names() -> list[ProvidedName]:
    """Every name a template can use, parents before their fields: exactly the names check_template accepts.

    Raises TypeError for a field without a meaning (memo.described), so none goes undocumented.
    """
    fields = {f.name: f for f in dataclasses.fields(Memo)}
    found: list[ProvidedName] = []
    for name, tp in PROVIDED.items():
        found += _described(name, tp, False, fields[name], "Memo")
    return found


def _described(path: str, tp: object, optional: bool, field: dataclasses.Field, owner: str) -> list[ProvidedName]:
    if not field.metadata.get(MEANING):
        raise TypeError(f"{owner}.{field.name} has no meaning for a template's author: declare it with memo.described")
    found = [ProvidedName(path, tp, optional, field.metadata[MEANING])]
    if typing.get_origin(tp) is list:
        path, tp = path + ITEM, typing.get_args(tp)[0]
    if dataclasses.is_dataclass(tp):
        hints, types_ = typing.get_type_hints(tp), _fields(tp)
        for child in dataclasses.fields(tp):
            found += _described(f"{path}.{child.name}", types_[child.name], types_[child.name] is not hints[child.name],
                                child, tp.__name__)
    return found


def inspect_template(path: Path) -> list[str]:
    """Every problem of the template at ``path``, one line each (empty when it is fine)."""
    return list(_inspected(path)[0])


def _inspect(path: Path) -> tuple[tuple[str, ...], frozenset[str]]:
    """The template's problems, and the dotted names its tags read (header.officer.line …)."""
    try:
        names = zipfile.ZipFile(path).namelist()
        if len(names) != len(set(names)):
            return (f"{path}: Word-mallen har dubblerade delar — spara om den i Word",), frozenset()
        template = compiled(path)  # the writer's compiled template: its tagged parts, split tags joined
    except Exception as exc:  # a file Word or python-docx cannot open
        return (f"{path}: Word-mallen går inte att öppna ({exc})",), frozenset()
    environment = jinja2.Environment()
    problems: list[str] = []
    names: set[str] = set()
    for name, xml in template.sources.items():
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        lines = source.split("\n")
        try:
            tree = environment.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(f"{path}: {name}, stycket \"{_paragraph(lines, exc.lineno)}\": taggen går inte att läsa — kontrollera att varje {{{{ slutar med }}}} och varje {{% med %}}")
            continue
        scope, loops = _scope(tree)
        for lineno, message in _unknown_names(tree, scope):
            problems.append(f"{path}: {name}, stycket \"{_paragraph(lines, lineno)}\": {message}")
        names |= _read(tree, loops)
    return tuple(problems), frozenset(names)


def check_template(path: Path) -> None:
    """Raise TemplateError unless the template is clean; each version of a file is inspected once per process."""
    problems = _inspected(path)[0]
    if problems:
        raise TemplateError("\n".join(problems))


def template_names(path: Path) -> frozenset[str]:
    """The dotted names the template's tags read, e.g. to tell which of a case's fields it shows; a loop's
    variable is written as its list's items (signatories[].name), as provided_names writes it."""
    return _inspected(path)[1]


def _inspected(path: Path) -> tuple[tuple[str, ...], frozenset[str]]:
    return _inspected_version(path, file_version(path))


@functools.lru_cache(maxsize=32)
def _inspected_version(path: Path, version: tuple) -> tuple[tuple[str, ...], frozenset[str]]:
    return _inspect(path)


def _paragraph(lines: list[str], lineno: int | None) -> str:
    line = lines[(lineno or 1) - 1] if lines else ""
    return re.sub(r"<[^>]+>", "", line).strip()[:80]


def _scope(tree: nodes.Template) -> tuple[dict[str, object], dict[str, str]]:
    """The types of the names the template can read (PROVIDED and its loops' variables), and each loop
    variable's dotted name (s -> signatories[])."""
    scope: dict[str, object] = dict(PROVIDED)
    loops: dict[str, str] = {}
    for loop in tree.find_all(nodes.For):
        if isinstance(loop.target, nodes.Name):
            iterable = _type_of(loop.iter, scope)
            if typing.get_origin(iterable) is list:
                scope[loop.target.name] = typing.get_args(iterable)[0]
                loops[loop.target.name] = _dotted(loop.iter, loops) + ITEM
    return scope, loops


def _read(tree: nodes.Template, loops: dict[str, str]) -> set[str]:
    """The whole dotted names the tags read (header.officer.line, not also header and header.officer)."""
    found = list(tree.find_all((nodes.Name, nodes.Getattr)))
    inner = {id(node.node) for node in found if isinstance(node, nodes.Getattr)}
    return {_dotted(node, loops) for node in found
            if id(node) not in inner and not (isinstance(node, nodes.Name) and node.ctx == "store")}


def _unknown_names(tree: nodes.Template, scope: dict[str, object]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in tree.find_all((nodes.Name, nodes.Getattr)):
        if isinstance(node, nodes.Name) and node.ctx == "load" and node.name not in scope:
            found.append((node.lineno, f"{node.name} finns inte — mallen kan använda: {', '.join(PROVIDED)}"))
        elif isinstance(node, nodes.Getattr):
            owner = _type_of(node.node, scope)
            if dataclasses.is_dataclass(owner) and node.attr not in _fields(owner):
                found.append((node.lineno, f"{_dotted(node)} finns inte — {_dotted(node.node)} har: {', '.join(_fields(owner))}"))
    return found


def _type_of(node: nodes.Node, scope: dict[str, object]) -> object:
    if isinstance(node, nodes.Name):
        return scope.get(node.name)
    if isinstance(node, nodes.Getattr):
        owner = _type_of(node.node, scope)
        if dataclasses.is_dataclass(owner):
            return _fields(owner).get(node.attr)
    return None


def _fields(owner) -> dict[str, object]:
    hints = typing.get_type_hints(owner)
    return {f.name: _optional(hints[f.name]) for f in dataclasses.fields(owner)}


def _optional(tp: object) -> object:
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return options[0] if len(options) == 1 else tp
    return tp


def _dotted(node: nodes.Node, loops: dict[str, str] | None = None) -> str:
    if isinstance(node, nodes.Name):
        return (loops or {}).get(node.name, node.name)
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node, loops)}.{node.attr}"
    return "…"
