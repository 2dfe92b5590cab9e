"""KPU's own JSON (Sirekap 2024): candidate files into ``kppi check``, vote counts into seats."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.adapters.dataset_json import DatasetJsonSource
from kppi_core.adapters.kpu_json import KpuJsonSource, iter_kpu, kind_of
from kppi_core.adapters.popolo import PopoloSource
from kppi_core.counts import CountProgress, PartyVotes
from kppi_core.errors import SourceError
from kppi_core.model import Candidacy, District, Gender, Identifier, Organization, Person
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, Skipped, Source, SourceSpec
from kppi_core.testing.conformance import SourceConformance

DATA = Path(__file__).parent / "data"
KPU = DATA / "real" / "kpu-sirekap-2024"
PARTIES = KPU / "partai.json"
BANTEN = KPU / "caleg-dpr-banten-1.json"
LEBAK = KPU / "caleg-dprd-lebak-2.json"
COUNT = KPU / "hhcw-example.json"
DCT = DATA / "real" / "kpu-dct-2024" / "candidates.csv"
BAD = DATA / "bad"


def kppi(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "kppi_core", *args], capture_output=True, text=True, check=False
    )


def records(path: Path, **options: str) -> list[object]:
    return [i.record if isinstance(i, Located) else i for i in iter_kpu(path, options)]


class TestKpuJson(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return KpuJsonSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return LEBAK

    @pytest.fixture
    def sample_records(self) -> int:
        # No lines: one per item. 16 parties, 92 persons, 92 candidacies; the two
        # null parties are Skipped, not records.
        return 200

    @staticmethod
    def _check_item(item: object, spec: SourceSpec) -> None:
        if isinstance(item, Located) and isinstance(item.record, PartyVotes | CountProgress):
            assert type(item.record).__name__ in spec.yields
            return
        SourceConformance._check_item(item, spec)

    def test_streams(self, *args: object, **kwargs: object) -> None:
        pytest.skip("a KPU document is one JSON object: parsed whole before the first record")


class TestKpuCount(TestKpuJson):
    """The kit on the vote count, joined to its candidate file."""

    @pytest.fixture
    def sample_path(self) -> Path:
        return COUNT

    @pytest.fixture
    def context(self) -> ReadContext:
        return ReadContext(options={"candidates": str(LEBAK), "seats": "8"})

    @pytest.fixture
    def sample_records(self) -> int:
        # the progress, 18 parties' own votes, the district, 16 parties, 92 persons
        # and 92 candidacies
        return 1 + 18 + 1 + 16 + 92 + 92


def test_kinds_are_told_apart_by_content() -> None:
    assert [kind_of(json.loads(p.read_text())) for p in (PARTIES, BANTEN, LEBAK, COUNT)] == [
        "parties",
        "candidates",
        "candidates",
        "count",
    ]
    for path in (PARTIES, BANTEN, LEBAK, COUNT):
        head = path.read_bytes()[: 64 << 10]
        assert KpuJsonSource().sniff(path, head)
        assert not DatasetJsonSource().sniff(path, head)
        assert not PopoloSource().sniff(path, head)
    dataset = DATA / "adapters" / "dataset.json"
    assert not KpuJsonSource().sniff(dataset, dataset.read_bytes())


def test_candidates_keep_kpu_identifiers() -> None:
    got = records(BANTEN, parties=str(PARTIES), seats="6", election="DPR", district="BANTEN 1")
    assert got[0] == District("BANTEN 1", "DPR", 6)
    pkb = next(r for r in got if isinstance(r, Organization))
    assert pkb == Organization(
        "pkb", "Partai Kebangkitan Bangsa", "party", identifiers=(Identifier("kpu", "1"),)
    )
    person = next(r for r in got if isinstance(r, Person))
    assert person.id == "kpu/caleg/100621"
    assert person.identifiers == (Identifier("kpu", "100621"),)
    first = next(r for r in got if isinstance(r, Candidacy))
    assert first == Candidacy(
        "AHMAD FAUZI", Gender.MALE, "Partai Kebangkitan Bangsa", "DPR", "BANTEN 1", 1,
        "kpu/caleg/100621",
    )  # fmt: skip
    assert sum(isinstance(r, Candidacy) for r in got) == 104


def _verdicts(result: subprocess.CompletedProcess[str], district: str) -> dict[str, object]:
    data = json.loads(result.stdout)
    lists = {
        item["party"]: (item["verdict"], item["candidates"], item["women"])
        for item in data["lists"]
        if item["district"] == district
    }
    findings = Counter(
        (f["party"], f.get("rule"), f.get("status"))
        for f in data["findings"]
        if f["district"] == district
    )
    return {"lists": lists, "findings": findings}


@pytest.mark.parametrize("rules", ["uu7-2017", "pkpu-10-2023"])
def test_check_gives_the_verdicts_of_the_hand_converted_csv(rules: str) -> None:
    options = ["--option", f"parties={PARTIES}", "--option", "seats=6", "--option",
               "election=DPR", "--option", "district=BANTEN 1"]  # fmt: skip
    ours = kppi("check", str(BANTEN), *options, "--rules", rules, "--format", "json")
    theirs = kppi("check", str(DCT), "--rules", rules, "--format", "json")
    assert ours.returncode in (0, 1), ours.stderr
    mine = _verdicts(ours, "BANTEN 1")
    assert len(mine["lists"]) == 18  # type: ignore[arg-type]
    assert mine == _verdicts(theirs, "BANTEN 1")


def test_null_parties_are_no_list_not_errors() -> None:
    items = list(iter_kpu(LEBAK, {"parties": str(PARTIES), "seats": "8"}))
    assert not [i for i in items if isinstance(i, Rejection)]
    skipped = sorted(i.what for i in items if isinstance(i, Skipped))
    assert skipped == [
        "no list: party 11 (Partai Garda Republik Indonesia)",
        "no list: party 9 (Partai Kebangkitan Nusantara)",
    ]
    shown = kppi("inspect", str(LEBAK), "--option", f"parties={PARTIES}")
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "no list: party 9 (Partai Kebangkitan Nusantara): 1" in shown.stdout
    assert "rejected: 0" in shown.stdout


def test_a_vote_count_joins_its_candidate_file() -> None:
    got = records(COUNT, parties=str(PARTIES), seats="8", candidates=str(LEBAK))
    (progress,) = [r for r in got if isinstance(r, CountProgress)]
    assert (progress.counted, progress.total, progress.partial) == (431, 634, True)
    party = {p.party: p.votes for p in got if isinstance(p, PartyVotes)}
    assert party["Partai Kebangkitan Bangsa"] == 1263
    votes = {c.person_id: c.votes for c in got if isinstance(c, Candidacy)}
    table = json.loads(COUNT.read_text())["table"]
    assert votes == {
        f"kpu/caleg/{cid}": n for row in table.values() for cid, n in row.items() if cid.isdigit()
    }
    assert District("caleg-dprd-lebak-2", "caleg-dprd-lebak-2", 8) in got


def test_a_vote_count_alone_gives_party_votes_and_progress() -> None:
    got = records(COUNT)
    assert sum(isinstance(r, PartyVotes) for r in got) == 18
    (skipped,) = [r for r in got if isinstance(r, Skipped)]
    assert skipped.what == "candidates' votes" and skipped.count == 92


def test_seats_from_a_partial_count_are_labelled() -> None:
    options = ["--option", f"parties={PARTIES}", "--option", "seats=8",
               "--option", f"candidates={LEBAK}"]  # fmt: skip
    result = kppi("seats", str(COUNT), *options)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert "PARTIAL count, not a result: 431 of 634 polling stations" in first
    assert "8 seats" in result.stdout
    rep = kppi("representation", str(COUNT), *options, "--fail-under", "none")
    assert rep.returncode == 0, rep.stderr
    assert "PARTIAL count" in rep.stdout.splitlines()[0]


def test_party_votes_count_towards_seats() -> None:
    from kppi_core.seats import chamber_rules, run_election

    got = records(COUNT, parties=str(PARTIES), seats="8", candidates=str(LEBAK))
    districts = [r for r in got if isinstance(r, District)]
    cands = [r for r in got if isinstance(r, Candidacy)]
    ballots = {(p.district_id, p.party): p.votes for p in got if isinstance(p, PartyVotes)}
    rules = chamber_rules("dprd_regency")
    alone = run_election(districts, cands, rules)
    with_party = run_election(districts, cands, rules, party_ballots=ballots)
    totals = dict(with_party.districts[0].allocation.votes)
    assert totals["Partai Amanat Nasional"] == 59 + 34 + 34 + 14 + 970
    assert dict(alone.districts[0].allocation.votes)["Partai Amanat Nasional"] == 59 + 34 + 34 + 14


def test_seats_table_option(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_text("district,seats\ncaleg-dprd-lebak-2,8\n", encoding="utf-8")
    got = records(LEBAK, seats=str(table))
    assert District("caleg-dprd-lebak-2", "caleg-dprd-lebak-2", 8) in got
    table.write_text("district,seats\nother,8\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no row for district"):
        records(LEBAK, seats=str(table))


def test_bad_candidates_are_rejected_with_their_json_path() -> None:
    items = list(iter_kpu(BAD / "kpu_bad_candidates.json"))
    fields = sorted(i.field for i in items if isinstance(i, Rejection) and i.field)
    assert fields == [
        "$.1.900001.jenis_kelamin",
        "$.1.900002.nama",
        "$.1.900003.nomor_urut",
        "$.1.900005.nomor_urut",
        "$.3",
    ]
    kept = [i.record for i in items if isinstance(i, Located)]
    assert [c.person_id for c in kept if isinstance(c, Candidacy)] == ["kpu/caleg/900004"]


def test_bad_count_and_unknown_documents_raise_source_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="counted <= total"):
        list(iter_kpu(BAD / "kpu_count_bad_progress.json"))
    other = tmp_path / "x.json"
    other.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(SourceError, match="not a KPU document"):
        list(iter_kpu(other))
    bad = kppi("check", str(BAD / "kpu_bad_candidates.json"), "--source", "kpu-json")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "'X' is not L or P" in bad.stdout


def test_context_options_reach_the_source() -> None:
    items = list(KpuJsonSource().read(LEBAK, ReadContext(options={"seats": "8"})))
    assert any(isinstance(i, Located) and isinstance(i.record, District) for i in items)


def test_votes_for_no_one_on_a_list_are_rejected(tmp_path: Path) -> None:
    count = json.loads(COUNT.read_text(encoding="utf-8"))
    count["table"]["9"]["999999"] = 5  # party 9 runs no list in Lebak 2
    count["table"]["1"]["888888"] = 3  # not on party 1's list
    path = tmp_path / "count.json"
    path.write_text(json.dumps(count), encoding="utf-8")
    items = list(iter_kpu(path, {"candidates": str(LEBAK)}))
    rejected = {(r.source, r.field) for r in items if isinstance(r, Rejection)}
    assert rejected == {(str(path), "$.table.9.999999"), (str(path), "$.table.1.888888")}
    assert sum(isinstance(i, Located) and isinstance(i.record, Candidacy) for i in items) == 92


@pytest.mark.parametrize("command", ["check", "inspect", "seats"])
def test_an_option_must_be_key_value(command: str) -> None:
    result = kppi(command, str(LEBAK), "--option", "seats")
    assert result.returncode == 2
    assert "'seats' is not KEY=VALUE" in result.stderr


_LIST = st.lists(st.sampled_from(["L", "P"]), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.integers(1, 24).map(str), st.none() | _LIST, min_size=1, max_size=6))
def test_every_candidate_of_a_file_is_read_once(
    tmp_path_factory: pytest.TempPathFactory, parties: dict[str, list[str] | None]
) -> None:
    """A file of well-formed lists gives one candidacy per candidate, in its
    party, at its number, of its sex; a null party only a 'no list' note."""
    data = {
        party: None if sexes is None else {
            f"{int(party) * 1000 + i}": {"nama": f"CALON {party}-{i}", "nomor_urut": i,
                                        "jenis_kelamin": sex, "tempat_tinggal": "KOTA CONTOH"}
            for i, sex in enumerate(sexes, start=1)
        }
        for party, sexes in parties.items()
    }  # fmt: skip
    path = tmp_path_factory.mktemp("kpu") / "caleg.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    items = list(iter_kpu(path))
    got = {
        (c.party, c.list_position, c.gender.code)
        for c in (i.record for i in items if isinstance(i, Located))
        if isinstance(c, Candidacy)
    }
    want = {
        (f"party {party}", i, sex)
        for party, sexes in parties.items()
        for i, sex in enumerate(sexes or (), start=1)
    }
    assert got == want
    notes = sum(isinstance(i, Skipped) for i in items)
    assert notes == sum(sexes is None for sexes in parties.values())
    assert not [i for i in items if isinstance(i, Rejection)]
