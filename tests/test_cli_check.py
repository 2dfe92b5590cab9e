"""``kppi check``: formats, exit statuses, Indonesian headers, the bad-input corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kppi_core import __version__
from kppi_core.cli import main

BAD = Path(__file__).parent / "data" / "bad"
REAL = Path(__file__).parent / "data" / "real"
DCT = REAL / "kpu-dct-2024" / "candidates.csv"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def as_json(result: Result) -> dict:  # type: ignore[type-arg]
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_help_lists_check() -> None:
    result = run("--help")
    assert result.exit_code == 0 and "check" in result.output


# name → (exit status, what stdout or stderr must say)
CORPUS = {
    "empty.csv": (2, "the file is empty"),
    "header_only.csv": (1, "no candidate lists"),
    "missing_column.csv": (2, "missing required column(s) gender"),
    "ragged.csv": (1, "ragged.csv:5: has 6 fields, the header has 7"),
    "bom.csv": (0, "1 list: 1 compliant"),
    "cp1252.csv": (2, "cp1252.csv:5: byte 0xe9 is not valid utf-8"),
    "nul.csv": (1, "nul.csv:5: contains a NUL byte"),
    "unknown_sex.csv": (1, "[gender]: 'X' is not a sex code; accepted: P, Perempuan"),
    "bad_integers.csv": (1, "[seats]: 'tiga' is not a whole number"),
    "duplicate_list_numbers.csv": (1, "list numbers must run 1..3: repeated 1; missing 3"),
    "conflicting_seats.csv": (1, "district 'D1' has 3 seats at line 2, 4 here"),
    "indonesian_headers.csv": (0, "3 records read: 3 accepted, 0 rejected"),
    "not_json.json": (2, "none of the sources dataset-json, kpu-json, popolo-json recognises"),
    "not_a_dataset.json": (2, "none of the sources dataset-json, kpu-json, popolo-json recognises"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_input_corpus(name: str) -> None:
    status, says = CORPUS[name]
    result = run("check", str(BAD / name))
    assert result.exit_code == status, result.output
    assert says in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("name", sorted(n for n in CORPUS if n.endswith(".csv")))
def test_every_row_is_accepted_or_rejected(name: str) -> None:
    result = run("check", str(BAD / name), "--format", "json")
    if result.exit_code == 2:
        return  # could not run at all: nothing was read
    data = as_json(result)
    body = (BAD / name).read_bytes().replace(b"\r\n", b"\n")
    data_lines = [ln for ln in body.split(b"\n")[1:] if ln.strip(b", \xef\xbb\xbf")]
    summary = data["summary"]
    assert summary["records"] == len(data_lines)
    assert summary["rejected"] == len(data["rejected"])
    accepted = sum(item["candidates"] for item in data["lists"])
    assert accepted + summary["rejected"] == summary["records"]
    assert all({"source", "line", "field", "reason"} <= r.keys() for r in data["rejected"])


def test_cp1252_reads_with_encoding() -> None:
    result = run("check", str(BAD / "cp1252.csv"), "--encoding", "cp1252", "--format", "json")
    assert result.exit_code == 0, result.output
    assert as_json(result)["summary"]["lists"] == 2


def test_usage_errors_exit_2() -> None:
    assert run("check").exit_code == 2
    assert run("check", str(DCT), "--sample").exit_code == 2
    result = run("check", str(DCT), "--rules", "nope")
    assert result.exit_code == 2 and "uu7-2017" in result.output
    assert run("check", str(DCT), "--format", "xml").exit_code == 2
    missing = run("check", "no/such/file.csv")
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_real_lists_under_both_rule_sets() -> None:
    # SOURCE.md: 0 lists below 30% rounded half-up; 33 below 30% rounded up,
    # of which the one-candidate lists are exempt by default.
    pkpu = as_json(run("check", str(DCT), "--rules", "pkpu-10-2023", "--format", "json"))
    assert pkpu["summary"] == {
        "lists": 155, "compliant": 155, "noncompliant": 0, "undetermined": 0,
        "violations": {}, "rejected": 0, "records": 1062,
    }  # fmt: skip
    result = run("check", str(DCT), "--format", "json")
    assert result.exit_code == 1
    uu7 = as_json(result)
    assert uu7["rule_set"] == "uu7-2017"
    assert uu7["summary"]["violations"] == {"list-women-share": 31}
    notes = [f for f in uu7["findings"] if f["status"] == "note"]
    one_man = [f for f in notes if f["rule"] == "list-women-share"]
    assert len(one_man) == 2  # 31 + these 2 = SOURCE.md's 33


def test_json_contract() -> None:
    data = as_json(run("check", str(DCT), "--format", "json"))
    assert set(data) >= {"rule_set", "summary", "findings", "rejected"}
    assert set(data["summary"]) >= {
        "lists", "compliant", "noncompliant", "undetermined", "violations",
    }  # fmt: skip
    finding = next(f for f in data["findings"] if f["status"] == "violation")
    assert set(finding) >= {
        "rule", "election", "district", "party", "message", "candidates", "women",
        "required", "shortfall", "legal_source", "repair",
    }  # fmt: skip
    assert finding["required"] - finding["women"] == finding["shortfall"]


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown"])
def test_other_formats(fmt: str) -> None:
    result = run("check", str(DCT), "--format", fmt)
    assert result.exit_code == 1
    out = result.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert sum(r["status"] == "violation" for r in rows) == 31
        assert {r["rule"] for r in rows if r["status"] == "violation"} == {"list-women-share"}
    elif fmt == "markdown":
        assert out.startswith("# Quota check: uu7-2017")
        assert "| 155 | 124 | 31 | 0 | 0 |" in out
    else:
        assert "155 lists: 124 compliant, 31 not compliant, 0 cannot be determined yet" in out


def test_indonesian_and_odd_headers(tmp_path: Path) -> None:
    f = tmp_path / "dct.csv"
    f.write_text(
        " PEMILU ,dapil,Kursi,PARTAI,Nomor_Urut,nama,Jenis Kelamin,Tanggal Lahir,Suara,Terpilih\n"
        "DPRD,Serang 1,8,Partai A,1,Siti,Wanita,1980-05,120,ya\n"
        "DPRD,Serang 1,8,Partai A,2,Budi,Pria,,30,tidak\n"
        "DPRD,Serang 1,8,Partai A,3,Dewi,W,1975,5,\n",
        encoding="utf-8",
    )
    result = run("check", str(f), "--format", "json")
    assert result.exit_code == 0, result.output
    assert as_json(result)["summary"]["compliant"] == 1


def test_nik_never_printed(tmp_path: Path) -> None:
    f = tmp_path / "with_nik.csv"
    good, bad = "3673015708450001", "3673019999450001"
    f.write_text(
        "election,district,seats,party,list_number,name,gender,nik\n"
        f"DPRD,D1,3,Partai A,1,Siti,P,{good}\n"
        f"DPRD,D1,3,Partai A,2,Sari,P,{bad}\n",
        encoding="utf-8",
    )
    for fmt in ("text", "json", "csv", "markdown"):
        result = run("check", str(f), "--format", fmt)
        out = result.output + result.stderr
        assert result.exit_code == 1
        assert good not in out and bad not in out
        assert "birth date or region code does not exist" in out  # the row is reported


def test_json_dataset_input(tmp_path: Path) -> None:
    from kppi_core import Candidacy, CandidateList, Gender
    from kppi_core.dataset import Dataset, dump_dataset

    members = [
        Candidacy(f"C{i}", Gender.FEMALE if i == 1 else Gender.MALE, "P", "e", "d", i)
        for i in range(1, 5)
    ]
    data = Dataset(candidate_lists=[CandidateList("e", "d", "P", members, seats=4)])
    path = tmp_path / "lists.json"
    path.write_text(dump_dataset(data), encoding="utf-8")
    uu7 = as_json(run("check", str(path), "--format", "json"))
    pkpu = as_json(run("check", str(path), "--format", "json", "--rules", "pkpu-10-2023"))
    assert uu7["summary"]["noncompliant"] == 1 and pkpu["summary"]["compliant"] == 1
    raw = json.loads(path.read_text())
    raw["candidate_lists"][0]["candidacies"][2]["gender"] = "Q"
    path.write_text(json.dumps(raw), encoding="utf-8")
    bad = as_json(run("check", str(path), "--format", "json"))
    assert bad["rejected"][0]["field"] == "$.candidate_lists[0].candidacies[2].gender"


def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from kppi_core import cli

    big = tmp_path / "big.csv"
    big.write_bytes(DCT.read_bytes() * 1)
    monkeypatch.setattr(cli, "_PROGRESS_MIN_BYTES", 10)
    with cli._progress(big) as progress:
        assert progress is None  # stderr is captured, not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with cli._progress(big) as progress:
        assert progress is not None
        progress(5)


@pytest.mark.parametrize(
    ("rules", "compliant", "violations"),
    [
        ("uu7-2017", 86, {"list-length": 1, "list-women-share": 6, "list-zipper": 3}),
        ("pkpu-10-2023", 92, {"list-length": 1, "list-zipper": 3}),
    ],
)
def test_sample(rules: str, compliant: int, violations: dict[str, int]) -> None:
    # The numbers src/kppi_core/samples/README.md promises.
    result = run("check", "--sample", "--rules", rules, "--format", "json")
    assert result.exit_code == 1
    summary = as_json(result)["summary"]
    assert summary["lists"] == 96 and summary["records"] == 602
    assert summary["compliant"] == compliant
    assert summary["noncompliant"] == 96 - compliant
    assert summary["violations"] == violations
    text = run("check", "--sample", "--rules", rules).stdout
    assert "sample: Kota Serang 2024 (synthetic)" in text
