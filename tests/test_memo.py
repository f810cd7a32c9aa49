from memo.memo import Paragraph, Span


def test_paragraph_text_joins_its_spans():
    assert Paragraph((Span("a "), Span("b", bold=True), Span("\n"), Span("c"))).text == "a b\nc"
