"""Keeping personal data out of human-facing text.

A NIK has 16 digits. Any run of 16 or more digits in a message, a rejection
reason or a plugin's error is hidden before it is shown, since it may be a NIK
typed into the wrong cell.
"""

from __future__ import annotations

import re

__all__ = ["HIDDEN", "hide_digits", "shown"]

_NIK_LIKE = re.compile(r"\d{16,}")
#: What a hidden run of digits is replaced by.
HIDDEN = "[digits hidden]"


def hide_digits(text: str) -> str:
    """``text`` with every run of 16 or more digits replaced by :data:`HIDDEN`."""
    return _NIK_LIKE.sub(HIDDEN, text)


def shown(cell: str) -> str:
    """A cell's value quoted for a message, stripped, long digit runs hidden."""
    return repr(hide_digits(cell.strip()))
