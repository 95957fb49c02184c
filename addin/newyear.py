"""Add an empty monitoring sheet for a year to a copy of a plan workbook."""

from __future__ import annotations

from pathlib import Path

from addin import layout as L
from addin.messages import MatricaError
from addin.plan import Plan
from addin.reader import open_workbook


def check_new_year(plan: Plan, sheet_names: list[str], year: int) -> None:
    """Refuse a year outside the plan period or one whose sheet exists (MatricaError)."""
    if year not in plan.years:
        raise MatricaError("year_outside", year=year, start=plan.start_year, end=plan.end_year)
    sheet = L.monitoring_sheet(year)
    if sheet in sheet_names:
        raise MatricaError("year_exists", sheet=sheet)


def new_year(path: Path, year: int, out: Path, plans: dict[str, Plan] | None = None) -> Path:
    """Write `out`: a copy of `path` with an empty "Monitorimi <year>" sheet; the input is never written."""
    from openpyxl import load_workbook

    from addin.build import save_atomic, write_monitoring_sheet

    path, out = Path(path), Path(out)
    if out.resolve() == path.resolve():
        raise MatricaError("same_file", path=path)
    data = open_workbook(path, plans)
    check_new_year(data.plan, data.sheet_names, year)
    wb = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    years = [y for s in wb.sheetnames if (y := L.monitoring_year(s)) is not None]
    later = [wb.sheetnames.index(L.monitoring_sheet(y)) for y in years if y > year]
    if later:
        index = min(later)
    elif years:
        index = wb.sheetnames.index(L.monitoring_sheet(max(years))) + 1
    else:
        index = wb.sheetnames.index(L.SHEET_LISTS) if L.SHEET_LISTS in wb.sheetnames else len(wb.sheetnames)
    write_monitoring_sheet(wb, data.plan, year, index)
    save_atomic(wb, out)
    return out
