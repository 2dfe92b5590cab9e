"""``kppi seats`` and ``kppi representation``: the sample, user files, bad input, exit statuses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kppi_core.cli import main

HEADER = "election,district,seats,party,list_number,name,gender,nik,votes\n"
NIK = "3273014101900001"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(tmp_path: Path, body: str, name: str = "results.csv", header: str = HEADER) -> str:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return str(path)


RESULTS = (
    f"E,D1,3,A,1,Ahmad,L,{NIK},300\n"
    "E,D1,3,A,2,Siti,P,,200\n"
    "E,D1,3,A,3,Budi,L,,10\n"
    "E,D1,3,B,1,Rina,P,,50\n"
    "E,D1,3,B,2,Joko,L,,60\n"
)


def test_help_lists_both_commands() -> None:
    result = run("--help")
    assert "seats" in result.output and "representation" in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_seats_sample_every_format(fmt: str) -> None:
    result = run("seats", "--sample", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["summary"] == {
            "districts": 6,
            "seats": 45,
            "women": 9,
            "unresolved": 0,
            "rejected": 0,
        }
        first = data["districts"][0]
        assert sum(first["seats_by_party"].values()) == first["seats"] == 8
        assert len(first["audit"]["order"]) == 8 and "margin" in first["audit"]
        assert len(first["elected"]) == 8
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert sum(1 for r in rows if r["kind"] == "elected") == 45
    elif fmt == "text":
        assert "6 districts: women won 9 of 45 seats (20.0%)" in result.stdout


def test_seats_user_file_never_shows_a_nik(tmp_path: Path) -> None:
    path = write(tmp_path, RESULTS)
    for fmt in ("text", "json", "csv", "markdown"):
        result = run("seats", path, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert NIK not in result.output
    data = json.loads(run("seats", path, "--format", "json").stdout)
    elected = [(e["party"], e["name"]) for e in data["districts"][0]["elected"]]
    assert elected == [("A", "Ahmad"), ("A", "Siti"), ("B", "Joko")]
    closed = json.loads(run("seats", path, "--format", "json", "--list", "closed").stdout)
    assert [e["name"] for e in closed["districts"][0]["elected"]] == ["Ahmad", "Siti", "Rina"]


def test_seats_threshold_and_method_options(tmp_path: Path) -> None:
    path = write(tmp_path, RESULTS)
    data = json.loads(
        run("seats", path, "--chamber", "dpr", "--threshold", "20%", "--format", "json").stdout
    )
    assert data["passing"] == ["A"] and data["threshold"] == "1/5"
    assert data["threshold_basis"] == "districts"
    assert data["districts"][0]["seats_by_party"] == {"A": 3}
    dhondt = json.loads(run("seats", path, "--method", "dhondt", "--format", "json").stdout)
    assert dhondt["method"] == "dhondt"


def test_seats_undecided_tie_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, "E,D1,1,A,1,Ahmad,L,,5\nE,D1,1,A,2,Budi,L,,5\n")
    result = run("seats", path)
    assert result.exit_code == 1
    assert "tie in A: 2 candidates on 5 votes for 1 seat; given: none; open: 1" in result.stdout
    decided = write(tmp_path, "E,D1,1,A,1,Ahmad,L,,5\nE,D1,1,A,2,Siti,P,,5\n", "w.csv")
    result = run("seats", decided)
    assert result.exit_code == 0 and "Siti (woman rule)" in result.stdout
    assert run("seats", decided, "--no-woman-priority").exit_code == 1


def test_seats_rejected_rows_exit_1(tmp_path: Path) -> None:
    path = write(tmp_path, RESULTS + "E,D1,3,B,3,Dewi,X,,4\n")
    result = run("seats", path)
    assert result.exit_code == 1 and "is not a sex code" in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "give PATH or --sample"),
        (("--sample", "PATH"), "give PATH or --sample"),
        (("--sample", "--method", "nope"), "--method"),
        (("--sample", "--threshold", "lots"), "is not a share"),
        (("--sample", "--threshold", "120%"), "between 0 and 1"),
        (("--sample", "--chamber", "dpd"), "not elected by party lists"),
        (("missing.csv",), "no such file"),
    ],
)
def test_seats_cannot_run_exits_2(args: tuple[str, ...], says: str) -> None:
    result = CliRunner().invoke(main, ["seats", *args])
    assert result.exit_code == 2 and says in result.output


def test_seats_without_votes_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path, "E,D1,1,A,1,Ahmad,L,,\n")
    result = CliRunner().invoke(main, ["seats", path])
    assert result.exit_code == 2 and "no votes" in result.output


def test_seats_header_only_exits_1(tmp_path: Path) -> None:
    result = run("seats", write(tmp_path, ""))
    assert result.exit_code == 1 and "no districts" in result.output


# -------------------------------------------------------------------------- representation


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_representation_sample(fmt: str) -> None:
    result = run("representation", "--sample", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        council = json.loads(result.stdout)["figures"][0]
        assert (council["seats"], council["women"], council["share"]) == (45, 9, "1/5")
        assert (council["required_30"], council["missing_30"]) == (14, 5)
        assert (council["required_15"], council["missing_15"]) == (7, 0)
    if fmt == "text":
        assert "women have 9 of 45 seats (20.0%)" in result.stdout
        assert "30% target: 14 women — 5 more women needed" in result.stdout


def test_representation_fail_under() -> None:
    assert run("representation", "--sample", "--fail-under", "target").exit_code == 1
    assert run("representation", "--sample", "--fail-under", "none").exit_code == 0


FIGURES = "council,chamber,date,seats,women,source,note\n"


def test_representation_of_figures_keeps_every_source(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "DPR,DPR,2024-10,580,127,IPU Parline,\nDPR,DPR,2024-10,580,129,another count,\n"
        "DPR,DPR,2019,575,118,IPU Parline,\n",
        "figures.csv",
        FIGURES,
    )
    result = run("representation", path, "--format", "json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["figures"]
    assert [(f["women"], f["missing_30"], f["percent"]) for f in figures] == [
        (127, 47, "21.9%"),
        (129, 45, "22.2%"),
        (118, 55, "20.5%"),
    ]


def test_representation_below_minimum_and_bad_rows_exit_1(tmp_path: Path) -> None:
    low = write(tmp_path, "X,,2024,40,4,count,\n", "low.csv", FIGURES)
    result = run("representation", low)
    assert result.exit_code == 1 and "15% minimum: 6 women — 2 more women needed" in result.stdout
    bad = write(tmp_path, "X,,2024,forty,4,count,\nY,,2024,10,12,count,\n", "bad.csv", FIGURES)
    result = run("representation", bad)
    assert result.exit_code == 1
    assert "bad.csv:2 [seats]" in result.stdout and "exceed seats" in result.stdout


def test_representation_of_results(tmp_path: Path) -> None:
    result = run("representation", write(tmp_path, RESULTS), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["seats"] == "3" and rows[0]["women"] == "1" and rows[0]["percent"] == "33.3%"
    assert result.exit_code == 0 and NIK not in result.stdout
