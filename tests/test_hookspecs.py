"""Every hook is documented in docs/plugins.md and has a test of its own (as datasette does)."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from kppi_core import hookspecs

ROOT = Path(__file__).parents[1]
DOCS = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
HOOKS = sorted(n for n in dir(hookspecs) if n.startswith("kppi_"))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _test_names() -> set[str]:
    names = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names.add(node.name)
    return names


def test_hooks_are_found() -> None:
    assert HOOKS == [
        "kppi_register_commands",
        "kppi_register_formats",
        "kppi_register_rule_sets",
        "kppi_register_sources",
    ]
    assert sorted(n for n in hookspecs.__all__ if n.startswith("kppi_")) == HOOKS


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented_with_its_signature_and_docstring(hook: str) -> None:
    spec = getattr(hookspecs, hook)
    signature = str(inspect.signature(spec)).replace("'", "")
    assert f"### `{hook}{signature}`" in DOCS
    assert _flat(inspect.cleandoc(spec.__doc__ or "")) in _flat(DOCS), (
        f"docs/plugins.md: the reference for {hook} differs from its docstring"
    )


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_test_of_its_own(hook: str) -> None:
    assert any(hook in name for name in _test_names()), f"no test function has {hook!r} in its name"
