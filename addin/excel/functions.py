"""Excel worksheet functions (xlwings UDFs) that give exactly the engine's results in a cell.

=ARRITJA(actual; target; [baseline]; [direction]; [kind])   achievement %, raw (may pass 100)
=ARRITJA_KUFIZUAR(actual; target; [baseline]; [direction]; [kind])   the same, capped to 0-100
=STATUSI(achievement; [on-track threshold]; [partly threshold])   "në rrugë të mbarë" / "pjesërisht" / …
=LEKE(text)   lekë read from a cost text such as "34, 300 lekë Buxheti vendor" or "1,000,000leke"

The functions only translate Excel's cell values to the core's arguments and back; all rules live in
`addin.figures.achievement` and `addin.common.text`. Arguments are typed `Any` because xlwings turns type hints into
converters and an Excel cell can hold a number, a text or nothing.

Errors: a value that cannot be read returns "#VALUE!"; a cost text without an amount ("Sipas kostimit …",
a funding text alone) or an empty cell returns "#N/A". xlwings Lite and xlwings Server (Office.js custom
functions) turn these strings into real Excel error values (`errorstr_to_errortype` in
`xlwings/pro/_xlofficejs.py`), so ISERROR/IFERROR work on them. The classic Windows COM add-in cannot return
error values at all (xlwings issue #776) and shows the same text. Missing data is the text "pa të dhëna",
never 0, so Excel's AVERAGE skips it.
"""

from __future__ import annotations

from typing import Any

import xlwings as xw

from addin.common.messages import t
from addin.common.text import AmountError
from addin.common.vocab import DIRECTIONS, KINDS, YES_NO, lookup
from addin.figures.achievement import DEFAULT_THRESHOLDS, Achievement, achievement, cap, status
from addin.figures.costs import read_cost_text
from addin.workbook.monitoring import number

XL_NA = "#N/A"
XL_VALUE = "#VALUE!"


class _Unreadable(ValueError):
    """An argument that is not what the function expects: the cell shows #VALUE!."""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _code(vocab: dict[str, tuple[str, str]], value: Any, default: str) -> str:
    """A vocabulary code from a code ("decrease"), an Albanian or English label ("ulje"), or the default."""
    if _blank(value):
        return default
    if isinstance(value, str) and value.strip().casefold() in vocab:
        return value.strip().casefold()
    code, _exact = lookup(vocab, value)
    if code is None:
        raise _Unreadable(value)
    return code


def _number(value: Any) -> float | None:
    if _blank(value):
        return None
    n = number(value)
    if n is None:
        raise _Unreadable(value)
    return n


def _actual(value: Any, kind: str) -> float | None:
    """The actual as the engine takes it; milestones accept po/jo, yes/no, TRUE/FALSE, 1/0."""
    if kind != "milestone" or _blank(value):
        return _number(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return float(value)
        raise _Unreadable(value)
    code, _exact = lookup(YES_NO, value)
    if code is None:
        raise _Unreadable(value)
    return 1.0 if code == "yes" else 0.0


def achievement_of(actual: Any, target: Any, baseline: Any = None, direction: Any = None,
                   kind: Any = None) -> Achievement:
    """The engine's achievement for Excel cell values; raises _Unreadable for a value it cannot read."""
    kind_code = _code(KINDS, kind, "count")
    return achievement(_actual(actual, kind_code), _number(target), _number(baseline),
                       _code(DIRECTIONS, direction, "increase"), kind_code)


def _achievement_cell(capped: bool, *args: Any) -> Any:
    """What ARRITJA (raw) and ARRITJA_KUFIZUAR (capped) show: the percent, a no-data text, or #VALUE!."""
    try:
        a = achievement_of(*args)
    except _Unreadable:
        return XL_VALUE
    value = a.capped if capped else a.raw
    if value is not None:
        return value
    return t(f"status_{a.rule}" if a.rule in ("no_target", "no_baseline") else "status_no_data", "sq")


@xw.func
def ARRITJA(actual: Any, target: Any, baseline: Any = None, direction: Any = None, kind: Any = None) -> Any:
    """Arritja (%) e treguesit sipas rregullave të Matricës, e pakufizuar: (aktuale − bazë) / (synim − bazë) × 100,
    ose aktuale / synim × 100 pa vlerë bazë. Drejtimi: rritje/ulje. Lloji: përqindje, numër, shumë në lekë,
    arritje (po/jo). Pa vlerë aktuale: "pa të dhëna"."""
    return _achievement_cell(False, actual, target, baseline, direction, kind)


@xw.func
def ARRITJA_KUFIZUAR(actual: Any, target: Any, baseline: Any = None, direction: Any = None,
                     kind: Any = None) -> Any:
    """Arritja (%) e kufizuar në 0-100, vlera që përdoret për statusin dhe mesataret."""
    return _achievement_cell(True, actual, target, baseline, direction, kind)


@xw.func
def STATUSI(achievement_pct: Any, on_track: Any = None, partly: Any = None) -> Any:
    """Statusi nga arritja: "në rrugë të mbarë" (≥ 90), "pjesërisht" (50-89), "jashtë rrugës" (< 50) ose
    "pa të dhëna". Pragjet si në fletën Parametrat."""
    try:
        rating = None if isinstance(achievement_pct, str) and number(achievement_pct) is None \
            else cap(_number(achievement_pct))
        thresholds = {"on_track": _number(on_track) if not _blank(on_track) else DEFAULT_THRESHOLDS["on_track"],
                      "partly": _number(partly) if not _blank(partly) else DEFAULT_THRESHOLDS["partly"]}
    except _Unreadable:
        return XL_VALUE
    return t(f"status_{status(rating, thresholds)}", "sq")


@xw.func
def LEKE(text: Any) -> Any:
    """Shuma në lekë nga teksti i kostos ("34, 300 lekë Buxheti vendor", "1,000,000leke", "3.326 mijë lekë");
    #N/A kur teksti nuk ka shumë ("Sipas kostimit …", qelizë bosh), #VALUE! kur shuma nuk lexohet."""
    try:
        amount = read_cost_text(text)
    except AmountError:
        return XL_VALUE
    return XL_NA if amount.lek is None else amount.lek
