"""Reading YAML and JSON so that a case file can never surprise us.

PyYAML's safe loader still accepts duplicate keys (the last silently wins), expands aliases without
limit (the 'billion laughs' bomb) and applies YAML 1.1 typing (`no` becomes false, `2025-01-01
10:00` a naive datetime). Case files are evidence: each of those would change a fact without
anyone noticing, so this loader refuses or neutralises all of them.
"""
from __future__ import annotations

import json
import re

import yaml

MAX_ALIASES = 100
MAX_DEPTH = 64


class ParseError(ValueError):
    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(message)


class _CaseLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, no implicit timestamps, unique keys, bounded aliases."""

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise ParseError("", f"more than {MAX_ALIASES} YAML aliases; a case file does not "
                                     f"need them (possible alias bomb)")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ParseError("", f"nesting deeper than {MAX_DEPTH} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise ParseError("", f"line {key_node.start_mark.line + 1}: mapping keys must be "
                                     f"plain words")
            if key in seen:
                raise ParseError(str(key), f"duplicate key {key!r} at line "
                                           f"{key_node.start_mark.line + 1}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Rebuild the implicit resolvers: keep YAML 1.1's ints, floats and nulls, but take booleans from
# YAML 1.2 (true/false only) and leave timestamps as text for our own zone-aware parser.
_CaseLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CaseLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"),
                                  list("tf"))


def _json_pairs(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise ParseError(key, f"duplicate key {key!r}")
        seen.add(key)
    return dict(pairs)


def parse_text(text: str, kind: str) -> object:
    """Parse YAML or JSON text; raises ParseError with a one-line message."""
    try:
        if kind == "json":
            return json.loads(text, object_pairs_hook=_json_pairs,
                              parse_constant=lambda c: _reject_constant(c))
        return yaml.load(text, Loader=_CaseLoader)  # noqa: S506 (a SafeLoader subclass)
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("", f"nesting too deep to be a case file") from None
    except json.JSONDecodeError as exc:
        raise ParseError("", f"not valid JSON: {exc.msg} at line {exc.lineno} column "
                             f"{exc.colno}") from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise ParseError("", f"YAML tag not allowed at line {mark.line + 1}: "
                             f"{_first_line(exc.problem)}; case files hold plain data") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = _first_line(getattr(exc, "problem", None) or str(exc))
        raise ParseError("", f"not valid YAML{where}: {problem}") from None


def parse_scalar(text: str) -> object:
    """A command-line value, typed as the case file would type it (`no` stays text)."""
    value = parse_text(text, "yaml")
    return text if value is None and text.strip() not in ("null", "~", "") else value


def _reject_constant(name: str):
    raise ParseError("", f"{name} is not a number a case file may hold")


def _first_line(text: object) -> str:
    return str(text).strip().splitlines()[0] if str(text).strip() else "unknown problem"
