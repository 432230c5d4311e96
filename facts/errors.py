"""Errors a user can act on. Each knows its file and field; the CLI turns them into one line and
exit code 2."""
from __future__ import annotations

import difflib


class FaultlineInputError(Exception):
    """Bad input: a case file, overlay, parameters file or command-line value."""

    exit_code = 2

    def __init__(self, file: str, field: str, message: str):
        self.file, self.field, self.message = str(file), field, message
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.file}: {self.field}: " if self.field else f"{self.file}: "
        return f"error: {where}{self.message}".replace("\n", " ")


def did_you_mean(word: str, choices) -> str:
    """' (did you mean 'x'?)' or '' — the hint click and OpenFisca give."""
    close = difflib.get_close_matches(str(word), sorted(map(str, choices)), n=1, cutoff=0.5)
    return f" (did you mean '{close[0]}'?)" if close else ""
