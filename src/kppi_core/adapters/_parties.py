"""Party and organisation names as exports and attendance sheets write them.

The 18 national parties of the 2024 election, by their common abbreviations and
full names, map to one slug each, so ``"PDI-P"``, ``"PDIP"`` and ``"Partai
Demokrasi Indonesia Perjuangan"`` are one organisation. Any other name gets a
plain slug of itself.
"""

from __future__ import annotations

from kppi_core.adapters._tabular import slug
from kppi_core.model import Classification

__all__ = ["classify", "organisation_slug"]

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
    national party's name or abbreviation), ``women_organisation`` when a word
    in it marks one (*Perempuan*, *Wanita*, *Aisyiyah*, *Muslimat*, …), else
    ``other``."""
    plain = slug(name)
    if plain in _BY_SLUG or plain.startswith("partai-"):
        return Classification.PARTY.value
    if any(word in _WOMEN_WORDS for word in plain.split("-")):
        return Classification.WOMEN_ORGANISATION.value
    return Classification.OTHER.value
