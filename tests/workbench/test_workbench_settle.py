"""The settlement panel: each side's estimates as sliders give the figures `settle` gives for the
same estimates; a wrong value is marked beside its input and nothing is recomputed; the panel
sits behind the same guards as every page."""
from __future__ import annotations

import json
import re
from fractions import Fraction
from functools import cache

from tests.workbench.conftest import HARBORVIEW, ROOT, run_cli

ODDS = ROOT / "examples" / "odds"
# examples/odds/harborview-{client,provider}.yaml as sliders (the provider's file leaves AL-1007
# out: even odds); a slider gives the first answer's chance, in percent
SLIDERS = {
    "client": {"rulings.gross_negligence": ("yes", "45"), "rulings.willful_misconduct":
               ("yes", "15"), "incident.outages[O-1].known_to_provider": ("client", "70"),
               "client_governance.mfa.remote_access": ("client", "60"),
               "incident.alerts[AL-1007].acknowledged_at": ("client", "65")},
    "provider": {"rulings.gross_negligence": ("yes", "20"), "rulings.willful_misconduct":
                 ("yes", "5"), "incident.outages[O-1].known_to_provider": ("client", "40"),
                 "client_governance.mfa.remote_access": ("client", "30"),
                 "incident.alerts[AL-1007].acknowledged_at": ("client", "50")}}
COSTS = {"c~client": "1400000", "c~provider": "1100000"}


def _form() -> dict:
    return {f"o~{side}~{key}~{qid}": value for side, rows in SLIDERS.items()
            for qid, (key, value) in rows.items()}


def _figures(text: str) -> dict[tuple[str, str], str]:
    return {(side, key): value for side, key, value in re.findall(
        r'data-side="(\w+)" data-figure="(\w+)" data-value="([0-9.\-]+)"', text)}


@cache
def _settled() -> dict:
    done = run_cli("settle", str(HARBORVIEW), "--odds", str(ODDS / "harborview-client.yaml"),
                   "--odds", str(ODDS / "harborview-provider.yaml"), "--costs",
                   str(ODDS / "harborview-costs.yaml"), "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["settlement"]


def test_the_sliders_at_the_example_estimates_give_what_settle_gives(harborview):
    page = harborview.post("/c/0/settle", {**_form(), **COSTS, "partial": "1"})
    assert page.status == 200
    settled = _settled()
    shown = _figures(page.text)
    for side in ("client", "provider"):
        for key in ("expected", "median", "p10", "p90", "p_nothing"):
            assert shown[(side, key)] == settled["views"][side][key], (side, key)
    walk = dict(re.findall(r'data-walk-away="(\w+)" data-value="([0-9.\-]+)"', page.text))
    assert walk == {k: settled["walk_away"][k] for k in ("client", "provider")}
    assert settled["range"]["words"] in page.text.replace("&#39;", "'")
    assert 'id="settle-form"' not in page.text           # the partial answer: figures only


def test_moving_one_slider_moves_the_expectation_the_way_its_answer_does(harborview):
    low = _figures(harborview.post("/c/0/settle", {
        "o~client~yes~rulings.gross_negligence": "10", "partial": "1"}).text)
    high = _figures(harborview.post("/c/0/settle", {
        "o~client~yes~rulings.gross_negligence": "90", "partial": "1"}).text)
    # gross negligence lifts the cap: a likelier finding raises what the client should expect
    assert Fraction(high[("client", "expected")]) > Fraction(low[("client", "expected")])
    assert high[("provider", "expected")] == low[("provider", "expected")]   # its own estimates


def test_the_panel_shows_a_slider_per_side_for_every_question_it_can_ask(harborview):
    page = harborview.get("/c/0/settle")
    assert page.status == 200
    sliders = set(re.findall(r'type="range"[^>]* name="o~(\w+)~\w+~([^"]+)"', page.text))
    asked = {q["id"] for q in _settled()["questions"]}     # the questions `settle` asks
    assert set(SLIDERS["client"]) <= asked
    assert sliders == {(side, q) for side in SLIDERS for q in asked}
    assert "Whether a tribunal would find gross negligence" in page.text
    assert "o~" + "client~yes~rulings.gross_negligence" in page.text
    assert "Content-Security-Policy" in page.headers


def test_a_wrong_estimate_or_cost_is_marked_beside_its_input_and_nothing_is_recomputed(
        harborview):
    page = harborview.post("/c/0/settle", {"o~client~yes~rulings.gross_negligence": "150",
                                           "c~client": "lots"})
    assert page.status == 200
    errors = dict(re.findall(r'<div class="field[^"]*invalid" id="([\w-]+)">.*?'
                             r'class="error"[^>]*>([^<]+)<', page.text, re.DOTALL))
    assert any("is outside 0 to 1" in m for m in errors.values())
    assert errors["field-c-client"].startswith("&#39;lots&#39; is not an amount")
    assert "Not recomputed: 2 inputs" in page.text
    assert not _figures(page.text)


def test_a_question_this_case_does_not_ask_is_ignored_and_adds_nothing(harborview):
    prepared = harborview.app.sessions[0].prepared()
    before = [q.id for q in prepared.questions]
    page = harborview.post("/c/0/settle", {"o~client~yes~incident.harm.total": "40",
                                           "o~client~yes~contract.sla.detection": "40",
                                           "partial": "1"})
    assert page.status == 200 and _figures(page.text)
    assert [q.id for q in prepared.questions] == before


def test_the_panel_refuses_a_post_without_the_token(harborview):
    for token in ("", "wrong-token"):
        page = harborview.post("/c/0/settle", {**_form(), "partial": "1"}, token=token)
        assert page.status == 403 and not _figures(page.text)


def _started():
    """A workbench over Harborview whose panel starts at the example odds and costs files, as
    `serve --odds --odds --costs` starts it."""
    from tests.workbench.conftest import Client, build_app
    client = Client(build_app(HARBORVIEW))
    client.app.sessions[0].start_settlement(
        [str(ODDS / "harborview-client.yaml"), str(ODDS / "harborview-provider.yaml")],
        str(ODDS / "harborview-costs.yaml"))
    return client


def test_a_panel_started_from_odds_and_costs_files_opens_at_what_settle_gives():
    started = _started()
    page = started.get("/c/0/settle")
    assert page.status == 200
    settled = _settled()
    shown = _figures(page.text)
    for side in ("client", "provider"):
        for key in ("expected", "p10", "p90"):
            assert shown[(side, key)] == settled["views"][side][key], (side, key)
        for qid, (key, value) in SLIDERS[side].items():
            assert re.search(rf'name="o~{side}~{key}~{re.escape(qid)}"[^>]*value="{value}"',
                             page.text), (side, qid)
    for name, value in COSTS.items():
        assert re.search(rf'name="{name}"[^>]*value="{value}"', page.text), name
    # once a value is sent, the panel computes from what it was sent, over the costs file
    moved = _figures(started.post("/c/0/settle", {**_form(), **COSTS, "partial": "1"}).text)
    assert moved == _figures(page.text)


def test_serve_refuses_bad_starting_files_in_one_line_before_it_listens(tmp_path):
    bad = tmp_path / "odds.yaml"
    bad.write_text("estimates_of: client\nquestions:\n  rulings.gross_negligence: {yes: 2}\n")
    done = run_cli("serve", str(HARBORVIEW), "--odds", str(bad), "--port", "0")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"error: {bad}: questions.rulings.gross_negligence.yes: ")
    assert len(done.stderr.strip().splitlines()) == 1
    two = run_cli("serve", str(HARBORVIEW), str(HARBORVIEW), "--costs",
                  str(ODDS / "harborview-costs.yaml"), "--port", "0")
    assert two.returncode == 2
    assert two.stderr == ("error: --costs: odds and costs files start one case's settlement "
                          "panel; name one case file\n")
