"""Vote counts beside the candidacies: votes for a party alone, and how far a count has got.

A candidacy carries its personal votes (:class:`~kppi_core.model.Candidacy`).
Two facts of a count have no home there: the votes cast for a party and none
of its candidates (*suara partai*), which count towards the party's seats
(UU 7/2017 art. 420), and the progress of a running count (polling stations
counted of the total). A count that is not complete is a snapshot, never a
result: :attr:`CountProgress.partial` says so.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from kppi_core.model._checks import fail, non_negative, nonblank

__all__ = ["CountProgress", "PartyVotes"]


@attrs.frozen
class PartyVotes:
    """Votes cast for ``party`` alone (no candidate marked) in one district."""

    election_id: str = attrs.field(validator=nonblank)
    district_id: str = attrs.field(validator=nonblank)
    party: str = attrs.field(validator=nonblank)
    votes: int = attrs.field(validator=non_negative)


@attrs.frozen
class CountProgress:
    """How much of a count a document holds: ``counted`` of ``total`` polling stations.

    ``as_of`` is the count's own time stamp, as written (``2024-02-19 19:00:00``).
    """

    election_id: str = attrs.field(validator=nonblank)
    district_id: str = attrs.field(validator=nonblank)
    counted: int = attrs.field(validator=non_negative)
    total: int = attrs.field(validator=non_negative)
    as_of: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.counted > self.total:
            raise fail(self, "counted", f"{self.counted} is more than the {self.total} stations")

    @property
    def share(self) -> Fraction | None:
        """Stations counted over all stations, exactly; ``None`` when there are none."""
        return Fraction(self.counted, self.total) if self.total else None

    @property
    def partial(self) -> bool:
        """Whether stations remain to be counted: the figures are not a result."""
        return self.counted < self.total
