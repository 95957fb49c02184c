"""Values that cannot be true, and settings that cannot be used: small rules that judge values once they are read.

Each rule looks at a value as the engine would read it and says whether it can be true: an amount or a count is
never negative, never NaN or infinite, never beyond the limit on *Parametrat*. The figures (summary, report) leave
out every value a check rejects, so these rules are also what keeps such a value out of every total.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from addin.checks.findings import ERROR, WARNING, Finding
from addin.checks.rules import Context, _f, _record_code, check, filled_number_cells
from addin.common.messages import Msg
from addin.common.text import AmountError, format_lek, format_number, parse_lek
from addin.workbook import layout as L
from addin.workbook.monitoring import AMOUNT_KEYS, Reading, cell_reading, column_kind, number

AMOUNT, COUNT, PERCENT = "amount", "count", "percent"
BOUNDS_RULES = ("value-not-finite", "value-negative", "value-too-large")
_MINUS = ("-", "−", "–")


def numeric(raw: object, amount: bool = False) -> float | None:
    """A cell's number as the engine reads it, including the impossible ones (NaN, inf, negative); None when the
    cell is empty or holds no number at all. Amounts are read as lekë ("34 300 lekë"); a minus sign before an
    amount is kept."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    if amount:
        text = str(raw).strip()
        sign = -1 if text.startswith(_MINUS) else 1
        try:
            lek = parse_lek(text.lstrip("".join(_MINUS)).strip() if sign < 0 else text).lek
        except AmountError:
            lek = None
        if lek is not None:
            return float(sign * lek)
    return number(raw)


def entry_number(e, key: str, r: Reading | None = None) -> float | None:
    """A monitoring input cell's number as the one parser reads it (a percent-formatted 0.7 is 70), or, for text
    that parser does not take as a number, what it spells: "-5 000 lekë", "NaN", "1e400". `r`: the cell's reading,
    when the caller has it."""
    r = cell_reading(e, key) if r is None else r
    if r is None:
        return None
    if r.value is not None:
        return r.value
    return numeric(r.stored, column_kind(key, e.indicator) == AMOUNT) if isinstance(r.stored, str) else None


def cells(ctx: Context) -> Iterator[tuple[Callable[[], tuple[str, str]], object, str, float | None]]:
    """(where, raw value, kind, number read) of every amount, count and percentage the engine reads; `where()`
    gives the cell and the row's code (made only for the cells a rule speaks of)."""
    for e, key, r in filled_number_cells(ctx):
        if key == "actual":
            kind = e.indicator.target.kind if e.indicator else None
            kind = COUNT if kind == "relative" else kind
            if kind not in (AMOUNT, COUNT, PERCENT):
                continue
        else:
            kind = AMOUNT if key in AMOUNT_KEYS else COUNT
        n = r.value if r.value is not None else entry_number(e, key, r)
        yield (lambda e=e, key=key: (e.refs[key], e.code)), e.raw[key], kind, n
    matrix = ctx.matrix
    for key in ("cost_lek", "estimated_cost"):
        if key in matrix.columns:
            for row, record in matrix.records:
                raw = record[key]
                if raw is not None:
                    yield ((lambda row=row, key=key, record=record: (matrix.ref(row, key), _record_code(record))),
                           raw, AMOUNT, numeric(raw, amount=True))


def judge(n: float | None, kind: str, settings) -> tuple[str, dict] | None:
    """(rule, message values) when a read number cannot be true; None when it can (or is no number)."""
    if n is None:
        return None
    if not math.isfinite(n):
        return "value-not-finite", {}
    if n < 0:
        return "value-negative", {"what": Msg(f"bound-what:{kind}")}
    if kind == AMOUNT and n > settings["max_amount"]:
        return "value-too-large", {"limit": format_lek(settings["max_amount"]), "what": Msg("bound-what:amount")}
    if kind == COUNT and n > settings["max_count"]:
        return "value-too-large", {"limit": format_number(settings["max_count"]), "what": Msg("bound-what:count")}
    return None


@check
def impossible_values(ctx: Context) -> Iterator[Finding]:
    """Amounts and counts are finite, 0 or more, and below the limits on Parametrat; percentages finite and 0 or
    more (above 100 is a type error)."""
    settings = ctx.settings
    limits = {AMOUNT: settings["max_amount"], COUNT: settings["max_count"], PERCENT: math.inf}
    for where, raw, kind, n in cells(ctx):
        if n is None or (0 <= n <= limits[kind] and n != math.inf):
            continue  # a number that can be true: the common cell, told without a call
        verdict = judge(n, kind, settings)
        if verdict:
            ref, code = where()
            if ctx.is_error(ref):
                continue
            rule, params = verdict
            yield _f(rule, ERROR, ref, code, raw, **params)


@check
def settings_usable(ctx: Context) -> Iterator[Finding]:
    """Each threshold on Parametrat a number within its range, thresholds in order; otherwise the default is used,
    and the finding says which."""
    for p in ctx.settings.problems:
        default = format_number(p.default)
        if p.kind == "excel":
            continue  # the excel-error rule reports the cell
        if p.kind == "missing":
            yield Finding("setting-missing", WARNING, L.SHEET_SETTINGS, None, "", None,
                          {"label": p.label, "default": default})
            continue
        if p.kind == "order":
            why = Msg("setting-why:order", (("other", p.other), ("other_value", format_number(p.other_value))))
        elif p.kind == "range":
            low, high = p.allowed or (0, 0)
            why = Msg("setting-why:range", (("low", format_number(low)), ("high", format_number(high))))
        else:
            why = Msg("setting-why:number")
        yield _f("setting-invalid", ERROR, p.ref, "", p.value, label=p.label, default=default, why=why)
