"""Property-based: any text a case can hold gives a located error or a verified document.

Hypothesis writes case files with arbitrary Unicode (control characters, lone
surrogates, markup characters, Jinja-like text, very long words) into the title,
a heading, a body, a table row and a signatory. Each must either be refused with
located messages, or build a document that passes the verification ladder and
carries the plain fields exactly. MEMO_FUZZ_EXAMPLES sets the number of examples
(500 in `make test`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from memo.build import Workspace, prepare
from memo.errors import CaseError
from memo.verify import docx_text, verify_docx
from memo.writers.docx import render_docx

from .conftest import ROOT

EXAMPLES = int(os.environ.get("MEMO_FUZZ_EXAMPLES", "500"))
LOCATED = re.compile(r"cases/KFKS-2024-00001\.yaml:\d+:\d+: ")

MARKUP = (["&", "<", ">", "&amp;", '"', "'", "*", "_", "**", "#", "- ", "1. ", "\\", "}}", "%}",
                          "{{ date }}", "{{ '{{' }}", "<w:t>", "]]>", "\n", "\n\n", "\t", " ", "\u00ad",
                          "\u2011", "\u00a0", "😀", "ä", "\u200b", "\r\n", "\u202e", "ﬁ"])
markup = st.sampled_from(MARKUP)
valid_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
# Rarely: what must be refused (control characters, lone surrogates, unknown names, broken tags).
INVALID = ["\x00", "\x0b", "\ud800", "\ufffe", "{{ nope }}", "{{", "{%", "\n"]


def sometimes_invalid(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """About one value in twelve gets something that must be refused, at a random place."""
    spoil = st.tuples(st.integers(0, 11), st.sampled_from(INVALID), st.integers(0, 1000))
    return st.tuples(text, spoil).map(lambda ts: ts[0] if ts[1][0] else ts[0][:ts[1][2]] + ts[1][1] + ts[0][ts[1][2]:])


pieces = st.one_of(valid_text, markup, st.text(alphabet="abcåäö", min_size=200, max_size=1500))
texts = sometimes_invalid(st.lists(pieces, min_size=1, max_size=8).map("".join))
# Titles, headings and names are single lines, not too long.
line_pieces = st.one_of(valid_text.map(lambda t: " ".join(t.split()) or "x"),
                        st.sampled_from([m for m in MARKUP if "\n" not in m]),
                        st.text(alphabet="abcåäö", min_size=20, max_size=120))
lines = sometimes_invalid(st.lists(line_pieces, min_size=1, max_size=4).map("".join))

CASE = """\
organisation: nacka
dnr: KFKS-2024-00001
date: 2024-03-25
title: {title}
tables:
  t:
    columns:
      - {{id: a, label: Belopp}}
    rows:
      - id: r
        name: {row}
        values: {{a: "1 000"}}
decision:
  body:
    - {body}
    - table: t
sections:
  - heading: {heading}
signatories:
  - name: {name}
    title: Chef
"""


def yaml_string(text: str) -> str:
    # JSON strings are YAML double-quoted strings; lone surrogates come out as \\udXXX escapes.
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "templates" / "nacka", root / "templates" / "nacka")
    (root / "cases").mkdir()
    return root


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(title=lines, row=lines, body=texts, heading=lines, name=lines)
def test_any_text_gives_a_located_error_or_a_verified_document(fuzz_root, title, row, body, heading, name):
    root = fuzz_root
    path = root / "cases" / "KFKS-2024-00001.yaml"
    path.write_text(CASE.format(title=yaml_string(title), row=yaml_string(row), body=yaml_string(body),
                                heading=yaml_string(heading), name=yaml_string(name)),
                    encoding="utf-8", errors="surrogatepass")
    workspace = Workspace(root)
    try:
        prepared = prepare(path, workspace)
    except CaseError as exc:
        assert exc.lines() and all(LOCATED.match(line) for line in exc.lines()), exc.lines()
        event("refused with located messages")
        return
    event("built and verified")
    data = render_docx(prepared.memo, prepared.organisation.template)
    verify_docx(data, prepared.memo)  # zip, strict XML, the document's text is the memo's
    body = docx_text(data).body
    assert prepared.case.title in body and prepared.case.signatories[0].name in body
    assert prepared.case.title == title.replace("\r\n", "\n").replace("\r", "\n").strip()
    row_line = next(line for line in body if line.endswith("\t1\u00a0000"))
    assert row_line == f"{prepared.case.tables['t'].rows[0].name}\t1\u00a0000"
