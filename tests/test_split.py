"""`matrica split`: one part per leading institution, built by the plan workbook's own builder, carrying what the
workbook holds for its rows; and checking a part (or one institution of a whole workbook) as a part."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.checks.validate import validate
from addin.plan.responsible import find_institution, responsibility, shares
from addin.workbook import layout as L
from addin.workbook.monitoring import read_entries
from addin.workbook.narrative import read_narrative
from addin.workbook.parts import part_path, read_part, split
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL, run_matrica
from tests.workbook_edits import Edit

M25 = L.monitoring_sheet(2025)

# The annex's lead for each measure under the documented rule (the first institution named; "Bashkia /" before a
# unit of its own and "… Bashkia Elbasan" after one are not institutions of their own; ASHC is ASHS).
ANNEX_LEADS = {
    "QKR": ["RC 1.1", "RC 1.2", "RC 1.3", "RC 2.1", "AR 2.2.2", "AR 2.3.1", "AR 2.3.2", "AR 2.3.3"],
    "ASHS": ["AR 2.1.1", "AR 2.1.2", "SH 3.1", "SH 3.2", "SH 3.3", "PU 4.1.5", "MS 6.1.1", "MS 6.1.2", "MS 6.1.4",
             "MS 6.1.5"],
    "ZVA": ["AR 2.1.3"], "SHK": ["AR 2.2.1"], "BASHKIA": ["AR 2.3.4", "PU 4.1.8", "PU 4.1.9"],
    "AKPA": ["PU 4.1.1", "PU 4.1.2"], "MSHMS": ["PU 4.1.3"], "QK": ["PU 4.1.4"], "KB": ["PU 4.1.6"],
    "DPZH": ["PU 4.1.7"], "DPZHU": ["ST 5.1", "ST 5.2"], "DSTR": ["ST 5.3", "ST 5.4"], "DMPS": ["MS 6.1.3", "KM 6.2.2"],
    "GP": ["KM 6.2.1"],
}


def test_the_first_institution_named_leads_each_annex_measure(plans):
    plan = plans[ANNEX]
    leads: dict[str, list[str]] = {}
    for a in plan.activities:
        leads.setdefault(responsibility(plan, a).lead.code, []).append(f"{a.field} {a.code}")
    assert leads == ANNEX_LEADS


def test_messy_responsible_texts_are_read_as_institutions(plans):
    plan = plans[ANNEX]

    def named(field, code):
        return [i.code for i in responsibility(plan, plan.activity(field, code)).institutions]

    # "Agjensia e Sherbimit Social Bashkia Elbasan (ASHS)": a spelling of ASHS, qualified by the town, code repeated
    assert named("RC", "1.1") == ["QKR", "ASHS", "ZGJC"]
    assert named("MS", "6.1.1") == ["ASHS"]  # "Bashkia / ASHC": the municipality's unit leads; ASHC is ASHS
    assert named("ST", "5.2") == ["DPZHU", "DBF"]  # "Bashkia / Drejtoria e Planifikimit e Zhvillimit Urban / …"
    assert named("AR", "2.3.4") == ["BASHKIA", "PL", "OSHC"]  # "Bashkia, partnerët lokalë, OSHC"
    assert named("AR", "2.1.1")[-2:] == ["NJVNR", "NJA"]  # "NJVNR\NJA"
    # every word of the column is an institution's, except the plan's own explanations in brackets
    left = {f"{a.field} {a.code}": responsibility(plan, a).unmatched for a in plan.activities}
    assert {k: v for k, v in left.items() if v} == {"KM 6.2.1": ("pikat", "kontaktit"),
                                                    "KM 6.2.2": ("koordinatori", "sistemin", "romalb")}


def test_the_social_plans_directorate_leads_every_activity(plans):
    plan = plans[SOCIAL]
    assert {responsibility(plan, a).lead.code for a in plan.activities} == {"DSHKSK"}
    unmatched = {f"{a.field} {a.code}": responsibility(plan, a).unmatched for a in plan.activities}
    assert {k: v for k, v in unmatched.items() if v} == {"D 2.1": ("njesite", "administrative"),
                                                         "D 3.1": ("njmrv",)}  # NJMRV: not in the plan's list


def test_an_institution_is_found_by_code_name_or_label(plans):
    plan = plans[ANNEX]
    qkr = find_institution(plan, "qkr")
    assert qkr.code == "QKR"
    assert find_institution(plan, "Qendra Komunitare Rome") == qkr
    assert find_institution(plan, "QKR – Qendra Komunitare Rome") == qkr
    assert find_institution(plan, "ASHC").code == "ASHS"
    assert find_institution(plan, "nobody") is None


@pytest.fixture(scope="session")
def parts(examples, tmp_path_factory):
    """The annex example's 2025, split."""
    out = tmp_path_factory.mktemp("parts")
    return split(examples[ANNEX], 2025, out)


def by_code(parts, code):
    return next(w for w in parts.parts if w.institution.code == code)


def test_one_part_per_leading_institution_with_a_windows_safe_name(parts):
    assert sorted(w.institution.code for w in parts.parts) == sorted(ANNEX_LEADS)
    for w in parts.parts:
        assert re.fullmatch(r"[A-Za-z0-9-]+\.xlsx", w.path.name) and len(w.path.name) < 120
        assert w.lead == len(ANNEX_LEADS[w.institution.code])
    assert by_code(parts, "QKR").path.name == f"{ANNEX}-shembull-2025-QKR-qendra-komunitare-rome.xlsx"
    assert {i.code for i in parts.without_part} >= {"ZGJC", "DARS", "NJVNR", "DON"}


def test_a_part_names_its_institution_year_and_source(parts, examples):
    w = by_code(parts, "QKR")
    info = read_part(open_workbook(w.path))
    assert (info.institution.code, info.year) == ("QKR", 2025)
    assert info.source == examples[ANNEX].name and info.sha256 == parts.sha256 and len(info.sha256) == 64
    book = load_workbook(w.path)
    assert book.sheetnames[0] == L.SHEET_GUIDE
    assert "QKR – Qendra Komunitare Rome" in book[L.SHEET_GUIDE]["A2"].value
    for ws in book.worksheets:
        assert ws.oddHeader.left.text.endswith("— QKR – Qendra Komunitare Rome"), ws.title
    assert "SHEMBULL" in book[M25].oddHeader.center.text  # the source is the example: so is the part


def input_cells(ws):
    """(key, column header) -> (unlocked, fill, dropdown formula) of every cell of a monitoring sheet's inputs."""
    col = {ws.cell(L.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    formulas = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col,
                                    max_col=rng.max_col):
                for cell in row:
                    formulas[cell.coordinate] = (dv.type, dv.formula1)
    out = {}
    for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
        key = (ws.cell(r, col["Fusha"]).value, str(ws.cell(r, col["Kodi"]).value), ws.cell(r, col["Nr."]).value)
        for c in L.MONITORING_INPUT_COLUMNS:
            cell = ws.cell(r, col[c.header])
            out[key, c.header] = (not cell.protection.locked, cell.fill.fgColor.rgb, formulas.get(cell.coordinate))
    return out


def test_a_parts_rows_have_the_workbooks_inputs_dropdowns_and_protection(parts, built, plans):
    w = by_code(parts, "QKR")
    part = load_workbook(w.path)[M25]
    whole = input_cells(load_workbook(built[ANNEX])[M25])
    mine = input_cells(part)
    lead = {tuple(c.split(" ", 1)) for c in ANNEX_LEADS["QKR"]}
    plan = plans[ANNEX]
    shared = {(a.field, a.code) for a in plan.activities
              if "QKR" in [i.code for i in responsibility(plan, a).institutions[1:]]}
    assert {(k[0], k[1]) for k, _h in mine} == lead | shared  # other rows absent
    for (key, header), cell in mine.items():
        if key[:2] in lead:
            assert cell == whole[key, header], (key, header)  # same yellow inputs, same dropdowns
        else:
            assert cell[0] is False and cell[2] is None  # co-responsible: locked, no dropdown
    assert part.protection.sheet and load_workbook(w.path)[L.SHEET_MATRIX].protection.sheet


def test_a_part_carries_the_workbooks_entries_for_its_rows(parts, examples):
    w = by_code(parts, "ASHS")
    src, part = open_workbook(examples[ANNEX]), open_workbook(w.path)
    for year in (2024, 2025):
        mine = {(e.field, e.activity, e.raw.get("n")): e.raw for e in read_entries(part, year)}
        theirs = {(e.field, e.activity, e.raw.get("n")): e.raw for e in read_entries(src, year)}
        assert mine and all({k: v for k, v in mine[key].items() if k != "indicator"}
                            == {k: v for k, v in theirs[key].items() if k != "indicator"} for key in mine)
    ws = load_workbook(w.path)[L.monitoring_sheet(2024)]  # an earlier year: shown, locked
    assert all(c.protection.locked for row in ws.iter_rows(min_row=L.FIRST_DATA_ROW) for c in row)


def test_a_parts_narrative_holds_its_own_fields_for_its_year(parts, examples):
    w = by_code(parts, "QKR")
    mine, theirs = read_narrative(open_workbook(w.path)), read_narrative(open_workbook(examples[ANNEX]))
    assert {e.year for e in mine.entries} == {2025}
    assert {e.field for e in mine.entries if e.part != "follow_up"} == {"RC", "AR"}
    assert not mine.of(2025, "introduction") and not mine.of(2025, "methodology")
    for part in ("achievements", "challenges", "recommendations"):
        for f in ("RC", "AR"):
            assert mine.text(2025, part, f) == theirs.text(2025, part, f)
    assert [e.text for e in mine.follow_up(2025)] == [e.text for e in theirs.follow_up(2025) if e.field in ("RC", "AR")]


def test_a_part_is_checked_as_a_part(parts):
    report = validate(by_code(parts, "QKR").path)
    assert report.valid and report.findings == []
    assert report.scope["institution"] == "QKR" and report.scope["part"] and report.scope["years"] == [2025]


@pytest.fixture(scope="session")
def empty_parts(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("empty-parts")
    return split(built[ANNEX], 2025, out, ["QKR", "SHK"])


def test_one_status_in_a_part_asks_only_for_its_own_other_statuses(empty_parts, tmp_path):
    w = by_code(empty_parts, "QKR")
    part = Edit(w.path, tmp_path / "qkr.xlsx")
    part.set(M25, ("RC", "1.1", 1), "Statusi i aktivitetit", "në proces")
    report = validate(part.save())
    missing = {f.code for f in report.findings if f.rule == "missing-value"}
    assert missing == {f"{c} #1" for c in ANNEX_LEADS["QKR"] if c != "RC 1.1"}


def test_validate_institution_on_the_whole_workbook_leaves_out_everyone_elses_rows(built, tmp_path):
    book = Edit(built[ANNEX], tmp_path / "annex.xlsx")
    for code in ANNEX_LEADS["SHK"]:
        field, activity = code.split(" ", 1)
        book.set(M25, (field, activity, 1), "Statusi i aktivitetit", "në proces")
    path = book.save()
    flood = [f for f in validate(path, 2025).findings if f.rule == "missing-value"]
    assert len(flood) == 35  # the whole workbook: every other measure's status
    report = validate(path, 2025, institution="SHK")
    assert report.valid and report.scope["activities"] == ["AR 2.2.1"]
    # what is left is its own: the texts of its field on Narrativa (achievements, challenges, recommendations)
    assert [(f.rule, f.code) for f in report.findings] == [("narrative-empty", "AR")] * 3
    proc = run_matrica("validate", str(path), "--institution", "Shkolla", "--no-copy", "--year", "2025")
    assert proc.returncode == 0 and "Kontrolli vetëm për SHK – Shkolla: 1 aktiviteti që udhëheq" in proc.stdout


def test_split_on_the_command_line(built, tmp_path):
    proc = run_matrica("split", str(built[ANNEX]), "--year", "2026", "--out", str(tmp_path / "p"),
                       "--institution", "DSTR", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [p["institution"] for p in data["parts"]] == ["DSTR"] and data["parts"][0]["activities"] == 2
    assert Path(data["parts"][0]["path"]).is_file()


@pytest.mark.parametrize(("args", "says"), [
    (["--year", "2031"], "jashtë periudhës"),
    (["--year", "2025", "--institution", "nobody"], "nuk njeh institucionin 'nobody'"),
    (["--year", "2025", "--institution", "ZGJC"], "nuk udhëheq asnjë aktivitet në 2025"),
])
def test_split_refuses_with_one_sentence(built, tmp_path, args, says):
    proc = run_matrica("split", str(built[ANNEX]), "--out", str(tmp_path / "p"), *args)
    assert proc.returncode == 2 and says in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "p").exists() or not any((tmp_path / "p").iterdir())


def test_split_never_overwrites_a_part_and_refuses_a_part_as_source(empty_parts, built, tmp_path):
    w = by_code(empty_parts, "SHK")
    proc = run_matrica("split", str(built[ANNEX]), "--year", "2025", "--out", str(w.path.parent))
    assert proc.returncode == 2 and "ekziston tashmë" in proc.stderr
    assert part_path(w.path.parent, built[ANNEX], 2025, w.institution) == w.path
    proc = run_matrica("split", str(w.path), "--year", "2025", "--out", str(tmp_path))
    assert proc.returncode == 2 and "vetë një pjesë" in proc.stderr


def test_the_social_plans_year_is_one_part(built, tmp_path, plans):
    assert [s.institution.code for s in shares(plans[SOCIAL], 2025)] == ["DSHKSK"]
    done = split(built[SOCIAL], 2025, tmp_path)
    (w,) = done.parts
    scheduled = [a for a in plans[SOCIAL].activities if a.start_year <= 2025 <= a.end_year]
    assert w.lead == len(scheduled) < len(plans[SOCIAL].activities)  # activities not run in 2025 are absent
    assert validate(w.path).findings == []


def test_kontrollo_in_excel_checks_a_part_as_a_part(empty_parts, tmp_path):
    from addin.checks.validate import validate_workbook
    from addin.excel.buttons import check, read_book
    from tests.test_excel_buttons import book_of

    part = Edit(by_code(empty_parts, "QKR").path, tmp_path / "qkr.xlsx")
    part.set(M25, ("RC", "1.1", 1), "Statusi i aktivitetit", "në proces")
    book = book_of(part.save())
    report = validate_workbook(read_book(book))  # the values of the book open in Excel
    assert {f.code for f in report.findings if f.rule == "missing-value"} == {
        f"{c} #1" for c in ANNEX_LEADS["QKR"] if c != "RC 1.1"}
    assert report.scope["part"] and report.scope["institution"] == "QKR"
    message = check(book)
    assert "7" in message  # Kontrollo lists the seven statuses still to enter, nobody else's
