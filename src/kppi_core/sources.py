"""The plugin contract for sources: what reads data into the model.

A :class:`Source` reads one kind of input and yields model objects as a
stream, with a :class:`~kppi_core.rejections.Rejection` for every record it
could not turn into one: nothing read is dropped silently. Built-in sources
and partners' plugins declare theirs through the ``kppi_register_sources``
hook (:mod:`kppi_core.hookspecs`). Choosing a source and reading through it
is the reading path's (:mod:`kppi_core.reading`); this module imports no
layer above the model.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, TypeAlias, runtime_checkable

import attrs

from kppi_core.errors import Message, SourceError

if TYPE_CHECKING:
    from kppi_core.model.lists import ListFacts
    from kppi_core.rejections import Rejection

__all__ = [
    "Located",
    "ReadContext",
    "ReadsLists",
    "Record",
    "Skipped",
    "Source",
    "SourceSpec",
    "declared_types",
    "open_file",
    "unwrap",
]

#: What a source yields: a model object (Person, Membership, Candidacy, …), a
#: :class:`Located` one, or a Rejection.
Record: TypeAlias = Any


@attrs.frozen
class Located:
    """A model object with the line it was read from, for sources that know lines.

    Yielding ``Located(person, 12)`` instead of ``person`` lets a registry say
    where each record came from; a bare object is fine too.
    """

    record: Any
    line: int | None


_new = object.__new__
_set_record = Located.__dict__["record"].__set__
_set_line = Located.__dict__["line"].__set__


def _located(record: Any, line: int | None) -> Located:
    """``Located(record, line)`` without the generated ``__init__`` (which has no
    checks to skip): a little faster, for readers that yield millions."""
    self = _new(Located)
    _set_record(self, record)
    _set_line(self, line)
    return self


@attrs.frozen
class Skipped:
    """Records a source read and deliberately did not model, with how many and why.

    Not a rejection (the data is valid), and not dropped silently: ``kppi
    inspect`` lists them. A Popolo file's constituency areas are an example.
    """

    source: str
    what: str
    count: int
    reason: str = "not modelled by kppi_core"


def unwrap(record: Record) -> tuple[Any, int | None]:
    """``(object, line)`` for a record that may be :class:`Located`."""
    if isinstance(record, Located):
        return record.record, record.line
    return record, None


def open_file(path: Path) -> BinaryIO:
    """``path`` opened for reading bytes, or :class:`SourceError` saying why it cannot be."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise SourceError(Message("no such file"), path=str(path)) from None
    except IsADirectoryError:
        raise SourceError(Message("is a directory, not a file"), path=str(path)) from None
    except OSError as exc:
        reason = Message("cannot be read: {why}", why=str(exc.strerror))
        raise SourceError(reason, path=str(path)) from None


#: Old spellings of model type names a plugin's ``yields`` may still use.
_OLD_TYPE_NAMES = {"Organisation": "Organization"}


def declared_types(yields: Iterable[str]) -> frozenset[str]:
    """The model type names in ``yields``, an old spelling (``Organisation``) read
    as today's (``Organization``)."""
    return frozenset(_OLD_TYPE_NAMES.get(name, name) for name in yields)


@attrs.frozen
class SourceSpec:
    """What a source declares about itself.

    ``name`` is unique across plugins (``candidates-csv``); ``yields`` names the
    model types it produces (``("Person", "Membership")``); ``patterns`` are
    file-name globs it can read (``("*.csv",)``) and ``schemes`` URL schemes.
    """

    name: str
    description: str
    yields: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    schemes: tuple[str, ...] = ()


@attrs.frozen
class ReadContext:
    """How to read: the encoding, a progress callback (bytes read) and free options.

    One object, so new settings never change a source's signature.
    """

    encoding: str = "utf-8"
    progress: Callable[[int], None] | None = None
    options: Mapping[str, str] = attrs.field(factory=dict)


@runtime_checkable
class Source(Protocol):
    """A data source, as a plugin registers one."""

    @property
    def spec(self) -> SourceSpec:
        """The source's name, what it yields and what it reads."""
        ...

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether this source can read ``path``, given its first bytes."""
        ...

    def read(self, path: Path, context: ReadContext) -> Iterator[Record]:
        """Yield model objects and rejections, streaming: never read all first."""
        ...


class ReadsLists(Protocol):
    """The second-reader seam: a source may also have ``read_lists``, a faster way
    to the candidate lists of the same files (the candidates CSV's is one).

    It returns ``(lists, rejected, records)``: one
    :class:`~kppi_core.model.lists.ListFacts` per list (no rejections attached
    needed: the reading path applies the verdict rule), every rejection with
    what is known of its list (:class:`~kppi_core.rejections.Where`), and the
    count of records read. It must give the lists the source's ``read`` stream
    would give (a differential test should pin that).
    """

    def read_lists(
        self, path: Path, context: ReadContext
    ) -> tuple[Iterable[ListFacts], Sequence[Rejection], int]:
        """The lists, the rejections and the record count of ``path``."""
        ...


# Deprecated names: the list building moved to the reading path (kppi_core.reading), a
# layer above this contract, so they are looked up there by name on first use.
_MOVED = {"ListsRead", "lists_from_records", "read_lists"}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(importlib.import_module("kppi_core.reading"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
