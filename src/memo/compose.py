"""Case + organisation -> Memo: every text rendered, every amount formatted.

This is where the document is decided; the writers that follow only lay out
what this stage returns.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Iterator

from . import memo as m
from .compute import CHANGE_DECIMALS, ComputedRow, ComputedTable
from .errors import PathProblem
from .formats import AmountStyle, format_amount, format_percent, iso_date, keep_numbers_whole
from .model import Case, Decision, DecisionPart, Distribution, Profile, Section, TableView
from .model import Table as TableSpec
from .organisation import Organisation
from .expressions import UNCHECKED, ExpressionError, render_expressions
from .text import MarkupError, parse_markup

LANGUAGE = "sv-SE"
COMPACT_AFTER = 5  # tables with more columns than this use the small table text
#: The row-name column's header when the view gives none but other columns have labels:
#: a header cell without text leaves a screen reader's column unnamed (WCAG 2.1 1.3.1).
ROW_NAMES_LABEL = "Benämning"
ATT = "att"  # the word each point of an "att"-clause decision begins with
NUMBERS = ("amount", "percent")  # column types whose cells (and header) stand right-aligned


@dataclass
class _Composer:
    case: Case
    organisation: Organisation
    tables: dict[str, ComputedTable]
    context: dict[str, Any]
    problems: list[PathProblem]
    unchecked: frozenset[str] = frozenset()  # tables that did not validate: their views are not judged
    notes: Iterator[int] = field(default_factory=lambda: itertools.count(1))  # footnote numbers, through the memo

    @property
    def profile(self) -> Profile:
        return self.organisation.profile

    def text(self, source: str | None, path: tuple, markup: bool = False) -> str:
        if source is None:  # did not validate; already reported
            return ""
        environment = self.organisation.environment if markup else self.organisation.plain_environment
        try:
            return keep_numbers_whole(render_expressions(environment, source, self.context))
        except ExpressionError as exc:
            self.problems += [PathProblem(path, message, line) for line, message in exc.errors]
            return ""

    def markup(self, source: str, path: tuple) -> list[m.Block]:
        rendered = self.text(source, path, markup=True)
        try:
            return list(parse_markup(rendered, self.profile.bullet, self.notes))
        except MarkupError as exc:
            self.problems.append(PathProblem(path, exc.message, exc.line))
            return []

    def body(self, blocks: list | None, path: tuple) -> list[m.Block]:
        out: list[m.Block] = []
        for i, block in enumerate(blocks or []):
            if isinstance(block, str):
                out.extend(self.markup(block, path + (i,)))
            elif block is not None:
                out.extend(self.table(block, path + (i,)))
        return out

    def decision_part(self, part: Decision | DecisionPart, path: tuple, style: str | None = None) -> list[m.Block]:
        """Intro, points, then the rest of the text and tables; a part's points take the decision's
        ``style`` unless the part names its own."""
        blocks = self.markup(part.intro, path + ("intro",)) if part.intro else []
        numbered = (part.point_style or style) != "att"
        points = [self.point(text, numbered, path + ("points", i)) for i, text in enumerate(part.points or [])]
        if points:
            blocks.append(m.DecisionPoints(tuple(p for p in points if p is not None), numbered))
        return blocks + self.body(part.body, path + ("body",))

    def point(self, source: str | None, numbered: bool, path: tuple) -> m.Paragraph | None:
        """One point of a decision: a single paragraph; an "att"-clause gets its word here."""
        blocks = self.markup(source or "", path)
        if len(blocks) != 1 or not isinstance(blocks[0], m.Paragraph):
            if source is not None and blocks:
                self.problems.append(PathProblem(path, "en beslutspunkt är ett stycke — dela texten i flera punkter"))
            return None
        if not numbered and blocks[0].text.lower().split(" ")[0] == ATT:
            self.problems.append(PathProblem(path, f"skriv punkten utan \"{ATT}\" i början — med point_style: att "
                                                   "skrivs ordet ut före varje punkt"))
        return m.Paragraph((m.Span(ATT + "\t"), *blocks[0].spans)) if not numbered else blocks[0]

    def section(self, section: Section | None, path: tuple) -> list[m.Block]:
        if section is None:
            return []
        blocks: list[m.Block] = [m.PageBreak()] if section.page_break else []
        if section.heading is not None:
            blocks.append(m.Heading(self.text(section.heading, path + ("heading",)), section.level or 1))
        return blocks + self.body(section.body, path + ("body",))

    def table(self, view: TableView, path: tuple) -> list[m.Block]:
        table = self.tables.get(view.table)
        if view.table in self.unchecked:
            return []
        if table is None:
            known = ", ".join(self.tables) or "inga"
            self.problems.append(PathProblem(path + ("table",), f"tabellen {view.table} finns inte under tables — tabellerna är: {known}"))
            return []
        spec = table.spec
        known_columns = {c.id for c in spec.columns}
        for i, wanted in enumerate(view.columns or []):
            if wanted not in known_columns:
                self.problems.append(PathProblem(path + ("columns", i), f"kolumnen {wanted} finns inte i tabellen {view.table}"))
        columns = [c for c in spec.columns if view.columns is None or c.id in view.columns]
        if not columns:
            if view.columns is not None and not view.columns:
                self.problems.append(PathProblem(path + ("columns",), "listan är tom — ange minst en kolumn, eller ta bort columns för att visa alla"))
            return []
        style = table_amount_style(spec, self.profile, with_unit=spec.unit_in_cells)

        row_index = {getattr(r, "id", None): i for i, r in enumerate(spec.rows)}
        decimals_of = {c.id: percent_decimals(table, c) for c in columns if c.type == "percent"}

        def cells(row: ComputedRow | None, sums: dict[str, Decimal] | None = None) -> list[m.Cell]:
            out = []
            for c in columns:
                if c.type == "text":
                    source = row.texts.get(c.id, "") if row else ""
                    where = ("tables", view.table, "rows", row_index.get(row.id if row else None), "texts", c.id)
                    out.append(m.Cell(self.text(source, where) if source else ""))
                elif c.type == "unit":
                    out.append(m.Cell(row.unit or "" if row else ""))
                elif c.type == "percent":  # as typed: never summed, never scaled, never rounded
                    value = row.percents.get(c.id) if row else table.sum_percents.get(c.id) if sums is not None else None
                    decimals = decimals_of[c.id]
                    out.append(m.Cell("" if value is None else
                                      format_percent(value, decimals, decimals, style.minus), "right"))
                else:
                    amounts = sums if sums is not None else (row.amounts if row else {})
                    out.append(m.Cell(format_amount(amounts[c.id], style) if c.id in amounts else "", "right"))
            return out

        header_cells = (m.Cell(self.text(view.header, path + ("header",))),
                        *(m.Cell(c.label if view.column_labels else "", "right" if c.type in NUMBERS else "left")
                          for c in columns))
        rows = [m.Row(_header_cells(header_cells), "header")] if any(c.text for c in header_cells) else []
        for row in table.rows:
            name = (row.long_name or row.name) if view.long_names else row.name
            kind = "subtotal" if row.subtotal else "part" if row.of_which else "body"
            rows.append(m.Row((m.Cell(name), *cells(row)), kind))
        if spec.sum_label:
            rows.append(m.Row((m.Cell(spec.sum_label), *cells(None, table.sums)), "sum"))

        blocks: list[m.Block] = []
        title = self.text(view.title, path + ("title",)) if view.title else ""
        if title:
            blocks.append(m.Paragraph((m.Span(title),), "caption"))
        caption = _one_line(title or header_cells[0].text)
        labels = [_one_line(c.text) for c in header_cells[1:] if c.text]
        description = f"{caption} — kolumner: {', '.join(labels)}" if caption and labels else caption
        blocks.append(m.Table(tuple(rows), compact=len(columns) > COMPACT_AFTER,
                              caption=caption, description=description))
        if spec.footnote:
            footnote = self.text(spec.footnote, ("tables", view.table, "footnote"))
            blocks.append(m.Paragraph((m.Span(footnote),), "footnote"))
        return blocks


def _distribution(composer: _Composer, distribution: Distribution) -> list[m.Block]:
    """The heading line in bold, then the recipients one per line in one paragraph."""
    heading = composer.text(distribution.heading, ("decision", "distribution", "heading"))
    lines: list[m.Span] = []
    for i, recipient in enumerate(distribution.recipients or []):
        lines += [m.Span("\n")] if i else []
        lines.append(m.Span(composer.text(recipient, ("decision", "distribution", "recipients", i))))
    return [m.Paragraph((m.Span(heading, bold=True),)), m.Paragraph(tuple(lines))]


def _header_cells(cells: tuple[m.Cell, ...]) -> tuple[m.Cell, ...]:
    """Header cells that all have text: an empty one joins the labelled cell on its left (one header over
    both columns); an empty first cell gets ROW_NAMES_LABEL."""
    out: list[m.Cell] = []
    for cell in cells:
        if cell.text or not out:
            out.append(cell if cell.text else replace(cell, text=ROW_NAMES_LABEL))
        else:
            out[-1] = replace(out[-1], span=out[-1].span + 1)
    return tuple(out)


def _one_line(text: str) -> str:
    """Lines joined by a space (a header may hold \\n); non-breaking spaces stay."""
    return " ".join(line.strip() for line in text.split("\n"))


def _officer(case: Case, profile: Profile) -> m.Officer | None:
    if case.case_officer is None:
        return None
    fields = {name: value or "" for name, value in case.case_officer.model_dump().items()}
    line = ", ".join(fields[name] for name in profile.officer_line if fields[name])
    return m.Officer(**fields, line=line)


def table_amount_style(spec: TableSpec, profile: Profile, with_unit: bool = True) -> AmountStyle:
    """How a table's amounts are shown: its display unit and decimals, its own unit label or the
    organisation's, the organisation's minus sign. The one place a table's style is decided."""
    unit = spec.show_in or spec.unit
    label = (spec.unit_label or profile.unit_labels.get(unit, unit)) if with_unit else None
    return AmountStyle(unit, spec.min_decimals, spec.max_decimals, label, profile.minus)


def expression_context(case: Case, tables: dict[str, ComputedTable], unchecked: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The names an expression can use: the case's facts and each table by id.

    A fact or table that did not validate is UNCHECKED: expressions that use it are not judged.
    """
    context: dict[str, Any] = {
        name: UNCHECKED if value is None else value
        for name, value in (("date", case.date), ("dnr", case.dnr), ("title", case.title))
    }
    for table_id, table in tables.items():
        names: dict[str, Any] = dict(table.values)
        if table.summable:
            names["sum"] = dict(table.sums)
        if table.frame is not None:
            names["frame"] = table.frame
        context[table_id] = names
    context.update(dict.fromkeys(unchecked, UNCHECKED))
    return context


def _compose_body(composer: _Composer, case: Case) -> tuple[list[m.Block], list[m.Block]]:
    """The blocks before and after the signatures; parts that did not validate (None) are left out."""
    body: list[m.Block] = []
    decision = case.decision
    if decision is not None:
        heading = decision.heading or composer.profile.decision_heading
        body.append(m.Heading(composer.text(heading, ("decision", "heading")), 1))
        body.extend(composer.decision_part(decision, ("decision",)))
        for i, part in enumerate(decision.parts or []):
            if part is not None:
                path = ("decision", "parts", i)
                body.append(m.Heading(composer.text(part.heading, path + ("heading",)), 2))
                body.extend(composer.decision_part(part, path, decision.point_style))
        if decision.closing:
            body.append(m.Paragraph((m.Span(composer.text(decision.closing, ("decision", "closing"))),)))
        if decision.distribution is not None:
            body.extend(_distribution(composer, decision.distribution))
    for i, section in enumerate(case.sections or []):
        body.extend(composer.section(section, ("sections", i)))
    after: list[m.Block] = []
    for i, section in enumerate(case.after_signatures or []):
        after.extend(composer.section(section, ("after_signatures", i)))
    return body, after


def check_texts(case: Case, organisation: Organisation, tables: dict[str, ComputedTable],
                unchecked: frozenset[str]) -> list[PathProblem]:
    """The problems of the texts and table views of a case that did not validate as a whole.

    ``case`` is what validated of it (see ``validation.salvage``); ``unchecked``
    names the tables that did not validate.
    """
    composer = _Composer(case, organisation, tables, expression_context(case, tables, unchecked), [], unchecked)
    _compose_body(composer, case)
    return composer.problems


def compose_memo(case: Case, organisation: Organisation, tables: dict[str, ComputedTable]) -> tuple[m.Memo, list[PathProblem]]:
    """The intermediate form of the case, and every problem met while forming it."""
    composer = _Composer(case, organisation, tables, expression_context(case, tables), [])
    profile = organisation.profile
    body, after = _compose_body(composer, case)
    memo = m.Memo(
        header=m.Header(
            organisation=profile.name,
            document_type=profile.document_type,
            date=iso_date(case.date),
            dnr=case.dnr,
            date_label=profile.date_label,
            dnr_label=profile.dnr_label,
            reference_label=profile.reference_label,
            recipient=case.recipient or "",
            officer=_officer(case, profile),
        ),
        title=case.title,
        body=tuple(body),
        signatories=tuple(m.Signatory(s.name, s.title, s.unit or "") for s in case.signatories),
        after_signatures=tuple(after),
        properties=m.Properties(
            title=case.title,
            subject=case.dnr,
            author=profile.name,
            identifier=case.dnr,
            language=LANGUAGE,
            created=case.date,
            keywords=(profile.document_type.capitalize(), case.dnr, profile.name),
        ),
    )
    return memo, composer.problems


def percent_decimals(table: ComputedTable, column) -> int:
    """The decimals a percent column is shown with: one for a computed change; else the most typed in it
    (6,0 % beside 6,5 %), since a percentage is a ratio as written, not an amount the table's decimals round."""
    if column.change_of:
        return CHANGE_DECIMALS
    return max((_typed_decimals(r.percents[column.id]) for r in table.rows if column.id in r.percents), default=0)


def _typed_decimals(value: Decimal) -> int:
    """How many decimals a value was typed with ("3,50" -> 2, "4" -> 0)."""
    exponent = value.as_tuple().exponent
    return min(-exponent, 6) if isinstance(exponent, int) and exponent < 0 else 0
