"""Values that cannot be true (negative, NaN, infinite, beyond the limits on Parametrat) are errors at their cells,
and no figure counts them: summary, its JSON (strict, with `valid`) and the report leave them out."""

from __future__ import annotations

import json
import re

import pytest

from addin.checks.validate import checked_summary, validate
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook
from addin.workbook.settings import amount_limit
from tests.conftest import ANNEX, SOCIAL
from tests.every_command import every_command, matrica
from tests.workbook_edits import Edit, edit_sheet_xml, with_cell_xml

M25 = L.monitoring_sheet(2025)
M23 = L.monitoring_sheet(2023)
SPENT, ACTUAL = "Shpenzuar (lekë)", "Vlera aktuale"
MUNICIPAL = "Buxheti i Bashkisë / fondet e veta"


def strict(text: str) -> dict:
    def reject(token):
        raise ValueError(f"not JSON: {token}")
    return json.loads(text, parse_constant=reject)


def numbers(data) -> list[float]:
    """Every number in a JSON document."""
    if isinstance(data, dict):
        return [n for v in data.values() for n in numbers(v)]
    if isinstance(data, list):
        return [n for v in data for n in numbers(v)]
    return [data] if isinstance(data, (int, float)) and not isinstance(data, bool) else []


def rules_at(report) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in report.findings:
        out.setdefault(f.cell, set()).add(f.rule)
    return out


@pytest.mark.parametrize(("key", "header", "value", "rule"), [
    (("RC", "1.1", 1), SPENT, -5000, "value-negative"),
    (("RC", "1.1", 1), SPENT, "-5 000 lekë", "value-negative"),
    (("RC", "1.1", 1), SPENT, "NaN", "value-not-finite"),
    (("RC", "1.1", 1), SPENT, "inf", "value-not-finite"),
    (("RC", "1.1", 1), SPENT, "1e400", "value-not-finite"),
    (("RC", "1.1", 1), SPENT, "9" * 400, "value-not-finite"),  # once "unexpected error" (int of infinity)
    (("RC", "1.1", 1), SPENT, 1e15, "value-too-large"),
    (("RC", "1.1", 1), "Alokuar në buxhet (lekë)", -1, "value-negative"),
    (("RC", "1.2", 1), ACTUAL, -3, "value-negative"),  # a count
    (("RC", "1.2", 1), ACTUAL, "NaN", "value-not-finite"),
    (("RC", "1.2", 1), ACTUAL, 5_000_000, "value-too-large"),
    (("PU", "4.1.6", 1), ACTUAL, -5, "value-negative"),  # a percentage
    (("PU", "4.1.6", 1), ACTUAL, "-inf", "value-not-finite"),
    (("AR", "2.1.1", 1), "Gra", -2, "value-negative"),  # a breakdown
])
def test_a_value_that_cannot_be_true_is_an_error_at_its_cell_and_only_that(built, tmp_path, key, header, value,
                                                                            rule):
    edit = Edit(built[ANNEX], tmp_path / "bad.xlsx")
    ref = edit.set(M25, key, header, value)
    edit.fill_statuses(M25)
    report = validate(edit.save(), 2025)
    assert rules_at(report).get(ref) == {rule}
    finding = next(f for f in report.findings if f.cell == ref)
    assert finding.severity == "error" and "not a number" not in finding.message("en")


@pytest.mark.parametrize(("xml_value", "rule"), [("NaN", "value-not-finite"), ("1e400", "value-not-finite"),
                                                ("-inf", "value-not-finite")])
def test_a_number_stored_as_nan_or_infinity_is_an_error(built, tmp_path, xml_value, rule):
    edit = Edit(built[ANNEX], tmp_path / "typed.xlsx")
    ref = edit.set(M25, ("RC", "1.1", 1), SPENT, 1)
    edit.fill_statuses(M25)
    cell = ref.rsplit("!", 1)[1]
    path = edit_sheet_xml(edit.save(), tmp_path / "nan.xlsx", M25,
                          with_cell_xml(cell, f'<c r="{cell}"><v>{xml_value}</v></c>'))
    assert rules_at(validate(path, 2025)).get(ref) == {rule}


@pytest.mark.parametrize(("value", "rule"), [(-34300, "value-negative"), ("tridhjetë mijë", "amount-unreadable"),
                                             (1e12, "value-too-large"), ("-34 300 lekë", "value-negative")])
def test_a_planned_cost_edited_to_something_impossible_is_an_error(built, tmp_path, value, rule):
    edit = Edit(built[ANNEX], tmp_path / "cost.xlsx")
    ref = edit.set(L.SHEET_MATRIX, ("RC", "1.1"), "Kosto vjetore (lekë)", value)
    report = validate(edit.save())
    assert rule in rules_at(report).get(ref, set())
    data, _ = checked_summary(open_workbook(edit.path), 2025)
    assert "RC 1.1" in data["costs"]["unquantified"]  # left out of the planned totals, never counted


def test_the_amount_limit_is_ten_times_the_largest_annual_amount_of_the_plan(plans):
    assert amount_limit(plans[ANNEX]) == 10_000_000  # largest annual cost 1 000 000 lekë
    assert amount_limit(plans[SOCIAL]) == 35_000_000  # no costs: the largest amount target, 3 500 000 lekë


def test_summary_and_report_never_count_a_value_that_validate_rejects(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "poisoned.xlsx")
    edit.fill_statuses(M25)
    edit.set(M25, ("RC", "1.1", 1), SPENT, 30000)  # planned 34 300: a real figure
    edit.set(M25, ("RC", "1.1", 1), "Burimi i financimit", MUNICIPAL)
    edit.set(M25, ("RC", "1.2", 1), SPENT, -27800)
    edit.set(M25, ("RC", "1.3", 1), SPENT, 1e15)
    edit.set(M25, ("RC", "2.1", 1), SPENT, "NaN")
    edit.set(M25, ("RC", "1.2", 1), ACTUAL, -25)
    edit.set(M25, ("RC", "1.3", 1), ACTUAL, "inf")
    edit.set(M25, ("AR", "2.1.1", 1), ACTUAL, 40)
    edit.set(M25, ("AR", "2.1.1", 1), "Gra", -10)
    edit.set(M25, ("AR", "2.1.1", 1), "Burra", 50)
    path = edit.save()
    run = matrica("summary", str(path), "--year", "2025", "--format", "json")
    assert run.code == 0, run.err
    data = strict(run.out)
    assert data["valid"] is False and data["validation"]["error"] == 6
    assert data["costs"]["spent_total"] == 30000 and data["costs"]["activities_reporting"] == 1
    assert data["costs"]["execution_pct"] is not None and data["costs"]["execution_pct"] <= 100
    rows = {(i["activity_code"], i["n"]): i for i in data["indicators"]}
    assert rows[("RC 1.2", 1)]["actual"] is None and rows[("RC 1.3", 1)]["actual"] is None
    assert rows[("AR 2.1.1", 1)]["disaggregation"]["parts"] == {"men": 50}
    text = matrica("summary", str(path), "--year", "2025", "--lang", "en")
    assert text.code == 0 and "CAUTION: the workbook check found" in text.out
    assert "30 000 lekë" in text.out and "1 000 000 000 000 000" not in text.out
    report = matrica("report", str(path), "--year", "2025", "--out", str(tmp_path / "r"), "--allow-errors",
                     "--format", "html")
    assert report.code == 0, report.err
    html = (tmp_path / "r" / "raporti-plani-rom-egjiptian-2024-2027-2025.html").read_text(encoding="utf-8")
    figures = html.split('<section id="quality"', 1)[0]  # the data-quality annex lists the rejected values
    assert "1 000 000 000 000 000" not in figures and "1000000000000000" not in figures
    assert not re.search(r"[>\s]-?(nan|inf|infinity)[\s<%]", figures, flags=re.I)
    assert "Shpenzuar: 30 000 lekë" in figures
    budget = matrica("budget", str(path), "--format", "json")
    assert budget.code == 0, budget.err
    amounts = [v for v in numbers(strict(budget.out))]
    assert amounts and max(amounts) < 1e12 and min(amounts) >= 0
    refused = matrica("report", str(path), "--year", "2025", "--out", str(tmp_path / "r2"))
    assert refused.code == 1 and not (tmp_path / "r2").exists()


def test_validate_json_is_strict_even_about_a_nan_value(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "typed.xlsx")
    ref = edit.set(M25, ("RC", "1.1", 1), SPENT, 1)
    cell = ref.rsplit("!", 1)[1]
    path = edit_sheet_xml(edit.save(), tmp_path / "nan.xlsx", M25, with_cell_xml(cell, f'<c r="{cell}"><v>NaN</v></c>'))
    run = matrica("validate", str(path), "--format", "json", "--no-copy")
    assert run.code == 1
    findings = strict(run.out)["findings"]
    assert {"rule": "value-not-finite", "cell": ref, "value": "nan"}.items() <= next(
        f for f in findings if f["cell"] == ref).items()


def test_a_negative_actual_is_called_negative_in_both_languages(built, tmp_path):
    edit = Edit(built[ANNEX], tmp_path / "neg.xlsx")
    ref = edit.set(M25, ("RC", "1.2", 1), ACTUAL, -3)
    finding = next(f for f in validate(edit.save(), 2025).findings if f.cell == ref)
    assert "is negative" in finding.message("en") and "është negativ" in finding.message("sq")


@pytest.mark.parametrize("lang", ["sq", "en"])
def test_every_command_copes_with_values_that_cannot_be_true(built, tmp_path, lang):
    edit = Edit(built[SOCIAL], tmp_path / "poisoned.xlsx")
    edit.fill_statuses(M23)
    edit.set(M23, ("A", "A1.3", 1), ACTUAL, "NaN")
    edit.set(M23, ("A", "A1.4", 2), ACTUAL, 1e15)  # an amount indicator
    edit.set(M23, ("A", "A1.4", 1), SPENT, -3_735_000)
    edit.set(M23, ("A", "A1.2", 1), ACTUAL, "1e400")
    path = edit.save()
    cell = edit.addresses[(M23, "A", "A1.3", 1, ACTUAL)].rsplit("!", 1)[1]
    path = edit_sheet_xml(path, tmp_path / "nan.xlsx", M23, with_cell_xml(cell, f'<c r="{cell}"><v>NaN</v></c>'))
    runs = every_command(path, 2023, tmp_path / "out", lang)
    # openpyxl cannot open a workbook that stores NaN, so no marked copy: the findings are shown, then exit 2
    assert runs["validate"].code == 2 and "value-not-finite" in runs["validate"].out
    assert runs["validate --no-copy"].code == 1 and runs["report"].code == 1
    assert runs["summary json"].code == 0 and strict(runs["summary json"].out)["valid"] is False


@pytest.mark.parametrize(("header", "value", "rule"), [
    (SPENT, "1.000.000", "number-as-text"),
    (SPENT, "25,55", "amount-unreadable"),
    (SPENT, "=1000+2000", "formula-no-value"),
])
def test_a_spent_amount_that_cannot_be_read_is_not_called_nothing_spent(built, tmp_path, header, value, rule):
    """The error names what is wrong with the entry; "allocated, nothing spent" would tell the person the cell is
    empty when they typed something in it."""
    edit = Edit(built[ANNEX], tmp_path / "bad.xlsx")
    edit.set(M25, ("RC", "1.1", 1), "Alokuar në buxhet (lekë)", 100_000)
    ref = edit.set(M25, ("RC", "1.1", 1), header, value, formula=value.startswith("="))
    edit.fill_statuses(M25)
    path = edit.save()
    assert rules_at(validate(path, 2025)).get(ref) == {rule}
    cleared = Edit(path, tmp_path / "cleared.xlsx")
    cleared.set(M25, ("RC", "1.1", 1), header, None)
    assert rules_at(validate(cleared.save(), 2025)).get(ref) == {"allocated-not-spent"}  # empty: the flag stands


@pytest.mark.parametrize(("value", "rule"), [("1e3", "type-error"), ("=500+500", "formula-no-value"),
                                             (-5, "value-negative")])
def test_an_actual_that_cannot_be_read_gets_no_finding_about_its_value(built, tmp_path, value, rule):
    """A percentage of 1 000 is a type error; a deviation warning computed from it ("achievement 1 250 %") or
    "done without a value" for an uncalculated formula would speak of a value nobody can use."""
    edit = Edit(built[SOCIAL], tmp_path / "bad.xlsx")
    key = ("A", "A1.2", 1)  # 80 % a year
    ref = edit.set(M23, key, ACTUAL, value, formula=isinstance(value, str) and value.startswith("="))
    edit.set(M23, key, "Statusi i aktivitetit", "realizuar plotësisht")
    row = ref.rstrip("0123456789").rsplit("!", 1)[0], ref.rsplit("!", 1)[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    report = validate(edit.save(), 2023)
    assert rules_at(report).get(ref) == {rule}
    on_row = {f.rule for f in report.findings if f.cell and f.cell.startswith(row[0]) and
              f.cell.rsplit("!", 1)[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == row[1]}
    assert on_row == {rule}
