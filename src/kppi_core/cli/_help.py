"""The end of every command's ``--help``: its exit statuses and one example."""

from __future__ import annotations

__all__ = ["CADRE_STATUSES", "CHECK_STATUSES", "epilog"]

#: ``kppi check``'s exit statuses, which scripts and CI jobs rely on.
CHECK_STATUSES = (
    "every list compliant and nothing rejected",
    "a violation, an undetermined list, a rejected record, or no lists",
    "the check could not run: usage, an unreadable file, a column missing",
)
#: The cadre commands' exit statuses (registry, trainings, outreach, follow-ups, funnel).
CADRE_STATUSES = (
    "all clean",
    "open ambiguities, flags, rejected records or findings",
    "the command could not run: usage, an unreadable file",
)


def epilog(statuses: tuple[str, str, str], example: str, *more: str) -> str:
    """Click epilog text: ``Exit status`` 0, 1 and 2, then ``Example`` (and ``more`` lines).

    ``\\b`` keeps click from re-wrapping the lines; each is short enough for 80 columns.
    """
    lines = ["\b", "Exit status:"]
    lines += [f"  {code}  {meaning}" for code, meaning in enumerate(statuses)]
    return "\n".join([*lines, "", "\b", "Example:", f"  $ {example}", *more])
