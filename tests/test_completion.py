"""Training completion: the rule, who completed, who is one short, certificates, rosters."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kppi_core.analysis.completion import (
    CompletionRule,
    certificates_csv,
    completion,
    completion_report,
)
from kppi_core.errors import InvalidRecord
from kppi_core.model import Training, TrainingSession
from kppi_core.render import render

TRAINING = "kppi-kota-serang/pembinaan-2025"
FIVE = Training(
    "school",
    "Sekolah Politik",
    "kppi",
    sessions=[TrainingSession(f"s{i}", datetime.date(2025, 7, i)) for i in range(1, 6)],
)


def kppi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kppi_core", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def registry() -> object:
    from kppi_core.cli.cadres import SAMPLE_KEY, sample_sources
    from kppi_core.registry import build_registry, read_decisions
    from kppi_core.samples import sample_path

    return build_registry(
        sample_sources(), key=SAMPLE_KEY, decisions=read_decisions(sample_path("decisions"))
    )


def test_rule_binds_to_a_training() -> None:
    assert CompletionRule("school").bind(FIVE) == (5, frozenset(f"s{i}" for i in range(1, 6)))
    assert CompletionRule("school", 4).describe(FIVE) == "at least 4 of 5 sessions"
    rule = CompletionRule("school", 3, ("s1",))
    assert rule.describe(FIVE) == "at least 3 of 5 sessions, including s1"
    assert rule.describe(FIVE, "id") == "paling sedikit 3 dari 5 sesi, termasuk s1"
    assert CompletionRule("school", required=("s2", "s1")).describe(FIVE, "id") == "sesi s1, s2"
    assert CompletionRule("school").describe(FIVE, "id") == "semua 5 sesi"
    with pytest.raises(InvalidRecord, match="s9"):
        CompletionRule("school", required=("s9",)).bind(FIVE)
    with pytest.raises(InvalidRecord, match="6 sessions asked"):
        CompletionRule("school", 6).bind(FIVE)
    with pytest.raises(InvalidRecord):
        CompletionRule("school", 0)


@given(
    st.sets(st.sampled_from([f"s{i}" for i in range(1, 6)])),
    st.integers(1, 5),
    st.sets(st.sampled_from([f"s{i}" for i in range(1, 6)])),
)
def test_short_is_the_fewest_sessions_that_complete(
    attended: set[str], k: int, required: set[str]
) -> None:
    """Adding ``short`` well-chosen sessions completes; fewer never does."""
    rule = CompletionRule("school", k, tuple(sorted(required)))
    need, req = rule.bind(FIVE)
    short = max(need - len(attended), len(req - attended))

    def complete(a: set[str]) -> bool:
        return len(a) >= need and req <= a

    missing = sorted(req - attended) + sorted({f"s{i}" for i in range(1, 6)} - attended - req)
    assert complete(attended | set(missing[:short]))
    if short:
        assert not complete(attended | set(missing[: short - 1]))


def test_completion_from_the_sample(registry: object) -> None:
    # Counted against the training report on the same registry, so the test holds
    # when better matching (phone numbers) merges more sign-ins into one person.
    from kppi_core.analysis import training_report

    done = completion(registry)  # type: ignore[arg-type]
    assert done.training.id == TRAINING and done.rule.describe(done.training) == "all 2 sessions"
    facts = dict(training_report(registry, TRAINING).facts)  # type: ignore[arg-type]
    assert len(done.standings) == facts["participants"]
    both = [s for s in done.standings if s.attended == ("day-1", "day-2")]
    assert done.completed == tuple(both) and both  # the board members who came twice
    assert all(len(s.attended) == 1 for s in done.one_short)
    assert len(done.completed) + len(done.one_short) == len(done.standings)
    rosters = dict(done.rosters)
    for session in ("day-1", "day-2"):
        assert set(rosters[session]) == {
            s.person_id for s in done.standings if session in s.attended
        }
    lenient = completion(registry, CompletionRule(TRAINING, 1))  # type: ignore[arg-type]
    assert lenient.completed == tuple(lenient.standings) and not lenient.one_short
    day1 = completion(registry, CompletionRule(TRAINING, required=("day-1",)))  # type: ignore[arg-type]
    assert {s.person_id for s in day1.completed} == set(rosters["day-1"])


def test_certificates_are_a_mail_merge_csv(registry: object) -> None:
    done = completion(registry)  # type: ignore[arg-type]
    rows = list(csv.DictReader(io.StringIO(certificates_csv(done))))
    assert [r["name"] for r in rows] == [s.name for s in done.completed]
    assert set(rows[0]) == {"name", "organisation", "training", "sessions_attended", "person_id"}
    text = certificates_csv(done)
    assert "3673" not in text.replace("gerindra/kta/3673300144", "")  # no NIK, no phone


def test_report_has_a_roster_per_session(registry: object) -> None:
    report = completion_report(completion(registry))  # type: ignore[arg-type]
    names = [t.name for t in report.tables]
    assert names == ["completed", "one_short", "standings", "roster:day-1", "roster:day-2"]
    markdown = render(report, "markdown")
    assert "## Roster: day-1 (June 14, 2025)" in markdown
    assert "0812" not in markdown  # attendance sheets' phone numbers never reach a report


def test_cli_completion_with_certificates(tmp_path: Path) -> None:
    out = tmp_path / "certificates.csv"
    result = kppi("training", "completion", "--sample", "--format", "json",
                  "--certificates", str(out))  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    completed = data["facts"]["completed"]
    assert completed == len(data["tables"]["completed"]) > 0
    assert data["facts"]["one_session_short"] == len(data["tables"]["one_short"])
    assert len(out.read_text(encoding="utf-8").splitlines()) == completed + 1
    strict = kppi("training", "completion", "--sample", "--require", "nope")
    assert strict.returncode == 2 and "nope" in strict.stderr
    k = json.loads(kppi("training", "completion", "--sample", "--at-least", "1",
                        "--format", "json").stdout)  # fmt: skip
    assert k["facts"]["completed"] == k["facts"]["participants"]
