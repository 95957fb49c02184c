"""`matrica budget`: planned, allocated and spent per activity and year over the plan period; totals that reconcile,
the same single-year figures as `summary`, flags that are also validation warnings, and exports a budget office uses
(an .xlsx whose formula totals LibreOffice recalculates to the engine's figures, a CSV Excel opens right)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from addin.checks.validate import validate
from addin.figures.budget import GROUPINGS, budget_dict, build_budget, group_totals, period_totals
from addin.figures.summary import build_summary
from addin.report.budget_export import NOT_PLANNED, headers, sheet_names
from addin.workbook import layout as L
from addin.workbook.build import put  # typed text that starts like a formula stays text, as Excel keeps it
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, ROOT, SOCIAL, run_matrica, soffice
from tests.monitoring_fill import Filler

MUNICIPAL, OTHER = "Buxheti i Bashkisë / fondet e veta", "Tjetër"
SHEETS, HEADERS, NO_DATA = sheet_names("sq"), headers("sq"), "pa të dhëna"
PROGRAMME, ESTIMATE = (c.header for c in L.MATRIX_BUDGET_COLUMNS)


def matrix(filler: Filler, field: str, code: str, header: str, value: object) -> None:
    ws = filler.wb[L.SHEET_MATRIX]
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}
    for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
        if ws.cell(r, 1).value == field and str(ws.cell(r, col["Kodi"]).value) == code:
            put(ws, r, col[header], value)
            return
    raise KeyError((field, code))


def programme_list(filler: Filler, *names: str) -> None:
    ws = filler.wb[L.SHEET_LISTS]
    col = next(c.column for c in ws[L.HEADER_ROW] if c.value == "Programet buxhetore")
    for r, name in enumerate(names, start=L.FIRST_DATA_ROW):
        put(ws, r, col, name)


@pytest.fixture(scope="module")
def annex_budget(built, tmp_path_factory):
    """The annex with programmes, an estimate, allocations and spending that raise every flag once."""
    f = Filler(built[ANNEX], tmp_path_factory.mktemp("budget") / "annex-budget.xlsx")
    programme_list(f, "P1 Shërbime sociale", "=P2 Arsim")  # a programme name typed like a formula stays text
    for code in ("1.1", "1.2"):
        matrix(f, "RC", code, PROGRAMME, "P1 Shërbime sociale")
    matrix(f, "AR", "2.1.1", PROGRAMME, "=P2 Arsim")
    matrix(f, "AR", "2.2.1", ESTIMATE, 200000)  # the plan: "Sipas kostimit …" (not quantified)
    (f.put(2024, "RC", "1.1", allocated=34300, spent=30000, funding=MUNICIPAL)
      .put(2025, "RC", "1.1", allocated=35000, spent=40000, funding=MUNICIPAL)  # +16,6 % on planned, +14 % allocated
      .put(2025, "RC", "1.2", allocated=31000)  # allocated, nothing spent
      .put(2025, "PU", "4.1.7", allocated=900000, spent=480000)  # no funding source
      .put(2025, "ST", "5.1", spent=10000, funding=OTHER)  # no planned amount: spent, outside the plan's cost
      .put(2025, "AR", "2.1.1", spent=50400, funding=MUNICIPAL))
    return f.save()


@pytest.fixture(scope="module")
def social_budget(built, tmp_path_factory):
    """The social plan (no costs in the plan) with the municipality's estimates and spending out of schedule."""
    f = Filler(built[SOCIAL], tmp_path_factory.mktemp("budget") / "social-budget.xlsx")
    matrix(f, "A", "A1.1", ESTIMATE, 500000)  # runs 2023-2026
    matrix(f, "A", "A2.2", ESTIMATE, 300000)  # runs 2024-2026
    f.put(2023, "A", "A2.2", spent=20000, funding=MUNICIPAL)  # spending before the plan schedules it
    f.put(2023, "A", "A1.1", allocated=450000, spent=400000, funding=MUNICIPAL)
    return f.save()


@pytest.fixture(scope="module")
def annex_data(annex_budget):
    return build_budget(open_workbook(annex_budget))


def line(data, code: str, year: int):
    return next(b for b in data.lines if b.code == code and b.year == year)


# ---------------------------------------------------------------- lines


def test_one_line_per_activity_and_year_with_the_plans_cost_in_each_year_it_runs(annex_data, plans):
    plan = plans[ANNEX]
    assert len(annex_data.lines) == len(plan.activities) * len(plan.years)
    rc = line(annex_data, "RC 1.1", 2025)
    assert (rc.planned, rc.allocated, rc.spent, rc.programme) == (34300, 35000, 40000, "P1 Shërbime sociale")
    assert rc.cum_planned == 2 * 34300 and rc.cum_spent == 70000 and rc.cum_allocated == 69300
    assert rc.execution_pct == pytest.approx(40000 / 34300 * 100)
    assert rc.execution_allocated_pct == pytest.approx(40000 / 35000 * 100)
    assert rc.share_pct == pytest.approx(34300 / (4 * 4_584_062) * 100)
    assert annex_data.period_planned == 18_336_248  # 4 years × 4 584 062
    assert sum(b.share_pct or 0 for b in annex_data.lines) == pytest.approx(100)
    # nothing entered is no data, never 0
    empty = line(annex_data, "RC 1.3", 2026)
    assert (empty.allocated, empty.spent, empty.execution_pct) == (None, None, None)


def test_an_activity_without_a_quantified_cost_is_listed_never_counted_as_zero(annex_data):
    ar = line(annex_data, "AR 2.2.1", 2025)
    assert ar.planned is None and not ar.quantified and ar.estimated == 200000
    data = budget_dict(annex_data)
    assert [u["activity_code"] for u in data["unquantified"]] == ["AR 2.2.1", "PU 4.1.3", "ST 5.1", "ST 5.2"]
    unspecified = next(g for g in data["groups"]["source"] if g["key"] == "unspecified" and g["year"] == 2025)
    assert unspecified["planned"] is None and unspecified["spent"] == 10000 and unspecified["unquantified"] == 3


def test_shared_funding_without_a_split_is_its_own_source_row(annex_data):
    rows = {(g.key, g.year): g for g in group_totals(annex_data, "source")}
    shared = rows[("municipal+donor", 2025)]
    assert shared.label == "Bashkia + donatorë, pa ndarje" and shared.spent == 480000
    assert rows[("municipal", 2025)].spent == 40000 + 50400  # RC 1.1 and AR 2.1.1, never a share of PU 4.1.7


@pytest.mark.parametrize("by", GROUPINGS)
def test_every_grouping_adds_up_to_the_totals_and_to_the_activity_lines(annex_data, by):
    totals = {x.year: x for x in period_totals(annex_data)}
    groups = group_totals(annex_data, by)
    for year in [*annex_data.years, None]:
        rows = [g for g in groups if g.year == year]
        lines = [b for b in annex_data.lines if year is None or b.year == year]
        for amount in ("planned", "estimated", "allocated", "spent"):
            from_lines = [getattr(b, amount) for b in lines if getattr(b, amount) is not None]
            from_groups = [getattr(g, amount) for g in rows if getattr(g, amount) is not None]
            expected = sum(from_lines) if from_lines else None
            assert (sum(from_groups) if from_groups else None) == getattr(totals[year], amount) == expected, \
                (by, year, amount)
        assert sum(g.activities for g in rows) == totals[year].activities == len(lines)
        assert sum(g.flags for g in rows) == totals[year].flags == sum(len(b.flags) for b in lines)


def test_programme_and_reporting_institution_group_as_entered(annex_data):
    rows = {(g.label, g.year): g for g in group_totals(annex_data, "programme")}
    assert rows[("P1 Shërbime sociale", 2025)].allocated == 35000 + 31000
    assert rows[("=P2 Arsim", 2025)].spent == 50400
    assert rows[("Pa program buxhetor", 2025)].activities == 36 - 3


def test_the_social_plans_estimate_is_kept_apart_from_plan_costs_in_the_years_it_runs(social_budget):
    data = build_budget(open_workbook(social_budget))
    a22 = {b.year: b for b in data.lines if b.code == "A A2.2"}
    assert [a22[y].estimated for y in (2023, 2024, 2025, 2026)] == [0, 300000, 300000, 300000]
    assert all(b.planned is None for b in data.lines)  # the plan states no costs: never 0
    assert data.period_estimated == 4 * 500000 + 3 * 300000
    total = next(x for x in period_totals(data) if x.year == 2023)
    assert (total.planned, total.estimated, total.allocated, total.spent) == (None, 500000, 450000, 420000)
    assert total.execution_pct is None and total.execution_allocated_pct == pytest.approx(420000 / 450000 * 100)
    text = run_matrica("budget", str(social_budget), "--years", "2023", "--by", "field").stdout
    assert "Plani nuk ka kosto të planifikuara" in text and "Vlerësim bashkie" in text
    assert "e vlerësuar nga bashkia" in text and "jo kosto e planit" in text


# ---------------------------------------------------------------- the same figures as summary


@pytest.mark.parametrize("plan_id", [ANNEX, SOCIAL])
def test_single_year_figures_equal_summarys_on_the_example_workbooks(examples, plan_id):
    wb = open_workbook(examples[plan_id])
    data = build_budget(wb)
    years = [y for y in wb.monitoring_years() if y in wb.plan.years]
    assert years
    totals = {x.year: x for x in period_totals(data)}
    fields = {(g.key, g.year): g for g in group_totals(data, "field")}
    sources = {(g.key, g.year): g for g in group_totals(data, "source")}
    for year in years:
        c = build_summary(wb, year)["costs"]
        tot = totals[year]
        assert (tot.planned, tot.spent) == (c["planned_annual_total"], c["spent_total"]), year
        assert rates(tot) == rates_of(c), year
        for row in c["by_field"]:
            g = fields[(row["field"], year)]
            assert (g.planned, g.spent, rates(g)) == (row["planned"], row["spent"], rates_of(row)), (year, row["field"])
        for row in c["by_source"]:
            g = sources[(row["key"], year)]
            assert (g.planned, g.spent, rates(g)) == (row["planned"], row["spent"], rates_of(row)), (year, row["key"])
        assert [s["key"] for s in c["by_source"]] == [k for k, y in sources if y == year] or not c["by_source"]


def _r(v):
    return None if v is None else round(v, 1)


def rates(g) -> tuple:
    return _r(g.execution_pct), _r(g.execution_reporting_pct)


def rates_of(row: dict) -> tuple:
    """`summary`'s two rates: against everything planned, and over the activities that reported."""
    return row["execution_pct"], row["execution_reporting_pct"]


@pytest.mark.parametrize("plan_id", [ANNEX, SOCIAL])
def test_the_example_workbooks_carry_illustrative_allocations_programmes_and_estimates(examples, plan_id):
    data = build_budget(open_workbook(examples[plan_id]))
    assert data.example and not budget_dict(data)["flags"]  # clean: validate gives no warning either
    assert sum(b.allocated or 0 for b in data.lines) > 0
    assert all(b.programme is None or b.programme.startswith("Programi shembull") for b in data.lines)
    assert any(b.programme for b in data.lines) and any(b.estimated for b in data.lines)
    text = run_matrica("budget", str(examples[plan_id]), "--by", "programme").stdout
    assert text.startswith("SHEMBULL — të dhëna ilustruese")


def test_the_annexs_cumulative_line_is_the_one_the_budget_directorate_asked_for(examples):
    data = budget_dict(build_budget(open_workbook(examples[ANNEX])))
    assert sum(g["share_pct"] for g in data["groups"]["field"] if g["year"] is None) == pytest.approx(100, abs=0.5)
    assert next(x for x in data["totals"] if x["year"] == 2025)["share_pct"] == 25.0
    to_2025 = next(c for c in data["cumulative"] if c["year"] == 2025)
    assert (to_2025["planned"], to_2025["spent"], to_2025["period_planned"]) == (9_168_124, 6_924_200, 18_336_248)
    assert to_2025["execution_pct"] == 75.5 and to_2025["remaining"] == 9_168_124


# ---------------------------------------------------------------- flags


def test_every_flag_is_listed_and_is_a_validate_warning_at_its_cell(annex_budget, social_budget, annex_data):
    flags = {(f["activity_code"], f["year"], f["flag"]): f["cell"] for f in budget_dict(annex_data)["flags"]}
    m25 = L.monitoring_sheet(2025)
    assert set(flags) == {("RC 1.1", 2025, "over_planned"), ("RC 1.1", 2025, "over_allocated"),
                          ("RC 1.2", 2025, "allocated_not_spent"), ("PU 4.1.7", 2025, "no_source")}
    report = validate(annex_budget)
    warnings = {(f.rule, f.cell) for f in report.findings if f.severity == "warning"}
    spent_col = [c.key for c in L.MONITORING_COLUMNS].index("spent")
    assert flags[("RC 1.1", 2025, "over_planned")].startswith(f"'{m25}'!")
    assert {("overspend", flags[("RC 1.1", 2025, "over_planned")]),
            ("overspend-allocated", flags[("RC 1.1", 2025, "over_allocated")]),
            ("allocated-not-spent", flags[("RC 1.2", 2025, "allocated_not_spent")]),
            ("spent-without-source", flags[("PU 4.1.7", 2025, "no_source")])} <= warnings
    assert flags[("RC 1.2", 2025, "allocated_not_spent")].rsplit("!", 1)[1].startswith(chr(65 + spent_col))
    social = build_budget(open_workbook(social_budget))
    assert [(b.code, b.year, b.flags) for b in social.lines if b.flags] == [("A A2.2", 2023, ["not_scheduled"])]
    warnings = [f for f in validate(social_budget).findings if f.severity == "warning"
                and not f.rule.startswith("narrative")]  # (the report's texts not yet written: test_narrative)
    assert [f.rule for f in warnings] == ["spent-not-scheduled"]  # (the statuses not yet entered are errors)
    assert "sipas planit aktiviteti zbatohet në 2024-2026" in warnings[0].message()


def test_the_next_years_budget_entered_before_the_year_is_monitored_raises_no_flag(built, tmp_path):
    path = Filler(built[ANNEX], tmp_path / "x.xlsx").put(2026, "RC", "1.1", allocated=34300).save()
    data = build_budget(open_workbook(path))
    assert line(data, "RC 1.1", 2026).allocated == 34300 and not line(data, "RC 1.1", 2026).flags
    assert validate(path).findings == []
    path = Filler(path, tmp_path / "y.xlsx").put(2026, "RC", "1.2", status="në proces").save()  # monitoring began
    assert line(build_budget(open_workbook(path)), "RC 1.1", 2026).flags == ["allocated_not_spent"]


@pytest.mark.parametrize("spent", [-5000, "shumë", 1e15])
def test_an_allocation_whose_spent_cell_is_rejected_is_not_called_allocated_nothing_spent(built, tmp_path, spent):
    """A spent amount typed but rejected (negative, unreadable, absurd) is not known, not nothing: the budget view
    leaves it out of every figure and raises no "allocated, nothing spent" flag; validation says what is wrong at
    that cell, and warns of nothing else there."""
    from addin.checks.validate import budget_rejected

    path = (Filler(built[ANNEX], tmp_path / "x.xlsx")
            .put(2025, "RC", "1.1", status="në proces", allocated=35000, spent=spent, funding=MUNICIPAL).save())
    wb = open_workbook(path)
    rc = line(build_budget(wb, [2025], budget_rejected(wb)), "RC 1.1", 2025)
    assert (rc.allocated, rc.spent, rc.flags) == (35000, None, [])  # as `matrica budget` makes it
    said = {f.rule: f.cell for f in validate(path).findings if f.code.startswith("RC 1.1 ")}
    assert said.keys() & {"value-negative", "amount-unreadable", "value-too-large"}
    assert "allocated-not-spent" not in said


def test_an_unknown_source_is_flagged_and_stays_a_vocabulary_error(built, tmp_path):
    path = Filler(built[ANNEX], tmp_path / "x.xlsx").put(2025, "RC", "1.3", spent=1000, funding="Banka").save()
    data = build_budget(open_workbook(path), [2025])
    assert line(data, "RC 1.3", 2025).flags == ["unknown_source"]
    assert {(f.rule, f.severity) for f in validate(path).findings
            if f.rule != "missing-value" and not f.rule.startswith("narrative")} == {("vocabulary-unknown", "error")}


def test_the_margin_on_parametrat_decides_over_execution(built, tmp_path):
    path = (Filler(built[ANNEX], tmp_path / "x.xlsx").put(2025, "RC", "1.1", spent=36000, funding=MUNICIPAL)
            .setting("Marzhi i tejkalimit të shpenzimeve (%)", 4).save())  # +5 % on 34 300
    assert line(build_budget(open_workbook(path), [2025]), "RC 1.1", 2025).flags == ["over_planned"]


# ---------------------------------------------------------------- the command


def test_budget_command_text_json_and_its_refusals(annex_budget, tmp_path):
    proc = run_matrica("budget", str(annex_budget), "--years", "2024-2025", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["years"] == [2024, 2025] and set(data["groups"]) == {"field", "source", "institution", "programme"}
    assert {"activity_code", "planned", "allocated", "spent", "execution_pct", "execution_allocated_pct",
            "cumulative", "share_pct", "flags", "estimated"} <= set(data["activities"][0])
    text = run_matrica("budget", str(annex_budget), "--by", "source").stdout
    assert "Bashkia + donatorë, pa ndarje" in text and "4 aktivitete pa kosto të kuantifikuar" in text
    assert "4 sinjalizime" in text and "Kumulative 2024-2025" in text
    for args, says in ((["--years", "2030"], "jashtë periudhës së planit 2024-2027"),
                       (["--years", "dy vjet"], "nuk lexohen"),
                       (["--by", "rajoni"], "Grupimi 'rajoni' nuk njihet"),
                       (["--out", str(tmp_path / "x.pdf")], ".xlsx ose .csv"),
                       (["--out", str(annex_budget)], "nuk mund të jetë vetë skedari hyrës")):
        before = annex_budget.read_bytes()
        proc = run_matrica("budget", str(annex_budget), *args)
        assert proc.returncode == 2 and says in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)
        assert annex_budget.read_bytes() == before
    assert not (tmp_path / "x.pdf").exists()


def test_english_on_request(annex_budget):
    proc = run_matrica("budget", str(annex_budget), "--years", "2025", "--lang", "en", "--by", "field")
    assert proc.returncode == 0 and "budget 2025: planned, allocated, spent" in proc.stdout
    assert "4 flags (each also a matrica validate warning at its cell)" in proc.stdout


def test_validate_and_summary_never_import_pandas_but_budget_does(examples):
    code = (
        "import sys\n"
        "from addin.cli import main\n"
        "main(sys.argv[1:])\n"
        "print('PANDAS' if 'pandas' in sys.modules else 'NO-PANDAS', file=sys.stderr)\n"
    )
    wb = str(examples[ANNEX])
    for args, expected in ((["validate", wb, "--no-copy"], "NO-PANDAS"),
                           (["summary", wb, "--year", "2025"], "NO-PANDAS"),
                           (["report", wb, "--year", "2025", "--format", "html", "--out", str(examples[ANNEX].parent)],
                            "NO-PANDAS"),
                           (["budget", wb, "--years", "2025"], "PANDAS")):
        proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
        assert proc.stderr.strip().splitlines()[-1] == expected, (args, proc.stderr[-500:])


# ---------------------------------------------------------------- exports


def _number(v):
    return v if isinstance(v, float) else None


def test_xlsx_export_totals_are_formulas_over_one_table_that_libreoffice_recalculates_to_the_engine(
        annex_budget, annex_data, tmp_path):
    out = tmp_path / "buxheti.xlsx"
    proc = run_matrica("budget", str(annex_budget), "--out", str(out), "--by", ",".join(GROUPINGS))
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(out)
    data_ws = wb[SHEETS["data"]]
    (table,) = data_ws.tables.values()
    name = table.displayName
    assert table.ref == f"A1:{data_ws.cell(1, len(HEADERS)).column_letter}{len(annex_data.lines) + 1}"
    assert table.autoFilter is not None  # filterable, a PivotTable source
    assert [c.value for c in data_ws[1]] == list(HEADERS.values())
    # a programme name typed like a formula stays text in the table and in the summary sheet
    typed = [c for row in data_ws.iter_rows(min_row=2) for c in row if c.value == "=P2 Arsim"]
    assert typed and all(c.data_type == "s" for c in typed)
    programme = wb[SHEETS["programme"]]
    assert any(c.value == "=P2 Arsim" and c.data_type == "s" for c in programme["A"])
    formulas = [c.value for c in wb[SHEETS["field"]]["F"] if isinstance(c.value, str) and "SUMIFS" in c.value]
    assert formulas and all(f"{name}[Shpenzuar (lekë)]" in f for f in formulas)

    recalculated = CalamineWorkbook.from_path(str(soffice(out, "xlsx", tmp_path / "lo")))
    sheets = {SHEETS["years"]: None, **{SHEETS[g]: g for g in GROUPINGS}}
    checked = 0
    for sheet, by in sheets.items():
        rows = recalculated.get_sheet_by_name(sheet).to_python()
        header = rows[3]
        col = {h: i for i, h in enumerate(header)}
        engine = {(g.label, g.year): g for g in group_totals(annex_data, by)} if by else {}
        for x in period_totals(annex_data):
            engine[("Gjithsej", x.year)] = x
        for row in rows[4:]:
            if not row[0]:
                continue
            year = int(row[1]) if isinstance(row[1], float) else None
            g = engine[(row[0], year)]
            for key, header_text in (("planned", "Planifikuar (lekë)"), ("allocated", "Alokuar (lekë)"),
                                     ("spent", "Shpenzuar (lekë)"),
                                     ("estimated", "Kosto e vlerësuar nga bashkia (vlerësim, lekë)")):
                cell = row[col[header_text]]
                assert _number(cell) == getattr(g, key), (sheet, row[0], year, key, cell)
                if getattr(g, key) is None:
                    assert cell in (NO_DATA, NOT_PLANNED)
            for key, header_text in (("execution_pct", "Realizimi ndaj planit (%)"),
                                     ("execution_allocated_pct", "Realizimi ndaj alokimit (%)")):
                assert _number(row[col[header_text]]) == _r(getattr(g, key)), (sheet, row[0], year, key)
            assert row[col["Rreshta aktivitet × vit"]] == g.activities
            assert row[col["Raportuan shpenzimin"]] == g.reporting
            checked += 1
    assert checked > 100


def test_csv_export_is_utf8_with_a_bom_semicolons_and_decimal_commas_typed_formulas_stay_text(annex_budget, tmp_path):
    out = tmp_path / "buxheti.csv"
    assert run_matrica("budget", str(annex_budget), "--out", str(out)).returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == list(HEADERS.values()) and len(rows) == 1 + 36 * 4
    header = rows[0]
    rc = next(r for r in rows if r[header.index("Kodi")] == "RC 1.1" and r[header.index("Viti")] == "2025")
    assert rc[header.index("Shpenzuar (lekë)")] == "40000"
    assert rc[header.index("Realizimi ndaj planit (%)")] == "116,6"
    assert "ë" in rows[1][header.index("Aktiviteti")] + "".join(header)
    assert any(r[header.index("Programi buxhetor")] == "'=P2 Arsim" for r in rows)
    comma = tmp_path / "buxheti-comma.csv"
    assert run_matrica("budget", str(annex_budget), "--out", str(comma), "--sep", ",").returncode == 0
    rows = list(csv.reader(comma.read_bytes().decode("utf-8-sig").splitlines()))
    rc = next(r for r in rows if r[header.index("Kodi")] == "RC 1.1" and r[header.index("Viti")] == "2025")
    assert rc[header.index("Realizimi ndaj planit (%)")] == "116.6"


def test_an_export_that_cannot_be_written_leaves_nothing_behind(annex_budget, tmp_path):
    blocker = tmp_path / "raporte"
    blocker.write_text("a file where the folder should be")
    proc = run_matrica("budget", str(annex_budget), "--out", str(blocker / "b.xlsx"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert str(blocker / "b.xlsx") in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raporte"]
