"""Rows are identified by their key (field, code, indicator number), never by position: a key carried by two rows
is an error naming both cells (and neither copy is counted), and moving rows changes no finding and no figure."""

from __future__ import annotations

import json
import re
from copy import copy
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.checks.validate import validate
from addin.figures.summary import read_year
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX
from tests.every_command import every_command, matrica

M25 = L.monitoring_sheet(2025)
KEY = ("Fusha", "Kodi", "Nr.")


def _columns(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[L.HEADER_ROW] if c.value}


def _row(ws, field: str, code: str, n: int) -> int:
    col = _columns(ws)
    for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
        if (ws.cell(r, col["Fusha"]).value, str(ws.cell(r, col["Kodi"]).value), ws.cell(r, col["Nr."]).value) == (
                field, code, n):
            return r
    raise KeyError((field, code, n))


def _give_key(src: Path, dst: Path, sheet: str, to: tuple, of: tuple, keys: tuple[str, ...] = KEY) -> Path:
    """A copy where the row `to` carries the key of the row `of`."""
    wb = load_workbook(src)
    ws = wb[sheet]
    col = {**_columns(ws), "Fusha": 1}
    a, b = _row(ws, *to), _row(ws, *of)
    for header in keys:
        ws.cell(a, col[header]).value = ws.cell(b, col[header]).value
    wb.save(dst)
    return dst


def _swap(src: Path, dst: Path, sheet: str, one: tuple, other: tuple) -> Path:
    """A copy with two monitoring rows swapped entirely (what a sort does), every value they hold."""
    wb = load_workbook(src)
    ws = wb[sheet]
    a, b = _row(ws, *one), _row(ws, *other)
    for c in range(1, ws.max_column + 1):
        x, y = ws.cell(a, c), ws.cell(b, c)
        if isinstance(x.value, str) and x.value.startswith("="):
            continue  # the workbook's own running total: Excel's sort keeps each formula on its row
        x.value, y.value = y.value, x.value
        x.protection, y.protection = copy(y.protection), copy(x.protection)
    wb.save(dst)
    return dst


def _with_findings(src: Path, dst: Path) -> Path:
    """The example with a few findings on the rows the tests move."""
    wb = load_workbook(src)
    ws = wb[M25]
    col = _columns(ws)
    ws.cell(_row(ws, "RC", "1.1", 1), col["Shpenzuar (lekë)"]).value = -5000
    ws.cell(_row(ws, "AR", "2.1.2", 2), col["Vlera aktuale (e këtij viti)"]).value = "shumë"
    ws.cell(_row(ws, "AR", "2.1.2", 1), col["Shënime / evidenca"]).value = None
    wb.save(dst)
    return dst


def test_a_monitoring_row_repeating_another_rows_key_is_an_error_naming_both_cells(examples, tmp_path):
    path = _give_key(examples[ANNEX], tmp_path / "dup.xlsx", M25, ("RC", "1.2", 1), ("RC", "1.1", 1))
    report = validate(path, 2025)
    dup = [f for f in report.findings if f.rule == "duplicate-row"]
    assert len(dup) == 1
    f = dup[0]
    wb = load_workbook(path)
    first, second = (f"'{M25}'!B{r}" for r in sorted(r for r in range(L.FIRST_DATA_ROW, wb[M25].max_row + 1)
                                                      if wb[M25].cell(r, 2).value == "1.1"
                                                      and wb[M25].cell(r, 1).value == "RC"))
    assert (f.severity, f.cell, f.code) == ("error", second, "RC 1.1 #1")
    assert first in f.message("sq") and "përsëritet" in f.message("sq")
    assert first in f.message("en") and "repeated" in f.message("en")
    assert not report.valid


def test_a_repeated_row_leaves_out_the_findings_that_would_speak_of_the_wrong_row(examples, tmp_path):
    """The copy carries the other indicator's text and status: no 'plan-edited' or status finding on either copy,
    only the duplicate-row error, and the row the copy took the place of said to be missing."""
    path = _give_key(examples[ANNEX], tmp_path / "dup.xlsx", M25, ("RC", "1.2", 1), ("RC", "1.1", 1))
    found = [f for f in validate(path, 2025).findings if f.sheet == M25]
    assert {f.rule for f in found} == {"duplicate-row", "row-missing"}
    assert [f.code for f in found if f.rule == "row-missing"] == ["RC 1.2 #1"]  # the row the copy took the place of


def test_neither_copy_of_a_repeated_row_is_counted(examples, tmp_path):
    path = _give_key(examples[ANNEX], tmp_path / "dup.xlsx", M25, ("RC", "1.2", 1), ("RC", "1.1", 1))
    data = read_year(open_workbook(path), 2025)
    assert ("RC", "1.1", 1) not in data.values
    assert ("RC", "1.1", 1) in read_year(open_workbook(examples[ANNEX]), 2025).values


def test_a_repeated_indicator_row_on_treguesit_is_an_error_naming_both_cells(examples, tmp_path):
    path = _give_key(examples[ANNEX], tmp_path / "dup.xlsx", L.SHEET_INDICATORS, ("AR", "2.1.2", 2),
                     ("AR", "2.1.2", 1), keys=("Nr.",))
    dup = [f for f in validate(path, 2025).findings if f.rule == "duplicate-row"]
    assert [f.sheet for f in dup] == [L.SHEET_INDICATORS]
    assert dup[0].code == "AR 2.1.2 #1" and f"'{L.SHEET_INDICATORS}'!" in dup[0].message("en")


def test_a_repeated_activity_code_on_matrica_names_the_first_cell(examples, tmp_path):
    wb = load_workbook(examples[ANNEX])
    ws = wb[L.SHEET_MATRIX]
    rows = [r for r in range(L.FIRST_DATA_ROW, ws.max_row + 1) if ws.cell(r, 3).value in ("1.1", "1.2")
            and ws.cell(r, 1).value == "RC"]
    ws.cell(rows[1], 3).value = "1.1"
    wb.save(tmp_path / "dup.xlsx")
    dup = [f for f in validate(tmp_path / "dup.xlsx", 2025).findings if f.rule == "duplicate-code"]
    assert len(dup) == 1 and dup[0].cell == f"'{L.SHEET_MATRIX}'!C{rows[1]}"
    assert f"'{L.SHEET_MATRIX}'!C{rows[0]}" in dup[0].message("sq")


def _where_less(report) -> list[tuple]:
    """The findings without their row numbers (a moved row's cells have other addresses)."""
    return sorted((f.rule, f.severity, f.sheet, "".join(ch for ch in (f.cell or "").rsplit("!", 1)[-1]
                                                        if ch.isalpha()), f.code, str(f.value))
                  for f in report.findings)


def _figures(path: Path) -> dict:
    """summary's and budget's JSON without the workbook's name and with cells named by column only."""
    data = json.loads(matrica("summary", str(path), "--year", "2025", "--format", "json").out)
    budget = json.loads(matrica("budget", str(path), "--format", "json").out)
    data.pop("workbook", None)
    budget.pop("workbook", None)
    return json.loads(re.sub(r"(!\$?[A-Z]+)\$?\d+", r"\1", json.dumps({"summary": data, "budget": budget})))


@pytest.mark.parametrize(("one", "other"), [
    (("AR", "2.1.2", 1), ("AR", "2.1.2", 2)),  # within an activity: its status is on its first indicator's row
    (("RC", "1.1", 1), ("AR", "2.1.2", 2)),  # across fields
])
def test_moving_rows_changes_no_finding_and_no_figure(examples, tmp_path, one, other):
    src = _with_findings(examples[ANNEX], tmp_path / "before.xlsx")
    moved = _swap(src, tmp_path / "moved.xlsx", M25, one, other)
    before, after = validate(src, 2025), validate(moved, 2025)
    assert before.findings and _where_less(after) == _where_less(before)
    assert _figures(moved) == _figures(src)


def test_every_command_copes_with_a_repeated_row(examples, tmp_path):
    path = _give_key(examples[ANNEX], tmp_path / "dup.xlsx", M25, ("RC", "1.2", 1), ("RC", "1.1", 1))
    runs = every_command(path, 2025, tmp_path / "out")
    assert runs["validate --no-copy"].code == 1 and "duplicate-row" in runs["validate --no-copy"].out
    assert runs["split"].code == 2 and runs["report"].code == 1 and runs["budget"].code == 0
    wb = load_workbook(path)
    del wb[L.monitoring_sheet(2026)]
    wb.save(tmp_path / "no-2026.xlsx")
    run = matrica("new-year", str(tmp_path / "no-2026.xlsx"), "--year", "2026", "--out", str(tmp_path / "2026.xlsx"))
    assert run.code == 0 and L.monitoring_sheet(2026) in load_workbook(tmp_path / "2026.xlsx").sheetnames


@pytest.mark.parametrize("lang", ["sq", "en"])
def test_split_refuses_a_workbook_with_a_repeated_row_naming_every_copy_and_writes_nothing(examples, tmp_path, lang):
    """A part holds one row per indicator: splitting a sheet that has a row twice would keep one copy's values and
    lose the other's without a word, so split stops first, naming the sheet, the row and both cells."""
    path = _give_key(examples[ANNEX], tmp_path / "dup.xlsx", M25, ("RC", "1.2", 1), ("RC", "1.1", 1))
    ws = load_workbook(path)[M25]
    cells = [f"{ws.cell(1, _columns(ws)['Kodi']).column_letter}{r}" for r in (_row(ws, "RC", "1.1", 1),)]
    run = matrica("split", str(path), "--year", "2025", "--out", str(tmp_path / "parts"), "--lang", lang)
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1 and "Traceback" not in run.err
    assert f"'{M25}'" in run.err and "RC 1.1 #1" in run.err and cells[0] in run.err and str(path) in run.err
    assert ("më shumë se një herë" in run.err) == (lang == "sq") and ("more than once" in run.err) == (lang == "en")
    assert not (tmp_path / "parts").exists() or not any((tmp_path / "parts").iterdir())


def _delete_rows(src: Path, dst: Path, sheet: str, keys: list[tuple]) -> Path:
    wb = load_workbook(src)
    ws = wb[sheet]
    for r in sorted((_row(ws, *k) for k in keys), reverse=True):
        ws.delete_rows(r)
    wb.save(dst)
    return dst


def test_a_deleted_monitoring_row_is_said_with_its_code_and_counts_as_without_data(examples, tmp_path):
    path = _delete_rows(examples[ANNEX], tmp_path / "deleted.xlsx", M25, [("RC", "1.2", 1)])
    findings = [f for f in validate(path).findings if f.rule == "row-missing"]
    assert [(f.severity, f.sheet, f.code) for f in findings] == [("warning", M25, "RC 1.2 #1")]
    assert "1 tregues të planit (RC 1.2 #1)" in findings[0].message("sq")
    assert "has no row for 1 indicator of the plan (RC 1.2 #1)" in findings[0].message("en")
    assert ("RC", "1.2", 1) not in read_year(open_workbook(path), 2025).values


def test_a_sheet_whose_rows_were_all_deleted_is_one_finding_not_one_per_row(examples, tmp_path):
    wb = load_workbook(examples[ANNEX])
    ws = wb[M25]
    ws.delete_rows(L.FIRST_DATA_ROW, ws.max_row)
    wb.save(tmp_path / "emptied.xlsx")
    (f,) = [f for f in validate(tmp_path / "emptied.xlsx").findings if f.rule == "row-missing"]
    assert f.sheet == M25 and "52 tregues" in f.message("sq")
    assert "52 indicators of the plan (RC 1.1 #1," in f.message("en")


def test_a_part_is_not_missing_the_rows_of_other_institutions(examples, tmp_path):
    run = matrica("split", str(examples[ANNEX]), "--year", "2025", "--out", str(tmp_path / "parts"))
    assert run.code == 0, run.err
    for part in sorted((tmp_path / "parts").glob("*.xlsx")):
        assert not [f for f in validate(part).findings if f.rule == "row-missing"], part.name


def test_an_objective_repeated_on_the_objectives_sheet_is_an_error_and_neither_value_is_counted(examples, tmp_path):
    """A row of Objektivat copied below the table with another value: which one is right cannot be known, so the
    second row's code is an error naming the first, and the summary counts neither value (it did count the first)."""
    from addin.figures.summary import build_summary

    wb = load_workbook(examples[ANNEX])
    ws = wb[L.SHEET_OBJECTIVES]
    header = {c.value: c.column for c in ws[L.HEADER_ROW] if c.value}
    value_col, code_col = header[L.objective_value_header(2025)], header["Kodi i objektivit"]
    first = next(r for r in range(L.FIRST_DATA_ROW, ws.max_row + 1)
                 if (ws.cell(r, 1).value, str(ws.cell(r, code_col).value)) == ("RC", "1"))
    assert ws.cell(first, value_col).value is not None
    copy_row = ws.max_row + 2  # below a blank row, as a person pastes it
    for c in range(1, ws.max_column + 1):
        ws.cell(copy_row, c).value = ws.cell(first, c).value
    ws.cell(copy_row, value_col).value = 12
    path = tmp_path / "objektivat.xlsx"
    wb.save(path)
    report = validate(path)
    found = [f for f in report.findings if f.rule == "duplicate-objective"]
    assert [(f.cell, f.severity, f.code) for f in found] == [
        (f"'{L.SHEET_OBJECTIVES}'!{ws.cell(copy_row, code_col).coordinate}", "error", "RC 1")]
    assert ws.cell(first, code_col).coordinate in found[0].message("en")
    row = next(o for o in build_summary(open_workbook(path), 2025)["objective_indicators"]
               if (o["field"], o["objective"]) == ("RC", "1"))
    assert row["actual"] is None and row["status"] == "no_data"
    runs = every_command(path, 2025, tmp_path / "out", "en")
    assert runs["validate"].code == 1 and "duplicate-objective" in runs["validate"].out
