"""Party and organisation names as exports and attendance sheets write them.

The 18 national parties of the 2024 election, by their common abbreviations and
full names, map to one slug each, so ``"PDI-P"``, ``"PDIP"`` and ``"Partai
Demokrasi Indonesia Perjuangan"`` are one organisation. Women's and religious
organisations and party wings written short (GOW, WKRI, PWKI, HWDI, Fatayat,
Muslimat NU, Aisyiyah, KPPG, …) are expanded from the alias table
``org_aliases.csv`` beside this module (short form, expansion,
classification, parent party, and the source of each expansion): see
:func:`known_organisation`. Any other name gets a plain slug of itself and
stays as written.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources
from typing import NamedTuple

from kppi_core.adapters._tabular import slug
from kppi_core.model import Classification

__all__ = ["KnownOrganisation", "classify", "known_organisation", "organisation_slug"]


class KnownOrganisation(NamedTuple):
    """One row of the alias table: the id, the full name, the kind, the parent party."""

    id: str
    name: str
    classification: str
    parent_id: str | None
    source: str

    def exact(self, written: str) -> bool:
        """Whether ``written`` is this entry's short form or full name (no place after it)."""
        return _aliases().get(slug(written)) is self


@functools.cache
def _aliases() -> dict[str, KnownOrganisation]:
    text = resources.files("kppi_core.adapters").joinpath("org_aliases.csv").read_text("utf-8")
    table: dict[str, KnownOrganisation] = {}
    for row in csv.DictReader(io.StringIO(text)):
        known = KnownOrganisation(
            slug(row["expansion"]),
            row["expansion"],
            row["classification"],
            row["parent"] or None,
            row["source"],
        )
        for spelling in (row["short"], row["expansion"]):
            table.setdefault(slug(spelling), known)
    return table


def known_organisation(name: str) -> KnownOrganisation | None:
    """The alias table's entry for ``name`` (a short form or the full name, with or
    without a place after it: ``"GOW Kota Serang"``), or ``None``."""
    plain = slug(name)
    table = _aliases()
    if plain in table:
        return table[plain]
    words = plain.split("-")
    for n in range(len(words) - 1, 0, -1):  # the longest known beginning
        found = table.get("-".join(words[:n]))
        if found is not None:
            return found
    return None


# slug → the spellings that mean it (compared as slugs, so case and punctuation
# do not matter).
_NATIONAL_PARTIES: dict[str, tuple[str, ...]] = {
    "pkb": ("PKB", "Partai Kebangkitan Bangsa"),
    "gerindra": ("Gerindra", "Partai Gerindra", "Partai Gerakan Indonesia Raya"),
    "pdip": (
        "PDI-P",
        "PDIP",
        "PDI Perjuangan",
        "Partai PDI Perjuangan",
        "Partai Demokrasi Indonesia Perjuangan",
    ),
    "golkar": ("Golkar", "Partai Golkar", "Partai Golongan Karya"),
    "nasdem": ("NasDem", "Partai NasDem", "Partai Nasional Demokrat"),
    "buruh": ("Buruh", "Partai Buruh"),
    "gelora": ("Gelora", "Partai Gelora", "Partai Gelombang Rakyat Indonesia"),
    "pks": ("PKS", "Partai Keadilan Sejahtera"),
    "pkn": ("PKN", "Partai Kebangkitan Nusantara"),
    "hanura": ("Hanura", "Partai Hanura", "Partai Hati Nurani Rakyat"),
    "garuda": ("Garuda", "Partai Garuda", "Partai Garda Republik Indonesia"),
    "pan": ("PAN", "Partai Amanat Nasional"),
    "pbb": ("PBB", "Partai Bulan Bintang"),
    "demokrat": ("Demokrat", "Partai Demokrat"),
    "psi": ("PSI", "Partai Solidaritas Indonesia"),
    "perindo": ("Perindo", "Partai Perindo", "Partai Persatuan Indonesia"),
    "ppp": ("PPP", "Partai Persatuan Pembangunan"),
    "ummat": ("Ummat", "Partai Ummat"),
}
_BY_SLUG = {slug(name): key for key, names in _NATIONAL_PARTIES.items() for name in names}

# Words that mark a women's organisation in its name.
_WOMEN_WORDS = frozenset(
    {
        "perempuan",
        "wanita",
        "women",
        "aisyiyah",
        "muslimat",
        "fatayat",
        "nasyiatul",
        "pkk",
        "kowani",
        "bhayangkari",
        "persit",
    }
)


def organisation_slug(name: str) -> str:
    """The id for an organisation named ``name``: a national party's short slug
    (``"pdip"``), otherwise the slug of the name; ``""`` when it has no letters."""
    plain = slug(name)
    return _BY_SLUG.get(plain, plain)


def classify(name: str) -> str:
    """``party`` when ``name`` looks like a party (starts with *Partai* or is a
    national party's name or abbreviation), the alias table's classification
    for a known organisation (``party_wing`` for KPPG), ``women_organisation`` when a word
    in it marks one (*Perempuan*, *Wanita*, *Aisyiyah*, *Muslimat*, …), else
    ``other``."""
    plain = slug(name)
    if plain in _BY_SLUG or plain.startswith("partai-"):
        return Classification.PARTY.value
    known = known_organisation(name)
    if known is not None:
        return known.classification
    if any(word in _WOMEN_WORDS for word in plain.split("-")):
        return Classification.WOMEN_ORGANISATION.value
    return Classification.OTHER.value
