"""Achievement rules, status thresholds, whole-period targets, roll-ups and disaggregation shares."""

from __future__ import annotations

import pytest

from addin.figures.achievement import (
    RULES,
    Spec,
    achievement,
    activity_status_counts,
    cap,
    cumulative,
    elapsed_share,
    evaluate,
    rollup,
    shares,
    status,
)


def spec(target, scope="annual", kind="count", start=2024, end=2027, **kw) -> Spec:
    return Spec(kind=kind, target=target, direction=kw.pop("direction", "increase"), scope=scope, start=start,
                end=end, **kw)


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
    r = evaluate({}, 2025, spec(54))
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
    r = evaluate({2024: 40, 2025: 10}, 2025, spec(20))
    assert r.compared == 10 and r.expected == 20 and r.achievement.raw == pytest.approx(50) and r.status == "partly"


def test_whole_period_count_target_is_rated_against_the_share_expected_by_the_year():
    # "54 fushata (18 NJA x 1 fushatë në vit x 3 vite)", 2023-2026: 2024 is the second of four years, 27 expected
    r = evaluate({2023: 10, 2024: 17}, 2024, spec(54, "period", start=2023, end=2026))
    assert r.compared == 27 and r.achievement.raw == pytest.approx(50) and r.expected == 27
    assert r.elapsed == pytest.approx(0.5) and r.rating == pytest.approx(100) and r.status == "on_track"
    slow = evaluate({2023: 5, 2024: 8}, 2024, spec(54, "period", start=2023, end=2026))
    assert slow.achievement.raw == pytest.approx(13 / 54 * 100) and slow.rating == pytest.approx(13 / 27 * 100)
    assert slow.status == "off_track"


def test_expected_count_by_a_year_is_a_whole_number_of_things():
    # 54 over 2023-2026: 13,5 by 2023 means 13 campaigns expected, 40,5 by 2025 means 40
    assert evaluate({2023: 13}, 2023, spec(54, "period", start=2023, end=2026)).expected == 13
    assert evaluate({2023: 13}, 2025, spec(54, "period", start=2023, end=2026)).expected == 40


def test_a_per_year_figure_of_the_plan_sets_what_is_expected():
    # "54 fushata (18 NJA x 1 fushatë në vit x 3 vite)": 18 a year, whatever the number of plan years
    r = evaluate({2023: 18}, 2023, spec(54, "period", start=2023, end=2026, per_year=18))
    assert r.expected == 18 and r.status == "on_track" and r.achievement.capped == pytest.approx(33.3, abs=0.1)


def test_a_single_deliverable_is_not_yet_due_before_its_end_year():
    # "Një qendër emergjence e ngritur dhe funksionale" 2023-2026: not there in 2023 is not a failure
    centre = spec(1, "period", start=2023, end=2026)
    early = evaluate({2023: 0}, 2023, centre)
    assert early.status == "not_due" and early.rating is None and early.expected is None
    assert evaluate({2023: 0, 2026: 0}, 2026, centre).status == "off_track"
    done_early = evaluate({2024: 1}, 2024, centre)
    assert done_early.status == "on_track" and done_early.rating == 100
    database = spec(None, "period", kind="milestone", start=2023, end=2026)
    assert evaluate({2023: 0.0}, 2023, database).status == "not_due"
    assert evaluate({2023: 0.0, 2024: 1.0}, 2024, database).status == "on_track"
    assert evaluate({2023: 0.0}, 2026, database).status == "off_track"


def test_a_small_divisible_target_is_not_due_until_one_whole_thing_is_expected():
    # "2 (dy) shërbime të specializuara" 2023-2026: 0,5 by 2023 is nothing yet, 1 by 2024
    services = spec(2, "period", start=2023, end=2026)
    assert evaluate({2023: 0}, 2023, services).status == "not_due"
    assert evaluate({2023: 0, 2024: 1}, 2024, services).expected == 1


def test_an_indicator_with_its_own_year_is_due_by_then():
    # "1 (një) specialist i shtuar … në vitin 2024" in an activity running 2023-2026
    specialist = spec(1, "period", start=2023, end=2026, target_year=2024)
    assert evaluate({2023: 0}, 2023, specialist).status == "not_due"
    r = evaluate({2023: 0, 2024: 0}, 2024, specialist)
    assert r.expected == 1 and r.status == "off_track"


def test_an_activity_that_has_not_started_is_not_scheduled_and_not_counted():
    later = spec(1, "period", start=2024, end=2026)
    r = evaluate({2023: 0}, 2023, later)
    assert r.status == "not_scheduled" and r.rating is None and not r.scheduled
    roll = rollup([r, evaluate({2023: 5}, 2023, spec(10, start=2023, end=2026))])
    assert (roll.indicators, roll.not_scheduled, roll.of_year, roll.rated, roll.no_data) == (2, 1, 1, 1, 0)


def test_after_an_activity_ends_its_whole_period_target_stays_due_and_yearly_ones_are_not_scheduled():
    protocols = spec(3, "period", start=2023, end=2024)
    r = evaluate({2023: 1, 2024: 1}, 2025, protocols)
    assert r.expected == 3 and r.rating == pytest.approx(200 / 3) and r.status == "partly" and not r.scheduled
    assert evaluate({2024: 1}, 2025, spec(1, start=2023, end=2024)).status == "not_scheduled"


def test_no_indicator_is_on_track_below_the_threshold_unless_less_was_expected():
    for values, year, s in [({2023: 13}, 2023, spec(54, "period", start=2023, end=2026)),
                            ({2023: 0, 2024: 1}, 2024, spec(2, "period", start=2023, end=2026)),
                            ({2024: 95}, 2024, spec(100))]:
        r = evaluate(values, year, s)
        if r.status == "on_track" and r.achievement.capped < 90:
            assert r.expected is not None and r.expected < s.target


def test_relative_target_is_measured_from_the_previous_year():
    # "rritje me 3-5 % të numrit të aplikimeve cdo vit": 412 in 2024, 421 in 2025 is +2,2 % of the 3 % asked
    applications = spec(3, kind="relative", target_high=5)
    r = evaluate({2024: 412, 2025: 421}, 2025, applications)
    assert (r.baseline, r.baseline_year, r.baseline_origin) == (412, 2024, "previous_year")
    assert r.expected == pytest.approx(412 * 1.03) and r.achievement.rule == "relative"
    assert r.achievement.raw == pytest.approx((421 - 412) / (412 * 0.03) * 100) and r.status == "partly"
    first = evaluate({2024: 412}, 2024, applications)
    assert first.status == "no_baseline" and first.rating is None
    assert evaluate({2024: 412, 2025: 433}, 2025, applications).status == "on_track"  # +5,1 %


def test_a_reference_year_without_a_value_gives_its_actual_as_the_baseline_of_later_years():
    # "Baza e referimit – viti 2025": a count to grow by 10 % from the 2025 value
    grow = spec(10, "period", kind="relative", start=2024, end=2027, baseline_year=2025)
    in_2025 = evaluate({2025: 200}, 2025, grow)
    assert in_2025.status == "no_baseline" and in_2025.baseline_year == 2025
    later = evaluate({2025: 200, 2027: 220}, 2027, grow)
    assert (later.baseline, later.baseline_origin) == (200, "reference_year") and later.status == "on_track"
    assert achievement(220, 10, 200, kind="relative").raw == pytest.approx(100)
    assert achievement(220, 10, None, kind="relative").rule == "no_baseline"


def test_whole_period_percent_target_uses_the_latest_value():
    assert cumulative({2023: 10, 2024: 25, 2025: None}, 2025, "percent") == 25
    assert cumulative({2023: 10, 2024: None, 2025: 5}, 2025, "count") == 15
    assert cumulative({2023: 10}, 2022, "count") is None
    assert cumulative({2023: 0.0, 2024: 1.0, 2025: 0.0}, 2025, "milestone") == 1.0


def test_elapsed_share_ends_at_the_indicators_own_year():
    assert elapsed_share(2023, 2023, 2026, target_year=2023) == 1
    assert elapsed_share(2024, 2023, 2026, target_year=2025) == pytest.approx(2 / 3)
    assert elapsed_share(2025, 2023, 2026) == pytest.approx(0.75)


def test_whole_period_target_without_any_data_to_date_is_no_data():
    r = evaluate({2025: 3}, 2024, spec(6, "period", start=2023, end=2026))
    assert r.compared is None and r.status == "no_data"


def test_rollup_speaks_the_vocabulary_of_coverage():
    results = [evaluate({2025: v}, 2025, spec(t)) for v, t in ((150, 100), (40, 100), (None, 100), (7, None))]
    r = rollup([])
    for x, s_ in zip(results, (spec(100), spec(100), spec(100), spec(None)), strict=True):
        r.add(x, s_.numeric_target)
    assert (r.indicators, r.with_value, r.rated, r.no_numeric_target, r.no_data) == (4, 3, 2, 1, 1)
    assert r.mean == pytest.approx((100 + 40) / 2) and r.coverage == pytest.approx(50)
    assert r.mean_if_covered(50) == pytest.approx(70) and r.mean_if_covered(51) is None
    assert {k: v for k, v in r.counts.items() if v} == {"on_track": 1, "off_track": 1, "no_data": 1, "no_target": 1}
    assert rollup([]).mean is None and rollup([]).coverage is None


def test_indicators_without_a_numeric_target_are_counted_from_the_plan_whatever_the_data():
    no_target = spec(None)
    r = rollup([])
    for v in (None, 7):  # one empty, one with a value: both are "pa synim numerik"
        r.add(evaluate({2025: v}, 2025, no_target), no_target.numeric_target)
    assert r.no_numeric_target == 2 and r.no_data == 1 and r.with_value == 1


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
