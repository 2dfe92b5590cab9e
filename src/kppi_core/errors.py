"""The one error hierarchy of kppi_core.

Every error the library raises on purpose is a :class:`KppiError`. Each also
subclasses the built-in it resembles (``ValueError`` for bad values,
``LookupError`` for missing things), so ``except ValueError`` keeps working.
Messages name the thing, the place and the reason, and never hold personal
data (a NIK, a birth date, a phone number) in clear.
"""

from __future__ import annotations

from collections.abc import Sequence

from kppi_core.privacy import redact

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
    "NotFound",
    "OutputError",
    "PluginError",
    "PluginSourceError",
    "PluginWarning",
    "SourceError",
    "UnknownRuleSet",
    "WrongType",
]


class KppiError(Exception):
    """Base class of every error kppi_core raises on purpose.

    Its message passes through :func:`kppi_core.privacy.redact` when the error
    is made: whatever input it echoes, no NIK, date, phone number or long
    excerpt is kept.
    """

    def __init__(self, *args: object) -> None:
        super().__init__(*(redact(a) if isinstance(a, str) else a for a in args))


class InvalidRecord(KppiError, ValueError):
    """Data that cannot become a model object.

    ``problems`` holds one line per problem, each naming the path of the bad
    field (``$.candidacies[3].gender: …``); ``str()`` joins them.
    """

    problems: tuple[str, ...]

    def __init__(
        self, problems: str | Sequence[str], *, what: str | None = None, field: str | None = None
    ) -> None:
        if isinstance(problems, str):
            problems = (f"{field}: {problems}" if field else problems,)
        #: One line per problem, each ``path: reason`` where the path is known.
        self.problems = tuple(redact(p) for p in problems)
        #: The kind of record (``"Candidacy"``), when known.
        self.what = what
        #: The bad field, relative to the record, when there is one.
        self.field = field
        head = f"invalid {what}" if what else "invalid record"
        if len(self.problems) == 1:
            message = f"{head}: {self.problems[0]}"
        else:
            message = f"{head}, {len(self.problems)} problems:\n" + "\n".join(
                f"  {p}" for p in self.problems
            )
        super().__init__(message)


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

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        message = redact(message)  # the path is the user's own: left as given
        self.reason = message
        Exception.__init__(self, f"{where}: {message}" if where else message)


class OutputError(KppiError, OSError):
    """A file a command was asked to write (``-o``) cannot be written: its folder is
    missing, it is one of the command's own inputs, or the system refuses it.

    ``path`` names the file.
    """

    def __init__(self, message: str, *, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class PluginError(KppiError):
    """A plugin could not be used: it failed to load, broke the hook rules, or
    claimed a name another plugin holds.

    ``plugin`` and ``distribution`` name the culprit (``"name 1.0"``), when known.
    """

    def __init__(
        self, message: str, *, plugin: str | None = None, distribution: str | None = None
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
        message: str,
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
