"""Conformance tests for sources: subclass :class:`SourceConformance` once for your source.

Every source, built-in or a partner's, must pass them::

    from pathlib import Path

    import pytest
    from kppi_core.testing.conformance import SourceConformance

    class TestMembersCsv(SourceConformance):
        @pytest.fixture
        def source(self):
            return MembersCsvSource()

        @pytest.fixture
        def sample_path(self):
            return Path(__file__).parent / "data" / "members.csv"

        @pytest.fixture
        def sample_records(self):
            return 12  # data rows in the sample: each ends accepted or rejected

The class name must start with ``Test`` for pytest to collect it; this base
class does not, so it is never run on its own. What a subclass may override
is listed in :class:`SourceConformance`.
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import ClassVar

import pytest

from kppi_core.errors import SourceError
from kppi_core.model import MODEL_TYPES
from kppi_core.rejections import Rejection
from kppi_core.representation import RepresentationFigure
from kppi_core.sources import (
    Located,
    ReadContext,
    Record,
    Skipped,
    Source,
    SourceSpec,
    declared_types,
    unwrap,
)

__all__ = ["NIK_LIKE", "SourceConformance", "junk_inputs"]

#: A NIK-shaped number (valid: Kota Serang, a woman born 15 May 1990) planted in inputs.
NIK_LIKE = "3673015505900001"
_LONG_DIGITS = re.compile(rb"\d{16,}")
_TOKEN = re.compile(rb"[A-Za-z0-9]+")
#: What a source may yield besides the model: figures read from IPU Parline and the like.
_ALSO_YIELDED = (RepresentationFigure,)


def junk_inputs(sample: bytes) -> dict[str, bytes]:
    """Bad files made from a good ``sample``, as python-stdnum's robustness test feeds junk.

    Empty, random bytes, truncated (mid-line and mid-character), binary, NUL
    bytes, UTF-16, cp1252, CRLF line ends, a 2 MiB line, the first line alone.
    """
    rng = random.Random(20240214)
    lines = sample.splitlines(keepends=True) or [b""]
    first = lines[0]
    data = b"".join(lines[1:]) or first
    return {
        "empty": b"",
        "random_bytes": rng.randbytes(4096),
        "truncated": sample[: max(1, len(sample) // 2)],
        "truncated_mid_character": sample[: max(1, len(sample) // 2)] + b"\xc3",
        "binary": bytes(range(256)) * 8,
        "nul_bytes": sample[: len(sample) // 3] + b"\x00\x00" + sample[len(sample) // 3 :],
        "utf16": sample.decode("utf-8", "replace").encode("utf-16"),
        "cp1252": first + "Désirée,Ça,éé\n".encode("cp1252") + data,
        "crlf": sample.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"),
        "huge_line": first + b"x" * (2 << 20) + b"\n" + data,
        "first_line_only": first,
        "no_final_newline": sample.rstrip(b"\r\n"),
    }


def _nik_variants(sample: bytes, limit: int = 40) -> list[bytes]:
    """The sample with one token of a data line (the second line, or the only one)
    replaced by :data:`NIK_LIKE`, one variant per token."""
    lines = sample.splitlines(keepends=True)
    if not lines:
        return []
    at = 1 if len(lines) > 1 else 0
    line = lines[at]
    variants = []
    for match in list(_TOKEN.finditer(line))[:limit]:
        planted = line[: match.start()] + NIK_LIKE.encode() + line[match.end() :]
        variants.append(b"".join([*lines[:at], planted, *lines[at + 1 :]]))
    return variants


class SourceConformance:
    """Tests every source passes; subclass it and supply three fixtures.

    - ``source``: the source object under test;
    - ``sample_path``: a good sample file it reads;
    - ``sample_records``: how many input records the sample holds (data rows
      for a table, objects for JSON): the source must account for each,
      accepted or rejected. Or, as a mapping, exactly what reading it yields,
      by type name, with ``"Rejection"`` for rejections:
      ``{"Person": 5, "Membership": 5, "Rejection": 3}``.

    A record may give several objects (a person and her membership from one
    row), and a source need not say where each came from: the count works
    for bare objects and for :class:`~kppi_core.sources.Located` ones,
    line-based or not (see :meth:`count_records`).

    A subclass may override:

    - the fixture ``context``: the :class:`~kppi_core.sources.ReadContext`
      the tests read with (an encoding, options);
    - :meth:`count_records`: how many input records the yielded items stand
      for, when neither lines nor the default reading fits;
    - :meth:`large_input`: a valid input of a given size for the streaming
      test, when the sample's lines repeated are not one (a footer, XML);
      for a JSON document or a binary sample the test skips, saying so;
    - the class attributes ``stream_head_bytes``, ``stream_tail_bytes`` and
      ``stream_timeout``;
    - any test, to skip it with the reason (here, a format that cannot
      stream)::

        def test_streams(self, *args, **kwargs):
            pytest.skip("an .xlsx is a zip, its directory at the end: it cannot stream")
    """

    #: Bytes of a large input written before the streaming test waits for a first record.
    stream_head_bytes: ClassVar[int] = 3 << 20
    #: Bytes held back until the first record arrives (or until the wait times out).
    stream_tail_bytes: ClassVar[int] = 3 << 20
    #: Seconds the streaming test waits for a first record once the head is written.
    stream_timeout: ClassVar[float] = 5.0

    # -- what a subclass supplies --------------------------------------------------------

    @pytest.fixture
    def source(self) -> Source:
        """The source under test: override this fixture."""
        pytest.fail("define a `source` fixture returning your source")

    @pytest.fixture
    def sample_path(self) -> Path:
        """A good sample file: override this fixture."""
        pytest.fail("define a `sample_path` fixture returning a sample file")

    @pytest.fixture
    def sample_records(self) -> int | Mapping[str, int]:
        """How many input records the sample holds, or what it yields by type: override."""
        pytest.fail("define a `sample_records` fixture: the records in the sample")

    @pytest.fixture
    def context(self) -> ReadContext:
        """How the tests read: the default context unless overridden."""
        return ReadContext()

    def count_records(self, items: Iterable[Record]) -> int:
        """How many input records ``items`` account for.

        When the source gives lines (:class:`~kppi_core.sources.Located`
        objects, rejections with a line): the distinct lines, plus rejections
        without one. Objects derived from a record (a district from a
        candidate's row) share its line, so they do not count twice.
        Otherwise: a record for each rejection, plus as many as there are
        objects of the commonest type, so a row that gives a person and a
        membership counts once. For a source without lines,
        :meth:`test_accounts_for_every_record` also accepts one record per
        item (a JSON array of persons and memberships).
        """
        items = [i for i in items if not isinstance(i, Skipped)]  # notes, not records
        lines = {i.line for i in items if isinstance(i, Located | Rejection) and i.line}
        unplaced = sum(1 for i in items if isinstance(i, Rejection) and i.line is None)
        if lines:
            return len(lines) + unplaced
        kinds = Counter(type(i).__name__ for i in items if not isinstance(i, Rejection))
        return unplaced + max(kinds.values(), default=0)

    def large_input(self, sample: bytes, size: int) -> bytes:
        """A valid input of at least ``size`` bytes: the first line, then the other
        lines repeated. Override for formats where that is not valid."""
        if _is_json_document(sample):
            pytest.skip(
                "the sample is one JSON document, parsed whole before its first record: "
                "override large_input if your source streams it"
            )
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError:
            pytest.skip("the sample is not UTF-8 text: override large_input to make a large one")
        lines = sample.splitlines(keepends=True)
        if len(lines) < 2:
            pytest.skip("the sample has no lines to repeat: override large_input")
        body = b"".join(lines[1:])
        if not body.endswith(b"\n"):
            body += b"\n"
        return lines[0] + body * (size // len(body) + 1)

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _check_item(item: object, spec: SourceSpec) -> None:
        if isinstance(item, Rejection):
            assert item.reason.strip(), f"a rejection without a reason: {item!r}"
            return
        if isinstance(item, Skipped):
            assert item.what.strip() and item.count > 0, f"an empty note: {item!r}"
            return
        record = item.record if isinstance(item, Located) else item
        assert isinstance(record, MODEL_TYPES + _ALSO_YIELDED), (
            f"{spec.name} yielded {type(record).__name__}, not a model object, Located or Rejection"
        )
        assert type(record).__name__ in declared_types(spec.yields), (
            f"{spec.name} yielded a {type(record).__name__}; its spec declares {spec.yields}"
        )

    def _read_junk(self, source: Source, path: Path, context: ReadContext) -> list[str]:
        """Read ``path`` to the end; the messages of rejections or the SourceError."""
        messages = []
        try:
            for item in source.read(path, context):
                self._check_item(item, source.spec)
                if isinstance(item, Rejection):
                    messages.append(str(item))
        except SourceError as exc:
            messages.append(str(exc))
        return messages

    # -- the tests ---------------------------------------------------------------------------

    def test_spec_and_sniff(self, source: Source, sample_path: Path) -> None:
        """The spec is complete, the sample matches a pattern, and sniff accepts it."""
        spec = source.spec
        assert isinstance(spec, SourceSpec) and spec.name.strip() and spec.yields
        assert isinstance(source, Source)
        if spec.patterns:
            from fnmatch import fnmatch

            assert any(fnmatch(sample_path.name.casefold(), p.casefold()) for p in spec.patterns)
        head = sample_path.read_bytes()[: 64 << 10]
        assert source.sniff(sample_path, head) is True

    def test_yields_only_model_objects(
        self, source: Source, sample_path: Path, context: ReadContext
    ) -> None:
        """Model objects (bare or :class:`Located`) of the declared types, and rejections."""
        items = list(source.read(sample_path, context))
        assert items, "the sample gave nothing at all"
        for item in items:
            self._check_item(item, source.spec)

    def test_accounts_for_every_record(
        self,
        source: Source,
        sample_path: Path,
        sample_records: int | Mapping[str, int],
        context: ReadContext,
    ) -> None:
        """Every input record ends accepted or rejected: none is dropped silently."""
        items = [i for i in source.read(sample_path, context) if not isinstance(i, Skipped)]
        kinds = Counter(
            "Rejection" if isinstance(i, Rejection) else type(unwrap(i)[0]).__name__ for i in items
        )
        if isinstance(sample_records, Mapping):
            assert dict(kinds) == dict(sample_records), "what the sample yields, by type"
            return
        readings = {self.count_records(items)}
        placed = any(isinstance(i, Located | Rejection) and i.line for i in items)
        if not placed and type(self).count_records is SourceConformance.count_records:
            readings.add(len(items))  # one record per object: a JSON list of objects
        assert sample_records in readings, (
            f"the sample holds {sample_records} records; reading it gave {len(items)} items "
            f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), counted as "
            f"{' or '.join(map(str, sorted(readings)))} records. If a record gives several "
            "objects, yield each as Located(obj, line) with the record's line, give "
            "sample_records as a mapping by type, or override count_records"
        )

    def test_is_deterministic(
        self, source: Source, sample_path: Path, context: ReadContext
    ) -> None:
        """Two reads of one file give equal items in the same order."""
        assert list(source.read(sample_path, context)) == list(source.read(sample_path, context))

    @pytest.mark.parametrize("kind", sorted(junk_inputs(b"a,b\n1,2\n")))
    def test_never_raises_on_junk(
        self, source: Source, sample_path: Path, context: ReadContext, tmp_path: Path, kind: str
    ) -> None:
        """Junk gives rejections or a :class:`SourceError`, never another exception;
        ``sniff`` answers yes or no without raising."""
        junk = junk_inputs(sample_path.read_bytes())[kind]
        path = tmp_path / f"junk{sample_path.suffix}"
        path.write_bytes(junk)
        assert source.sniff(path, junk[: 64 << 10]) in (True, False)
        self._read_junk(source, path, context)

    def test_never_shows_a_nik_in_clear(
        self, source: Source, sample_path: Path, context: ReadContext, tmp_path: Path
    ) -> None:
        """No run of 16 digits from the input shows in a rejection or an error message,
        with a NIK-like number planted in each field of a data line in turn."""
        sample = sample_path.read_bytes()
        path = tmp_path / f"nik{sample_path.suffix}"
        for variant in [sample, *_nik_variants(sample)]:
            path.write_bytes(variant)
            secrets = {m.decode() for m in _LONG_DIGITS.findall(variant)}
            for message in self._read_junk(source, path, context):
                shown = [s for s in secrets if s in message]
                assert not shown, f"a NIK-like number in clear: {message!r}"

    def test_streams(
        self, source: Source, sample_path: Path, context: ReadContext, tmp_path: Path
    ) -> None:
        """The first record arrives before the whole file is read.

        A large input (:meth:`large_input`) is fed through a named pipe: the
        first ``stream_head_bytes`` are written, the rest held back until a
        first record arrives or ``stream_timeout`` seconds pass. A source that
        reads everything first gets its first record only after the rest, and
        the test fails after those few seconds, saying why.
        """
        if not hasattr(os, "mkfifo"):
            pytest.skip("needs a named pipe (POSIX)")
        head_size = self.stream_head_bytes
        data = self.large_input(sample_path.read_bytes(), head_size + self.stream_tail_bytes)
        fifo = tmp_path / f"large{sample_path.suffix}"
        os.mkfifo(fifo)
        first_seen, tail_sent = threading.Event(), threading.Event()

        def feed() -> None:
            try:
                with open(fifo, "wb") as out:
                    out.write(data[:head_size])
                    out.flush()
                    first_seen.wait(self.stream_timeout)
                    tail_sent.set()
                    out.write(data[head_size:])
            except BrokenPipeError:  # the source stopped reading: its own business
                tail_sent.set()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        early = got = False
        try:
            items = iter(source.read(fifo, context))
            got = next(items, _END) is not _END
            early = not tail_sent.is_set()
            first_seen.set()
            for _ in items:
                pass
        except SourceError as exc:
            pytest.skip(
                f"{source.spec.name} cannot read the large input the kit made (the sample's "
                f"first line, then its other lines repeated): {exc}; override large_input"
            )
        finally:
            first_seen.set()
            _release(fifo, writer, self.stream_timeout)
        assert got, f"{source.spec.name} yielded nothing from a large input ({len(data)} bytes)"
        assert early, (
            f"{source.spec.name} does not stream: it yielded its first record only after the "
            f"whole input was written. The kit wrote {head_size} bytes to a named pipe, "
            f"waited {self.stream_timeout:g} s for a first record, then wrote the other "
            f"{len(data) - head_size}. Yield each record as soon as it is read (iterate over "
            "the open file or a csv.reader; do not read() it whole or build a list first). "
            "A format that cannot stream (one JSON document, a zip) skips this test with "
            "its reason: override test_streams"
        )


_END = object()


def _is_json_document(sample: bytes) -> bool:
    """Whether ``sample`` is one JSON object or array (not JSON Lines)."""
    if not sample.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return False
    try:
        json.loads(sample.decode("utf-8-sig"))
    except ValueError:  # JSON Lines, or not JSON
        return False
    return True


def _release(fifo: Path, writer: threading.Thread, timeout: float) -> None:
    """Let the writer thread finish, draining the pipe if the source never read it."""
    if not writer.is_alive():
        return
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    deadline = time.monotonic() + timeout
    try:
        while writer.is_alive() and time.monotonic() < deadline:
            try:
                os.read(fd, 1 << 16)
            except BlockingIOError:
                time.sleep(0.01)
    finally:
        os.close(fd)
    writer.join(1)
