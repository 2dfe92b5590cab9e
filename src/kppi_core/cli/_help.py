"""The end of every command's ``--help``: its exit statuses and one example.

One table, :data:`EPILOGS`, keyed by the command's path (``""`` for ``kppi``
itself, ``"registry build"``); the ``kppi`` group gives each command its
epilog when it looks the command up (:func:`add_epilogs`), so the commands'
own modules carry none. A plugin's command keeps whatever epilog it has.
"""

from __future__ import annotations

import click

__all__ = ["EPILOGS", "add_epilogs", "epilog"]

#: What a check's exit status means; scripts and CI jobs rely on it.
_CHECK = (
    "every list compliant and nothing rejected",
    "a violation, an undetermined list, a rejected record, or no lists",
    "the check could not run: usage, an unreadable file, a column missing",
)
#: The cadre commands' exit statuses (registry, trainings, outreach, follow-ups, funnel).
_CADRES = (
    "all clean",
    "open ambiguities, flags, rejected records or findings",
    "the command could not run: usage, an unreadable file",
)
_SEATS = (
    "all seats allocated, nothing rejected",
    "records rejected, nothing read, or a tie left undecided",
    "it could not run: usage, an unreadable file",
)


def epilog(statuses: tuple[str, str, str], example: str, *more: str) -> str:
    """Epilog text: ``Exit status`` 0, 1 and 2, then ``Example`` (and ``more`` lines).

    ``\\b`` keeps click from re-wrapping the lines; each is short enough for 80 columns.
    """
    lines = ["\b", "Exit status:"]
    lines += [f"  {code}  {meaning}" for code, meaning in enumerate(statuses)]
    return "\n".join([*lines, "", "\b", "Example:", f"  $ {example}", *more])


#: Command path → its epilog.
EPILOGS = {
    "": epilog(
        (
            "done, and all is well",
            "done, with findings: violations, rejected records, ambiguities",
            "could not run: usage, an unreadable file, a failed source",
        ),
        "kppi check --sample",
        "",
        "Each command's --help gives its own; `kppi plugins` lists what plugins add.",
    ),
    "check": epilog(
        _CHECK,
        "kppi check candidates.csv --rules pkpu-10-2023 --format markdown",
        "",
        "\b",
        "Formats: text, json, csv, markdown; plugins may add more.",
        "Rule sets: uu7-2017 (30% of the list rounded up: UU 7/2017 art. 245 as",
        "  the Supreme Court read it), pkpu-10-2023 (rounded half-up, as KPU",
        "  applied it in 2024); plugins may add more. See `kppi plugins`.",
    ),
    "plugins": epilog(
        ("listed", "never: a plugin that failed shows as failed", "a plugin failed, strictly"),
        "kppi plugins --json",
    ),
    "inspect": epilog(
        ("read, nothing rejected", "a record was rejected", "PATH could not be read"),
        "kppi inspect members.csv --source membership-csv",
    ),
    "seats": epilog(_SEATS, "kppi seats --sample --method dhondt"),
    "representation": epilog(
        (
            "every council at or above --fail-under, nothing rejected",
            "a council under --fail-under, records rejected, nothing read, a tie",
            "it could not run: usage, an unreadable file",
        ),
        "kppi representation --sample --fail-under target",
    ),
    "registry": epilog(_CADRES, "kppi registry build --sample -o registry.json"),
    "registry build": epilog(_CADRES, "kppi registry build --sample -o registry.json"),
    "training": epilog(_CADRES, "kppi training report --sample"),
    "training report": epilog(_CADRES, "kppi training report --sample --format json"),
    "outreach": epilog(_CADRES, "kppi outreach --sample --on 2024-06-01"),
    "follow-ups": epilog(_CADRES, "kppi follow-ups --sample --on 2024-06-01"),
    "funnel": epilog(_CADRES, "kppi funnel --sample"),
}


def add_epilogs(command: click.Command, path: str) -> click.Command:
    """``command`` with its epilog from :data:`EPILOGS` (and a group's subcommands with
    theirs), unless it has one of its own."""
    if command.epilog is None and path in EPILOGS:
        command.epilog = EPILOGS[path]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            add_epilogs(sub, f"{path} {name}".strip())
    return command
