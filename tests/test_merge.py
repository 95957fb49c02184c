"""`matrica merge`: each part's entries copied into a copy of the workbook by key; conflicts listed, never chosen;
refused inputs; idempotence; the inputs are only read."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from openpyxl import load_workbook

from addin.checks.merge import merge
from addin.workbook import layout as L
from addin.workbook.monitoring import read_entries
from addin.workbook.narrative import read_narrative
from addin.workbook.parts import split
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL, run_matrica
from tests.monitoring_fill import Filler
from tests.workbook_edits import Edit

M25 = L.monitoring_sheet(2025)
ACTUAL = next(c.header for c in L.MONITORING_INPUT_COLUMNS if c.key == "actual")


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def split_annex(built, tmp_path_factory):
    """The plain annex workbook's 2025, split (QKR, SHK and DSTR parts); returns (workbook, {code: part})."""
    folder = tmp_path_factory.mktemp("merge")
    book = folder / "annex.xlsx"
    shutil.copyfile(built[ANNEX], book)
    done = split(book, 2025, folder / "parts", ["QKR", "SHK", "DSTR"])
    return book, {w.institution.code: w.path for w in done.parts}


def values_of(path, year=2025):
    """Every input of a year's sheet by (field, code, n, column), empty cells left out."""
    out = {}
    for e in read_entries(open_workbook(path), year):
        for c in L.MONITORING_INPUT_COLUMNS:
            if e.raw.get(c.key) is not None:
                out[(e.field, e.activity, int(e.raw["n"]), c.key)] = e.raw[c.key]
    return out


def log_rows(path):
    """The Bashkimi sheet's table below its header row."""
    ws = load_workbook(path)[L.SHEET_MERGE]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Lloji")
    return [[c.value for c in row] for row in ws.iter_rows(min_row=header + 1)]


def test_each_parts_entries_land_in_their_rows_with_their_source_file(split_annex, tmp_path):
    book, parts = split_annex
    qkr = Filler(parts["QKR"], tmp_path / "qkr.xlsx").put(2025, "RC", "1.1", 1, status="në proces", actual=12,
                                                          spent=30000, notes="=nuk është formulë").save()
    shk = Filler(parts["SHK"], tmp_path / "shk.xlsx").put(2025, "AR", "2.2.1", 1, status="realizuar plotësisht",
                                                          actual=4).save()
    before = {p: digest(p) for p in (book, qkr, shk)}
    done = merge(book, [qkr, shk], tmp_path / "out.xlsx")
    assert not done.conflicts and {p: digest(p) for p in before} == before  # the inputs are only read
    assert values_of(tmp_path / "out.xlsx") == {
        ("RC", "1.1", 1, "status"): "në proces", ("RC", "1.1", 1, "actual"): 12.0, ("RC", "1.1", 1, "spent"): 30000.0,
        ("RC", "1.1", 1, "notes"): "=nuk është formulë",
        ("AR", "2.2.1", 1, "status"): "realizuar plotësisht", ("AR", "2.2.1", 1, "actual"): 4.0,
    }
    log = log_rows(tmp_path / "out.xlsx")
    assert {(r[0], r[3], r[5], r[6]) for r in log} == {
        ("bashkuar", "RC 1.1 #1", "në proces", "qkr.xlsx"), ("bashkuar", "RC 1.1 #1", 12, "qkr.xlsx"),
        ("bashkuar", "RC 1.1 #1", 30000, "qkr.xlsx"), ("bashkuar", "RC 1.1 #1", "=nuk është formulë", "qkr.xlsx"),
        ("bashkuar", "AR 2.2.1 #1", "realizuar plotësisht", "shk.xlsx"), ("bashkuar", "AR 2.2.1 #1", 4, "shk.xlsx"),
    }
    notes = load_workbook(tmp_path / "out.xlsx")[M25]
    assert any(c.value == "=nuk është formulë" and c.data_type == "s" for row in notes.iter_rows() for c in row)


def test_rows_are_matched_by_key_not_by_position(split_annex, tmp_path):
    book, parts = split_annex
    moved = tmp_path / "moved.xlsx"
    wb = load_workbook(book)
    wb[M25].insert_rows(L.FIRST_DATA_ROW, 3)  # the workbook's rows moved down; the part's did not
    wb[M25].move_range(f"A{L.FIRST_DATA_ROW + 3}:Z{L.FIRST_DATA_ROW + 3}", rows=-2)  # RC 1.1 up, a gap below it
    wb.save(moved)
    qkr = Filler(parts["QKR"], tmp_path / "qkr.xlsx").put(2025, "RC", "1.1", 1, actual=7).put(
        2025, "RC", "1.2", 1, actual=8).save()
    done = merge(moved, [qkr], tmp_path / "out.xlsx")
    assert [m.target.ref for m in done.merged] == [f"'{M25}'!H5", f"'{M25}'!H8"]
    got = values_of(tmp_path / "out.xlsx")
    assert got == {("RC", "1.1", 1, "actual"): 7.0, ("RC", "1.2", 1, "actual"): 8.0}


def test_disagreements_are_listed_and_nothing_is_chosen(split_annex, tmp_path):
    book, parts = split_annex
    # the workbook got a value after the split: a part that says otherwise is a conflict, not an overwrite
    later = Filler(book, tmp_path / "later.xlsx").put(2025, "RC", "1.3", 1, actual=5).save()
    a = Filler(parts["QKR"], tmp_path / "a.xlsx").put(2025, "RC", "1.1", 1, status="në proces", actual=12).put(
        2025, "RC", "1.3", 1, actual=6).save()
    b = Filler(parts["QKR"], tmp_path / "b.xlsx").put(2025, "RC", "1.1", 1, status="Në  Proces", actual=13).save()
    proc = run_matrica("merge", str(later), str(a), str(b), "--out", str(tmp_path / "out.xlsx"), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    conflicts = {(c["code"], c["column"]): [(v["value"], v["file"].rsplit("/", 1)[-1]) for v in c["values"]]
                 for c in data["conflicts"]}
    assert conflicts == {("RC 1.1 #1", ACTUAL): [(12, "a.xlsx"), (13, "b.xlsx")],
                         ("RC 1.3 #1", ACTUAL): [(5, "workbook"), (6, "a.xlsx")]}
    # "në proces" and "Në  Proces" are the same entry; the conflicting cells keep the workbook's values
    assert values_of(tmp_path / "out.xlsx") == {("RC", "1.1", 1, "status"): "në proces",
                                               ("RC", "1.3", 1, "actual"): 5.0}
    log = log_rows(tmp_path / "out.xlsx")
    assert [(r[0], r[2], r[5], r[6], r[8], r[9]) for r in log if r[0] == "konflikt"] == [
        ("konflikt", f"'{M25}'!H4", 12, "a.xlsx", 13, "b.xlsx"),
        ("konflikt", f"'{M25}'!H6", 5, "libri", 6, "a.xlsx")]
    assert load_workbook(tmp_path / "out.xlsx").sheetnames[0] == L.SHEET_MERGE  # conflicts: the sheet comes first
    text = run_matrica("merge", str(later), str(a), str(b), "--out", str(tmp_path / "out2.xlsx"))
    assert text.returncode == 1 and "'12' (a.xlsx) ≠ '13' (b.xlsx)" in text.stdout
    assert "1 vlerë u bashkua, 0 ishin njësoj në libër; 2 konflikte" in text.stdout


def test_a_part_made_from_this_workbook_corrects_what_it_carried(split_annex, tmp_path):
    book, _parts = split_annex
    filled = Filler(book, tmp_path / "filled.xlsx").put(2025, "ST", "5.3", 1, status="në proces", actual=2).put(
        2025, "ST", "5.4", 1, notes="nga libri").save()
    (part,) = split(filled, 2025, tmp_path / "p", ["DSTR"]).parts  # carries the workbook's values
    edited = Filler(part.path, tmp_path / "dstr.xlsx").put(2025, "ST", "5.3", 1, status="realizuar plotësisht",
                                                           actual=3).put(2025, "ST", "5.4", 1, notes=None).save()
    done = merge(filled, [edited], tmp_path / "out.xlsx")
    got = values_of(tmp_path / "out.xlsx")
    assert got[("ST", "5.3", 1, "status")] == "realizuar plotësisht" and got[("ST", "5.3", 1, "actual")] == 3
    # emptying a value it was given is never taken silently
    assert [(c.target.code, [v.value for v in c.values]) for c in done.conflicts] == [
        ("ST 5.4 #1", ["nga libri", None])]
    assert got[("ST", "5.4", 1, "notes")] == "nga libri"


def test_merging_the_same_part_again_changes_nothing(split_annex, tmp_path):
    book, parts = split_annex
    qkr = Filler(parts["QKR"], tmp_path / "qkr.xlsx").put(2025, "RC", "2.1", 1, status="në proces", actual=1).save()
    first = merge(book, [qkr], tmp_path / "once.xlsx")
    twice = merge(book, [qkr, qkr], tmp_path / "twice.xlsx")
    again = merge(tmp_path / "once.xlsx", [qkr], tmp_path / "again.xlsx")
    assert len(first.merged) == len(twice.merged) == 2 and not twice.conflicts
    assert not again.merged and not again.conflicts and again.unchanged == 2
    assert values_of(tmp_path / "once.xlsx") == values_of(tmp_path / "twice.xlsx") == values_of(tmp_path / "again.xlsx")
    assert log_rows(tmp_path / "again.xlsx") == log_rows(tmp_path / "once.xlsx")  # the log is kept, not repeated
    once, again_ws = load_workbook(tmp_path / "once.xlsx")[L.SHEET_MERGE], load_workbook(tmp_path / "again.xlsx")[
        L.SHEET_MERGE]
    assert once["A2"].value == again_ws["A2"].value


def test_narrative_texts_and_follow_up_rows_merge_by_key(split_annex, tmp_path):
    book, parts = split_annex
    wb = load_workbook(parts["QKR"])
    ws = wb[L.SHEET_NARRATIVE]
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}
    for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
        key = (ws.cell(r, col["Pjesa"]).value, ws.cell(r, col["Fusha"]).value)
        if key == ("Arritjet", "RC"):
            ws.cell(r, col["Teksti"]).value = "Regjistrimi u zgjerua."
        if key == ("Rekomandimet", "AR"):
            ws.cell(r, col["Teksti"]).value = "Më shumë mësues ndihmës."
            ws.cell(r, col["Përgjegjës"]).value = "QKR"
    follow = next(r for r in range(L.FIRST_DATA_ROW, ws.max_row + 1)
                  if ws.cell(r, col["Pjesa"]).value.startswith("Ndjekja"))
    ws.cell(follow, col["Fusha"]).value = "RC"
    ws.cell(follow, col["Teksti"]).value = "Fushatë regjistrimi"
    ws.cell(follow, col["Statusi i zbatimit"]).value = "në proces"
    wb.save(tmp_path / "qkr.xlsx")
    done = merge(book, [tmp_path / "qkr.xlsx"], tmp_path / "out.xlsx")
    assert not done.conflicts
    n = read_narrative(open_workbook(tmp_path / "out.xlsx"))
    assert n.text(2025, "achievements", "RC") == "Regjistrimi u zgjerua."
    assert n.text(2025, "recommendations", "AR") == "Më shumë mësues ndihmës."
    assert [(e.field, e.text, e.status) for e in n.follow_up(2025)] == [("RC", "Fushatë regjistrimi", "në proces")]
    assert n.text(2025, "achievements", "AR") == ""  # nothing typed, nothing written


@pytest.mark.parametrize("case", ["other-plan", "other-year", "unreadable", "plan-edited", "not-a-part"])
def test_a_part_that_does_not_fit_is_refused_with_one_sentence(split_annex, built, tmp_path, case):
    book, parts = split_annex
    good = parts["SHK"]
    if case == "other-plan":
        bad = split(built[SOCIAL], 2025, tmp_path / "s").parts[0].path
        says = "është pjesë e planit 'plani-social-2023-2026'"
    elif case == "other-year":
        bad = split(book, 2026, tmp_path / "y", ["SHK"]).parts[0].path
        says = "është pjesa e vitit 2026; ky bashkim është për 2025"
    elif case == "unreadable":
        bad = tmp_path / "bad.xlsx"
        bad.write_bytes(b"PK\x03\x04 not really a zip")
        says = "skedari është i dëmtuar"
    elif case == "plan-edited":
        edit = Edit(parts["QKR"], tmp_path / "edited.xlsx")
        ref = edit.set(M25, ("RC", "1.1", 1), "Treguesi", "Një tregues tjetër")
        bad = edit.save()
        says = f"qelizat e planit në pjesë janë ndryshuar ({ref})"
    else:
        bad = book
        says = "nuk është pjesë e bërë me matrica split"
    out = tmp_path / "out.xlsx"
    proc = run_matrica("merge", str(book), str(good), str(bad), "--out", str(out))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2 and says in lines[0] and str(bad) in lines[0] and lines[1] == "Asgjë nuk u shkrua."
    assert not out.exists()


def test_merge_refuses_to_write_over_an_input(split_annex):
    book, parts = split_annex
    proc = run_matrica("merge", str(book), str(parts["SHK"]), "--out", str(book))
    assert proc.returncode == 2 and "nuk mund të jetë vetë skedari hyrës" in proc.stderr


def test_a_percentage_keeps_its_meaning_through_split_and_merge(built, tmp_path):
    from addin.workbook.monitoring import cell_reading

    def actual(path, key=("A", "A1.2", 1)):
        e = next(e for e in read_entries(open_workbook(path), 2025) if (e.field, e.activity, int(e.raw["n"])) == key)
        return cell_reading(e, "actual").value

    typed = Edit(built[SOCIAL], tmp_path / "typed-70-percent.xlsx")  # 70% typed: 0.7 shown as a percentage
    ref = typed.set(M25, ("A", "A1.2", 1), ACTUAL, 0.7)
    sheet, cell = ref.rsplit("!", 1)
    typed.wb[M25][cell].number_format = "0%"
    source = typed.save()
    (part,) = split(source, 2025, tmp_path / "p").parts
    assert actual(source) == actual(part.path) == 70
    done = merge(built[SOCIAL], [part.path], tmp_path / "out.xlsx")
    assert actual(tmp_path / "out.xlsx") == 70 and not done.conflicts
    plain = Filler(built[SOCIAL], tmp_path / "plain.xlsx").put(2025, "A", "A1.2", 1, actual=70).save()
    again = merge(plain, [part.path], tmp_path / "again.xlsx")  # 70 typed and 70 % are the same entry
    assert not again.conflicts and not [m for m in again.merged if m.slot.column == "actual"]
