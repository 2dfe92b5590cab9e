"""The keyed fingerprint under which personal data is compared: HMAC-SHA256 (RFC 2104).

This is the library's only HMAC code. :mod:`kppi_core.registry.fingerprints`
re-exports :func:`keyed_digest` and builds every fingerprint on it (NIKs,
phone numbers, birth dates, records); the model's :meth:`Nik.fingerprint`
uses it too, since the model imports nothing from the rest of kppi_core.
"""

from __future__ import annotations

import hmac

from kppi_core.errors import InvalidArgument

__all__ = ["keyed_digest"]


def keyed_digest(key: bytes, message: bytes) -> bytes:
    """HMAC-SHA256 of ``message`` under ``key`` (32 bytes).

    Raises :class:`~kppi_core.errors.InvalidArgument` (a ``ValueError``) for an
    empty key: a fingerprint without a secret could be reversed by trying every
    NIK or phone number.
    """
    if not key:
        raise InvalidArgument("a fingerprint needs a non-empty secret key")
    return hmac.digest(key, message, "sha256")
