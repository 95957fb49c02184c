"""The report's context: the workbook read once (`Inputs`), then one function per template section
(`addin/report/sections.py`), assembled in the templates' order.

Data flows one way: workbook -> validation report + `build_summary` + the words typed on Narrativa and Parametrat
-> `Inputs` -> sections -> one dict of formatted text -> the templates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from addin.common.messages import t
from addin.common.text import code_text, format_lek, format_pct
from addin.plan.model import Plan
from addin.report import sections as S
from addin.workbook import layout as L
from addin.workbook.narrative import Logo, Narrative, Setting, read_logo, read_narrative, read_report_settings


@dataclass
class Inputs:
    """Everything the sections read, gathered once: the summary of the year (`data`, as `matrica summary --format
    json` gives it), the validation findings, the texts typed on Narrativa and Parametrat, and lookups by key."""

    wb: object  # WorkbookData
    plan: Plan
    year: int
    lang: str
    date: dt.date | None
    from_file: bool
    data: dict
    validation: object  # checks.findings.Report
    example: bool
    narrative: Narrative
    settings: dict[str, Setting]
    logo: Logo | None
    activity_texts: dict[tuple[str, str], str]
    notes: dict[tuple[str, str, int], str]
    activity_status: dict[tuple[str, str], str] = field(default_factory=dict)
    several: set[tuple[str, str]] = field(default_factory=set)  # activities with more than one indicator
    rejected: frozenset[str] = frozenset()  # the cells validation rejects: no figure of the report counts them

    @property
    def costs(self) -> dict:
        return self.data["costs"]

    @property
    def rollups(self) -> dict:
        return self.data["rollups"]

    @property
    def thresholds(self) -> dict:
        return self.data["thresholds"]

    def pct(self, v: float | None) -> str:
        return t("report_no_data", self.lang) if v is None else format_pct(v)

    def lek(self, v: int | None) -> str:
        return t("report_no_data", self.lang) if v is None else format_lek(v)

    def activity_text(self, field_code: str, code: str) -> str:
        """An activity's text as the workbook's matrix sheet shows it (people may have edited it), else the plan's."""
        a = next((a for a in self.plan.activities if a.field == field_code and a.code == code), None)
        return self.activity_texts.get((field_code, code), a.activity if a else "")


# ---------------------------------------------------------------- reading


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def values_checksum(wb, year: int) -> str:
    """SHA-256 of the values the report reads (the plan sheets and the monitoring sheets up to `year`, in the
    workbook's order, as JSON): the colophon's checksum for a workbook open in Excel without a file (xlwings
    Lite)."""
    plan_sheets = (L.SHEET_OBJECTIVES, L.SHEET_MATRIX, L.SHEET_INDICATORS, L.SHEET_SETTINGS)
    digest = hashlib.sha256()
    for name in wb.sheet_names:
        y = L.monitoring_year(name)
        if name in plan_sheets or (y is not None and wb.plan.start_year <= y <= year):
            digest.update(json.dumps([name, wb.values(name)], ensure_ascii=False, default=str).encode("utf-8"))
    return digest.hexdigest()


def workbook_activity_texts(wb) -> dict[tuple[str, str], str]:
    """Activity texts as the workbook's matrix sheet shows them (what people read and may have edited)."""
    plan = wb.plan
    table = wb.table(L.SHEET_MATRIX, plan.matrix_headers, ("field", "code", "activity"))
    out: dict[tuple[str, str], str] = {}
    for _row, values in table.rows:
        key = (code_text(table.get(values, "field")), code_text(table.get(values, "code")))
        text = table.get(values, "activity")
        if key[1] and text is not None:
            out.setdefault(key, str(text))
    return out


def validate_years(wb, years: list[int]):
    """Validation findings for the years of the report, in one run (plan-level findings once)."""
    from addin.checks.validate import validate_workbook

    return validate_workbook(wb, years)


def gather(wb, year: int, lang: str = "sq", date: dt.date | None = None, validation=None,
           from_file: bool = True) -> Inputs:
    """Read everything the report shows, once."""
    from addin.checks.validate import rejected_cells, years_up_to
    from addin.figures.summary import build_summary, read_year
    from addin.workbook.example import is_example

    if validation is None:
        validation = validate_years(wb, years_up_to(wb, year))
    rejected = rejected_cells(validation)  # values the checks reject are in no figure of the report
    data = build_summary(wb, year, rejected)
    year_data = read_year(wb, year, rejected)  # notes as typed
    settings = read_report_settings(wb)
    return Inputs(
        wb=wb, plan=wb.plan, year=year, lang=lang, date=date, from_file=from_file, data=data,
        validation=validation, example=is_example(wb), narrative=read_narrative(wb), settings=settings,
        logo=read_logo(settings["logo"], Path(wb.path).parent if from_file else None),
        activity_texts=workbook_activity_texts(wb),
        notes={k: v.notes for k, v in year_data.values.items() if v.notes},
        activity_status={tuple(a["activity_code"].split(" ", 1)): a["status"] for a in data["activities"]},
        several={(i.field, i.activity) for i in wb.plan.indicators if i.n > 1},
        rejected=rejected,
    )


# ---------------------------------------------------------------- the context, section by section


def build_context(wb, year: int, lang: str = "sq", date: dt.date | None = None, allow_errors: bool = False,
                  validation=None, from_file: bool = True) -> dict:
    """Everything the templates show, as formatted text, section by section in the templates' order.
    `from_file=False`: the workbook has no file here (xlwings Lite), so the colophon's checksum covers the values
    read (`values_checksum`) and its label says so."""
    x = gather(wb, year, lang, date, validation, from_file)
    summary = S.summary(x)
    beneficiaries = S.beneficiaries(x)
    fields = S.fields(x)
    trend = S.trend(x)
    headings = S.headings(x, trend)
    for i, f in enumerate(fields, start=1):
        f["heading"] = f"{headings['fields']['number']}.{i} {f['code']} — {f['title']}"
    return {
        **S.document(x),
        "headings": headings,
        "cover": S.cover(x),
        "toc": S.toc(headings, fields),
        "executive": S.executive(x, beneficiaries),
        "introduction": S.introduction(x),
        "methodology": S.methodology(x),
        "summary": summary,
        "legend": S.legend(x),
        "beneficiaries": beneficiaries,
        "fields": fields,
        "costs": S.costs(x),
        "trend": trend,
        "recommendations": S.recommendations(x),
        "quality": S.quality(x),
        "colophon": S.colophon(x),
        "charts": S.charts(x, summary, trend),
        "properties": S.properties(x),
        "logo_image": x.logo,
    }
