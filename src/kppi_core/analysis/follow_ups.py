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
from collections.abc import Iterable, Iterator

import attrs

from kppi_core.analysis._words import Said, Sheet, Value, document, nothing, share, word
from kppi_core.analysis.training import attended, party_of, trainings_of
from kppi_core.errors import NotFound
from kppi_core.i18n import N_, Language, language
from kppi_core.model import (
    Classification,
    FollowUp,
    FollowUpKind,
    Gender,
    Membership,
    Organization,
    PartialDate,
    Training,
)
from kppi_core.registry import Registry
from kppi_core.render.model import Document, ids

__all__ = ["ROLES", "STATUSES", "branch_of", "follow_up_report", "outreach_report", "status"]

#: A follow-up's status (:func:`status`) in words.
STATUSES = {
    "done": N_("done"),
    # TRANSLATORS: A follow-up past its due date and not done.
    "overdue": N_("overdue"),
    # TRANSLATORS: A follow-up not done, due later.
    "open": N_("open"),
    "no due date": N_("no due date"),
}
#: A role on a board (kepengurusan) in words; the ids are those the sources write.
ROLES = {
    "chair": N_("chair"),
    "vice_chair": N_("vice chair"),
    "secretary": N_("secretary"),
    "treasurer": N_("treasurer"),
    "member": N_("member"),
}
#: How a role is held (model.Capacity values).
CAPACITIES = {
    "substantive": N_("substantive"),
    # TRANSLATORS: An acting holder of a role: 'Plt' (pelaksana tugas), as in 'Plt Ketua'.
    "acting": N_("acting"),
}


def status(follow_up: FollowUp, today: datetime.date) -> str:
    """``done``, ``overdue``, ``open`` or ``no due date``."""
    if follow_up.done_date is not None:
        return "done"
    if follow_up.due_date is None:
        return "no due date"
    return "overdue" if follow_up.is_overdue(today) else "open"


def branch_of(registry: Registry, branch_id: str | None = None, lang: str = "en") -> Organization:
    """The caucus branch ``branch_id``, or the one that organised the latest training;
    :class:`NotFound`, said in ``lang``, when there is none."""
    tr = language(lang)
    orgs = registry.organisation_map()
    if branch_id is not None:
        if branch_id not in orgs:
            raise NotFound(
                tr.format(N_("no organisation {branch!r} in the data"), branch=branch_id)
            )
        return orgs[branch_id]
    trainings = trainings_of(registry)
    if trainings and trainings[-1].organization_id in orgs:
        return orgs[trainings[-1].organization_id]
    branches = [o for o in orgs.values() if o.classification == Classification.CAUCUS_BRANCH]
    if not branches:
        raise NotFound(tr.gettext(N_("no caucus branch in the data; name one with --branch")))
    return sorted(branches, key=lambda o: o.id)[-1]


def _in_area(org: Organization, branch: Organization) -> bool:
    if org.area is None or branch.area is None or branch.area.code == "ID":
        return True
    return org.area.code == branch.area.code or org.area.code.startswith(branch.area.code + ".")


def _names(tr: Language, names: Iterable[str]) -> Value:
    """Names joined by commas, or ``(none)``."""
    return ", ".join(names) or nothing(tr)


@attrs.frozen
class _Area:
    """What the outreach report is made of: the branch, its board on the day,
    the women cadres in its area and who a training of the branch reached."""

    registry: Registry
    branch: Organization
    today: datetime.date
    orgs: dict[str, Organization]
    parties: dict[str, tuple[str, ...]]
    board: dict[str, Membership]
    reached: set[str]
    women: set[str]
    tr: Language

    def per_party(self) -> dict[str, list[str]]:
        """Each party's women cadres in the area, by party id (sorted ids)."""
        found: dict[str, list[str]] = {}
        for pid in sorted(self.women):
            for party in self.parties[pid]:
                found.setdefault(party, []).append(pid)
        return dict(sorted(found.items()))

    def never(self, members: Iterable[str]) -> list[str]:
        """Those of ``members`` no training reached and not on the board."""
        return [m for m in members if m not in self.reached and m not in self.board]


def _area(registry: Registry, branch_id: str | None, today: datetime.date, tr: Language) -> _Area:
    branch = branch_of(registry, branch_id, tr.code)
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
    return _Area(registry, branch, today, orgs, parties, board, reached, women, tr)


def _outreach_facts(area: _Area) -> list[tuple[str, Value]]:
    women, reached, tr = area.women, area.reached, area.tr
    never = {pid for members in area.per_party().values() for pid in area.never(members)}
    on_board = {x for pid in area.board for x in area.parties.get(pid, ())}
    without = sorted(area.orgs[x].name for x in area.per_party() if x not in on_board)
    return [
        ("branch", f"{area.branch.name} ({area.branch.id})"),
        ("on", area.today),
        ("board_members", len(area.board)),
        ("women_cadres_in_area", len(women)),
        ("reached_by_a_training", len(women & reached)),
        ("never_reached", len(never)),
        ("share_reached", share(len(women & reached), len(women))),
        ("parties_with_no_one_on_the_board", _names(tr, without)),
    ]


def _board_rows(area: _Area) -> Iterator[tuple[Value, ...]]:
    def order(item: tuple[str, Membership]) -> tuple[int, str]:
        return (_ROLE_ORDER.get(item[1].role, 9), item[0])

    for pid, m in sorted(area.board.items(), key=order):
        parties = " ".join(area.orgs[x].name for x in area.parties.get(pid, ()) if x in area.orgs)
        role, capacity = word(ROLES, m.role, area.tr), word(CAPACITIES, m.capacity.value, area.tr)
        yield (pid, area.registry.person(pid).name, role, capacity, parties)


def _party_rows(area: _Area) -> Iterator[tuple[Value, ...]]:
    for party, members in area.per_party().items():
        on_board = [m for m in members if m in area.board]
        trained = [m for m in members if m in area.reached]
        never = area.never(members)
        name, n = area.orgs[party].name, len(members)
        yield (name, n, len(on_board), len(trained), len(never), share(len(trained), n))


def _outreach_rows(area: _Area) -> Iterator[tuple[Value, ...]]:
    for party, members in area.per_party().items():
        for pid in area.never(members):
            yield (area.orgs[party].name, pid, area.registry.person(pid).name)


def outreach_report(
    registry: Registry,
    branch_id: str | None = None,
    *,
    today: datetime.date | None = None,
    lang: str = "en",
) -> Document:
    """Restructuring: the branch's board against every woman cadre in its area, in ``lang``."""
    tr = language(lang)
    area = _area(registry, branch_id, today or datetime.date.today(), tr)
    restructuring = [
        f for f in _follow_ups(registry, area.branch.id) if f.kind is FollowUpKind.RESTRUCTURING
    ]
    return document(
        "outreach",
        tr.format(N_("Outreach: {branch}"), branch=area.branch.name),
        _outreach_facts(area),
        (
            Sheet(
                "board",
                tr.gettext(N_("The board")),
                ("person_id", "name", "role", "capacity", "party"),
                _board_rows(area),
            ),
            Sheet(
                "by_party",
                tr.gettext(N_("Women cadres by party")),
                ("party", "women_cadres", "on_board", "trained", "never_reached", "share_trained"),
                _party_rows(area),
            ),
            Sheet(
                "outreach",
                tr.gettext(N_("Outreach list: never reached by a training, not on the board")),
                ("party", "person_id", "name"),
                _outreach_rows(area),
            ),
            Sheet(
                "follow_ups",
                tr.gettext(N_("Restructuring follow-ups")),
                _STATUS_COLUMNS,
                _status_rows(restructuring, area.today, tr),
            ),
        ),
        (tr.gettext(_WOMAN_CADRE),),
        tr,
    )


_WOMAN_CADRE = N_(
    "A woman cadre: a person declared female with a party membership in force; "
    "in the area when her party organisation has no area or one inside the branch's."
)
_ROLE_ORDER = {"chair": 0, "vice_chair": 1, "secretary": 2, "treasurer": 3, "member": 4}
_STATUS_COLUMNS = ("follow_up", "description", "due", "done", "status")


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
    follow_ups: list[FollowUp], today: datetime.date, tr: Language
) -> Iterator[tuple[Value, ...]]:
    for f in follow_ups:
        said = word(STATUSES, status(f, today), tr)
        yield (f.id, f.description, _day(f.due_date), _day(f.done_date), said)


@attrs.frozen
class _Plans:
    """What the follow-ups report is made of: the branch's trainings, follow-ups
    and trained cadres, and what is known of the organisations."""

    registry: Registry
    branch: Organization
    today: datetime.date
    orgs: dict[str, Organization]
    follow_ups: list[FollowUp]
    trainings: list[Training]
    trained: set[str]
    parties: dict[str, tuple[str, ...]]
    tr: Language

    def of(self, kind: FollowUpKind) -> list[FollowUp]:
        """The follow-ups of ``kind``."""
        return [f for f in self.follow_ups if f.kind is kind]

    def held(self) -> list[FollowUp]:
        """The cascade sessions held (done)."""
        return [f for f in self.of(FollowUpKind.CASCADE) if f.done_date is not None]

    def org_name(self, oid: str | None) -> str:
        """An organisation's name (its id when unknown; ``""`` for none)."""
        return self.orgs[oid].name if oid in self.orgs else (oid or "")

    def trained_by_party(self) -> dict[str, set[str]]:
        """Each party's trained cadres, by party id."""
        found: dict[str, set[str]] = {}
        for pid in self.trained:
            for party in self.parties.get(pid, ()):
                found.setdefault(party, set()).add(pid)
        return found


def _plans(registry: Registry, branch_id: str | None, today: datetime.date, tr: Language) -> _Plans:
    branch = branch_of(registry, branch_id, tr.code)
    trainings = trainings_of(registry, branch.id)
    return _Plans(
        registry,
        branch,
        today,
        registry.organisation_map(),
        _follow_ups(registry, branch.id),
        trainings,
        {p.person_id for p in attended(registry, trainings)},
        party_of(registry, today),
        tr,
    )


def _cascade_rows(plans: _Plans) -> Iterator[tuple[Value, ...]]:
    for f in plans.of(FollowUpKind.CASCADE):
        said = word(STATUSES, status(f, plans.today), plans.tr)
        cadre = _pname(plans.registry, f.cadre_id)
        where = plans.org_name(f.organization_id)
        yield (
            f.id,
            f.cadre_id or "",
            cadre,
            where,
            f.description,
            f.reached,
            _day(f.done_date),
            said,
        )


def _cadre_rows(plans: _Plans) -> Iterator[tuple[Value, ...]]:
    reach: Counter[str] = Counter()
    for f in plans.held():
        if f.cadre_id:
            reach[f.cadre_id] += f.reached or 0
    for pid, n in sorted(reach.items()):
        yield (pid, _pname(plans.registry, pid), n)


def _reach_rows(plans: _Plans) -> Iterator[tuple[Value, ...]]:
    held = plans.held()
    trained = plans.trained_by_party()
    for x in sorted(set(trained) | {f.organization_id for f in held if f.organization_id}):
        here = [f for f in held if f.organization_id == x]
        cadres = {f.cadre_id for f in here if f.cadre_id}
        reached = sum(f.reached or 0 for f in here)
        yield (plans.org_name(x), len(trained.get(x, ())), len(cadres), len(here), reached)


def _women_orgs(plans: _Plans) -> set[str]:
    return {
        o.id for o in plans.orgs.values() if o.classification == Classification.WOMEN_ORGANISATION
    }


def _came(plans: _Plans) -> set[str | None]:
    """The organisations someone came to a training of the branch from."""
    ours = {t.id for t in plans.trainings}
    return {
        e.record.organization_id
        for e in plans.registry.participations
        if e.record.training_id in ours
    }


def _partners(plans: _Plans) -> list[str]:
    """The partner women's organisations: came to a training, a joint activity, or co-organised."""
    synergies = {f.organization_id for f in plans.of(FollowUpKind.SYNERGY)}
    co_organisers = {c for t in plans.trainings for c in t.co_organizer_ids}
    return sorted(_women_orgs(plans) & (_came(plans) | synergies | co_organisers))


def _partner_rows(plans: _Plans) -> Iterator[tuple[Value, ...]]:
    came = _came(plans)
    synergies = plans.of(FollowUpKind.SYNERGY)
    for oid in _partners(plans):
        joint = sum(1 for f in synergies if f.organization_id == oid and f.done_date is not None)
        co = sum(1 for t in plans.trainings if oid in t.co_organizer_ids)
        yield (oid, plans.orgs[oid].name, oid in came, joint, co)


def _statuses(plans: _Plans) -> Value:
    """How many follow-ups have each status: ``done 3, overdue 2`` for scripts,
    ``3 done, 2 overdue`` for a reader."""
    counts = sorted(Counter(status(f, plans.today) for f in plans.follow_ups).items())
    if not counts:
        return nothing(plans.tr)
    data = ", ".join(f"{k} {v}" for k, v in counts)
    words = ", ".join(
        plans.tr.format(_STATUS_COUNT, n=v, status=plans.tr.gettext(STATUSES[k])) for k, v in counts
    )
    return Said(data, words)


# TRANSLATORS: {n} follow-ups have the status {status} ('3 done', '2 overdue').
_STATUS_COUNT = N_("{n} {status}")


def _plan_facts(plans: _Plans) -> list[tuple[str, Value]]:
    held, trainings, tr = plans.held(), plans.trainings, plans.tr
    cascaded = {f.organization_id for f in held if f.organization_id}
    no_cascade = sorted(plans.org_name(x) for x in plans.trained_by_party() if x not in cascaded)
    women_orgs = _women_orgs(plans)
    co_organised = [t for t in trainings if t.co_organizer_ids]
    with_women = [t for t in trainings if set(t.co_organizer_ids) & women_orgs]
    synergies = plans.of(FollowUpKind.SYNERGY)
    return [
        ("branch", f"{plans.branch.name} ({plans.branch.id})"),
        ("on", plans.today),
        ("trainings", len(trainings)),
        ("trained_cadres", len(plans.trained)),
        ("cascade_sessions_held", len(held)),
        ("reached_by_cascades", sum(f.reached or 0 for f in held)),
        ("parties_with_no_cascade_yet", _names(tr, no_cascade)),
        ("partner_womens_organisations", len(_partners(plans))),
        ("joint_activities", sum(1 for f in synergies if f.done_date is not None)),
        ("share_of_trainings_co_organised", share(len(co_organised), len(trainings))),
        ("share_co_organised_with_womens_organisations", share(len(with_women), len(trainings))),
        ("follow_ups", _statuses(plans)),
    ]


def follow_up_report(
    registry: Registry,
    branch_id: str | None = None,
    *,
    today: datetime.date | None = None,
    lang: str = "en",
) -> Document:
    """Cascade and synergy, and every follow-up's status, in ``lang``."""
    tr = language(lang)
    plans = _plans(registry, branch_id, today or datetime.date.today(), tr)
    cascade = ("follow_up", "cadre_id", "cadre", "party", "where", "reached", "done", "status")
    reach = ("party", "trained_cadres", "cadres_who_cascaded", "sessions", "reached")
    partner = (
        "organisation_id",
        "organisation",
        "came_to_a_training",
        "joint_activities",
        "trainings_co_organised",
    )
    trained = " ".join(ids(plans.trained)) or nothing(tr).words
    return document(
        "follow_ups",
        tr.format(N_("Follow-ups: {branch}"), branch=plans.branch.name),
        _plan_facts(plans),
        (
            Sheet("cascade", tr.gettext(N_("Cascade sessions")), cascade, _cascade_rows(plans)),
            Sheet(
                "reach_by_cadre",
                tr.gettext(N_("Reach per trained cadre")),
                ("cadre_id", "cadre", "reached"),
                _cadre_rows(plans),
            ),
            Sheet("reach_by_party", tr.gettext(N_("Reach per party")), reach, _reach_rows(plans)),
            Sheet(
                "partners",
                tr.gettext(N_("Partner women's organisations")),
                partner,
                _partner_rows(plans),
            ),
            Sheet(
                "status",
                tr.gettext(N_("Every follow-up")),
                _STATUS_COLUMNS,
                _status_rows(plans.follow_ups, plans.today, tr),
            ),
        ),
        (tr.format(N_("Trained cadres behind these figures: {ids}"), ids=trained),),
        tr,
    )


def _pname(registry: Registry, pid: str | None) -> str:
    if pid is None:
        return ""
    person = registry.get(pid)
    return person.name if person else pid
