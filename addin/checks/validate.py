"""Validate a filled workbook: gather the tables once, run every check, return a Report."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from addin.checks import bounds  # noqa: F401  (registers the bounds rules)
from addin.checks.bounds import BOUNDS_RULES
from addin.checks.findings import ERROR, Report
from addin.checks.rules import ADVICE, CHECKS, Context, duplicated_rows, started
from addin.checks.scope import entries_in_scope, in_scope
from addin.common.messages import MatricaError
from addin.plan.model import Plan
from addin.workbook import layout as L
from addin.workbook.budgetinputs import matrix_headers
from addin.workbook.monitoring import monitoring_table, read_entries, read_settings
from addin.workbook.narrative import read_narrative
from addin.workbook.objectivevalues import read_objective_values
from addin.workbook.parts import resolve_scope
from addin.workbook.reader import SheetTable, WorkbookData, open_workbook, sheets_read


def indicator_headers(plan: Plan) -> dict[str, str]:
    return {c.key: (plan.indicator_header if c.key == "indicator" else c.header) for c in L.INDICATOR_COLUMNS}


def gather(path: str | Path, year: int | None = None, plans: dict[str, Plan] | None = None,
           institution: str | None = None) -> Context:
    """Open the workbook and read everything the checks need (MatricaError, exit 2, if it cannot)."""
    return gather_workbook(open_workbook(path, plans, sheets_read(year)), year, institution)


def gather_workbook(wb: WorkbookData, year: int | Sequence[int] | None = None,
                    institution: str | None = None) -> Context:
    """Read everything the checks need from an opened workbook (a file, or the values of an open Excel book): every
    monitoring sheet, one year's, or those of a list of years.

    A part (`matrica split`) is checked as a part: its year, the rows its institution reports; `institution`
    (a code or a name) does the same on a whole workbook."""
    plan = wb.plan
    years = wb.monitoring_years()
    scope = resolve_scope(wb, institution)
    if scope is not None and scope.part is not None:
        if year is not None and year != scope.part.year and (isinstance(year, int) or scope.part.year not in year):
            raise MatricaError("part_other_year", path=wb.path, part_year=scope.part.year, year=year)
        year = scope.part.year
    if year is not None:
        wanted = [year] if isinstance(year, int) else list(year)
        for y in wanted:
            wb.require_year(y)
        years = wanted
    wb.prefetch([L.SHEET_MATRIX, *map(L.monitoring_sheet, years), L.SHEET_INDICATORS])  # read in the background
    matrix = wb.table(L.SHEET_MATRIX, matrix_headers(wb), ("field", "code", "activity"))
    # Made while the background threads still read the other sheets: the matrix's rows as records and the
    # activities' costs and years, which the checks and the figures share; then the monitoring sheets' entries and
    # Treguesit's table, in the order the threads finish them (Treguesit first only when it is read and a monitoring
    # sheet is not yet). What stops the monitoring sheets' reading is raised after Treguesit's table is found, so
    # a problem of Treguesit is said in either order.
    from addin.figures.costs import read_activity_costs

    _ = matrix.records
    read_activity_costs(wb)

    def indicators_table() -> SheetTable:
        table = wb.table(L.SHEET_INDICATORS, indicator_headers(plan), ("field", "activity", "n", "indicator"))
        _ = table.records
        return table

    indicators = None
    if wb.ready(L.SHEET_INDICATORS) and not all(wb.ready(L.monitoring_sheet(y)) for y in years):
        indicators = indicators_table()
    stopped: Exception | None = None
    try:
        monitoring = {y: monitoring_table(wb, y) for y in years}
        entries = {y: read_entries(wb, y, monitoring[y]) for y in years}
    except Exception as exc:
        stopped = exc
    if indicators is None:
        indicators = indicators_table()
    if stopped is not None:
        raise stopped
    if scope is not None:
        entries = {y: entries_in_scope(es, scope, y) for y, es in entries.items()}
    settings = read_settings(wb)
    narrative = read_narrative(wb)
    read_objective_values(wb)  # these sheets are read before their error values and formulas are looked at
    ctx = Context(wb, plan, settings, matrix, indicators, monitoring, entries, wb.error_cells(), scope=scope)
    ctx.started = {y: started(es) for y, es in entries.items()}
    ctx.narrative = narrative
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


# Rules that read a row as its indicator's one row: on a row whose key another row also carries (duplicate-row says
# so at both cells) they would speak of the wrong row, so they are left out there.
ONE_ROW_RULES = frozenset({"plan-edited", "missing-value", "status-without-actual", "actual-with-not-done",
                           "status-not-scheduled", "running-total", "unexplained-deviation"})


# Errors saying a cell's entry cannot be read as what it should be: the cell holds something, but not a value the
# engine uses (summary and report leave it out).
UNREADABLE_RULES = frozenset({"type-error", "number-as-text", "amount-unreadable", "formula-no-value", "excel-error",
                              "not-whole", *BOUNDS_RULES})
# Rules that judge an entry by its value, or by its being empty ("done without a value", "allocated, nothing
# spent"): at a cell whose entry cannot be read they would speak of a value nobody typed, so they are left out there.
# The row-wide ones (marked at the notes cell) are left out when the row's actual value cannot be read.
VALUE_RULES = frozenset({"status-without-actual", "actual-with-not-done", "allocated-not-spent", "percent-fraction",
                         "overspend", "overspend-allocated", "spent-not-scheduled", "spent-without-source",
                         "running-total", "unexplained-deviation", "disaggregation-sum", "narrative-empty"})
ROW_VALUE_RULES = frozenset({"running-total", "unexplained-deviation", "disaggregation-sum"})


def _without_value_findings_of_unread_cells(ctx: Context, findings: list) -> list:
    """`findings` without the VALUE_RULES findings about an entry that an UNREADABLE_RULES error reports."""
    unread = [f for f in findings if f.rule in UNREADABLE_RULES and f.cell]
    if not unread:
        return findings
    cells = {f.cell for f in unread}
    actual = {t.sheet: t for t in ctx.monitoring.values() if t is not None and "actual" in t.columns}
    unread_actual = {row for f in unread if (row := _row_of(f)) is not None and row[0] in actual
                     and f.cell == actual[row[0]].ref(row[1], "actual")}
    return [f for f in findings if f.rule not in VALUE_RULES or not (
        f.cell in cells or (f.rule in ROW_VALUE_RULES and _row_of(f) in unread_actual))]


def _row_of(f) -> tuple[str, int] | None:
    """(sheet, row) of a finding's cell, None when it has none."""
    address = f.address
    if address is None:
        return None
    digits = "".join(ch for ch in address[1] if ch.isdigit())
    return (address[0], int(digits)) if digits else None


def run_checks(ctx: Context, warnings: bool = True) -> Report:
    """Every check on gathered tables; the report lists findings in sheet, row, column order. A value that cannot
    be true is reported as such, and the other rules' findings about that same cell are left out. Without
    `warnings` the checks that only warn (`rules.advice`) are not run: the report's errors are the same, and its
    counts have no warnings."""
    findings = [f for check in CHECKS if warnings or check not in ADVICE for f in check(ctx)]
    if ctx.scope is not None:
        findings = [f for f in findings if in_scope(f, ctx.scope, ctx.plan, list(ctx.entries))]
    impossible = {f.cell for f in findings if f.rule in BOUNDS_RULES}
    findings = [f for f in findings if f.cell not in impossible or f.rule in BOUNDS_RULES]
    findings = _without_value_findings_of_unread_cells(ctx, findings)
    duplicated = duplicated_rows(ctx)
    if duplicated:
        findings = [f for f in findings if f.rule not in ONE_ROW_RULES or _row_of(f) not in duplicated]
    order = {s: i for i, s in enumerate(ctx.wb.sheet_names)}
    findings.sort(key=_sort_key(order))
    return Report(str(ctx.wb.path), findings, scope_dict(ctx), warnings=warnings)


def scope_dict(ctx: Context) -> dict | None:
    """What a scoped check covered: the institution, whether the workbook is its part, the years and activities."""
    scope = ctx.scope
    if scope is None:
        return None
    years = sorted(ctx.entries)
    keys = sorted(frozenset().union(*(scope.keys(y) for y in years)) if years else scope.every)
    return {"institution": scope.institution.code, "name": scope.institution.name, "part": scope.part is not None,
            "years": years, "activities": [f"{f} {c}" for f, c in keys]}


def validate(path: str | Path, year: int | None = None, plans: dict[str, Plan] | None = None,
             institution: str | None = None) -> Report:
    """Check a workbook file cell by cell; the report lists findings in sheet, row, column order."""
    report = run_checks(gather(path, year, plans, institution))
    report.path = str(path)
    return report


def validate_workbook(wb: WorkbookData, year: int | Sequence[int] | None = None,
                      institution: str | None = None, warnings: bool = True) -> Report:
    """Check an already opened workbook (e.g. the values of the book open in Excel); `warnings` as in `run_checks`."""
    return run_checks(gather_workbook(wb, year, institution), warnings)


def years_up_to(wb: WorkbookData, year: int) -> list[int]:
    """The monitoring years a figure of `year` reads: the plan's years up to it that have a sheet."""
    return [y for y in wb.monitoring_years() if wb.plan.start_year <= y <= year]


def rejected_cells(report: Report) -> frozenset[str]:
    """The cells whose values the checks reject (an error there): the figures never count them."""
    return frozenset(f.cell for f in report.findings if f.severity == ERROR and f.cell)


def budget_rejected(wb: WorkbookData) -> frozenset[str]:
    """The cells validation rejects over every monitoring year (the budget view covers the plan period)."""
    return rejected_cells(validate_workbook(wb))


def checked_summary(wb: WorkbookData, year: int, report: Report | None = None,
                    text_only: bool = False) -> tuple[dict, Report]:
    """The year's summary (figures.summary) from the values the checks accept, with the verdict: `valid` (no
    error in the years read) and `validation` (the counts). Returns the summary and the validation report.

    With `text_only`, only what the text view prints (`build_summary`): it prints the count of errors, so the
    checks that only warn are not run (`run_checks`) and `validation` has no warning count."""
    from addin.figures.summary import build_summary, check_year

    check_year(wb, year)
    if report is None:
        report = validate_workbook(wb, years_up_to(wb, year), warnings=not text_only)
    data = build_summary(wb, year, rejected_cells(report), text_only)
    return {"valid": report.valid, "validation": report.counts, **data}, report


def default_marked_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-kontrolluar{path.suffix}")
