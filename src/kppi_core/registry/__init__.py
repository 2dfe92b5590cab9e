"""The registry: every source's records in one place, with people matched across sources.

A branch's data is scattered: each party's membership export, an attendance
sheet per training day, the election commission's lists, results. The
registry gathers the model objects of any mix of sources, keeps where each
came from (source and line), and decides which person records are one person.

Identity resolution is conservative and explainable. Two person records are
one person when, in this order of strength (:mod:`~kppi_core.registry.rules`):

1. they carry the same NIK (compared through its keyed fingerprint; an
   identifier whose scheme names a NIK or KTP counts as the record's NIK);
2. they carry the same identifier in the same scheme (a KTA number within one
   party, ``kta:pkb``), or the same id from a source;
3. they carry the same phone number (normalised to E.164, compared through
   its keyed fingerprint) and the same normalised name
   (:func:`kppi_core.names.name_key`);
4. they have the same normalised name and the same full birth date.

A link is refused when the two sides conflict (two different NIKs, birth
dates that cannot be the same day, different declared genders): the pair
becomes an :class:`Ambiguity` for a person to decide. Records with the same
normalised name, or the same phone number, that no rule links become an
ambiguity too, unless their NIKs or birth dates show they are two people
(KPU's SIPOL matches on the same facts). Nothing is merged on a name alone,
nor on a phone number alone. A :class:`Decision` (from a decisions file)
accepts or rejects a suggested match; decisions name records by their
fingerprints, which survive re-imports.

A merge keeps every source record and redirects old ids to the person's id;
nothing is deleted. The result does not depend on the order of the sources.

Flags (:mod:`~kppi_core.registry.flags`) follow the election commission's:
one person in two parties' membership lists (SIPOL), one person on two
candidate lists at one election (SILON), a declared gender that disagrees
with the sex the NIK encodes, an invalid NIK (which sources reject; counted
from their rejections).

NIKs, birth dates and phone numbers never leave the registry in clear: they
are compared in memory and written out only as keyed HMAC-SHA256
fingerprints (:mod:`~kppi_core.registry.fingerprints`). The key comes from
the caller (or ``KPPI_FINGERPRINT_KEY``) and is never stored. The registry
file and decisions files are :mod:`~kppi_core.registry.files`.
"""

from __future__ import annotations

from kppi_core.errors import KeyMismatch
from kppi_core.registry.build import build_registry
from kppi_core.registry.files import (
    dump_decisions,
    dump_registry,
    is_registry_file,
    read_decisions,
    registry_records,
)
from kppi_core.registry.fingerprints import (
    BIRTH_SCHEMES,
    KEY_ENV,
    NIK_SCHEME,
    PHONE_SCHEME,
    fingerprint_key,
)
from kppi_core.registry.flags import Flag, FlagKind
from kppi_core.registry.results import (
    Ambiguity,
    Decision,
    Entry,
    Merge,
    Registry,
    RegistryPerson,
    SourceRef,
)

__all__ = [
    "BIRTH_SCHEMES",
    "KEY_ENV",
    "NIK_SCHEME",
    "PHONE_SCHEME",
    "Ambiguity",
    "Decision",
    "Entry",
    "Flag",
    "FlagKind",
    "KeyMismatch",
    "Merge",
    "Registry",
    "RegistryPerson",
    "SourceRef",
    "build_registry",
    "dump_decisions",
    "dump_registry",
    "fingerprint_key",
    "is_registry_file",
    "read_decisions",
    "registry_records",
]
