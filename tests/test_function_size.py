"""No function in src/ is longer than 80 lines (issue 11); ruff holds their
cyclomatic complexity to 15 and their statements to 50 (pyproject.toml)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_LINES = 80


def too_long(source: str) -> list[tuple[str, int, int]]:
    """``(name, first line, lines)`` of each function in ``source`` over the limit."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            # From ``def`` to the last line: decorators (click's options) are not counted.
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_LINES:
                found.append((node.name, node.lineno, lines))
    return found


def test_the_check_finds_a_long_function() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_LINES))
    assert too_long(f"def f():\n{body}") == [("f", 1, MAX_LINES + 1)]
    assert too_long(f"def f():\n{body[: body.rindex('    x')]}") == []


@pytest.mark.parametrize(
    "path",
    sorted(SRC.rglob("*.py")),
    ids=lambda p: p.relative_to(SRC).as_posix(),
)
def test_no_function_is_longer_than_80_lines(path: Path) -> None:
    long = too_long(path.read_text(encoding="utf-8"))
    assert not long, "; ".join(f"{n} (line {at}): {k} lines" for n, at, k in long)
