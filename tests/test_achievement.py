"""Achievement rules, status thresholds, whole-period targets, roll-ups and disaggregation shares."""

from __future__ import annotations

import pytest

from addin.figures.achievement import (
    RULES,
    achievement,
    activity_status_counts,
    cap,
    cumulative,
    elapsed_share,
    indicator_result,
    rollup,
    shares,
    status,
)


def test_increase_without_baseline_is_actual_over_target():
    a = achievement(45, 54)
    assert a.raw == pytest.approx(83.333, abs=1e-3) and a.rule == "ratio_increase"


def test_over_achievement_keeps_the_raw_value_and_caps_the_shown_one_at_100():
    a = achievement(270, 216)
    assert a.raw == pytest.approx(125) and a.capped == 100


def test_increase_with_baseline_measures_the_distance_covered():
    # Plani Social A1.4#2: 3 326 000 lekë in 2022, target 3 500 000; 3 413 000 is half-way
    a = achievement(3_413_000, 3_500_000, 3_326_000)
    assert a.raw == pytest.approx(50) and a.rule == "baseline"


def test_decrease_with_baseline_uses_the_same_formula():
    assert achievement(15, 10, 20, "decrease").raw == pytest.approx(50)
    assert achievement(8, 10, 20, "decrease").raw == pytest.approx(120)
    worse = achievement(25, 10, 20, "decrease")  # moved the wrong way
    assert worse.raw == pytest.approx(-50) and worse.capped == 0


def test_decrease_without_baseline_mirrors_the_increase_rule():
    # (2 × target − actual) / target × 100: each 1 % above the target costs 1 point
    assert achievement(6, 5, direction="decrease").raw == pytest.approx(80)
    assert achievement(5, 5, direction="decrease").raw == pytest.approx(100)
    assert achievement(2.5, 5, direction="decrease").raw == pytest.approx(150)
    far = achievement(12, 5, direction="decrease")
    assert far.raw == pytest.approx(-40) and far.capped == 0 and far.rule == "ratio_decrease"


def test_target_equal_to_baseline_is_a_level_to_hold_judged_on_the_target():
    # Plani Social A1.3: "Mbi 220 familje ne vit", 220 families in 2022
    below = achievement(200, 220, 220)
    assert below.raw == pytest.approx(200 / 220 * 100) and below.rule == "baseline_not_usable"
    assert achievement(250, 220, 220).capped == 100
    assert achievement(9, 10, 10, "decrease").raw == pytest.approx(110)


def test_target_already_passed_at_baseline_does_not_turn_progress_negative():
    # Plani Social A1.4#1: "Mbi 100 familje ne vit", 110 families in 2022
    a = achievement(105, 100, 110)
    assert a.raw == pytest.approx(105) and a.rule == "baseline_not_usable"


def test_zero_target_is_met_only_at_or_past_zero():
    assert achievement(0, 0, direction="decrease").raw == 100
    assert achievement(3, 0, direction="decrease").raw == 0
    assert achievement(3, 0).raw == 100 and achievement(3, 0).rule == "zero_target"
    assert achievement(0, 0, 0, "decrease").rule == "baseline_not_usable"


def test_missing_actual_is_no_data_never_zero():
    a = achievement(None, 54)
    assert a.raw is None and a.capped is None and a.rule == "no_data"
    r = indicator_result({}, 2025, target=54, baseline=None, direction="increase", kind="count",
                         scope="annual", start=2024, end=2027)
    assert r.rating is None and r.status == "no_data"
    assert achievement(0, 54).raw == 0  # a real 0 stays 0


def test_indicator_without_numeric_target_has_its_own_status():
    a = achievement(120, None)
    assert a.raw is None and a.rule == "no_target"
    assert status(None, rule="no_target") == "no_target"


def test_milestones_are_100_when_done_and_0_when_not():
    assert achievement(1.0, None, kind="milestone").raw == 100
    assert achievement(0.0, None, kind="milestone").raw == 0
    assert achievement(None, None, kind="milestone").rule == "no_data"


@pytest.mark.parametrize(("rating", "expected"), [
    (100, "on_track"), (90, "on_track"), (89.9, "partly"), (50, "partly"), (49.9, "off_track"), (0, "off_track"),
    (None, "no_data"),
])
def test_status_thresholds_default_to_90_and_50(rating, expected):
    assert status(rating) == expected


def test_status_thresholds_come_from_the_caller():
    assert status(85, {"on_track": 80, "partly": 40}) == "on_track"
    assert status(45, {"on_track": 80, "partly": 40}) == "partly"


def test_annual_target_compares_that_years_actual():
    r = indicator_result({2024: 40, 2025: 10}, 2025, target=20, baseline=None, direction="increase",
                         kind="count", scope="annual", start=2024, end=2027)
    assert r.compared == 10 and r.achievement.raw == pytest.approx(50) and r.status == "partly"


def test_whole_period_count_target_in_the_middle_of_the_period_is_rated_against_time_elapsed():
    # "54 fushata (18 NJA x 1 fushatë në vit x 3 vite)", plan 2023-2026; 2024 is the second of four years
    values = {2023: 10, 2024: 17}
    r = indicator_result(values, 2024, target=54, baseline=None, direction="increase", kind="count",
                         scope="period", start=2023, end=2026)
    assert r.compared == 27 and r.achievement.raw == pytest.approx(50)
    assert r.elapsed == pytest.approx(0.5) and r.rating == pytest.approx(100) and r.status == "on_track"
    slow = indicator_result({2023: 5, 2024: 8.5}, 2024, target=54, baseline=None, direction="increase",
                            kind="count", scope="period", start=2023, end=2026)
    assert slow.achievement.raw == pytest.approx(25) and slow.rating == pytest.approx(50) and slow.status == "partly"


def test_whole_period_percent_target_uses_the_latest_value():
    assert cumulative({2023: 10, 2024: 25, 2025: None}, 2025, "percent") == 25
    assert cumulative({2023: 10, 2024: None, 2025: 5}, 2025, "count") == 15
    assert cumulative({2023: 10}, 2022, "count") is None
    assert cumulative({2023: 0.0, 2024: 1.0, 2025: 0.0}, 2025, "milestone") == 1.0


def test_whole_period_target_with_its_own_year_is_due_by_then():
    assert elapsed_share(2023, 2023, 2026, target_year=2023) == 1
    assert elapsed_share(2024, 2023, 2026, target_year=2025) == pytest.approx(2 / 3)
    assert elapsed_share(2025, 2023, 2026) == pytest.approx(0.75)


def test_whole_period_target_without_any_data_to_date_is_no_data():
    r = indicator_result({2025: 3}, 2024, target=6, baseline=None, direction="increase", kind="count",
                         scope="period", start=2023, end=2026)
    assert r.compared is None and r.status == "no_data"


def test_rollup_averages_capped_ratings_over_indicators_with_data_only():
    results = [
        indicator_result({2025: v}, 2025, target=t, baseline=None, direction="increase", kind="count",
                         scope="annual", start=2024, end=2027)
        for v, t in ((150, 100), (40, 100), (None, 100), (7, None))
    ]
    r = rollup(results)
    assert r.indicators == 4 and r.with_data == 2 and r.reported == 3
    assert r.mean == pytest.approx((100 + 40) / 2)
    assert r.counts == {"on_track": 1, "partly": 0, "off_track": 1, "no_data": 1, "no_target": 1}
    assert rollup([]).mean is None


def test_disaggregation_shares_are_within_each_pair():
    s = shares({"women": 30, "men": 10, "roma": 5, "egyptian": 15, "urban": 40, "rural": 0})
    assert s == {"women": 75, "roma": 25, "egyptian": 75, "rural": 0}
    assert shares({"women": 3}) == {}


def test_activity_status_counts_include_the_ones_not_reported():
    assert activity_status_counts(["done", "done", "partly", None, "not_done", "in_progress"]) == {
        "done": 2, "partly": 1, "in_progress": 1, "not_done": 1, "not_reported": 1}


def test_cap_limits_to_0_100_and_keeps_none():
    assert (cap(-5), cap(55.5), cap(180), cap(None)) == (0, 55.5, 100, None)


def test_every_rule_is_named_in_the_readme_table():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Costs and achievement", 1)[1]
    for rule in RULES:
        assert f"`{rule}`" in section, rule
