"""Gender as a record declares it (jenis kelamin)."""

from __future__ import annotations

import enum

from kppi_core.errors import InvalidGender, Message

__all__ = ["Gender"]


class Gender(enum.Enum):
    """Female, male, or unknown (not stated).

    Gender is what a record declares. kppi_core never guesses it from a name,
    and never fills a missing one from the sex a NIK encodes.
    """

    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"

    # A member is equal only to itself, so the identity hash is a true one, and it is
    # computed in C: Enum's own hashes the name in Python, which made every lookup of
    # a list's sexes (a tuple of these) in the quota engine's shapes cost ~1 µs.
    __hash__ = object.__hash__

    @classmethod
    def parse(cls, text: str) -> Gender:
        """Read a declared sex code, ignoring case and surrounding space.

        ``P``, ``Perempuan``, ``Wanita``, ``F``, ``Female``, ``W`` → female;
        ``L``, ``Laki-laki``, ``Laki laki``, ``Pria``, ``M``, ``Male`` → male;
        empty or ``-`` → unknown. Anything else raises :class:`InvalidGender`.
        """
        try:
            return _ALIASES[text.strip().casefold()]
        except KeyError:
            raise InvalidGender(not_a_sex_code(repr(text)), what="gender") from None

    @property
    def code(self) -> str:
        """The KPU's one-letter code: ``P``, ``L``, or ``""`` when unknown."""
        return _CODES[self]


_ALIASES: dict[str, Gender] = {
    **dict.fromkeys(("p", "perempuan", "wanita", "f", "female", "w"), Gender.FEMALE),
    **dict.fromkeys(("l", "laki-laki", "laki laki", "pria", "m", "male"), Gender.MALE),
    **dict.fromkeys(("", "-", "unknown"), Gender.UNKNOWN),
}
_CODES = {Gender.FEMALE: "P", Gender.MALE: "L", Gender.UNKNOWN: ""}

#: The accepted aliases, as listed in error messages.
ACCEPTED_MESSAGE = Message(
    "{female} (female); {male} (male); empty or - (unknown)",
    female="P, Perempuan, Wanita, F, Female, W",
    male="L, Laki-laki, Laki laki, Pria, M, Male",
)
ACCEPTED = str(ACCEPTED_MESSAGE)


def not_a_sex_code(value: str) -> Message:
    """The reason a cell or value ``value`` (as shown: quoted, or its kind) is refused."""
    return Message(
        "{value} is not a sex code; accepted: {accepted}", value=value, accepted=ACCEPTED_MESSAGE
    )
