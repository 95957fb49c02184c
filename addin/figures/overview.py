"""The one-screen overview of a plan workbook: structure and planned annual cost."""

from __future__ import annotations

from dataclasses import dataclass

from addin.common.messages import t
from addin.common.text import AmountError, format_lek, parse_lek
from addin.workbook import layout as L
from addin.workbook.reader import WorkbookData


@dataclass
class FieldOverview:
    code: str
    title: str
    objectives: int
    activities: int
    indicators: int
    cost: int
    unquantified: int


@dataclass
class Overview:
    plan_title: str
    start_year: int
    end_year: int
    path: str
    has_costs: bool
    fields: list[FieldOverview]

    @property
    def totals(self) -> dict[str, int]:
        return {k: sum(getattr(f, k) for f in self.fields)
                for k in ("objectives", "activities", "indicators", "cost", "unquantified")}


def overview(wb: WorkbookData) -> Overview:
    """Count fields, objectives, activities and indicators, and add up quantified annual costs, from the sheets."""
    plan = wb.plan
    matrix = wb.table(L.SHEET_MATRIX, plan.matrix_headers, ("field", "code"))
    objectives = wb.table(L.SHEET_OBJECTIVES, {c.key: c.header for c in L.OBJECTIVE_COLUMNS}, ("field", "code"))
    indicators = wb.table(L.SHEET_INDICATORS, {"field": "Fusha", "activity": "Kodi"})
    fields = []
    for f in plan.fields:
        acts = [v for _, v in matrix.rows if matrix.get(v, "field") == f.code]
        cost, unquantified = 0, 0
        for v in acts:
            value = matrix.get(v, "cost_lek") if "cost_lek" in matrix.columns else None
            try:
                amount = parse_lek(value) if value is not None else None
            except AmountError:
                amount = None
            if amount and amount.lek is not None:
                cost += amount.lek
            else:
                unquantified += 1
        fields.append(FieldOverview(
            f.code, f.title,
            sum(1 for _, v in objectives.rows if objectives.get(v, "field") == f.code),
            len(acts),
            sum(1 for _, v in indicators.rows if indicators.get(v, "field") == f.code),
            cost, unquantified,
        ))
    return Overview(plan.title, plan.start_year, plan.end_year, str(wb.path), plan.has_costs, fields)


def render_overview(o: Overview, lang: str = "sq") -> str:
    tot = o.totals
    lines = [t("overview_title", lang, title=o.plan_title),
             t("overview_period", lang, start=o.start_year, end=o.end_year, path=o.path),
             t("overview_counts", lang, fields=len(o.fields),
               **{k: tot[k] for k in ("objectives", "activities", "indicators")})]
    if o.has_costs:
        lines.append(t("overview_cost", lang, total=format_lek(tot["cost"]),
                       quantified=tot["activities"] - tot["unquantified"], activities=tot["activities"],
                       unquantified=tot["unquantified"]))
    else:
        lines.append(t("overview_no_costs", lang))
    lines.append("")
    head = t("overview_field_header", lang)
    cost_head = "Kosto/vit" if lang == "sq" else "Cost/year"
    lines.append(f"  {head:<6} {'Obj.':>5} {'Akt.':>5} {'Tregues' if lang == 'sq' else 'Ind.':>7}"
                 + (f" {cost_head:>16}" if o.has_costs else "") + "  ")
    for f in o.fields:
        title = f.title if len(f.title) <= 60 else f.title[:59] + "…"
        row = f"  {f.code:<6} {f.objectives:>5} {f.activities:>5} {f.indicators:>7}"
        if o.has_costs:
            row += f" {format_lek(f.cost):>16}"
        lines.append(f"{row}  {title}")
    return "\n".join(lines)
