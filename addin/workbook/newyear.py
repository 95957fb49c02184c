"""Add an empty monitoring sheet for a year to a copy of a plan workbook."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    check_sheet_free(sheet_names, year, path)


def check_sheet_free(sheet_names: list[str], year: int, path: str | Path) -> None:
    """Refuse to add `year`'s sheet beside a sheet Excel takes for the same name (`check_name_free`) or one named
    almost like it (`check_no_near_copy`)."""
    check_name_free(sheet_names, L.monitoring_sheet(year), path)
    check_no_near_copy(sheet_names, year, path)


def check_name_free(sheet_names: list[str], sheet: str, path: str | Path) -> None:
    """Refuse to add `sheet` beside a sheet Excel takes for the same name ("MONITORIMI 2025": Excel compares sheet
    names without regard to case, and a workbook with both would not open)."""
    clash = next((s for s in sheet_names if s != sheet and L.same_sheet_name(s, sheet)), None)
    if clash is not None:
        raise MatricaError("sheet_name_clash", path=path, sheet=sheet, existing=clash)


def check_no_near_copy(sheet_names: list[str], year: int, path: str | Path) -> None:
    """Refuse to add `year`'s sheet beside a sheet named almost like it ("Monitorimi_2025", "Monitorimi 2025 (2)") or
    a monitoring sheet whose year cannot be read ("Monitorimi 2O25"): that sheet may hold the year's data, which an
    empty sheet of the exact name would leave unread (and a person might delete as the copy)."""
    near = next((n.sheet for n in L.near_names(sheet_names)
                 if n.monitoring and n.sheet != n.expected and n.year in (year, None)), None)
    if near is not None:
        raise MatricaError("new_year_near_sheet", path=path, sheet=L.monitoring_sheet(year), year=year, found=near)


def check_narrative_named(data, path: str | Path) -> None:
    """Refuse to add a Narrativa sheet beside one named almost right ("Narrativa ", "Narrativa (2)"): its texts
    would be left unread (`data`: the opened workbook, `reader.WorkbookData`)."""
    if L.SHEET_NARRATIVE not in data.sheet_names and (near := data.near_sheet(L.SHEET_NARRATIVE)) is not None:
        raise MatricaError("sheet_misnamed_required", path=path, sheet=L.SHEET_NARRATIVE, found=near)


@dataclass
class NewYear:
    """What `new_year` wrote: the copy, whether the monitoring sheet was added, and how many of the previous
    year's recommendations went into the new year's follow-up table on the Narrativa sheet."""

    path: Path
    year: int
    sheet_added: bool
    carried: int


def new_year(path: Path, year: int, out: Path, plans: dict[str, Plan] | None = None) -> NewYear:
    """Write `out`: a copy of `path` with an empty "Monitorimi <year>" sheet, and the previous year's
    recommendations carried into `year`'s follow-up table (Narrativa). When the year's sheet exists already (a
    workbook built with every plan year), only the recommendations are carried; with nothing to carry either,
    the year is refused. The input is never written."""
    from addin.common.files import check_output_file
    from addin.workbook.build import load_copy
    from addin.workbook.narrative import plan_carry, read_narrative

    path, out = Path(path), Path(out)
    if out.resolve() == path.resolve():
        raise MatricaError("same_file", path=path)
    data = open_workbook(path, plans)
    if year not in data.plan.years:
        raise MatricaError("year_outside", path=path, year=year, start=data.plan.start_year, end=data.plan.end_year)
    add_sheet = L.monitoring_sheet(year) not in data.sheet_names
    if add_sheet:
        check_sheet_free(data.sheet_names, year, path)
    check_narrative_named(data, path)
    carry = plan_carry(read_narrative(data), data.plan, year, data.monitoring_years())
    if not add_sheet and not carry.carried:
        check_new_year(data.plan, data.sheet_names, year, path)  # raises: the sheet is there, nothing to carry
    check_output_file(out, (path,), like=path)
    wb = load_copy(path)
    if add_sheet:
        _add_monitoring_sheet(wb, data.plan, year)
    apply_carry(wb, data.plan, carry)
    from addin.workbook.build import save_atomic

    save_atomic(wb, out)
    return NewYear(out, year, add_sheet, carry.carried)


def _add_monitoring_sheet(wb, plan: Plan, year: int) -> None:
    from addin.workbook.build import write_monitoring_sheet

    years = [y for s in wb.sheetnames if (y := L.monitoring_year(s)) is not None and y in plan.years]
    later = [wb.sheetnames.index(L.monitoring_sheet(y)) for y in years if y > year]
    if later:
        index = min(later)
    elif years:
        index = wb.sheetnames.index(L.monitoring_sheet(max(years))) + 1
    else:
        index = wb.sheetnames.index(L.SHEET_LISTS) if L.SHEET_LISTS in wb.sheetnames else len(wb.sheetnames)
    write_monitoring_sheet(wb, plan, year, index)


def apply_carry(wb, plan: Plan, carry) -> None:
    """Write a `narrative.CarryPlan` into an openpyxl workbook (the Narrativa sheet is added when missing)."""
    from addin.workbook.build import put, style_narrative_rows, write_narrative_sheet

    if carry.new_sheet:
        index = wb.sheetnames.index(L.SHEET_LISTS) if L.SHEET_LISTS in wb.sheetnames else len(wb.sheetnames)
        years = sorted({r.values[0] for r in carry.appended})
        write_narrative_sheet(wb, plan, years, index)
        return
    ws = wb[L.SHEET_NARRATIVE]
    for (row, col), value in carry.cells.items():
        put(ws, row, col + 1, value)
    if carry.appended:
        last = style_narrative_rows(ws, carry.appended, carry.first_new_row, carry.columns)
        for table in ws.tables.values():
            first, end = table.ref.split(":")
            table.ref = f"{first}:{''.join(ch for ch in end if ch.isalpha())}{last}"
            if table.autoFilter is not None:
                table.autoFilter.ref = table.ref


def next_year(plan: Plan, sheet_names: list[str]) -> int:
    """The year the button Vit i ri adds: the year after the last monitoring sheet, or the plan's first year."""
    years = [y for s in sheet_names if (y := L.monitoring_year(s)) is not None and y in plan.years]
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
    formulas: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # 0-based column -> (1-based row, formula)


def monitoring_sheet_model(plan: Plan, year: int, sheet_names: list[str] | None = None) -> SheetModel:
    """What `matrica new-year` writes for `year`, read back from the builder (one source of truth).
    `sheet_names`: the book's sheets, so that the totals to date add up the earlier years' sheets it has."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from addin.workbook.build import write_monitoring_sheet

    wb = Workbook()
    for name in sheet_names or ():
        if (y := L.monitoring_year(name)) is not None and plan.start_year <= y < year:
            wb.create_sheet(name)
    ws = write_monitoring_sheet(wb, plan, year)
    ncols = len(L.MONITORING_COLUMNS)
    values, fills = [], []
    formulas: dict[int, list[tuple[int, str]]] = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ncols), start=1):
        values.append([None if c.data_type == "f" else c.value for c in row])
        for c0, c in enumerate(row):
            if c.data_type == "f":
                formulas.setdefault(c0, []).append((r, c.value))
        fills.append([c.fill.fgColor.rgb[-6:] if c.fill is not None and c.fill.fill_type == "solid" else None
                      for c in row])
    keys = [c.key for c in L.MONITORING_COLUMNS]
    return SheetModel(
        name=ws.title, values=values, fills=fills,
        widths=[ws.column_dimensions[get_column_letter(i + 1)].width for i in range(ncols)],
        wrap=[i for i, c in enumerate(L.MONITORING_COLUMNS) if c.wrap],
        lek_columns=[keys.index("allocated"), keys.index("spent")], header_row=L.HEADER_ROW,
        lists={keys.index(k): name for k, name in L.INPUT_LISTS.items()}, formulas=formulas,
    )
