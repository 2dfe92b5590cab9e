"""What a branch planned after its trainings, and how far it got.

The seed article's three follow-ups:

* **restructuring** — bring every woman cadre of the city back into the
  branch: its board against every woman cadre in its area across parties,
  and an *outreach list* by party of the women no training has reached;
* **cascade** — trained cadres pass the material on inside their own parties:
  each cascade session (who, where, how many reached), reach per cadre and per
  party, and the parties with trained cadres but no cascade yet;
* **synergy** — partner women's organisations, joint activities, and the share
  of trainings co-organised.

Each follow-up has a status against its due date: ``done``, ``overdue``,
``open`` (due later) or ``no due date``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from fractions import Fraction

from kppi_core.analysis.training import attended, party_of, trainings_of
from kppi_core.errors import NotFound
from kppi_core.model import (
    Classification,
    FollowUp,
    FollowUpKind,
    Gender,
    Organization,
    PartialDate,
)
from kppi_core.registry import Registry
from kppi_core.render.model import Document, Table, ids, table_report

__all__ = ["branch_of", "follow_up_report", "outreach_report", "status"]


def status(follow_up: FollowUp, today: datetime.date) -> str:
    """``done``, ``overdue``, ``open`` or ``no due date``."""
    if follow_up.done_date is not None:
        return "done"
    if follow_up.due_date is None:
        return "no due date"
    return "overdue" if follow_up.is_overdue(today) else "open"


def branch_of(registry: Registry, branch_id: str | None = None) -> Organization:
    """The caucus branch ``branch_id``, or the one that organised the latest training."""
    orgs = registry.organisation_map()
    if branch_id is not None:
        if branch_id not in orgs:
            raise NotFound(f"no organisation {branch_id!r} in the data")
        return orgs[branch_id]
    trainings = trainings_of(registry)
    if trainings and trainings[-1].organization_id in orgs:
        return orgs[trainings[-1].organization_id]
    branches = [o for o in orgs.values() if o.classification == Classification.CAUCUS_BRANCH]
    if not branches:
        raise NotFound("no caucus branch in the data; name one with --branch")
    return sorted(branches, key=lambda o: o.id)[-1]


def _in_area(org: Organization, branch: Organization) -> bool:
    if org.area is None or branch.area is None or branch.area.code == "ID":
        return True
    return org.area.code == branch.area.code or org.area.code.startswith(branch.area.code + ".")


def outreach_report(
    registry: Registry, branch_id: str | None = None, *, today: datetime.date | None = None
) -> Document:
    """Restructuring: the branch's board against every woman cadre in its area."""
    today = today or datetime.date.today()
    branch = branch_of(registry, branch_id)
    orgs = registry.organisation_map()
    parties = party_of(registry, today)
    board = {
        e.record.person_id: e.record
        for e in registry.memberships
        if e.record.organization_id == branch.id and e.record.may_be_active(today)
    }
    reached = {p.person_id for p in attended(registry, trainings_of(registry, branch.id))}
    women = {
        p.id
        for p in registry.persons
        if p.gender is Gender.FEMALE
        and any(_in_area(orgs[x], branch) for x in parties.get(p.id, ()) if x in orgs)
    }
    per_party: dict[str, list[str]] = {}
    for pid in sorted(women):
        for party in parties[pid]:
            per_party.setdefault(party, []).append(pid)
    rows, outreach = [], []
    for party, members in sorted(per_party.items()):
        on_board = [m for m in members if m in board]
        trained = [m for m in members if m in reached]
        never = [m for m in members if m not in reached and m not in board]
        rows.append(
            (
                orgs[party].name,
                len(members),
                len(on_board),
                len(trained),
                len(never),
                Fraction(len(trained), len(members)),
            )
        )
        outreach += [(orgs[party].name, pid, registry.person(pid).name) for pid in never]
    board_rows = [
        (
            pid,
            registry.person(pid).name,
            m.role,
            m.capacity.value,
            " ".join(orgs[x].name for x in parties.get(pid, ()) if x in orgs),
        )
        for pid, m in sorted(board.items(), key=lambda kv: (_ROLE_ORDER.get(kv[1].role, 9), kv[0]))
    ]
    parties_on_board = {x for pid in board for x in parties.get(pid, ())}
    without = sorted(orgs[x].name for x in per_party if x not in parties_on_board)
    restructuring = [
        f for f in _follow_ups(registry, branch.id) if f.kind is FollowUpKind.RESTRUCTURING
    ]
    never_total = len({pid for _, pid, _ in outreach})
    return table_report(
        kind="outreach",
        title=f"Outreach: {branch.name}",
        facts=(
            ("branch", f"{branch.name} ({branch.id})"),
            ("on", today),
            ("board_members", len(board)),
            ("women_cadres_in_area", len(women)),
            ("reached_by_a_training", len(women & reached)),
            ("never_reached", never_total),
            ("share_reached", Fraction(len(women & reached), len(women)) if women else None),
            ("parties_with_no_one_on_the_board", ", ".join(without) or "(none)"),
        ),
        tables=(
            Table(
                "board",
                "The board",
                ("person_id", "name", "role", "capacity", "party"),
                tuple(board_rows),
            ),
            Table(
                "by_party",
                "Women cadres by party",
                ("party", "women_cadres", "on_board", "trained", "never_reached", "share_trained"),
                tuple(rows),
            ),
            Table(
                "outreach",
                "Outreach list: never reached by a training, not on the board",
                ("party", "person_id", "name"),
                tuple(outreach),
            ),
            Table(
                "follow_ups",
                "Restructuring follow-ups",
                ("follow_up", "description", "due", "done", "status"),
                tuple(_status_rows(restructuring, today)),
            ),
        ),
        notes=(
            "A woman cadre: a person declared female with a party membership in force; "
            "in the area when her party organisation has no area or one inside the branch's.",
        ),
    )


_ROLE_ORDER = {"chair": 0, "vice_chair": 1, "secretary": 2, "treasurer": 3, "member": 4}


def _follow_ups(registry: Registry, branch_id: str) -> list[FollowUp]:
    ours = {t.id for t in trainings_of(registry, branch_id)}
    found = {e.record.id: e.record for e in registry.follow_ups if e.record.training_id in ours}
    return [found[k] for k in sorted(found)]


def _day(when: PartialDate | None) -> datetime.date | str:
    """A date as a cell: a day as a date (a spreadsheet's date), a month or a
    year as its text, none as ``""``."""
    if when is None:
        return ""
    return when.earliest if when.precision == "day" else str(when)


def _status_rows(
    follow_ups: list[FollowUp], today: datetime.date
) -> list[tuple[str, str, datetime.date | str, datetime.date | str, str]]:
    return [
        (f.id, f.description, _day(f.due_date), _day(f.done_date), status(f, today))
        for f in follow_ups
    ]


def follow_up_report(
    registry: Registry, branch_id: str | None = None, *, today: datetime.date | None = None
) -> Document:
    """Cascade and synergy, and every follow-up's status."""
    today = today or datetime.date.today()
    branch = branch_of(registry, branch_id)
    orgs = registry.organisation_map()
    follow_ups = _follow_ups(registry, branch.id)
    trainings = trainings_of(registry, branch.id)
    trained = {p.person_id for p in attended(registry, trainings)}
    parties = party_of(registry, today)

    cascades = [f for f in follow_ups if f.kind is FollowUpKind.CASCADE]
    done = [f for f in cascades if f.done_date is not None]
    sessions = [
        (
            f.id,
            f.cadre_id or "",
            _pname(registry, f.cadre_id),
            orgs[f.organization_id].name
            if f.organization_id in orgs
            else (f.organization_id or ""),
            f.description,
            f.reached,
            _day(f.done_date),
            status(f, today),
        )
        for f in cascades
    ]
    reach_cadre: Counter[str] = Counter()
    reach_party: Counter[str] = Counter()
    for f in done:
        if f.cadre_id:
            reach_cadre[f.cadre_id] += f.reached or 0
        if f.organization_id:
            reach_party[f.organization_id] += f.reached or 0
    trained_by_party: dict[str, set[str]] = {}
    for pid in trained:
        for party in parties.get(pid, ()):
            trained_by_party.setdefault(party, set()).add(pid)
    cascaded = {f.organization_id for f in done if f.organization_id}
    party_rows = [
        (
            orgs[x].name if x in orgs else x,
            len(trained_by_party.get(x, ())),
            len({f.cadre_id for f in done if f.organization_id == x and f.cadre_id}),
            sum(1 for f in done if f.organization_id == x),
            reach_party.get(x, 0),
        )
        for x in sorted(set(trained_by_party) | cascaded)
    ]
    no_cascade = sorted(
        orgs[x].name if x in orgs else x for x in trained_by_party if x not in cascaded
    )
    cadre_rows = [(pid, _pname(registry, pid), n) for pid, n in sorted(reach_cadre.items())]

    synergies = [f for f in follow_ups if f.kind is FollowUpKind.SYNERGY]
    women_orgs = {
        o.id for o in orgs.values() if o.classification == Classification.WOMEN_ORGANISATION
    }
    came = {
        e.record.organization_id
        for e in registry.participations
        if e.record.training_id in {t.id for t in trainings}
    }
    co_organisers = {c for t in trainings for c in t.co_organizer_ids}
    partners = sorted(women_orgs & (came | {f.organization_id for f in synergies} | co_organisers))
    co_organised = [t for t in trainings if t.co_organizer_ids]
    with_women = [t for t in trainings if set(t.co_organizer_ids) & women_orgs]
    partner_rows = [
        (
            oid,
            orgs[oid].name,
            oid in came,
            sum(1 for f in synergies if f.organization_id == oid and f.done_date is not None),
            sum(1 for t in trainings if oid in t.co_organizer_ids),
        )
        for oid in partners
    ]
    share = Fraction(len(co_organised), len(trainings)) if trainings else None
    share_women = Fraction(len(with_women), len(trainings)) if trainings else None
    statuses = Counter(status(f, today) for f in follow_ups)
    return table_report(
        kind="follow_ups",
        title=f"Follow-ups: {branch.name}",
        facts=(
            ("branch", f"{branch.name} ({branch.id})"),
            ("on", today),
            ("trainings", len(trainings)),
            ("trained_cadres", len(trained)),
            ("cascade_sessions_held", len(done)),
            ("reached_by_cascades", sum(f.reached or 0 for f in done)),
            ("parties_with_no_cascade_yet", ", ".join(no_cascade) or "(none)"),
            ("partner_womens_organisations", len(partners)),
            ("joint_activities", sum(1 for f in synergies if f.done_date is not None)),
            ("share_of_trainings_co_organised", share),
            ("share_co_organised_with_womens_organisations", share_women),
            ("follow_ups", ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())) or "(none)"),
        ),
        tables=(
            Table(
                "cascade",
                "Cascade sessions",
                ("follow_up", "cadre_id", "cadre", "party", "where", "reached", "done", "status"),
                tuple(sessions),
            ),
            Table(
                "reach_by_cadre",
                "Reach per trained cadre",
                ("cadre_id", "cadre", "reached"),
                tuple(cadre_rows),
            ),
            Table(
                "reach_by_party",
                "Reach per party",
                ("party", "trained_cadres", "cadres_who_cascaded", "sessions", "reached"),
                tuple(party_rows),
            ),
            Table(
                "partners",
                "Partner women's organisations",
                (
                    "organisation_id",
                    "organisation",
                    "came_to_a_training",
                    "joint_activities",
                    "trainings_co_organised",
                ),
                tuple(partner_rows),
            ),
            Table(
                "status",
                "Every follow-up",
                ("follow_up", "description", "due", "done", "status"),
                tuple(_status_rows(follow_ups, today)),
            ),
        ),
        notes=(f"Trained cadres behind these figures: {' '.join(ids(trained)) or '(none)'}",),
    )


def _pname(registry: Registry, pid: str | None) -> str:
    if pid is None:
        return ""
    person = registry.get(pid)
    return person.name if person else pid
