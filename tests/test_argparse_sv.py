import argparse

from memo import argparse_sv


def test_every_translated_text_is_one_argparse_prints():
    """A text argparse no longer uses would silently stay English: each key must be in argparse's source."""
    import inspect

    source = inspect.getsource(argparse)
    for english in argparse_sv.TEXTS:
        assert repr(english)[1:-1] in source or english in source, english


def test_install_translates_errors(capsys):
    argparse_sv.install()
    parser = argparse.ArgumentParser(prog="x")
    parser.add_argument("a")
    try:
        parser.parse_args([])
    except SystemExit:
        pass
    assert capsys.readouterr().err == "användning: x [-h] a\nx: fel: de här argumenten saknas: a\n"
