"""Build test workbooks by editing copies of the bundled ones with openpyxl, the way a person types in Excel."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from addin.workbook import layout as L


class Edit:
    """Open a copy of a workbook, set cells by (sheet, row key, header), save; remembers each cell's address."""

    def __init__(self, src: Path, dst: Path):
        shutil.copyfile(src, dst)
        self.path = dst
        self.wb = load_workbook(dst)
        self.addresses: dict[tuple, str] = {}

    def _col(self, sheet: str, header: str) -> int:
        """The column headed `header`, or by the header that replaced it (layout.HEADER_ALIASES)."""
        ws = self.wb[sheet]
        names = {header} | {c.header for c in L.MONITORING_COLUMNS if header in L.HEADER_ALIASES.get(c.key, ())}
        for row in ws.iter_rows(min_row=1, max_row=L.HEADER_ROW + 2):
            for c in row:
                if c.value in names:
                    return c.column
        raise KeyError(f"{sheet}: no header {header!r}")

    def _row(self, sheet: str, field: str, code: str, n: int | None = None) -> int:
        ws = self.wb[sheet]
        cf, cc = self._col(sheet, _field_header(sheet, self.wb)), self._col(sheet, "Kodi")
        cn = self._col(sheet, "Nr.") if n is not None else None
        for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
            if ws.cell(r, cf).value == field and str(ws.cell(r, cc).value) == code and (
                cn is None or ws.cell(r, cn).value == n
            ):
                return r
        raise KeyError(f"{sheet}: no row {field} {code} {n}")

    def set(self, sheet: str, key: tuple, header: str, value: object, error: bool = False,
            formula: bool = False) -> str:
        """Set the cell of row `key` ((field, code) or (field, code, n)) under `header`; returns its address. A text
        starting like a formula stays text unless `formula` (openpyxl then writes it without a computed value)."""
        r, c = self._row(sheet, *key), self._col(sheet, header)
        cell = self.wb[sheet].cell(r, c)
        cell.value = value
        if error:
            cell.data_type = "e"
        elif isinstance(value, str) and value.startswith(("=", "+", "-", "@")) and not formula:
            cell.data_type = "s"
        address = f"'{sheet}'!{cell.coordinate}"
        self.addresses[(sheet, *key, header)] = address
        return address

    def fill_statuses(self, sheet: str, value: str = "në proces") -> None:
        """Give every activity a status (the open status cell on its first row), as a finished sheet has."""
        ws, c = self.wb[sheet], self._col(sheet, "Statusi i aktivitetit")
        for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
            if not ws.cell(r, c).protection.locked:
                ws.cell(r, c).value = value

    def fill_narrative(self, year: int, text: str = "Tekst prove.") -> None:
        """Write every report text of `year` on the Narrativa sheet and the cover's texts on Parametrat, as a
        finished year has them."""
        ws = self.wb[L.SHEET_NARRATIVE]
        col = {c.value: c.column for c in ws[L.HEADER_ROW]}
        for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
            part = ws.cell(r, col["Pjesa"]).value
            if ws.cell(r, col["Viti"]).value == year and part in {L.NARRATIVE_PARTS[p][0] for p in
                                                                    L.NARRATIVE_REQUIRED}:
                ws.cell(r, col["Teksti"]).value = text
        settings = self.wb[L.SHEET_SETTINGS]
        labels = {label for key, label, _h in L.REPORT_SETTINGS if key not in L.OPTIONAL_REPORT_SETTINGS}
        for r in range(1, settings.max_row + 1):
            if settings.cell(r, 1).value in labels:
                settings.cell(r, 2).value = text

    def cell(self, sheet: str, coordinate: str, value: object) -> None:
        self.wb[sheet][coordinate] = value

    def save(self) -> Path:
        self.wb.save(self.path)
        return self.path


def _field_header(sheet: str, wb) -> str:
    if sheet == L.SHEET_MATRIX:
        return next(c.value for c in wb[sheet][L.HEADER_ROW] if c.column == 1)
    return "Fusha"


def sheet_part(path: Path, sheet: str) -> str:
    """The zip part of a sheet ("xl/worksheets/sheet6.xml")."""
    from addin.workbook.sheetxml import sheet_members

    with zipfile.ZipFile(path) as z:
        return sheet_members(z)[sheet]


def edit_part(src: Path, dst: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """Copy a workbook, changing one part of its zip (what another program may write that openpyxl cannot)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(data) if item.filename == part else data)
    return dst


def edit_sheet_xml(src: Path, dst: Path, sheet: str, change: Callable[[bytes], bytes]) -> Path:
    return edit_part(src, dst, sheet_part(src, sheet), change)


def with_cell_xml(ref: str, xml: str) -> Callable[[bytes], bytes]:
    """A sheet XML change putting `xml` in place of the cell element at `ref` (which must exist)."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"(?:[^>]*/>|[^>]*>.*?</c>)', re.DOTALL)

    def change(data: bytes) -> bytes:
        new, n = pattern.subn(xml.encode(), data, count=1)
        assert n == 1, f"no cell {ref}"
        return new
    return change
