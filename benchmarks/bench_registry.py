"""Benchmark: a registry from three party membership exports, 1,000,000 rows in all.

10% of the people are members of two of the three parties (the same NIK in
both exports), so the registry merges about 91,000 pairs and flags each as
``two_parties``. Every row has a valid synthetic NIK and a birth date.

Reports rows per second (by wall time and by the process's CPU time, with the
load average: the CPU figure is steadier on a shared machine) and peak memory
(the process's maximum resident set size) for reading the exports through the
membership source and building the registry, then for the build alone from
records already in memory. Target from issue 6: ≥ 100,000 rows/s and ≤ 1 GiB.

Usage, from the repository root::

    PYTHONPATH=src python benchmarks/bench_registry.py [--rows 1000000] [--dir /tmp/kppi-bench]

The exports are written once into ``--dir`` and reused.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

PARTIES = ("PKB", "PPP", "PAN")
_SYLLABLES = [
    "ba",
    "di",
    "ka",
    "li",
    "ma",
    "ni",
    "ra",
    "sa",
    "ti",
    "wa",
    "yu",
    "ha",
    "ne",
    "ro",
    "su",
]
GIVEN = sorted({(a + b + c).title() for a in _SYLLABLES for b in _SYLLABLES for c in "hinsty"})[
    :600
]
FAMILY = sorted({(a + b + "wati").title() for a in _SYLLABLES for b in _SYLLABLES})


def generate(folder: Path, rows: int, seed: int = 6) -> list[Path]:
    """Write three exports holding ``rows`` rows, 10% of people in two parties."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"members_{p.lower()}_{rows}.csv" for p in PARTIES]
    if all(p.exists() for p in paths):
        return paths
    rnd = random.Random(seed)
    people = round(rows / 1.1)
    serial: dict[tuple[int, int, int], int] = {}
    handles = [p.open("w", encoding="utf-8", newline="") for p in paths]
    writers = [csv.writer(h, lineterminator="\n") for h in handles]
    for w in writers:
        w.writerow(
            [
                "Nama",
                "Jenis Kelamin",
                "NIK",
                "Tanggal Lahir",
                "No KTA",
                "Partai",
                "Wilayah",
                "Tanggal Bergabung",
            ]
        )
    kta = [0, 0, 0]
    written = 0
    for i in range(people):
        female = rnd.random() < 0.6
        y, m, d = rnd.randint(1955, 2004), rnd.randint(1, 12), rnd.randint(1, 28)
        n = serial[(y, m, d)] = serial.get((y, m, d), 0) + 1
        district = 1 + n // 10000
        nik = (
            f"3673{district:02d}{d + (40 if female else 0):02d}{m:02d}{y % 100:02d}{n % 10000:04d}"
        )
        name = f"{rnd.choice(GIVEN)} {rnd.choice(GIVEN)} {rnd.choice(FAMILY)}"
        parties = rnd.sample(range(3), 2) if i % 10 == 0 else [rnd.randrange(3)]
        for p in parties:
            if written >= rows:
                break
            kta[p] += 1
            writers[p].writerow(
                [
                    name,
                    "P" if female else "L",
                    nik,
                    f"{y:04d}-{m:02d}-{d:02d}",
                    f"{p + 1}{kta[p]:09d}",
                    PARTIES[p],
                    "Kota Serang",
                    "2020-01-01",
                ]
            )
            written += 1
    for h in handles:
        h.close()
    return paths


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def measure(paths: list[Path], mode: str) -> None:
    """Run in a fresh process: ``read+build`` or ``build`` (records read first)."""
    from kppi_core.cli.cadres import read_records
    from kppi_core.registry import build_registry

    key = b"benchmark key"
    base = peak_mib()
    gc.freeze()
    if mode == "build":
        loaded = [(str(p), list(read_records(p))) for p in paths]
        rows = sum(
            1
            for _, rs in loaded
            for r in rs
            if type(r).__name__ == "Located" and type(r.record).__name__ == "Person"
        )
        before = peak_mib()
        start, cpu = time.perf_counter(), time.process_time()
        registry = build_registry(loaded, key=key)
    else:
        rows = sum(sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in paths)
        before = base
        start, cpu = time.perf_counter(), time.process_time()
        registry = build_registry([(str(p), read_records(p)) for p in paths], key=key)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    flags = sum(1 for f in registry.flags if f.kind.value == "two_parties")
    print(
        f"{mode:>10}: {rows:,} rows in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s "
        f"(CPU {cpu:.1f} s = {rows / cpu:,.0f} rows/s; load {os.getloadavg()[0]:.1f}); "
        f"persons {len(registry.persons):,}, merges {len(registry.merges):,}, "
        f"two_parties flags {flags:,}, ambiguities {len(registry.ambiguities):,}; "
        f"peak RSS {peak_mib():,.0f} MiB (before this step {before:,.0f} MiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/kppi-bench"))
    parser.add_argument("--mode", choices=("read+build", "build"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    paths = generate(args.dir, args.rows)
    if args.mode:
        measure(paths, args.mode)
        return
    print(f"{args.rows:,} rows in {', '.join(p.name for p in paths)}")
    for mode in ("read+build", "build"):
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--rows",
                str(args.rows),
                "--dir",
                str(args.dir),
                "--mode",
                mode,
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
