"""Serving the workbench: the standard library's WSGI server, one request at a time (the
process has one rule engine), bound to 127.0.0.1 unless told otherwise."""
from __future__ import annotations

from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from workbench.app import Workbench
from workbench.session import CaseSession

LOCAL_NAMES = ("127.0.0.1", "localhost")


class QuietHandler(WSGIRequestHandler):
    """No line per request on stderr (a page asks for its style and script too)."""

    def log_message(self, format, *args):
        return


def build(loaded_cases: list, params, host: str, port: int, token: str | None = None):
    """The application over the cases, and the server bound to host:port (port 0: any free
    port). The Host header must name the bound address, or 127.0.0.1 or localhost when it is
    the loopback address."""
    sessions = [CaseSession(i, loaded, params) for i, loaded in enumerate(loaded_cases)]
    server = make_server(host, port, _Placeholder(), server_class=WSGIServer,
                         handler_class=QuietHandler)
    bound = server.server_address[1]
    names = {host} | (set(LOCAL_NAMES) if host in LOCAL_NAMES or host.startswith("127.") else set())
    app = Workbench(sessions, {f"{n}:{bound}" for n in names}, token)
    server.set_app(app)
    return app, server


class _Placeholder:
    def __call__(self, environ, start_response):   # replaced before the server serves
        start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
        return [b"starting"]


def address(server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"
