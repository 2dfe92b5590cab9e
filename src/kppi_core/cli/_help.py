"""The end of every command's ``--help``: its exit statuses and one example.

One table, :data:`EPILOGS`, keyed by the command's path (``""`` for ``kppi``
itself, ``"registry build"``); the ``kppi`` group gives each command its
epilog when it looks the command up (:func:`add_epilogs`), so the commands'
own modules carry none. A plugin's command keeps whatever epilog it has.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from kppi_core.i18n import N_

__all__ = ["EPILOGS", "add_epilogs", "epilog"]

#: What a check's exit status means; scripts and CI jobs rely on it.
_CHECK = (
    N_("every list compliant and nothing rejected"),
    N_("a violation, an undetermined list, a rejected record, or no lists"),
    N_("the check could not run: usage, an unreadable file, a column missing"),
)
#: The cadre commands' exit statuses (registry, trainings, outreach, follow-ups, funnel).
_CADRES = (
    N_("all clean"),
    N_("open ambiguities, flags, rejected records or findings"),
    N_("the command could not run: usage, an unreadable file"),
)
_SEATS = (
    N_("all seats allocated, nothing rejected"),
    N_("records rejected, nothing read, or a tie left undecided"),
    N_("it could not run: usage, an unreadable file"),
)

#: An epilog: the meanings of exit statuses 0, 1 and 2, one example command line,
#: and paragraphs after it (each a catalog msgid).
Spec = tuple[tuple[str, str, str], str, tuple[str, ...]]


def epilog(
    statuses: tuple[str, str, str],
    example: str,
    *more: str,
    translate: Callable[[str], str] = str,
) -> str:
    """Epilog text, each piece through ``translate``: ``Exit status`` 0, 1 and 2,
    then ``Example`` and the ``more`` paragraphs (which click wraps).

    ``\\b`` keeps click from re-wrapping the status and example lines.
    """
    lines = ["\b", translate(N_("Exit status:"))]
    lines += [f"  {code}  {translate(meaning)}" for code, meaning in enumerate(statuses)]
    lines += ["", "\b", translate(N_("Example:")), f"  $ {example}"]
    for paragraph in more:
        lines += ["", translate(paragraph)]
    return "\n".join(lines)


#: Command path → its epilog's parts.
EPILOGS: dict[str, Spec] = {
    "": (
        (
            N_("done, and all is well"),
            N_("done, with findings: violations, rejected records, ambiguities"),
            N_("could not run: usage, an unreadable file, a failed source"),
        ),
        "kppi check --sample",
        (N_("Each command's --help gives its own; `kppi plugins` lists what plugins add."),),
    ),
    "check": (
        _CHECK,
        "kppi check candidates.csv --rules pkpu-10-2023 --format markdown",
        (
            N_("Formats: text, json, csv, markdown, html, xlsx; plugins may add more."),
            N_(
                "Rule sets: uu7-2017 (the law: 30%, rounded up, as the Supreme Court read "
                "UU 7/2017 art. 245), pkpu-10-2023 (rounded half-up, as KPU applied it in "
                "2024); plugins may add more. See `kppi plugins`."
            ),
        ),
    ),
    "plugins": (
        (
            N_("listed"),
            N_("never: a plugin that failed shows as failed"),
            N_("a plugin failed, strictly"),
        ),
        "kppi plugins --json",
        (),
    ),
    "inspect": (
        (N_("read, nothing rejected"), N_("a record was rejected"), N_("PATH could not be read")),
        "kppi inspect members.csv --source membership-csv",
        (),
    ),
    "seats": (_SEATS, "kppi seats --sample --method dhondt", ()),
    "representation": (
        (
            N_("every council at or above --fail-under, nothing rejected"),
            N_("a council under --fail-under, records rejected, nothing read, a tie"),
            N_("it could not run: usage, an unreadable file"),
        ),
        "kppi representation --sample --fail-under target",
        (),
    ),
    "registry": (_CADRES, "kppi registry build --sample -o registry.json", ()),
    "registry build": (_CADRES, "kppi registry build --sample -o registry.json", ()),
    "training": (_CADRES, "kppi training report --sample", ()),
    "training report": (_CADRES, "kppi training report --sample --format json", ()),
    "training completion": (
        _CADRES,
        "kppi training completion --sample --certificates certificates.csv",
        (),
    ),
    "outreach": (_CADRES, "kppi outreach --sample --on 2024-06-01", ()),
    "follow-ups": (_CADRES, "kppi follow-ups --sample --on 2024-06-01", ()),
    "funnel": (_CADRES, "kppi funnel --sample", ()),
}


def add_epilogs(command: click.Command, path: str) -> click.Command:
    """``command`` with its epilog from :data:`EPILOGS` (and a group's subcommands with
    theirs), unless it has one of its own."""
    if command.epilog is None and path in EPILOGS:
        statuses, example, more = EPILOGS[path]
        command.epilog = epilog(statuses, example, *more)
        # Rebuilt in the language of the run when --help is formatted (cli/_i18n.py).
        command.kppi_epilog = EPILOGS[path]  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            add_epilogs(sub, f"{path} {name}".strip())
    return command
