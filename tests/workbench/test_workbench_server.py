"""The real server, as `cli.py serve` runs it, on an ephemeral port of 127.0.0.1."""
from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
from urllib.parse import urlencode, urlparse

import pytest

from tests.workbench.conftest import HARBORVIEW, ROOT, run_cli


@pytest.fixture(scope="module")
def served():
    process = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", str(HARBORVIEW),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=ROOT)
    try:
        line = process.stdout.readline().strip()      # the address, once it listens
        assert line.startswith("http://127.0.0.1:"), process.stderr.read()
        yield urlparse(line)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _request(url, method: str, path: str, body: str = "", headers: dict | None = None):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    sent = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    connection.request(method, path, body=body.encode(), headers=sent)
    response = connection.getresponse()
    text = response.read().decode("utf-8")
    connection.close()
    return response.status, text


def test_serve_prints_its_address_and_binds_the_loopback_address(served):
    assert served.hostname == "127.0.0.1" and served.port > 0
    status, text = _request(served, "GET", "/")
    assert status == 200 and "Harborview Health System v. SentinelWatch MDR" in text


def test_the_served_whatif_moves_the_share_as_the_cli_does(served):
    status, page = _request(served, "GET", "/c/0/whatif")
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    form = urlencode({"token": token, "f.client_governance.mfa.remote_access": "provider"})
    status, text = _request(served, "POST", "/c/0/whatif", form,
                            {"Origin": f"http://{served.netloc}"})
    assert status == 200
    shown = dict(re.findall(r'data-party="(\w+)" data-share="([0-9.]+)"',
                            text.split('id="result"')[1].split("Routes")[0]))
    cli = run_cli("whatif", str(HARBORVIEW), "--set", "client_governance.mfa.remote_access=false",
                  "--format", "json")
    assert shown == json.loads(cli.stdout)["scenarios"][1]["allocation"]


def test_the_served_workbench_refuses_a_post_without_its_token(served):
    status, _ = _request(served, "POST", "/c/0/whatif", "action=run")
    assert status == 403


def test_the_served_workbench_refuses_another_host_name(served):
    status, _ = _request(served, "GET", "/c/0/", headers={"Host": f"rebound.example:{served.port}"})
    assert status == 421


def test_serve_without_a_case_is_one_line_and_exit_2():
    out = run_cli("serve")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "name at least one case file" in out.stderr


def test_serve_with_a_bad_case_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("case: [unclosed\n")
    out = run_cli("serve", str(bad), "--port", "0")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "bad.yaml" in out.stderr
