"""The report's cost section for the budget directorate: per activity planned (or the municipality's estimate, so
labelled), allocated, spent, both rates and the flags; the cumulative line; the municipal-only gap; the estimate beside
the activities the plan does not quantify. Word through LibreOffice, HTML through Chromium."""

from __future__ import annotations

import pytest

from addin.common.text import format_lek, format_pct
from addin.figures.budget import build_budget
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL, chromium, pdf_pages, soffice
from tests.monitoring_fill import Filler
from tests.test_report import report, table, text_of


@pytest.fixture(scope="module")
def annex_reports(examples, tmp_path_factory) -> dict:
    out = report(examples[ANNEX], 2025, tmp_path_factory.mktemp("budget-report"))
    return {"dom": chromium(out["html"], tmp_path_factory.mktemp("dom"), "--dump-dom").dom,
            "pdf": "\n".join(pdf_pages(soffice(out["docx"], "pdf", tmp_path_factory.mktemp("pdf"))))}


def test_the_annex_report_has_every_activity_with_planned_allocated_spent_and_both_rates(annex_reports, examples):
    rows = table(annex_reports["dom"], "table-budget")
    assert rows[0] == ["Kodi", "Aktiviteti", "Planifikuar", "Alokuar në buxhet", "Shpenzuar", "Realizimi",
                       "Realizimi ndaj alokimit", "Sinjalizime"]
    data = build_budget(open_workbook(examples[ANNEX]), [2024, 2025])
    lines = {b.code: b for b in data.lines if b.year == 2025}
    body = {r[0]: r for r in rows[1:]}
    assert set(body) == set(lines)  # all 36 measures of 2025
    pu = body["PU 4.1.7"]
    assert pu[2:7] == [format_lek(960000), format_lek(960000), format_lek(981000), format_pct(981000 / 960000 * 100),
                       format_pct(981000 / 960000 * 100)]
    assert body["ST 5.1"][2] == "pa kosto në plan"  # not quantified: never 0
    text = text_of(annex_reports["dom"])
    assert ("Kumulative 2024-2025: planifikuar 9 168 124 lekë, alokuar 8 307 000 lekë, shpenzuar 6 924 200 lekë "
            "(realizimi 75,5 %") in text
    assert "Plani për gjithë periudhën 2024-2027: 18 336 248 lekë; mbeten pas 2025: 9 168 124 lekë." in text
    assert "plani vë vetëm mbi buxhetin e Bashkisë 704 390 lekë" in text and "3 398 700 lekë" in text
    unquantified = table(annex_reports["dom"], "table-unquantified")
    assert unquantified[0][-1] == "Kosto e vlerësuar nga bashkia (vlerësim)"
    assert {r[0]: r[-1] for r in unquantified[1:]}["ST 5.2"] == format_lek(1_500_000)


def test_the_word_report_carries_the_same_table_and_lines(annex_reports):
    pdf = annex_reports["pdf"]
    assert "Planifikuar, alokuar dhe shpenzuar sipas aktivitetit" in pdf
    assert "Kumulative 2024-2025: planifikuar 9 168 124 lekë" in " ".join(pdf.split())
    assert "Kosto e vlerësuar nga" in pdf


def test_flags_appear_beside_their_activity_and_are_counted(examples, tmp_path):
    path = Filler(examples[ANNEX], tmp_path / "flag.xlsx").put(2025, "PU", "4.1.7", spent=1_100_000).save()
    out = report(path, 2025, tmp_path / "out", "--format", "html")
    dom = out["html"].read_text(encoding="utf-8")
    body = {r[0]: r for r in table(dom, "table-budget")[1:]}
    assert body["PU 4.1.7"][-1] == ("shpenzuar mbi të planifikuarën (> 10 %); shpenzuar mbi të alokuarën (> 10 %)")
    assert "2 sinjalizime (secili edhe paralajmërim në shtojcën e cilësisë së të dhënave" in text_of(dom)


def test_the_social_plans_report_shows_the_estimate_labelled_and_no_plan_cost(examples, tmp_path):
    out = report(examples[SOCIAL], 2023, tmp_path, "--format", "html")
    dom = out["html"].read_text(encoding="utf-8")
    rows = table(dom, "table-budget")
    assert rows[0][2] == "Kosto e vlerësuar nga bashkia (vlerësim)" and "Planifikuar" not in rows[0]
    body = {r[0]: r for r in rows[1:]}
    assert body["A A1.4"][2:5] == [format_lek(3_500_000), format_lek(3_600_000), format_lek(3_735_000)]
    assert all(r[5] == "—" for r in rows[1:])  # no execution against a plan cost that does not exist
    assert "jo kosto e planit" in text_of(dom)
    assert "Kumulative 2023: alokuar 7 950 000 lekë, shpenzuar 8 035 000 lekë" in text_of(dom)
