"""The Narrativa sheet: the report's words in the workbook, read by key, checked, and carried into a new year."""

from __future__ import annotations

import hashlib

import pytest
from openpyxl import load_workbook

from addin.checks.validate import validate
from addin.workbook import layout as L
from addin.workbook.build import build_workbook
from addin.workbook.narrative import read_narrative, read_report_settings, split_items
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL, run_matrica
from tests.workbook_edits import Edit

M25 = L.monitoring_sheet(2025)


def rows_of(ws, year: int) -> list[tuple]:
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}
    return [(ws.cell(r, col["Pjesa"]).value, ws.cell(r, col["Fusha"]).value, r)
            for r in range(L.FIRST_DATA_ROW, ws.max_row + 1) if ws.cell(r, col["Viti"]).value == year]


def narrative_row(ws, year: int, part: str, field: str | None = None) -> int:
    label = L.NARRATIVE_PARTS[part][0]
    return next(r for p, f, r in rows_of(ws, year) if p == label and (field is None or f == field))


def text_column(ws) -> int:
    return next(c.column for c in ws[L.HEADER_ROW] if c.value == "Teksti")


# ---------------------------------------------------------------- the sheet


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_each_workbook_has_a_narrativa_block_per_year_with_yellow_text_cells(built, plans, plan_id):
    wb = load_workbook(built[plan_id])
    plan = plans[plan_id]
    ws = wb[L.SHEET_NARRATIVE]
    assert wb.sheetnames.index(L.SHEET_NARRATIVE) == wb.sheetnames.index(L.SHEET_LISTS) - 1
    assert [c.value for c in ws[L.HEADER_ROW]][: len(L.NARRATIVE_COLUMNS)] == [c.header for c in L.NARRATIVE_COLUMNS]
    text = text_column(ws)
    for year in plan.years:
        parts = [p for p, _f, _r in rows_of(ws, year)]
        labels = {k: v[0] for k, v in L.NARRATIVE_PARTS.items()}
        assert parts[:3] == [labels["introduction"], labels["methodology"], labels["summary"]]
        assert parts[3: 3 + 3 * len(plan.fields)] == [labels[k] for k in ("achievements", "challenges",
                                                                            "recommendations")] * len(plan.fields)
        assert parts[3 + 3 * len(plan.fields):] == [labels["follow_up"]] * L.FOLLOW_UP_ROWS
        for _p, _f, r in rows_of(ws, year):
            cell = ws.cell(r, text)
            assert not cell.protection.locked and cell.fill.fgColor.rgb[-6:] == "FFF2CC"
            assert ws.cell(r, 1).protection.locked  # the key is plan text
    assert [f for p, f, _r in rows_of(ws, plan.start_year) if p == "Arritjet"] == [f.code for f in plan.fields]
    assert ws.protection.sheet and not ws.protection.insertRows
    assert any(dv.formula1 == f"={L.FOLLOW_UP_STATUSES_LIST}" for dv in ws.data_validations.dataValidation)
    assert L.FOLLOW_UP_STATUSES_LIST in wb.defined_names
    settings = read_report_settings(open_workbook(built[plan_id]))
    assert set(settings) == {k for k, _l, _h in L.REPORT_SETTINGS}
    assert all(s.value == "" and s.ref.startswith(f"'{L.SHEET_SETTINGS}'!B") for s in settings.values())


def test_narrative_is_read_by_key_after_rows_are_inserted_and_added(built, tmp_path):
    e = Edit(built[ANNEX], tmp_path / "a.xlsx")
    ws = e.wb[L.SHEET_NARRATIVE]
    text = text_column(ws)
    ws.cell(narrative_row(ws, 2025, "achievements", "RC"), text).value = "Rreshti i parë.\nRreshti i dytë."
    ws.insert_rows(L.FIRST_DATA_ROW + 5, 3)
    last = ws.max_row + 2  # a row people added below the table, with its key typed by hand
    for c, v in enumerate((2025, "arritjet", "RC", None, "Një shtesë."), start=1):
        ws.cell(last, c).value = v
    n = read_narrative(open_workbook(e.save()))
    assert n.text(2025, "achievements", "RC") == "Rreshti i parë.\nRreshti i dytë.\nNjë shtesë."
    assert n.text(2024, "achievements", "RC") == ""


def test_recommendations_are_one_per_line_without_list_markers():
    assert split_items("1. E para\n\n- e dyta\n• e treta\na) e katërta\n  ") == [
        "E para", "e dyta", "e treta", "e katërta"]
    assert split_items("Një rekomandim i vetëm, pa ndarje.") == ["Një rekomandim i vetëm, pa ndarje."]


# ---------------------------------------------------------------- carrying recommendations into a new year


def _recommend(e: Edit, year: int, field: str, text: str, responsible: str = "") -> None:
    ws = e.wb[L.SHEET_NARRATIVE]
    r = narrative_row(ws, year, "recommendations", field)
    cell = ws.cell(r, text_column(ws))
    cell.value = text
    if text.startswith("="):
        cell.data_type = "s"  # typed as text (Excel: a leading apostrophe)
    ws.cell(r, text_column(ws) + 1).value = responsible or None


def test_new_year_carries_last_years_recommendations_into_the_new_years_follow_up_table(plans, tmp_path):
    book = build_workbook(plans[ANNEX], tmp_path / "annex.xlsx", years=[2024, 2025])
    e = Edit(book, tmp_path / "filled.xlsx")
    _recommend(e, 2025, "RC", "1) Pika e kontaktit në Gjendjen Civile.\n2) Fondi që në janar.", "DSHS")
    _recommend(e, 2025, "KM", "=Afati 31 janar për raportet.")
    src = e.save()
    out = tmp_path / "annex-2026.xlsx"
    proc = run_matrica("new-year", str(src), "--year", "2026", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "3 rekomandime të vitit 2025 u bartën në tabelën e ndjekjes së vitit 2026" in proc.stdout
    n = read_narrative(open_workbook(out))
    follow = n.follow_up(2026)
    assert [(f.field, f.text, f.responsible) for f in follow] == [
        ("RC", "Pika e kontaktit në Gjendjen Civile.", "DSHS"), ("RC", "Fondi që në janar.", "DSHS"),
        ("KM", "=Afati 31 janar për raportet.", "")]
    assert len(n.of(2026, "follow_up")) == L.FOLLOW_UP_ROWS + 3 - 3  # carried into the block's own rows
    wb = load_workbook(out)
    cell = wb[L.SHEET_NARRATIVE][follow[-1].refs["text"].split("!")[1]]
    assert cell.data_type == "s"  # text typed like a formula stays text
    assert [s for s in wb.sheetnames if s.startswith(L.MONITORING_PREFIX)][-1] == "Monitorimi 2026"


def test_new_year_on_a_year_whose_sheet_exists_carries_once_then_refuses(built, tmp_path):
    e = Edit(built[ANNEX], tmp_path / "filled.xlsx")
    _recommend(e, 2024, "AR", "Listat e braktisjes çdo muaj.")
    src = e.save()
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    first = tmp_path / "first.xlsx"
    proc = run_matrica("new-year", str(src), "--year", "2025", "--out", str(first))
    assert proc.returncode == 0 and "1 rekomandim i vitit 2024 u bart" in proc.stdout, proc.stderr
    assert [f.text for f in read_narrative(open_workbook(first)).follow_up(2025)] == ["Listat e braktisjes çdo muaj."]
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    proc = run_matrica("new-year", str(first), "--year", "2025", "--out", str(tmp_path / "second.xlsx"))
    assert proc.returncode == 2 and "libri ka tashmë fletën 'Monitorimi 2025'" in proc.stderr
    assert not (tmp_path / "second.xlsx").exists()


def test_more_recommendations_than_empty_rows_get_new_rows_in_the_table(built, tmp_path):
    e = Edit(built[SOCIAL], tmp_path / "filled.xlsx")
    _recommend(e, 2023, "A", "\n".join(f"Rekomandimi {i}." for i in range(1, L.FOLLOW_UP_ROWS + 4)))
    out = tmp_path / "out.xlsx"
    proc = run_matrica("new-year", str(e.save()), "--year", "2024", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    n = read_narrative(open_workbook(out))
    assert [f.text for f in n.follow_up(2024)] == [f"Rekomandimi {i}." for i in range(1, L.FOLLOW_UP_ROWS + 4)]
    ws = load_workbook(out)[L.SHEET_NARRATIVE]
    (table,) = ws.tables.values()
    assert table.ref.endswith(str(ws.max_row))
    last = n.follow_up(2024)[-1]
    cell = ws[last.refs["text"].split("!")[1]]
    assert not cell.protection.locked and cell.fill.fgColor.rgb[-6:] == "FFF2CC"


def test_new_year_gives_an_older_workbook_its_narrativa_sheet(plans, tmp_path):
    book = build_workbook(plans[ANNEX], tmp_path / "annex.xlsx", years=[2024])
    wb = load_workbook(book)
    del wb[L.SHEET_NARRATIVE]
    wb.save(tmp_path / "old.xlsx")
    out = tmp_path / "new.xlsx"
    proc = run_matrica("new-year", str(tmp_path / "old.xlsx"), "--year", "2025", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    n = read_narrative(open_workbook(out))
    assert n.present and n.has_block(2024) and n.has_block(2025)


# ---------------------------------------------------------------- validation


def _started(e: Edit) -> None:
    e.fill_statuses(M25)


def test_empty_blocks_of_a_started_year_are_warnings_at_their_cells(built, plans, tmp_path):
    e = Edit(built[ANNEX], tmp_path / "a.xlsx")
    _started(e)
    ws = e.wb[L.SHEET_NARRATIVE]
    ws.cell(narrative_row(ws, 2025, "introduction"), text_column(ws)).value = "Hyrja."
    report = validate(e.save())
    empty = [f for f in report.findings if f.rule == "narrative-empty"]
    fields = len(plans[ANNEX].fields)
    assert len(empty) == 1 + 3 * fields + 3  # methodology, three per field, the cover's three texts
    assert all(f.severity == "warning" for f in empty)
    method = next(f for f in empty if f.cell and f.cell.endswith(f"E{narrative_row(ws, 2025, 'methodology')}"))
    assert method.message() == ("Bosh: shënimi metodologjik i raportit të vitit 2025. Raporti shfaq "
                                "\"[për t'u plotësuar]\" në vend të tij.")
    assert any(f.code == "RC" and "sfidat e fushës RC në vitin 2025" in f.message() for f in empty)
    assert any("'Përgatitur nga' në fletën Parametrat" in f.message() for f in empty)
    assert not any("2024" in f.message() or "2026" in f.message() for f in empty)  # years not started


def test_a_finished_year_has_no_narrative_warnings(built, tmp_path):
    e = Edit(built[ANNEX], tmp_path / "a.xlsx")
    _started(e)
    e.fill_narrative(2025)
    assert not [f for f in validate(e.save()).findings if f.rule.startswith("narrative")]


def test_follow_up_needs_last_years_recommendations_each_with_a_status_from_the_list(built, tmp_path):
    e = Edit(built[ANNEX], tmp_path / "a.xlsx")
    _started(e)
    e.fill_narrative(2025)
    _recommend(e, 2024, "RC", "Rekomandimi i 2024.")
    report = validate(e.save())
    (missing,) = [f for f in report.findings if f.rule == "narrative-empty"]
    ws = e.wb[L.SHEET_NARRATIVE]
    first = narrative_row(ws, 2025, "follow_up")
    assert missing.cell == f"'{L.SHEET_NARRATIVE}'!E{first}" and "rekomandimeve të vitit 2024" in missing.message()
    ws.cell(first, text_column(ws)).value = "Rekomandimi i 2024."
    ws.cell(first + 1, text_column(ws)).value = "Një tjetër."
    ws.cell(first + 1, text_column(ws) + 2).value = "Zbatuar"
    ws.cell(first + 2, text_column(ws) + 2).value = "ndoshta"
    findings = {(f.rule, f.cell, f.severity) for f in validate(e.save()).findings if f.sheet == L.SHEET_NARRATIVE}
    status = f"'{L.SHEET_NARRATIVE}'!G"
    assert findings == {("narrative-empty", f"{status}{first}", "warning"),
                        ("vocabulary-normalisable", f"{status}{first + 1}", "warning"),
                        ("vocabulary-unknown", f"{status}{first + 2}", "error")}


def test_text_in_a_row_the_report_cannot_place_is_a_warning(built, tmp_path):
    e = Edit(built[ANNEX], tmp_path / "a.xlsx")
    ws = e.wb[L.SHEET_NARRATIVE]
    last = ws.max_row + 1
    for c, v in enumerate((2025, "Përfundime", None, None, "Teksti humbet?"), start=1):
        ws.cell(last, c).value = v
    for c, v in enumerate(("vitin e ri", "Sfidat", "RC", None, "Po ky?"), start=1):
        ws.cell(last + 1, c).value = v
    for c, v in enumerate((2025, "Sfidat", "XX", None, "Fushë e panjohur."), start=1):
        ws.cell(last + 2, c).value = v
    found = {(f.rule, f.cell) for f in validate(e.save()).findings if f.rule == "narrative-unkeyed"}
    sheet = f"'{L.SHEET_NARRATIVE}'!"
    assert found == {("narrative-unkeyed", f"{sheet}B{last}"), ("narrative-unkeyed", f"{sheet}A{last + 1}"),
                     ("narrative-unkeyed", f"{sheet}C{last + 2}")}


def test_a_workbook_without_the_narrativa_sheet_gets_one_warning(built, tmp_path):
    e = Edit(built[ANNEX], tmp_path / "a.xlsx")
    _started(e)
    del e.wb[L.SHEET_NARRATIVE]
    found = [f for f in validate(e.save()).findings if f.rule.startswith("narrative")]
    assert [(f.rule, f.sheet, f.cell) for f in found if f.rule == "narrative-missing"] == [
        ("narrative-missing", L.SHEET_NARRATIVE, None)]
