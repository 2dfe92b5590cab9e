"""The library's one gc switch: the collector paused for a bulk job, restored after, and
the same results as with it running (the differential test of the trick)."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kppi_core import _gc
from kppi_core.adapters import candidates_csv, membership_csv
from kppi_core.quota import check_lists, engine
from kppi_core.quota.rulesets import BUILTIN
from kppi_core.reading import read_lists
from kppi_core.registry import build as registry_build
from kppi_core.registry import build_registry
from kppi_core.samples import sample_path
from kppi_core.sources import ReadContext

REAL = Path(__file__).parent / "data" / "real" / "kpu-dct-2024" / "candidates.csv"
SAMPLES = sample_path().parent
_CONTEXT = ReadContext()
USERS = (candidates_csv, engine, registry_build)  # every module that pauses the collector


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_and_restored(collector_on: None) -> None:
    with _gc.paused():
        assert not gc.isenabled()
        with _gc.paused():  # nested: the inner end leaves it off
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), _gc.paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(collector_on: None) -> None:
    gc.disable()
    with _gc.paused():
        pass
    assert not gc.isenabled()


def test_concurrent_jobs_restore_it_once_the_last_ends(collector_on: None) -> None:
    inside, release = threading.Barrier(2), threading.Event()

    def job() -> None:
        with _gc.paused():
            inside.wait()
            release.wait()

    other = threading.Thread(target=job)
    other.start()
    with _gc.paused():
        inside.wait()
    assert not gc.isenabled()  # the other job still runs
    release.set()
    other.join()
    assert gc.isenabled()


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every job runs with the collector on: the plain path."""
    for module in USERS:
        monkeypatch.setattr(module, "paused", contextlib.nullcontext)


@pytest.mark.parametrize("path", [sample_path("candidates"), REAL], ids=["sample", "real"])
def test_read_and_check_give_the_same_with_the_collector_running(
    path: Path, monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    def run() -> tuple[object, ...]:
        read = read_lists(path)
        report = check_lists(read.lists, BUILTIN["uu7-2017"], rejected=read.rejected)
        return read, report

    fast = run()
    _plain(monkeypatch)
    assert run() == fast


def test_a_registry_build_gives_the_same_with_the_collector_running(
    monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    def run() -> object:
        sources = []
        for party in ("gerindra", "pan", "pkb", "ppp"):
            path = SAMPLES / f"kota_serang_members_{party}.csv"
            sources.append((party, list(membership_csv.MembershipCsvSource().read(path, _CONTEXT))))
        return build_registry(sources, key=b"test-key")

    fast = run()
    _plain(monkeypatch)
    assert run() == fast
