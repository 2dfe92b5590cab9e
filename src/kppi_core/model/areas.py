"""Areas: Indonesia's regions by their Kemendagri codes.

A code is ``PP`` for a province (``36`` Banten), ``PP.RR`` for a regency or
city (``36.73`` Kota Serang; 71–99 are cities), ``PP.RR.DD`` for a district
(kecamatan). The nation is ``ID``. Codes that python-stdnum's region table
knows are checked against it; the table lags new regions, so codes it does not
know are accepted as given.
"""

from __future__ import annotations

import enum
import functools
import re

import attrs

from kppi_core.errors import InvalidArea
from kppi_core.model import _checks

__all__ = ["Area", "AreaLevel"]

_CODE = re.compile(r"ID|\d{2}(?:\.\d{2}(?:\.\d{2})?)?")


class AreaLevel(enum.Enum):
    """The tier of an area."""

    NATIONAL = "national"
    PROVINCE = "province"
    REGENCY = "regency"
    CITY = "city"
    DISTRICT = "district"


def _level_of(code: str) -> AreaLevel:
    if code == "ID":
        return AreaLevel.NATIONAL
    parts = code.split(".")
    if len(parts) == 1:
        return AreaLevel.PROVINCE
    if len(parts) == 3:
        return AreaLevel.DISTRICT
    return AreaLevel.CITY if int(parts[1]) >= 71 else AreaLevel.REGENCY


@functools.cache
def _table_names(code: str) -> tuple[str, ...]:
    """The names python-stdnum's table gives a province or regency code (none if unknown)."""
    from stdnum import numdb  # imported late: costly, and needed only here

    digits = code.replace(".", "")
    if len(digits) not in (2, 4):
        return ()
    found = numdb.get("id/loc").info(digits)
    if len(found) < len(digits) // 2 or not found[-1][1]:
        return ()
    info = found[-1][1]
    return tuple(info[key] for key in ("name_id", "name_en") if key in info)


def _table_name(code: str) -> str | None:
    names = _table_names(code)
    return names[0] if names else None


def _display_name(code: str) -> str:
    if code == "ID":
        return "Indonesia"
    known = _table_name(code)
    if known is None:
        raise InvalidArea(f"code: {code} is not in python-stdnum's table; give a name", what="area")
    level = _level_of(code)
    if level is AreaLevel.CITY:
        return f"Kota {known.title()}"
    if level is AreaLevel.REGENCY:
        return f"Kabupaten {known.title()}"
    return known


_PREFIXES = (
    "kabupaten ",
    "kab. ",
    "kab ",
    "kota administrasi ",
    "kota adm. ",
    "kota ",
    "provinsi ",
)


def _plain(name: str) -> list[str]:
    name = " ".join(name.casefold().replace(".", ". ").split())
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return [w.strip(".,") for w in name.split() if w.strip(".,")]


def _same_name(given: str, known: str) -> bool:
    """Equal ignoring case, a Kota/Kabupaten prefix, and acronyms (DKI, DI)."""
    a, b = _plain(given), _plain(known)

    def match(i: int, j: int) -> bool:
        if i == len(a) or j == len(b):
            return i == len(a) and j == len(b)
        if a[i] == b[j] and match(i + 1, j + 1):
            return True
        k = len(a[i])
        return k > 1 and "".join(w[0] for w in b[j : j + k]) == a[i] and match(i + 1, j + k)

    return match(0, 0)


@attrs.frozen(field_transformer=_checks.strict)
class Area:
    """A region: its Kemendagri code, level and name."""

    code: str = attrs.field()
    level: AreaLevel
    name: str

    @code.validator
    def _check_code(self, attribute: attrs.Attribute[str], code: str) -> None:
        if not _CODE.fullmatch(code):
            raise InvalidArea(f"code: {code!r} is not ID, PP, PP.RR or PP.RR.DD", what="area")
        expected = _level_of(code)
        if self.level is not expected:
            raise InvalidArea(
                f"level: code {code} is a {expected.value}, not a {self.level.value}",
                what="area",
            )
        names = _table_names(code)
        if names and not any(_same_name(self.name, n) for n in names):
            known = names[0]
            raise InvalidArea(
                f"name: code {code} is {known!r} in python-stdnum's table, not {self.name!r}",
                what="area",
            )

    @classmethod
    def from_code(cls, code: str, name: str | None = None) -> Area:
        """The area for ``code``, its level read from the code and its name,
        when not given, from python-stdnum's table."""
        code = code.strip()
        if not _CODE.fullmatch(code):
            raise InvalidArea(f"code: {code!r} is not ID, PP, PP.RR or PP.RR.DD", what="area")
        if name is None:
            name = _display_name(code)
        return cls(code, _level_of(code), name)

    @property
    def parent_code(self) -> str | None:
        """The code of the area this one lies in (``ID`` for a province)."""
        if self.code == "ID":
            return None
        head, _, _ = self.code.rpartition(".")
        return head or "ID"
