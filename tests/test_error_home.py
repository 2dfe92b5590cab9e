"""Every error the library raises on purpose comes from ``kppi_core.errors``."""

from __future__ import annotations

import builtins
import re
from pathlib import Path

import pytest

import kppi_core
from kppi_core import errors

SRC = Path(kppi_core.__file__).parent
BUILTIN_ERRORS = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}
RAISE = re.compile(r"\braise\s+([A-Za-z_]\w*)\b")
# What must stay a built-in, with why:
ALLOWED = {
    # A module's __getattr__ must raise AttributeError (PEP 562).
    "AttributeError",
    # Abstract or protocol methods a subclass or plugin must provide.
    "NotImplementedError",
    # model/_slots.py: an import-time check that a class's fields match its
    # trusted setters; a bug in the library, never the user's input.
    "RuntimeError",
}


def _bare_raises() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "errors.py" and path.parent == SRC:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for name in RAISE.findall(line.split("#", 1)[0]):
                if name in BUILTIN_ERRORS and name not in ALLOWED:
                    found.append(f"{path.relative_to(SRC)}:{number}: raise {name}")
    return found


def test_no_bare_builtin_raises_in_the_library() -> None:
    assert _bare_raises() == []


def test_the_grep_finds_a_bare_raise() -> None:
    line = "    raise ValueError('x')"
    assert RAISE.findall(line) == ["ValueError"]
    assert "ValueError" in BUILTIN_ERRORS - ALLOWED


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InvalidArgument, ValueError),
        (errors.WrongType, TypeError),
        (errors.NotFound, LookupError),
        (errors.InvalidRecord, ValueError),
    ],
)
def test_library_errors_are_the_builtins_they_resemble(
    cls: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(cls, errors.KppiError)
    assert issubclass(cls, builtin)


def test_callers_catching_the_builtins_still_catch() -> None:
    from kppi_core.lazy import load_target
    from kppi_core.model._fingerprint import keyed_digest
    from kppi_core.schemas import load

    with pytest.raises(ValueError, match="import path"):
        load_target("no colon here")
    with pytest.raises(errors.InvalidArgument):
        keyed_digest(b"", b"x")
    with pytest.raises(LookupError):
        load("no-such-schema")
