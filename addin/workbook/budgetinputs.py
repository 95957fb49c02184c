"""What the budget directorate enters on the matrix and lists sheets: the budget programme of each activity, the
municipality's own estimate of its annual cost, and the list of programmes (columns found by header text)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from addin.common.messages import MatricaError
from addin.common.text import fold
from addin.workbook import layout as L
from addin.workbook.monitoring import lek_or_none
from addin.workbook.reader import WorkbookData

BUDGET_HEADERS = {c.key: c.header for c in L.MATRIX_BUDGET_COLUMNS}


@dataclass(frozen=True)
class BudgetInput:
    """One activity's budget cells as entered (None when empty or unreadable), with their addresses."""

    programme: str | None = None
    estimated: int | None = None
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def _code(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def matrix_headers(wb: WorkbookData) -> dict[str, str]:
    """The matrix sheet's headers: the plan's own, then the budget directorate's columns."""
    return {**wb.plan.matrix_headers, **BUDGET_HEADERS}


def read_budget_inputs(wb: WorkbookData, rejected: Collection[str] = ()) -> dict[tuple[str, str], BudgetInput]:
    """Programme and estimated annual cost per activity (field, code), from the matrix sheet's own columns; an
    estimate in `rejected` (a cell validation rejects: negative, absurd) is no estimate.

    A workbook built before these columns existed has none: every activity then has no programme and no
    estimate (nothing is invented)."""
    table = wb.table(L.SHEET_MATRIX, matrix_headers(wb), ("field", "code"))
    out: dict[tuple[str, str], BudgetInput] = {}
    for row, values in table.rows:
        key = (_code(table.get(values, "field")), _code(table.get(values, "code")))
        if key in out:
            continue
        programme = table.get(values, "programme")
        out[key] = BudgetInput(
            programme=" ".join(_code(programme).split()) or None,
            estimated=None if "estimated_cost" in table.columns and table.ref(row, "estimated_cost") in rejected
            else lek_or_none(table.get(values, "estimated_cost")),
            refs={k: table.ref(row, k) for k in BUDGET_HEADERS if k in table.columns},
        )
    return out


def read_programme_list(wb: WorkbookData) -> list[str]:
    """The budget programmes on the lists sheet, in order (empty as Matrica ships it, and when they cannot be
    read)."""
    try:
        return programme_list(wb) or []
    except MatricaError:
        return []


def programme_list(wb: WorkbookData) -> list[str] | None:
    """The budget programmes on the lists sheet, in order; None when its column "Programet buxhetore" is not there
    (deleted, renamed), so nobody can tell which programmes are known. MatricaError when the sheet is missing or
    cannot be read."""
    header = dict(L.LIST_COLUMNS)["programmes"]
    rows = wb.values(L.SHEET_LISTS)
    for r, row in enumerate(rows[: L.HEADER_ROW + 10]):
        for c, v in enumerate(row):
            if fold(v) == fold(header):
                found = []
                for below in rows[r + 1:]:
                    value = below[c] if c < len(below) else ""
                    text = " ".join(_code(value).split())
                    if text and text not in found:
                        found.append(text)
                return found
    return None
