"""Monitoring sheets as records: one per indicator row, with raw cell values and their addresses."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter

from addin.common.text import AmountError, code_text, is_whole, parse_lek
from addin.common.vocab import FUNDING, STATUSES, YES_NO, lookup
from addin.plan.model import Indicator, Plan
from addin.workbook import layout as L
from addin.workbook.reader import SheetTable, WorkbookData, col_letter

# The columns the engine reads (the computed "Gjithsej deri tani" is Excel's, not an entry), with older headers.
MONITORING_HEADERS = {c.key: (c.header, *L.HEADER_ALIASES.get(c.key, ())) for c in L.MONITORING_COLUMNS
                      if c not in L.MONITORING_COMPUTED_COLUMNS}
REQUIRED_MONITORING = ("field", "activity", "n", "status", "actual", "spent", "notes")


class Refs(Mapping):
    """A row's cell addresses by column key ("'Monitorimi 2025'!H14"), each made when it is first asked for (the
    checks and the figures ask for the same few)."""

    __slots__ = ("_table", "_row", "_made")

    def __init__(self, table: SheetTable, row: int):
        self._table, self._row, self._made = table, row, {}

    def __getitem__(self, key: str) -> str:
        ref = self._made.get(key)
        if ref is None:
            if key not in self._table.columns:
                raise KeyError(key)
            ref = self._made[key] = self._table.ref(self._row, key)
        return ref

    def __contains__(self, key: object) -> bool:
        return key in self._table.columns

    def __iter__(self):
        return iter(self._table.columns)

    def __len__(self) -> int:
        return len(self._table.columns)


class derived:
    """A property computed on its first use and kept on the instance (as functools.cached_property, without its
    lock): for the values an entry derives from its cells, which never change."""

    def __init__(self, fn):
        self.fn, self.name, self.__doc__ = fn, fn.__name__, fn.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass
class Entry:
    """One filled row of a monitoring sheet. Read-only once read: the checks and the figures share it, and what
    is derived from its cells (field, code, key, order) is computed once, on first use; `without` makes a new
    entry, which derives its own."""

    year: int
    sheet: str
    row: int
    raw: dict[str, object]  # column key -> cell value (None when blank)
    refs: Mapping[str, str]  # column key -> "'Monitorimi 2025'!H14"
    indicator: Indicator | None = None
    first_of_activity: bool = False
    percent: frozenset[str] | None = frozenset()  # keys of the cells shown with a percent format; None: unknown
    values: tuple | None = field(default=None, repr=False, compare=False)  # (indicator, Values) read_values made
    readings: tuple | None = field(default=None, init=False, repr=False, compare=False)  # (indicator, {key: Reading})

    def __post_init__(self) -> None:
        """Derive from the key cells (as read, before any other use) the entry's `field`, `activity` (its code) and
        `n` (the indicator number as a number, None when the cell holds none), the row's `key` (field, code,
        indicator number; None for a row that gives no code, see `row_key`) and its place in key `order` (see
        `row_order`)."""
        raw, row = self.raw, self.row
        field, activity, n_cell = _field_text(raw.get("field")), code_text(raw.get("activity")), raw.get("n")
        n = number(n_cell)
        self.field, self.activity, self.n = field, activity, n
        self.key = _key(field, activity, n, n_cell)
        self.order = _order(field, activity, n, row)

    @derived
    def code(self) -> str:
        """The activity/indicator code people see: "AR 2.1.1 #2"."""
        n = self.raw.get("n")
        n_txt = f" #{int(n)}" if is_whole(n) else ""
        return f"{self.field} {self.activity}{n_txt}".strip()


def _field_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _key(field: str, activity: str, n: float | None, n_cell: object) -> tuple[str, str, object] | None:
    if not activity:
        return None
    return field, activity, (int(n) if n is not None and math.isfinite(n) and n == int(n) else _text_key(n_cell))


def _order(field: str, activity: str, n: float | None, row: int) -> tuple[str, str, float, int]:
    return field, activity, n if n is not None and math.isfinite(n) else math.inf, row


@dataclass(slots=True)  # one per entry
class Values:
    """An entry's values read as the engine uses them; anything unreadable is None (the checks report it)."""

    status: str | None = None
    actual: float | None = None  # milestone: 1.0 done, 0.0 not done
    parts: dict[str, float] = field(default_factory=dict)
    allocated: int | None = None
    spent: int | None = None
    funding: str | None = None
    notes: str = ""


def number(value: object) -> float | None:
    """A cell as a number: numbers as they are, text like "12", "12,5" or "1 200"; None when it is not one."""
    if type(value) is float:
        return value  # what calamine gives for every number
    if value is None or isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    s = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


# ---------------------------------------------------------------- reading numbers typed by people

PART_KEYS = ("women", "men", "roma", "egyptian", "urban", "rural")
AMOUNT_KEYS = ("allocated", "spent")


# Not frozen (slots instead): one per number cell read, where a frozen dataclass's __init__ costs three times as
# much; treat as read-only.
@dataclass(slots=True)
class Reading:
    """What one number cell reads as. The parser only reads; the checks judge (whole, bounds, text) and
    `usable` says what the figures may count.

    value: the number (a percentage in per cent: 70 for "70", "70 %" and for 0.7 shown as 70 %); None when the
    cell is no number at all. text: the cell holds text (typed into a text cell, or pasted): the workbook's own
    sums leave it out. percent_format: the cell shows a percent format (None when formats are unknown, as for the
    values of a book open in Excel)."""

    value: float | None
    text: bool = False
    percent_format: bool | None = False
    stored: object = None  # the cell's own value

    @property
    def whole(self) -> bool:
        return self.value is not None and math.isfinite(self.value) and self.value == int(self.value)


def column_kind(key: str, indicator: Indicator | None) -> str | None:
    """How a monitoring input cell is read: "percent", "count" (whole things), "amount" (lekë), "milestone";
    None for the cells that hold no number. A relative target's actual is the thing counted."""
    if key == "actual":
        if indicator is None:
            return "number"
        kind = indicator.target.kind
        return "count" if kind == "relative" else kind
    if key in PART_KEYS:
        return "count"
    if key in AMOUNT_KEYS:
        return "amount"
    return None


def _grouped(text: str) -> float | None:
    """ "1.200", "1 200", "1,200", "12 500 000": digits in groups of three after the first 1-3 (the Albanian
    thousands separators and the English one); None when the text is not written so."""
    import re

    s = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    groups = re.split(r"[.,]\s?|\s", s)
    if len(groups) > 1 and all(g.isdigit() for g in groups) and 1 <= len(groups[0]) <= 3 \
            and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    return None


def read_number(value: object, kind: str | None, percent_format: bool | None = False) -> Reading | None:
    """One parser for every number people type: counts, percentages and amounts in lekë (None for an empty
    cell). Amounts read every form the plans print ("1.200.000", "34 300 lekë", "3.326 mijë lekë"); counts read
    grouped thousands ("1.200" is 1 200); percentages read "70", "70 %", "0,5" and, in a cell shown as a
    percentage, 0.7 as 70."""
    if value is None:
        return None
    if type(value) is not float and (isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time))):
        return Reading(None, stored=value)
    if isinstance(value, (int, float)):
        n = float(value)
        if kind == "percent" and percent_format:
            n = round(n * 100, 10)
        return Reading(n, False, percent_format, value)
    text = str(value).strip()
    if kind == "amount":
        try:
            amount = parse_lek(text)
        except AmountError:
            return Reading(None, True, stored=value)
        return Reading(None if amount.lek is None else float(amount.lek), True, stored=value)
    n = _grouped(text) if kind == "count" else None
    return Reading(number(text) if n is None else n, True, stored=value)


def usable(reading: Reading | None, kind: str | None) -> float | None:
    """The value the figures may use: percentages as read; counts and amounts only when typed as numbers and
    whole (a number stored as text is left out of the workbook's own sums, and of ours; a decimal count is no
    count). The checks name each cell left out."""
    value = None if reading is None else reading.value  # a float, or None
    if value is None or not math.isfinite(value) or value < 0:
        return None  # nothing, or NaN, infinite or negative: never counted (checks.bounds reports the cell)
    if kind in ("count", "amount") and (reading.text or not value.is_integer()):  # not reading.whole
        return None
    return value


def cell_reading(entry: Entry, key: str) -> Reading | None:
    """The reading of one input cell of an entry, with its number format taken into account (read once per entry
    and cell, again when the entry's indicator is another: treat it as read-only)."""
    value = entry.raw.get(key)
    if value is None:
        return None  # an empty cell reads as nothing, whatever its kind
    readings = entry.readings
    if readings is None or readings[0] is not entry.indicator:
        readings = entry.readings = (entry.indicator, {})
    reading = readings[1].get(key)
    if reading is None:
        percent = None if entry.percent is None else key in entry.percent
        reading = readings[1][key] = read_number(value, column_kind(key, entry.indicator), percent)
    return reading


def lek_or_none(value: object) -> int | None:
    """An amount cell as whole lekë, text forms included ("1.200.000 lekë"); None when empty, not quantified or
    unreadable (the checks report it). For the monitoring sheet's amounts, which Excel's own sums add up, see
    `amount_or_none`."""
    if value is None:
        return None
    try:
        return parse_lek(value).lek
    except AmountError:
        return None


def amount_or_none(value: object) -> int | None:
    """A monitoring amount cell as whole lekë, counted only when typed as a number (text is left out, as Excel's
    SUM leaves it out of Përmbledhje); None when empty, text, not whole or not quantified (the checks report
    each)."""
    n = usable(read_number(value, "amount"), "amount")
    return None if n is None else int(n)


def rejected_rows(rejected: Collection[str]) -> frozenset[tuple[str, int]]:
    """(sheet, row) of each cell in `rejected` ("'Monitorimi 2025'!H14" -> ("Monitorimi 2025", 14)): the rows where
    an entry may need reading `without` them (the others are read as they are)."""
    rows = set()
    for ref in rejected:
        sheet, _, cell = ref.rpartition("!")
        digits = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ$")
        if digits.isdigit():
            rows.add((sheet[1:-1] if sheet[:1] == "'" and sheet[-1:] == "'" else sheet, int(digits)))
    return frozenset(rows)


def without(entry: Entry, rejected: Collection[str]) -> Entry:
    """A copy of a shared entry with the cells in `rejected` (validation's errors) read as empty, and its values
    read again from them (the shared entry and its remembered values stay as they are)."""
    raw = {k: None if entry.refs.get(k) in rejected else v for k, v in entry.raw.items()}
    return replace(entry, raw=raw, values=None)


def read_values(entry: Entry) -> Values:
    """An entry's values as the engine uses them (read once per entry: treat them as read-only)."""
    values = entry.values
    if values is None or values[0] is not entry.indicator:
        values = entry.values = (entry.indicator, _read_values(entry))
    return values[1]


_LISTS = {"status": STATUSES, "yes_no": YES_NO, "funding": FUNDING}


def list_code(vocabulary: str, value: object) -> str | None:
    """The code of a value typed from one of the lists ("status", "funding", "yes_no"; see `lookup`), looked up
    once per list and value."""
    if isinstance(value, (str, int, float)):
        return _cached_code(vocabulary, type(value), value)
    return lookup(_LISTS[vocabulary], value)[0]


@lru_cache(maxsize=2048)
def _cached_code(vocabulary: str, kind: type, value: object) -> str | None:
    return lookup(_LISTS[vocabulary], value)[0]


MILESTONE_VALUES = {"yes": 1.0, "no": 0.0}  # a milestone's actual: done, not done


def _read_values(entry: Entry) -> Values:
    raw, ind = entry.raw, entry.indicator
    status, actual = raw.get("status"), raw.get("actual")
    value = None
    if actual is not None:
        if ind is not None and ind.target.kind == "milestone":
            value = MILESTONE_VALUES.get(list_code("yes_no", actual))
        else:
            value = usable(cell_reading(entry, "actual"), column_kind("actual", ind))
    parts = {}
    for key in PART_KEYS:
        if raw.get(key) is not None:  # an empty cell reads as nothing
            n = usable(cell_reading(entry, key), "count")
            if n is not None:
                parts[key] = n
    allocated, spent, funding, notes = raw.get("allocated"), raw.get("spent"), raw.get("funding"), raw.get("notes")
    return Values(None if status is None else list_code("status", status), value, parts,
                  None if allocated is None else amount_or_none(allocated),
                  None if spent is None else amount_or_none(spent),
                  None if funding is None else list_code("funding", funding),
                  "" if notes is None else str(notes).strip())


# The inputs that show a year's sheet has been started: all but the amount allocated in the budget, which the budget
# directorate enters when the budget is adopted, before the year is monitored.
STARTED_KEYS = tuple(c.key for c in L.MONITORING_INPUT_COLUMNS if c.key not in L.BUDGET_INPUTS)


def sheet_started(entries: list[Entry]) -> bool:
    """A monitoring sheet has been started once any input cell of any of its rows holds something (the amount
    allocated in the budget does not count)."""
    return any(e.raw.get(k) is not None for e in entries for k in STARTED_KEYS)


def monitoring_table(wb: WorkbookData, year: int) -> SheetTable:
    return wb.table(L.monitoring_sheet(year), MONITORING_HEADERS, REQUIRED_MONITORING)


def read_entries(wb: WorkbookData, year: int, table: SheetTable | None = None) -> list[Entry]:
    """The rows of one year's monitoring sheet, matched to the plan's indicators by field, code and number (read
    once per workbook and table: the checks, the figures and the budget view share them; treat them as read-only)."""
    table = table or monitoring_table(wb, year)
    memo = wb.__dict__.setdefault("_entries", {})
    if (year, id(table)) not in memo:
        memo[(year, id(table))] = (table, _read_entries(wb, year, table))  # the table kept: its id stays its own
    return list(memo[(year, id(table))][1])


def _read_entries(wb: WorkbookData, year: int, table: SheetTable) -> list[Entry]:
    plan: Plan = wb.plan
    by_key = {(i.field, i.activity, i.n): i for i in plan.indicators}
    percent = wb.percent_cells(table.sheet)
    letters = [(k, col_letter(c)) for k, c in table.columns.items()]
    shown = _by_row(percent) if percent is not None else {}
    sheet, none = table.sheet, frozenset()
    entries = []
    for row, raw in table.records:
        in_row = shown.get(row)
        cells = None if percent is None else frozenset(
            k for k, letter in letters if letter in in_row and raw[k] is not None) if in_row else none
        e = Entry(year, sheet, row, raw, Refs(table, row), percent=cells)
        n = e.n  # a float or None
        e.indicator = by_key.get((e.field, e.activity, int(n) if n is not None and n.is_integer() else None))
        entries.append(e)
    first: dict[tuple[str, str], Entry] = {}
    for e in sorted(entries, key=attrgetter("order")):  # row_order
        first.setdefault((e.field, e.activity), e)
    for e in first.values():
        e.first_of_activity = True
    return entries


def _by_row(cells: Collection[str]) -> dict[int, set[str]]:
    """Cells ("H14") by row: {14: {"H"}}."""
    out: dict[int, set[str]] = {}
    for cell in cells:
        digits = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        if digits.isdigit() and digits[0] != "0":
            out.setdefault(int(digits), set()).add(cell[:len(cell) - len(digits)])
    return out


def row_order(e: Entry) -> tuple[str, str, float, int]:
    """An order of a sheet's rows by their key (field, code, indicator number), the sheet's order only between
    rows of the same key: an activity's status row is its lowest-numbered indicator's, wherever rows were moved."""
    return e.order


def row_key(e: Entry) -> tuple[str, str, object] | None:
    """A monitoring row's key (field, code, indicator number), None for a row that gives no code."""
    return e.key


def duplicated_keys(entries: list[Entry]) -> set[tuple[str, str, object]]:
    """The keys that more than one row of a sheet carries."""
    seen: set[tuple[str, str, object]] = set()
    twice: set[tuple[str, str, object]] = set()
    for e in entries:
        key = e.key  # row_key
        if key is not None:
            (twice if key in seen else seen).add(key)
    return twice


def keyed_entries(entries: list[Entry]) -> list[Entry]:
    """The rows the figures read: in key order (wherever rows were moved), without a row whose key another row
    also carries (neither copy is counted; the checks report both cells)."""
    twice = duplicated_keys(entries)
    return [e for e in sorted(entries, key=attrgetter("order")) if e.key not in twice]  # row_order, row_key


def read_keyed_entries(wb: WorkbookData, year: int) -> list[Entry]:
    """`keyed_entries` of the year's rows (`read_entries`), made once per workbook: the checks' budget flags, the
    summary and the budget view read the same (treat them as read-only)."""
    table = monitoring_table(wb, year)
    memo = wb.__dict__.setdefault("_keyed_entries", {})
    if (year, id(table)) not in memo:
        memo[(year, id(table))] = (table, keyed_entries(read_entries(wb, year, table)))
    return list(memo[(year, id(table))][1])


def _text_key(value: object) -> str:
    return "" if value is None else str(value).strip()


def read_settings(wb: WorkbookData):
    """The settings sheet read and judged (addin.workbook.settings): values, with defaults where a problem was found."""
    from addin.workbook.settings import read_settings as judged

    return judged(wb)
