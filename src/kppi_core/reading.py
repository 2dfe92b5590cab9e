"""The one way in: a path (or stream) → the source that reads it → records and rejections.

Every command and :func:`read_lists` read through here, so a partner's source
plugin reads for all of them::

    source_for(path)          # the source named, or guessed from name and content
    read(path)                # its records and rejections, streamed and guarded
    read_lists(path)          # candidate lists, with the verdict rule applied

Choosing. A source named (``--source NAME``) is used as it is. Otherwise the
sources whose ``patterns`` match the file name (every extension, ``.json``
included) are asked to ``sniff`` the first bytes; the most specific pattern
among those that say yes wins, and a tie is an error naming them. Only then
is the winner checked against what the caller needs (``yields``): ``kppi
check`` and ``kppi inspect`` pick the same source for the same file, and a
Popolo file given to ``kppi check`` is named as such. When no source sniffs
yes and one alone matches by name (and yields what is needed), it reads, so
its error says what is wrong.

Streams. A path that is not a regular file (a pipe, ``/dev/stdin``) or a
binary stream is first copied whole to a temporary file, so sniffing its head
loses nothing; messages still name the original.

Guarding. Whatever a source raises or yields ends as records, rejections, a
:class:`~kppi_core.errors.SourceError`, or a
:class:`~kppi_core.errors.PluginSourceError` naming the plugin and its
distribution: never a traceback, never another exit status. ``SystemExit``
and other ``BaseException`` subclasses are caught too; only
``KeyboardInterrupt`` (Ctrl-C) and ``GeneratorExit`` pass. A record of a type
no model knows, or a :class:`~kppi_core.sources.Located` holding one, is such
an error.

The verdict rule (:func:`lists_read`). A list is compliant only when no
rejected record could belong to it. Each rejection carries what its reader
knew of the record (:class:`~kppi_core.rejections.Where`): a rejected row
whose list is known is attached to that list (the list is created, with no
rows, if every row of it was rejected); one whose list is known only in part
(say, the party cell is unreadable) is attached to every list matching the
parts known; one with nothing known (a ragged row, a NUL byte, a row the CSV
reader could not split) is attached to every list. Such rows are counted as
``unplaced``. This holds for every source, built-in or plugin, and for a fast
reader too, because it is applied here to whatever lists a reader built.

A second reader. A source may have ``read_lists(path, context)`` returning
``(lists, rejected, records)``: :class:`~kppi_core.model.lists.ListFacts`
built by a faster way for the same format (the candidates CSV's is the
first). :func:`read_lists` uses it when present, checks what it returns, and
applies the verdict rule to it as to the plain path.
"""

from __future__ import annotations

import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Final, TypeVar

import attrs

from kppi_core.errors import KppiError, Message, NotFound, PluginSourceError, SourceError, WrongType
from kppi_core.limits import MAX_SPOOL_BYTES
from kppi_core.model import Candidacy, CandidateList, District, Gender
from kppi_core.model.lists import ListFacts, place_rejections
from kppi_core.plugins import LIST_TYPES, Plugins, PluginStatus, get_plugins
from kppi_core.rejections import Rejection
from kppi_core.sources import (
    Located,
    ReadContext,
    Record,
    Skipped,
    Source,
    declared_types,
    open_file,
)

__all__ = [
    "LIST_TYPES",
    "ListsRead",
    "lists_from_records",
    "lists_read",
    "read",
    "read_lists",
    "read_records",
    "source_for",
    "spooled",
]

E = TypeVar("E", bound=KppiError)

#: How much of a file sources sniff.
HEAD_BYTES: Final = 64 << 10


@attrs.frozen
class ListsRead:
    """Candidate lists read from a source, what was rejected, and how many records were read.

    ``unplaced`` counts the rejected rows that could belong to a list but whose
    list could not be told: each made every list it could belong to undetermined.
    """

    lists: tuple[ListFacts, ...]
    rejected: tuple[Rejection, ...]
    records: int
    unplaced: int = 0


# ------------------------------------------------------------------ streams


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # missing or unreadable: the source's opening says why


@contextmanager
def spooled(target: str | Path | BinaryIO) -> Iterator[Path]:
    """A path to read ``target`` from: itself when it is a regular file, else a
    temporary copy of the whole pipe, device or stream (named as the original),
    removed afterwards."""
    stream: BinaryIO | None = None
    path: Path | None = None
    if isinstance(target, str | Path):
        path = Path(target)
        if _regular(path):
            yield path
            return
        name = path.name or "stdin"
    else:
        stream = target
        name = Path(str(getattr(target, "name", "stream"))).name or "stream"
    folder = tempfile.mkdtemp(prefix="kppi-")
    copy = Path(folder) / name
    try:
        with copy.open("wb") as out:
            if stream is not None:
                _copy_bounded(stream, out, str(target))
            elif path is not None:
                with open_file(path) as handle:
                    _copy_bounded(handle, out, str(path))
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_CHUNK = 1 << 20


def _copy_bounded(source: BinaryIO, out: BinaryIO, shown: str) -> None:
    """Copy a pipe or device to ``out``, at most :data:`~kppi_core.limits.MAX_SPOOL_BYTES`;
    one that starts with a block of NUL bytes only (``/dev/zero``) is no data file."""
    total = 0
    while chunk := source.read(_CHUNK):
        if total == 0 and not chunk.strip(b"\0"):
            raise SourceError(Message("holds only NUL bytes: not a data file"), path=shown)
        total += len(chunk)
        if total > MAX_SPOOL_BYTES:
            reason = Message(
                "more than {limit} MiB through a pipe or device: save it to a file first",
                limit=MAX_SPOOL_BYTES >> 20,
            )
            raise SourceError(reason, path=shown)
        out.write(chunk)


def _head(path: Path) -> bytes:
    with open_file(path) as handle:
        return handle.read(HEAD_BYTES)


# ------------------------------------------------------------------ choosing


def _specificity(patterns: Iterable[str], filename: str) -> int | None:
    """How specific the best pattern matching ``filename`` is (its literal characters)."""
    import fnmatch

    name = filename.casefold()
    scores = [
        len(p) - sum(p.count(c) for c in "*?[]")
        for p in patterns
        if fnmatch.fnmatchcase(name, p.casefold())
    ]
    return max(scores) if scores else None


def _sniffs(source: Source, path: Path, head: bytes) -> bool:
    """``source.sniff``, with a sniffer that raises (anything but Ctrl-C) taken as a no."""
    try:
        return source.sniff(path, head) is True
    except KeyboardInterrupt:
        raise
    except BaseException:
        return False


def _needs(source: Source, yields: Iterable[str] | None) -> bool:
    return yields is None or bool(declared_types(yields) & declared_types(source.spec.yields))


def _wanted(yields: Iterable[str]) -> Message:
    if tuple(yields) == LIST_TYPES:
        return Message("candidacies or lists")
    return Message.text(" or ".join(yields))


def _named(manager: Plugins, name: str, wanted: tuple[str, ...] | None) -> Source:
    """The source named ``name``, which must yield something ``wanted``."""
    found = manager.source(name)
    if found is None:
        known = ", ".join(sorted(manager.declared_sources()))
        if not known:
            raise NotFound(Message("no source {name}; known: none", name=repr(name)))
        raise NotFound(Message("no source {name}; known: {known}", name=repr(name), known=known))
    if wanted is not None and not _needs(found, wanted):
        raise NotFound(
            Message(
                "source {name} yields {yields}, not {wanted}",
                name=repr(name),
                yields=", ".join(found.spec.yields),
                wanted=_wanted(wanted),
            )
        )
    return found


def _no_source_for(path: Path, declared: list[str]) -> NotFound:
    if not declared:
        return NotFound(
            Message(
                "{path}: no source reads files named like {name}; known sources: none",
                path=str(path),
                name=repr(path.name),
            )
        )
    return NotFound(
        Message(
            "{path}: no source reads files named like {name}; known sources: {known}",
            path=str(path),
            name=repr(path.name),
            known=", ".join(declared),
        )
    )


def _guessed_wrong(path: Path, name: str, chosen: Source, wanted: Iterable[str]) -> NotFound:
    return NotFound(
        Message(
            "{path}: read by source {name} (guessed from its name and content), "
            "which yields {yields}, not {wanted}; name another with --source",
            path=str(path),
            name=repr(name),
            yields=", ".join(chosen.spec.yields),
            wanted=_wanted(wanted),
        )
    )


def _loaded(manager: Plugins, names: list[str]) -> list[tuple[str, Source]]:
    """The sources ``names`` that import, by name, in order."""
    return [(n, s) for n in names if (s := manager.source(n)) is not None]


def _sniffed(
    asked: list[tuple[str, Source]], path: Path, head: bytes, wanted: tuple[str, ...] | None
) -> Source | None:
    """The one source of ``asked`` that sniffs yes to ``path``, None if none does; an
    error if several do, or if the one yields none of ``wanted``."""
    yes = [m for m in asked if _sniffs(m[1], path, head)]
    if len(yes) > 1:
        raise NotFound(
            Message(
                "{path}: several sources can read it ({names}); name one with --source",
                path=str(path),
                names=", ".join(n for n, _ in yes),
            )
        )
    if not yes:
        return None
    chosen_name, chosen = yes[0]
    if not _needs(chosen, wanted):
        raise _guessed_wrong(path, chosen_name, chosen, wanted or ())
    return chosen


def source_for(
    path: str | Path,
    name: str | None = None,
    *,
    yields: Iterable[str] | None = None,
    plugins: Plugins | None = None,
) -> Source:
    """The source named ``name``, or else the one that reads ``path`` (see the module).

    ``yields``, when given, is what the caller needs (one of these model
    types): a source that yields none of them is an error naming it.
    """
    manager = plugins or get_plugins()
    path = Path(path)
    wanted = None if yields is None else tuple(yields)
    if name is not None:
        return _named(manager, name, wanted)
    declared = manager.declared_sources()
    need = declared_types(wanted or ())
    levels: dict[int, list[str]] = {}
    for source_name, patterns in declared.items():
        score = _specificity(patterns, path.name)
        if score is not None:
            levels.setdefault(score, []).append(source_name)
    if not levels and not path.suffix:
        # No extension to go by (a pipe, /dev/stdin): the content alone decides.
        levels = {0: list(declared)}
    if not levels:
        raise _no_source_for(path, sorted(declared))
    head = _head(path)
    said = manager.declared_yields()
    matched: list[tuple[str, Source]] = []
    for score in sorted(levels, reverse=True):
        names = levels[score]
        # Sources yielding what is needed are imported and asked first (their
        # declarations say what they yield, as their specs do), so a file they read
        # imports no other; the rest of the level only when none of them says yes.
        first = [n for n in names if wanted is None or declared_types(said[n]) & need]
        asked = _loaded(manager, first)
        chosen = _sniffed([m for m in asked if _needs(m[1], wanted)], path, head, wanted)
        if chosen is not None:
            return chosen
        asked = _loaded(manager, names)  # those of the first ask are imported already
        _sniffed([m for m in asked if not _needs(m[1], wanted)], path, head, wanted)
        matched += asked
    fits = [m for m in matched if _needs(m[1], wanted)]
    if len(fits) == 1:
        return fits[0][1]  # its reading says what is wrong
    listed = ", ".join(n for n, _ in matched)
    raise NotFound(
        Message(
            "{path}: none of the sources {names} recognises its content; name one with --source",
            path=str(path),
            names=listed,
        )
    )


# ------------------------------------------------------------------ guarded reading


def _crashed(manager: Plugins, source: Source, path: Path, exc: BaseException) -> PluginSourceError:
    try:
        name = str(source.spec.name)
    except Exception:
        name = type(source).__name__
    by, plugin, dist = manager.blame(source)
    return PluginSourceError(
        Message(
            "source {name} from {by} failed while reading: {error}",
            name=repr(name),
            by=by,
            error=manager.describe(exc),
        ),
        path=str(path),
        plugin=plugin,
        distribution=dist,
    )


def _model_record(obj: object) -> bool:
    """Whether ``obj`` is something a source may yield: a kppi_core model object,
    a rejection, or a Skipped count."""
    if isinstance(obj, Rejection | Skipped):
        return True
    return any(
        c.__module__.startswith("kppi_core.model") or c.__module__ == "kppi_core.representation"
        for c in type(obj).__mro__
    )


def _checked(item: object) -> Record:
    """``item`` if it is a record a source may yield, else TypeError saying what it is."""
    inner = item.record if isinstance(item, Located) else item
    if isinstance(item, Located) and not (item.line is None or type(item.line) is int):
        raise WrongType(f"yielded Located with line {type(item.line).__name__}, not int")
    if not _model_record(inner):
        raise WrongType(f"yielded {type(inner).__name__}, not a model object or a Rejection")
    return item


def _guarded(
    manager: Plugins, source: Source, path: Path, context: ReadContext, check: bool
) -> Iterator[Record]:
    try:
        items = iter(source.read(path, context))
    except (SourceError, KeyboardInterrupt):
        raise
    except BaseException as exc:
        raise _crashed(manager, source, path, exc) from exc
    while True:
        try:
            item = next(items)
            if check:
                item = _checked(item)
        except StopIteration:
            return
        except (SourceError, KeyboardInterrupt, GeneratorExit):
            raise
        except BaseException as exc:
            raise _crashed(manager, source, path, exc) from exc
        yield item


def _is_builtin(manager: Plugins, source: Source) -> bool:
    owner = manager.owner(source)
    return owner is not None and owner.builtin and owner.status is PluginStatus.LOADED


def read(
    path: str | Path,
    source: str | Source | None = None,
    context: ReadContext | None = None,
    *,
    yields: Iterable[str] | None = None,
    plugins: Plugins | None = None,
) -> Iterator[Record]:
    """Stream ``path`` through ``source`` (a name or object; guessed when ``None``).

    The source is chosen at once, so a missing or unknown source raises here,
    not on iteration. ``path`` must be a regular file: wrap a pipe or stream
    in :func:`spooled` first. Errors as in the module's "Guarding".
    """
    manager = plugins or get_plugins()
    path = Path(path)
    chosen = (
        source_for(path, source, yields=yields, plugins=manager)
        if source is None or isinstance(source, str)
        else source
    )
    check = not _is_builtin(manager, chosen)
    return _guarded(manager, chosen, path, context or ReadContext(), check)


# ------------------------------------------------------------------ lists and the verdict rule


def lists_read(
    lists: Iterable[ListFacts], rejected: Sequence[Rejection], records: int
) -> ListsRead:
    """``lists`` with the verdict rule applied (see the module): every rejection
    that could belong to a list attached to each list it could belong to."""
    placed, unplaced = place_rejections(lists, rejected)
    return ListsRead(placed, tuple(rejected), records, unplaced)


def lists_from_records(records: Iterable[Record]) -> ListsRead:
    """Group a stream of candidacies (with districts for seats) into candidate
    lists, and apply the verdict rule.

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
        record = item.record if isinstance(item, Located) else item
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
    return lists_read(lists, rejected, count)


def _fast(manager: Plugins, source: Source, path: Path, context: ReadContext) -> ListsRead | None:
    """The lists by the source's own ``read_lists`` (the second-reader seam), checked;
    None when it has none."""
    fast: Callable[[Path, ReadContext], Any] | None = getattr(source, "read_lists", None)
    if not callable(fast):
        return None
    try:
        got = fast(path, context)
        if isinstance(got, tuple) and len(got) == 3:
            lists, rejected, records = got
        else:  # an object with lists, rejected, records (a ListsRead, as plugins once returned)
            lists, rejected, records = got.lists, got.rejected, got.records
        lists, rejected = tuple(lists), tuple(rejected)
        if not all(isinstance(f, ListFacts) for f in lists):
            raise WrongType("read_lists returned lists that are not ListFacts")
        if not all(isinstance(r, Rejection) for r in rejected):
            raise WrongType("read_lists returned rejections that are not Rejection")
        if type(records) is not int or records < 0:
            raise WrongType(f"read_lists returned a record count of {type(records).__name__}")
    except (SourceError, KeyboardInterrupt):
        raise
    except BaseException as exc:
        raise _crashed(manager, source, path, exc) from exc
    return lists_read(lists, rejected, records)


def _source_lists(
    manager: Plugins, path: Path, source: str | Source | None, context: ReadContext
) -> ListsRead:
    chosen = (
        source_for(path, source, yields=LIST_TYPES, plugins=manager)
        if source is None or isinstance(source, str)
        else source
    )
    fast = _fast(manager, chosen, path, context)
    if fast is not None:
        return fast
    check = not _is_builtin(manager, chosen)
    return lists_from_records(_guarded(manager, chosen, path, context, check))


def read_lists(
    path: str | Path | BinaryIO,
    *,
    source: str | Source | None = None,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
    context: ReadContext | None = None,
    plugins: Plugins | None = None,
) -> ListsRead:
    """The candidate lists in ``path`` (a file, a pipe or a binary stream), read by
    the source named or guessed (a candidates CSV, an XLSX workbook, the
    library's JSON, JSON Lines, or a plugin's), with the verdict rule applied.

    ``context`` replaces ``encoding`` and ``progress`` when given.
    """
    manager = plugins or get_plugins()
    context = context or ReadContext(encoding, progress)
    original = str(getattr(path, "name", "stream")) if hasattr(path, "read") else str(path)
    with spooled(path) as real:
        try:
            got = _source_lists(manager, real, source, context)
        except KppiError as exc:
            raise renamed(exc, real, original) from exc.__cause__
    if str(real) == original:
        return got
    return attrs.evolve(got, rejected=tuple(_renamed(r, real, original) for r in got.rejected))


def renamed(exc: E, copy: Path, original: str) -> E:
    """``exc``, naming ``original`` where it named the spooled ``copy``."""
    if str(copy) != original:
        exc.args = tuple(
            a.replace(str(copy), original) if isinstance(a, str) else a for a in exc.args
        )
        exc.message = exc.message.replaced(str(copy), original)
        if isinstance(exc, SourceError):
            exc.reason_message = exc.reason_message.replaced(str(copy), original)
            if exc.path == str(copy):
                exc.path = original
    return exc


def _renamed(r: Rejection, copy: Path, original: str) -> Rejection:
    return attrs.evolve(r, source=original) if r.source == str(copy) else r


def read_records(
    path: str | Path,
    source: str | Source | None = None,
    context: ReadContext | None = None,
    *,
    yields: Iterable[str] | None = None,
    chosen: Callable[[Source], object] | None = None,
    plugins: Plugins | None = None,
) -> Iterator[Record]:
    """Every record and rejection in ``path`` (a file, a pipe or ``/dev/stdin``),
    through the source named or guessed, streamed and guarded; messages name
    ``path`` even when a pipe was copied first. ``chosen`` is called with the
    source once it is chosen (before the first record)."""
    manager = plugins or get_plugins()
    original = str(path)
    with spooled(path) as real:
        try:
            picked = (
                source_for(real, source, yields=yields, plugins=manager)
                if source is None or isinstance(source, str)
                else source
            )
            if chosen is not None:
                chosen(picked)
            for item in read(real, picked, context, plugins=manager):
                if isinstance(item, Rejection) and str(real) != original:
                    item = _renamed(item, real, original)
                yield item
        except KppiError as exc:
            raise renamed(exc, real, original) from exc.__cause__
