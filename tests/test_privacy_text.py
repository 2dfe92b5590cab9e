"""kppi_core.privacy: the redaction policy every message that echoes input goes through."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kppi_core.adapters.candidates_csv import read_candidate_lists
from kppi_core.errors import InvalidRecord, KppiError, SourceError
from kppi_core.model import Nik
from kppi_core.privacy import EXCERPT, redact, shown
from kppi_core.rejections import Rejection

NIK = "3201014509870003"


@given(st.text(alphabet="0123456789 ab-.+", max_size=80))
def test_no_run_of_ten_digits_survives_in_any_writing(text: str) -> None:
    out = redact(text)
    assert not re.search(r"\d(?:[ .\-]?\d){9}", out)
    if not any(c.isdigit() for c in text) and len(text) <= EXCERPT:
        assert out == text


def test_a_kept_id_does_not_join_the_digits_before_it_into_a_run() -> None:
    # Found by Hypothesis: the hex id "000000000b000000" was kept, and with the
    # "0." before it the text showed ten digits in a writing Nik.parse accepts.
    out = redact("0.000000000b000000")
    assert not re.search(r"\d(?:[ .\-]?\d){9}", out)
    assert redact("fingerprint 3f2a9b0c1d2e3f4a5b6c") == "fingerprint 3f2a9b0c1d2e3f4a5b6c"


@pytest.mark.parametrize(
    "writing", [NIK, "3201 0145 0987 0003", "3201.0145.0987.0003", "3201-0145-0987-0003",
                "32.01.01.450987.0003", "32-01-01-450987-0003"],
)  # fmt: skip
def test_every_nik_writing_nik_parse_accepts_is_hidden(writing: str) -> None:
    assert Nik.parse(writing).reveal() == NIK
    out = redact(f"'{writing}' is not a whole number")
    assert out == "'a 16-digit number' is not a whole number"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1987-09-05", "a date"), ("05-09-1987", "a date"), ("05/09/87", "a date"),
        ("05.09.1987", "a date"), ("1987-09", "a date"),
        ("0813-9876-5432", "a phone number"), ("+62 813 9876 5432", "a phone number"),
        ("081398765432", "a phone number"), ("6281398765432", "a phone number"),
        ("x" * 3000, "a 3,000-character text"),
    ],
)  # fmt: skip
def test_what_is_hidden_is_named(text: str, kind: str) -> None:
    assert redact(f"got {text} here") == f"got {kind} here"
    assert shown(text) == kind


def test_short_cells_ids_and_paths_are_shown() -> None:
    assert shown(" 12 ") == "'12'"
    assert shown("tiga") == "'tiga'"
    for kept in (
        "fingerprint 7cd750c2df09a0323378bdfc5b5af016",
        "organization 574eff8e-8171-4f2b-8279-60ed8dec1a2a",
        "line 12 has 7 fields; 2019 and 2024; 1,234 votes; 21.9%",
        "/tmp/pytest-of-root/pytest-12/test_a_very_long_name_of_a_test0/bad.lst: no source",
    ):
        assert redact(kept) == kept


def test_a_long_quoted_excerpt_is_named_by_its_length() -> None:
    text = "the header " + repr("kata " * 600) + " is not known"
    assert redact(text) == "the header a 3,000-character text is not known"
    assert len(redact("word " * 2000)) < 2100  # a message is cut


def test_rejections_and_errors_redact_on_construction() -> None:
    r = Rejection("x.csv", 3, "seats", f"'{NIK}' is not a plausible seat count")
    assert NIK not in str(r) and "a 16-digit number" in r.reason
    for exc in (
        KppiError(f"bad {NIK}"),
        SourceError(f"bad 05-09-1987 in {NIK}", path="/data/x.csv", line=3),
        InvalidRecord(f"'{NIK}' is not a sex code", what="Candidacy", field="gender"),
    ):
        assert NIK not in str(exc) and "05-09-1987" not in str(exc)
    assert str(SourceError("bad", path="/data/2024/x.csv")) == "/data/2024/x.csv: bad"


def test_a_nik_in_a_header_is_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("election,district,3673015708450001\nDPR,D1,x\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        read_candidate_lists(path)
    assert "3673015708450001" not in str(info.value)
    assert "missing required column" in str(info.value)


def test_paths_are_kept_in_messages_but_not_in_cells() -> None:
    path = "/data/ipu-parline/ipu_women_ranking_2021-09.csv"
    assert redact(f"{path}: not read") == f"{path}: not read"
    assert shown(f"x/{NIK}") == "x/a 16-digit number"
    assert NIK not in redact(f"x/{NIK}", paths=False)
