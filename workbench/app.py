"""The workbench as a WSGI application: routes, and the guards every request passes.

Guards (a local tool another site open in the same browser must not be able to drive):
- the Host header must name this server (127.0.0.1, localhost or the bound address, with its
  port), so a DNS-rebinding page cannot talk to it under another name;
- a request that changes state is a POST carrying this run's token (made at start, shown only in
  the workbench's own pages) and, when the browser sends one, an Origin of this server;
- a request body is at most MAX_BODY bytes, form-encoded; a query string at most MAX_QUERY;
- the only files served are the cases named at start (held in memory) and the two assets of
  workbench/static; nothing is read from a path a request names;
- every page carries a Content-Security-Policy allowing only this server's own script and style.
"""
from __future__ import annotations

import hmac
import re
import secrets
from pathlib import Path
from urllib.parse import parse_qsl

MAX_BODY = 256 * 1024
MAX_QUERY = 32 * 1024
STATIC = Path(__file__).parent / "static"
ASSETS = {"workbench.css": "text/css; charset=utf-8",
          "workbench.js": "text/javascript; charset=utf-8"}
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    ("Content-Security-Policy", POLICY),
    ("X-Content-Type-Options", "nosniff"),
    # same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" with the
    # page's own form posts, which the Origin check would refuse
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"), ("Cache-Control", "no-store")]
_CASE = re.compile(r"^/c/(\d{1,4})(/.*)?$")


class Refused(Exception):
    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class Response:
    def __init__(self, body: str | bytes, status: str = "200 OK",
                 content_type: str = "text/html; charset=utf-8", headers: list | None = None):
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.status, self.content_type, self.headers = status, content_type, headers or []


class Workbench:
    """The application over the sessions of the cases named at start."""

    def __init__(self, sessions: list, hosts: set[str], token: str | None = None):
        from workbench.pages import Pages
        self.sessions = sessions
        self.hosts = {h.lower() for h in hosts}
        self.token = token or secrets.token_urlsafe(32)
        self.pages = Pages(self)

    # --- WSGI ------------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        try:
            response = self.handle(environ)
        except Refused as exc:
            response = Response(self.pages.refusal(exc.status, exc.message), exc.status)
        headers = [("Content-Type", response.content_type),
                   ("Content-Length", str(len(response.body))), *SECURITY_HEADERS,
                   *response.headers]
        start_response(response.status, headers)
        return [response.body]

    def handle(self, environ) -> Response:
        self._check_host(environ)
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        query = environ.get("QUERY_STRING", "")
        if len(query) > MAX_QUERY:
            raise Refused("414 URI Too Long", "the address is too long")
        if method == "POST":
            form = self._form(environ)
        elif method in ("GET", "HEAD"):
            form = None
        else:
            raise Refused("405 Method Not Allowed", f"{method} is not accepted here")
        args = dict(parse_qsl(query, keep_blank_values=True, max_num_fields=2000))
        if path == "/" and form is None:
            return Response(self.pages.index())
        if path.startswith("/static/") and form is None:
            return self._asset(path[len("/static/"):])
        match = _CASE.match(path)
        if not match or int(match.group(1)) >= len(self.sessions):
            raise Refused("404 Not Found", "there is no such page")
        session = self.sessions[int(match.group(1))]
        return self.pages.route(session, match.group(2) or "/", args, form)

    # --- guards ------------------------------------------------------------------------------
    def _check_host(self, environ) -> None:
        host = (environ.get("HTTP_HOST") or "").lower()
        if host not in self.hosts:
            raise Refused("421 Misdirected Request", "this workbench answers only to its own "
                                                     "address")

    def _form(self, environ) -> dict[str, str]:
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin.lower() not in {f"http://{h}" for h in self.hosts}:
            raise Refused("403 Forbidden", "a page from another site cannot change this one")
        kind = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded":
            raise Refused("415 Unsupported Media Type", "send the form as the page sends it")
        try:
            length = int(environ.get("CONTENT_LENGTH") or "0")
        except ValueError:
            raise Refused("411 Length Required", "the request does not say its length") from None
        if length < 0 or length > MAX_BODY:
            raise Refused("413 Content Too Large", f"a form is at most {MAX_BODY // 1024} KB")
        body = environ["wsgi.input"].read(length) if length else b""
        try:
            form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                                  max_num_fields=2000))
        except (UnicodeDecodeError, ValueError):
            raise Refused("400 Bad Request", "the form could not be read") from None
        if not hmac.compare_digest(form.pop("token", ""), self.token):
            raise Refused("403 Forbidden", "this request does not carry the workbench's token; "
                                           "reload the page")
        return form

    def _asset(self, name: str) -> Response:
        if name not in ASSETS:
            raise Refused("404 Not Found", "there is no such file")
        from facts.inputs import MAX_PACKAGE_BYTES, read_input
        return Response(read_input(STATIC / name, "workbench asset", MAX_PACKAGE_BYTES),
                        content_type=ASSETS[name])

