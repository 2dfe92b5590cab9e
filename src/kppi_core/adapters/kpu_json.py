"""KPU's own JSON (Sirekap, 2024): the party table, candidate files and vote counts.

KPU published the 2024 candidate lists and the running count as JSON on its
public data site (``pemilu/caleg/partai/<dapil>.json``,
``pemilu/hhcd/pdpr/<dapil>.json``). Three documents, told apart by content:

- **the party table** (``partai.json``): ``{party number: {id_partai, nama,
  nama_lengkap, nomor_urut, …}}``. Read alone it gives each party as an
  :class:`~kppi_core.model.Organization`.
- **a candidate file**: ``{party number: {candidate id: {nama, nomor_urut,
  jenis_kelamin, tempat_tinggal}}}``, ``null`` for a party with no list in
  the district. Each candidate gives a :class:`~kppi_core.model.Person` and a
  :class:`~kppi_core.model.Candidacy` (list position ``nomor_urut``); a
  ``null`` party is counted as :class:`~kppi_core.sources.Skipped` ("no
  list"), which is not an error: a party may run no list in a district. The
  residence (``tempat_tinggal``) is not read.
- **a vote count** (``mode`` ``hhcw``): ``chart`` (votes per party number and
  ``persen``), ``table`` (per party: votes per candidate id,
  ``jml_suara_total``, ``jml_suara_partai``, the votes for the party alone)
  and ``progres`` (polling stations counted, of the total). Joined to its
  candidate file (the read option ``candidates``), each candidate's
  candidacy comes with her votes; the party's own votes are a
  :class:`~kppi_core.counts.PartyVotes`, and the progress a
  :class:`~kppi_core.counts.CountProgress`, whose ``partial`` says the count
  is a snapshot, not a result. Without ``candidates`` only those two come out.

Read options: ``parties`` (the party table's path: party names, else a party
is named ``party <number>``), ``seats`` (the district's seats: a number, or the
path of a CSV with columns ``district,seats``), ``election`` and ``district``
(the ids; default the candidate file's name without ``.json``), and
``candidates`` (for a vote count). Party numbers and candidate ids stay as
:class:`~kppi_core.model.Identifier` of scheme ``kpu`` (person ids
``kpu/caleg/<id>``), so lists and counts join across files and elections.

A candidate that cannot become a candidacy (no name, a sex code that is not
``L``/``P``, a list number that is not a whole number from 1, two
candidates on one number) is a :class:`~kppi_core.rejections.Rejection`
whose field is its JSON path (``$.3.249045.jenis_kelamin``). A document of
another shape raises :class:`~kppi_core.errors.SourceError`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, final

from kppi_core.adapters._parties import organisation_slug
from kppi_core.adapters._tabular import IS_EMPTY
from kppi_core.counts import CountProgress, PartyVotes
from kppi_core.errors import InvalidRecord, Message, SourceError
from kppi_core.model import Candidacy, District, Gender, Identifier, Organization, Person
from kppi_core.privacy import shown
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, Skipped, SourceSpec

__all__ = ["SCHEME", "KpuJsonSource", "iter_kpu", "kind_of", "read_party_table"]

#: The identifier scheme of KPU's party numbers and candidate ids.
SCHEME = "kpu"

_PARTY_KEY = rb'\s*\{\s*"\d{1,3}"\s*:\s*'
_CANDIDATES = re.compile(
    _PARTY_KEY + rb'(?:null|\{\s*(?:\}|"\d+"\s*:\s*\{\s*"(?:nama|nomor_urut|jenis_kelamin)"))'
)
_PARTIES = re.compile(_PARTY_KEY + rb'\{[^{}]*"id_partai"')
_COUNT_KEYS = (b'"chart"', b'"table"', b'"progres"')
_Out = Located | Rejection | Skipped


def _head_kind(head: bytes) -> str | None:
    text = head.removeprefix(b"\xef\xbb\xbf")
    if all(k in text for k in _COUNT_KEYS):
        return "count"
    if _PARTIES.match(text):
        return "parties"
    if _CANDIDATES.match(text):
        return "candidates"
    return None


def kind_of(data: object) -> str | None:
    """``"parties"``, ``"candidates"`` or ``"count"`` for a parsed KPU document, else ``None``."""
    if not isinstance(data, dict) or not data:
        return None
    if all(k in data for k in ("chart", "table", "progres")):
        return "count"
    if not all(isinstance(k, str) and k.isdigit() for k in data):
        return None
    values = [v for v in data.values() if isinstance(v, dict)]
    if not values and any(v is not None for v in data.values()):
        return None
    if values and all("id_partai" in v or "nama_lengkap" in v for v in values):
        return "parties"
    return "candidates"


def _load(path: Path) -> Any:
    from kppi_core.dataset import load_json  # the one JSON loader: errors name file and line

    return load_json(path)


#: A party number as KPU writes it (1 to 3 digits).
_PARTY_NUMBER = re.compile(r"\d{1,3}")


def read_party_table(path: str | Path) -> dict[str, str]:
    """Party number → name (``nama``) from KPU's party table; SourceError if it is not one."""
    path = Path(path)
    data = _load(path)
    if kind_of(data) != "parties":
        reason = Message("not KPU's party table ({{number: {{id_partai, nama, …}}}})")
        raise SourceError(reason, path=str(path))
    names = {}
    for number, party in data.items():
        name = party.get("nama") or party.get("nama_lengkap")
        if not isinstance(name, str) or not name.strip():
            raise SourceError(
                Message("party {number}: no name (nama)", number=number), path=str(path)
            )
        names[number] = " ".join(name.split())
    return names


def _seats(option: str | None, district: str, source: str) -> int | None:
    """The district's seats from the ``seats`` option: a number or a ``district,seats`` CSV."""
    if option is None or not option.strip():
        return None
    text = option.strip()
    if text.isdigit():
        value = int(text)
        if value < 1:
            reason = Message("option seats={value}: must be at least 1", value=text)
            raise SourceError(reason, path=source)
        return value
    table = Path(text)
    from kppi_core.sources import open_file

    with open_file(table) as handle:
        rows = list(csv.reader(handle.read().decode("utf-8-sig").splitlines()))
    header = [c.strip().casefold() for c in rows[0]] if rows else []
    if "district" not in header or "seats" not in header:
        reason = Message("a seats table needs the columns district and seats")
        raise SourceError(reason, path=str(table))
    at, ats = header.index("district"), header.index("seats")
    for line, row in enumerate(rows[1:], start=2):
        if len(row) > max(at, ats) and row[at].strip() == district:
            cell = row[ats].strip()
            if not cell.isdigit() or int(cell) < 1:
                reason = Message("seats {value} is not a whole number from 1", value=shown(cell))
                raise SourceError(reason, path=str(table), line=line)
            return int(cell)
    reason = Message("no row for district {district} in the seats table", district=repr(district))
    raise SourceError(reason, path=str(table))


class _Reader:
    def __init__(self, path: Path, options: Mapping[str, str]) -> None:
        self.path = path
        self.source = str(path)
        self.options = options
        parties = options.get("parties")
        self.names = read_party_table(parties) if parties else {}

    def party(self, number: str) -> str:
        return self.names.get(number) or f"party {number}"

    def organisation(self, number: str) -> Organization:
        name = self.party(number)
        oid = organisation_slug(name) if number in self.names else ""
        return Organization(
            oid or f"kpu-partai-{number}",
            name,
            "party",
            identifiers=(Identifier(SCHEME, number),),
        )

    def ids(self, stem: str) -> tuple[str, str]:
        election = self.options.get("election") or stem
        return election, self.options.get("district") or stem

    def candidates(
        self,
        data: dict[str, Any],
        stem: str,
        votes: Mapping[str, Any] | None = None,
        counted_in: str | None = None,
    ) -> Iterator[_Out]:
        """A candidate file's records; with ``votes`` (a count's table, read from
        ``counted_in``), candidacies carry votes, and votes for anyone not on a
        list are rejected."""
        election, district = self.ids(stem)
        seats = _seats(self.options.get("seats"), district, self.source)
        if seats is not None:
            yield Located(District(district, election, seats), None)
        for number, row in (votes or {}).items():
            listed = data.get(number)
            for cid in row if isinstance(row, dict) and not isinstance(listed, dict) else ():
                if cid.isdigit():
                    reason = Message(
                        "votes for candidate id {cid}: party {number} has no list here",
                        cid=cid,
                        number=number,
                    )
                    yield Rejection(counted_in or self.source, None, f"$.table.{number}.{cid}",
                                    reason)  # fmt: skip
        for number, listed in data.items():
            if listed is None:
                named = f" ({self.names[number]})" if number in self.names else ""
                what = f"no list: party {number}{named}"
                yield Skipped(
                    self.source, what, 1, "null in KPU's file: the party runs no list here"
                )
                continue
            if not isinstance(listed, dict):
                reason = Message("is not a party's list (an object)")
                yield Rejection(self.source, None, f"$.{number}", reason)
                continue
            if not _PARTY_NUMBER.fullmatch(number):
                reason = Message(
                    "{value} is not a party number (1 to 3 digits)", value=shown(number)
                )
                yield Rejection(self.source, None, f"$.{number}", reason)
                continue
            try:
                party = self.organisation(number)
            except InvalidRecord as exc:
                yield Rejection(self.source, None, f"$.{number}", exc.message)
                continue
            yield Located(party, None)
            taken: dict[int, str] = {}
            row = (votes or {}).get(number)
            counted = row if isinstance(row, dict) else {}
            for cid, cand in listed.items():
                out = self._candidate(number, cid, cand, election, district, taken, counted, votes)
                if isinstance(out, Rejection):
                    yield out
                else:
                    yield from out
            for cid in counted:
                if cid.isdigit() and cid not in listed:
                    reason = Message(
                        "votes for candidate id {cid}, who is not on the party's list", cid=cid
                    )
                    where = f"$.table.{number}.{cid}"
                    yield Rejection(counted_in or self.source, None, where, reason)

    def _candidate(
        self,
        number: str,
        cid: str,
        cand: object,
        election: str,
        district: str,
        taken: dict[int, str],
        counted: Mapping[str, Any],
        votes: object,
    ) -> list[Located] | Rejection:
        where = f"$.{number}.{cid}"

        def reject(field: str, reason: Message) -> Rejection:
            return Rejection(self.source, None, f"{where}.{field}" if field else where, reason)

        if not isinstance(cand, dict):
            return reject("", Message("is not a candidate object"))
        name = cand.get("nama")
        if not isinstance(name, str) or not name.strip():
            return reject("nama", IS_EMPTY)
        position = cand.get("nomor_urut")
        if type(position) is not int or position < 1:
            reason = Message("{value} is not a list number from 1", value=shown(str(position)))
            return reject("nomor_urut", reason)
        if position in taken:
            reason = Message(
                "number {position} is already held by {holder}",
                position=str(position),
                holder=taken[position],
            )
            return reject("nomor_urut", reason)
        sex = cand.get("jenis_kelamin")
        try:
            gender = Gender.parse(sex if isinstance(sex, str) else "?")
        except InvalidRecord:
            return reject("jenis_kelamin", Message("{value} is not L or P", value=shown(str(sex))))
        got: int | None = None
        if votes is not None:
            raw = counted.get(cid)
            if raw is not None:
                if type(raw) is not int or raw < 0:
                    reason = Message("{value} is not a vote count", value=shown(str(raw)))
                    return reject("votes", reason)
                got = raw
        taken[position] = cid  # only an accepted candidate holds her number
        person_id = f"kpu/caleg/{cid}"
        try:
            person = Person(person_id, name, gender, identifiers=(Identifier(SCHEME, cid),))
            candidacy = Candidacy(
                name, gender, self.party(number), election, district, position, person_id, got
            )
        except InvalidRecord as exc:  # a value the model refuses (a NIK for a name, …)
            del taken[position]
            return reject("", exc.message)
        return [Located(person, None), Located(candidacy, None)]

    def count(self, data: dict[str, Any], stem: str) -> Iterator[_Out]:
        table, progres = data.get("table"), data.get("progres")
        if not isinstance(table, dict) or not isinstance(progres, dict):
            reason = Message("a vote count needs the objects table and progres")
            raise SourceError(reason, path=self.source)
        given = self.options.get("candidates")
        cand_stem = Path(given).stem if given else stem
        election, district = self.ids(cand_stem)
        counted, total = progres.get("progres"), progres.get("total")
        if type(counted) is not int or type(total) is not int or not 0 <= counted <= total:
            reason = Message("progres: counted and total must be whole numbers, counted <= total")
            raise SourceError(reason, path=self.source)
        stamp = data.get("ts")
        yield Located(
            CountProgress(
                election, district, counted, total, stamp if isinstance(stamp, str) else None
            ),
            None,
        )
        for number, row in table.items():
            if not isinstance(row, dict):
                reason = Message("is not an object")
                yield Rejection(self.source, None, f"$.table.{number}", reason)
                continue
            alone = row.get("jml_suara_partai")
            if type(alone) is not int or alone < 0:
                reason = Message("{value} is not a vote count", value=shown(str(alone)))
                yield Rejection(self.source, None, f"$.table.{number}.jml_suara_partai", reason)
                continue
            yield Located(PartyVotes(election, district, self.party(number), alone), None)
        if not given:
            n = sum(
                1 for row in table.values() if isinstance(row, dict) for k in row if k.isdigit()
            )
            unjoined = "no candidate file given (option candidates=PATH) to join them to"
            yield Skipped(self.source, "candidates' votes", n, unjoined)
            return
        path = Path(given)
        cands = _load(path)
        if kind_of(cands) != "candidates":
            reason = Message("option candidates: not a KPU candidate file")
            raise SourceError(reason, path=str(path))
        counted_in, self.source = self.source, str(path)  # the candidates' own file
        yield from self.candidates(cands, cand_stem, table, counted_in)


def iter_kpu(path: str | Path, options: Mapping[str, str] | None = None) -> Iterator[_Out]:
    """The records of a KPU JSON document (see the module), in order."""
    path = Path(path)
    data = _load(path)
    kind = kind_of(data)
    reader = _Reader(path, options or {})
    if kind == "parties":
        reader.names = read_party_table(path)
        for number in data:
            yield Located(reader.organisation(number), None)
    elif kind == "candidates":
        yield from reader.candidates(data, path.stem)
    elif kind == "count":
        yield from reader.count(data, path.stem)
    else:
        reason = Message("not a KPU document (a party table, a candidate file or a vote count)")
        raise SourceError(reason, path=str(path))


@final
class KpuJsonSource:
    """The built-in ``kpu-json`` source (see the module)."""

    spec = SourceSpec(
        name="kpu-json",
        description="KPU's own JSON (Sirekap): party table, candidate files, vote counts "
        "(options: parties, seats, election, district, candidates)",
        yields=("District", "Organization", "Person", "Candidacy", "PartyVotes", "CountProgress"),
        patterns=("*.json",),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the file starts like one of KPU's three documents."""
        return _head_kind(head) is not None

    def read(self, path: Path, context: ReadContext) -> Iterator[_Out]:
        """Every record of the document (parsed whole first: JSON does not stream)."""
        path = Path(path)
        items = iter_kpu(path, context.options)
        if context.progress is not None:
            context.progress(path.stat().st_size)
        return items
