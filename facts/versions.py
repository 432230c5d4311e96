"""Every version of a disputed fact is a fact the case may hold: each party's version is validated
as if the case assumed it, so a version no run could use is refused when the file is read, not
counted later as an outcome that 'moves nothing'."""
from __future__ import annotations

from typing import Callable

from facts.annotations import Annotations, strip
from facts.errors import FaultlineInputError
from facts.safe_yaml import ParseError


def check_versions(raw: dict, notes: Annotations, name: str, default_version: str | None,
                   validate: Callable[[dict, str], object]) -> None:
    """Raise the one-line error of the first party's version that does not validate, naming the
    disputed field and the party."""
    for path in sorted(notes.disputes):
        for party in sorted(notes.disputes[path].versions):
            try:
                plain, _ = strip(raw, {path: party}, default_version)
                validate(plain, name)
            except (ParseError, FaultlineInputError) as exc:
                raise FaultlineInputError(name, exc.field or path,
                                          f"the {party}'s version: {exc.message}") from None
