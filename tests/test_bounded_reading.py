"""A sheet is read in proportion to its data: a stray value at the far corner of a sheet costs neither memory nor
time, and is a finding at its address when the sheet is one Matrica reads."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from addin.checks.validate import validate
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook
from addin.workbook.sheetxml import col_letters, scan_sheet
from tests.conftest import ANNEX, SOCIAL
from tests.every_command import every_command
from tests.workbook_edits import Edit

M25 = L.monitoring_sheet(2025)
MEASURE = """
import resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # a run gone wrong fails here, not on the machine
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.stderr.write(proc.stdout + proc.stderr)
"""


def peak(*args: str) -> tuple[int, int, str]:
    """(exit code, peak resident memory in KiB, output) of one `matrica` command, in a fresh process."""
    exe = Path(sys.executable).parent / "matrica"
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(exe), *args], capture_output=True, text=True,
                          timeout=300)
    code, kib = proc.stdout.split()
    return int(code), int(kib), proc.stderr


def stray(src: Path, dst: Path, sheet: str, ref: str, value: object = "shënim") -> Path:
    edit = Edit(src, dst)
    edit.cell(sheet, ref, value)
    return edit.save()


@pytest.mark.parametrize("ref", ["XFD1048576", "Z1048576"])
def test_a_stray_value_in_the_last_cell_costs_no_memory_and_is_a_finding_there(built, tmp_path, ref):
    clean_code, clean_kib, _ = peak("validate", str(built[ANNEX]), "--no-copy")
    path = stray(built[ANNEX], tmp_path / "stray.xlsx", M25, ref)
    code, kib, said = peak("validate", str(path), "--no-copy")
    assert clean_code == 0 and code == 0, said  # a warning only: nothing Matrica reads is wrong
    assert kib < clean_kib + 30_000, (kib, clean_kib)  # a few MB of noise, not the 1.1 GB of a dense grid
    assert f"'{M25}'!{ref}" in said and "stray-cell" in said


def test_a_stray_value_is_left_out_and_the_rest_of_the_sheet_is_read(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "stray.xlsx")
    actual = edit.set(M25, ("RC", "1.2", 1), "Vlera aktuale", 25)
    edit.cell(M25, "XFD1048576", 7)
    edit.cell(L.SHEET_MATRIX, "XFD1", "x")
    path = edit.save()
    wb = open_workbook(path)
    grid = wb.values(M25)
    assert len(grid) < 100 and len(grid[0]) <= len(L.MONITORING_COLUMNS)
    report = validate(path)
    strays = {f.cell: f for f in report.findings if f.rule == "stray-cell"}
    assert set(strays) == {f"'{M25}'!XFD1048576", f"'{L.SHEET_MATRIX}'!XFD1"}
    assert strays[f"'{M25}'!XFD1048576"].severity == "warning"
    last = f"{col_letters(len(L.MONITORING_COLUMNS))}55"  # the annex sheet's last column and row
    assert f"the data end at {last}" in strays[f"'{M25}'!XFD1048576"].message("en")
    row = actual.rsplit("!", 1)[1]
    assert not any(f.cell and f.cell.endswith(f"!{row}") for f in report.findings if f.rule != "stray-cell")


def test_a_stray_value_in_a_sheet_matrica_does_not_read_is_no_finding(built, tmp_path):
    path = stray(built[ANNEX], tmp_path / "guide.xlsx", L.SHEET_GUIDE, "XFD1048576")
    assert validate(path).findings == []


def test_a_far_cell_written_without_value_or_with_an_empty_inline_string_is_bounded_too():
    row = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Fusha</t></is></c></row>'
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>'
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + row + far \
        + b'</sheetData></worksheet>'
    scan = scan_sheet(sheet)
    assert scan.extent == (1, 1) and scan.stray == {"XFD1048576": ""} and b"XFD" not in scan.cleaned


def test_cells_without_addresses_and_a_namespace_prefix_are_placed_like_excel_does():
    sheet = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
             b'<x:row r="2"><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row>'
             b'<x:row r="900000"><x:c r="AB900000"><x:v>5</x:v></x:c></x:row>'
             b'</x:sheetData></x:worksheet>')
    scan = scan_sheet(sheet)
    assert scan.extent == (2, 2) and scan.stray == {"AB900000": "5"}


@pytest.mark.parametrize("plan_id,sheet,year", [(ANNEX, M25, 2025), (SOCIAL, L.SHEET_MATRIX, 2023),
                                                (ANNEX, L.SHEET_SETTINGS, 2025)])
def test_every_command_copes_with_a_stray_value_in_a_sheet_it_reads(built, tmp_path, plan_id, sheet, year):
    path = stray(built[plan_id], tmp_path / "stray.xlsx", sheet, "XFD1048576")
    runs = every_command(path, year, tmp_path / "out")
    assert runs["validate"].code == 0 and "XFD1048576" in runs["validate"].out
    assert runs["summary json"].code == 0 and runs["report html"].code == 0


def test_the_zip_part_calamine_reads_is_the_original_when_nothing_is_far(built):
    with zipfile.ZipFile(built[ANNEX]) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        scans = [scan_sheet(z.read(n)) for n in sheets]
    assert all(s.cleaned is None and s.stray == {} for s in scans)


def test_a_sheet_whose_formulas_are_one_column_finds_them_without_a_cell_by_cell_pass(built):
    """The monitoring sheets carry the "Gjithsej deri tani" formulas: they are found from each formula back to its
    cell, with the same result as the cell-by-cell pass (uncached formulas by cell)."""
    from addin.workbook import sheetxml as X

    with zipfile.ZipFile(built[SOCIAL]) as z:
        data = z.read(X.sheet_members(z)[L.monitoring_sheet(2024)])
    full = {c.ref: c.formula for c in X._cells(data) if c.formula is not None}
    fast = {c.ref: c.formula for c in X._formula_cells(data, b"")}
    assert fast == full and len(fast) > 20
    assert set(scan_sheet(data).uncached) == set(full)
    f_end = data.find(b"</f>") + 4
    cached = data[:f_end] + b"<v>5</v>" + data[data.find(b"</c>", f_end):]  # one formula with its result stored
    assert len(scan_sheet(cached).uncached) == len(full) - 1
    unplaced = data.replace(b' r="I5"', b"", 1)  # a formula cell without an address: the full pass places it
    assert X._formula_cells(unplaced, b"") is None or "I5" not in {c.ref for c in X._formula_cells(unplaced, b"")}
    assert set(scan_sheet(unplaced).uncached) == set(full)


@pytest.mark.parametrize(("cells", "uncached", "stray"), [
    (b'<row r="1"><c r="A1" s="8"><f>IF(COUNT(H1)=0,"",H1)</f><v></v></c><c r="B1"><f>A1&amp;"x"</f><v/></c>'
     b'<c r="C1"><f>1+1</f><v>2</v></c><c r="D1"><f>1</f></c></row>',
     {"A1": '=IF(COUNT(H1)=0,"",H1)', "B1": '=A1&"x"', "D1": "=1"}, {}),
    (b'<row r="1"><c r="A1" t="str"><f>"a"</f><v></v></c><c r="B1" s="2" t="str"><f>""</f><v/></c>'
     b'<c r="C1" t="str"><f>X</f></c></row>', {"C1": "=X"}, {}),
    (b'<row r="2"><c r="AA2"><f t="shared" ref="AA2:AA3" si="0">B2</f><v></v></c></row>'
     b'<row r="3"><c r="AA3"><f t="shared" si="0"/><v></v></c></row>', {"AA2": "=B2", "AA3": "="}, {}),
    (b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A900"><f>A1</f><v></v></c></row>', {},
     {"A900": "=A1"}),
    (b'<row r="1"><c><f>1+1</f><v></v></c><c r="B1"><f>2</f></c></row>', {"A1": "=1+1", "B1": "=2"}, {}),
    (b'<row r="1"><c s="1" r="A1"><f>1</f><v></v></c></row>', {"A1": "=1"}, {}),
], ids=["plain", "text-results", "shared", "below-the-last-row", "no-address", "address-not-first"])
def test_formulas_without_a_stored_result_are_found_however_their_cells_are_written(cells, uncached, stray):
    """The one-match-per-formula pass gives what the cell-by-cell pass gives; a cell it cannot place for sure (no
    address, the address not first, far below the rows) sends the sheet through that pass."""
    scan = scan_sheet(b"<worksheet><sheetData>" + cells + b"</sheetData></worksheet>")
    assert (scan.uncached, scan.stray) == (uncached, stray)


@pytest.mark.parametrize("step", [1, 4, 7, 64, 1 << 20])
def test_counting_cells_only_until_the_grid_is_proven_small_decides_as_counting_them_all(monkeypatch, step):
    """`_grid_limit` stops counting cells once they bound the grid; with cell tags across its steps' edges (steps
    of a few bytes), and with `<c>` tags and a namespace prefix, it decides exactly as a count of every cell."""
    from addin.workbook import sheetxml

    monkeypatch.setattr(sheetxml, "COUNT_STEP", step)
    for prefix in (b"", b"x:"):
        cells = b"".join(b'<%sc r="A%d"><%sv>1</%sv></%sc>' % (prefix, i, prefix, prefix, prefix)
                         for i in range(1, 40))
        bare = b"<%sc><%sv>2</%sv></%sc>" % ((prefix,) * 4)  # a cell written without attributes
        data = b"<%sworksheet><%srow>" % (prefix, prefix) + cells + bare * 3
        n = data.count(b"<" + prefix + b"c ") + data.count(b"<" + prefix + b"c>")
        for grid in range(sheetxml.GRID_SLACK - 5, sheetxml.GRID_SLACK + sheetxml.GRID_FACTOR * n + 6):
            bounded, limit = sheetxml._grid_limit(data, prefix, grid)
            assert bounded == (grid <= sheetxml.GRID_FACTOR * n + sheetxml.GRID_SLACK)
            if not bounded:
                assert limit == sheetxml.GRID_FACTOR * n + sheetxml.GRID_SLACK
