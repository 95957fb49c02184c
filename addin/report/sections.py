"""The report's sections around the figures: cover, contents, introduction, methodology, each field's texts,
recommendations and their follow-up, and the colophon, from the workbook's Narrativa and Parametrat sheets.

One function per template section, named like it (`cover` fills the templates' cover, `introduction` their
introduction …); each returns the plain values that section shows. Everything here is text a person typed or a
label: the templates escape it (jinja2 autoescape, docxtpl `autoescape=True`).
"""

from __future__ import annotations

import base64
import datetime as dt
import re

from addin.common.messages import t, tn
from addin.common.vocab import FOLLOW_UP, lookup
from addin.common.vocab import label as vocab_label
from addin.plan.model import Plan
from addin.workbook.narrative import Logo, Narrative, Setting, paragraphs

# Characters XML 1.0 does not allow (Word and the HTML parser would refuse them): a typed text loses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# The report's numbered sections, in their order; `None`: not numbered (annex, colophon).
SECTION_ORDER = ("executive", "introduction", "methodology", "summary", "fields", "costs", "trend", "recommendations")


def clean(text: object) -> str:
    """Typed text as the report can carry it: no control characters XML forbids, edges trimmed."""
    return _NOT_XML.sub("", str(text or "")).strip()


def text_block(text: str, lang: str) -> dict:
    """A typed text as paragraphs (one per line); an empty one is the placeholder "[për t'u plotësuar]"."""
    paras = [clean(p) for p in paragraphs(text)]
    paras = [p for p in paras if p]
    if not paras:
        return {"paragraphs": [t("report_placeholder", lang)], "missing": True}
    return {"paragraphs": paras, "missing": False}


def _value_or_placeholder(setting: Setting, lang: str) -> str:
    return clean(setting.value) or t("report_placeholder", lang)


# ---------------------------------------------------------------- headings and contents


def headings(shown: list[str], lang: str) -> dict[str, dict]:
    """Each section's id and heading, numbered in the order shown ("1. Përmbledhje ekzekutive"); the annex and
    the colophon keep their names without a number."""
    out = {}
    n = 0
    for key in SECTION_ORDER:
        if key in shown:
            n += 1
            out[key] = {"id": key, "number": str(n), "heading": f"{n}. {t(f'report_h_{key}', lang)}"}
    for key in ("quality", "colophon"):
        out[key] = {"id": key, "number": "", "heading": t(f"report_h_{key}", lang)}
    return out


def field_heading(number: str, index: int, code: str, title: str) -> str:
    return f"{number}.{index} {code} — {title}"


def toc(sections: dict[str, dict], fields: list[dict]) -> list[dict]:
    """The contents: every numbered section and the annex, with the fields under their section."""
    out = []
    for key, s in sections.items():
        if key == "colophon":
            continue
        out.append({"id": s["id"], "heading": s["heading"], "level": 1})
        if key == "fields":
            out += [{"id": f"field-{f['code']}", "heading": f["heading"], "level": 2} for f in fields]
    return out


# ---------------------------------------------------------------- cover


def cover(plan: Plan, year: int, lang: str, date: dt.date | None, settings: dict[str, Setting],
          logo: Logo | None) -> dict:
    """Page 1: who publishes, what, for which year, prepared by whom, under which approval; no technical detail."""
    approved = clean(settings["approved_by"].value)
    decision = clean(settings["decision"].value)
    approval = ", ".join(x for x in (approved, decision) if x) or t("report_placeholder", lang)
    rows = [
        {"label": t("report_l_period", lang), "value": f"{plan.start_year}–{plan.end_year}"},
        {"label": t("report_l_year", lang), "value": str(year)},
        {"label": t("report_l_prepared_by", lang), "value": _value_or_placeholder(settings["prepared_by"], lang)},
        {"label": t("report_l_approved_by", lang), "value": approval},
    ]
    if date is not None:
        rows.append({"label": t("report_l_date", lang), "value": date.strftime("%d.%m.%Y")})
    return {
        "plan_title": plan.title, "plan_short": plan.short_title, "municipality": plan.municipality,
        "period": f"{plan.start_year}–{plan.end_year}", "year": str(year), "rows": rows,
        "prepared_by": rows[2]["value"], "approval": approval, "date": rows[-1]["value"] if date else "",
        "logo": logo is not None,
        "logo_src": f"data:image/{logo.kind};base64,{base64.b64encode(logo.data).decode('ascii')}" if logo else "",
    }


# ---------------------------------------------------------------- the words typed on Narrativa


def executive(narrative: Narrative, year: int, lang: str, drafted: list[str]) -> dict:
    """The executive summary: the text typed on Narrativa replaces the one drafted from the figures."""
    typed = [clean(p) for p in paragraphs(narrative.text(year, "summary"))]
    typed = [p for p in typed if p]
    return {"paragraphs": typed or drafted, "typed": bool(typed),
            "note": "" if typed else t("report_executive_drafted", lang)}


def introduction(narrative: Narrative, year: int, lang: str) -> dict:
    return text_block(narrative.text(year, "introduction"), lang)


def methodology(narrative: Narrative, year: int, lang: str) -> dict:
    return text_block(narrative.text(year, "methodology"), lang)


def field_texts(narrative: Narrative, year: int, code: str, lang: str) -> dict:
    """A field's achievements, challenges (paragraphs) and recommendations (one per line, with who is
    responsible), each with the placeholder when empty."""
    recs = [{"text": clean(r.text), "responsible": clean(r.responsible)}
            for r in narrative.recommendations(year) if r.field == code and clean(r.text)]
    return {
        "achievements": text_block(narrative.text(year, "achievements", code), lang),
        "challenges": text_block(narrative.text(year, "challenges", code), lang),
        "recommendations": recs,
        "recommendations_missing": not recs,
        "placeholder": t("report_placeholder", lang),
    }


def recommendations(narrative: Narrative, plan: Plan, year: int, lang: str) -> dict:
    """This year's recommendations in one table (the next report follows them up), and the follow-up of the
    previous year's: typed rows with their status, or, when the table is empty, the previous year's
    recommendations with the placeholder where the status belongs."""
    titles = {f.code: f.title for f in plan.fields}
    this_year = [{"field": r.field, "field_title": titles.get(r.field, ""), "text": clean(r.text),
                  "responsible": clean(r.responsible) or "—"}
                 for r in narrative.recommendations(year) if clean(r.text)]
    previous = year - 1
    placeholder = t("report_placeholder", lang)
    rows = []
    for e in narrative.follow_up(year):
        code, _exact = lookup(FOLLOW_UP, e.status) if e.status not in (None, "") else (None, True)
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


# ---------------------------------------------------------------- colophon and file properties


def colophon(workbook: str, checksum: str, checksum_label: str, version: str, date: dt.date | None,
             example: bool, lang: str) -> dict:
    """The last page: which file the figures come from (name and checksum) and what made the report."""
    rows = [{"label": t("report_l_workbook", lang), "value": workbook, "code": False},
            {"label": checksum_label, "value": checksum, "code": True},
            {"label": t("report_l_version", lang), "value": f"Matrica {version}", "code": False}]
    if date is not None:
        rows.append({"label": t("report_l_date", lang), "value": date.strftime("%d.%m.%Y"), "code": False})
    text = t("report_made_by", lang, version=version)
    if example:
        text += " " + t("report_example_colophon", lang)
    return {"rows": rows, "workbook": workbook, "checksum": checksum, "version": version, "text": text}


def document_properties(plan: Plan, year: int, lang: str, date: dt.date | None, settings: dict[str, Setting],
                        title: str) -> dict:
    """The Word file's properties: title, subject, author (Parametrat, else the municipality), language, and
    created = modified = the report's date, or the last day of the reported year without `--date` (never the
    clock, so the same workbook gives the same file)."""
    when = date or dt.date(year, 12, 31)
    return {"title": title, "subject": plan.title, "author": clean(settings["author"].value) or plan.municipality,
            "language": "sq-AL" if lang == "sq" else "en-GB", "keywords": t("report_keywords", lang),
            "category": t("report_category", lang), "date": dt.datetime(when.year, when.month, when.day)}
