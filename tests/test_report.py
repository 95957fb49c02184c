"""The annual report: Word opened by LibreOffice, HTML rendered by headless Chromium, from the example workbooks."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest

from addin.common.text import format_lek
from addin.figures.summary import build_summary
from addin.workbook import layout as L
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL, chromium, pdf_pages, run_matrica, soffice
from tests.workbook_edits import Edit

HOSTILE = ('<script>alert(1)</script>', '=HYPERLINK("http://x")', "{{ 7*7 }}")


def report(workbook: Path, year: int, out: Path, *extra: str) -> dict[str, Path]:
    proc = run_matrica("report", str(workbook), "--year", str(year), "--out", str(out), *extra)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    paths = [Path(line.split(": ", 1)[1]) for line in proc.stdout.splitlines() if ": " in line]
    return {p.suffix.lstrip("."): p for p in paths}


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, spaces squeezed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def table(dom: str, table_id: str) -> list[list[str]]:
    """The rows of the table with `table_id`, as cell texts."""
    m = re.search(rf'<table[^>]*id="{table_id}".*?</table>', dom, flags=re.S)
    assert m, f"no table {table_id}"
    return [[text_of(c) for c in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, flags=re.S)]
            for row in re.findall(r"<tr\b.*?</tr>", m.group(0), flags=re.S)]


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


@pytest.fixture(scope="module")
def annex(examples, tmp_path_factory) -> dict[str, Path]:
    return report(examples[ANNEX], 2025, tmp_path_factory.mktemp("annex-report"))


@pytest.fixture(scope="module")
def annex_pdf(annex, tmp_path_factory) -> list[str]:
    return pdf_pages(soffice(annex["docx"], "pdf", tmp_path_factory.mktemp("annex-pdf")))


@pytest.fixture(scope="module")
def annex_dom(annex, tmp_path_factory):
    return chromium(annex["html"], tmp_path_factory.mktemp("annex-dom"), "--dump-dom")


@pytest.fixture(scope="module")
def annex_summary(examples) -> dict:
    return build_summary(open_workbook(examples[ANNEX]), 2025)


# ------------------------------------------------------------------ command and files


def test_report_writes_docx_and_html_named_for_plan_and_year(annex, examples):
    assert annex["docx"].name == f"raporti-{ANNEX}-2025-shembull.docx"
    assert annex["html"].name == f"raporti-{ANNEX}-2025-shembull.html"
    assert annex["docx"].stat().st_size > 10_000 and annex["html"].stat().st_size > 10_000


def test_report_writes_only_the_formats_asked_for(examples, tmp_path):
    out = report(examples[SOCIAL], 2023, tmp_path, "--format", "html")
    assert list(out) == ["html"] and sorted(p.name for p in tmp_path.iterdir()) == [out["html"].name]


@pytest.mark.parametrize("args, expected", [
    (("--year", "2031"), "jashtë periudhës"),
    (("--year", "2025", "--format", "pdf"), "Formati 'pdf' nuk njihet"),
    (("--year", "2025", "--date", "15/03/2026"), "VVVV-MM-DD"),
])
def test_report_refuses_bad_arguments_with_a_sentence(examples, tmp_path, args, expected):
    proc = run_matrica("report", str(examples[ANNEX]), "--out", str(tmp_path), *args)
    assert proc.returncode == 2 and expected in proc.stderr and "Traceback" not in proc.stderr
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------ Word


def test_word_report_opens_in_libreoffice_with_the_annex_figures(annex_pdf, annex_summary):
    text = re.sub(r"[ \t]+", " ", "\n".join(annex_pdf))
    costs = annex_summary["costs"]
    assert "4 584 062 lekë" in text  # the annex's planned annual total, computed by hand from the document
    assert format_lek(costs["spent_total"]) in text
    for field_code, planned in (("RC", "125 300 lekë"), ("PU", "3 049 140 lekë"), ("KM", "108 300 lekë")):
        assert re.search(rf"{field_code} — .*?\n?.*?{planned}", text), field_code
    assert "3 216 235 lekë" in text  # Bashkia + donatorë, pa ndarje: its own row, never dropped
    assert "realizuar plotësisht" in text and "parealizuar" in text
    for code in ("AR 2.2.1", "PU 4.1.3", "ST 5.1", "ST 5.2"):  # the unquantified measures are listed
        assert code in text


def test_word_report_marks_every_page_as_example_data(annex_pdf):
    assert len(annex_pdf) > 5
    assert all("SHEMBULL" in page for page in annex_pdf)


def test_word_report_uses_heading_styles_table_style_and_chart_alt_text(annex):
    from docx import Document

    doc = Document(str(annex["docx"]))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "1. Përmbledhje ekzekutive") in headings
    assert ("Heading 1", "Shtojcë: cilësia e të dhënave") in headings
    assert any(s == "Heading 2" and t.startswith("5.1 RC — ") for s, t in headings)
    assert doc.tables and all(t.style is not None and t.style.name == "Light Grid Accent 1" for t in doc.tables)
    alts = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert len(alts) == 4 and all(alts)  # status, achievement by field, sources, trend (2024 and 2025 filled)
    assert any("4 584 062 lekë" in a for a in alts)


def test_word_report_reads_in_english(examples, tmp_path):
    out = report(examples[ANNEX], 2025, tmp_path, "--lang", "en", "--format", "docx")
    text = docx_text(out["docx"])
    assert "Annual monitoring report 2025" in text and "1. Executive summary" in text and "SHEMBULL (EXAMPLE)" in text


# ------------------------------------------------------------------ HTML


def test_html_report_loads_in_chromium_without_any_request(annex_dom):
    assert annex_dom.requests == []
    assert 'id="h-summary"' in annex_dom.dom


def test_request_check_sees_a_page_that_reaches_out(annex, tmp_path):
    """The control for the test above: the same check catches a page that loads an outside picture."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text(annex["html"].read_text(encoding="utf-8").replace(
        "</main>", '<img src="http://example.invalid/x.png" alt=""></main>'), encoding="utf-8")
    assert chromium(leaky, tmp_path, "--dump-dom").requests == ["http://example.invalid/x.png"]


def test_html_report_shows_the_figures_chromium_renders(annex_dom, annex_summary):
    by_field = table(annex_dom.dom, "table-costs-field")
    assert by_field[-1][:2] == ["Gjithsej", "4 584 062 lekë"]
    assert by_field[-1][2] == format_lek(annex_summary["costs"]["spent_total"])
    assert ["RC — Aksesi Barabartë në Regjistrimin Civil dhe në Drejtësi", "125 300 lekë"] == by_field[1][:2]
    statuses = {r[0]: r[1] for r in table(annex_dom.dom, "table-statuses")[1:]}
    counts = annex_summary["rollups"]["activity_status"]["plan"]
    assert statuses["realizuar plotësisht"] == str(counts["done"]) and statuses["Gjithsej"] == "36"
    sources = {r[0]: r[1] for r in table(annex_dom.dom, "table-costs-source")[1:]}
    assert sources["Gjithsej"] == "4 584 062 lekë"
    assert any(k.endswith("pa ndarje") and v == "3 216 235 lekë" for k, v in sources.items())
    unquantified = [r[0] for r in table(annex_dom.dom, "table-unquantified")[1:]]
    assert unquantified == ["AR 2.2.1", "PU 4.1.3", "ST 5.1", "ST 5.2"]
    assert [r[0] for r in table(annex_dom.dom, "table-trend")[1:]] == ["2024", "2025"]


def _lek_of(text: str) -> int | None:
    return int(text.removesuffix(" lekë").replace(" ", "")) if text.endswith(" lekë") else None


@pytest.mark.parametrize("table_id", ["table-costs-field", "table-costs-source"])
def test_every_printed_execution_rate_is_the_division_of_the_printed_columns(annex_dom, table_id):
    """Planned, spent, rate; then reported n / m, planned and spent for those, and their rate: a reader who
    divides the printed amounts gets the printed rate."""
    from addin.common.text import format_pct

    rows = table(annex_dom.dom, table_id)
    assert rows[0][1:] == ["Planifikuar", "Shpenzuar", "Realizimi", "Raportuan", "Planifikuar për ata që raportuan",
                           "Shpenzuar prej tyre", "Realizimi i tyre"]
    checked = 0
    for row in rows[1:]:
        for planned, spent, rate in ((row[1], row[2], row[3]), (row[5], row[6], row[7])):
            p, s_ = _lek_of(planned), _lek_of(spent)
            if p and s_ is not None:
                assert rate == format_pct(s_ / p * 100), row
                checked += 1
    assert checked >= 4
    total = rows[-1]
    n, m = (int(x) for x in total[4].split(" / "))
    assert total[0] == "Gjithsej" and 0 < n < m == 32


def test_activities_with_a_cost_that_reported_no_spending_are_listed(annex_dom, annex_summary):
    listed = [r[0] for r in table(annex_dom.dom, "table-not-reporting")[1:]]
    assert listed == [r["activity_code"] for r in annex_summary["costs"]["not_reporting"]] and listed


def test_report_gives_no_mean_without_coverage_and_the_counts_of_the_vocabulary(annex_dom, annex_summary):
    plan = annex_summary["rollups"]["plan"]
    rows = table(annex_dom.dom, "table-achievement")
    assert rows[0] == ["Fusha", "Arritja mesatare", "Të vlerësuar", "Me vlerë", "Pa synim numerik",
                       "Në rrugë të mbarë", "Pjesërisht", "Jashtë rrugës", "Ende pa afat"]
    total = rows[-1]
    assert total[1] == "nuk jepet" and total[2] == f"{plan['rated']} / 52" and total[4] == "48"
    rc = next(r for r in rows if r[0].startswith("RC"))
    assert rc[3] == "3 / 4"  # RC's values were reported: "me vlerë", not "pa të dhëna"
    summary = text_of(re.search(r'<section id="summary".*?</section>', annex_dom.dom, flags=re.S).group(0))
    assert f"Arritja mesatare nuk jepet: {plan['rated']} nga 52 tregues të vlerësuar" in summary
    assert "pa synim numerik 48 (sipas planit" in summary


def test_report_prints_the_expected_value_the_range_and_the_baseline(annex_dom):
    rows = table(annex_dom.dom, "activities-MS")
    assert rows[0][3:6] == ["Synimi", "Pritej deri në fund të vitit", "Vlera aktuale"]
    applications = next(r for r in rows if r[0] == "MS 6.1.2")
    assert applications[3].startswith("rritje me 3-5 % në vit (aplikime)") and "Vlera bazë 412" in applications[3]
    assert applications[4] == "424,4" and applications[5] == "421"
    reference = next(r for r in table(annex_dom.dom, "activities-RC") if r[0] == "RC 1.1")
    assert "2025 është viti i referimit i planit" in reference[3]


@pytest.fixture(scope="module")
def social_dom(examples, tmp_path_factory):
    out = report(examples[SOCIAL], 2023, tmp_path_factory.mktemp("social-report"), "--format", "html")
    return chromium(out["html"], tmp_path_factory.mktemp("social-dom"), "--dump-dom").dom


def test_report_shows_activities_not_scheduled_and_deliverables_not_yet_due(social_dom):
    rows = table(social_dom, "activities-A")
    later = next(r for r in rows if r[0] == "A A2.2")
    assert later[4] == "nuk planifikohej" and later[-1] == "nuk planifikohej" and later[-2] == "nuk planifikohej"
    centre = next(r for r in table(social_dom, "activities-C") if r[0] == "C 1.6")
    assert centre[4] == "ende pa afat (2026)" and centre[-2] == "ende pa afat"
    statuses = {r[0]: r[1] for r in table(social_dom, "table-statuses")[1:]}
    assert statuses["parealizuar"] == "2" and statuses["Gjithsej"] == "64"
    assert "6 aktivitete nuk planifikoheshin për 2023" in text_of(social_dom)


def test_html_report_screenshot_is_taken(annex, tmp_path):
    shot = tmp_path / "report.png"
    chromium(annex["html"], tmp_path, f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_html_report_is_one_file_with_accessible_charts(annex):
    html = annex["html"].read_text(encoding="utf-8")
    assert not re.search(r"<link\b|<script\b|@import|url\(|\b(src|href)=\"(?!#)", html)
    charts = re.findall(r"<figure\b.*?</figure>", html, flags=re.S)
    assert len(charts) == 4
    for fig in charts:
        assert re.search(r'<svg [^>]*role="img" aria-labelledby="[^"]+"', fig)
        assert "<title " in fig and "<desc " in fig and "<table" in fig and 'scope="col"' in fig
    assert html.count("<table") == html.count("<thead>")


def test_html_report_prints_on_a4_with_the_example_label_on_every_page(annex, tmp_path):
    pdf = tmp_path / "printed.pdf"
    chromium(annex["html"], tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:.*\(A4\)", info), info
    pages = pdf_pages(pdf)
    assert len(pages) > 5 and all("SHEMBULL" in p for p in pages)


def test_html_report_fits_a_phone_screen(annex, tmp_path):
    """At 390 px wide the page does not scroll sideways: wide tables scroll inside their own box."""
    probe = tmp_path / "probe.html"
    probe.write_text(annex["html"].read_text(encoding="utf-8").replace(
        "</body>", "<script>document.body.dataset.sw = document.documentElement.scrollWidth;"
                   "document.body.dataset.vw = window.innerWidth;</script></body>"), encoding="utf-8")
    dom = chromium(probe, tmp_path, "--dump-dom", window="390,844").dom
    page, viewport = (int(re.search(rf'data-{k}="(\d+)"', dom).group(1)) for k in ("sw", "vw"))
    assert viewport < 640  # the phone layout applies (headless Chromium may widen a tiny window a little)
    assert page <= viewport


def test_html_report_in_english(examples, tmp_path):
    html = report(examples[ANNEX], 2025, tmp_path, "--lang", "en", "--format", "html")["html"].read_text("utf-8")
    assert '<html lang="en">' in html and "Annual monitoring report 2025" in html and "Planned" in html


# ------------------------------------------------------------------ content rules


def test_plan_without_costs_says_so_and_shows_no_trend_for_one_year(examples, tmp_path):
    html = report(examples[SOCIAL], 2023, tmp_path, "--format", "html")["html"].read_text("utf-8")
    text = text_of(html)
    assert "nuk ka kosto" in text.lower() or "pa kosto" in text.lower()
    assert 'id="table-costs-source"' not in html and 'id="table-trend"' not in html
    assert "SHEMBULL" in text


def test_same_input_gives_same_bytes_and_no_clock_unless_asked(examples, tmp_path):
    a = report(examples[ANNEX], 2025, tmp_path / "a")
    b = report(examples[ANNEX], 2025, tmp_path / "b")
    assert a["html"].read_bytes() == b["html"].read_bytes()
    assert a["docx"].read_bytes() == b["docx"].read_bytes()
    dated = report(examples[ANNEX], 2025, tmp_path / "c", "--date", "2026-03-15")
    assert "15.03.2026" in dated["html"].read_text("utf-8") and "15.03.2026" in docx_text(dated["docx"])
    assert "15.03.2026" not in a["html"].read_text("utf-8")


def test_cover_names_the_source_workbook_and_its_checksum(annex, annex_dom, examples):
    import hashlib

    digest = hashlib.sha256(examples[ANNEX].read_bytes()).hexdigest()
    assert digest in annex_dom.dom and digest in docx_text(annex["docx"])
    assert examples[ANNEX].name in annex_dom.dom


def test_typed_text_appears_literally_in_both_reports(examples, tmp_path):
    e = Edit(examples[ANNEX], tmp_path / "hostile.xlsx")
    e.set(L.SHEET_MATRIX, ("RC", "1.1"), "Masa/Aktiviteti", HOSTILE[1])
    e.set(L.monitoring_sheet(2025), ("RC", "1.1", 1), "Shënime / evidenca", f"{HOSTILE[0]} {HOSTILE[2]}")
    out = report(e.save(), 2025, tmp_path / "out")
    source = out["html"].read_text("utf-8")
    assert "<script>alert" not in source and "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    dom = chromium(out["html"], tmp_path, "--dump-dom").dom
    visible = text_of(dom)
    for text in HOSTILE:
        assert text in visible
    assert "<script>" not in dom
    pdf = re.sub(r"\s+", " ", " ".join(pdf_pages(soffice(out["docx"], "pdf", tmp_path))))
    for text in HOSTILE:
        assert text in pdf


def test_workbook_with_errors_gets_no_report_unless_allowed_and_then_a_warning(examples, tmp_path):
    e = Edit(examples[ANNEX], tmp_path / "errors.xlsx")
    cell = e.set(L.monitoring_sheet(2025), ("RC", "1.2", 1), "Vlera aktuale", "shumë")
    path = e.save()
    out = tmp_path / "out"
    proc = run_matrica("report", str(path), "--year", "2025", "--out", str(out))
    assert proc.returncode == 1 and "--allow-errors" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists() or not list(out.iterdir())
    made = report(path, 2025, out, "--allow-errors")
    html = made["html"].read_text("utf-8")
    assert 'id="errors-warning"' in html
    assert cell in unescape(html)
    first_page = pdf_pages(soffice(made["docx"], "pdf", tmp_path))[0]
    assert "KUJDES" in first_page


# ------------------------------------------------------------------ templates staff change


def _edited_docx(tmp_path: Path, old: str, new: str) -> Path:
    src = Path(__file__).resolve().parent.parent / "templates" / "raporti.docx"
    dst = tmp_path / "raporti-ndryshuar.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return dst


@pytest.mark.parametrize("old, new, named", [
    ("{{ cover.municipality }}", "{{ bashkia }}", "{{ bashkia }}"),
    ("{{ cover.plan_title }}", "{{ cover.periudha }}", "{{ cover.periudha }}"),
    ("{{ doc_title }}", "{{ doc_title }", "{{ doc_title }"),
    ("{%p endif %}", "{%p endiff %}", "endiff"),
])
def test_changed_word_template_with_a_bad_tag_is_named(examples, tmp_path, old, new, named):
    template = _edited_docx(tmp_path, old, new)
    out = tmp_path / "out"
    proc = run_matrica("report", str(examples[ANNEX]), "--year", "2025", "--out", str(out),
                       "--docx-template", str(template))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert named in proc.stderr and str(template) in proc.stderr
    assert not out.exists() or not list(out.iterdir())


def test_changed_html_template_with_an_unclosed_loop_is_named_and_old_report_kept(examples, annex, tmp_path):
    src = Path(__file__).resolve().parent.parent / "templates" / "raporti.html.j2"
    broken = tmp_path / "raporti.html.j2"
    broken.write_text(src.read_text("utf-8").replace("{% endfor %}\n</section>", "\n</section>", 1), "utf-8")
    out = tmp_path / "out"
    shutil.copytree(annex["html"].parent, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    proc = run_matrica("report", str(examples[ANNEX]), "--year", "2025", "--out", str(out), "--format", "html",
                       "--html-template", str(broken))
    assert proc.returncode == 2 and "{% for f in fields %}" in proc.stderr and "Traceback" not in proc.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
