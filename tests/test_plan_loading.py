"""The plan loader: every value repaired as `repair` says, rows built exactly as their constructors would, and a
malformed row named by file and line."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
from pathlib import Path

import pytest

from addin.common.text import repair
from addin.plan.model import Activity, Indicator, PlanSourceError, load_plan
from tests.conftest import FIXTURES, SOCIAL

PLANS_DATA = Path(__file__).resolve().parent.parent / "addin" / "plan" / "data"


def _copy(tmp_path: Path, src: Path = FIXTURES / "mini-plan") -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(src, folder)
    return folder


def _edit(folder: Path, name: str, line: int, column: str, value: str) -> None:
    """Set one value of a CSV file (line 1 is the header), written back as CSV so any text can be put there."""
    path = folder / name
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


@pytest.mark.parametrize(
    "messy",
    [" Aktiviteti dy", "Aktiviteti dy ", "Aktiviteti  dy", "Aktiviteti\tdy", "Aktiviteti\ndy", "Aktiviteti\r\ndy",
     "Aktiviteti\u00a0dy", "Aktiviteti\u2003dy", "Aktiviteti\u3000dy", "Aktiviteti\x0cdy", "Aktiviteti\x1cdy",
     "Aktiviteti\u2028dy", "Aktiviteti\x85dy"],
)
def test_white_space_anywhere_in_a_value_is_collapsed_like_repair_does(tmp_path, messy):
    folder = _copy(tmp_path)
    _edit(folder, "activities.csv", 3, "activity", messy)
    activity = next(a for a in load_plan(folder).activities if a.field == "F1" and a.code == "1.2")
    assert activity.activity == repair(messy) == "Aktiviteti dy"


@pytest.mark.parametrize(("column", "messy"), [("start_year", " 2024"), ("end_year", "2025 "), ("code", " 1.2 ")])
def test_space_around_a_code_or_a_year_is_dropped_before_it_is_read(tmp_path, column, messy):
    folder = _copy(tmp_path)
    _edit(folder, "activities.csv", 3, column, messy)
    activity = load_plan(folder).activities[1]
    assert (activity.code, activity.start_year, activity.end_year) == ("1.2", 2024, 2025)


def test_a_cyrillic_yo_typed_for_e_diaeresis_is_repaired_in_every_column(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "indicators.csv", 2, "unit", "fёmijё")
    _edit(folder, "indicators.csv", 2, "indicator", "Numri i fЁmijЁve")
    indicator = load_plan(folder).indicators[0]
    assert (indicator.target.unit, indicator.text) == ("fëmijë", "Numri i fËmijËve")


def test_a_row_of_only_white_space_is_skipped_and_later_rows_keep_their_line(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "activities.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2:2] = [" , \t" + "," * 16, ""]  # a row of spaces and a tab, then an empty line, before line 3
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(load_plan(folder).activities) == len(load_plan(FIXTURES / "mini-plan").activities)
    _edit(folder, "activities.csv", 5, "start_year", "2026")
    with pytest.raises(PlanSourceError) as err:
        load_plan(folder)
    assert err.value.line == 5 and "end_year 2025 is before start_year 2026" in str(err.value)


@pytest.mark.parametrize(
    ("name", "line", "column", "value", "says"),
    [
        ("objectives.csv", 2, "title", "", "title is empty"),
        ("objectives.csv", 2, "target_year", "2040", "target_year 2040 is outside"),
        ("activities.csv", 2, "field", "", "field is empty"),
        ("activities.csv", 3, "activity", " ", "activity is empty"),
        ("activities.csv", 3, "cost_lek", "-1", "cost_lek -1 is outside 0-None"),
        ("activities.csv", 3, "start_year", "viti", "start_year must be a whole number, found 'viti'"),
        ("indicators.csv", 2, "n", "0", "n 0 is outside 1-None"),
        ("indicators.csv", 2, "disaggregation", "sex;age", "found 'age'"),
        ("indicators.csv", 3, "direction", "", "direction must be one of increase, decrease, found ''"),
        ("indicators.csv", 3, "baseline_value", "shumë", "baseline_value must be a number, found 'shumë'"),
        ("indicators.csv", 3, "target_high", "10", "target_high 10 needs a lower target_value below it"),
        ("institutions.csv", 2, "name", "", "name is empty"),
    ],
)
def test_a_bad_value_is_named_by_file_line_and_column(tmp_path, name, line, column, value, says):
    folder = _copy(tmp_path)
    _edit(folder, name, line, column, value)
    with pytest.raises(PlanSourceError) as err:
        load_plan(folder)
    assert (err.value.path, err.value.line) == (folder / name, line)
    assert says in str(err.value)


def test_a_target_repeated_on_another_row_is_still_checked_on_each_row(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "indicators.csv", 3, "target_year", "2040")  # the same target columns as a valid row, bad year
    with pytest.raises(PlanSourceError) as err:
        load_plan(folder)
    assert err.value.line == 3 and "target_year 2040 is outside" in str(err.value)


@pytest.mark.parametrize("plan_id", [SOCIAL, "plani-rom-egjiptian-2024-2027"])
def test_activities_and_indicators_are_exactly_what_their_constructors_make(plan_id):
    plan = load_plan(PLANS_DATA / plan_id)
    for item in (*plan.activities, *plan.indicators, *plan.objectives):
        again = type(item)(**{f.name: getattr(item, f.name) for f in dataclasses.fields(item)})
        assert item == again and vars(item) == vars(again) and list(vars(item)) == list(vars(again))
        assert hash(item) == hash(again) and repr(item) == repr(again)
        with pytest.raises(dataclasses.FrozenInstanceError):
            item.note = "x"  # type: ignore[misc]
    assert all(isinstance(a, Activity) for a in plan.activities)
    assert all(isinstance(i, Indicator) for i in plan.indicators)


def test_rows_that_need_no_repair_are_not_repaired_value_by_value(tmp_path, monkeypatch):
    import addin.plan.model as model

    calls: list[str] = []
    monkeypatch.setattr(model, "repair", lambda text: calls.append(text) or repair(text))
    folder = _copy(tmp_path)
    load_plan(folder)
    assert calls == []  # the bundled text is clean: one test per row, no value repaired
    _edit(folder, "activities.csv", 3, "note", "shënim  me dy hapësira")
    assert load_plan(folder).activities[1].note == "shënim me dy hapësira"
    assert len(calls) == 18  # only that row, each of its values
