"""`matrica new-year`: a copy with an empty monitoring sheet; refusals with clear messages."""

from __future__ import annotations

import hashlib

import pytest
from openpyxl import load_workbook

from addin.workbook import layout as L
from addin.workbook.build import build_workbook
from tests.conftest import ANNEX, run_matrica


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def two_year_book(tmp_path, plans):
    return build_workbook(plans[ANNEX], tmp_path / "annex.xlsx", years=[2024, 2025])


def test_new_year_writes_a_copy_with_an_empty_sheet_for_that_year(two_year_book, tmp_path, plans):
    before = digest(two_year_book)
    out = tmp_path / "annex-2026.xlsx"
    proc = run_matrica("new-year", str(two_year_book), "--year", "2026", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert str(out) in proc.stdout
    assert digest(two_year_book) == before
    wb = load_workbook(out)
    assert [s for s in wb.sheetnames if s.startswith(L.MONITORING_PREFIX)] == [
        "Monitorimi 2024", "Monitorimi 2025", "Monitorimi 2026"]
    ws = wb["Monitorimi 2026"]
    assert ws.max_row - L.HEADER_ROW == len(plans[ANNEX].indicators)
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}
    actual = col["Vlera aktuale (e këtij viti)"]
    assert all(ws.cell(r, actual).value is None for r in range(L.FIRST_DATA_ROW, ws.max_row + 1))
    assert ws.protection.sheet and any(dv.formula1 == "=lista_statuses" for dv in ws.data_validations.dataValidation)


@pytest.mark.parametrize(
    ("year", "message"),
    [(2030, "viti 2030 është jashtë periudhës së planit 2024-2027"),
     (2023, "viti 2023 është jashtë periudhës së planit 2024-2027"),
     (2025, "libri ka tashmë fletën 'Monitorimi 2025'")],
)
def test_new_year_refuses_a_year_outside_the_period_or_already_there(two_year_book, tmp_path, year, message):
    before = digest(two_year_book)
    out = tmp_path / "out.xlsx"
    proc = run_matrica("new-year", str(two_year_book), "--year", str(year), "--out", str(out))
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists() and digest(two_year_book) == before


def test_new_year_never_writes_over_its_input(two_year_book):
    before = digest(two_year_book)
    proc = run_matrica("new-year", str(two_year_book), "--year", "2026", "--out", str(two_year_book))
    assert proc.returncode == 2 and "nuk mund të jetë vetë skedari hyrës" in proc.stderr
    assert digest(two_year_book) == before


def test_new_year_speaks_english_on_request(two_year_book, tmp_path):
    proc = run_matrica("new-year", str(two_year_book), "--year", "2031", "--out", str(tmp_path / "x.xlsx"),
                       "--lang", "en")
    assert proc.returncode == 2 and "the year 2031 is outside the plan period 2024-2027" in proc.stderr
