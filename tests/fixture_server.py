"""A local HTTP server for crawl tests: recorded pages plus programmable behaviours.

Files under tests/fixtures/sites/ are served at their path (``/a/b`` also
finds ``a/b.html``); tests add or change routes (an edited statement, a 500,
a slow answer, a wrong charset, a 20 MB page) between crawls. Every request is
logged, so tests can assert what was (not) fetched; ``requests`` keeps each
one's query and headers too, and a route's ``serve`` sees them (a fake API
that answers by query parameter, or refuses a missing token).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SITES = Path(__file__).resolve().parent / "fixtures" / "sites"
CONTENT_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".rdf": "application/rdf+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


@dataclass
class Route:
    """What one path answers: a fixed response, or a function of how often it was asked."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    respond: Callable[[int], Route] | None = None  # called with the request count (1, 2, ...)
    serve: Callable[[Asked], Route] | None = None  # called with the request itself


@dataclass
class Asked:
    """One request as the server saw it."""

    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # names lower-cased
    count: int  # how many times this path was asked, this one included

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


def json_route(
    body: bytes | object, status: int = 200, headers: dict[str, str] | None = None
) -> Route:
    """A JSON answer (``body`` as bytes, or any value to serialise)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Route(status, data, {"Content-Type": CONTENT_TYPES[".json"], **(headers or {})})


class FixtureServer:
    def __init__(self, root: Path = SITES) -> None:
        self.root = root
        self.routes: dict[str, Route] = {}
        self.log: list[str] = []
        self.requests: list[Asked] = []
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FixtureServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        with self.lock:
            self.routes.clear()
            self.log.clear()
            self.requests.clear()
            self.counts.clear()

    def set(
        self,
        path: str,
        body: bytes | str = b"",
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        **route: object,
    ) -> None:
        """Answer ``path`` with this (overrides any file)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type, **route.pop("headers", {})}  # type: ignore[dict-item]
        self.routes[path] = Route(status=status, body=data, headers=headers, **route)  # type: ignore[arg-type]

    def fetched(self, path: str) -> int:
        """How many times ``path`` was requested."""
        return self.counts.get(path, 0)

    def _file_route(self, path: str) -> Route | None:
        rel = path.lstrip("/")
        for candidate in (rel, rel + ".html", rel.rstrip("/") + "/index.html"):
            file = (self.root / candidate).resolve()
            if candidate and file.is_file() and self.root in file.parents:
                body = file.read_bytes().replace(b"{{BASE}}", self.url.encode())
                ctype = CONTENT_TYPES.get(file.suffix, "text/html; charset=utf-8")
                return Route(body=body, headers={"Content-Type": ctype})
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                path = parts.path
                full = self.path
                with server.lock:
                    server.log.append(full)
                    server.counts[path] = server.counts.get(path, 0) + 1
                    count = server.counts[path]
                    asked = Asked(
                        path,
                        parse_qs(parts.query, keep_blank_values=True),
                        {k.lower(): v for k, v in self.headers.items()},
                        count,
                    )
                    server.requests.append(asked)
                    route = server.routes.get(full) or server.routes.get(path)
                if route is None:
                    route = server._file_route(path) or Route(
                        status=404,
                        body=b"<html><body>Not found</body></html>",
                        headers={"Content-Type": "text/html"},
                    )
                if route.respond is not None:
                    route = route.respond(count)
                if route.serve is not None:
                    route = route.serve(asked)
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    for key, value in route.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler gave up (a timeout test)

        return Handler
