"""The README documents every command and every setting (a test fails when one is missing)."""

from __future__ import annotations

import re
from pathlib import Path

from onrecord.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE_DIRS = ("crawler", "store", "scheduler", "onrecord")


def test_every_command_is_documented() -> None:
    missing = [name for name in cli.commands if f"onrecord {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_setting_and_environment_variable_is_documented() -> None:
    used = set()
    for directory in CODE_DIRS:
        for path in (ROOT / directory).rglob("*.py"):
            used |= set(re.findall(r"ONRECORD_[A-Z_]+", path.read_text(encoding="utf-8")))
    missing = sorted(name for name in used if name not in README)
    assert not missing, f"settings missing from README.md: {missing}"


def test_every_option_of_every_command_is_documented() -> None:
    missing = []
    for name, command in cli.commands.items():
        for param in command.params:
            for option in getattr(param, "opts", []):
                generic = option in ("--db", "--json", "-h", "--help", "-s", "--set")
                if option.startswith("-") and not generic and option not in README:
                    missing.append(f"onrecord {name} {option}")
    assert not missing, f"options missing from README.md: {missing}"
