"""The monitoring group's year, end to end: the annex example with its 2025 not yet filled is split into its parts;
two parts are filled through LibreOffice itself (python3-uno, tests/lo_type.py: the entries typed the way a person
types them, the file saved by LibreOffice as .xlsx), the others with openpyxl; everything is merged back, and the
merged workbook's summary of 2025 is the example's. A deliberately conflicting pair of parts gives exactly the
expected conflicts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.checks.merge import merge
from addin.checks.validate import validate
from addin.figures.summary import build_summary
from addin.workbook import layout as L
from addin.workbook.monitoring import read_entries
from addin.workbook.parts import split
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, run_matrica

LO_PYTHON = "/usr/bin/python3"  # Debian's Python, the one with python3-uno (scripts/install-system-deps.sh)
SCRIPT = Path(__file__).parent / "lo_type.py"
YEAR = 2025
M25 = L.monitoring_sheet(YEAR)
THROUGH_LIBREOFFICE = ("QKR", "ASHS")  # the two biggest parts: 18 of the 36 measures
INPUTS = [c.key for c in L.MONITORING_INPUT_COLUMNS]


def example_entries(path: Path) -> dict[tuple, dict[str, object]]:
    """The year's inputs by indicator key, empty cells left out."""
    return {(e.field, e.activity, int(e.raw["n"])): {k: e.raw[k] for k in INPUTS if e.raw.get(k) is not None}
            for e in read_entries(open_workbook(path), YEAR) if e.indicator}


def cells_of(part: Path) -> dict[tuple, str]:
    """(indicator key, column key) -> the part's cell address on the year's sheet, for its unlocked cells."""
    ws = load_workbook(part)[M25]
    out = {}
    for e in read_entries(open_workbook(part), YEAR):
        for k in INPUTS:
            cell = e.refs[k].rsplit("!", 1)[1]
            if not ws[cell].protection.locked:
                out[(e.field, e.activity, int(e.raw["n"])), k] = cell
    return out


def typed_text(value: object) -> str:
    """A value as a person types it: whole numbers without a decimal point."""
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


@pytest.fixture(scope="module")
def year_round(examples, tmp_path_factory):
    """The example's 2025 emptied (the workbook the monitoring group splits), its parts, the parts filled with the
    example's 2025 entries (two through LibreOffice), and the merge of them all."""
    folder = tmp_path_factory.mktemp("round-trip")
    example = examples[ANNEX]
    wanted = example_entries(example)
    base = folder / "annex-2025-bosh.xlsx"
    wb = load_workbook(example)
    ws = wb[M25]
    header = {ws.cell(L.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    for c in L.MONITORING_INPUT_COLUMNS:
        for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
            ws.cell(r, header[c.header]).value = None
    wb.save(base)
    done = split(base, YEAR, folder / "pjeset")
    parts = {w.institution.code: w.path for w in done.parts}
    filled, jobs, untyped = {}, [], []
    for code, path in parts.items():
        cells = cells_of(path)
        edits = [(cells[key, k], value) for key, values in wanted.items() for k, value in values.items()
                 if (key, k) in cells]
        untyped += [(key, k) for key, values in wanted.items() for k in values
                    if (key, k) not in cells and key[:2] in {c[0][:2] for c in cells}]
        filled[code] = folder / "plotesuar" / path.name
        filled[code].parent.mkdir(exist_ok=True)
        if code in THROUGH_LIBREOFFICE:
            jobs.append({"src": str(path), "out": str(filled[code]), "recalculate": True, "edits": [
                {"sheet": M25, "cell": cell, "text": typed_text(value), "how": "type"} for cell, value in edits]})
        else:
            book = load_workbook(path)
            for cell, value in edits:
                book[M25][cell].value = value
            book.save(filled[code])
    assert not untyped  # every example entry has its unlocked cell in the part that leads it
    jobs_file = folder / "jobs.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    proc = subprocess.run([LO_PYTHON, str(SCRIPT), str(jobs_file)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    merged = folder / "annex-2025-bashkuar.xlsx"
    result = merge(base, list(filled.values()), merged)
    return {"example": example, "base": base, "parts": parts, "filled": filled, "merged": merged,
            "result": result, "folder": folder}


def test_the_parts_typed_through_libreoffice_are_libreoffices_files(year_round):
    for code in THROUGH_LIBREOFFICE:
        app = load_workbook(year_round["filled"][code]).properties  # LibreOffice writes its own application name
        with __import__("zipfile").ZipFile(year_round["filled"][code]) as z:
            assert b"LibreOffice" in z.read("docProps/app.xml"), (code, app)
        assert validate(year_round["filled"][code]).valid  # each checked as a part: clean


def test_merging_every_part_gives_back_the_examples_year(year_round):
    result = year_round["result"]
    assert not result.conflicts and result.merged
    assert {p.info.institution.code for p in result.parts} == set(year_round["parts"])
    theirs = build_summary(open_workbook(year_round["example"]), YEAR)
    mine = build_summary(open_workbook(year_round["merged"]), YEAR)
    theirs.pop("workbook"), mine.pop("workbook")
    assert mine == theirs
    assert example_entries(year_round["merged"]) == example_entries(year_round["example"])
    assert validate(year_round["merged"]).counts == validate(year_round["example"]).counts


def test_the_merged_workbook_says_where_each_value_came_from(year_round):
    ws = load_workbook(year_round["merged"])[L.SHEET_MERGE]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    files = {r[6] for r in rows}
    assert files == {p.name for p in year_round["filled"].values()}
    assert len(rows) == len(year_round["result"].merged)


def test_a_conflicting_pair_of_parts_gives_exactly_the_expected_conflicts(year_round, tmp_path):
    qkr = year_round["filled"]["QKR"]  # typed through LibreOffice
    other = tmp_path / "qkr-kopja-e-dyte.xlsx"
    shutil.copyfile(qkr, other)
    book = load_workbook(other)
    cells = cells_of(other)
    wanted = example_entries(year_round["example"])
    changes = {(("RC", "1.1", 1), "status"): "në proces", (("RC", "1.2", 1), "actual"): 999,
               (("AR", "2.3.1", 1), "spent"): 99999}
    for (key, k), value in changes.items():
        book[M25][cells[key, k]].value = value
    book[M25][cells[("RC", "2.1", 1), "actual"]].value = wanted[("RC", "2.1", 1)]["actual"]  # the same: no conflict
    book.save(other)
    out = tmp_path / "bashkuar.xlsx"
    proc = run_matrica("merge", str(year_round["base"]), str(qkr), str(other), "--out", str(out), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    got = {(c["code"], c["column"]): [(v["value"], Path(v["file"]).name) for v in c["values"]]
           for c in data["conflicts"]}
    headers = {c.key: c.header for c in L.MONITORING_INPUT_COLUMNS}
    expected = {(f"{key[0]} {key[1]} #{key[2]}", headers[k]): [(wanted[key][k], qkr.name), (value, other.name)]
                for (key, k), value in changes.items()}
    assert got == expected
    merged = example_entries(out)
    for (key, k) in changes:  # nothing chosen: the workbook's cell stays empty
        assert k not in merged.get(key, {})
