"""tools/check_doc_links.py, the offline link check of the built documentation site."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

TOOL = Path(__file__).parents[1] / "tools" / "check_doc_links.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_doc_links", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_finds_missing_pages_and_anchors_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">x</h1><a href="api/quota.html#check">ok</a> <a href="#top">ok</a>'
        '<a href="https://example.org/x">not followed</a> <a href="gone.html">broken</a>'
        '<a href="api/quota.html#nope">broken</a> <img src="_static/logo.png">',
        encoding="utf-8",
    )
    (tmp_path / "api" / "quota.html").write_text(
        '<dt id="check"></dt><a href="../index.html#top">ok</a>', encoding="utf-8"
    )
    assert load().broken_links(tmp_path) == [
        "index.html: gone.html",
        "index.html: api/quota.html#nope",
        "index.html: _static/logo.png",
    ]
