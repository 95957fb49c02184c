"""The checks that only warn (`rules.advice`) are left out where only the errors are shown (the text `summary`):
the errors, the cells whose values are rejected and the printed text stay exactly as with every check."""

from __future__ import annotations

from pathlib import Path

import pytest

from addin.checks import rules
from addin.checks.findings import ERROR, WARNING, Finding
from addin.checks.validate import (
    UNREADABLE_RULES,
    checked_summary,
    gather_workbook,
    rejected_cells,
    run_checks,
    years_up_to,
)
from addin.figures.summary import render_summary_text
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL
from tests.workbook_edits import Edit

M24, M25 = L.monitoring_sheet(2024), L.monitoring_sheet(2025)


def _damaged_annex(src: Path, dst: Path) -> Path:
    """The annex example with warnings of the advice checks and errors beside them, some on the same rows."""
    e = Edit(src, dst)
    e.set(L.SHEET_MATRIX, ("SH", "3.1"), "Masa/Aktiviteti", "Diçka tjetër")  # plan-edited
    e.set(L.SHEET_INDICATORS, ("PU", "4.1.6", 1), "Vlera e synuar", 5)  # plan-edited
    e.set(M25, ("RC", "1.1", 1), "Shpenzuar (lekë)", 40000)  # overspend: planned 34 300
    e.set(M24, ("PU", "4.1.6", 1), "Vlera aktuale", 100)
    e.set(M25, ("PU", "4.1.6", 1), "Vlera aktuale", 100)  # unexplained-deviation: +0 % of the 2 % wanted
    e.set(M25, ("PU", "4.1.6", 1), "Shënime / evidenca", None)
    e.set(M25, ("PU", "4.1.6", 1), "Shpenzuar (lekë)", -5)  # an impossible amount on the same row
    e.set(M25, ("RC", "1.3", 1), "Vlera aktuale", "shumë")  # type-error
    e.set(M25, ("RC", "1.2", 1), "Shpenzuar (lekë)", "rreth njëqind mijë")  # amount-unreadable
    e.set(M25, ("SH", "3.2", 1), "Statusi i aktivitetit", "realizuar plotësisht")
    e.set(M25, ("SH", "3.2", 1), "Vlera aktuale", None)  # status-without-actual
    e.wb[M25].delete_rows(e._row(M25, "MS", "6.1.2", 1))  # row-missing
    return e.save()


@pytest.fixture(scope="module")
def cases(examples, tmp_path_factory) -> list[tuple[Path, int]]:
    damaged = _damaged_annex(examples[ANNEX], tmp_path_factory.mktemp("advice") / "annex.xlsx")
    return [(examples[SOCIAL], 2023), (examples[ANNEX], 2025), (damaged, 2025)]


def _context(path: Path, year: int):
    wb = open_workbook(path)
    return gather_workbook(wb, years_up_to(wb, year))


def test_the_advice_checks_only_warn_and_reject_nothing(cases):
    ctx = _context(*cases[-1])
    advice = [f for check in rules.ADVICE for f in check(ctx)]
    assert {"plan-edited", "overspend", "unexplained-deviation", "row-missing"} <= {f.rule for f in advice}
    assert {f.severity for f in advice} == {WARNING}
    assert not {f.rule for f in advice} & UNREADABLE_RULES  # (which holds the impossible-value rules)


@pytest.mark.parametrize("case", range(3))
def test_without_the_advice_checks_the_errors_and_rejected_cells_are_the_same(cases, case):
    path, year = cases[case]
    ctx = _context(path, year)
    full = run_checks(ctx)
    advice = {f for check in rules.ADVICE for f in check(ctx)}
    lean = run_checks(_context(path, year), warnings=False)
    assert lean.findings == [f for f in full.findings if f not in advice]
    assert rejected_cells(lean) == rejected_cells(full)
    assert lean.counts == {ERROR: full.counts[ERROR]}  # no warning count where the warnings were not looked for
    if case == 2:
        assert full.counts[ERROR] >= 4 and advice


@pytest.mark.parametrize("lang", ["sq", "en"])
@pytest.mark.parametrize("case", range(3))
def test_the_text_summary_is_the_same_without_the_advice_checks(cases, case, lang):
    path, year = cases[case]
    full, few = (checked_summary(open_workbook(path), year, text_only=text_only) for text_only in (False, True))
    assert render_summary_text(few[0], lang) == render_summary_text(full[0], lang)
    assert few[0]["validation"] == {ERROR: full[0]["validation"][ERROR]} and few[0]["valid"] == full[0]["valid"]
    assert not few[1].warnings and rejected_cells(few[1]) == rejected_cells(full[1])


def test_an_advice_check_that_finds_an_error_fails_the_suite(cases):
    def wrong(ctx):
        yield Finding("type-error", ERROR, None, None, "", None)

    registered = rules.advice(wrong)
    try:
        with pytest.raises(AssertionError, match="wrong is advice but found type-error as error"):
            list(registered(_context(*cases[0])))
    finally:
        rules.CHECKS.remove(registered)
        rules.ADVICE.discard(registered)
