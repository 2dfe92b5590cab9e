"""Rejections: records a source read but could not accept, with where and why.

Nothing read is dropped silently: every record a source reads ends as a model
object or as a :class:`Rejection`. A rejection's ``reason`` never holds
personal data in clear.

A reason is kept twice: ``reason``, its English text (stable for scripts and
the JSON contract), and ``message``, the same as data
(:class:`~kppi_core.errors.Message`), which :func:`text_in` shows in any
language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from kppi_core.errors import KppiError, Message
from kppi_core.privacy import redact

if TYPE_CHECKING:
    from kppi_core.i18n import Language

__all__ = ["LIST_KINDS", "Rejection", "Where", "text_in"]

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


class _Reason(str):
    """A reason's English text that carries its message (a ``str`` to every reader:
    equal, hashed, written to JSON and copied as its text)."""

    __slots__ = ("message",)
    message: Message

    def __new__(cls, text: str, message: Message) -> _Reason:
        made = super().__new__(cls, text)
        made.message = message
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (_Reason, (str(self), self.message))


def _reason(reason: str | Message) -> str:
    """The English text of ``reason``, redacted, carrying the message it was made from."""
    if isinstance(reason, _Reason):
        return reason
    if isinstance(reason, Message):
        return _Reason(redact(str(reason)), reason)
    return redact(reason)


@attrs.frozen
class Rejection:
    """A record that could not be read: ``source`` (file or source name), ``line``
    (1-based, counting the header; ``None`` where lines mean nothing), ``field``
    (column or path) and ``reason``; optionally ``where``: what is known of the
    record's kind and candidate list (``None``: nothing, so it could belong to
    any list).

    ``field`` and ``reason`` pass through :func:`kppi_core.privacy.redact` when
    the rejection is made, so whatever a reader echoes of its input, no NIK,
    date, phone number or long excerpt is kept.

    ``reason`` may be given as a :class:`~kppi_core.errors.Message` (its fields
    redacted likewise): ``reason`` is then its English text, and :attr:`message`
    the message, shown in another language by :func:`text_in`. A reason given
    as text is shown as it is in every language."""

    source: str
    line: int | None
    field: str | None = attrs.field(converter=_redact_field)
    reason: str = attrs.field(converter=_reason)
    where: Where | None = attrs.field(default=None, kw_only=True)

    @property
    def message(self) -> Message:
        """The reason as data (text shown as it is when it was given as text)."""
        reason = self.reason
        return reason.message if isinstance(reason, _Reason) else Message._verbatim(reason)

    def __str__(self) -> str:
        return self.text()

    def reason_in(self, lang: Language | None = None) -> str:
        """The reason in ``lang``: ``reason`` itself in English (or when None)."""
        if lang is None or lang.code == "en":
            return self.reason
        return self.message.render(lang)

    def text(self, lang: Language | None = None) -> str:
        """``source:line [field]: reason``, the reason in ``lang`` (English when None)."""
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.reason_in(lang)}"


def text_in(item: Rejection | KppiError | Message | str, lang: str | Language | None) -> str:
    """``item`` (a rejection, a library error, a message) as text in ``lang`` (a code
    such as ``"id"``, or a :class:`~kppi_core.i18n.Language`; English when None):
    a rejection as ``source:line [field]: reason``, an error as its one line, text
    as it is. What the report builders call to show any of them.

    >>> r = Rejection("a.csv", 5, "seats", Message("{value} is not a whole number", value="'x'"))
    >>> text_in(r, "id")
    "a.csv:5 [seats]: 'x' bukan bilangan bulat"
    """
    if lang is None or isinstance(item, str):
        return str(item)
    if isinstance(lang, str):
        from kppi_core.i18n import language

        lang = language(lang)
    if isinstance(item, Message):
        return item.render(lang)
    return item.text(lang)
