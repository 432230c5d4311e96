"""`cli.py schema` accepts every bundled example, every case file under tests/ and every scenario's
case, refuses what validate refuses in form (unknown keys, values outside a list, malformed
durations, amounts and times), and describes every property. Checked with the jsonschema library."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from facts.loader import read_raw
from facts.schema import case_schema
from tests.casefmt.support import base_raw
from tests.conftest import ROOT

SCHEMA = case_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
CASES = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "tests" / "bad_inputs" /
                                                        "base-valid.yaml"]


def _as_json(raw: dict) -> dict:
    """The data as an editor sees it: JSON text (YAML timestamps and dates become text)."""
    return json.loads(json.dumps(raw, default=lambda v: v.isoformat()))


def _errors(raw: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
            for e in VALIDATOR.iter_errors(_as_json(raw))]


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_every_bundled_case_is_accepted(path: Path):
    assert _errors(read_raw(path)) == []


def test_every_scenario_case_is_accepted():
    from tests.test_scenarios import SCENARIOS, load
    from facts.overlay import apply_set, merge
    for path in SCENARIOS:
        data = load(path)
        raw = read_raw(ROOT / "examples" / f"{data['base']}.yaml")
        if data.get("overlay"):
            raw = merge(raw, data["overlay"])
        for key, value in (data.get("set") or {}).items():
            raw = apply_set(raw, key, value)
        assert _errors(raw) == [], path.name


@pytest.mark.parametrize("change, where", [
    (lambda r: r["incident"].__setitem__("vectr", {}), "vectr"),
    (lambda r: r["contract"].__setitem__("control_level", "total"), "control_level"),
    (lambda r: r["contract"]["sla"].__setitem__("detection", "four hours"), "detection"),
    (lambda r: r["incident"]["harm"].__setitem__("total", "lots"), "total"),
    (lambda r: r["incident"]["timeline"].__setitem__("intrusion_start", "yesterday"),
     "intrusion_start"),
    (lambda r: r["incident"]["timeline"].__setitem__("intrusion_start", "never"),
     "intrusion_start"),
    (lambda r: r["contract"]["responsibilities"].__setitem__("coffee", "client"),
     "responsibilities"),
    (lambda r: r["incident"]["statements"][0].__setitem__("relied_on", "yes"), "relied_on"),
    (lambda r: r["contract"].__setitem__("engagement", [{"type": "espionage"}]), "engagement"),
    (lambda r: r["contract"].__setitem__("shared_parts", {"coffee": {"provider": "a",
                                                                     "client": "b"}}),
     "shared_parts"),
    (lambda r: r["contract"].__setitem__("shared_parts", {"mfa": {"provider": "a", "client": "b",
                                                                  "assets": {"vpn": "vendor"}}}),
     "assets"),
    (lambda r: r["contract"].__setitem__("shared_parts", {"mfa": {"provider": "a"}}),
     "shared_parts"),
    (lambda r: r["audit"]["findings"][0].__setitem__("category", "procedure"), "category"),
    (lambda r: r["audit"]["findings"][0].__setitem__("known_since", "last year"), "known_since"),
    (lambda r: r["incident"]["vector"].__setitem__("also", ["espionage"]), "also"),
    (lambda r: r["incident"]["timeline"].__setitem__("discovered_by", "the vendor"),
     "discovered_by"),
    (lambda r: r["incident"]["timeline"].__setitem__("vendor_advisory", {"by": "vendor:x"}),
     "vendor_advisory"),
    (lambda r: r["incident"]["timeline"].__setitem__("active_after_containment", "later"),
     "active_after_containment"),
])
def test_what_validate_refuses_in_form_the_schema_refuses(change, where, tmp_path):
    from click.testing import CliRunner
    from cli import cli
    raw = base_raw("harborview-missed-alerts")
    change(raw)
    errors = _errors(raw)
    assert errors and any(where in e for e in errors), errors
    path = tmp_path / "case.json"
    path.write_text(json.dumps(_as_json(raw)), encoding="utf-8")
    assert CliRunner().invoke(cli, ["validate", str(path)]).exit_code == 2


def test_unknown_sourced_and_disputed_forms_are_accepted():
    raw = base_raw("harborview-missed-alerts")
    raw["incident"]["timeline"]["containment"] = "unknown"
    raw["incident"]["timeline"]["provider_detection"] = {"value": "unknown", "source": "Ex. 3"}
    raw["client_governance"]["segmentation"] = {"disputed": {"client": True, "provider": False},
                                                "sources": {"client": "Ex. 1", "provider": "Ex. 2"}}
    raw["contract"]["responsibilities"]["backup"] = {"value": "shared", "source": "RACI"}
    assert _errors(raw) == []


def _properties(node, path=""):
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{path}.{name}", prop
        for key, value in node.items():
            if key != "properties":
                yield from _properties(value, path)
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, path)


def test_every_property_has_a_description():
    missing = sorted({p for p, prop in _properties(SCHEMA["$defs"]) if not prop.get("description")}
                     | {p for p, prop in _properties({"properties": SCHEMA["properties"]})
                        if not prop.get("description")})
    assert not missing, missing


def test_the_command_prints_this_schema():
    from click.testing import CliRunner
    from cli import cli
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0 and json.loads(result.stdout) == SCHEMA
