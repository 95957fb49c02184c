"""Example (illustrative, not real) monitoring data: how a workbook is marked as such, and how one is made.

A workbook holds example data when its *Parametrat* sheet has the row "Të dhëna shembull" = "po". That row is
written only by `make_example_workbook`, which fills a bundled workbook from a reviewable CSV
(`workbooks/examples/<plan>-shembull.csv`) and marks every place people look: the settings row, a red banner
row and a print header on each filled monitoring sheet, a line on the guide sheet, and "SHEMBULL" before
every note. Reports made from such a workbook say so on every page.
"""

from __future__ import annotations

import csv
from pathlib import Path

from addin.common.text import fold, is_whole
from addin.workbook import layout as L
from addin.workbook.reader import WorkbookData

EXAMPLE_SETTING = "Të dhëna shembull"
EXAMPLE_HELP = ("'po' do të thotë që vlerat e monitorimit në këtë libër janë shembull ilustrues, jo të dhëna reale; "
                "raportet e shënojnë në çdo faqe.")
EXAMPLE_BANNER = "SHEMBULL — të dhëna ilustruese, jo të dhëna reale"
NOTE_PREFIX = "SHEMBULL: "
CSV_COLUMNS = ("year", "field", "activity", "n", *(c.key for c in L.MONITORING_INPUT_COLUMNS))
# The budget directorate's example inputs on the matrix sheet (workbooks/examples/<plan>-shembull-buxheti.csv):
# an illustrative programme per activity (names that say they are examples, no codes) and an estimated cost.
BUDGET_CSV_COLUMNS = ("field", "code", "programme", "estimated_cost")
TEXT_KEYS = ("status", "funding", "reported_by", "notes")


class ExampleDataError(ValueError):
    """A row of the example CSV that does not fit the workbook; names the file and line."""


def is_example(wb: WorkbookData) -> bool:
    """True when the workbook's settings sheet says "Të dhëna shembull" = "po"."""
    target = fold(EXAMPLE_SETTING)
    for row in wb.values(L.SHEET_SETTINGS)[:80]:
        for c, v in enumerate(row[:-1]):
            if fold(v) == target:
                return fold(row[c + 1]) in ("po", "yes", "true", "1")
    return False


def example_csv_path(folder: Path, plan_id: str) -> Path:
    return Path(folder) / f"{plan_id}-shembull.csv"


def example_budget_csv_path(csv_path: Path) -> Path:
    """The budget CSV that goes with an example CSV: `<plan>-shembull-buxheti.csv` beside it."""
    return Path(csv_path).with_name(Path(csv_path).stem + "-buxheti.csv")


def example_workbook_path(folder: Path, plan_id: str) -> Path:
    return Path(folder) / f"{plan_id}-shembull.xlsx"


def _cell_value(key: str, text: str) -> object:
    """A CSV text as it would be typed in Excel: numbers as numbers, everything else as text."""
    if text == "" or key in TEXT_KEYS:
        return text or None
    try:
        number = float(text)
    except ValueError:
        return text  # "po" / "jo" for milestones
    return int(number) if is_whole(number) else number


def read_example_csv(path: Path) -> dict[int, list[tuple[int, dict[str, str]]]]:
    """The CSV rows by year, each with its line number."""
    by_year: dict[int, list[tuple[int, dict[str, str]]]] = {}
    for line, row in csv_rows(path, CSV_COLUMNS):
        try:
            year = int(row["year"])
        except ValueError:
            raise ExampleDataError(f"{path}:{line}: year {row['year']!r} is not a year") from None
        by_year.setdefault(year, []).append((line, row))
    return by_year


def csv_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of an example CSV with their line numbers; ExampleDataError naming the file when its header is not
    `columns`."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            raise ExampleDataError(f"{path}:1: header should be {','.join(columns)}")
        return [(reader.line_num, row) for row in reader]


def make_example_workbook(src: Path, csv_path: Path, out: Path) -> Path:
    """Write `out`: a copy of the plan workbook `src` with the example values of `csv_path` filled in and
    marked as example data everywhere. The source workbook is only read."""
    from openpyxl import load_workbook

    from addin.workbook.build import put, save_atomic

    if Path(out).resolve() == Path(src).resolve():
        raise ExampleDataError(f"{out}: the example must not overwrite its source workbook")
    wb = load_workbook(src)
    for year, rows in sorted(read_example_csv(csv_path).items()):
        sheet = L.monitoring_sheet(year)
        if sheet not in wb.sheetnames:
            raise ExampleDataError(f"{csv_path}:{rows[0][0]}: the workbook has no sheet {sheet!r}")
        ws = wb[sheet]
        header = {ws.cell(L.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
        col = {c.key: header[c.header] for c in L.MONITORING_COLUMNS}
        where = {}
        for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
            key = (str(ws.cell(r, col["field"]).value), str(ws.cell(r, col["activity"]).value),
                   str(ws.cell(r, col["n"]).value))
            where[key] = r
        for line, row in rows:
            r = where.get((row["field"], row["activity"], row["n"]))
            if r is None:
                raise ExampleDataError(
                    f"{csv_path}:{line}: {row['field']} {row['activity']} #{row['n']} is not an indicator of {sheet!r}")
            for c in L.MONITORING_INPUT_COLUMNS:
                value = _cell_value(c.key, row[c.key].strip())
                if value is None:
                    continue
                if c.key == "notes":
                    value = NOTE_PREFIX + str(value)
                put(ws, r, col[c.key], value)
        banner(ws)
    budget_csv = example_budget_csv_path(csv_path)
    if budget_csv.is_file():
        _fill_budget(wb, budget_csv)
    narrative = narrative_csv_path(csv_path)
    if narrative.exists():
        fill_narrative(wb, narrative)
    objectives = objectives_csv_path(csv_path)
    if objectives.exists():
        _fill_objective_values(wb, objectives)
    for name in (L.SHEET_SUMMARY, L.SHEET_NARRATIVE, L.SHEET_SETTINGS):  # example figures and texts show there too
        if name in wb.sheetnames:
            label_sheet(wb[name])
    mark_example(wb, 3)
    save_atomic(wb, out)
    return Path(out)


def banner(ws) -> None:
    """The red example banner across a monitoring sheet of an openpyxl workbook, and "SHEMBULL" in its title and
    print header."""
    from openpyxl.styles import Alignment

    mark_sheet(ws, ". Vlerat e kësaj flete janë shembull për të provuar Matricën dhe raportet; mos i përdorni si "
                   "të dhëna të Bashkisë.", across=True)
    ws.cell(L.SUBTITLE_ROW, 1).alignment = Alignment(vertical="center")
    ws.row_dimensions[L.SUBTITLE_ROW].height = 22


def mark_sheet(ws, note: str, across: bool = False) -> None:
    """`label_sheet`, and the red example banner `EXAMPLE_BANNER` + `note` in the sheet's subtitle row (its first
    cell, or `across` every column)."""
    from openpyxl.styles import Font, PatternFill

    from addin.workbook.build import put

    label_sheet(ws)
    put(ws, L.SUBTITLE_ROW, 1, f"{EXAMPLE_BANNER}{note}")
    fill, font = PatternFill("solid", fgColor="C00000"), Font(bold=True, color="FFFFFF", size=12)
    for c in range(1, (ws.max_column if across else 1) + 1):
        ws.cell(L.SUBTITLE_ROW, c).fill, ws.cell(L.SUBTITLE_ROW, c).font = fill, font


def label_sheet(ws) -> None:
    """"SHEMBULL" before a sheet's title and the example banner in its print header (a sheet whose figures or
    texts come from the example data: its own instructions stay as they are)."""
    title = ws.cell(L.TITLE_ROW, 1).value
    if title and not str(title).startswith("SHEMBULL"):
        ws.cell(L.TITLE_ROW, 1).value = f"SHEMBULL — {title}"
    ws.oddHeader.center.text = EXAMPLE_BANNER
    ws.oddHeader.center.color = "C00000"


def mark_example(wb, guide_row: int) -> None:
    """Mark an openpyxl workbook as holding example data: the settings row "Të dhëna shembull" = "po", a red line
    on the guide sheet (at `guide_row`) and the file's title."""
    from openpyxl.styles import Font

    from addin.workbook.build import put

    _mark_settings(wb)
    guide = wb[L.SHEET_GUIDE]
    put(guide, guide_row, 1, f"{EXAMPLE_BANNER}: vlerat e monitorimit në këtë libër janë shembull ilustrues.")
    guide.cell(guide_row, 1).font = Font(bold=True, color="C00000")
    wb.properties.title = f"{wb.properties.title or ''} (SHEMBULL)".strip()


def _fill_budget(wb, path: Path) -> None:
    """The example programmes (on the lists sheet and per activity) and estimated costs, marked as examples."""
    from addin.workbook.build import put

    rows = csv_rows(path, BUDGET_CSV_COLUMNS)
    ws = wb[L.SHEET_MATRIX]
    header = {ws.cell(L.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    col = {c.key: header[c.header] for c in L.MATRIX_BUDGET_COLUMNS}
    where = {(str(ws.cell(r, 1).value), str(ws.cell(r, header["Kodi"]).value)): r
             for r in range(L.FIRST_DATA_ROW, ws.max_row + 1)}
    programmes: list[str] = []
    for line, row in rows:
        r = where.get((row["field"], row["code"]))
        if r is None:
            raise ExampleDataError(f"{path}:{line}: {row['field']} {row['code']} is not an activity of the plan")
        programme, estimate = row["programme"].strip(), row["estimated_cost"].strip()
        if programme:
            put(ws, r, col["programme"], programme)
            if programme not in programmes:
                programmes.append(programme)
        if estimate:
            put(ws, r, col["estimated_cost"], _cell_value("estimated_cost", estimate))
    for sheet, note in ((ws, "programet buxhetore dhe kostot e vlerësuara nga bashkia në këtë fletë janë shembull"),
                        (wb[L.SHEET_LISTS], "programet buxhetore në këtë listë janë shembull")):
        mark_sheet(sheet, f": {note}, jo të dhëna të Bashkisë.")
    lists = wb[L.SHEET_LISTS]
    c = next(cell.column for cell in lists[L.HEADER_ROW] if cell.value == dict(L.LIST_COLUMNS)["programmes"])
    for r, name in enumerate(programmes, start=L.FIRST_DATA_ROW):
        put(lists, r, c, name)
def narrative_csv_path(csv_path: Path) -> Path:
    """The example's report texts beside its values: `<plan>-shembull-narrativa.csv`."""
    csv_path = Path(csv_path)
    return csv_path.with_name(f"{csv_path.stem}-narrativa.csv")


NARRATIVE_CSV_COLUMNS = ("year", "part", "field", "text", "responsible", "status", "comment")
OBJECTIVES_CSV_COLUMNS = ("field", "code", "year", "value")


def objectives_csv_path(csv_path: Path) -> Path:
    """The example's values of the objectives' own indicators: `<plan>-shembull-objektivat.csv`."""
    csv_path = Path(csv_path)
    return csv_path.with_name(f"{csv_path.stem}-objektivat.csv")


def _fill_objective_values(wb, path: Path) -> None:
    """The example values of the objectives' indicators, in their yellow year columns; the sheet marked."""
    from addin.workbook.build import put

    ws = wb[L.SHEET_OBJECTIVES]
    header = {ws.cell(L.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    code_col = header[next(c.header for c in L.OBJECTIVE_COLUMNS if c.key == "code")]
    where = {(str(ws.cell(r, 1).value), str(ws.cell(r, code_col).value)): r
             for r in range(L.FIRST_DATA_ROW, ws.max_row + 1)}
    for line, row in csv_rows(path, OBJECTIVES_CSV_COLUMNS):
        r = where.get((row["field"], row["code"]))
        c = header.get(L.objective_value_header(int(row["year"]))) if row["year"].isdigit() else None
        if r is None or c is None:
            raise ExampleDataError(f"{path}:{line}: no objective {row['field']} {row['code']} "
                                   f"with a column for {row['year']}")
        put(ws, r, c, _cell_value("actual", row["value"].strip()))
    mark_sheet(ws, ": vlerat e treguesve të objektivave në këtë fletë janë shembull, jo të dhëna të Bashkisë.")


def _marked(text: str) -> str:
    """Every line of an example text starts with "SHEMBULL: " (each becomes a paragraph or a recommendation)."""
    return "\n".join(NOTE_PREFIX + line for line in text.splitlines() if line.strip())


def fill_narrative(wb, csv_path: Path) -> None:
    """Write the example's report texts (`part` = a Narrativa part key, or "setting" with the Parametrat key in
    `field`) into the Narrativa and Parametrat sheets of an openpyxl workbook, each line marked "SHEMBULL: "."""
    from addin.workbook.build import put

    ws = wb[L.SHEET_NARRATIVE]
    header = {ws.cell(L.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    col = {c.key: header[c.header] for c in L.NARRATIVE_COLUMNS}
    labels = {label: key for key, (label, _scope) in L.NARRATIVE_PARTS.items()}
    rows: dict[tuple, list[int]] = {}
    for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
        part = labels.get(ws.cell(r, col["part"]).value)
        key = (ws.cell(r, col["year"]).value, part, ws.cell(r, col["field"]).value if part != "follow_up" else None)
        rows.setdefault(key, []).append(r)
    settings = {label: key for key, label, _h in L.REPORT_SETTINGS}
    for line, row in csv_rows(csv_path, NARRATIVE_CSV_COLUMNS):
        if row["part"] == "setting":
            _set_setting(wb, settings, row["field"], _marked(row["text"]), csv_path, line)
            continue
        year = int(row["year"]) if row["year"].isdigit() else None
        key = (year, row["part"], None if row["part"] == "follow_up" else (row["field"] or None))
        free = rows.get(key) or []
        if not free:
            raise ExampleDataError(f"{csv_path}:{line}: no Narrativa row for {row['year']} {row['part']} "
                                   f"{row['field']}".rstrip())
        r = free.pop(0)
        values = {"text": _marked(row["text"]), "responsible": row["responsible"], "status": row["status"],
                  "comment": _marked(row["comment"])}
        if row["part"] == "follow_up":
            values["field"] = row["field"]
        for k, value in values.items():
            if value:
                put(ws, r, col[k], value)


def _set_setting(wb, settings: dict[str, str], key: str, value: str, csv_path: Path, line: int) -> None:
    ws = wb[L.SHEET_SETTINGS]
    label = next((lbl for lbl, k in settings.items() if k == key), None)
    for r in range(1, ws.max_row + 1):
        if label is not None and ws.cell(r, 1).value == label:
            ws.cell(r, 2).value = value
            return
    raise ExampleDataError(f"{csv_path}:{line}: no Parametrat row for the setting {key!r}")


def _mark_settings(wb) -> None:
    """Add (or set) the row "Të dhëna shembull" = "po" inside the settings table."""
    from openpyxl.styles import Font

    from addin.workbook.build import BORDER, PLAN_FILL, put

    ws = wb[L.SHEET_SETTINGS]
    target = fold(EXAMPLE_SETTING)
    row = next((r for r in range(L.FIRST_DATA_ROW, ws.max_row + 1) if fold(ws.cell(r, 1).value) == target), None)
    if row is None:
        row = ws.max_row + 1
        for table in ws.tables.values():
            first, _last = table.ref.split(":")
            table.ref = f"{first}:C{row}"
            if table.autoFilter is not None:
                table.autoFilter.ref = table.ref
    for c, value in enumerate((EXAMPLE_SETTING, "po", EXAMPLE_HELP), start=1):
        cell = put(ws, row, c, value)
        cell.fill, cell.border = PLAN_FILL, BORDER
    ws.cell(row, 2).font = Font(bold=True, color="C00000")
