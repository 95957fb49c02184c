"""Sheets read ahead on background threads (`WorkbookData.prefetch`) give exactly what reading them when asked gives:
the same values, the same findings from the same moment, the same error from `values()`; nothing is raised or
printed from a thread, no thread is left running, and where threads cannot start everything is read as before."""

from __future__ import annotations

import threading

import pytest

from addin.checks.validate import gather_workbook, validate
from addin.common.messages import MatricaError
from addin.workbook import layout as L
from addin.workbook import reader
from addin.workbook.reader import WorkbookData, open_workbook
from addin.workbook.sheetxml import lean_copy
from tests.conftest import ANNEX
from tests.workbook_edits import Edit, edit_sheet_xml, with_cell_xml

M25 = L.monitoring_sheet(2025)
READ = (L.SHEET_MATRIX, L.SHEET_INDICATORS, M25, L.SHEET_NARRATIVE)


def _reading_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "matrica-read"]


def _findings(wb: WorkbookData) -> tuple:
    return (wb.error_cells(), wb.stray_cells(), wb.uncached_formulas(), wb.merged_cells(),
            {s: wb.percent_cells(s) for s in READ})


@pytest.fixture(scope="module")
def awkward(built, tmp_path_factory):
    """The annex workbook with a stray value, an error value, a formula without its result, merged input cells and
    a percent-formatted value on the sheets a command reads."""
    folder = tmp_path_factory.mktemp("awkward")
    edit = Edit(built[ANNEX], folder / "edited.xlsx")
    edit.cell(M25, "XFD1048576", "larg")
    error = edit.set(M25, ("RC", "1.2", 1), "Vlera aktuale", 1).rsplit("!", 1)[1]
    edit.set(M25, ("RC", "1.3", 1), "Vlera aktuale", "=1+1", formula=True)
    edit.cell(L.SHEET_MATRIX, "AZ3000", "larg")
    ws = edit.wb[M25]
    ws.merge_cells(f"H{L.FIRST_DATA_ROW}:H{L.FIRST_DATA_ROW + 1}")
    edit.set(M25, ("RC", "2.1", 1), "Vlera aktuale", 0.7)
    ws[edit.addresses[(M25, "RC", "2.1", 1, "Vlera aktuale")].rsplit("!", 1)[1]].number_format = "0%"
    return edit_sheet_xml(edit.save(), folder / "awkward.xlsx", M25,
                          with_cell_xml(error, f'<c r="{error}" t="e"><v>#REF!</v></c>'))


def test_a_prefetched_sheet_gives_the_same_values_and_findings_as_reading_it_when_asked(awkward):
    serial = open_workbook(awkward)
    grids = [serial.values(s) for s in READ]
    ahead = open_workbook(awkward)
    ahead.prefetch(READ)
    assert [ahead.values(s) for s in READ] == grids
    assert _findings(ahead) == _findings(serial)
    stray = ahead.stray_cells()
    assert "XFD1048576" in stray[M25][1] and "AZ3000" in stray[L.SHEET_MATRIX][1]
    assert ahead.error_cells()[M25] and ahead.uncached_formulas()[M25] and ahead.merged_cells()[M25]
    assert ahead.percent_cells(M25)


def test_validation_with_sheets_read_ahead_finds_what_serial_reading_finds(awkward, monkeypatch):
    ahead = validate(awkward)
    monkeypatch.setattr(reader, "THREADS", False)
    serial = validate(awkward)
    assert [f.message("en") for f in ahead.findings] == [f.message("en") for f in serial.findings]
    assert any(f.rule == "stray-cell" for f in ahead.findings)


def test_findings_of_a_sheet_read_ahead_count_only_once_the_command_asks_for_it(awkward):
    wb = open_workbook(awkward)
    wb.prefetch([M25, L.SHEET_MATRIX])
    for thread in _reading_threads():
        thread.join()
    assert wb.error_cells() == {} and wb.stray_cells() == {}  # read, but not asked for yet
    wb.values(L.SHEET_MATRIX)
    assert list(wb.stray_cells()) == [L.SHEET_MATRIX]
    wb.values(M25)
    assert list(wb.stray_cells()) == [L.SHEET_MATRIX, M25] and list(wb.error_cells()) == [M25]


@pytest.fixture(scope="module")
def damaged(built, tmp_path_factory):
    """The annex workbook whose Treguesit sheet is not well-formed XML: calamine refuses it."""
    dst = tmp_path_factory.mktemp("damaged") / "damaged.xlsx"
    return edit_sheet_xml(built[ANNEX], dst, L.SHEET_INDICATORS, lambda xml: xml.replace(b"</sheetData>", b"", 1))


def test_a_damaged_sheet_read_ahead_raises_the_same_error_from_values_and_nothing_from_the_thread(damaged,
                                                                                                    monkeypatch):
    with pytest.raises(MatricaError) as serial:
        open_workbook(damaged).values(L.SHEET_INDICATORS)
    seen = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args))
    wb = open_workbook(damaged)
    wb.prefetch([L.SHEET_INDICATORS, L.SHEET_MATRIX])
    with pytest.raises(MatricaError) as ahead:
        wb.values(L.SHEET_INDICATORS)
    assert (ahead.value.key, str(ahead.value)) == (serial.value.key, str(serial.value))
    assert str(damaged) in str(ahead.value) and L.SHEET_INDICATORS in str(ahead.value)
    assert wb.values(L.SHEET_MATRIX)  # the other sheet read ahead is still there
    assert seen == []


def test_the_error_of_a_damaged_sheet_names_the_file_and_sheet_on_the_command_line(damaged, capfd):
    from addin.cli import main

    code = main(["validate", str(damaged), "--no-copy"])
    err = capfd.readouterr().err
    assert code == 2 and "Traceback" not in err and L.SHEET_INDICATORS in err and damaged.name in err


def test_no_reading_thread_is_left_once_the_sheets_are_read(awkward):
    wb = open_workbook(awkward)
    gather_workbook(wb, 2025)
    for thread in _reading_threads():
        thread.join(timeout=60)
    assert _reading_threads() == []


def test_sheets_are_read_when_asked_for_where_threads_cannot_start(awkward, monkeypatch):
    def refuse(self):
        raise RuntimeError("can't start new thread")

    serial = open_workbook(awkward)
    expected = [serial.values(s) for s in READ]
    monkeypatch.setattr(threading.Thread, "start", refuse)
    wb = open_workbook(awkward)
    wb.prefetch(READ)
    assert wb._pending == {}
    assert [wb.values(s) for s in READ] == expected and _findings(wb) == _findings(serial)


def test_under_pyodide_nothing_is_read_ahead(awkward, monkeypatch):
    monkeypatch.setattr(reader, "THREADS", False)  # what sys.platform == "emscripten" gives
    started = []
    monkeypatch.setattr(threading.Thread, "start", lambda self: started.append(self))
    wb = open_workbook(awkward)
    wb.prefetch(READ)
    assert started == [] and [wb.values(s) for s in READ]


def test_a_workbook_read_from_excels_values_is_never_read_ahead(awkward):
    serial = open_workbook(awkward)
    asked: list[str] = []

    def read(sheet):
        asked.append(sheet)
        return [[None if v == "" else v for v in row] for row in serial.values(sheet)]

    wb = WorkbookData.from_values(awkward, serial.sheet_names, read)
    wb.prefetch(READ)
    assert asked == [L.SHEET_SETTINGS] and _reading_threads() == []
    wb.values(M25)
    assert asked == [L.SHEET_SETTINGS, M25]


def _damage(src, dst, member: str, offset: int, flip: int):
    """A copy of `src` with one byte of `member`'s compressed data changed."""
    import zipfile

    raw = bytearray(src.read_bytes())
    info = zipfile.ZipFile(src).getinfo(member)
    raw[info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + offset] ^= flip
    dst.write_bytes(bytes(raw))
    return dst


@pytest.mark.parametrize(("member", "offset", "flip"), [("xl/worksheets/sheet2.xml", 200, 0x10),
                                                        ("xl/styles.xml", 40, 0x01),
                                                        ("docProps/core.xml", 60, 0x80)])
def test_a_damaged_part_is_found_by_the_two_lane_check_as_by_reading_every_part_in_order(built, tmp_path,
                                                                                        monkeypatch, member, offset,
                                                                                        flip):
    path = _damage(built[ANNEX], tmp_path / "damaged.xlsx", member, offset, flip)

    def outcome():
        try:
            reader._check_file(path).finish()
        except Exception as exc:  # a zlib error escapes _check_file today, in both ways alike
            return type(exc).__name__, str(exc)
        return None

    lanes = outcome()
    monkeypatch.setattr(reader, "THREADS", False)
    assert lanes == outcome() and lanes is not None


# ---------------------------------------------------------------- sheets read from the opening on

def _summary_sheets(names: list[str]) -> list[str]:
    return reader.sheets_read(2025, up_to=True)(names)


def test_sheets_named_at_opening_are_read_ahead_and_give_what_reading_them_when_asked_gives(awkward):
    serial = open_workbook(awkward)
    grids = [serial.values(s) for s in READ]
    ahead = open_workbook(awkward, prefetch=lambda names: READ)
    assert set(ahead._pending) == set(READ)
    assert [ahead.values(s) for s in READ] == grids
    assert _findings(ahead) == _findings(serial)


def test_the_sheets_a_summary_reads_are_those_it_asks_for_in_that_order(built):
    wb = open_workbook(built[ANNEX])
    assert _summary_sheets(wb.sheet_names) == [L.SHEET_MATRIX, L.monitoring_sheet(2024), M25, L.SHEET_INDICATORS,
                                               L.SHEET_NARRATIVE, L.SHEET_LISTS, L.SHEET_OBJECTIVES]


def test_sheets_are_parsed_with_the_first_needed_first_and_the_largest_never_last():
    sizes = {"Matrica": 6, "Treguesit": 11, "Monitorimi 2023": 14, "Objektivat": 2}
    order = reader._schedule(list(sizes), sizes, 2)
    assert order[:2] == ["Matrica", "Monitorimi 2023"] and order.index("Treguesit") < order.index("Objektivat")
    assert reader._schedule(list(sizes), sizes, 1) == list(sizes)


def _damaged(src, dst, *members: str):
    from tests.test_validate_unreadable import damaged_member

    for member in members:
        damaged_member(member)(src, dst)
        src = dst
    return dst


DAMAGED = pytest.mark.parametrize(
    "members", [("xl/worksheets/sheet4.xml",), ("xl/worksheets/sheet7.xml",), ("xl/styles.xml",),
                ("xl/worksheets/sheet4.xml", "xl/worksheets/sheet7.xml"),
                ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet4.xml")],
    ids=["read-ahead", "not-read", "styles", "read-ahead-then-not-read", "not-read-then-read-ahead"])


@DAMAGED
def test_a_damaged_part_is_named_as_reading_every_part_in_order_names_it_when_sheets_are_read_from_the_opening(
        built, tmp_path, monkeypatch, members):
    path = _damaged(built[ANNEX], tmp_path / "damaged.xlsx", *members)

    def outcome():
        with pytest.raises(MatricaError) as err:
            open_workbook(path, prefetch=_summary_sheets)
        return err.value.key, err.value.message("en")

    ahead = outcome()
    assert min(members) in ahead[1]  # the first in the zip's order
    monkeypatch.setattr(reader, "THREADS", False)
    assert ahead == outcome()


@DAMAGED
def test_a_summary_that_checks_the_unread_parts_last_names_the_damaged_part_that_checking_first_names(
        built, tmp_path, monkeypatch, capsys, members):
    """`summary` opens with `settle_later` (its sheets are parsed before the parts nobody reads are checked): it
    still says nothing but the first damaged part in the zip's order, as checking every part on opening does."""
    from addin.cli import main

    path = _damaged(built[ANNEX], tmp_path / "damaged.xlsx", *members)

    def run() -> tuple[int, str, str]:
        code = main(["summary", str(path), "--year", "2025"])
        out, err = capsys.readouterr()
        return code, out, err

    later = run()
    assert later[0] == 2 and later[1] == "" and min(members) in later[2]
    monkeypatch.setattr(reader, "THREADS", False)
    assert later == run()


def test_with_settle_later_the_sheets_are_parsed_before_the_unread_parts_are_checked(built, monkeypatch):
    events: list[str] = []
    inflate, parse = reader._Reading._inflate, reader._parse_sheet
    monkeypatch.setattr(reader._Reading, "_inflate",
                        lambda self, z, i, **k: events.append(self.infos[i].filename) or inflate(self, z, i, **k))
    monkeypatch.setattr(reader, "_parse_sheet", lambda *a, **k: events.append(f"parse {a[2]}") or parse(*a, **k))
    wb = open_workbook(built[ANNEX], prefetch=_summary_sheets, settle_later=True)
    wanted = _summary_sheets(wb.sheet_names)
    assert [wb.values(s) for s in wanted]
    wb.settle()
    parts = {s: m for s, m in wb._members.items()}
    unread = [m for s, m in parts.items() if s not in wanted]
    last_parse = max(i for i, e in enumerate(events) if e.startswith("parse ") and e[6:] in wanted)
    assert unread and all(events.index(m) > last_parse for m in unread)
    assert wb._unsettled is None
    wb.settle()  # once settled, nothing more to wait for


def test_an_interrupt_while_the_parts_are_inflated_on_opening_leaves_no_reading_thread_behind(built, monkeypatch):
    inflate = reader._Reading._inflate

    def interrupted(self, z, i, **k):
        if self.kept.get(i) is not None:
            raise KeyboardInterrupt
        inflate(self, z, i, **k)

    monkeypatch.setattr(reader._Reading, "_inflate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_workbook(built[ANNEX], prefetch=_summary_sheets)
    for thread in _reading_threads():
        thread.join(timeout=60)
    assert _reading_threads() == []


def test_a_workbook_that_cannot_be_opened_leaves_no_reading_thread_behind(built, tmp_path):
    from tests.test_validate_unreadable import edited, set_plan_id

    path = tmp_path / "other-plan.xlsx"
    edited(built[ANNEX], path, set_plan_id("plani-tjeter-2030"))
    with pytest.raises(MatricaError) as err:
        open_workbook(path, prefetch=_summary_sheets)
    assert err.value.key == "unknown_plan"
    for thread in _reading_threads():
        thread.join(timeout=60)
    assert _reading_threads() == []


def test_a_sheet_asked_for_before_any_thread_reaches_it_is_read_by_the_one_asking(awkward, monkeypatch):
    serial = open_workbook(awkward)
    expected = [serial.values(s) for s in READ]
    wb = open_workbook(awkward)
    monkeypatch.setattr(threading.Thread, "start", lambda self: None)  # started, but never runs
    wb.prefetch(READ)
    assert set(wb._pending) == set(READ)
    assert [wb.values(s) for s in READ] == expected and _findings(wb) == _findings(serial)


def test_a_summary_with_its_sheets_read_from_the_opening_prints_what_reading_in_order_prints(awkward, capsys,
                                                                                             monkeypatch):
    from addin.cli import main

    def run() -> tuple[int, str]:
        code = main(["summary", str(awkward), "--year", "2025", "--format", "json"])
        return code, capsys.readouterr().out

    ahead = run()
    monkeypatch.setattr(reader, "THREADS", False)
    assert ahead == run() and ahead[1]


def test_a_sheet_calamine_reads_from_a_lean_copy_gives_the_same_values_findings_and_errors(awkward, damaged,
                                                                                          monkeypatch):
    """Large sheets read ahead reach calamine as a copy holding their part as it was read (not inflated again): every
    sheet read that way gives what reading it from the file gives, a sheet that is not well-formed the same error."""
    sheets = [s for s in open_workbook(awkward).sheet_names]
    serial = open_workbook(awkward)
    expected = [serial.values(s) for s in sheets]
    with pytest.raises(MatricaError) as from_file:
        open_workbook(damaged).values(L.SHEET_INDICATORS)
    monkeypatch.setattr(reader, "LEAN_SHEET", 0)
    monkeypatch.setattr(reader, "LEAN_SHARE", 0)
    copies = []
    monkeypatch.setattr(reader, "lean_copy", lambda *args: copies.append(args[1]) or lean_copy(*args))
    lean = open_workbook(awkward, prefetch=lambda names: names)
    assert [lean.values(s) for s in sheets] == expected
    assert len(copies) == len(sheets) - len(serial.stray_cells())  # a sheet cut short goes as its cut copy
    assert _findings(lean) == _findings(serial)
    wb = open_workbook(damaged, prefetch=lambda names: [L.SHEET_INDICATORS])
    with pytest.raises(MatricaError) as from_copy:
        wb.values(L.SHEET_INDICATORS)
    assert str(from_copy.value) == str(from_file.value)


@pytest.fixture(scope="module")
def both_damaged(built, tmp_path_factory):
    """The annex workbook whose Treguesit and 2025 monitoring sheets are both not well-formed XML."""
    folder = tmp_path_factory.mktemp("both")
    cut = lambda xml: xml.replace(b"</sheetData>", b"", 1)  # noqa: E731
    once = edit_sheet_xml(built[ANNEX], folder / "one.xlsx", L.SHEET_INDICATORS, cut)
    return edit_sheet_xml(once, folder / "both.xlsx", M25, cut)


@pytest.mark.parametrize("first", ["Treguesit", "monitoring"])
@pytest.mark.parametrize("workbook", ["awkward", "damaged", "both_damaged"])
def test_validation_is_the_same_whichever_sheet_the_threads_finish_first(request, monkeypatch, workbook, first):
    """gather_workbook takes Treguesit before the monitoring sheets when a thread has read it first: the findings,
    or the error that stops validation, are those of the usual order."""
    path = request.getfixturevalue(workbook)

    def run() -> tuple:
        try:
            return tuple((f.rule, f.cell, f.message("sq"), f.message("en")) for f in validate(path).findings)
        except MatricaError as exc:
            return (exc.key, str(exc))

    usual = run()
    asked = []

    def ready(self, sheet):
        asked.append(sheet)
        return sheet == L.SHEET_INDICATORS if first == "Treguesit" else True
    monkeypatch.setattr(WorkbookData, "ready", ready)
    assert run() == usual
    assert L.SHEET_INDICATORS in asked
