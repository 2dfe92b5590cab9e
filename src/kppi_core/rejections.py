"""Rejections: records a source read but could not accept, with where and why.

Nothing read is dropped silently: every record a source reads ends as a model
object or as a :class:`Rejection`. A rejection's ``reason`` never holds
personal data in clear.
"""

from __future__ import annotations

import attrs

from kppi_core.privacy import redact

__all__ = ["LIST_KINDS", "Rejection", "Where"]

#: Kinds of record (model type names) that may belong to a candidate list.
LIST_KINDS = frozenset({"Candidacy", "CandidateList", "District"})


@attrs.frozen
class Where:
    """What is known of the record a rejection is about: the model type it was to
    be (``kind``) and the candidate list it belongs to, each part ``None`` when
    it could not be read.

    The verdict rule reads it (:func:`kppi_core.reading.lists_read`): a rejected
    row with its whole list known makes that list undetermined; one with only
    some parts known makes every list matching them undetermined; a record
    whose ``kind`` is not a list's (``"Person"``) touches no list.
    """

    kind: str | None = None
    election: str | None = None
    district: str | None = None
    party: str | None = None

    @classmethod
    def of_record(cls, kind: str | None, data: object) -> Where:
        """What a raw record (a JSON object) of model type ``kind`` says of its list:
        the election, district and party fields that are non-empty strings."""
        if not isinstance(data, dict) or kind not in LIST_KINDS:
            return cls(kind)
        district = data.get("id") if kind == "District" else data.get("district_id")
        return cls(
            kind,
            *(
                v if isinstance(v, str) and v.strip() else None
                for v in (
                    data.get("election_id"),
                    district,
                    data.get("party") if kind != "District" else None,
                )
            ),
        )

    @property
    def may_be_list_row(self) -> bool:
        """Whether the record could be a row of a candidate list."""
        return self.kind is None or self.kind in LIST_KINDS


def _redact_field(field: str | None) -> str | None:
    return None if field is None else redact(field)


@attrs.frozen
class Rejection:
    """A record that could not be read: ``source`` (file or source name), ``line``
    (1-based, counting the header; ``None`` where lines mean nothing), ``field``
    (column or path) and ``reason``; optionally ``where``: what is known of the
    record's kind and candidate list (``None``: nothing, so it could belong to
    any list).

    ``field`` and ``reason`` pass through :func:`kppi_core.privacy.redact` when
    the rejection is made, so whatever a reader echoes of its input, no NIK,
    date, phone number or long excerpt is kept."""

    source: str
    line: int | None
    field: str | None = attrs.field(converter=_redact_field)
    reason: str = attrs.field(converter=redact)
    where: Where | None = attrs.field(default=None, kw_only=True)

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.reason}"
