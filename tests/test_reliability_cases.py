"""Every input of the reliability review (tests/reliability_cases/, each with a `.reason` saying what
broke) run as a user runs it: exit 0 with the right output, or exit 2 with one line naming the file
and the field. Cases a neighbouring test already runs are named with that test, and that test must
name the case."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT

CASES = ROOT / "tests" / "reliability_cases"
MINIMAL = "repro-minimal-notriage.yaml"

# case file -> (command and options before/after the file, words the one error line holds)
REFUSED = {
    "repro-bigint.yaml": (["analyze", "{f}", "--format", "json"],
                          ["incident.harm.records_affected", "5,000 digits", "at most 40"]),
    "repro-bigint.json": (["validate", "{f}"],
                          ["incident.harm.records_affected", "5,000 digits", "at most 40"]),
    "repro-year9999-escalated.yaml": (["analyze", "{f}", "--format", "json"],
                                      ["incident.alerts[AL-1012].escalated_at", "1900-2199"]),
    "repro-year9999-client-notified.yaml": (["analyze", "{f}", "--format", "json"],
                                            ["incident.timeline.client_notified", "1900-2199"]),
    "fuzz-0154-date-crestline-client-governance.yaml": (
        ["analyze", "{f}", "--format", "json"], ["incident.alerts[AL-2041].escalated_at",
                                                 "outside the years"]),
    "fuzz-0166-date-harborview-missed-alerts.yaml": (
        ["analyze", "{f}", "--format", "json"], ["incident.timeline.client_notified",
                                                 "outside the years"]),
    "fuzz-0524-ref-harborview-missed-alerts.yaml": (
        ["analyze", "{f}", "--format", "json"], ["evidence[e1].mapping", "no such file"]),
    # a source is text within the limit every field has
    "fuzz-0078-type-meridian-zero-day.yaml": (
        ["analyze", "{f}", "--format", "json"], ["contract.sla.containment.source",
                                                 "a source is text", "got a mapping"]),
    "fuzz-0085-type-crestline-client-governance.yaml": (
        ["validate", "{f}"], ["incident.harm.total.source", "got a mapping"]),
    "fuzz-0410-longstr-crestline-client-governance.yaml": (
        ["analyze", "{f}", "--format", "json"], ["recommendations[R-1].at.source",
                                                 "20,001 characters", "at most 20,000"]),
    "fuzz-0553-wrap-meridian-zero-day.yaml": (
        ["validate", "{f}"], ["contract.sla.triage.high.source", "30,000 characters"]),
    "repro-source30k.yaml": (
        ["analyze", "{f}", "--format", "json"], ["contract.sla.detection.source",
                                                 "30,000 characters", "at most 20,000"]),
    # every version of a disputed fact is validated
    "fuzz-0094-type-harborview-missed-alerts.yaml": (
        ["analyze", "{f}", "--format", "json"], ["client_governance.mfa.remote_access",
                                                 "the provider's version", "true or false"]),
    "fuzz-0159-date-harborview-from-logs.yaml": (
        ["validate", "{f}"], ["incident.outages[O-1].known_to_provider",
                              "the provider's version", "'yesterday'"]),
    # references resolve, or are refused with the nearest id
    "fuzz-0118-number-crestline-client-governance.yaml": (
        ["analyze", "{f}", "--format", "json"], ["incident.vector.vendor",
                                                 "'vendor:does-not-exist' is not a declared "
                                                 "non-party", "declares none"]),
    "fuzz-0505-ref-harborview-from-logs.yaml": (
        ["validate", "{f}"], ["incident.vector.vendor", "not a declared non-party"]),
    "repro-meridian-ghost-vendor.yaml": (
        ["analyze", "{f}", "--format", "json"], ["incident.vector.vendor", "'vendor:ghost'",
                                                 "did you mean 'vendor:ledgerline'?"]),
    "fuzz-0536-ref-meridian-zero-day.yaml": (
        ["analyze", "{f}", "--format", "json"], ["incident.notices[N-1].regime",
                                                 "unknown regime 'eu-gdprx'",
                                                 "did you mean 'eu-gdpr'?"]),
    "repro-unknown-regime.yaml": (
        ["validate", "{f}"], ["incident.notices[N-1].regime", "unknown regime 'us-hipaax'",
                              "did you mean 'us-hipaa'?", "known: au-privacy"]),
}
# parameters file (against the minimal case) -> words
REFUSED_PARAMETERS = {
    "repro-params-bad-duration.yaml": ["default.triage_window", "'bogus'", "duration like"],
    "repro-params-inf-weight.yaml": ["weights.breach.audit", "inf is out of range",
                                     "0 to 100"],
    "repro-params-mitigation1.yaml": ["mitigation.credit_each", "1.0 is out of range", "0.5"],
    "repro-params-mitigation3.yaml": ["mitigation.credit_each", "3.0 is out of range", "0.5"],
}
# Valid cases a DOCX could not be written for: control characters shown, not passed on
DOCX = {
    "fuzz-0218-unicode-meridian-zero-day.yaml": None,   # an alert's asset: not in the report
    "fuzz-0223-unicode-harborview-missed-alerts.yaml": "\\uffff\\ufffe",
    "fuzz-0226-unicode-harborview-missed-alerts.yaml": "NUL\\u0000byte",
    "fuzz-0231-unicode-meridian-zero-day.yaml": "\\u001b[31mANSI\\u001b[0m",
}
ACCEPTED = {"repro-aliases101.yaml"}   # 101 aliases, 105 values: far inside the stated limits
ELSEWHERE = {  # case -> the test that runs it
    "repro-md-currency.yaml": "tests/test_escaping.py",
    "repro-md-explain.yaml": "tests/test_escaping.py",
    "repro-md-whatif-scenario.yaml": "tests/test_escaping.py",
}
COMPANIONS = {MINIMAL}   # the base case of the parameters files
ACK_EARLIER, ACK_LATER = "repro-prop-ack-earlier.yaml", "repro-prop-ack-late-lowers-share.yaml"


def _invoke(args: list[str]):
    from cli import cli
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _one_line(result, file: str, words: list[str]) -> str:
    assert result.exit_code == 2, f"exit {result.exit_code}: {result.stderr!r}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {file}: "), lines[0]
    assert "internal failure" not in lines[0] and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"
    assert result.stdout == ""
    return lines[0]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_in_one_line(name):
    args, words = REFUSED[name]
    path = str(CASES / name)
    _one_line(_invoke([a.format(f=path) for a in args]), path, words)


@pytest.mark.parametrize("name", ["repro-bigint.yaml", "repro-year9999-escalated.yaml"])
def test_validate_refuses_what_analyze_refuses(name):
    path = str(CASES / name)
    _one_line(_invoke(["validate", path]), path, REFUSED[name][1])


@pytest.mark.parametrize("name", sorted(REFUSED_PARAMETERS))
def test_parameters_out_of_range_or_unreadable_are_refused(name):
    path = str(CASES / name)
    result = _invoke(["analyze", CASES / MINIMAL, "--parameters", path, "--format", "json"])
    _one_line(result, path, REFUSED_PARAMETERS[name])


@pytest.mark.parametrize("trigger", ["9999-12-30T16:00-05:00", "9999-12-31T00:00+00:00"])
def test_deadline_from_year_9999_is_refused(trigger):
    result = _invoke(["deadline", "us-sec-8k", "--from", trigger])
    _one_line(result, "deadline", ["--from", "outside the years 1900-2199"])


def _docx_text(path) -> tuple[str, str]:
    with zipfile.ZipFile(path) as package:
        return (package.read("word/document.xml").decode("utf-8"),
                package.read("docProps/core.xml").decode("utf-8"))


@pytest.mark.parametrize("name", sorted(DOCX))
def test_docx_shows_control_characters_instead_of_failing(name, tmp_path):
    out = tmp_path / "report.docx"
    result = _invoke(["analyze", CASES / name, "--format", "docx", "-o", out])
    assert result.exit_code == 0, result.stderr
    body, _ = _docx_text(out)
    assert DOCX[name] is None or DOCX[name] in body
    assert not any(ch in body for ch in "\x00\x1b\ufffe\uffff")


def test_a_title_longer_than_a_docx_property_still_gives_a_docx(tmp_path):
    out = tmp_path / "report.docx"
    result = _invoke(["analyze", CASES / "repro-title300.yaml", "--format", "docx", "-o", out])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("wrote ")
    from docx import Document
    title = Document(str(out)).core_properties.title
    assert len(title) == 255 and title.endswith("…")
    body, _ = _docx_text(out)
    assert "A" * 300 in body, "the full title stays in the document"


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_accepted_within_the_stated_limits(name):
    result = _invoke(["analyze", CASES / name, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.load(io.StringIO(result.stdout))["allocation"]


def _provider_share(case) -> str:
    result = _invoke(["analyze", case, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    escalation = next(f for f in data["findings"] if f["id"] == "breach.escalation.provider")
    return data["allocation"].get("provider", "0"), escalation["holds"]


@pytest.mark.parametrize("related", [None, True], ids=["as-filed", "alert-related"])
def test_acknowledging_later_does_not_lower_the_provider_share(related, tmp_path):
    # As filed, the record does not say that the alert bore on the intrusion or that it was never
    # escalated (unknown is not false, since the review), so neither case reaches a conclusion on
    # escalation; with those facts established, as the review read them, the later
    # acknowledgement cleared the escalation (0.6250 -> 0.5000).
    import yaml
    shares = []
    for name in (ACK_EARLIER, ACK_LATER):
        case = CASES / name
        if related:
            raw = yaml.safe_load(case.read_text(encoding="utf-8"))
            raw["incident"]["alerts"][0].update(related_to_intrusion=True, escalated_at="never")
            case = tmp_path / name
            case.write_text(json.dumps(raw, default=str), encoding="utf-8")
        shares.append(_provider_share(case))
    (early, early_holds), (late, late_holds) = shares
    assert float(late) >= float(early)
    if related:
        assert early_holds and late_holds and late == early


def test_the_mediator_sweep_of_a_thousand_findings_is_bounded():
    # The brief's sweep was unfinished at 300 s: each of the 1,000 findings was perturbed field by
    # field. Now a long list is perturbed one item per group of items deciding the same findings
    # (engine/sample.py), so the sweep is a few hundred runs whatever the list's length. (How long
    # it takes is measured in bench/, never in a test.)
    from engine.sensitivity import Sweep
    from facts.loader import load_case
    from rules.parameters import Parameters
    sweep = Sweep(load_case(CASES / "repro-findings1000.yaml"), Parameters.load())
    assert len(sweep.loaded.case.audit.findings) == 1000
    assert len(sweep.candidates) < 400
    sampled = {note["list"]: note for note in sweep.sampled}
    assert sampled["audit.findings"]["items"] == 1000


def test_every_case_is_run_somewhere():
    names = {p.name for p in CASES.iterdir() if p.suffix in (".yaml", ".json")}
    here = set(REFUSED) | set(REFUSED_PARAMETERS) | set(DOCX) | ACCEPTED | COMPANIONS | \
        {"repro-title300.yaml", ACK_EARLIER, ACK_LATER, "repro-findings1000.yaml"}
    for name, test in ELSEWHERE.items():
        assert name in (ROOT / test).read_text(encoding="utf-8"), f"{test} does not run {name}"
    missing = names - here - set(ELSEWHERE)
    assert not missing, f"reliability cases no test runs: {sorted(missing)}"
