"""What every tabular source shares: decoding with line numbers, header aliases."""

from __future__ import annotations

import codecs
import io
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from kppi_core.errors import SourceError

__all__ = ["ColumnMap", "DecodedLines", "decoded_lines", "normalise_header"]

_CHUNK = 1 << 20
_SEPARATORS = re.compile(r"[\s_.\-/]+")


def normalise_header(text: str) -> str:
    """``" Nomor_Urut "`` → ``"nomor urut"``: case, spacing and separators folded."""
    return _SEPARATORS.sub(" ", text.strip().lstrip("\ufeff").casefold()).strip()


class DecodedLines:
    """The lines of a file, decoded strictly, a UTF-8 BOM dropped; iterate it.

    Reads in chunks, so memory stays flat. Bytes that are not ``encoding``
    raise :class:`SourceError` naming the line and the byte. ``nul_seen`` turns
    true once a chunk holding a NUL byte has been handed out, so a reader can
    look for NULs in rows only when there are any.
    """

    def __init__(
        self,
        path: Path,
        encoding: str = "utf-8",
        progress: Callable[[int], None] | None = None,
    ) -> None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise SourceError(f"unknown encoding {encoding!r}", path=str(path)) from None
        self.path = path
        self.encoding = encoding
        self.progress = progress
        self.nul_seen = False

    def __iter__(self) -> Iterator[str]:
        # Lines come from one StringIO per chunk, chained in C: no Python frame per line.
        return itertools.chain.from_iterable(self._chunks())

    def _chunks(self) -> Iterator[io.StringIO]:
        path, encoding = self.path, self.encoding
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise SourceError("no such file", path=str(path)) from None
        except IsADirectoryError:
            raise SourceError("is a directory, not a file", path=str(path)) from None
        except OSError as exc:
            raise SourceError(f"cannot be read: {exc.strerror}", path=str(path)) from None
        line = 1
        first = True
        carry = b""
        strip_bom = encoding.replace("-", "").replace("_", "").lower() in ("utf8", "utf8sig")
        with handle:
            while True:
                block = handle.read(_CHUNK)
                if self.progress is not None and block:
                    self.progress(len(block))
                data = carry + block
                if block:
                    cut = data.rfind(b"\n") + 1
                    if cut == 0:
                        carry = data
                        continue
                    data, carry = data[:cut], data[cut:]
                elif not data:
                    return
                else:
                    carry = b""
                if first:
                    first = False
                    if strip_bom:
                        data = data.removeprefix(codecs.BOM_UTF8)
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError as exc:
                    bad = line + data.count(b"\n", 0, exc.start)
                    hint = " (try --encoding cp1252)" if encoding.startswith("utf") else ""
                    raise SourceError(
                        f"byte 0x{data[exc.start]:02x} is not valid {encoding}{hint}",
                        path=str(path),
                        line=bad,
                    ) from None
                if "\x00" in text:
                    self.nul_seen = True
                line += text.count("\n")
                # newline="" splits lines as open(..., newline="") does, which is what
                # csv expects; unlike str.splitlines it leaves \x0c or \u2028 alone.
                yield io.StringIO(text, newline="")
                if not block:
                    return


def decoded_lines(
    path: Path,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """The lines of ``path``, decoded strictly (see :class:`DecodedLines`)."""
    return iter(DecodedLines(path, encoding, progress))


class ColumnMap:
    """Which column index holds each canonical field, from a header row.

    ``aliases`` maps a canonical name to the header spellings that mean it
    (compared after :func:`normalise_header`).
    """

    def __init__(
        self,
        header: Sequence[str],
        aliases: Mapping[str, Sequence[str]],
        required: Sequence[str],
        *,
        source: str,
    ) -> None:
        lookup = {
            normalise_header(a): name for name, spellings in aliases.items() for a in spellings
        }
        self.index: dict[str, int] = {}
        self.ignored: list[str] = []
        for i, cell in enumerate(header):
            name = lookup.get(normalise_header(cell))
            if name is None:
                if cell.strip():
                    self.ignored.append(cell.strip())
                continue
            if name in self.index:
                raise SourceError(
                    f"columns {self.index[name] + 1} and {i + 1} both mean {name!r}",
                    path=source,
                    line=1,
                )
            self.index[name] = i
        missing = [r for r in required if r not in self.index]
        if missing:
            found = ", ".join(repr(c) for c in header) or "nothing"
            raise SourceError(
                f"missing required column(s) {', '.join(missing)}; the header has {found}",
                path=source,
                line=1,
            )
        self.width = len(header)

    def get(self, name: str) -> int | None:
        """The index of ``name``, or ``None`` when the file lacks it."""
        return self.index.get(name)
