"""Fill monitoring cells of a copy of a built workbook with openpyxl, finding columns by header text."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

from addin.workbook import layout as L

HEADERS = {c.key: c.header for c in L.MONITORING_COLUMNS}


class Filler:
    """`Filler(src, dst).put(2025, "RC", "1.1", 1, actual=12, spent=30000).save()`."""

    def __init__(self, src: Path, dst: Path):
        shutil.copyfile(src, dst)
        self.path = Path(dst)
        self.wb = load_workbook(dst)

    def _columns(self, ws) -> dict[str, int]:
        return {c.value: c.column for c in ws[L.HEADER_ROW] if c.value}

    def put(self, year: int, field: str, code: str, n: int = 1, **values: object) -> Filler:
        """Set input cells (by column key: status, actual, women, spent, funding, notes …) of one indicator row."""
        ws = self.wb[L.monitoring_sheet(year)]
        col = self._columns(ws)
        for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
            if (ws.cell(r, col["Fusha"]).value == field and str(ws.cell(r, col["Kodi"]).value) == code
                    and ws.cell(r, col["Nr."]).value == n):
                for key, value in values.items():
                    cell = ws.cell(r, col[HEADERS[key]])
                    cell.value = value
                    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
                        cell.data_type = "s"  # typed text stays text, as Matrica writes it
                return self
        raise KeyError(f"{year}: no row {field} {code} #{n}")

    def setting(self, label: str, value: object) -> Filler:
        """Set a value on the settings sheet, next to its label."""
        ws = self.wb[L.SHEET_SETTINGS]
        for row in ws.iter_rows():
            for c in row:
                if c.value == label:
                    ws.cell(c.row, c.column + 1).value = value
                    return self
        raise KeyError(label)

    def save(self) -> Path:
        self.wb.save(self.path)
        return self.path
