from memo.verify import docx_text
from memo.writers.text import memo_lines, render_text


def test_text_writer_and_docx_writer_agree_line_for_line(nacka, nacka_docx):
    """Proof that the template adds no content: the docx body from the title on is the memo."""
    body = docx_text(nacka_docx).body
    start = body.index(nacka.memo.title)
    assert body[start:] == memo_lines(nacka.memo)
    assert body[:start] == ["2024-03-25", "TJÄNSTESKRIVELSE", "Dnr: KFKS-2024-00430"]


def test_terminal_view_starts_with_the_header_fields(nacka):
    text = render_text(nacka.memo)
    assert text.startswith("Nacka kommun\n2024-03-25\nTJÄNSTESKRIVELSE\nDnr: KFKS-2024-00430\n\nTrygghetspaketet 2024\n")
    assert text.endswith("Jan Landström\nBiträdande säkerhetschef\nSäkerhetsfunktionen\n")
