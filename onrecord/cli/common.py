"""What every command shares: the ``--db`` and ``--json`` options, output, errors."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from onrecord.errors import UserError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

F = TypeVar("F", bound=Callable[..., Any])


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    # `--db` may be given before or after the command name; the innermost wins.
    if value:
        ctx.ensure_object(dict)
        root = ctx.find_root()
        root.ensure_object(dict)
        root.obj["db"] = value


def db_option(func: F) -> F:
    """``--db URL`` (or ``ONRECORD_DB``): which database; default the embedded SQLite file."""
    return click.option(
        "--db",
        "db",
        metavar="URL",
        envvar="ONRECORD_DB",
        expose_value=False,
        callback=_remember_db,
        help="Database URL or SQLite file path [env ONRECORD_DB; default: the embedded file].",
    )(func)


def json_option(func: F) -> F:
    """``--json``: machine-readable output on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(func)


def db_url_from(ctx: click.Context) -> str | None:
    """The database URL the user chose, or None for the default."""
    obj = ctx.find_root().obj
    return obj.get("db") if isinstance(obj, dict) else None


@contextmanager
def session_for(ctx: click.Context) -> Iterator[Any]:
    """A session on the chosen database, opened (created or checked) on first use."""
    from store.db import open_store

    store = open_store(db_url_from(ctx))
    try:
        with store.session() as session:
            yield session
    finally:
        store.close()


def echo_json(value: Any) -> None:
    """One JSON document on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def echo_json_lines(values: Iterable[Any]) -> None:
    """JSON Lines on stdout, one value a line."""
    for value in values:
        click.echo(json.dumps(value, ensure_ascii=False, default=str))


def fail(message: str) -> None:
    """Stop the command with a message the user can act on."""
    raise UserError(message)


def report_error(exc: BaseException) -> int:
    """Print one line for ``exc`` on stderr and return the exit code."""
    from store.errors import StoreError

    if os.environ.get("ONRECORD_DEBUG"):
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, UserError | StoreError):
        click.echo(f"onrecord: error: {exc}", err=True)
        return 1
    click.echo(
        f"onrecord: internal error: {type(exc).__name__}: {exc} "
        "(run again with ONRECORD_DEBUG=1 for the traceback, and please report it)",
        err=True,
    )
    return 70
