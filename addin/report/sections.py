"""The report's sections: one function per section of the templates, named like it, each returning the plain
values that section shows (the templates' `cover` is filled by `cover`, their `costs` by `costs` …).

    template section            function here
    page header, footer, title   document
    cover (page 1)               cover
    contents                     toc (headings: the numbered section titles)
    executive summary            executive
    introduction, methodology    introduction, methodology (typed on Narrativa)
    implementation in figures    summary
    one section per field        fields
    costs                        costs
    trend across years           trend
    recommendations, follow-up   recommendations
    annex: data quality          quality
    colophon                     colophon
    the charts                   charts
    the Word file's properties   properties

Each reads `context.Inputs` (the workbook read once). Everything returned is text a person typed, a figure
formatted, or a label: the templates escape it (jinja2 autoescape, docxtpl `autoescape=True`).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from pathlib import Path

from addin.common.messages import MESSAGES, counted, t, tn
from addin.common.text import format_lek, format_number, format_pct
from addin.common.vocab import FOLLOW_UP, lookup
from addin.common.vocab import label as vocab_label
from addin.report import charts as C
from addin.report.phrases import (
    ACTIVITY_STATUSES,
    PLAN_NONE,
    activity_status_label,
    clean,
    entered_label,
    expected_text,
    format_value,
    mean_cell,
    mean_rating,
    parts_text,
    plan_text,
    rating_label,
    readable_code,
    source_short,
    status_parts,
    target_text,
    text_block,
)
from addin.workbook.narrative import paragraphs

# The report's numbered sections, in their order (the annex and the colophon are not numbered).
SECTION_ORDER = ("executive", "introduction", "methodology", "summary", "fields", "costs", "trend", "recommendations")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("matrica")
    except Exception:  # not installed as a distribution
        return "0"


# ---------------------------------------------------------------- around every page


def _label_keys() -> list[str]:
    return sorted(k for k in MESSAGES if re.match(r"report_(l|h|c)_", k) or k in (
        "report_total", "report_chart_table", "report_skip", "report_toc", "report_placeholder", "report_page",
        "report_page_of"))


def document(x) -> dict:
    """What stands around the sections: the language, the labels (`t`), the title, the example banner of every
    page, the warning of a draft made with errors, the footer."""
    lang, plan = x.lang, x.plan
    errors = x.validation.counts["error"]
    labels = {k[len("report_"):]: t(k, lang) for k in _label_keys()}
    if not x.from_file:
        labels["l_checksum"] = t("report_l_checksum_values", lang)
    doc_title = t("report_doc_title", lang, year=x.year)
    return {
        "lang": lang, "t": labels, "year": str(x.year), "doc_title": doc_title,
        "core_title": f"{plan.short_title} — {doc_title}",
        "example": x.example, "example_banner": t("report_example_banner", lang) if x.example else "",
        "example_note": t("report_example_note", lang, municipality=plan.municipality) if x.example else "",
        "warning": t("report_warning_errors", lang, errors=tn("n_errors", errors, lang)) if errors else "",
        "footer": t("report_footer", lang, short=plan.short_title, year=x.year),
        "colors": dict(C.COLORS),
    }


def headings(x, trend: dict) -> dict[str, dict]:
    """Each section's id and heading, numbered in the order shown ("1. Përmbledhje ekzekutive"; the trend only
    from the second year filled); the annex and the colophon keep their names without a number."""
    shown = [k for k in SECTION_ORDER if k != "trend" or trend["show"]]
    out = {}
    for n, key in enumerate(shown, start=1):
        out[key] = {"id": key, "number": str(n), "heading": f"{n}. {t(f'report_h_{key}', x.lang)}"}
    for key in ("quality", "colophon"):
        out[key] = {"id": key, "number": "", "heading": t(f"report_h_{key}", x.lang)}
    return out


def toc(sections: dict[str, dict], fields: list[dict]) -> list[dict]:
    """The contents: every section with its number, the fields under theirs."""
    out = []
    for key, s in sections.items():
        out.append({"id": s["id"], "heading": s["heading"], "level": 1})
        if key == "fields":
            out += [{"id": f"field-{f['code']}", "heading": f["heading"], "level": 2} for f in fields]
    return out


# ---------------------------------------------------------------- cover


def cover(x) -> dict:
    """Page 1: who publishes, what, for which year, prepared by whom, under which approval; no technical detail
    (that is in the colophon)."""
    plan, lang, settings, logo = x.plan, x.lang, x.settings, x.logo
    placeholder = t("report_placeholder", lang)
    approved, decision = clean(settings["approved_by"].value), clean(settings["decision"].value)
    approval = ", ".join(v for v in (approved, decision) if v) or placeholder
    prepared = clean(settings["prepared_by"].value) or placeholder
    rows = [
        {"label": t("report_l_period", lang), "value": f"{plan.start_year}–{plan.end_year}"},
        {"label": t("report_l_year", lang), "value": str(x.year)},
        {"label": t("report_l_prepared_by", lang), "value": prepared},
        {"label": t("report_l_approved_by", lang), "value": approval},
    ]
    if x.date is not None:
        rows.append({"label": t("report_l_date", lang), "value": x.date.strftime("%d.%m.%Y")})
    return {
        "plan_title": plan.title, "plan_short": plan.short_title, "municipality": plan.municipality,
        "period": f"{plan.start_year}–{plan.end_year}", "year": str(x.year), "rows": rows,
        "prepared_by": prepared, "approval": approval, "date": x.date.strftime("%d.%m.%Y") if x.date else "",
        "logo": logo is not None,
        "logo_src": f"data:image/{logo.kind};base64,{base64.b64encode(logo.data).decode('ascii')}" if logo else "",
    }


# ---------------------------------------------------------------- the words typed on Narrativa


def _and(items: list[str], lang: str) -> str:
    """ "a, b dhe c"."""
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + t("exec_and", lang) + items[-1] if items else ""


def _drafted_activities(x) -> str:
    """Activities by status among those the plan runs in the year, with the count of each agreeing with its verb."""
    lang, counts = x.lang, x.rollups["activity_status"]["plan"]
    n = sum(counts.get(k, 0) for k in ACTIVITY_STATUSES)
    if not n:
        return t("exec_activities_none", lang, year=x.year)
    parts = [tn("exec_done", counts.get("done", 0), lang, share=format_pct(counts.get("done", 0) / n * 100))]
    parts += [tn(f"exec_{k}", counts[k], lang) for k in ("partly", "in_progress", "not_done", "not_reported")
              if counts.get(k) or k in ("partly", "not_done")]
    text = t("exec_activities", lang, year=x.year, activities=tn("n_activities", n, lang), parts=_and(parts, lang))
    if counts.get("not_scheduled"):
        text += " " + tn("report_not_scheduled", counts["not_scheduled"], lang, year=x.year)
    return text


def _drafted_indicators(x) -> str:
    """How many indicators have a value, how many can be rated, by rating, and the mean only with its coverage."""
    from addin.figures.summary import mean_text

    lang, p = x.lang, x.rollups["plan"]
    text = t("exec_indicators", lang, year=x.year, indicators=tn("n_indicators", p["of_year"], lang),
             with_value=tn("exec_with_value", p["with_value"], lang), rated=tn("exec_rated", p["rated"], lang),
             no_target=tn("exec_no_target", p["no_numeric_target"], lang))
    sc = p["status_counts"]
    if p["rated"]:
        counts = [f"{sc.get(k, 0)} {t(f'status_{k}', lang)}" for k in ("on_track", "partly", "off_track")]
        text += " " + t("exec_ratings", lang, counts=_and(counts, lang))
    if sc.get("not_due"):
        text += " " + tn("exec_not_due", sc["not_due"], lang)
    mean = mean_text(p, x.thresholds, lang)
    return f"{text} {mean}" + ("" if mean.endswith(".") else ".")


def _drafted_costs(x) -> str:
    """Planned, spent and both rates, each checkable from the amounts beside it."""
    c, lang = x.costs, x.lang
    if not c["has_costs"]:
        spent = tn("exec_spent", c["activities_with_spending"], lang, spent=x.lek(c["spent_total"])) \
            if c["spent_total"] is not None else t("exec_spent_nothing", lang)
        return t("exec_costs_none", lang, spent=spent)
    return t("exec_costs", lang, year=x.year, planned=x.lek(c["planned_annual_total"]), spent=x.lek(c["spent_total"]),
             rate=x.pct(c["execution_pct"]),
             reporting=tn("exec_reporting", c["activities_reporting"], lang, m=c["activities_quantified"]),
             rate_reporting=x.pct(c["execution_reporting_pct"]), spent_reporting=x.lek(c["spent_reporting"]),
             planned_reporting=x.lek(c["planned_reporting"]))


def executive(x, beneficiaries_: dict) -> dict:
    """The executive summary: the text typed on Narrativa, or one drafted from the figures in sentences
    (activities by status, indicators' coverage and ratings, execution with both rates, beneficiaries; a plan
    that counts its beneficiaries by ethnicity, the Roma and Egyptian annex, leads with them)."""
    typed = [p for p in (clean(p) for p in paragraphs(x.narrative.text(x.year, "summary"))) if p]
    people = beneficiaries_["sentence"] + (" " + beneficiaries_["warning"] if beneficiaries_["warning"] else "")
    drafted = [_drafted_activities(x), _drafted_indicators(x), _drafted_costs(x)]
    drafted = [people, *drafted] if beneficiaries_["lead"] else [*drafted, people]
    return {"paragraphs": typed or drafted, "typed": bool(typed),
            "note": "" if typed else t("report_executive_drafted", x.lang)}


def beneficiaries(x) -> dict:
    """Who was reached, as the indicators that break their values down report it: women and men, Roma and
    Egyptians, urban and rural, each with how many indicators gave it, and a plain warning that adding indicators
    up may count a person twice."""
    from addin.common.text import format_number

    lang = x.lang
    totals: dict[str, float] = {}
    giving = {"sex": 0, "ethnicity": 0, "area": 0}
    for ind in x.data["indicators"]:
        parts = (ind.get("disaggregation") or {}).get("parts") or {}
        if not parts or ind["status"] == "not_scheduled":
            continue
        for name, a, b in (("sex", "women", "men"), ("ethnicity", "roma", "egyptian"), ("area", "urban", "rural")):
            if a in parts or b in parts:
                giving[name] += 1
                for k in (a, b):
                    totals[k] = totals.get(k, 0) + parts.get(k, 0)
    rows, phrases = [], []
    for name, a, b, lead in (("sex", "women", "men", "women"), ("ethnicity", "roma", "egyptian", "roma"),
                             ("area", "urban", "rural", "rural")):
        if not giving[name]:
            continue
        whole = totals.get(a, 0) + totals.get(b, 0)
        share = format_pct(totals.get(lead, 0) / whole * 100) if whole else "—"
        from_ = tn("exec_from_indicators", giving[name], lang)
        phrases.append(t(f"exec_part_{name}", lang, share=share, from_=from_,
                         **{k: format_number(totals.get(k, 0)) for k in (a, b)}))
        for k in (a, b):
            rows.append({"group": t(f"report_part_{k}", lang), "count": format_number(totals.get(k, 0)),
                         "share": format_pct(totals.get(k, 0) / whole * 100) if whole else "—",
                         "indicators": str(giving[name]), "first": k == a})
    lead = any(name == "ethnicity" for i in x.plan.indicators for name in i.disaggregation)
    return {"rows": rows, "any": bool(rows), "lead": lead,
            "sentence": t("exec_beneficiaries", lang, parts="; ".join(phrases)) if phrases
            else t("exec_beneficiaries_none", lang),
            "warning": t("exec_double_count", lang) if phrases else ""}


def introduction(x) -> dict:
    return text_block(x.narrative.text(x.year, "introduction"), x.lang)


def methodology(x) -> dict:
    return text_block(x.narrative.text(x.year, "methodology"), x.lang)


def field_texts(x, code: str) -> dict:
    """A field's achievements, challenges (paragraphs) and recommendations (one per line, with who is
    responsible), each with the placeholder when empty."""
    recs = [{"text": clean(r.text), "responsible": clean(r.responsible)}
            for r in x.narrative.recommendations(x.year) if r.field == code and clean(r.text)]
    return {
        "achievements": text_block(x.narrative.text(x.year, "achievements", code), x.lang),
        "challenges": text_block(x.narrative.text(x.year, "challenges", code), x.lang),
        "recommendations": recs,
        "recommendations_missing": not recs,
        "placeholder": t("report_placeholder", x.lang),
    }


def recommendations(x) -> dict:
    """This year's recommendations in one table (the next report follows them up), and the follow-up of the
    previous year's: typed rows with their status, or, when the table is empty, the previous year's
    recommendations with the placeholder where the status belongs."""
    narrative, plan, year, lang = x.narrative, x.plan, x.year, x.lang
    titles = {f.code: f.title for f in plan.fields}
    this_year = [{"field": r.field, "field_title": titles.get(r.field, ""), "text": clean(r.text),
                  "responsible": clean(r.responsible) or "—"}
                 for r in narrative.recommendations(year) if clean(r.text)]
    previous = year - 1
    placeholder = t("report_placeholder", lang)
    rows = []
    for e in narrative.follow_up(year):
        code = lookup(FOLLOW_UP, e.status)[0] if e.status not in (None, "") else None
        rows.append({"field": e.field or "—", "text": clean(e.text) or placeholder,
                     "responsible": clean(e.responsible) or "—",
                     "status": code or "", "status_label": vocab_label(FOLLOW_UP, code, lang) if code else
                     (clean(e.status) or placeholder), "comment": clean(e.comment) or "—"})
    carried = False
    if not rows:
        rows = [{"field": r.field or "—", "text": clean(r.text), "responsible": clean(r.responsible) or "—",
                 "status": "", "status_label": placeholder, "comment": "—"}
                for r in narrative.recommendations(previous) if clean(r.text)]
        carried = bool(rows)
    if previous < plan.start_year:
        note = t("report_follow_up_first", lang, year=year)
    elif not rows:
        note = t("report_follow_up_none", lang, previous=previous)
    elif carried:
        note = t("report_follow_up_carried", lang, previous=previous)
    else:
        done = sum(1 for r in rows if r["status"] == "done")
        note = tn("report_follow_up_counts", len(rows), lang, previous=previous, done=done)
    return {"this_year": this_year, "follow_up": rows, "previous": str(previous),
            "follow_up_heading": t("report_follow_up_heading", lang, previous=previous),
            "this_year_heading": t("report_this_year_heading", lang, year=year), "note": note}


# ---------------------------------------------------------------- implementation in figures


def _coverage_cells(x, r: dict) -> dict:
    """A roll-up as printed: the mean only with its coverage, and the counts per rating beside it."""
    sc = r["status_counts"]
    mean = x.pct(r["mean_pct"]) if r["mean_pct"] is not None else (
        t("report_mean_withheld", x.lang) if r["rated"] else "—")
    return {"mean": mean, "rated": f"{r['rated']} / {r['of_year']}",
            "with_value": f"{r['with_value']} / {r['of_year']}", "no_target": str(r["no_numeric_target"]),
            **{k: str(sc.get(k, 0)) for k in ("on_track", "partly", "off_track", "not_due")}}


def _costs_sentence(x) -> str:
    c, lang, lek, pct = x.costs, x.lang, x.lek, x.pct
    reported = tn("n_activities_reported", c["activities_with_spending"], lang)
    if not c["has_costs"]:
        return t("report_costs_none", lang, spent=lek(c["spent_total"]), reported=reported)
    sentence = t("report_costs_overall", lang, year=x.year, planned=lek(c["planned_annual_total"]),
                 quantified=c["quantified"], activities=c["activities"], spent=lek(c["spent_total"]),
                 reported=reported, rate=pct(c["execution_pct"]), n=c["activities_reporting"],
                 m=c["activities_quantified"], planned_reporting=lek(c["planned_reporting"]),
                 spent_reporting=lek(c["spent_reporting"]), rate_reporting=pct(c["execution_reporting_pct"]))
    if c["spent_outside_plan"]:
        sentence += " " + t("report_costs_outside", lang, spent=lek(c["spent_outside_plan"]))
    return sentence


def summary(x) -> dict:
    """Activities by status over those the plan runs in the year, the indicators' coverage and ratings overall
    and per field, planned vs spent, the rating rule."""
    from addin.figures.summary import mean_text, ratings_text

    lang, roll = x.lang, x.rollups
    plan_counts = roll["activity_status"]["plan"]
    n_activities = sum(plan_counts.get(k, 0) for k in ACTIVITY_STATUSES)  # those scheduled in the year
    n_not_scheduled = plan_counts.get("not_scheduled", 0)
    status_rows = []
    for k in ACTIVITY_STATUSES:
        n = plan_counts.get(k, 0)
        if k == "not_reported" and not n:
            continue
        status_rows.append({"key": k, "label": activity_status_label(k, lang), "count": str(n),
                            "share": format_pct(n / n_activities * 100 if n_activities else None),
                            "color": C.COLORS[k]})
    p, thresholds = roll["plan"], x.thresholds
    field_roll = {r["field"]: r for r in roll["fields"]}
    statuses_sentence = t("report_activity_statuses", lang, year=x.year,
                          activities=tn("n_activities", n_activities, lang),
                          indicators=tn("n_indicators", p["of_year"], lang),
                          parts=status_parts(plan_counts, lang, not_scheduled=False))
    if n_not_scheduled:
        statuses_sentence += " " + tn("report_not_scheduled", n_not_scheduled, lang, year=x.year)
    return {
        "statuses_sentence": statuses_sentence,
        "achievement_sentence": " ".join(
            [t("summary_coverage", lang, **p) + ".", ratings_text(p, lang) + ".", mean_text(p, thresholds, lang)]),
        "rating_rule": t("report_rating_rule", lang, on_track=format_number(thresholds["on_track"]),
                         partly=format_number(thresholds["partly"])),
        "costs_sentence": _costs_sentence(x),
        "statuses": status_rows,
        "activities_total": str(n_activities),
        "achievement": [{"code": f.code, "title": f.title, **_coverage_cells(x, field_roll[f.code])}
                        for f in x.plan.fields if f.code in field_roll],
        "achievement_total": _coverage_cells(x, p),
    }


# ---------------------------------------------------------------- one section per field


def _indicator_rows(x) -> dict[str, list[dict]]:
    """The activities table of each field: one row per result indicator, the activity's text and status on its
    first row."""
    from addin.figures.summary import baseline_note

    lang, year = x.lang, x.year
    rows_by_field: dict[str, list[dict]] = {}
    seen: set[tuple[str, str]] = set()
    for ind in x.data["indicators"]:
        code = ind["activity_code"].split(" ", 1)[1]
        key = (ind["field"], code)
        first = key not in seen
        seen.add(key)
        status_key = x.activity_status.get(key, "not_reported")
        kind = ind["kind"]
        shown = "count" if kind == "relative" else kind  # a relative target's actual is the thing counted
        actual = format_value(ind["actual"], shown, lang)
        if ind["scope"] == "period" and ind["actual_to_date"] is not None and ind["actual_to_date"] != ind["actual"]:
            actual += " " + t("report_actual_to_date", lang, value=format_value(ind["actual_to_date"], shown, lang))
        target = PLAN_NONE if ind["target"] is None and kind != "milestone" else target_text(
            kind, ind["target"], ind["unit"], ind["scope"], ind["target_year"], lang, ind["target_high"])
        baseline = baseline_note(ind, year, lang) or (
            t("report_baseline", lang, value=format_value(ind["baseline"], shown, lang), year=ind["baseline_year"])
            if ind["baseline"] is not None else "")
        rows_by_field.setdefault(ind["field"], []).append({
            "code": ind["activity_code"], "n": str(ind["n"]), "first": first,
            "label": readable_code(ind["activity_code"], ind["n"], key in x.several, lang),
            "activity": plan_text(x.activity_text(*key)) if first else "",
            "indicator": plan_text(ind["indicator"]),
            "target": target + (f" · {baseline}" if baseline else ""),
            "expected": expected_text(ind, shown, year, lang),
            "actual": actual,
            "achievement": format_pct(ind["achievement_pct"]) if ind["achievement_pct"] is not None else "—",
            "rating": ind["status"], "rating_label": rating_label(ind["status"], lang),
            "rating_color": C.COLORS[ind["status"]],
            "status": status_key if first else "",
            "status_label": activity_status_label(status_key, lang) if first else "",
            "status_color": C.COLORS[status_key] if first else "",
            "note": x.notes.get((ind["field"], code, ind["n"]), ""),
            "parts": parts_text(ind.get("disaggregation"), lang),
        })
    return rows_by_field


def objectives(x) -> dict[tuple[str, str], dict]:
    """Each specific objective assessed: its own indicator with the value typed on the objectives sheet, what was
    expected, the rating (as for result indicators), the baseline where one was used, and the roll-up of its
    activities' indicators. Where the plan gives no indicator or number, "—¹"."""
    lang = x.lang
    rollups = {(r["field"], r["objective"]): r for r in x.rollups["objectives"]}
    assessed = {(a["field"], a["objective"]): a for a in x.data["objective_indicators"]}
    out = {}
    for o in x.plan.objectives:
        a = assessed[(o.field, o.code)]
        kind = "count" if a["kind"] == "relative" else (a["kind"] or "count")
        if o.target is None:
            target = PLAN_NONE
        else:
            target = target_text(o.target.kind, o.target.value, o.target.unit, o.target.scope, o.target_year, lang,
                                 o.target.value_high)
            if a["baseline"] is not None:
                target += " · " + t("report_baseline", lang, value=format_value(a["baseline"], kind, lang),
                                    year=a["baseline_year"])
        value = format_value(a["actual"], kind, lang) if o.target else "—"
        if a["actual_to_date"] is not None and a["actual_to_date"] != a["actual"]:
            value += " " + t("report_actual_to_date", lang, value=format_value(a["actual_to_date"], kind, lang))
        roll = rollups.get((o.field, o.code))
        out[(o.field, o.code)] = {
            "code": o.code, "title": plan_text(o.title), "indicator": plan_text(o.indicator) if o.indicator
            else PLAN_NONE, "target": target, "value": value,
            "expected": format_value(a["expected_to_date"], kind, lang) if a["expected_to_date"] is not None
            else "—",
            "rating": a["status"], "rating_label": rating_label(a["status"], lang),
            "rating_color": C.COLORS[a["status"]],
            "activities": _objective_rollup(roll, lang) if roll else "—",
        }
    return out


def _objective_rollup(roll: dict, lang: str) -> str:
    """ "3 tregues: me vlerë 2, të vlerësuar 1 (në rrugë të mbarë 1, pjesërisht 0, jashtë rrugës 0)"."""
    sc = roll["status_counts"]
    ratings = ""
    if roll["rated"]:
        ratings = " (" + ", ".join(f"{t(f'status_{k}', lang)} {sc.get(k, 0)}"
                                   for k in ("on_track", "partly", "off_track")) + ")"
    return t("report_objective_rollup", lang, indicators=tn("n_indicators", roll["of_year"], lang),
             with_value=roll["with_value"], rated=roll["rated"], ratings=ratings)


def legend(x) -> dict:
    """Beside the first table: the two colour scales (an indicator's rating against its target, with the
    thresholds of Parametrat; an activity's status as staff reported it) and the one footnote for "—¹"."""
    lang, th = x.lang, x.thresholds
    bounds = {"on_track": f"≥ {format_number(th['on_track'])} %",
              "partly": f"{format_number(th['partly'])}–{format_number(th['on_track'])} %",
              "off_track": f"< {format_number(th['partly'])} %"}
    ratings = [{"key": k, "label": rating_label(k, lang), "color": C.COLORS[k], "bound": bounds.get(k, "")}
               for k in ("on_track", "partly", "off_track", "not_due", "no_baseline", "no_data", "no_target",
                         "not_scheduled")]
    statuses = [{"key": k, "label": activity_status_label(k, lang), "color": C.COLORS[k], "bound": ""}
                for k in ("done", "partly", "in_progress", "not_done", "not_scheduled", "not_reported")]
    return {"ratings": ratings, "statuses": statuses, "ratings_label": t("report_legend_ratings", lang),
            "statuses_label": t("report_legend_statuses", lang), "none_note": t("report_plan_none_note", lang)}


def fields(x) -> list[dict]:
    """One section per field: its goal and specific objective, the roll-up and costs of the field, its objectives,
    the activities table, the disaggregation, the explanations typed under "Shënime / evidenca" and the field's
    texts typed on Narrativa."""
    from addin.figures.summary import mean_text, ratings_text

    lang, c, roll = x.lang, x.costs, x.rollups
    field_roll = {r["field"]: r for r in roll["fields"]}
    field_status = {r["field"]: r for r in roll["activity_status"]["fields"]}
    field_costs = {r["field"]: r for r in c["by_field"]}
    rows_by_field = _indicator_rows(x)
    objective_rows = objectives(x)
    out = []
    for f in x.plan.fields:
        rows = rows_by_field.get(f.code, [])
        r = field_roll[f.code]
        counts = {k: v for k, v in field_status.get(f.code, {}).items() if k != "field"}
        fc = field_costs.get(f.code)
        if fc is None:
            costs_text = ""
        elif c["has_costs"]:
            costs_text = t("report_field_costs", lang, planned=x.lek(fc["planned"]), spent=x.lek(fc["spent"]),
                           rate=x.pct(fc["execution_pct"]), n=fc["activities_reporting"],
                           m=fc["activities_quantified"])
        else:
            costs_text = t("report_field_spent", lang, spent=x.lek(fc["spent"])) if fc["spent"] is not None else ""
        out.append({
            "code": f.code, "title": f.title, "heading": f"{f.code} — {f.title}",
            "goal": t("report_strategic_goal", lang, text=f.strategic_goal) if f.strategic_goal else "",
            "specific": t("report_specific_objective", lang, text=f.specific_objective) if f.specific_objective
            else "",
            "objectives": [objective_rows[(o.field, o.code)] for o in x.plan.objectives if o.field == f.code],
            "rollup": t("report_field_rollup", lang, mean=mean_text(r, x.thresholds, lang),
                        ratings=t("summary_coverage", lang, **r) + ". " + ratings_text(r, lang),
                        parts=status_parts(counts, lang)),
            "costs": costs_text,
            "rows": rows,
            "disaggregation": [row for row in rows if row["parts"]["any"]],
            "notes": [{"code": row["label"], "text": row["note"]} for row in rows if row["note"]],
            "texts": field_texts(x, f.code),
        })
    return out


# ---------------------------------------------------------------- costs


def costs(x) -> dict:
    """Planned vs spent by field and by funding source, both execution rates beside the amounts they divide, the
    costed activities that reported no spending, spending by the source entered, the budget directorate's table
    (`budget`), the unquantified costs with the municipality's estimate."""
    from addin.figures.summary import source_label

    c, lang, lek, pct = x.costs, x.lang, x.lek, x.pct

    def cost_cells(row: dict, planned: int | None) -> dict:
        """A cost row as printed: the two rates, each beside the amounts it divides."""
        if not c["has_costs"]:
            return {"planned": "—", "spent": lek(row["spent"]), "execution": "—", "reporting": "—",
                    "planned_reporting": "—", "spent_reporting": "—", "execution_reporting": "—"}
        return {"planned": lek(planned), "spent": lek(row["spent"]), "execution": pct(row["execution_pct"]),
                "reporting": f"{row['activities_reporting']} / {row['activities_quantified']}"
                if row["activities_quantified"] else "—",
                "planned_reporting": lek(row["planned_reporting"]), "spent_reporting": lek(row["spent_reporting"]),
                "execution_reporting": pct(row["execution_reporting_pct"])}

    def activity(label: str) -> str:
        field_code, _, code = label.partition(" ")
        return x.activity_text(field_code, code)

    view = budget(x)
    return {
        "has_costs": c["has_costs"],
        "sentence": _costs_sentence(x),
        "columns_note": t("report_costs_columns", lang) if c["has_costs"] else "",
        "by_field": [{"code": r["field"], "title": r["title"], **cost_cells(r, r["planned"])} for r in c["by_field"]],
        "total": cost_cells({**c, "spent": c["spent_total"]}, c["planned_annual_total"]),
        "by_source": [{"label": source_label(r["key"], lang), **cost_cells(r, r["planned"])} for r in c["by_source"]],
        "not_reporting": [{"code": r["activity_code"], "activity": activity(r["activity_code"]),
                           "planned": lek(r["planned"])} for r in c["not_reporting"]],
        "by_entered": [{"label": entered_label(r["key"], lang), "spent": lek(r["spent"])}
                       for r in c["spent_by_entered_source"]],
        "unquantified": [{"code": code, "activity": activity(code),
                          "printed": c["unquantified_printed"].get(code, "") or "—",
                          "estimated": lek(view["estimates"].get(code))} for code in c["unquantified"]],
        "unquantified_none": t("report_unquantified_none", lang) if c["has_costs"] and not c["unquantified"] else "",
        "unsplit": tn("report_unsplit", len(c["unsplit"]), lang) if c["unsplit"] else "",
        "budget": view["context"],
    }


def budget(x) -> dict:
    """The budget directorate's part of the cost section: per activity of the year planned (for a plan without
    costs the municipality's estimate in its place, so headed), allocated, spent, both rates and the flags; the
    cumulative line; the municipal-only gap. Plain Python (addin/figures/budget.py without its pandas totals): the
    report never loads pandas. Returns {"context": …, "estimates": {code: estimate}}."""
    from addin.figures.budget import build_budget, cumulative, flag_text, municipal_gap, years_text

    plan, year, lang, lek, pct = x.plan, x.year, x.lang, x.lek, x.pct
    data = build_budget(x.wb, [y for y in plan.years if y <= year], x.rejected)
    lines = [b for b in data.lines if b.year == year]
    shown = [b for b in lines if (b.scheduled and plan.has_costs) or b.estimated or b.allocated is not None
             or b.spent is not None]

    def short(text: str, width: int = 70) -> str:  # the full text is in the field's section, under the same code
        return text if len(text) <= width else text[: width - 1].rstrip() + "…"

    def first(b) -> str:
        if not plan.has_costs:
            return lek(b.estimated)
        return lek(b.planned) if b.quantified else t("report_not_quantified", lang)

    rows = [{
        "code": b.code, "activity": short(x.activity_text(*b.code.split(" ", 1))), "first": first(b),
        "allocated": lek(b.allocated), "spent": lek(b.spent),
        "execution": pct(b.execution_pct) if plan.has_costs else "—",
        "execution_allocated": pct(b.execution_allocated_pct),
        "flags": "; ".join(flag_text(f, data.margin, lang) for f in b.flags) or "—",
    } for b in shown]
    cum = next((c for c in cumulative(data) if c["year"] == year), None)
    span = years_text(list(range(plan.start_year, year + 1)))
    if cum is None:
        cumulative_text = ""
    elif plan.has_costs:
        cumulative_text = t("report_budget_cumulative", lang, span=span, planned=format_lek(cum["planned"]),
                            allocated=format_lek(cum["allocated"]), spent=format_lek(cum["spent"]),
                            rate=pct(cum["execution_pct"]), period_span=years_text(list(plan.years)),
                            period=format_lek(cum["period_planned"]), year=year,
                            remaining=format_lek(cum["remaining"]))
    else:
        cumulative_text = t("report_budget_cumulative_no_costs", lang, span=span,
                            allocated=format_lek(cum["allocated"]), spent=format_lek(cum["spent"]),
                            estimated=format_lek(cum["estimated"]))
    gap = next((m for m in municipal_gap(data) if m["year"] == year), None)
    flags = sum(len(b.flags) for b in lines)
    context = {
        "intro": t("report_budget_intro" if plan.has_costs else "report_budget_intro_no_costs", lang, year=year,
                   margin=f"{data.margin:g}"),
        "first_header": t("report_c_planned" if plan.has_costs else "report_c_estimated", lang),
        "rows": rows,
        "none": "" if rows else t("report_budget_none", lang, year=year),
        "cumulative": cumulative_text,
        "municipal": t("budget_municipal_gap", lang, year=year, alone=format_lek(gap["planned_alone"]),
                       shared=format_lek(gap["planned_shared"]), spent=format_lek(gap["spent_entered"]))
        if gap else "",
        "flags": tn("report_budget_flags", flags, lang) if flags else t("budget_no_flags", lang),
    }
    return {"context": context, "estimates": {b.code: b.estimated for b in lines}}


# ---------------------------------------------------------------- trend


def _filled(summary_: dict) -> bool:
    counts = summary_["rollups"]["activity_status"]["plan"]
    reported = summary_["rollups"]["plan"]["with_value"]
    return counts.get("not_reported", 0) < sum(counts.values()) or reported > 0 \
        or summary_["costs"]["spent_total"] is not None


def trend(x) -> dict:
    """The years filled so far, compared (shown from the second one): planned, spent, rate, mean with its
    coverage, activities done; `values` keeps the raw figures for the chart."""
    from addin.figures.summary import build_summary

    c, lang = x.costs, x.lang
    by_year = {r["year"]: r for r in c["by_year"]}
    rows, values = [], []
    for y in x.data["years_read"]:
        s = x.data if y == x.year else build_summary(x.wb, y, x.rejected)
        if not _filled(s):
            continue
        yc = by_year.get(y, {})
        rows.append({
            "year": str(y), "planned": x.lek(yc.get("planned")) if c["has_costs"] else "—",
            "spent": x.lek(yc.get("spent")), "execution": x.pct(yc.get("execution_pct")) if c["has_costs"] else "—",
            "mean": mean_cell(s["rollups"]["plan"], lang),
            "done": str(s["rollups"]["activity_status"]["plan"].get("done", 0)),
        })
        values.append({"year": str(y), "planned": yc.get("planned"), "spent": yc.get("spent")})
    years_text = ", ".join(r["year"] for r in rows) or str(x.year)
    show = len(rows) >= 2
    return {
        "show": show,
        "sentence": t("report_trend_intro", lang, year=x.year, years=years_text) if show
        else t("report_trend_single", lang, years=years_text),
        "rows": rows, "values": values,
    }


# ---------------------------------------------------------------- annex and colophon


def quality(x) -> dict:
    """The validation findings of the years reported."""
    v, lang = x.validation, x.lang
    errors, warnings = v.counts["error"], v.counts["warning"]
    return {
        "errors": errors, "warnings": warnings,
        "sentence": t("report_quality_intro", lang, **counted(errors, warnings, lang)) if v.findings
        else t("report_quality_none", lang),
        "findings": [{"severity": f.severity, "severity_label": t(f"severity:{f.severity}", lang),
                      "color": "#C62828" if f.severity == "error" else "#A65F00",
                      "cell": f.cell or "—", "code": _finding_code(x, f.code), "rule": f.rule,
                      "message": f.message(lang)}
                     for f in v.findings],
    }


def _finding_code(x, code: str) -> str:
    """A finding's code as the report prints it: "RC 1.1, treguesi 2" for Matrica's "RC 1.1 #2"."""
    if not code:
        return "—"
    m = re.fullmatch(r"(\S+ \S+) #(\d+)", code)
    if not m:
        return code
    field_code, activity = m.group(1).split(" ", 1)
    return readable_code(m.group(1), m.group(2), (field_code, activity) in x.several, x.lang)


def colophon(x) -> dict:
    """The last page: which file the figures come from (name and checksum) and what made the report."""
    from addin.report.context import sha256, values_checksum

    lang, version = x.lang, _version()
    path = Path(x.wb.path)
    checksum = sha256(path) if x.from_file else values_checksum(x.wb, x.year)
    label = t("report_l_checksum" if x.from_file else "report_l_checksum_values", lang)
    rows = [{"label": t("report_l_workbook", lang), "value": path.name, "code": False},
            {"label": label, "value": checksum, "code": True},
            {"label": t("report_l_version", lang), "value": f"Matrica {version}", "code": False}]
    if x.date is not None:
        rows.append({"label": t("report_l_date", lang), "value": x.date.strftime("%d.%m.%Y"), "code": False})
    text = t("report_made_by", lang, version=version)
    if x.example:
        text += " " + t("report_example_colophon", lang)
    return {"rows": rows, "workbook": path.name, "checksum": checksum, "version": version, "text": text}


def properties(x) -> dict:
    """The Word file's properties: title, subject, author (Parametrat, else the municipality), language, and
    created = modified = the report's date, or the last day of the reported year without `--date` (never the
    clock, so the same workbook gives the same file)."""
    plan, lang = x.plan, x.lang
    when = x.date or dt.date(x.year, 12, 31)
    title = f"{plan.short_title} — {t('report_doc_title', lang, year=x.year)}"
    return {"title": title, "subject": plan.title, "author": clean(x.settings["author"].value) or plan.municipality,
            "language": "sq-AL" if lang == "sq" else "en-GB", "keywords": t("report_keywords", lang),
            "category": t("report_category", lang), "date": dt.datetime(when.year, when.month, when.day)}


# ---------------------------------------------------------------- charts


def charts(x, summary_: dict, trend_: dict) -> dict:
    """The report's charts (status, achievement by field, sources, trend), each with its text alternative and a
    table of its figures."""
    lang, year, c = x.lang, x.year, x.costs

    def lek_or(v):
        return t("report_chart_no_value", lang) if v is None else format_lek(v)

    def pct_or(v):
        return t("report_chart_no_value", lang) if v is None else format_pct(v)

    out = {}
    status_rows = summary_["statuses"]
    out["status"] = C.Chart(
        "status", t("report_chart_status", lang, year=year), "",
        tuple(r["label"] for r in status_rows),
        (C.Series(t("report_c_count", lang), tuple(float(r["count"]) for r in status_rows), C.COLORS["spent"],
                  tuple(r["color"] for r in status_rows)),),
        lambda v: "—" if v is None else format_number(v))
    roll = {r["field"]: r for r in x.rollups["fields"]}
    fields_ = [f for f in x.plan.fields if f.code in roll]
    means = tuple(roll[f.code]["mean_pct"] for f in fields_)
    colors = tuple(C.COLORS[mean_rating(m, x.thresholds)] for m in means)
    out["achievement"] = C.Chart(
        "achievement", t("report_chart_achievement", lang, year=year), "",
        tuple(f"{f.code} {f.title}" for f in fields_),
        (C.Series(t("report_c_mean", lang), means, C.COLORS["spent"], colors),), pct_or, max_value=100.0)
    if c["has_costs"]:
        rows = [r for r in c["by_source"] if r["planned"] is not None or r["spent"] is not None]
        out["sources"] = C.Chart(
            "sources", t("report_chart_sources", lang, year=year), "",
            tuple(source_short(r["key"], lang) for r in rows),
            (C.Series(t("report_c_planned", lang), tuple(r["planned"] for r in rows), C.COLORS["planned"]),
             C.Series(t("report_c_spent", lang), tuple(r["spent"] for r in rows), C.COLORS["spent"])),
            lek_or)
    elif c["spent_by_entered_source"]:
        rows = c["spent_by_entered_source"]
        out["sources"] = C.Chart(
            "sources", t("report_chart_spent_sources", lang, year=year), "",
            tuple(entered_label(r["key"], lang) for r in rows),
            (C.Series(t("report_c_spent", lang), tuple(r["spent"] for r in rows), C.COLORS["spent"]),), lek_or)
    values = trend_["values"]
    if len(values) >= 2:
        series = [C.Series(t("report_c_spent", lang), tuple(r["spent"] for r in values), C.COLORS["spent"])]
        if c["has_costs"]:
            series.insert(0, C.Series(t("report_c_planned", lang), tuple(r["planned"] for r in values),
                                      C.COLORS["planned"]))
        out["trend"] = C.Chart("trend", t("report_chart_trend", lang), "", tuple(r["year"] for r in values),
                               tuple(series), lek_or, kind="column")
    return {k: _chart_context(ch) for k, ch in out.items()}


def _chart_context(chart: C.Chart) -> dict:
    """A chart for the templates: title, text alternative with every figure, table, and the chart itself (the
    renderers draw it: SVG for HTML, PNG for Word)."""
    headers = [""] + [s.name for s in chart.series]
    rows = [[cat] + [chart.fmt(s.values[i]) for s in chart.series] for i, cat in enumerate(chart.categories)]
    description = chart.title + ": " + "; ".join(
        f"{r[0]} " + ", ".join(f"{h.lower()} {v}" if len(chart.series) > 1 else v
                               for h, v in zip(headers[1:], r[1:], strict=True))
        for r in rows) + "."
    chart = C.Chart(chart.key, chart.title, description, chart.categories, chart.series, chart.fmt, chart.kind,
                    chart.max_value)
    return {"key": chart.key, "title": chart.title, "description": description, "headers": headers, "rows": rows,
            "chart": chart}
