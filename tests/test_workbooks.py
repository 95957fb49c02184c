"""The built plan workbooks: Excel-native structure, protection, dropdowns, and a clean LibreOffice round trip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.figures.overview import overview
from addin.workbook import layout as L
from addin.workbook.build import build_workbook
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, ROOT, SOCIAL, soffice


@pytest.fixture(scope="module")
def books(built):
    return {pid: load_workbook(path) for pid, path in built.items()}


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_workbook_has_a_matrix_an_indicator_sheet_and_one_monitoring_sheet_per_plan_year(books, plans, plan_id):
    wb, plan = books[plan_id], plans[plan_id]
    for sheet in (L.SHEET_GUIDE, L.SHEET_OBJECTIVES, L.SHEET_MATRIX, L.SHEET_INDICATORS, L.SHEET_LISTS,
                  L.SHEET_SETTINGS, L.SHEET_SUMMARY):
        assert sheet in wb.sheetnames
    assert [s for s in wb.sheetnames if s.startswith(L.MONITORING_PREFIX)] == [
        L.monitoring_sheet(y) for y in plan.years
    ]
    matrix = wb[L.SHEET_MATRIX]
    assert matrix.max_row - L.HEADER_ROW == len(plan.activities)
    assert [c.value for c in matrix[L.HEADER_ROW]] == [*plan.matrix_headers.values(),
                                                       *(c.header for c in L.MATRIX_BUDGET_COLUMNS)]
    assert wb[L.SHEET_INDICATORS].max_row - L.HEADER_ROW == len(plan.indicators)


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_every_data_sheet_is_an_excel_table_with_frozen_headers(books, plan_id):
    wb = books[plan_id]
    for sheet in (L.SHEET_OBJECTIVES, L.SHEET_MATRIX, L.SHEET_INDICATORS, L.monitoring_sheet(2025)):
        ws = wb[sheet]
        assert len(ws.tables) == 1, sheet
        table = next(iter(ws.tables.values()))
        assert table.ref.startswith(f"A{L.HEADER_ROW}:")
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith(str(L.FIRST_DATA_ROW))
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_every_sheet_prints_on_a4_one_page_wide(books, plan_id):
    for ws in books[plan_id].worksheets:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, ws.title


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_plan_cells_are_locked_and_input_cells_are_open_on_a_protected_sheet(books, plans, plan_id):
    wb, plan = books[plan_id], plans[plan_id]
    budget = len(L.MATRIX_BUDGET_COLUMNS)
    for sheet in (L.SHEET_MATRIX, L.SHEET_INDICATORS, L.SHEET_OBJECTIVES):
        ws = wb[sheet]
        assert ws.protection.sheet and not ws.protection.password
        inputs = {L.SHEET_MATRIX: budget, L.SHEET_OBJECTIVES: len(plan.years)}.get(sheet, 0)  # yellow, at the end
        plan_cells = ws.iter_rows(min_row=L.FIRST_DATA_ROW, max_col=ws.max_column - inputs)
        assert all(c.protection.locked for row in plan_cells for c in row)
    ws = wb[L.monitoring_sheet(plan.start_year)]
    assert ws.protection.sheet and not ws.protection.password
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}
    first = L.FIRST_DATA_ROW
    for header in ("Fusha", "Kodi", "Treguesi", "Synimi"):
        assert ws.cell(first, col[header]).protection.locked
    for header in ("Fusha", "Kodi", "Treguesi", "Synimi", "Gjithsej deri tani"):
        assert ws.cell(first, col[header]).protection.locked
    for header in ("Statusi i aktivitetit", "Vlera aktuale (e këtij viti)", "Alokuar në buxhet (lekë)",
                   "Shpenzuar (lekë)",
                   "Burimi i financimit", "Shënime / evidenca"):
        cell = ws.cell(first, col[header])
        assert not cell.protection.locked, header
        assert cell.fill.fgColor.rgb != ws.cell(first, col["Kodi"]).fill.fgColor.rgb


def test_disaggregation_cells_are_open_only_where_the_indicator_asks(books, plans):
    plan = plans[ANNEX]
    ws = books[ANNEX][L.monitoring_sheet(2025)]
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}
    for r, ind in enumerate(plan.indicators, start=L.FIRST_DATA_ROW):
        assert (not ws.cell(r, col["Gra"]).protection.locked) == ("sex" in ind.disaggregation), ind.ref
        assert (not ws.cell(r, col["Rom"]).protection.locked) == ("ethnicity" in ind.disaggregation), ind.ref
        assert (not ws.cell(r, col["Fshat"]).protection.locked) == ("area" in ind.disaggregation), ind.ref


def test_status_is_entered_once_per_activity_on_its_first_indicator_row(books, plans):
    plan = plans[SOCIAL]
    ws = books[SOCIAL][L.monitoring_sheet(2024)]
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}["Statusi i aktivitetit"]
    seen = set()
    for r, ind in enumerate(plan.indicators, start=L.FIRST_DATA_ROW):
        key = (ind.field, ind.activity)
        assert ws.cell(r, col).protection.locked == (key in seen), ind.ref
        seen.add(key)


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_closed_vocabularies_are_dropdowns_fed_from_the_lists_sheet(books, plan_id):
    wb = books[plan_id]
    for name in ("lista_statuses", "lista_funding", "lista_institutions", "lista_years", "lista_yes_no"):
        assert wb.defined_names[name].attr_text.startswith(f"'{L.SHEET_LISTS}'!")
    ws = wb[L.monitoring_sheet(2025)]
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert {"=lista_statuses", "=lista_funding", "=lista_institutions"} <= lists
    statuses = [c.value for c in wb[L.SHEET_LISTS]["A"][L.FIRST_DATA_ROW - 1:] if c.value]
    assert statuses == ["realizuar plotësisht", "realizuar pjesërisht", "në proces", "parealizuar"]


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_the_budget_directorate_fills_programme_and_estimate_on_the_matrix_from_an_editable_list(books, plans,
                                                                                                   plan_id):
    wb, plan = books[plan_id], plans[plan_id]
    ws = wb[L.SHEET_MATRIX]
    col = {c.value: c.column_letter for c in ws[L.HEADER_ROW]}
    programme, estimate = col["Programi buxhetor"], col["Kosto e vlerësuar nga bashkia (lekë në vit)"]
    last = L.HEADER_ROW + len(plan.activities)
    for letter in (programme, estimate):
        cells = [ws[f"{letter}{r}"] for r in range(L.FIRST_DATA_ROW, last + 1)]
        assert all(not c.protection.locked and c.fill.fgColor.rgb.endswith("FFF2CC") and c.value is None
                   for c in cells)
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists == {"=lista_programmes": f"{programme}{L.FIRST_DATA_ROW}:{programme}{last}"}
    # the list itself is the budget directorate's: shipped empty (no invented codes), yellow and unlocked
    name = wb.defined_names["lista_programmes"]
    ((sheet, area),) = list(name.destinations)
    assert sheet == L.SHEET_LISTS
    listed = [c for row in wb[L.SHEET_LISTS][area.replace("$", "")] for c in row]
    assert len(listed) == L.EDITABLE_LISTS["programmes"]
    assert all(c.value is None and not c.protection.locked for c in listed)
    assert wb[L.SHEET_LISTS].protection.sheet


def test_allocated_in_the_budget_is_entered_once_per_activity_next_to_spent(books, plans):
    plan = plans[SOCIAL]
    ws = books[SOCIAL][L.monitoring_sheet(2024)]
    headers = [c.value for c in ws[L.HEADER_ROW]]
    assert headers[headers.index("Alokuar në buxhet (lekë)") + 1] == "Shpenzuar (lekë)"
    col = headers.index("Alokuar në buxhet (lekë)") + 1
    seen = set()
    for r, ind in enumerate(plan.indicators, start=L.FIRST_DATA_ROW):
        key = (ind.field, ind.activity)
        assert ws.cell(r, col).protection.locked == (key in seen), ind.ref
        assert ws.cell(r, col).number_format == "#,##0"
        seen.add(key)


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path, mini_plan):
    path = build_workbook(mini_plan, tmp_path / "mini.xlsx")
    cell = load_workbook(path)[L.SHEET_MATRIX]["D4"]
    assert cell.value == "=Aktiviteti me barazim" and cell.data_type == "s"


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_libreoffice_opens_the_workbook_and_its_formulas_agree_with_the_engine(built, plans, plan_id, tmp_path):
    converted = soffice(built[plan_id], "xlsx", tmp_path)
    from python_calamine import CalamineWorkbook

    values = {row[0]: row[1] for row in CalamineWorkbook.from_path(str(converted))
              .get_sheet_by_name(L.SHEET_SUMMARY).to_python()[L.HEADER_ROW:]}
    ov = overview(open_workbook(built[plan_id]))
    assert values["Numri i aktiviteteve"] == ov.totals["activities"] == len(plans[plan_id].activities)
    assert values["Numri i treguesve"] == ov.totals["indicators"] == len(plans[plan_id].indicators)
    if plans[plan_id].has_costs:
        assert values["Kosto vjetore e planifikuar, e kuantifikuar (lekë)"] == ov.totals["cost"]
    assert values["Kosto vjetore e vlerësuar nga bashkia, vlerësim (lekë)"] == 0
    for y in plans[plan_id].years:
        assert values[f"Shpenzuar në {y} (lekë)"] == 0
        assert values[f"Alokuar në buxhet në {y} (lekë)"] == 0
    # and the converted copy is itself a readable workbook with every sheet
    assert CalamineWorkbook.from_path(str(converted)).sheet_names == load_workbook(built[plan_id]).sheetnames


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_libreoffice_renders_the_workbook_to_pdf(built, plan_id, tmp_path):
    pdf = soffice(built[plan_id], "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_build_script_writes_one_workbook_per_plan(tmp_path, plans):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_workbooks.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == sorted(f"{pid}.xlsx" for pid in plans)
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def _broken_plan(tmp_path: Path, src: Path, name: str, line: int, old: str, new: str) -> Path:
    folder = tmp_path / "plan"
    folder.mkdir()
    for f in src.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    lines = (folder / name).read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    (folder / name).write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "line", "old", "new", "says"),
    [
        ("activities.csv", 3, "2024,2025", "2025,2024", "end_year 2024 is before start_year 2025"),
        ("activities.csv", 2, "34300", "34000", "cost_lek 34000 differs"),
        ("indicators.csv", 3, "percent", "percentage", "kind must be one of"),
        ("indicators.csv", 4, ",1.2,", ",9.9,", "unknown activity"),
        ("activities.csv", 4, ",Çdo vit,", ",Çdo vit,,", "expected 18 columns, found 19"),
    ],
)
def test_a_malformed_row_stops_the_build_naming_file_and_line(tmp_path, name, line, old, new, says):
    from tests.conftest import FIXTURES

    folder = _broken_plan(tmp_path, FIXTURES / "mini-plan", name, line, old, new)
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_workbooks.py"), "--plan", str(folder), "--out", str(out)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2
    assert f"{folder / name}, rreshti {line}" in proc.stderr and says in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists() or not list(out.iterdir())


# ---------------------------------------------------------------- this year's value, said where it is typed


def _validation_of(ws, cell: str):
    return next(dv for dv in ws.data_validations.dataValidation if cell in dv.sqref)


def test_the_actual_column_says_this_years_value_in_its_header_prompt_and_the_guide(books):
    wb = books[SOCIAL]
    ws = wb[L.monitoring_sheet(2024)]
    col = {c.value: c.column_letter for c in ws[L.HEADER_ROW]}
    assert "Vlera aktuale (e këtij viti)" in col and "Gjithsej deri tani" in col
    rows = {(ws[f"A{r}"].value, str(ws[f"B{r}"].value), ws[f"D{r}"].value): r
            for r in range(L.FIRST_DATA_ROW, ws.max_row + 1)}
    actual = col["Vlera aktuale (e këtij viti)"]
    campaigns = _validation_of(ws, f"{actual}{rows[('A', 'A4.1', 1)]}")  # 54 campaigns over the period
    assert campaigns.showInputMessage and "gjatë 2024, jo gjithsej" in campaigns.prompt
    assert campaigns.type == "whole"  # a count: whole numbers only
    yearly = _validation_of(ws, f"{actual}{rows[('C', '1.9.3', 1)]}")  # 10 activities a year
    assert "Vlera e vitit 2024" in yearly.prompt and yearly.type == "whole"
    percent = _validation_of(ws, f"{actual}{rows[('A', 'A1.2', 1)]}")
    assert "70 ose 70%" in percent.prompt and percent.type == "decimal"
    guide = " ".join(str(c.value) for c in wb[L.SHEET_GUIDE]["A"] if c.value)
    assert "shkruani atë që u arrit GJATË vitit të fletës, jo gjithsej" in guide and "Gjithsej deri tani" in guide
    assert all(len(dv.prompt or "") <= 255 and len(dv.promptTitle or "") <= 32
               for dv in ws.data_validations.dataValidation)  # Excel's limits


def test_the_total_to_date_is_a_locked_formula_beside_whole_period_counts_only(books, plans):
    plan, ws = plans[SOCIAL], books[SOCIAL][L.monitoring_sheet(2024)]
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}
    for r, ind in enumerate(plan.indicators, start=L.FIRST_DATA_ROW):
        cell = ws.cell(r, col["Gjithsej deri tani"])
        assert cell.protection.locked
        summed = ind.target.scope == "period" and ind.target.kind in ("count", "amount")
        assert (cell.data_type == "f") == summed, ind.ref
        if summed:
            assert "'Monitorimi 2023'" in cell.value and "Monitorimi 2025" not in cell.value


def test_an_activity_the_plan_does_not_run_in_the_year_says_so_beside_its_target(books):
    ws = books[SOCIAL][L.monitoring_sheet(2023)]
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}
    target = next(ws.cell(r, col["Synimi"]).value for r in range(L.FIRST_DATA_ROW, ws.max_row + 1)
                  if ws.cell(r, col["Kodi"]).value == "A2.2")
    assert target.endswith("· nuk planifikohet në 2023 (aktiviteti: 2024-2026)")
