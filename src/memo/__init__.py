"""memo: Swedish municipal memos from case files."""

__version__ = "0.1.0"
