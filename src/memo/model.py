"""The case file as typed data. Each field's description is what an official reads
in the editor (through the JSON Schema), so descriptions are in Swedish."""

from __future__ import annotations

import re
from datetime import date as Date
from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)

from pydantic_core import PydanticCustomError

from .formats import AMOUNT_PATTERN, SPACE_CLASS, parse_amount

# The JSON Schema keywords below (pattern, patternErrorMessage) are for the editor: they say
# in the schema what the validators say in code, in the words the editor shows.

IDENTIFIER_RULE = "får bara innehålla små bokstäver a–z, siffror och _ och börja med en bokstav"
Identifier = Annotated[
    str,
    Field(pattern=r"^[a-z][a-z0-9_]*$", description="Kort namn att hänvisa till i uttryck: små bokstäver a–z, siffror och _.",
          json_schema_extra={"patternErrorMessage": IDENTIFIER_RULE}),
]
Unit = Literal["kr", "tkr", "mkr"]

_NOT_SPACE = "[^" + SPACE_CLASS[1:]
#: What _line accepts: after stripping, at least one character and no line break.
LINE_PATTERN = f"^{SPACE_CLASS}*{_NOT_SPACE}(?:[^\\n]*{_NOT_SPACE})?{SPACE_CLASS}*$"


def _line(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "blank text")
    if "\n" in value.strip():
        raise PydanticCustomError("multiline", "text with line breaks")
    return value.strip()


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise PydanticCustomError("regex", "not a regular expression", {"position": (exc.pos or 0) + 1}) from None
    return value


#: A regular expression (a Dnr pattern), checked when the profile is read.
Pattern = Annotated[str, AfterValidator(_pattern)]

#: A single line of visible text: titles, headings, names, labels.
Line = Annotated[str, AfterValidator(_line), WithJsonSchema({
    "type": ["string", "number", "boolean"], "minLength": 1, "pattern": LINE_PATTERN,
    "patternErrorMessage": "får inte vara tomt och ska stå på en rad — skriv en text utan radbrytningar",
})]

#: Dates as the model reads them: only ÅÅÅÅ-MM-DD (pydantic alone also takes timestamps and times).
DATE_PATTERN = (
    r"^(?!0000)[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))$"
    r"|^(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29$"
)


def _iso_day(value: object) -> object:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise PydanticCustomError("date_parsing", "not a date")
    return value


Day = Annotated[Date, BeforeValidator(_iso_day), WithJsonSchema({
    "type": "string", "format": "date", "pattern": DATE_PATTERN,
    "patternErrorMessage": "är inget datum — skriv t.ex. 2024-03-25",
})]


def _amount(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if not isinstance(value, str):
        raise PydanticCustomError("amount", "not an amount")
    try:
        return parse_amount(value)
    except ValueError:
        raise PydanticCustomError("amount", "not an amount") from None


_NOT_AN_AMOUNT = 'är inget belopp — skriv t.ex. 1,6 eller 1.6 eller "1 600 000"'
Amount = Annotated[
    Decimal,
    BeforeValidator(_amount),
    WithJsonSchema({"anyOf": [
        # YAML numbers; the bounds keep out .inf, which memo refuses
        {"type": "number", "minimum": -1e300, "maximum": 1e300, "errorMessage": _NOT_AN_AMOUNT},
        {"type": "string", "pattern": AMOUNT_PATTERN, "errorMessage": _NOT_AN_AMOUNT},
    ]}),
    Field(description="Belopp, exakt som det skrivs: 1,6 eller 1.6 eller \"1 600 000\"."),
]


#: Tags that pydantic puts into error locations for the unions below; not part of the data.
UNION_TAGS = frozenset({"text-block", "table-block", "data-row", "subtotal-row"})


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


ColumnType = Literal["amount", "text", "percent", "unit"]


class Column(Strict):
    """En kolumn i en tabell: belopp, text, procent, radernas enheter, eller ett belopp som räknas ut ur andra kolumner."""

    id: Identifier
    label: Line = Field(description="Kolumnrubriken som den står i dokumentet, t.ex. Förslag 2025.")
    type: ColumnType = Field(
        "amount", description="amount: belopp; text: fri text (t.ex. noteringar); percent: procent (3,5 %), "
                              "summeras aldrig; unit: radernas enheter (unit på varje rad), t.ex. kronor/timme.")
    sum_of: list[Identifier] | None = Field(
        None, description="Räkna ut kolumnen som summan av dessa kolumner (t.ex. budget + ombudget + förändring)."
    )
    change_of: list[Identifier] | None = Field(
        None, min_length=2, max_length=2,
        description="Procentkolumn som räknas ut: förändringen från den första beloppskolumnen till den andra "
                    "(t.ex. [budget_2025, budget_2026]), med en decimal.",
    )


class Row(Strict):
    """En rad i en tabell: ett namn och ett värde per kolumn."""

    id: Identifier
    name: Line = Field(description="Radens namn i tabellerna.")
    long_name: str | None = Field(
        None, description="Längre lydelse som används där tabellen visas med long_names: true (t.ex. i beslutet)."
    )
    values: dict[str, Amount] = Field(
        default_factory=dict, description="Ett belopp per beloppskolumn (id), i tabellens enhet (unit), "
                                          "och ett tal per procentkolumn (3,5 betyder 3,5 %)."
    )
    texts: dict[str, str] = Field(default_factory=dict, description="Text per textkolumn (id); får innehålla uttryck.")
    unit: Line | None = Field(
        None, description="Radens enhet, t.ex. kronor/timme, som visas i tabellens enhetskolumn (type: unit). "
                          "En tabell med en enhet per rad summeras inte.")
    subtract: bool = Field(
        False, description="true: raden dras av (t.ex. intäkter mot kostnader): beloppen skrivs utan minustecken, "
                           "visas med minustecken och räknas negativt i summor och delsummor.")
    of_which: bool = Field(
        False, description="true: en varav-rad, en del av raden ovanför (t.ex. varav lokalhyra): visas indragen "
                           "och räknas inte i summor och delsummor.")


class Subtotal(Strict):
    """En delsummarad: summerar raderna sedan förra delsumman (eller från början)."""

    subtotal: Line = Field(description="Text på raden, t.ex. Delsumma.")
    id: Identifier | None = Field(None, description="Id att hänvisa till i uttryck (valfritt).")


def _row_kind(value: object) -> str:
    return "subtotal-row" if isinstance(value, dict) and "subtotal" in value else "data-row"


TableRow = Annotated[
    Union[Annotated[Row, Tag("data-row")], Annotated[Subtotal, Tag("subtotal-row")]],
    Discriminator(_row_kind),
]


class Frame(Strict):
    """Den beslutade ramen som en kolumn ska summera till."""

    column: Identifier = Field(description="Kolumnen vars summa ska vara lika med ramen.")
    amount: Amount = Field(description="Ramens belopp i tabellens enhet.")


class StatedSum(Strict):
    """Summor som källan anger när raderna är avrundade: godtas bara inom toleransen."""

    tolerance: Amount = Field(description="Största tillåtna skillnad mot radernas summa, i tabellens enhet.")
    values: dict[str, Amount] = Field(description="Den angivna summan per kolumn (id), i tabellens enhet.")


class Table(Strict):
    """En tabell. Summor och uträknade kolumner räknas ut, de skrivs aldrig in."""

    unit: Unit = Field("kr", description="Enheten beloppen skrivs i: kr, tkr eller mkr.")
    show_in: Unit | None = Field(None, description="Enheten tabellen visas i; utelämnad = samma som unit.")
    min_decimals: int = Field(0, ge=0, le=6, description="Antal decimaler som alltid visas (1 ger 5,0).")
    max_decimals: int = Field(2, ge=0, le=6, description="Högst så många decimaler visas; fler avrundas.")
    unit_in_cells: bool = Field(False, description="true: enheten står i varje cell (1,6 mkr).")
    unit_label: Line | None = Field(
        None, description="Hur enheten skrivs i cellerna i just denna tabell, t.ex. miljoner kronor; "
                          "utelämnad = organisationens skrivsätt.")
    sum_label: Line | None = Field(None, description="Text på summaraden, t.ex. Summa; utelämnad = ingen summarad.")
    stated_sum: StatedSum | None = Field(
        None, description="Summor som källan anger (avrundade rader); visas i summaraden om de håller toleransen."
    )
    frame: Frame | None = Field(None, description="Beslutad ram som en kolumn ska summera till.")
    footnote: str | None = Field(None, description="Fotnot under tabellen (markeras med * i texten).")
    columns: list[Column] = Field(min_length=1, description="Kolumnerna efter radnamnet, i ordning.")
    rows: list[TableRow] = Field(min_length=1, description="Raderna i ordning; {subtotal: Delsumma} ger en delsumma.")

    @model_validator(mode="after")
    def _decimals_in_order(self) -> "Table":
        if self.min_decimals > self.max_decimals:  # 1,50000 would show a precision the amount does not have
            raise PydanticCustomError("decimals", "min_decimals above max_decimals",
                                      {"low": self.min_decimals, "high": self.max_decimals})
        return self


class TableView(Strict):
    """Var och hur en tabell visas i texten."""

    table: Identifier = Field(description="Id för tabellen under tables.")
    columns: list[Identifier] | None = Field(None, description="Kolumner som visas; utelämnad = alla.")
    title: str | None = Field(None, description="Rubrikrad ovanför tabellen (får innehålla uttryck).")
    header: str = Field("", description="Rubriken i tabellens första kolumn (ny rad med \\n).")
    column_labels: bool = Field(True, description="false: beloppskolumnernas rubriker lämnas tomma.")
    long_names: bool = Field(False, description="true: raderna visas med long_name där det finns.")


def _block_kind(value: object) -> str:
    return "text-block" if isinstance(value, str) else "table-block"


Block = Annotated[
    Union[Annotated[str, Tag("text-block")], Annotated[TableView, Tag("table-block")]],
    Discriminator(_block_kind),
]


def _as_blocks(value: object) -> object:
    return [value] if isinstance(value, str) else value


Body = Annotated[
    list[Block],
    BeforeValidator(_as_blocks, json_schema_input_type=Union[str, list[Block]]),
    Field(description="Text (Markdown, med uttryck inom {{ }}) och tabeller, i ordning."),
]


class Section(Strict):
    """Ett avsnitt: en rubrik och dess innehåll, eller bara text (utan heading)."""

    heading: Line | None = Field(None, description="Rubriken; utelämnad = bara text, utan rubrik.")
    level: int = Field(1, ge=1, le=4, description="Rubriknivå 1–4 (2 = underrubrik).")
    page_break: bool = Field(False, description="true: avsnittet börjar på en ny sida (t.ex. en bilaga).")
    body: Body = Field(default_factory=list)


PointStyle = Literal["numbered", "att"]


class DecisionPart(Strict):
    """En del av ett beslut i flera delar, t.ex. förslaget till fullmäktige och nämndens eget beslut."""

    heading: Line = Field(description="Delens rubrik, t.ex. Förslag till kommunfullmäktige.")
    intro: str | None = Field(None, description="Text före beslutspunkterna, t.ex. Nämnden beslutar.")
    points: list[str] = Field(default_factory=list, description="Beslutspunkterna, en per punkt (får innehålla uttryck).")
    point_style: PointStyle | None = Field(
        None, description="numbered eller att, som för beslutet; utelämnad = samma form som beslutets point_style.")
    body: Body = Field(default_factory=list)


class Distribution(Strict):
    """Vilka beslutet skickas till."""

    heading: Line = Field(description="Raden före listan, t.ex. Beslutet ska expedieras till.")
    recipients: list[Line] = Field(min_length=1, description="Mottagarna, en per rad.")


class Decision(Strict):
    """Förslaget till beslut."""

    heading: Line | None = Field(None, description="Rubrik; utelämnad = organisationens standardrubrik.")
    intro: str | None = Field(None, description="Vem som föreslår vad, före själva beslutet.")
    body: Body = Field(default_factory=list, description="Beslutstexten, och tabeller som hör till beslutet.")
    points: list[str] = Field(default_factory=list, description="Beslutspunkterna, en per punkt (får innehålla uttryck).")
    point_style: PointStyle = Field(
        "numbered", description="numbered: punkterna numreras 1., 2., 3.; att: varje punkt inleds med att.")
    parts: list[DecisionPart] = Field(
        default_factory=list, description="Ett beslut i flera delar, var och en med sin rubrik (efter body och points).")
    closing: Line | None = Field(None, description="En avslutande rad, t.ex. Beslutet justeras omedelbart.")
    distribution: Distribution | None = Field(None, description="Vilka beslutet skickas till (efter beslutet).")


class Signatory(Strict):
    """Den som skriver under."""

    name: Line = Field(description="För- och efternamn.")
    title: Line = Field(description="Befattning.")
    unit: str | None = Field(None, description="Enhet eller funktion (visas på egen rad).")


class CaseOfficer(Strict):
    """Handläggaren, som organisationens mall visar i huvud eller sidfot."""

    name: str = Field(description="För- och efternamn.")
    title: str | None = Field(None, description="Befattning.")
    unit: str | None = Field(None, description="Enhet eller förvaltning.")
    phone: str | None = Field(None, description="Telefonnummer.")
    email: str | None = Field(None, description="E-postadress.")


class Case(Strict):
    """Ett ärende: allt som tjänsteskrivelsen säger, som data."""

    organisation: str = Field(pattern=r"^[a-z][a-z0-9_-]*$", description="Organisationens mapp under templates/.")
    dnr: Line = Field(description="Diarienummer i organisationens form.")
    date: Day = Field(description="Tjänsteskrivelsens datum, ÅÅÅÅ-MM-DD.")
    title: Line = Field(max_length=255, description="Ärendets rubrik (högst 255 tecken).",
                        json_schema_extra={"maxLength": 255})
    recipient: str | None = Field(None, description="Mottagaren i huvudet, t.ex. en nämnd (där mallen visar den).")
    case_officer: CaseOfficer | None = Field(None, description="Handläggaren (där mallen visar den).")
    tables: dict[Identifier, Table] = Field(default_factory=dict, description="Tabeller med belopp, efter id.")
    decision: Decision = Field(description="Förslaget till beslut: inledning, beslutstext och tabeller.")
    sections: list[Section] = Field(default_factory=list, description="Avsnitten efter beslutet, i ordning.")
    signatories: list[Signatory] = Field(min_length=1, max_length=3, description="En till tre som skriver under.")
    after_signatures: list[Section] = Field(
        default_factory=list, description="Avsnitt efter underskrifterna, t.ex. en sändlista."
    )


class Profile(Strict):
    """En organisations profil: namn, etiketter och format. Ligger i templates/<organisation>/profile.yaml."""

    name: str = Field(description="Organisationens namn.")
    document_type: str = Field("TJÄNSTESKRIVELSE", description="Dokumenttypen överst i huvudet.")
    dnr_label: str = Field("Dnr", description="Etiketten före diarienumret.")
    date_label: str = Field("Datum", description="Etiketten före datumet.")
    reference_label: str = Field("Er beteckning", description="Etiketten för mottagarens beteckning.")
    dnr_pattern: Pattern = Field(description="Reguljärt uttryck som diarienumret ska följa.")
    dnr_format: str = Field(description="Diarienumrets form i ord, t.ex. ABC-ÅÅÅÅ-NNNNN.")
    decision_heading: str = Field(description="Standardrubrik för förslaget till beslut.")
    unit_labels: dict[Unit, str] = Field(description="Hur enheterna skrivs, t.ex. mkr: mkr.")
    minus: str = Field("\u2212", description="Minustecknet organisationen skriver.")
    bullet: str = Field("\u2022", min_length=1, max_length=1,
                        description="Punkttecknet i punktlistor, t.ex. •, –, ➢ eller o.")
    officer_line: list[Literal["name", "title", "unit", "phone", "email"]] = Field(
        ["name", "title", "phone", "email"],
        description="Handläggarens fält i raden header.officer.line, i ordning (de som saknas hoppas över).",
    )
    template: str = Field("memo.docx", description="Word-mallen i samma mapp.")
    skeleton: str = Field("new-case.yaml", description="Mallen för nya ärenden (memo new) i samma mapp.")
