"""X (Twitter) accounts: the API v2 timeline, and the import of an archive export.

    [[source]]
    name = "sorel-x"
    kind = "x"
    account = "vsorel"                 # the handle, without @
    speaker = "Viktor Sorel"           # optional: the person behind the account
    # url = "https://api.x.com"        # the default; tests point it at a local server
    # max_pages = 5                    # timeline pages of 100 posts per run; 0 = no API calls
    # archive = "/path/to/data/tweets.js"   # optional, see "Archive import"

The bearer token is read from the environment variable
``ONRECORD_X_BEARER_TOKEN`` (an app-only token of an X developer app), never
from the sources file. Without it the source records one failure saying so,
and the other sources are crawled as usual.

What is fetched:

- ``GET /2/users/by/username/{account}`` once (the id is kept in the
  source's state afterwards), then ``GET /2/users/{id}/tweets`` with
  ``max_results=100`` and ``exclude=replies``, page after page
  (``pagination_token``) until X gives no ``next_token``, a page shows a post
  already stored, or ``max_pages`` pages were read.
- Incremental: the newest post id seen is kept (``since_id`` in the source's
  state) once a run has read the timeline through; the next run asks only for
  newer posts. A run that failed half-way keeps the old ``since_id``.
- Each post becomes a document at ``https://x.com/{username}/status/{id}``
  with ``external_id = "x:{id}"``, where ``id`` is the post's first id
  (``edit_history_tweet_ids[0]``): an edit (a new id on X) becomes a new
  version of the same document, with the latest text. Long posts give their
  whole text (``note_tweet``); ``t.co`` links are shown expanded. The time is
  the post's ``created_at`` (to the second), or the time its id encodes.
- A retweet is stored as the original post, spoken by its original author
  (from ``includes``), with this account as ``reposted_by``. A quote post is
  the account's own words. Replies are not collected (a reply's meaning
  depends on the post it answers, and X bills every post read).
- Deletions: recent stored posts not seen in this run (those published
  within ``recheck_days``, default 7) are looked up by id, 100 per call
  (``GET /2/tweets?ids=...``), at most once every 6 hours (X bills these
  reads too); a post X reports as not found is marked deleted, its text
  kept. Set ``recheck_days = 0`` to save those reads.
- Both spellings of the API's fields are read: the documented ``tweet``
  names and the newer ``post`` names (``note_post``, ``includes.posts``, ...).

Limits: X serves only the newest 3,200 posts of a timeline; older ones come
from the archive. Reads are billed per post. A 429 is waited for until
``x-rate-limit-reset`` if that is within ONRECORD_RETRY_MAX_WAIT (default
300 s), otherwise recorded and left to the next run. A 401 or 403 is
recorded with what to check (the token, the app's access level).

Archive import
--------------
``archive`` names the ``data/tweets.js`` of an account's archive export
("Download an archive of your data"): an absolute path, a path relative to
the directory ``onrecord crawl`` runs in, or a ``file://`` or ``http(s)://``
URL; or a list of them when a large archive is split (``tweets-part1.js``).
Every post in it is stored like a timeline post (ids, edits and times as
above; ``full_text`` with its HTML entities unescaped; replies to other
accounts left out, the account's own threads kept). The author is the
source's account and ``speaker``; an ``account.js`` next to ``tweets.js``, if
present, gives the account's display name. A retweet in an archive is only
"RT @handle: text" (often cut short): it is attributed to that handle (and
to the name the archive gives for it), not to the account. An archive is
read again only when its content changes (its sha256 is kept in the
source's state, ``archives``). An archive import needs no token: with
``max_pages = 0`` the source only imports the archive.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode, urljoin, urlsplit

from scrapy import Request
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.extract.embeds import x_time_from_id
from crawler.extract.urls import x_status_url
from crawler.items import Dated, DocumentDraft, GoneItem, SourceState
from crawler.spiders.platform import PlatformSpider, chunks, parse_time

TOKEN_ENV = "ONRECORD_X_BEARER_TOKEN"
PAGE_SIZE = 100  # max_results: the API allows 5-100
LOOKUP_BATCH = 100  # ids per GET /2/tweets
# X bills every post read, rechecks included: recent posts are looked up at
# most this often, however often the source is crawled (a deletion is then
# noticed within hours, and a source crawled every 30 minutes pays for 4
# rechecks a day, not 48).
RECHECK_INTERVAL = timedelta(hours=6)
# SOURCES.md's field list, plus the authors of referenced posts (a retweet's
# original author is only in `includes.users` with referenced_tweets.id.author_id).
TWEET_FIELDS = (
    "created_at,author_id,conversation_id,lang,entities,referenced_tweets,note_tweet,edit_controls"
)
EXPANSIONS = "author_id,referenced_tweets.id,referenced_tweets.id.author_id,edit_history_tweet_ids"
NOT_FOUND_TYPE = "resource-not-found"  # .../2/problems/resource-not-found
_STATUS_URL = re.compile(r"^https://x\.com/[^/]+/status/(\d+)$")
_RETWEET = re.compile(r"^RT @(\w{1,50}):\s?", re.S)
_ARCHIVE_PREFIX = re.compile(rb"^\s*window\.YTD\.[\w.]+\.part\d+\s*=\s*")
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}


def field(obj: dict[str, Any], name: str) -> Any:
    """``obj[name]`` under its tweet name or its newer post name."""
    if name in obj:
        return obj[name]
    return obj.get(name.replace("tweets", "posts").replace("tweet", "post"))


def post_text(tweet: dict[str, Any]) -> str:
    """The whole text (a long post's note), entities unescaped, t.co links expanded."""
    note = field(tweet, "note_tweet")
    note_text = note.get("text") if isinstance(note, dict) else None
    text = str(note_text or tweet.get("text") or tweet.get("full_text") or "")
    entities = (note.get("entities") if note_text and isinstance(note, dict) else None) or (
        tweet.get("entities") or {}
    )
    for link in entities.get("urls") or []:
        short, expanded = link.get("url"), link.get("expanded_url")
        if short and expanded and not link.get("media_key"):
            text = text.replace(short, expanded)
    return html.unescape(text).strip()


def archive_time(value: Any) -> datetime | None:
    """``Sat Feb 18 12:33:11 +0000 2023`` (the archive's format), read without the locale."""
    parts = str(value or "").split()
    if len(parts) != 6 or parts[1] not in _MONTHS:
        return None
    try:
        clock = datetime.strptime(parts[3], "%H:%M:%S")
        zone = datetime.strptime(parts[4], "%z").tzinfo
        at = datetime(int(parts[5]), _MONTHS[parts[1]], int(parts[2]), *clock.timetuple()[3:6])
    except ValueError:
        return None
    return at.replace(tzinfo=zone).astimezone(UTC)


def id_time(post_id: str) -> Dated | None:
    at = x_time_from_id(int(post_id)) if post_id.isdigit() else None
    return Dated(at, "second", "tweet-id") if at else None


def archive_url(archive: str) -> str:
    """A URL Scrapy can fetch for the ``archive`` key (relative paths: the current directory)."""
    if re.match(r"^(https?|file)://", archive):
        return archive
    return Path(archive).expanduser().resolve().as_uri()


class XSpider(PlatformSpider):
    """X API v2 user timeline, and tweets.js archive import."""

    platform = "x"
    headers: dict[str, str] | None = None  # the Authorization header, once a token is found

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.taken: set[str] = set()  # first ids of the posts yielded in this run

    # ------------------------------------------------------------------ start

    def start_requests_for_source(self) -> Iterable[Any]:
        archive = self.source.option("archive") or []
        for path in [archive] if isinstance(archive, str) else archive:
            yield self.archive_account_request(archive_url(str(path)))
        if self.max_pages() == 0:
            return
        token = os.environ.get(TOKEN_ENV, "").strip()
        if not token:
            self.usable = False
            yield self.failure(
                f"{self.base_url}/2/users/by/username/{self.account}",
                f"no X API token: set the environment variable {TOKEN_ENV} to the bearer "
                "token of an X developer app (it is never read from the sources file)",
            )
            return
        self.headers = {"Authorization": f"Bearer {token}"}
        cached = self.state.get("user_id") if self.state.get("user_of") == self.account else None
        if cached:
            yield self.timeline_request(str(cached), str(self.state.get("username") or ""))
        else:
            yield self.api_request(
                f"{self.base_url}/2/users/by/username/{self.account}",
                self.parse_user,
                headers=self.headers,
            )

    def refused(self, url: str, status: int, detail: str | None) -> str:
        reason = super().refused(url, status, detail)
        if status == 401:
            self.usable = False
            return f"{reason} (X refused the token in {TOKEN_ENV}: expired, revoked or mistyped?)"
        if status == 403:
            self.usable = False
            return (
                f"{reason} (X forbids this read: check the developer app's access level "
                "and that the account is not protected)"
            )
        if status == 429:
            return f"{reason} (rate limited beyond the wait allowed: the next run retries)"
        return reason

    # --------------------------------------------------------------- timeline

    def parse_user(self, response: Response) -> Iterable[Any]:
        payload, failure = self.load_json(response)
        if failure:
            yield failure
            return
        user = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(user, dict) or not user.get("id"):
            detail = "; ".join(
                str(e.get("detail") or e.get("title"))
                for e in (payload.get("errors") or [] if isinstance(payload, dict) else [])
                if isinstance(e, dict)
            )
            yield self.failure(
                response.url,
                f"no X account @{self.account}" + (f": {detail}" if detail else ""),
                response.status,
                response.body,
            )
            return
        user_id, username = str(user["id"]), str(user.get("username") or self.account)
        state: dict[str, str | None] = {
            "user_id": user_id,
            "user_of": self.account,
            "username": username,
        }
        if self.state.get("user_id") not in (None, user_id):
            state["since_id"] = None  # another account now: its own history from the start
        self.state.update(state)
        yield SourceState(self.source.name, state)
        yield self.timeline_request(user_id, username)

    def timeline_request(
        self, user_id: str, username: str, token: str | None = None, page: int = 1, newest: int = 0
    ) -> Request:
        params = {
            "max_results": PAGE_SIZE,
            "exclude": "replies",
            "tweet.fields": TWEET_FIELDS,
            "expansions": EXPANSIONS,
            "user.fields": "name,username",
        }
        since = self.state.get("since_id")
        if since:
            params["since_id"] = since
        if token:
            params["pagination_token"] = token
        return self.api_request(
            f"{self.base_url}/2/users/{user_id}/tweets?{urlencode(params)}",
            self.parse_timeline,
            headers=self.headers,
            cb_kwargs={"user_id": user_id, "username": username, "page": page, "newest": newest},
        )

    def parse_timeline(
        self, response: Response, user_id: str, username: str, page: int, newest: int
    ) -> Iterable[Any]:
        payload, failure = self.load_json(response)
        if failure:
            yield failure
            return
        if not isinstance(payload, dict) or not isinstance(payload.get("data", []), list):
            yield self.failure(
                response.url, "not an X timeline (no `data` list)", response.status, response.body
            )
            return
        posts = [t for t in payload.get("data") or [] if isinstance(t, dict) and t.get("id")]
        lookup = Includes(payload, posts)
        ids = [int(t["id"]) for t in posts if str(t["id"]).isdigit()]
        newest = max([newest, *ids])
        reached_known = False
        for item in self.read_posts(
            response, posts, lambda tweet: self.tweet_draft(tweet, lookup, username)
        ):
            if isinstance(item, DocumentDraft):
                reached_known = reached_known or self.is_known(item.url)
            yield item
        for error in payload.get("errors") or []:
            self.logger.info("%s: partial error from X: %s", response.url, error)
        next_token = (payload.get("meta") or {}).get("next_token")
        incremental = bool(self.state.get("since_id"))
        if next_token and page < self.max_pages() and (incremental or not reached_known):
            yield self.timeline_request(user_id, username, next_token, page + 1, newest)
            return
        if next_token and page >= self.max_pages() and not reached_known:
            self.logger.warning(
                "%s: stopped after max_pages=%d; older posts of this run were not read "
                "(raise max_pages, crawl more often, or import the archive)",
                self.source.name,
                page,
            )
        if newest:
            since = max(newest, int(self.state.get("since_id") or 0))
            yield SourceState(self.source.name, {"since_id": str(since)})

    def tweet_draft(
        self, tweet: dict[str, Any], lookup: Includes, username: str
    ) -> DocumentDraft | None:
        """One timeline entry as a document: the original for a retweet, the latest edit."""
        reposted_by = None
        post = tweet
        refs = field(tweet, "referenced_tweets") or []
        retweeted = next(
            (r.get("id") for r in refs if r.get("type") in ("retweeted", "reposted")), None
        )
        if retweeted:
            original = lookup.tweets.get(str(retweeted))
            reposted_by = username or self.account
            if original is None:
                return self.bare_retweet(tweet, username)
            post = original
        history = [str(i) for i in field(post, "edit_history_tweet_ids") or []] or [str(post["id"])]
        stable = history[0]
        if stable in self.taken:
            return None  # an older version of a post whose latest text this run already has
        self.taken.add(stable)
        latest = lookup.tweets.get(history[-1], post)
        first = lookup.tweets.get(stable, post if str(post["id"]) == stable else None)
        author = lookup.users.get(str(post.get("author_id") or ""), {})
        own = username or self.account
        handle = author.get("username") or (own if reposted_by is None else None)
        created = parse_time(first.get("created_at")) if first else None
        published = Dated(created, "second", "api") if created else id_time(stable)
        raw = {"post": tweet, "original": post if post is not tweet else None, "author": author}
        return self.post_draft(
            url=x_status_url(handle, stable),
            text=post_text(latest),
            external_id=f"x:{stable}",
            published=published,
            author=author.get("name"),
            handle=handle,
            reposted_by=reposted_by,
            lang=latest.get("lang"),
            raw=json.dumps(raw, ensure_ascii=False).encode(),
        )

    def bare_retweet(self, tweet: dict[str, Any], username: str) -> DocumentDraft | None:
        """A retweet whose original X did not include: its "RT @handle: ..." text, cut short."""
        match = _RETWEET.match(str(tweet.get("text") or ""))
        if not match:
            return None
        self.logger.warning("%s: retweet %s without its original", self.source.name, tweet["id"])
        return self.post_draft(
            url=x_status_url(username or self.account, str(tweet["id"])),
            text=html.unescape(str(tweet["text"])[match.end() :]).strip(),
            external_id=f"x:{tweet['id']}",
            published=id_time(str(tweet["id"])),
            author=None,
            handle=match[1],
            reposted_by=username or self.account,
            lang=tweet.get("lang"),
            raw=json.dumps(tweet, ensure_ascii=False).encode(),
        )

    # --------------------------------------------------------------- rechecks

    def recheck_requests(self, urls: list[str]) -> Iterable[Request]:
        if not self.headers:
            return
        last = parse_time(self.state.get("rechecked_at"))
        if last is not None and datetime.now(UTC) - last < RECHECK_INTERVAL:
            return
        by_id = {m[1]: url for url in urls if (m := _STATUS_URL.match(url))}
        for ids in chunks(sorted(by_id), LOOKUP_BATCH):
            yield self.api_request(
                f"{self.base_url}/2/tweets?{urlencode({'ids': ','.join(ids)})}",
                self.parse_lookup,
                headers=self.headers,
                cb_kwargs={"urls": {i: by_id[i] for i in ids}},
            )

    def parse_lookup(self, response: Response, urls: dict[str, str]) -> Iterable[Any]:
        """Posts X reports as not found are gone (not those merely withheld or protected)."""
        payload, failure = self.load_json(response)
        if failure:
            yield failure
            return
        yield SourceState(self.source.name, {"rechecked_at": datetime.now(UTC).isoformat()})
        errors = payload.get("errors") if isinstance(payload, dict) else None
        for error in errors if isinstance(errors, list) else []:
            if not isinstance(error, dict):
                continue
            post_id = str(error.get("resource_id") or error.get("value") or "")
            if str(error.get("type", "")).endswith(NOT_FOUND_TYPE) and post_id in urls:
                detail = error.get("detail") or "not found"
                yield GoneItem(self.source.name, urls[post_id], f"X: {detail}", f"x:{post_id}")

    # ---------------------------------------------------------------- archive

    def archive_account_request(self, tweets_url: str) -> Request:
        """account.js first (optional: the display name), then tweets.js."""
        return Request(
            urljoin(tweets_url, "account.js"),
            callback=self.parse_archive_account,
            errback=self.no_archive_account,
            cb_kwargs={"tweets_url": tweets_url},
            meta={"document": False, "dont_obey_robotstxt": True, "dont_retry": True},
            dont_filter=True,
        )

    def parse_archive_account(self, response: Response, tweets_url: str) -> Iterable[Any]:
        account: dict[str, Any] = {}
        try:
            entries = json.loads(_ARCHIVE_PREFIX.sub(b"", response.body, count=1))
            account = entries[0]["account"]
        except (ValueError, LookupError, TypeError):
            self.logger.warning(
                "%s: account.js not readable; using the source's account", tweets_url
            )
        yield self.archive_request(tweets_url, account if isinstance(account, dict) else {})

    def no_archive_account(self, failure: Failure) -> Iterable[Any]:
        tweets_url = failure.request.cb_kwargs["tweets_url"]  # type: ignore[attr-defined]
        yield self.archive_request(tweets_url, {})

    def archive_request(self, tweets_url: str, account: dict[str, Any]) -> Request:
        return Request(
            tweets_url,
            callback=self.parse_archive,
            errback=self.archive_failed,
            cb_kwargs={"account": account},
            meta={"document": False, "dont_obey_robotstxt": True},
            dont_filter=True,
        )

    def archive_failed(self, failure: Failure) -> Iterable[Any]:
        request: Request = failure.request  # type: ignore[attr-defined]
        if request.url.startswith("file://"):
            path = unquote(urlsplit(request.url).path)  # absolute: relative ones were resolved
            reason = f"cannot read the X archive {path}: {failure.value}"
            yield self.failure(request.url, reason[:500])
            return
        yield from self.failed(failure)

    def parse_archive(self, response: Response, account: dict[str, Any]) -> Iterable[Any]:
        digest = hashlib.sha256(response.body).hexdigest()
        imported = dict(self.state.get("archives") or {})  # archive URL -> sha256 imported
        if imported.get(response.url) == digest:
            return  # imported before, unchanged since
        try:
            entries = json.loads(_ARCHIVE_PREFIX.sub(b"", response.body, count=1))
            if not isinstance(entries, list):
                raise ValueError("not a list of tweets")
        except (ValueError, UnicodeDecodeError) as exc:
            yield self.failure(
                response.url,
                f"not an X archive tweets.js (expected `window.YTD.tweets.part0 = [...]`): {exc}",
                None,
                response.body,
            )
            return
        tweets = [e.get("tweet", e) for e in entries if isinstance(e, dict)]
        tweets = [t for t in tweets if isinstance(t, dict) and str(t.get("id_str", "")).isdigit()]
        handle = str(account.get("username") or self.account)
        name = account.get("accountDisplayName")
        versions: dict[str, dict[str, Any]] = {}
        for tweet in sorted(tweets, key=lambda t: int(t["id_str"])):
            stable = archive_stable_id(tweet)
            versions[stable] = tweet  # ascending ids: the latest edit wins
        yield from self.read_posts(
            response,
            versions.items(),
            lambda entry: self.archive_draft(entry[1], entry[0], handle, name),
            raw=lambda entry: json.dumps(entry[1], ensure_ascii=False).encode(),
        )
        imported[response.url] = digest
        self.state["archives"] = imported
        yield SourceState(self.source.name, {"archives": imported})

    def archive_draft(
        self, tweet: dict[str, Any], stable: str, handle: str, name: str | None
    ) -> DocumentDraft | None:
        reply_to = tweet.get("in_reply_to_screen_name")
        if tweet.get("in_reply_to_status_id_str") and str(reply_to).lower() != handle.lower():
            return None  # a reply to someone else
        text = post_text(tweet)
        author, author_handle, reposted_by = name, handle, None
        retweet = _RETWEET.match(text)
        if retweet:
            author_handle, reposted_by = retweet[1], handle
            mentions = (tweet.get("entities") or {}).get("user_mentions") or []
            author = next(
                (
                    m.get("name")
                    for m in mentions
                    if str(m.get("screen_name", "")).lower() == retweet[1].lower()
                ),
                None,
            )
            text = text[retweet.end() :].strip()
        if not text:
            return None
        created = archive_time(tweet.get("created_at")) if tweet["id_str"] == stable else None
        published = Dated(created, "second", "archive") if created else id_time(stable)
        return self.post_draft(
            url=x_status_url(handle, stable),
            text=text,
            external_id=f"x:{stable}",
            published=published,
            author=author,
            handle=author_handle,
            reposted_by=reposted_by,
            lang=tweet.get("lang"),
            raw=json.dumps({"tweet": tweet}, ensure_ascii=False).encode(),
        )


def archive_stable_id(tweet: dict[str, Any]) -> str:
    """The first id of an archived post (edits are separate entries pointing to it)."""
    edit = tweet.get("edit_info") or {}
    initial = (edit.get("edit") or {}).get("initialTweetId")
    ids = (edit.get("initial") or {}).get("editTweetIds") or []
    return str(initial or (ids[0] if ids else tweet["id_str"]))


class Includes:
    """The posts and users of one timeline page, by id (both field spellings)."""

    def __init__(self, payload: dict[str, Any], posts: list[dict[str, Any]]) -> None:
        includes = payload.get("includes")
        includes = includes if isinstance(includes, dict) else {}
        included = field(includes, "tweets")
        users = includes.get("users")
        self.tweets = {
            str(t["id"]): t
            for t in [*(included if isinstance(included, list) else []), *posts]
            if isinstance(t, dict) and t.get("id")
        }
        self.users = {
            str(u["id"]): u
            for u in (users if isinstance(users, list) else [])
            if isinstance(u, dict) and u.get("id")
        }
