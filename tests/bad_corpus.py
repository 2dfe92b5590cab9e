"""The bad-input corpus: damaged files of every built-in source format, written on demand.

Each good base file (a candidates CSV, a membership export, an attendance sheet,
a Parline table, the library's JSON, JSON Lines, Popolo, an XLSX workbook, a
decisions file) is damaged in the ways hostile or careless input is: a row one
field too long, a NUL byte, a stray quote, a quote left open in the header, a
cell of 5,000 digits, a line of megabytes with no line break, bad bytes,
numbers as ``1.9``, ``true``, ``1e-999999999`` or a NIK, nesting 100,000 deep,
lists and objects where text is due. Personal data is planted in wrong places:
:data:`PLANTED` lists every writing of it that must never come out.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

#: A valid NIK (a woman born 5 September 1987), a birth date and a phone number.
NIK = "3201014509870003"
NIK_WRITINGS = (
    NIK,
    "3201 0145 0987 0003",
    "3201.0145.0987.0003",
    "3201-0145-0987-0003",
    "32.01.01.450987.0003",
)
BIRTH_DATES = ("05-09-1987", "1987-09-05", "05/09/1987")
PHONES = ("0813-9876-5432", "+62 813 9876 5432", "081398765432")
#: Everything planted that must not appear in any output.
PLANTED = NIK_WRITINGS + BIRTH_DATES + PHONES
_NIK_ANYHOW = re.compile(r"[\s.\-]*".join(NIK))
_PHONE_ANYHOW = re.compile(r"[\s.\-]*".join("81398765432"))


#: Corpus files holding a NIK as an identifier (``{"scheme": "nik"}``, ``"ktp"``): the
#: registry file written from them is checked by a test of its own.
NIK_AS_IDENTIFIER = ("dataset-person_nik_scheme", "popolo-")


def leaks(text: str) -> list[str]:
    """The planted values found in ``text``, in any writing."""
    found = [p for p in PLANTED if p in text]
    if _NIK_ANYHOW.search(text):
        found.append("NIK (any writing)")
    if _PHONE_ANYHOW.search(text):
        found.append("phone (any writing)")
    return found


CANDIDATES_HEADER = "election,district,seats,party,list_number,name,gender,votes"
CANDIDATES_ROWS = [
    "DPRD_KABKO,D1,3,Partai A,1,Ani Contoh,P,120",
    "DPRD_KABKO,D1,3,Partai A,2,Budi Contoh,L,80",
    "DPRD_KABKO,D1,3,Partai A,3,Cici Contoh,L,40",
    "DPRD_KABKO,D1,3,Partai B,1,Dodi Contoh,L,200",
    "DPRD_KABKO,D1,3,Partai B,2,Eka Contoh,P,90",
    "DPRD_KABKO,D1,3,Partai B,3,Fani Contoh,L,10",
    "DPRD_KABKO,D2,4,Partai A,1,Gita Contoh,P,55",
    "DPRD_KABKO,D2,4,Partai A,2,Hadi Contoh,L,44",
]
MEMBERS_HEADER = "Nama,Jenis Kelamin,NIK,Tanggal Lahir,No KTA,Partai,Wilayah,Tanggal Bergabung"
MEMBERS_ROWS = [
    "Ani Contoh,P,3673015708450001,1945-08-17,0001,PKB,Kota Serang,2019-05-01",
    "Budi Contoh,L,,1970-01-02,0002,PKB,Kota Serang,",
    "Citra Contoh,P,,1980-04,0003,Gerindra,Kota Serang,2020",
]
ATTENDANCE_HEADER = "Timestamp,Nama,Asal Partai/Organisasi,No HP"
ATTENDANCE_ROWS = [
    "2025-06-14 08:02:00,Ani Contoh,PKB,",
    "2025-06-14 08:05:00,Citra Contoh,Gerindra,",
]
PARLINE_HEADER = "Country,Chamber,Date,Seats,Women,% Women"
PARLINE_ROWS = [
    "Contoh,House of Representatives,2024-10-01,580,127,21.9",
    "Contoh,Regional Council,2024,152,50,32.9",
]

_CSV_BASES = {
    "candidates": (CANDIDATES_HEADER, CANDIDATES_ROWS),
    "members": (MEMBERS_HEADER, MEMBERS_ROWS),
    "attendance": (ATTENDANCE_HEADER, ATTENDANCE_ROWS),
    "parline": (PARLINE_HEADER, PARLINE_ROWS),
}


def _csv(header: str, rows: list[str]) -> str:
    return "\n".join([header, *rows]) + "\n"


def _with_cell(row: str, column: int, value: str) -> str:
    cells = row.split(",")
    cells[column] = value if "," not in value else f'"{value}"'
    return ",".join(cells)


# Columns that hold a kind of personal data by right (the NIK column, a date of
# birth or of joining, a timestamp, a phone number): nothing is planted there.
_OWN_COLUMNS: dict[str, dict[int, tuple[str, ...]]] = {
    MEMBERS_HEADER: {2: ("nik",), 3: ("date",), 7: ("date",)},
    ATTENDANCE_HEADER: {0: ("date",), 3: ("phone",)},
    PARLINE_HEADER: {2: ("date",)},
}


def _csv_damages(header: str, rows: list[str]) -> Iterator[tuple[str, bytes]]:
    width = header.count(",") + 1
    good = _csv(header, rows)
    yield "good", good.encode()
    yield "extra_field", _csv(header, [*rows[:-1], rows[-1] + ",extra"]).encode()
    yield "nul", _csv(header, [*rows[:-1], rows[-1].replace(",", ",\x00", 1)]).encode()
    yield "stray_quote", _csv(header, [rows[0].replace(",", ',"', 1), *rows[1:]]).encode()
    yield "header_open_quote", _csv('"' + header, rows * 20).encode()
    yield "truncated", good.encode()[: len(good) // 2]
    yield "crlf_bom", b"\xef\xbb\xbf" + good.replace("\n", "\r\n").encode()
    yield "bad_byte", good.encode().replace(b"Contoh", b"Cont\xe9h", 1)
    yield "empty", b""
    yield "blank_lines", b"\n\n\n"
    yield "no_line_breaks", b"a," * (1 << 20)
    yield "huge_header", ("x" * 300_000 + "," + header + "\n").encode() + good.encode()
    for column in range(width):
        own = _OWN_COLUMNS.get(header, {}).get(column, ())
        for label, value in (
            ("digits5000", "7" * 5000),
            ("cell200k", "y" * 200_000),
            ("nik", NIK_WRITINGS[column % len(NIK_WRITINGS)]),
            ("date", BIRTH_DATES[column % len(BIRTH_DATES)]),
            ("phone", PHONES[column % len(PHONES)]),
            ("float", "1.9"),
            ("exp", "1e-999999999"),
            ("negative", "-3"),
            ("true", "true"),
            ("text3000", "kata " * 600),
        ):
            if label in own:
                continue  # a date in a date column is no misplaced data
            yield (
                f"c{column}_{label}",
                _csv(header, [_with_cell(rows[0], column, value), *rows[1:]]).encode(),
            )


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _json_documents() -> Iterator[tuple[str, str]]:
    person = {"id": "p1", "name": "Ani Contoh", "gender": "female", "birth_date": "1987-09"}
    cl = {
        "election_id": "e1",
        "district_id": "d1",
        "party": "Partai A",
        "candidacies": [
            {"name": "Ani Contoh", "gender": "female", "party": "Partai A", "election_id": "e1",
             "district_id": "d1", "list_position": 1},
            {"name": "Budi Contoh", "gender": "male", "party": "Partai A", "election_id": "e1",
             "district_id": "d1", "list_position": 2},
        ],
        "seats": 3,
    }  # fmt: skip

    def dataset(**changes: object) -> str:
        doc: dict[str, object] = {"persons": [person], "candidate_lists": [cl]}
        doc.update(changes)
        return json.dumps(doc)

    def candidacy(**changes: object) -> str:
        first = {**cl["candidacies"][0], **changes}  # type: ignore[index]
        return dataset(candidate_lists=[{**cl, "candidacies": [first]}])

    yield "good", dataset()
    yield "deep", _deep(100_000)
    yield "deep_in_section", '{"persons": ' + _deep(50_000) + "}"
    yield (
        "int5000",
        dataset(seats_extra=int("9" * 5000) if False else 0).replace(
            '"seats_extra": 0', '"seats_extra": ' + "9" * 5000
        ),
    )
    yield (
        "int5000_position",
        candidacy(list_position=0).replace('"list_position": 0', '"list_position": ' + "9" * 5000),
    )
    yield (
        "exp_number",
        candidacy(list_position=0).replace('"list_position": 0', '"list_position": 1e-999999999'),
    )
    yield "float_position", candidacy(list_position=1.9)
    yield "bool_position", candidacy(list_position=True)
    yield "nik_position", candidacy(list_position=int(NIK))
    yield "nik_seats", dataset(candidate_lists=[{**cl, "seats": int(NIK)}])
    yield "list_name", candidacy(name=["Ani", "Contoh"])
    yield "object_name", candidacy(name={"lang": "id", "name": "Ani"})
    yield "bool_name", candidacy(name=True)
    yield "number_name", candidacy(name=42)
    yield "nik_name", candidacy(name=NIK_WRITINGS[1])
    yield "date_gender", candidacy(gender=BIRTH_DATES[1])
    yield "phone_gender", candidacy(gender=PHONES[1])
    yield "nik_gender", candidacy(gender=NIK_WRITINGS[2])
    yield "long_gender", candidacy(gender="p" * 3000)
    yield (
        "person_nik_scheme",
        dataset(
            persons=[{**person, "identifiers": [{"scheme": "ktp", "identifier": NIK_WRITINGS[3]}]}]
        ),
    )
    yield "person_bad_birth", dataset(persons=[{**person, "birth_date": BIRTH_DATES[0]}])
    yield "person_bad_nik", dataset(persons=[{**person, "nik": "3201014509879999999"}])
    yield "string_for_list", dataset(candidate_lists="everything")
    yield "top_list", "[1, 2, 3]"
    yield "not_json", "{not json " + NIK_WRITINGS[0]
    yield "truncated", dataset()[:60]
    yield "bad_utf8", dataset().replace("Ani", "An\udcff", 1)


def _popolo_documents() -> Iterator[tuple[str, str]]:
    base = {
        "persons": [
            {"id": "p1", "name": "Ani Contoh", "gender": "female",
             "identifiers": [{"scheme": "nik", "identifier": NIK_WRITINGS[2]}],
             "other_names": [{"name": "Ani", "lang": "id"}]},
            {"id": "p2", "name": "Budi Contoh", "gender": "male", "birth_date": BIRTH_DATES[1]},
        ],
        "organizations": [{"id": "pkb", "name": "Partai Contoh", "classification": "party"}],
        "memberships": [{"person_id": "p1", "organization_id": "pkb"}],
    }  # fmt: skip
    yield "good", json.dumps(base)
    p = base["persons"]
    yield "name_list", json.dumps({**base, "persons": [{**p[0], "name": ["a", "b"]}]})
    yield "name_object", json.dumps({**base, "persons": [{**p[0], "name": {"x": NIK}}]})
    yield "name_nik", json.dumps({**base, "persons": [{**p[0], "name": NIK_WRITINGS[4]}]})
    yield "other_names_text", json.dumps({**base, "persons": [{**p[0], "other_names": "Ani"}]})
    yield "gender_phone", json.dumps({**base, "persons": [{**p[0], "gender": PHONES[0]}]})
    yield "deep", '{"persons": [' + _deep(100_000) + "]}"
    yield "int5000", json.dumps(base).replace('"p2"', "9" * 5000, 1)
    yield "persons_object", json.dumps({**base, "persons": {"p1": p[0]}})


def _jsonl_lines() -> Iterator[tuple[str, str]]:
    org = json.dumps(
        {"type": "Organization", "data": {"id": "pkb", "name": "P", "classification": "party"}}
    )
    person = '{"type": "Person", "data": {"id": "p1", "name": "Ani Contoh", "gender": "female"}}'
    yield "good", f"{org}\n{person}\n"
    yield "deep", f"{org}\n{_deep(100_000)}\n{person}\n"
    yield "int5000", f'{org}\n{{"type": "Person", "data": {{"id": {"9" * 5000}}}}}\n{person}\n'
    yield (
        "nik_name",
        f'{org}\n{{"type": "Person", "data": {{"id": "p2", "name": "{NIK_WRITINGS[1]}"}}}}\n',
    )
    yield (
        "phone_gender",
        org + "\n" + json.dumps({"type": "Person", "data": {"id": "p2", "gender": PHONES[1]}}),
    )
    yield "list_name", f'{org}\n{{"type": "Person", "data": {{"id": "p2", "name": ["a"]}}}}\n'
    yield (
        "huge_line",
        f'{org}\n{{"type": "Person", "data": {{"id": "p2", "name": "{"n" * 3_000_000}"}}}}\n',
    )
    yield "not_json", f"{org}\nnot json {NIK_WRITINGS[3]} {BIRTH_DATES[0]}\n"


def _decisions() -> Iterator[tuple[str, str]]:
    yield "deep", '{"decisions": ' + _deep(100_000) + "}"
    yield "int5000", '{"decisions": [' + "9" * 5000 + "]}"
    yield "nik", '{"decisions": [{"a": "' + NIK_WRITINGS[1] + '", "b": "x", "decision": "accept"}]}'
    yield "not_json", "{" + BIRTH_DATES[0]


def _xlsx(path: Path, rows: list[list[object]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)


def _xlsx_bomb(path: Path) -> None:
    """A workbook whose one sheet unpacks to about 1 GB from a few megabytes."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["No", "Partai", "Dapil", "Nomor Urut", "Nama", "Jenis Kelamin"])
    book.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    head, _, tail = parts[sheet].partition(b"</sheetData>")
    filler = b"<!--" + b" " * (1 << 20) + b"-->"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != sheet:
                z.writestr(name, data)
        with z.open(sheet, "w", force_zip64=True) as out:
            out.write(head)
            for _ in range(1024):
                out.write(filler)
            out.write(b"</sheetData>" + tail)


#: Which commands read which base: ("check", "inspect", cadre commands, seats …).
CADRE = ("registry build", "training report", "outreach", "follow-ups", "funnel")
_COMMANDS = {
    "candidates": ("check", "inspect", "seats", "representation", *CADRE),
    "members": ("check", "inspect", *CADRE),
    "attendance": ("inspect", *CADRE),
    "parline": ("inspect", "representation"),
    "dataset": ("check", "inspect", *CADRE),
    "popolo": ("check", "inspect", "registry build"),
    "jsonl": ("inspect", "registry build"),
    "xlsx": ("check", "inspect", "registry build"),
    "decisions": ("registry build --decisions",),
}


def build(directory: Path, *, xlsx: bool = True) -> list[tuple[Path, tuple[str, ...]]]:
    """Write the corpus into ``directory``: (file, the commands to run over it)."""
    out: list[tuple[Path, tuple[str, ...]]] = []

    def add(kind: str, name: str, data: bytes | str, suffix: str) -> None:
        path = directory / f"{kind}-{name}{suffix}"
        if isinstance(data, str):
            path.write_bytes(data.encode("utf-8", "surrogateescape"))
        else:
            path.write_bytes(data)
        out.append((path, _COMMANDS[kind]))

    for kind, (header, rows) in _CSV_BASES.items():
        for name, data in _csv_damages(header, rows):
            add(kind, name, data, ".csv")
    for name, text in _json_documents():
        add("dataset", name, text, ".json")
    for name, text in _popolo_documents():
        add("popolo", name, text, ".json")
    for name, text in _jsonl_lines():
        add("jsonl", name, text, ".jsonl")
    for name, text in _decisions():
        add("decisions", name, text, ".json")
    if xlsx:
        header = ["No", "Partai", "Dapil", "Nomor Urut", "Nama", "Jenis Kelamin"]
        cases: dict[str, Callable[[Path], None]] = {
            "nik_position": lambda p: _xlsx(
                p, [header, [1, "A", "D1", int(NIK), "Ani", "P"], [2, "A", "D1", 2, "Budi", "L"]]
            ),
            "nik_name": lambda p: _xlsx(p, [header, [1, "A", "D1", 1, NIK_WRITINGS[1], "P"]]),
            "float_position": lambda p: _xlsx(p, [header, [1, "A", "D1", 1.9, "Ani", "P"]]),
            "phone_gender": lambda p: _xlsx(p, [header, [1, "A", "D1", 1, "Ani", PHONES[0]]]),
            "bomb": _xlsx_bomb,
        }
        for name, make in cases.items():
            path = directory / f"xlsx-{name}.xlsx"
            make(path)
            out.append((path, _COMMANDS["xlsx"]))
        add("xlsx", "not_a_zip", b"PK\x03\x04" + b"\x00" * 100, ".xlsx")
    return out
