"""The built-in candidates CSV source passes the conformance kit plugin authors use."""

from __future__ import annotations

from pathlib import Path

import pytest

from kppi_core.adapters.candidates_csv import CandidatesCsvSource
from kppi_core.samples import sample_path as embedded
from kppi_core.sources import Source
from kppi_core.testing.conformance import SourceConformance


class TestCandidatesCsv(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return CandidatesCsvSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return embedded("candidates")

    @pytest.fixture
    def sample_records(self) -> int:
        return 602  # the sample's README: 602 candidates, one row each


class TestCandidatesCsvWithRejections(TestCandidatesCsv):
    """The same tests on a small file where some rows are rejected."""

    @pytest.fixture
    def sample_path(self, tmp_path: Path) -> Path:
        path = tmp_path / "mixed.csv"
        path.write_text(
            "election,district,seats,party,list_number,name,gender,nik\n"
            "DPRD,D1,3,Partai A,1,Siti,P,3673015708450001\n"
            "DPRD,D1,3,Partai A,2,Budi,X,\n"
            "DPRD,D1,three,Partai A,3,Andi,L,\n"
            "DPRD,D1,3,Partai A,3,Andi,L,3673019999450001\n"
            "DPRD,D1,3\n",
            encoding="utf-8",
        )
        return path

    @pytest.fixture
    def sample_records(self) -> int:
        return 5
