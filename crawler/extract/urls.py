"""One spelling per address: the URL normalisation behind document deduplication.

Two fetches of the same statement (from a feed with tracking parameters, from
a sitemap, from a share link) must give the same key. Only changes that
cannot point to a different resource are made:

- scheme and host lower-cased, a trailing dot on the host dropped, default
  ports (80 for http, 443 for https) dropped, an empty path becomes "/";
- the fragment is dropped (it never reaches the server);
- tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``ref``, ...) are
  dropped and the remaining ones sorted; blank values are kept, since
  ``?print`` and no query can differ;
- percent-escapes are upper-cased and escapes of unreserved characters
  decoded (``%7e`` -> ``~``), as RFC 3986 section 6.2.2 allows;
- X/Twitter status links become ``https://x.com/{handle}/status/{id}``
  (handle lower-cased: handles are case-insensitive; ``/photo/1`` and the
  query dropped).

Deliberately not done: ``http`` is not upgraded to ``https``, ``www.`` is not
removed, trailing slashes and ``index.html`` are kept. Servers may answer
these differently, and the key is also the address shown to users as
provenance, so it must stay one that the site serves; pages that care
declare ``<link rel=canonical>``, which ``extract_page`` prefers.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

# Query parameters that only say how a visitor arrived. Collected from the
# analytics and mailing tools' own documentation; extend as sources show more.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "rb_clickid",
        "s_cid",
        "cmpid",
        "ocid",
        "at_medium",
        "at_campaign",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

DEFAULT_PORTS = {"http": 80, "https": 443}

X_HOSTS = frozenset(
    {"twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com", "mobile.x.com"}
)
# /{handle}/status/{id} (also the old /statuses/ and /i/web/status/ forms).
X_STATUS_PATH = re.compile(r"^/(?:(?P<handle>\w{1,50})|i/web|i)/status(?:es)?/(?P<id>\d{1,25})")

_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def canonical_url(url: str) -> str:
    """The normalised spelling of ``url`` (see the module docstring for the rules).

    Never raises: a string that is not an absolute http(s) URL comes back
    stripped and otherwise unchanged.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.rstrip(".")  # urlsplit already lower-cases it
    try:
        port = parts.port
    except ValueError:
        return url

    if host in X_HOSTS:
        status = X_STATUS_PATH.match(parts.path)
        if status:
            return x_status_url(status["handle"], status["id"])

    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    path = _normalise_escapes(parts.path) or "/"
    return urlunsplit((scheme, netloc, path, _clean_query(parts.query), ""))


def x_status_url(handle: str | None, status_id: str) -> str:
    """The one spelling of an X post's address; ``handle`` None gives the ``/i/`` form."""
    return f"https://x.com/{(handle or 'i').lower()}/status/{status_id}"


def _clean_query(query: str) -> str:
    """Drop tracking parameters, sort the rest; each kept pair keeps its own spelling."""
    kept = []
    for pair in query.split("&"):
        key = unquote_plus(pair.partition("=")[0]).lower()
        if pair and key not in TRACKING_PARAMS and not key.startswith(TRACKING_PREFIXES):
            kept.append(_normalise_escapes(pair))
    return "&".join(sorted(kept))


def _normalise_escapes(path: str) -> str:
    def fix(match: re.Match[str]) -> str:
        char = chr(int(match[1], 16))
        return char if char in _UNRESERVED else f"%{match[1].upper()}"

    return _ESCAPE.sub(fix, path)
