"""Reading the package's own legal data (jurisdiction profiles, fault regimes) strictly.

The data files are trusted, but a duplicated key would silently replace a deadline and YAML 1.1
would read `no` as false; a legal table must fail loudly instead (CONVENTIONS.md, library notes).
"""
from __future__ import annotations

from pathlib import Path

import yaml

from facts.safe_yaml import use_yaml12_scalars

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class DataFileError(ValueError):
    """A package data file is malformed: names the file and what is wrong."""


# The C parser when PyYAML has it: these files are read at every start, and the pure-Python
# parser is several times slower. Both share SafeConstructor, so the checks below hold for both.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):
    """Safe loading with unique keys, YAML 1.2 booleans and no implicit dates. (Aliases are not
    bounded here as they are for case files: these are the package's own reviewed files.)"""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.YAMLError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


use_yaml12_scalars(_StrictLoader)


def load_yaml(path: Path) -> object:
    """Parse one data file, turning any YAML problem into a DataFileError naming the file."""
    from facts.errors import FaultlineInputError
    from facts.inputs import MAX_PACKAGE_BYTES, read_input
    try:
        text = read_input(path, "data file", MAX_PACKAGE_BYTES).decode("utf-8")
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - strict SafeLoader subclass
    except (FaultlineInputError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: {exc}") from None
