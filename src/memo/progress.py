"""A progress bar for batches on a terminal (tqdm); plain lines where output is not a terminal."""

from __future__ import annotations

import sys


class Progress:
    def __init__(self, total: int, stream=None):
        self.stream = stream or sys.stderr
        self.bar = None
        if self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=self.stream, unit="ärende", leave=False, mininterval=0)

    def update(self, outcome) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(outcome.path.stem)
            self.bar.update(1)
        else:
            print(f"{outcome.path.stem}: {STATUS[outcome.status]}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


STATUS = {"built": "byggt", "unchanged": "oförändrat", "failed": "fel"}
