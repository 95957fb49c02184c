"""Workbooks Matrica writes keep their texts in the shared-string table, as Excel does (addin.workbook.sharedstrings):
the same values for every reader, a smaller file that python-calamine reads faster."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from addin.workbook.build import save_atomic
from addin.workbook.sharedstrings import SHARED_STRINGS, share_strings
from tests.conftest import SOCIAL, soffice

TEXTS = ["ë Ç — 1,000,000leke", "  edge spaces  ", "a & b < c > d \"q\" 'a'", "line one\nline two",
         "=SUM(A1)", "emoji 🙂", "Сyrillic ё", "ë Ç — 1,000,000leke"]


def _openpyxl_bytes(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _grid(data: bytes | Path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(BytesIO(data)) if isinstance(data, bytes) else \
        CalamineWorkbook.from_path(str(data))
    return {s: book.get_sheet_by_name(s).to_python(skip_empty_area=False) for s in book.sheet_names}


def _texts_book() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tekste"
    for r, text in enumerate(TEXTS, start=1):
        ws.cell(r, 1, text).data_type = "s"  # "=SUM(A1)" stays text, as Matrica writes typed text
        ws.cell(r, 2, r * 1.5)
    wb.create_sheet("Bosh")
    return wb


def test_texts_move_to_the_shared_string_table_with_every_value_kept():
    plain = _openpyxl_bytes(_texts_book())
    shared = share_strings(plain)
    with zipfile.ZipFile(BytesIO(shared)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert SHARED_STRINGS in z.namelist()
        assert not any(b"inlineStr" in z.read(n) for n in sheets)
        assert b"sharedStrings" in z.read("[Content_Types].xml")
        assert b"sharedStrings.xml" in z.read("xl/_rels/workbook.xml.rels")
        assert z.read(SHARED_STRINGS).count(b"<si>") == len(set(TEXTS))  # each text once
    assert _grid(shared) == _grid(plain)
    assert [row[0] for row in _grid(shared)["Tekste"]] == TEXTS
    back = load_workbook(BytesIO(shared))["Tekste"]
    assert [back.cell(r, 1).value for r in range(1, len(TEXTS) + 1)] == TEXTS


def test_a_package_without_inline_strings_or_with_a_table_already_is_given_back_unchanged():
    wb = Workbook()
    wb.active["A1"] = 5
    plain = _openpyxl_bytes(wb)
    assert share_strings(plain) == plain
    once = share_strings(_openpyxl_bytes(_texts_book()))
    assert share_strings(once) == once


def test_rich_text_cells_stay_inline(tmp_path):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = _texts_book()
    wb["Tekste"]["C1"] = CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold")])
    shared = share_strings(_openpyxl_bytes(wb))
    assert _grid(shared)["Tekste"][0][2] == "plain bold"
    assert _grid(shared)["Tekste"][0][0] == TEXTS[0]


def test_a_built_workbook_reads_the_same_in_calamine_openpyxl_and_libreoffice(built, plans, tmp_path):
    from addin.workbook.build import new_workbook

    path = built[SOCIAL]
    with zipfile.ZipFile(path) as z:
        assert SHARED_STRINGS in z.namelist()
    plain = _openpyxl_bytes(new_workbook(plans[SOCIAL]))  # the same workbook as openpyxl alone writes it
    assert _grid(path) == _grid(plain)
    assert path.stat().st_size < 0.9 * len(plain)
    again = soffice(path, "xlsx", tmp_path / "lo")  # LibreOffice opens it and saves what it read
    ours, theirs = _grid(path), _grid(again)
    for sheet in ("Matrica", "Treguesit", f"Monitorimi {plans[SOCIAL].start_year}"):
        texts = [[v for v in row if isinstance(v, str) and v] for row in ours[sheet]]
        assert [[v for v in row if isinstance(v, str) and v] for row in theirs[sheet][:len(texts)]] == texts


def test_save_atomic_writes_shared_strings_and_leaves_nothing_else(tmp_path):
    wb = _texts_book()
    out = tmp_path / "libri.xlsx"
    save_atomic(wb, out)
    with zipfile.ZipFile(out) as z:
        assert SHARED_STRINGS in z.namelist()
    assert [row[0] for row in _grid(out)["Tekste"]] == TEXTS
    assert list(tmp_path.iterdir()) == [out]  # nothing else left behind
