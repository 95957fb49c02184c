"""The budget directorate's inputs: programme and estimated cost on the matrix sheet, the programme list, the amount
allocated per activity on each monitoring sheet; read by header, checked at their cells, kept by `new-year`."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from addin.checks.validate import validate
from addin.figures.summary import read_year
from addin.workbook import layout as L
from addin.workbook.budgetinputs import read_budget_inputs, read_programme_list
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL, run_matrica
from tests.workbook_edits import Edit

M25 = L.monitoring_sheet(2025)
PROGRAMME, ESTIMATE = (c.header for c in L.MATRIX_BUDGET_COLUMNS)
ALLOCATED = "Alokuar në buxhet (lekë)"


def found(report, rule):
    return {(f.cell, f.severity) for f in report.findings if f.rule == rule}


@pytest.fixture
def annex(built, tmp_path):
    return Edit(built[ANNEX], tmp_path / "annex.xlsx")


@pytest.fixture
def social(built, tmp_path):
    return Edit(built[SOCIAL], tmp_path / "social.xlsx")


def programmes(edit: Edit, *names: str) -> None:
    """Type programmes into the list on the lists sheet, as the budget directorate does."""
    ws = edit.wb[L.SHEET_LISTS]
    col = next(c.column for c in ws[L.HEADER_ROW] if c.value == "Programet buxhetore")
    for r, name in enumerate(names, start=L.FIRST_DATA_ROW):
        ws.cell(r, col).value = name


def test_programme_estimate_and_allocation_are_read_by_their_headers(social):
    programmes(social, "Programi A", 10400)
    social.set(L.SHEET_MATRIX, ("A", "A1.2"), PROGRAMME, "Programi A")
    social.set(L.SHEET_MATRIX, ("A", "A1.3"), PROGRAMME, 10400)
    social.set(L.SHEET_MATRIX, ("A", "A1.2"), ESTIMATE, "1.200.000 lekë")
    social.set(L.monitoring_sheet(2024), ("A", "A1.2", 1), ALLOCATED, 900000)
    wb = open_workbook(social.save())
    assert read_programme_list(wb) == ["Programi A", "10400"]
    inputs = read_budget_inputs(wb)
    assert (inputs[("A", "A1.2")].programme, inputs[("A", "A1.2")].estimated) == ("Programi A", 1_200_000)
    assert inputs[("A", "A1.3")].programme == "10400" and inputs[("A", "A1.3")].estimated is None
    assert read_year(wb, 2024).allocations == {("A", "A1.2"): 900000}
    report = validate(social.path)
    assert report.findings == [], [f.as_dict() for f in report.findings]


def test_a_programme_not_in_the_list_is_an_error_at_its_cell_and_an_empty_list_says_who_fills_it(annex):
    ref = annex.set(L.SHEET_MATRIX, ("RC", "1.1"), PROGRAMME, "P-01")
    report = validate(annex.save())
    assert found(report, "vocabulary-unknown") == {(ref, "error")}
    assert "drejtoria e buxhetit e plotëson në fletën Listat" in report.findings[0].message()
    programmes(annex, "P-02 Kujdesi social")
    annex.set(L.SHEET_MATRIX, ("RC", "1.2"), PROGRAMME, "p-02  kujdesi social")
    fixable = annex.addresses[(L.SHEET_MATRIX, "RC", "1.2", PROGRAMME)]
    report = validate(annex.save())
    assert found(report, "vocabulary-unknown") == {(ref, "error")}
    assert found(report, "vocabulary-normalisable") == {(fixable, "warning")}


def test_a_programme_list_whose_column_is_gone_is_one_warning_not_an_error_on_every_row(annex):
    """The column "Programet buxhetore" renamed on Listat: one column-missing warning there, in either language;
    the programmes typed on Matrica cannot be checked against a list nobody can read, so none is an error."""
    ws = annex.wb[L.SHEET_LISTS]
    next(c for c in ws[L.HEADER_ROW] if c.value == "Programet buxhetore").value = "Programet"
    for code in ("1.1", "1.2", "1.3"):
        annex.set(L.SHEET_MATRIX, ("RC", code), PROGRAMME, "P-01 Kujdesi social")
    report = validate(annex.save())
    assert [(f.rule, f.sheet, f.severity) for f in report.findings] == [("column-missing", L.SHEET_LISTS, "warning")]
    assert "Listat" in report.findings[0].message("sq") and "Programet buxhetore" in report.findings[0].message("en")
    assert read_programme_list(open_workbook(annex.path)) == []


def test_unreadable_allocation_and_estimate_are_amount_errors_at_their_cells(annex):
    allocated = annex.set(M25, ("RC", "1.1", 1), ALLOCATED, "shumë")
    estimate = annex.set(L.SHEET_MATRIX, ("AR", "2.2.1"), ESTIMATE, "rreth një milion")
    fine = annex.set(L.SHEET_MATRIX, ("ST", "5.1"), ESTIMATE, "250.000 lekë")
    report = validate(annex.save())
    assert found(report, "amount-unreadable") == {(allocated, "error"), (estimate, "error")}
    assert fine not in {f.cell for f in report.findings}


def test_an_allocation_entered_before_the_year_is_monitored_does_not_start_the_sheet(annex):
    annex.set(M25, ("RC", "1.1", 1), ALLOCATED, 34300)
    report = validate(annex.save(), 2025)
    assert not found(report, "missing-value")  # no status is asked for yet


def test_the_estimate_and_programme_are_not_plan_text_so_never_a_plan_edit(social):
    programmes(social, "Programi A")
    social.set(L.SHEET_MATRIX, ("A", "A1.1"), PROGRAMME, "Programi A")
    social.set(L.SHEET_MATRIX, ("A", "A1.1"), ESTIMATE, 500000)
    assert not found(validate(social.save()), "plan-edited")


def test_new_year_sheet_has_the_allocation_column_open_on_each_activitys_first_row(built, tmp_path, plans):
    src = tmp_path / "annex.xlsx"
    from addin.workbook.build import build_workbook

    build_workbook(plans[ANNEX], src, years=[2024])
    out = tmp_path / "annex-2025.xlsx"
    proc = run_matrica("new-year", str(src), "--year", "2025", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    ws = load_workbook(out)[M25]
    headers = [c.value for c in ws[L.HEADER_ROW]]
    col = headers.index(ALLOCATED) + 1
    assert headers[col] == "Shpenzuar (lekë)"
    assert not ws.cell(L.FIRST_DATA_ROW, col).protection.locked


def test_a_workbook_built_before_the_budget_columns_still_reads_and_validates(annex):
    """Columns are found by header: a workbook without the new columns has no programme, estimate or allocation."""
    for sheet, header in ((L.SHEET_MATRIX, PROGRAMME), (L.SHEET_MATRIX, ESTIMATE), (M25, ALLOCATED)):
        ws = annex.wb[sheet]
        col = next(c.column for c in ws[L.HEADER_ROW] if c.value == header)
        ws.cell(L.HEADER_ROW, col).value = None
    wb = open_workbook(annex.save())
    assert all(i.programme is None and i.estimated is None for i in read_budget_inputs(wb).values())
    assert read_year(wb, 2025).allocations == {}
    assert validate(annex.path).findings == []


def test_a_cleared_kontrollo_mark_gives_the_budget_cells_their_yellow_back(built):
    """Kontrollo in Excel restores the layout fill of cells it marked before: the budget columns are input cells."""
    from addin.checks.marking import LAYOUT_FILLS, layout_fill
    from addin.checks.validate import gather

    ctx = gather(built[ANNEX])
    for sheet, key in ((L.SHEET_MATRIX, "programme"), (L.SHEET_MATRIX, "estimated_cost"), (M25, "allocated")):
        table = ctx.matrix if sheet == L.SHEET_MATRIX else ctx.monitoring[2025]
        ref = table.ref(L.FIRST_DATA_ROW, key).rsplit("!", 1)[1]
        assert layout_fill(ctx, sheet, ref) == LAYOUT_FILLS["input"], (sheet, key)
    plan_cell = ctx.matrix.ref(L.FIRST_DATA_ROW, "cost_lek").rsplit("!", 1)[1]
    assert layout_fill(ctx, L.SHEET_MATRIX, plan_cell) == LAYOUT_FILLS["plan"]
