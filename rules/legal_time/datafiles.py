"""Reading the package's own legal data (jurisdiction profiles, fault regimes) strictly.

The data files are trusted, but a duplicated key would silently replace a deadline and YAML 1.1
would read `no` as false; a legal table must fail loudly instead (CONVENTIONS.md, library notes).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MAX_ALIASES = 20


class DataFileError(ValueError):
    """A package data file is malformed: names the file and what is wrong."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with unique keys, bounded aliases, YAML 1.2 booleans and no implicit dates."""

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.YAMLError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"),
                                    list("tf"))


def load_yaml(path: Path) -> object:
    """Parse one data file, turning any YAML problem into a DataFileError naming the file."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_StrictLoader)  # noqa: S506 - strict SafeLoader subclass
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: {exc}") from None
