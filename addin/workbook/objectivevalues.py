"""The values the objectives' own indicators reached, typed on the objectives sheet (one yellow column per plan
year), read by header and matched to the plan's objectives by field and code."""

from __future__ import annotations

from dataclasses import dataclass, field

from addin.common.text import fold
from addin.common.vocab import YES_NO, lookup
from addin.plan.model import Objective
from addin.workbook import layout as L
from addin.workbook.monitoring import Reading, read_number, usable
from addin.workbook.reader import SheetTable, WorkbookData

OBJECTIVE_HEADERS = {c.key: c.header for c in L.OBJECTIVE_COLUMNS if c.key in ("field", "code")}


@dataclass
class ObjectiveValues:
    """One objective's row: per year the value as typed, its reading, and its cell."""

    objective: Objective
    raw: dict[int, object] = field(default_factory=dict)
    readings: dict[int, Reading | None] = field(default_factory=dict)
    refs: dict[int, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        t = self.objective.target
        return "count" if t is None or t.kind == "relative" else t.kind

    def value(self, year: int) -> float | None:
        """The year's value as the figures use it (po/jo as 1/0 for a milestone); None when empty or unreadable."""
        raw = self.raw.get(year)
        if raw is None:
            return None
        if self.kind == "milestone":
            code = lookup(YES_NO, raw)[0]
            return {"yes": 1.0, "no": 0.0}.get(code) if code else None
        return usable(self.readings.get(year), "number" if self.kind == "count" else self.kind)


def _code(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def read_objective_values(wb: WorkbookData) -> dict[tuple[str, str], ObjectiveValues]:
    """Each objective's yearly values (objectives the sheet does not list, or a workbook built before these
    columns existed, have none: nothing is invented). Read once per workbook (the check and the summary share
    them: treat them as read-only)."""
    if "_objective_values" not in wb.__dict__:
        wb.__dict__["_objective_values"] = _read_objective_values(wb)
    return dict(wb.__dict__["_objective_values"])


def objective_table(wb: WorkbookData) -> SheetTable:
    """The objectives sheet as the engine reads it: field, code and one value column per plan year."""
    years = {f"y{y}": L.objective_value_header(y) for y in wb.plan.years}
    return wb.table(L.SHEET_OBJECTIVES, {**OBJECTIVE_HEADERS, **years}, ("field", "code"))


def _read_objective_values(wb: WorkbookData) -> dict[tuple[str, str], ObjectiveValues]:
    plan = wb.plan
    years = {f"y{y}": L.objective_value_header(y) for y in plan.years}
    table = objective_table(wb)
    objectives = {(o.field, fold(o.code)): o for o in plan.objectives}
    percent = wb.percent_cells(table.sheet)
    out: dict[tuple[str, str], ObjectiveValues] = {}
    first: dict[tuple[str, str], int] = {}
    repeated: list[tuple[str, str, str]] = []  # (code, the repeated row's code cell, the first row's)
    for row, values in table.rows:
        o = objectives.get((_code(table.get(values, "field")), fold(_code(table.get(values, "code")))))
        if o is None:
            continue
        if (o.field, o.code) in first:
            if "code" in table.columns:
                repeated.append((f"{o.field} {o.code}", table.ref(row, "code"), table.ref(first[o.field, o.code],
                                                                                          "code")))
            out[(o.field, o.code)].raw.clear()  # neither copy is counted: which one is right cannot be known
            out[(o.field, o.code)].readings.clear()
            continue
        first[(o.field, o.code)] = row
        ov = ObjectiveValues(o)
        for key in years:
            if key not in table.columns:
                continue
            year, raw = int(key[1:]), table.get(values, key)
            ref = table.ref(row, key)
            ov.refs[year] = ref
            if raw is None:
                continue
            ov.raw[year] = raw
            shown_percent = None if percent is None else ref.rsplit("!", 1)[1] in percent
            ov.readings[year] = read_number(raw, ov.kind if ov.kind != "count" else "number", shown_percent)
        out[(o.field, o.code)] = ov
    wb.__dict__["_objective_repeated"] = repeated
    return out


def repeated_objectives(wb: WorkbookData) -> list[tuple[str, str, str]]:
    """The objectives listed on more than one row of the objectives sheet: (code, the repeated row's code cell, the
    first row's), in sheet order. Neither row's values are read."""
    read_objective_values(wb)
    return list(wb.__dict__.get("_objective_repeated", []))
