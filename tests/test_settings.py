"""The thresholds and limits on Parametrat: each a number within its range and in order, else an error naming the
cell; the figures then use the default, and say so."""

from __future__ import annotations

import json

import pytest

from addin.checks.validate import checked_summary, validate
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook
from addin.workbook.settings import read_settings
from tests.conftest import ANNEX, SOCIAL
from tests.every_command import every_command, matrica
from tests.monitoring_fill import Filler

LABEL = {key: label for key, label, *_ in L.SETTINGS}
ROW = {key: L.FIRST_DATA_ROW + i for i, (key, *_rest) in enumerate(L.SETTINGS)}


def cell(key: str) -> str:
    return f"'{L.SHEET_SETTINGS}'!B{ROW[key]}"


def settings_findings(report) -> dict[str, str]:
    return {f.cell: f.rule for f in report.findings if f.rule.startswith("setting-")}


@pytest.mark.parametrize(("key", "value"), [
    ("on_track", -5), ("on_track", 250), ("partly", "gjysma"), ("explain_above", 1e9), ("overspend_margin", -10),
    ("max_amount", 0), ("max_count", "shumë"), ("explain_below", float("inf")),
])
def test_a_threshold_out_of_its_range_is_an_error_at_its_cell_and_its_default_is_used(built, tmp_path, key, value):
    path = Filler(built[ANNEX], tmp_path / "settings.xlsx").setting(LABEL[key], value).save()
    report = validate(path)
    assert settings_findings(report) == {cell(key): "setting-invalid"}
    assert not report.valid
    settings = read_settings(open_workbook(path))
    assert settings.defaulted == [key]
    message = next(f for f in report.findings if f.rule == "setting-invalid").message("en")
    assert "Matrica uses the default" in message and LABEL[key] in message


def test_thresholds_in_the_wrong_order_are_errors_at_both_cells_and_both_defaults_are_used(built, tmp_path):
    path = (Filler(built[ANNEX], tmp_path / "inverted.xlsx")
            .setting(LABEL["on_track"], 40).setting(LABEL["partly"], 80).save())
    report = validate(path)
    assert settings_findings(report) == {cell("on_track"): "setting-invalid", cell("partly"): "setting-invalid"}
    data, _ = checked_summary(open_workbook(path), 2025)
    assert (data["thresholds"]["on_track"], data["thresholds"]["partly"]) == (90, 50)
    assert data["settings_defaulted"] == ["on_track", "partly"]


def test_the_summary_says_when_it_rates_with_the_defaults(built, tmp_path):
    path = (Filler(built[SOCIAL], tmp_path / "settings.xlsx").setting(LABEL["on_track"], 900)
            .put(2023, "A", "A1.2", actual=75).save())  # target 80 %: 93,75 %, on track at the default 90
    run = matrica("summary", str(path), "--year", "2023", "--lang", "en")
    assert run.code == 0
    assert f"Settings that cannot be used ({LABEL['on_track']}): their defaults were used." in run.out
    data = json.loads(matrica("summary", str(path), "--year", "2023", "--format", "json").out)
    a12 = next(i for i in data["indicators"] if i["activity_code"] == "A A1.2")
    assert a12["status"] == "on_track" and data["valid"] is False


def test_sensible_edits_to_the_thresholds_are_used_as_they_are(built, tmp_path):
    path = (Filler(built[ANNEX], tmp_path / "settings.xlsx").setting(LABEL["on_track"], 80)
            .setting(LABEL["partly"], 40).setting(LABEL["max_amount"], 2_000_000).save())
    assert settings_findings(validate(path)) == {}
    settings = read_settings(open_workbook(path))
    assert (settings["on_track"], settings["partly"], settings["max_amount"]) == (80, 40, 2_000_000)


def test_the_amount_limit_on_parametrat_decides_what_is_absurd(built, tmp_path):
    path = (Filler(built[ANNEX], tmp_path / "limit.xlsx").setting(LABEL["max_amount"], 1_000_000)
            .put(2025, "RC", "1.1", status="në proces", spent=1_500_000).save())
    report = validate(path, 2025)
    assert {f.rule for f in report.findings if f.code == "RC 1.1 #1"} == {"value-too-large"}
    assert "1 000 000 lekë" in next(f for f in report.findings if f.rule == "value-too-large").message("sq")


@pytest.mark.parametrize(("plan_id", "key", "value", "lowest"), [
    (ANNEX, "max_amount", 1, "1 000 000"),  # the annex's largest annual cost
    (SOCIAL, "max_amount", 100_000, "3 500 000"),
    (SOCIAL, "max_count", 5, "10 000"),  # the social plan's largest count target
])
def test_a_limit_below_what_the_plan_itself_states_is_an_error_and_its_default_is_used(built, tmp_path, plan_id,
                                                                                       key, value, lowest):
    """A limit on Parametrat lower than the largest amount or count the plan states would call the plan's own
    figures (its planned costs on Matrica, a target reached) absurd: it is out of its range, said at its cell, and
    the default is used, so none of the plan's own cells is called too large."""
    from addin.workbook.settings import defaults

    path = Filler(built[plan_id], tmp_path / "low.xlsx").setting(LABEL[key], value).save()
    report = validate(path)
    assert settings_findings(report) == {cell(key): "setting-invalid"}
    assert not [f for f in report.findings if f.rule == "value-too-large"]
    finding = next(f for f in report.findings if f.rule == "setting-invalid")
    assert f"nga {lowest} deri" in finding.message("sq") and f"from {lowest} to" in finding.message("en")
    settings = read_settings(open_workbook(path))
    assert settings.defaulted == [key] and settings[key] == defaults(open_workbook(path).plan)[key]


def test_a_missing_row_is_said_and_its_default_used(built, tmp_path):
    filler = Filler(built[ANNEX], tmp_path / "missing.xlsx")
    ws = filler.wb[L.SHEET_SETTINGS]
    ws.cell(ROW["explain_below"], 1).value = None
    ws.cell(ROW["explain_below"], 2).value = None
    report = validate(filler.save())
    missing = [f for f in report.findings if f.rule == "setting-missing"]
    assert len(missing) == 1 and missing[0].severity == "warning" and missing[0].sheet == L.SHEET_SETTINGS
    assert LABEL["explain_below"] in missing[0].message("sq") and "50" in missing[0].message("sq")


def test_the_built_workbook_states_every_limit_with_a_cell_validation(built):
    from openpyxl import load_workbook

    ws = load_workbook(built[ANNEX])[L.SHEET_SETTINGS]
    assert ws.cell(ROW["max_amount"], 2).value == 10_000_000 and ws.cell(ROW["max_count"], 2).value == 1_000_000
    ranges = {str(dv.sqref): (dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    assert ranges[f"B{ROW['on_track']}"] == ("1", "100")
    assert ranges[f"B{ROW['max_amount']}"][0] == "1000000"  # the annex's largest annual cost: none lower is believable


def test_every_command_copes_with_unusable_settings(built, tmp_path):
    path = (Filler(built[ANNEX], tmp_path / "settings.xlsx").setting(LABEL["on_track"], 40)
            .setting(LABEL["partly"], 80).setting(LABEL["max_count"], -1).save())
    runs = every_command(path, 2025, tmp_path / "out")
    assert runs["validate"].code == 1 and runs["report"].code == 1 and runs["summary"].code == 0
