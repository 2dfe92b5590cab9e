"""The published JSON Schemas of every command's ``--format json`` output.

One schema per report (:data:`NAMES`), JSON Schema draft 2020-12, shipped in
the package so scripts can validate what they read::

    import jsonschema
    from kppi_core import schemas

    jsonschema.validate(document, schemas.load("check"))
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from kppi_core.errors import NotFound

__all__ = ["NAMES", "VERSION", "load"]

#: The version of the schemas every JSON document says it follows (``schema_version``).
VERSION = "1"

#: The reports that have a schema, by the name :func:`load` takes.
NAMES = (
    "check",
    "completion",
    "follow-ups",
    "funnel",
    "inspection",
    "outreach",
    "registry",
    "representation",
    "seats",
    "training",
)


def load(name: str) -> dict[str, Any]:
    """The JSON Schema of report ``name`` (one of :data:`NAMES`), as a dict."""
    if name not in NAMES:
        raise NotFound(f"no schema {name!r}; known: {', '.join(NAMES)}")
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
