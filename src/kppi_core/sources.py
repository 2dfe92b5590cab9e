"""Reading candidate lists from any supported file: the candidates CSV or the library's JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from kppi_core.quota.facts import ListFacts
from kppi_core.rejections import Rejection

__all__ = ["ListsRead", "read_lists"]


@attrs.frozen
class ListsRead:
    """Candidate lists read from a source, what was rejected, and how many records were read."""

    lists: tuple[ListFacts, ...]
    rejected: tuple[Rejection, ...]
    records: int


def read_lists(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> ListsRead:
    """The candidate lists in ``path``: a ``.json`` data set, otherwise a candidates CSV."""
    path = Path(path)
    if path.suffix.casefold() == ".json":
        from kppi_core.dataset import read_dataset

        read = read_dataset(path)
        seats = {(d.election_id, d.id): d.seats for d in read.dataset.districts}
        lists = tuple(
            ListFacts.of(cl, seats=cl.seats or seats.get((cl.election_id, cl.district_id)))
            for cl in read.dataset.candidate_lists
        )
        return ListsRead(lists, read.rejected, read.records)
    from kppi_core.adapters.candidates_csv import read_candidate_lists

    csv_read = read_candidate_lists(path, encoding=encoding, progress=progress)
    return ListsRead(csv_read.lists, csv_read.rejected, csv_read.rows)
