"""Accessibility of what memo makes: a lint that says what is wrong, where, and which criterion it breaks.

``lint_docx`` checks a .docx (a built memo or a template); ``linting`` runs it on cases,
files and templates for ``memo lint``, ``memo build`` and ``memo check``.
"""
