"""Cost totals: the annex's figures computed by hand from its cost cells, funding categories, years, spending."""

from __future__ import annotations

import pytest

from addin.common.text import AmountError
from addin.figures.costs import (
    ActivityCost,
    by_entered_source,
    by_source,
    cost_lines,
    funding_categories,
    plan_activity_costs,
    planned_in,
    read_activity_costs,
    read_cost_text,
    running_years,
    spending_of,
    total_line,
)
from addin.figures.summary import read_year, source_label
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL
from tests.monitoring_fill import Filler

ANNEX_TOTAL = 4_584_062  # "Kostimi ne vit" cells of the 32 quantified measures, added up by hand below

# Per funding source, from the document's cost cells (roma-egyptian-annex-2024-2027.txt), by hand:
HAND_BY_SOURCE = {
    # "Buxheti vendor" RC 1.1 34 300 + RC 1.2 31 000 + RC 1.3 30 000 + RC 2.1 30 000 + AR 2.1.1 50 400
    # + AR 2.1.2 54 290; "Buxheti vjetor" SH 3.2 53 000; "Buxheti Vendor" SH 3.3 34 800; "bashkia" PU 4.1.6
    # 35 000; "Bashkia / fondet e veta" ST 5.3 85 000; "Bashkia" ST 5.4 38 000; "Bashkia (fondet e veta)"
    # MS 6.1.1 91 000 + MS 6.1.2 29 300; "Fond i Bashkise" KM 6.2.1 48 000 + KM 6.2.2 60 300
    # = 34300+31000+30000+30000+50400+54290+53000+34800+35000+85000+38000+91000+29300+48000+60300
    "municipal": 704_390,
    # "Fondi i Drejtorise Arsimore / Buxheti vendor" AR 2.1.3 25 550
    # + "Buxheti vendor dhe Drejtoria e Shendetesise" SH 3.1 75 747 = 25550+75747
    "municipal+central": 101_297,
    # "AKPA Elbasan,Bashkia/" PU 4.1.1 41 140 + "AKPA Elbasan, Bashkia" PU 4.1.2 360 000 = 41140+360000
    "municipal+agency": 401_140,
    # AR 2.2.2 142 000 + AR 2.3.1 141 520 + AR 2.3.2 98 670 + AR 2.3.3 85 000 + AR 2.3.4 45 000
    # + PU 4.1.7 960 000 + PU 4.1.8 1 000 000 + PU 4.1.9 530 000 + MS 6.1.4 82 045 + MS 6.1.5 132 000
    # = 142000+141520+98670+85000+45000+960000+1000000+530000+82045+132000
    "municipal+donor": 3_216_235,
    # "Bashkia (fondet e veta) / MSHMS / projekte të donatorëve" MS 6.1.3 38 000
    "municipal+central+donor": 38_000,
    # "AKPA Elbasan,Bashkia/ donatorë" PU 4.1.4 58 000 + PU 4.1.5 65 000 = 58000+65000
    "municipal+agency+donor": 123_000,
}
# 704390 + 101297 + 401140 + 3216235 + 38000 + 123000 = 4584062

HAND_BY_FIELD = {
    "RC": 125_300,  # 34300+31000+30000+30000
    "AR": 642_430,  # 50400+54290+25550+142000+141520+98670+85000+45000 (AR 2.2.1 has no amount)
    "SH": 163_547,  # 75747+53000+34800
    "PU": 3_049_140,  # 41140+360000+58000+65000+35000+960000+1000000+530000 (PU 4.1.3 has no amount)
    "ST": 123_000,  # 85000+38000 (ST 5.1 and ST 5.2 have no amount)
    "MS": 372_345,  # 91000+29300+38000+82045+132000
    "KM": 108_300,  # 48000+60300
}
UNQUANTIFIED = ["AR 2.2.1", "PU 4.1.3", "ST 5.1", "ST 5.2"]


@pytest.fixture(scope="module")
def annex_costs(plans):
    return plan_activity_costs(plans[ANNEX])


def test_hand_sums_agree_with_each_other():
    assert sum(HAND_BY_SOURCE.values()) == ANNEX_TOTAL
    assert sum(HAND_BY_FIELD.values()) == ANNEX_TOTAL


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_annex_planned_annual_cost_is_the_documents_total_in_every_year(annex_costs, year):
    assert planned_in(annex_costs, year) == ANNEX_TOTAL
    assert total_line(annex_costs, year, {}).planned == ANNEX_TOTAL


def test_the_workbooks_matrix_sheet_gives_the_same_costs_as_the_plan_text(built, annex_costs):
    assert read_activity_costs(open_workbook(built[ANNEX])) == annex_costs


def test_unquantified_measures_are_listed_and_never_counted_as_zero(annex_costs):
    assert [a.label for a in annex_costs if not a.quantified] == UNQUANTIFIED
    line = total_line(annex_costs, 2025, {})
    assert line.unquantified == UNQUANTIFIED and len(line.quantified) == 32


def test_per_source_totals_match_the_hand_sums_and_reconcile_with_the_total(annex_costs):
    rows = by_source(annex_costs, 2025, {})
    planned = {r.key: r.planned for r in rows}
    assert planned == {**HAND_BY_SOURCE, "unspecified": None}
    assert sum(p for p in planned.values() if p) == ANNEX_TOTAL
    # every measure is on exactly one row, the three without a printed source on their own
    assert sorted(a for r in rows for a in r.activities) == sorted(a.label for a in annex_costs)
    assert next(r for r in rows if r.key == "unspecified").activities == ["PU 4.1.3", "ST 5.1", "ST 5.2"]


def test_per_field_totals_match_the_hand_sums(annex_costs):
    lines = cost_lines(annex_costs, 2025, {}, lambda a: a.field)
    assert {k: v.planned for k, v in lines.items()} == HAND_BY_FIELD


def test_shared_funding_without_a_split_is_its_own_row_named_by_its_categories(annex_costs):
    assert source_label("municipal+donor") == "Bashkia + donatorë, pa ndarje"
    assert source_label("municipal+agency+donor", "en") == "Municipality + national agencies + donors, no split"
    assert source_label("municipal") == "Buxheti i Bashkisë / fondet e veta"
    unsplit = [a.label for a in annex_costs if a.unsplit]
    assert "AR 2.1.3" in unsplit and "PU 4.1.4" in unsplit and "RC 1.1" not in unsplit and len(unsplit) == 18
    row = next(r for r in by_source(annex_costs, 2025, {}) if r.key == "municipal+agency")
    assert row.printed == ["AKPA Elbasan,Bashkia/", "AKPA Elbasan, Bashkia"]  # the printed text is kept


@pytest.mark.parametrize(
    ("printed", "categories"),
    [
        ("Buxheti vendor", ("municipal",)),
        ("Buxheti vjetor", ("municipal",)),
        ("Fond i Bashkise (pa kosto shtesë)", ("municipal",)),
        ("Bashkia (fondet e veta )", ("municipal",)),
        ("Fondi i Drejtorise Arsimore / Buxheti vendor", ("municipal", "central")),
        ("Buxheti vendor dhe Drejtoria e Shendetesise", ("municipal", "central")),
        ("AKPA Elbasan,Bashkia/ donatorë", ("municipal", "agency", "donor")),
        ("ASHS Bashkia Elbasan dhe donatoret( A2B, ADRA etj)", ("municipal", "donor")),
        ("Bashkia/OJF", ("municipal", "donor")),
        ("Bashkia (fondet e veta) / MSHMS / projekte të donatorëve", ("municipal", "central", "donor")),
        ("Ministria e Shëndetësisë", ("central",)),
        ("Fondacioni Z", ("other",)),
        ("", ()),
    ],
)
def test_funding_text_falls_into_canonical_categories_by_keyword(printed, categories):
    assert funding_categories(printed) == categories


def test_an_activity_counts_only_in_the_years_it_runs(plans):
    social = plans[SOCIAL]
    assert running_years(social, 2024, 2025, "") == (2024, 2025)
    assert running_years(social, None, None, "Çdo vit") == (2023, 2024, 2025, 2026)
    costs = [ActivityCost("A", "A1", "A1.1", 1000, "", "Bashkia", (2024, 2025)),
             ActivityCost("A", "A1", "A1.2", 500, "", "Bashkia", (2023, 2024, 2025, 2026))]
    assert [planned_in(costs, y) for y in social.years] == [500, 1500, 1500, 500]


def test_social_plan_activities_have_no_quantified_cost(plans):
    costs = plan_activity_costs(plans[SOCIAL])
    assert all(not a.quantified for a in costs) and planned_in(costs, 2024) is None


def test_every_printed_cost_cell_of_the_annex_reads_as_its_amount(plans):
    for a in plans[ANNEX].activities:
        assert read_cost_text(a.cost_printed).lek == a.cost_lek, a.cost_printed
    assert read_cost_text("Sipas kostimit bere nga bashkia").quantified is False
    with pytest.raises(AmountError):
        read_cost_text("12 familje")


def test_spent_per_year_and_execution_rate_come_from_the_monitoring_sheets(built, tmp_path, annex_costs):
    path = (Filler(built[ANNEX], tmp_path / "spent.xlsx")
            .put(2025, "RC", "1.1", spent=30000, funding="Buxheti i Bashkisë / fondet e veta")
            .put(2025, "PU", "4.1.7", spent=480000, funding="Donatorë / OJF")
            .put(2025, "ST", "5.1", spent=10000)  # no planned amount: spent, but outside the execution rate
            .put(2024, "RC", "1.1", spent=34300)
            .save())
    wb = open_workbook(path)
    spent25 = read_year(wb, 2025).spending
    line = total_line(annex_costs, 2025, spent25)
    assert line.spent == 30000 + 480000 + 10000
    # against everything planned for the year: the two printed amounts divided
    assert line.execution_pct == pytest.approx(line.spent / ANNEX_TOTAL * 100)
    # over the measures with a cost that reported: (30 000 + 480 000) / (34 300 + 960 000), 2 of 32
    assert line.execution_reporting_pct == pytest.approx((30000 + 480000) / (34300 + 960000) * 100)
    assert (line.planned_reporting, line.spent_reporting) == (34300 + 960000, 30000 + 480000)
    assert line.reporting_quantified == 2 and len(line.quantified) == 32
    assert len(line.not_reporting) == 30 and "RC 1.1" not in line.not_reporting and "RC 1.2" in line.not_reporting
    assert line.spent_outside_plan == 10000  # ST 5.1 has no planned amount
    line24 = total_line(annex_costs, 2024, read_year(wb, 2024).spending)
    assert line24.execution_reporting_pct == pytest.approx(100)
    assert line24.execution_pct == pytest.approx(34300 / ANNEX_TOTAL * 100)
    rows = {r.key: r for r in by_source(annex_costs, 2025, spent25)}
    assert rows["municipal"].spent == 30000 and rows["municipal+donor"].spent == 480000
    assert rows["unspecified"].spent == 10000 and rows["unspecified"].execution_pct is None
    assert rows["unspecified"].execution_reporting_pct is None
    assert rows["municipal+agency"].spent is None  # nobody reported: no data, not 0
    assert by_entered_source(annex_costs, spent25) == {"municipal": 30000, "donor": 480000, "unspecified": 10000}


def test_spending_of_takes_the_first_row_of_an_activity_with_an_amount():
    rows = [("RC", "1.1", None, None), ("RC", "1.1", 500, "municipal"), ("RC", "1.1", 700, "donor")]
    assert spending_of(rows)[("RC", "1.1")].lek == 500
    assert spending_of([("RC", "1.1", None, None)]) == {}
