"""The budget view as files a budget office works with (`matrica budget --out`).

- `.xlsx`: a read-me sheet, one tidy Excel table (*Të dhënat*, one row per activity × year, filterable, ready for a
  PivotTable) and formatted summary sheets whose totals are Excel formulas (SUMIFS / COUNTIFS over that table),
  so a person can check every total against the rows and they stay right if rows are edited;
- `.csv`: the same table, UTF-8 with a BOM (so Excel shows ë and ç), `;` (decimal comma) or `,` (decimal point).

Text a person typed that starts with =, +, - or @ is written as text, never as a formula. Files are written to a
temporary file and renamed into place; the workbook read is never written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from addin.common.files import write_atomic
from addin.common.messages import MatricaError, t
from addin.common.text import FORMULA_PREFIXES
from addin.figures.budget import (
    BudgetData,
    BudgetLine,
    flag_text,
    group_label,
    group_totals,
    period_totals,
    years_text,
)
from addin.figures.summary import source_label

TABLE = "tbl_buxheti"
SHEETS = ("readme", "data", "years", "field", "source", "institution", "programme", "reporter")  # budget_x_sheets
SUMMARY_GROUPS = ("field", "source", "institution", "programme", "reporter")


@dataclass(frozen=True)
class Col:
    key: str
    width: float
    kind: str = "text"  # text, lek, pct, int


# The tidy table's columns; their headers (also the names of the structured references) are "budget_x_columns".
COLUMNS = (
    Col("year", 7, "int"), Col("field", 34), Col("objective", 9), Col("code", 11), Col("activity", 50),
    Col("institution", 40), Col("programme", 28), Col("source", 34), Col("funding_printed", 28), Col("shared", 10),
    Col("scheduled", 10), Col("quantified", 10), Col("cost_printed", 26), Col("planned", 14, "lek"),
    Col("estimated", 16, "lek"), Col("allocated", 14, "lek"), Col("spent", 14, "lek"), Col("spent_source", 28),
    Col("reporter", 28), Col("execution_pct", 11, "pct"), Col("execution_allocated_pct", 11, "pct"),
    Col("cum_planned", 14, "lek"), Col("cum_allocated", 14, "lek"), Col("cum_spent", 14, "lek"),
    Col("share_pct", 11, "pct"), Col("flags", 40),
)
# The summary sheets' columns; headers "budget_x_summary_columns".
SUMMARY_COLUMNS = (
    Col("name", 46), Col("year", 11), Col("planned", 15, "lek"), Col("estimated", 16, "lek"),
    Col("allocated", 15, "lek"), Col("spent", 15, "lek"), Col("execution_pct", 12, "pct"),
    Col("execution_allocated_pct", 12, "pct"), Col("activities", 11, "int"), Col("reporting", 11, "int"),
)
SUMMARY_HEADER_ROW = 4
SUMMARY_LETTERS = {c.key: chr(ord("A") + i) for i, c in enumerate(SUMMARY_COLUMNS)}
FORMATS = {"lek": "#,##0", "pct": "0.0", "int": "0"}


def headers(lang: str = "sq") -> dict[str, str]:
    """The tidy table's header per column key, in the language of the export."""
    return dict(zip((c.key for c in COLUMNS), t("budget_x_columns", lang).split("|"), strict=True))


def summary_headers(lang: str = "sq") -> dict[str, str]:
    return dict(zip((c.key for c in SUMMARY_COLUMNS), t("budget_x_summary_columns", lang).split("|"), strict=True))


def sheet_names(lang: str = "sq") -> dict[str, str]:
    """The export's sheet names: "readme", "data", "years", then one per grouping."""
    return dict(zip(SHEETS, t("budget_x_sheets", lang).split("|"), strict=True))


def no_data(lang: str = "sq") -> str:
    return t("no_data_short", lang)


NOT_PLANNED = "—"


def _yes(value: bool, lang: str) -> str:
    return t("report_yes" if value else "report_no", lang)


def table_rows(data: BudgetData, lang: str = "sq") -> list[list[object]]:
    """The tidy table's rows, one per activity × year, values as they go into cells (None: empty cell)."""
    from addin.common.vocab import FUNDING, label

    def r1(v: float | None) -> float | None:
        return None if v is None else round(v, 1)

    labels: dict[tuple[str, str], str] = {}

    def group(by: str, key: str) -> str:
        if (by, key) not in labels:
            labels[(by, key)] = group_label(data, by, key, lang)
        return labels[(by, key)]

    rows = []
    for b in data.lines:
        values = {
            "year": b.year, "field": group("field", b.field), "objective": b.objective, "code": b.code,
            "activity": b.activity, "institution": group("institution", b.institution),
            "programme": group("programme", b.programme or ""), "source": source_label(b.source, lang),
            "funding_printed": b.funding_printed or None, "shared": _yes(b.shared, lang),
            "scheduled": _yes(b.scheduled, lang), "quantified": _yes(b.quantified, lang) if data.has_costs else None,
            "cost_printed": b.cost_printed or None,
            "planned": b.planned, "estimated": b.estimated, "allocated": b.allocated, "spent": b.spent,
            "spent_source": label(FUNDING, b.spent_source, lang) if b.spent_source in FUNDING else None,
            "reporter": group("reporter", b.reported_by or ""),
            "execution_pct": r1(b.execution_pct), "execution_allocated_pct": r1(b.execution_allocated_pct),
            "cum_planned": b.cum_planned, "cum_allocated": b.cum_allocated, "cum_spent": b.cum_spent,
            "share_pct": r1(b.share_pct), "flags": "; ".join(flag_text(f, data.margin, lang) for f in b.flags) or None,
        }
        rows.append([values[c.key] for c in COLUMNS])
    return rows


def write_budget(data: BudgetData, out: Path, source: Path | None = None, *, by: Sequence[str], lang: str = "sq",
                 sep: str = ";") -> Path:
    """Write the budget view to `out` (.xlsx or .csv); never over the workbook it was read from."""
    out = Path(out)
    if source is not None and out.resolve() == Path(source).resolve():
        raise MatricaError("same_file", path=source)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise MatricaError("budget_bad_out", path=out)
    from addin.common.files import check_output_file

    check_output_file(out, () if source is None else (Path(source),), replace=is_budget_export)
    try:
        if suffix == ".xlsx":
            return write_xlsx(data, out, by=by, lang=lang)
        return write_csv(data, out, lang=lang, sep=sep)
    except OSError as exc:  # a folder that cannot be made or written: nothing is left behind (write_atomic)
        raise MatricaError("budget_write_failed", path=out, detail=exc.strerror or type(exc).__name__) from None


def is_budget_export(path: Path) -> bool:
    """Whether `path` is a budget view Matrica wrote before (an .xlsx with only the export's sheets, or a CSV
    starting with its header, in either language): the one kind of existing file `budget --out` writes over."""
    import zipfile

    from addin.workbook.sheetxml import sheet_members

    path = Path(path)
    names = {n for lang in ("sq", "en") for n in sheet_names(lang).values()}
    try:
        if path.suffix.lower() == ".xlsx":
            with zipfile.ZipFile(path) as z:
                sheets = set(sheet_members(z))
            return bool(sheets) and sheets <= names
        if path.suffix.lower() == ".csv":
            with path.open("rb") as fh:
                first = fh.read(4096).decode("utf-8", "replace").lstrip("\ufeff").splitlines()[:1]
            starts = {sep.join(list(headers(lang).values())[:3]) for lang in ("sq", "en") for sep in (";", ",")}
            return bool(first) and any(first[0].startswith(s) for s in starts)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):
        return False
    return False


# ---------------------------------------------------------------- CSV


def csv_text(value: object, sep: str) -> object:
    """A value as it goes into the CSV: typed text that Excel would run as a formula gets a leading apostrophe;
    decimals with a comma when the separator is ';' (how Excel reads CSV with Albanian/European settings)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, float) and sep == ";":
        return f"{value:g}".replace(".", ",")
    return value


def write_csv(data: BudgetData, out: Path, lang: str = "sq", sep: str = ";") -> Path:
    """The tidy table as CSV: UTF-8 with a BOM, `sep` between fields."""
    import csv

    rows = table_rows(data, lang)

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=sep, lineterminator="\r\n")
            w.writerow(list(headers(lang).values()))
            for row in rows:
                w.writerow(["" if v is None else csv_text(v, sep) for v in row])

    return write_atomic(out, write)


# ---------------------------------------------------------------- XLSX


def _ref(header: str) -> str:
    """A structured reference to a column of the data table: tbl_buxheti[Planifikuar (lekë)]."""
    escaped = "".join("'" + ch if ch in "[]#'" else ch for ch in header)
    return f"{TABLE}[{escaped}]"


def _criteria(cell: str, label: str) -> str:
    """The criteria text for SUMIFS/COUNTIFS matching `cell` exactly: "=" first (so a label is never read as an
    operator) and Excel's wildcards escaped when the label has any."""
    expr = cell
    for ch in "~*?":
        if ch in label:
            expr = f'SUBSTITUTE({expr},"{ch}","~{ch}")'
    return f'"="&{expr}'


def _formulas(crit: str, lang: str) -> dict[str, str]:
    """The formulas of one summary row for the criteria pairs `crit` ("tbl[Col],"="&$A5, …")."""
    c = f",{crit}"
    names = headers(lang)
    planned, spent, allocated, estimated = (_ref(names[k]) for k in ("planned", "spent", "allocated", "estimated"))
    none = no_data(lang)
    count = f"COUNTIFS({crit})"

    def total(col: str, empty: str) -> str:
        return f'IF(COUNTIFS({col},"<>"{c})=0,"{empty}",SUMIFS({col}{c}))'

    return {
        "planned": total(planned, NOT_PLANNED),
        "estimated": total(estimated, NOT_PLANNED),
        "allocated": total(allocated, none),
        "spent": total(spent, none),
        # rates from the amounts printed on the same row ({planned}, {spent}, {allocated} are that row's cells)
        "execution_pct": '_RATE_(spent,planned)',
        "execution_allocated_pct": '_RATE_(spent,allocated)',
        "activities": count,
        "reporting": f'COUNTIFS({spent},"<>"{c})',
    }


def write_xlsx(data: BudgetData, out: Path, *, by: Sequence[str], lang: str = "sq") -> Path:
    """The read-me sheet, the data table and one summary sheet per grouping (formulas over the table)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    from addin.workbook.build import HEADER_FILL, HEADER_FONT, TITLE_FONT, put, save_atomic

    names, heads, none = sheet_names(lang), headers(lang), no_data(lang)
    title = t("budget_title", lang, title=data.plan.title, years=years_text(data.years))
    wb = Workbook()
    readme = wb.active
    readme.title = names["readme"]
    _readme(readme, data, lang)

    ws = wb.create_sheet(names["data"])
    rows = table_rows(data, lang)
    for c, col in enumerate(COLUMNS, start=1):
        cell = put(ws, 1, c, heads[col.key])
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = col.width
    ws.row_dimensions[1].height = 45
    for r, row in enumerate(rows, start=2):
        for c, (col, value) in enumerate(zip(COLUMNS, row, strict=True), start=1):
            cell = put(ws, r, c, value)
            if col.kind in FORMATS:
                cell.number_format = FORMATS[col.kind]
    last = max(2, len(rows) + 1)
    table = Table(displayName=TABLE, ref=f"A1:{get_column_letter(len(COLUMNS))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = "F2"
    _print(ws, data, fit=False)

    banner = PatternFill("solid", fgColor="C00000")
    total = t("budget_total", lang)
    for g in [None, *by]:
        ss = wb.create_sheet(names[g or "years"])
        put(ss, 1, 1, ("SHEMBULL — " if data.example else "") + title).font = TITLE_FONT
        if data.example:  # a red banner across the table, as on the example workbook's sheets
            put(ss, 2, 1, t("report_example_banner", lang)).font = Font(bold=True, color="FFFFFF")
            for c in range(1, len(SUMMARY_COLUMNS) + 1):
                ss.cell(row=2, column=c).fill = banner
        put(ss, 3, 1, _summary_note(data, lang)).font = Font(italic=True, color="595959")
        for c, (col, header) in enumerate(zip(SUMMARY_COLUMNS, summary_headers(lang).values(), strict=True), start=1):
            cell = put(ss, SUMMARY_HEADER_ROW, c, header)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ss.column_dimensions[get_column_letter(c)].width = col.width
        ss.row_dimensions[SUMMARY_HEADER_ROW].height = 45
        keys = list(dict.fromkeys(x.key for x in group_totals(data, g, lang=lang))) if g else []
        labels: list[str | None] = [group_label(data, g, k, lang) for k in keys] + [None]  # None: the total
        r = SUMMARY_HEADER_ROW + 1
        for label in labels:
            for year in [*data.years, None]:
                if year is None and len(data.years) == 1:
                    continue
                name = put(ss, r, 1, total if label is None else label)
                if label is not None and len(label) > SUMMARY_COLUMNS[0].width:  # a long name shown whole
                    name.alignment = Alignment(wrap_text=True, vertical="top")
                    ss.row_dimensions[r].height = 15 * -(-len(label) // int(SUMMARY_COLUMNS[0].width)) + 2
                put(ss, r, 2, year if year is not None else years_text(data.years))
                crit = []
                if label is not None:
                    crit.append(f"{_ref(heads[g])},{_criteria(f'$A{r}', label)}")
                # every row has a year criterion (SUMIFS needs one): the row's year, or any year of the table
                crit.append(f"{_ref(heads['year'])},$B{r}" if year is not None else f'{_ref(heads["year"])},"<>"')
                formulas = _formulas(",".join(crit), lang)
                for c, col in enumerate(SUMMARY_COLUMNS, start=1):
                    formula = formulas.get(col.key)
                    if formula is None:
                        continue
                    if formula.startswith("_RATE_("):  # from the amounts printed on the same row
                        part, whole = (f"{SUMMARY_LETTERS[k]}{r}" for k in formula[7:-1].split(","))
                        formula = (f'IF(AND(ISNUMBER({part}),ISNUMBER({whole})),IF({whole}>0,'
                                   f'ROUND({part}/{whole}*100,1),"{none}"),"{none}")')
                    cell = ss.cell(row=r, column=c, value="=" + formula)
                    cell.number_format = FORMATS.get(col.kind, "General")
                    cell.alignment = Alignment(horizontal="right")
                if year is None or label is None:
                    for c in range(1, len(SUMMARY_COLUMNS) + 1):
                        ss.cell(row=r, column=c).font = Font(bold=True)
                r += 1
        ss.freeze_panes = f"C{SUMMARY_HEADER_ROW + 1}"
        ss.print_title_rows = f"{SUMMARY_HEADER_ROW}:{SUMMARY_HEADER_ROW}"
        _print(ss, data)
    wb.properties.title = title
    wb.properties.creator = "Matrica"
    save_atomic(wb, out)
    return out


def _summary_note(data: BudgetData, lang: str) -> str:
    return t("budget_x_summary_note", lang, sheet=sheet_names(lang)["data"], table=TABLE, none=no_data(lang),
             dash=NOT_PLANNED)


def _print(ws, data: BudgetData, fit: bool = True) -> None:
    """A4 landscape; one page wide unless `fit` is False (the 26-column data table prints across pages)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if fit:
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.print_title_rows = "1:1"
    ws.oddHeader.left.text = data.plan.short_title
    if data.example:
        ws.oddHeader.center.text = "SHEMBULL — të dhëna ilustruese, jo të dhëna reale"
    ws.oddFooter.center.text = "&P / &N"


def _readme(ws, data: BudgetData, lang: str) -> None:
    """The read-me sheet: what the file holds and how each column is computed ("budget_x_readme", one paragraph a
    line; a line starting with "## " is a heading)."""
    from openpyxl.styles import Alignment, Font

    from addin.workbook.build import TITLE_FONT, put

    plan, names = data.plan, sheet_names(lang)
    lines: list[tuple[str, object]] = []
    if data.example:
        lines.append((t("report_example_banner", lang), Font(bold=True, color="C00000", size=13)))
    lines.append((t("budget_title", lang, title=plan.title, years=years_text(data.years)), TITLE_FONT))
    if not plan.has_costs:
        lines.append((t("budget_no_costs", lang), Font(bold=True)))
    text = t("budget_x_readme", lang, book=Path(data.path).name, table=TABLE, data=names["data"],
             years=names["years"], start=plan.start_year, margin=f"{data.margin:g}")
    for line in text.split("\n"):
        heading = line.startswith("## ")
        lines.append((line[3:] if heading else line, Font(bold=True) if heading else None))
    for r, (value, font) in enumerate(lines, start=1):
        cell = put(ws, r, 1, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font is not None:
            cell.font = font
        # Excel and LibreOffice do not refit row heights on opening: give wrapped text its lines
        ws.row_dimensions[r].height = 16 * max(1, -(-len(str(value)) // 120)) + 2
    ws.column_dimensions["A"].width = 130
    _print(ws, data)


__all__ = ["COLUMNS", "BudgetLine", "headers", "is_budget_export", "period_totals", "sheet_names", "table_rows",
           "write_budget",
           "write_csv", "write_xlsx"]
