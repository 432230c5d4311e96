"""The workbench refuses what another site, a wrong address or an oversized request would send,
serves only its own files, and shows case text as text."""
from __future__ import annotations

import re

import pytest

from tests.helpers import base_raw
from tests.workbench.conftest import TOKEN, Client, build_app

HOSTILE = '<script>alert("owned")</script>'


def test_a_post_without_the_token_is_refused_and_changes_nothing(harborview):
    kept = list(harborview.app.sessions[0].saved)
    form = {"f.client_governance.mfa.remote_access": "provider", "action": "save", "name": "x"}
    for token in ("", "wrong-token"):
        page = harborview.post("/c/0/whatif", form, token=token)
        assert page.status == 403
        assert "token" in page.text
    assert harborview.app.sessions[0].saved == kept


def test_a_post_from_another_origin_is_refused_even_with_the_token(harborview):
    page = harborview.post("/c/0/whatif", {"action": "run"},
                           headers={"HTTP_ORIGIN": "http://evil.example"})
    assert page.status == 403
    same = harborview.post("/c/0/whatif", {"action": "run"},
                           headers={"HTTP_ORIGIN": f"http://{harborview.host}"})
    assert same.status == 200


def test_a_request_under_another_host_name_is_refused(harborview):
    page = harborview.get("/c/0/", headers={"HTTP_HOST": "attacker.example:8765"})
    assert page.status == 421
    assert "Harborview" not in page.text


@pytest.mark.parametrize("path", ["/static/../cli.py", "/static/%2e%2e/cli.py", "/static/",
                                  "/static/workbench.py", "/c/7/", "/c/0/../../etc/passwd",
                                  "/examples/harborview-missed-alerts.yaml", "/c/0/nothing"])
def test_only_the_workbench_own_pages_and_assets_are_served(harborview, path):
    assert harborview.get(path).status == 404


def test_the_assets_are_served_from_the_package_with_a_strict_policy(harborview):
    css = harborview.get("/static/workbench.css")
    assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")
    page = harborview.get("/c/0/")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert "http" not in re.sub(r'href="/[^"]*"|src="/[^"]*"', "", page.text.split("<main>")[0])


def test_an_oversized_or_unreadable_body_is_refused(harborview):
    big = harborview.request("POST", "/c/0/whatif", body=b"token=" + b"x" * 300_000)
    assert big.status == 413
    other = harborview.request("POST", "/c/0/whatif", body=b'{"token": "x"}',
                               headers={"CONTENT_TYPE": "application/json"})
    assert other.status == 415


def test_a_method_that_is_not_get_or_post_is_refused(harborview):
    assert harborview.request("DELETE", "/c/0/").status == 405


def test_case_text_holding_a_script_shows_as_text(tmp_path):
    raw = base_raw()
    raw["case"]["title"] = f"Harborview {HOSTILE}"
    raw["client_governance"]["mfa"]["remote_access"]["sources"]["client"] = f"Exhibit 8 {HOSTILE}"
    import yaml
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    client = Client(build_app(path))
    for url in ("/", "/c/0/", "/c/0/whatif", "/c/0/why?finding=breach.triage.provider",
                "/c/0/walk?step=2"):
        page = client.get(url)
        assert page.status == 200
        assert HOSTILE not in page.text
        assert "&lt;script&gt;alert(" in page.text
    page = client.post("/c/0/whatif", {"f.client_governance.mfa.remote_access": "client",
                                       "action": "save", "name": HOSTILE})
    assert HOSTILE not in page.text and "&lt;script&gt;" in page.text
    assert TOKEN in page.text          # the page it serves carries the token for its own forms
