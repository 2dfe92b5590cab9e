"""Entry points of one group, found without building every installed distribution.

``importlib.metadata.entry_points(group=...)`` reads and parses the metadata of
every installed distribution (27–39 ms in a small virtual environment).
:func:`entry_points` gives the same answer for ``sys.path`` directories by
listing them with :func:`os.scandir`, reading only ``entry_points.txt`` files
and, for the few distributions that declare the group, their name and version
from the ``METADATA`` (or ``PKG-INFO``) headers. It follows importlib.metadata's
rules: ``*.dist-info`` and ``*.egg-info`` directories on ``sys.path`` in order,
the first distribution of a normalised name wins, a section's lines are
``name = module:attr``. Anything it does not handle (a zip or ``.egg`` on
``sys.path``, another meta-path finder that finds distributions, a file it
cannot parse) falls back to importlib.metadata for the whole answer.
"""

from __future__ import annotations

import importlib.machinery
import os
import re
import sys
from collections.abc import Iterable
from typing import NamedTuple

from kppi_core.lazy import load_target

__all__ = ["Distribution", "EntryPoint", "entry_points"]

_SUFFIXES = (".dist-info", ".egg-info")


class Distribution(NamedTuple):
    """The installed distribution an entry point comes from."""

    name: str
    version: str


class EntryPoint(NamedTuple):
    """An entry point, as much of :class:`importlib.metadata.EntryPoint` as plugins need."""

    name: str
    value: str
    group: str
    dist: Distribution | None = None

    def load(self) -> object:
        """Import the object ``value`` names (``module:attr``; extras are ignored)."""
        return load_target(re.sub(r"\s*\[.*\]\s*$", "", self.value))


class _Unusual(Exception):
    """Something only importlib.metadata handles."""


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group``, as ``importlib.metadata.entry_points(group=group)``."""
    try:
        return _scan(group)
    except _Unusual:
        return _from_importlib(group)


def _from_importlib(group: str) -> list[EntryPoint]:
    from importlib import metadata

    found = []
    for ep in metadata.entry_points(group=group):
        dist = getattr(ep, "dist", None)
        found.append(
            EntryPoint(
                ep.name,
                ep.value,
                ep.group,
                None if dist is None else Distribution(dist.name, dist.version),
            )
        )
    return found


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _scan(group: str) -> list[EntryPoint]:
    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and finder is not importlib.machinery.PathFinder:
            raise _Unusual
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for root in sys.path:
        for path in _dist_dirs(root):
            stem, ext = os.path.splitext(os.path.basename(path))
            if ext not in _SUFFIXES:
                raise _Unusual  # importlib.metadata would read the name from the metadata
            key = _normalize(stem.partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            text = _read(os.path.join(path, "entry_points.txt"))
            if text is None or f"[{group}]" not in text:
                continue
            pairs = list(_section(text, group))
            if pairs:
                dist = _distribution(path)
                found += [EntryPoint(name, value, group, dist) for name, value in pairs]
    return found


def _dist_dirs(root: str) -> Iterable[str]:
    """The ``*.dist-info`` and ``*.egg-info`` entries of ``root``, grouped by name as
    importlib.metadata's ``Lookup`` does."""
    if not isinstance(root, str):
        raise _Unusual
    if os.path.basename(root).lower().endswith(".egg"):
        raise _Unusual
    try:
        names = os.listdir(root or ".")
    except NotADirectoryError:
        raise _Unusual from None  # a zip file
    except OSError:
        return []
    groups: dict[str, list[str]] = {}
    for child in names:
        low = child.lower()
        if low.endswith(_SUFFIXES):
            key = _normalize(low.rpartition(".")[0].partition("-")[0])
            groups.setdefault(key, []).append(os.path.join(root, child))
    return [path for paths in groups.values() for path in paths]


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _section(text: str, group: str) -> Iterable[tuple[str, str]]:
    """The ``name = value`` pairs of section ``[group]``, as importlib.metadata's ``Sectioned``."""
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section == group:
            name, sep, value = line.partition("=")
            if not sep:
                raise _Unusual  # importlib.metadata raises; let it
            yield name.strip(), value.strip()


def _distribution(path: str) -> Distribution:
    """Name and version from the distribution's metadata headers."""
    text = _read(os.path.join(path, "METADATA")) or _read(os.path.join(path, "PKG-INFO"))
    headers: dict[str, str] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep and not line[:1].isspace():
            headers.setdefault(key.strip().lower(), value.strip())
    name, version = headers.get("name"), headers.get("version")
    if not name or not version:
        raise _Unusual
    return Distribution(name, version)
