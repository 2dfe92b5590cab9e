"""The one error hierarchy of kppi_core.

Every error the library raises on purpose is a :class:`KppiError`. Each also
subclasses the built-in it resembles (``ValueError`` for bad values,
``LookupError`` for missing things), so ``except ValueError`` keeps working.
Messages name the thing, the place and the reason, and never hold personal
data (a NIK, a birth date, a phone number) in clear.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kppi_core.privacy import redact, shown_kinds

if TYPE_CHECKING:
    from kppi_core.i18n import Language

__all__ = [
    "InvalidArea",
    "InvalidArgument",
    "InvalidGender",
    "InvalidNik",
    "InvalidPartialDate",
    "InvalidRecord",
    "InvalidSeatInput",
    "KeyMismatch",
    "KppiError",
    "Message",
    "NotFound",
    "OutputError",
    "PluginError",
    "PluginSourceError",
    "PluginWarning",
    "SourceError",
    "UnknownRuleSet",
    "WrongType",
]


def _redacted(
    fields: dict[str, str | int | Message | None],
) -> tuple[tuple[str, str | int | Message | None], ...]:
    return tuple((k, redact(v) if isinstance(v, str) else v) for k, v in sorted(fields.items()))


class Message:
    """A message as data: a msgid (English, the catalog's key) and its fields, so
    that it can be shown in any language; ``str()`` is its English text.

    Made by ``Message(msgid, **fields)`` (a catalog message),
    :meth:`plural_of`, :meth:`compose` (a template of punctuation only, not in
    the catalog: ``"{path}: {reason}"``), :meth:`text` (text shown as it is: a
    plugin's own reason) or :meth:`join`. Fields are text, whole numbers
    (counts and bounds the library sets, written per locale) or messages.
    Every text field passes through :func:`kppi_core.privacy.redact` when the
    message is made, exactly as an English message does; in another language
    only the kinds of value it hid ("a 16-digit number") are translated.

    Frozen and slotted, like the model's classes (written by hand: this module
    is imported by ``kppi --version``, and attrs would cost its start-up).
    """

    __slots__ = ("_english", "fields", "kind", "msgid", "n", "plural")

    #: ``"gettext"``, ``"ngettext"``, ``"compose"`` or ``"text"``.
    kind: str
    msgid: str
    #: The fields, sorted by name; text fields redacted.
    fields: tuple[tuple[str, str | int | Message | None], ...]
    plural: str | None
    n: int | None
    _english: list[str]

    def __init__(self, msgid: str, /, **fields: str | int | Message | None) -> None:
        self._set("gettext", msgid, _redacted(fields))

    def _set(
        self,
        kind: str,
        msgid: str,
        fields: tuple[tuple[str, str | int | Message | None], ...],
        plural: str | None = None,
        n: int | None = None,
    ) -> None:
        for name, value in (
            ("kind", kind), ("msgid", msgid), ("fields", fields), ("plural", plural), ("n", n),
            ("_english", []),
        ):  # fmt: skip
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Message is frozen: cannot set {name}")

    @classmethod
    def _made(
        cls,
        kind: str,
        msgid: str,
        fields: dict[str, str | int | Message | None],
        plural: str | None = None,
        n: int | None = None,
    ) -> Message:
        made = cls.__new__(cls)
        made._set(kind, msgid, _redacted(fields), plural, n)
        return made

    @classmethod
    def plural_of(
        cls, singular: str, plural: str, n: int, /, **fields: str | int | Message | None
    ) -> Message:
        """The message for ``n`` of ``singular``/``plural`` (``{n}`` is ``n`` itself)."""
        return cls._made("ngettext", singular, {"n": n, **fields}, plural, n)

    @classmethod
    def compose(cls, template: str, /, **fields: str | int | Message | None) -> Message:
        """A template of punctuation and fields only (``"{path}: {reason}"``): not
        looked up in the catalog."""
        return cls._made("compose", template, fields)

    @classmethod
    def text(cls, text: str) -> Message:
        """``text`` (redacted) shown as it is in every language: free text the library
        did not write (a plugin's reason, a message of the system)."""
        return cls._verbatim(redact(text))

    @classmethod
    def _verbatim(cls, text: str) -> Message:
        return cls._made("text", text, {})

    @classmethod
    def join(cls, separator: str, parts: Iterable[Message | str]) -> Message:
        """``parts`` joined by ``separator`` (punctuation: ``"; "``)."""
        items = [p if isinstance(p, Message) else cls.text(p) for p in parts]
        if len(items) == 1:
            return items[0]
        fields: dict[str, str | int | Message | None] = {
            f"p{i:04d}": part for i, part in enumerate(items)
        }
        escaped = separator.replace("{", "{{").replace("}", "}}")
        return cls.compose(escaped.join(f"{{{key}}}" for key in fields), **fields)

    @classmethod
    def of(cls, value: str | Message) -> Message:
        """``value`` as a message: itself, or text shown as it is."""
        return value if isinstance(value, Message) else cls.text(value)

    def __str__(self) -> str:
        if not self._english:
            many = self.plural is not None and self.n != 1
            template = self.plural if many and self.plural is not None else self.msgid
            self._english.append(self._fill(template, None))
        return self._english[0]

    def render(self, lang: Language | None = None) -> str:
        """The message in ``lang`` (English, as ``str()``, when None)."""
        if lang is None:
            return str(self)
        if self.kind == "gettext":
            template = lang.gettext(self.msgid)
        elif self.kind == "ngettext" and self.plural is not None and self.n is not None:
            template = lang.ngettext(self.msgid, self.plural, self.n)
        else:
            template = self.msgid
        return self._fill(template, lang)

    def _fill(self, template: str, lang: Language | None) -> str:
        if self.kind == "text":
            return template
        shown: dict[str, object] = {}
        for key, value in self.fields:
            if isinstance(value, Message):
                shown[key] = value.render(lang)
            elif isinstance(value, bool) or value is None:
                shown[key] = value
            elif isinstance(value, int):
                shown[key] = f"{value:,}" if lang is None else lang.number(value)
            elif lang is not None and lang.code != "en":
                shown[key] = shown_kinds(value, lang.gettext, lang.number)
            else:
                shown[key] = value
        return template.format(**shown)

    def get(self, name: str) -> str | int | Message | None:
        """The field ``name`` (None when there is none)."""
        return dict(self.fields).get(name)

    def replaced(self, old: str, new: str) -> Message:
        """The message with ``old`` replaced by ``new`` in its text fields (a path)."""
        fields = {
            k: v.replace(old, new)
            if isinstance(v, str)
            else v.replaced(old, new)
            if isinstance(v, Message)
            else v
            for k, v in self.fields
        }
        msgid = self.msgid.replace(old, new) if self.kind == "text" else self.msgid
        made = type(self).__new__(type(self))
        made._set(self.kind, msgid, tuple(sorted(fields.items())), self.plural, self.n)
        return made

    def _key(self) -> tuple[object, ...]:
        return (self.kind, self.msgid, self.plural, self.n, self.fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuilt, self._key())

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"


def _rebuilt(
    kind: str,
    msgid: str,
    plural: str | None,
    n: int | None,
    fields: tuple[tuple[str, str | int | Message | None], ...],
) -> Message:
    """A message from its parts (unpickling)."""
    made = Message.__new__(Message)
    made._set(kind, msgid, fields, plural, n)
    return made


class KppiError(Exception):
    """Base class of every error kppi_core raises on purpose.

    Its message passes through :func:`kppi_core.privacy.redact` when the error
    is made: whatever input it echoes, no NIK, date, phone number or long
    excerpt is kept. It may be given as a :class:`Message`: ``str()`` is its
    English text, ``message`` the message itself, to show in another language
    (:func:`kppi_core.rejections.text_in`).
    """

    #: The error's text as data (a message shown as it is when made from text).
    message: Message

    def __init__(self, *args: object) -> None:
        message = args[0] if args and isinstance(args[0], Message) else None
        if message is not None:
            args = (str(message), *args[1:])
        super().__init__(*(redact(a) if isinstance(a, str) else a for a in args))
        self.message = message or Message._verbatim(Exception.__str__(self))

    def text(self, lang: Language | None = None) -> str:
        """The error's text in ``lang`` (``str()`` when None)."""
        return str(self) if lang is None else self.message.render(lang)


class InvalidRecord(KppiError, ValueError):
    """Data that cannot become a model object.

    ``problems`` holds one line per problem, each naming the path of the bad
    field (``$.candidacies[3].gender: …``); ``str()`` joins them.
    """

    problems: tuple[str, ...]

    def __init__(
        self,
        problems: str | Message | Sequence[str | Message],
        *,
        what: str | None = None,
        field: str | None = None,
    ) -> None:
        if isinstance(problems, str | Message):
            one = Message.of(problems)
            problems = (
                (Message.compose("{field}: {reason}", field=field, reason=one),)
                if field
                else (one,)
            )
        #: Each problem as a message (``path: reason``), to show in another language.
        self.messages = tuple(Message.of(p) for p in problems)
        #: One line per problem, each ``path: reason`` where the path is known.
        self.problems = tuple(str(m) for m in self.messages)
        #: The kind of record (``"Candidacy"``), when known.
        self.what = what
        #: The bad field, relative to the record, when there is one.
        self.field = field
        super().__init__(self._message())

    def located(self) -> tuple[tuple[str | None, Message], ...]:
        """Each problem as its path (``$.a.b``; None when it has none) and its reason."""
        return tuple(_problem_parts(m) for m in self.messages)

    def _message(self) -> Message:
        what = self.what
        if len(self.messages) == 1:
            if what:
                return Message("invalid {what}: {problem}", what=what, problem=self.messages[0])
            return Message("invalid record: {problem}", problem=self.messages[0])
        lines = Message.join("\n", [Message.compose("  {p}", p=m) for m in self.messages])
        if what:
            return Message.plural_of(
                "invalid {what}, {n} problem:\n{lines}",
                "invalid {what}, {n} problems:\n{lines}",
                len(self.messages),
                what=what,
                lines=lines,
            )
        return Message.plural_of(
            "invalid record, {n} problem:\n{lines}",
            "invalid record, {n} problems:\n{lines}",
            len(self.messages),
            lines=lines,
        )


def _problem_parts(problem: Message) -> tuple[str | None, Message]:
    """A problem of :class:`InvalidRecord` (``$.a.b: why``) as its path and its reason
    (None and the problem itself when it has no path)."""
    if problem.kind == "compose" and problem.msgid == "{path}: {problem}":
        path, why = problem.get("path"), problem.get("problem")
        if isinstance(path, str) and isinstance(why, Message):
            return path, why
    if problem.kind == "compose" and problem.msgid == "{path}{problem}":
        path, relative = problem.get("path"), problem.get("problem")
        inner = relative.get("problem") if isinstance(relative, Message) else None
        if isinstance(path, str) and isinstance(inner, Message):
            field, why = inner.get("field"), inner.get("reason")
            if inner.msgid == "{field}: {reason}" and isinstance(why, Message):
                return f"{path}.{field}", why
    where, sep, why_text = str(problem).partition(": ")
    if sep:
        return where, Message.text(why_text)
    return None, problem


class InvalidGender(InvalidRecord):
    """A sex/gender code that is not one of the accepted aliases."""


class InvalidNik(InvalidRecord):
    """A NIK that fails validation. The message never repeats the digits."""


class InvalidPartialDate(InvalidRecord):
    """A date that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""


class InvalidArea(InvalidRecord):
    """An area code that is malformed or disagrees with its level or name."""


class InvalidSeatInput(KppiError, ValueError):
    """Votes, seats, caps, a threshold, a tie-break or candidacies that cannot be used
    to allocate seats or elect candidates.

    The message names the argument and, where there is one, the party or district.
    """


class InvalidArgument(KppiError, ValueError):
    """An argument a function cannot use: an empty fingerprint key, a goal outside
    0..1, an unknown grouping, a malformed import path."""


class WrongType(KppiError, TypeError):
    """A value of a type the library cannot take: a source yielding something that
    is not a model object, a non-model object given to a writer."""


class KeyMismatch(KppiError, ValueError):
    """A registry file or decisions file made with another fingerprint key."""


class NotFound(KppiError, LookupError):
    """Something asked for by name (a rule set, a source, a sample) does not exist."""


class UnknownRuleSet(NotFound):
    """A rule set id that no built-in or plugin registers."""


class SourceError(KppiError):
    """A data source could not be read at all (missing file, wrong encoding, bad format).

    ``path`` and ``line`` say where, when known; ``reason`` is the message
    without them.
    """

    def __init__(
        self, message: str | Message, *, path: str | None = None, line: int | None = None
    ) -> None:
        self.path = path
        self.line = line
        #: The reason as data, without the place (the path is the user's own: not redacted).
        self.reason_message = Message.of(message)
        self.reason = str(self.reason_message)
        Exception.__init__(self, self._where(None))
        self.message = Message._verbatim(str(self))

    def _where(self, lang: Language | None) -> str:
        where = self.path or ""
        if self.line is not None:
            if where:
                where = f"{where}:{self.line}"
            else:
                line = Message("line {line}", line=str(self.line))
                where = line.render(lang)
        reason = self.reason_message.render(lang)
        return f"{where}: {reason}" if where else reason

    def text(self, lang: Language | None = None) -> str:
        """The error's text in ``lang``: the place, then the reason in that language."""
        return self._where(lang)


class OutputError(KppiError, OSError):
    """A file a command was asked to write (``-o``) cannot be written: its folder is
    missing, it is one of the command's own inputs, or the system refuses it.

    ``path`` names the file.
    """

    def __init__(self, message: str | Message, *, path: str) -> None:
        self.path = path
        super().__init__(Message.compose("{path}: {reason}", path=path, reason=Message.of(message)))


class PluginError(KppiError):
    """A plugin could not be used: it failed to load, broke the hook rules, or
    claimed a name another plugin holds.

    ``plugin`` and ``distribution`` name the culprit (``"name 1.0"``), when known.
    """

    def __init__(
        self,
        message: str | Message,
        *,
        plugin: str | None = None,
        distribution: str | None = None,
    ) -> None:
        self.plugin = plugin
        self.distribution = distribution
        super().__init__(message)


class PluginSourceError(SourceError):
    """A source raised something other than :class:`SourceError` while reading.

    The message names the plugin and its distribution; the original error is
    the ``__cause__``.
    """

    def __init__(
        self,
        message: str | Message,
        *,
        path: str | None = None,
        plugin: str | None = None,
        distribution: str | None = None,
    ) -> None:
        self.plugin = plugin
        self.distribution = distribution
        super().__init__(message, path=path)


class PluginWarning(UserWarning):
    """A plugin failed to load and was left out; the others still run."""
