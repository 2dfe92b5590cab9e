"""The built-in plugins, declared lazily: what each registers, not yet imported.

Each plugin keeps the name of the module that implements it (``kppi plugins``
lists it so, ``--disable-plugin`` takes it) and registers
:mod:`kppi_core.lazy` declarations pointing into that module, so loading the
plugin manager imports none of the adapters, the model or the quota engine.
``tests/test_plugins.py`` checks every declaration against the object it
names.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from kppi_core.hookspecs import hookimpl
from kppi_core.lazy import LazyCommand, LazyFormat, LazyRuleSet, LazySource

__all__ = ["PLUGINS"]

_A = "kppi_core.adapters."
_ALL = ("Person", "Organization", "Post", "Membership", "Training", "Participation", "FollowUp")


def _source(module: str, cls: str, name: str, description: str, yields: tuple[str, ...],
            patterns: tuple[str, ...]) -> LazySource:  # fmt: skip
    return LazySource(name, f"{_A}{module}:{cls}", description, yields, patterns)


def _plugin(name: str, **declared: tuple[Any, ...]) -> ModuleType:
    """A built-in plugin: hook implementations registering its declarations, and no others.

    A bare module object, as pluggy scans every name in ``dir(plugin)``.
    """
    plugin = ModuleType(name)
    for hook, objects in declared.items():
        setattr(plugin, f"kppi_register_{hook}", _hook(objects))
    return plugin


def _hook(objects: tuple[Any, ...]) -> Callable[[Callable[[Any], None]], None]:
    @hookimpl
    def register_each(register: Callable[[Any], None]) -> None:
        for obj in objects:
            register(obj)

    return register_each


def _plugins(*plugins: ModuleType) -> dict[str, object]:
    return {p.__name__: p for p in plugins}


_FORMATS = {  # as kppi_core.render.formats describes them
    "text": "a report to read in a terminal",
    "json": "one JSON document per report, on one line where several follow (JSON Lines)",
    "csv": "the report's tables as rows (comma, UTF-8)",
    "markdown": "headings and tables for an issue or a wiki page",
}
#: The built-in plugins by name; :data:`kppi_core.plugins.BUILTIN_MODULES` gives their order.
PLUGINS: dict[str, object] = _plugins(
    _plugin(f"{_A}candidates_csv", sources=(_source(
        "candidates_csv", "CandidatesCsvSource", "candidates-csv",
        "Candidate lists, one row per candidate (KPU's DCS/DCT columns)",
        ("District", "Candidacy"), ("*.csv",)),)),
    _plugin(f"{_A}membership_csv", sources=(_source(
        "membership_csv", "MembershipCsvSource", "membership-csv",
        "Party membership exports: name, sex, NIK, birth date, KTA, party, region, date joined",
        ("Organization", "Person", "Membership"), ("*.csv",)),)),
    _plugin(f"{_A}attendance_csv", sources=(_source(
        "attendance_csv", "AttendanceCsvSource", "attendance-csv",
        "Training attendance sheets as form tools export them: timestamp, name, party or "
        "organisation, contact (options: training, session)",
        ("Organization", "Person", "Participation"), ("*.csv",)), _source(
        "attendance_csv", "OdkCsvSource", "odk-csv",
        "Sign-in forms as ODK Central exports them: SubmissionDate, group-field columns, "
        "meta-instanceID, KEY (options: training, session, utc_offset)",
        ("Organization", "Person", "Participation"), ("*.csv",)), _source(
        "attendance_csv", "KoboCsvSource", "kobo-csv",
        "Sign-in forms as KoboToolbox exports them: ';'-separated, group/field headers "
        "(labels or names), _submission_time, _uuid (options: training, session, utc_offset)",
        ("Organization", "Person", "Participation"), ("*.csv",)),)),
    _plugin(f"{_A}parline", sources=(_source(
        "parline", "ParlineCsvSource", "parline-csv",
        "IPU Parline's women in parliament: the long series, the historical workbook, the "
        "monthly ranking (option: source)",
        ("RepresentationFigure",), ("*.csv",)),)),
    _plugin(f"{_A}xlsx", sources=(_source(
        "xlsx", "XlsxSource", "xlsx",
        "Excel workbooks: candidate lists (also as KPU publishes them), membership exports, "
        "attendance sheets, IPU Parline figures (options: table, sheet, election, training, "
        "session)",
        ("District", "Candidacy", "Organization", "Person", "Membership", "Participation",
         "RepresentationFigure"),
        ("*.xlsx", "*.xlsm")),)),
    _plugin(f"{_A}jsonl", sources=(_source(
        "jsonl", "JsonlSource", "jsonl",
        'JSON Lines of model objects: {"type": "Person", "data": {...}} per line',
        (*_ALL, "Election", "District", "Candidacy", "CandidateList", "Area",
         "RepresentationFigure"),
        ("*.jsonl", "*.ndjson")),)),
    _plugin(f"{_A}dataset_json", sources=(_source(
        "dataset_json", "DatasetJsonSource", "dataset-json",
        "The library's JSON data set: persons, organizations, memberships, trainings, "
        "elections, candidate lists…",
        (*_ALL, "Election", "District", "CandidateList"), ("*.json",)),)),
    _plugin(f"{_A}kpu_json", sources=(_source(
        "kpu_json", "KpuJsonSource", "kpu-json",
        "KPU's own JSON (Sirekap): party table, candidate files, vote counts "
        "(options: parties, seats, election, district, candidates)",
        ("District", "Organization", "Person", "Candidacy", "PartyVotes", "CountProgress"),
        ("*.json",)),)),
    _plugin(f"{_A}popolo", sources=(_source(
        "popolo", "PopoloSource", "popolo-json",
        "Popolo JSON (EveryPolitician): persons, organizations, memberships, posts, areas, "
        "events",
        ("Person", "Organization", "Membership", "Post", "Election"), ("*.json",)),)),
    _plugin("kppi_core.quota.rulesets", rule_sets=(
        LazyRuleSet("uu7-2017", "kppi_core.quota.rulesets:UU7_2017",
                    "UU 7/2017: 30% women, rounded up (Supreme Court decision 24 P/HUM/2023)"),
        LazyRuleSet("pkpu-10-2023", "kppi_core.quota.rulesets:PKPU_10_2023",
                    "PKPU 10/2023 art. 8(2): 30% women, rounded half-up "
                    "(as KPU applied it in 2024)"),
    )),
    _plugin("kppi_core.reports", formats=(  # the plugin keeps its name; the formats moved
        LazyFormat("text", "kppi_core.render.formats:TEXT", _FORMATS["text"]),
        LazyFormat("json", "kppi_core.render.formats:JSON", _FORMATS["json"]),
        LazyFormat("csv", "kppi_core.render.formats:CSV", _FORMATS["csv"]),
        LazyFormat("markdown", "kppi_core.render.formats:MARKDOWN", _FORMATS["markdown"]),
    )),
    _plugin("kppi_core.cli.plugins", commands=(
        LazyCommand("plugins", "kppi_core.cli.plugins:plugins_command",
                    "List every plugin: distribution, version, hooks, what it registers, status, "
                    "errors."),
        LazyCommand("inspect", "kppi_core.cli.plugins:inspect_command",
                    "Read PATH through a source and count what it holds, listing every rejected "
                    "record."),
    )),
    _plugin("kppi_core.cli.seats", commands=(
        LazyCommand("seats", "kppi_core.cli.seats:seats_command",
                    "Allocate each district's seats and elect its candidates from results with "
                    "votes."),
        LazyCommand("representation", "kppi_core.cli.seats:representation_command",
                    "Share of women in each council, party and district, and the gap to 30% and "
                    "15%."),
    )),
    _plugin("kppi_core.cli.cadres", commands=(
        LazyCommand("registry", "kppi_core.cli.cadres:registry_group",
                    "Persons across sources: matched, explained, flagged."),
        LazyCommand("training", "kppi_core.cli.cadres:training_group",
                    "Trainings: attendance, audiences, speakers, completion."),
        LazyCommand("outreach", "kppi_core.cli.cadres:outreach_command",
                    "Restructuring: the board against every woman cadre in the area; who was "
                    "never reached."),
        LazyCommand("follow-ups", "kppi_core.cli.cadres:follow_ups_command",
                    "Cascade and synergy after the trainings, and each follow-up's status."),
        LazyCommand("funnel", "kppi_core.cli.cadres:funnel_command",
                    "Trained cadres → candidates → first block of three → elected, by party and "
                    "district."),
    )),
)  # fmt: skip
