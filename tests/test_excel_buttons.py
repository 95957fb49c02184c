"""The ribbon buttons run on real xlwings Books: xlwings' remote engine builds each Book from the JSON Excel sends
(`xw.Book(json=payload)`, as in xlwings' own tests/test_engines), here made from a bundled workbook; the tests
assert on the actions xlwings would send back to Excel (values written, cells coloured, sheets added, alerts)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

# xlwings' remote engine needs a license key; PolyForm Noncommercial allows use by a government institution.
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"

import xlwings as xw  # noqa: E402

from addin.checks import marking  # noqa: E402
from addin.checks.validate import validate, validate_workbook  # noqa: E402
from addin.common.messages import Count, counted, t, tn  # noqa: E402
from addin.excel.buttons import (  # noqa: E402
    buxheti,
    calculate,
    check,
    kontrollo,
    llogarit,
    new_year,
    raport,
    read_book,
    vit_i_ri,
)
from addin.figures.summary import build_summary  # noqa: E402
from addin.workbook import layout as L  # noqa: E402
from addin.workbook.narrative import read_narrative  # noqa: E402
from addin.workbook.reader import error_cells, open_workbook  # noqa: E402
from tests.conftest import ANNEX, SOCIAL  # noqa: E402
from tests.workbook_edits import Edit  # noqa: E402

SCRIPTS = "Microsoft Office Scripts"


def _json_value(value: object) -> object:
    """A cell value as Excel's JSON carries it: dates as ISO text with Z, numbers as floats, empty as ""."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day).isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def payload(path: Path, name: str | None = None, active: str | None = None, drop: tuple[str, ...] = (),
            client: str = SCRIPTS, extra: dict[str, list[list]] | None = None) -> dict:
    """The JSON Excel would send for the workbook at `path` (values from python-calamine, error cells as
    their text, defined names as ranges), optionally without some sheets or with extra sheets."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    cw = CalamineWorkbook.from_path(str(path))
    errors = error_cells(path)
    sheets = []
    for sheet in cw.sheet_names:
        if sheet in drop:
            continue
        values = [[_json_value(v) for v in row] for row in cw.get_sheet_by_name(sheet).to_python(skip_empty_area=False)]
        for ref, err in errors.get(sheet, {}).items():
            row = int("".join(ch for ch in ref if ch.isdigit())) - 1
            col = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed("".join(filter(str.isalpha, ref))))) - 1
            values[row][col] = err
        sheets.append({"name": sheet, "values": values or [[]], "pictures": [], "tables": []})
    for sheet, values in (extra or {}).items():
        sheets.insert(0, {"name": sheet, "values": values, "pictures": [], "tables": []})
    names = [s["name"] for s in sheets]
    defined = []
    for dn_name, dn in load_workbook(path, read_only=True).defined_names.items():
        for sheet, address in dn.destinations:
            if sheet in names:
                defined.append({"name": dn_name, "sheet_index": names.index(sheet), "address": address.replace("$", ""),
                                "book_scope": True, "scope_sheet_name": None, "scope_sheet_index": None,
                                "refers_to": "=" + dn.attr_text})
    return {"client": client, "version": xw.__version__,
            "book": {"name": name or path.name, "active_sheet_index": names.index(active) if active else 0,
                     "selection": "A1"},
            "names": defined, "sheets": sheets}


def book_of(path: Path, **kwargs) -> xw.Book:
    return xw.Book(json=payload(path, **kwargs))


def actions(book: xw.Book, func: str | None = None) -> list[dict]:
    return [a for a in book.json()["actions"] if func is None or a["func"] == func]


def alerts(book: xw.Book) -> list[str]:
    return [a["args"][0] for a in actions(book, "alert")]


def shown(value: object) -> object:
    """What Excel shows for a value written as text: one leading apostrophe is the "this is text" prefix."""
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


def position(book: xw.Book, name: str) -> int:
    return [s.name for s in book.sheets].index(name)


@pytest.fixture(scope="module")
def broken(examples, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The annex example with two wrong entries on 'Monitorimi 2025' and a note typed like a formula."""
    folder = tmp_path_factory.mktemp("excel")
    e = Edit(examples[ANNEX], folder / "broken.xlsx")
    sheet = L.monitoring_sheet(2025)
    cells = {
        "text_actual": e.set(sheet, ("RC", "1.1", 1), "Vlera aktuale", "-dhjetë"),
        "status": e.set(sheet, ("RC", "1.2", 1), "Statusi i aktivitetit", "e panjohur"),
    }
    return e.save(), cells


# ---------------------------------------------------------------- reading the book


@pytest.mark.parametrize("plan_id", [ANNEX, SOCIAL])
def test_values_read_from_the_open_book_validate_exactly_like_the_file(examples, plan_id):
    book = book_of(examples[plan_id])
    from_book = validate_workbook(read_book(book))
    from_file = validate(examples[plan_id])
    assert from_book.as_dict() == from_file.as_dict()
    assert actions(book) == []  # reading sends nothing back to Excel


def test_error_cells_in_the_book_are_findings_at_their_cells(examples):
    data = payload(examples[ANNEX])
    sheet = next(s for s in data["sheets"] if s["name"] == L.monitoring_sheet(2025))
    sheet["values"][5][7] = "#REF!"
    report = validate_workbook(read_book(xw.Book(json=data)))
    found = [f for f in report.findings if f.rule == "excel-error"]
    assert [(f.cell, f.value) for f in found] == [("'Monitorimi 2025'!H6", "#REF!")]


# ---------------------------------------------------------------- Kontrollo


def test_kontrollo_lists_findings_on_a_new_first_sheet_with_links_and_colours_the_cells(broken):
    path, cells = broken
    book = book_of(path)
    kontrollo(book)
    added = actions(book, "addSheet")
    assert [a["args"] for a in added] == [[0, marking.CHECK_SHEET]]
    grid = next(a for a in actions(book, "setValues") if a["sheet_position"] == 0)["values"]
    assert grid[0][0] == t("check_sheet_title", "sq", path=path.name)
    assert grid[3] == t("check_headers", "sq").split("|")
    rows = {shown(row[0]): row for row in grid[4:]}
    assert set(cells.values()) <= set(rows)
    assert rows[cells["text_actual"]][4] == "'-dhjetë"  # typed text stays text, never a formula
    assert shown(rows[cells["text_actual"]][4]) == "-dhjetë"
    links = actions(book, "setFormula")[0]["values"]
    assert [f'=HYPERLINK("#\'Monitorimi 2025\'!{cells["status"].split("!")[1]}","{cells["status"]}")'] in links
    # the offending cells are red on their own sheet; nothing else is written there
    target = position(book, L.monitoring_sheet(2025))
    paints = [a for a in actions(book, "setRangeColors") if a["sheet_position"] == target]
    assert len(paints) == 1
    colours = paints[0]["args"][0]
    for ref in cells.values():
        row, col = marking._split_ref(ref.split("!")[1])
        assert colours[row - 1 - paints[0]["start_row"]][col - paints[0]["start_column"]] == "#f8cbad"
    assert {a["sheet_position"] for a in book.json()["actions"]
            if a["func"] not in ("setRangeColors", "addSheet", "alert")} == {0}
    assert alerts(book) == [t("excel_checked", "sq", **counted(2, 0), sheet=marking.CHECK_SHEET)]


def test_kontrollo_writes_the_same_kontrolli_sheet_as_the_marked_copy_with_the_legend_for_excel(broken):
    """Rules by their Albanian names (no English rule id), and the legend, with the marks and their clearing as
    Kontrollo makes them (colours, press Kontrollo again)."""
    path, _cells = broken
    book = book_of(path)
    kontrollo(book)
    grid = next(a for a in actions(book, "setValues") if a["sheet_position"] == 0)["values"]
    report = validate_workbook(read_book(book_of(path)))
    expected = marking.check_sheet_rows(report, book.name, "sq", "excel")
    assert [[shown(v) if v is not None else "" for v in row] for row in grid] == [
        ["" if v is None else v for v in row] for row in expected]
    rows = grid[4:4 + len(report.findings)]
    assert [r[6] for r in rows] == [t(f"rulename:{f.rule}", "sq") for f in report.findings]
    assert not {f.rule for f in report.findings} & {v for row in grid for v in row}
    legend = [row[0] for row in grid[marking.legend_row(report) - 1:]]
    assert legend == [t("check_legend_title", "sq")] + [t(f"check_legend:{k}", "sq") for k in (
        "error", "warning", "marks-excel", "clear-excel")]


def test_kontrollo_again_after_a_fix_gives_the_marked_cells_their_layout_fill_back(broken, examples):
    path, cells = broken
    first = book_of(path)
    check(first)
    grid = next(a for a in actions(first, "setValues") if a["sheet_position"] == 0)["values"]
    # the person fixed both cells; Excel sends the Kontrolli sheet as the first run left it
    again = xw.Book(json=payload(examples[ANNEX], extra={marking.CHECK_SHEET: [
        [("" if v is None else shown(v)) for v in row] for row in grid]}))
    message = check(again)
    assert actions(again, "addSheet") == []
    assert [a["sheet_position"] for a in actions(again, "sheetClear")] == [0]
    target = position(again, L.monitoring_sheet(2025))
    paint = next(a for a in actions(again, "setRangeColors") if a["sheet_position"] == target)
    colours = paint["args"][0]
    found = {}
    for ref in cells.values():
        row, col = marking._split_ref(ref.split("!")[1])
        found[ref] = colours[row - 1 - paint["start_row"]][col - paint["start_column"]]
    assert set(found.values()) == {"#" + marking.LAYOUT_FILLS["input"].lower()}
    assert message == t("excel_checked", "sq", **counted(0, 0), sheet=marking.CHECK_SHEET)


def test_kontrollo_keeps_a_sheet_named_kontrolli_that_it_did_not_write(examples):
    book = xw.Book(json=payload(examples[ANNEX], extra={marking.CHECK_SHEET: [["Shënimet e mia"]]}))
    kontrollo(book)
    assert alerts(book) == [t("excel_sheet_name_taken", "sq", path=book.name, sheet=marking.CHECK_SHEET)]
    assert [a["func"] for a in actions(book)] == ["alert"]


# ---------------------------------------------------------------- Llogarit


def test_llogarit_writes_the_active_years_costs_and_achievement_in_one_sheet(examples):
    book = book_of(examples[ANNEX], active=L.monitoring_sheet(2024))
    llogarit(book)
    name = t("excel_calc_sheet", "sq", year=2024)
    assert [a["args"][1] for a in actions(book, "addSheet")] == [name]
    writes = actions(book, "setValues")
    assert len(writes) == 1 and writes[0]["sheet_position"] == position(book, name)
    grid = writes[0]["values"]
    data = build_summary(read_book(book_of(examples[ANNEX])), 2024)
    total = next(row for row in grid if row[0] == t("excel_calc_total", "sq"))
    assert total[1:3] == [data["costs"]["planned_annual_total"], data["costs"]["spent_total"]]
    codes = [row[0] for row in grid if row[0] and row[0].startswith(("RC ", "AR ", "KM "))]
    assert "KM 6.2.2" in codes
    assert alerts(book) == [t("excel_calc_written", "sq", sheet=name, year=2024)]


def test_llogarit_gives_the_mean_only_with_its_coverage_and_the_expected_values(examples):
    book = book_of(examples[ANNEX], active=L.monitoring_sheet(2025))
    llogarit(book)
    grid = actions(book, "setValues")[0]["values"]
    data = build_summary(read_book(book_of(examples[ANNEX])), 2025)
    plan = data["rollups"]["plan"]
    headers = next(row for row in grid if row[:2] == ["Fusha", "Arritja mesatare (%)"])
    plan_row = next(row for row in grid if row[0] == t("excel_calc_plan", "sq") and row[2] == plan["rated"])
    assert headers[2:8] == ["Të vlerësuar", "Tregues të vitit", "Mbulimi (%)", "Me vlerë", "Pa synim numerik",
                            "Pa të dhëna"]
    assert plan_row[1] == t("excel_mean_withheld", "sq") and plan_row[3:8] == [52, plan["coverage_pct"], 46, 48, 6]
    assert any(isinstance(row[0], str) and row[0].startswith("Arritja mesatare nuk jepet") for row in grid)
    columns = next(row for row in grid if row[:2] == ["Kodi", "Nr."])
    applications = next(row for row in grid if row[0] == "MS 6.1.2")
    expected = columns.index("Pritej deri në fund të vitit")
    assert applications[expected] == 424.36 and "412" in applications[columns.index("Vlera bazë")]


def test_llogarit_on_a_non_monitoring_sheet_takes_the_latest_year_with_data(examples):
    book = book_of(examples[ANNEX], active=L.SHEET_MATRIX)
    llogarit(book)
    assert [a["args"][1] for a in actions(book, "addSheet")] == [t("excel_calc_sheet", "sq", year=2025)]


def test_llogarit_for_the_social_plan_says_it_has_no_costs_instead_of_zeros(examples):
    book = book_of(examples[SOCIAL], active=L.monitoring_sheet(2023))
    llogarit(book)
    grid = actions(book, "setValues")[0]["values"]
    assert [t("summary_no_costs", "sq")] == [v for v in grid[5] if v not in (None, "")]


def test_raport_from_a_calculation_sheet_reports_that_sheets_year(examples, tmp_path):
    saved = tmp_path / "libri.xlsx"
    shutil.copyfile(examples[ANNEX], saved)
    grid = [["x"]]
    book = xw.Book(json=payload(saved, name=str(saved), extra={t("excel_calc_sheet", "sq", year=2024): grid},
                                active=t("excel_calc_sheet", "sq", year=2024)))
    raport(book)
    assert sorted(p.name for p in tmp_path.glob("raporti-*")) == [
        f"raporti-{ANNEX}-2024-shembull.docx", f"raporti-{ANNEX}-2024-shembull.html"]


# ---------------------------------------------------------------- Raport


def test_raport_writes_docx_and_html_next_to_the_saved_workbook_and_says_where(examples, tmp_path):
    saved = tmp_path / f"{ANNEX}-shembull.xlsx"
    shutil.copyfile(examples[ANNEX], saved)
    book = book_of(saved, name=str(saved), active=L.monitoring_sheet(2025))
    message = raport(book)
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".docx", ".html"))
    assert written == [f"raporti-{ANNEX}-2025-shembull.docx", f"raporti-{ANNEX}-2025-shembull.html"]
    assert all(str(tmp_path / name) in message for name in written)
    assert [a["func"] for a in actions(book)] == ["alert"]  # the workbook itself is not touched


def test_raport_of_a_never_saved_book_asks_to_save_it_first(examples, tmp_path):
    book = book_of(examples[ANNEX], name="Libri1")
    raport(book)
    assert alerts(book) == [t("excel_save_first", "sq", path="Libri1")]


def test_raport_of_a_book_opened_from_onedrive_by_web_address_says_what_to_do(examples):
    url = "https://bashkia-my.sharepoint.com/personal/x/Documents/plani.xlsx"
    book = book_of(examples[ANNEX], name=url)
    raport(book)
    assert alerts(book) == [t("excel_web_path", "sq", path=url)]


def test_raport_refuses_a_workbook_with_errors_and_points_to_kontrollo(broken, tmp_path):
    path, _cells = broken
    saved = tmp_path / "broken.xlsx"
    shutil.copyfile(path, saved)
    book = book_of(saved, name=str(saved), active=L.monitoring_sheet(2025))
    raport(book)
    assert alerts(book) == [t("excel_report_invalid", "sq", path=book.name, errors=Count("n_errors", 2))]
    assert not list(tmp_path.glob("raporti-*"))


# ---------------------------------------------------------------- Vit i ri


def test_vit_i_ri_adds_the_year_after_the_last_sheet_with_headers_rows_and_fills(examples):
    book = book_of(examples[ANNEX], drop=(L.monitoring_sheet(2026), L.monitoring_sheet(2027)))
    vit_i_ri(book)
    after = position(book, "Monitorimi 2025")
    assert [a["args"] for a in actions(book, "addSheet")] == [[after + 1, "Monitorimi 2026"]]
    index = position(book, "Monitorimi 2026")
    writes = [w for w in actions(book, "setValues") if w["sheet_position"] == index]
    assert len(writes) == 1
    grid = writes[0]["values"]
    assert grid[L.HEADER_ROW - 1] == [c.header for c in L.MONITORING_COLUMNS]
    assert grid[L.FIRST_DATA_ROW - 1][:4] == ["RC", "1.1", grid[L.FIRST_DATA_ROW - 1][2], 1]
    assert len(grid) == L.HEADER_ROW + 52
    fills = [a for a in actions(book, "setRangeColors") if a["sheet_position"] == index]
    assert len(fills) == 1 and "#fff2cc" in fills[0]["args"][0][-1]
    narrative = position(book, L.SHEET_NARRATIVE)
    assert {a["sheet_position"] for a in book.json()["actions"] if a["sheet_position"] is not None} == {
        index, narrative}
    recs = read_narrative(open_workbook(examples[ANNEX])).recommendations(2025)
    assert len(alerts(book)) == 1 and alerts(book)[0] == t("excel_new_year_done", "sq", sheet="Monitorimi 2026") + \
        "\n" + tn("new_year_carried", len(recs), "sq", year=2025, new=2026)


def test_vit_i_ri_carries_last_years_recommendations_into_the_new_years_follow_up_rows(examples):
    book = book_of(examples[ANNEX], drop=(L.monitoring_sheet(2026), L.monitoring_sheet(2027)))
    vit_i_ri(book)
    narrative = read_narrative(open_workbook(examples[ANNEX]))
    recs = narrative.recommendations(2025)
    first = narrative.of(2026, "follow_up")[0].row  # the 2026 block's first empty follow-up row
    writes = {w["start_column"]: w for w in actions(book, "setValues")
              if w["sheet_position"] == position(book, L.SHEET_NARRATIVE)}
    assert set(writes) == {narrative.columns[k] for k in ("field", "text", "responsible")}
    assert all(w["start_row"] == first - 1 and w["row_count"] == len(recs) for w in writes.values())
    texts = [shown(v[0]) for v in writes[narrative.columns["text"]]["values"]]
    assert texts == [r.text for r in recs]
    assert [v[0] for v in writes[narrative.columns["field"]]["values"]] == [r.field for r in recs]
    assert all(x.startswith("SHEMBULL: ") for x in texts)


def test_vit_i_ri_on_a_workbook_with_every_year_carries_into_the_year_after_the_latest_data(examples):
    book = book_of(examples[ANNEX])
    vit_i_ri(book)
    recs = read_narrative(open_workbook(examples[ANNEX])).recommendations(2025)
    assert alerts(book) == [t("excel_new_year_exists", "sq", sheet="Monitorimi 2026") + " " + tn(
        "new_year_carried", len(recs), "sq", year=2025, new=2026)]
    assert not actions(book, "addSheet")
    assert {a["sheet_position"] for a in actions(book, "setValues")} == {position(book, L.SHEET_NARRATIVE)}


def test_vit_i_ri_writes_the_totals_to_date_as_formulas_over_the_earlier_years(examples):
    book = book_of(examples[SOCIAL], drop=tuple(L.monitoring_sheet(y) for y in (2024, 2025, 2026)))
    vit_i_ri(book)
    (write,) = actions(book, "setFormula")
    assert write["start_column"] == [c.key for c in L.MONITORING_COLUMNS].index("to_date")
    formulas = [row[0] for row in write["values"] if row[0]]
    assert formulas and all("SUMIFS('Monitorimi 2023'!" in f for f in formulas)


def test_a_percent_typed_as_70_percent_in_excel_is_read_with_a_question_since_formats_are_not_sent(examples,
                                                                                                    tmp_path):
    """Excel sends values only: 70% arrives as 0.7 without its percent format, so the button asks "0,7 % apo
    70 %?" where reading the saved file (which has the format) reads 70."""
    from tests.workbook_edits import Edit

    e = Edit(examples[SOCIAL], tmp_path / "percent.xlsx")
    ref = e.set(L.monitoring_sheet(2023), ("A", "A1.2", 1), "Vlera aktuale", 0.7)
    e.wb[L.monitoring_sheet(2023)][ref.rsplit("!", 1)[1]].number_format = "0%"
    path = e.save()
    from addin.checks.validate import validate

    assert not [f for f in validate(path).findings if f.rule == "percent-fraction"]
    book = book_of(path)
    check(book)
    grid = next(a for a in actions(book, "setValues") if a["sheet_position"] == 0)["values"]
    row = next(r for r in grid[4:] if shown(r[0]) == ref)
    assert "0,7 % apo 70 %?" in row[3]


def test_vit_i_ri_with_office_js_adds_the_dropdowns_from_the_workbooks_lists(examples):
    book = book_of(examples[ANNEX], drop=(L.monitoring_sheet(2027),), client="Office.js")
    vit_i_ri(book)
    lists = [a["args"][0]["name"] for a in actions(book, "setDataValidationList")]
    assert lists == ["lista_statuses", "lista_funding", "lista_institutions"]


def test_vit_i_ri_refuses_a_year_outside_the_plan_with_the_new_year_message(built):
    book = book_of(built[ANNEX])  # every plan year has its sheet, and nothing is there to carry
    vit_i_ri(book)
    assert alerts(book) == [t("year_outside", "sq", path=book.name, year=2028, start=2024, end=2027)]
    assert [a["func"] for a in actions(book)] == ["alert"]


def _renamed_payload(path: Path, renames: dict[str, str], drop: tuple[str, ...] = ()) -> dict:
    data = payload(path, drop=drop)
    for sheet in data["sheets"]:
        sheet["name"] = renames.get(sheet["name"], sheet["name"])
    return data


def test_kontrollo_names_a_monitoring_sheet_named_almost_right_in_one_row(examples):
    book = xw.Book(json=_renamed_payload(examples[ANNEX], {L.monitoring_sheet(2025): "MONITORIMI 2025"}))
    kontrollo(book)
    grid = next(a for a in actions(book, "setValues") if a["sheet_position"] == 0)["values"]
    rows = [row for row in grid[4:] if row[3] and "'MONITORIMI 2025'" in row[3]]
    assert len(rows) == 1 and "'Monitorimi 2025'" in rows[0][3] and "nuk u lexuan" in rows[0][3]
    assert alerts(book) == [t("excel_checked", "sq", **counted(1, 0), sheet=marking.CHECK_SHEET)]


@pytest.mark.parametrize(("sheet", "renamed", "key", "values"), [
    # a sheet Excel takes for the same name
    (L.monitoring_sheet(2025), "MONITORIMI 2025", "sheet_name_clash",
     {"sheet": L.monitoring_sheet(2025), "existing": "MONITORIMI 2025"}),
    # a near miss that may hold the year's data
    (L.monitoring_sheet(2025), "Monitorimi_2025", "new_year_near_sheet",
     {"sheet": L.monitoring_sheet(2025), "year": 2025, "found": "Monitorimi_2025"}),
    # a Narrativa named almost right, whose texts a new one would leave unread
    (L.SHEET_NARRATIVE, "Narrativa (2)", "sheet_misnamed_required",
     {"sheet": L.SHEET_NARRATIVE, "found": "Narrativa (2)"}),
])
def test_vit_i_ri_refuses_to_add_a_sheet_beside_one_that_would_leave_it_unread_or_clash(examples, sheet, renamed,
                                                                                       key, values):
    data = _renamed_payload(examples[ANNEX], {sheet: renamed},
                            drop=(L.monitoring_sheet(2026), L.monitoring_sheet(2027)))
    book = xw.Book(json=data)
    vit_i_ri(book)
    assert alerts(book) == [t(key, "sq", path=book.name, **values)]
    assert not actions(book, "addSheet") and not actions(book, "setValues")


def test_vit_i_ri_ignores_a_sheet_for_a_year_outside_the_plan(examples):
    data = _renamed_payload(examples[ANNEX], {L.monitoring_sheet(2027): "Monitorimi 2031"},
                            drop=(L.monitoring_sheet(2026),))
    book = xw.Book(json=data)
    vit_i_ri(book)
    assert [a["args"][1] for a in actions(book, "addSheet")] == [L.monitoring_sheet(2026)]


# ---------------------------------------------------------------- Buxheti


def test_buxheti_writes_the_years_budget_sheet_with_the_engines_figures(examples):
    from addin.figures.budget import build_budget, group_totals, period_totals

    book = book_of(examples[ANNEX], active=L.monitoring_sheet(2025))
    buxheti(book)
    name = t("excel_budget_sheet", "sq", year=2025)
    assert [a["args"][1] for a in actions(book, "addSheet")] == [name]
    writes = actions(book, "setValues")
    assert len(writes) == 1 and writes[0]["sheet_position"] == position(book, name)
    grid = writes[0]["values"]
    assert grid[0][0].startswith("SHEMBULL — ")  # the example workbook's figures are examples
    data = build_budget(read_book(book_of(examples[ANNEX])), [2024, 2025])
    rows = {row[0]: row for row in grid if row and row[0] not in (None, "")}
    totals = {x.year: x for x in period_totals(data)}
    for year in (2024, 2025):  # the years so far, as the engine computes them
        x = totals[year]
        assert rows[year][1:5] == [x.planned, x.estimated, x.allocated, x.spent]
    cumulative = next(row for row in grid if str(row[0]).startswith("Kumulative 2024-2025"))
    assert cumulative[1] == 9_168_124 and cumulative[4] == 6_924_200
    source = next(g for g in group_totals(data, "source") if g.key == "municipal+donor" and g.year == 2025)
    assert rows[source.label][1:5] == [source.planned, "—", source.allocated, source.spent]  # no estimate there
    activity = next(row for row in grid if row[0] == "ST 5.1")  # not quantified: never 0
    assert activity[4] == "—" and activity[5] == 600000
    assert not any(str(v).startswith("=") for row in grid for v in row if isinstance(v, str))
    assert alerts(book) == [t("excel_budget_written", "sq", sheet=name, year=2025)]
    assert {a["sheet_position"] for a in book.json()["actions"] if a["sheet_position"] is not None} == {
        position(book, name)}


def test_buxheti_for_the_social_plan_shows_estimates_apart_and_no_plan_costs(examples):
    book = book_of(examples[SOCIAL], active=L.monitoring_sheet(2023))
    buxheti(book)
    grid = actions(book, "setValues")[0]["values"]
    assert t("budget_no_costs", "sq") in grid[1][0] and t("budget_estimate_note", "sq") in grid[1][0]
    year = next(row for row in grid if row[0] == 2023)
    assert year[1] == "—" and year[2] == 15_000_000 and year[4] == 8_035_000


def test_buxheti_text_typed_like_a_formula_is_written_as_text(examples, tmp_path):
    from tests.workbook_edits import Edit

    e = Edit(examples[ANNEX], tmp_path / "b.xlsx")
    ws = e.wb[L.SHEET_LISTS]
    col = next(c.column for c in ws[L.HEADER_ROW] if c.value == "Programet buxhetore")
    ws.cell(L.FIRST_DATA_ROW, col).value = "=Programi X"
    ws.cell(L.FIRST_DATA_ROW, col).data_type = "s"
    e.set(L.SHEET_MATRIX, ("KM", "6.2.1"), "Programi buxhetor", "=Programi X")
    book = book_of(e.save(), active=L.monitoring_sheet(2025))
    buxheti(book)
    grid = actions(book, "setValues")[0]["values"]
    assert "'=Programi X" in {v for row in grid for v in row}


def test_buxheti_without_pandas_says_what_to_install(examples, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pandas" else real(name, *a))
    book = book_of(examples[ANNEX])
    buxheti(book)
    assert alerts(book) == [t("excel_budget_no_pandas", "sq")]
    assert [a["func"] for a in actions(book)] == ["alert"]


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("button", [kontrollo, llogarit, vit_i_ri, buxheti])
def test_a_workbook_without_the_parametrat_sheet_gets_a_sentence_naming_the_sheet(examples, button):
    book = book_of(examples[ANNEX], drop=(L.SHEET_SETTINGS,))
    button(book)
    assert alerts(book) == [t("sheet_missing", "sq", path=book.name, sheet=L.SHEET_SETTINGS)]


def test_an_unexpected_error_is_one_sentence_in_the_alert(examples, monkeypatch):
    monkeypatch.delenv("MATRICA_DEBUG", raising=False)
    import addin.excel.buttons as buttons

    def boom(*_args):
        raise KeyError("x")

    monkeypatch.setattr(buttons, "build_summary", boom, raising=False)
    monkeypatch.setattr("addin.figures.summary.build_summary", boom)
    book = book_of(examples[ANNEX])
    llogarit(book)
    assert alerts(book) == [t("unexpected", "sq", path=book.name, detail="KeyError: 'x'")]


def test_entry_points_also_serve_runpython_and_the_add_in_modules():
    import importlib

    for name in ("kontrollo", "llogarit", "raport", "vit_i_ri", "buxheti"):
        module = importlib.import_module(f"addin.excel.{name}")
        assert callable(module.main)
    assert calculate and check and new_year  # the plain functions, for xlwings Lite scripts


def _cells(address: str) -> set[tuple[int, int]]:
    from addin.checks.marking import _split_ref

    out = set()
    for area in address.split(","):
        first, _, last = area.partition(":")
        (r1, c1), (r2, c2) = _split_ref(first), _split_ref(last or first)
        out |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    return out


def test_desktop_excel_gets_the_new_sheets_fills_in_a_few_multi_area_calls(plans):
    from addin.excel.buttons import fill_areas
    from addin.workbook.newyear import monitoring_sheet_model

    model = monitoring_sheet_model(plans[SOCIAL], 2026)
    colours = {(r, c): f for r, row in enumerate(model.fills, start=1) for c, f in enumerate(row) if f}
    areas = fill_areas(colours)
    assert len(areas) <= 10 and all(len(address) <= 255 for _fill, address in areas)
    painted = {}
    for fill, address in areas:
        for cell in _cells(address):
            assert cell not in painted
            painted[cell] = fill
    assert painted == colours


def test_vit_i_ri_gives_a_workbook_without_narrativa_the_sheet_with_a_block_per_year(examples):
    book = book_of(examples[ANNEX], drop=(L.SHEET_NARRATIVE, L.monitoring_sheet(2026), L.monitoring_sheet(2027)))
    vit_i_ri(book)
    added = [a["args"][1] for a in actions(book, "addSheet")]
    assert added == ["Monitorimi 2026", L.SHEET_NARRATIVE]
    index = position(book, L.SHEET_NARRATIVE)
    assert index == position(book, L.SHEET_LISTS) - 1
    writes = [w for w in actions(book, "setValues") if w["sheet_position"] == index]
    assert writes[0]["values"][L.HEADER_ROW - 1] == [c.header for c in L.NARRATIVE_COLUMNS]
    years = {row[0] for w in writes[1:] for row in w["values"]}
    assert years == {2024, 2025, 2026}
    assert any(a["func"] == "setRangeColors" and a["sheet_position"] == index for a in actions(book))


def test_kontrollo_gives_a_narrative_cell_its_yellow_back_once_its_warning_is_gone(examples):
    from addin.checks.marking import LAYOUT_FILLS, layout_fill
    from addin.checks.validate import gather_workbook

    ctx = gather_workbook(open_workbook(examples[ANNEX]))
    first = ctx.narrative.entries[0]
    assert layout_fill(ctx, L.SHEET_NARRATIVE, first.refs["text"].split("!")[1]) == LAYOUT_FILLS["input"]
    assert layout_fill(ctx, L.SHEET_NARRATIVE, first.refs["part"].split("!")[1]) == LAYOUT_FILLS["plan"]
    assert layout_fill(ctx, L.SHEET_NARRATIVE, first.refs["status"].split("!")[1]) == LAYOUT_FILLS["na"]
    assert layout_fill(ctx, L.SHEET_NARRATIVE, f"A{L.HEADER_ROW}") == LAYOUT_FILLS["header"]
