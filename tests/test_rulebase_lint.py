"""The rule base is complete and consistent: unique well-formed ids, full legal metadata, every
narrative placeholder supplied, every parameter a rule uses defined with a description and a
source."""
from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT

ID_FORMAT = re.compile(r"^[A-Z]+-\d{3}$")
RULE_SOURCES = sorted((ROOT / "rules").rglob("*.py"))
PARAMETERS = yaml.safe_load((ROOT / "rules" / "data" / "parameters.yaml").read_text("utf-8"))
CASES = [*EXAMPLES, ROOT / "tests" / "allocation" / "minimal-case.yaml",
         ROOT / "tests" / "bad_inputs" / "base-valid.yaml"]


@pytest.fixture(scope="module")
def registry():
    import importlib
    import pkgutil

    import rules
    from rules.base import REGISTRY
    for module in pkgutil.walk_packages(rules.__path__, "rules."):
        importlib.import_module(module.name)
    return [REGISTRY[k] for k in sorted(REGISTRY)]


@pytest.fixture(scope="module")
def results():
    from engine.analyze import analyze
    from facts.loader import load_case
    return {path.stem: analyze(load_case(path)) for path in CASES}


def test_rule_ids_are_unique_across_the_source():
    # the registry is a dict, so a duplicate could hide; count the declarations themselves
    declared = Counter(m for path in RULE_SOURCES
                       for m in re.findall(r"@rule\(\s*\"([^\"]+)\"", path.read_text("utf-8")))
    assert declared, "no rules found"
    assert not [i for i, n in declared.items() if n > 1], declared.most_common(3)


def test_rules_read_facts_only_through_the_recording_context(registry):
    """Every read a rule makes must be recorded: the trace's premises and the sweep's replay
    (engine/replay.py) depend on it. So rule code never reaches past the context."""
    from types import SimpleNamespace
    from engine.context import Firing, RuleContext
    spec = registry[0]
    context = RuleContext(SimpleNamespace(case="the case"), spec, Firing(spec), None)
    assert not hasattr(context, "case")
    offending = [f"{path.relative_to(ROOT)}:{number}"
                 for path in sorted((ROOT / "rules").rglob("*.py"))
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if re.search(r"\._engine\b|\._firing\b|\bc\.case\b|\bctx\.case\b", line)]
    assert offending == []


def test_rule_ids_have_the_area_number_format(registry):
    bad = [r.id for r in registry if not ID_FORMAT.match(r.id)]
    assert not bad, bad


def test_every_rule_has_complete_metadata(registry):
    from rules.base import AREAS
    missing = []
    for r in registry:
        for field in ("title", "area", "authority", "principle", "narrative", "narrative_not",
                      "concludes", "party", "burden", "standard"):
            if not str(getattr(r, field) or "").strip():
                missing.append(f"{r.id}.{field}")
        if r.area not in AREAS:
            missing.append(f"{r.id}.area={r.area}")
    assert not missing, missing


def test_authorities_are_not_placeholders(registry):
    weak = [r.id for r in registry
            if len(r.authority.strip()) < 12 or re.search(r"\b(TODO|TBD|XXX|FIXME)\b|\?\?",
                                                          r.authority)]
    assert not weak, weak


def test_narrative_placeholders_are_well_formed(registry):
    import string
    bad = []
    for r in registry:
        for text in (r.narrative, r.narrative_not):
            try:
                list(string.Formatter().parse(text))
            except ValueError as exc:
                bad.append(f"{r.id}: {exc}")
    assert not bad, bad


@pytest.mark.parametrize("name", [p.stem for p in CASES])
def test_no_finding_summary_has_a_missing_value(results, name):
    gaps = [(f["id"], f["rule"], m) for f in results[name]["findings"]
            for m in re.findall(r"\[[A-Za-z_][A-Za-z0-9_]*\?\]", f.get("summary") or "")]
    assert not gaps, f"narrative placeholders left unfilled: {gaps}"


def test_every_parameter_is_described_and_sourced():
    bad = [key for key, entry in PARAMETERS.items()
           if not isinstance(entry, dict) or "value" not in entry
           or not str(entry.get("description") or "").strip()
           or not str(entry.get("source") or "").strip()]
    assert not bad, bad


def test_every_parameter_key_named_in_the_rules_exists():
    # literal keys passed to c.param(...) and keys in weight tables ("weights.breach.triage")
    named = set()
    for path in RULE_SOURCES:
        text = path.read_text("utf-8")
        named |= set(re.findall(r"param\(\s*\"([^\"]+)\"", text))
        named |= set(re.findall(r"\"((?:weights|multiplier|threshold|default|pathway)"
                                r"\.[a-z0-9_]+(?:\.[a-z0-9_-]+)*)\"", text))
    missing = sorted(k for k in named if k not in PARAMETERS)
    assert not missing, f"rules name parameters that parameters.yaml lacks: {missing}"


def test_every_parameter_a_run_reads_exists(results):
    read = {key for result in results.values() for step in result["trace"]
            for key in step.get("parameters") or []}
    assert read, "no run recorded a parameter read"
    missing = sorted(k for k in read if k not in PARAMETERS)
    assert not missing, missing
