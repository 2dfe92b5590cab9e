"""Keyed fingerprints: how NIKs, phone numbers, birth dates and records are compared
and stored without being kept in clear.

Every fingerprint is an HMAC-SHA256 under a secret key shared by those who
match (:func:`fingerprint_key`, ``$KPPI_FINGERPRINT_KEY``); the key is never
stored, only a short check of it (:func:`key_check`), so that a registry file
built with another key is refused. Without the key a fingerprint cannot be
turned back into the 16 digits of a NIK or a phone number, although there are
few enough of them to try every one against a plain hash.

- a NIK: the HMAC of its 16 digits, 64 hex digits (``nik:hmac-sha256``; the
  same as :meth:`Nik.fingerprint <kppi_core.model.Nik.fingerprint>`);
- a phone number: the HMAC of its E.164 form (``+6281200000010``), 64 hex
  digits (``phone:hmac-sha256``);
- a birth date at a precision (year, month or day): the HMAC of
  ``SCHEME|value``, 32 hex digits (``birth-year:hmac-sha256`` …);
- an identity number a NIK or KTP scheme carries that is not a valid NIK:
  the HMAC of ``nik-ktp|digits``, 64 hex digits (``nik-ktp:hmac-sha256``);
- a record: the HMAC of its content (name key, gender, NIK, birth date,
  identifiers), 32 hex digits: the stable id decisions name records by.

:func:`keyed_digest` is the library's one HMAC implementation (it lives in the
model, which may import nothing from here, and is re-exported).
"""

from __future__ import annotations

import os
import re

from kppi_core.errors import NotFound
from kppi_core.model._fingerprint import keyed_digest

__all__ = [
    "BIRTH_SCHEMES",
    "ID_NUMBER_SCHEME",
    "KEY_ENV",
    "NIK_SCHEME",
    "PHONE_SCHEME",
    "birth_fingerprint",
    "fingerprint_key",
    "id_number_fingerprint",
    "is_id_number_scheme",
    "key_check",
    "keyed_digest",
    "nik_fingerprint",
    "phone_fingerprint",
    "text_fingerprint",
]

#: The environment variable holding the fingerprint key.
KEY_ENV = "KPPI_FINGERPRINT_KEY"
#: The identifier scheme of a NIK's keyed fingerprint.
NIK_SCHEME = "nik:hmac-sha256"
#: The identifier scheme of a phone number's keyed fingerprint.
PHONE_SCHEME = "phone:hmac-sha256"
#: Identifier schemes of a birth date's keyed fingerprints, by precision.
BIRTH_SCHEMES = ("birth-year:hmac-sha256", "birth-month:hmac-sha256", "birth-date:hmac-sha256")
#: The scheme of a number given under a NIK or KTP scheme that is not a valid NIK.
ID_NUMBER_SCHEME = "nik-ktp:hmac-sha256"
_KEY_CHECK = b"kppi-registry key check"
_ID_NUMBER = re.compile(r"(?:^|[^a-z])(?:nik|ktp)(?:$|[^a-z])")
_DIGITS = re.compile(r"[\s.\-]")


def fingerprint_key(value: str | bytes | None = None) -> bytes:
    """The fingerprint key: ``value`` if given, else ``$KPPI_FINGERPRINT_KEY``.

    Raises :class:`~kppi_core.errors.NotFound` when there is none: fingerprints
    without a secret key could be reversed by trying every NIK.
    """
    if value is None:
        value = os.environ.get(KEY_ENV, "")
    key = value.encode("utf-8") if isinstance(value, str) else value
    if not key:
        raise NotFound(f"no fingerprint key: set {KEY_ENV} to a secret shared by those who match")
    return key


def key_check(key: bytes) -> str:
    """A short check of ``key`` that a registry file stores instead of the key."""
    return keyed_digest(key, _KEY_CHECK)[:8].hex()


def text_fingerprint(key: bytes, text: str) -> str:
    """A record's fingerprint: 32 hex digits of the HMAC of ``text``."""
    return keyed_digest(key, text.encode("utf-8"))[:16].hex()


def nik_fingerprint(key: bytes, digits: str) -> str:
    """A NIK's fingerprint (its 16 digits in clear in ``digits``)."""
    return keyed_digest(key, digits.encode("ascii")).hex()


def phone_fingerprint(key: bytes, e164: str) -> str:
    """A phone number's fingerprint (``e164`` as :meth:`Phone.reveal` gives it)."""
    return keyed_digest(key, e164.encode("ascii")).hex()


def birth_fingerprint(key: bytes, value: str, precision: int) -> str:
    """A birth date's fingerprint at one precision (0 year, 1 month, 2 day)."""
    return text_fingerprint(key, f"{BIRTH_SCHEMES[precision]}|{value}")


def is_id_number_scheme(scheme: str) -> bool:
    """Whether an identifier ``scheme`` names a NIK or a KTP (``nik``, ``KTP``,
    ``e-ktp``, …), other than the fingerprint schemes above."""
    folded = scheme.casefold()
    return folded not in (NIK_SCHEME, ID_NUMBER_SCHEME) and bool(_ID_NUMBER.search(folded))


def id_number_fingerprint(key: bytes, value: str) -> str:
    """The fingerprint of an identity number that is not a valid NIK (separators dropped)."""
    return keyed_digest(key, ("nik-ktp|" + _DIGITS.sub("", value)).encode("utf-8")).hex()
