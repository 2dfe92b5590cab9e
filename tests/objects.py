"""A check the trusted-constructor tests share."""

from __future__ import annotations

import attrs


def assert_same_object(a: object, b: object) -> None:
    """``a`` (built slot by slot) is what ``b`` (built by the public constructor) is:
    same type, equal, same hash and repr, and every field equal."""
    assert type(a) is type(b)
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
    for field in attrs.fields(type(a)):
        assert getattr(a, field.name) == getattr(b, field.name)
