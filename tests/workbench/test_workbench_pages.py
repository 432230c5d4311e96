"""The workbench's pages give the engine's results, in words, and move as the CLI's what-if."""
from __future__ import annotations

import json
import re

import yaml

from tests.workbench.conftest import HARBORVIEW, run_cli


def _shares_in(text: str) -> dict[str, str]:
    return dict(re.findall(r'data-party="(\w+)" data-share="([0-9.]+)"', text))


def test_outcome_page_shows_the_shares_analyze_gives(harborview):
    page = harborview.get("/c/0/")
    assert page.status == 200
    cli = run_cli("analyze", str(HARBORVIEW), "--format", "json")
    expected = json.loads(cli.stdout)["allocation"]
    assert _shares_in(page.text) == expected
    # and in words: the parties by name, never their roles' ids alone
    assert "SentinelWatch MDR LLC (the provider)" in page.text
    assert "breach.triage.provider<" not in page.text


def test_outcome_page_says_which_routes_are_open_and_why(harborview):
    page = harborview.get("/c/0/")
    cards = re.findall(r'<div class="card route-(\w+)[^"]*" data-route="(\w+)">', page.text)
    assert ("yes", "contract") in cards and ("no", "negligence") in cards
    assert "alternatives to one loss" in page.text
    assert "a tort claim lies only for breach of a duty the law imposes" in page.text


def test_a_disputed_fact_switched_moves_the_shares_as_whatif_does(harborview):
    page = harborview.post("/c/0/whatif", {"f.client_governance.mfa.remote_access": "provider"})
    assert page.status == 200
    cli = run_cli("whatif", str(HARBORVIEW), "--set", "client_governance.mfa.remote_access=false",
                  "--format", "json")
    column = json.loads(cli.stdout)["scenarios"][1]
    shown = _shares_in(page.text.split('id="result"')[1].split("Routes")[0])
    assert shown == column["allocation"]
    assert shown != _shares_in(harborview.get("/c/0/").text)       # it moved
    # what reversed is said by name, with the rule's sentence
    assert "MFA missing on remote access or privileged accounts" in page.text
    assert 'class="field changed"' in page.text


def test_the_form_answers_that_leave_the_case_as_filed_change_nothing(harborview):
    base = harborview.get("/c/0/whatif")
    again = harborview.post("/c/0/whatif", {"f.incident.alerts[AL-1007].at": "2025-03-03T02:47:00"})
    assert "No fact changed" in base.text and "No fact changed" in again.text


def test_an_invalid_timestamp_is_marked_beside_its_field_and_changes_nothing(harborview):
    page = harborview.post("/c/0/whatif", {"f.incident.alerts[AL-1012].at": "yesterday"})
    field = re.search(r'<div class="field[^"]*invalid" id="(field-\d+)">(.*?)</div>', page.text, re.DOTALL)
    assert field, "the field is marked"
    assert "AL-1012" in field.group(2)
    error = re.search(rf'id="{field.group(1)}-error"[^>]*>([^<]+)<', page.text).group(1)
    assert "expected a timestamp" in error
    assert "Not re-run" in page.text
    assert "This what-if" not in page.text                      # no column of a run that did not run


def test_a_duration_written_wrongly_is_marked_as_the_case_file_would_mark_it(harborview):
    page = harborview.post("/c/0/whatif", {"f.contract.sla.detection": "half an hour"})
    field = re.search(r'<div class="field[^"]*invalid" id="field-\d+">(.*?)</div>', page.text, re.DOTALL)
    assert field and "contract's detection window" in field.group(1).lower() or "detection" in field.group(1)
    assert "duration" in field.group(1)


def test_the_ranking_links_open_the_change_in_the_whatif(harborview):
    page = harborview.get("/c/0/decides")
    first = re.search(r'<a href="(whatif\?[^"]+)">([^<]+)</a>:\s*the provider\'s share '
                      r'[0-9.]+% → <strong>([0-9.]+%)</strong>', page.text)
    assert first, "the first change is a link, with the share it gives"
    link, words, share = first.group(1).replace("&amp;", "&"), first.group(2), first.group(3)
    assert "the record has none" in words or "instead of" in words or "says" in words
    opened = harborview.get("/c/0/" + link)
    cell = re.search(r'data-party="provider" data-share="[0-9.]+">([0-9.]+%)<', opened.text)
    assert cell.group(1) == share


def test_the_ranking_is_in_words_not_field_paths(harborview):
    page = harborview.get("/c/0/decides")
    text = re.sub(r"<[^>]+>", " ", page.text)
    assert "incident.alerts[" not in text and "client_governance." not in text
    assert "When alert AL-1007 was escalated to the client" in text


def test_the_why_tree_opens_down_to_an_exhibit(harborview):
    page = harborview.get("/c/0/why?finding=breach.triage.provider")
    assert page.status == 200
    tree = page.text.split('class="tree"')[1]
    assert tree.count("<details") >= 3
    assert "Exhibit 41 (analyst shift notes, 3 March)" in tree
    assert "Rule: Alerts triaged within the SLA window" in page.text


def test_a_finding_that_does_not_hold_says_why_not_in_words(harborview):
    # closed for want of a premise: the missing fact by its label, not the rule's id
    page = harborview.get("/c/0/why?finding=breach.containment.provider")
    reasons = page.text.split("<h3>Why not</h3>")[1].split("</ul>")[0]
    assert "when the provider detected the intrusion is not shown" in reasons
    assert "BREACH-021" not in page.text.split("<main>")[1]
    # decided against: the condition that defeats it, met
    page = harborview.get("/c/0/why?finding=breach.staffing.provider")
    reasons = page.text.split("<h3>Why not</h3>")[1].split("</ul>")[0]
    assert "met, and it defeats the element: analysts cover the clock 24x7" in reasons


def test_an_unknown_finding_is_not_found(harborview):
    assert harborview.get("/c/0/why?finding=breach.nothing.provider").status == 404


def test_the_walkthrough_goes_forward_and_back_by_element(harborview):
    first = harborview.get("/c/0/walk?step=1")
    assert 'id="back"' not in first.text and 'href="?step=2" rel="next"' in first.text
    second = harborview.get("/c/0/walk?step=2")
    assert 'href="?step=1" rel="prev"' in second.text
    titles = [re.search(r'<h3 id="element">\d+\. ([^<]+)</h3>', p.text).group(1)
              for p in (first, second)]
    assert titles == ["Duty", "Breach of the standard of care"]
    count = len(re.findall(r'<li(?: class="here")?><a href="\?step=\d+">', first.text))
    last = harborview.get(f"/c/0/walk?step={count}")
    assert 'rel="next"' not in last.text.split("</h3>")[0]
    assert "Principle:" in second.text and "Authority:" in second.text


def test_each_conclusion_of_the_walkthrough_links_to_its_why_tree(harborview):
    from html import unescape
    step = harborview.get("/c/0/walk?step=2")
    links = [unescape(h) for h in re.findall(r'<a class="why-link" href="([^"]+)"', step.text)]
    assert links and len(links) == step.text.count('<div class="finding')
    breach = "/c/0/why?finding=breach.triage.provider"
    assert breach in links
    tree = harborview.get(breach)
    assert tree.status == 200 and "Exhibit 41" in tree.text     # down to the exhibit
    assert all(harborview.get(link).status == 200 for link in links[:5])


def test_two_kept_scenarios_show_side_by_side_and_their_overlays_reproduce_them(harborview,
                                                                                 tmp_path):
    app = harborview.app
    app.sessions[0].saved.clear()
    harborview.post("/c/0/whatif", {"f.client_governance.mfa.remote_access": "provider",
                                    "action": "save", "name": "MFA as the provider says"})
    page = harborview.post("/c/0/whatif", {"f.incident.alerts[AL-1007].escalated_at":
                                           "2025-03-03T03:47:00-05:00", "action": "save",
                                           "name": "AL-1007 escalated"})
    assert "Kept as" in page.text
    side = page.text.split('id="scenarios"')[1]
    assert "MFA as the provider says" in side and "AL-1007 escalated" in side
    for number in (0, 1):
        cells = dict(re.findall(rf'data-scenario="{number}" data-party="(\w+)" '
                                rf'data-share="([0-9.]+)"', side))
        overlay = harborview.get(f"/c/0/scenarios/{number}.yaml")
        assert overlay.headers["Content-Type"].startswith("text/yaml")
        path = tmp_path / f"s{number}.yaml"
        path.write_text(overlay.text)
        out = run_cli("whatif", str(HARBORVIEW), "--scenario", str(path), "--format", "json")
        assert out.returncode == 0, out.stderr
        column = json.loads(out.stdout)["scenarios"][1]
        assert column["allocation"] == cells
        assert yaml.safe_load(overlay.text)["name"] == column["name"]
    report = harborview.get("/c/0/scenarios/report.json")
    assert [c["name"] for c in json.loads(report.text)["scenarios"]] == [
        "base", "MFA as the provider says", "AL-1007 escalated"]
    app.sessions[0].saved.clear()


def test_a_scenario_needs_a_name_and_a_change(harborview):
    page = harborview.post("/c/0/whatif", {"action": "save", "name": "nothing"})
    assert "only a scenario that runs can be kept" in page.text
    page = harborview.post("/c/0/whatif", {"action": "save", "name": " ",
                                           "f.client_governance.mfa.remote_access": "client"})
    assert "give the scenario a name" in page.text
    assert harborview.app.sessions[0].saved == []


def test_the_script_gets_the_outcome_and_the_field_marks_only(harborview):
    page = harborview.post("/c/0/whatif", {"f.client_governance.mfa.remote_access": "provider",
                                           "f.incident.alerts[AL-1012].at": "2025-03-04T23:15:00",
                                           "action": "run", "partial": "1"})
    assert 'id="result"' in page.text and 'id="whatif-form"' not in page.text
    marks = re.findall(r'<li data-field="(field-\d+)" data-class="([^"]+)">', page.text)
    assert [cls for _, cls in marks] == ["field changed"]
    bad = harborview.post("/c/0/whatif", {"f.incident.alerts[AL-1012].at": "soon",
                                          "action": "run", "partial": "1"})
    mark = re.search(r'data-class="field changed invalid">([^<]+)</li>', bad.text)
    assert mark and "expected a timestamp" in mark.group(1)
