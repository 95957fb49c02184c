"""Monitoring sheets named almost right ("MONITORIMI 2025", "Monitorimi 2025 (2)", …) or for a year outside the plan
("Monitorimi 2031") get one finding each, naming the sheet and the name expected; they are never read row by row,
and `new-year` copes with all of them (never a second sheet Excel takes for the same name)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.checks.validate import validate
from addin.workbook import layout as L
from tests.conftest import ANNEX
from tests.every_command import every_command, matrica

M25 = L.monitoring_sheet(2025)
NEAR = ["MONITORIMI 2025", "monitorimi  2025", "Monitorim 2025", "Monitorimi_2025", "Monitorimi 2025 ",
        "Monitorimi 2025 (2)", "Monitorimï 2025", "Monitorimi i vitit 2025"]


def _renamed(src: Path, dst: Path, renames: dict[str, str] = (), copies: dict[str, str] = ()) -> Path:
    """A copy with sheets copied under a new name ({sheet: name of the copy}), then sheets renamed ({old: new})."""
    wb = load_workbook(src)
    for sheet, name in dict(copies).items():
        wb.copy_worksheet(wb[sheet]).title = name
    for old, new in dict(renames).items():
        ws = wb[old]
        ws.title = "x-renaming"  # openpyxl changes a name equal to the old one without regard to case
        ws.title = new
    wb.save(dst)
    return dst


def _about(report, sheet: str) -> list:
    return [f for f in report.findings if f.sheet == sheet]


@pytest.mark.parametrize("name", NEAR)
def test_a_years_sheet_named_almost_right_is_one_error_saying_its_data_were_not_read(examples, tmp_path, name):
    path = _renamed(examples[ANNEX], tmp_path / "near.xlsx", {M25: name})
    report = validate(path)
    (f,) = _about(report, name)
    assert (f.rule, f.severity, f.cell) == ("sheet-misnamed", "error", None)
    assert f"'{name}'" in f.message("sq") and f"'{M25}'" in f.message("sq") and "nuk u lexuan" in f.message("sq")
    assert f"'{name}'" in f.message("en") and "were not read because of the name" in f.message("en")
    assert not [f for f in report.findings if f.sheet == M25]


@pytest.mark.parametrize("name", ["Monitorimi 2025 (2)", "MONITORIMI 2025 kopje"])
def test_a_copy_beside_the_years_sheet_is_one_warning_and_changes_nothing_else(examples, tmp_path, name):
    path = _renamed(examples[ANNEX], tmp_path / "copy.xlsx", copies={M25: name})
    report, before = validate(path), validate(examples[ANNEX])
    (f,) = _about(report, name)
    assert (f.rule, f.severity) == ("sheet-misnamed", "warning") and f"'{M25}'" in f.message("en")
    assert [g for g in report.findings if g is not f] == before.findings


def _figures(path: Path, year: str = "2025") -> dict:
    summary = json.loads(matrica("summary", str(path), "--year", year, "--format", "json").out)
    budget = json.loads(matrica("budget", str(path), "--format", "json").out)
    for data in (summary, budget):
        data.pop("workbook", None)
        data.pop("validation", None)
        data.pop("valid", None)
    return {"summary": summary, "budget": budget}


def test_a_sheet_for_a_year_outside_the_plan_is_one_warning_and_is_not_read(examples, tmp_path):
    path = _renamed(examples[ANNEX], tmp_path / "2031.xlsx", copies={L.monitoring_sheet(2027): "Monitorimi 2031"})
    report = validate(path)
    (f,) = _about(report, "Monitorimi 2031")
    assert (f.rule, f.severity) == ("sheet-year-outside", "warning")
    assert "2024-2027" in f.message("sq") and "outside the plan period" in f.message("en")
    assert len(report.findings) == len(validate(examples[ANNEX]).findings) + 1
    assert _figures(path) == _figures(examples[ANNEX])
    run = matrica("validate", str(path), "--year", "2031", "--no-copy", "--lang", "en")
    assert run.code == 2 and "outside the plan period" in run.err and path.name in run.err


def test_asking_for_a_year_whose_sheet_is_named_almost_right_names_that_sheet(examples, tmp_path):
    path = _renamed(examples[ANNEX], tmp_path / "near.xlsx", {M25: "MONITORIMI 2025"})
    for command in (["summary", str(path), "--year", "2025"], ["validate", str(path), "--year", "2025", "--no-copy"],
                    ["report", str(path), "--year", "2025", "--out", str(tmp_path / "r")],
                    ["split", str(path), "--year", "2025", "--out", str(tmp_path / "p")]):
        run = matrica(*command, "--lang", "en")
        assert run.code == 2, command
        assert "'MONITORIMI 2025'" in run.err and f"Rename it '{M25}'" in run.err and path.name in run.err


def test_new_year_refuses_to_add_a_sheet_excel_takes_for_one_it_has(examples, tmp_path):
    path = _renamed(examples[ANNEX], tmp_path / "near.xlsx", {M25: "MONITORIMI 2025"})
    out = tmp_path / "new.xlsx"
    run = matrica("new-year", str(path), "--year", "2025", "--out", str(out), "--lang", "en")
    assert run.code == 2 and not out.exists()
    assert run.err.count(".") >= 1 and "'MONITORIMI 2025'" in run.err and path.name in run.err
    assert len(run.err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["Monitorimi 2025 (2)", "Monitorimi 2025 ", "Monitorimi_2025", "Monitorimi 2O25"])
def test_new_year_refuses_to_add_the_years_sheet_beside_a_near_miss_that_may_hold_its_data(examples, tmp_path, name):
    """An empty 'Monitorimi 2025' beside 'Monitorimi_2025' would leave the near miss (maybe the year's data) unread,
    and the finding about it would then read as 'delete the copy': new-year names it and writes nothing."""
    path = _renamed(examples[ANNEX], tmp_path / "near.xlsx", {M25: name})
    out = tmp_path / "new.xlsx"
    for lang, said in (("sq", f"riemërtojeni '{M25}'"), ("en", f"rename it '{M25}'")):
        run = matrica("new-year", str(path), "--year", "2025", "--out", str(out), "--lang", lang)
        assert run.code == 2 and not out.exists(), run.err
        assert f"'{name}'" in run.err and said in run.err and path.name in run.err
        assert len(run.err.strip().splitlines()) == 1


def test_new_year_still_adds_a_year_beside_a_near_miss_of_another_year(examples, tmp_path):
    path = _renamed(examples[ANNEX], tmp_path / "near.xlsx", {M25: "Monitorimi_2025"})
    wb = load_workbook(path)
    del wb[L.monitoring_sheet(2026)]
    wb.save(path)
    out = tmp_path / "new.xlsx"
    run = matrica("new-year", str(path), "--year", "2026", "--out", str(out))
    assert run.code == 0, run.err
    assert L.monitoring_sheet(2026) in load_workbook(out, read_only=True).sheetnames


def test_the_year_after_ignores_a_sheet_for_a_year_outside_the_plan(examples, tmp_path):
    from addin.plan.model import bundled_plans
    from addin.workbook.newyear import next_year

    plan = bundled_plans()[ANNEX]
    names = ["Matrica", "Monitorimi 2024", "Monitorimi 2031", "MONITORIMI 2025"]
    assert next_year(plan, names) == 2025


@pytest.mark.parametrize("renames", [{M25: "MONITORIMI 2025"}, {M25: "Monitorimi 2025 (2)"},
                                     {L.monitoring_sheet(2027): "Monitorimi 2031"}])
def test_every_command_copes_with_sheets_named_almost_right(examples, tmp_path, renames):
    path = _renamed(examples[ANNEX], tmp_path / "near.xlsx", renames)
    for year in (2025, 2026):
        runs = every_command(path, year, tmp_path / f"out{year}")
        said = runs["validate --no-copy"].out
        assert len(re.findall(r"sheet-(?:misnamed|year-outside)", said)) == 1, said


# --- every sheet Matrica reads, and monitoring names whose year cannot be read --------------------------------------

@pytest.mark.parametrize("name, expected, year", [
    ("Monitorrimi 2025", M25, 2025), ("Montorimi 2025", M25, 2025), ("Monitoring 2025", M25, 2025),
    ("Copy of Monitorimi 2025", M25, 2025), ("Monitorimi 2025 - Copy", M25, 2025),
    ("Kopje e Monitorimi 2025", M25, 2025),
    ("MONITORIMI 20251", L.MONITORING_FORM, None), ("Monitorimi 225", L.MONITORING_FORM, None),
    ("Monitorimi 2O25", L.MONITORING_FORM, None), ("Monitorimi", L.MONITORING_FORM, None),
    ("Monitorimi_25", L.MONITORING_FORM, None), ("Monitorimi 2025-2026", L.MONITORING_FORM, None),
    ("MATRICA", L.SHEET_MATRIX, None), ("Treguesit ", L.SHEET_INDICATORS, None),
    ("Parametrat (2)", L.SHEET_SETTINGS, None), ("narrativa", L.SHEET_NARRATIVE, None),
    ("Copy of Listat", L.SHEET_LISTS, None), ("Objektivt", L.SHEET_OBJECTIVES, None),
])
def test_a_name_almost_right_stands_for_the_sheet_it_looks_like(name, expected, year):
    near = L.near_name(name)
    assert near is not None and (near.expected, near.year) == (expected, year)


@pytest.mark.parametrize("name", ["Shënime", "Grafik 2025", "Monitorimi – udhëzime", "Monitorimi i NJA-ve",
                                  "Treguesit 2025", "MATRICA_old", "Lista", "Përmbledhje", "Udhëzime", "Kontrolli",
                                  "Bashkimi", M25, L.SHEET_MATRIX, "Monitorimi 2031"])
def test_a_sheet_a_person_adds_or_an_exact_name_stands_for_nothing(name):
    assert L.near_name(name) is None


@pytest.mark.parametrize("name", ["Shënime", "Grafik 2025", "Monitorimi – udhëzime", "Treguesit 2025", "MATRICA_old"])
def test_a_sheet_a_person_adds_changes_no_finding(examples, tmp_path, name):
    path = _renamed(examples[ANNEX], tmp_path / "extra.xlsx", copies={L.SHEET_GUIDE: name})
    assert validate(path).findings == validate(examples[ANNEX]).findings


@pytest.mark.parametrize("name", ["Monitorimi 2O25", "MONITORIMI 20251", "Monitorimi", "Monitorimi_25"])
def test_a_monitoring_sheet_whose_year_cannot_be_read_is_one_error_naming_the_expected_form(examples, tmp_path,
                                                                                           name):
    path = _renamed(examples[ANNEX], tmp_path / "no-year.xlsx", {M25: name})
    report = validate(path)
    (f,) = _about(report, name)
    assert (f.rule, f.severity) == ("sheet-misnamed", "error")
    en, sq = f.message("en"), f.message("sq")
    assert f"'{name}'" in en and "year cannot be read" in en and "'Monitorimi YYYY'" in en and "2024-2027" in en
    assert "1 year of the plan has no monitoring sheet (2025)" in en
    assert f"'{name}'" in sq and "viti nuk lexohet" in sq and "2024-2027" in sq
    run = matrica("summary", str(path), "--year", "2025", "--lang", "en")
    assert run.code == 2 and f"'{name}'" in run.err and path.name in run.err


def test_a_monitoring_sheet_without_a_year_beside_every_years_sheet_is_one_warning(examples, tmp_path):
    path = _renamed(examples[ANNEX], tmp_path / "copy.xlsx", copies={M25: "Monitorimi"})
    report = validate(path)
    (f,) = _about(report, "Monitorimi")
    assert (f.rule, f.severity) == ("sheet-misnamed", "warning") and "if it is a copy" in f.message("en")
    assert [g for g in report.findings if g is not f] == validate(examples[ANNEX]).findings


def test_two_near_miss_copies_of_one_year_are_one_finding_each(examples, tmp_path):
    path = _renamed(examples[ANNEX], tmp_path / "two.xlsx", {M25: "Monitorimi 2025 (2)"},
                    copies={M25: "MONITORIMI 2025 (3)"})
    report = validate(path)
    assert [(f.rule, f.severity, f.sheet) for f in report.findings if f.rule.startswith("sheet-")] == [
        ("sheet-misnamed", "error", "Monitorimi 2025 (2)"), ("sheet-misnamed", "error", "MONITORIMI 2025 (3)")]


@pytest.mark.parametrize("sheet, name", [(L.SHEET_MATRIX, "MATRICA"), (L.SHEET_INDICATORS, "Treguesit "),
                                         (L.SHEET_SETTINGS, "Parametrat (2)"), (L.SHEET_MATRIX, "Matrca"),
                                         (L.SHEET_OBJECTIVES, "Objektivat (2)")])
def test_a_required_sheet_named_almost_right_stops_every_command_naming_it_and_the_expected_name(examples, tmp_path,
                                                                                                sheet, name):
    path = _renamed(examples[ANNEX], tmp_path / "near.xlsx", {sheet: name})
    runs = every_command(path, 2025, tmp_path / "out", lang="en")
    for command in ("validate --no-copy", "summary", "report", "budget", "overview"):
        run = runs[command]
        assert run.code == 2, (command, run.out)
        assert f"the sheet '{sheet}' that Matrica needs is missing; the sheet '{name}' looks like it" in run.err
        assert path.name in run.err and len(run.err.strip().splitlines()) == 1


@pytest.mark.parametrize("sheet, name", [(L.SHEET_NARRATIVE, "Narrativa "), (L.SHEET_LISTS, "LISTAT"),
                                         (L.SHEET_LISTS, "Listat (2)")])
def test_an_optional_sheet_named_almost_right_is_the_one_finding_saying_it_is_not_read(examples, tmp_path, sheet,
                                                                                      name):
    path = _renamed(examples[ANNEX], tmp_path / "near.xlsx", {sheet: name})
    report = validate(path)
    (f,) = _about(report, name)
    assert (f.rule, f.severity) == ("sheet-misnamed", "error")
    assert f"The workbook has no sheet '{sheet}', so this sheet is not read: rename it '{sheet}'" in f.message("en")
    assert [g for g in report.findings if g is not f] == validate(examples[ANNEX]).findings  # no finding per row
    every_command(path, 2025, tmp_path / "out")


def test_a_deleted_lists_sheet_is_one_warning_not_one_error_per_budget_programme(examples, tmp_path):
    wb = load_workbook(examples[ANNEX])
    del wb[L.SHEET_LISTS]
    wb.save(path := tmp_path / "no-lists.xlsx")
    report = validate(path)
    assert [(f.rule, f.severity, f.value) for f in report.findings] == [("sheet-missing", "warning", L.SHEET_LISTS)]
    assert "The workbook has no sheet 'Listat'" in report.findings[0].message("en")
    assert "Libri nuk ka fletën 'Listat'" in report.findings[0].message("sq")


@pytest.mark.parametrize("sheet", [L.SHEET_MATRIX, L.SHEET_INDICATORS, L.SHEET_SETTINGS, L.SHEET_NARRATIVE,
                                   L.SHEET_LISTS, L.SHEET_OBJECTIVES])
def test_a_copy_of_a_read_sheet_beside_it_is_one_warning_and_changes_nothing_else(examples, tmp_path, sheet):
    name = f"{sheet} (2)"
    path = _renamed(examples[ANNEX], tmp_path / "copy.xlsx", copies={sheet: name})
    report = validate(path)
    (f,) = _about(report, name)
    assert (f.rule, f.severity) == ("sheet-misnamed", "warning")
    assert f"looks like the sheet '{sheet}' that Matrica reads" in f.message("en")
    assert [g for g in report.findings if g is not f] == validate(examples[ANNEX]).findings
    assert _figures(path) == _figures(examples[ANNEX])


@pytest.fixture(scope="module")
def annex_part(built, tmp_path_factory):
    """The plain annex workbook and one part of its 2025 (QKR)."""
    from addin.workbook.parts import split

    folder = tmp_path_factory.mktemp("parts")
    book = folder / "annex.xlsx"
    book.write_bytes(built[ANNEX].read_bytes())
    (part,) = split(book, 2025, folder / "parts", ["QKR"]).parts
    return book, part.path


@pytest.mark.parametrize("change, says", [
    ({"renames": {L.SHEET_NARRATIVE: "Narrativa "}},
     "The sheet 'Narrativa ' looks like the sheet 'Narrativa' that Matrica reads"),
    ({"renames": {M25: "Monitorimi 2025 (2)"}}, "the sheet 'Monitorimi 2025 (2)' looks like it"),
    ({"renames": {L.SHEET_MATRIX: "MATRICA"}}, "the sheet 'MATRICA' looks like it"),
    ({"delete": L.SHEET_NARRATIVE}, "the part has no sheet 'Narrativa', so its texts cannot be merged"),
])
def test_a_part_with_a_sheet_named_almost_right_or_gone_is_refused_naming_it(annex_part, tmp_path, change, says):
    book, part = annex_part
    if "delete" in change:
        wb = load_workbook(part)
        del wb[change["delete"]]
        wb.save(bad := tmp_path / "part.xlsx")
    else:
        bad = _renamed(part, tmp_path / "part.xlsx", change["renames"])
    out = tmp_path / "merged.xlsx"
    run = matrica("merge", str(book), str(bad), "--out", str(out), "--lang", "en")
    assert run.code == 2, run.out + run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 2 and says in lines[0] and bad.name in lines[0] and lines[1] == "Nothing was written."
    assert not out.exists()


@pytest.mark.parametrize("sheet, state", [(M25, "hidden"), (L.SHEET_MATRIX, "veryHidden"),
                                          (L.SHEET_SETTINGS, "hidden"), (L.SHEET_INDICATORS, "moved"),
                                          (L.SHEET_NARRATIVE, "moved")])
def test_a_hidden_very_hidden_or_moved_sheet_is_read_as_it_is(examples, tmp_path, sheet, state):
    wb = load_workbook(examples[ANNEX])
    if state == "moved":
        wb.move_sheet(wb[sheet], -(wb.sheetnames.index(sheet)))  # to the front
    else:
        wb[sheet].sheet_state = state
    wb.save(path := tmp_path / f"{state}.xlsx")
    assert validate(path).findings == validate(examples[ANNEX]).findings
    assert _figures(path) == _figures(examples[ANNEX])


def test_two_sheets_without_a_readable_year_name_the_years_without_a_sheet_in_the_plural(examples, tmp_path):
    path = _renamed(examples[ANNEX], tmp_path / "no-year.xlsx",
                    {M25: "Monitorimi 2O25", L.monitoring_sheet(2026): "Monitorimi"})
    report = validate(path)
    messages = [f.message("en") for f in report.findings if f.rule == "sheet-misnamed"]
    assert len(messages) == 2 and all("2 years of the plan have no monitoring sheet (2025, 2026)" in m
                                      for m in messages)
    assert all("2 vite të planit nuk kanë fletë monitorimi (2025, 2026)" in f.message("sq")
               for f in report.findings if f.rule == "sheet-misnamed")


# --- headers of the tables read ---------------------------------------------------------------------------------------

def _header_edited(src: Path, dst: Path, sheet: str, header: str, new: str | None) -> Path:
    """A copy with one header cell of `sheet` retyped (or emptied with None)."""
    wb = load_workbook(src)
    ws = wb[sheet]
    (cell,) = [c for row in ws.iter_rows(min_row=1, max_row=L.HEADER_ROW) for c in row if c.value == header]
    cell.value = new
    wb.save(dst)
    return dst


def _header(key: str) -> str:
    return next(c.header for c in L.MONITORING_COLUMNS if c.key == key)


@pytest.mark.parametrize("key, typed", [("allocated", "Alokuar ne buxhet (leke)"), ("spent", "Shpenzuar (leke)"),
                                        ("women", "Gra:")])
def test_a_header_typed_almost_right_is_read_and_said_at_its_cell(examples, tmp_path, key, typed):
    path = _header_edited(examples[ANNEX], tmp_path / "header.xlsx", M25, _header(key), typed)
    report = validate(path)
    (f,) = [g for g in report.findings if g.rule == "header-misnamed"]
    assert f.severity == "warning" and f.cell.startswith(f"'{M25}'!") and f.cell.endswith(str(L.HEADER_ROW))
    assert f"'{typed}' is read as '{_header(key)}'" in f.message("en") and f"'{typed}' lexohet si" in f.message("sq")
    assert [g for g in report.findings if g is not f] == validate(examples[ANNEX]).findings
    assert _figures(path) == _figures(examples[ANNEX])


@pytest.mark.parametrize("sheet, header", [(M25, _header("women")), (M25, _header("funding")),
                                           (M25, _header("reported_by")), (L.SHEET_INDICATORS, "Vlera bazë"),
                                           (L.SHEET_OBJECTIVES, L.objective_value_header(2025))])
def test_a_column_whose_header_is_gone_is_one_warning_saying_its_values_are_not_read(examples, tmp_path, sheet,
                                                                                     header):
    path = _header_edited(examples[ANNEX], tmp_path / "gone.xlsx", sheet, header, "Shënimet e mia")
    report = validate(path)
    (f,) = [g for g in report.findings if g.rule == "column-missing"]
    assert (f.severity, f.sheet, f.value) == ("warning", sheet, header)
    assert f"The sheet '{sheet}' has no column '{header}'" in f.message("en") and "not read" in f.message("en")
    every_command(path, 2025, tmp_path / "out")


def test_an_objective_value_header_typed_almost_right_is_read_and_said_at_its_cell(examples, tmp_path):
    header = L.objective_value_header(2025)
    typed = header.replace("Vlera e", "Vlera-e")  # punctuation apart
    path = _header_edited(examples[ANNEX], tmp_path / "header.xlsx", L.SHEET_OBJECTIVES, header, typed)
    report = validate(path)
    (f,) = [g for g in report.findings if g.rule == "header-misnamed"]
    assert f.severity == "warning" and f.cell.startswith(f"'{L.SHEET_OBJECTIVES}'!")
    assert [g for g in report.findings if g is not f] == validate(examples[ANNEX]).findings
    assert _figures(path) == _figures(examples[ANNEX])


def test_a_workbook_built_before_the_objective_value_columns_gets_no_word_about_them(examples, tmp_path):
    wb = load_workbook(examples[ANNEX])
    ws = wb[L.SHEET_OBJECTIVES]
    for cell in ws[L.HEADER_ROW]:
        if str(cell.value or "").startswith(L.OBJECTIVE_VALUE_PREFIX):
            cell.value = None
    wb.save(tmp_path / "older.xlsx")
    assert not [f for f in validate(tmp_path / "older.xlsx").findings if f.rule in ("column-missing",
                                                                                    "header-misnamed")]


def _with_chart(src: Path, dst: Path, name: str, delete: str | None = None) -> Path:
    """A copy with a chart sheet called `name` (after deleting the sheet `delete`)."""
    from openpyxl.chart import BarChart, Reference

    wb = load_workbook(src)
    if delete:
        del wb[delete]
    chart = BarChart()
    chart.add_data(Reference(wb[L.SHEET_MATRIX], min_col=1, min_row=L.HEADER_ROW, max_row=L.HEADER_ROW + 5))
    wb.create_chartsheet(name).add_chart(chart)
    wb.save(dst)
    return dst


@pytest.mark.parametrize("sheet", [L.SHEET_INDICATORS, M25])
def test_a_chart_in_place_of_a_read_sheet_stops_every_command_saying_it_is_a_chart(examples, tmp_path, sheet):
    path = _with_chart(examples[ANNEX], tmp_path / "chart.xlsx", sheet, delete=sheet)
    runs = every_command(path, 2025, tmp_path / "out", lang="en")
    for command in ("validate --no-copy", "summary", "report", "budget"):
        assert runs[command].code == 2, command
        assert f"the sheet '{sheet}' is a chart, not the table Matrica reads" in runs[command].err


@pytest.mark.parametrize("name", ["Monitorimi 2025 (2)", "Grafik 2025", "Matrica (2)"])
def test_a_chart_named_like_a_copy_of_a_read_sheet_changes_nothing(examples, tmp_path, name):
    path = _with_chart(examples[ANNEX], tmp_path / "chart.xlsx", name)
    assert validate(path).findings == validate(examples[ANNEX]).findings


def test_new_year_refuses_to_add_a_narrativa_beside_one_named_almost_right(examples, tmp_path):
    path = _renamed(examples[ANNEX], tmp_path / "near.xlsx", {L.SHEET_NARRATIVE: "Narrativa "})
    out = tmp_path / "new.xlsx"
    run = matrica("new-year", str(path), "--year", "2025", "--out", str(out), "--lang", "en")
    assert run.code == 2 and not out.exists()
    assert "the sheet 'Narrativa ' looks like it" in run.err and path.name in run.err
