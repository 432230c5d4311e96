"""The case file's JSON Schema, for editors: the model's schema written the way case files are.

pydantic describes the validated model; a case file is written more freely. This module rewrites
the model's schema so that it accepts what `validate` accepts: any field plain, as
`{value, source, note}` or as `{disputed: {client, provider}, sources}`, or `unknown`; an event as
`never`; a duration as the text files use (`4h`, `4 business days`); an amount as a number or as
text with thousands separators. Unknown keys stay refused. Cross-field checks (a harm total that is
not the sum of its heads, a containment before the intrusion) are beyond a schema: `validate`
makes them. Every property keeps the description its model field gives it.
"""
from __future__ import annotations

import copy
import re

from facts.durations import _UNIT_WORDS
from facts.model import Case

UNKNOWN_WORD = {"type": "string", "pattern": "^\\s*[Uu][Nn][Kk][Nn][Oo][Ww][Nn]\\s*$",
                "description": "the record does not establish it"}
NEVER_WORD = {"type": "string", "pattern": "^\\s*[Nn][Ee][Vv][Ee][Rr]\\s*$",
              "description": "established: it did not happen"}
_UNITS = "|".join(sorted((re.escape(u) for u in _UNIT_WORDS), key=len, reverse=True))
DURATION = {"type": "string", "pattern": f"^\\s*\\d+\\s*({_UNITS})\\s*$",
            "description": "a duration: 30s, 15m, 4h, 30d, 2w, 1mo, 4 business days (4bd)",
            "examples": ["4h", "30d", "4 business days"]}
AMOUNT_TEXT = {"type": "string", "pattern": "^\\s*\\d[\\d,_]*(\\.\\d+)?\\s*$"}
TIMESTAMP = "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$"
SOURCE = {"type": "string", "description": "where the record says it (exhibit, page)"}


def case_schema() -> dict:
    schema = copy.deepcopy(Case.model_json_schema())
    defs = schema.get("$defs", {})
    defs.pop("Duration", None)
    for model in [schema, *defs.values()]:
        for name, prop in list((model.get("properties") or {}).items()):
            model["properties"][name] = _field(prop)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Faultline case file"
    schema["description"] = ("A Faultline case: raw facts only (what was promised, found and "
                             "happened). See docs/case-format.md.")
    return schema


def _value(prop: dict) -> dict:
    """The schema of a plain value of this field, in the forms case files write."""
    prop = _rewrite(prop)
    if isinstance(prop.get("additionalProperties"), dict):     # a mapping: each value sourced too
        prop["additionalProperties"] = _wrapped(prop["additionalProperties"])
    return prop


def _rewrite(node):
    if isinstance(node, list):
        return [_rewrite(n) for n in node]
    if not isinstance(node, dict):
        return node
    if node.get("$ref") == "#/$defs/Duration":
        return dict(DURATION)
    out = {k: _rewrite(v) for k, v in node.items()}
    if out.get("format") in ("date-time", "date") and out.get("type") == "string":
        out["pattern"] = TIMESTAMP
    options = out.get("anyOf")
    if isinstance(options, list):
        kinds = [o.get("type") for o in options if isinstance(o, dict)]
        if "number" in kinds and "string" in kinds:    # an amount
            out["anyOf"] = [o if o.get("type") != "string" else dict(AMOUNT_TEXT) for o in options]
        if "null" in kinds:                              # an event: 'never' is null
            out["anyOf"] = out["anyOf"] + [dict(NEVER_WORD)]
    return out


def _wrapped(value: dict) -> dict:
    plain = {k: v for k, v in value.items() if k not in ("description", "label", "title",
                                                          "default", "key_label", "item_label")}
    either = {"anyOf": [plain, UNKNOWN_WORD]}
    sourced = {"type": "object", "additionalProperties": False, "required": ["value"],
               "properties": {"value": either, "source": SOURCE,
                              "note": {"type": "string", "description": "a remark"}},
               "description": "the value with the exhibit it comes from"}
    disputed = {"type": "object", "additionalProperties": False, "required": ["disputed"],
                "properties": {
                    "disputed": {"type": "object", "additionalProperties": False,
                                 "properties": {"client": either, "provider": either},
                                 "description": "each party's version"},
                    "sources": {"type": "object", "additionalProperties": False,
                                "properties": {"client": SOURCE, "provider": SOURCE},
                                "description": "where each version comes from"}},
                "description": "a fact the parties dispute"}
    out = {"anyOf": [plain, UNKNOWN_WORD, sourced, disputed]}
    for key in ("description", "label", "title", "default", "key_label", "item_label"):
        if key in value:
            out[key] = value[key]
    return out


def _field(prop: dict) -> dict:
    value = _value(prop)
    if _is_record(value):
        return value    # a section or a list of records: its fields are written sourced, not it
    return _wrapped(value)


def _is_record(value: dict) -> bool:
    """A section (a model), a list of models, or a mapping: not itself written as a fact."""
    def ref(node):
        return isinstance(node, dict) and "$ref" in node
    options = value.get("anyOf", [value])
    return any(ref(o) or (isinstance(o, dict) and ref(o.get("items")))
               or (isinstance(o, dict) and o.get("type") == "object") for o in options)
