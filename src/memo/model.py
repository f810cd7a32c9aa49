"""The case file as typed data. Each field's description is what an official reads
in the editor (through the JSON Schema), so descriptions are in Swedish."""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
)

from .formats import parse_amount

Identifier = Annotated[
    str,
    Field(pattern=r"^[a-z][a-z0-9_]*$", description="Kort namn att hänvisa till i uttryck: små bokstäver a–z, siffror och _."),
]
Unit = Literal["kr", "tkr", "mkr"]


def _amount(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if not isinstance(value, str):
        raise ValueError("amount")
    try:
        return parse_amount(value)
    except ValueError:
        raise ValueError("amount") from None


Amount = Annotated[
    Decimal,
    BeforeValidator(_amount),
    Field(description="Belopp, exakt som det skrivs: 1,6 eller 1.6 eller \"1 600 000\"."),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(Strict):
    """En beloppskolumn i en tabell."""

    id: Identifier
    label: str = Field(description="Kolumnrubriken som den står i dokumentet, t.ex. Förslag 2024.")


class Row(Strict):
    """En rad i en tabell: ett namn och ett belopp per kolumn."""

    id: Identifier
    name: str = Field(description="Radens namn i tabellerna.")
    long_name: str | None = Field(
        None, description="Längre lydelse som används där tabellen visas med long_names: true (t.ex. i beslutet)."
    )
    values: dict[str, Amount] = Field(description="Ett belopp per kolumn-id, i tabellens enhet (unit).")


class Frame(Strict):
    """Den beslutade ramen som en kolumn ska summera till."""

    column: Identifier = Field(description="Kolumnen vars summa ska vara lika med ramen.")
    amount: Amount = Field(description="Ramens belopp i tabellens enhet.")


class Table(Strict):
    """En tabell med belopp. Summor räknas ut, de skrivs aldrig in."""

    unit: Unit = Field("kr", description="Enheten beloppen skrivs i: kr, tkr eller mkr.")
    show_in: Unit | None = Field(None, description="Enheten tabellen visas i; utelämnad = samma som unit.")
    min_decimals: int = Field(0, ge=0, le=6, description="Antal decimaler som alltid visas (1 ger 5,0).")
    max_decimals: int = Field(2, ge=0, le=6, description="Högst så många decimaler visas; fler avrundas.")
    unit_in_cells: bool = Field(False, description="true: enheten står i varje cell (1,6 mkr).")
    sum_label: str | None = Field(None, description="Text på summaraden, t.ex. SUMMA; utelämnad = ingen summarad.")
    frame: Frame | None = Field(None, description="Beslutad ram som en kolumn ska summera till.")
    columns: list[Column] = Field(min_length=1, description="Beloppskolumnerna i ordning.")
    rows: list[Row] = Field(min_length=1, description="Raderna i ordning.")


class TableView(Strict):
    """Var och hur en tabell visas i texten."""

    table: Identifier = Field(description="Id för tabellen under tables.")
    columns: list[Identifier] | None = Field(None, description="Kolumner som visas; utelämnad = alla.")
    title: str | None = Field(None, description="Rubrikrad ovanför tabellen (får innehålla uttryck).")
    header: str = Field("", description="Rubriken i tabellens första kolumn.")
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
    BeforeValidator(_as_blocks),
    Field(description="Text (Markdown, med uttryck inom {{ }}) och tabeller, i ordning."),
]


class Section(Strict):
    """Ett avsnitt: en rubrik och dess innehåll."""

    heading: str = Field(description="Rubriken.")
    level: int = Field(1, ge=1, le=3, description="Rubriknivå 1–3 (2 = underrubrik).")
    body: Body = Field(default_factory=list)


class Decision(Strict):
    """Förslaget till beslut."""

    heading: str | None = Field(None, description="Rubrik; utelämnad = organisationens (t.ex. Förslag till beslut).")
    intro: str | None = Field(None, description="Vem som föreslår vad, före själva beslutet.")
    body: Body = Field(description="Beslutstexten, och tabeller som hör till beslutet.")


class Signatory(Strict):
    """Den som skriver under."""

    name: str = Field(description="För- och efternamn.")
    title: str = Field(description="Befattning.")
    unit: str | None = Field(None, description="Enhet eller funktion (visas på egen rad).")


class Case(Strict):
    """Ett ärende: allt som tjänsteskrivelsen säger, som data."""

    organisation: Identifier = Field(description="Organisationens mapp under templates/, t.ex. nacka.")
    dnr: str = Field(description="Diarienummer, t.ex. KFKS-2024-00430.")
    date: Date = Field(description="Tjänsteskrivelsens datum, ÅÅÅÅ-MM-DD.")
    title: str = Field(description="Ärendets rubrik.")
    tables: dict[Identifier, Table] = Field(default_factory=dict, description="Tabeller med belopp, efter id.")
    decision: Decision = Field(description="Förslaget till beslut: inledning, beslutstext och tabeller.")
    sections: list[Section] = Field(default_factory=list, description="Avsnitten efter beslutet, i ordning.")
    signatories: list[Signatory] = Field(min_length=1, max_length=3, description="En till tre som skriver under.")
    after_signatures: list[Section] = Field(
        default_factory=list, description="Avsnitt efter underskrifterna, t.ex. Beslut sänds till."
    )


class Profile(Strict):
    """En organisations profil: namn, etiketter och format. Ligger i templates/<organisation>/profile.yaml."""

    name: str = Field(description="Organisationens namn, t.ex. Nacka kommun.")
    document_type: str = Field("TJÄNSTESKRIVELSE", description="Dokumenttypen överst i huvudet.")
    dnr_label: str = Field("Dnr", description="Etiketten före diarienumret.")
    dnr_pattern: str = Field(description="Reguljärt uttryck som diarienumret ska följa.")
    dnr_format: str = Field(description="Diarienumrets form i ord, t.ex. KFKS-ÅÅÅÅ-NNNNN.")
    decision_heading: str = Field(description="Standardrubrik för förslaget till beslut.")
    unit_labels: dict[Unit, str] = Field(description="Hur enheterna skrivs, t.ex. mkr: mkr.")
    minus: str = Field("\u2212", description="Minustecknet organisationen skriver.")
    template: str = Field("memo.docx", description="Word-mallen i samma mapp.")
    skeleton: str = Field("new-case.yaml", description="Mallen för nya ärenden (memo new) i samma mapp.")
