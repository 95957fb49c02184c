"""The Matrica ribbon buttons in Excel: Kontrollo, Llogarit, Raport, Vit i ri, Buxheti (xlwings edge module).

Each button is a function of an `xw.Book`, so the same code serves the add-in's ribbon (through the small
modules `addin.excel.kontrollo` … that the ribbon's tags name: `main()` for the classic add-in and `RunPython`,
`lite(book)` for the `@script` functions of xlwings Lite, see scripts/build_lite.py), xlwings Server and the tests.
Where the hosts differ, a `Host` says what the one running can do (CLASSIC, LITE). A button reads each sheet it
needs with one range read, computes with the core (which never imports xlwings), writes whole ranges in one call
each, and tells the person the result in a message box (`book.app.alert`). Bad input gives one sentence naming
sheet and cell, never a traceback (`MATRICA_DEBUG=1` re-raises unexpected errors).

What a button changes in the person's workbook:
- Kontrollo: the sheet "Kontrolli" (added or rewritten) and the fill colour of the cells a finding points at
  (not in xlwings Lite, which cannot lift the protection of Matrica's sheets).
  Marks of the previous run are cleared first: those cells get back the fill Matrica's builder gives them
  (an Excel fill cannot be read back in every xlwings engine, so a colour a person put on a marked cell by hand
  is not restored).
- Llogarit: the sheet "Llogaritja YYYY" (added or rewritten).
- Raport: nothing in the workbook; the .docx and .html go next to the saved file (xlwings Lite: into its folder
  /data, from where the person downloads them).
- Vit i ri: a new sheet "Monitorimi YYYY".
- Buxheti: the sheet "Buxheti YYYY" (added or rewritten).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlwings as xw

from addin.common.messages import MatricaError, counted, t, tn
from addin.workbook import layout as L
from addin.workbook.reader import WorkbookData

LANG = "sq"
FORMULA_START = ("=", "+", "-", "@", "'")  # "'" too: Excel hides one leading apostrophe
MAX_COLOUR_CELLS = 10_000  # xlwings' Range.set_colors limit per call


@dataclass(frozen=True)
class Host:
    """What the Excel host running a button can do, where the hosts differ."""

    name: str
    colours_protected: bool  # can colour cells on Matrica's protected sheets (classic: unprotects them meanwhile)
    report_dir: Path | None  # where Raport writes; None: the folder of the saved workbook
    prints: bool  # also print each message (xlwings Lite shows printed text in its output pane)


# The classic add-in, RunPython and xlwings Server. On Windows, protected sheets are unprotected while colouring.
CLASSIC = Host("classic", colours_protected=True, report_dir=None, prints=False)
# xlwings Lite: no sheet-protection API (Excel refuses fills on Matrica's protected sheets, and the refusal would stop
# the run with an error dialog); no file on disk: Raport writes into Lite's folder /data (Files → Import/Export).
LITE = Host("lite", colours_protected=False, report_dir=Path("/data"), prints=True)


# ---------------------------------------------------------------- reading and writing whole ranges


def read_book(book: xw.Book) -> WorkbookData:
    """The workbook as the core reads it, from the values open in Excel (unsaved edits included).

    Each sheet the core asks for is read once, as one range from A1 to the end of its used range."""
    sheets = {s.name: s for s in book.sheets}

    def read(name: str) -> list[list]:
        sheet = sheets[name]
        last = sheet.used_range.last_cell
        return sheet.range((1, 1), (last.row, last.column)).options(ndim=2, err_to_str=True).value

    return WorkbookData.from_values(book.fullname, list(sheets), read)


def cell_value(value: Any) -> Any:
    """A value to write into a cell: text that Excel would take as a formula (or whose apostrophe it would
    hide) gets a leading apostrophe, so it stays text exactly as typed."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_grid(sheet: xw.Sheet, grid: list[list[Any]], top: int = 1, left: int = 1) -> None:
    """Write a 2-D grid in one call; nothing in it becomes a formula."""
    if grid:
        sheet.range((top, left)).value = [[cell_value(v) for v in row] for row in grid]


def _colour(hex_or_none: str | None) -> str | None:
    return None if hex_or_none is None else f"#{hex_or_none}"


def fill_areas(colours: dict[tuple[int, int], str | None], limit: int = 250) -> list[tuple[str | None, str]]:
    """Cells by fill as (hex or None, "A4:F55,G4:G9,…") pairs: same-colour runs down each column, merged across
    neighbouring columns with the same runs, joined into addresses of at most `limit` characters (Excel's
    Range("…") accepts 255)."""
    from addin.workbook.reader import col_letter

    by_fill: dict[str | None, dict[int, list[int]]] = {}
    for (r, c), fill in colours.items():
        by_fill.setdefault(fill, {}).setdefault(c, []).append(r)
    out = []
    for fill, columns in by_fill.items():
        runs_of = {c: tuple(_runs(rows)) for c, rows in columns.items()}
        areas, start = [], None
        cols = sorted(runs_of)
        for i, c in enumerate(cols):
            start = c if start is None else start
            last = i + 1 == len(cols) or cols[i + 1] != c + 1 or runs_of[cols[i + 1]] != runs_of[c]
            if last:
                for top, bottom in runs_of[c]:
                    a, b = f"{col_letter(start)}{top}", f"{col_letter(c)}{bottom}"
                    areas.append(a if a == b else f"{a}:{b}")
                start = None
        chunk = ""
        for area in areas:
            if chunk and len(chunk) + 1 + len(area) > limit:
                out.append((fill, chunk))
                chunk = ""
            chunk = f"{chunk},{area}" if chunk else area
        if chunk:
            out.append((fill, chunk))
    return out


def paint(sheet: xw.Sheet, colours: dict[tuple[int, int], str | None]) -> None:
    """Set fills of scattered cells ((1-based row, 0-based column) -> hex or None) with few calls: in xlwings'
    remote engine one `set_colors` over their bounding box (cells in between left as they are); in desktop Excel,
    whose `set_colors` goes cell by cell, one `color` per fill and multi-area address."""
    if not colours:
        return
    if sheet.book.app.engine.name != "remote":
        for fill, address in fill_areas(colours):
            sheet.range(address).color = _colour(fill)
        return
    rows = [r for r, _c in colours]
    cols = [c for _r, c in colours]
    left, right = min(cols), max(cols)
    width = right - left + 1
    band = max(1, MAX_COLOUR_CELLS // width)
    top, bottom = min(rows), max(rows)
    for start in range(top, bottom + 1, band):
        end = min(bottom, start + band - 1)
        matrix = [[_colour(colours[(r, c)]) if (r, c) in colours else ... for c in range(left, right + 1)]
                  for r in range(start, end + 1)]
        if any(v is not ... for row in matrix for v in row):
            sheet.range((start, left + 1), (end, right + 1)).set_colors(matrix)


def _is_windows_desktop(book: xw.Book) -> bool:
    return sys.platform == "win32" and book.app.engine.name == "excel"


@contextmanager
def unprotected(sheet: xw.Sheet) -> Iterator[bool]:
    """Lift a sheet's protection without password for the duration (Excel on Windows), then put it back with
    the same permissions. Yields False when the sheet has a password (its cells are then left alone).

    Other engines have no protection API: the writes are sent as they are (see the README)."""
    if not _is_windows_desktop(sheet.book):
        yield True
        return
    ws = sheet.api
    if not ws.ProtectContents:
        yield True
        return
    p = ws.Protection
    allow = {name: getattr(p, name) for name in (
        "AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows", "AllowInsertingColumns",
        "AllowInsertingRows", "AllowInsertingHyperlinks", "AllowDeletingColumns", "AllowDeletingRows",
        "AllowSorting", "AllowFiltering", "AllowUsingPivotTables")}
    drawing, scenarios = ws.ProtectDrawingObjects, ws.ProtectScenarios
    try:
        ws.Unprotect()
    except Exception:  # a password: COM raises a generic error
        yield False
        return
    try:
        yield True
    finally:
        ws.Protect(DrawingObjects=drawing, Contents=True, Scenarios=scenarios, **allow)


def own_sheet(book: xw.Book, name: str, before: xw.Sheet | None = None, after: xw.Sheet | None = None,
              mine: Callable[[Any], bool] = lambda a1: True) -> xw.Sheet:
    """The sheet `name`, added, or emptied when it is one Matrica wrote before (`mine(A1 value)`)."""
    for sheet in book.sheets:
        if sheet.name.casefold() == name.casefold():
            if not mine(sheet.range("A1").value):
                raise MatricaError("excel_sheet_name_taken", path=book.name, sheet=sheet.name)
            sheet.clear()
            return sheet
    return book.sheets.add(name, before=before, after=after)


def _optional(action: Callable[[], object]) -> None:
    """Cosmetic formatting that an engine may not offer (e.g. dropdowns outside Office.js in xlwings Server)."""
    try:
        action()
    except NotImplementedError:
        pass


def _format_header(rng: xw.Range) -> None:
    from addin.checks.marking import LAYOUT_FILLS

    rng.color = _colour(LAYOUT_FILLS["header"])
    rng.font.bold = True
    rng.font.color = "#FFFFFF"


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers grouped: [3, 4, 5, 9] -> [(3, 5), (9, 9)]."""
    out: list[tuple[int, int]] = []
    for r in sorted(rows):
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


# ---------------------------------------------------------------- which year


def chosen_year(book: xw.Book, wb: WorkbookData) -> int:
    """The active sheet's year when it is a monitoring sheet (or a sheet "Llogaritja YYYY", "Buxheti YYYY"), else the
    latest year with data entered, else the latest monitoring year of the plan period."""
    import re

    from addin.checks.rules import started
    from addin.workbook.monitoring import read_entries

    plan = wb.plan
    name = book.sheets.active.name
    active = L.monitoring_year(name)
    calc = re.fullmatch(t("excel_calc_sheet", LANG, year=r"(\d{4})"), name) or re.fullmatch(
        t("excel_budget_sheet", LANG, year=r"(\d{4})"), name)
    if active is None and calc:
        active = int(calc.group(1))
    if active is not None and active in plan.years:
        return active
    years = [y for y in wb.monitoring_years() if y in plan.years]
    if not years:
        raise MatricaError("excel_no_year", path=book.name)
    for y in sorted(years, reverse=True):
        if started(read_entries(wb, y)):
            return y
    return max(years)


# ---------------------------------------------------------------- the buttons


def _previous_marks(book: xw.Book) -> list[tuple[str, str]]:
    """The cells the last Kontrollo marked: the references in the Kontrolli sheet's first column."""
    from addin.checks.marking import CHECK_SHEET

    names = {s.name.casefold(): s for s in book.sheets}
    sheet = names.get(CHECK_SHEET.casefold())
    if sheet is None:
        return []
    last = sheet.used_range.last_cell.row
    column = sheet.range((5, 1), (max(5, last), 1)).options(ndim=2).value
    out = []
    for (ref,) in column:
        if isinstance(ref, str) and "!" in ref:
            name, cell = ref.rsplit("!", 1)
            out.append((name.strip("'").replace("''", "'"), cell.replace("$", "")))
    return out


def _link(sheet: str, ref: str, text: str) -> str:
    target = f"#'{sheet.replace(chr(39), chr(39) * 2)}'!{ref}".replace('"', '""')
    return f'=HYPERLINK("{target}","{text.replace(chr(34), chr(34) * 2)}")'


def check(book: xw.Book, lang: str = LANG, host: Host = CLASSIC) -> str:
    """Kontrollo: validate the open workbook, list the findings on the sheet "Kontrolli" and colour the cells
    they point at (clearing the previous run's colours first). Returns the message shown to the person.

    In xlwings Lite only the Kontrolli sheet is written and coloured: Matrica's sheets are protected and Lite cannot
    lift the protection, so the links in Kontrolli lead to the cells instead."""
    from addin.checks.marking import (
        CHECK_SHEET,
        CHECK_WIDTHS,
        SEVERITY_FILLS,
        _split_ref,
        check_sheet_rows,
        layout_fill,
        legend_row,
        marks,
    )
    from addin.checks.validate import gather_workbook, run_checks

    wb = read_book(book)
    ctx = gather_workbook(wb)
    report = run_checks(ctx)
    previous = _previous_marks(book)

    title = t("check_sheet_title", lang, path="")
    sheet = own_sheet(book, CHECK_SHEET, before=book.sheets[0],
                      mine=lambda a1: isinstance(a1, str) and a1.startswith(title))
    grid = check_sheet_rows(report, book.name, lang, "excel" if host.colours_protected else "lite")
    write_grid(sheet, grid)
    n = len(report.findings)
    if n:
        links = [[_link(*f.address, f.cell) if f.address and f.address[0] in wb.sheet_names
                  else cell_value(f.cell or "")] for f in report.findings]
        sheet.range((5, 1), (4 + n, 1)).formula = links
        sheet.range((5, 1), (4 + n, 1)).font.color = "#0563C1"
        paint(sheet, {(5 + i, 1): SEVERITY_FILLS[f.severity] for i, f in enumerate(report.findings)})
        sheet.range((5, 4), (4 + n, 4)).wrap_text = True
    sheet.range("A1").font.bold = True
    sheet.range((legend_row(report), 1)).font.bold = True
    _format_header(sheet.range((4, 1), (4, len(grid[3]))))
    for col, width in enumerate(CHECK_WIDTHS[:len(grid[3])], start=1):
        sheet.range((1, col)).column_width = width
    _optional(lambda: sheet.freeze_panes.freeze_at("A5"))

    sheet.activate()
    counts = report.counts
    if not host.colours_protected:
        return t("excel_checked_lite", lang, **counted(counts["error"], counts["warning"], lang), sheet=CHECK_SHEET)

    # Colours last: if Excel refuses them (a protected sheet outside Windows), the list is already written.
    new = marks(report, wb.sheet_names)
    wanted: dict[tuple[str, str], str | None] = {
        a: layout_fill(ctx, *a) for a in previous if a not in new and a[0] in wb.sheet_names}
    wanted.update({a: fill for a, fill in new.items()})
    by_sheet: dict[str, dict[tuple[int, int], str | None]] = {}
    for (name, ref), fill in wanted.items():
        by_sheet.setdefault(name, {})[_split_ref(ref)] = fill
    refused = []
    for name, colours in by_sheet.items():
        target = book.sheets[name]
        with unprotected(target) as ok:
            if ok:
                paint(target, colours)
            else:
                refused.append(name)
    message = t("excel_checked", lang, **counted(counts["error"], counts["warning"], lang), sheet=CHECK_SHEET)
    if refused:
        message += "\n" + t("excel_not_coloured", lang, sheets=", ".join(refused))
    return message


def write_figures_sheet(book: xw.Book, name: str, title: str, grid: list[list[Any]], heads: list[int],
                        widths: list[float]) -> xw.Sheet:
    """Add (or rewrite, when Matrica wrote it: A1 is `title`) the sheet `name` before Parametrat and write `grid`
    in one call, with its title and header rows bold and its column widths."""
    settings = next((s for s in book.sheets if s.name == L.SHEET_SETTINGS), None)
    sheet = own_sheet(book, name, before=settings, mine=lambda a1: a1 == title)
    write_grid(sheet, grid)
    sheet.range("A1").font.bold = True
    for r in heads:
        sheet.range((r + 1, 1), (r + 1, len(grid[0]))).font.bold = True
    for col, width in enumerate(widths[: len(grid[0])], start=1):
        sheet.range((1, col)).column_width = width
    return sheet


def calculate(book: xw.Book, lang: str = LANG, host: Host = CLASSIC) -> str:
    """Llogarit: write the sheet "Llogaritja YYYY" with the year's costs, achievement and roll-ups."""
    from addin.checks.validate import checked_summary
    from addin.figures.summary import LEK_COLUMNS, summary_rows

    wb = read_book(book)
    year = chosen_year(book, wb)
    data, _report = checked_summary(wb, year)
    grid, heads, lek_rows = summary_rows(data, lang)
    name = t("excel_calc_sheet", lang, year=year)
    title = t("excel_calc_title", lang, title=wb.plan.title, year=year)
    sheet = write_figures_sheet(book, name, title, grid, heads, [48, 16, 16, 14, 18, 16, 14, 12, 12])
    for first, last in _runs(lek_rows):
        for col in LEK_COLUMNS:
            sheet.range((first + 1, col + 1), (last + 1, col + 1)).number_format = "#,##0"
    sheet.activate()
    return t("excel_calc_written", lang, sheet=name, year=year)


def budget(book: xw.Book, lang: str = LANG, host: Host = CLASSIC) -> str:
    """Buxheti: write the sheet "Buxheti YYYY": planned, allocated and spent of the year and the plan years before
    it, by field, source, institution and programme, and every activity with its flags (pandas does the grouping,
    imported here only)."""
    from importlib.util import find_spec

    from addin.checks.validate import budget_rejected
    from addin.figures.budget import budget_sheet_rows, build_budget

    if find_spec("pandas") is None:
        raise MatricaError("excel_budget_no_pandas")
    wb = read_book(book)
    year = chosen_year(book, wb)
    data = build_budget(wb, [y for y in wb.plan.years if y <= year], budget_rejected(wb))
    grid, heads, lek_areas = budget_sheet_rows(data, year, lang)
    name = t("excel_budget_sheet", lang, year=year)
    widths = [46, 40, 16, 16, 16, 16, 13, 13, 12, 12, 16, 16, 40]
    sheet = write_figures_sheet(book, name, grid[0][0], grid, heads, widths)
    for first, last, columns in lek_areas:
        for c in columns:
            sheet.range((first + 1, c + 1), (last + 1, c + 1)).number_format = "#,##0"
    sheet.activate()
    return t("excel_budget_written", lang, sheet=name, year=year)


def saved_path(book: xw.Book) -> Path:
    """The workbook's file on this computer; MatricaError when it has none or has unsaved changes."""
    name = book.fullname
    if "://" in name:
        raise MatricaError("excel_web_path", path=name)
    path = Path(name)
    if not path.is_absolute() or not path.is_file():
        raise MatricaError("excel_save_first", path=book.name)
    if _is_windows_desktop(book) and not book.api.Saved:
        raise MatricaError("excel_unsaved", path=book.name)
    return path


def missing_word_libraries() -> list[str]:
    """The libraries the Word report needs that this Python lacks (none where Matrica is installed with pip; in
    xlwings Lite they come from requirements.txt)."""
    from importlib.util import find_spec

    return [name for name in ("docxtpl", "docx", "lxml", "matplotlib") if find_spec(name) is None]


def report(book: xw.Book, lang: str = LANG, host: Host = CLASSIC) -> str:
    """Raport: write the year's report (.docx and .html) into the workbook's folder and say where.

    In xlwings Lite there is no file on disk: the reports go into Lite's folder /data, the person downloads them
    from there, and the cover's checksum covers the values read instead of a file."""
    from addin.report.render import FORMATS, ReportRequest, make_reports

    path = saved_path(book) if host.report_dir is None else Path(book.name)
    out_dir = path.parent if host.report_dir is None else host.report_dir
    missing = missing_word_libraries()
    wb = read_book(book)
    year = chosen_year(book, wb)
    request = ReportRequest(workbook=path, year=year, out_dir=out_dir, lang=lang,
                            formats=tuple(f for f in FORMATS if f != "docx" or not missing),
                            from_file=host.report_dir is None)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        written = make_reports(request, wb=wb)
    except MatricaError as exc:
        if exc.key == "report_invalid":
            raise MatricaError("excel_report_invalid", path=book.name, errors=exc.values["errors"]) from None
        raise
    paths = "\n".join(str(p) for p in written)
    key = "excel_report_written" if host.report_dir is None else "excel_report_written_lite"
    message = t(key, lang, year=year, paths=paths)
    if missing:
        message += "\n" + t("excel_report_no_word", lang, missing=", ".join(missing))
    return message


def new_year(book: xw.Book, lang: str = LANG, host: Host = CLASSIC) -> str:
    """Vit i ri: add the monitoring sheet of the year after the last one and carry the previous year's
    recommendations into its follow-up table on the sheet Narrativa. When every plan year has its sheet already,
    carry the recommendations into the year after the latest one with data; otherwise refuse (outside the plan)."""
    from addin.workbook.narrative import plan_carry, read_narrative
    from addin.workbook.newyear import check_narrative_named, check_new_year, next_year

    names = [s.name for s in book.sheets]
    wb = read_book(book)
    plan = wb.plan
    check_narrative_named(wb, book.name)
    year = next_year(plan, names)
    narrative = read_narrative(wb)
    if year not in plan.years:
        following = _year_after_data(wb)
        if following is not None:
            carry = plan_carry(narrative, plan, following, wb.monitoring_years())
            if carry.carried:
                write_carry(book, plan, carry)
                return t("excel_new_year_exists", lang, sheet=L.monitoring_sheet(following)) + " " + tn(
                    "new_year_carried", carry.carried, lang, year=following - 1, new=following)
    check_new_year(plan, names, year, book.name)
    _add_monitoring_sheet(book, plan, year, names)
    carry = plan_carry(narrative, plan, year, wb.monitoring_years())
    write_carry(book, plan, carry)
    message = t("excel_new_year_done", lang, sheet=L.monitoring_sheet(year))
    if carry.carried:
        message += "\n" + tn("new_year_carried", carry.carried, lang, year=year - 1, new=year)
    return message


def _year_after_data(wb: WorkbookData) -> int | None:
    """The year after the latest monitoring year with data entered, when it is a plan year."""
    from addin.checks.rules import started
    from addin.workbook.monitoring import read_entries

    for y in sorted(wb.monitoring_years(), reverse=True):
        if started(read_entries(wb, y)):
            return y + 1 if y + 1 in wb.plan.years else None
    return None


def _add_monitoring_sheet(book: xw.Book, plan, year: int, names: list[str]) -> xw.Sheet:
    from addin.workbook.newyear import monitoring_sheet_model

    model = monitoring_sheet_model(plan, year, names)
    years = [y for s in names if (y := L.monitoring_year(s)) is not None and y in plan.years]
    if years:
        sheet = book.sheets.add(model.name, after=book.sheets[L.monitoring_sheet(max(years))])
    elif L.SHEET_LISTS in names[1:]:  # after the sheet before Listat (see write_carry)
        sheet = book.sheets.add(model.name, after=book.sheets[names.index(L.SHEET_LISTS) - 1])
    else:
        sheet = book.sheets.add(model.name, after=book.sheets[len(names) - 1])
    write_grid(sheet, model.values)
    nrows, ncols = len(model.values), len(model.widths)
    for c, cells in model.formulas.items():  # the totals to date: one formula write per column
        by_row = dict(cells)
        first, last = min(by_row), max(by_row)
        sheet.range((first, c + 1), (last, c + 1)).formula = [[by_row.get(r, "")] for r in range(first, last + 1)]
    paint(sheet, {(r, c): fill for r, row in enumerate(model.fills, start=1) for c, fill in enumerate(row)
                  if fill is not None})
    header = sheet.range((model.header_row, 1), (model.header_row, ncols))
    header.font.bold, header.font.color, header.wrap_text = True, "#FFFFFF", True
    sheet.range("A1").font.bold = True
    for c in model.wrap:
        sheet.range((model.header_row + 1, c + 1), (nrows, c + 1)).wrap_text = True
    for c in model.lek_columns:
        sheet.range((model.header_row + 1, c + 1), (nrows, c + 1)).number_format = "#,##0"
    for c, width in enumerate(model.widths, start=1):
        sheet.range((1, c)).column_width = width
    for c, list_name in model.lists.items():
        if list_name in book.names:
            cells = sheet.range((model.header_row + 1, c + 1), (nrows, c + 1))
            _optional(lambda cells=cells, n=list_name: cells.data_validation.set_list(book.names[n]))
    _optional(lambda: sheet.freeze_panes.freeze_at(sheet.range((model.header_row + 1, 7))))
    sheet.activate()
    return sheet


def write_carry(book: xw.Book, plan, carry) -> None:
    """Write a `narrative.CarryPlan` into the open book: the carried values of existing empty follow-up rows as
    one range per run of rows and column, and appended rows as one grid with their fills (the whole sheet when
    it is missing)."""
    from addin.workbook.narrative import SUBTITLE, sheet_title

    if not carry.cells and not carry.appended:
        return
    names = {s.name: s for s in book.sheets}
    if carry.new_sheet:
        order = list(names)
        # after the sheet before Listat (xlwings' remote engine places `before=` one position too early)
        after = order.index(L.SHEET_LISTS) - 1 if L.SHEET_LISTS in order[1:] else len(order) - 1
        sheet = book.sheets.add(L.SHEET_NARRATIVE, after=book.sheets[after])
        head = [[sheet_title(plan)], [SUBTITLE], [c.header for c in L.NARRATIVE_COLUMNS]]
        write_grid(sheet, [r + [None] * (len(L.NARRATIVE_COLUMNS) - len(r)) for r in head])
        _format_header(sheet.range((L.HEADER_ROW, 1), (L.HEADER_ROW, len(L.NARRATIVE_COLUMNS))))
        sheet.range("A1").font.bold = True
        for c, col in enumerate(L.NARRATIVE_COLUMNS, start=1):
            sheet.range((1, c)).column_width = col.width
        top = L.FIRST_DATA_ROW
    else:
        sheet = names[L.SHEET_NARRATIVE]
        top = carry.first_new_row
        by_col: dict[int, dict[int, object]] = {}
        for (r, c), value in carry.cells.items():
            by_col.setdefault(c, {})[r] = value
        for c, values in sorted(by_col.items()):
            for first, last in _runs(list(values)):
                write_grid(sheet, [[values[r]] for r in range(first, last + 1)], top=first, left=c + 1)
    if carry.appended:
        width = max(carry.columns.values()) + 1
        grid, fills = [], {}
        for i, row in enumerate(carry.appended):
            cells = carry.placed(row)
            grid.append([cells[c][0] if c in cells else None for c in range(width)])
            fills.update({(top + i, c): cell[1] for c, cell in cells.items()})
        write_grid(sheet, grid, top=top)
        paint(sheet, fills)
        end = top + len(grid) - 1
        for col in L.NARRATIVE_COLUMNS:
            if col.wrap:
                c = carry.columns[col.key] + 1
                sheet.range((top, c), (end, c)).wrap_text = True
        if L.FOLLOW_UP_STATUSES_LIST in book.names:
            c = carry.columns["status"] + 1
            cells = sheet.range((top, c), (end, c))
            _optional(lambda: cells.data_validation.set_list(book.names[L.FOLLOW_UP_STATUSES_LIST]))


# ---------------------------------------------------------------- entry points


def run(button: Callable[[xw.Book, str, Host], str], book: xw.Book | None = None, lang: str = LANG,
        host: Host = CLASSIC) -> str:
    """Run a button (a function of book, language and host) on `book` (default: the calling workbook) and show its
    result or its error in a message box; never a traceback. Returns the message shown."""
    book = book if book is not None else xw.Book.caller()
    try:
        message = button(book, lang, host)
    except MatricaError as exc:
        message = exc.message(lang)
    except Exception as exc:  # the last guard: a person reads a sentence
        if os.environ.get("MATRICA_DEBUG"):
            raise
        message = t("unexpected", lang, path=book.name, detail=f"{type(exc).__name__}: {exc}")
    if host.prints:
        print(message)
    book.app.alert(message, title=t("excel_title", lang))
    return message


def kontrollo(book: xw.Book | None = None, host: Host = CLASSIC) -> str:
    """Button Kontrollo (also for RunPython and xlwings Server): see `check`."""
    return run(check, book, host=host)


def llogarit(book: xw.Book | None = None, host: Host = CLASSIC) -> str:
    """Button Llogarit: see `calculate`."""
    return run(calculate, book, host=host)


def raport(book: xw.Book | None = None, host: Host = CLASSIC) -> str:
    """Button Raport: see `report`."""
    return run(report, book, host=host)


def vit_i_ri(book: xw.Book | None = None, host: Host = CLASSIC) -> str:
    """Button Vit i ri: see `new_year`."""
    return run(new_year, book, host=host)


def buxheti(book: xw.Book | None = None, host: Host = CLASSIC) -> str:
    """Button Buxheti: see `budget`."""
    return run(budget, book, host=host)
