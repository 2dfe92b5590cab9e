"""Shared test set-up: the plugin authors' pytest kit, and this suite's markers."""

from __future__ import annotations

import os
from importlib.metadata import entry_points

import pytest

_KIT = "kppi_core.testing.pytest_plugin"


def _kit_autoloaded() -> bool:
    """Whether pytest loads the kit itself, through kppi_core's ``pytest11`` entry point."""
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return False
    return any(ep.value == _KIT for ep in entry_points(group="pytest11"))


# Registering the module a second time under another name would be an error.
pytest_plugins = [] if _kit_autoloaded() else [_KIT]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true", help="also run the tests marked long (long fuzzing)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="long: run with --slow")
    for item in items:
        if "long" in item.keywords:
            item.add_marker(skip)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "long: long runs (every command over every corpus file, long fuzzing); "
        "skipped unless pytest --slow",
    )
    config.addinivalue_line(
        "markers",
        "plugin_install: installs the example plugin packages with pip (offline, into a "
        "temporary directory); needs hatchling importable",
    )
