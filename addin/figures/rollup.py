"""Several workbooks at once (`matrica summary` over several files or a folder): the totals of the workbooks whose
plans agree, one group per plan and year.

Counts and amounts add up; every rate is computed again from the sums printed beside it (spent ÷ planned, rated ÷
indicators of the year, women ÷ (women + men)), never averaged over workbooks. No mean achievement is given over
several workbooks: the status counts and the coverage say how the indicators stand.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def _sum_counts(into: dict, part: dict) -> dict:
    """Add the whole-number leaves of `part` into `into` (nested dicts too); rates and texts are left out."""
    for key, value in part.items():
        if isinstance(value, dict):
            _sum_counts(into.setdefault(key, {}), value)
        elif isinstance(value, int) and not isinstance(value, bool) and not key.endswith("_pct"):
            into[key] = into.get(key, 0) + value
    return into


def _pct(part: float | None, whole: float | None) -> float | None:
    if part is None or not whole:
        return None
    return round(part / whole * 100, 1)


def _amounts(summaries: list[dict], key: str) -> int | None:
    """The sum of an amount over the workbooks that have one; None when none has."""
    values = [s["costs"].get(key) for s in summaries]
    values = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return sum(values) if values else None


def costs_total(summaries: list[dict]) -> dict:
    costs: dict = {}
    for s in summaries:
        _sum_counts(costs, {k: v for k, v in s["costs"].items() if not isinstance(v, dict)})
    costs["has_costs"] = any(s["costs"].get("has_costs") for s in summaries)
    for key in ("planned_annual_total", "planned_period_total", "spent_total", "planned_reporting",
                "spent_reporting"):
        costs[key] = _amounts(summaries, key)
    costs["execution_pct"] = _pct(costs["spent_total"], costs["planned_annual_total"])
    costs["execution_reporting_pct"] = _pct(costs["spent_reporting"], costs["planned_reporting"])
    return costs


def indicators_total(summaries: list[dict]) -> dict:
    out: dict = {}
    for s in summaries:
        _sum_counts(out, {k: v for k, v in s["rollups"]["plan"].items() if k != "mean_pct"})
    if "rated" in out:
        out["coverage_pct"] = _pct(out["rated"], out.get("of_year", out.get("indicators")))
    return out


def disaggregation_total(summaries: list[dict]) -> dict:
    from addin.figures.achievement import shares

    parts: dict[str, float] = {}
    for s in summaries:
        for key, value in s["rollups"]["disaggregation"]["plan"]["parts"].items():
            parts[key] = parts.get(key, 0) + value
    return {"parts": parts, "shares_pct": {k: round(v, 1) for k, v in shares(parts).items() if v is not None}}


def rollup(summaries: Iterable[dict]) -> list[dict]:
    """One total per plan and year over the summaries (`figures.summary.build_summary`) of several workbooks, in
    the order the plans first appear."""
    groups: dict[tuple[str, int], list[dict]] = {}
    for s in summaries:
        groups.setdefault((s["plan"]["id"], s["year"]), []).append(s)
    out = []
    for (_plan_id, year), group in groups.items():
        status: dict = {}
        for s in group:
            _sum_counts(status, s["rollups"]["activity_status"]["plan"])
        out.append({
            "plan": group[0]["plan"], "year": year, "workbooks": len(group),
            "paths": [s["workbook"] for s in group],
            "costs": costs_total(group),
            "indicators": indicators_total(group),
            "activity_status": status,
            "disaggregation": disaggregation_total(group),
        })
    return out


# ---------------------------------------------------------------- terminal view

NAME_W = 44

def _lek(value: object) -> str:
    return "—" if value is None else f"{value:,.0f}".replace(",", " ")


def _rate(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f} %"
    return text.replace(".", ",") if lang == "sq" else text


def _line(name: str, costs: dict, indicators: dict, status: dict, errors: int | None, lang: str) -> str:
    with_status = sum(status.get(k, 0) for k in ("done", "partly", "in_progress", "not_done"))
    scheduled = with_status + status.get("not_reported", 0)
    rated = f"{indicators.get('rated', 0)} / {indicators.get('of_year', indicators.get('indicators', 0))}"
    return (f"{name[:NAME_W]:<{NAME_W}} {rated:>13} {f'{with_status} / {scheduled}':>11} "
            f"{_lek(costs.get('planned_annual_total')):>13} {_lek(costs.get('spent_total')):>13} "
            f"{_rate(costs.get('execution_pct'), lang):>9} {'—' if errors is None else errors:>7}")


def render_many(data: dict, lang: str = "sq") -> str:
    """One line per workbook (or its sentence when it could not be read), then one total per plan and year."""
    from addin.common.messages import t, tn

    heads = t("many_summary_headers", lang).split("|")
    lines = [f"{heads[0]:<{NAME_W}} {heads[1]:>13} {heads[2]:>11} {heads[3]:>13} {heads[4]:>13} {heads[5]:>9} "
             f"{heads[6]:>7}"]
    for book in data["workbooks"]:
        if "error" in book:
            lines.append(book["error"])
            continue
        s = book["summary"]
        lines.append(_line(Path(book["path"]).name, s["costs"], s["rollups"]["plan"],
                           s["rollups"]["activity_status"]["plan"], book.get("validation", {}).get("counts", {})
                           .get("error"), lang))
    for total in data["totals"]:
        name = tn("many_summary_total", total["workbooks"], lang, plan=total["plan"]["id"], year=total["year"])
        if len(name) > NAME_W:  # the total's name on its own line, its figures under the columns
            lines.append(name)
            name = ""
        lines.append(_line(name, total["costs"], total["indicators"], total["activity_status"],
                           total.get("validation", {}).get("counts", {}).get("error"), lang))
    return "\n".join(lines)
