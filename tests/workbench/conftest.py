"""The workbench in-process: its WSGI application over bundled examples, and a client that sends
requests to it as a browser would (the Host of the server, form-encoded POSTs)."""
from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
HARBORVIEW = ROOT / "examples" / "harborview-missed-alerts.yaml"
TOKEN = "test-token"


class Client:
    def __init__(self, app):
        self.app = app
        self.host = min(app.hosts)

    def request(self, method: str, path: str, form: dict | None = None,
                headers: dict | None = None, body: bytes | None = None):
        target, _, query = path.partition("?")
        if body is None:
            body = urlencode(form or {}).encode() if method == "POST" else b""
        environ = {"REQUEST_METHOD": method, "PATH_INFO": target, "QUERY_STRING": query,
                   "HTTP_HOST": self.host, "wsgi.input": io.BytesIO(body),
                   "CONTENT_LENGTH": str(len(body)),
                   "CONTENT_TYPE": "application/x-www-form-urlencoded"}
        environ.update(headers or {})
        seen = {}

        def start_response(status, response_headers):
            seen["status"], seen["headers"] = status, dict(response_headers)
        text = b"".join(self.app(environ, start_response)).decode("utf-8")
        return Page(int(seen["status"].split()[0]), seen["headers"], text)

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post(self, path: str, form: dict, token: str = TOKEN, **kw):
        return self.request("POST", path, {**form, **({"token": token} if token else {})}, **kw)


class Page:
    def __init__(self, status: int, headers: dict, text: str):
        self.status, self.headers, self.text = status, headers, text

    def shares(self, attribute: str = "data-share") -> dict[str, str]:
        """party -> share of the cells of the what-if column (or the outcome's bar)."""
        return dict(re.findall(r'data-party="(\w+)" data-share="([0-9.]+)"', self.text))


def build_app(*cases):
    import cli
    from rules.parameters import Parameters
    from workbench.server import build
    app, server = build([cli.load_case(str(c)) for c in cases], Parameters.load(), "127.0.0.1",
                        0, token=TOKEN)
    server.server_close()     # in-process: the socket is not needed
    return app


@pytest.fixture(scope="session")
def harborview():
    return Client(build_app(HARBORVIEW))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, check=False)
