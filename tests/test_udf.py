"""Excel worksheet functions give exactly the engine's results; the core never imports xlwings."""

from __future__ import annotations

import subprocess
import sys
import typing

import pytest

from addin.excel import functions as excel_functions
from addin.excel.functions import ARRITJA, ARRITJA_KUFIZUAR, LEKE, STATUSI, XL_NA, XL_VALUE
from addin.figures.achievement import achievement, status
from tests.conftest import ANNEX

CASES = [
    # actual, target, baseline, direction, kind
    (45, 54, None, "increase", "count"),
    (270, 216, None, "increase", "count"),
    (3_413_000, 3_500_000, 3_326_000, "increase", "amount"),
    (15, 10, 20, "decrease", "percent"),
    (25, 10, 20, "decrease", "percent"),
    (6, 5, None, "decrease", "percent"),
    (200, 220, 220, "increase", "count"),
    (105, 100, 110, "increase", "count"),
    (3, 0, None, "decrease", "count"),
    (0, 54, None, "increase", "count"),
    (421, 3, 412, "increase", "relative"),  # MS 6.1.2 "rritje me 3-5 %": 412 in 2024, 421 in 2025
]


@pytest.mark.parametrize(("actual", "target", "baseline", "direction", "kind"), CASES)
def test_arritja_equals_the_engine_raw_and_capped(actual, target, baseline, direction, kind):
    core = achievement(actual, target, baseline, direction, kind)
    assert ARRITJA(actual, target, baseline, direction, kind) == core.raw
    assert ARRITJA_KUFIZUAR(actual, target, baseline, direction, kind) == core.capped


def test_arritja_of_a_relative_target_reads_its_label_and_says_when_the_baseline_is_missing():
    assert ARRITJA(421, 3, 412, "rritje", "ndryshim relativ (%)") == pytest.approx(72.8, abs=0.05)
    assert ARRITJA(421, 3, None, "rritje", "ndryshim relativ (%)") == "pa vlerë bazë"


def test_arritja_reads_the_albanian_labels_of_the_indicator_sheet():
    assert ARRITJA(15, 10, 20, "ulje", "përqindje") == achievement(15, 10, 20, "decrease", "percent").raw
    assert ARRITJA(15.0, 10.0, 20.0, "Ulje") == ARRITJA(15, 10, 20, "decrease")
    assert ARRITJA("12,5", 25) == pytest.approx(50)


def test_arritja_of_milestones_takes_po_jo():
    assert ARRITJA("po", None, None, "rritje", "arritje (po/jo)") == 100
    assert ARRITJA("jo", None, None, None, "milestone") == 0
    assert ARRITJA(True, None, None, None, "milestone") == 100


def test_arritja_without_data_is_text_never_zero():
    assert ARRITJA(None, 54) == "pa të dhëna"
    assert ARRITJA("", 54) == "pa të dhëna"
    assert ARRITJA_KUFIZUAR(None, 54) == "pa të dhëna"
    assert ARRITJA(20, None) == "pa synim numerik"


def test_arritja_of_an_unreadable_value_is_an_excel_error():
    assert ARRITJA("shumë", 54) == XL_VALUE == "#VALUE!"
    assert ARRITJA(5, 54, None, "anash") == XL_VALUE
    assert ARRITJA("ndoshta", None, None, None, "milestone") == XL_VALUE


@pytest.mark.parametrize("value", [100, 90, 89.9, 50, 49.9, 0, 130, -20])
def test_statusi_equals_the_engine_status(value):
    from addin.common.messages import t

    assert STATUSI(value) == t(f"status_{status(min(100, max(0, value)))}")
    assert STATUSI(value, 80, 40) == t(f"status_{status(min(100, max(0, value)), {'on_track': 80, 'partly': 40})}")


def test_statusi_of_no_data_stays_no_data():
    assert STATUSI(None) == STATUSI("pa të dhëna") == "pa të dhëna"
    assert STATUSI(95) == "në rrugë të mbarë"


def test_leke_reads_every_cost_cell_of_the_annex_as_the_engine_does(plans):
    for a in plans[ANNEX].activities:
        expected = a.cost_lek if a.cost_lek is not None else XL_NA
        assert LEKE(a.cost_printed) == expected, a.cost_printed
    assert LEKE("34, 300 lekë Buxheti vendor") == 34300


def test_leke_gives_excel_errors_when_it_cannot_read_an_amount():
    assert LEKE("Sipas kostimit bere nga bashkia") == XL_NA == "#N/A"
    assert LEKE(None) == XL_NA and LEKE("  ") == XL_NA
    assert LEKE("12 familje") == XL_VALUE and LEKE("12abc") == XL_VALUE
    assert LEKE(4584062.0) == 4584062


def test_udf_type_hints_are_ones_xlwings_can_convert():
    from xlwings.conversion import accessors

    for f in (ARRITJA, ARRITJA_KUFIZUAR, STATUSI, LEKE):
        hints = typing.get_type_hints(f)
        assert hints and all(h is typing.Any for h in hints.values()), f.__name__
        assert typing.Any in accessors


def test_the_core_never_imports_xlwings():
    code = ("import sys, addin.figures.costs, addin.figures.achievement, addin.figures.summary, addin.cli; "
            "print('xlwings' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"
    assert "xlwings" in excel_functions.__dict__["xw"].__name__
