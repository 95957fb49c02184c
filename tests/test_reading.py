"""How entries are read: percentages (number format aware), whole-number counts, one parser for every amount
column, numbers stored as text, and running totals typed into a this-year cell. Cells written with openpyxl
here; tests/test_typing_libreoffice.py types the same cases through LibreOffice itself."""

from __future__ import annotations

import pytest

from addin.checks.validate import validate
from addin.figures.summary import build_summary
from addin.workbook import layout as L
from addin.workbook.monitoring import read_number, usable
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL
from tests.workbook_edits import Edit

ACTUAL = "Vlera aktuale (e këtij viti)"
M23, M24, M25 = (L.monitoring_sheet(y) for y in (2023, 2024, 2025))


def findings(report, rule: str) -> dict[str, object]:
    return {f.cell: f for f in report.findings if f.rule == rule}


def indicator(data: dict, code: str, n: int = 1) -> dict:
    return next(i for i in data["indicators"] if i["activity_code"] == code and i["n"] == n)


@pytest.mark.parametrize(("value", "kind", "percent_format", "expected"), [
    (70, "percent", False, 70), (0.7, "percent", True, 70), ("70 %", "percent", False, 70),
    ("70%", "percent", False, 70), ("12,5", "percent", False, 12.5), (0.7, "percent", None, 0.7),
    ("1.200", "count", False, 1200), ("1 200", "count", False, 1200), (1.2, "count", False, 1.2),
    ("1.200.000", "amount", False, 1_200_000), ("3 600 000 lekë", "amount", False, 3_600_000),
    ("3.326 mijë lekë", "amount", False, 3_326_000), (25.55, "amount", False, 25.55),
])
def test_one_parser_reads_what_people_type(value, kind, percent_format, expected):
    assert read_number(value, kind, percent_format).value == pytest.approx(expected)


def test_the_figures_use_counts_and_amounts_only_when_typed_as_whole_numbers():
    assert usable(read_number(1200, "count"), "count") == 1200
    assert usable(read_number(1.2, "count"), "count") is None  # a decimal is no count
    assert usable(read_number("1.200", "count"), "count") is None  # text: left out, as Excel's SUM does
    assert usable(read_number("1.200.000", "amount"), "amount") is None
    assert usable(read_number("70 %", "percent"), "percent") == 70  # a percentage is never summed


@pytest.fixture
def social(built, tmp_path):
    return Edit(built[SOCIAL], tmp_path / "social.xlsx")


@pytest.fixture
def annex(built, tmp_path):
    return Edit(built[ANNEX], tmp_path / "annex.xlsx")


def test_a_percent_format_makes_a_typed_70_percent_mean_70(social):
    ref = social.set(M23, ("A", "A1.2", 1), ACTUAL, 0.7)  # what Excel stores for "70%"
    cell = social.wb[M23][ref.rsplit("!", 1)[1]]
    cell.number_format = "0%"
    social.set(M23, ("A", "A1.5", 1), ACTUAL, "70 %")
    path = social.save()
    assert ref.rsplit("!", 1)[1] in open_workbook(path).percent_cells(M23)
    data = build_summary(open_workbook(path), 2023)
    assert indicator(data, "A A1.2")["actual"] == 70 and indicator(data, "A A1.5")["actual"] == 70
    assert not findings(validate(path, 2023), "percent-fraction")


def test_a_fraction_without_a_percent_format_asks_which_was_meant(social):
    ref = social.set(M23, ("A", "A1.2", 1), ACTUAL, 0.7)
    report = validate(social.save(), 2023)
    f = findings(report, "percent-fraction")[ref]
    assert f.severity == "warning" and "0,7 % apo 70 %?" in f.message()


@pytest.mark.parametrize(("header", "key", "value", "meant"), [
    (ACTUAL, ("AR", "2.1.2", 2), 1.2, "1200"),  # "1.200" parents, typed on an English-locale computer
    ("Gra", ("AR", "2.1.1", 1), 2.5, None),
    ("Shpenzuar (lekë)", ("RC", "1.1", 1), 25.55, "25550"),  # "25.550" lekë
])
def test_a_decimal_where_whole_numbers_are_counted_is_an_error_saying_how_to_type_it(annex, header, key, value,
                                                                                     meant):
    ref = annex.set(M25, key, header, value)
    f = findings(validate(annex.save(), 2025), "not-whole")[ref]
    assert f.severity == "error"
    if meant:
        assert f"shkruani {meant}, pa pikë" in f.message()


def test_an_amount_pasted_as_text_is_an_error_in_both_amount_columns_and_counts_nowhere(social):
    spent = social.set(M23, ("A", "A3.2", 1), "Shpenzuar (lekë)", "1.200.000")
    fund = social.set(M23, ("A", "A1.4", 2), ACTUAL, "3 600 000 lekë")  # an amount indicator
    path = social.save()
    report = validate(path, 2023)
    text = findings(report, "number-as-text")
    assert "Shkruani 1200000." in text[spent].message() and "Shkruani 3600000." in text[fund].message()
    assert {text[spent].severity, text[fund].severity} == {"error"}
    assert not findings(report, "amount-unreadable") and not findings(report, "type-error")
    data = build_summary(open_workbook(path), 2023)
    assert data["costs"]["spent_total"] is None and indicator(data, "A A1.4", 2)["actual"] is None


def test_a_running_total_typed_into_a_this_year_cell_is_a_warning_stating_the_rule(social):
    social.set(M23, ("A", "A4.1", 1), ACTUAL, 21)  # "54 fushata … për periudhën"
    total = social.set(M24, ("A", "A4.1", 1), ACTUAL, 38)  # the running total, typed by mistake
    report = validate(social.save(), 2024)
    f = findings(report, "running-total")[total]
    assert f.severity == "warning"
    assert "shkruhet vlera e vitit 2024, jo gjithsej" in f.message() and "shkruani 17" in f.message()
    assert "kalon synimin e plotë 54" in f.message()


def test_a_running_total_below_the_target_is_caught_by_a_note_speaking_of_a_total(social):
    social.set(M23, ("A", "A4.1", 1), ACTUAL, 10)
    total = social.set(M24, ("A", "A4.1", 1), ACTUAL, 25)
    social.set(M24, ("A", "A4.1", 1), "Shënime / evidenca", "Gjithsej 25 fushata deri tani")
    assert total in findings(validate(social.save(), 2024), "running-total")


def test_a_year_value_that_is_simply_larger_is_no_running_total(social):
    social.set(M23, ("A", "A4.1", 1), ACTUAL, 10)
    social.set(M24, ("A", "A4.1", 1), ACTUAL, 17)  # 27 of 54 by 2024: a this-year value
    assert not findings(validate(social.save(), 2024), "running-total")
