"""The ``kppi`` command's language: ``--lang`` on every command, help translated when shown.

Every kppi command is a :class:`Command` or :class:`Group`: each accepts
``--lang id|en`` (added by the class, so subcommands and plugin commands
made with ``group.command()`` have it too) and translates its help, short
help, epilog and option help when it formats them — click takes help texts
when commands are defined, before a language is known, so the texts stay
English msgids (option help marked with :func:`~kppi_core.i18n.N_`,
command help is the docstring, taken for the catalog by
:mod:`kppi_core.cli._extract`).

The language is chosen once, when the outermost command's ``main`` starts
(``--lang`` anywhere on the line, else ``KPPI_LANG``, else the locale; see
:func:`kppi_core.i18n.choose_language`), so even a usage error found while
parsing is in that language. For Indonesian, :func:`installed` points the
standard :mod:`gettext` functions, which click calls for its own messages
("Usage:", "Error: No such option"), at kppi's catalog, for the run only.
"""

from __future__ import annotations

import gettext
import inspect
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from kppi_core.errors import KppiError

from kppi_core.cli._help import epilog
from kppi_core.i18n import (
    DEFAULT_LANGUAGE,
    DOMAIN,
    LANGUAGES,
    LOCALE_DIR,
    N_,
    Language,
    choose_language,
    language,
)

__all__ = [
    "Command",
    "Group",
    "current",
    "error",
    "installed",
    "lang_from_args",
    "say",
    "tr",
    "warning",
]

_LANG_OPTION = "--lang"
#: The language of the running command (English until a command's main chooses).
_current: str = DEFAULT_LANGUAGE


def current() -> Language:
    """The language the running command speaks."""
    return language(_current)


def say(kind: str, message: str, /, **fields: object) -> None:
    """Print ``kppi: KIND: message`` on stderr, ``message`` (a msgid) in the running
    command's language; ``kind`` (``error``, ``warning``, ``note``) stays as it is,
    for scripts that look for it."""
    click.echo(f"kppi: {kind}: {current().format(message, **fields)}", err=True)


def error(exc: KppiError) -> None:
    """Print ``kppi: error: …`` on stderr: the library's error in the command's language."""
    from kppi_core.rejections import text_in

    click.echo(f"kppi: error: {text_in(exc, current())}", err=True)


def warning(message: Warning | str) -> None:
    """Print ``kppi: warning: …`` on stderr; a warning made from a
    :class:`~kppi_core.errors.Message` in the command's language."""
    from kppi_core.errors import Message

    said = message.args[0] if isinstance(message, Warning) and message.args else None
    shown = said.render(current()) if isinstance(said, Message) else str(message)
    click.echo(f"kppi: warning: {shown}", err=True)


def tr(text: str | None) -> str | None:
    """A help text in the running command's language (msgids are cleaned as click cleans help)."""
    if not text or _current == DEFAULT_LANGUAGE:
        return text
    return current().gettext(inspect.cleandoc(text))


def _tr_piece(text: str) -> str:
    return tr(text) or text


def lang_from_args(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` on a command line (before ``--``), or None."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == _LANG_OPTION and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith(_LANG_OPTION + "="):
            found = arg.partition("=")[2]
    return found


@contextmanager
def installed(lang: str) -> Iterator[None]:
    """Speak ``lang`` for the block: kppi's help, and click's own messages through
    the standard gettext functions (domain, catalog directory and ``LANGUAGE``,
    restored afterwards)."""
    global _current
    saved = (_current, gettext.textdomain(), os.environ.get("LANGUAGE"))
    _current = lang
    if lang != DEFAULT_LANGUAGE:  # English is the msgids: nothing to install
        gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
        gettext.textdomain(DOMAIN)
        os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        _current = saved[0]
        gettext.textdomain(saved[1])
        if saved[2] is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved[2]


@contextmanager
def _swapped(obj: object, name: str, value: object) -> Iterator[None]:
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _lang_option() -> click.Option:
    return click.Option(
        [_LANG_OPTION],
        metavar="|".join(sorted(LANGUAGES, reverse=True)),
        expose_value=False,
        is_eager=True,
        help=N_(
            "Language of messages: id (Indonesian) or en (English). Default: KPPI_LANG, "
            "then the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), then English."
        ),
    )


class _Translated(click.Command):
    """``--lang`` accepted, and help translated when it is formatted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any(_LANG_OPTION in p.opts for p in self.params):
            self.params.append(_lang_option())

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        """Choose the language from the command line and the environment, then run."""
        choice = choose_language(lang_from_args(sys.argv[1:] if args is None else args))
        if choice.unknown is not None:
            click.echo(
                f"kppi: warning: no catalog for language {choice.unknown!r} "
                f"(from {choice.by}); speaking English (known: {', '.join(LANGUAGES)})",
                err=True,
            )
        with installed(choice.lang):
            return super().main(args, *rest, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        fresh = self._help_option is None
        option = super().get_help_option(ctx)
        if fresh and option is not None:  # click words it in the language of its first use
            option.help = N_("Show this message and exit.")
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        with (
            _swapped(self, "help", tr(self.help)),
            _swapped(self, "short_help", tr(self.short_help)),
        ):
            return super().get_short_help_str(limit)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _swapped(self, "help", tr(self.help)):
            super().format_help_text(ctx, formatter)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        spec = getattr(self, "kppi_epilog", None)
        if spec is not None:  # kppi's own: built from catalog pieces (cli/_help.py)
            text: str | None = epilog(spec[0], spec[1], *spec[2], translate=_tr_piece)
        else:
            text = tr(self.epilog)
        with _swapped(self, "epilog", text):
            super().format_epilog(ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = self.get_params(ctx)
        saved = [getattr(p, "help", None) for p in params]
        for param, text in zip(params, saved, strict=True):
            if text is not None:
                param.help = tr(text)
        try:
            super().format_options(ctx, formatter)
        finally:
            for param, text in zip(params, saved, strict=True):
                if text is not None:
                    param.help = text


class Command(_Translated):
    """A kppi command: ``--lang`` accepted, help translated when shown."""


class Group(_Translated, click.Group):
    """A kppi command group: as :class:`Command`; its subcommands are kppi commands too."""

    command_class = Command
    group_class = type  # subgroups are of the parent group's class
