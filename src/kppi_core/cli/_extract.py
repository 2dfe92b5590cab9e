"""A Babel extractor for the ``kppi`` commands: their messages and their docstrings.

click takes a command's help from its function's docstring, so the catalog
needs those docstrings as msgids (cleaned as click cleans them); Babel's own
Python extractor takes only marked calls. ``babel.cfg`` names this function
for the files of ``kppi_core/cli/``; it is used by ``pybabel extract`` only.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

__all__ = ["extract"]

_DECORATORS = frozenset({"command", "group"})


def _is_command(decorator: ast.expr) -> bool:
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name in _DECORATORS


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[tuple[Any, ...]]:
    """What Babel's Python extractor finds, and the docstring of every function
    decorated as a click command or group."""
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type]
    fileobj.seek(0)
    tree = ast.parse(fileobj.read().decode(options.get("encoding", "utf-8")))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            _is_command(d) for d in node.decorator_list
        ):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, None, doc, ["The --help text of a kppi command."]
