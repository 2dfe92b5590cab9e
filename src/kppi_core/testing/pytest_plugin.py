"""Pytest fixtures for plugin authors: a clean plugin manager, and a plugin registered for one test.

Installed with kppi_core through the ``pytest11`` entry point, so the fixtures
are there in any test suite; or name it in a ``conftest.py``::

    pytest_plugins = ["kppi_core.testing.pytest_plugin"]

Example::

    import my_party_plugin

    def test_my_source_is_registered(kppi_register):
        kppi_register(my_party_plugin)
        assert "my-party-csv" in kppi_core.plugins.sources()
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from kppi_core.plugins import PluginInfo, Plugins

__all__ = ["kppi_plugin_manager", "kppi_register"]


@pytest.fixture
def kppi_plugin_manager() -> Iterator[Plugins]:
    """A fresh plugin manager with the built-in plugins only, made the current one.

    Installed plugins are left out, so a test sees what it registers and
    nothing else; the previous manager comes back after the test.
    """
    from kppi_core.plugins import Plugins, set_plugins

    manager = Plugins(entry_points=False)
    previous = set_plugins(manager)
    try:
        yield manager
    finally:
        set_plugins(previous)


@pytest.fixture
def kppi_register(
    kppi_plugin_manager: Plugins,
) -> Iterator[Callable[..., PluginInfo]]:
    """``kppi_register(plugin, name=None)``: register a plugin in the clean manager for this test.

    The plugin is checked at once (a bad hook raises
    :class:`~kppi_core.errors.PluginError`) and unregistered after the test.
    """
    names: list[str] = []

    def register(plugin: object, name: str | None = None) -> PluginInfo:
        info = kppi_plugin_manager.register(plugin, name)
        names.append(info.name)
        return info

    yield register
    for name in reversed(names):
        kppi_plugin_manager.unregister(name)
