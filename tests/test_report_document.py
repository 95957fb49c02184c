"""The report as a document the monitoring group submits: the words typed on Narrativa where they belong, the front
matter (cover, contents, colophon, file properties), and the Word layout as LibreOffice prints it with Carlito and
Caladea (metric-compatible with Calibri and Cambria)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path

import pytest

from addin.checks.validate import validate
from addin.workbook import layout as L
from addin.workbook.narrative import read_narrative
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL, chromium, pdf_pages, soffice
from tests.pdf_layout import MM, pdf_layout, squeeze
from tests.test_report import report, text_of
from tests.workbook_edits import Edit

PLACEHOLDER = "[për t'u plotësuar]"
HOSTILE = ('<script>alert(1)</script>', '=HYPERLINK("http://x")', "{{ 7*7 }}")
MARGIN_MM = 18  # scripts/make_templates.py: the page margins
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM


def narrative_cell(e: Edit, year: int, part: str, field: str | None = None, column: str = "Teksti"):
    ws = e.wb[L.SHEET_NARRATIVE]
    col = {c.value: c.column for c in ws[L.HEADER_ROW]}
    label = L.NARRATIVE_PARTS[part][0]
    for r in range(L.FIRST_DATA_ROW, ws.max_row + 1):
        if ws.cell(r, col["Viti"]).value == year and ws.cell(r, col["Pjesa"]).value == label and (
                field is None or ws.cell(r, col["Fusha"]).value == field):
            return ws.cell(r, col[column])
    raise KeyError((year, part, field))


def type_text(cell, text: str | None) -> None:
    cell.value = text
    if isinstance(text, str) and text.startswith(("=", "+", "-", "@")):
        cell.data_type = "s"


def section(dom: str, section_id: str) -> str:
    m = re.search(rf'<section[^>]*id="{section_id}".*?</section>', dom, flags=re.S)
    assert m, section_id
    return m.group(0)


@pytest.fixture(scope="module")
def annex(examples, tmp_path_factory) -> dict[str, Path]:
    return report(examples[ANNEX], 2025, tmp_path_factory.mktemp("doc-annex"))


@pytest.fixture(scope="module")
def annex_pdf(annex, tmp_path_factory) -> Path:
    return soffice(annex["docx"], "pdf", tmp_path_factory.mktemp("doc-annex-pdf"))


@pytest.fixture(scope="module")
def social(examples, tmp_path_factory) -> dict[str, Path]:
    return report(examples[SOCIAL], 2023, tmp_path_factory.mktemp("doc-social"))


@pytest.fixture(scope="module")
def social_pdf(social, tmp_path_factory) -> Path:
    return soffice(social["docx"], "pdf", tmp_path_factory.mktemp("doc-social-pdf"))


@pytest.fixture(scope="module")
def annex_dom(annex, tmp_path_factory) -> str:
    return chromium(annex["html"], tmp_path_factory.mktemp("doc-annex-dom"), "--dump-dom").dom


# ---------------------------------------------------------------- the words typed on Narrativa


def test_narrative_texts_stand_in_their_sections_one_paragraph_per_line(annex_dom, annex_pdf, examples):
    n = read_narrative(open_workbook(examples[ANNEX]))
    intro = n.text(2025, "introduction").splitlines()
    assert len(intro) == 2
    paragraphs = [text_of(p) for p in re.findall(r"<p\b[^>]*>.*?</p>", section(annex_dom, "introduction"), re.S)]
    assert paragraphs == intro
    rc = section(annex_dom, "field-RC")
    assert n.text(2025, "achievements", "RC") in text_of(rc) and n.text(2025, "challenges", "RC") in text_of(rc)
    items = [text_of(li) for li in re.findall(r"<li>.*?</li>", rc.split('class="recommendations"')[1], re.S)]
    assert [i.split(" (")[0] for i in items] == n.text(2025, "recommendations", "RC").splitlines()
    pdf = squeeze(" ".join(pdf_pages(annex_pdf)))
    for text in (*intro, n.text(2025, "challenges", "KM")):
        assert squeeze(text) in pdf


def test_follow_up_table_shows_last_years_recommendations_with_their_status(annex_dom):
    rows = re.findall(r"<tr\b.*?</tr>", section(annex_dom, "recommendations").split('id="table-follow-up"')[1], re.S)
    cells = [[text_of(c) for c in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows[1:]]
    assert len(cells) == 10 and {c[0] for c in cells} == {"zbatuar", "zbatuar pjesërisht", "në proces", "pa zbatuar"}
    assert all(c[2].startswith("SHEMBULL: ") for c in cells)


def test_an_empty_block_prints_the_placeholder_and_a_typed_summary_replaces_the_draft(examples, tmp_path):
    e = Edit(examples[ANNEX], tmp_path / "a.xlsx")
    type_text(narrative_cell(e, 2025, "introduction"), None)
    type_text(narrative_cell(e, 2025, "challenges", "RC"), None)
    type_text(narrative_cell(e, 2025, "summary"), "Përmbledhja jonë, rreshti i parë.\nRreshti i dytë.")
    out = report(e.save(), 2025, tmp_path / "out", "--allow-errors")
    html = out["html"].read_text("utf-8")
    assert text_of(section(html, "introduction")).endswith(PLACEHOLDER)
    assert 'class="placeholder"' in section(html, "introduction")
    assert PLACEHOLDER in text_of(section(html, "field-RC"))
    executive = [text_of(p) for p in re.findall(r"<p\b[^>]*>.*?</p>", section(html, "executive"), re.S)]
    assert executive == ["Përmbledhja jonë, rreshti i parë.", "Rreshti i dytë."]
    pdf = squeeze(" ".join(pdf_pages(soffice(out["docx"], "pdf", tmp_path))))
    assert pdf.count(PLACEHOLDER) >= 2 and "Përmbledhja jonë, rreshti i parë. Rreshti i dytë." in pdf
    warnings = {f.cell for f in validate(e.path).findings if f.rule == "narrative-empty"}
    assert narrative_cell(e, 2025, "introduction").coordinate in {c.split("!")[1] for c in warnings}


def test_text_typed_into_narrativa_appears_literally_in_chromium_and_in_the_word_pdf(examples, tmp_path):
    e = Edit(examples[ANNEX], tmp_path / "hostile.xlsx")
    type_text(narrative_cell(e, 2025, "introduction"), f"{HOSTILE[1]}\n{HOSTILE[0]} {HOSTILE[2]}")
    type_text(narrative_cell(e, 2025, "recommendations", "KM"), HOSTILE[2])
    out = report(e.save(), 2025, tmp_path / "out")
    source = out["html"].read_text("utf-8")
    assert "<script>alert" not in source and "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    dom = chromium(out["html"], tmp_path, "--dump-dom").dom
    assert "<script>" not in dom
    intro = [text_of(p) for p in re.findall(r"<p\b[^>]*>.*?</p>", section(dom, "introduction"), re.S)]
    assert intro == [HOSTILE[1], f"{HOSTILE[0]} {HOSTILE[2]}"]  # two paragraphs
    assert HOSTILE[2] in text_of(section(dom, "recommendations"))
    pdf = squeeze(" ".join(pdf_pages(soffice(out["docx"], "pdf", tmp_path))))
    for text in HOSTILE:
        assert text in pdf


def test_making_the_report_again_loses_nothing_and_gives_the_same_bytes(examples, annex, tmp_path):
    again = report(examples[ANNEX], 2025, tmp_path)
    assert again["html"].read_bytes() == annex["html"].read_bytes()
    assert again["docx"].read_bytes() == annex["docx"].read_bytes()


def test_without_a_follow_up_the_previous_years_recommendations_wait_for_their_status(built, tmp_path):
    e = Edit(built[ANNEX], tmp_path / "a.xlsx")
    e.fill_statuses(L.monitoring_sheet(2025))
    e.fill_narrative(2025)
    type_text(narrative_cell(e, 2024, "recommendations", "AR"), "Listat e braktisjes çdo muaj.")
    out = report(e.save(), 2025, tmp_path / "out", "--format", "html")
    rec = section(out["html"].read_text("utf-8"), "recommendations")
    assert "Listat e braktisjes çdo muaj." in text_of(rec) and PLACEHOLDER in text_of(rec)
    assert "nuk janë ndjekur ende" in text_of(rec)


def test_characters_xml_cannot_carry_are_dropped_from_typed_text():
    from addin.report.sections import clean, text_block

    assert clean("Rreshti\x07 i parë\x0b\x00") == "Rreshti i parë"
    assert text_block("Një\n\n  \nDy\x1f", "sq") == {"paragraphs": ["Një", "Dy"], "missing": False}
    assert text_block(" \n ", "en") == {"paragraphs": ["[to be completed]"], "missing": True}


# ---------------------------------------------------------------- front matter


def test_cover_is_page_one_with_plan_year_preparer_and_approval_and_no_technical_text(annex_pdf, examples):
    pages = pdf_layout(annex_pdf)
    cover = squeeze(pages[0].text)
    for text in ("Raporti vjetor i monitorimit 2025", "Plani vendor për integrimin e pakicave rome dhe egjiptiane",
                 "Përgatitur nga", "SHEMBULL: Grupi i monitorimit", "Plani u miratua nga", "Viti i raportimit 2025"):
        assert text in cover, text
    digest = hashlib.sha256(examples[ANNEX].read_bytes()).hexdigest()
    for technical in (digest[:16], "SHA-256", "Matrica", ".xlsx", "python", "Parametrat", "Data"):
        assert technical not in cover, technical


def test_contents_lists_every_heading_in_the_word_pdf_and_links_every_section_in_html(annex, annex_pdf, annex_dom):
    from docx import Document

    doc = Document(str(annex["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")
                and re.match(r"\d+\.(\d+ )?|Shtojcë|Për këtë", p.text)]
    assert len(headings) >= 15
    contents = squeeze(pdf_layout(annex_pdf)[1].text)
    assert contents.startswith("SHEMBULL") and "Përmbajtja" in contents
    for h in headings:
        if not h.startswith("Për këtë"):
            assert squeeze(h) in contents, h
    nav = re.search(r'<nav class="toc".*?</nav>', annex_dom, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert len(targets) >= 15 and all(f'id="{t}"' in annex_dom for t in targets)
    assert "<ol" not in nav  # the headings carry their numbers; the list adds none
    numbers = re.findall(r">(\d+)\. ", nav)
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]


def test_word_file_properties_name_the_report_and_the_municipality_and_nothing_says_python_docx(annex, examples,
                                                                                              tmp_path):
    from docx import Document

    props = Document(str(annex["docx"])).core_properties
    assert props.title == "Plani për romët dhe egjiptianët 2024-2027 — Raporti vjetor i monitorimit 2025"
    assert props.subject.startswith("Shtojca e Planit të Mbrojtjes Sociale")
    assert props.author == "Bashkia Elbasan" and props.language == "sq-AL"
    assert props.created == props.modified == dt.datetime(2025, 12, 31, tzinfo=dt.UTC)
    with zipfile.ZipFile(annex["docx"]) as z:
        names = z.namelist()
        assert not any("thumbnail" in n for n in names)
        assert '<w:updateFields w:val="true"/>' in z.read("word/settings.xml").decode()
        assert not any(b"python-docx" in z.read(n).lower() for n in names)
    dated = report(examples[ANNEX], 2025, tmp_path, "--date", "2026-03-15", "--format", "docx")
    props = Document(str(dated["docx"])).core_properties
    assert props.created == props.modified == dt.datetime(2026, 3, 15, tzinfo=dt.UTC)


def test_the_date_row_is_on_the_cover_only_when_a_date_is_given(annex, examples, tmp_path):
    html = annex["html"].read_text("utf-8")
    assert "<dt>Data</dt>" not in re.search(r'<dl id="cover-rows">.*?</dl>', html, re.S).group(0)
    dated = report(examples[ANNEX], 2025, tmp_path, "--date", "2026-03-15")
    rows = re.search(r'<dl id="cover-rows">.*?</dl>', dated["html"].read_text("utf-8"), re.S).group(0)
    assert "<dt>Data</dt><dd>15.03.2026</dd>" in rows
    assert "Data 15.03.2026" in squeeze(pdf_pages(soffice(dated["docx"], "pdf", tmp_path))[0])


def test_colophon_at_the_end_names_the_source_workbook_its_checksum_and_matrica(annex_pdf, annex_dom, examples):
    digest = hashlib.sha256(examples[ANNEX].read_bytes()).hexdigest()
    last = squeeze(pdf_layout(annex_pdf)[-1].text)
    assert "Për këtë dokument" in last and examples[ANNEX].name in last and "Matrica" in last
    assert digest in last.replace(" ", "")
    assert digest in text_of(section(annex_dom, "colophon"))


def test_a_logo_named_on_parametrat_goes_on_the_cover_and_a_missing_one_is_a_warning(examples, tmp_path):
    from docx import Document
    from PIL import Image

    folder = tmp_path / "book"
    folder.mkdir()
    Image.new("RGB", (240, 120), (31, 78, 121)).save(folder / "stema.png")
    e = Edit(examples[ANNEX], folder / "libri.xlsx")
    settings = e.wb[L.SHEET_SETTINGS]
    row = next(r for r in range(1, settings.max_row + 1) if settings.cell(r, 1).value == "Logoja (skedar PNG ose JPG)")
    settings.cell(row, 2).value = "stema.png"
    path = e.save()
    assert not [f for f in validate(path).findings if f.rule == "logo-unreadable"]
    out = report(path, 2025, tmp_path / "out")
    doc = Document(str(out["docx"]))
    assert len(doc.inline_shapes) == 5  # the logo and the four charts
    first = next(i for i, p in enumerate(doc.paragraphs) if p._p.xpath(".//a:blip"))
    assert first < 3
    assert re.search(r'<img class="logo" src="data:image/png;base64,', out["html"].read_text("utf-8"))
    settings.cell(row, 2).value = "mungon.png"
    (f,) = [f for f in validate(e.save()).findings if f.rule == "logo-unreadable"]
    assert f.severity == "warning" and f.cell == f"'{L.SHEET_SETTINGS}'!B{row}" and "mungon.png" in f.message()


# ---------------------------------------------------------------- Word layout, as LibreOffice prints it


@pytest.mark.parametrize("which", ["annex", "social"])
def test_no_table_is_wider_than_the_text_area(which, request):
    docx, pdf = request.getfixturevalue(which)["docx"], request.getfixturevalue(f"{which}_pdf")
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode()
    for grid in re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>", xml, re.S):
        width = sum(int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', grid))
        assert width <= TEXT_WIDTH_MM * 1440 / 25.4 + 5, width  # twips
    for page in pdf_layout(pdf):
        for line in page.lines:
            assert line.x0 >= MARGIN_MM * MM - 8 and line.x1 <= page.width - MARGIN_MM * MM + 8, (page.number, line)


@pytest.mark.parametrize("which", ["annex", "social"])
def test_no_heading_is_left_alone_at_the_bottom_of_a_page(which, request):
    from docx import Document

    docx, pdf = request.getfixturevalue(which)["docx"], request.getfixturevalue(f"{which}_pdf")
    doc = Document(str(docx))
    headings = {squeeze(p.text) for p in doc.paragraphs if p.style.name.startswith("Heading") and p.text.strip()}
    pages = pdf_layout(pdf)
    assert len(pages) > 5
    for page in pages[:-1]:
        body = page.body(MARGIN_MM)
        if not body or "Përmbajtja" in page.text:  # the contents' entries repeat the headings
            continue
        tail = body[-1].text
        two = squeeze(" ".join(ln.text for ln in body[-2:]))
        assert tail not in headings and two not in headings, (page.number, tail)


@pytest.mark.parametrize("which", ["annex", "social"])
def test_the_cover_is_page_one_and_the_contents_page_two(which, request):
    pages = pdf_layout(request.getfixturevalue(f"{which}_pdf"))
    assert "Raporti vjetor i monitorimit" in pages[0].text and "Përmbajtja" not in pages[0].text
    assert "Përmbajtja" in pages[1].text and "1. Përmbledhje ekzekutive" in pages[1].text


# ---------------------------------------------------------------- the executive summary and the beneficiaries


def _executive(html: str) -> list[str]:
    return [text_of(p) for p in re.findall(r"<p\b[^>]*>.*?</p>", section(html, "executive"), re.S)]


def test_executive_summary_is_drafted_in_sentences_whose_rates_divide_the_amounts_beside_them(annex_dom):
    paras = _executive(annex_dom)
    text = " ".join(paras)
    assert "plani zbatonte 36 aktivitete. Prej tyre 25 u realizuan plotësisht (69,4 %), 6 pjesërisht, 1 është në " \
           "proces dhe 4 nuk u realizuan." in text
    assert "plani ka 52 tregues: 46 kanë vlerë të raportuar dhe 3 mund të vlerësohen" in text
    assert "Arritja mesatare nuk jepet" in text and "mbulimi 5,8 %" in text  # no mean below the coverage threshold
    m = re.search(r"ishin planifikuar ([\d ]+) lekë dhe u shpenzuan ([\d ]+) lekë, pra ([\d,]+) %", text)
    planned, spent, rate = (float(g.replace(" ", "").replace(",", ".")) for g in m.groups())
    assert round(spent / planned * 100, 1) == rate == 93.6
    m = re.search(r"realizimi është ([\d,]+) % \(([\d ]+) lekë nga ([\d ]+) lekë\)", text)
    rate, spent, planned = (float(g.replace(" ", "").replace(",", ".")) for g in m.groups())
    assert round(spent / planned * 100, 1) == rate == 97.4
    assert paras[-1].startswith("Kjo përmbledhje është hartuar nga shifrat")


def test_the_annex_report_leads_with_who_was_reached_and_warns_about_double_counting(annex_dom, social):
    first = _executive(annex_dom)[0]
    assert first.startswith("Përfituesit e raportuar sipas grupeve: 335 gra dhe 287 burra (gra 53,9 %; nga 4 "
                            "tregues); 290 romë dhe 84 egjiptianë (romë 77,5 %; nga 2 tregues)")
    assert "i njëjti person mund të jetë numëruar më shumë se një herë" in first
    rows = [[text_of(c) for c in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in re.findall(r"<tr\b.*?</tr>", re.search(r'<table[^>]*id="table-beneficiaries".*?</table>',
                                                            annex_dom, re.S).group(0), re.S)]
    assert rows[1:] == [["gra", "335", "53,9 %", "4"], ["burra", "287", "46,1 %", "4"], ["romë", "290", "77,5 %", "2"],
                        ["egjiptianë", "84", "22,5 %", "2"], ["qytet", "54", "74 %", "1"], ["fshat", "19", "26 %", "1"]]
    social_paras = _executive(social["html"].read_text("utf-8"))
    assert social_paras[0].startswith("Në vitin 2023 plani zbatonte")  # the social plan leads with its activities
    assert "Asnjë tregues nuk raportoi përfitues" in social_paras[-2]


@pytest.mark.parametrize(("key", "n", "text"), [
    ("n_errors", 1, "1 gabim"), ("n_errors", 2, "2 gabime"), ("exec_not_done", 1, "1 nuk u realizua"),
    ("exec_not_done", 4, "4 nuk u realizuan"), ("exec_no_target", 1, "1 tregues nuk ka synim numerik"),
    ("exec_no_target", 48, "48 tregues nuk kanë synim numerik"), ("n_activities", 1, "1 aktivitet"),
    ("n_activities", 0, "0 aktivitete"), ("exec_in_progress", 1, "1 është në proces"),
])
def test_a_count_and_the_words_around_it_agree(key, n, text):
    from addin.common.messages import tn

    assert tn(key, n, "sq") == text


def test_one_finding_is_one_error_in_the_annex(examples, tmp_path):
    e = Edit(examples[ANNEX], tmp_path / "one.xlsx")
    e.set(L.monitoring_sheet(2025), ("RC", "1.2", 1), "Vlera aktuale", "shumë")
    out = report(e.save(), 2025, tmp_path / "out", "--allow-errors", "--format", "html")
    annex = text_of(section(out["html"].read_text("utf-8"), "quality"))
    assert "1 gabim " in annex and "1 gabime" not in annex


# ---------------------------------------------------------------- objectives assessed


def _rows(html: str, table_id: str) -> list[list[str]]:
    m = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert m, table_id
    return [[text_of(c) for c in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in re.findall(r"<tr\b.*?</tr>", m.group(0), re.S)]


def test_each_objective_shows_its_indicators_value_rating_and_the_roll_up_of_its_activities(annex_dom, social):
    rows = {r[0]: r for r in _rows(annex_dom, "objectives-RC")[1:]}
    assert rows["1"][4:8] == ["71 %", "36 %", "në rrugë të mbarë", "3 tregues: me vlerë 2, të vlerësuar 0"]
    assert "90 % për periudhën (deri në 2028)" in rows["1"][3]
    ar = {r[0]: r for r in _rows(annex_dom, "objectives-AR")[1:]}
    assert ar["2.2"][6] == "pa vlerë bazë"  # "rritje me 50 %" needs a starting value the plan does not give
    assert ar["2.3"][2:5] == ["—¹", "—¹", "—"]
    soc = {r[0]: r for r in _rows(social["html"].read_text("utf-8"), "objectives-A")[1:]}
    assert soc["A1"][7].startswith("8 tregues: me vlerë 8, të vlerësuar 8 (në rrugë të mbarë 7")


def test_objective_values_are_typed_on_the_objectives_sheet_and_checked(built, tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(built[ANNEX])
    ws = wb[L.SHEET_OBJECTIVES]
    headers = [c.value for c in ws[L.HEADER_ROW]]
    assert headers[-4:] == [L.objective_value_header(y) for y in (2024, 2025, 2026, 2027)]
    col = headers.index(L.objective_value_header(2025)) + 1
    cells = {ws.cell(r, 5).value: ws.cell(r, col) for r in range(L.FIRST_DATA_ROW, ws.max_row + 1)}
    assert not cells["1"].protection.locked and cells["1"].fill.fgColor.rgb.endswith("FFF2CC")
    assert cells["2.3"].protection.locked  # the plan gives this objective no indicator
    e = Edit(built[ANNEX], tmp_path / "a.xlsx")
    e.wb[L.SHEET_OBJECTIVES][cells["1"].coordinate] = 130
    e.wb[L.SHEET_OBJECTIVES][cells["6.2"].coordinate] = "ndoshta"
    found = {(f.rule, f.cell) for f in validate(e.save()).findings if f.sheet == L.SHEET_OBJECTIVES}
    sheet = f"'{L.SHEET_OBJECTIVES}'!"
    assert found == {("type-error", sheet + cells["1"].coordinate),
                     ("vocabulary-unknown", sheet + cells["6.2"].coordinate)}


def test_plan_boilerplate_is_a_dash_with_one_footnote_and_no_internal_suffix_shows(annex_dom, annex_pdf):
    activities = " ".join(text_of(m) for m in re.findall(r'<table class="activities.*?</table>', annex_dom, re.S))
    assert "Indikator të mat" not in activities and "pa vlerë numerike" not in activities
    assert activities.count("—¹") >= 40
    visible = text_of(annex_dom)
    assert visible.count("—¹ Plani nuk jep këtu tregues të matshëm") == 1
    assert not re.search(r"#\d", visible)
    pdf = " ".join(pdf_pages(annex_pdf))
    assert not re.search(r"\s#\d", pdf) and "Indikator të matshem" not in pdf


def test_the_legend_of_both_colour_scales_stands_beside_the_first_table(annex_dom, annex_pdf):
    summary = section(annex_dom, "summary")
    assert summary.index('id="legend"') < summary.index('id="table-statuses"')
    legend = text_of(re.search(r'<aside class="legend".*?</aside>', summary, re.S).group(0))
    assert "në rrugë të mbarë (≥ 90 %)" in legend and "jashtë rrugës (< 50 %)" in legend
    assert "realizuar plotësisht" in legend and "nuk planifikohej" in legend
    page = next(p for p in pdf_layout(annex_pdf) if "Si lexohen ngjyrat" in p.text)
    assert "Aktivitetet sipas statusit" in page.text


def test_numbers_in_plan_text_are_written_like_the_reports_own(social):
    html = social["html"].read_text("utf-8")
    assert "Rreth 3 500 000 lekë" in html and "3.500.000" not in html
