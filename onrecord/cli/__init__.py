"""The ``onrecord`` command: a thin shell over the library.

Each command lives in a module of its own here: it parses its options, calls
one library function and renders the result (text for people, ``--json`` for
programs). Errors the user can act on end as one line on stderr and a
non-zero exit code, never a traceback (``ONRECORD_DEBUG=1`` shows one).
"""

from __future__ import annotations

import os
import sys

import click

from onrecord import __version__
from onrecord.cli.common import CONTEXT_SETTINGS, db_option, report_error

COMMAND_MODULES = (
    "search",
    "quote",
    "speakers",
    "sources",
    "crawl",
    "migrate",
    "extract",
    "link",
    "run",
    "demo",
)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="onrecord")
@db_option
def cli() -> None:
    """onrecord: who said what, when, where, and who repeated it."""


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        module = importlib.import_module(f"onrecord.cli.{name}")
        cli.add_command(module.command)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``onrecord`` script."""
    try:
        result = cli.main(args=argv, prog_name="onrecord", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("onrecord: aborted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # `onrecord search ... | head`: the reader left; nothing to report.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:
        sys.exit(report_error(exc))
    # Non-standalone click returns the exit code of --help/--version, or a command's result.
    sys.exit(result if isinstance(result, int) else 0)
