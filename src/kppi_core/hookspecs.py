"""The hooks a kppi_core plugin may implement. Each spec's docstring is its reference.

Every hook is a *registry* hook: the plugin declares things through a
``register`` callback instead of being called per record or per event, so the
host can add keyword arguments later without breaking a plugin (pluggy lets an
implementation take fewer arguments than the spec, never more).

A plugin is a module or object with functions marked ``@kppi_core.hookimpl``,
registered through the ``kppi_core`` entry-point group::

    [project.entry-points.kppi_core]
    my_party = "my_party_plugin"

Each ``register`` also takes a lazy declaration (:mod:`kppi_core.lazy`): the
name and what chooses the object, with the import path of its
implementation, imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from kppi_core.lazy import LazyCommand, LazyFormat, LazyRuleSet, LazySource
    from kppi_core.quota.rulesets import RuleSet
    from kppi_core.render import Format
    from kppi_core.sources import Source

__all__ = [
    "PROJECT",
    "hookimpl",
    "hookspec",
    "kppi_register_commands",
    "kppi_register_formats",
    "kppi_register_rule_sets",
    "kppi_register_sources",
]

#: The pluggy project name, also the entry-point group.
PROJECT = "kppi_core"

hookspec = pluggy.HookspecMarker(PROJECT)
#: Mark a plugin's hook implementations: ``@kppi_core.hookimpl``.
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def kppi_register_sources(register: Callable[[Source | LazySource], None]) -> None:
    """Declare data sources: ``register(source)`` once for each.

    A source reads one kind of input (a party's membership export, an
    attendance sheet, an election commission's list) and yields model objects
    as a stream, plus a :class:`~kppi_core.rejections.Rejection` for every
    record it could not turn into one. See :class:`kppi_core.sources.Source`.
    Two plugins registering one source name is an error naming both.
    ``register(LazySource(name, "module:Class", description, yields,
    patterns))`` declares one without importing it.
    """


@hookspec
def kppi_register_rule_sets(register: Callable[[RuleSet | LazyRuleSet], None]) -> None:
    """Declare quota rule sets: ``register(rule_set)`` once for each.

    A :class:`~kppi_core.quota.RuleSet` bundles rules; a rule is any object
    with ``id``, ``source`` and ``evaluate(facts)`` (the
    :class:`~kppi_core.quota.ListRule` protocol), so a new rule travels inside
    a new rule set. The engine needs no change. ``register(LazyRuleSet(id,
    "module:RULE_SET"))`` declares one without importing it.
    """


@hookspec
def kppi_register_formats(register: Callable[[Format | LazyFormat], None]) -> None:
    """Declare output formats for reports: ``register(format)`` once for each.

    A :class:`~kppi_core.render.Format` has a name and a ``render(document)``
    function returning text (or bytes, for a file format); ``--format NAME``
    uses it in every command, for every report (see :mod:`kppi_core.render`).
    ``register(LazyFormat(name, "module:FORMAT"))`` declares one without
    importing it.
    """


@hookspec
def kppi_register_commands(cli: click.Group, register: Callable[[LazyCommand], None]) -> None:
    """Add subcommands to the ``kppi`` command: ``@cli.command()`` on each, or
    ``register(LazyCommand(name, "module:command", help))``.

    Called once when the command line starts. A command declared with
    ``register`` is imported only when it runs (``kppi --help`` shows the
    declared ``help``); one added to ``cli`` is imported with the plugin, so
    keep imports inside its function to keep ``kppi --help`` fast.
    """
