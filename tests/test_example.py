"""The example year shipped with the bundled workbooks: clean, and labelled as example data wherever it shows."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from addin.checks.validate import validate
from addin.workbook import layout as L
from addin.workbook.example import EXAMPLE_BANNER, ExampleDataError, is_example, make_example_workbook, read_example_csv
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, EXAMPLES, SOCIAL


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_example_workbooks_validate_clean(examples, plan_id):
    report = validate(examples[plan_id])
    assert report.counts == {"error": 0, "warning": 0}, [f.as_dict() for f in report.findings]


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_example_workbooks_say_they_hold_example_data_on_every_filled_sheet(examples, plan_id):
    assert is_example(open_workbook(examples[plan_id]))
    wb = load_workbook(examples[plan_id])
    years = sorted(read_example_csv(EXAMPLES / f"{plan_id}-shembull.csv"))
    assert years
    for year in years:
        ws = wb[L.monitoring_sheet(year)]
        assert str(ws.cell(L.TITLE_ROW, 1).value).startswith("SHEMBULL")
        assert EXAMPLE_BANNER in ws.cell(L.SUBTITLE_ROW, 1).value
        assert ws.oddHeader.center.text == EXAMPLE_BANNER  # printed pages too
        notes = [c.value for c in ws[get_column(ws, "Shënime / evidenca")][L.FIRST_DATA_ROW - 1:] if c.value]
        assert all(n.startswith("SHEMBULL: ") for n in notes)


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_the_example_budget_inputs_say_they_are_examples_on_the_matrix_and_lists_sheets(examples, plan_id):
    wb = load_workbook(examples[plan_id])
    for sheet in (L.SHEET_MATRIX, L.SHEET_LISTS):
        ws = wb[sheet]
        assert str(ws.cell(L.TITLE_ROW, 1).value).startswith("SHEMBULL")
        assert EXAMPLE_BANNER in ws.cell(L.SUBTITLE_ROW, 1).value and ws.oddHeader.center.text == EXAMPLE_BANNER
    programmes = [c.value for c in wb[L.SHEET_LISTS][get_column(wb[L.SHEET_LISTS], "Programet buxhetore")]
                  [L.FIRST_DATA_ROW - 1:] if c.value]
    assert programmes and all(p.startswith("Programi shembull") for p in programmes)


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_sheets_showing_figures_or_texts_of_the_example_say_so_on_screen_and_on_paper(examples, plan_id):
    """Përmbledhje computes from the example values, Narrativa and Parametrat hold example texts: a printed page of
    any of them says SHEMBULL, and their own instructions stay."""
    wb = load_workbook(examples[plan_id])
    for sheet in (L.SHEET_SUMMARY, L.SHEET_NARRATIVE, L.SHEET_SETTINGS):
        ws = wb[sheet]
        assert str(ws.cell(L.TITLE_ROW, 1).value).startswith("SHEMBULL — "), sheet
        assert ws.oddHeader.center.text == EXAMPLE_BANNER, sheet
        assert EXAMPLE_BANNER not in str(ws.cell(L.SUBTITLE_ROW, 1).value), sheet


def get_column(ws, header: str) -> str:
    cell = next(c for c in ws[L.HEADER_ROW] if c.value == header)
    return cell.column_letter


def test_plan_workbooks_are_not_example_data(built):
    assert not any(is_example(open_workbook(p)) for p in built.values())


def test_example_never_overwrites_its_source(built, tmp_path):
    src = tmp_path / "plan.xlsx"
    src.write_bytes(built[ANNEX].read_bytes())
    before = src.read_bytes()
    with pytest.raises(ExampleDataError):
        make_example_workbook(src, EXAMPLES / f"{ANNEX}-shembull.csv", src)
    assert src.read_bytes() == before


def test_example_row_that_fits_no_indicator_names_file_and_line(built, tmp_path):
    bad = tmp_path / "bad-shembull.csv"
    bad.write_text((EXAMPLES / f"{ANNEX}-shembull.csv").read_text("utf-8") + "2025,RC,9.9,1,,,,,,,,,,,,\n", "utf-8")
    lines = len(bad.read_text("utf-8").splitlines())
    with pytest.raises(ExampleDataError, match=rf"bad-shembull.csv:{lines}: RC 9.9 #1"):
        make_example_workbook(built[ANNEX], bad, tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_example_report_texts_fill_every_block_of_the_filled_years_and_say_shembull(examples, plan_id):
    from addin.checks.rules import started
    from addin.workbook.monitoring import read_entries
    from addin.workbook.narrative import read_narrative, read_report_settings

    wb = open_workbook(examples[plan_id])
    n = read_narrative(wb)
    years = [y for y in wb.monitoring_years() if started(read_entries(wb, y))]
    assert years
    for year in years:
        assert n.text(year, "introduction") and n.text(year, "methodology")
        for f in wb.plan.fields:
            assert all(n.text(year, part, f.code) for part in ("achievements", "challenges", "recommendations"))
    lines = [line for e in n.entries for text in (e.text, e.comment) for line in text.splitlines() if line]
    assert lines and all(line.startswith("SHEMBULL: ") for line in lines)
    settings = read_report_settings(wb)
    assert all(settings[k].value.startswith("SHEMBULL: ") for k in ("prepared_by", "approved_by", "decision"))
