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
        line = f"error: {where}{self.message}"
        # one line, whatever the file or value held: control characters become visible escapes
        return "".join(c if c.isprintable() else (" " if c in "\n\r\t" else
                                                   c.encode("unicode_escape").decode())
                       for c in line)


def did_you_mean(word: str, choices) -> str:
    """' (did you mean 'x'?)' or '' — the hint click and OpenFisca give."""
    word, options = str(word), sorted(map(str, choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6 if "." in word else 0.5)
    if not close:
        close = [o for o in options if o.startswith(word) and len(word) >= 3][:1]
    if not close and "." in word:
        # a dotted key (weights.provider.triage): the nearest key with the same last part
        last = word.rsplit(".", 1)[1]
        tails = {o.rsplit(".", 1)[-1]: o for o in reversed(options)}
        near = difflib.get_close_matches(last, sorted(tails), n=1, cutoff=0.75)
        close = [tails[near[0]]] if near else []
    return f" (did you mean '{close[0]}'?)" if close else ""
