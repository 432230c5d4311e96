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

MAX_ALIASES = 10_000   # an anchor reused for many facts is fine; MAX_NODES bounds a bomb
MAX_DEPTH = 64
MAX_NODES = 200_000   # values in the file once every alias is expanded (a big case has ~5,000)
# Digits in a whole number. Python refuses to convert more than 4,300 (a guard against quadratic
# parsing) with an exception of its own; no count or amount in a case needs more than a few dozen.
MAX_INT_DIGITS = 40


class ParseError(ValueError):
    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(message)


def _fastest_safe_base() -> type:
    """SafeLoader's parts with libyaml's scanner and parser where PyYAML was built with it (about
    ten times faster on a case file), else SafeLoader itself. Composition stays PyYAML's own
    Python composer in both, so the alias, depth and node checks below run on every node the same
    way; the constructor is SafeConstructor in both."""
    try:
        from yaml.cyaml import CParser
    except ImportError:
        return yaml.SafeLoader

    class _LibyamlSafeLoader(yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor,
                             yaml.resolver.Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    return _LibyamlSafeLoader


class _CaseChecks:
    """SafeLoader with YAML 1.2 booleans, no implicit timestamps, unique keys, bounded aliases."""

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise ParseError("", f"more than {MAX_ALIASES:,} YAML aliases (line "
                                     f"{mark.line + 1}), a possible alias bomb; a case file "
                                     f"needs far fewer")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise ParseError("", f"nesting deeper than {MAX_DEPTH} levels at line {mark.line + 1}"
                                 f" column {mark.column + 1}; a case file is a few levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_document(self, node):
        # Check the composed node graph before building anything from it: duplicate keys (with
        # the full field path), and the size the data would have once aliases are expanded.
        _check_nodes(node)
        return super().construct_document(node)

    def construct_mapping(self, node, deep=False):
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise ParseError("", f"line {key_node.start_mark.line + 1}: a mapping key must be "
                                     f"a plain word; got {type(key).__name__}")
        return super().construct_mapping(node, deep=deep)


def _node_key(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _item_path(parent: str, index: int, node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if _node_key(key_node) == "id" and isinstance(value_node, yaml.ScalarNode) \
                    and value_node.value:
                return f"{parent}[{value_node.value}]"
    return f"{parent}[{index}]"


_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "seq",
                                                    "map")}


def _check_text(text: str, path: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ParseError(path, "text holds an invalid Unicode escape (a lone surrogate); "
                               "expected ordinary text") from None


def _check_digits(text: str, path: str) -> None:
    digits = sum(ch.isalnum() for ch in text)
    if digits > MAX_INT_DIGITS:
        raise ParseError(path, f"a whole number of {digits:,} digits; expected at most "
                               f"{MAX_INT_DIGITS}")


def _check_nodes(root: yaml.Node) -> None:
    sizes: dict[int, int] = {}   # id(node) -> expanded size, so shared (aliased) nodes count once

    def size(node: yaml.Node, path: str, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise ParseError(path, f"nesting deeper than {MAX_DEPTH} levels; a case file is "
                                   f"a few levels deep")
        known = sizes.get(id(node))
        if known is not None:
            if known < 0:
                raise ParseError(path, "a YAML alias refers to a mapping or list that contains "
                                       "it; expected plain (non-recursive) case data")
            return known
        sizes[id(node)] = -1  # in progress: meeting it again below means the data loops
        total = 1
        if node.tag not in _PLAIN_TAGS:
            raise ParseError(path, f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')!r} "
                                   f"not allowed at line {node.start_mark.line + 1}; case files "
                                   f"hold plain data (text, numbers, true/false, lists, mappings)")
        if isinstance(node, yaml.ScalarNode):
            _check_text(node.value, path)
            if node.tag == "tag:yaml.org,2002:int":
                _check_digits(node.value, path)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = _node_key(key_node)
                child = f"{path}.{key}" if path else str(key)
                size(key_node, child, depth + 1)
                if key is not None:
                    if key in seen:
                        raise ParseError(child, f"duplicate key {key!r} at line "
                                                f"{key_node.start_mark.line + 1}; each key may "
                                                f"appear once in a mapping")
                    seen.add(key)
                total += size(value_node, child, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                total += size(item, _item_path(path, index, item), depth + 1)
        if total > MAX_NODES:
            raise ParseError(path, f"expands to more than {MAX_NODES:,} values once YAML aliases "
                                   f"are resolved (an alias bomb?); expected plain case data")
        sizes[id(node)] = total
        return total

    size(root, "", 0)


def use_yaml12_scalars(loader: type) -> type:
    """Rebuild a loader's implicit resolvers: keep YAML 1.1's ints, floats and nulls, but take
    booleans from YAML 1.2 (true/false only, so `no` stays text) and leave timestamps as text
    for our own zone-aware parser. Shared by case files and the package's legal data."""
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"),
                                 list("tf"))
    return loader


def _case_loader(base: type) -> type:
    return use_yaml12_scalars(type("_CaseLoader", (_CaseChecks, base), {}))


_CaseLoader = _case_loader(_fastest_safe_base())
_PurePythonCaseLoader = _case_loader(yaml.SafeLoader)   # the same checks on PyYAML's own parser


class _LongInteger(str):
    """A JSON integer with too many digits to convert; refused with its path after parsing."""


def _json_int(text: str) -> int | _LongInteger:
    return _LongInteger(text) if len(text) > MAX_INT_DIGITS else int(text)


class _Duplicate(dict):
    """A JSON object that repeated a key; found with its path after parsing."""
    key = ""


def _json_pairs(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            marked = _Duplicate(pairs)
            marked.key = key
            return marked
        seen.add(key)
    return dict(pairs)


def _check_json(node: object, path: str = "", depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ParseError(path, f"nesting deeper than {MAX_DEPTH} levels; a case file is a few "
                               f"levels deep")
    if isinstance(node, _Duplicate):
        child = f"{path}.{node.key}" if path else node.key
        raise ParseError(child, f"duplicate key {node.key!r}; each key may appear once in an "
                                f"object")
    if isinstance(node, _LongInteger):
        _check_digits(node, path)
    if isinstance(node, str):
        _check_text(node, path)
    if isinstance(node, dict):
        for key, value in node.items():
            _check_text(key, path)
            _check_json(value, f"{path}.{key}" if path else key, depth + 1)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            ident = item.get("id") if isinstance(item, dict) else None
            _check_json(item, f"{path}[{ident if isinstance(ident, str) and ident else index}]",
                        depth + 1)


def parse_text(text: str, kind: str) -> object:
    """Parse YAML or JSON text; raises ParseError with a one-line message."""
    try:
        if kind == "json":
            data = json.loads(text, object_pairs_hook=_json_pairs, parse_int=_json_int,
                              parse_constant=lambda c: _reject_constant(c))
            _check_json(data)
            return data
        return yaml.load(text, Loader=_CaseLoader)  # a SafeLoader built of safe parts
    except ParseError:
        raise
    except RecursionError:
        # (Python 3.11's json module gives up here; 3.13's reaches _check_json's own limit.)
        raise ParseError("", f"nesting deeper than {MAX_DEPTH} levels; a case file is a few "
                             f"levels deep") from None
    except json.JSONDecodeError as exc:
        raise ParseError("", f"not valid JSON at line {exc.lineno} column {exc.colno}: "
                             f"{exc.msg}; expected a JSON object") from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise ParseError("", f"YAML tag not allowed at line {mark.line + 1}: "
                             f"{_first_line(exc.problem)}; case files hold plain data (text, "
                             f"numbers, lists, mappings)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = _first_line(getattr(exc, "problem", None) or str(exc))
        raise ParseError("", f"not valid YAML{where}: {problem}; expected a YAML mapping of "
                             f"sections") from None


def parse_scalar(text: str) -> object:
    """A command-line value, typed as the case file would type it (`no` stays text)."""
    value = parse_text(text, "yaml")
    return text if value is None and text.strip() not in ("null", "~", "") else value


def _reject_constant(name: str):
    raise ParseError("", f"{name} is not a number a case file may hold")


def _first_line(text: object) -> str:
    return str(text).strip().splitlines()[0] if str(text).strip() else "unknown problem"
