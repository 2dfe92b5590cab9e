"""A data set: model objects of every kind together, as the library's JSON stores them.

The JSON is one object whose keys are the sections below, each a list of
records in the converter's format. Reading structures each record on its own:
a bad record becomes a :class:`~kppi_core.rejections.Rejection` with the path
of the bad field, and the rest are kept.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

from kppi_core.errors import InvalidRecord, Message, SourceError
from kppi_core.limits import MAX_JSON_BYTES, loads_json
from kppi_core.model import (
    CandidateList,
    District,
    Election,
    FollowUp,
    Membership,
    Organization,
    Participation,
    Person,
    Post,
    Training,
)
from kppi_core.model._checks import to_tuple
from kppi_core.rejections import Rejection, Where
from kppi_core.sources import open_file

__all__ = ["SECTIONS", "Dataset", "DatasetRead", "dump_dataset", "read_dataset"]


@attrs.frozen
class Dataset:
    """Model objects of every kind, in sections named as in Popolo where it has a name."""

    persons: tuple[Person, ...] = attrs.field(default=(), converter=to_tuple)
    organizations: tuple[Organization, ...] = attrs.field(default=(), converter=to_tuple)
    posts: tuple[Post, ...] = attrs.field(default=(), converter=to_tuple)
    memberships: tuple[Membership, ...] = attrs.field(default=(), converter=to_tuple)
    trainings: tuple[Training, ...] = attrs.field(default=(), converter=to_tuple)
    participations: tuple[Participation, ...] = attrs.field(default=(), converter=to_tuple)
    follow_ups: tuple[FollowUp, ...] = attrs.field(default=(), converter=to_tuple)
    elections: tuple[Election, ...] = attrs.field(default=(), converter=to_tuple)
    districts: tuple[District, ...] = attrs.field(default=(), converter=to_tuple)
    candidate_lists: tuple[CandidateList, ...] = attrs.field(default=(), converter=to_tuple)


#: Section name → the model type of its records.
SECTIONS: dict[str, type[Any]] = {
    "persons": Person,
    "organizations": Organization,
    "posts": Post,
    "memberships": Membership,
    "trainings": Training,
    "participations": Participation,
    "follow_ups": FollowUp,
    "elections": Election,
    "districts": District,
    "candidate_lists": CandidateList,
}


@attrs.frozen
class DatasetRead:
    """A data set and the records that could not join it."""

    dataset: Dataset
    rejected: tuple[Rejection, ...]
    records: int


def load_json(path: Path) -> Any:
    """The JSON document in ``path`` (UTF-8, BOM allowed); SourceError naming the
    file and line when it cannot be read."""
    with open_file(path) as handle:
        raw = handle.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        reason = Message("larger than {limit} bytes: not read", limit=MAX_JSON_BYTES)
        raise SourceError(reason, path=str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        reason = Message("byte {byte} is not valid UTF-8", byte=f"0x{raw[exc.start]:02x}")
        raise SourceError(reason, path=str(path), line=line) from None
    return loads_json(text, path=str(path))  # bounded: see kppi_core.limits


def read_dataset(path: str | Path) -> DatasetRead:
    """Read the library's JSON data set, one record at a time."""
    from kppi_core.conversion import converter  # deferred: cattrs, for start-up

    path = Path(path)
    data = load_json(path)
    source = str(path)
    if not isinstance(data, dict):
        reason = Message(
            "expected a JSON object with sections ({sections}), got a {got}",
            sections=", ".join(SECTIONS),
            got=type(data).__name__,
        )
        raise SourceError(reason, path=source)
    known = [key for key in data if key in SECTIONS]
    if data and not known:
        reason = Message(
            "no known section; expected some of {sections}", sections=", ".join(SECTIONS)
        )
        raise SourceError(reason, path=source)
    rejected: list[Rejection] = []
    sections: dict[str, list[Any]] = {}
    records = 0
    for key, value in data.items():
        if key not in SECTIONS:
            if key not in ("meta", "$schema"):
                reason = Message("unknown section, not read")
                rejected.append(Rejection(source, None, f"$.{key}", reason))
            continue
        if not isinstance(value, list):
            reason = Message("must be a list of records")
            rejected.append(Rejection(source, None, f"$.{key}", reason))
            continue
        out = sections.setdefault(key, [])
        for i, record in enumerate(value):
            records += 1
            try:
                out.append(converter.structure(record, SECTIONS[key]))
            except InvalidRecord as exc:
                # One rejection per record: the first bad field, every reason.
                paths: list[str] = []
                reasons: list[Message] = []
                for problem, (where, why) in zip(exc.messages, exc.located(), strict=True):
                    if where is not None and where.startswith("$"):
                        paths.append(f"$.{key}[{i}]{where[1:]}")
                        named = where[2:] or Message("record")
                        reasons.append(
                            Message.compose("{field}: {reason}", field=named, reason=why)
                            if len(exc.messages) > 1
                            else why
                        )
                    else:
                        reasons.append(problem)
                field = paths[0] if paths else f"$.{key}[{i}]"
                said = Where.of_record(SECTIONS[key].__name__, record)  # what it says of its list
                reason = Message.join("; ", reasons)
                rejected.append(Rejection(source, None, field, reason, where=said))
    return DatasetRead(Dataset(**sections), tuple(rejected), records)


def dump_dataset(dataset: Dataset) -> str:
    """The data set as the library's JSON (NIKs in clear: this is storage)."""
    from kppi_core.conversion import converter  # deferred: cattrs, for start-up

    data = {k: v for k, v in converter.unstructure(dataset).items() if v}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
