import pytest

from memo import memo as m
from memo.build import prepare
from memo.errors import CaseError
from memo.compose import expression_context

from .conftest import edit_case


def test_the_memo_is_decided_before_any_writer(nacka):
    memo = nacka.memo
    assert memo.header == m.Header(
        organisation="Nacka kommun", document_type="TJÄNSTESKRIVELSE", date="2024-03-25", dnr="KFKS-2024-00430",
        date_label="Datum", dnr_label="Dnr", reference_label="Er beteckning",
    )
    assert memo.body[0] == m.Heading("Förslag till beslut", 1)
    tables = [b for b in memo.body if isinstance(b, m.Table)]
    decision, comparison = tables
    assert decision.rows[0].cells == (m.Cell("Trygghetspaketet 2024 (fördelning av medel)", span=2),)
    assert decision.caption == decision.description == "Trygghetspaketet 2024 (fördelning av medel)"
    assert comparison.caption == "Förslag till fördelning av trygghetspaketets 5\u00a0mkr för 2024"
    assert comparison.description == comparison.caption + " — kolumner: Förslag 2024, Utfall 2023, Budget 2023"
    assert decision.rows[-1] == m.Row((m.Cell("SUMMA"), m.Cell("5,0\u00a0mkr", "right")), "sum")
    assert decision.rows[6].cells[0].text == "Övriga insatser (exempelvis insatser mot unga i riskzon)"
    assert comparison.rows[6].cells[0].text == "Övriga insatser"


def test_expression_context_holds_tables_in_kronor(nacka):
    from decimal import Decimal

    from memo.compute import compute_tables

    tables, problems = compute_tables(nacka.case)
    context = expression_context(nacka.case, tables)
    assert problems == []
    assert set(context) == {"date", "dnr", "title", "fordelning"}
    assert context["fordelning"]["sspf"]["forslag_2024"] == Decimal("1500000")
    assert context["fordelning"]["sum"]["utfall_2023"] == Decimal("4290000")
    assert context["fordelning"]["frame"] == Decimal("5000000")


def test_values_in_headings_are_plain_and_in_markdown_text_escaped(workspace):
    from memo.build import prepare

    path = workspace.cases / "KFKS-2024-00430.yaml"
    text = path.read_text(encoding="utf-8").replace("title: Trygghetspaketet 2024", "title: Paket *2024*_a")
    text = text.replace("  - heading: Ärendet\n", "  - heading: Ärendet {{ title }}\n    body: Om {{ title }}.\n")
    path.write_text(text, encoding="utf-8")
    memo = prepare(path, workspace).memo
    assert m.Heading("Ärendet Paket *2024*_a", 1) in memo.body
    assert m.Paragraph((m.Span("Om Paket *2024*_a."),)) in memo.body


def test_amounts_typed_in_one_unit_are_shown_in_another(workspace):
    from memo.build import prepare

    path = workspace.cases / "KFKS-2024-00430.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    unit: mkr\n    min_decimals: 1\n", "    unit: mkr\n    show_in: tkr\n    min_decimals: 0\n")
    path.write_text(text, encoding="utf-8")
    memo = prepare(path, workspace).memo
    decision = next(b for b in memo.body if isinstance(b, m.Table))
    assert [c.text for c in decision.rows[1].cells] == ["Trygghetsvärdar", "1\u00a0600\u00a0tkr"]
    assert [c.text for c in decision.rows[-1].cells] == ["SUMMA", "5\u00a0000\u00a0tkr"]


def test_header_cells_all_have_text():
    from memo.compose import ROW_NAMES_LABEL, _header_cells

    cells = (m.Cell(""), m.Cell("A", "right"), m.Cell(""), m.Cell("B", "right"))
    assert _header_cells(cells) == (m.Cell(ROW_NAMES_LABEL), m.Cell("A", "right", span=2), m.Cell("B", "right"))
    assert _header_cells((m.Cell("Rubrik"), m.Cell(""), m.Cell(""))) == (m.Cell("Rubrik", span=3),)


def test_a_decision_in_parts_with_points_closing_and_distribution(structures):
    body = structures.memo.body
    start = body.index(m.Heading("Förslag till kommunfullmäktige", 2))
    assert body[start:start + 9] == (
        m.Heading("Förslag till kommunfullmäktige", 2),
        m.Paragraph((m.Span("Nämnden föreslår kommunfullmäktige besluta"),)),
        m.DecisionPoints((m.Paragraph((m.Span("att\t"), m.Span("anta riktlinjerna, och"))),
                          m.Paragraph((m.Span("att\t"), m.Span("upphäva de tidigare riktlinjerna.")))), numbered=False),
        m.Heading("Nämndens eget beslut", 2),
        m.Paragraph((m.Span("Nämnden beslutar, under förutsättning av att kommunfullmäktige antar riktlinjerna,"),)),
        m.DecisionPoints((m.Paragraph((m.Span("Förvaltningen verkställer riktlinjerna."),)),
                          m.Paragraph((m.Span("Kostnaden på 60,87\u00a0mkr belastar nämndens budget."),)))),
        m.Paragraph((m.Span("Beslutet justeras omedelbart."),)),
        m.Paragraph((m.Span("Beslutet ska expedieras till", bold=True),)),
        m.Paragraph((m.Span("Kommunfullmäktige"), m.Span("\n"), m.Span("Förvaltningen"))),
    )
    assert body[start + 9] == m.Heading("Ärendet", 1)


def test_decision_points_the_model_refuses_are_located(workspace):
    edit_case(workspace, "  body:\n    - Kommunstyrelsen beslutar",
              "  point_style: att\n  points:\n    - att godkänna fördelningen\n    - |\n      ett\n\n      två\n"
              "  body:\n    - Kommunstyrelsen beslutar")
    with pytest.raises(CaseError) as caught:
        prepare(workspace.cases / "KFKS-2024-00430.yaml", workspace)
    assert str(caught.value).splitlines() == [
        'cases/KFKS-2024-00430.yaml:49:7: decision.points[0]: skriv punkten utan "att" i början — med point_style: att '
        "skrivs ordet ut före varje punkt",
        "cases/KFKS-2024-00430.yaml:50:7: decision.points[1]: en beslutspunkt är ett stycke — dela texten i flera punkter",
    ]


def test_lists_take_the_bullet_of_the_organisations_profile(workspace):
    profile = workspace.templates / "nacka" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + 'bullet: "–"\n', encoding="utf-8")
    edit_case(workspace, "  - heading: Ärendet\n", "  - heading: Ärendet\n    body: |\n      - en punkt\n")
    memo = prepare(workspace.cases / "KFKS-2024-00430.yaml", workspace).memo
    [block] = [b for b in memo.body if isinstance(b, m.ItemList)]
    assert block == m.ItemList((m.ListItem((m.Paragraph((m.Span("en punkt"),)),)),), bullet="–")


def test_an_expression_in_a_text_cell_is_located_when_wrong(tmp_path):
    import shutil

    from memo.build import Workspace

    from .conftest import ROOT, STRUCTURES

    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "cases").mkdir()
    case = tmp_path / "cases" / STRUCTURES.name
    case.write_text(STRUCTURES.read_text(encoding="utf-8").replace("personal.avvikelse", "personal.avvikels"), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        prepare(case, Workspace(tmp_path))
    assert str(caught.value).splitlines() == [
        "cases/KFKS-2026-00011.yaml:33:28: tables.kostnader.rows[1].texts.kommentar: okänt namn kostnader.personal.avvikels "
        "i uttrycket — menade du kostnader.personal.avvikelse? (under kostnader.personal finns avvikelse, belopp, budget, "
        "prognos, utfall)"]


def test_a_decision_part_takes_the_decisions_point_style_unless_it_names_its_own(workspace):
    edit_case(workspace, "  body:\n    - Kommunstyrelsen beslutar",
              "  point_style: att\n  parts:\n    - heading: Del\n      points: [godkänna fördelningen.]\n"
              "  body:\n    - Kommunstyrelsen beslutar")
    body = prepare(workspace.cases / "KFKS-2024-00430.yaml", workspace).memo.body
    [points] = [b for b in body if isinstance(b, m.DecisionPoints)]
    assert points == m.DecisionPoints((m.Paragraph((m.Span("att\t"), m.Span("godkänna fördelningen."))),), numbered=False)


def test_percents_units_subtracting_and_varav_rows_are_decided_in_the_memo(table_rows):
    fees, net = [b for b in table_rows.memo.body if isinstance(b, m.Table)]
    assert fees.rows == (
        m.Row((m.Cell("Benämning"), m.Cell("Avgift 2025", "right"), m.Cell("Avgift 2026", "right"), m.Cell("Enhet"),
               m.Cell("Förändring", "right")), "header"),
        m.Row((m.Cell("Timavgift för tillsyn"), m.Cell("1\u00a0350", "right"), m.Cell("1\u00a0400", "right"),
               m.Cell("kronor/timme"), m.Cell("3,7\u00a0%", "right"))),
        m.Row((m.Cell("Årsavgift"), m.Cell("5\u00a0000", "right"), m.Cell("5\u00a0200", "right"), m.Cell("kronor"),
               m.Cell("4,0\u00a0%", "right"))),
    )
    assert [(row.kind, tuple(c.text for c in row.cells)) for row in net.rows[1:]] == [
        ("body", ("Kostnader", "12\u00a0500", "13\u00a0100", "4,8\u00a0%")),
        ("part", ("varav lokalhyra", "4\u00a0200", "4\u00a0350", "3,6\u00a0%")),
        ("body", ("Intäkter", "\u22123\u00a0100", "\u22123\u00a0300", "6,5\u00a0%")),
        ("part", ("varav avgifter", "\u22122\u00a0000", "\u22122\u00a0150", "7,5\u00a0%")),
        ("subtotal", ("Verksamhetens nettokostnad", "9\u00a0400", "9\u00a0800", "")),
        ("body", ("Kapitalkostnader", "600", "650", "8,3\u00a0%")),
        ("sum", ("Netto", "10\u00a0000", "10\u00a0450", "")),
    ]


def test_expressions_read_signed_amounts_and_percents_and_a_table_with_a_unit_per_row_has_no_sum(table_rows):
    assert m.Paragraph((m.Span("Nettokostnaden blir 10\u00a0450\u00a0tkr, efter intäkter på 3\u00a0300\u00a0tkr. "
                               "Timavgiften höjs med 3,7\u00a0procent."),)) in table_rows.memo.body
    from decimal import Decimal

    from memo.compute import compute_tables

    tables, _ = compute_tables(table_rows.case)
    context = expression_context(table_rows.case, tables)
    assert "sum" not in context["avgifter"] and context["netto"]["sum"]["budget_2026"] == Decimal("10450000")
    assert context["netto"]["intakter"]["budget_2026"] == Decimal("-3300000")
    assert context["avgifter"]["timavgift"]["forandring"] == Decimal("3.7")


SMALL_CASE = """organisation: nacka
dnr: KFKS-2024-00430
date: 2024-03-25
title: Ett litet ärende
tables:
  t:
    unit: tkr
    show_in: mkr
    min_decimals: 1
    unit_in_cells: true
    sum_label: Summa
    columns:
      - {id: a, label: Belopp}
      - {id: p, label: Andel, type: percent}
    rows:
      - {id: x, name: X, values: {a: "1 500", p: "12"}}
      - {id: z, name: Z, values: {a: "250", p: "3,25"}}
decision:
  body:
    - table: t
signatories:
  - {name: Anna Andersson, title: Direktör}
"""


def test_percents_keep_the_decimals_typed_in_their_column_not_the_tables_unit_or_sum(workspace):
    path = workspace.cases / "KFKS-2024-00430.yaml"
    path.write_text(SMALL_CASE, encoding="utf-8")
    [table] = [b for b in prepare(path, workspace).memo.body if isinstance(b, m.Table)]
    assert [tuple(c.text for c in row.cells) for row in table.rows] == [
        ("Benämning", "Belopp", "Andel"),
        ("X", "1,5\u00a0mkr", "12,00\u00a0%"),
        ("Z", "0,25\u00a0mkr", "3,25\u00a0%"),
        ("Summa", "1,75\u00a0mkr", ""),
    ]


def test_a_change_column_shows_one_decimal_in_rows_and_the_sum_row_and_follows_the_amounts(workspace):
    text = (SMALL_CASE.replace("      - {id: p, label: Andel, type: percent}\n",
                               "      - {id: b, label: Ny}\n"
                               "      - {id: p, label: Förändring, type: percent, change_of: [a, b]}\n")
            .replace('{a: "1 500", p: "12"}', '{a: "1 500", b: "1 560"}')
            .replace('{a: "250", p: "3,25"}', '{a: "250", b: "240"}'))
    path = workspace.cases / "KFKS-2024-00430.yaml"
    path.write_text(text, encoding="utf-8")
    [table] = [b for b in prepare(path, workspace).memo.body if isinstance(b, m.Table)]
    assert [tuple(c.text for c in row.cells)[3] for row in table.rows] == [
        "Förändring", "4,0\u00a0%", "\u22124,0\u00a0%", "2,9\u00a0%"]  # the sum: 1 750 -> 1 800
    path.write_text(text.replace('b: "1 560"', 'b: "1 650"'), encoding="utf-8")
    [table] = [b for b in prepare(path, workspace).memo.body if isinstance(b, m.Table)]
    assert table.rows[1].cells[3].text == "10,0\u00a0%"
