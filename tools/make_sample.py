"""Write the embedded sample: synthetic candidate lists for DPRD Kota Serang 2024.

The sample behind ``kppi check --sample`` is SYNTHETIC. Every name is made up
by combining common Indonesian given names and second names at random, and
every vote count is drawn from a seeded random generator. What is modelled on
the real 2024 election is only its structure: the six districts (dapil) and
their seats, the 18 national parties with their ballot numbers, lists that are
mostly full but sometimes shorter or missing, roughly a third women, and the
pattern the 2024 lists showed in district 1 (four parties at 25–28.6% women,
compliant under PKPU 10/2023's rounding, not under the Supreme Court's).

The lists that break a rule are written out by hand in ``DELIBERATE`` below;
every other list is generated to comply under both rule sets. Before writing,
the script checks every list against the rules (the same arithmetic the
engine uses) and stops if the verdicts differ from ``EXPECTED``, so a change
to the tables cannot silently change what the README promises.

Usage, from the repository root::

    python tools/make_sample.py            # (re)write the sample CSV
    python tools/make_sample.py --check    # exit 1 if the committed file differs

The output is reproducible byte for byte: one integer seed, Python's
``random.Random`` (Mersenne Twister, stable across versions for the methods
used here), a fixed iteration order, UTF-8 without a BOM and LF line endings.
Needs nothing but the standard library; it does not import kppi_core.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

SEED = 20240214  # election day, 14 Feb 2024
ELECTION = "DPRD_KABKO"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/kppi_core/samples/kota_serang_2024_candidates.csv"
COLUMNS = (
    "election", "district", "seats", "party", "list_number", "name", "gender", "domicile", "votes",
)  # fmt: skip

# District → (seats, home kecamatan). Seats: 8, 8, 7, 10, and 12 shared by V and
# VI, split 6/6 here (the real split was not found). Home kecamatan after the
# 2019 districts as reported in 2021 (I and II: kelurahan of Kec. Serang; III:
# Kasemen; IV: Walantaka and Curug; V and VI: Cipocok Jaya and Taktakan, which
# of the two is V is assumed). Used only to make the synthetic domiciles plausible.
DISTRICTS: dict[str, tuple[int, tuple[str, ...]]] = {
    "KOTA SERANG 1": (8, ("KEC. SERANG",)),
    "KOTA SERANG 2": (8, ("KEC. SERANG",)),
    "KOTA SERANG 3": (7, ("KEC. KASEMEN",)),
    "KOTA SERANG 4": (10, ("KEC. WALANTAKA", "KEC. CURUG")),
    "KOTA SERANG 5": (6, ("KEC. CIPOCOK JAYA",)),
    "KOTA SERANG 6": (6, ("KEC. TAKTAKAN",)),
}
KECAMATAN = (
    "KEC. SERANG",
    "KEC. KASEMEN",
    "KEC. WALANTAKA",
    "KEC. CURUG",
    "KEC. CIPOCOK JAYA",
    "KEC. TAKTAKAN",
)
OUTSIDE = "KAB. SERANG"

# Ballot number → (name, median personal votes of a mid-list candidate). The
# vote strengths are invented; their order loosely follows the parties' size
# in the city, nothing more.
PARTIES: dict[int, tuple[str, int]] = {
    1: ("Partai Kebangkitan Bangsa", 230),
    2: ("Partai Gerakan Indonesia Raya", 400),
    3: ("Partai Demokrasi Indonesia Perjuangan", 270),
    4: ("Partai Golongan Karya", 370),
    5: ("Partai NasDem", 250),
    6: ("Partai Buruh", 80),
    7: ("Partai Gelombang Rakyat Indonesia", 100),
    8: ("Partai Keadilan Sejahtera", 300),
    9: ("Partai Kebangkitan Nusantara", 60),
    10: ("Partai Hati Nurani Rakyat", 150),
    11: ("Partai Garda Republik Indonesia", 55),
    12: ("Partai Amanat Nasional", 250),
    13: ("Partai Bulan Bintang", 70),
    14: ("Partai Demokrat", 200),
    15: ("Partai Solidaritas Indonesia", 90),
    16: ("PARTAI PERINDO", 140),
    17: ("Partai Persatuan Pembangunan", 250),
    24: ("Partai Ummat", 110),
}

# Ballot number → list length in districts 1..6 (seats 8, 8, 7, 10, 6, 6); 0 = no list.
FULL = (8, 8, 7, 10, 6, 6)
LENGTHS: dict[int, tuple[int, ...]] = {
    1: FULL,
    2: FULL,
    3: FULL,
    4: FULL,
    5: FULL,
    6: (3, 3, 0, 6, 3, 0),
    7: (7, 3, 3, 6, 0, 3),
    8: (8, 8, 7, 10, 7, 6),  # 7 candidates for 6 seats in district 5: the one list too long
    9: (3, 0, 3, 4, 0, 3),
    10: (8, 8, 6, 9, 6, 3),
    11: (0, 3, 0, 3, 3, 0),
    12: FULL,
    13: (3, 0, 3, 0, 3, 3),
    14: FULL,
    15: (3, 3, 3, 6, 0, 3),
    16: (8, 6, 7, 8, 6, 6),
    17: FULL,
    24: (8, 6, 3, 6, 3, 0),
}

# The lists that break a rule on purpose: (district, ballot number) → the list
# positions held by women. Every other list complies under both rule sets.
DELIBERATE: dict[tuple[str, int], frozenset[int]] = {
    # 25–28.6% women: enough under PKPU 10/2023 (half-up), short under UU 7/2017
    # read by the Supreme Court (round up). Four in district 1, as in 2024.
    ("KOTA SERANG 1", 2): frozenset({3, 5}),  # 2 of 8
    ("KOTA SERANG 1", 4): frozenset({2, 6}),  # 2 of 8
    ("KOTA SERANG 1", 7): frozenset({1, 6}),  # 2 of 7
    ("KOTA SERANG 1", 12): frozenset({3, 4}),  # 2 of 8
    ("KOTA SERANG 3", 5): frozenset({3, 6}),  # 2 of 7
    ("KOTA SERANG 4", 9): frozenset({2}),  # 1 of 4
    # Share met under both rule sets, but a full block of three without a woman.
    ("KOTA SERANG 2", 1): frozenset({1, 2, 7}),  # 3 of 8, none in 4–6
    ("KOTA SERANG 4", 14): frozenset({2, 3, 5}),  # 3 of 10, none in 7–9
    ("KOTA SERANG 6", 16): frozenset({1, 3}),  # 2 of 6, none in 4–6
    # Longer than the seats (7 for 6), otherwise compliant.
    ("KOTA SERANG 5", 8): frozenset({3, 4, 7}),
}

# What the rules must find: rule set → rule id → the (district, ballot number) lists.
EXPECTED: dict[str, dict[str, set[tuple[str, int]]]] = {
    "uu7-2017": {
        "list-women-share": {
            ("KOTA SERANG 1", 2),
            ("KOTA SERANG 1", 4),
            ("KOTA SERANG 1", 7),
            ("KOTA SERANG 1", 12),
            ("KOTA SERANG 3", 5),
            ("KOTA SERANG 4", 9),
        },
        "list-zipper": {("KOTA SERANG 2", 1), ("KOTA SERANG 4", 14), ("KOTA SERANG 6", 16)},
        "list-length": {("KOTA SERANG 5", 8)},
    },
    "pkpu-10-2023": {
        "list-women-share": set(),
        "list-zipper": {("KOTA SERANG 2", 1), ("KOTA SERANG 4", 14), ("KOTA SERANG 6", 16)},
        "list-length": {("KOTA SERANG 5", 8)},
    },
}

# Names: common given names and second names, combined at random. Women get
# women's names. No real politician's name on purpose.
MEN_GIVEN = (
    "ABDUL", "ADE", "AGUS", "AGUNG", "ANDI", "ARIF", "ASEP", "BAMBANG", "BUDI", "DADANG",
    "DEDI", "DENI", "EKO", "FAJAR", "FAHMI", "GILANG", "HASAN", "HENDRA", "HERU", "HUSEN",
    "IKHSAN", "ILHAM", "IMAM", "IRFAN", "JAJANG", "KOMARUDIN", "LUKMAN", "MAMAN", "NANANG",
    "NURDIN", "OMAN", "RAHMAT", "RIDWAN", "RIZKI", "ROBI", "ROHIM", "SAEPUDIN", "SAHRUL",
    "SOFYAN", "SUHENDI", "TATANG", "TAUFIK", "UJANG", "WAHYU", "WAWAN", "YAYAN", "YUSUF",
    "ZAENAL", "FIRDAUS", "ACENG", "MUKHTAR", "SAMSUDIN", "JUNAIDI", "ROSID", "TOTO",
)  # fmt: skip
MEN_SECOND = (
    "HIDAYATULLOH", "SUPRIATNA", "SETIAWAN", "KURNIAWAN", "SAPUTRA", "MULYANA", "HERMAWAN",
    "FIRMANSYAH", "RAMDANI", "SUHERMAN", "MAKMUR", "HAMDANI", "SURYANA", "SYAHRONI",
    "SOBARI", "MAULANA", "NUGRAHA", "PRATAMA", "PERMANA", "SOLEH", "SUTISNA", "WIRAHADI",
    "SANTOSO", "ARDIANSYAH", "SUPRIYADI", "HASANUDIN", "MUHLIS", "SUHANDA", "SAEFULLOH",
    "ZULKARNAEN", "KHOLIL", "JAELANI", "MUNAWAR", "SAMSURI", "BAHRUDIN", "IRAWAN",
    "KUSNADI", "SUDRAJAT", "MAHMUD", "NAWAWI",
)  # fmt: skip
MEN_PREFIX = ("MUHAMMAD", "AHMAD", "MOCH.")
WOMEN_GIVEN = (
    "SITI", "RATNA", "DEWI", "LILIS", "ENENG", "IIS", "NENG", "YULIANA", "RINA", "EVI",
    "FITRI", "LAILA", "ROSIDAH", "MAEMUNAH", "AAS", "ANI", "ANISA", "AYU", "ELIS", "ERNA",
    "ETI", "EUIS", "FARIDA", "HALIMAH", "IDA", "IKA", "INTAN", "KHODIJAH", "LINA", "MELI",
    "NINA", "NURUL", "RIKA", "RINI", "SRI", "TINI", "UMI", "YANTI", "YUYUN", "ZAHRA",
    "SALSABILA", "NABILA", "PUTRI", "RAHMA", "SUSI", "TITIN", "HANI", "NOVI", "MAYA",
    "AISYAH", "FATIMAH", "WIWIN", "MAESAROH", "NENDEN",
)  # fmt: skip
WOMEN_SECOND = (
    "AMALIA", "NURJANAH", "SARI", "HANDAYANI", "WULANDARI", "RAHMAWATI", "KURNIASIH",
    "MULYATI", "FAUZIAH", "SUSANTI", "LESTARI", "PERTIWI", "MARLINA", "ROHAENI",
    "SUHAENAH", "KHAIRUNNISA", "HIDAYATI", "FITRIANI", "MARYAM", "AULIA", "ROSMIATI",
    "SOLIHAT", "SAFITRI", "KOMALASARI", "NOVITASARI", "PURWANINGSIH", "RAHAYU",
    "ANGGRAENI", "YULIANTI", "UTAMI", "NURAENI", "JUBAEDAH", "KHOIRIYAH", "MASITOH",
    "HASANAH", "MUTMAINAH", "NURHASANAH", "ZAKIYAH",
)  # fmt: skip
DEGREES = (
    "S.H.", "S.Pd.", "S.E.", "S.Sos.", "S.IP.", "S.Ag.", "S.Kom.", "S.T.", "S.Pd.I.",
    "S.H.I.", "S.M.", "A.Md.", "S.Psi.", "S.Kep.", "Lc.",
)  # fmt: skip
MASTERS = ("M.Si.", "M.M.", "M.H.", "M.Pd.", "M.A.P.")
BACHELORS = tuple(d for d in DEGREES if d != "A.Md.")  # a diploma comes without a master's

# A modelling choice, not a measured figure: see personal_votes().
WOMEN_FACTOR = 0.7


def make_name(rng: random.Random, woman: bool) -> str:
    """A fictional name in the style of KPU's lists: capitals, titles, degrees."""
    if woman:
        parts = [rng.choice(WOMEN_GIVEN), rng.choice(WOMEN_SECOND)]
        if rng.random() < 0.15:
            parts.insert(1, rng.choice(WOMEN_GIVEN))
        if rng.random() < 0.03:
            parts.insert(0, "RATU")  # a Banten title of nobility
    else:
        parts = [rng.choice(MEN_GIVEN), rng.choice(MEN_SECOND)]
        roll = rng.random()
        if roll < 0.18:
            parts.insert(0, rng.choice(MEN_PREFIX))
        elif roll < 0.23:
            parts.insert(0, "TB.")  # Tubagus, a Banten title of nobility
        elif roll < 0.30:
            parts.insert(1, rng.choice(MEN_GIVEN))
    name = " ".join(dict.fromkeys(parts))  # drop a repeated word
    roll = rng.random()
    if roll < 0.02:
        name = f"Dr. {'Hj.' if woman else 'H.'} {name}"
    elif roll < 0.16:
        name = f"{'Hj.' if woman else 'H.'} {name}"
    roll = rng.random()
    if name.startswith("Dr."):
        name += f", {rng.choice(BACHELORS)}, {rng.choice(MASTERS)}"
    elif roll < 0.30:
        name += f", {rng.choice(DEGREES)}"
    elif roll < 0.38:
        name += f", {rng.choice(BACHELORS)}, {rng.choice(MASTERS)}"
    return name


_HONORIFICS = frozenset({"Dr.", "H.", "Hj.", "TB.", "RATU", "MUHAMMAD", "AHMAD", "MOCH."})


def name_key(name: str) -> str:
    """The name without titles and degrees: no two candidates share it, so the
    clean sample never looks like one person on two lists."""
    words = name.split(",")[0].split()
    while words[0] in _HONORIFICS:
        words.pop(0)
    return " ".join(words)


def compliant_women(rng: random.Random, n: int) -> frozenset[int]:
    """Women's positions for a list that passes both rule sets.

    ceil(3n/10) women, now and then one more; one in each full block of three
    (most often at its last position, as parties tend to place them), the rest
    anywhere.
    """
    need = (3 * n + 9) // 10
    total = min(n, need + (1 if rng.random() < 0.06 else 0))
    women: set[int] = set()
    for start in range(1, n - 1, 3):  # full blocks only: start + 2 <= n
        women.add(start + rng.choices((0, 1, 2), weights=(20, 25, 55))[0])
    rest = [p for p in range(1, n + 1) if p not in women]
    rng.shuffle(rest)
    women.update(rest[: max(0, total - len(women))])
    return frozenset(women)


def domicile(rng: random.Random, district: str) -> str:
    """Mostly the district's own kecamatan; sometimes elsewhere in the city or outside."""
    roll = rng.random()
    if roll < 0.05:
        return OUTSIDE
    if roll < 0.22:
        return rng.choice(KECAMATAN)
    return rng.choice(DISTRICTS[district][1])


def personal_votes(rng: random.Random, median: float, position: int, woman: bool) -> int:
    """Synthetic personal votes: the party's strength, a boost near the top of the
    list, a lucky few with a strong personal following, and log-normal noise.

    Women's draws are scaled by ``WOMEN_FACTOR`` so that a woman tops her list
    sometimes, not as often as her share of the candidates would give.
    """
    boost = {1: 2.2, 2: 1.4, 3: 1.15}.get(position, 1.0)
    if woman:
        boost *= WOMEN_FACTOR
    if rng.random() < 0.08:
        boost *= 3.0
    return round(median * boost * rng.lognormvariate(0.0, 0.7))


def build(seed: int = SEED) -> list[tuple[str, ...]]:
    """Every row of the sample, in order: district, ballot number, list number."""
    rng = random.Random(seed)
    rows: list[tuple[str, ...]] = []
    used: set[str] = set()
    for d, district in enumerate(DISTRICTS):
        seats = DISTRICTS[district][0]
        for number, (party, strength) in PARTIES.items():
            n = LENGTHS[number][d]
            if n == 0:
                continue
            women = DELIBERATE.get((district, number)) or compliant_women(rng, n)
            local = strength * rng.lognormvariate(0.0, 0.35)
            tallies: set[int] = set()
            for position in range(1, n + 1):
                woman = position in women
                name = make_name(rng, woman)
                while name_key(name) in used:
                    name = make_name(rng, woman)
                used.add(name_key(name))
                votes = personal_votes(rng, local, position, woman)
                while votes in tallies:  # no ties inside a list: who is elected is clear
                    votes += 1
                tallies.add(votes)
                rows.append(
                    (
                        ELECTION,
                        district,
                        str(seats),
                        party,
                        str(position),
                        name,
                        "P" if woman else "L",
                        domicile(rng, district),
                        str(votes),
                    )
                )
    return rows


def violations(rows: list[tuple[str, ...]], rounding: str) -> dict[str, set[tuple[str, int]]]:
    """The rules' findings, by rule id, as (district, ballot number) lists."""
    number_of = {name: number for number, (name, _) in PARTIES.items()}
    lists: dict[tuple[str, int], list[tuple[int, str]]] = {}
    seats_of: dict[str, int] = {}
    for _, district, seats, party, position, _, gender, _, _ in rows:
        lists.setdefault((district, number_of[party]), []).append((int(position), gender))
        seats_of[district] = int(seats)
    found: dict[str, set[tuple[str, int]]] = {
        "list-women-share": set(),
        "list-zipper": set(),
        "list-length": set(),
        "list-numbering": set(),
    }
    for key, entries in lists.items():
        n = len(entries)
        women = {p for p, g in entries if g == "P"}
        need = (3 * n + 9) // 10 if rounding == "ceiling" else (3 * n + 5) // 10
        if n > 1 and len(women) < need:
            found["list-women-share"].add(key)
        if any(not women & {s, s + 1, s + 2} for s in range(1, n - 1, 3)):
            found["list-zipper"].add(key)
        if n > seats_of[key[0]]:
            found["list-length"].add(key)
        if sorted(p for p, _ in entries) != list(range(1, n + 1)):
            found["list-numbering"].add(key)
    return found


def render(rows: list[tuple[str, ...]]) -> str:
    """The CSV text: header and rows, minimal quoting, LF line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def verify(rows: list[tuple[str, ...]]) -> None:
    """Stop unless the rules find exactly what ``EXPECTED`` says, and unless
    seats allocated on the votes (pure Sainte-Laguë, then personal votes) come
    out without a tie to break."""
    for rule_set, rounding in (("uu7-2017", "ceiling"), ("pkpu-10-2023", "half-up")):
        found = violations(rows, rounding)
        expected = {**EXPECTED[rule_set], "list-numbering": set()}
        if found != expected:
            raise SystemExit(f"{rule_set}: the rules find {found}, expected {expected}")
    totals: dict[str, Counter[str]] = {}
    tallies: dict[tuple[str, str], list[int]] = {}
    for _, district, _, party, _, _, _, _, votes in rows:
        totals.setdefault(district, Counter())[party] += int(votes)
        tallies.setdefault((district, party), []).append(int(votes))
    for key, votes in tallies.items():
        if len(set(votes)) != len(votes):
            raise SystemExit(f"{key}: two candidates have the same votes")
    for district, (seats, _) in DISTRICTS.items():
        quotients = sorted(
            (Fraction(v, 2 * k + 1) for v in totals[district].values() for k in range(seats)),
            reverse=True,
        )
        if quotients[seats - 1] == quotients[seats]:
            raise SystemExit(f"{district}: a tie for the last seat")


def summary(rows: list[tuple[str, ...]]) -> str:
    """Counts for the README."""
    lists = {(r[1], r[3]) for r in rows}
    women = sum(r[6] == "P" for r in rows)
    votes = [int(r[8]) for r in rows]
    by_list: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for r in rows:
        by_list.setdefault((r[1], r[3]), []).append((int(r[8]), r[6]))
    women_top = sum(max(v)[1] == "P" for v in by_list.values())
    per_district = Counter(r[1] for r in rows)
    lines = [
        f"candidates {len(rows)}, women {women} ({100 * women / len(rows):.1f}%), "
        f"lists {len(lists)}",
        f"votes: total {sum(votes)}, min {min(votes)}, max {max(votes)}, "
        f"median {sorted(votes)[len(votes) // 2]}; a woman tops {women_top} lists",
    ]
    for district in DISTRICTS:
        n_lists = len({p for d, p in lists if d == district})
        w = sum(r[6] == "P" for r in rows if r[1] == district)
        lines.append(f"{district}: {n_lists} lists, {per_district[district]} candidates, {w} women")
    for rule_set, rounding in (("uu7-2017", "ceiling"), ("pkpu-10-2023", "half-up")):
        found = violations(rows, rounding)
        bad = set().union(*found.values())
        lines.append(
            f"{rule_set}: compliant {len(lists) - len(bad)}, noncompliant {len(bad)}, "
            + ", ".join(f"{k} {len(v)}" for k, v in found.items())
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    parser.add_argument("--summary", action="store_true", help="print counts for the README")
    args = parser.parse_args(argv)
    rows = build()
    verify(rows)
    text = render(rows)
    if args.summary:
        print(summary(rows))
    if args.check:
        if not OUT.exists() or OUT.read_bytes() != text.encode("utf-8"):
            print(f"{OUT} differs from what {Path(__file__).name} writes", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
