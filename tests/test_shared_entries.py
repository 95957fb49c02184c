"""What the checks and the figures share is derived once and never goes stale: an entry's code, key and order, a
table's records and cell addresses. A copy made by `monitoring.without` (validation's errors read as empty) derives
its own, and the shared entry stays as it was."""

from __future__ import annotations

from addin.workbook.monitoring import (
    Entry,
    cell_reading,
    keyed_entries,
    read_entries,
    read_keyed_entries,
    read_values,
    rejected_rows,
    row_key,
    row_order,
    without,
)
from addin.workbook.reader import SheetTable, cell_ref, open_workbook
from tests.conftest import SOCIAL

SHEET = "Monitorimi 2025"
COLUMNS = {"field": 0, "activity": 1, "n": 2, "status": 3, "actual": 4, "spent": 5}


def _entry(row: int, field="RC", activity="1.1", n=1.0, **cells) -> Entry:
    table = SheetTable(SHEET, 3, COLUMNS, [])
    raw = {k: None for k in COLUMNS} | {"field": field, "activity": activity, "n": n, **cells}
    refs = {k: table.ref(row, k) for k in COLUMNS}
    return Entry(2025, SHEET, row, raw, refs)


def test_an_entrys_code_key_and_order_come_from_its_cells():
    e = _entry(7, "RC", 1.0, 2.0)
    assert (e.field, e.activity, e.code) == ("RC", "1", "RC 1 #2")
    assert row_key(e) == e.key == ("RC", "1", 2)
    assert row_order(e) == e.order == ("RC", "1", 2.0, 7)
    assert _entry(8, n="a)").key == ("RC", "1.1", "a)")
    assert _entry(9, activity=None).key is None


def test_a_copy_without_rejected_cells_derives_its_own_key_and_values_and_leaves_the_shared_entry_alone():
    e = _entry(7, spent=5000.0)
    assert (e.key, e.code, read_values(e).spent) == (("RC", "1.1", 1), "RC 1.1 #1", 5000)
    copy = without(e, {e.refs["n"], e.refs["spent"]})
    assert copy.key == ("RC", "1.1", "")
    assert copy.code == "RC 1.1"
    assert read_values(copy).spent is None
    assert (e.key, e.code, read_values(e).spent) == (("RC", "1.1", 1), "RC 1.1 #1", 5000)
    assert without(e, {e.refs["activity"]}).key is None


def test_keyed_entries_leave_out_both_copies_of_a_repeated_key_and_follow_the_key_order():
    a, b, c, d = _entry(5, activity="2.1"), _entry(6, activity="1.1", n=2.0), _entry(7, activity="1.1"), \
        _entry(8, activity="2.1")
    assert keyed_entries([a, b, c, d]) == [c, b]
    assert keyed_entries([a, b, c, d]) == keyed_entries([d, c, b, a])


def test_a_tables_records_and_addresses_read_as_its_cells_do():
    rows = [(4, ["RC", 1.0, "", "x", 70.0, ""]), (5, ["AR", "2.1"])]
    table = SheetTable(SHEET, 3, COLUMNS, rows)
    for row, values in rows:
        assert table.record(values) == {k: table.get(values, k) for k in COLUMNS}
        for key, col in COLUMNS.items():
            assert table.ref(row, key) == cell_ref(SHEET, row, col)
    assert table.records == [(row, table.record(values)) for row, values in rows]
    assert table.ref(1048576, "spent") == "'Monitorimi 2025'!F1048576"


def test_a_cells_reading_is_read_again_when_the_entry_is_matched_to_another_indicator(plans):
    plan = plans[SOCIAL]
    percent = next(i for i in plan.indicators if i.target.kind == "percent")
    count = next(i for i in plan.indicators if i.target.kind == "count")
    e = _entry(7, actual="1.200")
    e.indicator = percent
    assert cell_reading(e, "actual").value == 1.2
    e.indicator = count
    assert cell_reading(e, "actual").value == 1200


def test_the_rows_of_rejected_cells_are_found_from_their_addresses():
    assert rejected_rows({"'Monitorimi 2025'!H14", "'Matrica'!AB7", "'It's'!C3", "Parametrat!B6"}) == {
        ("Monitorimi 2025", 14), ("Matrica", 7), ("It's", 3), ("Parametrat", 6)}
    e = _entry(14, spent=-5.0)
    assert (e.sheet, e.row) in rejected_rows({e.refs["spent"]})


def test_the_keyed_rows_are_read_once_per_workbook_and_equal_the_rows_keyed_afresh(examples):
    wb = open_workbook(examples[SOCIAL])
    year = wb.monitoring_years()[0]
    shared = read_keyed_entries(wb, year)
    assert shared == keyed_entries(read_entries(wb, year)) and shared
    shared.clear()  # a caller's list is its own
    again = read_keyed_entries(wb, year)
    assert again and all(a is b for a, b in zip(again, keyed_entries(read_entries(wb, year)), strict=True))


def test_validation_and_the_summary_of_one_institution_key_its_own_rows(examples):
    from addin.checks.validate import checked_summary, validate_workbook

    wb = open_workbook(examples[SOCIAL])
    year = wb.monitoring_years()[0]
    whole = validate_workbook(wb, year)
    mine = validate_workbook(open_workbook(examples[SOCIAL]), year, institution=wb.plan.institutions[0].code)
    assert {f.cell for f in mine.findings} <= {f.cell for f in whole.findings}
    assert checked_summary(open_workbook(examples[SOCIAL]), year, whole)[0]["indicators"] == \
        checked_summary(wb, year)[0]["indicators"]


def test_activity_costs_are_read_again_only_for_rejected_cells_of_the_matrix_sheet(examples):
    from addin.figures.costs import read_activity_costs
    from addin.workbook import layout as L

    wb = open_workbook(examples[SOCIAL])
    plain = read_activity_costs(wb)
    assert read_activity_costs(wb, {"'Monitorimi 2025'!H14"}) == plain  # another sheet's error changes no cost
    table = wb.table(L.SHEET_MATRIX, wb.plan.matrix_headers, ("field", "code"))
    row, record = next((r, rec) for r, rec in table.records if rec.get("frequency") or rec.get("start_year"))
    key = "frequency" if record.get("frequency") else "start_year"
    changed = read_activity_costs(wb, {table.ref(row, key)})
    assert changed != plain and read_activity_costs(wb) == plain


def test_the_objectives_values_are_read_once_per_workbook_and_a_callers_dict_is_its_own(examples):
    from addin.workbook.objectivevalues import read_objective_values

    wb = open_workbook(examples[SOCIAL])
    first = read_objective_values(wb)
    assert first
    first.clear()
    again = read_objective_values(wb)
    assert again and again == read_objective_values(open_workbook(examples[SOCIAL]))


def test_a_plan_row_told_as_in_the_plan_at_once_has_every_cell_the_same_by_the_cell_rule():
    import datetime as dt
    import itertools

    from addin.checks.rules import _as_in_plan, _same

    values = [None, "", "x", "X ", 1, 1.0, True, False, 0, 0.0, 2023, 2023.0, "2023", 0.30000000000000004, 0.3,
              float("nan"), dt.date(2023, 1, 1), "ё", "ë"]
    for found, expected in itertools.product(values, repeat=2):
        if _as_in_plan((found,), (expected,)):
            assert _same(found, expected), (found, expected)
    assert _as_in_plan((2023.0, None, "a"), (2023, "", "a"))
    assert not _as_in_plan((2023.0, "b"), (2023, "a"))
