"""kppi_core.privacy: long digit runs never reach a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kppi_core.adapters.candidates_csv import read_candidate_lists
from kppi_core.errors import SourceError
from kppi_core.privacy import HIDDEN, hide_digits, shown


@given(st.text(alphabet="0123456789 ab-", max_size=60))
def test_no_run_of_16_digits_survives(text: str) -> None:
    out = hide_digits(text)
    run = 0
    for ch in out:
        run = run + 1 if ch.isdigit() else 0
        assert run < 16
    if not any(c.isdigit() for c in text):
        assert out == text


def test_shown() -> None:
    assert shown(" 3673015708450001 ") == repr(HIDDEN)
    assert shown(" 12 ") == "'12'"


def test_a_nik_in_a_header_is_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("election,district,3673015708450001\nDPR,D1,x\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        read_candidate_lists(path)
    assert "3673015708450001" not in str(info.value)
    assert "missing required column" in str(info.value)
