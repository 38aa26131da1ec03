"""A static server for the demo site, on loopback, in a thread."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

SITE = Path(str(files("onrecord.demo") / "site"))
TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


class DemoSite:
    """Serves SITE at http://127.0.0.1:<free port>/ with ``{{BASE}}`` filled in."""

    def __init__(self, root: Path = SITE) -> None:
        self.root = root.resolve()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> DemoSite:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def find(self, path: str) -> Path | None:
        rel = path.strip("/")
        for candidate in (rel, f"{rel}.json", f"{rel}.html", f"{rel}/index.html"):
            file = (self.root / candidate).resolve()
            if file.is_file() and self.root in file.parents:
                return file
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                file = site.find(urlsplit(self.path).path)
                if file is None:
                    body, status, ctype = b"not found", 404, "text/plain"
                else:
                    body = file.read_bytes().replace(b"{{BASE}}", site.url.encode())
                    status, ctype = 200, TYPES.get(file.suffix, "text/html; charset=utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
