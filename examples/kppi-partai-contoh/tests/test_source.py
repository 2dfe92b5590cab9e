"""Partai Contoh's source, tested with kppi_core's kit for plugin authors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kppi_partai_contoh
import pytest

from kppi_core import Gender, Membership, Person
from kppi_core.plugins import Plugins, read_source
from kppi_core.sources import Source, unwrap
from kppi_core.testing.conformance import SourceConformance

SAMPLE = Path(__file__).parent / "data" / "anggota.csv"

# Without kppi_core's pytest11 entry point (an uninstalled checkout), load the kit by name.
pytest_plugins = ["kppi_core.testing.pytest_plugin"]


class TestMembersSource(SourceConformance):
    """Everything kppi_core asks of a source."""

    @pytest.fixture
    def source(self) -> Source:
        return kppi_partai_contoh.MembersSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return SAMPLE

    @pytest.fixture
    def sample_records(self) -> int:
        return 8  # data rows in anggota.csv


def test_registers_through_the_hook(kppi_register: Any) -> None:
    info = kppi_register(kppi_partai_contoh)
    assert info.sources == ("partai-contoh-anggota",)


def test_reads_members_and_rejects_bad_rows(kppi_register: Any) -> None:
    kppi_register(kppi_partai_contoh)
    items = [unwrap(i)[0] for i in read_source(SAMPLE)]  # the source is guessed
    women = [p for p in items if isinstance(p, Person) and p.gender is Gender.FEMALE]
    assert len(women) == 3
    assert sum(isinstance(i, Membership) for i in items) == 5
    reasons = {getattr(i, "field", None): i.reason for i in items if hasattr(i, "reason")}
    assert reasons == {
        "l/p": "is not L or P",
        "nama lengkap": "is empty",
        "tanggal lahir": "is not a date written YYYY-MM-DD",
    }


def test_the_manager_fixture_has_only_builtins(kppi_plugin_manager: Plugins) -> None:
    assert "partai-contoh-anggota" not in kppi_plugin_manager.sources()
