"""Turn loaded YAML into a typed model, with every error mapped back to its line."""

from __future__ import annotations

import difflib
import functools
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import CaseError, Problem
from .formats import MAX_DECIMALS, MAX_INTEGER_DIGITS, too_many_digits
from .loading import LoadedFile, Path_, format_path
from .model import IDENTIFIER_RULE, UNION_TAGS, Case, Decision, Section

M = TypeVar("M", bound=BaseModel)

#: pydantic's error types in the words of an official.
MESSAGES: dict[str, str] = {
    "missing": "fältet saknas — lägg till det",
    "string_type": "ska vara text",
    "date_type": "är inget datum — skriv t.ex. 2024-03-25",
    "date_parsing": "är inget datum — skriv t.ex. 2024-03-25",
    "date_from_datetime_parsing": "är inget datum — skriv t.ex. 2024-03-25",
    "date_from_datetime_inexact": "är inget datum — skriv t.ex. 2024-03-25",
    "int_parsing": "ska vara ett heltal",
    "int_type": "ska vara ett heltal",
    "bool_parsing": "ska vara true eller false",
    "bool_type": "ska vara true eller false",
    "list_type": "ska vara en lista (rader som börjar med -)",
    "dict_type": "ska vara fält med namn och värde (nyckel: värde)",
    "model_type": "ska vara fält med namn och värde (nyckel: värde)",
    "model_attributes_type": "ska vara fält med namn och värde (nyckel: värde)",
    "too_short": "har för få poster",
    "too_long": "har för många poster",
    "string_pattern_mismatch": IDENTIFIER_RULE,
    "greater_than_equal": "är för litet",
    "less_than_equal": "är för stort",
    "union_tag_invalid": "ska vara text eller en tabell (table: …)",
    "blank": "får inte vara tomt — skriv en text",
    "multiline": "ska vara en rad — ta bort radbrytningarna",
}


def validate(model: type[M], loaded: LoadedFile) -> M:
    """Validate ``loaded.data`` as ``model``; raise CaseError listing every problem."""
    result, problems = check(model, loaded)
    if problems or result is None:
        raise CaseError(problems)
    return result


def check(model: type[M], loaded: LoadedFile) -> tuple[M | None, list[Problem]]:
    """``loaded.data`` as ``model`` (None where it does not validate), and every problem of the file so far."""
    problems = list(loaded.problems)
    reported = {p.field for p in problems}
    try:
        result = model.model_validate(loaded.data)
    except ValidationError as exc:
        for problem in (_problem(model, loaded, error) for error in exc.errors()):
            if problem.field not in reported and problem not in problems:
                problems.append(problem)
        return None, problems
    return result, problems


def salvage(model: type[M], data: Any) -> M | None:
    """What validates of an invalid ``data``, so later checks can run on it.

    The model and the models in SALVAGED are rebuilt field by field, lists and
    mappings item by item; any other part is kept whole if it validates and is
    None if it does not. Nothing in the result is checked twice: it only lets
    the stages after validation look at the parts that did validate.
    """
    return _salvage(model, data)


#: Models whose valid fields are kept when others fail: they hold the texts and table references.
SALVAGED: frozenset[type[BaseModel]] = frozenset({Case, Decision, Section})


def _salvage(tp: Any, value: Any) -> Any:
    try:
        return _adapter(tp).validate_python(value)
    except ValidationError:
        pass
    bare = _strip(tp)
    if bare in SALVAGED and isinstance(value, dict):
        return bare.model_construct(**{
            name: _salvage(_field_type(bare, name), value[name]) if name in value
            else None if field.is_required() else field.get_default(call_default_factory=True)
            for name, field in bare.model_fields.items()
        })
    args = typing.get_args(bare)
    if typing.get_origin(bare) is list and isinstance(value, list):
        return [_salvage(args[0], item) for item in value]
    if typing.get_origin(bare) is dict and isinstance(value, dict):
        return {key: _salvage(args[1], item) for key, item in value.items()}
    return None


@functools.lru_cache(maxsize=None)
def _field_type(model: type[BaseModel], name: str) -> Any:
    field = model.model_fields[name]
    return typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation


@functools.lru_cache(maxsize=None)
def _adapter(tp: Any) -> TypeAdapter:
    return TypeAdapter(tp)


def _problem(model: type[BaseModel], loaded: LoadedFile, error: dict[str, Any]) -> Problem:
    path = _data_path(loaded.data, error["loc"])
    item = _text_read_as_field(loaded.data, error["loc"])
    if item is not None:
        written = _at(loaded.data, item)
        message = SECTION_IN_BODY if set(written) & SECTION_FIELDS else TEXT_AS_FIELD
        return Problem(loaded.location(item), format_path(item), message)
    message = _message(model, loaded.data, path, error)
    location = loaded.key_location(path) if error["type"] == "extra_forbidden" else loaded.location(path)
    return Problem(location, format_path(path), message)


TEXT_AS_FIELD = ("texten innehåller ': ' och läses därför som ett fält — sätt hela texten inom citattecken, "
                 "eller skriv den som ett block efter |")


#: Fields of a section: written as an item of a body, they mean a sub-heading there.
SECTION_FIELDS = {"heading", "level", "body", "page_break"}
SECTION_IN_BODY = ("ett stycke i body är text eller en tabell (table: …), inte ett avsnitt — skriv underrubriken som "
                   "ett eget avsnitt i sections, med heading och level: 2, efter det här")


def _text_read_as_field(data: Any, loc: tuple) -> Path_ | None:
    """The path of a body item meant as text but written as `text: more` (a mapping without table)."""
    if "table-block" not in loc:
        return None
    index = loc.index("table-block")
    item_path = _data_path(data, loc[:index])
    item = _at(data, item_path)
    return item_path if isinstance(item, dict) and "table" not in item else None


def _data_path(data: Any, loc: tuple) -> Path_:
    """The part of pydantic's ``loc`` that walks the data (union tags are dropped)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            path.append(part)
            current = current[part]
        elif part in UNION_TAGS:
            continue
        else:
            path.append(part)
            current = None
    return tuple(path)


def _message(model: type[BaseModel], data: Any, path: Path_, error: dict[str, Any]) -> str:
    kind = error["type"]
    value = _at(data, path)
    if kind == "extra_forbidden":
        known = _fields_at(model, path[:-1])
        close = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        hint = f" — menade du {close[0]}?" if close else f" — tillåtna fält: {', '.join(sorted(known))}"
        return f"okänt fält{hint}"
    if kind == "amount" and value is None:
        return "beloppet saknas — skriv ett belopp, t.ex. 1,6 eller 1.6"
    if kind == "amount" and isinstance(value, str) and too_many_digits(value):
        return (f'"{_shown(value)}" har fler siffror än memo räknar exakt — högst {MAX_INTEGER_DIGITS} siffror '
                f"före och {MAX_DECIMALS} efter decimaltecknet; kontrollera beloppet")
    if kind == "amount":
        return f'"{_shown(str(value))}" är inget belopp — skriv t.ex. 1,6 eller 1.6'
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f'"{value}" är inte tillåtet — välj {expected}'.replace("'", "").replace(" or ", " eller ")
    if kind == "too_short":
        return f"{MESSAGES[kind]} — minst {error.get('ctx', {}).get('min_length', 1)} krävs"
    if kind == "too_long":
        return f"{MESSAGES[kind]} — högst {error.get('ctx', {}).get('max_length', '')} tillåts"
    ctx = error.get("ctx", {})
    if kind == "decimals":
        return (f"min_decimals ({ctx.get('low')}) är större än max_decimals ({ctx.get('high')}) — "
                "sänk min_decimals eller höj max_decimals")
    if kind == "regex":
        return f'"{_shown(str(value))}" är inget giltigt reguljärt uttryck (felet vid tecken {ctx.get("position")}) — rätta mönstret, t.ex. ABC-\\d{{4}}-\\d{{5}}'
    if kind == "string_too_long":
        return f"är för lång — högst {ctx.get('max_length')} tecken"
    if kind == "less_than_equal":
        return f'"{value}" är för stort — högst {ctx.get("le")}'
    if kind == "greater_than_equal":
        return f'"{value}" är för litet — minst {ctx.get("ge")}'
    base = MESSAGES.get(kind, error.get("msg", kind))
    shown = f'"{_shown(value)}" ' if isinstance(value, str) and value.strip() else ""
    return f"{shown}{base}"


def _shown(value: str, limit: int = 60) -> str:
    """A value as it can stand in a one-line message."""
    text = value.replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _fields_at(model: Any, path: Path_) -> list[str]:
    """Names of the fields allowed at ``path``, found by walking the model's annotations."""
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap_model(current)
    return list(current.model_fields) if current else []


def _step(tp: Any, part: str | int) -> Any:
    tp = _strip(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    model = _unwrap_model(tp)
    if model is not None and isinstance(part, str):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    return None


def _strip(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _unwrap_model(tp: Any) -> type[BaseModel] | None:
    tp = _strip(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _unwrap_model(arg)
        if found is not None:
            return found
    return None
