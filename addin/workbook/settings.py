"""The Parametrat sheet: each threshold and limit read by its label and judged against its range and order.

One judgement serves both sides: the checks report every problem at its cell, and the figures use a setting's
default exactly where a problem was reported (and say so), never a value the checks reject.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from addin.common.text import fold
from addin.plan.model import Plan
from addin.workbook import layout as L

# key -> (lowest, highest) allowed, both included
RANGES: dict[str, tuple[float, float]] = {
    "overspend_margin": (0, 1000),
    "on_track": (1, 100),
    "partly": (0, 100),
    "explain_below": (0, 100),
    "explain_above": (100, 10_000),
    "max_amount": (1, 1e13),
    "max_count": (1, 1e9),
    "coverage_min": (0, 100),
}
# The settings in per cent ("(%)" in their label): a cell shown as a percentage holds a fraction of 1.
PERCENT_SETTINGS = frozenset(("overspend_margin", "on_track", "partly", "explain_below", "explain_above",
                              "coverage_min"))
# (lower, higher): the first must stay below the second
ORDER = (("partly", "on_track"), ("explain_below", "explain_above"))
AMOUNT_FACTOR = 10  # the amount limit is this many times the largest annual amount the plan states


def amount_limit(plan: Plan) -> int:
    """The default limit for an amount in lekë: 10 × the largest annual cost or amount target the plan states,
    rounded up to two significant digits (annex: 10 000 000; social plan: 35 000 000)."""
    largest = (plan.largest_amount or 100_000_000) * AMOUNT_FACTOR
    step = 10 ** max(0, len(str(int(largest))) - 2)
    return int(math.ceil(largest / step) * step)


def ranges(plan: Plan) -> dict[str, tuple[float, float]]:
    """Each setting's allowed range for this plan: RANGES, except that the amount and count limits may not be below
    the largest amount or count the plan itself states (a lower limit would call the plan's own figures absurd:
    its planned costs on Matrica, a target reached)."""
    out = dict(RANGES)
    for key, largest in (("max_amount", plan.largest_amount), ("max_count", plan.largest_count)):
        low, high = RANGES[key]
        if largest is not None:
            out[key] = (min(max(low, math.ceil(largest)), high), high)
    return out


def defaults(plan: Plan) -> dict[str, float]:
    """Every numeric setting's default for this plan (each within `ranges(plan)`)."""
    out = {key: default for key, _label, default, _help in L.SETTINGS if isinstance(default, (int, float))}
    out.pop("format_version", None)
    out["max_amount"] = amount_limit(plan)
    out["max_count"] = max(out["max_count"], ranges(plan)["max_count"][0])
    return out


def finite_number(value: object) -> float | None:
    """A settings cell as a number (numbers, or text such as "90" or "12,5"); None when it is none, or NaN/inf."""
    from addin.workbook.monitoring import number

    n = number(value)
    return n if n is not None and math.isfinite(n) else None


@dataclass(frozen=True)
class Problem:
    """A setting that cannot be used: where, what was found, why, and the default used instead."""

    key: str
    label: str
    ref: str | None  # "'Parametrat'!B7"; None when the row is missing
    value: object
    kind: str  # "number", "range", "order", "missing"
    default: float
    other: str = ""  # the order problem's other setting's label
    other_value: float | None = None
    allowed: tuple[float, float] | None = None  # the range problem's lowest and highest value allowed


@dataclass
class Settings:
    """The values the figures use, and the problems that made some of them defaults."""

    values: dict[str, float]
    problems: list[Problem]

    def __getitem__(self, key: str) -> float:
        return self.values[key]

    @property
    def defaulted(self) -> list[str]:
        return sorted({p.key for p in self.problems})


def _shown_as_percent(wb, ref: str) -> bool:
    """Whether the settings cell `ref` ("'Parametrat'!B7") has a percent number format (asked only of a (%) setting
    below 10, which is how one typed with a percent sign is stored)."""
    try:
        cells = wb.percent_cells(L.SHEET_SETTINGS)
    except Exception:  # formats unknown (a damaged styles part): the value as it is
        return False
    return bool(cells) and ref.rsplit("!", 1)[1] in cells


def read_settings(wb) -> Settings:
    """Read and judge the settings sheet: each value a number, within its range, thresholds in order; a setting
    with a problem gets its default (and the problem says so)."""
    found, allowed = defaults(wb.plan), ranges(wb.plan)
    cells = {key: (ref, raw) for key, (raw, ref) in wb.labelled(
        {fold(label): key for key, label, *_ in L.SETTINGS if key in found}).items()}
    default = dict(found)
    values, problems = dict(found), []
    label_of = {key: label for key, label, *_ in L.SETTINGS}
    errors = wb.error_cells().get(L.SHEET_SETTINGS, {})
    for key in found:
        if key not in cells:
            problems.append(Problem(key, label_of[key], None, None, "missing", default[key]))
            continue
        ref, raw = cells[key]
        if ref.rsplit("!", 1)[1] in errors:  # an Excel error value: reported as such by the checks
            problems.append(Problem(key, label_of[key], ref, errors[ref.rsplit("!", 1)[1]], "excel", default[key]))
            continue
        n = finite_number(raw)
        if n is not None and key not in PERCENT_SETTINGS and isinstance(raw, str) and "%" in raw:
            n = None  # "90%" where an amount or a count goes is no amount or count
        if n is not None and key in PERCENT_SETTINGS and type(raw) is float and n < 10 and _shown_as_percent(wb, ref):
            n = raw = round(n * 100, 10)  # "90%" typed in Excel is stored 0.9 with a percent format: 90 (%) here
        low, high = allowed.get(key, (-math.inf, math.inf))
        if n is None:
            problems.append(Problem(key, label_of[key], ref, raw if raw != "" else None, "number", default[key]))
        elif not low <= n <= high:
            problems.append(Problem(key, label_of[key], ref, raw, "range", default[key], allowed=(low, high)))
        else:
            values[key] = n
    bad = {p.key for p in problems}
    for lower, higher in ORDER:
        if lower in bad or higher in bad or values[lower] < values[higher]:
            continue
        ref, raw = cells[lower]
        problems.append(Problem(lower, label_of[lower], ref, raw, "order", default[lower], label_of[higher],
                                values[higher]))
        problems.append(Problem(higher, label_of[higher], cells[higher][0], cells[higher][1], "order",
                                default[higher], label_of[lower], values[lower]))
        values[lower], values[higher] = default[lower], default[higher]
    for p in problems:
        values[p.key] = p.default
    return Settings(values, problems)
