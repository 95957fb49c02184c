"""Formulas in input cells: read by their stored result; without one (a workbook written by a program that does not
calculate) a finding at the cell says to recalculate and save, never a silent empty cell."""

from __future__ import annotations

import json

import pytest

from addin.checks.validate import validate
from addin.figures.summary import build_summary
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, soffice
from tests.every_command import every_command, matrica
from tests.workbook_edits import Edit, edit_sheet_xml, with_cell_xml

M25 = L.monitoring_sheet(2025)
RC12 = ("RC", "1.2", 1)  # a count indicator, target 25


def _ref(address: str) -> str:
    return address.rsplit("!", 1)[1]


def formula_findings(report) -> dict[str, str]:
    return {f.cell: f.severity for f in report.findings if f.rule == "formula-no-value"}


def test_a_formula_is_read_by_its_stored_result(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "typed.xlsx")
    ref = _ref(edit.set(M25, RC12, "Vlera aktuale", 1))
    edit.set(M25, RC12, "Statusi i aktivitetit", "në proces")
    path = edit_sheet_xml(edit.save(), tmp_path / "cached.xlsx", M25,
                          with_cell_xml(ref, f'<c r="{ref}"><f>20+5</f><v>25</v></c>'))
    assert formula_findings(validate(path)) == {}
    rows = {(i["activity_code"], i["n"]): i for i in build_summary(open_workbook(path), 2025)["indicators"]}
    assert rows[("RC 1.2", 1)]["actual"] == 25


def test_a_formula_without_a_stored_result_is_an_error_at_its_cell(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "script.xlsx")
    actual = edit.set(M25, RC12, "Vlera aktuale", "=20+5", formula=True)
    spent = edit.set(M25, RC12, "Shpenzuar (lekë)", "=SUM(1000,2000)", formula=True)
    edit.set(M25, RC12, "Statusi i aktivitetit", "në proces")
    edit.cell(M25, "Z5", "=A1")  # a helper formula outside the table is not read, so not reported
    report = validate(edit.save())
    assert formula_findings(report) == {actual: "error", spent: "error"}
    finding = next(f for f in report.findings if f.cell == actual and f.rule == "formula-no-value")
    assert finding.value == "=20+5" and finding.code == "RC 1.2 #1"
    assert "recalculate and save" in finding.message("en") and "rillogariteni dhe ruajeni" in finding.message("sq")


def test_a_threshold_written_as_a_formula_without_its_result_is_named(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "settings.xlsx")
    edit.cell(L.SHEET_SETTINGS, "B7", "=80+10")  # 'në rrugë të mbarë'
    run = matrica("validate", str(edit.save()), "--no-copy", "--format", "json")
    findings = json.loads(run.out)["findings"]
    assert run.code == 1
    assert {(f["rule"], f["cell"]) for f in findings} >= {("formula-no-value", f"'{L.SHEET_SETTINGS}'!B7")}


def test_recalculating_in_a_spreadsheet_program_clears_the_finding(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "script.xlsx")
    actual = edit.set(M25, RC12, "Vlera aktuale", "=20+5", formula=True)
    edit.set(M25, RC12, "Statusi i aktivitetit", "në proces")
    path = edit.save()
    assert actual in formula_findings(validate(path))
    (tmp_path / "lo").mkdir()
    saved = soffice(path, "xlsx", tmp_path / "lo")  # LibreOffice computes the formula and stores its result
    assert formula_findings(validate(saved)) == {}
    rows = {(i["activity_code"], i["n"]): i for i in build_summary(open_workbook(saved), 2025)["indicators"]}
    assert rows[("RC 1.2", 1)]["actual"] == 25


@pytest.mark.parametrize("lang", ["sq", "en"])
def test_every_command_copes_with_formulas_without_results(built, tmp_path, lang):
    edit = Edit(built[ANNEX], tmp_path / "script.xlsx")
    edit.set(M25, RC12, "Vlera aktuale", "=20+5", formula=True)
    edit.set(M25, ("RC", "1.1", 1), "Shpenzuar (lekë)", "=1/0", formula=True)
    runs = every_command(edit.save(), 2025, tmp_path / "out", lang)
    assert runs["validate"].code == 1 and "formula-no-value" in runs["validate"].out
    assert runs["report"].code == 1


@pytest.mark.parametrize("error", ["#SPILL!", "#CALC!", "#GETTING_DATA", "#BLOCKED!"])
def test_an_error_value_of_newer_excel_is_an_error_at_its_cell_not_a_damaged_file(built, tmp_path, error):
    """A dynamic-array formula that cannot spill (typed into an input cell above a filled one) stores #SPILL!, an
    error value python-calamine does not know: the workbook is still read, and the cell named."""
    edit = Edit(built[ANNEX], tmp_path / "spill.xlsx")
    ref = _ref(edit.set(M25, RC12, "Vlera aktuale", 1))
    edit.set(M25, RC12, "Statusi i aktivitetit", "në proces")
    threshold = "B7"  # 'në rrugë të mbarë' on Parametrat
    path = edit_sheet_xml(edit.save(), tmp_path / "spilled.xlsx", M25,
                          with_cell_xml(ref, f'<c r="{ref}" t="e"><f>SEQUENCE(3)</f><v>{error}</v></c>'))
    path = edit_sheet_xml(path, tmp_path / "spilled2.xlsx", L.SHEET_SETTINGS,
                          with_cell_xml(threshold, f'<c r="{threshold}" t="e"><f>A1#</f><v>{error}</v></c>'))
    report = validate(path)
    found = {(f.rule, f.cell): f for f in report.findings}
    cell = f"'{M25}'!{ref}"
    assert ("excel-error", cell) in found and ("excel-error", f"'{L.SHEET_SETTINGS}'!{threshold}") in found
    assert error in found[("excel-error", cell)].message("en")
    rows = {(i["activity_code"], i["n"]): i for i in build_summary(open_workbook(path), 2025)["indicators"]}
    assert rows[("RC 1.2", 1)]["actual"] is None
    runs = every_command(path, 2025, tmp_path / "out")
    assert runs["validate"].code == 1 and runs["summary"].code == 0


def _objective_cell(edit: Edit, code: str, year: int) -> str:
    ws = edit.wb[L.SHEET_OBJECTIVES]
    header = {c.value: c.column for c in ws[L.HEADER_ROW] if c.value}
    row = next(r for r in range(L.FIRST_DATA_ROW, ws.max_row + 1)
               if str(ws.cell(r, header["Kodi i objektivit"]).value) == code)
    return ws.cell(row, header[L.objective_value_header(year)]).coordinate


def _narrative_text_cell(edit: Edit, year: int) -> str:
    ws = edit.wb[L.SHEET_NARRATIVE]
    header = {c.value: c.column for c in ws[L.HEADER_ROW] if c.value}
    row = next(r for r in range(L.FIRST_DATA_ROW, ws.max_row + 1) if ws.cell(r, header["Viti"]).value == year)
    return ws.cell(row, header["Teksti"]).coordinate


def test_formulas_and_error_values_in_the_objectives_values_and_report_texts_are_named(examples, tmp_path):
    """The objectives' yearly values and the report's texts on Narrativa are read too: a formula there without its
    result, or an Excel error value, is an error at its cell, not a silently empty value or "empty text"."""
    from addin.workbook.objectivevalues import read_objective_values

    edit = Edit(examples[ANNEX], tmp_path / "script.xlsx")
    value = _objective_cell(edit, "1", 2025)
    text = _narrative_text_cell(edit, 2025)
    edit.cell(L.SHEET_OBJECTIVES, value, "=70+1")
    edit.cell(L.SHEET_NARRATIVE, text, '="Hyrja e vitit"')
    broken = _objective_cell(edit, "2", 2025)
    path = edit_sheet_xml(edit.save(), tmp_path / "errors.xlsx", L.SHEET_OBJECTIVES,
                          with_cell_xml(broken, f'<c r="{broken}" t="e"><f>1/0</f><v>#DIV/0!</v></c>'))
    found = {(f.rule, f.cell) for f in validate(path).findings}
    assert ("formula-no-value", f"'{L.SHEET_OBJECTIVES}'!{value}") in found
    assert ("formula-no-value", f"'{L.SHEET_NARRATIVE}'!{text}") in found
    assert ("excel-error", f"'{L.SHEET_OBJECTIVES}'!{broken}") in found
    assert not any(rule == "narrative-empty" and cell == f"'{L.SHEET_NARRATIVE}'!{text}" for rule, cell in found)
    values = read_objective_values(open_workbook(path))
    assert values[("RC", "1")].value(2025) is None and values[("RC", "2")].value(2025) is None
