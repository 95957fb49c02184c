"""How the report writes things: values, targets, labels, codes and typed text, the same way in every section."""

from __future__ import annotations

import re

from addin.common.messages import t
from addin.common.text import format_lek, format_number, format_pct
from addin.common.vocab import FUNDING, STATUSES
from addin.common.vocab import label as vocab_label
from addin.workbook.narrative import paragraphs

ACTIVITY_STATUSES = ("done", "partly", "in_progress", "not_done", "not_reported")
PARTS = (("sex", "women", "men"), ("ethnicity", "roma", "egyptian"), ("area", "urban", "rural"))
# Characters XML 1.0 does not allow (Word and the HTML parser would refuse them): a typed text loses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ---------------------------------------------------------------- typed text


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


# ---------------------------------------------------------------- plan text

PLAN_NONE = "—¹"  # where the plan gives no measurable indicator or numeric value (one footnote explains it)
_BOILERPLATE = re.compile(r"^\s*(?:Baza e referimit[^.]*\.\s*)?Indikator t[ëe] mat[sš]h[ëe]m\b.*$", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[.,]\d{3})+)(?![\d])(?!,\d)")
_DECIMAL_PCT = re.compile(r"(?<![\d.,])(\d+)\.(\d+)\s?%")
_PCT = re.compile(r"(\d)%")
_LEK = re.compile(r"(\d)\s*(?:leke|lekë|Leke|Lekë|LEKE)\b")


def plan_text(text: str) -> str:
    """Plan text as the report prints it: "—¹" where the plan has boilerplate instead of an indicator
    ("Indikator të matshem …"), and numbers written the way the report writes its own figures ("3.500.000 leke"
    → "3 500 000 lekë", "80%" → "80 %", "2.5%" → "2,5 %")."""
    text = clean(text)
    if _BOILERPLATE.match(text):
        return PLAN_NONE
    text = _THOUSANDS.sub(lambda m: m.group(1) + re.sub(r"[.,]", " ", m.group(2)), text)
    text = _DECIMAL_PCT.sub(r"\1,\2 %", text)
    text = _PCT.sub(r"\1 %", text)
    return _LEK.sub(r"\1 lekë", text)


def readable_code(activity_code: str, n: int | str | None, several: bool, lang: str = "sq") -> str:
    """An indicator's code as a reader sees it: "RC 1.1", or "RC 1.1, treguesi 2" when its activity has more
    than one indicator (never Matrica's internal "#2")."""
    if not several or n in (None, ""):
        return activity_code
    return t("report_code_indicator", lang, code=activity_code, n=n)


# ---------------------------------------------------------------- labels


def activity_status_label(key: str, lang: str) -> str:
    if key == "not_reported":
        return t("report_status_not_reported", lang)
    if key == "not_scheduled":
        return t("status_not_scheduled", lang)
    return vocab_label(STATUSES, key, lang)


def rating_label(key: str, lang: str) -> str:
    return t(f"status_{key}", lang)


def entered_label(key: str, lang: str) -> str:
    """A funding category as staff chose it in the monitoring sheet."""
    if key in FUNDING:
        return vocab_label(FUNDING, key, lang)
    return t("source_unspecified", lang) if key == "unspecified" else key


def source_short(key: str, lang: str) -> str:
    """A plan funding row's short name for a chart axis ("Bashkia + donatorë")."""
    from addin.figures.costs import UNSPECIFIED
    from addin.figures.summary import source_names

    return t("source_unspecified", lang) if key == UNSPECIFIED else source_names(key, lang)


def status_parts(counts: dict[str, int], lang: str, not_scheduled: bool = True) -> str:
    """ "realizuar plotësisht 25, …, nuk planifikohej 6": the statuses entered, those without one when any, and the
    activities not scheduled in the year when any (unless `not_scheduled` is False: said in its own sentence)."""
    keys = (*ACTIVITY_STATUSES, "not_scheduled") if not_scheduled else ACTIVITY_STATUSES
    return ", ".join(f"{activity_status_label(k, lang)} {counts.get(k, 0)}" for k in keys
                     if counts.get(k, 0) or k not in ("not_reported", "not_scheduled"))


# ---------------------------------------------------------------- values and targets


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


def mean_cell(roll: dict, lang: str) -> str:
    """A mean with its coverage, for tables: "80 % (5 / 52)", "nuk jepet (3 / 52)", "—"."""
    if not roll["rated"]:
        return "—"
    mean = format_pct(roll["mean_pct"]) if roll["mean_pct"] is not None else t("report_mean_withheld", lang)
    return f"{mean} ({roll['rated']} / {roll['of_year']})"


def mean_rating(mean: float | None, thresholds: dict) -> str:
    if mean is None:
        return "no_data"
    if mean >= thresholds["on_track"]:
        return "on_track"
    return "partly" if mean >= thresholds["partly"] else "off_track"


def expected_text(ind: dict, kind: str, year: int, lang: str) -> str:
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


def parts_text(disaggregation: dict | None, lang: str) -> dict:
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
