"""Monitoring sheets as records: one per indicator row, with raw cell values and their addresses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from addin.common.text import AmountError, fold, parse_lek
from addin.common.vocab import FUNDING, STATUSES, YES_NO, lookup
from addin.plan.model import Indicator, Plan
from addin.workbook import layout as L
from addin.workbook.reader import SheetTable, WorkbookData

MONITORING_HEADERS = {c.key: c.header for c in L.MONITORING_COLUMNS}
REQUIRED_MONITORING = ("field", "activity", "n", "status", "actual", "spent", "notes")


@dataclass
class Entry:
    """One filled row of a monitoring sheet."""

    year: int
    sheet: str
    row: int
    raw: dict[str, object]  # column key -> cell value (None when blank)
    refs: dict[str, str]  # column key -> "'Monitorimi 2025'!H14"
    indicator: Indicator | None = None
    first_of_activity: bool = False

    @property
    def field(self) -> str:
        return "" if self.raw.get("field") is None else str(self.raw["field"]).strip()

    @property
    def activity(self) -> str:
        v = self.raw.get("activity")
        if isinstance(v, float) and v == int(v):
            v = int(v)
        return "" if v is None else str(v).strip()

    @property
    def code(self) -> str:
        """The activity/indicator code people see: "AR 2.1.1 #2"."""
        n = self.raw.get("n")
        n_txt = f" #{int(n)}" if isinstance(n, (int, float)) and not isinstance(n, bool) else ""
        return f"{self.field} {self.activity}{n_txt}".strip()


@dataclass
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


def lek_or_none(value: object) -> int | None:
    """An amount cell as whole lekë; None when empty, not quantified or unreadable (the checks report it)."""
    if value is None:
        return None
    try:
        return parse_lek(value).lek
    except AmountError:
        return None


def read_values(entry: Entry) -> Values:
    raw, ind = entry.raw, entry.indicator
    v = Values()
    v.status = lookup(STATUSES, raw.get("status"))[0] if raw.get("status") is not None else None
    actual = raw.get("actual")
    if ind is not None and ind.target.kind == "milestone":
        code = lookup(YES_NO, actual)[0] if actual is not None else None
        v.actual = {"yes": 1.0, "no": 0.0}.get(code) if code else None
    else:
        v.actual = number(actual)
    for key in ("women", "men", "roma", "egyptian", "urban", "rural"):
        n = number(raw.get(key))
        if n is not None:
            v.parts[key] = n
    v.allocated = lek_or_none(raw.get("allocated"))
    v.spent = lek_or_none(raw.get("spent"))
    v.funding = lookup(FUNDING, raw.get("funding"))[0] if raw.get("funding") is not None else None
    v.notes = "" if raw.get("notes") is None else str(raw["notes"]).strip()
    return v


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
    """The rows of one year's monitoring sheet, matched to the plan's indicators by field, code and number."""
    table = table or monitoring_table(wb, year)
    plan: Plan = wb.plan
    by_key = {(i.field, i.activity, i.n): i for i in plan.indicators}
    entries, seen = [], set()
    for row, values in table.rows:
        raw = {k: table.get(values, k) for k in table.columns}
        refs = {k: table.ref(row, k) for k in table.columns}
        e = Entry(year, table.sheet, row, raw, refs)
        n = number(raw.get("n"))
        e.indicator = by_key.get((e.field, e.activity, int(n) if n is not None and n == int(n) else None))
        key = (e.field, e.activity)
        e.first_of_activity = key not in seen
        seen.add(key)
        entries.append(e)
    return entries


def read_settings(wb: WorkbookData) -> dict[str, float]:
    """Thresholds from the settings sheet, by key; defaults where a value is missing or unreadable."""
    settings = {key: default for key, _label, default, _help in L.SETTINGS if isinstance(default, (int, float))}
    labels = {fold(label): key for key, label, *_ in L.SETTINGS}
    for row in wb.values(L.SHEET_SETTINGS)[:60]:
        for c, v in enumerate(row[:-1]):
            key = labels.get(fold(v))
            if key in settings:
                n = number(row[c + 1])
                if n is not None:
                    settings[key] = n
    return settings
