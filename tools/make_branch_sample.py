"""Write the embedded branch sample: a SYNTHETIC KPPI Kota Serang branch's year.

Everything here is invented: every name, NIK, birth date, phone number, card
number, vote count and result. What follows the seed article
(shared/seed/kppi-kota-serang-article.txt) is only the shape: a city branch of
the caucus under a province branch under the national caucus, led by an acting
chair (Plt Ketua); a two-day training co-organised with the city's gender
mainstreaming unit (Bidang PUG, DP3AKB Kota Serang), day 1 for the board and
day 2 open to women cadres of several parties and women's organisations; a
speaker from the province branch (its secretary) and one from FISIP Untirta;
follow-ups (restructuring, a cascade inside the parties, synergy with women's
organisations); and the next election's lists and results (2029).

Files written to src/kppi_core/samples/:

* ``kota_serang_branch.json`` — the library's JSON data set: organisations,
  the board, speakers, two trainings (2023 and 2025), follow-ups, elections;
* ``kota_serang_members_{pkb,ppp,pan,gerindra}.csv`` — party membership
  exports (one woman in two parties, one NIK/gender mismatch, one invalid NIK);
* ``kota_serang_attendance_day{1,2}.csv`` — the training's attendance sheets,
  as Google Forms exports them, each sign-in with the person's own phone
  number (the branch's data set has the same numbers for its people);
* ``kota_serang_2029_candidates.csv`` — lists and results of a 2029 election;
* ``kota_serang_decisions.json`` — the answers a branch gave to the
  registry's suggested matches (written with ``--decisions``; needs the
  membership and attendance sources, and uses the sample's fingerprint key).

Usage, from the repository root::

    python tools/make_branch_sample.py              # data files
    PYTHONPATH=src python tools/make_branch_sample.py --decisions
    python tools/make_branch_sample.py --check      # exit 1 if a file differs

Deterministic: one seed, fixed iteration order, UTF-8, LF line endings. The
data files need only the standard library; ``--decisions`` imports kppi_core.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
from pathlib import Path
from typing import Any

SEED = 20250615
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/kppi_core/samples"
#: The sample's fingerprint key. Public, so NOT secret: for the sample only.
SAMPLE_KEY = "kppi-sample-key (public, for the synthetic sample only)"
E2024 = "DPRD_KABKO"
E2029 = "DPRD_KABKO_2029"
TRAINING = "kppi-kota-serang/pembinaan-2025"
EARLIER = "kppi-kota-serang/pembinaan-2023"
BRANCH = "kppi-kota-serang"

# key: (printed name, sex, birth date, party slugs with KTA numbers, serial)
# Parties: membership exports exist for pkb, ppp, pan and gerindra.
PEOPLE: dict[str, dict[str, Any]] = {
    # the board of KPPI Kota Serang
    "B1": dict(
        name="Hj. Nurul Aini Fadhilah, S.Pd.I.",
        sex="P",
        born="1976-04-12",
        parties={"pkb": "3673000101"},
    ),
    "B2": dict(name="Euis Mardiyah", sex="P", born="1981-09-03", parties={"ppp": "3673100212"}),
    "B3": dict(
        name="Lilis Karlina, S.E.", sex="P", born="1979-01-27", parties={"pan": "3673200033"}
    ),
    "B4": dict(
        name="Ratna Dewi Sartika", sex="P", born="1985-11-19", parties={"gerindra": "3673300144"}
    ),
    "B5": dict(name="Yayah Rokayah", sex="P", born="1972-06-08", parties={"pkb": "3673000155"}),
    "B6": dict(name="Tati Suryati", sex="P", born="1983-03-30", parties={"golkar": None}),
    # speakers
    "P1": dict(name="Hj. Farida Maulani, S.Sos.", sex="P", born="1970-08-17", parties={}),
    "A1": dict(name="Dr. Rahmat Hidayat, M.Si.", sex="L", born="1968-02-02", parties={}),
    # party cadres
    "C1": dict(name="Fitri Rahmawati", sex="P", born="1988-05-21", parties={"pkb": "3673000177"}),
    "C2": dict(
        name="Neneng Hasanah Putri", sex="P", born="1990-12-01", parties={"pkb": "3673000188"}
    ),
    "C3": dict(name="Uun Kurniasih", sex="P", born="1993-07-14", parties={"pkb": "3673000199"}),
    "C4": dict(
        name="Siti Nafisah",
        sex="P",
        born="1987-10-10",
        parties={"pkb": "3673000210", "ppp": "3673100221"},
    ),
    "C5": dict(name="Ani Zakiyah", sex="P", born="1984-04-04", parties={"ppp": "3673100232"}),
    "C6": dict(name="Laila Maesaroh", sex="P", born="1991-02-15", parties={"ppp": "3673100243"}),
    "C7": dict(name="Ida Farihah", sex="P", born="1986-09-09", parties={"ppp": "3673100254"}),
    "C8": dict(
        name="Mila Karmila", sex="P", born="1994-03-03", parties={"pan": "3673200265"}, nik_sex="L"
    ),
    "C9": dict(name="Rohmah Ulfah", sex="P", born="1989-08-28", parties={"pan": "3673200276"}),
    "C10": dict(name="Enung Zulfa", sex="P", born="1995-12-24", parties={"pan": "3673200287"}),
    "C11": dict(name="Iis Zakiyah", sex="P", born="1982-01-18", parties={"gerindra": "3673300298"}),
    "C12": dict(
        name="Nia Kurniawati", sex="P", born="1992-06-30", parties={"gerindra": "3673300309"}
    ),
    "C13": dict(
        name="Tuti Alawiyah",
        sex="P",
        born="1980-11-11",
        parties={"gerindra": "3673300310"},
        bad_nik=True,
    ),
    "M1": dict(
        name="Ahmad Fauzi Ramdan", sex="L", born="1978-07-07", parties={"pkb": "3673000321"}
    ),
    "M2": dict(name="Dedi Kurnia", sex="L", born="1975-05-05", parties={"ppp": "3673100332"}),
    "M3": dict(name="Heri Setiawan", sex="L", born="1983-08-08", parties={"pan": "3673200343"}),
    "M4": dict(
        name="Yusuf Maulana", sex="L", born="1980-10-20", parties={"gerindra": "3673300354"}
    ),
    # women's organisations (on the day-2 sheet only)
    "W1": dict(name="Kokom Komariah", sex="P", born=None, parties={}),
    "W2": dict(name="Dede Rosita", sex="P", born=None, parties={}),
    "W3": dict(name="Imas Masitoh", sex="P", born=None, parties={}),
    "W4": dict(name="Ida Farihah", sex="P", born=None, parties={}),  # not C7: a namesake
    "X1": dict(name="Sri Wahyuni", sex="P", born=None, parties={}),  # a walk-in, Golkar
}

PARTY_NAMES = {"pkb": "PKB", "ppp": "PPP", "pan": "PAN", "gerindra": "Gerindra", "golkar": "Golkar"}
LIST_PARTY = {
    "pkb": "Partai Kebangkitan Bangsa",
    "ppp": "Partai Persatuan Pembangunan",
    "pan": "Partai Amanat Nasional",
    "gerindra": "Partai Gerakan Indonesia Raya",
    "golkar": "Partai Golongan Karya",
}
WOMEN_ORGS = {
    "forum-perempuan-kota-serang": "Forum Perempuan Kota Serang",
    "komunitas-perempuan-pesisir-kasemen": "Komunitas Perempuan Pesisir Kasemen",
}
# Who attended which day, and as the sheet spells her name and her organisation.
DAY1 = [
    ("B1", "Hj. Nurul Aini Fadhilah", "KPPI Kota Serang"),
    ("B2", "EUIS MARDIYAH", "KPPI Kota Serang"),
    ("B3", "Lilis Karlina SE", "KPPI Kota Serang"),
    ("B4", "Ratna Dewi Sartika", "KPPI Kota Serang"),
    ("B5", "yayah rokayah", "KPPI Kota Serang"),
    ("B6", "Tati Suryati", "KPPI Kota Serang"),
]
DAY2 = [
    ("B1", "Hj. Nurul Aini Fadhilah", "KPPI Kota Serang"),
    ("B2", "Euis Mardiyah", "PPP"),
    ("B4", "Ratna Dewi Sartika", "Gerindra"),
    ("B5", "Yayah Rokayah", "PKB"),
    ("C1", "Fitri Rahmawati", "PKB"),
    ("C2", "Neneng Hasanah Putri", "PKB"),
    ("C4", "Siti Nafisah", "PKB"),
    ("C5", "Hj. Ani Zakiyah", "PPP"),
    ("C6", "Laila Maesaroh", "PPP"),
    ("C8", "Mila Karmila", "PAN"),
    ("C9", "Rohmah Ulfah, S.Pd.", "PAN"),
    ("C11", "IIS ZAKIYAH", "Gerindra"),
    ("W1", "Kokom Komariah", "Forum Perempuan Kota Serang"),
    ("W2", "Dede Rosita", "Forum Perempuan Kota Serang"),
    ("W3", "Imas Masitoh", "Komunitas Perempuan Pesisir Kasemen"),
    ("W4", "Ida Farihah", "Forum Perempuan Kota Serang"),
    ("X1", "Sri Wahyuni", "Golkar"),
]
EARLIER_PARTICIPANTS = ["B1", "B2", "B5", "C5", "C11"]
IN_JSON = ["B1", "B2", "B3", "B4", "B5", "B6", "P1", "A1", "C2", "C5", "C6", "C8", "C11"]

# 2029: the trained cadres' places (party, district, position); votes decide.
PLACES_2029 = {
    "C1": [("pkb", "KOTA SERANG 1", 1)],
    "C2": [("pkb", "KOTA SERANG 2", 3)],
    "C5": [("ppp", "KOTA SERANG 1", 2)],
    "C6": [("ppp", "KOTA SERANG 2", 5)],
    "C9": [("pan", "KOTA SERANG 3", 2)],
    "C11": [("gerindra", "KOTA SERANG 1", 1), ("gerindra", "KOTA SERANG 3", 3)],
}
STRONG = {"C1", "C5", "C9"}  # given votes enough to win
DISTRICTS = {"KOTA SERANG 1": 8, "KOTA SERANG 2": 8, "KOTA SERANG 3": 7}

GIVEN_F = [
    "Aan",
    "Eha",
    "Ela",
    "Ening",
    "Euis",
    "Ikah",
    "Iin",
    "Juju",
    "Nani",
    "Neng",
    "Oom",
    "Popon",
    "Rina",
    "Sari",
    "Titin",
    "Uneh",
    "Wati",
    "Yati",
    "Yeni",
    "Cucu",
]
GIVEN_M = [
    "Asep",
    "Budi",
    "Cecep",
    "Dadan",
    "Endang",
    "Hendra",
    "Jajang",
    "Maman",
    "Oji",
    "Rudi",
    "Ujang",
    "Wawan",
    "Yayan",
    "Agus",
    "Iwan",
    "Deden",
    "Engkos",
    "Ocid",
]
FAMILY = [
    "Sumiati",
    "Sopandi",
    "Jubaedah",
    "Marlina",
    "Supriatna",
    "Hermawan",
    "Rukmana",
    "Saepudin",
    "Mulyadi",
    "Kusnadi",
    "Rohaeti",
    "Suhendar",
    "Permana",
    "Kartini",
    "Sudrajat",
    "Nurhayati",
    "Hidayatullah",
    "Fauziyah",
]


def nik(key: str) -> str:
    """A synthetic NIK python-stdnum accepts: Kota Serang (3673), day + 40 for women."""
    p = PEOPLE[key]
    year, month, day = (int(x) for x in p["born"].split("-"))
    sex = p.get("nik_sex", p["sex"])
    serial = 1000 + sorted(PEOPLE).index(key)
    if p.get("bad_nik"):
        return f"36730{day + 40:02d}{month:02d}{year % 100:02d}{serial:04d}"  # 15 digits
    return f"367301{day + (40 if sex == 'P' else 0):02d}{month:02d}{year % 100:02d}{serial:04d}"


def phone(key: str) -> str:
    """A person's own number, the same on every sheet and in the branch's data set."""
    return f"0812-0000-{100 + list(PEOPLE).index(key):04d}"  # not a real number


def write_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def membership_csv(party: str) -> str:
    rows = [
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
    ]
    for n, (key, p) in enumerate(PEOPLE.items()):
        kta = p["parties"].get(party)
        if kta is None:
            continue
        joined = f"{2010 + n % 12}-{1 + n % 12:02d}-01"
        rows.append(
            [
                p["name"],
                p["sex"],
                nik(key),
                p["born"],
                kta,
                PARTY_NAMES[party],
                "Kota Serang",
                joined,
            ]
        )
    return write_csv(rows)


def attendance_csv(day: int, sheet: list[tuple[str, str, str]]) -> str:
    rows = [["Timestamp", "Nama", "Asal Partai/Organisasi", "No HP"]]
    for n, (key, name, org) in enumerate(sheet):
        minute = 2 + 3 * n
        rows.append([f"2025-06-{13 + day} 08:{minute:02d}:00", name, org, phone(key)])
    return write_csv(rows)


def person(key: str, pid: str) -> dict[str, Any]:
    p = PEOPLE[key]
    out: dict[str, Any] = {
        "id": pid,
        "name": p["name"],
        "gender": "female" if p["sex"] == "P" else "male",
    }
    if p["born"]:
        out["birth_date"] = p["born"]
        out["nik"] = nik(key)
    out["contact_details"] = [{"type": "phone", "value": phone(key)}]
    return out


def branch_json() -> str:
    pid = {k: f"{BRANCH}/person/{k.lower()}" for k in IN_JSON}
    area = lambda code, level, name: {"code": code, "level": level, "name": name}  # noqa: E731
    serang = area("36.73", "city", "Kota Serang")
    orgs = [
        {
            "id": "kppi",
            "name": "Kaukus Perempuan Politik Indonesia",
            "classification": "caucus_branch",
            "area": area("ID", "national", "Indonesia"),
            "founding_date": "2000-08-17",
        },
        {
            "id": "kppi-banten",
            "name": "KPPI Provinsi Banten",
            "classification": "caucus_branch",
            "parent_id": "kppi",
            "area": area("36", "province", "Banten"),
        },
        {
            "id": BRANCH,
            "name": "KPPI Kota Serang",
            "classification": "caucus_branch",
            "parent_id": "kppi-banten",
            "area": serang,
        },
        {
            "id": "dp3akb-kota-serang-pug",
            "name": "Bidang PUG DP3AKB Kota Serang",
            "classification": "government_agency",
            "area": serang,
        },
        {
            "id": "fisip-untirta",
            "name": "FISIP Universitas Sultan Ageng Tirtayasa",
            "classification": "university",
            "area": area("36", "province", "Banten"),
        },
        {"id": "golkar", "name": "Golkar", "classification": "party"},
        *(
            {"id": k, "name": v, "classification": "women_organisation", "area": serang}
            for k, v in WOMEN_ORGS.items()
        ),
    ]
    board = [
        ("B1", "chair", "acting", "Plt Ketua"),
        ("B2", "secretary", None, "Sekretaris"),
        ("B3", "treasurer", None, "Bendahara"),
        ("B4", "member", None, "Anggota"),
        ("B5", "member", None, "Anggota"),
        ("B6", "member", None, "Anggota"),
    ]
    memberships = [
        {
            "person_id": pid[k],
            "organization_id": BRANCH,
            "role": role,
            "label": label,
            "start_date": "2024-09",
            **({"capacity": cap} if cap else {}),
        }
        for k, role, cap, label in board
    ]
    memberships += [
        {
            "person_id": pid["P1"],
            "organization_id": "kppi-banten",
            "role": "secretary",
            "label": "Sekretaris",
            "start_date": "2022",
        },
        {
            "person_id": pid["A1"],
            "organization_id": "fisip-untirta",
            "role": "member",
            "label": "Dosen",
        },
        {"person_id": pid["B6"], "organization_id": "golkar", "role": "member"},
    ]
    speakers1 = [
        {
            "person_id": pid["P1"],
            "organization_id": "kppi-banten",
            "topic": "Peran pengurus KPPI dalam kaderisasi perempuan",
        }
    ]
    speakers2 = [
        {
            "person_id": pid["A1"],
            "organization_id": "fisip-untirta",
            "topic": "Strategi pemenangan perempuan di Pemilu dan Pilkada",
        },
        {
            "person_id": pid["P1"],
            "organization_id": "kppi-banten",
            "topic": "Keterwakilan perempuan 30%: aturan dan praktik",
        },
    ]
    trainings = [
        {
            "id": EARLIER,
            "name": "Pembinaan Pengurus KPPI Kota Serang 2023",
            "organization_id": BRANCH,
            "area": serang,
            "sessions": [{"id": "day-1", "date": "2023-10-21", "audience": ["board"]}],
        },
        {
            "id": TRAINING,
            "name": "Pembinaan dan Pelatihan Politik Kader Perempuan 2025",
            "organization_id": BRANCH,
            "co_organizer_ids": ["dp3akb-kota-serang-pug"],
            "area": serang,
            "sessions": [
                {"id": "day-1", "date": "2025-06-14", "audience": ["board"], "speakers": speakers1},
                {
                    "id": "day-2",
                    "date": "2025-06-15",
                    "audience": ["party_cadres", "women_organisations"],
                    "speakers": speakers2,
                },
            ],
        },
    ]
    participations = [
        {"person_id": pid[k], "training_id": EARLIER, "session_id": "day-1"}
        for k in EARLIER_PARTICIPANTS
    ]
    follow_ups = [
        {
            "id": "fu-restructuring",
            "training_id": TRAINING,
            "kind": "restructuring",
            "description": "Restrukturisasi kepengurusan: rangkul kembali semua kader perempuan",
            "owner_id": pid["B1"],
            "due_date": "2025-12-31",
        },
        {
            "id": "fu-cascade-pkb",
            "training_id": TRAINING,
            "kind": "cascade",
            "description": "Kec. Kasemen, DPC PKB Kota Serang",
            "cadre_id": pid["C2"],
            "organization_id": "pkb",
            "due_date": "2025-08",
            "done_date": "2025-08-09",
            "reached": 25,
        },
        {
            "id": "fu-cascade-ppp",
            "training_id": TRAINING,
            "kind": "cascade",
            "description": "Kec. Serang, DPC PPP Kota Serang",
            "cadre_id": pid["C6"],
            "organization_id": "ppp",
            "due_date": "2025-08",
            "done_date": "2025-08-23",
            "reached": 18,
        },
        {
            "id": "fu-cascade-pan",
            "training_id": TRAINING,
            "kind": "cascade",
            "description": "Kec. Cipocok Jaya, DPD PAN Kota Serang",
            "cadre_id": pid["C8"],
            "organization_id": "pan",
            "due_date": "2025-09-30",
        },
        {
            "id": "fu-synergy-forum",
            "training_id": TRAINING,
            "kind": "synergy",
            "description": "Diskusi bersama: pendidikan politik perempuan di tingkat kelurahan",
            "organization_id": "forum-perempuan-kota-serang",
            "due_date": "2025-10",
            "done_date": "2025-10-18",
        },
    ]
    elections = [
        {
            "id": E2024,
            "chamber": "dprd_regency",
            "date": "2024-02-14",
            "area": serang,
            "name": "DPRD Kota Serang 2024",
        },
        {
            "id": E2029,
            "chamber": "dprd_regency",
            "area": serang,
            "name": "DPRD Kota Serang 2029 (synthetic)",
        },
    ]
    data = {
        "meta": {"description": "SYNTHETIC sample: every name and number is invented."},
        "persons": [person(k, pid[k]) for k in IN_JSON],
        "organizations": orgs,
        "memberships": memberships,
        "trainings": trainings,
        "participations": participations,
        "follow_ups": follow_ups,
        "elections": elections,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sainte_lague(votes: dict[str, int], seats: int) -> dict[str, int]:
    won = dict.fromkeys(votes, 0)
    for _ in range(seats):
        best = max(sorted(votes), key=lambda p: votes[p] / (2 * won[p] + 1))
        won[best] += 1
    return won


def _plain(name: str) -> str:
    """The name without titles, upper case: enough to avoid namesakes."""
    words = name.split(",")[0].upper().split()
    while len(words) > 1 and words[0] in ("H.", "HJ.", "DR.", "DRA.", "DRS.", "IR."):
        words = words[1:]
    return " ".join(words)


def candidates_2029() -> str:
    rnd = random.Random(SEED)
    with (OUT / "kota_serang_2024_candidates.csv").open(encoding="utf-8") as fh:
        used = {_plain(row["name"]) for row in csv.DictReader(fh)}  # no namesakes of 2024
    used |= {_plain(p["name"]) for p in PEOPLE.values()}
    placed = {(p, d, pos): k for k, places in PLACES_2029.items() for p, d, pos in places}

    def fresh(female: bool) -> str:
        while True:
            given = rnd.choice(GIVEN_F if female else GIVEN_M)
            name = f"{given.upper()} {rnd.choice(FAMILY).upper()}"
            if name not in used:
                used.add(name)
                return name

    rows = [
        [
            "election",
            "district",
            "seats",
            "party",
            "list_number",
            "name",
            "gender",
            "votes",
            "elected",
        ]
    ]
    for district, seats in DISTRICTS.items():
        lists: dict[str, list[list[Any]]] = {}
        for party in LIST_PARTY:
            n = seats if party != "golkar" else seats - 2
            entries = []
            for pos in range(1, n + 1):
                key = placed.get((party, district, pos))
                if key is not None:
                    name, female = PEOPLE[key]["name"].upper(), True
                    votes = rnd.randint(2400, 3000) if key in STRONG else rnd.randint(150, 400)
                else:
                    female = pos % 3 == 2 or (pos == n and n % 3 == 1)
                    name, votes = fresh(female), rnd.randint(80, 1100)
                entries.append(
                    [
                        E2029,
                        district,
                        seats,
                        LIST_PARTY[party],
                        pos,
                        name,
                        "P" if female else "L",
                        votes,
                    ]
                )
            lists[party] = entries
        totals = {p: sum(e[7] for e in es) for p, es in lists.items()}
        won = sainte_lague(totals, seats)
        for party, entries in lists.items():
            winners = {id(e) for e in sorted(entries, key=lambda e: -e[7])[: won[party]]}
            for e in entries:
                rows.append([*map(str, e), "ya" if id(e) in winners else "tidak"])
    return write_csv(rows)


def files() -> dict[str, str]:
    out = {"kota_serang_branch.json": branch_json()}
    for party in ("pkb", "ppp", "pan", "gerindra"):
        out[f"kota_serang_members_{party}.csv"] = membership_csv(party)
    out["kota_serang_attendance_day1.csv"] = attendance_csv(1, DAY1)
    out["kota_serang_attendance_day2.csv"] = attendance_csv(2, DAY2)
    out["kota_serang_2029_candidates.csv"] = candidates_2029()
    return out


def decisions() -> str:
    """Answer the registry's suggested matches from the truth this script knows."""
    sys.path.insert(0, str(ROOT / "src"))
    from kppi_core.cli.cadres import sample_sources
    from kppi_core.registry import Decision, build_registry, dump_decisions

    truth = _truth()
    registry = build_registry(sample_sources(), key=SAMPLE_KEY.encode())
    made = []
    for amb in registry.ambiguities:
        a, b = truth.get(amb.a), truth.get(amb.b)
        if a is None or b is None:
            raise SystemExit(f"no truth for {amb.a} or {amb.b}")
        if {a, b} == {"C7", "W4"}:
            continue  # left open on purpose: the docs show how to decide it
        note = f"{a} = {b}" if a == b else f"{a} is not {b}"
        made.append(Decision(amb.a_record, amb.b_record, a == b, note))
    return dump_decisions(made)


def _truth() -> dict[str, str]:
    """Source person id → the synthetic person it is."""
    import csv as _csv

    from kppi_core.adapters._parties import organisation_slug

    truth: dict[str, str] = {f"{BRANCH}/person/{k.lower()}": k for k in IN_JSON}
    for key, p in PEOPLE.items():
        for party, kta in p["parties"].items():
            if kta:
                truth[f"{organisation_slug(PARTY_NAMES[party])}/kta/{kta}"] = key
    for day, sheet in ((1, DAY1), (2, DAY2)):
        for line, (key, _, _) in enumerate(sheet, start=2):
            truth[f"kota_serang_attendance_day{day}/{line}"] = key
    names = {PEOPLE[k]["name"].upper(): k for k in PLACES_2029}
    for path, election in (
        (OUT / "kota_serang_2024_candidates.csv", E2024),
        (OUT / "kota_serang_2029_candidates.csv", E2029),
    ):
        for row in _csv.DictReader(path.open(encoding="utf-8")):
            pid = f"candidacy/{election}/{row['district']}/{row['party']}/{row['list_number']}"
            plain = row["name"].upper().replace("HJ. ", "")
            truth[pid] = names.get(plain, pid)
    return truth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed file differs")
    parser.add_argument("--decisions", action="store_true", help="also write the decisions file")
    args = parser.parse_args()
    wanted = files()
    if args.decisions:
        for name, text in wanted.items():
            (OUT / name).write_text(text, encoding="utf-8", newline="\n")
        wanted["kota_serang_decisions.json"] = decisions()
    stale = []
    for name, text in wanted.items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
    if stale:
        print("differs: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
