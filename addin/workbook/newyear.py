"""Add an empty monitoring sheet for a year to a copy of a plan workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from addin.common.messages import MatricaError
from addin.plan.model import Plan
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook


def check_new_year(plan: Plan, sheet_names: list[str], year: int, path: str | Path) -> None:
    """Refuse a year outside the plan period or one whose sheet exists (MatricaError naming the workbook)."""
    if year not in plan.years:
        raise MatricaError("year_outside", path=path, year=year, start=plan.start_year, end=plan.end_year)
    sheet = L.monitoring_sheet(year)
    if sheet in sheet_names:
        raise MatricaError("year_exists", path=path, sheet=sheet)


def new_year(path: Path, year: int, out: Path, plans: dict[str, Plan] | None = None) -> Path:
    """Write `out`: a copy of `path` with an empty "Monitorimi <year>" sheet; the input is never written."""
    from openpyxl import load_workbook

    from addin.workbook.build import save_atomic, write_monitoring_sheet

    path, out = Path(path), Path(out)
    if out.resolve() == path.resolve():
        raise MatricaError("same_file", path=path)
    data = open_workbook(path, plans)
    check_new_year(data.plan, data.sheet_names, year, path)
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


def next_year(plan: Plan, sheet_names: list[str]) -> int:
    """The year the button Vit i ri adds: the year after the last monitoring sheet, or the plan's first year."""
    years = [y for s in sheet_names if (y := L.monitoring_year(s)) is not None]
    return max(years) + 1 if years else plan.start_year


@dataclass
class SheetModel:
    """A monitoring sheet as plain data, for writing it through another engine (Excel via xlwings)."""

    name: str
    values: list[list[object]]  # from A1
    fills: list[list[str | None]]  # hex per cell of `values`, None: no fill
    widths: list[float]  # per column
    wrap: list[int]  # 0-based columns that wrap
    lek_columns: list[int]  # 0-based columns shown as whole lekë
    header_row: int  # 1-based
    lists: dict[int, str]  # 0-based column -> defined name of its dropdown list ("lista_statuses")


def monitoring_sheet_model(plan: Plan, year: int) -> SheetModel:
    """What `matrica new-year` writes for `year`, read back from the builder (one source of truth)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from addin.workbook.build import write_monitoring_sheet

    ws = write_monitoring_sheet(Workbook(), plan, year)
    ncols = len(L.MONITORING_COLUMNS)
    values, fills = [], []
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ncols):
        values.append([c.value for c in row])
        fills.append([c.fill.fgColor.rgb[-6:] if c.fill is not None and c.fill.fill_type == "solid" else None
                      for c in row])
    keys = [c.key for c in L.MONITORING_COLUMNS]
    return SheetModel(
        name=ws.title, values=values, fills=fills,
        widths=[ws.column_dimensions[get_column_letter(i + 1)].width for i in range(ncols)],
        wrap=[i for i, c in enumerate(L.MONITORING_COLUMNS) if c.wrap],
        lek_columns=[keys.index("allocated"), keys.index("spent")], header_row=L.HEADER_ROW,
        lists={keys.index(k): name for k, name in L.INPUT_LISTS.items()},
    )
