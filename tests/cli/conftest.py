"""Running the ``onrecord`` command in-process, as a user's shell would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from onrecord.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def onrecord(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``onrecord(*args)`` runs the command and returns its exit code, stdout and stderr."""

    def run(*args: str) -> Run:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
