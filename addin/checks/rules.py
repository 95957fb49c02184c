"""The validation rules: small check functions, one concern each, each yielding findings."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path

from addin.checks.findings import ERROR, WARNING, Finding
from addin.common.messages import Count, MatricaError, Msg
from addin.common.text import AmountError, fold, format_lek, format_number, format_pct, is_whole, parse_lek
from addin.common.vocab import DIRECTIONS, FOLLOW_UP, FUNDING, KINDS, SCOPES, STATUSES, YES_NO, lookup
from addin.plan.model import Plan, Target
from addin.workbook import layout as L
from addin.workbook.monitoring import (
    AMOUNT_KEYS,
    PART_KEYS,
    STARTED_KEYS,
    Entry,
    Reading,
    cell_reading,
    column_kind,
    duplicated_keys,
    list_code,
    number,
    read_entries,
    read_values,
    row_key,
    sheet_started,
)
from addin.workbook.narrative import Narrative, logo_problem, read_report_settings
from addin.workbook.parts import Scope
from addin.workbook.reader import SheetTable, WorkbookData, col_letter
from addin.workbook.sheetxml import col_index, col_letters


@dataclass
class Context:
    """Everything the checks read, gathered once."""

    wb: WorkbookData
    plan: Plan
    settings: dict[str, float]
    matrix: SheetTable
    indicators: SheetTable
    monitoring: dict[int, SheetTable]
    entries: dict[int, list[Entry]]
    error_cells: dict[str, dict[str, str]]
    started: dict[int, bool] = field(default_factory=dict)
    narrative: Narrative = field(default_factory=Narrative)
    cache: dict[str, object] = field(default_factory=dict)  # figures several checks need, computed once
    scope: Scope | None = None  # one institution's rows only (a part, or validate --institution)

    def is_error(self, ref: str) -> bool:
        if not self.error_cells:
            return False
        sheet, cell = ref.rsplit("!", 1)
        return cell in self.error_cells.get(sheet.strip("'"), {})

    def entry_error(self, e: Entry, key: str) -> bool:
        """`is_error` of an entry's cell, told without making its address on a sheet without error values."""
        return e.sheet in self.error_cells and self.is_error(e.refs[key])

    def started_entries(self) -> Iterator[tuple[int, list[Entry]]]:
        """(year, entries) of each year whose sheet has been started (`sheet_started`): the rules on what is entered
        in a year (status, actual values, breakdowns, notes, spending) have nothing to look at on another sheet."""
        for year, entries in self.entries.items():
            if year not in self.started:
                self.started[year] = sheet_started(entries)
            if self.started[year]:
                yield year, entries


Check = Callable[[Context], Iterator[Finding]]
CHECKS: list[Check] = []


ADVICE: set[Check] = set()  # the checks that only ever warn (`advice`)


def check(fn: Check) -> Check:
    """Register a check; adding a rule means adding one function (and its test)."""
    CHECKS.append(fn)
    return fn


def advice(fn: Check) -> Check:
    """Register a check that only ever warns: nothing it finds rejects a value or changes another rule's findings,
    so a view that shows only the errors (the text `summary`) runs without it. The suite holds it to that."""

    @functools.wraps(fn)
    def warnings_only(ctx: Context) -> Iterator[Finding]:
        for f in fn(ctx):
            assert f.severity == WARNING, f"{fn.__name__} is advice but found {f.rule} as {f.severity}"
            yield f

    ADVICE.add(check(warnings_only))
    return warnings_only


def _f(rule: str, severity: str, ref: str | None, code: str, value: object, **params) -> Finding:
    sheet = ref.rsplit("!", 1)[0].strip("'") if ref else None
    return Finding(rule, severity, sheet, ref, code, value, params)


def _record_code(record: dict[str, object]) -> str:
    """The code people see of a matrix row's record (`SheetTable.record`): "AR 2.1.1"."""
    return f"{record.get('field') or ''} {record.get('code') or ''}".strip()


def _text(value: object) -> str:
    if type(value) is str:
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


INPUT_KEYS = STARTED_KEYS
started = sheet_started  # a year's sheet has been started (the allocation alone does not count)


@check
def excel_errors(ctx: Context) -> Iterator[Finding]:
    """An Excel error value (#REF!, #DIV/0!, #VALUE!, #N/A) in any sheet the engine reads."""
    read = {L.SHEET_MATRIX, L.SHEET_INDICATORS, L.SHEET_SETTINGS, *(t.sheet for t in ctx.monitoring.values())}
    texts = {t.sheet: t for t in text_tables(ctx)}  # read only in their tables' columns
    codes = {t.sheet: {e.row: e.code for e in ctx.entries[y]} for y, t in ctx.monitoring.items()
             if t.sheet in ctx.error_cells}
    for sheet in sorted((read | set(texts)) & set(ctx.error_cells)):
        for cell, value in ctx.error_cells[sheet].items():
            if sheet in texts and sheet not in read and not _in_table(texts[sheet], cell):
                continue
            row = int("".join(ch for ch in cell if ch.isdigit()))
            code = _code_at(ctx, texts[sheet], cell) if sheet in texts and sheet not in read else \
                codes.get(sheet, {}).get(row, "")
            yield _f("excel-error", ERROR, f"'{sheet}'!{cell}", code, value)


def read_tables(ctx: Context) -> list[SheetTable]:
    """The tables whose cells the engine reads: the matrix, the indicators and each monitoring sheet checked."""
    return [ctx.matrix, ctx.indicators, *ctx.monitoring.values()]


def text_tables(ctx: Context) -> list[SheetTable]:
    """The other tables whose cells the figures and the report read: the objectives' yearly values and the
    report's texts on Narrativa (each when the workbook has it)."""
    from addin.workbook.narrative import narrative_table
    from addin.workbook.objectivevalues import objective_table

    out = []
    for make in (objective_table, narrative_table):
        try:
            out.append(make(ctx.wb))
        except MatricaError:
            continue  # no such sheet or columns: other rules say so
    return out


def _position(ref: str) -> tuple[int, int]:
    """"H14" -> (14, 7): 1-based row, 0-based column."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    return int(ref[len(letters):]), col_index(letters) - 1


def _in_table(table: SheetTable, ref: str) -> bool:
    row, col = _position(ref)
    return row > table.header_row and col in table.columns.values()


def _table_letters(table: SheetTable) -> frozenset[str]:
    """The column letters of a table's columns ("H"), to tell a cell's column from its address at once."""
    return frozenset(col_letter(c) for c in table.columns.values())


@check
def misnamed_sheets(ctx: Context) -> Iterator[Finding]:
    """A sheet that looks like one Matrica reads but is not read, one finding each (`WorkbookData.misnamed_sheets`):
    a monitoring sheet for a year outside the plan period (a warning); a name almost right ("MONITORIMI 2025",
    "Monitorimi 2025 (2)", "Narrativa ", "Matrica (2)"): an error when the sheet it stands for is not there (its
    data are not read), else a warning (a copy beside it); a monitoring sheet whose year cannot be read from its
    name ("Monitorimi 2O25"): an error while a plan year has no sheet, else a warning."""
    plan = ctx.plan
    names = set(ctx.wb.sheet_names)
    for near in ctx.wb.misnamed_sheets():
        sheet = near.sheet
        if near.monitoring and near.year is not None and near.year not in plan.years:
            yield Finding("sheet-year-outside", WARNING, sheet, None, "", sheet,
                          {"year": near.year, "start": plan.start_year, "end": plan.end_year})
            continue
        if near.monitoring and near.year is None:
            missing = [y for y in plan.years if L.monitoring_sheet(y) not in names]
            looks = Msg("misnamed:no-year", (("start", plan.start_year), ("end", plan.end_year),
                                             ("example", L.monitoring_sheet(missing[0] if missing
                                                                            else plan.start_year))))
            effect = (Count("misnamed:no-year-missing", len(missing), (("years", ", ".join(map(str, missing))),))
                      if missing else Msg("misnamed:no-year-copy"))
        else:
            read = near.expected in names
            looks = Msg("misnamed:monitoring" if near.monitoring else "misnamed:sheet",
                        (("expected", near.expected),))
            if read:
                effect = Msg("misnamed:copy", (("expected", near.expected),))
            elif near.monitoring:
                effect = Msg("misnamed:not-read", (("expected", near.expected), ("year", near.year)))
            else:
                effect = Msg("misnamed:sheet-not-read", (("expected", near.expected),))
            missing = [] if read else [near.expected]
        yield Finding("sheet-misnamed", ERROR if missing else WARNING, sheet, None, "", sheet,
                      {"looks": looks, "effect": effect})


@advice
def table_headers(ctx: Context) -> Iterator[Finding]:
    """The headers of the tables the engine reads (Matrica, Treguesit, each monitoring sheet checked): one typed
    almost right (accents, punctuation, spacing) is read as the column it stands for and said at its cell; a column
    not found is not read, one warning for the sheet and column (a required one stops the run instead; one an older
    workbook lacks, `layout.LATER_COLUMNS`, is read as empty)."""
    for table in read_tables(ctx):
        for key, (typed, header) in table.near_headers.items():
            yield _f("header-misnamed", WARNING, table.ref(table.header_row, key), "", typed, expected=header)
        for key, header in table.missing.items():
            if key in L.LATER_COLUMNS:
                continue  # an older workbook's, read as empty
            yield Finding("column-missing", WARNING, table.sheet, None, "", header,
                          {"sheet": table.sheet, "row": table.header_row})
    yield from _objective_value_headers(ctx)
    yield from _programme_list_missing(ctx)


def _objective_value_headers(ctx: Context) -> Iterator[Finding]:
    """The objectives sheet's yearly value columns, as `table_headers` says the others': one typed almost right is
    said at its cell; one not found, when others are there, is one warning (a workbook built before these columns
    existed has none of them, and needs no word)."""
    from addin.workbook.objectivevalues import objective_table

    try:
        table = objective_table(ctx.wb)
    except MatricaError:
        return  # no such sheet or key columns: other rules say so
    for key, (typed, header) in table.near_headers.items():
        yield _f("header-misnamed", WARNING, table.ref(table.header_row, key), "", typed, expected=header)
    if any(key.startswith("y") for key in table.columns):  # a year's column is there: the others were taken away
        for header in table.missing.values():
            yield Finding("column-missing", WARNING, table.sheet, None, "", header,
                          {"sheet": table.sheet, "row": table.header_row})


def _programme_list_missing(ctx: Context) -> Iterator[Finding]:
    """The lists sheet without its column of budget programmes (`programmes` then checks none): one warning."""
    from addin.workbook.budgetinputs import programme_list

    if L.SHEET_LISTS not in ctx.wb.sheet_names:
        return  # the sheet itself is missing: `missing_sheets`
    try:
        listed = programme_list(ctx.wb)
    except MatricaError:
        return  # a sheet that cannot be read is said where it is read
    if listed is None:
        yield Finding("column-missing", WARNING, L.SHEET_LISTS, None, "", dict(L.LIST_COLUMNS)["programmes"],
                      {"sheet": L.SHEET_LISTS, "row": L.HEADER_ROW})


@advice
def missing_sheets(ctx: Context) -> Iterator[Finding]:
    """The lists sheet (Listat) is gone, and no sheet is named almost like it (that one is `misnamed_sheets`'s): one
    warning; its dropdown lists and the budget programmes cannot be read, and the programmes are not checked."""
    names = ctx.wb.sheet_names
    if L.SHEET_LISTS in names or any(n.expected == L.SHEET_LISTS for n in ctx.wb.misnamed_sheets()):
        return
    yield Finding("sheet-missing", WARNING, None, None, "", L.SHEET_LISTS, {})


@advice
def stray_cells(ctx: Context) -> Iterator[Finding]:
    """A value far outside a read sheet's data (e.g. at XFD1048576) is not read, and says so at its cell."""
    read = {t.sheet for t in read_tables(ctx)} | {L.SHEET_SETTINGS}
    for sheet, (extent, cells) in sorted(ctx.wb.stray_cells().items()):
        if sheet not in read:
            continue
        last = f"{col_letters(extent[1])}{extent[0]}" if extent else "—"
        for ref, text in cells.items():
            yield _f("stray-cell", WARNING, f"'{sheet}'!{ref}", "", text, last=last)


@check
def formulas_without_value(ctx: Context) -> Iterator[Finding]:
    """A formula in a cell the engine reads must carry its computed result (a workbook written by a program that
    does not calculate has none, and the cell would silently read as empty)."""
    tables = {t.sheet: t for t in text_tables(ctx)} | {t.sheet: t for t in read_tables(ctx)}
    for sheet, cells in sorted(ctx.wb.uncached_formulas().items()):
        table = tables.get(sheet)
        if table is None and sheet != L.SHEET_SETTINGS:
            continue
        letters = None if table is None else _table_letters(table)
        for ref, formula in cells.items():
            if table is None or (ref.rstrip("0123456789") in letters and _in_table(table, ref)):
                yield _f("formula-no-value", ERROR, f"'{sheet}'!{ref}", _code_at(ctx, table, ref), formula)


def _code_at(ctx: Context, table: SheetTable | None, ref: str) -> str:
    """The activity/indicator code of the row a cell is on, "" when none."""
    if table is None:
        return ""
    row, _ = _position(ref)
    for y, t in ctx.monitoring.items():
        if t is table:
            return next((e.code for e in ctx.entries[y] if e.row == row), "")
    record = next((rec for r, rec in table.records if r == row), None)
    if record is None:
        return ""
    if table is ctx.indicators:
        n = number(record.get("n"))
        base = f"{_text(record.get('field'))} {_text(record.get('activity'))}".strip()
        return f"{base} #{int(n)}" if n is not None and is_whole(n) else base
    return _record_code(record)


def _merged_refs(merged: str) -> tuple[str, list[tuple[int, int]]]:
    first, _, last = merged.partition(":")
    r1, c1 = _position(first)
    r2, c2 = _position(last or first)
    return first, [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


@check
def merged_cells(ctx: Context) -> Iterator[Finding]:
    """Merged cells inside a table: the value belongs to the first cell only and the other rows read empty. An
    error where a merge covers monitoring input cells, a warning on plan cells."""
    tables = {t.sheet: t for t in read_tables(ctx)}
    monitoring = {t.sheet for t in ctx.monitoring.values()}
    inputs = {c.key for c in L.MONITORING_INPUT_COLUMNS}
    for sheet, ranges in sorted(ctx.wb.merged_cells().items()):
        table = tables.get(sheet)
        if table is None:
            continue
        keys = {c: k for k, c in table.columns.items()}
        for merged in ranges:
            first, cells = _merged_refs(merged)
            inside = [keys[c] for r, c in cells if r > table.header_row and c in keys]
            if not inside:
                continue
            severity = ERROR if sheet in monitoring and inputs & set(inside) else WARNING
            yield _f("merged-cells", severity, f"'{sheet}'!{first}", _code_at(ctx, table, first), merged,
                     first=first)


@check
def required_plan_cells(ctx: Context) -> Iterator[Finding]:
    """Plan cells that identify a row (field, code, activity / indicator text) must not be empty."""
    for table, keys in ((ctx.matrix, ("field", "code", "activity")),
                        (ctx.indicators, ("field", "activity", "n", "indicator"))):
        keys = [k for k in keys if k in table.columns]
        cells_of = _getter(itemgetter, keys)
        for row, record in table.records:
            if None not in cells_of(record):
                continue  # every key cell filled: the common row, told at once
            for key in keys:
                if record[key] is None and not ctx.is_error(ref := table.ref(row, key)):
                    header = next(h for k, h in _headers(ctx, table).items() if k == key)
                    yield _f("missing-value", ERROR, ref, _record_code(record), None,
                             what=Msg("what:plan-cell", (("header", header),)))


def _headers(ctx: Context, table: SheetTable) -> dict[str, str]:
    if table.sheet == L.SHEET_MATRIX:
        return ctx.plan.matrix_headers
    return {c.key: (ctx.plan.indicator_header if c.key == "indicator" else c.header) for c in L.INDICATOR_COLUMNS}


def runs_in(ctx: Context, e: Entry, year: int) -> bool:
    """The entry's activity runs in `year` by its plan years (as the matrix sheet gives them)."""
    years = activity_years(ctx).get((e.field, e.activity))
    return not years or year in years


@check
def required_status(ctx: Context) -> Iterator[Finding]:
    """Once a year's sheet has been started, every activity scheduled in that year needs its status (on its
    first row); an activity the plan does not schedule in the year needs none."""
    for year, entries in ctx.started_entries():
        for e in entries:
            if e.first_of_activity and e.indicator and e.raw.get("status") is None and runs_in(ctx, e, year) \
                    and not ctx.entry_error(e, "status"):
                yield _f("missing-value", ERROR, e.refs["status"], e.code, None, what=Msg("what:status"))


@advice
def status_not_scheduled(ctx: Context) -> Iterator[Finding]:
    """A status entered for an activity that the plan does not schedule in that year: it is not counted."""
    for year, entries in ctx.started_entries():  # a status makes a sheet started
        for e in entries:
            if e.first_of_activity and e.indicator and e.raw.get("status") is not None and not runs_in(ctx, e, year):
                years = activity_years(ctx)[(e.field, e.activity)]
                yield _f("status-not-scheduled", WARNING, e.refs["status"], e.code, e.raw.get("status"), year=year,
                         start=min(years), end=max(years))


def _expected(kind: str) -> str:
    return {"percent": "percent", "milestone": "yes-no"}.get(kind, "number")


@check
def actual_type(ctx: Context) -> Iterator[Finding]:
    """The actual value has its indicator's type: a number, a percentage 0-100 (milestones: vocabulary check).
    A number stored as text or a decimal where whole things are counted has its own rule."""
    for e, key, r in filled_number_cells(ctx):
        if key != "actual" or e.indicator is None or e.indicator.target.kind == "milestone":
            continue
        kind = e.indicator.target.kind
        n = r.value
        if n is not None and (not math.isfinite(n) or n < 0):
            continue  # a value that cannot be true: the bounds rules say so
        if n is None or (kind == "percent" and n > 100):
            expected = Msg(f"expected:{_expected(kind)}")
            yield _f("type-error", ERROR, e.refs["actual"], e.code, e.raw["actual"], expected=expected)


@check
def part_types(ctx: Context) -> Iterator[Finding]:
    """Disaggregation parts are numbers, 0 or more (whole: see `not_whole`)."""
    for e, key, r in filled_number_cells(ctx):
        if key not in PART_KEYS:
            continue
        n = r.value
        if n is not None and (not math.isfinite(n) or n < 0):
            continue  # a value that cannot be true: the bounds rules say so
        if n is None:
            yield _f("type-error", ERROR, e.refs[key], e.code, e.raw[key], expected=Msg("expected:whole"))


def _number_cells(ctx: Context) -> list[tuple[Entry, str, str, Reading]]:
    """Every monitoring cell that holds a count or an amount: (entry, key, kind, reading), listed once per check
    run (the rules on numbers share the list)."""
    if "number_cells" not in ctx.cache:
        ctx.cache["number_cells"] = list(_find_number_cells(ctx))
    return ctx.cache["number_cells"]


def _find_number_cells(ctx: Context) -> Iterator[tuple[Entry, str, str, Reading]]:
    for e, key, r in filled_number_cells(ctx):
        kind = column_kind(key, e.indicator)
        if kind in ("count", "amount") and not ctx.entry_error(e, key):
            if r is not None and r.value is not None and not math.isfinite(r.value):
                continue  # NaN or infinite: the bounds rules say so
            yield e, key, kind, r


NUMBER_KEYS = ("actual", *PART_KEYS, *AMOUNT_KEYS)


def filled_number_cells(ctx: Context) -> list[tuple[Entry, str, Reading]]:
    """Every filled monitoring cell that may hold a number (the actual value, the breakdown, the amounts), with
    its reading: (entry, key, reading), by entry and in NUMBER_KEYS order, listed once per check run (the rules on
    numbers each judge their own)."""
    if "filled_number_cells" not in ctx.cache:
        cells = ctx.cache["filled_number_cells"] = []
        for year, entries in ctx.entries.items():
            keys = [k for k in NUMBER_KEYS if k in ctx.monitoring[year].columns]  # a row's cells: its sheet's columns
            if not ctx.started.get(year, True):
                keys = [k for k in keys if k not in STARTED_KEYS]  # a sheet not started: only allocations entered
            cells += [(e, key, cell_reading(e, key)) for e in entries for key in keys if e.raw[key] is not None]
    return ctx.cache["filled_number_cells"]


def _plain_number(value: float) -> str:
    """A number as it is typed into a cell: 1200000, 12,5."""
    return str(int(value)) if is_whole(value) else format_number(value, 3)


@check
def number_as_text(ctx: Context) -> Iterator[Finding]:
    """A count or an amount stored as text (pasted, or typed into a text cell): the workbook's own sums
    (Përmbledhje, "Gjithsej deri tani") leave it out, and so do the figures, until it is typed as a number."""
    for e, key, _kind, r in _number_cells(ctx):
        if r.text and r.whole:
            yield _f("number-as-text", ERROR, e.refs[key], e.code, r.stored, number=_plain_number(r.value))


def _thousands_hint(value: float) -> str | None:
    """ "1.200" read as 1,2 by a computer with the English decimal point: the whole number it was meant as."""
    meant = round(value * 1000)
    return str(meant) if 0 < value < 1000 and abs(value * 1000 - meant) < 1e-6 else None


@check
def not_whole(ctx: Context) -> Iterator[Finding]:
    """Counts, breakdowns and amounts in lekë are whole numbers: a decimal is an error at its cell saying how to
    type it (a "1.200" typed where the point is the decimal sign becomes 1,2)."""
    for e, key, kind, r in _number_cells(ctx):
        if r.value is None or r.whole or r.value < 0:
            continue
        hint = _thousands_hint(r.value) if not r.text else None
        what = Msg("whole:amount" if kind == "amount" else "whole:count")
        tip = Msg("whole:hint", (("typed", f"{int(r.value)}.{round(r.value * 1000) % 1000:03d}"), ("meant", hint))
                  ) if hint else Msg("whole:no-hint")
        yield _f("not-whole", ERROR, e.refs[key], e.code, r.stored, shown=format_number(r.value, 3), what=what,
                 tip=tip)


@advice
def percent_fraction(ctx: Context) -> Iterator[Finding]:
    """A fraction below 1 in a percent indicator's cell that is not shown as a percentage: 0,7 % or 70 %?
    (70% typed in a spreadsheet is stored 0.7 with a percent format, which is read as 70.)"""
    for _year, entries in ctx.started_entries():  # an actual value makes a sheet started
        for e in entries:
            if e.indicator is None or e.indicator.target.kind != "percent" or e.raw.get("actual") is None:
                continue
            r = cell_reading(e, "actual")
            if r.text or r.percent_format or r.value is None or not 0 < r.value < 1:
                continue
            yield _f("percent-fraction", WARNING, e.refs["actual"], e.code, r.stored,
                     low=format_number(r.value, 4), high=format_number(r.value * 100, 2))


@check
def year_types(ctx: Context) -> Iterator[Finding]:
    """Start and end years in the matrix are years."""
    for row, record in ctx.matrix.records:
        for key in ("start_year", "end_year"):
            value = record.get(key)
            if value is None or (value.__class__ is float and value.is_integer() and 1900 <= value <= 2100):
                continue  # empty, or a year typed as a number: the common cell, told at once
            n = number(value)
            if n is None or not is_whole(n) or not 1900 <= n <= 2100:  # "nan", "inf", "1e400" too
                yield _f("type-error", ERROR, ctx.matrix.ref(row, key), _record_code(record), value,
                         expected=Msg("expected:year"))


@check
def amounts(ctx: Context) -> Iterator[Finding]:
    """Spent amounts and planned costs read as lekë; "Sipas …" text is recognised as not quantified."""
    for entries in ctx.entries.values():  # allocations are entered before a sheet is started
        for key in ("allocated", "spent"):
            for e in entries:
                value = e.raw.get(key)
                if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
                    continue  # a number typed: whole or not is `not_whole`'s concern, its bounds `impossible_values`'
                f = _amount_finding(value, lambda e=e, key=key: (e.refs[key], e.code))
                if f:
                    yield f
    matrix = ctx.matrix
    for key in ("cost_lek", "estimated_cost"):
        if key in matrix.columns:
            for row, record in matrix.records:
                value = record.get(key)
                if value is not None and (f := _amount_finding(
                        value, lambda row=row, key=key, record=record: (matrix.ref(row, key), _record_code(record)))):
                    yield f


def _amount_finding(value: object, where: Callable[[], tuple[str, str]]) -> Finding | None:
    """What is wrong with a filled amount cell, None when it reads as lekë (or as a negative, NaN or infinite
    number, which the bounds rules report); `where()` gives the cell and the row's code."""
    from addin.checks.bounds import numeric

    n = numeric(value, amount=True)
    if n is not None and (not math.isfinite(n) or n < 0):
        return None  # negative, NaN or infinite: the bounds rules say so
    try:
        amount = parse_lek(value)
    except AmountError:
        return _f("amount-unreadable", ERROR, *where(), value)
    return None if amount.quantified else _f("amount-not-quantified", WARNING, *where(), value)


def _vocab_finding(ref: str, code: str, value: object, vocab_key: str,
                   choices: dict[str, tuple[str, str]]) -> Finding | None:
    found, exact = lookup(choices, value)
    if found and exact:
        return None
    if found:
        return _f("vocabulary-normalisable", WARNING, ref, code, value, fix=choices[found][0])
    shown = ", ".join(sq for sq, _ in list(choices.values())[:8]) + (" …" if len(choices) > 8 else "")
    return _f("vocabulary-unknown", ERROR, ref, code, value, choices=shown, vocabulary=Msg(f"vocab:{vocab_key}"))


@check
def vocabularies(ctx: Context) -> Iterator[Finding]:
    """Status, funding source, reporting institution and po/jo come from their lists (case, spaces and "ё"
    differences are warnings with the fix; anything else is an error)."""
    institutions = {i.code: (i.label, i.label) for i in ctx.plan.institutions}
    short = {i.code: (i.label, i.code) for i in ctx.plan.institutions}
    lists = (("status", "status", STATUSES, _labels(STATUSES)), ("funding", "funding", FUNDING, _labels(FUNDING)))
    institution_labels, yes_no = _labels(institutions), _labels(YES_NO)
    for _year, entries in ctx.started_entries():  # each of these cells makes a sheet started
        for e in entries:
            raw = e.raw
            for key, vocab_key, choices, labels in lists:
                value = raw.get(key)
                if value is not None and not _is_label(value, labels) and not ctx.entry_error(e, key):
                    f = _vocab_finding(e.refs[key], e.code, value, vocab_key, choices)
                    if f:
                        yield f
            value = raw.get("reported_by")
            if value is not None and "reported_by" in e.refs and not _is_label(value, institution_labels):
                f = _vocab_finding(e.refs["reported_by"], e.code, value, "institutions", institutions)
                if f and f.rule == "vocabulary-unknown" and lookup(short, value)[0]:
                    f = _f("vocabulary-normalisable", WARNING, e.refs["reported_by"], e.code, value,
                           fix=institutions[lookup(short, value)[0]][0])
                if f:
                    yield f
            value = raw.get("actual")
            if value is not None and e.indicator and e.indicator.target.kind == "milestone" \
                    and not _is_label(value, yes_no):
                f = _vocab_finding(e.refs["actual"], e.code, value, "yes_no", YES_NO)
                if f:
                    yield f


def _labels(choices: dict[str, tuple[str, str]]) -> frozenset[str]:
    """A list's own labels (Albanian), as typed from its dropdown."""
    return frozenset(sq for sq, _en in choices.values())


def _is_label(value: object, labels: frozenset[str]) -> bool:
    """The value is exactly one of a list's labels (`lookup` finds it exact): no finding."""
    return value.__class__ is str and value in labels


@check
def programmes(ctx: Context) -> Iterator[Finding]:
    """A budget programme on the matrix sheet is one of the programmes the budget directorate listed."""
    from addin.workbook.budgetinputs import programme_list

    if "programme" not in ctx.matrix.columns or L.SHEET_LISTS not in ctx.wb.sheet_names:
        return  # no list to check against: said once (`missing_sheets`, `misnamed_sheets`), not on every row
    try:
        listed = programme_list(ctx.wb)
    except MatricaError:
        return  # a sheet that cannot be read is said where it is read
    if listed is None:
        return  # the list's column is gone: said once (`table_headers`), not on every row
    choices = {str(i): (p, p) for i, p in enumerate(listed)}
    for row, record in ctx.matrix.records:
        value = record.get("programme")
        if value is None or ctx.is_error(ref := ctx.matrix.ref(row, "programme")):
            continue
        if not choices:
            yield _f("vocabulary-unknown", ERROR, ref, _record_code(record), value,
                     choices=Msg("choices:programmes-empty"), vocabulary=Msg("vocab:programmes"))
            continue
        f = _vocab_finding(ref, _record_code(record), " ".join(_text(value).split()), "programmes", choices)
        if f:
            yield f


@check
def years(ctx: Context) -> Iterator[Finding]:
    """End year not before start year, both inside the plan period."""
    plan = ctx.plan
    for row, record in ctx.matrix.records:
        start, end = record.get("start_year"), record.get("end_year")
        if start.__class__ is float and end.__class__ is float and start.is_integer() and end.is_integer() \
                and plan.start_year <= start <= end <= plan.end_year:
            continue  # the common row, told at once
        start, end = number(start), number(end)
        if start is None and end is None:
            continue
        for key, n in (("start_year", start), ("end_year", end)):
            if n is not None and is_whole(n) and 1900 <= n <= 2100 and not plan.start_year <= n <= plan.end_year:
                yield _f("year-outside", ERROR, ctx.matrix.ref(row, key), _record_code(record), int(n),
                         start=plan.start_year, end=plan.end_year)
        if start is not None and end is not None and math.isfinite(start) and math.isfinite(end) and end < start:
            yield _f("year-order", ERROR, ctx.matrix.ref(row, "end_year"), _record_code(record), int(end),
                     start=int(start))


def matrix_keys(ctx: Context) -> list[tuple[int, dict[str, object], tuple[str, str]]]:
    """(row, record, (field, code)) of every matrix row, its codes as text: made once per check run (the rules on
    the plan sheets share them)."""
    if "matrix_keys" not in ctx.cache:
        ctx.cache["matrix_keys"] = [(row, record, (_text(record.get("field")), _text(record.get("code"))))
                                    for row, record in ctx.matrix.records]
    return ctx.cache["matrix_keys"]


def plan_indicator_keys(ctx: Context) -> list[tuple[str, str, int]]:
    """The key (field, activity code, number) of each of the plan's indicators, in the plan's order."""
    if "plan_indicator_keys" not in ctx.cache:
        ctx.cache["plan_indicator_keys"] = list(map(attrgetter("field", "activity", "n"), ctx.plan.indicators))
    return ctx.cache["plan_indicator_keys"]


def indicator_keys(ctx: Context) -> list[tuple[int, dict[str, object], tuple[str, str, object]]]:
    """(row, record, key) of every row of the indicators sheet, its key (field, activity code, indicator number) as
    a monitoring row's (`Entry.key`): the codes as text, the number whole (an int), else the cell as text. Made once
    per check run (the rules on the plan sheets share them)."""
    if "indicator_keys" not in ctx.cache:
        out = []
        for row, record in ctx.indicators.records:
            n = number(record.get("n"))
            n = int(n) if n is not None and n.is_integer() else _text(record.get("n"))
            out.append((row, record, (_text(record.get("field")), _text(record.get("activity")), n)))
        ctx.cache["indicator_keys"] = out
    return ctx.cache["indicator_keys"]


@check
def duplicate_codes(ctx: Context) -> Iterator[Finding]:
    """An activity code appears once within its field."""
    seen: dict[tuple[str, str], int] = {}
    for row, _record, key in matrix_keys(ctx):
        if not key[1]:
            continue
        if key in seen:
            yield _f("duplicate-code", ERROR, ctx.matrix.ref(row, "code"), " ".join(key), key[1],
                     field=key[0], first=ctx.matrix.ref(seen[key], "code"))
        else:
            seen[key] = row


def _duplicated_keys(ctx: Context, year: int) -> set[tuple[str, str, object]]:
    """The keys more than one of the year's rows carries (`duplicated_keys`), found once per check run."""
    found = ctx.cache.setdefault("duplicated_keys", {})
    if year not in found:
        entries = ctx.entries[year]
        # A row matched to an indicator carries its key, which no other indicator and no unmatched row carries: the
        # keys are all different when the matched rows' indicators are, and the other rows' keys.
        matched = [e.indicator for e in entries if e.indicator is not None]
        others = [key for e in entries if e.indicator is None and (key := e.key) is not None]
        once = len(set(map(id, matched))) == len(matched) and len(set(others)) == len(others)
        found[year] = set() if once else duplicated_keys(entries)
    return found[year]


def duplicated_rows(ctx: Context) -> frozenset[tuple[str, int]]:
    """(sheet, row) of every monitoring row whose key another row of its sheet carries: neither copy is read."""
    if "duplicated_rows" not in ctx.cache:
        rows = set()
        for year, entries in ctx.entries.items():
            twice = _duplicated_keys(ctx, year)
            if twice:
                rows |= {(e.sheet, e.row) for e in entries if row_key(e) in twice}
        ctx.cache["duplicated_rows"] = frozenset(rows)
    return ctx.cache["duplicated_rows"]


@check
def duplicate_rows(ctx: Context) -> Iterator[Finding]:
    """A monitoring row (or an indicator row on Treguesit) carries a key (field, code, indicator number) that an
    earlier row of its sheet already carries: an error at the second row's code, naming the first row's."""
    for year, entries in ctx.entries.items():
        if not _duplicated_keys(ctx, year):
            continue  # every key once: the common sheet, told without sorting its rows
        first: dict[tuple[str, str, object], Entry] = {}
        for e in sorted(entries, key=attrgetter("row")):
            key = row_key(e)
            if key is None or "activity" not in e.refs:
                continue
            if key in first:
                yield _f("duplicate-row", ERROR, e.refs["activity"], e.code, e.activity,
                         first=first[key].refs["activity"], row=e.code, effect=Msg("duplicate:monitoring"))
            else:
                first[key] = e
    table = ctx.indicators
    if "activity" not in table.columns:
        return
    rows = indicator_keys(ctx)
    if len({key for _row, _record, key in rows}) == len(rows):
        return  # every key once
    seen: dict[tuple[str, str, object], int] = {}
    for row, _record, key in rows:
        if not key[1]:
            continue
        if key in seen:
            code = f"{key[0]} {key[1]} #{key[2]}" if key[2] != "" else f"{key[0]} {key[1]}"
            yield _f("duplicate-row", ERROR, table.ref(row, "activity"), code, key[1],
                     first=table.ref(seen[key], "activity"), row=code, effect=Msg("duplicate:plan"))
        else:
            seen[key] = row


MISSING_ONE_BY_ONE = 10  # more missing rows than this on one sheet: one finding for the sheet, not one per row


@advice
def missing_rows(ctx: Context) -> Iterator[Finding]:
    """Every indicator of the plan (of the institution, when one is checked) has its row on each monitoring sheet
    read: a deleted row is said (its indicator counts as without data), one finding per row, or one for the sheet
    when many are gone."""
    indicators = ctx.plan.indicators
    for year, entries in ctx.entries.items():
        keys = None if ctx.scope is None else ctx.scope.keys(year)
        present = {id(e.indicator) for e in entries if e.indicator}  # the plan's indicators the rows are matched to
        if keys is None and len(present) == len(indicators):
            continue  # every indicator's row is there
        missing = [i for i in indicators if id(i) not in present and (keys is None or (i.field, i.activity) in keys)]
        sheet = L.monitoring_sheet(year)
        if len(missing) > MISSING_ONE_BY_ONE:
            shown = ", ".join(f"{i.field} {i.activity} #{i.n}" for i in missing[:MISSING_ONE_BY_ONE])
            yield Finding("row-missing", WARNING, sheet, None, "", None,
                          {"sheet": sheet, "indicators": Count("n_indicators", len(missing)),
                           "codes": f"{shown}, …"})
            continue
        for i in missing:
            code = f"{i.field} {i.activity} #{i.n}"
            yield Finding("row-missing", WARNING, sheet, None, code, None,
                          {"sheet": sheet, "indicators": Count("n_indicators", 1), "codes": code})


@check
def orphan_indicators(ctx: Context) -> Iterator[Finding]:
    """Every indicator's activity exists in the matrix sheet."""
    activities = {key for _row, _record, key in matrix_keys(ctx)}
    for row, _record, (field_code, code, _n) in indicator_keys(ctx):
        key = (field_code, code)
        if key[1] and key not in activities:
            yield _f("orphan-indicator", ERROR, ctx.indicators.ref(row, "activity"), " ".join(key), key[1],
                     field=key[0])


@check
def unknown_monitoring_rows(ctx: Context) -> Iterator[Finding]:
    """Every monitoring row is one of the plan's indicators."""
    for entries in ctx.entries.values():
        for e in entries:
            if e.indicator is None:
                what = Msg("unknown-indicator:code", (("code", e.code),)) if e.activity else Msg(
                    "unknown-indicator:no-code", (("row", e.row),))  # the code cell empty: say that, not "''"
                yield _f("unknown-indicator", ERROR, e.refs["activity"], e.code, e.code, what=what)


@check
def disaggregation_sums(ctx: Context) -> Iterator[Finding]:
    """Where both parts of a breakdown are given, they add up to the actual value (counts and amounts)."""
    for _year, entries in ctx.started_entries():  # a breakdown makes a sheet started
        for e in entries:
            if e.indicator is None or e.indicator.target.kind not in ("count", "amount"):
                continue
            values = read_values(e)
            parts, total = values.parts, values.actual  # the parts the figures count (`usable` counts)
            if not parts or total is None or not math.isfinite(total):
                continue
            for a, b in L.DISAGGREGATION_PARTS.values():
                pa, pb = parts.get(a), parts.get(b)
                if pa is None or pb is None or a not in e.refs or not math.isfinite(pa + pb):
                    continue
                if abs(pa + pb - total) > 1e-9:
                    headers = {c.key: c.header for c in L.MONITORING_INPUT_COLUMNS}
                    yield _f("disaggregation-sum", ERROR, e.refs[a], e.code, e.raw.get("actual"),
                             parts=f"{headers[a]} + {headers[b]}", total_parts=_text(pa + pb))


def _by_activity(entries: list[Entry]) -> dict[tuple[str, str], list[Entry]]:
    groups: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        groups.setdefault((e.field, e.activity), []).append(e)
    return groups


@check
def status_and_actual(ctx: Context) -> Iterator[Finding]:
    """"Realizuar plotësisht" needs actual values; "parealizuar" should not come with achieved values."""
    for _year, entries in ctx.started_entries():  # a status makes a sheet started
        for group in _by_activity(entries).values():
            first = group[0] if group[0].first_of_activity else next((e for e in group if e.first_of_activity),
                                                                     group[0])
            typed = first.raw.get("status")
            status = None if typed is None else list_code("status", typed)
            if status not in ("done", "not_done"):
                continue
            for e in group:
                if e.indicator is None:
                    continue
                value = e.raw.get("actual")
                if status == "done" and value is None and not ctx.is_error(e.refs["actual"]):
                    yield _f("status-without-actual", ERROR, e.refs["actual"], e.code, None)
                if status == "not_done" and value is not None:
                    achieved = read_values(e).actual
                    if achieved:
                        yield _f("actual-with-not-done", WARNING, e.refs["actual"], e.code, value)


@advice
def budget_flags(ctx: Context) -> Iterator[Finding]:
    """The budget directorate's flags, each at its cell: spent above the planned annual cost (`overspend`) or
    above the amount allocated (`overspend-allocated`) by more than the margin on the settings sheet, spending
    without a funding source, an allocation with nothing spent, spending in a year the plan does not schedule the
    activity. (Spending with a source outside the list is already a vocabulary error.)"""
    from addin.figures.budget import FLAG_RULES, year_flags
    from addin.figures.costs import read_activity_costs

    costs, margin = None, ctx.settings["overspend_margin"]
    # Every flag needs spending, or an allocation on a started sheet: another sheet has none.
    for year, entries in ctx.started_entries():
        if not any(e.raw.get(k) is not None for e in entries for k in ("allocated", "spent")):
            continue
        costs = read_activity_costs(ctx.wb) if costs is None else costs
        # without an institution the year's rows are the workbook's: keyed once, for the figures too
        for fl in year_flags(ctx.wb, year, costs, margin, entries if ctx.scope is not None else None):
            rule = FLAG_RULES[fl.flag]
            if fl.cell is None or rule == "vocabulary-unknown" or ctx.is_error(fl.cell):
                continue
            params = {"spent": format_lek(fl.spent), "planned": format_lek(fl.planned),
                      "allocated": format_lek(fl.allocated), "margin": _text(margin), "year": year,
                      "years": _span(fl.years)}
            value = fl.allocated if fl.flag == "allocated_not_spent" else fl.spent
            yield _f(rule, WARNING, fl.cell, fl.code, value, **params)


def _span(years: tuple[int, ...]) -> str:
    if not years:
        return "—"
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _values_by_year(ctx: Context) -> dict[int, dict[int, float | None]]:
    """Each indicator's actual value per monitoring year, by the plan's indicator (its `id`: every year's rows are
    matched to the same objects), for whole-period targets: the years up to the last one checked (a figure of a year
    never reads a later one), read once for every rule that asks."""
    if "values_by_year" in ctx.cache:
        return ctx.cache["values_by_year"]
    last = max(ctx.entries, default=None)
    values: dict[int, dict[int, float | None]] = {}
    ctx.cache["values_by_year"] = values
    for year in ctx.wb.monitoring_years():
        if last is not None and year > last:
            break
        entries = ctx.entries.get(year)
        if entries is None:
            try:
                entries = read_entries(ctx.wb, year)
            except MatricaError:
                continue
        for e in entries:
            if e.indicator:
                values.setdefault(id(e.indicator), {})[year] = read_values(e).actual
    return values


def activity_years(ctx: Context) -> dict[tuple[str, str], tuple[int, ...]]:
    """The years each activity runs, as the workbook's matrix sheet says (the figures use the same)."""
    if "activity_years" not in ctx.cache:
        from addin.figures.costs import read_activity_costs

        ctx.cache["activity_years"] = {(a.field, a.code): a.years for a in read_activity_costs(ctx.wb)}
    return ctx.cache["activity_years"]


TOTAL_WORDS = ("gjithsej", "deri tani", "deri më tani", "kumulativ", "total", "në total")


@advice
def running_total(ctx: Context) -> Iterator[Finding]:
    """A whole-period count or amount takes this year's value, not the running total: warn when a year's value
    looks like the total to date (at least the earlier years' sum, and with it past the whole target, or a note
    that speaks of a total), and say the rule and the value of the year it would give."""
    values = None
    sheets = ctx.wb.monitoring_years()
    for year, entries in ctx.started_entries():  # an actual value makes a sheet started
        if not any(y < year for y in sheets):
            continue  # no earlier year: no running total to take this year's value for
        for e in entries:
            ind = e.indicator
            if ind is None or ind.target.scope != "period" or ind.target.kind not in ("count", "amount"):
                continue
            this = read_values(e).actual
            if not this:
                continue
            values = values if values is not None else _values_by_year(ctx)
            earlier = sum(v for y, v in values.get(id(ind), {}).items()
                          if y < year and v is not None)
            if not earlier or this < earlier:
                continue
            note = fold(e.raw.get("notes"))
            past_target = ind.target.value is not None and earlier + this > ind.target.value
            if not past_target and not any(w in note for w in TOTAL_WORDS):
                continue
            yield _f("running-total", WARNING, e.refs["actual"], e.code, e.raw.get("actual"), year=year,
                     earlier=format_number(earlier), total=format_number(earlier + this),
                     this_year=format_number(this - earlier),
                     why=Msg("running-total:target", (("target", format_number(ind.target.value)),)) if past_target
                     else Msg("running-total:note"))


@advice
def unexplained_deviation(ctx: Context) -> Iterator[Finding]:
    """Achievement far below what the plan expects by the year, or far above the whole target (thresholds on
    the settings sheet), needs a note explaining it. Not rated (not yet due, not scheduled, no baseline): no
    warning."""
    from addin.figures.achievement import Spec, evaluate
    from addin.figures.summary import indicator_spec

    low, high = ctx.settings["explain_below"], ctx.settings["explain_above"]
    values = None
    specs: dict[tuple, Spec] = {}  # the indicators with the same target, running years and baseline share theirs
    for year, entries in ctx.started_entries():  # an actual value makes a sheet started
        if "notes" not in ctx.monitoring[year].columns:
            continue  # nowhere to explain (and to say so)
        for e in entries:
            ind = e.indicator
            if ind is None or ind.target.kind == "milestone" or ind.target.value is None or e.raw.get("notes"):
                continue
            n = read_values(e).actual
            if n is None or not math.isfinite(n) or n < 0:
                continue  # no value, or one that cannot be true (the bounds rules say so)
            values = values if values is not None else _values_by_year(ctx)
            years = activity_years(ctx).get((ind.field, ind.activity), ())
            facts = (id(ind.target), years, ind.baseline_value, ind.baseline_year)  # the plan shares its targets
            spec = specs.get(facts)
            if spec is None:
                spec = specs[facts] = indicator_spec(ind, years, ctx.plan)
            r = evaluate(values.get(id(ind), {}), year, spec)
            if r.rating is None:
                continue
            if r.rating < low:
                pct, limit, bound = r.rating, low, "bound:below"
            elif r.achievement.raw is not None and r.achievement.raw > high:
                pct, limit, bound = r.achievement.raw, high, "bound:above"
            else:
                continue
            versus = Msg("versus:target") if bound == "bound:above" or r.expected == spec.target or (
                spec.kind == "relative") else Msg("versus:expected", (("year", year), ("expected", format_number(
                    r.expected))))
            yield _f("unexplained-deviation", WARNING, e.refs["notes"], e.code, e.raw.get("actual"),
                     pct=format_pct(pct), versus=versus, bound=Msg(bound, (("limit", _text(limit)),)))


def _as_in_plan(found: tuple, expected: tuple) -> bool:
    """Every cell of a row is `_same` as its plan value by the plain cases, told at once for the whole row: equal and
    of the same type, a number equal to a whole one (2023.0 read for 2023), or empty where the plan has nothing."""
    for x, y in zip(found, expected, strict=True):
        if x == y and (type(x) is type(y) or (type(x) in _NUMBERS and type(y) in _NUMBERS)):
            continue
        if x is None and y == "":
            continue
        return False
    return True


_NUMBERS = (int, float)


def _getter(make, keys: list[str]):
    """itemgetter or attrgetter of `keys` that always gives a tuple (one per key, () for none)."""
    if not keys:
        return lambda _obj: ()
    get = make(*keys)
    return get if len(keys) > 1 else lambda obj: (get(obj),)


def _same(found: object, expected: object) -> bool:
    if found == expected and type(found) is type(expected):
        return True
    if expected is None or expected == "":
        return found is None or found == ""
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        n = float(found) if type(found) is float else number(found)
        return n is not None and abs(n - expected) < 1e-9
    return fold(_text(found)) == fold(_text(expected))


@advice
def plan_edits(ctx: Context) -> Iterator[Finding]:
    """Plan cells (structure, targets) are as in the plan text shipped with Matrica."""
    yield from _matrix_edits(ctx)
    yield from _indicator_edits(ctx)
    yield from _monitoring_text_edits(ctx)


def _matrix_edits(ctx: Context) -> Iterator[Finding]:
    """The matrix sheet's plan cells (not the budget directorate's own columns) as in the plan."""
    plan = ctx.plan
    rows = matrix_keys(ctx)
    plan_columns = [k for k in ctx.matrix.columns if k in plan.matrix_headers]
    found_of, expected_of = _getter(itemgetter, plan_columns), _getter(attrgetter, plan_columns)
    activities = _plan_items(plan.activities, list(map(attrgetter("field", "code"), plan.activities)),
                             [key for _row, _record, key in rows])
    for (row, record, key), a in zip(rows, activities, strict=True):
        if a is None:
            continue
        found, expected = found_of(record), expected_of(a)
        if _as_in_plan(found, expected):
            continue
        yield from _edited_cells(ctx, ctx.matrix, row, " ".join(key), dict(zip(plan_columns, found, strict=True)),
                                 dict(zip(plan_columns, expected, strict=True)))


def _indicator_edits(ctx: Context) -> Iterator[Finding]:
    """The indicators sheet's plan cells (text, target, baseline) as in the plan."""
    rows = indicator_keys(ctx)
    keys = [k for k in INDICATOR_PLAN_CELLS if k in ctx.indicators.columns]
    found_of = _getter(itemgetter, keys)
    expected_of = _getter(itemgetter, [INDICATOR_PLAN_CELLS.index(k) for k in keys])
    target_cells: dict[int, tuple] = {}  # each target's cells once (by identity: indicators may share one)
    indicators = _plan_items(ctx.plan.indicators, plan_indicator_keys(ctx), [key for _row, _record, key in rows])
    for (row, record, key), ind in zip(rows, indicators, strict=True):
        if ind is None:
            continue
        cells = target_cells.get(id(ind.target))
        if cells is None:
            cells = target_cells[id(ind.target)] = _target_cells(ind.target)
        given = (ind.text, *cells, ind.baseline_value, ind.baseline_year)
        found, expected = found_of(record), expected_of(given)
        if _as_in_plan(found, expected):
            continue
        yield from _edited_cells(ctx, ctx.indicators, row, f"{key[0]} {key[1]} #{key[2]}",
                                 dict(zip(keys, found, strict=True)), dict(zip(keys, expected, strict=True)))


def _plan_items(items: list, item_keys: list[tuple], row_keys: list[tuple]) -> list:
    """The plan item (activity, indicator) of each row by its key, None where the plan has none. A sheet listing
    the plan's items in the plan's order (as built) is matched along it at once; any other through a lookup (the
    plan's keys are unique: `load_plan` refuses a duplicate)."""
    if item_keys == row_keys:
        return items
    by_key = dict(zip(item_keys, items, strict=True))
    return [by_key.get(key) for key in row_keys]


def _edited_cells(ctx: Context, table: SheetTable, row: int, code: str, found: dict[str, object],
                  expected: dict[str, object]) -> Iterator[Finding]:
    """One finding per cell of a plan row that is not `_same` as its plan value (an error value is said elsewhere)."""
    for k, value in found.items():
        exp = expected[k]
        if value == exp and type(value) is type(exp):
            continue  # as in the plan: the common case, decided without a call
        if not _same(value, exp) and not ctx.is_error(ref := table.ref(row, k)):
            yield _f("plan-edited", WARNING, ref, code, value, expected=_text(exp))


def _monitoring_text_edits(ctx: Context) -> Iterator[Finding]:
    """The indicator's text on each monitoring row as in the plan."""
    for year, entries in ctx.entries.items():
        if "indicator" not in ctx.monitoring[year].columns:
            continue
        for e in entries:
            ind = e.indicator
            if ind is None:
                continue
            text = e.raw.get("indicator")
            if (text == ind.text and text.__class__ is str) or _same(text, ind.text):
                continue
            yield _f("plan-edited", WARNING, e.refs["indicator"], e.code, text, expected=ind.text)


# The plan cells of an indicator row, in the sheet's order: its text, its target's cells, its baseline.
INDICATOR_PLAN_CELLS = ("indicator", "kind", "target_value", "target_high", "unit", "direction", "scope",
                        "per_year_value", "target_year", "baseline_value", "baseline_year")


def _target_cells(target: Target) -> tuple:
    """The indicators sheet's target cells as the plan gives them (labels as the sheet shows them), in
    INDICATOR_PLAN_CELLS order."""
    return (KINDS[target.kind][0], target.value, target.value_high, target.unit, DIRECTIONS[target.direction][0],
            SCOPES[target.scope][0], target.per_year_value, target.target_year)


def column_of(ref: str) -> str:
    return "".join(ch for ch in ref.rsplit("!", 1)[1] if ch.isalpha())


__all__ = ["CHECKS", "Context", "check", "col_letter", "column_of"]


@check
def narrative_texts(ctx: Context) -> Iterator[Finding]:
    """Once a year's sheet has been started, the report's words for that year are written: on the Narrativa sheet
    the introduction, the methodology note and each field's achievements, challenges and recommendations; the
    follow-up of the previous year's recommendations (each with its status); the cover's texts on Parametrat. An
    empty one is a warning at its cell: the report prints "[për t'u plotësuar]" in its place."""
    years = sorted(y for y, on in ctx.started.items() if on)
    if not years:
        return
    n = ctx.narrative
    if not n.present:
        if not any(near.expected == L.SHEET_NARRATIVE for near in ctx.wb.misnamed_sheets()):  # said there
            yield _on_narrative(_f("narrative-missing", WARNING, None, "", None))
    else:
        for year in years:
            yield from _empty_blocks(ctx, year)
    for key, setting in read_report_settings(ctx.wb).items():
        if key not in L.OPTIONAL_REPORT_SETTINGS and not setting.value and setting.ref:
            label = next(lbl for k, lbl, _h in L.REPORT_SETTINGS if k == key)
            yield _f("narrative-empty", WARNING, setting.ref, "", None,
                     what=Msg("narrative:setting", (("label", label),)))


def _on_narrative(finding: Finding) -> Finding:
    """A finding about a Narrativa row that is missing altogether: on the sheet, without a cell."""
    if finding.sheet is None:
        return Finding(finding.rule, finding.severity, L.SHEET_NARRATIVE, None, finding.code, finding.value,
                       finding.params)
    return finding


def _empty_blocks(ctx: Context, year: int) -> Iterator[Finding]:
    n = ctx.narrative
    for part in L.NARRATIVE_REQUIRED:
        scope = L.NARRATIVE_PARTS[part][1]
        for f in (ctx.plan.fields if scope == "field" else (None,)):
            code = f.code if f else ""
            rows = n.of(year, part, code if f else None)
            if any(e.text for e in rows):
                continue
            what = Msg(f"narrative:{part}", (("year", year), ("field", code)))
            yield _on_narrative(_f("narrative-empty", WARNING, rows[0].refs["text"] if rows else None, code, None,
                                   what=what))
    previous = n.recommendations(year - 1)
    table = n.of(year, "follow_up")
    if previous and not n.follow_up(year):
        yield _on_narrative(_f("narrative-empty", WARNING, table[0].refs["text"] if table else None, "", None,
                               what=Msg("narrative:follow_up", (("year", year), ("previous", year - 1)))))
    for e in n.follow_up(year):
        if e.text and e.status in (None, ""):
            yield _f("narrative-empty", WARNING, e.refs["status"], e.field, None,
                     what=Msg("narrative:follow_up_status"))
        elif e.status not in (None, ""):
            f = _vocab_finding(e.refs["status"], e.field, e.status, "follow_up", FOLLOW_UP)
            if f:
                yield f


@advice
def narrative_keys(ctx: Context) -> Iterator[Finding]:
    """A Narrativa row holding text is one the report can place: a year, a known part and, for a field's texts,
    one of the plan's fields (otherwise its text would be left out of the report without a word)."""
    fields = {f.code for f in ctx.plan.fields}
    for e in ctx.narrative.entries:
        if not e.filled:
            continue
        if e.year is None:
            yield _f("narrative-unkeyed", WARNING, e.refs["year"], e.field, e.raw_year,
                     what=Msg("narrative-key:year"))
        elif e.part is None:
            yield _f("narrative-unkeyed", WARNING, e.refs["part"], e.field, e.raw_part,
                     what=Msg("narrative-key:part"))
        elif L.NARRATIVE_PARTS[e.part][1] == "field" and e.field not in fields:
            yield _f("narrative-unkeyed", WARNING, e.refs["field"], e.field, e.field or None,
                     what=Msg("narrative-key:field"))


@advice
def cover_logo(ctx: Context) -> Iterator[Finding]:
    """A logo named on Parametrat is a PNG or JPEG file that exists (in the workbook's folder, or a full path);
    otherwise the report is made without it, and this says why."""
    setting = read_report_settings(ctx.wb)["logo"]
    problem = logo_problem(setting, Path(ctx.wb.path).parent)
    if problem:
        yield _f("logo-unreadable", WARNING, setting.ref, "", setting.value, problem=Msg(f"logo:{problem}"))


@check
def duplicate_objectives(ctx: Context) -> Iterator[Finding]:
    """An objective listed on two rows of the objectives sheet: an error at the second row's code, naming the first
    row's; neither row's values are counted."""
    from addin.workbook.objectivevalues import repeated_objectives

    for code, ref, first in repeated_objectives(ctx.wb):
        yield _f("duplicate-objective", ERROR, ref, code, code.split(" ", 1)[-1], first=first, row=code)


@check
def objective_values(ctx: Context) -> Iterator[Finding]:
    """The value an objective's indicator reached (objectives sheet, yellow columns) has the indicator's type: a
    percentage 0-100, a number 0 or more, or po/jo for a milestone."""
    from addin.workbook.objectivevalues import read_objective_values

    for (field_code, code), ov in read_objective_values(ctx.wb).items():
        label = f"{field_code} {code}"
        for year, raw in ov.raw.items():
            ref = ov.refs[year]
            if ctx.is_error(ref):
                continue
            if ov.kind == "milestone":
                f = _vocab_finding(ref, label, raw, "yes_no", YES_NO)
                if f:
                    yield f
                continue
            reading = ov.readings.get(year)
            n = None if reading is None else reading.value
            if n is None or n < 0 or (ov.kind == "percent" and n > 100):
                yield _f("type-error", ERROR, ref, label, raw, expected=Msg(f"expected:{_expected(ov.kind)}"))
