"""Files that cannot be read as a Matrica workbook: exit 2, one clear message naming what is wrong, no traceback."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.workbook import layout as L
from tests.conftest import ANNEX, run_matrica


def encrypted(src: Path, dst: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with src.open("rb") as fh, dst.open("wb") as out:
        OOXMLFile(fh).encrypt("sekret", out)


def without_member(src: Path, dst: Path, member: str) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            if item.filename != member:
                zout.writestr(item, zin.read(item.filename))


def damaged_member(member: str):
    """The workbook with bytes in the middle of one part's compressed data flipped: its deflate stream no longer
    inflates (zlib.error), or inflates to data that fail its CRC."""
    def make(src: Path, dst: Path) -> None:
        data = bytearray(src.read_bytes())
        with zipfile.ZipFile(src) as z:
            info = z.getinfo(member)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        middle = start + min(200, info.compress_size // 4)
        for i in range(middle, middle + 64):
            data[i] ^= 0xFF
        dst.write_bytes(bytes(data))
    return make


def edited(src: Path, dst: Path, change) -> None:
    wb = load_workbook(src)
    change(wb)
    wb.save(dst)


def rename_header(sheet: str, old: str, new: str):
    def change(wb):
        cell = next(c for c in wb[sheet][L.HEADER_ROW] if c.value == old)
        cell.value = new
    return change


def set_plan_id(value: str):
    def change(wb):
        wb[L.SHEET_SETTINGS]["B4"] = value
    return change


CASES = {
    "not-xlsx": ("book.ods", lambda src, dst: dst.write_bytes(b"PK\x03\x04ods"), "nuk është libër Excel .xlsx/.xlsm"),
    "empty": ("book.xlsx", lambda src, dst: dst.write_bytes(b""), "skedari është bosh"),
    "corrupt-zip": ("book.xlsx", lambda src, dst: dst.write_bytes(src.read_bytes()[:5000]), "është i dëmtuar"),
    "text-named-xlsx": ("book.xlsx", lambda src, dst: dst.write_text("Fusha;Kodi\n"), "është i dëmtuar"),
    "no-workbook-part": ("book.xlsx", lambda src, dst: without_member(src, dst, "xl/workbook.xml"), "është i dëmtuar"),
    "password": ("book.xlsx", encrypted, "i mbrojtur me fjalëkalim"),
    "damaged-sheet-data": ("book.xlsx", damaged_member("xl/worksheets/sheet5.xml"), "është i dëmtuar"),
    "damaged-styles-data": ("book.xlsx", damaged_member("xl/styles.xml"), "është i dëmtuar"),
    "sheet-missing": ("book.xlsx", lambda s, d: edited(s, d, lambda wb: wb.remove(wb[L.SHEET_INDICATORS])),
                      "mungon fleta 'Treguesit'"),
    "column-missing": ("book.xlsx", lambda s, d: edited(s, d, rename_header(L.SHEET_MATRIX, "Kodi", "Kodi i ri")),
                       "në fletën 'Matrica' mungon kolona 'Kodi'"),
    "unknown-plan": ("book.xlsx", lambda s, d: edited(s, d, set_plan_id("plani-tjeter-2030")),
                     "nuk është i një plani që njeh Matrica (fleta 'Parametrat', qeliza B4: 'plani-tjeter-2030')"),
    "no-settings": ("book.xlsx", lambda s, d: edited(s, d, lambda wb: wb.remove(wb[L.SHEET_SETTINGS])),
                    "mungon fleta 'Parametrat'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_unreadable_file_exits_2_with_one_clear_message(built, tmp_path, case):
    name, make, says = CASES[case]
    path = tmp_path / name
    make(built[ANNEX], path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    proc = run_matrica("validate", str(path))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert says in proc.stderr and str(path) in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout and len(proc.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing half-written beside it


@pytest.mark.parametrize("member", ["xl/worksheets/sheet5.xml", "xl/styles.xml"])
@pytest.mark.parametrize("command", [("summary", "--year", "2025"), ("overview",), ("budget", "--out", "{out}/b.xlsx"),
                                     ("report", "--year", "2025", "--format", "html", "--out", "{out}"),
                                     ("split", "--year", "2025", "--out", "{out}")])
def test_a_damaged_part_stops_every_command_with_exit_2_naming_the_file(built, tmp_path, command, member):
    path = tmp_path / "book.xlsx"
    damaged_member(member)(built[ANNEX], path)
    proc = run_matrica(command[0], str(path), *(a.format(out=tmp_path / "out") for a in command[1:]))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "është i dëmtuar" in proc.stderr and str(path) in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_file_exits_2(tmp_path):
    proc = run_matrica("validate", str(tmp_path / "s'ka.xlsx"))
    assert proc.returncode == 2 and "Skedari nuk u gjet" in proc.stderr


def test_a_year_outside_the_plan_exits_2(built):
    proc = run_matrica("validate", str(built[ANNEX]), "--year", "2031", "--no-copy")
    assert proc.returncode == 2 and "viti 2031 është jashtë periudhës së planit 2024-2027" in proc.stderr


def test_a_year_without_its_sheet_exits_2(built, tmp_path):
    wb = load_workbook(built[ANNEX])
    del wb["Monitorimi 2026"]
    wb.save(tmp_path / "pa-2026.xlsx")
    proc = run_matrica("validate", str(tmp_path / "pa-2026.xlsx"), "--year", "2026", "--no-copy")
    assert proc.returncode == 2 and "mungon fleta 'Monitorimi 2026' për vitin 2026" in proc.stderr


def test_unreadable_file_message_in_english(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"")
    proc = run_matrica("validate", str(path), "--lang", "en")
    assert proc.returncode == 2 and "the file is empty" in proc.stderr


@pytest.mark.parametrize("member", ["xl/worksheets/sheet5.xml", "xl/styles.xml"])
def test_a_damaged_part_is_named_where_the_parts_are_checked_in_order(built, tmp_path, monkeypatch, member):
    """Where no thread can start (Pyodide, one core) the parts are checked one after the other: the same message."""
    from addin.common.messages import MatricaError
    from addin.workbook import reader

    monkeypatch.setattr(reader, "THREADS", False)
    path = tmp_path / "book.xlsx"
    damaged_member(member)(built[ANNEX], path)
    with pytest.raises(MatricaError) as err:
        reader.open_workbook(path)
    message = err.value.message("sq")
    assert err.value.exit_code == 2 and "është i dëmtuar" in message and member in message
