"""`matrica summary`: costs and indicator achievement for one year, as a JSON-ready dict and a terminal view.

Data flows one way: workbook -> tables (matrix and monitoring sheets, settings) -> figures (costs,
achievement) -> this dict. The text view only formats the dict.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from addin.common.messages import MESSAGES, t, tn
from addin.common.text import format_lek, format_number
from addin.common.vocab import FUNDING
from addin.common.vocab import label as vocab_label
from addin.figures.achievement import (
    Result,
    Rollup,
    Spec,
    activity_status_counts,
    add_parts,
    cap,
    evaluate,
    shares,
)
from addin.figures.costs import (
    OTHER,
    UNSPECIFIED,
    ActivityCost,
    CostLine,
    Spending,
    by_entered_source,
    cost_tables,
    in_source_order,
    planned_in,
    read_activity_costs,
    spending_of,
    total_line,
)
from addin.figures.objectives import assess_objectives
from addin.plan.model import Indicator, Plan, Target
from addin.workbook import layout as L
from addin.workbook.monitoring import (
    Values,
    read_keyed_entries,
    read_settings,
    read_values,
    rejected_rows,
    without,
)
from addin.workbook.reader import WorkbookData

IndicatorKey = tuple[str, str, int]
ActivityKey = tuple[str, str]


@dataclass
class YearData:
    """One monitoring sheet read as the engine uses it."""

    year: int
    values: dict[IndicatorKey, Values] = field(default_factory=dict)
    spending: dict[ActivityKey, Spending] = field(default_factory=dict)
    allocations: dict[ActivityKey, int] = field(default_factory=dict)  # lekë allocated in the annual budget
    statuses: dict[ActivityKey, str] = field(default_factory=dict)


def read_year(wb: WorkbookData, year: int, rejected: Collection[str] = ()) -> YearData:
    """Values per indicator, and spent and allocated amounts and status per activity (first row that has one).

    Cells in `rejected` (those the checks report as errors) are read as empty: a value that cannot be true never
    reaches a figure. A row whose key (field, code, indicator number) appears twice counts neither copy."""
    data = YearData(year)
    spent = []
    rows = rejected_rows(rejected)
    for e in read_keyed_entries(wb, year):
        if e.indicator is None:
            continue  # a row the plan does not know: the validator reports it
        if rows and (e.sheet, e.row) in rows and any(e.refs.get(k) in rejected for k in e.raw):
            e = without(e, rejected)
        v = read_values(e)
        i = e.indicator
        data.values[(i.field, i.activity, i.n)] = v
        spent.append((i.field, i.activity, v.spent, v.funding))
        if v.allocated is not None:
            data.allocations.setdefault((i.field, i.activity), v.allocated)
        if v.status is not None:
            data.statuses.setdefault((i.field, i.activity), v.status)
    data.spending = spending_of(spent)
    return data


NO_VALUES: Mapping[int, float | None] = MappingProxyType({})


def actuals_by_year(data: dict[int, YearData]) -> dict[IndicatorKey, dict[int, float | None]]:
    """Each indicator's actual values by year ({(field, code, n): {2023: 12.0, 2024: None}}), in `data`'s order of
    years; an indicator no year's sheet has is not there."""
    out: dict[IndicatorKey, dict[int, float | None]] = {}
    for y, d in data.items():
        for key, v in d.values.items():
            values = out.get(key)
            if values is None:
                out[key] = {y: v.actual}
            else:
                values[y] = v.actual
    return out


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


@lru_cache(maxsize=256)
def source_label(key: str, lang: str = "sq") -> str:
    """A cost-by-source row's name: the category's own label, or "Bashkia + donatorë, pa ndarje"."""
    if key == UNSPECIFIED:
        return t("source_unspecified", lang)
    cats = key.split("+")
    if len(cats) == 1:
        return vocab_label(FUNDING, cats[0] if cats[0] in FUNDING else OTHER, lang)
    return t("source_shared", lang, names=source_names(key, lang))


def source_names(key: str, lang: str = "sq") -> str:
    """The short names of a source key's categories, joined: "Bashkia + donatorë"."""
    names = " + ".join(t(f"source_short_{c}", lang) if f"source_short_{c}" in MESSAGES else c
                       for c in key.split("+"))
    return names[:1].upper() + names[1:]


def _line(line: CostLine) -> dict:
    """One cost row. Two rates, each checkable from the amounts beside it: `execution_pct` = spent ÷ planned
    (everything planned for the year) and `execution_reporting_pct` = spent_reporting ÷ planned_reporting
    (the quantified activities that reported spending: `activities_reporting` of `activities_quantified`)."""
    return {
        "planned": line.planned, "spent": line.spent, "execution_pct": _r(line.execution_pct),
        "planned_reporting": line.planned_reporting if line.reporting_quantified else None,
        "spent_reporting": line.spent_reporting if line.reporting_quantified else None,
        "execution_reporting_pct": _r(line.execution_reporting_pct),
        "activities_reporting": line.reporting_quantified, "activities_quantified": len(line.quantified),
        "not_reporting": line.not_reporting, "spent_outside_plan": line.spent_outside_plan,
        "activities": line.activities, "reporting": line.reporting, "unquantified": line.unquantified,
    }


_RATE_KEYS = ("planned", "execution_pct", "planned_reporting", "spent_reporting", "execution_reporting_pct")


def _costs(plan: Plan, costs: list[ActivityCost], data: dict[int, YearData], year: int,
           text_only: bool = False) -> dict:
    """The year's cost figures; with `text_only` without the rows by objective and by year (`build_summary`)."""
    spent = data[year].spending
    # The total, the fields, the objectives and (where the plan has costs) the funding sources, in one pass.
    objective_key = () if text_only else (lambda a: f"{a.field}/{a.objective}",)
    totals, fields, *tables = cost_tables(
        costs, year, spent, (lambda a: "total", lambda a: a.field, *objective_key,
                             *((lambda a: a.source,) if plan.has_costs else ())))
    objectives = None if text_only else tables.pop(0)
    sources = tables
    total = totals.get("total", CostLine("total"))
    out: dict = {
        "has_costs": plan.has_costs,
        "message": None if plan.has_costs else t("summary_no_costs", "sq"),
        "planned_annual_total": planned_in(costs, year) if plan.has_costs else None,
        "planned_period_total": None,
        "spent_total": total.spent,
        "activities_with_spending": len(total.reporting),
        **{k: v for k, v in _line(total).items() if k not in ("planned", "spent", "activities", "reporting",
                                                                "unquantified")},
        "activities": len(costs),
        "quantified": sum(1 for a in costs if a.quantified),
        "unquantified": [a.label for a in costs if not a.quantified] if plan.has_costs else [],
        "unquantified_printed": {a.label: a.cost_printed for a in costs if not a.quantified} if plan.has_costs
        else {},
        "unsplit": [
            {"activity_code": a.label, "funding_printed": a.funding_printed, "categories": list(a.categories),
             "planned": a.cost_lek if year in a.years else None}
            for a in costs if a.unsplit
        ] if plan.has_costs else [],
        "by_source": [],
        "spent_by_entered_source": [
            {"key": k, "label": source_label(k), "spent": v}
            for k, v in sorted(by_entered_source(costs, spent).items(),
                               key=lambda kv: (list(FUNDING) + [UNSPECIFIED]).index(kv[0]))
        ],
        "by_field": [
            {"field": f.code, "title": f.title, **_line(fields[f.code])} for f in plan.fields if f.code in fields
        ],
    }
    if objectives is not None:
        titles = {o.field + "/" + o.code: o.title for o in plan.objectives}
        out["by_objective"] = [
            {"field": k.split("/")[0], "objective": k.split("/", 1)[1], "title": titles.get(k, ""), **_line(line)}
            for k, line in objectives.items()
        ]
        out["by_year"] = []
    planned_by_year = {y: planned_in(costs, y) for y in plan.years} if plan.has_costs else {}
    if plan.has_costs:
        out["planned_period_total"] = sum(planned_by_year[y] or 0 for y in plan.years)
        out["by_source"] = [
            {"key": line.key, "label": source_label(line.key), "categories": [] if line.key == UNSPECIFIED
             else line.key.split("+"), "shared": "+" in line.key, "printed": line.printed, **_line(line)}
            for line in in_source_order(sources[0])
        ]
    else:
        for row in [out, *out["by_field"], *out.get("by_objective", ())]:
            row.update(dict.fromkeys(k for k in _RATE_KEYS if k in row))
            row["not_reporting"] = []
            row["activities_reporting"] = row["activities_quantified"] = 0
    titles_of = {(a.field, a.code): a.activity for a in plan.activities}
    planned_of: dict[str, int | None] = {}
    for a in costs:
        planned_of.setdefault(a.label, a.cost_lek)
    out["not_reporting"] = [
        {"activity_code": code, "title": titles_of.get(tuple(code.split(" ", 1)), ""), "planned": planned_of[code]}
        for code in out["not_reporting"]]
    for y in plan.years if not text_only else ():
        line = (total if y == year else total_line(costs, y, data[y].spending)) if y in data else None
        out["by_year"].append({
            "year": y,
            "planned": planned_by_year[y] if plan.has_costs else None,
            "spent": line.spent if line else None,
            "execution_pct": _r(line.execution_pct) if line and plan.has_costs else None,
            "execution_reporting_pct": _r(line.execution_reporting_pct) if line and plan.has_costs else None,
            "activities_reporting": line.reporting_quantified if line and plan.has_costs else None,
            "activities_quantified": len(line.quantified) if line and plan.has_costs else None,
            "sheet": y in data,
        })
    return out


NOTED_BASELINES = ("reference_year", "previous_year")  # the baselines `baseline_note` speaks of


def baseline_note(row: dict, year: int, lang: str = "sq") -> str:
    """Where an indicator's baseline comes from, when it is not the plan's own value: the annex's reference
    year ("Baza e referimit – viti 2025") or, for a yearly relative target, the year before."""
    origin, b_year = row.get("baseline_origin"), row.get("baseline_year")
    if origin == "reference_year":
        if year == b_year:
            return t("baseline_reference_this_year", lang, year=b_year)
        if year < b_year:
            return t("baseline_reference_later", lang, year=b_year)
        if row["baseline"] is None:
            return t("baseline_reference_missing", lang, year=b_year)
        return t("baseline_reference", lang, year=b_year, value=format_number(row["baseline"]))
    if origin == "previous_year":
        if row["baseline"] is None:
            return t("baseline_previous_missing", lang, year=b_year)
        return t("baseline_previous", lang, year=b_year, value=format_number(row["baseline"]))
    return ""


def _target_columns(t_: Target, spec: Spec) -> dict:
    """The columns of an indicator's row that its target and its activity's years give (the same for the
    indicators that share them)."""
    return {"kind": t_.kind, "unit": t_.unit, "direction": t_.direction, "scope": t_.scope, "target": t_.value,
            "target_high": t_.value_high, "target_text": t_.describe(), "target_year": t_.target_year,
            "due_year": spec.due_year if t_.scope == "period" else None}


def _indicator_row(i: Indicator, r: Result, v: Values | None, objective: str, target_columns: dict,
                   year: int) -> dict:
    parts = v.parts if v else None
    raw = r.achievement.raw
    row = {
        "field": i.field, "objective": objective, "activity_code": f"{i.field} {i.activity}", "n": i.n,
        "indicator": i.text, **target_columns,
        "scheduled": r.scheduled,
        "baseline": r.baseline, "baseline_year": r.baseline_year, "baseline_origin": r.baseline_origin,
        "actual": r.actual, "actual_to_date": r.compared if target_columns["scope"] == "period" else None,
        "expected_to_date": _r(r.expected, 2),
        "achievement_pct": _r(raw), "achievement_capped": None if raw is None else _r(cap(raw)),
        "elapsed_pct": None if r.elapsed is None else _r(r.elapsed * 100),
        "rating_pct": _r(r.rating), "rule": r.achievement.rule, "status": r.status,
        "status_label": _status_label(r.status),
        "disaggregation": ({"parts": dict(parts), "shares_pct": {k: _r(s) for k, s in shares(parts).items()}}
                           if parts else None),
    }
    row["baseline_note"] = baseline_note(row, year) if r.baseline_origin in NOTED_BASELINES else ""
    return row


@lru_cache(maxsize=32)
def _status_label(status: str) -> str:
    return t(f"status_{status}", "sq")


def _rollup(r: Rollup, coverage_min: float) -> dict:
    """A roll-up in the vocabulary of coverage; `mean_pct` is null below the coverage threshold (the counts
    per rating are always there)."""
    return {"indicators": r.indicators, "not_scheduled": r.not_scheduled, "of_year": r.of_year,
            "with_value": r.with_value, "rated": r.rated, "no_numeric_target": r.no_numeric_target,
            "no_data": r.no_data, "not_due": r.counts["not_due"],
            "mean_pct": _r(r.mean_if_covered(coverage_min)), "coverage_pct": _r(r.coverage),
            "status_counts": dict(r.counts)}


def indicator_spec(i: Indicator, years: tuple[int, ...], plan: Plan) -> Spec:
    """The plan's facts about an indicator that its rating needs; `years` are its activity's running years."""
    t_ = i.target
    start, end = (min(years), max(years)) if years else (plan.start_year, plan.end_year)
    return Spec(kind=t_.kind, target=t_.value, direction=t_.direction, scope=t_.scope, start=start, end=end,
                target_high=t_.value_high, per_year=t_.per_year_value, target_year=t_.target_year,
                baseline=i.baseline_value, baseline_year=i.baseline_year)


def _activities(plan: Plan, costs: list[ActivityCost], year_data: YearData, year: int, lang: str = "sq") -> list:
    """One record per activity for the year: its status (entered, or "not_scheduled" when its plan years do
    not include the year, or "not_reported"), planned and spent amounts, funding source."""
    titles = {(a.field, a.code): a.activity for a in plan.activities}
    out = []
    for a in costs:
        key = (a.field, a.code)
        scheduled = year in a.years
        entered = year_data.statuses.get(key)
        spent = year_data.spending.get(key)
        out.append({
            "activity_code": a.label, "field": a.field, "objective": a.objective, "title": titles.get(key, ""),
            "status": (entered or "not_reported") if scheduled else "not_scheduled", "status_entered": entered,
            "scheduled": scheduled, "years": [min(a.years), max(a.years)] if a.years else None,
            "planned": a.cost_lek if plan.has_costs and scheduled and a.quantified else None,
            "spent": spent.lek if spent else None,
            "funding_source": source_label(a.source, lang) if plan.has_costs else None,
            "funding_printed": a.funding_printed, "funding_entered": spent.funding if spent else None,
        })
    return out


def check_year(wb: WorkbookData, year: int) -> None:
    """Refuse a year outside the plan or without its monitoring sheet (MatricaError naming the workbook)."""
    wb.require_year(year)


def build_summary(wb: WorkbookData, year: int, rejected: Collection[str] = (), text_only: bool = False) -> dict:
    """Costs, indicator achievement and roll-ups of one plan year, ready for json.dumps. Cells in `rejected` (the
    checks' errors, see checks.validate.checked_summary) are left out of every figure.

    With `text_only`, only what `render_summary_text` prints is made: the indicator rows it can print
    (`printed_in_text`: a few of 11 800), and none of the detail only the JSON, the Excel sheet and the report
    show (activity records, cost rows and roll-ups by objective, objectives' indicators, cost rows by year). Every
    figure it prints still counts every indicator and activity."""
    plan = wb.plan
    check_year(wb, year)
    data = {y: read_year(wb, y, rejected) for y in wb.monitoring_years() if plan.start_year <= y <= year}
    settings = read_settings(wb)
    thresholds = {"on_track": settings["on_track"], "partly": settings["partly"],
                  "coverage_min": settings["coverage_min"]}
    coverage_min = settings["coverage_min"]
    costs = read_activity_costs(wb, rejected)
    years_of = {(a.field, a.code): a.years for a in costs}
    objective_of = {(a.field, a.code): a.objective for a in plan.activities}

    indicators = []
    plan_roll, field_roll = Rollup(), {}
    objective_roll: dict[tuple[str, str], Rollup] | None = None if text_only else {}
    field_parts: dict[str, dict[str, float]] = {}
    plan_parts: dict[str, float] = {}
    # The indicators with the same target, running years and baseline share their Spec and their target's columns
    # (the plan's indicators share a few dozen Target objects: each is known by its identity, not hashed each time).
    shared: dict[tuple, tuple[Spec, dict]] = {}
    history = actuals_by_year(data)
    this_year = data[year].values
    for i in plan.indicators:
        key = (i.field, i.activity, i.n)
        activity = (i.field, i.activity)
        years = years_of.get(activity, ())
        facts = (id(i.target), years, i.baseline_value, i.baseline_year)
        both = shared.get(facts)
        if both is None:
            spec = indicator_spec(i, years, plan)
            both = shared[facts] = (spec, _target_columns(i.target, spec))
        spec, target_columns = both
        r = evaluate(history.get(key, NO_VALUES), year, spec, thresholds)
        v = this_year.get(key)
        if not text_only or printed_in_text(r):
            indicators.append(_indicator_row(i, r, v, objective_of[activity], target_columns, year))
        field_rollup = field_roll.get(i.field)
        if field_rollup is None:
            field_rollup = field_roll[i.field] = Rollup()
        numeric = spec.numeric_target
        plan_roll.add(r, numeric)
        field_rollup.add(r, numeric)
        if objective_roll is not None:
            objective_rollup = objective_roll.get((i.field, objective_of[activity]))
            if objective_rollup is None:
                objective_rollup = objective_roll[(i.field, objective_of[activity])] = Rollup()
            objective_rollup.add(r, numeric)
        if v and v.parts and r.status != "not_scheduled":
            add_parts(field_parts.setdefault(i.field, {}), v.parts)
            add_parts(plan_parts, v.parts)

    # Each activity's status in the year, as its record says it ("scheduled", "status_entered"), by field.
    statuses = data[year].statuses
    marks_of: dict[str, list[tuple[bool, str | None]]] = {}
    for a in costs:
        marks_of.setdefault(a.field, []).append((year in a.years, statuses.get((a.field, a.code))))

    def status_counts(marks: list[tuple[bool, str | None]]) -> dict[str, int]:
        counts = activity_status_counts(entered for scheduled, entered in marks if scheduled)
        return {**counts, "not_scheduled": sum(1 for scheduled, _entered in marks if not scheduled)}

    rollups: dict = {
        "plan": _rollup(plan_roll, coverage_min),
        "fields": [{"field": f.code, "title": f.title, **_rollup(field_roll[f.code], coverage_min)}
                   for f in plan.fields if f.code in field_roll],
    }
    if objective_roll is not None:
        titles = {(o.field, o.code): o.title for o in plan.objectives}
        rollups["objectives"] = [{"field": k[0], "objective": k[1], "title": titles.get(k, ""),
                                  **_rollup(r, coverage_min)} for k, r in objective_roll.items()]
    rollups |= {
        "activity_status": {
            "plan": status_counts([m for marks in marks_of.values() for m in marks]),
            "fields": [{"field": f.code, **status_counts(marks_of.get(f.code, []))} for f in plan.fields],
        },
        "disaggregation": {
            "plan": {"parts": plan_parts, "shares_pct": {k: _r(s) for k, s in shares(plan_parts).items()}},
            "fields": [{"field": f, "parts": p, "shares_pct": {k: _r(s) for k, s in shares(p).items()}}
                       for f, p in field_parts.items()],
        },
    }
    out = {
        "plan": {"id": plan.id, "title": plan.title, "start_year": plan.start_year, "end_year": plan.end_year},
        "year": year,
        "workbook": str(wb.path),
        "thresholds": thresholds,
        "settings_defaulted": settings.defaulted,
        "years_read": sorted(data),
        "costs": _costs(plan, costs, data, year, text_only),
    }
    if not text_only:
        out["activities"] = _activities(plan, costs, data[year], year)
    out |= {"indicators": indicators, "rollups": rollups}
    if not text_only:
        out["objective_indicators"] = assess_objectives(wb, year, thresholds)
    return out


# ---------------------------------------------------------------- sentences shared by the views

RATING_ORDER = ("on_track", "partly", "off_track", "not_due", "no_baseline", "no_data", "no_target", "not_scheduled")


def ratings_text(roll: dict, lang: str = "sq") -> str:
    """The counts per rating of the indicators that have a value and a numeric target: "Sipas vlerësimit: në rrugë
    të mbarë 2 · pjesërisht 1 · jashtë rrugës 0 · ende pa afat 3" (no data and no numeric target are coverage,
    said beside it)."""
    counts = roll["status_counts"]
    return t("summary_ratings", lang, counts=" · ".join(
        f"{t(f'status_{k}', lang)} {counts.get(k, 0)}" for k in RATING_ORDER[:5]
        if counts.get(k, 0) or k in ("on_track", "partly", "off_track")))


def mean_text(roll: dict, thresholds: dict, lang: str = "sq") -> str:
    """The mean rating with its coverage ("92,5 % — 4 nga 52 tregues të vlerësuar (mbulimi 7,7 %)"), or why
    no mean is given below the coverage threshold."""
    if not roll["rated"]:
        return t("summary_mean_none", lang)
    rated_of = tn("n_of_rated", roll["of_year"], lang, k=roll["rated"])
    coverage = _pct(roll["coverage_pct"], lang)
    if roll["mean_pct"] is None:
        return t("summary_mean_withheld", lang, rated_of=rated_of, coverage=coverage,
                 minimum=_pct(thresholds.get("coverage_min"), lang))
    return t("summary_mean", lang, mean=_pct(roll["mean_pct"], lang), rated_of=rated_of, coverage=coverage)


# ---------------------------------------------------------------- terminal view

NAME_W, LEK_W, PCT_W, REP_W = 44, 14, 11, 10


def _pct(value: float | None, lang: str) -> str:
    """ "87,5 %" in Albanian, "87.5 %" in English; "pa të dhëna" when unknown."""
    if value is None:
        return t("no_data_short", lang)
    text = f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"
    return (text.replace(".", ",") if lang == "sq" else text) + " %"


def _lek(value: int | None, lang: str, missing: str = "no_data_short") -> str:
    return t(missing, lang) if value is None else format_lek(value)


def _short(text: str, width: int = NAME_W) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cost_table(rows: list[tuple[str, dict]], first: str, lang: str) -> list[str]:
    """Planned, spent, spent ÷ planned and how many of the costed activities reported ("3/4")."""
    lines = [f"  {first:<{NAME_W}} {t('summary_col_planned', lang):>{LEK_W}} {t('summary_col_spent', lang):>{LEK_W}} "
             f"{t('summary_col_rate', lang):>{PCT_W}} {t('summary_col_reporting', lang):>{REP_W}}"]
    for name, row in rows:
        reporting = f"{row['activities_reporting']}/{row['activities_quantified']}" if row["activities_quantified"] \
            else "—"
        lines.append(f"  {_short(name):<{NAME_W}} {_lek(row['planned'], lang, 'not_quantified_short'):>{LEK_W}} "
                     f"{_lek(row['spent'], lang):>{LEK_W}} {_pct(row['execution_pct'], lang):>{PCT_W}} "
                     f"{reporting:>{REP_W}}")
    return lines


def printed_in_text(r: Result) -> bool:
    """Whether `render_summary_text` can print an indicator's row: one behind the plan, or one whose baseline it
    explains (the rows it looks through)."""
    return r.status == "off_track" or r.baseline_origin in NOTED_BASELINES


def render_summary_text(data: dict, lang: str = "sq") -> str:
    """One to two screens: costs of the year, then indicator status and roll-ups."""
    c, year = data["costs"], data["year"]
    lines = [t("summary_title", lang, title=data["plan"]["title"], year=year),
             t("summary_workbook", lang, path=data["workbook"])]
    if data.get("valid") is False:
        lines.append(t("summary_invalid", lang, errors=tn("n_errors", data["validation"]["error"], lang),
                       path=data["workbook"]))
    if data.get("settings_defaulted"):
        labels = {key: label for key, label, *_ in L.SETTINGS}
        lines.append(t("summary_defaults", lang, labels=", ".join(labels[k] for k in data["settings_defaulted"])))
    lines += ["", t("summary_costs_header", lang)]
    if not c["has_costs"]:
        lines.append("  " + t("summary_no_costs", lang))
        if c["spent_total"] is not None:
            lines.append("  " + t("summary_spent_only", lang, spent=format_lek(c["spent_total"]),
                                  reported=tn("n_activities_reported", c["activities_with_spending"], lang)))
    else:
        lines.append("  " + t("summary_planned", lang, year=year, total=_lek(c["planned_annual_total"], lang),
                              quantified=c["quantified"], activities=c["activities"]))
        lines.append("  " + t("summary_spent", lang, year=year, spent=_lek(c["spent_total"], lang),
                              reported=tn("n_activities_reported", c["activities_with_spending"], lang),
                              rate=_pct(c["execution_pct"], lang)))
        lines.append("  " + t("summary_spent_reporting", lang, n=c["activities_reporting"],
                              m=c["activities_quantified"], planned=_lek(c["planned_reporting"], lang),
                              spent=_lek(c["spent_reporting"], lang), rate=_pct(c["execution_reporting_pct"], lang)))
        if c["not_reporting"]:
            codes = [r["activity_code"] for r in c["not_reporting"]]
            lines.append("  " + t("summary_not_reporting", lang, codes=", ".join(codes[:12])
                                  + (" …" if len(codes) > 12 else "")))
        if c["spent_outside_plan"]:
            lines.append("  " + t("summary_spent_outside", lang, spent=format_lek(c["spent_outside_plan"])))
        if c["unquantified"]:
            lines.append("  " + t("summary_unquantified", lang, codes=", ".join(c["unquantified"])))
        if c["unsplit"]:
            lines.append("  " + tn("summary_unsplit", len(c["unsplit"]), lang))
        lines.append("")
        lines += _cost_table([(source_label(r["key"], lang), r) for r in c["by_source"]],
                             t("summary_col_source", lang), lang)
        lines.append("")
        lines += _cost_table([(f"{r['field']} {r['title']}", r) for r in c["by_field"]],
                             t("summary_col_field", lang), lang)
    r = data["rollups"]
    p = r["plan"]
    lines += ["", t("summary_indicators_header", lang, n=p["indicators"]),
              "  " + t("summary_coverage", lang, **p)]
    if p["not_scheduled"]:
        lines.append("  " + tn("summary_not_scheduled", p["not_scheduled"], lang, year=year))
    lines += ["  " + ratings_text(p, lang), "  " + mean_text(p, data["thresholds"], lang),
              "", f"  {t('summary_col_field', lang):<{NAME_W}} {t('summary_col_mean', lang):>{LEK_W}} "
                  f"{t('summary_col_rated', lang):>{REP_W}} {t('summary_col_with_value', lang):>{REP_W}} "
                  f"{t('summary_col_no_target', lang):>{LEK_W}}"]
    for row in r["fields"]:
        lines.append(f"  {_short(row['field'] + ' ' + row['title']):<{NAME_W}} "
                     f"{'—' if row['mean_pct'] is None else _pct(row['mean_pct'], lang):>{LEK_W}} "
                     f"{str(row['rated']) + '/' + str(row['of_year']):>{REP_W}} "
                     f"{str(row['with_value']) + '/' + str(row['of_year']):>{REP_W}} "
                     f"{row['no_numeric_target']:>{LEK_W}}")
    based = [i for i in data["indicators"] if i["baseline_note"]]
    if based:
        lines += ["", t("summary_baselines", lang)]
        lines += [f"  {i['activity_code']} #{i['n']}: {baseline_note(i, year, lang)}" for i in based[:6]]
    counts = r["activity_status"]["plan"]
    lines += ["", t("summary_activity_status", lang, **counts)]
    shares_pct = r["disaggregation"]["plan"]["shares_pct"]
    if shares_pct:
        lines.append(t("summary_shares", lang, shares=" · ".join(
            f"{t(f'share_{k}', lang)} {_pct(v, lang)}" for k, v in shares_pct.items())))
    behind = [i for i in data["indicators"] if i["status"] == "off_track"]
    if behind:
        lines += ["", t("summary_off_track", lang, n=len(behind))]
        for i in behind[:8]:
            got = _pct(i["achievement_pct"], lang)
            if i["kind"] != "milestone" and i["expected_to_date"] not in (None, i["target"]):
                so_far = i["actual_to_date"] if i["scope"] == "period" else i["actual"]
                got = t("summary_expected_note", lang, actual=format_number(so_far),
                        expected=format_number(i["expected_to_date"]), year=year, pct=got)
            lines.append(f"  {i['activity_code']} #{i['n']}: {_short(i['indicator'], 56)} — {got}")
        if len(behind) > 8:
            lines.append("  " + t("summary_more", lang, n=len(behind) - 8))
    return "\n".join(line.rstrip() for line in lines)


# ---------------------------------------------------------------- sheet view (the Excel button Llogarit)


LEK_COLUMNS = (1, 2, 4, 5)  # 0-based columns of the cost rows that hold lekë (planned, spent, and for the reporting)


def summary_rows(data: dict, lang: str = "sq") -> tuple[list[list[object]], list[int], list[int]]:
    """The summary as a value grid for one sheet, the 0-based rows that are section or column headers, and
    the cost rows (whose LEK_COLUMNS are lekë).

    Numbers stay numbers (lekë whole, percentages to one decimal) so people can compute with them; a missing
    figure is the text "pa të dhëna", never 0."""
    from addin.common.vocab import STATUSES

    none = t("no_data_short", lang)
    order = RATING_ORDER
    kinds = ("done", "partly", "in_progress", "not_done")

    def val(v: object) -> object:
        return none if v is None else v

    plan, c, r = data["plan"], data["costs"], data["rollups"]
    th = data["thresholds"]
    rows: list[list[object]] = [
        [t("excel_calc_title", lang, title=plan["title"], year=data["year"])],
        [t("excel_calc_note", lang, on_track=f"{th['on_track']:g}", partly=f"{th['partly']:g}")],
    ]
    heads: list[int] = []
    lek_rows: list[int] = []

    def section(title: str, headers: list[str]) -> None:
        rows.append([])
        heads.append(len(rows))
        rows.append([title])
        heads.append(len(rows))
        rows.append(headers)

    def count(v: object) -> object:
        return len(v) if isinstance(v, (list, tuple, set)) else v

    def cost_row(name: str, line: dict, planned: object = None) -> list[object]:
        planned = line["planned"] if planned is None else planned
        if not c["has_costs"]:
            return [name, none, val(line["spent"]), none, none, none, none, None, count(line["activities"])]
        return [name, val(planned), val(line["spent"]), val(line["execution_pct"]),
                val(line["planned_reporting"]), val(line["spent_reporting"]), val(line["execution_reporting_pct"]),
                line["activities_reporting"], line["activities_quantified"]]

    if c["has_costs"]:
        section(t("excel_calc_by_source", lang), t("excel_calc_cost_headers", lang).split("|"))
        first = len(rows)
        rows += [cost_row(s["label"], s) for s in c["by_source"]]
        rows.append(cost_row(t("excel_calc_total", lang), {**c, "spent": c["spent_total"]},
                             c["planned_annual_total"]))
        lek_rows += range(first, len(rows))
    section(t("excel_calc_by_field", lang), t("excel_calc_cost_headers", lang).split("|"))
    if not c["has_costs"]:
        rows.append([c["message"]])
    first = len(rows)
    rows += [cost_row(f"{f['field']} {f['title']}", f) for f in c["by_field"]]
    lek_rows += range(first, len(rows))

    def mean_cell(roll: dict) -> object:
        if roll["mean_pct"] is not None:
            return roll["mean_pct"]
        return t("excel_mean_withheld", lang) if roll["rated"] else none

    section(t("excel_calc_achievement", lang), t("excel_calc_achievement_headers", lang).split("|")
            + [t(f"status_{s}", lang) for s in order])
    for name, roll in [(f"{f['field']} {f['title']}", f) for f in r["fields"]] + \
            [(t("excel_calc_plan", lang), r["plan"])]:
        rows.append([name, mean_cell(roll), roll["rated"], roll["of_year"], val(roll["coverage_pct"]),
                     roll["with_value"], roll["no_numeric_target"], roll["no_data"],
                     *(roll["status_counts"].get(s, 0) for s in order)])
    rows.append([mean_text(r["plan"], th, lang)])

    section(t("excel_calc_activities", lang), [t("summary_col_field", lang)]
            + [vocab_label(STATUSES, k, lang) for k in kinds] + [t("report_status_not_reported", lang),
                                                                 t("status_not_scheduled", lang)])
    for name, counts in [(f["field"], f) for f in r["activity_status"]["fields"]] + \
            [(t("excel_calc_plan", lang), r["activity_status"]["plan"])]:
        rows.append([name, *(counts.get(k, 0) for k in (*kinds, "not_reported", "not_scheduled"))])

    section(t("excel_calc_indicators", lang), t("excel_calc_indicator_headers", lang).split("|"))
    for i in data["indicators"]:
        rows.append([i["activity_code"], i["n"], i["indicator"], i["target_text"], val(i["actual"]),
                     i["actual_to_date"] if i["actual_to_date"] is not None else "",
                     i["expected_to_date"] if i["expected_to_date"] is not None else "",
                     val(i["achievement_capped"]), val(i["rating_pct"]), t(f"status_{i['status']}", lang),
                     baseline_note(i, data["year"], lang)])
    width = max(len(row) for row in rows)
    return [row + [None] * (width - len(row)) for row in rows], heads, lek_rows
