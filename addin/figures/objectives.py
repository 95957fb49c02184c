"""The specific objectives assessed: each objective's own indicator (its value typed on the objectives sheet, rated
against its target with the achievement engine), beside the roll-up of its activities' indicators."""

from __future__ import annotations

from addin.figures.achievement import Spec, evaluate
from addin.workbook.objectivevalues import read_objective_values
from addin.workbook.reader import WorkbookData


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def objective_spec(objective, plan) -> Spec | None:
    """The plan's facts about an objective's indicator, as the rating needs them (None: no indicator)."""
    t = objective.target
    if t is None:
        return None
    return Spec(kind=t.kind, target=t.value, direction=t.direction, scope=t.scope, start=plan.start_year,
                end=plan.end_year, target_high=t.value_high, per_year=t.per_year_value,
                target_year=objective.target_year)


def assess_objectives(wb: WorkbookData, year: int, thresholds: dict) -> list[dict]:
    """One record per specific objective, in the plan's order: its indicator's value that year and to date, what
    was expected by the end of the year, the baseline used, the rating and status (as for result indicators);
    "no_target" for an objective the plan gives no indicator or target."""
    plan = wb.plan
    typed = read_objective_values(wb)
    out = []
    for o in plan.objectives:
        spec = objective_spec(o, plan)
        ov = typed.get((o.field, o.code))
        values = {y: ov.value(y) for y in plan.years if y <= year} if ov else {}
        record = {"field": o.field, "objective": o.code, "title": o.title, "indicator": o.indicator,
                  "kind": spec.kind if spec else None, "target": o.target.value if o.target else None,
                  "target_high": o.target.value_high if o.target else None,
                  "unit": o.target.unit if o.target else "", "scope": o.target.scope if o.target else None,
                  "target_year": o.target_year, "actual": values.get(year), "cell": ov.refs.get(year) if ov else None}
        if spec is None:
            out.append({**record, "actual_to_date": None, "expected_to_date": None, "baseline": None,
                        "baseline_year": None, "achievement_pct": None, "rating_pct": None, "status": "no_target"})
            continue
        r = evaluate(values, year, spec, thresholds)
        out.append({**record, "actual_to_date": r.compared if spec.scope == "period" else None,
                    "expected_to_date": _r(r.expected, 2), "baseline": r.baseline, "baseline_year": r.baseline_year,
                    "achievement_pct": _r(r.achievement.raw), "rating_pct": _r(r.rating), "status": r.status})
    return out
