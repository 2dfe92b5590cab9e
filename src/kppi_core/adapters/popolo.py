"""Popolo JSON in and out: persons, organizations, memberships, posts, areas and events.

Popolo (https://www.popoloproject.com) is the civic-data standard the model
takes its names from; EveryPolitician publishes every legislature in it.

Reading maps each Popolo object onto the model and keeps what the model can
hold. Valid Popolo never gives a rejection: what the model has no place for
is *not modelled* and counted (:attr:`PopoloRead.not_modelled`, by
``section.property``), never silently lost. The mapping:

- **persons** → :class:`~kppi_core.model.Person`: ``gender`` (``male``,
  ``female`` and the sex codes :meth:`~kppi_core.model.Gender.parse` knows;
  any other value is kept as unknown and counted), ``birth_date`` (partial),
  ``identifiers`` (scheme ``nik`` becomes the person's NIK), ``other_names``
  (their ``name``), ``contact_details`` and ``email`` (a contact of type
  email). Not modelled: images, links, death dates, sort/given/family names,
  sources, names' languages.
- **organizations** → :class:`~kppi_core.model.Organization`:
  ``classification`` as a lowercase code (``"political party"`` →
  ``party``; one that cannot be a code → ``other``, counted), ``parent_id``,
  ``area_id`` → the area when it is a Kemendagri region (see areas),
  identifiers, other names, founding and dissolution dates. Not modelled:
  seats, images, links.
- **memberships** → :class:`~kppi_core.model.Membership`: person,
  organisation, ``role`` as a code (default ``member``; text that cannot be
  a code becomes the label), post, label, partial start and end dates. A
  membership without dates takes those of its ``legislative_period_id``
  event, as EveryPolitician means them. ``on_behalf_of_id`` (the party a
  legislator sits for) gives a second membership, of that party (role
  ``member``, same dates; one per person, party and period). Not modelled:
  ``area_id`` (a constituency), sources.
- **posts** → :class:`~kppi_core.model.Post` (``role`` as a code, default
  ``member``; ``holders`` when given).
- **areas** are used, not yielded: one whose id or ``kemendagri``
  identifier is a Kemendagri code (``36.73``) becomes the
  :class:`~kppi_core.model.Area` of organisations and elections that name
  it; other areas (an EveryPolitician constituency) are counted.
- **events**: a legislative period gives its dates to memberships; an event
  with an identifier in scheme ``kppi_core:chamber`` (as :func:`dump_popolo`
  writes elections) becomes an :class:`~kppi_core.model.Election`; other
  events (EveryPolitician's general elections, which name no chamber) are
  counted.

A record the model refuses (no id, a date that is no date, an invalid NIK)
is a :class:`~kppi_core.rejections.Rejection` with its path
(``$.persons[3].birth_date``). A file that is not JSON, or JSON without any
Popolo section, raises :class:`~kppi_core.errors.SourceError`.

Writing: :func:`dump_popolo` turns a :class:`~kppi_core.dataset.Dataset`
into Popolo (persons, organizations, memberships, posts, areas, events);
reading it back gives equal objects. Trainings, participations, follow-ups,
districts and candidate lists have no Popolo form and are not written
(keep them in the JSON data set). NIKs are written only when asked.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, final

import attrs

from kppi_core.adapters.dataset_json import looks_like_dataset
from kppi_core.dataset import load_json
from kppi_core.errors import InvalidRecord, Message, SourceError
from kppi_core.model import (
    Area,
    Capacity,
    Chamber,
    ContactDetail,
    Election,
    Gender,
    Identifier,
    Membership,
    Nik,
    Organization,
    PartialDate,
    Person,
    Post,
)
from kppi_core.privacy import hide_digits
from kppi_core.rejections import Rejection
from kppi_core.sources import ReadContext, Skipped, SourceSpec

__all__ = [
    "SECTIONS",
    "PopoloRead",
    "PopoloSource",
    "dump",
    "dump_popolo",
    "load_popolo",
    "read_popolo",
]

#: The Popolo sections read and written.
SECTIONS = ("persons", "organizations", "memberships", "posts", "areas", "events")
#: The identifier scheme that marks an event as an election of a chamber.
CHAMBER_SCHEME = "kppi_core:chamber"
#: The identifier scheme of a Kemendagri region code on an area.
AREA_SCHEME = "kemendagri"

_AREA_CODE = re.compile(r"ID|\d{2}(?:\.\d{2}(?:\.\d{2})?)?")
_NON_CODE = re.compile(r"[^0-9a-z]+")
_CLASSIFICATIONS = {"political_party": "party", "parliament": "legislature"}
_PERIODS = frozenset({"legislative period", "legislative_period", "term"})


@attrs.frozen
class PopoloRead:
    """What reading Popolo gave: model objects, rejections, and counts of what
    the model does not hold (``"persons.images"`` → 551)."""

    records: tuple[Any, ...]
    rejected: tuple[Rejection, ...]
    not_modelled: dict[str, int]


class _Reject(Exception):
    def __init__(self, field: str, reason: str | Message) -> None:
        self.field = field
        self.reason = Message.of(reason)


def _code(text: str) -> str | None:
    """``"Political Party"`` → ``"political_party"``; ``None`` if it cannot be a code."""
    code = _NON_CODE.sub("_", text.casefold()).strip("_")
    if code and all(part.isalnum() and part.islower() for part in code.split("_")):
        return code
    return None


class _Reader:
    """One Popolo document read into model objects."""

    _PERSON_KEYS = frozenset(
        {"id", "name", "gender", "birth_date", "identifiers", "other_names", "contact_details"}
    )

    def __init__(self, data: Mapping[str, Any], source: str) -> None:
        self.data = data
        self.source = source
        self.not_modelled: Counter[str] = Counter()
        self.areas: dict[str, Area] = {}
        self.periods: dict[str, tuple[PartialDate | None, PartialDate | None]] = {}

    # -- helpers -----------------------------------------------------------------------

    def _text(self, obj: Mapping[str, Any], key: str, where: str, *, required: bool) -> str | None:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                raise _Reject(f"{where}.{key}", Message("is missing"))
            return None
        if not isinstance(value, str) or not value.strip():
            raise _Reject(
                f"{where}.{key}",
                Message("must be a non-blank string, got {got}", got=type(value).__name__),
            )
        return value

    def _date(self, obj: Mapping[str, Any], key: str, where: str) -> PartialDate | None:
        text = self._text(obj, key, where, required=False)
        if text is None:
            return None
        try:
            return PartialDate.parse(text)
        except InvalidRecord:
            raise _Reject(
                f"{where}.{key}", Message("is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
            ) from None

    def _list(self, obj: Mapping[str, Any], key: str, where: str) -> list[Any]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _Reject(f"{where}.{key}", Message("must be a list"))
        return value

    def _identifiers(self, obj: Mapping[str, Any], where: str, section: str) -> list[Identifier]:
        found = []
        for j, ident in enumerate(self._list(obj, "identifiers", where)):
            at = f"{where}.identifiers[{j}]"
            if not isinstance(ident, dict):
                raise _Reject(at, Message("must be an object"))
            scheme = self._text(ident, "scheme", at, required=False)
            value = self._text(ident, "identifier", at, required=True)
            assert value is not None
            if scheme is None:
                self.not_modelled[f"{section}.identifiers (no scheme)"] += 1
                continue
            found.append(Identifier(scheme, value))
        return found

    def _other_names(self, obj: Mapping[str, Any], where: str, section: str) -> list[str]:
        names = []
        for j, other in enumerate(self._list(obj, "other_names", where)):
            at = f"{where}.other_names[{j}]"
            if not isinstance(other, dict):
                raise _Reject(at, Message("must be an object"))
            name = self._text(other, "name", at, required=True)
            assert name is not None
            names.append(name)
            for key in other:
                if key != "name":
                    self.not_modelled[f"{section}.other_names.{key}"] += 1
        return names

    def _extra(self, obj: Mapping[str, Any], section: str, known: frozenset[str]) -> None:
        for key in obj:
            if key not in known:
                self.not_modelled[f"{section}.{key}"] += 1

    def _section(self, key: str) -> list[tuple[str, Any]]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _Reject(f"$.{key}", Message("must be a list"))
        return [(f"$.{key}[{i}]", item) for i, item in enumerate(value)]

    # -- sections ------------------------------------------------------------------------

    def area(self, obj: Mapping[str, Any], where: str) -> None:
        area_id = self._text(obj, "id", where, required=True)
        assert area_id is not None
        code = next(
            (
                i.get("identifier")
                for i in self._list(obj, "identifiers", where)
                if isinstance(i, dict) and i.get("scheme") == AREA_SCHEME
            ),
            area_id if _AREA_CODE.fullmatch(area_id) else None,
        )
        if not isinstance(code, str):
            self.not_modelled["areas (not a Kemendagri region)"] += 1
            return
        name = self._text(obj, "name", where, required=False)
        try:
            self.areas[area_id] = Area.from_code(code, name)
        except InvalidRecord as exc:
            raise _Reject(where, Message.join("; ", exc.messages)) from None

    def _area_of(self, obj: Mapping[str, Any], where: str, section: str) -> Area | None:
        area_id = self._text(obj, "area_id", where, required=False)
        if area_id is None:
            return None
        area = self.areas.get(area_id)
        if area is None:
            self.not_modelled[f"{section}.area_id"] += 1
        return area

    def event(self, obj: Mapping[str, Any], where: str) -> Election | None:
        event_id = self._text(obj, "id", where, required=True)
        assert event_id is not None
        classification = str(obj.get("classification") or "").casefold()
        start, end = self._date(obj, "start_date", where), self._date(obj, "end_date", where)
        if classification in _PERIODS:
            self.periods[event_id] = (start, end)
            self.not_modelled["events (legislative periods: dates given to memberships)"] += 1
            return None
        chamber = next(
            (
                i.get("identifier")
                for i in self._list(obj, "identifiers", where)
                if isinstance(i, dict) and i.get("scheme") == CHAMBER_SCHEME
            ),
            None,
        )
        if chamber is None:
            self.not_modelled[f"events ({classification or 'no classification'})"] += 1
            return None
        try:
            kind = Chamber(chamber)
        except ValueError:
            raise _Reject(
                f"{where}.identifiers",
                Message("{value} is not a chamber code", value=repr(chamber)),
            ) from None
        day = None
        if start is not None and start.precision == "day":
            day = start.earliest
        name = self._text(obj, "name", where, required=False)
        return Election(event_id, kind, day, self._area_of(obj, where, "events"), name)

    def person(self, obj: Mapping[str, Any], where: str) -> Person:
        person_id = self._text(obj, "id", where, required=True)
        name = self._text(obj, "name", where, required=True)
        assert person_id is not None and name is not None
        gender = Gender.UNKNOWN
        raw = obj.get("gender")
        if isinstance(raw, str) and raw.strip():
            try:
                gender = Gender.parse(raw)
            except InvalidRecord:
                self.not_modelled["persons.gender (kept as unknown)"] += 1
        elif raw is not None and raw != "":
            raise _Reject(f"{where}.gender", Message("must be a string"))
        identifiers = self._identifiers(obj, where, "persons")
        nik: Nik | None = None
        kept = []
        for j, ident in enumerate(identifiers):
            if ident.scheme.casefold() == "nik":
                try:
                    nik = Nik(ident.identifier)
                except InvalidRecord as exc:
                    raise _Reject(
                        f"{where}.identifiers[{j}]", Message.join("; ", exc.messages)
                    ) from None
            else:
                kept.append(ident)
        contacts = []
        for j, contact in enumerate(self._list(obj, "contact_details", where)):
            at = f"{where}.contact_details[{j}]"
            if not isinstance(contact, dict):
                raise _Reject(at, Message("must be an object"))
            kind = self._text(contact, "type", at, required=True)
            value = self._text(contact, "value", at, required=True)
            assert kind is not None and value is not None
            contacts.append(
                ContactDetail(kind, value, self._text(contact, "label", at, required=False))
            )
        email = self._text(obj, "email", where, required=False)
        if email is not None:
            contacts.append(ContactDetail("email", email))
        self._extra(obj, "persons", self._PERSON_KEYS | {"email"})
        return Person(
            person_id,
            name,
            gender,
            self._date(obj, "birth_date", where),
            nik,
            kept,
            contacts,
            self._other_names(obj, where, "persons"),
        )

    def organisation(self, obj: Mapping[str, Any], where: str) -> Organization:
        org_id = self._text(obj, "id", where, required=True)
        name = self._text(obj, "name", where, required=True)
        assert org_id is not None and name is not None
        raw = self._text(obj, "classification", where, required=False)
        classification = "other"
        if raw is not None:
            code = _code(raw)
            if code is None:
                self.not_modelled["organizations.classification (kept as other)"] += 1
            else:
                classification = _CLASSIFICATIONS.get(code, code)
        self._extra(
            obj,
            "organizations",
            frozenset(
                {
                    "id",
                    "name",
                    "classification",
                    "parent_id",
                    "area_id",
                    "identifiers",
                    "other_names",
                    "founding_date",
                    "dissolution_date",
                }
            ),
        )
        return Organization(
            org_id,
            name,
            classification,
            self._text(obj, "parent_id", where, required=False),
            self._area_of(obj, where, "organizations"),
            self._identifiers(obj, where, "organizations"),
            self._other_names(obj, where, "organizations"),
            self._date(obj, "founding_date", where),
            self._date(obj, "dissolution_date", where),
        )

    def post(self, obj: Mapping[str, Any], where: str) -> Post:
        post_id = self._text(obj, "id", where, required=True)
        org_id = self._text(obj, "organization_id", where, required=True)
        assert post_id is not None and org_id is not None
        raw_role = self._text(obj, "role", where, required=False)
        role = (_code(raw_role) if raw_role else None) or "member"
        holders = obj.get("holders", 1)
        if not isinstance(holders, int) or isinstance(holders, bool) or holders < 1:
            raise _Reject(f"{where}.holders", Message("must be a whole number of at least 1"))
        label = self._text(obj, "label", where, required=False)
        if raw_role and _code(raw_role) is None and label is None:
            label = raw_role
        known = {"id", "organization_id", "role", "label", "holders"}
        self._extra(obj, "posts", frozenset(known))
        return Post(post_id, org_id, role, label, holders)

    def memberships(self, obj: Mapping[str, Any], where: str) -> list[Membership]:
        person_id = self._text(obj, "person_id", where, required=True)
        org_id = self._text(obj, "organization_id", where, required=True)
        assert person_id is not None and org_id is not None
        raw_role = self._text(obj, "role", where, required=False)
        role = (_code(raw_role) if raw_role else None) or "member"
        label = self._text(obj, "label", where, required=False)
        if raw_role and _code(raw_role) is None and label is None:
            label = raw_role
        start, end = self._date(obj, "start_date", where), self._date(obj, "end_date", where)
        period = self._text(obj, "legislative_period_id", where, required=False)
        if period is not None and period in self.periods and start is None and end is None:
            start, end = self.periods[period]
        capacity = Capacity.SUBSTANTIVE
        if obj.get("capacity") == Capacity.ACTING.value:
            capacity = Capacity.ACTING
        known = {
            "id",
            "person_id",
            "organization_id",
            "role",
            "label",
            "post_id",
            "start_date",
            "end_date",
            "end_reason",
            "capacity",
            "legislative_period_id",
            "on_behalf_of_id",
        }
        self._extra(obj, "memberships", frozenset(known))
        out = [
            Membership(
                person_id,
                org_id,
                role,
                self._text(obj, "id", where, required=False),
                self._text(obj, "post_id", where, required=False),
                capacity,
                label,
                start,
                end,
                self._text(obj, "end_reason", where, required=False),
            )
        ]
        party = self._text(obj, "on_behalf_of_id", where, required=False)
        if party is not None:
            out.append(Membership(person_id, party, "member", start_date=start, end_date=end))
        return out

    # -- the whole document ----------------------------------------------------------------

    def read(self) -> Iterator[Any]:
        """Every model object, then nothing: rejections are yielded in place."""
        order: list[tuple[str, Callable[[Mapping[str, Any], str], Any]]] = [
            ("areas", self.area),
            ("events", self.event),
            ("organizations", self.organisation),
            ("persons", self.person),
            ("posts", self.post),
            ("memberships", self.memberships),
        ]
        seen_party: set[tuple[str, str, str, str]] = set()
        for key, build in order:
            try:
                entries = self._section(key)
            except _Reject as exc:
                yield Rejection(self.source, None, exc.field, exc.reason)
                continue
            for where, obj in entries:
                if not isinstance(obj, dict):
                    got = type(obj).__name__
                    yield Rejection(
                        self.source, None, where, Message("must be an object, got {got}", got=got)
                    )
                    continue
                try:
                    made = build(obj, where)
                except _Reject as exc:
                    yield Rejection(self.source, None, hide_digits(exc.field), exc.reason)
                    continue
                except InvalidRecord as exc:
                    yield Rejection(self.source, None, where, Message.join("; ", exc.messages))
                    continue
                if made is None:
                    continue
                if isinstance(made, list):
                    first, *derived = made
                    yield first
                    for extra in derived:  # a party membership from on_behalf_of_id
                        key4 = (extra.person_id, extra.organization_id, str(extra.start_date),
                                str(extra.end_date))  # fmt: skip
                        if key4 not in seen_party:
                            seen_party.add(key4)
                            yield extra
                else:
                    yield made
        for key in self.data:
            if key not in SECTIONS:
                self.not_modelled[key] += 1


def _check_popolo(data: Any, source: str) -> Mapping[str, Any]:
    if not isinstance(data, dict) or not any(key in data for key in SECTIONS):
        sections = ", ".join(SECTIONS)
        if isinstance(data, dict):
            reason = Message(
                "not Popolo: expected an object with some of {sections}; got no Popolo section",
                sections=sections,
            )
        else:
            reason = Message(
                "not Popolo: expected an object with some of {sections}; got a {got}",
                sections=sections,
                got=type(data).__name__,
            )
        raise SourceError(reason, path=source)
    return data


def _iter(data: Mapping[str, Any], source: str, counts: Counter[str] | None) -> Iterator[Any]:
    reader = _Reader(data, source)
    yield from reader.read()
    if counts is not None:
        counts.update(reader.not_modelled)
    else:  # a source's stream: say what was read and not modelled, never drop it silently
        for what, count in sorted(reader.not_modelled.items()):
            yield Skipped(source, what, count)


def load_popolo(data: Any, *, source: str = "popolo") -> PopoloRead:
    """Read a Popolo document already parsed from JSON (see the module for the mapping)."""
    counts: Counter[str] = Counter()
    items = list(_iter(_check_popolo(data, source), source, counts))
    records = tuple(i for i in items if not isinstance(i, Rejection))
    rejected = tuple(i for i in items if isinstance(i, Rejection))
    return PopoloRead(records, rejected, dict(counts))


def read_popolo(path: str | Path) -> PopoloRead:
    """Read a Popolo JSON file (see the module for the mapping)."""
    path = Path(path)
    return load_popolo(load_json(path), source=str(path))


# -- writing --------------------------------------------------------------------------------


def _drop_empty(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, [], "")}


def _area_out(area: Area) -> dict[str, Any]:
    return {
        "id": area.code,
        "name": area.name,
        "classification": area.level.value,
        "identifiers": [{"scheme": AREA_SCHEME, "identifier": area.code}],
    }


def _person_out(p: Any, include_nik: bool) -> dict[str, Any]:
    """A person as Popolo has it (the NIK only with ``include_nik``)."""
    identifiers = [{"scheme": i.scheme, "identifier": i.identifier} for i in p.identifiers]
    if include_nik and p.nik is not None:
        identifiers.append({"scheme": "nik", "identifier": p.nik.reveal()})
    return _drop_empty(
        {
            "id": p.id,
            "name": p.name,
            "gender": None if p.gender is Gender.UNKNOWN else p.gender.value,
            "birth_date": str(p.birth_date) if p.birth_date else None,
            "identifiers": identifiers,
            "contact_details": [
                _drop_empty({"type": c.type, "value": c.value, "label": c.label})
                for c in p.contact_details
            ],
            "other_names": [{"name": n} for n in p.other_names],
        }
    )


def _organization_out(o: Any, area_id: Callable[[Area | None], str | None]) -> dict[str, Any]:
    """An organisation as Popolo has it; ``area_id`` notes its area."""
    return _drop_empty(
        {
            "id": o.id,
            "name": o.name,
            "classification": o.classification,
            "parent_id": o.parent_id,
            "area_id": area_id(o.area),
            "identifiers": [
                {"scheme": i.scheme, "identifier": i.identifier} for i in o.identifiers
            ],
            "other_names": [{"name": n} for n in o.other_names],
            "founding_date": str(o.founding_date) if o.founding_date else None,
            "dissolution_date": str(o.dissolution_date) if o.dissolution_date else None,
        }
    )


def _post_out(post: Any) -> dict[str, Any]:
    """A post as Popolo has it, with its holders when more than one."""
    return _drop_empty(
        {
            "id": post.id,
            "organization_id": post.organization_id,
            "role": post.role,
            "label": post.label,
            "holders": post.holders if post.holders != 1 else None,
        }
    )


def _membership_out(m: Any) -> dict[str, Any]:
    """A membership as Popolo has it, with its end reason and an acting capacity."""
    return _drop_empty(
        {
            "id": m.id,
            "person_id": m.person_id,
            "organization_id": m.organization_id,
            "role": m.role,
            "post_id": m.post_id,
            "label": m.label,
            "start_date": str(m.start_date) if m.start_date else None,
            "end_date": str(m.end_date) if m.end_date else None,
            "end_reason": m.end_reason,
            "capacity": m.capacity.value if m.capacity is Capacity.ACTING else None,
        }
    )


def _event_out(e: Any, area_id: Callable[[Area | None], str | None]) -> dict[str, Any]:
    """An election as a Popolo event, its chamber as an identifier."""
    return _drop_empty(
        {
            "id": e.id,
            "name": e.name,
            "classification": "election",
            "start_date": e.date.isoformat() if isinstance(e.date, datetime.date) else None,
            "area_id": area_id(e.area),
            "identifiers": [{"scheme": CHAMBER_SCHEME, "identifier": e.chamber.value}],
        }
    )


def dump_popolo(dataset: Any, *, include_nik: bool = False) -> dict[str, Any]:
    """A :class:`~kppi_core.dataset.Dataset` as a Popolo document (a dict ready for ``json``).

    Persons, organisations, posts and memberships as Popolo has them (a
    membership's capacity and end reason, and a post's holders, as extra
    keys); areas of organisations and elections, with their Kemendagri code;
    elections as events with a ``kppi_core:chamber`` identifier. With
    ``include_nik`` a person's NIK is written as an identifier in scheme
    ``nik`` (in clear: only for storage you control).
    """
    areas: dict[str, dict[str, Any]] = {}

    def area_id(area: Area | None) -> str | None:
        if area is None:
            return None
        areas.setdefault(area.code, _area_out(area))
        return area.code

    persons = [_person_out(p, include_nik) for p in dataset.persons]
    organizations = [_organization_out(o, area_id) for o in dataset.organizations]
    posts = [_post_out(post) for post in dataset.posts]
    memberships = [_membership_out(m) for m in dataset.memberships]
    events = [_event_out(e, area_id) for e in dataset.elections]
    return {
        "persons": persons,
        "organizations": organizations,
        "memberships": memberships,
        "posts": posts,
        "areas": list(areas.values()),
        "events": events,
    }


@final
class PopoloSource:
    """The built-in ``popolo-json`` source (see the module)."""

    spec = SourceSpec(
        name="popolo-json",
        description="Popolo JSON (EveryPolitician): persons, organizations, memberships, "
        "posts, areas, events",
        yields=("Person", "Organization", "Membership", "Post", "Election"),
        patterns=("*.json",),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the file looks like Popolo rather than the library's data set."""
        return looks_like_dataset(head) is False

    def read(self, path: Path, context: ReadContext) -> Iterator[Any]:
        """Every model object and rejection. JSON is parsed whole first."""
        path = Path(path)
        data = _check_popolo(load_json(path), str(path))
        if context.progress is not None:
            context.progress(path.stat().st_size)
        return _iter(data, str(path), None)


#: The adapters' one verb for writing (``dump_popolo`` is the same function).
dump = dump_popolo
