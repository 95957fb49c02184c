"""Validate a filled workbook: gather the tables once, run every check, return a Report."""

from __future__ import annotations

import re
from pathlib import Path

from addin.checks.findings import Report
from addin.checks.rules import CHECKS, Context, started
from addin.common.messages import MatricaError
from addin.plan.model import Plan
from addin.workbook import layout as L
from addin.workbook.budgetinputs import matrix_headers
from addin.workbook.monitoring import monitoring_table, read_entries, read_settings
from addin.workbook.narrative import read_narrative
from addin.workbook.reader import WorkbookData, open_workbook


def indicator_headers(plan: Plan) -> dict[str, str]:
    return {c.key: (plan.indicator_header if c.key == "indicator" else c.header) for c in L.INDICATOR_COLUMNS}


def gather(path: str | Path, year: int | None = None, plans: dict[str, Plan] | None = None) -> Context:
    """Open the workbook and read everything the checks need (MatricaError, exit 2, if it cannot)."""
    return gather_workbook(open_workbook(path, plans), year)


def gather_workbook(wb: WorkbookData, year: int | None = None) -> Context:
    """Read everything the checks need from an opened workbook (a file, or the values of an open Excel book)."""
    plan = wb.plan
    years = wb.monitoring_years()
    if year is not None:
        if year not in years:
            raise MatricaError("year_sheet_missing", path=wb.path, sheet=L.monitoring_sheet(year), year=year)
        years = [year]
    matrix = wb.table(L.SHEET_MATRIX, matrix_headers(wb), ("field", "code", "activity"))
    indicators = wb.table(L.SHEET_INDICATORS, indicator_headers(plan), ("field", "activity", "n", "indicator"))
    monitoring = {y: monitoring_table(wb, y) for y in years}
    entries = {y: read_entries(wb, y, monitoring[y]) for y in years}
    settings = read_settings(wb)
    ctx = Context(wb, plan, settings, matrix, indicators, monitoring, entries, wb.error_cells())
    ctx.started = {y: started(es) for y, es in entries.items()}
    ctx.narrative = read_narrative(wb)
    return ctx


def _sort_key(order: dict[str, int]):
    def key(f):
        if not f.cell:
            return (order.get(f.sheet or "", -1), 0, 0)
        ref = f.cell.rsplit("!", 1)[1]
        m = re.match(r"([A-Z]+)(\d+)", ref)
        col = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(m.group(1)))) if m else 0
        return (order.get(f.sheet or "", 999), int(m.group(2)) if m else 0, col)
    return key


def run_checks(ctx: Context) -> Report:
    """Every check on gathered tables; the report lists findings in sheet, row, column order."""
    findings = [f for check in CHECKS for f in check(ctx)]
    order = {s: i for i, s in enumerate(ctx.wb.sheet_names)}
    findings.sort(key=_sort_key(order))
    return Report(str(ctx.wb.path), findings)


def validate(path: str | Path, year: int | None = None, plans: dict[str, Plan] | None = None) -> Report:
    """Check a workbook file cell by cell; the report lists findings in sheet, row, column order."""
    report = run_checks(gather(path, year, plans))
    report.path = str(path)
    return report


def validate_workbook(wb: WorkbookData, year: int | None = None) -> Report:
    """Check an already opened workbook (e.g. the values of the book open in Excel)."""
    return run_checks(gather_workbook(wb, year))


def default_marked_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-kontrolluar{path.suffix}")
