"""Build a plan workbook (openpyxl): plan sheets locked, monitoring sheets to fill, lists and settings."""

from __future__ import annotations

import math
import weakref
from collections.abc import Collection, Iterable, Sequence
from copy import copy
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from addin.common.files import write_atomic
from addin.common.text import FORMULA_PREFIXES, is_whole
from addin.common.vocab import (
    DIRECTIONS,
    DISAGGREGATIONS,
    FOLLOW_UP,
    FUNDING,
    KINDS,
    SCOPES,
    STATUSES,
    YES_NO,
    labels,
)
from addin.plan.model import Activity, Indicator, Plan
from addin.workbook import layout as L

if TYPE_CHECKING:
    from addin.workbook.parts import Part

PLAN_FILL = PatternFill("solid", fgColor="EDEDED")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
NA_FILL = PatternFill("solid", fgColor="D0D0D0")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color="1F4E79")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)
ALIGN_HEADER = Alignment(wrap_text=True, vertical="center")
ALIGN_TOP = Alignment(wrap_text=False, vertical="top")
ALIGN_TOP_WRAP = Alignment(wrap_text=True, vertical="top")
LEK_FORMAT = "#,##0"

_STYLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def style(cell: Cell, **attrs: object) -> Cell:
    """Set a cell's style attributes (fill=, border=, protection=, alignment=, font=, number_format=).

    openpyxl hashes every style object at each assignment, which made building a large plan slow; the outcome of
    each (current style, change) pair is computed once per workbook and then copied. Pass shared constants (their
    identity is the cache key)."""
    cache = _STYLES.setdefault(cell.parent.parent, {})
    key = (cell._style.tobytes() if cell._style else b"", *attrs, *map(id, attrs.values()))
    hit = cache.get(key)
    if hit is None:
        for k, v in attrs.items():
            setattr(cell, k, v)
        cache[key] = (copy(cell._style), attrs)  # attrs keeps the objects alive, so their ids stay theirs
    else:
        cell._style = copy(hit[0])
    return cell


def cell_ranges(cells: Iterable[tuple[int, int]]) -> str:
    """A space-separated range list ("H4:H9 H12") for (row, column) pairs: consecutive rows of a column merge, so
    a data validation gets one range string instead of a cell-by-cell add (quadratic in openpyxl)."""
    by_col: dict[int, list[int]] = {}
    for row, col in cells:
        by_col.setdefault(col, []).append(row)
    parts = []
    for col in sorted(by_col):
        letter, rows = get_column_letter(col), sorted(set(by_col[col]))
        start = prev = rows[0]
        for row in rows[1:] + [None]:
            if row is not None and row == prev + 1:
                prev = row
                continue
            parts.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
            if row is not None:
                start = prev = row
    return " ".join(parts)


def put(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """Write a value; text that starts like a formula stays text."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
    return cell


def _protect(ws: Worksheet) -> None:
    """Sheet protection without a password; people may still resize, filter and select."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.autoFilter = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def _print_setup(ws: Worksheet, title: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{L.HEADER_ROW}:{L.HEADER_ROW}"
    ws.oddHeader.left.text = title
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.center.text = "Faqja &P nga &N"
    ws.page_margins.left = ws.page_margins.right = 0.4


def _titles(ws: Worksheet, title: str, subtitle: str) -> None:
    put(ws, L.TITLE_ROW, 1, title).font = TITLE_FONT
    put(ws, L.SUBTITLE_ROW, 1, subtitle).font = Font(italic=True, color="595959")


def _table(ws: Worksheet, name: str, columns: Sequence[L.Column], rows: Iterable[Sequence[object]],
           fill: PatternFill = PLAN_FILL) -> int:
    """Write a header and rows as an Excel table of plan cells; returns the last row."""
    for c, col in enumerate(columns, start=1):
        style(put(ws, L.HEADER_ROW, c, col.header), font=HEADER_FONT, fill=HEADER_FILL, border=BORDER,
              alignment=ALIGN_HEADER)
        ws.column_dimensions[get_column_letter(c)].width = col.width
    ws.row_dimensions[L.HEADER_ROW].height = _height(columns, [c.header for c in columns], wrap_all=True)
    r = L.HEADER_ROW
    for r, values in enumerate(rows, start=L.FIRST_DATA_ROW):
        for c, (col, value) in enumerate(zip(columns, values, strict=True), start=1):
            style(put(ws, r, c, value), fill=fill, border=BORDER, protection=LOCKED,
                  alignment=ALIGN_TOP_WRAP if col.wrap else ALIGN_TOP)
        ws.row_dimensions[r].height = _height(columns, values)
    last = max(r, L.FIRST_DATA_ROW)
    ref = f"A{L.HEADER_ROW}:{get_column_letter(len(columns))}{last}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(table)
    ws.freeze_panes = ws.cell(row=L.FIRST_DATA_ROW, column=3)
    return last


def _height(columns: Sequence[L.Column], values: Sequence[object], wrap_all: bool = False) -> float:
    """Row height in points that shows wrapped text whole (Excel and Calc do not refit on opening)."""
    lines = 1
    for col, value in zip(columns, values, strict=False):
        if value is None or not (col.wrap or wrap_all):
            continue
        per_line = max(1.0, col.width * 1.15)
        lines = max(lines, sum(math.ceil(max(1, len(part)) / per_line) for part in str(value).split("\n")))
    return min(409.0, 15.0 * lines + 2)


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if is_whole(value) else value


def _fields_by_code(plan: Plan) -> dict:
    return {f.code: f for f in plan.fields}


def _objectives_sheet(wb: Workbook, plan: Plan) -> None:
    ws = wb.create_sheet(L.SHEET_OBJECTIVES)
    _titles(ws, plan.title, "Fushat dhe objektivat specifikë me treguesit e tyre, siç janë në plan (qeliza të kyçura). "
                            "Në kolonat e verdha grupi i monitorimit shkruan vlerën që arriti treguesi i objektivit "
                            "në secilin vit (përqindje 0-100, numër, ose po/jo); raporti e vlerëson kundrejt synimit.")
    fields = _fields_by_code(plan)
    values = [L.Column(f"value_{y}", L.objective_value_header(y), 12) for y in plan.years]
    rows = []
    for o in plan.objectives:
        f = fields[o.field]
        t = o.target
        rows.append([
            o.field, f.title, f.strategic_goal, f.specific_objective, o.code, o.title, o.indicator, o.target_year,
            KINDS[t.kind][0] if t else None, _num(t.value) if t else None, t.unit if t else None,
            DIRECTIONS[t.direction][0] if t else None, o.note,
        ] + [None] * len(values))
    _table(ws, "tbl_objektivat", [*L.OBJECTIVE_COLUMNS, *values], rows)
    first_value = len(L.OBJECTIVE_COLUMNS) + 1
    validations = {"milestone": _list_validation("lista_yes_no", "po ose jo"),
                   "percent": _number_validation("percent"), "number": _number_validation("number")}
    for r, o in enumerate(plan.objectives, start=L.FIRST_DATA_ROW):
        measured = o.target is not None
        for c in range(first_value, first_value + len(values)):
            style(ws.cell(row=r, column=c), fill=INPUT_FILL if measured else NA_FILL,
                  protection=UNLOCKED if measured else LOCKED)
        if measured:
            kind = o.target.kind if o.target.kind in validations else "number"
            validations[kind].add(f"{get_column_letter(first_value)}{r}:"
                                  f"{get_column_letter(first_value + len(values) - 1)}{r}")
    for dv in validations.values():
        if dv.sqref:
            ws.add_data_validation(dv)
    _protect(ws)
    _print_setup(ws, plan.short_title)


def matrix_columns(plan: Plan) -> list[L.Column]:
    return [L.Column(k, h, L.MATRIX_WIDTHS[k], k in L.MATRIX_WRAP) for k, h in plan.matrix_headers.items()]


def _matrix_sheet(wb: Workbook, plan: Plan, locked: Collection[tuple[str, str]] = ()) -> None:
    ws = wb.create_sheet(L.SHEET_MATRIX)
    _titles(ws, plan.title, "Matrica e planit: një rresht për çdo masë/aktivitet (qeliza gri të kyçura, siç janë "
                            "në plan). Kolonat e verdha në fund i plotëson drejtoria e buxhetit: programi buxhetor "
                            "(nga lista në fletën Listat) dhe kosto vjetore e vlerësuar nga bashkia, e cila është "
                            "vlerësim i bashkisë, jo kosto e planit.")
    columns = matrix_columns(plan)
    rows = [[getattr(a, c.key) for c in columns] + [None] * len(L.MATRIX_BUDGET_COLUMNS) for a in plan.activities]
    last = _table(ws, "tbl_matrica", [*columns, *L.MATRIX_BUDGET_COLUMNS], rows)
    keys = [c.key for c in columns] + [c.key for c in L.MATRIX_BUDGET_COLUMNS]
    for key in ("cost_lek", "estimated_cost"):
        if key in keys:
            letter = get_column_letter(keys.index(key) + 1)
            for r in range(L.FIRST_DATA_ROW, last + 1):
                style(ws[f"{letter}{r}"], number_format=LEK_FORMAT)
    for c in L.MATRIX_BUDGET_COLUMNS:
        for r, a in enumerate(plan.activities, start=L.FIRST_DATA_ROW):
            if (a.field, a.code) not in locked:
                style(ws.cell(row=r, column=keys.index(c.key) + 1), fill=INPUT_FILL, protection=UNLOCKED)
    first, end = L.FIRST_DATA_ROW, last
    programme = get_column_letter(keys.index("programme") + 1)
    dv = _list_validation(L.MATRIX_INPUT_LISTS["programme"], "programin buxhetor")
    dv.error = ("Zgjidhni programin buxhetor nga lista. Lista plotësohet nga drejtoria e buxhetit në fletën "
                f"{L.SHEET_LISTS}, kolona 'Programet buxhetore'.")
    dv.add(f"{programme}{first}:{programme}{end}")
    ws.add_data_validation(dv)
    estimate = get_column_letter(keys.index("estimated_cost") + 1)
    number = _number_validation("number")
    number.add(f"{estimate}{first}:{estimate}{end}")
    ws.add_data_validation(number)
    _protect(ws)
    _print_setup(ws, plan.short_title)


def indicator_row(i: Indicator) -> list[object]:
    t = i.target
    return [
        i.field, i.activity, i.n, i.text, KINDS[t.kind][0], _num(t.value), _num(t.value_high), t.unit,
        DIRECTIONS[t.direction][0],
        SCOPES[t.scope][0], _num(t.per_year_value), t.target_year, _num(i.baseline_value), i.baseline_year,
        i.baseline_source, "; ".join(DISAGGREGATIONS[d][0] for d in i.disaggregation), i.note,
    ]


def indicator_columns(plan: Plan) -> list[L.Column]:
    return [L.Column(c.key, plan.indicator_header, c.width, c.wrap) if c.key == "indicator" else c
            for c in L.INDICATOR_COLUMNS]


def _indicators_sheet(wb: Workbook, plan: Plan) -> None:
    ws = wb.create_sheet(L.SHEET_INDICATORS)
    _titles(ws, plan.title, "Treguesit e rezultateve me synimet e strukturuara nga teksti i planit (qeliza të kyçura).")
    _table(ws, "tbl_treguesit", indicator_columns(plan), [indicator_row(i) for i in plan.indicators])
    _protect(ws)
    _print_setup(ws, plan.short_title)


def _lists_sheet(wb: Workbook, plan: Plan) -> dict[str, str]:
    """Write the vocabularies; returns list key -> defined name."""
    ws = wb.create_sheet(L.SHEET_LISTS)
    _titles(ws, plan.title, "Listat e mbyllura që përdorin listat rënëse (dropdown). Kolonën e verdhë "
                            "'Programet buxhetore' e plotëson drejtoria e buxhetit: një program për rresht, me "
                            "kodin dhe emrin siç janë në buxhetin vjetor të bashkisë; pastaj programi zgjidhet "
                            f"për çdo aktivitet në fletën {L.SHEET_MATRIX}.")
    values = {
        "statuses": labels(STATUSES),
        "funding": labels(FUNDING),
        "institutions": [i.label for i in plan.institutions],
        "years": list(plan.years),
        "yes_no": labels(YES_NO),
        "programmes": [],  # the budget directorate's list: shipped empty, never invented
        "follow_up": labels(FOLLOW_UP),
    }
    names = {}
    for c, (key, header) in enumerate(L.LIST_COLUMNS, start=1):
        cell = put(ws, L.HEADER_ROW, c, header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        wide = key in ("institutions", "funding", "programmes")
        ws.column_dimensions[get_column_letter(c)].width = 48 if wide else 22
        for r, v in enumerate(values[key], start=L.FIRST_DATA_ROW):
            put(ws, r, c, v).fill = PLAN_FILL
        letter = get_column_letter(c)
        name = f"lista_{key}"
        last = L.FIRST_DATA_ROW + len(values[key]) - 1
        if key in L.EDITABLE_LISTS:
            last = L.FIRST_DATA_ROW + L.EDITABLE_LISTS[key] - 1
            for r in range(L.FIRST_DATA_ROW, last + 1):
                cell = ws.cell(row=r, column=c)
                cell.fill, cell.protection = INPUT_FILL, UNLOCKED
        wb.defined_names[name] = DefinedName(
            name, attr_text=f"{quote_sheetname(L.SHEET_LISTS)}!${letter}${L.FIRST_DATA_ROW}:${letter}${last}"
        )
        names[key] = name
    _protect(ws)
    return names


def _settings_sheet(wb: Workbook, plan: Plan) -> None:
    from addin.workbook.settings import defaults, ranges

    ws = wb.create_sheet(L.SHEET_SETTINGS)
    _titles(ws, plan.title, "Parametrat e kontrollit dhe të llogaritjeve. Ndryshoni vetëm qelizat e verdha.")
    columns = (L.Column("setting", "Parametri", 42), L.Column("value", "Vlera", 26),
               L.Column("help", "Shpjegim", 70, True))
    values = {"plan_id": plan.id, "format_version": L.FORMAT_VERSION, **defaults(plan)}
    allowed = ranges(plan)
    rows = [[lbl, values.get(key, default), help_] for key, lbl, default, help_ in L.SETTINGS]
    rows += [[lbl, None, help_] for _key, lbl, help_ in L.REPORT_SETTINGS]
    _table(ws, "tbl_parametrat", columns, rows)
    editable = [key not in ("plan_id", "format_version") for key, *_rest in L.SETTINGS] + [True] * len(
        L.REPORT_SETTINGS)
    for r, open_ in enumerate(editable, start=L.FIRST_DATA_ROW):
        if open_:
            cell = ws.cell(row=r, column=2)
            cell.fill, cell.protection = INPUT_FILL, UNLOCKED
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, (key, *_rest) in enumerate(L.SETTINGS, start=L.FIRST_DATA_ROW):
        if key in ("plan_id", "format_version"):
            continue
        if key in ("max_amount", "max_count"):
            ws.cell(row=r, column=2).number_format = LEK_FORMAT
        low, high = allowed.get(key, (0, 1000))
        shown = (f"{low:,.0f}".replace(",", " "), f"{high:,.0f}".replace(",", " "))
        dv = DataValidation(type="decimal", operator="between", formula1=f"{low:.15g}", formula2=f"{high:.0f}",
                            allow_blank=False, showErrorMessage=True, errorTitle="Vlerë e pavlefshme",
                            error=f"Shkruani një numër nga {shown[0]} deri {shown[1]}.")
        dv.add(f"B{r}")
        ws.add_data_validation(dv)
    ws.freeze_panes = None
    _protect(ws)


def _list_validation(name: str, what: str) -> DataValidation:
    return DataValidation(
        type="list", formula1=f"={name}", allow_blank=True, showErrorMessage=True, showInputMessage=True,
        errorTitle="Vlerë jashtë listës", error=f"Zgjidhni {what} nga lista.", promptTitle=what.capitalize(),
        prompt=f"Zgjidhni {what} nga lista.",
    )


def _number_validation(kind: str, prompt: tuple[str, str] | None = None) -> DataValidation:
    """A number cell's validation; `prompt` (title, text) is shown when the cell is selected."""
    if kind == "percent":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                            error="Shkruani përqindjen nga 0 deri 100, p.sh. 70 ose 70%.")
    elif kind == "whole":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                            error="Shkruani një numër të plotë, 0 ose më shumë, pa pika: p.sh. 1200.")
    elif kind == "amount":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                            error="Shkruani shumën në lekë si numër të plotë, pa pika e pa \"lekë\": p.sh. 1200000.")
    else:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                            error="Shkruani një numër, 0 ose më shumë.")
    dv.allow_blank, dv.showErrorMessage, dv.errorTitle = True, True, "Vlerë e pavlefshme"
    if prompt:
        dv.showInputMessage, (dv.promptTitle, dv.prompt) = True, prompt
    return dv


# What the actual cell takes, said where it is typed (the input prompt): by the indicator's kind and scope. The rule
# is one for all: the value of this year, never a running total (whole-period counts and amounts are added up by
# Matrica, and "Gjithsej deri tani" shows the sum). Excel allows 32 characters of title and 255 of text.
ACTUAL_PROMPTS = {
    ("count", "period"): ("Vlera e këtij viti, jo gjithsej",
                          "Sa u arrit gjatë {year}, jo gjithsej që nga fillimi: Matrica i mbledh vitet dhe kolona "
                          "'Gjithsej deri tani' tregon shumën. Numër i plotë, pa pika (p.sh. 1200)."),
    ("count", "annual"): ("Vlera e këtij viti", "Vlera e vitit {year}. Numër i plotë, pa pika (p.sh. 1200)."),
    ("amount", "period"): ("Shuma e këtij viti, jo gjithsej",
                           "Shuma e vitit {year} në lekë, jo gjithsej që nga fillimi: Matrica i mbledh vitet dhe "
                           "'Gjithsej deri tani' tregon shumën. Numër i plotë, pa pika (p.sh. 3500000)."),
    ("amount", "annual"): ("Shuma e këtij viti", "Shuma e vitit {year} në lekë: numër i plotë, pa pika "
                                                 "(p.sh. 3500000)."),
    ("percent", "period"): ("Niveli në fund të vitit",
                            "Përqindja e arritur në fund të {year} (niveli, jo shtesa e vitit): 0 deri 100, p.sh. "
                            "70 ose 70%."),
    ("percent", "annual"): ("Përqindja e këtij viti", "Përqindja e vitit {year}: 0 deri 100, p.sh. 70 ose 70%."),
    ("relative", "annual"): ("Numri i këtij viti",
                             "Numri i vitit {year} (jo ndryshimi në %): rritja matet kundrejt vlerës së vitit të "
                             "kaluar. Numër i plotë, pa pika."),
    ("relative", "period"): ("Numri i këtij viti",
                             "Numri i vitit {year} (jo ndryshimi në %): rritja matet kundrejt vlerës bazë. Numër i "
                             "plotë, pa pika."),
    ("milestone", "period"): ("Po ose jo", "po, nëse është arritur (këtë vit ose më parë); jo, nëse jo ende."),
    ("milestone", "annual"): ("Po ose jo", "po, nëse u arrit në {year}; jo, nëse jo."),
}
VALIDATION_OF_KIND = {"count": "whole", "relative": "whole", "amount": "amount", "percent": "percent"}
TOTAL_KINDS = ("count", "amount")  # whole-period targets whose years add up: the total to date is shown


def _total_to_date(ws_name: str, earlier: Sequence[str], col: dict[str, int], r: int) -> str:
    """ "Gjithsej deri tani" of one row: this year's cell plus the same indicator's cells on the earlier years'
    sheets (found by field, code and number, so inserted rows do not matter); empty while none holds a number."""
    actual, keys = get_column_letter(col["actual"]), [get_column_letter(col[k]) for k in ("field", "activity", "n")]
    sums, counts = [f"{actual}{r}"], [f"COUNT({actual}{r})"]
    for sheet in earlier:
        q = quote_sheetname(sheet)
        criteria = ",".join(f"{q}!${k}:${k},${k}{r}" for k in keys)
        sums.append(f"SUMIFS({q}!${actual}:${actual},{criteria})")
        counts.append(f"COUNTIFS({criteria},{q}!${actual}:${actual},\">=0\")")
    return f'=IF({"+".join(counts)}=0,"",{"+".join(sums)})'


def activity_runs(a: Activity, plan: Plan, year: int) -> bool:
    """The plan runs the activity in `year` (its start-end years; every plan year for a frequency)."""
    if a.start_year is not None and a.end_year is not None:
        return a.start_year <= year <= a.end_year
    return plan.start_year <= year <= plan.end_year


def _free_table_name(wb: Workbook, name: str) -> str:
    """`name`, or `name_2`, `name_3` … when a table of the workbook has it (a sheet renamed keeps its table's name,
    and table names are unique in a workbook, without regard to case)."""
    taken = {t.casefold() for ws in wb.worksheets for t in ws.tables}
    n, free = 1, name
    while free.casefold() in taken:
        n += 1
        free = f"{name}_{n}"
    return free


def write_monitoring_sheet(wb: Workbook, plan: Plan, year: int, index: int | None = None,
                           locked: Collection[tuple[str, str]] = ()) -> Worksheet:
    """Add an empty monitoring sheet for one year (the lists sheet must exist); the rows of the activities in
    `locked` ((field, code)) have their input cells locked and grey (a part's rows shown for reference)."""
    name = L.monitoring_sheet(year)
    ws = wb.create_sheet(name, index)
    _titles(ws, f"{plan.title} — monitorimi i vitit {year}",
            f"Plotësoni qelizat e verdha me vlerat e vitit {year} (jo gjithsej që nga fillimi). Statusi, shuma e "
            "alokuar në buxhet, shpenzimi, burimi i financimit dhe raportuesi shkruhen një herë për aktivitet, në "
            "rreshtin e parë të tij. Qelizat gri janë të planit.")
    columns = L.MONITORING_COLUMNS
    keys = [c.key for c in columns]
    col = {k: i + 1 for i, k in enumerate(keys)}
    activities = {a.ref: a for a in plan.activities}
    earlier = [s_ for s_ in wb.sheetnames if (y := L.monitoring_year(s_)) is not None and plan.start_year <= y < year]
    rows = []
    for i in plan.indicators:
        a: Activity = activities[f"{i.field}/{i.activity}"]
        target = i.target.describe()
        if not activity_runs(a, plan, year):
            span = f"{a.start_year}-{a.end_year}" if a.start_year is not None else f"{plan.start_year}-{plan.end_year}"
            target += f" · nuk planifikohet në {year} (aktiviteti: {span})"
        rows.append([i.field, i.activity, a.activity, i.n, i.text, target])
    width = len(columns) - len(L.MONITORING_PLAN_COLUMNS)
    last = _table(ws, _free_table_name(wb, f"tbl_monitorimi_{year}"), columns, [r + [None] * width for r in rows])
    validations = {  # validation -> (row, column) of its cells; added with one range string each
        "status": _list_validation(L.INPUT_LISTS["status"], "statusin"),
        "funding": _list_validation(L.INPUT_LISTS["funding"], "burimin e financimit"),
        "reported_by": _list_validation(L.INPUT_LISTS["reported_by"], "institucionin"),
        "whole": _number_validation("whole"),
        "allocated": _number_validation("amount", ("Alokuar në buxhet (lekë)", f"Shuma e alokuar për {year} në "
                                                   "buxhetin e bashkisë: numër i plotë, pa pika (p.sh. 1200000).")),
        "spent": _number_validation("amount", ("Shpenzuar (lekë)", f"Shuma e shpenzuar gjatë {year} në lekë, jo "
                                               "gjithsej: numër i plotë, pa pika (p.sh. 1200000).")),
    }
    for (kind, scope), (title, text) in ACTUAL_PROMPTS.items():  # the actual's: one per kind of indicator
        if kind == "milestone":
            dv = _list_validation("lista_yes_no", "po ose jo")
            dv.promptTitle, dv.prompt = title, text.format(year=year)
        else:
            dv = _number_validation(VALIDATION_OF_KIND[kind], (title, text.format(year=year)))
        validations[f"actual:{kind}:{scope}"] = dv
    cells: dict[str, list[tuple[int, int]]] = {k: [] for k in validations}
    seen: set[str] = set()
    for r, i in enumerate(plan.indicators, start=L.FIRST_DATA_ROW):
        read_only = (i.field, i.activity) in locked  # a part's row shown for reference: nothing to type
        first = i.activity not in seen and f"{i.field}/{i.activity}" not in seen
        seen.add(f"{i.field}/{i.activity}")
        inputs = {"actual", "notes"}
        if first:
            inputs |= set(L.PER_ACTIVITY_INPUTS)
        for part in i.disaggregation:
            inputs |= set(L.DISAGGREGATION_PARTS[part])
        for c in L.MONITORING_INPUT_COLUMNS:
            cell = ws.cell(row=r, column=col[c.key])
            if read_only:
                style(cell, fill=PLAN_FILL)
            elif c.key in inputs:
                style(cell, fill=INPUT_FILL, protection=UNLOCKED)
            else:
                style(cell, fill=NA_FILL)
        kind, scope = i.target.kind, i.target.scope
        total = ws.cell(row=r, column=col["to_date"])
        if scope == "period" and kind in TOTAL_KINDS:
            total.value = _total_to_date(name, earlier, col, r)
            style(total, fill=PLAN_FILL, protection=LOCKED, number_format=LEK_FORMAT if kind == "amount" else "General")
        else:
            style(total, fill=NA_FILL, protection=LOCKED)
        if read_only:
            continue
        cells[f"actual:{kind}:{scope}"].append((r, col["actual"]))
        for part in i.disaggregation:
            for key in L.DISAGGREGATION_PARTS[part]:
                cells["whole"].append((r, col[key]))
        if first:
            for key in ("status", "funding", "reported_by", "allocated", "spent"):
                cells[key].append((r, col[key]))
    for key in ("allocated", "spent"):
        for r in range(L.FIRST_DATA_ROW, last + 1):
            style(ws.cell(row=r, column=col[key]), number_format=LEK_FORMAT)
    for key, dv in validations.items():
        if cells[key]:
            dv.sqref = MultiCellRange(cell_ranges(cells[key]))
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=L.FIRST_DATA_ROW, column=col["status"])
    _protect(ws)
    _print_setup(ws, f"{plan.short_title} — {year}")
    return ws


def style_narrative_rows(ws: Worksheet, rows: Sequence, start: int, columns: dict[str, int] | None = None) -> int:
    """Write `rows` (narrative.SheetRow) from row `start` with their fills, locks and heights, each key in its
    column (`columns`: key -> 0-based column, default the builder's order); returns the last row written. A
    year's first row gets a heavier top border, so blocks stand apart."""
    from addin.workbook.narrative import COL

    columns = columns or COL
    year_top = Border(left=THIN, right=THIN, bottom=THIN, top=Side(style="medium", color="1F4E79"))
    fills: dict[str, PatternFill] = {}
    r = start - 1
    for r, row in enumerate(rows, start=start):
        for col, value, fill, is_input in zip(L.NARRATIVE_COLUMNS, row.values, row.fills, row.inputs, strict=True):
            cell = put(ws, r, columns[col.key] + 1, value)
            if fill:
                cell.fill = fills.setdefault(fill, PatternFill("solid", fgColor=fill))
            cell.border = year_top if row.first_of_year else BORDER
            cell.protection = UNLOCKED if is_input else LOCKED
            cell.alignment = Alignment(wrap_text=col.wrap, vertical="top")
        if row.first_of_year:
            ws.cell(r, columns["year"] + 1).font = Font(bold=True, color="1F4E79")
        ws.row_dimensions[r].height = row.height
    return r


def narrative_validation(ws: Worksheet, first: int, last: int) -> None:
    """The follow-up status dropdown over the sheet's rows (a value typed outside the list is allowed by Excel
    and reported by `validate`)."""
    from addin.workbook.narrative import COL

    letter = get_column_letter(COL["status"] + 1)
    dv = _list_validation(L.FOLLOW_UP_STATUSES_LIST, "statusin e zbatimit")
    dv.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(dv)


def write_narrative_sheet(wb: Workbook, plan: Plan, years: Sequence[int], index: int | None = None,
                          carried: dict | None = None, plan_level: bool = True) -> Worksheet:
    """The Narrativa sheet: a block of yellow text cells per year (`carried`: year -> recommendations to put in
    that year's follow-up table; without `plan_level`, only the fields' texts and the follow-up table)."""
    from addin.workbook.narrative import SUBTITLE, block_rows, sheet_title

    ws = wb.create_sheet(L.SHEET_NARRATIVE, index)
    _titles(ws, sheet_title(plan), SUBTITLE)
    ws.row_dimensions[L.SUBTITLE_ROW].height = 30
    ws.cell(L.SUBTITLE_ROW, 1).alignment = Alignment(wrap_text=False, vertical="top")
    for c, col in enumerate(L.NARRATIVE_COLUMNS, start=1):
        cell = put(ws, L.HEADER_ROW, c, col.header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = col.width
    rows = [row for y in years for row in block_rows(plan, y, (carried or {}).get(y, ()), plan_level)]
    last = style_narrative_rows(ws, rows, L.FIRST_DATA_ROW)
    table = Table(displayName="tbl_narrativa", ref=f"A{L.HEADER_ROW}:{get_column_letter(len(L.NARRATIVE_COLUMNS))}"
                                                   f"{max(last, L.FIRST_DATA_ROW)}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(table)
    narrative_validation(ws, L.FIRST_DATA_ROW, max(last, L.FIRST_DATA_ROW) + 200)
    ws.freeze_panes = ws.cell(row=L.FIRST_DATA_ROW, column=3)
    _protect(ws)
    ws.protection.insertRows = False  # people may add rows (a second recommendation table row, …)
    _print_setup(ws, plan.short_title)
    return ws


def _summary_sheet(wb: Workbook, plan: Plan, years: Sequence[int]) -> None:
    """A few live formulas people can trust: counts and totals straight from the sheets."""
    ws = wb.create_sheet(L.SHEET_SUMMARY)
    _titles(ws, plan.title, "Përmbledhje me formula; llogaritjet e plota i bën Matrica (Llogarit / Raport).")
    n_act = len(plan.activities) + L.FIRST_DATA_ROW - 1
    n_ind = len(plan.indicators) + L.FIRST_DATA_ROW - 1
    keys = list(plan.matrix_headers)
    code = get_column_letter(keys.index("code") + 1)
    rows: list[tuple[str, str]] = [
        ("Numri i aktiviteteve", f"=COUNTA({L.SHEET_MATRIX}!{code}{L.FIRST_DATA_ROW}:{code}{n_act})"),
        ("Numri i treguesve", f"=COUNTA({L.SHEET_INDICATORS}!B{L.FIRST_DATA_ROW}:B{n_ind})"),
    ]
    if "cost_lek" in keys:
        cost = get_column_letter(keys.index("cost_lek") + 1)
        rows.append(("Kosto vjetore e planifikuar, e kuantifikuar (lekë)",
                     f"=SUM({L.SHEET_MATRIX}!{cost}{L.FIRST_DATA_ROW}:{cost}{n_act})"))
    estimate = get_column_letter(len(keys) + [c.key for c in L.MATRIX_BUDGET_COLUMNS].index("estimated_cost") + 1)
    rows.append(("Kosto vjetore e vlerësuar nga bashkia, vlerësim (lekë)",
                 f"=SUM({L.SHEET_MATRIX}!{estimate}{L.FIRST_DATA_ROW}:{estimate}{n_act})"))
    monitoring_keys = [c.key for c in L.MONITORING_COLUMNS]
    allocated = get_column_letter(monitoring_keys.index("allocated") + 1)
    spent = get_column_letter(monitoring_keys.index("spent") + 1)
    for y in years:
        sheet = quote_sheetname(L.monitoring_sheet(y))
        rows.append((f"Alokuar në buxhet në {y} (lekë)",
                     f"=SUM({sheet}!{allocated}{L.FIRST_DATA_ROW}:{allocated}{n_ind})"))
        rows.append((f"Shpenzuar në {y} (lekë)", f"=SUM({sheet}!{spent}{L.FIRST_DATA_ROW}:{spent}{n_ind})"))
    for c, header in enumerate(("Treguesi", "Vlera"), start=1):
        cell = put(ws, L.HEADER_ROW, c, header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for r, (lbl, formula) in enumerate(rows, start=L.FIRST_DATA_ROW):
        put(ws, r, 1, lbl).fill = PLAN_FILL
        cell = ws.cell(row=r, column=2, value=formula)
        cell.number_format = "#,##0"
        cell.fill = PLAN_FILL
    ws.column_dimensions["A"].width = 52
    ws.column_dimensions["B"].width = 18
    _protect(ws)


def _guide_sheet(wb: Workbook, plan: Plan, years: Sequence[int]) -> None:
    ws = wb.active
    ws.title = L.SHEET_GUIDE
    lines = [
        (plan.title, TITLE_FONT),
        (f"{plan.municipality} · periudha {plan.start_year}-{plan.end_year}", Font(bold=True)),
        ("", None),
        ("Ky libër pune është ndërtuar nga Matrica mbi tekstin e planit. Fletët:", Font(bold=True)),
        (f"• {L.SHEET_OBJECTIVES}: fushat dhe objektivat specifikë me treguesit e tyre.", None),
        (f"• {L.SHEET_MATRIX}: një rresht për çdo masë/aktivitet, siç është në plan.", None),
        (f"• {L.SHEET_INDICATORS}: treguesit e rezultateve me synimin e strukturuar (lloji, vlera, drejtimi, "
         "në vit apo për periudhën, vlera bazë).", None),
        (f"• {L.MONITORING_PREFIX}VVVV: një fletë për çdo vit ({', '.join(map(str, years))}); këtu plotësoni "
         "statusin, vlerën aktuale, ndarjet, shpenzimin dhe shënimet.", None),
        (f"• {L.SHEET_SETTINGS}: pragjet e kontrollit dhe të vlerësimit të arritjes.", None),
        (f"• {L.SHEET_LISTS}: listat e mbyllura për listat rënëse; listën e programeve buxhetore e plotëson "
         "drejtoria e buxhetit.", None),
        ("", None),
        ("Ngjyrat:", Font(bold=True)),
        ("Qelizë e verdhë: plotësohet nga stafi.", None),
        ("Qelizë gri e çelët: tekst i planit, e kyçur (mbrojtje pa fjalëkalim).", None),
        ("Qelizë gri e errët: nuk plotësohet për këtë tregues.", None),
        ("", None),
        ("Si plotësohet:", Font(bold=True)),
        ("1. Statusi: realizuar plotësisht / realizuar pjesërisht / në proces / parealizuar.", None),
        ("2. Vlera aktuale (e këtij viti): shkruani atë që u arrit GJATË vitit të fletës, jo gjithsej që nga "
         "fillimi i planit.", None),
        ("   Për synimet e gjithë periudhës (numra dhe shuma) Matrica i mbledh vitet; kolona gri 'Gjithsej deri "
         "tani' tregon shumën.", None),
        ("   Nëse aty shihni më shumë se sa është arritur gjithsej, keni shkruar gjithsejin: shkruani vetëm vlerën "
         "e këtij viti.", None),
        ("   Përqindja: niveli i vitit, 70 ose 70%. Arritja (po/jo): po, kur është arritur (këtë vit ose më parë).",
         None),
        ("   Numrat dhe shumat shkruhen të plota, pa pika: 1200, jo 1.200. Një qelizë bosh do të thotë 'pa të "
         "dhëna' (jo zero).", None),
        ("   Synimi 'nuk planifikohet në VVVV': sipas planit aktiviteti nuk zbatohet atë vit; nuk ka nevojë për "
         "status.", None),
        ("3. Ndarjet (gra/burra, rom/egjiptian, qytet/fshat) vetëm kur treguesi i kërkon; duhet të mblidhen "
         "sa vlera aktuale.", None),
        ("4. Shpenzuar (lekë) dhe burimi i financimit: një herë për aktivitet.", None),
        ("5. Shënime / evidenca: shpjegoni devijimet dhe tregoni dokumentin burim.", None),
        ("", None),
        ("Për drejtorinë e buxhetit:", Font(bold=True)),
        (f"• {L.SHEET_LISTS}, kolona 'Programet buxhetore': shkruani programet e buxhetit vjetor të bashkisë "
         "(kodi dhe emri), një për rresht. Matrica nuk sjell asnjë program: lista është e bashkisë.", None),
        (f"• {L.SHEET_MATRIX}, kolonat e verdha në fund: programi buxhetor i çdo aktiviteti (nga lista) dhe "
         "'Kosto e vlerësuar nga bashkia' (lekë në vit, vlerësim i bashkisë; nuk përzihet me koston e planit).", None),
        (f"• {L.MONITORING_PREFIX}VVVV, kolona 'Alokuar në buxhet (lekë)': shuma e alokuar në buxhetin vjetor për "
         "aktivitetin, në rreshtin e tij të parë, pranë shumës së shpenzuar.", None),
        ("• matrica budget LIBRI: planifikuar, alokuar dhe shpenzuar për gjithë periudhën e planit.", None),
        ("", None),
        ("Për grupin e monitorimit:", Font(bold=True)),
        (f"• {L.SHEET_NARRATIVE}: teksti i raportit vjetor, një bllok për çdo vit: hyrja, shënimi metodologjik, "
         "përmbledhja ekzekutive (bosh: Matrica e harton nga shifrat), për çdo fushë arritjet, sfidat dhe "
         "rekomandimet (një për rresht), dhe ndjekja e rekomandimeve të vitit të kaluar (statusi nga lista). "
         "Raporti e merr tekstin nga këtu sa herë bëhet, prandaj asgjë nuk humbet.", None),
        (f"• {L.SHEET_SETTINGS}: 'Përgatitur nga', organi dhe vendimi i miratimit të planit, autori dhe logoja "
         "e raportit (kopertina).", None),
    ]
    for r, (text, font) in enumerate(lines, start=1):
        cell = put(ws, r, 1, text)
        if font:
            cell.font = font
    ws["A13"].fill = INPUT_FILL
    ws["A14"].fill = PLAN_FILL
    ws["A15"].fill = NA_FILL
    ws.column_dimensions["A"].width = 120
    _protect(ws)


def build_workbook(plan: Plan, out: Path, years: Sequence[int] | None = None) -> Path:
    """Write the plan's workbook to `out` atomically (temporary file, then rename)."""
    save_atomic(new_workbook(plan, years), out)
    return out


def new_workbook(plan: Plan, years: Sequence[int] | None = None, part: Part | None = None) -> Workbook:
    """The plan's workbook in memory: every sheet, a monitoring sheet per year of `years` (default: the plan's).

    With `part`, the workbook one institution fills (`matrica split`; `plan` holds the activities it shows): the
    part's year is the only one with input rows (the activities of `part.locked` locked in it too), earlier years
    are shown locked, Narrativa holds the part's fields for its year only."""
    years = list(plan.years if years is None else years)
    every = frozenset((a.field, a.code) for a in plan.activities)
    wb = Workbook()
    _guide_sheet(wb, plan, years)
    _objectives_sheet(wb, plan)
    _matrix_sheet(wb, plan, part.locked if part else ())
    _indicators_sheet(wb, plan)
    _lists_sheet(wb, plan)
    for year in years:
        locked = () if part is None else part.locked if year == part.year else every
        write_monitoring_sheet(wb, plan, year, index=len(wb.sheetnames) - 1, locked=locked)
    if part is None:
        write_narrative_sheet(wb, plan, years, index=len(wb.sheetnames) - 1)
    else:
        write_narrative_sheet(wb, part.narrative_plan, [part.year], index=len(wb.sheetnames) - 1,
                              carried={part.year: part.follow_up}, plan_level=False)
    _summary_sheet(wb, plan, years)
    _settings_sheet(wb, plan)
    for name in (L.SHEET_GUIDE, L.SHEET_LISTS, L.SHEET_SUMMARY, L.SHEET_SETTINGS):
        _print_setup(wb[name], plan.short_title)  # the data sheets set theirs up as they are written
    wb.properties.title = plan.title
    wb.properties.creator = "Matrica"
    return wb


def load_copy(path: Path) -> Workbook:
    """Open a workbook with openpyxl to write a copy of it; MatricaError (exit 2) naming it when openpyxl, which is
    stricter than the reader (a stored "NaN", a damaged style part), cannot."""
    from openpyxl import load_workbook

    from addin.common.messages import MatricaError

    try:
        return load_workbook(path, keep_vba=Path(path).suffix.lower() == ".xlsm")
    except Exception as exc:
        raise MatricaError("copy_unreadable", path=path, detail=f"{type(exc).__name__}: {str(exc)[:160]}") from None


def save_atomic(wb: Workbook, out: Path) -> None:
    """Save next to the target and rename, so a failed run leaves nothing half-written; texts in the shared-string
    table, as Excel writes them (`sharedstrings`: a third smaller, read twice as fast)."""
    from io import BytesIO

    from addin.workbook.sharedstrings import share_strings

    def write(tmp: Path) -> None:
        saved = BytesIO()
        wb.save(saved)
        tmp.write_bytes(share_strings(saved.getvalue()))

    write_atomic(Path(out), write)
