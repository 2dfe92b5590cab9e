"""The plugin manager: built-in and installed plugins, each isolated, behind a typed facade.

Built-in plugins are named after modules of kppi_core (:data:`BUILTIN_MODULES`)
and declared lazily (:mod:`kppi_core.plugins.builtins`): what they register is imported
on first use. Installed ones come from the ``kppi_core`` entry-point group
(:mod:`kppi_core.plugins.discovery`). Nothing loads at ``import kppi_core``: the
manager loads on the first call of a function here, and a plugin's
:mod:`lazy declarations <kppi_core.lazy>` are imported only when used.

A plugin that fails to import, breaks the hook rules (an argument or hook name
the specs do not know), raises in a register hook, or claims a name another
plugin holds is left out whole: it is recorded (:func:`plugin_infos`), a
:class:`~kppi_core.errors.PluginWarning` is issued with ``warnings.warn``, and
the other plugins load. Environment variables, read when the manager loads:

``KPPI_LOAD_PLUGINS``
    Comma-separated entry-point names: load only these installed plugins. Set
    and empty: no installed plugins at all. Built-ins are not affected.
``KPPI_DISABLE_PLUGINS``
    Comma-separated plugin names to leave out (built-in module names too).
``KPPI_STRICT_PLUGINS=1``
    Raise :class:`~kppi_core.errors.PluginError` instead of warning.
"""

from __future__ import annotations

import enum
import functools
import importlib
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final, NamedTuple, cast, final

import pluggy

from kppi_core import __version__, hookspecs
from kppi_core.errors import (
    Message,
    PluginError,
    PluginWarning,
)
from kppi_core.lazy import LazyCommand, LazyFormat, LazyRuleSet, LazySource, load_target
from kppi_core.plugins.builtins import PLUGINS
from kppi_core.plugins.discovery import entry_points as find_entry_points
from kppi_core.privacy import hide_digits

if TYPE_CHECKING:
    from pathlib import Path

    import click

    from kppi_core.quota.rulesets import RuleSet
    from kppi_core.reading import ListsRead
    from kppi_core.render import Format
    from kppi_core.sources import ReadContext, Record, Source

__all__ = [
    "BUILTIN_MODULES",
    "ENTRY_POINT_GROUP",
    "LIST_TYPES",
    "PluginInfo",
    "PluginStatus",
    "Plugins",
    "disable_plugins",
    "formats",
    "get_plugins",
    "plugin_infos",
    "read_source",
    "read_source_lists",
    "reset_plugins",
    "rule_sets",
    "set_plugins",
    "source_for",
    "sources",
]

#: Modules of kppi_core registered as plugins, in this order, before any installed one.
BUILTIN_MODULES: tuple[str, ...] = (
    "kppi_core.adapters.candidates_csv",
    "kppi_core.adapters.membership_csv",
    "kppi_core.adapters.attendance_csv",
    "kppi_core.adapters.parline",
    "kppi_core.adapters.xlsx",
    "kppi_core.adapters.jsonl",
    "kppi_core.adapters.dataset_json",
    "kppi_core.adapters.kpu_json",
    "kppi_core.adapters.popolo",
    "kppi_core.quota.rulesets",
    "kppi_core.reports",
    "kppi_core.cli.plugins",
    "kppi_core.cli.seats",
    "kppi_core.cli.cadres",
)
#: The entry-point group installed plugins declare themselves in.
ENTRY_POINT_GROUP: Final = hookspecs.PROJECT
#: Model types a source must yield (one of) to feed ``kppi check`` (the reading path uses it).
LIST_TYPES: Final = ("Candidacy", "CandidateList")

_KINDS = {"sources": "source", "rule_sets": "rule set", "formats": "format"}


class PluginStatus(enum.StrEnum):
    """Whether a plugin is in use."""

    LOADED = "loaded"
    FAILED = "failed"
    DISABLED = "disabled"


class PluginInfo(NamedTuple):
    """One plugin as the manager sees it: where it comes from, what it adds, its state.

    ``distribution`` and ``version`` are the installed package's (``kppi_core``
    for built-ins; ``None`` for a plugin registered in code). ``error`` says
    why a plugin failed, or why it is disabled. A named tuple (``_asdict()``),
    not an attrs class: listing plugins does not import attrs.
    """

    name: str
    distribution: str | None
    version: str | None
    builtin: bool
    status: PluginStatus
    hooks: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    rule_sets: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()
    error: str | None = None


class _Entry:
    """The mutable record behind a :class:`PluginInfo`.

    ``sources``, ``rule_sets`` and ``formats`` hold the objects registered, or
    their lazy declarations until first use (then the object replaces them).
    """

    status: PluginStatus
    error: str | None
    plugin: object
    hooks: tuple[str, ...]
    sources: dict[str, Source | LazySource]
    rule_sets: dict[str, RuleSet | LazyRuleSet]
    formats: dict[str, Format | LazyFormat]
    commands: list[str]

    def __init__(
        self, name: str, distribution: str | None, version: str | None, builtin: bool
    ) -> None:
        self.name, self.distribution, self.version = name, distribution, version
        self.builtin = builtin
        self.status, self.error = PluginStatus.LOADED, None
        self.clear()

    @property
    def label(self) -> str:
        if self.distribution is None:
            return f"plugin {self.name!r} (registered in code)"
        return f"plugin {self.name!r} (distribution {self.distribution} {self.version})"

    def clear(self) -> None:
        self.plugin = None
        self.hooks = ()
        self.sources, self.rule_sets, self.formats = {}, {}, {}
        self.commands = []

    def info(self) -> PluginInfo:
        return PluginInfo(
            name=self.name,
            distribution=self.distribution,
            version=self.version,
            builtin=self.builtin,
            status=self.status,
            hooks=self.hooks,
            sources=tuple(self.sources),
            rule_sets=tuple(self.rule_sets),
            formats=tuple(self.formats),
            commands=tuple(self.commands),
            error=self.error,
        )


def _env_names(name: str) -> frozenset[str] | None:
    """The comma-separated names in environment variable ``name``; ``None`` when unset."""
    value = os.environ.get(name)
    if value is None:
        return None
    return frozenset(n.strip() for n in value.split(",") if n.strip())


def _describe(exc: BaseException) -> str:
    if isinstance(exc, PluginError):
        return str(exc)
    return f"{type(exc).__name__}: {hide_digits(str(exc))}"


def _blame(owner: PluginInfo | None) -> tuple[str, str | None, str | None]:
    """How a message names the plugin ``owner`` ("plugin x (dist 1.0)"), its name and
    its distribution; an object no plugin registered is blamed on "an unregistered plugin"."""
    if owner is None:
        return "an unregistered plugin", None, None
    by = _Entry(owner.name, owner.distribution, owner.version, owner.builtin).label
    return by, owner.name, owner.distribution


def _reading() -> Any:
    """The reading path, for the deprecated aliases here (a layer above: imported by name)."""
    return importlib.import_module("kppi_core.reading")


def _yields(source: Source | LazySource) -> tuple[str, ...]:
    return source.yields if isinstance(source, LazySource) else tuple(source.spec.yields)


def _patterns(source: Source | LazySource) -> tuple[str, ...]:
    return source.patterns if isinstance(source, LazySource) else tuple(source.spec.patterns)


def _builtin(name: str) -> object:
    """The built-in plugin ``name``: its lazy declaration, or else the module of that name."""
    plugin = PLUGINS.get(name)
    return importlib.import_module(name) if plugin is None else plugin


@final
class Plugins:
    """A plugin manager: pluggy's, with every plugin isolated and a typed view of what they add.

    Loads on first use. ``entry_points=False`` leaves installed plugins out
    (the built-ins only, as tests want); ``load``, ``disable`` and ``strict``
    add to the ``KPPI_LOAD_PLUGINS``, ``KPPI_DISABLE_PLUGINS`` and
    ``KPPI_STRICT_PLUGINS`` environment variables.
    """

    def __init__(
        self,
        *,
        entry_points: bool = True,
        load: Iterable[str] | None = None,
        disable: Iterable[str] = (),
        strict: bool | None = None,
    ) -> None:
        self._use_entry_points = entry_points
        self._load_only = None if load is None else frozenset(load)
        self._disabled = set(disable)
        self._strict = strict
        self._pm: pluggy.PluginManager | None = None
        self._entries: list[_Entry] = []
        self._generation = 0

    @property
    def generation(self) -> int:
        """A number that changes whenever a plugin is added or removed."""
        return self._generation

    # -- loading ---------------------------------------------------------------------------

    @property
    def pm(self) -> pluggy.PluginManager:
        """The underlying pluggy manager, loaded."""
        return self._load()

    @property
    def strict(self) -> bool:
        """Whether a failing plugin raises instead of being left out with a warning."""
        if self._strict is not None:
            return self._strict
        return os.environ.get("KPPI_STRICT_PLUGINS", "").strip() not in ("", "0")

    def _load(self) -> pluggy.PluginManager:
        if self._pm is not None:
            return self._pm
        pm = pluggy.PluginManager(hookspecs.PROJECT)
        pm.add_hookspecs(hookspecs)
        self._pm = pm  # set first: a plugin's hook may call back into the facade
        disabled = self._disabled | (_env_names("KPPI_DISABLE_PLUGINS") or frozenset())
        allowed = _env_names("KPPI_LOAD_PLUGINS")
        if self._load_only is not None:
            allowed = self._load_only | (allowed or frozenset())
        try:
            for module in BUILTIN_MODULES:
                entry = _Entry(module, "kppi_core", __version__, builtin=True)
                if module in disabled:
                    self._skip(entry, "disabled")
                    continue
                self._guard(entry, functools.partial(_builtin, module))
            if self._use_entry_points:
                self._load_entry_points(allowed, disabled)
        except PluginError:
            self._pm, self._entries = None, []  # strict mode: nothing half-loaded stays
            raise
        return pm

    def _load_entry_points(self, allowed: frozenset[str] | None, disabled: set[str]) -> None:
        found = find_entry_points(ENTRY_POINT_GROUP)
        for ep in sorted(found, key=lambda ep: (ep.name, ep.value)):
            dist = ep.dist
            entry = _Entry(
                ep.name,
                dist.name if dist is not None else None,
                dist.version if dist is not None else None,
                builtin=False,
            )
            if ep.name in disabled:
                self._skip(entry, "disabled")
            elif allowed is not None and ep.name not in allowed:
                self._skip(entry, "not in KPPI_LOAD_PLUGINS")
            else:
                self._guard(entry, ep.load)

    def _skip(self, entry: _Entry, why: str) -> None:
        entry.status, entry.error = PluginStatus.DISABLED, why
        self._entries.append(entry)

    def _guard(self, entry: _Entry, load: Callable[[], object]) -> None:
        """Load and register one plugin; on failure record, warn (or raise when strict)."""
        self._entries.append(entry)
        try:
            if any(e.name == entry.name and e is not entry for e in self._entries):
                raise PluginError(f"{entry.label}: another plugin is already named {entry.name!r}")
            self._add(entry, load())
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a plugin's SystemExit too
            self._fail(entry, exc)

    def _fail(self, entry: _Entry, exc: BaseException, what: str = "") -> None:
        entry.status, entry.error = PluginStatus.FAILED, what + _describe(exc)
        message = Message("{plugin} was left out: {why}", plugin=entry.label, why=entry.error)
        if self.strict:
            raise PluginError(message, plugin=entry.name, distribution=entry.distribution) from exc
        warnings.warn(PluginWarning(message), stacklevel=2)

    def _add(self, entry: _Entry, plugin: object) -> None:
        """Register ``plugin`` under ``entry``: validate, collect what it declares, check
        clashes. Raises :class:`PluginError` and leaves nothing behind on any failure."""
        pm = self._load()
        try:
            pm.register(plugin, name=entry.name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            raise PluginError(
                f"{entry.label}: {exc}", plugin=entry.name, distribution=entry.distribution
            ) from exc
        try:
            pm.check_pending()
            entry.plugin = plugin
            entry.hooks = tuple(sorted(h.name for h in pm.get_hookcallers(plugin) or ()))
            self._collect(entry)
            self._check_clashes(entry)
        except pluggy.PluginValidationError as exc:
            self._remove(entry)
            raise PluginError(
                f"{entry.label}: {exc}", plugin=entry.name, distribution=entry.distribution
            ) from exc
        except BaseException:
            self._remove(entry)
            raise
        entry.status, entry.error = PluginStatus.LOADED, None
        self._generation += 1

    def _remove(self, entry: _Entry) -> None:
        assert self._pm is not None
        if entry.plugin is not None and self._pm.is_registered(entry.plugin):
            self._pm.unregister(entry.plugin)
        elif self._pm.get_plugin(entry.name) is not None:
            self._pm.unregister(name=entry.name)
        entry.clear()
        self._generation += 1

    def _impls(self, hook: str, plugin: object) -> Iterator[pluggy.HookImpl]:
        for impl in getattr(self._load().hook, hook).get_hookimpls():
            if impl.plugin is plugin:
                if impl.hookwrapper or impl.wrapper:
                    raise PluginError(f"{hook} is a registry hook: it cannot be a wrapper")
                yield impl

    def _collect(self, entry: _Entry) -> None:
        registrars = (
            ("kppi_register_sources", _registrar(entry.sources, "source", LazySource, _source)),
            (
                "kppi_register_rule_sets",
                _registrar(entry.rule_sets, "rule set", LazyRuleSet, _rule_set),
            ),
            ("kppi_register_formats", _registrar(entry.formats, "format", LazyFormat, _format)),
        )
        for hook, register in registrars:
            for impl in self._impls(hook, entry.plugin):
                args: dict[str, object] = {"register": register}
                try:
                    impl.function(*(args[a] for a in impl.argnames))
                except KeyboardInterrupt:
                    raise
                except BaseException as exc:  # a plugin's SystemExit too
                    raise PluginError(
                        f"{entry.label}: {hook} raised {_describe(exc)}",
                        plugin=entry.name,
                        distribution=entry.distribution,
                    ) from exc

    # -- lazy declarations ------------------------------------------------------------------

    def _resolve(self, entry: _Entry, kind: str, name: str) -> Any:
        """The object ``entry`` registered as ``name`` in ``kind``, imported if declared lazily.

        ``None`` if importing it fails: the plugin is then left out whole, as if it
        had failed to load (a warning, or :class:`PluginError` when strict).
        """
        bucket = getattr(entry, kind)
        obj = bucket.get(name)
        if not isinstance(obj, LazySource | LazyRuleSet | LazyFormat):
            return obj
        try:
            bucket[name] = loaded = _load_declared(obj)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a plugin's SystemExit too
            self._remove(entry)
            self._fail(entry, exc, f"{_KINDS[kind]} {name!r} from {obj.target!r}: ")
            return None
        return loaded

    def _all(self, kind: str) -> dict[str, Any]:
        """Every object of ``kind`` by name, built-ins first, lazy ones imported."""
        found: dict[str, Any] = {}
        for entry in self._loaded():
            objects = {}
            for name in list(getattr(entry, kind)):
                objects[name] = self._resolve(entry, kind, name)
                if objects[name] is None:  # the plugin was left out: drop what it gave
                    break
            else:
                found.update(objects)
        return found

    def _check_clashes(self, entry: _Entry) -> None:
        for other in self._loaded():
            if other is entry:
                continue
            for kind, what in _KINDS.items():
                both = getattr(entry, kind).keys() & getattr(other, kind).keys()
                for name in sorted(both):
                    raise PluginError(
                        f"{what} {name!r} is registered by both {other.label} and {entry.label}",
                        plugin=entry.name,
                        distribution=entry.distribution,
                    )

    def _loaded(self) -> list[_Entry]:
        self._load()
        return [e for e in self._entries if e.status is PluginStatus.LOADED]

    # -- registering in code (tests, notebooks) --------------------------------------------

    def register(self, plugin: object, name: str | None = None) -> PluginInfo:
        """Register ``plugin`` (a module or object with hook implementations) now.

        Raises :class:`PluginError` if it breaks the hook rules or claims a name
        another plugin holds; nothing of it stays registered then.
        """
        self._load()
        name = name or getattr(plugin, "__name__", None) or f"plugin-{id(plugin):x}"
        if any(e.name == name and e.status is PluginStatus.LOADED for e in self._entries):
            raise PluginError(f"a plugin named {name!r} is already registered", plugin=name)
        entry = _Entry(name, None, None, builtin=False)
        self._add(entry, plugin)
        self._entries = [e for e in self._entries if e.name != name] + [entry]
        return entry.info()

    def unregister(self, name: str) -> None:
        """Remove the plugin ``name`` and everything it registered."""
        for entry in self._entries:
            if entry.name == name and entry.status is PluginStatus.LOADED:
                self._remove(entry)
        self._entries = [e for e in self._entries if e.name != name]

    def disable(self, names: Iterable[str]) -> None:
        """Leave out the plugins ``names``: before loading, or unregistering them after."""
        for name in names:
            self._disabled.add(name)
            if self._pm is None:
                continue
            for entry in self._entries:
                if entry.name == name and entry.status is PluginStatus.LOADED:
                    self._remove(entry)
                    entry.status, entry.error = PluginStatus.DISABLED, "disabled"

    # -- the typed facade -----------------------------------------------------------------

    def sources(self) -> dict[str, Source]:
        """Every source by name, built-ins first (lazily declared ones imported now)."""
        return self._all("sources")

    def rule_sets(self) -> dict[str, RuleSet]:
        """Every rule set plugins register, by id, built-ins first."""
        return self._all("rule_sets")

    def formats(self) -> dict[str, Format]:
        """Every report format by name, built-ins first."""
        return self._all("formats")

    def infos(self) -> list[PluginInfo]:
        """Every plugin seen, loaded or not, built-ins first."""
        self._load()
        return [e.info() for e in self._entries]

    def owner(self, source: Source) -> PluginInfo | None:
        """The plugin that registered ``source``, if any did."""
        for entry in self._loaded():
            if any(s is source for s in entry.sources.values()):
                return entry.info()
        return None

    def source(self, name: str) -> Source | None:
        """The source ``name`` (imported now if declared lazily), or None when no
        plugin registers it or importing it failed (its plugin is then left out)."""
        for entry in self._loaded():
            if name in entry.sources:
                found: Source | None = self._resolve(entry, "sources", name)
                return found if entry.status is PluginStatus.LOADED else None
        return None

    def declared_sources(self) -> dict[str, tuple[str, ...]]:
        """Every source's file-name patterns by name, without importing lazy ones."""
        return {n: _patterns(s) for e in self._loaded() for n, s in e.sources.items()}

    def declared_yields(self) -> dict[str, tuple[str, ...]]:
        """What each source yields (model type names) by name, without importing lazy ones."""
        return {n: _yields(s) for e in self._loaded() for n, s in e.sources.items()}

    def blame(self, obj: Source) -> tuple[str, str | None, str | None]:
        """How a message names the plugin that registered source ``obj``: its label
        ("plugin x (distribution d 1.0)"), its name and its distribution."""
        return _blame(self.owner(obj))

    @staticmethod
    def describe(exc: BaseException) -> str:
        """``exc`` in one line for a message, long digit runs hidden."""
        return _describe(exc)

    # Deprecated: the reading path is kppi_core.reading, a layer above the manager. These
    # keep old callers working; the module is imported by name so the layers hold.

    def source_for(
        self, path: str | Path, name: str | None = None, *, yields: Iterable[str] | None = None
    ) -> Source:
        """Deprecated: :func:`kppi_core.reading.source_for` with this manager."""
        found: Source = _reading().source_for(path, name, yields=yields, plugins=self)
        return found

    def read_source(
        self,
        path: str | Path,
        source: str | Source | None = None,
        context: ReadContext | None = None,
    ) -> Iterator[Record]:
        """Deprecated: :func:`kppi_core.reading.read` with this manager."""
        items: Iterator[Record] = _reading().read(path, source, context, plugins=self)
        return items

    def read_source_lists(
        self,
        path: str | Path,
        source: str | Source | None = None,
        context: ReadContext | None = None,
    ) -> ListsRead:
        """Deprecated: :func:`kppi_core.reading.read_lists` with this manager."""
        read: ListsRead = _reading().read_lists(path, source=source, context=context, plugins=self)
        return read

    # -- commands -----------------------------------------------------------------------

    def add_commands(self, cli: click.Group) -> None:
        """Call every plugin's ``kppi_register_commands(cli, register)``, each guarded.

        A command declared with ``register(LazyCommand(...))`` goes into
        ``cli.lazy_commands`` (name → declaration and a function importing it)
        when ``cli`` has that dict, as ``kppi``'s group does; into a plain
        group it is imported at once. A plugin that raises, or that replaces a
        command that exists, is left out whole, its commands removed, with a
        warning (or an error when strict).
        """
        found = getattr(cli, "lazy_commands", None)
        lazy: dict[str, Any] = {} if found is None else found
        for entry in self._loaded():
            before, lazy_before = dict(cli.commands), dict(lazy)
            declared: list[str] = []

            def exists(name: str) -> PluginError:
                holder = next((e.label for e in self._entries if name in e.commands), None)
                return PluginError(
                    f"command {name!r} exists already"
                    + (f" (from {holder})" if holder else " (in kppi_core)")
                    + f"; {entry.label} cannot replace it"  # noqa: B023 (called in the loop)
                )

            def register(command: LazyCommand) -> None:
                if not isinstance(command, LazyCommand):
                    raise PluginError(f"register() takes a LazyCommand; got {command!r}")
                _check_lazy(command, command.name)
                if command.name in cli.commands or command.name in lazy:
                    raise exists(command.name)
                if hasattr(cli, "lazy_commands"):
                    lazy[command.name] = (
                        command,
                        functools.partial(self._resolve_command, entry, command),  # noqa: B023
                    )
                else:
                    cli.add_command(_load_command(command), command.name)
                declared.append(command.name)  # noqa: B023

            try:
                for impl in self._impls("kppi_register_commands", entry.plugin):
                    args: dict[str, object] = {"cli": cli, "register": register}
                    impl.function(*(args[a] for a in impl.argnames))
                for name, command in cli.commands.items():
                    if (name in before and before[name] is not command) or name in lazy_before:
                        raise exists(name)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # a plugin's SystemExit too
                cli.commands.clear()
                cli.commands.update(before)
                lazy.clear()
                lazy.update(lazy_before)
                self._remove(entry)
                self._fail(entry, exc)
                continue
            added = [n for n in cli.commands if n not in before]
            entry.commands = added + [n for n in declared if n not in added]

    def _resolve_command(self, entry: _Entry, command: LazyCommand) -> click.Command | None:
        """Import a lazily declared command; ``None`` (and its plugin left out, with a
        warning or :class:`PluginError` when strict) if that fails."""
        if entry.status is not PluginStatus.LOADED or command.name not in entry.commands:
            return None
        try:
            return _load_command(command)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a plugin's SystemExit too
            self._remove(entry)
            self._fail(entry, exc, f"command {command.name!r} from {command.target!r}: ")
            return None


def _check_lazy(declared: object, name: object) -> None:
    target = getattr(declared, "target", None)
    if not isinstance(name, str) or not name or not isinstance(target, str) or not target:
        raise PluginError(f"register() takes a name and an import path; got {declared!r}")


# The classes of what plugins register above the manager's layer, by qualified name: the
# manager checks them without importing the layers that define them.
_RULE_SET = "kppi_core.quota.rulesets.RuleSet"
_FORMAT = "kppi_core.render.formats.Format"


def _is_a(obj: object, qualified: str) -> bool:
    """Whether ``obj`` is an instance of the class ``qualified`` (or of a subclass)."""
    return any(f"{c.__module__}.{c.__qualname__}" == qualified for c in type(obj).__mro__)


def _load_declared(declared: LazySource | LazyRuleSet | LazyFormat) -> Any:
    """Import what ``declared`` names and check it is what was declared."""
    obj = load_target(declared.target)
    if isinstance(declared, LazySource):
        from kppi_core.sources import Source, SourceSpec  # deferred: attrs, for start-up

        if isinstance(obj, type):
            obj = obj()
        spec = getattr(obj, "spec", None) if isinstance(obj, Source) else None
        if not isinstance(spec, SourceSpec):
            raise PluginError(f"{declared.target} is {obj!r}, not a Source with a SourceSpec")
        said = (declared.name, declared.yields, declared.patterns, declared.schemes)
        if (spec.name, spec.yields, spec.patterns, spec.schemes) != said:
            raise PluginError(f"{declared.target}'s spec {spec!r} differs from its declaration")
    elif isinstance(declared, LazyRuleSet):
        if not _is_a(obj, _RULE_SET) or getattr(obj, "id", None) != declared.id:
            raise PluginError(f"{declared.target} is {obj!r}, not the RuleSet {declared.id!r}")
    elif not _is_a(obj, _FORMAT) or getattr(obj, "name", None) != declared.name:
        raise PluginError(f"{declared.target} is {obj!r}, not the Format {declared.name!r}")
    return obj


def _load_command(command: LazyCommand) -> click.Command:
    import click

    obj = load_target(command.target)
    if not isinstance(obj, click.Command):
        raise PluginError(f"{command.target} is {obj!r}, not a click command")
    return obj


def _registrar(
    bucket: dict[str, Any],
    what: str,
    lazy: type[LazySource | LazyRuleSet | LazyFormat],
    named: Callable[[object], str],
) -> Callable[[object], None]:
    """The ``register`` a plugin's hook is given for one kind of thing: a lazy
    declaration is checked for its name and import path, an object by
    ``named`` (its name, or a :class:`PluginError`); each name once."""

    def register(obj: object) -> None:
        if isinstance(obj, lazy):
            name = obj.id if isinstance(obj, LazyRuleSet) else obj.name
            _check_lazy(obj, name)
        else:
            name = named(obj)
        _put(bucket, name, obj, what)

    return register


def _source(obj: object) -> str:
    from kppi_core.sources import Source, SourceSpec  # deferred: attrs, for start-up

    if not isinstance(obj, Source) or not isinstance(obj.spec, SourceSpec):
        raise PluginError(f"register() takes a Source with a SourceSpec; got {obj!r}")
    return obj.spec.name


def _rule_set(obj: object) -> str:
    if not _is_a(obj, _RULE_SET):
        raise PluginError(f"register() takes a RuleSet; got {obj!r}")
    return cast("str", getattr(obj, "id"))  # noqa: B009 (a RuleSet, known by name only)


def _format(obj: object) -> str:
    if not _is_a(obj, _FORMAT):
        raise PluginError(f"register() takes a Format; got {obj!r}")
    return cast("str", getattr(obj, "name"))  # noqa: B009 (a Format, known by name only)


def _put(bucket: dict[str, Any], name: str, obj: object, what: str) -> None:
    if name in bucket:
        raise PluginError(f"{what} {name!r} is registered twice")
    bucket[name] = obj


_current: Plugins | None = None


def get_plugins() -> Plugins:
    """The process's plugin manager, created on first use."""
    global _current
    if _current is None:
        _current = Plugins()
    return _current


def set_plugins(plugins: Plugins | None) -> Plugins | None:
    """Make ``plugins`` the process's manager (``None``: a new one on next use).

    Returns the manager it replaces, so a test can put it back.
    """
    global _current
    old, _current = _current, plugins
    return old


def reset_plugins(**options: Any) -> Plugins:
    """A fresh manager, made the process's one; ``options`` as for :class:`Plugins`."""
    plugins = Plugins(**options)
    set_plugins(plugins)
    return plugins


def disable_plugins(names: Iterable[str]) -> None:
    """Leave out the plugins ``names`` (``kppi --disable-plugin``)."""
    get_plugins().disable(names)


def sources() -> dict[str, Source]:
    """Every source by name, built-ins first."""
    return get_plugins().sources()


def rule_sets() -> dict[str, RuleSet]:
    """Every rule set plugins register, by id."""
    return get_plugins().rule_sets()


def formats() -> dict[str, Format]:
    """Every report format by name."""
    return get_plugins().formats()


def plugin_infos() -> list[PluginInfo]:
    """Every plugin seen, loaded, failed or disabled."""
    return get_plugins().infos()


def source_for(
    path: str | Path, name: str | None = None, *, yields: Iterable[str] | None = None
) -> Source:
    """The source named ``name``, or guessed from ``path`` (see :meth:`Plugins.source_for`)."""
    return get_plugins().source_for(path, name, yields=yields)


def read_source(
    path: str | Path,
    source: str | Source | None = None,
    context: ReadContext | None = None,
) -> Iterator[Record]:
    """Stream ``path`` through a source; errors name the plugin (:meth:`Plugins.read_source`)."""
    return get_plugins().read_source(path, source, context)


def read_source_lists(
    path: str | Path,
    source: str | Source | None = None,
    context: ReadContext | None = None,
) -> ListsRead:
    """The candidate lists in ``path`` (see :meth:`Plugins.read_source_lists`)."""
    return get_plugins().read_source_lists(path, source, context)
