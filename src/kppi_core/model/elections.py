"""Elections, electoral districts (dapil), candidacies and candidate lists."""

from __future__ import annotations

import datetime
import enum

import attrs

from kppi_core.errors import InvalidRecord, Message
from kppi_core.model import _checks
from kppi_core.model.areas import Area
from kppi_core.model.gender import Gender

__all__ = ["Candidacy", "CandidateList", "Chamber", "District", "Election"]


class Chamber(enum.Enum):
    """What an election fills."""

    DPR = "dpr"  # national parliament
    DPD = "dpd"  # regional senate
    DPRD_PROVINCE = "dprd_province"
    DPRD_REGENCY = "dprd_regency"  # regency or city council (DPRD kabupaten/kota)
    REGIONAL_HEAD = "regional_head"  # Pilkada

    @classmethod
    def parse(cls, text: str) -> Chamber:
        """Read a chamber from its code or a common spelling (``DPRD_KABKO``, ``DPR RI``)."""
        key = " ".join(text.replace("_", " ").replace("-", " ").casefold().split())
        try:
            return _CHAMBER_ALIASES[key]
        except KeyError:
            raise InvalidRecord(
                f"chamber: {text!r} is not a known chamber; accepted: "
                + ", ".join(sorted(_CHAMBER_ALIASES)),
                what="chamber",
            ) from None


_CHAMBER_ALIASES = {
    **dict.fromkeys(("dpr", "dpr ri"), Chamber.DPR),
    **dict.fromkeys(("dpd", "dpd ri"), Chamber.DPD),
    **dict.fromkeys(
        ("dprd province", "dprd prov", "dprd provinsi", "dprd i"), Chamber.DPRD_PROVINCE
    ),
    **dict.fromkeys(
        (
            "dprd regency",
            "dprd kabko",
            "dprd kab/kota",
            "dprd kabupaten/kota",
            "dprd kabupaten",
            "dprd kota",
            "dprd ii",
        ),
        Chamber.DPRD_REGENCY,
    ),
    **dict.fromkeys(("regional head", "pilkada"), Chamber.REGIONAL_HEAD),
}


@attrs.frozen(field_transformer=_checks.strict)
class Election:
    """One election: a chamber in an area on a day."""

    id: str = attrs.field(validator=_checks.nonblank)
    chamber: Chamber
    date: datetime.date | None = None
    area: Area | None = None
    name: str | None = None


@attrs.frozen(field_transformer=_checks.strict)
class District:
    """An electoral district (daerah pemilihan, dapil) and its seats."""

    id: str = attrs.field(validator=_checks.nonblank)
    election_id: str = attrs.field(validator=_checks.nonblank)
    seats: int = attrs.field(validator=_checks.count(1, _checks.MAX_SEATS))
    name: str | None = None
    area: Area | None = None


@attrs.frozen(field_transformer=_checks.strict)
class Candidacy:
    """A name on a party's list in one district.

    ``name`` is as printed on the list; ``person_id`` links to a person when
    known. ``votes`` and ``elected`` come with results.
    """

    name: str = attrs.field(validator=_checks.name)
    gender: Gender
    party: str = attrs.field(validator=_checks.name)
    election_id: str = attrs.field(validator=_checks.nonblank)
    district_id: str = attrs.field(validator=_checks.nonblank)
    list_position: int = attrs.field(validator=_checks.count(1, _checks.MAX_LIST_POSITION))
    person_id: str | None = None
    votes: int | None = attrs.field(default=None, validator=_checks.count(0, _checks.MAX_VOTES))
    elected: bool | None = None


@attrs.frozen(field_transformer=_checks.strict)
class CandidateList:
    """One party's list in one district: its candidacies in list order.

    Positions are unique; every candidacy belongs to this party, election and
    district. ``seats`` is the district's seat count when known.
    """

    election_id: str = attrs.field(validator=_checks.nonblank)
    district_id: str = attrs.field(validator=_checks.nonblank)
    party: str = attrs.field(validator=_checks.name)
    candidacies: tuple[Candidacy, ...] = attrs.field(default=(), converter=_checks.to_tuple)
    seats: int | None = attrs.field(default=None, validator=_checks.count(1, _checks.MAX_SEATS))

    def __attrs_post_init__(self) -> None:
        seen: dict[int, int] = {}
        for i, c in enumerate(self.candidacies):
            if (c.party, c.election_id, c.district_id) != (
                self.party,
                self.election_id,
                self.district_id,
            ):
                reason = Message("belongs to another party, election or district")
                raise _checks.fail(self, f"candidacies[{i}]", reason)
            if c.list_position in seen:
                reason = Message(
                    "position {position} is already held by candidacies[{other}]",
                    position=str(c.list_position),
                    other=str(seen[c.list_position]),
                )
                raise _checks.fail(self, f"candidacies[{i}].list_position", reason)
            seen[c.list_position] = i
        ordered = tuple(sorted(self.candidacies, key=lambda c: c.list_position))
        if ordered != self.candidacies:
            object.__setattr__(self, "candidacies", ordered)

    @property
    def key(self) -> tuple[str, str, str]:
        """``(election_id, district_id, party)``: what identifies the list."""
        return (self.election_id, self.district_id, self.party)

    def __len__(self) -> int:
        return len(self.candidacies)

    @property
    def women(self) -> int:
        """How many candidacies declare a woman."""
        return sum(1 for c in self.candidacies if c.gender is Gender.FEMALE)
