"""The budget directorate's view: planned, allocated and spent per activity and year over the plan period.

One `BudgetLine` per activity × year (plain Python, no pandas): the plan's annual cost in each year the activity
runs, the municipality's estimate (a separate figure, never mixed with the plan's), the amount allocated in the
annual budget and the amount spent (both as entered on the monitoring sheets; empty is no data, never 0),
execution against planned and against allocated, cumulative figures from the plan's first year, the share of the
plan-period total, and the flags a budget officer looks for. `group_totals` adds the lines up per field, funding
source, responsible institution, programme or reporting institution with pandas, imported inside the functions
that use it (`matrica validate` and `summary` never load it).

Rules shared with `summary` (`addin/figures/costs.py`): an activity without a quantified cost is listed, never
counted as 0; an amount funded by several sources without a split stays on its own source row; planned and spent
of one year are the figures `summary` gives for that year.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from addin.common.messages import MatricaError, t
from addin.common.text import fold
from addin.common.vocab import FUNDING, lookup
from addin.figures.costs import ActivityCost, execution_rate, pct, read_activity_costs
from addin.figures.summary import source_label
from addin.plan.model import Plan
from addin.workbook.budgetinputs import BudgetInput, read_budget_inputs
from addin.workbook.monitoring import (
    Entry,
    keyed_entries,
    read_entries,
    read_keyed_entries,
    read_settings,
    read_values,
    rejected_rows,
    sheet_started,
    without,
)
from addin.workbook.reader import WorkbookData

GROUPINGS = ("field", "source", "institution", "programme", "reporter")
DEFAULT_GROUPINGS = ("field", "source", "institution", "programme")
AMOUNTS = ("planned", "estimated", "allocated", "spent")

# Flags, in the order they are listed; each is also a `validate` warning at its cell (addin/checks/rules.py),
# except an unknown source, which validation already reports as an error (vocabulary-unknown).
FLAG_RULES = {
    "over_planned": "overspend",
    "over_allocated": "overspend-allocated",
    "no_source": "spent-without-source",
    "unknown_source": "vocabulary-unknown",
    "allocated_not_spent": "allocated-not-spent",
    "not_scheduled": "spent-not-scheduled",
}
FLAG_CELLS = {"over_planned": "spent", "over_allocated": "spent", "no_source": "funding",
              "unknown_source": "funding", "allocated_not_spent": "spent", "not_scheduled": "spent"}


def activity_flags(*, planned: int | None, allocated: int | None, spent: int | None, funding: object,
                   scheduled: bool, margin: float, started: bool = True, spent_rejected: bool = False) -> list[str]:
    """The flags of one activity in one year (keys of FLAG_RULES), from its figures as entered.

    `funding` is the cell as typed (None when empty); `margin` is the Parametrat margin in %; `started`: the
    year's sheet has been started (an allocation with nothing spent is a flag only once the year is monitored);
    `spent_rejected`: a spent amount was typed but validation rejects it (unreadable, negative, absurd), so what
    was spent is not known: never "allocated, nothing spent" (validation says what is wrong at that cell)."""
    flags = []
    limit = 1 + margin / 100
    if spent is not None and planned and spent > planned * limit:
        flags.append("over_planned")
    if spent is not None and allocated is not None and spent > allocated * limit and spent > 0:
        flags.append("over_allocated")
    if spent:
        if funding is None or str(funding).strip() == "":
            flags.append("no_source")
        elif lookup(FUNDING, funding)[0] is None:
            flags.append("unknown_source")
    if allocated and not spent and started and not spent_rejected:
        flags.append("allocated_not_spent")
    if spent and not scheduled:
        flags.append("not_scheduled")
    return flags


@dataclass
class Entered:
    """What one activity's monitoring rows of one year hold for the budget (first row with each amount)."""

    allocated: int | None = None
    spent: int | None = None
    funding: str | None = None  # the canonical category entered with the spending
    funding_raw: object = None  # the funding cell as typed
    reported_by: str | None = None
    rows: dict[str, Entry] = field(default_factory=dict, repr=False)  # "spent", "allocated", "funding" -> its row
    started: bool = False  # the year's sheet has been started (monitoring entered, not only allocations)
    spent_rejected: bool = False  # a spent cell of the activity's rows holds an amount validation rejects

    @property
    def refs(self) -> dict[str, str]:
        """"spent", "allocated", "funding" -> its cell (made when asked for: only a flag needs it)."""
        return {k: e.refs[k] for k, e in self.rows.items() if k in e.refs}


def read_entered(wb: WorkbookData, year: int, entries: list | None = None,
                 rejected: Collection[str] = (), amounts_only: bool = False) -> dict[tuple[str, str], Entered]:
    """Per activity, the allocated and spent amounts as `summary` reads them (`figures.summary.read_year`: the first
    row that has each, spending with the funding typed on that row), the reporting institution, and the cells
    where they stand. `entries`: the year's rows when the caller has read them already (validation). Cells in
    `rejected` (validation's errors) are read as empty, as `summary` reads them. `amounts_only`: only the
    activities where an amount is entered (all the flags need)."""
    out: dict[tuple[str, str], Entered] = {}
    first: dict[tuple[str, str], Entry] = {}  # each activity's first row: where its amounts are entered
    keyed = read_keyed_entries(wb, year) if entries is None else keyed_entries(entries)
    entries = read_entries(wb, year) if entries is None else entries
    rows = rejected_rows(rejected)
    for e in keyed:
        if e.indicator is None:
            continue
        spent_rejected = False
        if rows and (e.sheet, e.row) in rows and any(e.refs.get(k) in rejected for k in e.raw):
            spent_rejected = e.raw.get("spent") is not None and e.refs.get("spent") in rejected
            e = without(e, rejected)
        key = (e.indicator.field, e.indicator.activity)
        if key not in first:
            first[key] = e
        if e.raw.get("spent") is None and e.raw.get("allocated") is None and not spent_rejected:
            continue
        rec = out.get(key)
        if rec is None:
            rec = out[key] = _entered(first[key])
        rec.spent_rejected |= spent_rejected
        v = read_values(e)
        if v.spent is not None and rec.spent is None:  # a later row may hold the amount: point there
            rec.spent, rec.funding = v.spent, v.funding
            rec.rows["spent"] = rec.rows["funding"] = e
            rec.funding_raw = e.raw.get("funding")
        if v.allocated is not None and rec.allocated is None:
            rec.allocated = v.allocated
            rec.rows["allocated"] = e
    if not amounts_only:  # every activity, in the order of their first rows
        out = {key: out[key] if key in out else _entered(e) for key, e in first.items()}
    started = sheet_started(entries)
    for rec in out.values():
        rec.started = started
    return out


def _entered(first: Entry) -> Entered:
    """An activity's record before any amount is read: the reporting institution and the cells of its first row."""
    reporter = first.raw.get("reported_by")
    return Entered(funding_raw=first.raw.get("funding"),
                   reported_by=None if reporter is None else " ".join(str(reporter).split()),
                   rows={"allocated": first, "spent": first, "funding": first})


@dataclass(frozen=True)
class Flag:
    """One flag of one activity in one year, where it stands and the figures it compares."""

    flag: str
    cell: str | None
    code: str  # "RC 1.1"
    year: int
    planned: int | None
    allocated: int | None
    spent: int | None
    years: tuple[int, ...]  # the plan years the activity runs


def year_flags(wb: WorkbookData, year: int, costs: list[ActivityCost] | None = None,
               margin: float | None = None, entries: list | None = None) -> list[Flag]:
    """The flags of every activity in one year's monitoring sheet (what `validate` warns about)."""
    plan = wb.plan
    costs = read_activity_costs(wb) if costs is None else costs
    margin = read_settings(wb)["overspend_margin"] if margin is None else margin
    entered = read_entered(wb, year, entries, amounts_only=True)
    out = []
    for c in costs:
        rec = entered.get((c.field, c.code))
        if rec is None or (rec.spent is None and rec.allocated is None):
            continue
        scheduled = year in c.years
        planned = _annual(c.cost_lek, scheduled) if plan.has_costs else None
        for f in activity_flags(planned=planned, allocated=rec.allocated, spent=rec.spent, funding=rec.funding_raw,
                                scheduled=scheduled, margin=margin, started=rec.started,
                                spent_rejected=rec.spent_rejected):
            out.append(Flag(f, rec.refs.get(FLAG_CELLS[f]), c.label, year, planned, rec.allocated, rec.spent,
                            c.years))
    return out


@dataclass
class BudgetLine:
    """One activity in one plan year, as the budget directorate reads it."""

    year: int
    field: str
    field_title: str
    objective: str
    code: str  # "AR 2.2.1"
    activity: str
    responsible: str  # as printed in the plan
    institution: str  # grouping key: the printed text folded
    programme: str | None
    source: str  # the plan's funding row key: "municipal", "municipal+donor" (shared, no split), "unspecified"
    funding_printed: str
    shared: bool
    scheduled: bool  # the plan runs the activity in this year
    quantified: bool  # the plan gives its cost as an amount
    cost_printed: str
    planned: int | None  # the plan's annual cost if scheduled (0 when not scheduled); None: not quantified
    estimated: int | None  # the municipality's estimate, same rule; None: no estimate
    allocated: int | None  # None: not entered
    spent: int | None  # None: not entered
    spent_source: str | None  # the funding category entered with the spending
    reported_by: str | None
    sheet: bool  # the year's monitoring sheet exists
    cum_planned: int | None = None
    cum_estimated: int | None = None
    cum_allocated: int | None = None
    cum_spent: int | None = None
    share_pct: float | None = None  # planned ÷ plan-period total × 100
    flags: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def execution_pct(self) -> float | None:
        """Spent ÷ planned × 100 (None when either is unknown or nothing is planned)."""
        return pct(self.spent, self.planned)

    @property
    def execution_allocated_pct(self) -> float | None:
        return pct(self.spent, self.allocated)


def _annual(amount: int | None, scheduled: bool) -> int | None:
    """An annual amount in one year: the amount when the activity runs, 0 when it does not, None unknown."""
    if not scheduled:
        return None if amount is None else 0
    return amount


def _sum(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


@dataclass
class BudgetData:
    """Every activity × year line of the chosen years, with what the totals need."""

    plan: Plan
    path: str
    years: list[int]
    years_read: list[int]
    lines: list[BudgetLine]
    margin: float
    period_planned: int | None  # the plan's cost over all its years
    period_estimated: int | None
    example: bool = False
    monitored: list[int] = field(default_factory=list)  # chosen years whose sheet has been started

    @property
    def has_costs(self) -> bool:
        return self.plan.has_costs


def parse_years(text: str | None, plan: Plan, path: object = "") -> list[int]:
    """ "2024-2027", "2025" or "2024,2026" -> plan years; None -> the whole plan period. MatricaError outside it."""
    if not text:
        return list(plan.years)
    years: list[int] = []
    for part in str(text).replace(" ", "").split(","):
        lo, sep, hi = part.partition("-")
        try:
            a, b = int(lo), int(hi) if sep else int(lo)
        except ValueError:
            raise MatricaError("budget_bad_years", value=text) from None
        if b < a:
            raise MatricaError("budget_bad_years", value=text)
        for y in range(a, b + 1):
            if y not in plan.years:
                raise MatricaError("year_outside", path=path, year=y, start=plan.start_year, end=plan.end_year)
            if y not in years:
                years.append(y)
    return sorted(years)


def parse_by(text: str | None) -> list[str]:
    """ "field,source" -> ["field", "source"]; MatricaError for a grouping Matrica does not know."""
    out = []
    for part in (text or ",".join(DEFAULT_GROUPINGS)).split(","):
        part = part.strip().lower()
        if not part:
            continue
        if part not in GROUPINGS:
            raise MatricaError("budget_bad_by", value=part, choices=", ".join(GROUPINGS))
        if part not in out:
            out.append(part)
    return out


def build_budget(wb: WorkbookData, years: list[int] | None = None, rejected: Collection[str] = ()) -> BudgetData:
    """Read the workbook once and make every activity × year line of `years` (default: the plan period). Cells in
    `rejected` (validation's errors: negative, absurd, unreadable amounts) are in no figure."""
    from addin.workbook.example import is_example

    plan = wb.plan
    years = list(plan.years) if years is None else years
    costs = read_activity_costs(wb, rejected)
    inputs = read_budget_inputs(wb, rejected)
    margin = read_settings(wb)["overspend_margin"]
    sheets = set(wb.monitoring_years())
    # cumulative figures run from the plan's first year, whatever years are shown
    through = max(years) if years else plan.start_year
    entered = {y: read_entered(wb, y, rejected=rejected) for y in plan.years if y in sheets and y <= through}
    titles = {f.code: f.title for f in plan.fields}
    activities = {(a.field, a.code): a for a in plan.activities}

    def planned(c: ActivityCost, y: int) -> int | None:
        return _annual(c.cost_lek, y in c.years) if plan.has_costs else None

    def estimated(c: ActivityCost, y: int) -> int | None:
        return _annual(inputs.get((c.field, c.code), BudgetInput()).estimated, y in c.years)

    period_planned = _sum(planned(c, y) for c in costs for y in plan.years) if plan.has_costs else None
    period_estimated = _sum(estimated(c, y) for c in costs for y in plan.years)
    lines = []
    for c in costs:
        a = activities[(c.field, c.code)]
        inp = inputs.get((c.field, c.code), BudgetInput())
        cum = {k: [] for k in ("planned", "estimated", "allocated", "spent")}
        for y in plan.years:
            if y > through:
                break
            rec = entered.get(y, {}).get((c.field, c.code), Entered())
            line = BudgetLine(
                year=y, field=c.field, field_title=titles.get(c.field, ""), objective=c.objective, code=c.label,
                activity=a.activity, responsible=a.responsible, institution=fold(a.responsible),
                programme=inp.programme, source=c.source, funding_printed=c.funding_printed, shared=c.unsplit,
                scheduled=y in c.years, quantified=c.quantified, cost_printed=c.cost_printed,
                planned=planned(c, y), estimated=estimated(c, y), allocated=rec.allocated, spent=rec.spent,
                spent_source=rec.funding, reported_by=rec.reported_by, sheet=y in sheets,
            )
            for k in cum:
                cum[k].append(getattr(line, k))
            line.cum_planned, line.cum_estimated = _sum(cum["planned"]), _sum(cum["estimated"])
            line.cum_allocated, line.cum_spent = _sum(cum["allocated"]), _sum(cum["spent"])
            line.share_pct = pct(line.planned, period_planned)
            line.flags = activity_flags(planned=line.planned, allocated=line.allocated, spent=line.spent,
                                        funding=rec.funding_raw, scheduled=line.scheduled, margin=margin,
                                        started=rec.started, spent_rejected=rec.spent_rejected)
            line.cells = {f: rec.refs[FLAG_CELLS[f]] for f in line.flags if FLAG_CELLS[f] in rec.refs}
            if y in years:
                lines.append(line)
    position = {f"{a.field} {a.code}": i for i, a in enumerate(plan.activities)}
    lines.sort(key=lambda b: (years.index(b.year), position[b.code]))
    monitored = sorted(y for y, recs in entered.items() if y in years and any(r.started for r in recs.values()))
    return BudgetData(plan, str(wb.path), years, sorted(y for y in entered if y in years), lines, margin,
                      period_planned, period_estimated, is_example(wb), monitored)


# ---------------------------------------------------------------- totals (pandas)


def frame(data: BudgetData):
    """The lines as a pandas DataFrame, one row per activity × year (amounts as nullable integers)."""
    import pandas as pd

    rows = [{
        "year": b.year, "field": b.field, "code": b.code, "institution": b.institution, "programme": b.programme or "",
        "source": b.source, "reporter": b.reported_by or "", "planned": b.planned, "estimated": b.estimated,
        "allocated": b.allocated, "spent": b.spent, "quantified": b.quantified, "scheduled": b.scheduled,
    } for b in data.lines]
    df = pd.DataFrame(rows, columns=["year", "field", "code", "institution", "programme", "source", "reporter",
                                     "planned", "estimated", "allocated", "spent", "quantified", "scheduled"])
    for k in AMOUNTS:
        df[k] = df[k].astype("Int64")
    # the parts of `summary`'s rate over the activities that reported: their spending and their planned amount
    costed = df["planned"].fillna(0) > 0
    reported = df["spent"].notna()
    df["spent_costed"] = df["spent"].where(costed)
    df["n_costed"] = costed.astype(int)
    df["planned_reporting"] = df["planned"].where(costed & reported)
    df["n_reporting"] = reported.astype(int)
    df["n_costed_reporting"] = (costed & reported).astype(int)
    df["n_unquantified"] = (df["planned"].isna() & df["scheduled"]).astype(int)
    df["n_flags"] = [len(b.flags) for b in data.lines]
    df["all"] = "total"
    return df


@dataclass
class Totals:
    """Planned, estimated, allocated and spent of a set of lines, and the rates people check against them."""

    key: str
    label: str
    year: int | None  # None: all the chosen years together
    planned: int | None
    estimated: int | None
    allocated: int | None
    spent: int | None
    spent_costed: int | None  # spent by the activities with a planned amount (the rate's numerator)
    planned_reporting: int | None  # planned amount of those among them that reported spending
    activities: int  # activity lines (activity × year)
    costed: int  # of which with a planned amount
    reporting: int  # of which reported spending
    costed_reporting: int
    unquantified: int
    flags: int = 0

    @property
    def execution_pct(self) -> float | None:
        """Spent ÷ planned × 100 against everything planned, as `summary` computes it (`costs.execution_rate`)."""
        return execution_rate(self.spent, self.planned)

    @property
    def execution_reporting_pct(self) -> float | None:
        """Spent ÷ planned × 100 over the activities with a planned amount that reported spending (`summary`'s
        `execution_reporting_pct`)."""
        return pct(self.spent_costed, self.planned_reporting) if self.costed_reporting else None

    @property
    def execution_allocated_pct(self) -> float | None:
        """Spent ÷ allocated × 100, the same rule against the amount allocated."""
        return execution_rate(self.spent, self.allocated)

    def as_dict(self) -> dict:
        r = lambda v: None if v is None else round(v, 1)  # noqa: E731
        return {"key": self.key, "label": self.label, "year": self.year,
                **{k: getattr(self, k) for k in AMOUNTS},
                "execution_pct": r(self.execution_pct), "execution_reporting_pct": r(self.execution_reporting_pct),
                "execution_allocated_pct": r(self.execution_allocated_pct),
                "activities": self.activities, "costed": self.costed, "reporting": self.reporting,
                "costed_reporting": self.costed_reporting, "unquantified": self.unquantified, "flags": self.flags}


def _int(v) -> int | None:
    import pandas as pd

    return None if v is None or pd.isna(v) else int(v)


def group_label(data: BudgetData, by: str, key: str, lang: str = "sq") -> str:
    """The name of a group row as people read it."""
    if by == "field":
        title = next((f.title for f in data.plan.fields if f.code == key), "")
        return f"{key} {title}".strip()
    if by == "source":
        return source_label(key, lang)
    if by == "institution":
        printed = next((b.responsible for b in data.lines if b.institution == key), key)
        return printed or t("budget_no_institution", lang)
    if by == "programme":
        return key or t("budget_no_programme", lang)
    if by == "reporter":
        return key or t("budget_no_reporter", lang)
    return key


def group_totals(data: BudgetData, by: str | None, per_year: bool = True, lang: str = "sq",
                 df=None) -> list[Totals]:
    """Totals per group (`by` one of GROUPINGS; None: the whole plan), per year and for the chosen years together.

    Every line is in exactly one group, so the groups add up to the plan's totals. `df`: the lines' frame, when the
    caller has it already."""
    if by is not None and by not in GROUPINGS:
        raise MatricaError("budget_bad_by", value=by, choices=", ".join(GROUPINGS))
    df = frame(data) if df is None else df
    key = by or "all"
    cols = ["planned", "estimated", "allocated", "spent", "spent_costed", "planned_reporting"]
    counts = ["n_costed", "n_reporting", "n_costed_reporting", "n_unquantified", "n_flags"]
    order = _group_order(data, key, df)
    out: list[Totals] = []
    for keys in ([[key, "year"]] if per_year else []) + [[key]]:
        grouped = df.groupby(keys, sort=False, dropna=False)
        table = grouped[cols].sum(min_count=1).join(grouped[counts].sum())
        table["size"] = grouped.size()
        for idx, s in zip(table.index, table.to_dict("records"), strict=True):
            g, year = idx if len(keys) == 2 else (idx, None)
            out.append(Totals(
                key=str(g), label=group_label(data, by, str(g), lang) if by else t("budget_total", lang),
                year=None if year is None else int(year), planned=_int(s["planned"]), estimated=_int(s["estimated"]),
                allocated=_int(s["allocated"]), spent=_int(s["spent"]), spent_costed=_int(s["spent_costed"]),
                planned_reporting=_int(s["planned_reporting"]), activities=int(s["size"]), costed=int(s["n_costed"]),
                reporting=int(s["n_reporting"]), costed_reporting=int(s["n_costed_reporting"]),
                unquantified=int(s["n_unquantified"]), flags=int(s["n_flags"])))
    years = {y: i for i, y in enumerate(data.years)}
    out.sort(key=lambda tot: (order.get(tot.key, len(order)), tot.year is None, years.get(tot.year, 0)))
    return out


def _group_order(data: BudgetData, key: str, df) -> dict[str, int]:
    """Groups in the order people expect: fields as in the plan, sources as in `summary` (single categories,
    then shared rows without a split, then unrecognised and unspecified), the others by first appearance with
    the empty group last."""
    from addin.figures.costs import CATEGORIES, OTHER, UNSPECIFIED

    seen = list(dict.fromkeys(df[key].tolist()))
    if key == "field":
        return {f.code: i for i, f in enumerate(data.plan.fields)}
    if key == "source":
        def order(k: str) -> tuple:
            cats = k.split("+")
            return (k == UNSPECIFIED, k == OTHER, len(cats), [CATEGORIES.index(c) for c in cats if c in CATEGORIES])
        return {k: i for i, k in enumerate(sorted(seen, key=order))}
    return {k: i for i, k in enumerate(sorted(seen, key=lambda k: (k == "", seen.index(k))))}


def period_totals(data: BudgetData, lang: str = "sq", df=None) -> list[Totals]:
    """The plan's totals per chosen year, then for the chosen years together."""
    return group_totals(data, None, lang=lang, df=df)


def cumulative(data: BudgetData) -> list[dict]:
    """Per chosen year, the figures from the plan's first year to that year, and what remains of the period."""
    out = []
    for y in data.years:
        lines = [b for b in data.lines if b.year == y]
        planned = _sum(b.cum_planned for b in lines)
        spent = _sum(b.cum_spent for b in lines)
        out.append({
            "year": y, "from": data.plan.start_year, "planned": planned,
            "estimated": _sum(b.cum_estimated for b in lines),
            "allocated": _sum(b.cum_allocated for b in lines), "spent": spent,
            "execution_pct": None if spent is None or not planned else round(spent / planned * 100, 1),
            "period_planned": data.period_planned,
            "remaining": None if data.period_planned is None or planned is None else data.period_planned - planned,
        })
    return out


# ---------------------------------------------------------------- JSON and the terminal view


def line_dict(b: BudgetLine, lang: str = "sq") -> dict:
    """One activity × year line, ready for json.dumps."""
    r = lambda v: None if v is None else round(v, 1)  # noqa: E731
    return {
        "year": b.year, "field": b.field, "objective": b.objective, "activity_code": b.code, "activity": b.activity,
        "responsible": b.responsible, "programme": b.programme, "source": b.source,
        "source_label": source_label(b.source, lang), "funding_printed": b.funding_printed, "shared": b.shared,
        "scheduled": b.scheduled, "quantified": b.quantified, "cost_printed": b.cost_printed,
        "planned": b.planned, "estimated": b.estimated, "allocated": b.allocated, "spent": b.spent,
        "spent_source": b.spent_source, "reported_by": b.reported_by,
        "execution_pct": r(b.execution_pct), "execution_allocated_pct": r(b.execution_allocated_pct),
        "cumulative": {"planned": b.cum_planned, "estimated": b.cum_estimated, "allocated": b.cum_allocated,
                       "spent": b.cum_spent},
        "share_pct": r(b.share_pct), "flags": list(b.flags),
    }


def flag_text(flag: str, margin: float, lang: str = "sq") -> str:
    return t(f"flag_{flag}", lang, margin=f"{margin:g}")


def flag_rows(data: BudgetData, lang: str = "sq") -> list[dict]:
    return [{"year": b.year, "activity_code": b.code, "flag": f, "rule": FLAG_RULES[f], "cell": b.cells.get(f),
             "message": flag_text(f, data.margin, lang)} for b in data.lines for f in b.flags]


def unquantified(data: BudgetData) -> list[BudgetLine]:
    """One line per activity whose cost the plan does not quantify (for a plan that states costs)."""
    if not data.has_costs:
        return []
    seen: dict[str, BudgetLine] = {}
    for b in data.lines:
        if not b.quantified:
            seen.setdefault(b.code, b)
    return list(seen.values())


def unsplit(data: BudgetData) -> list[BudgetLine]:
    seen: dict[str, BudgetLine] = {}
    for b in data.lines:
        if b.shared:
            seen.setdefault(b.code, b)
    return list(seen.values())


def municipal_gap(data: BudgetData) -> list[dict]:
    """Per chosen year: what the plan puts on the municipal budget alone, what it shares between the municipality
    and other sources without a split, and what was reported spent with the source "Buxheti i Bashkisë"."""
    if not data.has_costs:
        return []
    out = []
    for y in data.years:
        lines = [b for b in data.lines if b.year == y]
        out.append({
            "year": y,
            "planned_alone": _sum(b.planned for b in lines if b.source == "municipal"),
            "planned_shared": _sum(b.planned for b in lines if b.shared and "municipal" in b.source.split("+")),
            "spent_entered": _sum(b.spent for b in lines if b.spent_source == "municipal"),
        })
    return out


def budget_dict(data: BudgetData, by: Iterable[str] = DEFAULT_GROUPINGS, lang: str = "sq") -> dict:
    """The budget view, ready for json.dumps: totals per year, groups, cumulative figures, every line, flags."""
    plan = data.plan
    df = frame(data)

    def share(x: Totals) -> dict:
        """A row of totals with its share of the plan-period total (planned ÷ the plan's cost of all its years)."""
        value = pct(x.planned, data.period_planned)
        return {**x.as_dict(), "share_pct": None if value is None else round(value, 1)}

    return {
        "plan": {"id": plan.id, "title": plan.title, "start_year": plan.start_year, "end_year": plan.end_year},
        "workbook": data.path, "example": data.example, "years": data.years, "years_read": data.years_read,
        "has_costs": data.has_costs, "margin_pct": data.margin,
        "period": {"start": plan.start_year, "end": plan.end_year, "planned": data.period_planned,
                   "estimated": data.period_estimated},
        "totals": [share(x) for x in period_totals(data, lang, df)],
        "cumulative": cumulative(data),
        "municipal": municipal_gap(data),
        "groups": {g: [share(x) for x in group_totals(data, g, lang=lang, df=df)] for g in by},
        "unquantified": [{"activity_code": b.code, "cost_printed": b.cost_printed} for b in unquantified(data)],
        "unsplit": [{"activity_code": b.code, "funding_printed": b.funding_printed,
                     "categories": b.source.split("+")} for b in unsplit(data)],
        "flags": flag_rows(data, lang),
        "activities": [line_dict(b, lang) for b in data.lines],
    }


def data_years(data: BudgetData) -> list[int]:
    """The chosen years that have been monitored: their sheet started, or spending entered."""
    return sorted(set(data.monitored) | {b.year for b in data.lines if b.spent is not None})


def years_text(years: list[int]) -> str:
    if not years:
        return ""
    if years == list(range(years[0], years[-1] + 1)):
        return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))


NAME_W, LEK_W, PCT_W = 44, 13, 11


def _lek(v: int | None, lang: str) -> str:
    from addin.common.text import format_number

    return "—" if v is None else format_number(v, 0)


def _pct(v: float | None, lang: str) -> str:
    from addin.common.text import format_number

    if v is None:
        return "—"
    text = format_number(v, 1) if lang == "sq" else f"{round(v, 1):g}"
    return text + " %"


def _table(rows: list[Totals], first: str, lang: str, estimates: bool) -> list[str]:
    heads = [t("budget_c_planned", lang)] + ([t("budget_c_estimated", lang)] if estimates else []) + [
        t("budget_c_allocated", lang), t("budget_c_spent", lang)]
    widths = [max(LEK_W, len(h)) for h in heads]
    out = [f"  {first:<{NAME_W}} " + " ".join(f"{h:>{w}}" for h, w in zip(heads, widths, strict=True))
           + f" {t('budget_c_rate_planned', lang):>{PCT_W}} {t('budget_c_rate_allocated', lang):>{PCT_W}}"
           + f" {t('budget_c_reported', lang):>{PCT_W}}"]
    for x in rows:
        import textwrap

        *before, name = textwrap.wrap(x.label, NAME_W, break_long_words=True) or [""]
        out += [f"  {part}" for part in before]  # a long name in full, its figures on its last line
        amounts = [x.planned] + ([x.estimated] if estimates else []) + [x.allocated, x.spent]
        out.append(f"  {name:<{NAME_W}} " + " ".join(f"{_lek(v, lang):>{w}}"
                                                     for v, w in zip(amounts, widths, strict=True))
                   + f" {_pct(x.execution_pct, lang):>{PCT_W}} {_pct(x.execution_allocated_pct, lang):>{PCT_W}}"
                   + f" {f'{x.reporting} / {x.activities}':>{PCT_W}}")
    return out


def render_budget_text(data: BudgetData, by: Iterable[str] = DEFAULT_GROUPINGS, lang: str = "sq") -> str:
    """The budget view for a terminal: totals per year, each grouping for the chosen years, cumulative figures,
    activities without a quantified cost or with shared funding, and the flags."""
    from addin.common.messages import tn
    from addin.common.text import format_lek

    plan = data.plan
    estimates = any(b.estimated is not None for b in data.lines)
    lines = []
    if data.example:
        lines.append(t("report_example_banner", lang))
    lines += [t("budget_title", lang, title=plan.title, years=years_text(data.years)),
              t("summary_workbook", lang, path=data.path), ""]
    if not data.has_costs:
        lines.append("  " + t("budget_no_costs", lang))
    if estimates:
        lines.append("  " + t("budget_estimate_note", lang))
    lines.append("  " + t("budget_rates_note", lang))
    df = frame(data)
    totals = period_totals(data, lang, df)
    per_year = [x for x in totals if x.year is not None]
    for x in per_year:
        x.label = str(x.year)
    whole = next(x for x in totals if x.year is None)
    lines += ["", t("budget_h_years", lang)] + _table(per_year + ([whole] if len(per_year) > 1 else []),
                                                       t("budget_c_year", lang), lang, estimates)
    for g in by:
        rows = group_totals(data, g, per_year=False, lang=lang, df=df)
        lines += ["", t(f"budget_h_{g}", lang) + f" ({years_text(data.years)})"]
        lines += _table(rows + [whole], t("budget_c_name", lang), lang, estimates)
    lines.append("")
    for c in cumulative(data):
        if c["year"] > max(data_years(data), default=0):
            continue  # nothing entered yet for this year: a cumulative line would only repeat the last one
        span = years_text(list(range(c["from"], c["year"] + 1)))
        if data.has_costs:
            lines.append(t("budget_cumulative", lang, span=span, year=c["year"], planned=format_lek(c["planned"]),
                           allocated=format_lek(c["allocated"]), spent=format_lek(c["spent"]),
                           rate=_pct(c["execution_pct"], lang), pstart=plan.start_year, pend=plan.end_year,
                           period=format_lek(c["period_planned"]), remaining=format_lek(c["remaining"])))
        else:
            lines.append(t("budget_cumulative_no_plan", lang, span=span, allocated=format_lek(c["allocated"]),
                           spent=format_lek(c["spent"])))
        if estimates:
            span = years_text(list(range(c["from"], c["year"] + 1)))
            lines.append(t("budget_cumulative_estimate", lang, span=span,
                           estimated=format_lek(c["estimated"]), period=format_lek(data.period_estimated)))
    for m in municipal_gap(data):
        if m["year"] in data_years(data):
            lines.append(t("budget_municipal_gap", lang, year=m["year"], alone=format_lek(m["planned_alone"]),
                           shared=format_lek(m["planned_shared"]), spent=format_lek(m["spent_entered"])))
    missing = unquantified(data)
    if missing:
        lines += ["", tn("budget_unquantified", len(missing), lang, codes=", ".join(b.code for b in missing))]
    shared = unsplit(data)
    if shared and data.has_costs:
        lines.append(tn("budget_unsplit", len(shared), lang, codes=", ".join(b.code for b in shared)))
    flags = flag_rows(data, lang)
    lines += ["", tn("budget_flag_count", len(flags), lang) if flags else t("budget_no_flags", lang)]
    for f in flags:
        lines.append(f"  {f['year']}  {f['activity_code']:<12} {f['message']}  {f['cell'] or ''}".rstrip())
    return "\n".join(line.rstrip() for line in lines)


# ---------------------------------------------------------------- sheet view (the Excel button Buxheti)


def budget_sheet_rows(data: BudgetData, year: int, lang: str = "sq", by: Iterable[str] = DEFAULT_GROUPINGS
                      ) -> tuple[list[list[object]], list[int], list[tuple[int, int, tuple[int, ...]]]]:
    """The budget of `year` as one sheet's value grid: the plan years up to it with the cumulative line, the year
    per grouping, and every activity with its flags. Returns the grid, its header rows (0-based) and the areas
    shown as whole lekë: (first row, last row, columns), 0-based. Numbers stay numbers; a missing figure is the
    text "pa të dhëna" (no data) or "—" (no cost)."""
    none, dash = t("no_data_short", lang), "—"
    plan = data.plan
    rows: list[list[object]] = []
    heads: list[int] = []

    def val(v, empty: str = none) -> object:
        return empty if v is None else v

    def rate(v: float | None) -> object:
        return none if v is None else round(v, 1)

    areas: list[tuple[int, int, tuple[int, ...]]] = []

    def lek(first: int, columns: tuple[int, ...]) -> None:
        if len(rows) > first:
            areas.append((first, len(rows) - 1, columns))

    def section(title: str, headers: list[str]) -> None:
        rows.append([])
        rows.append([title])
        heads.append(len(rows) - 1)
        rows.append(headers)
        heads.append(len(rows) - 1)

    amounts = [t("budget_c_planned", lang), t("budget_c_estimated", lang), t("budget_c_allocated", lang),
               t("budget_c_spent", lang), t("budget_c_rate_planned", lang) + " (%)",
               t("budget_c_rate_allocated", lang) + " (%)", t("budget_c_reported", lang),
               t("budget_c_lines", lang)]

    def total_row(name: object, x: Totals) -> list[object]:
        return [name, val(x.planned, dash), val(x.estimated, dash), val(x.allocated), val(x.spent),
                rate(x.execution_pct), rate(x.execution_allocated_pct), x.reporting, x.activities]

    title = t("budget_sheet_title", lang, title=plan.title, year=year)
    rows.append([("SHEMBULL — " if data.example else "") + title])
    notes = [t("budget_rates_note", lang)]
    if not data.has_costs:
        notes.insert(0, t("budget_no_costs", lang))
    notes.append(t("budget_estimate_note", lang))
    if data.example:
        notes.insert(0, t("report_example_banner", lang) + ".")
    rows.append([" ".join(notes)])

    df = frame(data)
    totals = period_totals(data, lang, df)
    section(t("budget_h_years", lang) + f" ({years_text([y for y in data.years if y <= year])})",
            [t("budget_c_year", lang), *amounts])
    first = len(rows)
    for x in totals:
        if x.year is not None and x.year <= year:
            rows.append(total_row(x.year, x))
    cum = next((c for c in cumulative(data) if c["year"] == year), None)
    if cum is not None:
        span = years_text(list(range(cum["from"], year + 1)))
        rows.append([t("budget_c_cumulative", lang, span=span), val(cum["planned"], dash), val(cum["estimated"], dash),
                     val(cum["allocated"]), val(cum["spent"]), rate(cum["execution_pct"]), none, "", ""])
        if data.has_costs:
            rows.append([t("budget_c_period", lang, span=years_text(list(plan.years))), val(data.period_planned, dash),
                         val(data.period_estimated, dash)])
    lek(first, (1, 2, 3, 4))
    for g in by:
        section(t(f"budget_h_{g}", lang) + f" ({year})", [t("budget_c_name", lang), *amounts])
        first = len(rows)
        for x in group_totals(data, g, lang=lang, df=df):
            if x.year == year:
                rows.append(total_row(x.label, x))
        whole = next(x for x in totals if x.year == year)
        rows.append(total_row(t("budget_total", lang), whole))
        lek(first, (1, 2, 3, 4))

    section(t("budget_h_activities", lang, year=year), t("budget_activity_headers", lang).split("|"))
    first = len(rows)
    for b in data.lines:
        if b.year != year:
            continue
        rows.append([b.code, b.activity, b.programme or "", source_label(b.source, lang),
                     val(b.planned, dash), val(b.estimated, dash), val(b.allocated), val(b.spent),
                     rate(b.execution_pct), rate(b.execution_allocated_pct), val(b.cum_planned, dash),
                     val(b.cum_spent), "; ".join(flag_text(f, data.margin, lang) for f in b.flags)])
    lek(first, (4, 5, 6, 7, 10, 11))
    width = max(len(r) for r in rows)
    return [r + [None] * (width - len(r)) for r in rows], heads, areas
