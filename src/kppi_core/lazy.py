"""Lazy declarations: what a plugin registers, named without importing its implementation.

A plugin's register hook may pass one of these instead of the object itself;
the manager imports ``target`` (``"package.module:attribute"``, an entry
point's syntax) the first time the object is used, so listing plugins,
``kppi --help`` and commands that do not use it never pay for the import::

    @kppi_core.hookimpl
    def kppi_register_sources(register):
        register(LazySource("my-party-csv", "my_party.source:MyPartySource",
                            yields=("Person", "Membership"), patterns=("*.csv",)))

Declarations are named tuples, and this module imports nothing else, so a
plugin's hook module stays cheap to import.
"""

from __future__ import annotations

import importlib
import re
from typing import NamedTuple

from kppi_core.errors import InvalidArgument

__all__ = ["LazyCommand", "LazyFormat", "LazyRuleSet", "LazySource", "load_target"]

# importlib.metadata's EntryPoint pattern, without extras.
_TARGET = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?$")


def load_target(target: str) -> object:
    """Import ``"module:attr.attr"`` (or ``"module"``) and return the object it names."""
    match = _TARGET.match(target)
    if match is None:
        raise InvalidArgument(f"{target!r} is not an import path like 'package.module:name'")
    obj: object = importlib.import_module(match.group("module"))
    for name in filter(None, (match.group("attr") or "").split(".")):
        obj = getattr(obj, name)
    return obj


class LazySource(NamedTuple):
    """A source, declared by its spec and the import path of its implementation.

    ``target`` names a :class:`~kppi_core.sources.Source` class (called with
    no arguments) or instance. Its ``spec`` must agree with ``name``,
    ``yields``, ``patterns`` and ``schemes``: they choose the source for a
    file before it is imported.
    """

    name: str
    target: str
    description: str = ""
    yields: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    schemes: tuple[str, ...] = ()


class LazyRuleSet(NamedTuple):
    """A rule set, declared by its id; ``target`` names the :class:`~kppi_core.quota.RuleSet`."""

    id: str
    target: str
    title: str = ""


class LazyFormat(NamedTuple):
    """A report format, declared by its name; ``target`` names the
    :class:`~kppi_core.reports.Format`."""

    name: str
    target: str
    description: str = ""


class LazyCommand(NamedTuple):
    """A ``kppi`` subcommand, declared by its name and the first paragraph of its help.

    ``target`` names the :class:`click.Command` (or group); ``help`` is what
    ``kppi --help`` shows before the command is imported, so keep it the
    command's own.
    """

    name: str
    target: str
    help: str = ""


#: Every kind of lazy declaration.
LAZY_TYPES = (LazySource, LazyRuleSet, LazyFormat, LazyCommand)
