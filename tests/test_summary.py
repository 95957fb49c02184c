"""`matrica summary`: a filled workbook in, the year's costs, achievement and roll-ups out (JSON and text)."""

from __future__ import annotations

import json

import pytest

from addin.figures.summary import build_summary, render_summary_text
from addin.workbook.build import build_workbook
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL, run_matrica
from tests.monitoring_fill import Filler
from tests.test_costs import ANNEX_TOTAL, HAND_BY_FIELD, HAND_BY_SOURCE, UNQUANTIFIED

DONE, PARTLY, IN_PROGRESS, NOT_DONE = ("realizuar plotësisht", "realizuar pjesërisht", "në proces", "parealizuar")


@pytest.fixture(scope="module")
def annex_filled(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("summary") / "annex-filled.xlsx"
    return (Filler(built[ANNEX], path)
            .put(2025, "RC", "1.1", status=DONE, actual=12, spent=30000,
                 funding="Buxheti i Bashkisë / fondet e veta")
            .put(2025, "PU", "4.1.4", status=PARTLY, actual=3)  # target "të paktën 1": 300 %
            .put(2025, "PU", "4.1.6", actual=1.5)  # target 2 %: 75 %
            .put(2025, "MS", "6.1.2", actual=1)  # target 3 %: 33,3 %
            .put(2025, "MS", "6.1.4", 1, actual="po")  # milestone done
            .put(2025, "KM", "6.2.2", status=NOT_DONE, actual="jo")  # milestone not done
            .put(2025, "AR", "2.1.1", actual=40, women=25, men=15, roma=10, egyptian=30, urban=30, rural=10)
            .put(2025, "PU", "4.1.7", status=IN_PROGRESS, spent=480000, funding="Donatorë / OJF")
            .put(2024, "RC", "1.1", actual=9, spent=34300)
            .save())


@pytest.fixture(scope="module")
def annex_2025(annex_filled):
    return build_summary(open_workbook(annex_filled), 2025)


def indicator(data: dict, code: str, n: int = 1) -> dict:
    return next(i for i in data["indicators"] if i["activity_code"] == code and i["n"] == n)


def test_summary_json_has_the_documented_fields(annex_filled):
    proc = run_matrica("summary", str(annex_filled), "--year", "2025", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["plan"]["id"] == ANNEX and data["year"] == 2025
    c = data["costs"]
    for key in ("planned_annual_total", "spent_total", "by_source", "by_field", "unquantified", "execution_pct"):
        assert key in c
    for key in ("activity_code", "indicator", "target", "actual", "achievement_pct", "status"):
        assert key in data["indicators"][0]
    assert {"plan", "fields", "objectives", "activity_status", "disaggregation"} <= set(data["rollups"])


def test_summary_costs_of_the_annex_year(annex_2025):
    c = annex_2025["costs"]
    assert c["has_costs"] is True and c["message"] is None
    assert c["planned_annual_total"] == ANNEX_TOTAL and c["planned_period_total"] == 4 * ANNEX_TOTAL
    assert c["unquantified"] == UNQUANTIFIED
    assert c["spent_total"] == 30000 + 480000 and c["activities_with_spending"] == 2
    # both rates, each the division of the amounts named beside it
    assert c["execution_pct"] == round((30000 + 480000) / ANNEX_TOTAL * 100, 1)
    assert (c["planned_reporting"], c["spent_reporting"]) == (34300 + 960000, 30000 + 480000)
    assert c["execution_reporting_pct"] == round((30000 + 480000) / (34300 + 960000) * 100, 1)
    assert (c["activities_reporting"], c["activities_quantified"]) == (2, 32)
    missing = {r["activity_code"]: r for r in c["not_reporting"]}
    assert len(missing) == 30 and "RC 1.1" not in missing and missing["RC 1.2"]["planned"] == 31000
    assert missing["RC 1.2"]["title"].startswith("Raportimi pranë zyrave")
    assert {r["key"]: r["planned"] for r in c["by_source"] if r["planned"]} == HAND_BY_SOURCE
    assert sum(r["planned"] or 0 for r in c["by_source"]) == c["planned_annual_total"]
    shared = next(r for r in c["by_source"] if r["key"] == "municipal+donor")
    assert shared["label"] == "Bashkia + donatorë, pa ndarje" and shared["shared"] and shared["spent"] == 480000
    assert {r["field"]: r["planned"] for r in c["by_field"]} == HAND_BY_FIELD
    assert {r["field"]: r["spent"] for r in c["by_field"]}["PU"] == 480000
    assert [y["planned"] for y in c["by_year"]] == [ANNEX_TOTAL] * 4
    assert [y["spent"] for y in c["by_year"]] == [34300, 510000, None, None]
    assert {r["key"]: r["spent"] for r in c["spent_by_entered_source"]} == {"municipal": 30000, "donor": 480000}


def test_summary_indicators_with_achievement_raw_and_capped(annex_2025):
    over = indicator(annex_2025, "PU 4.1.4")
    assert over["target"] == 1 and over["actual"] == 3
    assert over["achievement_pct"] == 300 and over["achievement_capped"] == 100 and over["status"] == "on_track"
    assert indicator(annex_2025, "PU 4.1.6")["status"] == "partly"
    low = indicator(annex_2025, "MS 6.1.2")
    assert low["achievement_pct"] == 33.3 and low["status"] == "off_track"
    assert indicator(annex_2025, "MS 6.1.4")["achievement_pct"] == 100
    assert indicator(annex_2025, "KM 6.2.2")["achievement_pct"] == 0


def test_summary_missing_actual_is_no_data_and_no_target_is_said(annex_2025):
    empty = indicator(annex_2025, "SH 3.1")
    assert empty["actual"] is None and empty["achievement_pct"] is None and empty["status"] == "no_data"
    assert empty["status_label"] == "pa të dhëna"
    counted = indicator(annex_2025, "RC 1.1")
    assert counted["actual"] == 12 and counted["achievement_pct"] is None and counted["status"] == "no_target"


def test_summary_rollups_average_only_indicators_with_data(annex_2025):
    plan = annex_2025["rollups"]["plan"]
    assert plan["indicators"] == 52 and plan["with_data"] == 5 and plan["reported"] == 7
    assert plan["mean_pct"] == round((100 + 75 + 100 / 3 + 100 + 0) / 5, 1)
    assert plan["status_counts"] == {"on_track": 2, "partly": 1, "off_track": 2, "no_data": 45, "no_target": 2}
    pu = next(f for f in annex_2025["rollups"]["fields"] if f["field"] == "PU")
    assert pu["with_data"] == 2 and pu["mean_pct"] == round((100 + 75) / 2, 1)
    sh = next(f for f in annex_2025["rollups"]["fields"] if f["field"] == "SH")
    assert sh["with_data"] == 0 and sh["mean_pct"] is None
    objective = next(o for o in annex_2025["rollups"]["objectives"] if o["field"] == "MS" and o["objective"] == "6.1")
    assert objective["with_data"] == 2 and objective["indicators"] == 9


def test_summary_activity_status_counts_and_disaggregation_shares(annex_2025):
    counts = annex_2025["rollups"]["activity_status"]["plan"]
    assert counts == {"done": 1, "partly": 1, "in_progress": 1, "not_done": 1, "not_reported": 32}
    shares = indicator(annex_2025, "AR 2.1.1")["disaggregation"]["shares_pct"]
    assert shares == {"women": 62.5, "roma": 25.0, "egyptian": 75.0, "rural": 25.0}
    ar = next(f for f in annex_2025["rollups"]["disaggregation"]["fields"] if f["field"] == "AR")
    assert ar["parts"]["women"] == 25


def test_summary_text_fits_two_screens_in_albanian_and_english(annex_filled, annex_2025):
    proc = run_matrica("summary", str(annex_filled), "--year", "2025")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "4 584 062 lekë" in out and "AR 2.2.1, PU 4.1.3, ST 5.1, ST 5.2" in out
    assert "Bashkia + donatorë, pa ndarje" in out and "3 216 235 lekë" in out
    assert "jashtë rrugës" in out and "pa të dhëna" in out
    assert len(out.splitlines()) <= 70
    en = render_summary_text(annex_2025, "en")
    assert "Municipality + donors, no split" in en and "Mean achievement" in en and "pa ndarje" not in en


@pytest.fixture(scope="module")
def social_filled(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("summary") / "social-filled.xlsx"
    return (Filler(built[SOCIAL], path)
            .put(2023, "A", "A4.1", actual=10)  # 54 campaigns over the period
            .put(2024, "A", "A4.1", actual=17)
            .put(2024, "A", "A1.3", actual=200)  # target 220 = baseline 220
            .put(2024, "A", "A1.4", 1, actual=105)  # target 100, baseline 110
            .put(2024, "A", "A1.4", 2, actual=3_413_000)  # target 3 500 000, baseline 3 326 000
            .save())


def test_social_plan_summary_says_there_are_no_costs_instead_of_zeros(social_filled):
    data = build_summary(open_workbook(social_filled), 2024)
    c = data["costs"]
    assert c["has_costs"] is False and "nuk ka kosto" in c["message"]
    assert c["planned_annual_total"] is None and c["planned_period_total"] is None and c["execution_pct"] is None
    assert c["by_source"] == [] and c["unquantified"] == [] and c["spent_total"] is None
    assert all(y["planned"] is None for y in c["by_year"])
    text = render_summary_text(data)
    assert "Plani nuk ka kosto të planifikuara" in text and "0 lekë" not in text


def test_whole_period_target_in_the_middle_of_the_period_uses_the_total_to_date(social_filled):
    data = build_summary(open_workbook(social_filled), 2024)
    campaigns = indicator(data, "A A4.1")
    assert campaigns["actual"] == 17 and campaigns["actual_to_date"] == 27
    assert campaigns["achievement_pct"] == 50 and campaigns["elapsed_pct"] == 50
    assert campaigns["rating_pct"] == 100 and campaigns["status"] == "on_track"


def test_social_plan_baselines_from_section_1_2(social_filled):
    data = build_summary(open_workbook(social_filled), 2024)
    hold = indicator(data, "A A1.3")
    assert hold["rule"] == "baseline_not_usable" and hold["achievement_pct"] == round(200 / 220 * 100, 1)
    passed = indicator(data, "A A1.4", 1)
    assert passed["achievement_pct"] == 105 and passed["achievement_capped"] == 100
    fund = indicator(data, "A A1.4", 2)
    assert fund["rule"] == "baseline" and fund["achievement_pct"] == 50 and fund["status"] == "partly"


def test_status_thresholds_are_read_from_the_workbook(social_filled, tmp_path):
    path = Filler(social_filled, tmp_path / "strict.xlsx").setting("Pragu 'në rrugë të mbarë' (%)", 95).save()
    data = build_summary(open_workbook(path), 2024)
    assert data["thresholds"]["on_track"] == 95
    assert indicator(data, "A A1.3")["status"] == "partly"  # 90,9 % is on track only with the default 90


def test_summary_for_a_year_outside_the_plan_exits_2(built):
    proc = run_matrica("summary", str(built[ANNEX]), "--year", "2030")
    assert proc.returncode == 2 and "jashtë periudhës" in proc.stderr and "Traceback" not in proc.stderr


def test_summary_for_a_year_without_its_sheet_exits_2(tmp_path, plans):
    path = build_workbook(plans[ANNEX], tmp_path / "one-year.xlsx", years=[2024])
    proc = run_matrica("summary", str(path), "--year", "2025", "--lang", "en")
    assert proc.returncode == 2 and "Monitorimi 2025" in proc.stderr and "Traceback" not in proc.stderr
