"""The embedded sample (synthetic DPRD Kota Serang 2024 lists): its structure and
the verdicts its README promises, computed with the csv module and plain
arithmetic only, so the sample cannot drift from what the README states.

No kppi_core import on purpose: these facts hold whatever the engine does.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "kppi_core" / "samples"
CSV_PATH = SAMPLES / "kota_serang_2024_candidates.csv"
README = SAMPLES / "README.md"
GENERATOR = ROOT / "tools" / "make_sample.py"

HEADER = ["election", "district", "seats", "party", "list_number", "name", "gender"]
HEADER += ["domicile", "votes"]
SEATS = {
    "KOTA SERANG 1": 8,
    "KOTA SERANG 2": 8,
    "KOTA SERANG 3": 7,
    "KOTA SERANG 4": 10,
    "KOTA SERANG 5": 6,
    "KOTA SERANG 6": 6,
}
PARTIES = {
    1: "Partai Kebangkitan Bangsa",
    2: "Partai Gerakan Indonesia Raya",
    3: "Partai Demokrasi Indonesia Perjuangan",
    4: "Partai Golongan Karya",
    5: "Partai NasDem",
    6: "Partai Buruh",
    7: "Partai Gelombang Rakyat Indonesia",
    8: "Partai Keadilan Sejahtera",
    9: "Partai Kebangkitan Nusantara",
    10: "Partai Hati Nurani Rakyat",
    11: "Partai Garda Republik Indonesia",
    12: "Partai Amanat Nasional",
    13: "Partai Bulan Bintang",
    14: "Partai Demokrat",
    15: "Partai Solidaritas Indonesia",
    16: "PARTAI PERINDO",
    17: "Partai Persatuan Pembangunan",
    24: "Partai Ummat",
}
DOMICILES = {
    "KEC. SERANG",
    "KEC. KASEMEN",
    "KEC. WALANTAKA",
    "KEC. CURUG",
    "KEC. CIPOCOK JAYA",
    "KEC. TAKTAKAN",
    "KAB. SERANG",
}

# The numbers the README states.
CANDIDATES = 602
WOMEN = 213
LISTS = 96
LISTS_PER_DISTRICT = [17, 16, 16, 17, 15, 15]
CANDIDATES_PER_DISTRICT = [115, 104, 91, 138, 79, 75]
WOMEN_PER_DISTRICT = [40, 38, 37, 46, 27, 25]
VOTES_TOTAL = 254_824
VOTES_MIN, VOTES_MAX = 6, 4_944
LISTS_TOPPED_BY_A_WOMAN = 15

SHARE = {
    ("KOTA SERANG 1", PARTIES[2]),
    ("KOTA SERANG 1", PARTIES[4]),
    ("KOTA SERANG 1", PARTIES[7]),
    ("KOTA SERANG 1", PARTIES[12]),
    ("KOTA SERANG 3", PARTIES[5]),
    ("KOTA SERANG 4", PARTIES[9]),
}
ZIPPER = {
    ("KOTA SERANG 2", PARTIES[1]),
    ("KOTA SERANG 4", PARTIES[14]),
    ("KOTA SERANG 6", PARTIES[16]),
}
LENGTH = {("KOTA SERANG 5", PARTIES[8])}
EXPECTED = {
    "uu7-2017": {"list-women-share": SHARE, "list-zipper": ZIPPER, "list-length": LENGTH},
    "pkpu-10-2023": {"list-women-share": set(), "list-zipper": ZIPPER, "list-length": LENGTH},
}
# rule set → (compliant, noncompliant, share, zipper, length), as in the README's table
OUTCOME = {"uu7-2017": (86, 10, 6, 3, 1), "pkpu-10-2023": (92, 4, 0, 3, 1)}

Key = tuple[str, str]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def lists(rows: list[dict[str, str]]) -> dict[Key, list[dict[str, str]]]:
    by_list: dict[Key, list[dict[str, str]]] = {}
    for row in rows:
        by_list.setdefault((row["district"], row["party"]), []).append(row)
    return by_list


def required(n: int, rule_set: str) -> int:
    """Women a list of n needs: ceil(3n/10) under uu7-2017, half-up under pkpu-10-2023."""
    if n == 1:
        return 0  # a one-candidate list is exempt by default
    return (3 * n + 9) // 10 if rule_set == "uu7-2017" else (3 * n + 5) // 10


def findings(lists: dict[Key, list[dict[str, str]]], rule_set: str) -> dict[str, set[Key]]:
    found: dict[str, set[Key]] = {
        "list-women-share": set(),
        "list-zipper": set(),
        "list-length": set(),
        "list-numbering": set(),
    }
    for key, entries in lists.items():
        n = len(entries)
        women = {int(r["list_number"]) for r in entries if r["gender"] == "P"}
        if len(women) < required(n, rule_set):
            found["list-women-share"].add(key)
        if any(not women & {s, s + 1, s + 2} for s in range(1, n - 1, 3)):
            found["list-zipper"].add(key)
        if n > int(entries[0]["seats"]):
            found["list-length"].add(key)
        if sorted(int(r["list_number"]) for r in entries) != list(range(1, n + 1)):
            found["list-numbering"].add(key)
    return found


def test_the_file_is_utf8_without_bom_with_lf_endings_and_the_exact_header() -> None:
    data = CSV_PATH.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data.endswith(b"\n")
    text = data.decode("utf-8")
    assert next(csv.reader(text.splitlines())) == HEADER


def test_every_row_is_complete_and_clean(rows: list[dict[str, str]]) -> None:
    assert len(rows) == CANDIDATES
    for row in rows:
        assert None not in row, row  # no extra fields
        assert all(isinstance(v, str) and v == v.strip() and v for v in row.values()), row
        assert row["election"] == "DPRD_KABKO"
        assert int(row["seats"]) == SEATS[row["district"]]
        assert row["party"] in PARTIES.values()
        assert row["gender"] in {"P", "L"}
        assert row["domicile"] in DOMICILES
        assert row["votes"].isdigit() and row["votes"].isascii()
        assert row["list_number"].isdigit()
        assert "  " not in row["name"]


def test_districts_and_seats(rows: list[dict[str, str]]) -> None:
    assert {r["district"] for r in rows} == set(SEATS)
    assert sum(SEATS.values()) == 45


def test_all_18_parties_stand_and_a_few_lists_are_missing(
    lists: dict[Key, list[dict[str, str]]],
) -> None:
    assert {party for _, party in lists} == set(PARTIES.values())
    assert len(lists) == LISTS
    assert len(SEATS) * len(PARTIES) - len(lists) == 12
    per_district = Counter(d for d, _ in lists)
    assert [per_district[d] for d in SEATS] == LISTS_PER_DISTRICT
    full = sum(len(v) == int(v[0]["seats"]) for v in lists.values())
    assert full > LISTS / 2  # mostly full lists, some shorter
    assert min(len(v) for v in lists.values()) > 1  # no one-candidate list


def test_candidates_and_women_counts(rows: list[dict[str, str]]) -> None:
    assert 550 <= len(rows) <= 620
    assert sum(r["gender"] == "P" for r in rows) == WOMEN
    assert [sum(r["district"] == d for r in rows) for d in SEATS] == CANDIDATES_PER_DISTRICT
    women = [sum(r["district"] == d and r["gender"] == "P" for r in rows) for d in SEATS]
    assert women == WOMEN_PER_DISTRICT


def test_rows_are_ordered_by_district_ballot_number_and_list_number(
    rows: list[dict[str, str]],
) -> None:
    number = {name: n for n, name in PARTIES.items()}
    districts = list(SEATS)
    keys = [
        (districts.index(r["district"]), number[r["party"]], int(r["list_number"])) for r in rows
    ]
    assert keys == sorted(keys)


def test_names_are_unique_even_without_titles_and_degrees(rows: list[dict[str, str]]) -> None:
    names = [r["name"] for r in rows]
    assert len(set(names)) == len(names)
    honorifics = {"Dr.", "H.", "Hj.", "TB.", "RATU", "MUHAMMAD", "AHMAD", "MOCH."}

    def bare(name: str) -> str:
        words = name.split(",")[0].split()
        while words[0] in honorifics:
            words.pop(0)
        return " ".join(words)

    assert len({bare(n) for n in names}) == len(names)
    assert not any(r["name"].startswith("Hj.") and r["gender"] == "L" for r in rows)
    assert not any(re.match(r"(Dr\. )?H\. ", r["name"]) and r["gender"] == "P" for r in rows)


def test_votes(lists: dict[Key, list[dict[str, str]]], rows: list[dict[str, str]]) -> None:
    votes = [int(r["votes"]) for r in rows]
    assert sum(votes) == VOTES_TOTAL
    assert (min(votes), max(votes)) == (VOTES_MIN, VOTES_MAX)
    topped = 0
    for entries in lists.values():
        tallies = [int(r["votes"]) for r in entries]
        assert len(set(tallies)) == len(tallies)  # no tie inside a list
        topped += max(entries, key=lambda r: int(r["votes"]))["gender"] == "P"
    assert topped == LISTS_TOPPED_BY_A_WOMAN


def test_district_1_has_four_lists_at_25_to_28_6_percent_women(
    lists: dict[Key, list[dict[str, str]]],
) -> None:
    low = [
        key
        for key, entries in lists.items()
        if key[0] == "KOTA SERANG 1"
        and 25 <= 100 * sum(r["gender"] == "P" for r in entries) / len(entries) < 28.6
    ]
    assert len(low) == 4


@pytest.mark.parametrize("rule_set", ["uu7-2017", "pkpu-10-2023"])
def test_expected_verdicts(lists: dict[Key, list[dict[str, str]]], rule_set: str) -> None:
    found = findings(lists, rule_set)
    assert found == {**EXPECTED[rule_set], "list-numbering": set()}
    noncompliant = set().union(*found.values())
    compliant = len(lists) - len(noncompliant)
    counts = tuple(len(found[r]) for r in ("list-women-share", "list-zipper", "list-length"))
    assert (compliant, len(noncompliant), *counts) == OUTCOME[rule_set]
    # each noncompliant list breaks one rule only
    assert sum(len(v) for v in found.values()) == len(noncompliant)


def test_the_share_lists_pass_half_up_and_fail_rounding_up(
    lists: dict[Key, list[dict[str, str]]],
) -> None:
    for key in SHARE:
        n = len(lists[key])
        women = sum(r["gender"] == "P" for r in lists[key])
        assert n in {4, 7, 8}
        assert required(n, "pkpu-10-2023") == women == required(n, "uu7-2017") - 1


def test_the_readme_states_these_numbers() -> None:
    text = README.read_text(encoding="utf-8")
    assert "SYNTHETIC" in text
    for rule_set, (ok, bad, share, zipper, length) in OUTCOME.items():
        row = f"| {rule_set} | {LISTS} | {ok} | {bad} | {share} | {zipper} | {length} |"
        assert row in text
    assert f"{CANDIDATES} candidates, {WOMEN} women" in text
    assert f"{WOMEN}/{CANDIDATES}" in text
    for rule, keys in EXPECTED["uu7-2017"].items():
        for district, party in keys:
            assert re.search(rf"\| {district} \| {re.escape(party)} \| [^\n]* \| {rule}", text)
    for number, party in PARTIES.items():
        assert f"{number} {party}" in " ".join(text.split())


def test_the_generator_reproduces_the_file() -> None:
    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
