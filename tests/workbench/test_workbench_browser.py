"""End to end in a real browser: Debian's Chromium driven by Playwright, against the server as
`cli.py serve` runs it. Skipped, saying why, where Playwright or Chromium is missing (.ci/run
installs both)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from urllib.parse import urlencode

import pytest
import yaml

from tests.helpers import base_raw
from tests.workbench.conftest import HARBORVIEW, ROOT, run_cli

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                                                         "(apt-get install chromium)")
HOSTILE = '<script>window.ran = 1; alert("owned")</script>'
WAIT = 60_000     # ms; guards against a hang only


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    raw = base_raw()
    raw["case"]["title"] = f"Hostile {HOSTILE}"
    raw["client_governance"]["mfa"]["remote_access"]["sources"]["provider"] = f"Exhibit {HOSTILE}"
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    hostile.write_text(yaml.safe_dump(raw, sort_keys=False))
    process = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", str(HARBORVIEW),
                                str(hostile), "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        address = process.stdout.readline().strip()
        assert address.startswith("http://127.0.0.1:"), process.stderr.read()
        yield address.rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM,
                                              args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1600})
    opened = context.new_page()
    opened.set_default_timeout(WAIT)
    yield opened
    context.close()


def _ran(page, before: str | None) -> None:
    """Wait until the page has painted the answer to the change just made."""
    page.wait_for_function("(b) => document.body.getAttribute('data-ran') !== b", arg=before)


def _whatif_shares(page) -> dict[str, str]:
    cells = page.locator("#whatif-bar rect")
    return {cells.nth(i).get_attribute("data-party"): cells.nth(i).get_attribute("data-share")
            for i in range(cells.count())}


def _cli_shares(*args: str) -> dict[str, str]:
    out = run_cli("whatif", str(HARBORVIEW), *args, "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["scenarios"][1]["allocation"]


def test_switching_a_disputed_fact_moves_the_share_bar_to_what_whatif_gives(server, page):
    page.goto(f"{server}/c/0/whatif")
    assert page.locator("#whatif-bar").count() == 0
    page.locator('input[name="f.client_governance.mfa.remote_access"][value="provider"]').check()
    _ran(page, None)
    assert _whatif_shares(page) == _cli_shares("--set", "client_governance.mfa.remote_access=false")
    assert page.locator("#result li.moved").count() >= 1     # the reversed findings, highlighted


def test_an_invalid_timestamp_shows_its_message_and_changes_nothing(server, page):
    page.goto(f"{server}/c/0/whatif")
    page.locator("summary", has_text="Incident").click()
    field = page.locator('input[name="f.incident.alerts[AL-1012].at"]')
    field.fill("yesterday")
    field.press("Tab")
    _ran(page, None)
    box = page.locator(".field.invalid")
    assert box.count() == 1
    assert "expected a timestamp" in box.locator(".error").inner_text()
    assert page.locator("#whatif-bar").count() == 0
    assert "Not re-run" in page.locator("#result").inner_text()


def test_two_kept_scenarios_show_side_by_side_and_their_overlays_reproduce_them(server, page,
                                                                                 tmp_path):
    changes = [("MFA as the provider says", "f.client_governance.mfa.remote_access", "provider",
                "client_governance.mfa.remote_access=false"),
               ("Vendor accounts reviewed", "f.client_governance.credentials.vendor_accounts_reviewed",
                "yes", "client_governance.credentials.vendor_accounts_reviewed=true")]
    for name, field, answer, _ in changes:
        page.goto(f"{server}/c/0/whatif?" + urlencode({field: answer}))
        page.locator("#scenario-name").fill(name)
        page.locator('button[value="save"]').click()
        page.wait_for_load_state()
        assert f"Kept as “{name}”" in page.locator(".keep").inner_text()
    table = page.locator("table.side")
    headings = table.locator("th").all_inner_texts()
    assert headings[-2:] == [c[0] for c in changes]
    for number, (name, _, _, assignment) in enumerate(changes):
        cells = table.locator(f'td[data-scenario="{number}"]')
        shown = {cells.nth(i).get_attribute("data-party"): cells.nth(i).get_attribute("data-share")
                 for i in range(cells.count())}
        overlay = page.request.get(f"{server}/c/0/scenarios/{number}.yaml").text()
        path = tmp_path / f"{number}.yaml"
        path.write_text(overlay)
        assert _cli_shares("--scenario", str(path)) == shown == _cli_shares("--set", assignment)
    for _ in changes:                                   # leave the server as it was
        page.locator('button[value="remove"]').first.click()
        page.wait_for_load_state()
    assert page.locator("table.side").count() == 0


def test_a_change_in_the_ranking_opens_in_the_whatif(server, page):
    page.goto(f"{server}/c/0/decides")
    first = page.locator("ol.ranking .move a:not(.bar-link)").first
    said = first.locator("xpath=..").inner_text()
    share = re.search(r"→ ([0-9.]+%)", said).group(1)
    first.click()
    page.wait_for_load_state()
    provider = page.locator('#result td[data-party="provider"]').inner_text()
    assert provider == share


def test_the_why_tree_opens_down_to_an_exhibit(server, page):
    page.goto(f"{server}/c/0/why?finding=breach.triage.provider")
    summary = page.locator(".tree > details > summary").filter(has_text="The alerts")
    exhibit = summary.locator("xpath=..").locator(":scope > ul.exhibits > li",
                                                  has_text="Exhibit 41").first
    assert not exhibit.is_visible()
    summary.click()
    assert exhibit.is_visible()
    assert "analyst shift notes" in exhibit.inner_text()


def test_the_walkthrough_goes_forward_and_back_by_element(server, page):
    page.goto(f"{server}/c/0/walk")
    first = page.locator("#element").inner_text()
    page.locator("#forward").click()
    page.wait_for_load_state()
    second = page.locator("#element").inner_text()
    assert first.startswith("1. ") and second.startswith("2. ") and first != second
    page.locator("#back").click()
    page.wait_for_load_state()
    assert page.locator("#element").inner_text() == first


def test_case_text_holding_a_script_shows_as_text_and_runs_nothing(server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in ("/", "/c/1/", "/c/1/settle", "/c/1/whatif"):
        page.goto(server + url)
        assert page.evaluate("window.ran") is None
    assert HOSTILE in page.locator("h1").inner_text()
    assert HOSTILE in page.locator("#whatif-form").inner_text()
    assert dialogs == []


def test_a_request_without_the_token_is_refused(server, page):
    page.goto(f"{server}/c/0/whatif")
    refused = page.request.post(f"{server}/c/0/whatif", form={"action": "run"})
    assert refused.status == 403
    token = page.locator('input[name="token"]').first.get_attribute("value")
    accepted = page.request.post(f"{server}/c/0/whatif", form={"action": "run", "token": token})
    assert accepted.status == 200


def test_another_site_in_the_same_browser_cannot_drive_it(server, page):
    # a page of another origin submits the form that keeps a scenario, as a real form post
    page.set_content("<p>another site</p>")
    page.evaluate("""(url) => {
        const form = document.createElement('form');
        form.method = 'POST'; form.action = url;
        for (const [k, v] of [['action', 'save'], ['name', 'planted'],
                              ['f.client_governance.mfa.remote_access', 'provider']]) {
            const input = document.createElement('input');
            input.name = k; input.value = v; form.appendChild(input);
        }
        document.body.appendChild(form); form.submit();
    }""", f"{server}/c/0/whatif")
    page.wait_for_load_state()
    assert "token" in page.locator("body").inner_text() or "another site" in page.locator(
        "body").inner_text()
    page.goto(f"{server}/c/0/whatif")
    assert page.locator("table.side").count() == 0       # nothing was kept


def test_a_settlement_slider_moved_repaints_the_expectation_settle_gives(server, page,
                                                                         harborview):
    page.goto(f"{server}/c/0/settle")
    before = page.locator('#figures li[data-side="client"][data-figure="expected"]') \
        .get_attribute("data-value")
    slider = page.locator('input[name="o~client~yes~rulings.gross_negligence"]')
    slider.fill("90")
    _ran(page, None)
    group = slider.get_attribute("data-group")
    shown = page.locator('#figures li[data-side="client"][data-figure="expected"]') \
        .get_attribute("data-value")
    same = harborview.post("/c/0/settle", {"o~client~yes~rulings.gross_negligence": "90",
                                           "partial": "1"}).text
    assert f'data-side="client" data-figure="expected" data-value="{shown}"' in same
    assert shown != before
    assert page.locator(f"#{group}-rest").inner_text() == "10"     # not found: the rest


def test_serve_with_odds_and_costs_opens_the_panel_at_what_settle_gives(page):
    odds = ROOT / "examples" / "odds"
    files = ["--odds", str(odds / "harborview-client.yaml"), "--odds",
             str(odds / "harborview-provider.yaml"), "--costs", str(odds / "harborview-costs.yaml")]
    process = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", str(HARBORVIEW),
                                *files, "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        address = process.stdout.readline().strip()
        assert address.startswith("http://127.0.0.1:"), process.stderr.read()
        page.goto(f"{address.rstrip('/')}/c/0/settle")
        settled = run_cli("settle", str(HARBORVIEW), *files, "--format", "json")
        assert settled.returncode == 0, settled.stderr
        views = json.loads(settled.stdout)["settlement"]["views"]

        def shown(side: str) -> str:
            return page.locator(f'#figures li[data-side="{side}"][data-figure="expected"]') \
                .get_attribute("data-value")
        assert {side: shown(side) for side in views} == \
            {side: views[side]["expected"] for side in views}
        assert page.locator('input[name="o~client~yes~rulings.gross_negligence"]') \
            .input_value() == "45"                       # the client's odds file
        assert page.locator('input[name="c~client"]').input_value() == "1400000"
        provider = shown("provider")
        page.locator('input[name="o~client~yes~rulings.gross_negligence"]').fill("90")
        _ran(page, None)
        assert shown("client") != views["client"]["expected"]
        assert shown("provider") == provider             # its estimates are still its file's
    finally:
        process.terminate()
        process.wait(timeout=30)
