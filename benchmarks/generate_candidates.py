"""Generate a national-scale candidates CSV (seeded, so every run writes the same file).

The shape follows the 2024 legislative election: 2,710 districts over three
levels — DPR (84 districts, 3–10 seats, 580 seats), DPRD province (301 districts,
3–12 seats, 2,372 seats) and DPRD regency/city (2,325 districts, 3–12 seats,
17,510 seats) — and the 18 national parties, about 250,000 candidate rows in all.
Not every party stands in every district; a list is mostly as long as the
district's seats, sometimes shorter, rarely one longer.

Most lists obey the gender quota. Some, on purpose, do not: too few women for
the 30% share (often one short, e.g. 2 women of 7 or 8, which passes the
half-up rounding of PKPU 10/2023 but not rounding up), a block of three
positions without a woman, a skipped or repeated list number, a list longer
than the seats; about 0.5% of the rows leave the sex blank (unknown).

Every name, district and domicile is invented from syllables; the parties are
the 2024 national parties, one spelling each.

Columns: ``election,district,seats,party,list_number,name,gender,domicile,votes``.

Run: ``python benchmarks/generate_candidates.py OUT.csv [--seed N] [--rows-scale F]``
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from collections.abc import Iterator
from pathlib import Path

COLUMNS = [
    "election",
    "district",
    "seats",
    "party",
    "list_number",
    "name",
    "gender",
    "domicile",
    "votes",
]

# election → (districts, min seats, max seats, total seats), as in 2024.
LEVELS: dict[str, tuple[int, int, int, int]] = {
    "DPR": (84, 3, 10, 580),
    "DPRD_PROV": (301, 3, 12, 2_372),
    "DPRD_KABKO": (2_325, 3, 12, 17_510),
}

# Chance that a party puts up a list in a district, before its own factor.
STANDS: dict[str, float] = {"DPR": 0.99, "DPRD_PROV": 0.86, "DPRD_KABKO": 0.71}

# The 18 national parties of 2024, one spelling each, with a factor for how
# widely each stands (invented; larger parties stand nearly everywhere).
PARTIES: list[tuple[str, float]] = [
    ("Partai Kebangkitan Bangsa", 1.05),
    ("Partai Gerakan Indonesia Raya", 1.15),
    ("Partai Demokrasi Indonesia Perjuangan", 1.15),
    ("Partai Golongan Karya", 1.15),
    ("Partai NasDem", 1.1),
    ("Partai Buruh", 0.85),
    ("Partai Gelombang Rakyat Indonesia", 0.9),
    ("Partai Keadilan Sejahtera", 1.1),
    ("Partai Kebangkitan Nusantara", 0.8),
    ("Partai Hati Nurani Rakyat", 0.95),
    ("Partai Garda Republik Indonesia", 0.75),
    ("Partai Amanat Nasional", 1.1),
    ("Partai Bulan Bintang", 0.85),
    ("Partai Demokrat", 1.1),
    ("Partai Solidaritas Indonesia", 0.95),
    ("Partai Persatuan Indonesia", 1.0),
    ("Partai Persatuan Pembangunan", 1.05),
    ("Partai Ummat", 0.8),
]

N_PROVINCES = 38
N_REGENCIES = 514

_SYLLABLE_TEXT = (
    "a ba be bi bu da de di do du ga gi gu ha hi ja ju ka ki ko ku la li lu ma me mi mu "
    "na ni no nu pa pi pu ra ri ro ru sa se si su ta te ti to tu wa wi ya yu "
    "dar man ran wan sih yah tin rul fan dra jo har lan mad nur rah san tri yan"
)
SYLLABLES = _SYLLABLE_TEXT.split()
TITLES_AFTER = (", S.H.", ", S.E.", ", S.Pd.", ", S.Sos.", ", S.T.", ", M.Si.", ", S.Kom.")


def word(rng: random.Random, lo: int = 2, hi: int = 3) -> str:
    """An invented word of ``lo``–``hi`` syllables, capitalised."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(lo, hi))).capitalize()


def unique_words(rng: random.Random, count: int, lo: int, hi: int) -> list[str]:
    """``count`` distinct invented words, upper case."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        w = word(rng, lo, hi).upper()
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def person_name(rng: random.Random, woman: bool) -> str:
    """An invented full name in the upper case KPU lists use, now and then with titles."""
    parts = [word(rng) for _ in range(rng.choice((1, 2, 2, 2, 3)))]
    name = " ".join(parts).upper()
    r = rng.random()
    if r < 0.05:
        name = ("HJ. " if woman else "H. ") + name
    if rng.random() < 0.25:
        name += rng.choice(TITLES_AFTER)
    return name


def seat_counts(rng: random.Random, count: int, lo: int, hi: int, total: int) -> list[int]:
    """``count`` district sizes in ``lo..hi`` that sum to ``total`` (clamped to what fits)."""
    total = max(lo * count, min(hi * count, total))
    mean = total / count
    seats = [max(lo, min(hi, round(rng.gauss(mean, (hi - lo) / 3.5)))) for _ in range(count)]
    diff = total - sum(seats)
    while diff:
        i = rng.randrange(count)
        if diff > 0 and seats[i] < hi:
            seats[i] += 1
            diff -= 1
        elif diff < 0 and seats[i] > lo:
            seats[i] -= 1
            diff += 1
    return seats


def required_women(n: int) -> int:
    """30% of ``n`` rounded up (UU 7/2017 as the MA reads it)."""
    return (3 * n + 9) // 10


def list_genders(rng: random.Random, n: int) -> list[str]:
    """Sex codes ("P"/"L") for positions 1..n, compliant or faulty by a drawn pattern."""
    genders = ["L"] * n
    required = required_women(n) if n > 1 else 0
    blocks = [list(range(b, min(b + 3, n))) for b in range(0, n, 3)]
    r = rng.random()
    if r < 0.80 or n < 3:
        # Compliant: a woman in each block (the last, incomplete one usually too),
        # then more until the share is met, sometimes a few extra.
        for i, block in enumerate(blocks):
            if len(block) == 3 or i == 0 or rng.random() < 0.6:
                genders[rng.choice(block)] = "P"
        extra = rng.random() < 0.35
        men = [i for i, g in enumerate(genders) if g == "L"]
        rng.shuffle(men)
        while men and (genders.count("P") < required or (extra and rng.random() < 0.3)):
            genders[men.pop()] = "P"
        if n == 1 and rng.random() < 0.7:
            genders[0] = "L"  # one-candidate lists are mostly a man
    elif r < 0.89:
        # Share one short (two short now and then), spread one per block.
        women = max(0, required - (2 if rng.random() < 0.15 else 1))
        for block in blocks[:women]:
            genders[rng.choice(block)] = "P"
    elif r < 0.95:
        # Share met but one full block of three has no woman.
        full = [b for b in blocks if len(b) == 3]
        empty = set(rng.choice(full))
        others = [i for i in range(n) if i not in empty]
        rng.shuffle(others)
        for i in others[: max(required, 1)]:
            genders[i] = "P"
    else:
        # Few women, placed anywhere.
        women = rng.randint(0, max(0, required - 1))
        for i in rng.sample(range(n), women):
            genders[i] = "P"
    return genders


def list_numbers(rng: random.Random, n: int) -> list[int]:
    """Numbers 1..n, or now and then one skipped or one repeated."""
    r = rng.random()
    if n >= 2 and r < 0.004:  # a number skipped
        skip = rng.randint(2, n)
        return [k if k < skip else k + 1 for k in range(1, n + 1)]
    if n >= 2 and r < 0.007:  # a number given twice
        dup = rng.randint(1, n - 1)
        return sorted([*range(1, n), dup])
    return list(range(1, n + 1))


def list_length(rng: random.Random, seats: int) -> int:
    """Mostly the seats, sometimes fewer, rarely one more."""
    r = rng.random()
    if r < 0.005:
        return seats + 1
    if r < 0.25:
        return max(1, seats - 1 - int(rng.expovariate(0.6)))
    return seats


def districts(rng: random.Random, scale: float) -> Iterator[tuple[str, str, int, list[str]]]:
    """``(election, district, seats, domiciles)`` for every district of every level."""
    provinces = unique_words(rng, N_PROVINCES, 2, 3)
    regencies = [
        ("KOTA " if rng.random() < 0.18 else "KAB. ") + w
        for w in unique_words(rng, N_REGENCIES, 2, 4)
    ]
    for election, (count, lo, hi, total) in LEVELS.items():
        n = max(1, round(count * scale))
        sizes = seat_counts(rng, n, lo, hi, round(total * n / count))
        areas = regencies if election == "DPRD_KABKO" else provinces
        per_area = math.ceil(n / len(areas))
        names = [f"{areas[i // per_area]} {i % per_area + 1}" for i in range(n)]
        for name, seats in zip(names, sizes, strict=True):
            home = rng.randrange(len(regencies))
            domiciles = [regencies[(home + k) % len(regencies)] for k in range(4)]
            yield election, name, seats, domiciles


def rows(seed: int, scale: float) -> Iterator[list[str | int]]:
    """Every candidate row, sorted by election, district, party and list number."""
    rng = random.Random(seed)
    for election, district, seats, domiciles in districts(rng, scale):
        for party, factor in PARTIES:
            if rng.random() >= min(1.0, STANDS[election] * factor):
                continue
            n = list_length(rng, seats)
            genders = list_genders(rng, n)
            for i in range(n):
                if rng.random() < 0.005:
                    genders[i] = ""
            numbers = list_numbers(rng, n)
            strength = rng.lognormvariate(math.log(3_000), 1.0)
            for number, gender in zip(numbers, genders, strict=True):
                woman = gender == "P" or (gender == "" and rng.random() < 0.4)
                name = person_name(rng, woman)
                domicile = domiciles[0] if rng.random() < 0.7 else rng.choice(domiciles)
                votes = int(strength * rng.lognormvariate(0, 0.8) / math.sqrt(number))
                yield [election, district, seats, party, number, name, gender, domicile, votes]


def write(path: Path, seed: int = 2024, scale: float = 1.0) -> int:
    """Write the CSV to ``path``; return the number of candidate rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows(seed, scale):
            writer.writerow(row)
            count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the CSV file to write")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--rows-scale",
        type=float,
        default=1.0,
        help="scale the number of districts (and so rows); 1.0 is national scale",
    )
    args = parser.parse_args(argv)
    if args.rows_scale <= 0:
        parser.error("--rows-scale must be positive")
    count = write(args.out, args.seed, args.rows_scale)
    print(f"{args.out}: {count} candidate rows")


if __name__ == "__main__":
    main()
