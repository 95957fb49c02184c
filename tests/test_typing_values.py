"""What people type into the thresholds on Parametrat and into amount cells, typed through LibreOffice itself
(python3-uno, tests/lo_type.py) and read by Matrica: a threshold typed with a percent sign ("50%", stored 0.5 with
a percent format) is the percentage it shows; TRUE, "(500)" and a date typed where an amount or a count goes are
errors at their cells, never silently nothing; a cell holding only spaces is as blank as it looks."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.checks.validate import validate
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook
from addin.workbook.settings import read_settings
from tests.conftest import SOCIAL
from tests.test_typing_libreoffice import LO_PYTHON, SCRIPT, cell_of

M23, M25 = L.monitoring_sheet(2023), L.monitoring_sheet(2025)
SPENT, ALLOCATED, ACTUAL = "Shpenzuar (lekë)", "Alokuar në buxhet (lekë)", "Vlera aktuale (e këtij viti)"
# key -> (text typed, how): "type" goes through the cell's validation as a person's typing does; "formula" is what
# pasting a value copied from another spreadsheet does (no validation).
SETTINGS_TYPING = {
    "partly": ("40%", "type"),
    "overspend_margin": ("15%", "type"),
    "coverage_min": ("60%", "type"),
    "explain_below": ("45%", "type"),
}
AMOUNT_TYPING = [  # (key, header, text, how, rule)
    (("A", "A1.4", 1), SPENT, "TRUE", "type", "amount-unreadable"),  # a boolean
    (("A", "A3.2", 1), ALLOCATED, "(500)", "formula", "value-negative"),  # accounting notation: -500
    (("A", "A1.3", 1), ACTUAL, "1/5", "type", "type-error"),  # a date, where 220 families are counted
]


def settings_cell(path: Path, key: str) -> str:
    label = next(lab for k, lab, *_ in L.SETTINGS if k == key)
    ws = load_workbook(path, read_only=True)[L.SHEET_SETTINGS]
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if row and row[0] == label:
            return f"B{r}"
    raise KeyError(key)


@pytest.fixture(scope="module")
def typed(built, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("typing-values")
    src = built[SOCIAL]
    out = {"settings": folder / "settings.xlsx", "amounts": folder / "amounts.xlsx"}
    jobs = [
        {"src": str(src), "out": str(out["settings"]), "edits": [
            {"sheet": L.SHEET_SETTINGS, "cell": settings_cell(src, key), "text": text, "how": how}
            for key, (text, how) in SETTINGS_TYPING.items()]},
        {"src": str(src), "out": str(out["amounts"]), "edits": [
            {"sheet": M23, "cell": cell_of(src, M23, key, header), "text": text, "how": how}
            for key, header, text, how, _rule in AMOUNT_TYPING]
            + [{"sheet": M23, "cell": cell_of(src, M23, ("A", "A1.4", 1), "Statusi i aktivitetit"),
                "text": "në proces", "how": "type"}]},
    ]
    out["spaces"] = folder / "spaces.xlsx"
    jobs.append({"src": str(src), "out": str(out["spaces"]), "edits": [
        {"sheet": M25, "cell": cell_of(src, M25, ("A", "A1.2", 1), "Shënime / evidenca"), "text": " ", "how": "type"},
        {"sheet": M25, "cell": cell_of(src, M25, ("A", "A1.3", 1), ACTUAL), "text": "\u00a0", "how": "paste"},
        {"sheet": M25, "cell": cell_of(src, M25, ("A", "A1.4", 1), "Statusi i aktivitetit"), "text": "  ",
         "how": "paste"}]})
    jobs_file = folder / "jobs.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    proc = subprocess.run([LO_PYTHON, str(SCRIPT), str(jobs_file)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def test_a_threshold_typed_with_a_percent_sign_is_the_percentage_it_shows(typed):
    settings = read_settings(open_workbook(typed["settings"]))
    assert settings.problems == []
    for key, (text, _how) in SETTINGS_TYPING.items():
        assert settings[key] == float(text.rstrip("%")), key


def test_a_threshold_typed_with_a_percent_sign_is_checked_as_that_percentage(built, tmp_path):
    """150% where 'on track' may be at most 100 is out of range, said as the 150 % the cell shows."""
    from tests.workbook_edits import Edit

    edit = Edit(built[SOCIAL], tmp_path / "pct.xlsx")
    cell = edit.wb[L.SHEET_SETTINGS][settings_cell(built[SOCIAL], "on_track")]
    cell.value, cell.number_format = 1.5, "0%"
    report = validate(edit.save())
    finding = next(f for f in report.findings if f.rule == "setting-invalid")
    assert finding.cell.endswith(f"!{cell.coordinate}") and finding.value == 150
    assert "150" in finding.message("en") and "1.5" not in finding.message("en")


@pytest.mark.parametrize(("key", "header", "text", "how", "rule"), AMOUNT_TYPING)
def test_a_boolean_a_negative_in_brackets_or_a_date_typed_for_a_number_is_an_error_at_its_cell(
        typed, key, header, text, how, rule):
    report = validate(typed["amounts"], 2023)
    ref = f"'{M23}'!{cell_of(typed['amounts'], M23, key, header)}"
    assert {f.rule for f in report.findings if f.cell == ref} == {rule}, text


def test_a_cell_holding_only_spaces_is_blank_and_starts_no_year(typed):
    """A space typed to "clear" a cell, or a pasted non-breaking space, in a year nobody has started: the sheet
    stays not started (no status is due, no report text is asked for), and nothing is said about the cells."""
    path = typed["spaces"]
    assert load_workbook(path)[M25][cell_of(path, M25, ("A", "A1.2", 1), "Shënime / evidenca")].value == " "
    report = validate(path)
    assert [f for f in report.findings if f.sheet in (M25, L.SHEET_NARRATIVE)] == []


@pytest.mark.parametrize(("key", "text"), [("max_amount", "90%"), ("max_count", "1000 %")])
def test_a_percentage_where_an_amount_or_a_count_limit_goes_is_not_a_number(built, tmp_path, key, text):
    from tests.workbook_edits import Edit

    edit = Edit(built[SOCIAL], tmp_path / "limit.xlsx")
    cell = settings_cell(built[SOCIAL], key)
    edit.cell(L.SHEET_SETTINGS, cell, text)
    settings = read_settings(open_workbook(edit.save()))
    assert [(p.key, p.kind) for p in settings.problems] == [(key, "number")]
