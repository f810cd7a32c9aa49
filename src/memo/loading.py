"""Read a case file into plain data that remembers where every value was written.

YAML 1.1 loaders guess types: ``no`` becomes False, ``10:30`` becomes 630,
``0123`` becomes 83, ``1.6`` becomes a float. Here every scalar stays the
text the official typed; the model decides what it means. Mistakes that a
guessing loader would hide are refused with their position.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import CaseError, Location, PathProblem, Problem

MAX_BYTES = 1_048_576  # 1 MiB: room for a megabyte of text in a section
MAX_NESTING = 50  # levels of fields inside fields; a case uses fewer than ten

# Characters XML 1.0 cannot hold: they would vanish from, or corrupt, the document.
RESERVED = "\u2063"  # memo marks the template's block regions with it (writers/docx)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

Path_ = tuple[str | int, ...]

_AMBIGUOUS = [
    # true/false in lower case are booleans in every YAML; other spellings are guesses.
    (re.compile(r"[yY]|[yY]es|YES|[nN]|[nN]o|NO|[oO]n|ON|[oO]ff|OFF|True|TRUE|False|FALSE"), "läses av YAML 1.1 som ja/nej"),
    (re.compile(r"[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?"), "läses av YAML 1.1 som ett tal i bas 60"),
    (re.compile(r"[-+]?0\d+"), "läses av YAML 1.1 som ett oktalt tal"),
]


@dataclass(frozen=True)
class Source:
    """Position and style of one value in the file."""

    line: int
    column: int
    block: bool = False  # a `|` or `>` scalar: its text starts on the next line


@dataclass
class LoadedFile:
    """The data of a YAML file and the position of each value, by path."""

    path: str
    data: dict[str, Any]
    sources: dict[Path_, Source] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # non-fatal: reported with the model's
    keys: dict[Path_, Source] = field(default_factory=dict)  # where each mapping key was written

    def key_location(self, path: Path_) -> Location:
        source = self.keys.get(tuple(path))
        return Location(self.path, source.line, source.column) if source else self.location(path)

    def location(self, path: Path_) -> Location:
        """The nearest recorded position for ``path`` (walking up to its parents)."""
        for end in range(len(path), -1, -1):
            source = self.sources.get(tuple(path[:end]))
            if source:
                return Location(self.path, source.line, source.column)
        return Location(self.path, 1, 1)

    def locate(self, problem: PathProblem) -> Problem:
        """A path-based problem with its file position and field path."""
        if problem.line_in_text is None:
            location = self.location(problem.path)
        else:
            location = self.text_location(problem.path, problem.line_in_text)
        return Problem(location, format_path(problem.path), problem.message)

    def text_location(self, path: Path_, line_in_text: int) -> Location:
        """Position of line ``line_in_text`` (0-based) of a text value."""
        path = tuple(path)
        while path and path not in self.sources and isinstance(path[-1], int):
            path = path[:-1]  # a single text given where a list of blocks is allowed
        source = self.sources.get(path)
        if source is None:
            return self.location(path)
        if source.block:
            line = source.line + 1 + line_in_text
            text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            return Location(self.path, line, len(text) - len(text.lstrip(" ")) + 1)
        return Location(self.path, source.line + line_in_text, source.column if line_in_text == 0 else 1)


class _StrictLoader(yaml.SafeLoader):
    """A composer that refuses anchors and aliases where they occur."""

    depth = 0

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        if self.depth >= MAX_NESTING:
            mark = event.start_mark
            raise _Refused(mark.line + 1, mark.column + 1,
                           f"fälten är nästlade i mer än {MAX_NESTING} nivåer — skriv fälten som i en befintlig ärendefil")
        if isinstance(event, AliasEvent) or (
            isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor
        ):
            mark = event.start_mark
            raise _Refused(
                mark.line + 1,
                mark.column + 1,
                "ankare och alias (& och *) används inte i ärendefiler — skriv ut värdet där det behövs",
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(text: str):
    """The file's node tree: libyaml's composer (ten times faster) where the file is one it reads the same
    way and the strict checks have nothing to say; PyYAML's with the checks, and its exact errors, otherwise."""
    if yaml.__with_libyaml__ and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            depth = 0
            for event in yaml.parse(text, Loader=yaml.CSafeLoader):  # libyaml's parser keeps no call stack
                if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                    break
                depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
                if depth >= MAX_NESTING - 2:
                    break
            else:
                return yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    return _StrictLoader(text).get_single_node()


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str):
        self.line, self.column, self.message = line, column, message


def load_yaml(path: Path, display_name: str | None = None) -> LoadedFile:
    """Load a YAML mapping file strictly.

    What makes the file unreadable raises CaseError at once; mistakes in single
    values are kept in ``problems`` and reported together with the model's.
    """
    name = display_name or str(path)

    def fail(message: str, line: int = 1, column: int = 1) -> CaseError:
        return CaseError([Problem(Location(name, line, column), "", message)])

    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)  # never more: a huge file is refused without being read
            size = max(len(raw), os.fstat(file.fileno()).st_size)
    except FileNotFoundError:
        raise fail("filen finns inte — kontrollera namnet") from None
    if len(raw) > MAX_BYTES:
        raise fail(f"filen är {size} byte, mer än gränsen {MAX_BYTES} — dela upp texten eller korta den")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(f"filen är inte UTF-8 ({_guess_encoding(raw)}) — spara den som UTF-8", line) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")

    try:
        node = _compose(text)
    except _Refused as exc:
        raise fail(exc.message, exc.line, exc.column) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise fail(_character_message(chr(exc.character) if isinstance(exc.character, int) else str(exc.character)), line, column) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise fail(_yaml_message(exc, text, line), line, column) from None
    if node is None:
        raise fail("filen är tom — utgå från en befintlig ärendefil eller kör memo new")
    if not isinstance(node, MappingNode):
        line = node.start_mark.line + 1
        raise fail("ärendefilen ska bestå av fält med namn och värde (nyckel: värde) på översta nivån", line)

    loaded = LoadedFile(name, {}, lines=text.split("\n"))
    loaded.data = _convert(node, (), loaded, loaded.problems)
    return loaded


def _convert(node, path: Path_, loaded: LoadedFile, problems: list[Problem]) -> Any:
    mark = node.start_mark
    loaded.sources[path] = Source(mark.line + 1, mark.column + 1, isinstance(node, ScalarNode) and node.style in ("|", ">"))
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        pairs = _join_split_amounts(node.value, path, loaded, problems) if node.flow_style else node.value
        for key_node, value_node in pairs:
            if not isinstance(key_node, ScalarNode):
                problems.append(_problem(loaded, key_node, path, "en nyckel måste vara ett enkelt namn"))
                continue
            key = key_node.value
            if key in first_seen:
                problems.append(_problem(
                    loaded, key_node, path + (key,),
                    f"nyckeln finns redan på rad {first_seen[key]} — ta bort den ena",
                ))
                continue
            first_seen[key] = key_node.start_mark.line + 1
            key_source = Source(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            loaded.keys[path + (key,)] = key_source
            result[key] = _convert(value_node, path + (key,), loaded, problems)
            if not isinstance(value_node, ScalarNode):  # a nested block starts on the key's line
                loaded.sources[path + (key,)] = key_source
        return result
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), loaded, problems) for i, item in enumerate(node.value)]
    node.value = node.value.replace("\r\n", "\n").replace("\r", "\n")  # also where escaped as \r
    bad = _NOT_XML.search(node.value)
    if bad:
        problems.append(_problem(loaded, node, path, _character_message(bad.group(), bad.start() + 1)))
        return node.value
    reserved = node.value.find(RESERVED)
    if reserved >= 0:
        problems.append(_problem(loaded, node, path, f"tecknet U+2063 (osynlig avgränsare, tecken {reserved + 1} i värdet) "
                                                     "används av memo för att märka ut platser i mallen — ta bort det"))
        return node.value
    if node.style is None or node.style == "":  # plain scalar
        value = node.value
        if value in ("", "~") or value.lower() == "null":
            return None
        for pattern, why in _AMBIGUOUS:
            if pattern.fullmatch(value):
                problems.append(_problem(
                    loaded, node, path,
                    _ambiguity_message(value, why),
                ))
                return value
    return node.value


_SPLIT_AMOUNT = re.compile(r"[-\u2212]?(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,\d+)*")  # "2 150" too
_DIGITS = re.compile(r"\d+")
_EMPTY = re.compile("")


def _is_plain(node, pattern: re.Pattern[str]) -> bool:
    return isinstance(node, ScalarNode) and not node.style and pattern.fullmatch(node.value) is not None


def _join_split_amounts(pairs: list, path: Path_, loaded: LoadedFile, problems: list[Problem]) -> list:
    """Inside { }, a comma separates fields: `{a: 1,6}` is `a: 1` and a field `6` without value.

    Such a field right after an amount-looking value is the decimal comma of that amount:
    it is reported once, and the amount is kept as written so that nothing else is said about it.
    """
    joined: list = []
    split: list = []
    for key_node, value_node in pairs:
        previous = joined[-1] if joined else None
        if (previous and _is_plain(previous[1], _SPLIT_AMOUNT) and _is_plain(key_node, _DIGITS)
                and _is_plain(value_node, _EMPTY)):
            amount = ScalarNode(previous[1].tag, f"{previous[1].value},{key_node.value}",
                                previous[1].start_mark, value_node.end_mark)
            joined[-1] = (previous[0], amount)
            split = [pair for pair in split if pair[0] is not previous[0]] + [joined[-1]]
            continue
        joined.append((key_node, value_node))
    for key_node, value_node in split:
        problems.append(_problem(loaded, value_node, path + (key_node.value,), _split_amount_message(value_node.value)))
    return joined


def _split_amount_message(written: str) -> str:
    whole, *parts = written.split(",")
    if " " in whole or "\u00a0" in whole:  # digit groups: only quotes keep it one amount
        advice = f'skriv "{written}" inom citattecken'
    elif len(parts) == 1:
        advice = f'skriv "{written}" inom citattecken eller {whole}.{parts[0]} inom {{ }}'
    elif all(len(part) == 3 for part in parts):  # thousands
        advice = f'skriv "{" ".join([whole, *parts])}" inom citattecken eller {"".join([whole, *parts])} inom {{ }}'
    else:
        advice = f'skriv beloppet inom citattecken, t.ex. "{whole},{parts[0]}", eller {whole}.{parts[0]} inom {{ }}'
    return f"kommat i {written} skiljer fält åt inom {{ }}, så det läses som flera fält — {advice}"


def _character_message(character: str, index: int | None = None) -> str:
    where = f" (tecken {index} i värdet)" if index else ""
    return (f"tecknet U+{ord(character):04X}{where} kan inte stå i ett Word-dokument — "
            "ta bort det (det kommer ofta med vid kopiering från andra program)")


def _ambiguity_message(value: str, why: str) -> str:
    advice = f'skriv "{value}" inom citattecken om det är text'
    if "ja/nej" in why:
        advice += ", eller true/false för ja/nej"
    return f"{value} {why} — {advice}"


def _problem(loaded: LoadedFile, node, path: Path_, message: str) -> Problem:
    mark = node.start_mark
    return Problem(Location(loaded.path, mark.line + 1, mark.column + 1), format_path(path), message)


def format_path(path: Path_) -> str:
    """('allocations', 2, 'budget') -> 'allocations[2].budget'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _yaml_message(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    lines = text.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current[: len(current) - len(current.lstrip())] or "'\\t'" in str(exc.problem):
        return "tabbtecken används för indrag — använd mellanslag"
    return ("YAML-syntaxfel — kontrollera indrag, kolon och citattecken på raden "
            "(en text som börjar med { eller [ eller innehåller ': ' behöver citattecken)")


def _guess_encoding(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "ser ut som UTF-16"
    try:
        raw.decode("cp1252")
        return "ser ut som Windows-1252/Latin-1"
    except UnicodeDecodeError:
        return "okänd kodning"
