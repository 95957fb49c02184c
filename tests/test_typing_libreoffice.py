"""Entries typed through LibreOffice itself (python3-uno, tests/lo_type.py), saved as .xlsx and read by Matrica:
percentages typed with and without "%", counts typed with a thousands point, amounts pasted as text, a running
total typed into a this-year cell; and the workbook's own formulas (Përmbledhje, "Gjithsej deri tani") after
LibreOffice recalculates them, against the engine, on every bundled and example workbook."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.checks.validate import validate
from addin.figures.summary import build_summary, read_year
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL

LO_PYTHON = "/usr/bin/python3"  # Debian's Python, the one with python3-uno (scripts/install-system-deps.sh)
SCRIPT = Path(__file__).parent / "lo_type.py"
ACTUAL, SPENT = "Vlera aktuale (e këtij viti)", "Shpenzuar (lekë)"
M23, M24, M25 = (L.monitoring_sheet(y) for y in (2023, 2024, 2025))

# (sheet, (field, code, n), header, text, how): what a person types (or pastes) into the social plan's workbook.
SOCIAL_TYPING = [
    (M23, ("A", "A1.2", 1), ACTUAL, "70", "type"),  # percent, typed plainly
    (M23, ("A", "A1.5", 1), ACTUAL, "70%", "type"),  # stored 0.7 with a percent format
    (M23, ("A", "A1.6", 1), ACTUAL, "70 %", "type"),  # LibreOffice recognises this as 70 % too
    (M23, ("A", "A1.6", 2), ACTUAL, "70 %", "paste"),  # the text "70 %"
    (M23, ("A", "A3.2", 1), ACTUAL, "0.7", "type"),  # a fraction in a plain cell: 0,7 % or 70 %?
    (M23, ("C", "2.1", 1), ACTUAL, "1.200", "formula"),  # 1 200 children, read as 1,2 by an English locale
    (M23, ("A", "A3.2", 1), SPENT, "25.550", "type"),  # 25 550 lekë, read as 25,55
    (M23, ("A", "A3.4", 1), SPENT, "1.200.000", "paste"),  # pasted from an e-mail: text
    (M23, ("A", "A4.1", 1), ACTUAL, "21", "type"),  # 54 campaigns over the period
    (M24, ("A", "A4.1", 1), ACTUAL, "38", "type"),  # the running total typed in 2024 (17 this year)
    (M24, ("C", "1.8.7", 2), ACTUAL, "2000", "type"),  # 10 000 leaflets over the period
]
# Amounts pasted as text into the annex example: the workbook's sums and the engine must still agree.
ANNEX_PASTING = [
    (M25, ("RC", "1.2", 1), SPENT, "31.000", "paste"),
    (M24, ("PU", "4.1.7", 1), SPENT, "960 000 lekë", "paste"),
]


def cell_of(path: Path, sheet: str, key: tuple, header: str) -> str:
    """The address of the cell of row `key` under `header` on `sheet`."""
    ws = load_workbook(path, read_only=True)[sheet]
    rows = list(ws.iter_rows(min_row=L.HEADER_ROW, values_only=True))
    col = rows[0].index(header)
    for r, values in enumerate(rows[1:], start=L.HEADER_ROW + 1):
        if (values[0], str(values[1]), values[3]) == key:
            return f"{chr(ord('A') + col)}{r}"
    raise KeyError(key)


@pytest.fixture(scope="module")
def typed(built, examples, tmp_path_factory) -> dict[str, Path]:
    """Every job of this module in one LibreOffice run: the typed social workbook, the annex example with pasted
    amounts, and the four bundled and example workbooks recalculated and saved by LibreOffice."""
    folder = tmp_path_factory.mktemp("libreoffice")
    jobs, out = [], {}

    def job(name: str, src: Path, edits: list[tuple]) -> None:
        out[name] = folder / f"{name}.xlsx"
        jobs.append({"src": str(src), "out": str(out[name]), "edits": [
            {"sheet": sheet, "cell": cell_of(src, sheet, key, header), "text": text, "how": how}
            for sheet, key, header, text, how in edits]})

    job("typed-social", built[SOCIAL], SOCIAL_TYPING)
    job("pasted-annex", examples[ANNEX], ANNEX_PASTING)
    for plan_id in (SOCIAL, ANNEX):
        job(f"built-{plan_id}", built[plan_id], [])
        job(f"example-{plan_id}", examples[plan_id], [])
    jobs_file = folder / "jobs.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    proc = subprocess.run([LO_PYTHON, str(SCRIPT), str(jobs_file)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert all(p.exists() for p in out.values()), proc.stdout
    return out


def finding_at(report, sheet: str, cell: str, rule: str):
    ref = f"'{sheet}'!{cell}"
    return next((f for f in report.findings if f.cell == ref and f.rule == rule), None)


@pytest.fixture(scope="module")
def social_2023(typed):
    return build_summary(open_workbook(typed["typed-social"]), 2023), validate(typed["typed-social"])


def indicator(data: dict, code: str, n: int = 1) -> dict:
    return next(i for i in data["indicators"] if i["activity_code"] == code and i["n"] == n)


def test_percentages_typed_with_and_without_the_sign_mean_the_same(social_2023):
    data, report = social_2023
    for code, n in (("A A1.2", 1), ("A A1.5", 1), ("A A1.6", 1), ("A A1.6", 2)):
        assert indicator(data, code, n)["actual"] == 70, (code, n)
    assert not [f for f in report.findings if f.rule == "percent-fraction" and f.code != "A A3.2 #1"]


def test_a_fraction_typed_without_a_percent_format_asks_0_7_or_70_percent(typed, social_2023):
    _data, report = social_2023
    cell = cell_of(typed["typed-social"], M23, ("A", "A3.2", 1), ACTUAL)
    f = finding_at(report, M23, cell, "percent-fraction")
    assert f is not None and f.severity == "warning" and "0,7 % apo 70 %?" in f.message()


def test_a_count_typed_with_a_thousands_point_is_an_error_saying_how_to_type_it(typed, social_2023):
    data, report = social_2023
    f = finding_at(report, M23, cell_of(typed["typed-social"], M23, ("C", "2.1", 1), ACTUAL), "not-whole")
    assert f is not None and f.severity == "error" and "shkruani 1200, pa pikë" in f.message()
    assert indicator(data, "C 2.1")["actual"] is None  # never 1,2 children in a figure
    spent = finding_at(report, M23, cell_of(typed["typed-social"], M23, ("A", "A3.2", 1), SPENT), "not-whole")
    assert spent is not None and "shkruani 25550, pa pikë" in spent.message()


def test_an_amount_pasted_as_text_is_named_at_its_cell(typed, social_2023):
    _data, report = social_2023
    f = finding_at(report, M23, cell_of(typed["typed-social"], M23, ("A", "A3.4", 1), SPENT), "number-as-text")
    assert f is not None and f.severity == "error" and "Shkruani 1200000." in f.message()


def test_a_running_total_typed_in_the_second_year_is_warned_with_the_rule(typed, social_2023):
    _data, report = social_2023
    f = finding_at(report, M24, cell_of(typed["typed-social"], M24, ("A", "A4.1", 1), ACTUAL), "running-total")
    assert f is not None and "shkruhet vlera e vitit 2024, jo gjithsej" in f.message() and "shkruani 17" in f.message()


def _summary_sheet(path: Path) -> dict[str, float]:
    rows = open_workbook(path).values(L.SHEET_SUMMARY)
    return {str(r[0]): r[1] for r in rows[L.HEADER_ROW:] if r and r[0] != ""}


def _engine_totals(path: Path) -> dict[str, float]:
    """What the engine gives for each row of Përmbledhje (no data counts as 0 there, as in a SUM)."""
    from addin.figures.costs import read_activity_costs

    wb = open_workbook(path)
    plan = wb.plan
    totals = {"Numri i aktiviteteve": len(plan.activities), "Numri i treguesve": len(plan.indicators)}
    if plan.has_costs:
        totals["Kosto vjetore e planifikuar, e kuantifikuar (lekë)"] = sum(
            a.cost_lek for a in read_activity_costs(wb) if a.quantified)
    last = max(wb.monitoring_years())
    costs = build_summary(wb, last)["costs"]["by_year"]
    for row in costs:
        if row["sheet"]:
            totals[f"Shpenzuar në {row['year']} (lekë)"] = row["spent"] or 0
            totals[f"Alokuar në buxhet në {row['year']} (lekë)"] = sum(
                v.allocated or 0 for v in read_year(wb, row["year"]).values.values())
    return totals


# Not "typed-social": its 25,55 lekë (a decimal amount, an error at its cell) is added by Excel's SUM and left out by
# the engine, which never counts a value it reports as wrong.
@pytest.mark.parametrize("name", ["built-" + SOCIAL, "built-" + ANNEX, "example-" + SOCIAL, "example-" + ANNEX,
                                  "pasted-annex"])
def test_the_workbooks_own_formulas_and_the_engine_give_the_same_totals(typed, name):
    sheet, engine = _summary_sheet(typed[name]), _engine_totals(typed[name])
    for label, value in engine.items():
        assert sheet[label] == pytest.approx(value), label
    if name == "pasted-annex":  # the two pasted amounts are left out of both, and named at their cells
        assert sum(1 for f in validate(typed[name]).findings if f.rule == "number-as-text") == 2


def test_the_total_to_date_beside_each_entry_is_the_engines_actual_to_date(typed):
    path = typed["typed-social"]
    wb = open_workbook(path)
    for year in (2023, 2024):
        data = build_summary(wb, year)
        rows = wb.values(L.monitoring_sheet(year))
        header = rows[L.HEADER_ROW - 1]
        col = {h: header.index(h) for h in ("Fusha", "Kodi", "Nr.", "Gjithsej deri tani")}
        shown = {(r[col["Fusha"]], str(r[col["Kodi"]]), int(r[col["Nr."]])): r[col["Gjithsej deri tani"]]
                 for r in rows[L.HEADER_ROW:] if r[col["Fusha"]]}
        for i in data["indicators"]:
            if i["scope"] != "period" or i["kind"] not in ("count", "amount"):
                continue
            key = (i["field"], i["activity_code"].split(" ", 1)[1], i["n"])
            expected = i["actual_to_date"]
            assert (shown[key] if shown[key] != "" else None) == expected, (year, key)
    assert shown[("C", "1.8.7", 2)] == 2000
    assert shown[("A", "A4.1", 1)] == 59  # 21 + 38: the running total typed by mistake shows beside it
