"""Sphinx configuration: the kppi_core documentation site (furo, MyST Markdown).

Built in CI with warnings as errors, nitpicky: ``sphinx-build -W --keep-going -n
-b html docs build/docs/html`` (see ``.ci/run``); then
``python tools/check_doc_links.py build/docs/html`` checks every internal link offline.
"""

from __future__ import annotations

from typing import Any

import kppi_core

project = "kppi_core"
author = "kppi_core contributors"
copyright = "kppi_core contributors, MIT licence"
release = version = kppi_core.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx_click",
]

# The pages are Markdown (MyST); README.md and CHANGELOG.md are included from the root.
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
# Every heading of level 1–3 gets an anchor, so `page.md#a-heading` links are checked.
myst_heading_anchors = 3
# `--sample` stays two hyphens (the CLI reference is reStructuredText from click's help).
smartquotes = False

html_theme = "furo"
html_title = f"kppi_core {release}"

# The API reference: signatures with their type hints, members in source order.
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
autodoc_preserve_defaults = True

# Cross-references must resolve (-n). The site is built offline, so there is no
# intersphinx inventory for the standard library or the libraries kppi_core
# uses: references into them are not links, and not warnings either. Every
# other unresolved reference is an error. Add a target here only with a reason.
nitpick_ignore_regex = [
    (
        r"py:.*",
        r"(attrs|attr|cattrs|click|pluggy|hypothesis|pytest|_pytest|stdnum|pathlib|collections"
        r"|datetime|decimal|fractions|enum|io|os|re|typing|typing_extensions|types|csv"
        r"|json|warnings|importlib|threading|abc|gettext)(\..*)?",
    ),
    # strategies.py writes Hypothesis's type as `st.SearchStrategy` (st = hypothesis.strategies).
    (r"py:class", r"st\.SearchStrategy"),
    # Annotations name these by their short name (`from pathlib import Path`; the
    # render stack's `Block` union), which autodoc cannot resolve to a page.
    (r"py:class", r"Path|Block"),
    # Being restructured in this round (reports.py into render/, plugins.py into a
    # package): documented once they settle. Until then, not links.
    (r"py:class", r"(kppi_core\.plugins\.)?(Plugins|PluginInfo)"),
]


def _resolve_short_names(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Link ``Located`` or ``kppi_core.model.people.Person`` to the one documented
    object of that name (``kppi_core.sources.Located``, ``kppi_core.Person``).

    Docstrings name classes as their module sees them, and the API documents
    each at its public path. A name that matches no documented object, or
    several, stays unresolved, and the nitpicky build fails on it.
    """
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].removeprefix("~")
    if "." in target and not target.startswith("kppi_core."):
        return None
    domain = env.get_domain("py")
    last = target.rsplit(".", 1)[-1]
    found = {
        name
        for name, entry in domain.objects.items()
        if name.rsplit(".", 1)[-1] == last and not entry.aliased  # not a :canonical: path
    }
    if len(found) != 1:
        return None
    (name,) = found
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], name, node, contnode
    )


def setup(app: Any) -> None:
    app.connect("missing-reference", _resolve_short_names)
