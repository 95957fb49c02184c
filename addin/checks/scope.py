"""Checking one institution's rows only: a part (`matrica split`) as a part, or `validate --institution NAME` on a
whole workbook. The checks run on that institution's entries (so a year counts as started when its rows are, and
nobody else's empty status is reported), and a finding about a row it does not report is left out."""

from __future__ import annotations

from addin.checks.findings import Finding
from addin.plan.model import Plan
from addin.workbook.monitoring import Entry
from addin.workbook.parts import Scope


def entries_in_scope(entries: list[Entry], scope: Scope, year: int) -> list[Entry]:
    """The year's rows the institution reports; in a part also rows the plan does not know (only its own rows
    should be there, so the checks say what is wrong with such a row)."""
    keys = scope.keys(year)
    return [e for e in entries if (e.indicator is None and scope.part is not None)
            or (e.indicator is not None and (e.indicator.field, e.indicator.activity) in keys)]


def activity_of(code: str, plan: Plan) -> tuple[str, str] | None:
    """The (field, code) of a finding's code ("RC 1.3 #1", "C 1.8.4 a)"); None when it names no activity."""
    text = code.split(" #", 1)[0].strip()
    field, _, rest = text.partition(" ")
    if rest and plan.activity(field, rest.strip()) is not None:
        return field, rest.strip()
    return None


def in_scope(f: Finding, scope: Scope, plan: Plan, years: list[int]) -> bool:
    """Whether a finding is about the institution's rows (or about nothing row-bound, like a threshold on
    *Parametrat*). The Narrativa's texts of the whole plan (introduction, methodology, the report's cover) belong to
    the monitoring group, the texts of a field to the institutions that report in that field."""
    keys = frozenset().union(*(scope.keys(y) for y in years)) if years else scope.every
    fields = {field for field, _c in keys}
    if f.rule.startswith("narrative"):
        return f.code in fields
    if not f.code:
        return True
    activity = activity_of(f.code, plan)
    if activity is not None:
        return activity in keys
    if f.code in {x.code for x in plan.fields}:
        return f.code in fields
    return scope.part is not None  # a row the plan does not know: in a part it is the part's own
