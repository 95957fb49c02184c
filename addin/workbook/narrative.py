"""The Narrativa sheet: the words of the annual report, typed by the monitoring group, one block of rows per year.

A block holds the introduction, the methodology note, an optional executive summary (empty: the report drafts one
from the figures), per field the achievements, challenges and recommendations, and a table following up the
previous year's recommendations (recommendation, responsible, status, comment). Rows are read by their key (year,
part, field), never by position. `new-year` and the Excel button "Vit i ri" carry the previous year's
recommendations into the new year's follow-up table (`plan_carry`, one plan of cell writes for both engines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from addin.common.text import fold, is_whole
from addin.plan.model import Plan
from addin.workbook import layout as L
from addin.workbook.reader import SheetTable, WorkbookData

PLAN_FILL, INPUT_FILL, NA_FILL = "EDEDED", "FFF2CC", "D0D0D0"  # as addin/workbook/build.py
KEYS = tuple(c.key for c in L.NARRATIVE_COLUMNS)
HEADERS = {c.key: c.header for c in L.NARRATIVE_COLUMNS}
COL = {k: i for i, k in enumerate(KEYS)}  # 0-based
TEXT_KEYS = ("text", "responsible", "status", "comment")
# Cells people fill, per part scope.
INPUTS = {
    "plan": {"text"},
    "field": {"text"},
    "recommendations": {"text", "responsible"},
    "follow_up": {"field", "text", "responsible", "status", "comment"},
}
SUBTITLE = ("Teksti i raportit vjetor, një bllok rreshtash për çdo vit. Shkruani në qelizat e verdha; një rresht i "
            "ri brenda qelizës (Alt+Enter) bëhet paragraf më vete në raport, një rekomandim për rresht. Një bllok "
            "bosh del në raport si \"[për t'u plotësuar]\". Butoni \"Vit i ri\" (ose matrica new-year) bart "
            "rekomandimet e vitit të kaluar në tabelën e ndjekjes së vitit të ri.")
_BULLET = re.compile(r"^\s*(?:[-–—•·*▪]|\d{1,2}[.)]|[a-zë]\))\s+", re.IGNORECASE)


# ---------------------------------------------------------------- the sheet as rows


@dataclass
class SheetRow:
    """One row of the sheet as written: values from column A, the fill (hex) and whether each cell is an input."""

    values: list[object]
    fills: list[str | None]
    inputs: list[bool]
    height: float = 15.0
    first_of_year: bool = False


@dataclass(frozen=True)
class Recommendation:
    """One recommendation of a year's report: its field, its text and who is responsible."""

    field: str
    text: str
    responsible: str = ""


def part_label(part: str) -> str:
    return L.NARRATIVE_PARTS[part][0]


def fills_of(part: str) -> tuple[list[str | None], list[bool]]:
    """A part's row: the fill (hex) of each cell and whether it is an input."""
    scope = L.NARRATIVE_PARTS[part][1]
    inputs = INPUTS["recommendations" if part == "recommendations" else scope]
    fills: list[str | None] = []
    for k in KEYS:
        if k in inputs:
            fills.append(INPUT_FILL)
        elif k in ("year", "part") or (k in ("field", "field_title") and scope == "field"):
            fills.append(PLAN_FILL)
        else:
            fills.append(NA_FILL)
    return fills, [k in inputs for k in KEYS]


def _row(year: int, part: str, field_code: str = "", title: str = "", text: str = "", responsible: str = "",
         first: bool = False) -> SheetRow:
    values: list[object] = [None] * len(KEYS)
    values[COL["year"]], values[COL["part"]] = year, part_label(part)
    values[COL["field"]], values[COL["field_title"]] = field_code or None, title or None
    values[COL["text"]], values[COL["responsible"]] = text or None, responsible or None
    fills, inputs = fills_of(part)
    height = 30.0 if L.NARRATIVE_PARTS[part][1] == "follow_up" else 45.0
    return SheetRow(values, fills, inputs, height, first)


def text_row(year: int, part: str, field_code: str = "", title: str = "", text: str = "", responsible: str = ""
             ) -> SheetRow:
    """One row of a year's block holding a text (a block the workbook lacks, added by `matrica merge`)."""
    return _row(year, part, field_code, title, text, responsible)


def follow_up_row(year: int, rec: Recommendation | None = None) -> SheetRow:
    """A row of a year's follow-up table, empty or holding a carried recommendation."""
    if rec is None:
        return _row(year, "follow_up")
    return _row(year, "follow_up", rec.field, "", rec.text, rec.responsible)


def block_rows(plan: Plan, year: int, carried: list[Recommendation] | tuple = (), plan_level: bool = True
               ) -> list[SheetRow]:
    """A year's block: the texts of the whole plan (unless not `plan_level`: a part's block), three per field,
    then the follow-up table (carried recommendations first, then empty rows up to `L.FOLLOW_UP_ROWS`)."""
    plan_parts = ("introduction", "methodology", "summary") if plan_level else ()
    rows = [_row(year, part, first=i == 0) for i, part in enumerate(plan_parts)]
    for f in plan.fields:
        rows += [_row(year, part, f.code, f.title, first=not rows and j == 0)
                 for j, part in enumerate(("achievements", "challenges", "recommendations"))]
    rows += [follow_up_row(year, rec) for rec in carried]
    rows += [follow_up_row(year) for _ in range(max(0, L.FOLLOW_UP_ROWS - len(carried)))]
    return rows


def sheet_title(plan: Plan) -> str:
    return f"{plan.title} — teksti i raportit vjetor"


# ---------------------------------------------------------------- reading


@dataclass
class Entry:
    """One row of the sheet, read by its key; `year`/`part` are None when the key cannot be read."""

    row: int
    year: int | None
    part: str | None
    field: str
    text: str
    responsible: str
    status: object
    comment: str
    refs: dict[str, str]
    raw_part: object = None
    raw_year: object = None

    @property
    def filled(self) -> bool:
        return bool(self.text or self.responsible or self.comment or self.status not in (None, ""))


@dataclass
class Narrative:
    """Everything typed on the Narrativa sheet (`present` is False for a workbook without one)."""

    present: bool = False
    header_row: int = L.HEADER_ROW
    entries: list[Entry] = field(default_factory=list)
    last_row: int = L.HEADER_ROW
    columns: dict[str, int] = field(default_factory=lambda: dict(COL))  # key -> 0-based column, as found

    def of(self, year: int, part: str, field_code: str | None = None) -> list[Entry]:
        return [e for e in self.entries if e.year == year and e.part == part
                and (field_code is None or e.field == field_code)]

    def text(self, year: int, part: str, field_code: str = "") -> str:
        """The text of one block (rows with the same key joined, so nothing typed is lost)."""
        scope = L.NARRATIVE_PARTS[part][1]
        return "\n".join(e.text for e in self.of(year, part, field_code if scope == "field" else None) if e.text)

    def has_block(self, year: int) -> bool:
        return any(e.year == year for e in self.entries)

    def recommendations(self, year: int) -> list[Recommendation]:
        """The year's recommendations, one per line of each field's text, in field order of the sheet."""
        out = []
        for e in self.of(year, "recommendations"):
            out += [Recommendation(e.field, item, e.responsible) for item in split_items(e.text)]
        return out

    def follow_up(self, year: int) -> list[Entry]:
        """The follow-up rows of a year that hold something."""
        return [e for e in self.of(year, "follow_up") if e.filled]


def split_items(text: str) -> list[str]:
    """The lines of a text as separate items, without list markers ("- ", "1. ", "a) ", "• ")."""
    return [_BULLET.sub("", line).strip() for line in str(text or "").splitlines() if _BULLET.sub("", line).strip()]


def paragraphs(text: str) -> list[str]:
    """A typed text as paragraphs: one per line, blank lines dropped."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _part_key(value: object) -> str | None:
    folded = fold(value)
    if not folded:
        return None
    return _part_names().get(folded)


@cache
def _part_names() -> dict[str, str]:
    """Every way a part is named on the sheet, folded: its label, the label without its bracket, its key."""
    out: dict[str, str] = {}
    for key, (label, _scope) in L.NARRATIVE_PARTS.items():
        for name in (fold(label), fold(label.split(" (")[0]), key.replace("_", " ")):
            out.setdefault(name, key)
    return out


def _year(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and is_whole(value) and 1900 <= value <= 2100:
        return int(value)
    text = _text(value)
    return int(text) if re.fullmatch(r"(19|20)\d\d", text) else None


def narrative_table(wb: WorkbookData) -> SheetTable:
    """The Narrativa sheet as the engine reads it (MatricaError when it is not there or lacks a column)."""
    return wb.table(L.SHEET_NARRATIVE, HEADERS, ("year", "part", "text"))


def read_narrative(wb: WorkbookData) -> Narrative:
    """The Narrativa sheet's rows by key; an empty Narrative when the workbook has no such sheet."""
    if L.SHEET_NARRATIVE not in wb.sheet_names:
        return Narrative()
    table = narrative_table(wb)
    out = Narrative(True, table.header_row, last_row=max([table.header_row] + [r for r, _ in table.rows]),
                    columns={**COL, **table.columns})
    for row, values in table.rows:
        raw = {k: table.get(values, k) for k in KEYS}
        e = Entry(row, _year(raw["year"]), _part_key(raw["part"]), _text(raw["field"]),
                  str(raw["text"]).strip() if raw["text"] is not None else "", _text(raw["responsible"]),
                  raw["status"], _text(raw["comment"]), {k: table.ref(row, k) for k in table.columns},
                  raw["part"], raw["year"])
        out.entries.append(e)
    return out


# ---------------------------------------------------------------- carrying recommendations into a new year


@dataclass
class CarryPlan:
    """What to write so that `year`'s follow-up table holds the previous year's recommendations.

    `cells` are values for existing empty follow-up rows ((1-based row, 0-based column) -> value); `appended`
    are whole rows (in the builder's column order; `columns` says where each key's column is on the sheet) to
    write from `first_new_row` on: a missing block, or more recommendations than empty rows. With `new_sheet`,
    the sheet is missing and `appended` is every block of the new sheet."""

    year: int
    carried: int = 0
    already: int = 0  # recommendations the table held already
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    appended: list[SheetRow] = field(default_factory=list)
    first_new_row: int = L.FIRST_DATA_ROW
    new_sheet: bool = False
    columns: dict[str, int] = field(default_factory=lambda: dict(COL))

    def placed(self, row: SheetRow) -> dict[int, tuple[object, str | None, bool]]:
        """An appended row's cells by sheet column: (value, fill, input)."""
        return {self.columns[k]: (row.values[i], row.fills[i], row.inputs[i]) for i, k in enumerate(KEYS)}


def plan_carry(narrative: Narrative, plan: Plan, year: int, years: list[int]) -> CarryPlan:
    """The writes that carry `year - 1`'s recommendations into `year`'s follow-up table (never over a cell that
    holds something; a recommendation already in the table is not written twice). `years` are the workbook's
    monitoring years, for a workbook that has no Narrativa sheet yet (it gets one, with a block per year)."""
    recs = narrative.recommendations(year - 1)
    out = CarryPlan(year)
    if not narrative.present:
        out.new_sheet = True
        for y in sorted(set(years) | {year}):
            out.appended += block_rows(plan, y, recs if y == year else ())
        out.carried = len(recs)
        return out
    have = {fold(e.text) for e in narrative.follow_up(year)}
    todo = [r for r in recs if fold(r.text) not in have]
    out.already = len(recs) - len(todo)
    out.first_new_row = narrative.last_row + 1
    out.columns = dict(narrative.columns)
    col = out.columns
    if not narrative.has_block(year):
        out.appended = block_rows(plan, year, todo)
        out.carried = len(todo)
        return out
    empty = [e for e in narrative.of(year, "follow_up") if not e.filled]
    for e, rec in zip(empty, todo, strict=False):
        out.cells[(e.row, col["field"])] = rec.field or None
        out.cells[(e.row, col["text"])] = rec.text
        out.cells[(e.row, col["responsible"])] = rec.responsible or None
    out.appended = [follow_up_row(year, rec) for rec in todo[len(empty):]]
    out.carried = len(todo)
    return out


# ---------------------------------------------------------------- the report's texts on the settings sheet


@dataclass(frozen=True)
class Setting:
    """A text setting as typed ("" when empty) and its cell ("" when the row is missing)."""

    value: str
    ref: str


def read_report_settings(wb: WorkbookData) -> dict[str, Setting]:
    """The cover's texts on the settings sheet (prepared by, approving body and decision, author, logo), found by
    their label; a workbook built before these rows existed gets empty values without a cell."""
    found = wb.labelled({fold(label): key for key, label, _help in L.REPORT_SETTINGS})
    return {key: Setting(_text(found[key][0]), found[key][1]) if key in found else Setting("", "")
            for key, _label, _help in L.REPORT_SETTINGS}


# ---------------------------------------------------------------- the logo named on the settings sheet

LOGO_KINDS = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


@dataclass(frozen=True)
class Logo:
    """The logo named on Parametrat, read: its bytes and kind ("png", "jpeg")."""

    data: bytes
    kind: str


def find_logo(setting: Setting, folder: Path | None) -> Path | None:
    """The logo's file: the name on Parametrat, as a full path or in the workbook's folder; None when no file."""
    name = setting.value.strip()
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute() and folder is not None:
        path = Path(folder) / path
    return path if path.is_file() else None


def read_logo(setting: Setting, folder: Path | None) -> Logo | None:
    """The logo when its file exists and is a PNG or a JPEG (anything else is left out; `validate` says why)."""
    path = find_logo(setting, folder)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    kind = next((k for magic, k in LOGO_KINDS.items() if data.startswith(magic)), None)
    return Logo(data, kind) if kind else None


def logo_problem(setting: Setting, folder: Path | None) -> str | None:
    """Why a logo named on Parametrat cannot be used ("missing", "kind"), or None (none named, or usable)."""
    if not setting.value.strip():
        return None
    if find_logo(setting, folder) is None:
        return "missing"
    return None if read_logo(setting, folder) is not None else "kind"
