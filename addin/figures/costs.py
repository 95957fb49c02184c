"""Planned and spent costs: per activity, objective, field, funding source and year, and the execution rate.

Pure computations over plain records; `read_activity_costs` and `spending_of` are the only functions that
look at a workbook's tables. Amounts are whole lekë. Nothing unknown becomes 0: an activity without a
quantified cost is listed, never counted as 0, and an amount shared by several sources without a split
stays on its own row, never split evenly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from addin.common.text import Amount, AmountError, code_text, is_whole, parse_lek
from addin.plan.model import Activity, Plan

# Canonical funding categories, in the order they are named in a shared row.
CATEGORIES = ("municipal", "central", "agency", "donor")
OTHER = "other"  # printed text that no rule recognises (kept with its text)
UNSPECIFIED = "unspecified"  # the plan prints no funding source

# Keyword rules on the printed funding text, folded (lower case, no diacritics); a keyword matches at the
# start of a word, so "bashki" finds "Bashkia", "bashkise", "Bashkisë" and "donator" finds "donatorë",
# "donatoret", "donatorëve".
KEYWORDS: dict[str, tuple[str, ...]] = {
    "municipal": ("bashki", "buxheti vendor", "buxheti vjetor", "fondet e veta", "fond i bashki"),
    "central": ("mshms", "ministri", "qeveri", "fondi social", "drejtoria e shendetesise",
                "drejtorise arsimore", "drejtoria arsimore"),
    "agency": ("akpa", "agjencia kombetare", "agjenci kombetare"),
    "donor": ("donator", "ojf", "a2b", "adra", "projekte"),
}
_PATTERNS = {cat: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")") for cat, words in KEYWORDS.items()}


def _plain(text: str) -> str:
    """Lower case without diacritics ("Bashkisë" -> "bashkise"), single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ё", "ë").casefold())
    return re.sub(r"\s+", " ", "".join(c for c in decomposed if not unicodedata.combining(c))).strip()


@lru_cache(maxsize=4096)
def funding_categories(printed: str) -> tuple[str, ...]:
    """Canonical categories named in a printed funding text, in CATEGORIES order (a text is read once: activities
    repeat a few texts, and each activity's source is asked for by several figures).

    () when the text is empty; ("other",) when it names a source no rule recognises.
    """
    plain = _plain(printed or "")
    if not plain:
        return ()
    found = tuple(cat for cat in CATEGORIES if _PATTERNS[cat].search(plain))
    return found or (OTHER,)


def source_key(categories: tuple[str, ...]) -> str:
    """The key of a cost-by-source row: "municipal", "municipal+donor" (shared, no split), "unspecified"."""
    return "+".join(categories) if categories else UNSPECIFIED


_LEADING_AMOUNT = re.compile(
    r"^\s*\d[\d.,\s]*?(?:\s*(?:mijë|mije|mij|milionë|milion))?\s*(?:lek[eë]?|all)\b\.?", re.IGNORECASE)
_GLUED_CURRENCY = re.compile(r"^\s*\d[\d.,\s]*?\s*(?:lek[eë]?)", re.IGNORECASE)  # "85,000lekeBashkia"


def read_cost_text(text: object) -> Amount:
    """Lekë from a cost cell as the plans print it, amount first and funding after
    ("34, 300 lekë Buxheti vendor", "85,000lekeBashkia / fondet e veta").

    Amount(None, False) when the text names no amount ("Sipas kostimit …", a funding text alone, an empty
    cell); AmountError when it has digits that cannot be read as lekë.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return parse_lek(text)
    s = str(text or "").strip()
    if not s or not re.search(r"\d", s):
        return Amount(None, False)
    try:
        return parse_lek(s)
    except AmountError:
        pass
    m = _LEADING_AMOUNT.match(s) or _GLUED_CURRENCY.match(s)
    if m is None:
        raise AmountError(s)
    return parse_lek(m.group(0))


# Not frozen (slots instead): one per activity each time the costs are read, where a frozen dataclass's __init__
# costs three times as much; treat as read-only.
@dataclass(slots=True)
class ActivityCost:
    """What the plan says an activity costs a year, who funds it and in which plan years it runs."""

    field: str
    objective: str
    code: str
    cost_lek: int | None
    cost_printed: str
    funding_printed: str
    years: tuple[int, ...]
    # Made once, when made: what the cost tables ask of each activity several times.
    label: str = field(init=False, repr=False, compare=False)  # the code people see: "AR 2.2.1"
    source: str = field(init=False, repr=False, compare=False)  # its cost-by-source row (`source_key`)

    def __post_init__(self) -> None:
        self.label = f"{self.field} {self.code}"
        self.source = source_key(self.categories)

    @property
    def quantified(self) -> bool:
        return self.cost_lek is not None

    @property
    def categories(self) -> tuple[str, ...]:
        return funding_categories(self.funding_printed)

    @property
    def unsplit(self) -> bool:
        """Funded by several sources and the plan gives no amount per source (neither plan ever does)."""
        return len([c for c in self.categories if c != OTHER]) > 1


def running_years(plan: Plan, start: int | None, end: int | None, frequency: str) -> tuple[int, ...]:
    """Plan years an activity runs: its start-end years, or every plan year when the plan gives a
    frequency instead ("Çdo vit", "Çdo 6 muaj")."""
    if start is not None and end is not None:
        return tuple(y for y in plan.years if start <= y <= end)
    return tuple(plan.years) if frequency else ()


def activity_cost(plan: Plan, a: Activity) -> ActivityCost:
    return ActivityCost(a.field, a.objective, a.code, a.cost_lek, a.cost_printed or a.cost_amount_printed,
                        a.funding_printed, running_years(plan, a.start_year, a.end_year, a.frequency))


def plan_activity_costs(plan: Plan) -> list[ActivityCost]:
    """The costs of every activity as the plan text states them."""
    return [activity_cost(plan, a) for a in plan.activities]


def _year(value: object) -> int | None:
    if type(value) is float:  # what calamine gives for every number
        return int(value) if value.is_integer() else None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and is_whole(value):
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def read_activity_costs(wb, rejected: Collection[str] = ()) -> list[ActivityCost]:
    """Activity costs from the workbook's matrix sheet (the cells people see and the formulas add up),
    falling back to the plan text for a column the sheet does not have or a row it lacks.

    An amount cell that cannot be read as lekë, or one in `rejected` (the checks' errors: negative, absurd),
    counts as not quantified (the validator reports it).
    """
    from addin.workbook import layout as L
    from addin.workbook.budgetinputs import matrix_headers

    plan: Plan = wb.plan
    table = wb.table(L.SHEET_MATRIX, matrix_headers(wb), ("field", "code"))  # the table the checks read
    here = frozenset(r for r in rejected if r.startswith(f"'{table.sheet}'!"))  # the rejected cells of this sheet
    memo = wb.__dict__.setdefault("_activity_costs", {})  # read once per workbook and rejected cells of the sheet
    if here in memo:
        return list(memo[here])
    cells: dict[tuple[str, str], dict[str, object]] = {}
    for row, record in table.records:
        key = (str(record.get("field") or "").strip(), code_text(record.get("code")))
        if key not in cells:  # the first row of a code counts; the table's record is shared: read only
            cells[key] = {k: None if table.ref(row, k) in here else v for k, v in record.items()} if here \
                else record
    # The columns the sheet has (each row's record has them all); the plan text stands in for the others.
    has = {k: k in table.columns for k in ("cost_lek", "funding_printed", "start_year", "end_year", "frequency",
                                           "cost_printed")}
    out = []
    years: dict[tuple, tuple[int, ...]] = {}  # running_years of each (start, end, frequency): a few dozen
    for a in plan.activities:
        row = cells.get((a.field, a.code))
        if row is None:
            out.append(activity_cost(plan, a))
            continue
        cost = a.cost_lek
        if has["cost_lek"]:
            try:
                cost = parse_lek(row["cost_lek"]).lek if row["cost_lek"] is not None else None
            except AmountError:
                cost = None
        funding = str(row["funding_printed"] or "") if has["funding_printed"] else a.funding_printed
        start = _year(row["start_year"]) if has["start_year"] else a.start_year
        end = _year(row["end_year"]) if has["end_year"] else a.end_year
        frequency = str(row["frequency"] or "") if has["frequency"] else a.frequency
        printed = str(row["cost_printed"] or "") if has["cost_printed"] else (a.cost_printed or a.cost_amount_printed)
        span = (start, end, frequency)
        running = years.get(span)
        if running is None:
            running = years[span] = running_years(plan, start, end, frequency)
        out.append(ActivityCost(a.field, a.objective, a.code, cost, printed, funding, running))
    memo[here] = tuple(out)
    return out


@dataclass(frozen=True)
class Spending:
    """What one activity spent in one year, as entered on its first monitoring row."""

    lek: int
    funding: str | None  # the canonical category chosen from the dropdown; None when not given


def spending_of(rows: Iterable[tuple[str, str, int | None, str | None]]) -> dict[tuple[str, str], Spending]:
    """Spent amounts per activity from (field, activity code, spent lekë, funding code) per monitoring row:
    the first row of an activity that has an amount counts; rows without an amount are no data."""
    out: dict[tuple[str, str], Spending] = {}
    for field_code, code, lek, funding in rows:
        if lek is not None and (field_code, code) not in out:
            out[(field_code, code)] = Spending(lek, funding)
    return out


def execution_rate(spent: float | None, base: float | None) -> float | None:
    """Spent ÷ planned (or allocated) × 100, the two amounts printed beside it: None when nothing was reported
    spent (no data, not 0 %) or nothing is planned."""
    return pct(spent, base) if spent is not None else None


def pct(part: float | None, whole: float | None) -> float | None:
    """part / whole × 100, or None when either is unknown or whole is not positive."""
    if part is None or whole is None or whole <= 0:
        return None
    return part / whole * 100


@dataclass
class CostLine:
    """One row of a cost table (a field, an objective, a funding source, a year or the whole plan)."""

    key: str
    planned: int | None = None  # planned cost of the quantified activities running in the year
    spent: int | None = None  # spent by the activities that reported an amount (any activity)
    planned_reporting: int = 0  # planned cost of the quantified activities running in the year that reported
    spent_reporting: int = 0  # what those same activities spent
    activities: list[str] = field(default_factory=list)
    quantified: list[str] = field(default_factory=list)
    unquantified: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    _printed: set[str] = field(default_factory=set, repr=False, compare=False)  # the texts in `printed`

    @property
    def execution_pct(self) -> float | None:
        """Spent ÷ planned × 100 against everything planned for the year (`execution_rate`)."""
        return execution_rate(self.spent, self.planned)

    @property
    def execution_reporting_pct(self) -> float | None:
        """Spent ÷ planned × 100 over the quantified activities that reported what they spent
        (`planned_reporting`, `spent_reporting`)."""
        return pct(self.spent_reporting, self.planned_reporting) if self.reporting_quantified else None

    @property
    def reporting_quantified(self) -> int:
        """How many of the quantified activities running in the year reported what they spent (n of
        `len(quantified)`)."""
        return len(set(self.reporting) & set(self.quantified))

    @property
    def not_reporting(self) -> list[str]:
        """The quantified activities running in the year that reported no spending."""
        reporting = set(self.reporting)
        return [a for a in self.quantified if a not in reporting]

    @property
    def spent_outside_plan(self) -> int | None:
        """Spent by activities with no planned amount for the year (in `spent`, not in `planned`)."""
        return None if self.spent is None else self.spent - self.spent_reporting

    def add(self, a: ActivityCost, year: int, spending: Spending | None) -> None:
        label, printed, cost = a.label, a.funding_printed, a.cost_lek
        self.activities.append(label)
        if printed and printed not in self._printed:
            self.printed.append(printed)
            self._printed.add(printed)
        counted = cost is not None and year in a.years  # quantified and running in the year
        if counted:
            self.quantified.append(label)
            self.planned = (self.planned or 0) + cost
        elif cost is None:
            self.unquantified.append(label)
        if spending is not None:
            self.reporting.append(label)
            self.spent = (self.spent or 0) + spending.lek
            if counted:
                self.planned_reporting += cost
                self.spent_reporting += spending.lek


def cost_lines(costs: Iterable[ActivityCost], year: int, spent: dict[tuple[str, str], Spending],
               key: Callable[[ActivityCost], str]) -> dict[str, CostLine]:
    """Cost rows grouped by `key` (in first-seen order) for one year."""
    return cost_tables(costs, year, spent, (key,))[0]


def cost_tables(costs: Iterable[ActivityCost], year: int, spent: dict[tuple[str, str], Spending],
                keys: Sequence[Callable[[ActivityCost], str]]) -> list[dict[str, CostLine]]:
    """`cost_lines` by each of several groupings, made in one pass over the activities."""
    tables: list[dict[str, CostLine]] = [{} for _ in keys]
    for a in costs:
        spending = spent.get((a.field, a.code))
        for lines, key in zip(tables, keys, strict=True):
            k = key(a)
            line = lines.get(k)
            if line is None:
                line = lines[k] = CostLine(k)
            line.add(a, year, spending)
    return tables


def total_line(costs: Iterable[ActivityCost], year: int, spent: dict[tuple[str, str], Spending]) -> CostLine:
    return cost_lines(costs, year, spent, lambda a: "total").get("total", CostLine("total"))


def by_source(costs: Iterable[ActivityCost], year: int, spent: dict[tuple[str, str], Spending]) -> list[CostLine]:
    """Rows per funding source as the plan prints it: single categories first (in CATEGORIES order), then
    shared rows without a split, then unrecognised and unspecified. Every activity is on exactly one row, so
    the rows add up to the total."""
    return in_source_order(cost_lines(costs, year, spent, lambda a: a.source))


def in_source_order(lines: dict[str, CostLine]) -> list[CostLine]:
    """Cost rows by funding source (`cost_lines` keyed by `ActivityCost.source`) in `by_source`'s order."""
    def order(k: str) -> tuple:
        cats = k.split("+")
        known = [CATEGORIES.index(c) for c in cats if c in CATEGORIES]
        return (k == UNSPECIFIED, k == OTHER, len(cats), known)

    return [lines[k] for k in sorted(lines, key=order)]


def by_entered_source(costs: Iterable[ActivityCost], spent: dict[tuple[str, str], Spending]) -> dict[str, int]:
    """Spent amounts by the funding category people chose when entering them (None -> "unspecified")."""
    known = {(a.field, a.code) for a in costs}
    out: dict[str, int] = {}
    for key, s in spent.items():
        if key in known:
            k = s.funding or UNSPECIFIED
            out[k] = out.get(k, 0) + s.lek
    return out


def planned_in(costs: Iterable[ActivityCost], year: int) -> int | None:
    """Planned cost of the quantified activities running in `year`; None when none is quantified."""
    amounts = [a.cost_lek for a in costs if a.quantified and year in a.years]
    return sum(amounts) if amounts else None
