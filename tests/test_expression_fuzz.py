"""Generated expressions (names, operators, filters, literals, nesting) end in a memo text or a
located message, in bounded time and memory. MEMO_FUZZ_EXAMPLES raises the count (default 500)."""

from __future__ import annotations

import os
import resource
import time
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from memo.expressions import MAX_TEXT, ExpressionError, Filter, make_environment, render_expressions

ENV = make_environment({
    "kr": Filter(lambda value: f"{value} kr", "belopp", "{{ belopp | kr }}"),
    "long_date": Filter(lambda value: value.isoformat(), "datum", "{{ date | long_date }}"),
})
CONTEXT = {"t": {"rad": {"a": Decimal("1.5"), "b": Decimal("-2")}, "sum": {"a": Decimal("3")}},
           "title": "Budget 2024", "date": date(2024, 3, 25), "n": 7}
EXAMPLES = int(os.environ.get("MEMO_FUZZ_EXAMPLES", "500"))

names = st.sampled_from(["t.rad.a", "t.rad.b", "t.sum.a", "t['rad']['a']", "title", "date", "n", "t", "t.rad",
                         "t.nej", "okänd", "self", "t.items", "t.__class__", "loop", "range", "cycler"])
numbers = st.one_of(st.integers(-10**30, 10**30).map(str), st.sampled_from(["0", "1.5", "1e300", "0.1", "99", "-0"]))
strings = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="'\\{}%#\r"), max_size=8).map(lambda s: f"'{s}'"),
    st.sampled_from(["'\\x0c'", "'\\x00'", "'\\ud800'", "'%0999999999d'", "'{:>9999}'", "'{{'", "'x'"]),
)
filters = st.sampled_from(["kr", "abs", "round", "round(1)", "round(99)", "round(1, 'ceil')", "long_date", "nope",
                           "list", "center(99999999)", "format(1)"])
binary = st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "~", "<", ">", "==", "!=", "and", "or", "in"])
methods = st.sampled_from([".center(10**9)", ".items()", ".upper()", ".zfill(10**8)", ".__class__", "[0]", "[1:]",
                           "(1)", ".format(1)"])


def extend(inner):
    return st.one_of(
        st.tuples(inner, binary, inner).map(lambda p: f"{p[0]} {p[1]} {p[2]}"),
        inner.map(lambda e: f"({e})"),
        inner.map(lambda e: f"-{e}"),
        inner.map(lambda e: f"not {e}"),
        st.tuples(inner, filters).map(lambda p: f"{p[0]} | {p[1]}"),
        st.tuples(inner, methods).map(lambda p: f"{p[0]}{p[1]}"),
        st.tuples(inner, inner, inner).map(lambda p: f"{p[0]} if {p[1]} else {p[2]}"),
        st.lists(inner, max_size=3).map(lambda items: f"[{', '.join(items)}]"),
    )


expressions = st.recursive(st.one_of(names, numbers, strings), extend, max_leaves=12)
texts = st.tuples(st.sampled_from(["", "Text ", "Rad ett\nrad två "]), expressions,
                  st.sampled_from(["", " mer", " {{ title }}", " {# x #}", " {% if 1 %}x{% endif %}", " {{"])).map(
    lambda p: f"{p[0]}{{{{ {p[1]} }}}}{p[2]}")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_a_generated_expression_gives_a_text_or_located_messages_in_bounded_time_and_memory(source):
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()  # CPU time: what the expression costs, whatever else the machine runs
    try:
        result = render_expressions(ENV, source, CONTEXT)
    except ExpressionError as exc:
        assert exc.errors
        for line, message in exc.errors:
            assert 0 <= line <= source.count("\n")
            assert message.startswith(("uttrycket", "okänt", "filtret", "namnet", "{% … %}", "{# … #}")), message
            assert "Traceback" not in message and "object at 0x" not in message
    else:
        assert isinstance(result, str) and len(result) <= 2 * MAX_TEXT + len(source)
        assert "object at 0x" not in result and "<built-in" not in result
    assert time.process_time() - start < 1.5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before < 200_000  # KiB
