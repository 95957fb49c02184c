"""`matrica validate`: each rule fires at the right cell; clean workbooks stay clean; input files are never written."""

from __future__ import annotations

import hashlib
import json

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from addin.checks.validate import validate
from addin.workbook import layout as L
from tests.conftest import ANNEX, SOCIAL, run_matrica
from tests.workbook_edits import Edit

M25 = L.monitoring_sheet(2025)
NOTES = get_column_letter([c.key for c in L.MONITORING_COLUMNS].index("notes") + 1)  # "Shënime / evidenca"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def found(report, rule):
    return {(f.cell, f.severity) for f in report.findings if f.rule == rule}


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_bundled_workbooks_validate_clean(built, plan_id):
    report = validate(built[plan_id])
    assert report.valid and report.findings == []


@pytest.fixture
def annex(built, tmp_path):
    return Edit(built[ANNEX], tmp_path / "annex.xlsx")


@pytest.fixture
def social(built, tmp_path):
    return Edit(built[SOCIAL], tmp_path / "social.xlsx")


def test_missing_status_is_an_error_once_the_year_is_started(annex):
    annex.set(M25, ("RC", "1.2", 1), "Vlera aktuale", 4)
    annex.set(M25, ("RC", "1.2", 1), "Statusi i aktivitetit", "në proces")
    empty = annex.set(M25, ("RC", "1.1", 1), "Statusi i aktivitetit", None)
    report = validate(annex.save(), 2025)
    assert (empty, "error") in found(report, "missing-value")
    assert not any(f.cell == annex.addresses[(M25, "RC", "1.2", 1, "Statusi i aktivitetit")] for f in report.findings)


def test_an_emptied_plan_cell_is_a_missing_value(annex):
    ref = annex.set(L.SHEET_MATRIX, ("AR", "2.1.2"), "Masa/Aktiviteti", None)
    assert (ref, "error") in found(validate(annex.save()), "missing-value")


@pytest.mark.parametrize(
    ("key", "header", "value"),
    [
        (("RC", "1.3", 1), "Vlera aktuale", "shumë"),  # count
    ],
)
def test_a_value_not_of_its_column_type_is_a_type_error(annex, key, header, value):
    ref = annex.set(M25, key, header, value)
    assert (ref, "error") in found(validate(annex.save(), 2025), "type-error")


def test_a_percentage_above_100_is_a_type_error(social):
    ref = social.set("Monitorimi 2023", ("A", "A1.2", 1), "Vlera aktuale", 150)  # "Mbi 80 % e familjeve …"
    assert (ref, "error") in found(validate(social.save(), 2023), "type-error")


def test_a_threshold_that_is_not_a_number_is_an_error_that_names_the_default_used(annex):
    annex.cell(L.SHEET_SETTINGS, "B6", "dhjetë")  # the overspend margin
    report = validate(annex.save())
    assert found(report, "setting-invalid") == {(f"'{L.SHEET_SETTINGS}'!B6", "error")}
    assert "uses the default 10" in next(f for f in report.findings if f.rule == "setting-invalid").message("en")


@pytest.mark.parametrize("text", ["dymijë", "nan", "inf", "1e400"])  # the last three once stopped validation
def test_a_start_year_that_is_not_a_year_is_a_type_error(social, text):
    ref = social.set(L.SHEET_MATRIX, ("A", "A1.2"), "Afati i fillimit", text)
    assert (ref, "error") in found(validate(social.save()), "type-error")


@pytest.mark.parametrize("text", ["34, 300 lekë", "50.400 Leke", "1,000,000leke", "960.000 leke", "3.500.000 leke"])
def test_spent_amounts_in_every_printed_form_are_accepted(annex, text):
    annex.set(M25, ("RC", "1.1", 1), "Shpenzuar (lekë)", text)
    report = validate(annex.save(), 2025)
    assert not found(report, "amount-unreadable") and not found(report, "amount-not-quantified")


def test_an_unreadable_amount_is_an_error_and_sipas_text_a_warning(annex):
    bad = annex.set(M25, ("RC", "1.1", 1), "Shpenzuar (lekë)", "rreth njëqind mijë")
    sipas = annex.set(M25, ("RC", "1.2", 1), "Shpenzuar (lekë)", "Sipas kostimit të bashkisë")
    report = validate(annex.save(), 2025)
    assert found(report, "amount-unreadable") == {(bad, "error")}
    assert found(report, "amount-not-quantified") == {(sipas, "warning")}


def test_a_normalisable_vocabulary_value_is_a_warning_with_the_fix(annex):
    ref = annex.set(M25, ("RC", "1.1", 1), "Statusi i aktivitetit", "  Realizuar  Plotёsisht ")
    annex.set(M25, ("RC", "1.1", 1), "Vlera aktuale", 3)
    report = validate(annex.save(), 2025)
    (f,) = [f for f in report.findings if f.rule == "vocabulary-normalisable"]
    assert (f.cell, f.severity) == (ref, "warning")
    assert "'realizuar plotësisht'" in f.message()


@pytest.mark.parametrize(
    ("key", "header", "value"),
    [
        (("RC", "1.1", 1), "Statusi i aktivitetit", "mbaruar"),
        (("RC", "1.1", 1), "Burimi i financimit", "Banka Botërore"),
        (("RC", "1.1", 1), "Raportuar nga", "Zyra e Postës"),
        (("MS", "6.1.4", 1), "Vlera aktuale", "ndoshta"),  # a milestone: po/jo
    ],
)
def test_a_value_outside_its_vocabulary_is_an_error(annex, key, header, value):
    ref = annex.set(M25, key, header, value)
    assert (ref, "error") in found(validate(annex.save(), 2025), "vocabulary-unknown")


def test_an_institution_code_alone_is_normalised_to_its_list_entry(annex):
    ref = annex.set(M25, ("RC", "1.1", 1), "Raportuar nga", "qkr")
    (f,) = [f for f in validate(annex.save(), 2025).findings if f.cell == ref]
    assert f.rule == "vocabulary-normalisable" and "QKR – " in f.message()


def test_end_year_before_start_year_and_outside_the_period(social):
    ref = social.set(L.SHEET_MATRIX, ("A", "A1.2"), "Afati i mbarimit", 2022)
    report = validate(social.save())
    assert (ref, "error") in found(report, "year-order")
    assert (ref, "error") in found(report, "year-outside")


def test_a_duplicate_code_within_a_field_is_an_error(annex):
    ref = annex.set(L.SHEET_MATRIX, ("AR", "2.1.2"), "Kodi", "2.1.1")
    assert (ref, "error") in found(validate(annex.save()), "duplicate-code")


def test_the_same_code_in_two_fields_is_not_a_duplicate(social):
    report = validate(social.save())  # C 1.1 and D 1.1 both exist in the plan
    assert not found(report, "duplicate-code")


def test_an_indicator_whose_activity_does_not_exist_is_an_error(annex):
    ref = annex.set(L.SHEET_INDICATORS, ("ST", "5.3", 1), "Kodi", "5.9")
    assert (ref, "error") in found(validate(annex.save()), "orphan-indicator")


def test_a_monitoring_row_that_is_no_plan_indicator_is_an_error(annex):
    ref = annex.set(M25, ("ST", "5.3", 1), "Kodi", "5.9")
    assert (ref, "error") in found(validate(annex.save(), 2025), "unknown-indicator")


def test_a_monitoring_row_with_entries_but_no_code_says_its_code_cell_is_empty(annex):
    annex.set(M25, ("ST", "5.3", 1), "Vlera aktuale", 4)
    ref = annex.set(M25, ("ST", "5.3", 1), "Kodi", None)
    row = int(ref.rsplit("!", 1)[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    [f] = [f for f in validate(annex.save(), 2025).findings if f.rule == "unknown-indicator"]
    assert (f.cell, f.severity) == (ref, "error")
    assert f.message("sq").startswith(f"Rreshti {row} ka të dhëna, por qeliza e kodit të aktivitetit është bosh")
    assert f.message("en").startswith(f"Row {row} holds entries, but its activity code cell is empty")
    assert "''" not in f.message("sq") + f.message("en")


def test_disaggregation_parts_must_add_up_to_the_actual_value(annex):
    annex.set(M25, ("AR", "2.1.1", 1), "Vlera aktuale", 10)
    women = annex.set(M25, ("AR", "2.1.1", 1), "Gra", 3)
    annex.set(M25, ("AR", "2.1.1", 1), "Burra", 4)
    annex.set(M25, ("AR", "2.1.1", 1), "Rom", 6)
    annex.set(M25, ("AR", "2.1.1", 1), "Egjiptian", 4)  # adds up: no finding for this pair
    report = validate(annex.save(), 2025)
    assert found(report, "disaggregation-sum") == {(women, "error")}


def test_fully_implemented_without_actual_and_actual_with_not_implemented(annex):
    annex.set(M25, ("RC", "1.3", 1), "Statusi i aktivitetit", "realizuar plotësisht")
    empty = annex.set(M25, ("RC", "1.3", 1), "Vlera aktuale", None)
    annex.set(M25, ("SH", "3.2", 1), "Statusi i aktivitetit", "parealizuar")
    value = annex.set(M25, ("SH", "3.2", 1), "Vlera aktuale", 5)
    report = validate(annex.save(), 2025)
    assert (empty, "error") in found(report, "status-without-actual")
    assert (value, "warning") in found(report, "actual-with-not-done")


def test_spent_above_planned_by_more_than_the_margin_in_the_workbook_is_a_warning(annex):
    over = annex.set(M25, ("RC", "1.1", 1), "Shpenzuar (lekë)", 40000)  # planned 34 300, +16.6%
    within = annex.set(M25, ("RC", "1.2", 1), "Shpenzuar (lekë)", 33000)  # planned 31 000, +6.5%
    report = validate(annex.save(), 2025)
    assert found(report, "overspend") == {(over, "warning")}
    # the margin lives in the workbook: raise it and the warning goes
    wb = load_workbook(annex.path)
    ws = wb[L.SHEET_SETTINGS]
    row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Marzhi i tejkalimit të shpenzimeve (%)")
    ws.cell(row, 2).value = 20
    wb.save(annex.path)
    assert not found(validate(annex.path, 2025), "overspend")
    assert within


M24 = L.monitoring_sheet(2024)


def test_achievement_far_from_target_without_a_note_is_a_warning_at_the_notes_cell(annex):
    # relative targets, measured from the year before: "rritje me 2 %" of persons employed, "3-5 %" of applications
    annex.set(M24, ("PU", "4.1.6", 1), "Vlera aktuale", 100)
    low = annex.set(M25, ("PU", "4.1.6", 1), "Vlera aktuale", 100)  # +0 %: 0 of the 2 % wanted
    annex.set(M24, ("MS", "6.1.2", 1), "Vlera aktuale", 400)
    high = annex.set(M25, ("MS", "6.1.2", 1), "Vlera aktuale", 436)  # +9 %: 300 % of the 3 % wanted
    annex.set(M25, ("RC", "1.2", 1), "Vlera aktuale", 1)  # no numeric target: nothing to explain
    report = validate(annex.save(), 2025)
    notes = {f.cell for f in report.findings if f.rule == "unexplained-deviation"}
    assert notes == {low.replace("!H", f"!{NOTES}"), high.replace("!H", f"!{NOTES}")}
    (f,) = [f for f in report.findings if f.rule == "unexplained-deviation" and f.code == "PU 4.1.6 #1"]
    assert f.severity == "warning" and "0 % e synimit" in f.message() and "nën pragun 50%" in f.message()


def test_a_deviation_from_what_was_expected_by_the_year_names_that_value(social):
    social.set("Monitorimi 2023", ("B", "B4.1", 1), "Vlera aktuale", 2)  # 54 campaigns, 18 a year by the plan
    report = validate(social.save(), 2023)
    (f,) = [f for f in report.findings if f.rule == "unexplained-deviation"]
    assert "e asaj që pritej deri në fund të 2023 (18)" in f.message()


def test_a_single_deliverable_not_yet_due_needs_no_explanation(social):
    social.set("Monitorimi 2023", ("C", "1.6", 1), "Vlera aktuale", 0)  # one emergency centre by 2026
    assert not found(validate(social.save(), 2023), "unexplained-deviation")


def test_a_note_explains_the_deviation(annex):
    annex.set(M24, ("PU", "4.1.6", 1), "Vlera aktuale", 100)
    annex.set(M25, ("PU", "4.1.6", 1), "Vlera aktuale", 100)
    annex.set(M25, ("PU", "4.1.6", 1), "Shënime / evidenca", "Kuotat u miratuan vonë, në nëntor.")
    assert not found(validate(annex.save(), 2025), "unexplained-deviation")


def test_whole_period_targets_are_judged_on_the_actual_to_date_against_the_time_elapsed(social):
    # B4.1: 54 campaigns over the period; 2024 is year 2 of 4
    social.set("Monitorimi 2023", ("B", "B4.1", 1), "Vlera aktuale", 14)
    on_pace = social.set("Monitorimi 2024", ("B", "B4.1", 1), "Vlera aktuale", 13)  # 27 of 54 by half-time
    report = validate(social.save(), 2024)
    deviations = {f.cell for f in report.findings if f.rule == "unexplained-deviation"}
    assert on_pace.replace("!H", f"!{NOTES}") not in deviations
    social.set("Monitorimi 2023", ("B", "B4.1", 1), "Vlera aktuale", 1)
    social.set("Monitorimi 2024", ("B", "B4.1", 1), "Vlera aktuale", 1)  # 2 of 54 by half-time: 7 % of pace
    report = validate(social.save(), 2024)
    assert on_pace.replace("!H", f"!{NOTES}") in {f.cell for f in report.findings if f.rule == "unexplained-deviation"}


def test_a_whole_period_output_delivered_early_needs_no_note_but_passing_the_target_by_far_does(social):
    # B1.8: one module over the period, done in 2023 (year 1 of 4); C 1.8.1: at least 2 centres, 5 built
    early = social.set("Monitorimi 2023", ("B", "B1.8", 1), "Vlera aktuale", 1)
    far = social.set("Monitorimi 2023", ("C", "1.8.1", 1), "Vlera aktuale", 5)
    cells = {f.cell for f in validate(social.save(), 2023).findings if f.rule == "unexplained-deviation"}
    assert early.replace("!H", f"!{NOTES}") not in cells
    assert far.replace("!H", f"!{NOTES}") in cells


def test_an_excel_error_value_is_reported_where_it_stands(annex):
    ref = annex.set(M25, ("RC", "1.3", 1), "Vlera aktuale", "#DIV/0!", error=True)
    cost = annex.set(L.SHEET_MATRIX, ("PU", "4.1.2"), "Kosto vjetore (lekë)", "#REF!", error=True)
    report = validate(annex.save(), 2025)
    assert {(ref, "error"), (cost, "error")} <= found(report, "excel-error")
    assert {f.rule for f in report.findings if f.cell in (ref, cost)} == {"excel-error"}


def test_an_edited_plan_cell_is_a_warning(annex):
    text = annex.set(L.SHEET_MATRIX, ("SH", "3.1"), "Masa/Aktiviteti", "Diçka tjetër")
    target = annex.set(L.SHEET_INDICATORS, ("PU", "4.1.6", 1), "Vlera e synuar", 5)
    report = validate(annex.save())
    assert {(text, "warning"), (target, "warning")} <= found(report, "plan-edited")
    assert report.valid  # warnings only


def test_columns_found_by_header_after_staff_insert_columns_and_blank_rows(annex):
    ws = annex.wb[M25]
    ws.insert_cols(3)
    ws.insert_rows(L.FIRST_DATA_ROW + 2, 2)
    annex.wb[L.SHEET_MATRIX].insert_cols(2)
    annex.fill_narrative(2025)
    ref = annex.set(M25, ("RC", "1.3", 1), "Vlera aktuale", "shumë")
    report = validate(annex.save(), 2025)
    assert found(report, "type-error") == {(ref, "error")}
    # the sheet is started, so the other findings are the statuses still to fill, in the moved status column
    status = annex.set(M25, ("RC", "1.1", 1), "Statusi i aktivitetit", None)
    others = [f for f in report.findings if f.rule != "type-error"]
    assert {f.rule for f in others} == {"missing-value"} and status in {f.cell for f in others}
    assert len(others) == 36  # one per activity of the annex


def test_json_output_names_every_field_and_exit_code_1_on_errors(annex, tmp_path):
    annex.fill_statuses(M25)
    annex.fill_narrative(2025)
    ref = annex.set(M25, ("RC", "1.3", 1), "Vlera aktuale", "shumë")
    path = annex.save()
    proc = run_matrica("validate", str(path), "--year", "2025", "--format", "json", "--out", str(tmp_path / "k.xlsx"))
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["valid"] is False and data["counts"] == {"error": 1, "warning": 0}
    (f,) = data["findings"]
    assert f == {"rule": "type-error", "severity": "error", "sheet": M25, "cell": ref, "code": "RC 1.3 #1",
                 "value": "shumë", "message": "'shumë' nuk është numër."}


def test_messages_are_in_english_on_request(annex):
    annex.set(M25, ("RC", "1.3", 1), "Vlera aktuale", "shumë")
    proc = run_matrica("validate", str(annex.save()), "--year", "2025", "--lang", "en", "--no-copy")
    assert proc.returncode == 1 and "'shumë' is not a number." in proc.stdout


def test_the_marked_copy_lists_findings_with_links_and_marks_the_cells(annex, tmp_path):
    annex.fill_statuses(M25)
    ref = annex.set(M25, ("RC", "1.3", 1), "Vlera aktuale", "shumë")
    path = annex.save()
    before = digest(path)
    proc = run_matrica("validate", str(path), "--year", "2025")
    assert proc.returncode == 1
    out = path.with_name("annex-kontrolluar.xlsx")
    assert str(out) in proc.stdout and digest(path) == before
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Kontrolli"
    check = wb["Kontrolli"]
    link = next(c for row in check.iter_rows(min_row=5) for c in row if c.hyperlink)
    assert link.hyperlink.location == ref
    sheet, coordinate = ref.rsplit("!", 1)
    cell = wb[sheet.strip("'")][coordinate]
    assert cell.fill.fgColor.rgb.endswith("F8CBAD") and "nuk është numër" in cell.comment.text


@pytest.mark.parametrize("lang", ["sq", "en"])
def test_the_kontrolli_sheet_names_each_rule_in_its_language_and_has_a_legend(annex, tmp_path, lang):
    """The Albanian sheet names each rule in Albanian and shows no rule id; the English one names it in English
    and gives its id in a last column (for support). Below the findings, a legend: what an error and a warning
    mean, what the marks are, how to clear them."""
    from addin.checks.marking import legend_row
    from addin.checks.validate import validate
    from addin.common.messages import t

    annex.set(M25, ("RC", "1.3", 1), "Vlera aktuale", "shumë")
    path = annex.save()
    out = tmp_path / "kontrolluar.xlsx"
    assert run_matrica("validate", str(path), "--year", "2025", "--out", str(out), "--lang", lang).returncode == 1
    check = load_workbook(out)["Kontrolli"]
    headers = [c.value for c in check[4] if c.value]
    assert headers == t("check_headers", lang).split("|")
    report = validate(path, 2025)
    rows = [[c.value for c in row] for row in check.iter_rows(min_row=5, max_row=4 + len(report.findings))]
    rule = headers.index(t("check_headers", lang).split("|")[6])
    assert [r[rule] for r in rows] == [t(f"rulename:{f.rule}", lang) for f in report.findings]
    ids = {f.rule for f in report.findings}
    text = " ".join(str(c.value) for row in check.iter_rows() for c in row if c.value is not None)
    if lang == "sq":
        assert len(headers) == 7 and not any(i in text for i in ids)
    else:
        assert [r[7] for r in rows] == [f.rule for f in report.findings]
    legend = [check.cell(legend_row(report) + i, 1).value for i in range(5)]
    assert legend == [t("check_legend_title", lang)] + [t(f"check_legend:{k}", lang) for k in (
        "error", "warning", "marks-copy", "clear-copy")]


def test_a_clean_workbook_gives_exit_0_and_a_kontrolli_sheet_that_says_so(built, tmp_path):
    out = tmp_path / "clean-kontrolluar.xlsx"
    proc = run_matrica("validate", str(built[ANNEX]), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert load_workbook(out)["Kontrolli"]["A5"].value == "Nuk u gjet asnjë problem."


def test_validate_refuses_to_write_its_marked_copy_over_the_input(annex):
    path = annex.save()
    before = digest(path)
    proc = run_matrica("validate", str(path), "--out", str(path))
    assert proc.returncode == 2 and digest(path) == before and "Traceback" not in proc.stderr
