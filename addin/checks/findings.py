"""Validation findings as records, and a report that flattens to a table (after frictionless' Error/Report)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from addin.common.messages import t

ERROR, WARNING = "error", "warning"
FIELDS = ("rule", "severity", "sheet", "cell", "code", "value", "message")


def _plain(value: object) -> object:
    """A JSON-friendly copy of a cell value."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # "nan", "inf": a finding about such a value stays valid JSON
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class Finding:
    """One problem at one place: rule code, severity, where, what was found, and what is wrong (sq/en)."""

    rule: str
    severity: str
    sheet: str | None
    cell: str | None  # "'Monitorimi 2025'!H14"
    code: str  # activity / indicator code, "" when none
    value: object
    params: dict = field(default_factory=dict, compare=False, hash=False)

    def message(self, lang: str = "sq") -> str:
        return t(f"rule:{self.rule}", lang, value=_show(self.value), **self.params)

    def as_dict(self, lang: str = "sq") -> dict:
        return {"rule": self.rule, "severity": self.severity, "sheet": self.sheet, "cell": self.cell,
                "code": self.code, "value": _plain(self.value), "message": self.message(lang)}

    @property
    def address(self) -> tuple[str, str] | None:
        """(sheet, "H14") for marking the cell, or None."""
        if not self.cell or "!" not in self.cell:
            return None
        sheet, ref = self.cell.rsplit("!", 1)
        return sheet.strip("'").replace("''", "'"), ref


def _show(value: object) -> str:
    if value is None:
        return ""
    v = _plain(value)
    return str(v)


@dataclass
class Report:
    """All findings of one validation run."""

    path: str
    findings: list[Finding]
    scope: dict | None = None  # a check of one institution's rows: see checks.validate.scope_dict
    warnings: bool = True  # False: the checks that only warn were not run (checks.validate.run_checks)

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity; no warning count where the checks that only warn were not run."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in (ERROR, WARNING)
                if s == ERROR or self.warnings}

    @property
    def valid(self) -> bool:
        return self.counts[ERROR] == 0

    def flatten(self, fields: tuple[str, ...] = FIELDS, lang: str = "sq") -> list[list[object]]:
        """The findings as a plain table of the chosen fields."""
        return [[f.as_dict(lang)[k] for k in fields] for f in self.findings]

    def as_dict(self, lang: str = "sq") -> dict:
        out = {"valid": self.valid, "counts": self.counts, "findings": [f.as_dict(lang) for f in self.findings]}
        if self.scope is not None:
            out["scope"] = self.scope
        return out
