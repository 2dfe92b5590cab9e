"""The library's JSON data set as a source: :func:`kppi_core.dataset.read_dataset` behind it.

A data set is one JSON object, so it is parsed whole before the first record
comes out (a JSON parser in the standard library cannot stream); the records
are then yielded section by section (persons, organisations, posts,
memberships, trainings, participations, follow-ups, elections, districts,
candidate lists), followed by the rejections, each with the path of its bad
record (``$.persons[3].gender``) and runs of 16 or more digits (a NIK)
hidden. Data sets have no line numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, final

from kppi_core.dataset import SECTIONS, read_dataset
from kppi_core.sources import ReadContext, SourceSpec

__all__ = ["DatasetJsonSource", "looks_like_dataset"]

# Keys only a data set has, and keys only Popolo has.
_DATASET_ONLY = (
    b'"trainings"',
    b'"participations"',
    b'"follow_ups"',
    b'"elections"',
    b'"districts"',
    b'"candidate_lists"',
)
_POPOLO_ONLY = (
    b'"events"',
    b'"areas"',
    b'"on_behalf_of_id"',
    b'"legislative_period_id"',
    b'"meta"',
    b'"images"',
    b'"links"',
    b'"sources"',
)
_SECTION_KEYS = tuple(f'"{key}"'.encode() for key in SECTIONS)


def looks_like_dataset(head: bytes) -> bool | None:
    """Whether a JSON file's first bytes look like a data set (``True``), like
    Popolo (``False``), or like neither (``None``).

    A key only a data set has decides for it; else a key only Popolo has
    decides for Popolo; else a section both share (``persons``) means a data set.
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return None
    if any(key in text for key in _DATASET_ONLY):
        return True
    if any(key in text for key in _POPOLO_ONLY):
        return False
    if any(key in text for key in _SECTION_KEYS):
        return True
    return None


@final
class DatasetJsonSource:
    """The built-in ``dataset-json`` source (see the module)."""

    spec = SourceSpec(
        name="dataset-json",
        description="The library's JSON data set: persons, organizations, memberships, "
        "trainings, elections, candidate lists…",
        yields=tuple(cls.__name__ for cls in SECTIONS.values()),
        patterns=("*.json",),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the file looks like a data set rather than Popolo."""
        return looks_like_dataset(head) is True

    def read(self, path: Path, context: ReadContext) -> Iterator[Any]:
        """Every record of every section, then every rejection."""
        read = read_dataset(path)
        if context.progress is not None:
            context.progress(Path(path).stat().st_size)
        for key in SECTIONS:
            yield from getattr(read.dataset, key)
        # A NIK in a wrong place stays hidden: a rejection's field and reason are
        # redacted when it is made.
        yield from read.rejected
