"""Benchmark: stream a 5-million-row party membership CSV through the membership source.

Generates (seeded, so every run sees the same data) a membership export with
the Indonesian headers (nama, jenis kelamin, NIK, tanggal lahir, no KTA,
partai, kab/kota, tanggal bergabung) into ``benchmarks/out/``, then:

1. a bare ``csv.reader`` pass over the file (the floor: no model at all);
2. the ``membership-csv`` source, counting members by party and gender from
   the Person and Membership objects it yields;
3. the source's ``tally`` path: the same row checks, counts without model
   objects (as ``kppi check`` reads candidate lists without Candidacy objects).

Each pass runs in a fresh process, so its peak memory (max RSS) is its own.
Prints rows/s and peak MiB for both.

Run: ``python benchmarks/bench_membership.py [--rows N]`` (from the repo root;
``src`` is put on the path if kppi_core is not installed). The file is kept
between runs and regenerated only when missing or of another size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"

PARTIES = [
    "PKB", "Gerindra", "PDI-P", "Golkar", "NasDem", "Partai Buruh", "Gelora", "PKS", "PKN",
    "Hanura", "Garuda", "PAN", "PBB", "Demokrat", "PSI", "Perindo", "PPP", "Ummat",
]  # fmt: skip
REGIONS = [("3673", "Kota Serang"), ("3604", "Kabupaten Serang"), ("3672", "Kota Cilegon")]
GIVEN = ["Siti", "Dewi", "Ayu", "Rina", "Budi", "Agus", "Eko", "Joko", "Nur", "Sri"]
FAMILY = ["Lestari", "Wati", "Santoso", "Hidayat", "Rahma", "Saputra", "Utami", "Kurnia"]


def generate(path: Path, rows: int, seed: int = 2024) -> None:
    """Write ``rows`` members: every 20th without NIK, every 10th without KTA."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Nama,Jenis Kelamin,NIK,Tanggal Lahir,No KTA,Partai,Kab/Kota,Tanggal Bergabung\n")
        buffer = []
        for i in range(rows):
            woman = rng.random() < 0.45
            party = PARTIES[i % len(PARTIES)]
            code, region = REGIONS[rng.randrange(3)]
            year, month, day = rng.randrange(1950, 2005), rng.randrange(1, 13), rng.randrange(1, 29)
            nik = ""
            if i % 20:
                nik = (
                    f"{code}{rng.randrange(1, 20):02d}{day + 40 * woman:02d}{month:02d}"
                    f"{year % 100:02d}{rng.randrange(1, 10000):04d}"
                )
            born = f"{day:02d}-{month:02d}-{year}" if i % 3 else f"{year}-{month:02d}-{day:02d}"
            kta = f"{i:09d}" if i % 10 else ""
            joined = f"{rng.randrange(2010, 2024)}-{rng.randrange(1, 13):02d}-01"
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            sex = "P" if woman else "L"
            buffer.append(f"{name},{sex},{nik},{born},{kta},{party},{region},{joined}\n")
            if len(buffer) == 10_000:
                out.write("".join(buffer))
                buffer.clear()
        out.write("".join(buffer))


def bare(path: Path) -> dict[str, float]:
    """A bare csv.reader pass: count rows."""
    import csv

    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = sum(1 for _ in reader)
    return {"rows": rows, "seconds": time.perf_counter() - start}


def source(path: Path) -> dict[str, float]:
    """The membership-csv source: count members by party and gender."""
    from kppi_core.adapters.membership_csv import MembershipCsvSource
    from kppi_core.model import Membership, Person
    from kppi_core.rejections import Rejection
    from kppi_core.sources import ReadContext

    start = time.perf_counter()
    gender_of: dict[int, str] = {}
    counts: dict[tuple[str, str], int] = {}
    rejected = 0
    rows = 0
    for item in MembershipCsvSource().read(path, ReadContext()):
        if isinstance(item, Rejection):
            rejected += 1
            rows += 1
            continue
        record = item.record
        if isinstance(record, Person):
            gender_of[item.line] = record.gender.value
        elif isinstance(record, Membership):
            rows += 1
            key = (record.organization_id, gender_of.pop(item.line))
            counts[key] = counts.get(key, 0) + 1
    seconds = time.perf_counter() - start
    women = sum(n for (_, g), n in counts.items() if g == "female")
    return {"rows": rows, "seconds": seconds, "rejected": rejected, "women": women}


def tally(path: Path) -> dict[str, float]:
    """The source's tally path: the same checks, no model objects."""
    from kppi_core.adapters.membership_csv import MembershipCsvSource
    from kppi_core.model import Gender
    from kppi_core.sources import ReadContext

    start = time.perf_counter()
    result = MembershipCsvSource().tally(path, ReadContext())
    seconds = time.perf_counter() - start
    women = sum(n for (_, g), n in result.counts.items() if g is Gender.FEMALE)
    return {
        "rows": result.rows,
        "seconds": seconds,
        "rejected": len(result.rejected),
        "women": women,
    }


PASSES = {"bare": bare, "source": source, "tally": tally}
LABELS = {
    "bare": "bare csv.reader",
    "source": "membership-csv source",
    "tally": "source's tally path",
}


def child(kind: str, path: Path) -> None:
    """Run one pass and print its figures as JSON, with this process's peak RSS."""
    result = PASSES[kind](path)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--child", choices=tuple(PASSES), help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path)
        return
    path = OUT / f"membership-{args.rows}.csv"
    if not path.exists():
        print(f"generating {path} ({args.rows:,} rows)…", flush=True)
        generate(path, args.rows)
    size = path.stat().st_size / 2**20
    print(f"{path.name}: {args.rows:,} rows, {size:,.0f} MiB")
    for kind in PASSES:
        done = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--path", str(path)],
            check=True,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT / "src")},
        )
        result = json.loads(done.stdout)
        rate = result["rows"] / result["seconds"]
        label = LABELS[kind]
        extra = ""
        if kind != "bare":
            extra = f", {result['rejected']:,} rejected, {result['women']:,} women"
        print(
            f"{label:>22}: {result['rows']:,} rows in {result['seconds']:.2f} s = "
            f"{rate:,.0f} rows/s, peak {result['peak_mib']:.0f} MiB{extra}"
        )


if __name__ == "__main__":
    main()
