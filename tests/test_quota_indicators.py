"""KPPI's list-head indicator: women at list position 1, per list and per party."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from kppi_core.model import Gender
from kppi_core.quota.facts import ListFacts
from kppi_core.quota.indicators import list_heads

P, L, U = Gender.FEMALE, Gender.MALE, Gender.UNKNOWN


def _list(party: str, district: str, *genders: Gender, start: int = 1) -> ListFacts:
    positions = tuple(range(start, start + len(genders)))
    return ListFacts("DPRD", district, party, None, positions, genders)


def test_a_worked_case() -> None:
    heads = list_heads(
        [
            _list("A", "D1", P, L, L),
            _list("A", "D2", L, P, L),
            _list("B", "D1", U, P, L),
            _list("B", "D2", L, L, P, start=2),  # no position 1
        ]
    )
    assert [(h.district_id, h.party, h.head, h.sexes) for h in heads.lists] == [
        ("D1", "A", P, "PLL"),
        ("D2", "A", L, "LPL"),
        ("D1", "B", U, "?PL"),
        ("D2", "B", None, "LLP"),
    ]
    a, b = heads.parties
    assert (a.party, a.lists, a.women, a.men, a.unknown, a.share) == (
        "A",
        2,
        1,
        1,
        0,
        Fraction(1, 2),
    )
    # a list without a known head counts as unknown, never as a man's
    assert (b.lists, b.women, b.men, b.unknown, b.share) == (2, 0, 0, 2, Fraction(0))
    assert (heads.total.lists, heads.total.women, heads.total.share) == (4, 1, Fraction(1, 4))


def test_no_lists() -> None:
    heads = list_heads([])
    assert heads.lists == () and heads.parties == () and heads.total.share is None


lists_ = st.lists(
    st.builds(
        lambda party, district, genders, shift: _list(party, district, *genders, start=1 + shift),
        st.sampled_from("ABC"),
        st.sampled_from(["D1", "D2"]),
        st.lists(st.sampled_from([P, L, U]), min_size=1, max_size=12),
        st.sampled_from([0, 0, 0, 1]),
    ),
    max_size=30,
)


@given(lists_)
def test_every_list_is_counted_once_by_who_heads_it(lists: list[ListFacts]) -> None:
    heads = list_heads(lists)
    assert len(heads.lists) == len(lists)
    for p in (*heads.parties, heads.total):
        assert p.women + p.men + p.unknown == p.lists
    assert sum(p.lists for p in heads.parties) == heads.total.lists == len(lists)
    for facts, head in zip(lists, heads.lists, strict=True):
        first = dict(zip(facts.positions, facts.genders, strict=True)).get(1)
        assert head.head is first
        assert len(head.sexes) == facts.candidates
        assert head.sexes.count("P") == facts.women


def test_the_check_report_shows_it_as_an_indicator_in_every_format() -> None:
    def run(fmt: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "kppi_core.cli", "check", "--sample", "--format", fmt],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert done.returncode == 1, done.stderr
        return done.stdout

    for fmt in ("text", "markdown", "html"):
        out = run(fmt)
        assert "KPPI indicator, not a legal rule" in out
        assert "Lists headed by a woman, per party" in out
    assert "kppi-list-head" in run("csv")
    data = json.loads(run("json"))
    heads = data["indicators"]["list_heads"]
    assert heads["note"].startswith("KPPI indicator, not a legal rule")
    assert heads["total"]["lists"] == data["summary"]["lists"] == len(heads["lists"])
    # an indicator is not a rule: no finding, no violation count carries it
    assert "kppi-list-head" not in data["summary"]["violations"]
    assert all(f["rule"] != "kppi-list-head" for f in data["findings"])


@given(lists_)
def test_the_lists_kept_as_columns_are_the_lists_as_objects(lists: list[ListFacts]) -> None:
    """list_heads keeps each list's head compactly; read any way, it is the tuple of
    ListHead objects the plain path (one object per list) gives."""
    from kppi_core.quota.indicators import ListHead, ListHeads

    heads = list_heads(lists)
    plain = tuple(
        ListHead(
            f.election_id,
            f.district_id,
            f.party,
            dict(zip(f.positions, f.genders, strict=True)).get(1),
            "".join({P: "P", L: "L", U: "?"}[g] for g in f.genders),
        )
        for f in lists
    )
    assert heads.lists == plain and tuple(heads.lists) == plain and len(heads.lists) == len(plain)
    assert [heads.lists[i] for i in range(len(plain))] == list(plain)
    assert heads.lists[1:3] == plain[1:3] and hash(heads.lists) == hash(plain)
    assert list(heads.rows()) == [
        (h.election_id, h.district_id, h.party, h.head, h.sexes) for h in plain
    ]
    by_hand = ListHeads(plain, heads.parties, heads.total)
    assert list(by_hand.rows()) == list(heads.rows()) and by_hand == heads
