"""Write the checked copy of a workbook: a "Kontrolli" sheet of findings and the offending cells marked."""

from __future__ import annotations

from pathlib import Path

from addin.findings import ERROR, Report
from addin.messages import MatricaError, t

CHECK_SHEET = "Kontrolli"
SHEET_FIELDS = ("cell", "severity", "code", "message", "value", "sheet", "rule")
ERROR_FILL = "F8CBAD"
WARNING_FILL = "FFE699"


def write_marked_copy(report: Report, src: Path, out: Path, lang: str = "sq") -> Path:
    """Copy `src` to `out` with the findings marked; the input file is only read."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    from addin.build import HEADER_FILL, HEADER_FONT, put, save_atomic

    src, out = Path(src), Path(out)
    if out.resolve() == src.resolve():
        raise MatricaError("same_file", path=src)
    wb = load_workbook(src, keep_vba=src.suffix.lower() == ".xlsm")
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
        cell = wb[sheet][ref]
        cell.fill = fills[worst[(sheet, ref)]]
        text = "\n".join(lines)
        cell.comment = Comment(text, "Matrica", width=320, height=min(400, 40 + 18 * len(lines)))

    ws = wb.create_sheet(CHECK_SHEET, 0)
    put(ws, 1, 1, t("check_sheet_title", lang, path=src.name)).font = Font(bold=True, size=13)
    counts = report.counts
    summary = t("validate_ok" if report.valid else "validate_bad", lang, path=src.name,
                errors=counts["error"], warnings=counts["warning"])
    put(ws, 2, 1, summary)
    headers = t("check_headers", lang).split("|")
    for c, h in enumerate(headers, start=1):
        cell = put(ws, 4, c, h)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    rows = report.flatten(SHEET_FIELDS, lang=lang)
    for r, (f, values) in enumerate(zip(report.findings, rows, strict=True), start=5):
        values[1] = t(f"severity:{f.severity}", lang)
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value).alignment = Alignment(wrap_text=c == 4, vertical="top")
        ws.cell(r, 2).fill = fills[f.severity]
        if f.address and f.address[0] in wb.sheetnames:
            cell = ws.cell(r, 1)
            location = f"{quote_sheetname(f.address[0])}!{f.address[1]}"
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location, display=str(cell.value))
            cell.font = Font(color="0563C1", underline="single")
    if not report.findings:
        put(ws, 5, 1, t("check_none", lang))
    for letter, width in zip("ABCDEFG", (26, 13, 14, 80, 18, 18, 22), strict=True):
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
