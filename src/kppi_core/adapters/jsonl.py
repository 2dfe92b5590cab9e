"""JSON Lines in the library's own format: one model object per line, in an envelope.

Each line is ``{"type": "Person", "data": {...}}``: ``type`` is the model
class's name (``Person``, ``Organization`` — ``Organization`` is accepted too —
``Post``, ``Membership``, ``Training``, ``Participation``, ``FollowUp``,
``Election``, ``District``, ``Candidacy``, ``CandidateList``, ``Area``,
``RepresentationFigure``) and ``data`` the object as
:data:`kppi_core.converter` unstructures it. Other keys are ignored; blank
lines are skipped. UTF-8.

A line that is not JSON, not an envelope, of an unknown type, or whose data
the converter refuses becomes a :class:`~kppi_core.rejections.Rejection` with
its line number and the path of the bad field (``$.data.birth_date``). Runs
of 16 or more digits (a NIK) are hidden in reasons.

:func:`write_jsonl` writes the format. NIKs are written in clear: this is
storage, as for the JSON data set.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, final

from kppi_core.adapters._tabular import NUL_BYTE, decoded_lines
from kppi_core.errors import InvalidRecord, Message, SourceError, WrongType
from kppi_core.limits import loads_json
from kppi_core.model import (
    Area,
    Candidacy,
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
from kppi_core.rejections import Rejection, Where
from kppi_core.representation import RepresentationFigure
from kppi_core.sources import Located, ReadContext, SourceSpec, unwrap

__all__ = ["TYPES", "JsonlSource", "dump", "iter_jsonl", "write_jsonl"]

#: Envelope type name → model class.
TYPES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        Person,
        Organization,
        Post,
        Membership,
        Training,
        Participation,
        FollowUp,
        Election,
        District,
        Candidacy,
        CandidateList,
        Area,
        RepresentationFigure,
    )
}
_ALIASES = {**TYPES, "Organisation": Organization}  # the old spelling


def _structure(envelope: Any, source: str, line: int) -> Any:
    """The model object in one envelope, or its rejection."""
    from kppi_core.conversion import converter

    if not isinstance(envelope, dict):
        reason = Message(
            "expected an object with type and data, got {got}", got=type(envelope).__name__
        )
        return Rejection(source, line, "$", reason)
    kind = envelope.get("type")
    if not isinstance(kind, str) or kind not in _ALIASES:
        known = ", ".join(TYPES)
        if kind is None:
            reason = Message("nothing is not a model type; known: {known}", known=known)
        else:
            reason = Message(
                "{value} is not a model type; known: {known}", value=repr(kind), known=known
            )
        return Rejection(source, line, "$.type", reason)
    data = envelope.get("data")
    said = Where.of_record(_ALIASES[kind].__name__, data)  # what it says of its list
    if not isinstance(data, dict):
        return Rejection(source, line, "$.data", Message("must be an object"), where=said)
    try:
        return converter.structure(data, _ALIASES[kind])
    except InvalidRecord as exc:
        paths: list[str] = []
        reasons: list[Message] = []
        for problem, (where, why) in zip(exc.messages, exc.located(), strict=True):
            if where is not None and where.startswith("$"):
                paths.append(f"$.data{where[1:]}")
                named = where[2:] or kind
                many = len(exc.messages) > 1
                reasons.append(
                    Message.compose("{field}: {reason}", field=named, reason=why) if many else why
                )
            else:
                reasons.append(problem)
        field = paths[0] if paths else "$.data"
        return Rejection(source, line, field, Message.join("; ", reasons), where=said)


def iter_jsonl(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> Iterator[Located | Rejection]:
    """Stream a JSON Lines file: each model object with its line, or a rejection."""
    path = Path(path)
    source = str(path)
    for line, text in enumerate(decoded_lines(path, encoding, progress), start=1):
        if not text.strip():
            continue
        if "\x00" in text:
            yield Rejection(source, line, None, NUL_BYTE)
            continue
        try:
            envelope = loads_json(text)
        except SourceError as exc:
            yield Rejection(source, line, None, exc.reason_message)
            continue
        item = _structure(envelope, source, line)
        yield item if isinstance(item, Rejection) else Located(item, line)


def write_jsonl(records: Iterable[Any], file: str | Path | IO[str]) -> int:
    """Write model objects (bare or :class:`Located`) as JSON Lines; return how many.

    ``file`` is a path or a text file open for writing. Anything that is not a
    model object of :data:`TYPES` raises ``TypeError`` naming its type.
    """
    from kppi_core.conversion import converter

    if isinstance(file, str | Path):
        with Path(file).open("w", encoding="utf-8", newline="\n") as handle:
            return write_jsonl(records, handle)
    count = 0
    names = {cls: name for name, cls in TYPES.items()}
    for item in records:
        record, _ = unwrap(item)
        name = names.get(type(record))
        if name is None:
            raise WrongType(f"write_jsonl: {type(record).__name__} is not a model type")
        envelope = {"type": name, "data": converter.unstructure(record)}
        file.write(json.dumps(envelope, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count


@final
class JsonlSource:
    """The built-in ``jsonl`` source (see the module)."""

    spec = SourceSpec(
        name="jsonl",
        description='JSON Lines of model objects: {"type": "Person", "data": {...}} per line',
        yields=tuple(TYPES),
        patterns=("*.jsonl", "*.ndjson"),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the first non-blank line is an envelope with a type and data."""
        for raw in head.removeprefix(b"\xef\xbb\xbf").splitlines():
            if raw.strip():
                text = raw.strip()
                return text.startswith(b"{") and b'"type"' in text and b'"data"' in text
        return False

    def read(self, path: Path, context: ReadContext) -> Iterator[Located | Rejection]:
        """Each model object with its line, and a rejection for every bad line."""
        return iter_jsonl(path, encoding=context.encoding, progress=context.progress)


#: The adapters' one verb for writing (``write_jsonl`` is the same function).
dump = write_jsonl
