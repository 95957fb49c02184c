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
            .put(2025, "PU", "4.1.4", status=PARTLY, actual=3)  # persons counselled: no numeric target
            .put(2024, "PU", "4.1.6", actual=100)  # persons employed; "rritje me 2 %" a year
            .put(2025, "PU", "4.1.6", actual=101)  # +1 % of the 2 % wanted: 50 %
            .put(2024, "MS", "6.1.2", actual=300)  # applications; "rritje me 3-5 %" a year
            .put(2025, "MS", "6.1.2", actual=303)  # +1 % of the 3 % wanted: 33,3 %
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


def test_summary_json_has_the_documented_fields_on_one_line(annex_filled):
    proc = run_matrica("summary", str(annex_filled), "--year", "2025", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == 1  # compact: megabytes for a large plan (`python -m json.tool` lays it out)
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


def test_summary_indicators_with_achievement_expected_value_and_rating(annex_2025):
    grew = indicator(annex_2025, "PU 4.1.6")
    assert (grew["baseline"], grew["baseline_year"], grew["baseline_origin"]) == (100, 2024, "previous_year")
    assert grew["expected_to_date"] == 102 and grew["achievement_pct"] == 50 and grew["status"] == "partly"
    assert "Vlera bazë 100: vlera e 2024" in grew["baseline_note"]
    low = indicator(annex_2025, "MS 6.1.2")
    assert low["target"] == 3 and low["target_high"] == 5 and low["target_text"] == "rritje me 3-5 % në vit (aplikime)"
    assert low["achievement_pct"] == 33.3 and low["status"] == "off_track" and low["expected_to_date"] == 309
    assert indicator(annex_2025, "MS 6.1.4")["achievement_pct"] == 100
    assert indicator(annex_2025, "KM 6.2.2")["achievement_pct"] == 0
    counselled = indicator(annex_2025, "PU 4.1.4")
    assert counselled["target"] is None and counselled["actual"] == 3 and counselled["status"] == "no_target"


def test_summary_missing_actual_is_no_data_and_no_target_is_said(annex_2025):
    empty = indicator(annex_2025, "SH 3.1")
    assert empty["actual"] is None and empty["achievement_pct"] is None and empty["status"] == "no_data"
    assert empty["status_label"] == "pa të dhëna"
    counted = indicator(annex_2025, "RC 1.1")
    assert counted["actual"] == 12 and counted["achievement_pct"] is None and counted["status"] == "no_target"


def test_summary_rollups_speak_the_vocabulary_of_coverage(annex_2025):
    plan = annex_2025["rollups"]["plan"]
    assert {k: plan[k] for k in ("indicators", "of_year", "with_value", "rated", "no_numeric_target", "no_data")} == {
        "indicators": 52, "of_year": 52, "with_value": 7, "rated": 4, "no_numeric_target": 48, "no_data": 45}
    assert plan["coverage_pct"] == round(4 / 52 * 100, 1) and plan["mean_pct"] is None  # below the 50 % threshold
    assert {k: v for k, v in plan["status_counts"].items() if v} == {
        "on_track": 1, "partly": 1, "off_track": 2, "no_data": 45, "no_target": 3}
    ms = next(f for f in annex_2025["rollups"]["fields"] if f["field"] == "MS")
    assert (ms["rated"], ms["of_year"], ms["mean_pct"]) == (2, 9, None)
    km = next(f for f in annex_2025["rollups"]["fields"] if f["field"] == "KM")
    assert (km["rated"], km["of_year"], km["coverage_pct"], km["mean_pct"]) == (1, 2, 50, 0)
    objective = next(o for o in annex_2025["rollups"]["objectives"] if o["field"] == "MS" and o["objective"] == "6.1")
    assert objective["rated"] == 2 and objective["indicators"] == 9


def test_no_numeric_target_is_counted_from_the_plan_and_is_the_same_every_year(annex_filled, built):
    counts = {build_summary(open_workbook(p), y)["rollups"]["plan"]["no_numeric_target"]
              for p in (annex_filled, built[ANNEX]) for y in (2024, 2025, 2026)}
    assert counts == {48}


def test_the_mean_is_given_above_the_coverage_threshold_on_the_settings_sheet(annex_filled, tmp_path):
    path = Filler(annex_filled, tmp_path / "low.xlsx").setting("Mbulimi minimal për mesataren (%)", 5).save()
    data = build_summary(open_workbook(path), 2025)
    assert data["thresholds"]["coverage_min"] == 5
    assert data["rollups"]["plan"]["mean_pct"] == round((50 + 100 / 3 + 100 + 0) / 4, 1)
    text = render_summary_text(data)
    assert "4 nga 52 tregues të vlerësuar (mbulimi 7,7 %)" in text


def test_summary_activity_status_counts_and_disaggregation_shares(annex_2025):
    counts = annex_2025["rollups"]["activity_status"]["plan"]
    assert counts == {"done": 1, "partly": 1, "in_progress": 1, "not_done": 1, "not_reported": 32, "not_scheduled": 0}
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
    assert "Arritja mesatare nuk jepet: 4 nga 52 tregues të vlerësuar, mbulimi 7,7 %" in out
    assert "Municipality + donors, no split" in en and "No mean achievement" in en and "pa ndarje" not in en


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
    campaigns = indicator(data, "A A4.1")  # "54 fushata (18 NJA x 1 fushatë në vit x 3 vite)": 36 by 2024
    assert campaigns["actual"] == 17 and campaigns["actual_to_date"] == 27 and campaigns["expected_to_date"] == 36
    assert campaigns["achievement_pct"] == 50 and campaigns["elapsed_pct"] == 50
    assert campaigns["rating_pct"] == 75 and campaigns["status"] == "partly"


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


# ---------------------------------------------------------------- the example workbooks: what is due, what is scheduled


@pytest.fixture(scope="module")
def social_2023(examples):
    return build_summary(open_workbook(examples[SOCIAL]), 2023)


def test_activities_that_start_later_are_not_scheduled_and_not_counted_as_not_done(social_2023):
    acts = {a["activity_code"]: a for a in social_2023["activities"]}
    assert len(acts) == 70
    later = {code for code, a in acts.items() if not a["scheduled"]}
    assert later == {"A A2.2", "B B2.1", "C 1.8.5 b)", "C 1.9.4 ii)", "C 1.10.3", "C 1.10.5 ii)"}
    assert all(acts[c]["status"] == "not_scheduled" for c in later)
    assert acts["A A2.2"]["years"] == [2024, 2026]
    assert set(acts["A A1.1"]) >= {"activity_code", "title", "status", "scheduled", "planned", "spent",
                                   "funding_source"}
    counts = social_2023["rollups"]["activity_status"]["plan"]
    assert counts["not_scheduled"] == 6 and counts["not_done"] == 2  # C 1.8.3 and C 1.9.1 run from 2023
    assert sum(v for k, v in counts.items() if k != "not_scheduled") == 64
    plan = social_2023["rollups"]["plan"]
    assert (plan["indicators"], plan["not_scheduled"], plan["of_year"]) == (118, 9, 109)
    assert indicator(social_2023, "A A2.2")["status"] == "not_scheduled"


def test_a_single_deliverable_due_by_2026_is_not_yet_due_in_2023(social_2023):
    centre = indicator(social_2023, "C 1.6")  # "Një qendër emergjence e ngritur dhe funksionale", 2023-2026
    assert centre["actual"] == 0 and centre["status"] == "not_due" and centre["expected_to_date"] is None
    assert centre["due_year"] == 2026 and centre["baseline"] == 0
    assert social_2023["rollups"]["plan"]["not_due"] == centre_count(social_2023)


def centre_count(data: dict) -> int:
    return sum(1 for i in data["indicators"] if i["status"] == "not_due")


@pytest.mark.parametrize(("plan_id", "years"), [(SOCIAL, (2023,)), (ANNEX, (2024, 2025))])
def test_no_indicator_is_on_track_below_the_threshold_unless_its_expected_value_says_why(examples, plan_id, years):
    for year in years:
        data = build_summary(open_workbook(examples[plan_id]), year)
        threshold = data["thresholds"]["on_track"]
        for i in data["indicators"]:
            if i["status"] == "on_track" and i["achievement_capped"] < threshold:
                assert i["expected_to_date"] is not None and i["expected_to_date"] < i["target"], i
            if i["rating_pct"] is not None and i["expected_to_date"] is not None:
                compared = i["actual_to_date"] if i["scope"] == "period" else i["actual"]
                if i["kind"] in ("count", "amount", "percent") and i["baseline"] is None:
                    assert i["rating_pct"] == round(min(100, compared / i["expected_to_date"] * 100), 1), i


def test_every_mean_is_printed_with_its_coverage(examples):
    data = build_summary(open_workbook(examples[SOCIAL]), 2023)
    text = render_summary_text(data)
    plan = data["rollups"]["plan"]
    assert plan["mean_pct"] is not None and plan["coverage_pct"] >= 50
    assert f"{plan['rated']} nga {plan['of_year']} tregues të vlerësuar (mbulimi" in text


def test_the_reference_year_2025_becomes_the_baseline_of_the_later_years_and_the_summary_says_so(examples,
                                                                                                  tmp_path):
    data = build_summary(open_workbook(examples[ANNEX]), 2025)
    rc = indicator(data, "RC 1.1")  # "Baza e referimit – viti 2025. Indikator të matshem"
    assert rc["baseline_origin"] == "reference_year" and rc["baseline_year"] == 2025
    assert "2025 është viti i referimit" in render_summary_text(data)
    later = Filler(examples[ANNEX], tmp_path / "2026.xlsx").put(2026, "RC", "1.1", actual=20).save()
    rc26 = indicator(build_summary(open_workbook(later), 2026), "RC 1.1")
    assert (rc26["baseline"], rc26["baseline_year"]) == (rc["actual"], 2025)
    assert rc26["baseline_note"] == f"Vlera bazë {rc['actual']:g}: vlera e 2025, viti i referimit i planit."


@pytest.mark.parametrize("enabled", [True, False])
def test_summary_and_validate_leave_the_cycle_collector_as_they_found_it(annex_filled, capsys, enabled):
    import gc

    from addin.cli import main

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert main(["summary", str(annex_filled), "--year", "2025"]) == 0
        assert gc.isenabled() is enabled
        main(["validate", str(annex_filled), "--no-copy"])
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert "2025" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["summary", "--year", "2025"], ["validate", "--no-copy"]])
def test_the_console_command_leaves_the_workbook_it_read_for_the_process_end_to_drop(annex_filled, capsys,
                                                                                     monkeypatch, command):
    """`run` (the console command) ends the process with os._exit: the workbook's objects are not freed one by
    one when the command returns. `main` called in a process that goes on (the tests, a Python session) keeps
    nothing: everything it made is freed as usual."""
    import weakref

    from addin import cli
    from addin.workbook.reader import WorkbookData

    opened: list[weakref.ref] = []
    init = WorkbookData.__init__

    def noted(self, *args, **kwargs):
        opened.append(weakref.ref(self))
        init(self, *args, **kwargs)

    monkeypatch.setattr(WorkbookData, "__init__", noted)
    argv = [command[0], str(annex_filled), *command[1:]]
    assert cli._left_to_exit is None
    code = cli.main(argv)
    said = capsys.readouterr()
    assert len(opened) == 1 and opened[0]() is None  # freed when the command returned

    monkeypatch.setattr(cli, "_left_to_exit", [])  # as `run` sets it
    assert cli.main(argv) == code
    assert capsys.readouterr() == said
    assert len(opened) == 2 and opened[1]() is not None  # left for the process's end


TEXT_VIEW_LEAVES_OUT = {"activities", "objective_indicators", "costs/by_objective", "costs/by_year",
                        "rollups/objectives"}


def _without(data: dict, paths: set[str], within: str = "") -> dict:
    """`data` without the keys at `paths` ("costs/by_year") and without "indicators"."""
    return {k: _without(v, paths, f"{within}{k}/") if isinstance(v, dict) else v for k, v in data.items()
            if f"{within}{k}" not in paths and k != "indicators"}


@pytest.mark.parametrize(("plan_id", "years"), [(SOCIAL, (2023, 2024, 2026)), (ANNEX, (2024, 2025))])
def test_the_text_view_prints_the_same_from_only_what_it_prints(examples, annex_filled, plan_id, years):
    from addin.figures.summary import printed_in_text

    for path in (examples[plan_id], annex_filled) if plan_id == ANNEX else (examples[plan_id],):
        wb = open_workbook(path)
        for year in years:
            full, few = build_summary(wb, year), build_summary(wb, year, text_only=True)
            assert 0 < len(few["indicators"]) < len(full["indicators"])
            assert [row for row in full["indicators"] if printed_in_text(_Rated(row))] == few["indicators"]
            assert _without(few, set()) == _without(full, TEXT_VIEW_LEAVES_OUT)  # every figure it keeps, the same
            assert not any(k in few for k in TEXT_VIEW_LEAVES_OUT if "/" not in k)
            assert "by_objective" not in few["costs"] and "objectives" not in few["rollups"]
            for lang in ("sq", "en"):
                assert render_summary_text(few, lang) == render_summary_text(full, lang)


class _Rated:
    """An indicator row's rating fields, as `printed_in_text` reads them from a Result."""

    def __init__(self, row: dict):
        self.status, self.baseline_origin = row["status"], row["baseline_origin"]
