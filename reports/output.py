"""Writing outputs so that nothing the user had is lost: a temporary file in the target folder,
then an atomic rename; never over an input file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from facts.errors import FaultlineInputError


def write_atomic(target: str | Path, data: str | bytes, inputs: tuple[str | Path, ...] = ()) -> None:
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FaultlineInputError(str(target), "", f"the folder {str(folder)!r} does not exist")
    if target.is_dir():
        raise FaultlineInputError(str(target), "", "is a directory; give a file name")
    resolved = target.resolve()
    for source in inputs:
        if source and Path(source).exists() and Path(source).resolve() == resolved:
            raise FaultlineInputError(str(target), "", "refusing to write the output over an "
                                                       "input file")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
