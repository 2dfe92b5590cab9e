"""Writing a command's ``-o`` file: whole or not at all, and never over an input.

The text goes to a temporary file in the target's folder, which is then renamed
into place (atomic on POSIX and Windows), so a command killed mid-write leaves
the previous file as it was. A target that is one of the command's own inputs,
or whose folder does not exist, is an :class:`~kppi_core.errors.OutputError`
(exit status 2) before anything is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from kppi_core.errors import OutputError

__all__ = ["atomic_output", "write_output"]


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _check(path: Path, inputs: Iterable[Path | str]) -> None:
    for source in inputs:
        if _same(path, Path(source)):
            raise OutputError("is one of the command's inputs: not overwritten", path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"the folder {str(folder)!r} does not exist", path=str(path))
    if path.is_dir():
        raise OutputError("is a folder, not a file", path=str(path))


@contextmanager
def atomic_output(
    path: Path, inputs: Iterable[Path | str] = (), *, append: bool = False
) -> Iterator[TextIO]:
    """A UTF-8 text file (with a ``buffer`` for bytes) that becomes ``path`` when
    the block ends without an error; ``append`` starts it with ``path``'s text."""
    _check(path, inputs)
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else None
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".kppi-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot be written: {exc.strerror}", path=str(path)) from None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            if append and path.exists():
                with path.open("rb") as before:
                    handle.flush()
                    shutil.copyfileobj(before, handle.buffer)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot be written: {exc.strerror}", path=str(path)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_output(path: Path, text: str, inputs: Iterable[Path | str] = ()) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; ``inputs`` are the files the
    command read, none of which may be overwritten."""
    with atomic_output(path, inputs) as handle:
        handle.write(text)
