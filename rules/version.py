"""The rule base's version: the release number plus a hash of everything that decides a result
(rule sources, parameters, jurisdiction data), so a report names exactly what produced it."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from facts.inputs import MAX_PACKAGE_BYTES, read_input

FAULTLINE_VERSION = "0.1.0"
_ROOT = Path(__file__).parent


@lru_cache(maxsize=1)
def rulebase_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in _ROOT.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml")
                       and "__pycache__" not in p.parts):
        digest.update(path.relative_to(_ROOT).as_posix().encode())
        digest.update(read_input(path, "rule base file", MAX_PACKAGE_BYTES).replace(b"\r\n", b"\n"))
    return f"{FAULTLINE_VERSION}+{digest.hexdigest()[:12]}"
