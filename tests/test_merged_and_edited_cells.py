"""Merged cells and edited plan texts on the sheets people fill are findings at their cells."""

from __future__ import annotations

from addin.checks.validate import validate
from addin.workbook import layout as L
from tests.conftest import ANNEX
from tests.every_command import every_command
from tests.workbook_edits import Edit

M25 = L.monitoring_sheet(2025)


def _ref(address: str) -> str:
    return address.rsplit("!", 1)[1]


def _right(ref: str) -> str:
    """The cell to the right: "D4" -> "E4"."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

    letters, row = coordinate_from_string(ref)
    return f"{get_column_letter(column_index_from_string(letters) + 1)}{row}"


def test_merged_input_cells_are_an_error_and_merged_plan_cells_a_warning(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "merged.xlsx")
    first = edit.set(M25, ("RC", "1.3", 1), "Vlera aktuale", 12)
    below = edit.set(M25, ("RC", "2.1", 1), "Vlera aktuale", None)
    edit.wb[M25].merge_cells(f"{_ref(first)}:{_ref(below)}")
    edit.set(M25, ("RC", "1.3", 1), "Statusi i aktivitetit", "në proces")
    plan = edit.set(L.SHEET_MATRIX, ("RC", "1.1"), "Masa/Aktiviteti", "Masë e bashkuar")
    edit.wb[L.SHEET_MATRIX].merge_cells(f"{_ref(plan)}:{_right(_ref(plan))}")
    edit.wb[L.SHEET_MATRIX].merge_cells("A1:B1")  # a title row: not a table cell
    report = validate(edit.save())
    merged = {f.cell: (f.severity, f.value) for f in report.findings if f.rule == "merged-cells"}
    assert merged == {first: ("error", f"{_ref(first)}:{_ref(below)}"),
                      plan: ("warning", f"{_ref(plan)}:{_right(_ref(plan))}")}
    message = next(f for f in report.findings if f.cell == first and f.rule == "merged-cells").message("en")
    assert "Unmerge" in message and _ref(first) in message


def test_every_command_copes_with_merged_input_cells(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "merged.xlsx")
    first = edit.set(M25, ("RC", "1.3", 1), "Vlera aktuale", 12)
    below = edit.set(M25, ("RC", "2.1", 1), "Vlera aktuale", None)
    edit.wb[M25].merge_cells(f"{_ref(first)}:{_ref(below)}")
    runs = every_command(edit.save(), 2025, tmp_path / "out")
    assert runs["validate"].code == 1 and "merged-cells" in runs["validate"].out
