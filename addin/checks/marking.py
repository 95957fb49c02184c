"""Write the checked copy of a workbook: a "Kontrolli" sheet of findings and the offending cells marked."""

from __future__ import annotations

from pathlib import Path

from addin.checks.findings import ERROR, Report
from addin.common.messages import MatricaError, counted, t

CHECK_SHEET = "Kontrolli"
SHEET_FIELDS = ("cell", "severity", "code", "message", "value", "sheet", "rule")
ERROR_FILL = "F8CBAD"
WARNING_FILL = "FFE699"


def write_marked_copy(report: Report, src: Path, out: Path, lang: str = "sq") -> Path:
    """Copy `src` to `out` with the findings marked; the input file is only read."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    from addin.workbook.build import HEADER_FILL, HEADER_FONT, load_copy, put, save_atomic

    src, out = Path(src), Path(out)
    if out.resolve() == src.resolve():
        raise MatricaError("same_file", path=src)
    wb = load_copy(src)
    if CHECK_SHEET in wb.sheetnames:
        del wb[CHECK_SHEET]
    fills = {ERROR: PatternFill("solid", fgColor=ERROR_FILL), "warning": PatternFill("solid", fgColor=WARNING_FILL)}
    notes: dict[tuple[str, str], list[str]] = {}
    worst: dict[tuple[str, str], str] = {}
    for f in report.findings:
        address = f.address
        if address and address[0] in wb.sheetnames:
            notes.setdefault(address, []).append(f"[{t('severity:' + f.severity, lang)}] {f.message(lang)}")
            if worst.get(address) != ERROR:
                worst[address] = f.severity
    for (sheet, ref), lines in notes.items():
        cell = _anchor(wb[sheet], ref)
        cell.fill = fills[worst[(sheet, ref)]]
        text = "\n".join(lines)
        cell.comment = Comment(text, "Matrica", width=320, height=min(400, 40 + 18 * len(lines)))

    ws = wb.create_sheet(CHECK_SHEET, 0)
    grid = check_sheet_rows(report, src.name, lang, "copy")
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                put(ws, r, c, value)
    ws.cell(1, 1).font = Font(bold=True, size=13)
    for c in range(1, len(grid[3]) + 1):
        ws.cell(4, c).font, ws.cell(4, c).fill = HEADER_FONT, HEADER_FILL
    for r, f in enumerate(report.findings, start=5):
        for c in range(1, len(grid[3]) + 1):
            ws.cell(r, c).alignment = Alignment(wrap_text=c == 4, vertical="top")
        ws.cell(r, 2).fill = fills[f.severity]
        if f.address and f.address[0] in wb.sheetnames:
            cell = ws.cell(r, 1)
            location = f"{quote_sheetname(f.address[0])}!{f.address[1]}"
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location, display=str(cell.value))
            cell.font = Font(color="0563C1", underline="single")
    ws.cell(legend_row(report), 1).font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", CHECK_WIDTHS, strict=False):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "4:4"
    wb.active = 0
    save_atomic(wb, out)
    return out


def _anchor(ws, ref: str):
    """The cell to mark for `ref`: itself, or the first cell of the merged range it lies in."""
    from openpyxl.cell.cell import MergedCell

    cell = ws[ref]
    if isinstance(cell, MergedCell):
        for merged in ws.merged_cells.ranges:
            if ref in merged:
                return ws.cell(merged.min_row, merged.min_col)
    return cell


def is_marked_copy(path: Path) -> bool:
    """Whether `path` is a copy Matrica marked before (an .xlsx/.xlsm with a Kontrolli sheet): the one kind of
    existing file `validate --out` writes over."""
    import zipfile

    from addin.workbook.sheetxml import sheet_members

    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        with zipfile.ZipFile(path) as z:
            return CHECK_SHEET in sheet_members(z)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):
        return False


# ---------------------------------------------------------------- marking inside Excel (addin/excel/buttons.py)

# Matrica's own fills (addin/workbook/build.py), as hex: what a marked cell goes back to when its mark is cleared.
LAYOUT_FILLS = {"plan": "EDEDED", "input": "FFF2CC", "na": "D0D0D0", "header": "1F4E79"}
SEVERITY_FILLS = {ERROR: ERROR_FILL, "warning": WARNING_FILL}


def check_sheet_rows(report: Report, workbook: str, lang: str = "sq", where: str = "copy") -> list[list[object]]:
    """The Kontrolli sheet as a value grid from A1: title, summary, blank, headers, one row per finding (the rule by
    its name in `lang`; the English sheet also gives its id, for support), then a legend: what an error and a
    warning mean, what the marks are and how to clear them. `where`: "copy" (the marked copy), "excel" (Kontrollo
    colours the cells), "lite" (xlwings Lite: only links)."""
    counts = report.counts
    summary = t("validate_ok" if report.valid else "validate_bad", lang, path=workbook,
                **counted(counts["error"], counts["warning"], lang))
    headers = t("check_headers", lang).split("|")
    width = len(headers)
    grid: list[list[object]] = [[t("check_sheet_title", lang, path=workbook)], [summary], [], headers]
    for f, values in zip(report.findings, report.flatten(SHEET_FIELDS, lang=lang), strict=True):
        values[1] = t(f"severity:{f.severity}", lang)
        values[-1] = t(f"rulename:{f.rule}", lang)
        grid.append(values + [f.rule] * (width - len(values)))
    if not report.findings:
        grid.append([t("check_none", lang)])
    grid.append([])
    grid.append([t("check_legend_title", lang)])
    marks_key = {"copy": "marks-copy", "excel": "marks-excel"}.get(where, "marks-lite")
    clear_key = "clear-copy" if where == "copy" else "clear-excel"
    grid += [[t(f"check_legend:{k}", lang)] for k in ("error", "warning", marks_key, clear_key)]
    return [row + [None] * (width - len(row)) for row in grid]


def legend_row(report: Report) -> int:
    """The Kontrolli sheet's row (1-based) of the legend's title, below the findings."""
    return 4 + max(1, len(report.findings)) + 2


CHECK_WIDTHS = (26, 13, 14, 80, 18, 18, 26, 22)


def marks(report: Report, sheet_names: list[str]) -> dict[tuple[str, str], str]:
    """(sheet, "H14") -> fill hex for every cell a finding points at; an error wins over a warning."""
    out: dict[tuple[str, str], str] = {}
    for f in report.findings:
        address = f.address
        if address and address[0] in sheet_names and out.get(address) != ERROR_FILL:
            out[address] = SEVERITY_FILLS[f.severity]
    return out


def _split_ref(ref: str) -> tuple[int, int]:
    """"H14" -> (14, 7): 1-based row, 0-based column."""
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int("".join(ch for ch in ref if ch.isdigit())), col - 1


def layout_fill(ctx, sheet: str, ref: str) -> str | None:
    """The fill Matrica's builder gives this cell (None: no fill), from the gathered tables (checks.Context).

    Used to clear a previous Kontrollo mark, since Excel's fill cannot be read back in every xlwings engine."""
    from addin.workbook import layout as L

    row, col = _split_ref(ref)
    tables = {ctx.matrix.sheet: ctx.matrix, ctx.indicators.sheet: ctx.indicators}
    tables.update({t_.sheet: t_ for t_ in ctx.monitoring.values()})
    if sheet == L.SHEET_SETTINGS:
        first, last = L.HEADER_ROW + 1, L.HEADER_ROW + len(L.SETTINGS) + len(L.REPORT_SETTINGS)
        if row == L.HEADER_ROW and col <= 2:
            return LAYOUT_FILLS["header"]
        if first <= row <= last and col <= 2:
            keys = [k for k, *_rest in L.SETTINGS] + [k for k, *_rest in L.REPORT_SETTINGS]
            editable = col == 1 and keys[row - first] not in ("plan_id", "format_version")
            return LAYOUT_FILLS["input" if editable else "plan"]
        return None
    if sheet == L.SHEET_NARRATIVE:
        return _narrative_fill(ctx, row, col)
    table = tables.get(sheet)
    if table is None or col not in table.columns.values():
        return None
    if row == table.header_row:
        return LAYOUT_FILLS["header"]
    if row < table.header_row:
        return None
    key = next(k for k, c in table.columns.items() if c == col)
    if sheet == L.SHEET_MATRIX and key in {c.key for c in L.MATRIX_BUDGET_COLUMNS}:
        return LAYOUT_FILLS["input"]
    monitoring = {c.key for c in L.MONITORING_INPUT_COLUMNS}
    if sheet not in {t_.sheet for t_ in ctx.monitoring.values()} or key not in monitoring:
        return LAYOUT_FILLS["plan"]
    entry = next((e for es in ctx.entries.values() for e in es if e.sheet == sheet and e.row == row), None)
    if entry is None or entry.indicator is None:
        return LAYOUT_FILLS["input"]
    inputs = {"actual", "notes"}
    if entry.first_of_activity:
        inputs |= set(L.PER_ACTIVITY_INPUTS)
    for part in entry.indicator.disaggregation:
        inputs |= set(L.DISAGGREGATION_PARTS[part])
    return LAYOUT_FILLS["input" if key in inputs else "na"]


def _narrative_fill(ctx, row: int, col: int) -> str | None:
    """The Narrativa sheet's fill of a cell, from its row's part (as `narrative.block_rows` writes it)."""
    from addin.workbook.narrative import KEYS, fills_of

    n = ctx.narrative
    if col >= len(KEYS) or row < n.header_row:
        return None
    if row == n.header_row:
        return LAYOUT_FILLS["header"]
    entry = next((e for e in n.entries if e.row == row), None)
    if entry is None or entry.part is None:
        return LAYOUT_FILLS["input"]
    return fills_of(entry.part)[0][col]
