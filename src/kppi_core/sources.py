"""Sources: what reads data into the model, and reading candidate lists from any of them.

A :class:`Source` reads one kind of input and yields model objects as a
stream, with a :class:`~kppi_core.rejections.Rejection` for every record it
could not turn into one: nothing read is dropped silently. Built-in sources
and partners' plugins declare theirs through the ``kppi_register_sources``
hook (:mod:`kppi_core.hookspecs`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TypeAlias, runtime_checkable

import attrs

from kppi_core.errors import SourceError
from kppi_core.model import Candidacy, CandidateList, District, Gender
from kppi_core.quota.facts import ListFacts
from kppi_core.rejections import Rejection

__all__ = [
    "ListsRead",
    "Located",
    "ReadContext",
    "Record",
    "Skipped",
    "Source",
    "SourceSpec",
    "lists_from_records",
    "open_file",
    "read_lists",
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
        raise SourceError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise SourceError("is a directory, not a file", path=str(path)) from None
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror}", path=str(path)) from None


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


@attrs.frozen
class ListsRead:
    """Candidate lists read from a source, what was rejected, and how many records were read."""

    lists: tuple[ListFacts, ...]
    rejected: tuple[Rejection, ...]
    records: int


def lists_from_records(records: Iterable[Record]) -> ListsRead:
    """Group a stream of candidacies (with districts for seats) into candidate lists.

    ``CandidateList`` objects pass through; other model objects are counted
    and ignored, rejections kept.
    """
    seats: dict[tuple[str, str], int] = {}
    groups: dict[tuple[str, str, str], tuple[list[int], list[Gender]]] = {}
    whole: list[CandidateList] = []
    rejected: list[Rejection] = []
    count = 0
    for item in records:
        count += 1
        record, _ = unwrap(item)
        if isinstance(record, Candidacy):
            key = (record.election_id, record.district_id, record.party)
            positions, genders = groups.setdefault(key, ([], []))
            positions.append(record.list_position)
            genders.append(record.gender)
        elif isinstance(record, Rejection):
            rejected.append(record)
        elif isinstance(record, District):
            count -= 1  # a district is derived from the rows, not a record of its own
            seats[(record.election_id, record.id)] = record.seats
        elif isinstance(record, CandidateList):
            whole.append(record)
    lists = [ListFacts.build(k, seats.get((k[0], k[1])), p, g) for k, (p, g) in groups.items()]
    lists += [
        ListFacts.of(cl, seats=cl.seats or seats.get((cl.election_id, cl.district_id)))
        for cl in whole
    ]
    return ListsRead(tuple(lists), tuple(rejected), count)


def read_lists(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> ListsRead:
    """The candidate lists in ``path``: a ``.json`` data set, otherwise a candidates CSV."""
    path = Path(path)
    if path.suffix.casefold() == ".json":
        from kppi_core.dataset import read_dataset

        read = read_dataset(path)
        seats = {(d.election_id, d.id): d.seats for d in read.dataset.districts}
        lists = tuple(
            ListFacts.of(cl, seats=cl.seats or seats.get((cl.election_id, cl.district_id)))
            for cl in read.dataset.candidate_lists
        )
        return ListsRead(lists, read.rejected, read.records)
    from kppi_core.adapters.candidates_csv import read_candidate_lists

    csv_read = read_candidate_lists(path, encoding=encoding, progress=progress)
    return ListsRead(csv_read.lists, csv_read.rejected, csv_read.rows)
