import io
from pathlib import Path

from memo.batch import Outcome
from memo.progress import Progress


def test_plain_lines_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(2, stream)
    progress.update(Outcome(Path("cases/A.yaml"), "built"))
    progress.update(Outcome(Path("cases/B.yaml"), "failed"))
    progress.close()
    assert stream.getvalue() == "A: byggt\nB: fel\n"


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_bar_on_a_terminal():
    stream = _Terminal()
    progress = Progress(1, stream)
    progress.update(Outcome(Path("cases/A.yaml"), "unchanged"))
    progress.close()
    assert "1/1" in stream.getvalue() and "A" in stream.getvalue()
