"""`matrica report`: the annual monitoring report in Word (docxtpl) and HTML (jinja2) from a filled workbook.

Data flows one way: workbook -> validation report + `build_summary` -> one context dict of formatted text ->
the templates (`templates_dir()`: the repository's `templates/` in a checkout, the copy shipped inside the
package once installed). Everything a person typed reaches the output escaped (jinja2 autoescape, in a
sandbox, with strict undefined names); nothing in the output depends on the clock unless `--date` is given.
docxtpl, jinja2 and matplotlib are imported only here, inside the functions that need them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from addin.common.files import write_atomic
from addin.common.messages import MESSAGES, MatricaError, counted, t, tn
from addin.common.text import format_lek, format_number, format_pct
from addin.common.vocab import FUNDING, STATUSES
from addin.common.vocab import label as vocab_label
from addin.report import charts as C
from addin.report import sections as S
from addin.workbook import layout as L
from addin.workbook.narrative import read_logo, read_narrative, read_report_settings

SHIPPED_TEMPLATES = Path(__file__).resolve().parent / "templates"  # the wheel maps templates/ here (pyproject.toml)
CHECKOUT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"  # where people edit them, in the repository
DOCX_TEMPLATE = "raporti.docx"  # one template; its labels come in the report language
HTML_TEMPLATE = "raporti.html.j2"
FORMATS = ("docx", "html")
ACTIVITY_STATUSES = ("done", "partly", "in_progress", "not_done", "not_reported")
RATINGS = ("on_track", "partly", "off_track", "no_data", "no_target")
PARTS = (("sex", "women", "men"), ("ethnicity", "roma", "egyptian"), ("area", "urban", "rural"))
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
RT_SIZE = 16  # coloured words in Word tables: 8 pt (half-points), like the template's table text


@dataclass
class ReportRequest:
    """What `matrica report` was asked for."""

    workbook: Path
    year: int
    out_dir: Path | None = None  # default: the workbook's folder
    formats: tuple[str, ...] = FORMATS
    lang: str = "sq"
    allow_errors: bool = False
    date: dt.date | None = None
    docx_template: Path | None = None
    html_template: Path | None = None
    template_dir: Path | None = None  # files named like the shipped templates here replace them
    from_file: bool = True  # False: `wb` comes from Excel with no file here (xlwings Lite); the checksum covers values
    extra: dict = field(default_factory=dict)


# ------------------------------------------------------------------ where the templates are


def templates_dir() -> Path:
    """The report templates: the copy inside the installed package, else the repository's `templates/` (a
    checkout or an editable install, where people edit them)."""
    return SHIPPED_TEMPLATES if SHIPPED_TEMPLATES.is_dir() else CHECKOUT_TEMPLATES


def template_path(name: str, explicit: Path | None = None, folder: Path | None = None) -> Path:
    """The template to use: the file given, else one named `name` in `folder` (a municipality's own
    templates), else the shipped one."""
    if explicit is not None:
        return Path(explicit)
    if folder is not None and (Path(folder) / name).is_file():
        return Path(folder) / name
    return templates_dir() / name


# ------------------------------------------------------------------ formatting


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("matrica")
    except Exception:  # not installed as a distribution
        return "0"


def activity_status_label(key: str, lang: str) -> str:
    if key == "not_reported":
        return t("report_status_not_reported", lang)
    if key == "not_scheduled":
        return t("status_not_scheduled", lang)
    return vocab_label(STATUSES, key, lang)


def rating_label(key: str, lang: str) -> str:
    return t(f"status_{key}", lang)


def format_value(value: float | None, kind: str, lang: str) -> str:
    """An actual or target value as people read it: counts "1 234", percentages "87,5 %", amounts in lekë,
    milestones po/jo; "—" when there is none."""
    if value is None:
        return "—"
    if kind == "percent":
        return format_pct(value)
    if kind == "amount":
        return format_lek(value)
    if kind == "milestone":
        return t("report_yes" if value >= 1 else "report_no", lang)
    return format_number(value)


def target_text(kind: str, value: float | None, unit: str, scope: str, target_year: int | None, lang: str,
                high: float | None = None) -> str:
    """ "80 % në vit", "54 fushata për periudhën (deri në 2026)", "rritje me 3-5 % në vit (aplikime)",
    "arritur (po/jo) …"."""
    thing = ""
    if kind == "milestone":
        text = t("report_target_milestone", lang)
    elif value is None:
        text = t("report_target_none", lang)
    elif kind == "amount":
        text = format_lek(value) if high is None else f"{format_number(value)}-{format_lek(high)}"
    else:
        number = format_number(value) + (f"-{format_number(high)}" if high is not None else "")
        if kind == "relative":
            text = t("report_target_relative", lang, number=number)
            thing = f" ({unit})" if unit and unit != "%" else ""
        else:
            text = f"{number} %" if kind == "percent" else f"{number} {unit}".strip()
    text += " " + t(f"report_scope_{scope}", lang) + thing
    if target_year:
        text += " " + t("report_target_by", lang, year=target_year)
    return text


def _mean_cell(roll: dict, lang: str) -> str:
    """A mean with its coverage, for tables: "80 % (5 / 52)", "nuk jepet (3 / 52)", "—"."""
    if not roll["rated"]:
        return "—"
    mean = format_pct(roll["mean_pct"]) if roll["mean_pct"] is not None else t("report_mean_withheld", lang)
    return f"{mean} ({roll['rated']} / {roll['of_year']})"


def _expected_text(ind: dict, kind: str, year: int, lang: str) -> str:
    """What the plan expects by the end of the year, as printed beside the actual: a value, "ende pa afat (2026)"
    for a deliverable not yet due, "nuk planifikohej" or "—"."""
    if ind["status"] == "not_scheduled":
        return t("status_not_scheduled", lang)
    if ind["expected_to_date"] is not None:
        return format_value(ind["expected_to_date"], kind, lang)
    if ind["scope"] == "period" and ind["due_year"] and ind["due_year"] > year and (
            ind["target"] is not None or ind["kind"] == "milestone"):
        return t("report_not_due_until", lang, year=ind["due_year"])
    return "—"


def _status_parts(counts: dict[str, int], lang: str, not_scheduled: bool = True) -> str:
    """ "realizuar plotësisht 25, …, nuk planifikohej 6": the statuses entered, those without one when any, and the
    activities not scheduled in the year when any (unless `not_scheduled` is False: said in its own sentence)."""
    keys = (*ACTIVITY_STATUSES, "not_scheduled") if not_scheduled else ACTIVITY_STATUSES
    return ", ".join(f"{activity_status_label(k, lang)} {counts.get(k, 0)}" for k in keys
                     if counts.get(k, 0) or k not in ("not_reported", "not_scheduled"))


def _hex(color: str) -> str:
    return color.lstrip("#")


# ------------------------------------------------------------------ reading


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def values_checksum(wb, year: int) -> str:
    """SHA-256 of the values the report reads (the plan sheets and the monitoring sheets up to `year`, in the
    workbook's order, as JSON): the cover's checksum for a workbook open in Excel without a file (xlwings Lite)."""
    import json

    plan_sheets = (L.SHEET_OBJECTIVES, L.SHEET_MATRIX, L.SHEET_INDICATORS, L.SHEET_SETTINGS)
    digest = hashlib.sha256()
    for name in wb.sheet_names:
        y = L.monitoring_year(name)
        if name in plan_sheets or (y is not None and y <= year):
            digest.update(json.dumps([name, wb.values(name)], ensure_ascii=False, default=str).encode("utf-8"))
    return digest.hexdigest()


def _code_text(value: object) -> str:
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return "" if value is None else str(value).strip()


def workbook_activity_texts(wb) -> dict[tuple[str, str], str]:
    """Activity texts as the workbook's matrix sheet shows them (what people read and may have edited)."""
    plan = wb.plan
    table = wb.table(L.SHEET_MATRIX, plan.matrix_headers, ("field", "code", "activity"))
    out: dict[tuple[str, str], str] = {}
    for _row, values in table.rows:
        key = (_code_text(table.get(values, "field")), _code_text(table.get(values, "code")))
        text = table.get(values, "activity")
        if key[1] and text is not None:
            out.setdefault(key, str(text))
    return out


def validate_years(wb, years: list[int]):
    """Validation findings for each year of the report, merged (plan-level findings once)."""
    from addin.checks.findings import Report
    from addin.checks.validate import validate_workbook

    seen, findings = set(), []
    for y in years:
        for f in validate_workbook(wb, y).findings:
            key = (f.rule, f.cell, f.code, repr(f.value))
            if key not in seen:
                seen.add(key)
                findings.append(f)
    return Report(str(wb.path), findings)


def _filled(summary: dict) -> bool:
    counts = summary["rollups"]["activity_status"]["plan"]
    reported = summary["rollups"]["plan"]["with_value"]
    return counts.get("not_reported", 0) < sum(counts.values()) or reported > 0 \
        or summary["costs"]["spent_total"] is not None


# ------------------------------------------------------------------ context


def build_context(wb, year: int, lang: str = "sq", date: dt.date | None = None, allow_errors: bool = False,
                  validation=None, from_file: bool = True) -> dict:
    """Everything the templates show, as formatted text, in a stable order. `from_file=False`: the workbook has no
    file here (xlwings Lite), so the cover's checksum is `values_checksum` and its label says so."""
    from addin.figures.summary import (
        baseline_note,
        build_summary,
        mean_text,
        ratings_text,
        read_year,
        source_label,
    )
    from addin.workbook.example import is_example

    plan = wb.plan
    data = build_summary(wb, year)
    if validation is None:
        validation = validate_years(wb, list(data["years_read"]))
    errors, warnings = validation.counts["error"], validation.counts["warning"]
    example = is_example(wb)
    c, roll = data["costs"], data["rollups"]
    activity_texts = workbook_activity_texts(wb)
    year_data = read_year(wb, year)  # notes as typed
    activity_status = {tuple(a["activity_code"].split(" ", 1)): a["status"] for a in data["activities"]}
    notes = {k: v.notes for k, v in year_data.values.items() if v.notes}
    field_roll = {r["field"]: r for r in roll["fields"]}
    field_status = {r["field"]: r for r in roll["activity_status"]["fields"]}
    field_costs = {r["field"]: r for r in c["by_field"]}
    plan_counts = roll["activity_status"]["plan"]
    n_activities = sum(plan_counts.get(k, 0) for k in ACTIVITY_STATUSES)  # those scheduled in the year
    n_not_scheduled = plan_counts.get("not_scheduled", 0)

    def pct(v: float | None) -> str:
        return t("report_no_data", lang) if v is None else format_pct(v)

    def lek(v: int | None) -> str:
        return t("report_no_data", lang) if v is None else format_lek(v)

    # --- cover, the words typed on Narrativa, colophon (addin/report/sections.py)
    doc_title = t("report_doc_title", lang, year=year)
    narrative = read_narrative(wb)
    settings = read_report_settings(wb)
    logo = read_logo(settings["logo"], Path(wb.path).parent if from_file else None)
    cover = S.cover(plan, year, lang, date, settings, logo)
    checksum_label = t("report_l_checksum" if from_file else "report_l_checksum_values", lang)
    colophon = S.colophon(Path(wb.path).name, _sha256(Path(wb.path)) if from_file else values_checksum(wb, year),
                          checksum_label, _version(), date, example, lang)

    # --- summary
    status_rows = []
    for k in ACTIVITY_STATUSES:
        n = plan_counts.get(k, 0)
        if k == "not_reported" and not n:
            continue
        status_rows.append({"key": k, "label": activity_status_label(k, lang), "count": str(n),
                            "share": format_pct(n / n_activities * 100 if n_activities else None),
                            "color": C.COLORS[k]})
    p = roll["plan"]
    thresholds = data["thresholds"]

    def coverage_cells(r: dict) -> dict:
        """A roll-up as printed: the mean only with its coverage, and the counts per rating beside it."""
        sc = r["status_counts"]
        return {"mean": pct(r["mean_pct"]) if r["mean_pct"] is not None
                else (t("report_mean_withheld", lang) if r["rated"] else "—"),
                "rated": f"{r['rated']} / {r['of_year']}", "with_value": f"{r['with_value']} / {r['of_year']}",
                "no_target": str(r["no_numeric_target"]),
                **{k: str(sc.get(k, 0)) for k in ("on_track", "partly", "off_track", "not_due")}}

    achievement_rows = [{"code": f.code, "title": f.title, **coverage_cells(field_roll[f.code])}
                        for f in plan.fields if f.code in field_roll]
    reported = tn("n_activities_reported", c["activities_with_spending"], lang)
    if c["has_costs"]:
        costs_sentence = t("report_costs_overall", lang, year=year, planned=lek(c["planned_annual_total"]),
                           quantified=c["quantified"], activities=c["activities"], spent=lek(c["spent_total"]),
                           reported=reported, rate=pct(c["execution_pct"]), n=c["activities_reporting"],
                           m=c["activities_quantified"], planned_reporting=lek(c["planned_reporting"]),
                           spent_reporting=lek(c["spent_reporting"]), rate_reporting=pct(c["execution_reporting_pct"]))
        if c["spent_outside_plan"]:
            costs_sentence += " " + t("report_costs_outside", lang, spent=lek(c["spent_outside_plan"]))
    else:
        costs_sentence = t("report_costs_none", lang, spent=lek(c["spent_total"]), reported=reported)
    statuses_sentence = t("report_activity_statuses", lang, year=year,
                          activities=tn("n_activities", n_activities, lang),
                          indicators=tn("n_indicators", p["of_year"], lang),
                          parts=_status_parts(plan_counts, lang, not_scheduled=False))
    if n_not_scheduled:
        statuses_sentence += " " + tn("report_not_scheduled", n_not_scheduled, lang, year=year)
    achievement_sentence = " ".join(
        [t("summary_coverage", lang, **p) + ".", ratings_text(p, lang) + ".", mean_text(p, thresholds, lang)])
    summary = {
        "statuses_sentence": statuses_sentence,
        "achievement_sentence": achievement_sentence,
        "rating_rule": t("report_rating_rule", lang, on_track=format_number(thresholds["on_track"]),
                         partly=format_number(thresholds["partly"])),
        "costs_sentence": costs_sentence,
        "statuses": status_rows,
        "activities_total": str(n_activities),
        "achievement": achievement_rows,
        "achievement_total": coverage_cells(p),
    }

    # --- fields
    rows_by_field: dict[str, list[dict]] = {}
    seen_activity: set[tuple[str, str]] = set()
    plan_activities = {(a.field, a.code): a for a in plan.activities}
    for ind in data["indicators"]:
        code = ind["activity_code"].split(" ", 1)[1]
        key = (ind["field"], code)
        first = key not in seen_activity
        seen_activity.add(key)
        a = plan_activities.get(key)
        status_key = activity_status.get(key, "not_reported")
        kind = ind["kind"]
        shown = "count" if kind == "relative" else kind  # a relative target's actual is the thing counted
        actual = format_value(ind["actual"], shown, lang)
        if ind["scope"] == "period" and ind["actual_to_date"] is not None and ind["actual_to_date"] != ind["actual"]:
            actual += " " + t("report_actual_to_date", lang, value=format_value(ind["actual_to_date"], shown, lang))
        note = notes.get((ind["field"], code, ind["n"]), "")
        target = target_text(kind, ind["target"], ind["unit"], ind["scope"], ind["target_year"], lang,
                             ind["target_high"])
        baseline = baseline_note(ind, year, lang) or (
            t("report_baseline", lang, value=format_value(ind["baseline"], shown, lang), year=ind["baseline_year"])
            if ind["baseline"] is not None else "")
        row = {
            "code": ind["activity_code"], "n": str(ind["n"]), "first": first,
            "activity": activity_texts.get(key, a.activity if a else "") if first else "",
            "indicator": ind["indicator"],
            "target": target + (f" · {baseline}" if baseline else ""),
            "expected": _expected_text(ind, shown, year, lang),
            "actual": actual,
            "achievement": format_pct(ind["achievement_pct"]) if ind["achievement_pct"] is not None else "—",
            "rating": ind["status"], "rating_label": rating_label(ind["status"], lang),
            "rating_color": C.COLORS[ind["status"]],
            "status": status_key if first else "", "status_label": activity_status_label(status_key, lang)
            if first else "", "status_color": C.COLORS[status_key] if first else "",
            "note": note, "parts": _parts_text(ind.get("disaggregation"), lang),
        }
        rows_by_field.setdefault(ind["field"], []).append(row)
    field_sections = []
    for f in plan.fields:
        rows = rows_by_field.get(f.code, [])
        r = field_roll[f.code]
        counts = {k: v for k, v in field_status.get(f.code, {}).items() if k != "field"}
        fc = field_costs.get(f.code)
        if fc is None:
            costs_text = ""
        elif c["has_costs"]:
            costs_text = t("report_field_costs", lang, planned=lek(fc["planned"]), spent=lek(fc["spent"]),
                           rate=pct(fc["execution_pct"]), n=fc["activities_reporting"], m=fc["activities_quantified"])
        else:
            costs_text = t("report_field_spent", lang, spent=lek(fc["spent"])) if fc["spent"] is not None else ""
        field_sections.append({
            "code": f.code, "title": f.title, "heading": f"{f.code} — {f.title}",
            "goal": t("report_strategic_goal", lang, text=f.strategic_goal) if f.strategic_goal else "",
            "specific": t("report_specific_objective", lang, text=f.specific_objective) if f.specific_objective
            else "",
            "objectives": [
                {"code": o.code, "title": o.title, "indicator": o.indicator or "—",
                 "target": target_text(o.target.kind, o.target.value, o.target.unit, o.target.scope,
                                       o.target_year, lang, o.target.value_high) if o.target else "—"}
                for o in plan.objectives if o.field == f.code
            ],
            "rollup": t("report_field_rollup", lang, mean=mean_text(r, thresholds, lang),
                        ratings=t("summary_coverage", lang, **r) + ". " + ratings_text(r, lang),
                        parts=_status_parts(counts, lang)),
            "costs": costs_text,
            "rows": rows,
            "disaggregation": [x for x in rows if x["parts"]["any"]],
            "notes": [{"code": f"{x['code']} #{x['n']}", "text": x["note"]} for x in rows if x["note"]],
        })

    # --- costs
    def cost_cells(x: dict, planned: int | None) -> dict:
        """A cost row as printed: the two rates, each beside the amounts it divides."""
        if not c["has_costs"]:
            return {"planned": "—", "spent": lek(x["spent"]), "execution": "—", "reporting": "—",
                    "planned_reporting": "—", "spent_reporting": "—", "execution_reporting": "—"}
        return {"planned": lek(planned), "spent": lek(x["spent"]), "execution": pct(x["execution_pct"]),
                "reporting": f"{x['activities_reporting']} / {x['activities_quantified']}"
                if x["activities_quantified"] else "—",
                "planned_reporting": lek(x["planned_reporting"]), "spent_reporting": lek(x["spent_reporting"]),
                "execution_reporting": pct(x["execution_reporting_pct"])}

    costs = {
        "has_costs": c["has_costs"],
        "sentence": costs_sentence,
        "columns_note": t("report_costs_columns", lang) if c["has_costs"] else "",
        "by_field": [{"code": x["field"], "title": x["title"], **cost_cells(x, x["planned"])} for x in c["by_field"]],
        "total": cost_cells({**c, "spent": c["spent_total"]}, c["planned_annual_total"]),
        "by_source": [{"label": source_label(x["key"], lang), **cost_cells(x, x["planned"])}
                      for x in c["by_source"]],
        "not_reporting": [{"code": x["activity_code"], "activity": _activity_of(activity_texts, plan_activities,
                                                                                 x["activity_code"]),
                           "planned": lek(x["planned"])} for x in c["not_reporting"]],
        "by_entered": [{"label": _entered_label(x["key"], lang), "spent": lek(x["spent"])}
                       for x in c["spent_by_entered_source"]],
        "unquantified": [{"code": code, "activity": _activity_of(activity_texts, plan_activities, code),
                          "printed": c["unquantified_printed"].get(code, "") or "—"} for code in c["unquantified"]],
        "unquantified_none": t("report_unquantified_none", lang) if c["has_costs"] and not c["unquantified"] else "",
        "unsplit": tn("report_unsplit", len(c["unsplit"]), lang) if c["unsplit"] else "",
    }

    # --- trend across the filled years up to this one
    trend_rows = []
    by_year = {x["year"]: x for x in c["by_year"]}
    filled_years = []
    for y in data["years_read"]:
        s = data if y == year else build_summary(wb, y)
        if not _filled(s):
            continue
        filled_years.append(y)
        yc = by_year.get(y, {})
        trend_rows.append({
            "year": str(y), "planned": lek(yc.get("planned")) if c["has_costs"] else "—",
            "spent": lek(yc.get("spent")), "execution": pct(yc.get("execution_pct")) if c["has_costs"] else "—",
            "mean": _mean_cell(s["rollups"]["plan"], lang),
            "done": str(s["rollups"]["activity_status"]["plan"].get("done", 0)),
            "_planned": yc.get("planned"), "_spent": yc.get("spent"), "_mean": s["rollups"]["plan"]["mean_pct"],
        })
    years_text = ", ".join(map(str, filled_years)) or str(year)
    trend = {
        "show": len(trend_rows) >= 2,
        "sentence": t("report_trend_intro", lang, year=year, years=years_text) if len(trend_rows) >= 2
        else t("report_trend_single", lang, years=years_text),
        "rows": [{k: v for k, v in r.items() if not k.startswith("_")} for r in trend_rows],
    }

    # --- data quality annex
    quality = {
        "errors": errors, "warnings": warnings,
        "sentence": t("report_quality_intro", lang, **counted(errors, warnings, lang)) if validation.findings
        else t("report_quality_none", lang),
        "findings": [{"severity": f.severity, "severity_label": t(f"severity:{f.severity}", lang),
                      "color": "#C62828" if f.severity == "error" else "#A65F00",
                      "cell": f.cell or "—", "code": f.code or "—", "rule": f.rule, "message": f.message(lang)}
                     for f in validation.findings],
    }

    charts = _charts(data, plan, summary, status_rows, c, trend_rows, lang, year)
    labels = {k[len("report_"):]: t(k, lang) for k in _label_keys()}
    if not from_file:
        labels["l_checksum"] = t("report_l_checksum_values", lang)
    shown = [k for k in S.SECTION_ORDER if k != "trend" or trend["show"]]
    sections = S.headings(shown, lang)
    for i, f in enumerate(field_sections, start=1):
        f["heading"] = S.field_heading(sections["fields"]["number"], i, f["code"], f["title"])
        f["texts"] = S.field_texts(narrative, year, f["code"], lang)
    drafted = [summary["statuses_sentence"], summary["achievement_sentence"], summary["costs_sentence"]]
    core_title = f"{plan.short_title} — {doc_title}"
    return {
        "lang": lang, "t": labels, "year": str(year), "doc_title": doc_title,
        "core_title": core_title,
        "example": example, "example_banner": t("report_example_banner", lang) if example else "",
        "example_note": t("report_example_note", lang, municipality=plan.municipality) if example else "",
        "warning": t("report_warning_errors", lang, errors=errors) if errors else "",
        "footer": t("report_footer", lang, short=plan.short_title, year=year),
        "sections": sections, "toc": S.toc(sections, field_sections),
        "cover": cover, "executive": S.executive(narrative, year, lang, drafted),
        "introduction": S.introduction(narrative, year, lang), "methodology": S.methodology(narrative, year, lang),
        "summary": summary, "fields": field_sections, "costs": costs, "trend": trend,
        "recommendations": S.recommendations(narrative, plan, year, lang),
        "quality": quality, "colophon": colophon, "charts": charts, "colors": dict(C.COLORS),
        "properties": S.document_properties(plan, year, lang, date, settings, core_title),
        "logo_image": logo,
    }


def _label_keys() -> list[str]:
    return sorted(k for k in MESSAGES if re.match(r"report_(l|h|c)_", k) or k in (
        "report_total", "report_chart_table", "report_skip", "report_toc", "report_placeholder", "report_page",
        "report_page_of"))


def _activity_of(texts: dict, plan_activities: dict, label: str) -> str:
    field_code, _, code = label.partition(" ")
    a = plan_activities.get((field_code, code))
    return texts.get((field_code, code), a.activity if a else "")


def _entered_label(key: str, lang: str) -> str:
    if key in FUNDING:
        return vocab_label(FUNDING, key, lang)
    return t("source_unspecified", lang) if key == "unspecified" else key


def _parts_text(disaggregation: dict | None, lang: str) -> dict:
    """Disaggregation cells: "gra 43 · burra 39 (gra 52,4 %)" per breakdown, "" where not recorded."""
    out = {"any": False}
    parts = (disaggregation or {}).get("parts") or {}
    shares = (disaggregation or {}).get("shares_pct") or {}
    for name, a, b in PARTS:
        if a in parts or b in parts:
            text = f"{t(f'report_part_{a}', lang)} {format_number(parts.get(a))} · " \
                   f"{t(f'report_part_{b}', lang)} {format_number(parts.get(b))}"
            if shares.get(a) is not None:
                text += f" ({t(f'report_part_{a}', lang)} {format_pct(shares[a])})"
            out[name] = text
            out["any"] = True
        else:
            out[name] = "—"
    return out


def _charts(data: dict, plan, summary: dict, status_rows: list[dict], c: dict, trend_rows: list[dict], lang: str,
            year: int) -> dict:
    """The four report charts, each with its text alternative and a table of its figures."""
    def lek_or(v):
        return t("report_chart_no_value", lang) if v is None else format_lek(v)

    def pct_or(v):
        return t("report_chart_no_value", lang) if v is None else format_pct(v)

    out = {}
    status = C.Chart(
        "status", t("report_chart_status", lang, year=year), "",
        tuple(r["label"] for r in status_rows),
        (C.Series(t("report_c_count", lang), tuple(float(r["count"]) for r in status_rows), C.COLORS["spent"],
                  tuple(r["color"] for r in status_rows)),),
        lambda v: "—" if v is None else format_number(v))
    out["status"] = status
    roll = {r["field"]: r for r in data["rollups"]["fields"]}
    fields = [f for f in plan.fields if f.code in roll]
    means = tuple(roll[f.code]["mean_pct"] for f in fields)
    colors = tuple(C.COLORS[_mean_rating(m, data["thresholds"])] for m in means)
    out["achievement"] = C.Chart(
        "achievement", t("report_chart_achievement", lang, year=year), "",
        tuple(f"{f.code} {f.title}" for f in fields),
        (C.Series(t("report_c_mean", lang), means, C.COLORS["spent"], colors),), pct_or, max_value=100.0)
    if c["has_costs"]:
        rows = [x for x in c["by_source"] if x["planned"] is not None or x["spent"] is not None]
        out["sources"] = C.Chart(
            "sources", t("report_chart_sources", lang, year=year), "",
            tuple(_source_short(x["key"], lang) for x in rows),
            (C.Series(t("report_c_planned", lang), tuple(x["planned"] for x in rows), C.COLORS["planned"]),
             C.Series(t("report_c_spent", lang), tuple(x["spent"] for x in rows), C.COLORS["spent"])),
            lek_or)
    elif c["spent_by_entered_source"]:
        rows = c["spent_by_entered_source"]
        out["sources"] = C.Chart(
            "sources", t("report_chart_spent_sources", lang, year=year), "",
            tuple(_entered_label(x["key"], lang) for x in rows),
            (C.Series(t("report_c_spent", lang), tuple(x["spent"] for x in rows), C.COLORS["spent"]),), lek_or)
    if len(trend_rows) >= 2:
        series = [C.Series(t("report_c_spent", lang), tuple(r["_spent"] for r in trend_rows), C.COLORS["spent"])]
        if c["has_costs"]:
            series.insert(0, C.Series(t("report_c_planned", lang), tuple(r["_planned"] for r in trend_rows),
                                      C.COLORS["planned"]))
        out["trend"] = C.Chart("trend", t("report_chart_trend", lang), "", tuple(r["year"] for r in trend_rows),
                               tuple(series), lek_or, kind="column")
    return {k: _chart_context(ch) for k, ch in out.items()}


def _source_short(key: str, lang: str) -> str:
    from addin.figures.costs import UNSPECIFIED
    from addin.figures.summary import source_names

    return t("source_unspecified", lang) if key == UNSPECIFIED else source_names(key, lang)


def _mean_rating(mean: float | None, thresholds: dict) -> str:
    if mean is None:
        return "no_data"
    if mean >= thresholds["on_track"]:
        return "on_track"
    return "partly" if mean >= thresholds["partly"] else "off_track"


def _chart_context(chart: C.Chart) -> dict:
    """A chart for the templates: title, text alternative with every figure, table, SVG and the chart itself."""
    headers = [""] + [s.name for s in chart.series]
    rows = [[cat] + [chart.fmt(s.values[i]) for s in chart.series] for i, cat in enumerate(chart.categories)]
    description = chart.title + ": " + "; ".join(
        f"{r[0]} " + ", ".join(f"{h.lower()} {v}" if len(chart.series) > 1 else v for h, v in zip(headers[1:], r[1:],
                                                                                                  strict=True))
        for r in rows) + "."
    chart = C.Chart(chart.key, chart.title, description, chart.categories, chart.series, chart.fmt, chart.kind,
                    chart.max_value)
    return {"key": chart.key, "title": chart.title, "description": description, "headers": headers, "rows": rows,
            "chart": chart}


# ------------------------------------------------------------------ templates


def _env(autoescape: bool = True):
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined, trim_blocks=True,
                                lstrip_blocks=True, keep_trailing_newline=True)


_TAG = re.compile(r"\{[{%#].*?(?:[}%#]\}|$)", re.DOTALL)
_BLOCK = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.DOTALL)
_OPENERS = {"for", "if", "macro", "block", "with", "filter", "call", "set_block"}


def _plain(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= 80 else text[:79] + "…"


def _tags(source: str) -> list[str]:
    return [_plain(m.group(0)) for m in _TAG.finditer(source)]


def _tag_with(source: str, name: str) -> str:
    """The first tag of the template that mentions `name` as a word."""
    for tag in _tags(source):
        if re.search(rf"(?<![\w.]){re.escape(name)}\b", tag) or re.search(rf"\.{re.escape(name)}\b", tag):
            return tag
    return "{{ " + name + " }}"


def _unclosed_block(source: str) -> str | None:
    stack: list[str] = []
    for m in _BLOCK.finditer(source):
        word = m.group(1)
        if word in _OPENERS:
            stack.append(_plain(m.group(0)))
        elif word.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else None


def _broken_tag(env, source: str, exc) -> str:
    """Name the tag a syntax error is about: the fragment on the error's line that does not parse alone, an
    unclosed block, or the line's text."""
    from jinja2 import TemplateSyntaxError

    lines = source.splitlines()
    line = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else ""
    text = html.unescape(re.sub(r"<[^>]+>", "", line))
    if "end of template" in (exc.message or ""):
        unclosed = _unclosed_block(source)
        if unclosed:
            return unclosed
        opened = [m for m in re.finditer(r"\{\{(?:(?!\}\}).)*$|\{%(?:(?!%\}).)*$", html.unescape(
            re.sub(r"<[^>]+>", "", source)), re.DOTALL)]
        if opened:
            return _plain(opened[0].group(0)[:60])
    fragments = [m.group(0) for m in _TAG.finditer(text)]
    for frag in fragments:
        if frag.startswith("{{") or not frag.endswith("}"):
            try:
                env.parse(frag)
            except TemplateSyntaxError:
                return _plain(frag)
    for frag in fragments:
        if frag.startswith("{%"):
            word = (_BLOCK.match(frag) or [None, ""])[1] if _BLOCK.match(frag) else ""
            if word.startswith("end") or word in ("else", "elif"):
                return _plain(frag)
    return _plain(fragments[0] if fragments else text) or "?"


def check_template_source(env, source: str, names: set[str], path: Path) -> None:
    """Parse a template and compare the names it uses with the report's data; a clear MatricaError (exit 2)
    naming the tag for anything broken or unknown."""
    from jinja2 import TemplateSyntaxError, meta

    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        raise MatricaError("report_template_broken", path=path, tag=_broken_tag(env, source, exc),
                           detail=exc.message or "") from None
    unknown = sorted(meta.find_undeclared_variables(ast) - names)
    if unknown:
        raise MatricaError("report_template_unknown", path=path, tag=_tag_with(source, unknown[0]), name=unknown[0])


def _render_error(exc: Exception, source: str, path: Path) -> MatricaError:
    from jinja2 import UndefinedError

    message = getattr(exc, "message", None) or str(exc)
    m = re.search(r"attribute '([^']+)'|'([^']+)' is undefined|no attribute '([^']+)'", message)
    name = next((g for g in m.groups() if g), None) if m else None
    if isinstance(exc, UndefinedError) and name:
        return MatricaError("report_template_unknown", path=path, tag=_tag_with(source, name), name=name)
    tag = _tag_with(source, name) if name else "?"
    return MatricaError("report_template_error", path=path, tag=tag, detail=message[:200])


def render_html(context: dict, template: Path) -> str:
    """The HTML report: one self-contained page (styles and SVG charts inline)."""
    from markupsafe import Markup

    if not template.is_file():
        raise MatricaError("report_template_missing", path=template)
    source = template.read_text(encoding="utf-8")
    env = _env()
    check_template_source(env, source, set(context), template)
    ctx = dict(context)
    ctx["charts"] = {k: {**v, "svg": Markup(C.svg(v["chart"]))} for k, v in context["charts"].items()}
    try:
        text = env.from_string(source).render(ctx)
    except Exception as exc:  # jinja errors and errors raised by expressions a person wrote
        raise _render_error(exc, source, template) from None
    return text


def _docx_source(tpl) -> str:
    """The template's body, headers and footers as docxtpl will hand them to jinja2, one paragraph a line."""
    from docx.oxml import parse_xml

    doc = tpl.get_docx()
    parts = [tpl.xml_to_string(doc._element.body)]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _key, part in tpl.get_headers_footers(uri):
            parts.append(tpl.xml_to_string(parse_xml(part.blob)))
    return "\n".join(re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(x)) for x in parts)


def render_docx(context: dict, template: Path, out: Path) -> Path:
    """The Word report from the docxtpl template, written atomically with fixed zip dates."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage, RichText

    if not template.is_file():
        raise MatricaError("report_template_missing", path=template)
    try:
        tpl = DocxTemplate(str(template))
        source = _docx_source(tpl)
    except Exception as exc:  # not a zip, not a Word document, damaged parts
        raise MatricaError("report_template_unreadable", path=template, detail=f"{type(exc).__name__}") from None
    env = _env()
    check_template_source(env, source, set(context), template)
    ctx = dict(context)
    pngs: dict[str, str] = {}
    charts = {}
    for k, v in context["charts"].items():
        data = C.png(v["chart"])
        pngs[hashlib.sha1(data).hexdigest()] = v["description"]
        charts[k] = {**v, "image": InlineImage(tpl, io.BytesIO(data), width=Mm(160))}
    ctx["charts"] = charts
    ctx["fields"] = [{**f, "rows": [_rich_row(r) for r in f["rows"]]} for f in context["fields"]]
    ctx["summary"] = {**context["summary"], "statuses": [
        {**s, "label_rt": RichText("● " + s["label"], color=_hex(s["color"]), bold=True, size=RT_SIZE)}
        for s in context["summary"]["statuses"]]}
    ctx["quality"] = {**context["quality"], "findings": [
        {**f, "severity_rt": RichText(f["severity_label"], color=_hex(f["color"]), bold=True, size=RT_SIZE)}
        for f in context["quality"]["findings"]]}
    ctx["recommendations"] = {**context["recommendations"], "follow_up": [
        {**x, "status_rt": RichText(x["status_label"], bold=bool(x["status"]), size=RT_SIZE,
                                    style=None if x["status"] else "Placeholder")}
        for x in context["recommendations"]["follow_up"]]}
    logo = context.get("logo_image")
    ctx["cover"] = {**context["cover"], "logo_image": InlineImage(tpl, io.BytesIO(logo.data), height=Mm(22))
                    if logo is not None else ""}
    try:
        tpl.render(ctx, env, autoescape=True)
    except Exception as exc:
        raise _render_error(exc, source, template) from None
    _alt_texts(tpl, pngs)
    _file_properties(tpl.docx, context["properties"])
    with tempfile.TemporaryDirectory() as tmp_dir:
        raw = Path(tmp_dir) / "raw.docx"
        tpl.save(raw)
        write_atomic(out, lambda tmp: _fixed_zip(raw, tmp))
    return out


def _file_properties(doc, props: dict) -> None:
    """The Word file's own properties (File → Info): title, subject, author, language, dates; and Word refreshes
    the contents and every field when the document is opened (`updateFields`, kept even when staff saved the
    template in Word, which drops it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    cp = doc.core_properties
    cp.title, cp.subject, cp.author = props["title"], props["subject"], props["author"]
    cp.last_modified_by, cp.language, cp.keywords = props["author"], props["language"], props["keywords"]
    cp.category, cp.comments, cp.revision = props["category"], "", 1
    cp.created = cp.modified = props["date"]
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        later = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids")
        anchor = next((settings.find(qn(k)) for k in later if settings.find(qn(k)) is not None), None)
        if anchor is not None:
            anchor.addprevious(update)
        else:
            settings.append(update)


def _rich_row(row: dict) -> dict:
    from docxtpl import RichText

    return {**row,
            "status_rt": RichText("● " + row["status_label"], color=_hex(row["status_color"]), bold=True,
                                  size=RT_SIZE)
            if row["status_label"] else RichText(""),
            "rating_rt": RichText(row["rating_label"], color=_hex(row["rating_color"]), bold=True, size=RT_SIZE)}


def _alt_texts(tpl, descriptions: dict[str, str]) -> None:
    """Give each chart picture its text alternative (Word's "Alt Text")."""
    from docx.oxml.ns import qn

    part = tpl.docx.part
    for shape in tpl.docx.inline_shapes:
        blips = shape._inline.xpath(".//a:blip")
        if not blips:
            continue
        rid = blips[0].get(qn("r:embed"))
        image = part.related_parts.get(rid)
        if image is None:
            continue
        text = descriptions.get(hashlib.sha1(image.blob).hexdigest())
        if text:
            shape._inline.docPr.set("descr", text)
            shape._inline.docPr.set("title", text.split(":", 1)[0])


def _fixed_zip(src: Path, out: Path) -> None:
    """Copy a zip with fixed dates and attributes, so the same content gives the same bytes."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            zout.writestr(fixed, zin.read(info.filename))


def _write_text(out: Path, text: str) -> None:
    write_atomic(out, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))


# ------------------------------------------------------------------ the command


def report_name(plan_id: str, year: int, example: bool, ext: str) -> str:
    return f"raporti-{plan_id}-{year}{'-shembull' if example else ''}.{ext}"


def make_reports(req: ReportRequest, wb=None) -> list[Path]:
    """Validate, compute, and write the requested reports; returns their paths (docx first).

    `wb` is an already opened workbook (e.g. read from the open Excel book); by default `req.workbook` is read."""
    from addin.workbook.reader import open_workbook

    if wb is None:
        wb = open_workbook(req.workbook)
    plan = wb.plan
    if req.year not in plan.years:
        raise MatricaError("year_outside", path=wb.path, year=req.year, start=plan.start_year, end=plan.end_year)
    if L.monitoring_sheet(req.year) not in wb.sheet_names:
        raise MatricaError("year_sheet_missing", path=wb.path, sheet=L.monitoring_sheet(req.year), year=req.year)
    years = [y for y in wb.monitoring_years() if plan.start_year <= y <= req.year]
    validation = validate_years(wb, years)
    errors = validation.counts["error"]
    if errors and not req.allow_errors:
        raise MatricaError("report_invalid", exit_code=1, path=req.workbook, errors=errors)
    context = build_context(wb, req.year, req.lang, req.date, req.allow_errors, validation, req.from_file)
    out_dir = Path(req.out_dir) if req.out_dir else Path(req.workbook).parent
    written = []
    if "docx" in req.formats:
        template = template_path(DOCX_TEMPLATE, req.docx_template, req.template_dir)
        out = out_dir / report_name(plan.id, req.year, context["example"], "docx")
        written.append(render_docx(context, template, out))
    if "html" in req.formats:
        template = template_path(HTML_TEMPLATE, req.html_template, req.template_dir)
        out = out_dir / report_name(plan.id, req.year, context["example"], "html")
        _write_text(out, render_html(context, template))
        written.append(out)
    return written


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise MatricaError("report_bad_format", value=text)
    return formats


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise MatricaError("report_bad_date", value=text) from None
