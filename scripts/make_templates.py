"""Build the Word report template `templates/raporti.docx` (docxtpl tags in a normal Word document).

    .venv/bin/python scripts/make_templates.py [--out FILE] [--force]

The template is a starting point that staff restyle and reword in Word: headings use Word's heading styles (so
Word's References → Table of Contents works), tables use the table style "Light Grid Accent 1", the example
banner and the footer sit in the page header and footer (so they show on every page). Labels such as
`{{ t.h_summary }}` come from addin/common/messages.py in Albanian or English (`--lang`); replace one with plain text to
reword it. An existing template is never overwritten without --force (staff may have edited it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from addin.common.files import write_atomic  # noqa: E402
from addin.report.render import update_fields_on_open  # noqa: E402

OUT = ROOT / "templates" / "raporti.docx"
TABLE_STYLE = "Light Grid Accent 1"
RED = RGBColor(0xC6, 0x28, 0x28)
SMALL = Pt(8)


def _lang(doc) -> None:
    """Albanian as the document language (spelling and hyphenation in Word)."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "sq-AL")


def para(doc_or_cell, text: str = "", style: str | None = None, bold: bool = False, size=None, color=None,
         align=None):
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = size
        if color:
            run.font.color.rgb = color
    if align is not None:
        p.alignment = align
    return p


def tag(doc, text: str):
    """A paragraph holding only a docxtpl paragraph tag (`{%p … %}`); docxtpl removes it."""
    return doc.add_paragraph(text)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _cant_split(row) -> None:
    """A row is never split across two pages (Word and LibreOffice move it whole)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _no_header_look(table, first_column: bool = True) -> None:
    """A table without a header row: its style's first-row emphasis off, the first column's on (labels) or off."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    for key, value in (("w:val", "0080" if first_column else "0000"), ("w:firstRow", "0"), ("w:lastRow", "0"),
                       ("w:firstColumn", "1" if first_column else "0"),
                       ("w:lastColumn", "0"), ("w:noHBand", "1"), ("w:noVBand", "1")):
        look.set(qn(key), value)


def _styles(doc) -> None:
    """Contents entry styles (Word's built-in names, so a refreshed contents uses them too), headings kept with
    the paragraph that follows them, and a style for the "[për t'u plotësuar]" placeholders."""
    from docx.enum.style import WD_STYLE_TYPE

    for level, indent in ((1, 0), (2, 6)):
        style = doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.left_indent = Mm(indent)
        style.paragraph_format.space_after = Pt(2 if level == 2 else 4)
        style.font.bold = level == 1
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title"):
        doc.styles[name].paragraph_format.keep_with_next = True
    placeholder = doc.styles.add_style("Placeholder", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.italic = True
    placeholder.font.color.rgb = RGBColor(0x7A, 0x4D, 0x00)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "FFF2CC")
    placeholder.element.get_or_add_rPr().append(shd)


def _settings(doc) -> None:
    """Word fills the contents (and every field) when the document is opened; Albanian as the theme language; no
    preview picture."""
    settings = doc.settings.element
    for el in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(el)
    update_fields_on_open(settings)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "sq-AL")


def _package(doc) -> None:
    """No thumbnail (python-docx's default is a blank picture) and empty file properties in the template: the
    report sets its own (addin/report/render.py)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package = doc.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[r_id]
    cp = doc.core_properties
    cp.author, cp.comments, cp.title, cp.subject, cp.keywords, cp.category = "", "", "", "", "", ""
    cp.last_modified_by, cp.revision = "", 1


def _cell_text(cell, text: str, bold: bool = False, size=SMALL, align=None) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.font.size = size
    run.bold = bold or None
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(0)


def loop_table(doc, headers: list[str], cells: list[str], loop: str, widths_mm: list[float],
               right: tuple[int, ...] = (), footer: list[str] | None = None):
    """A table: a header row of labels, one row repeated by `{%tr for … %}`, optionally a total row."""
    table = doc.add_table(rows=0, cols=len(headers))
    table.style = doc.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    rows = [headers, [f"{{%tr for {loop} %}}"] + [""] * (len(headers) - 1), cells,
            ["{%tr endfor %}"] + [""] * (len(headers) - 1)]
    if footer:
        rows.append(footer)
    for i, values in enumerate(rows):
        row = table.add_row()
        _cant_split(row)
        if i == 0:
            _repeat_header(row)
        for j, value in enumerate(values):
            align = WD_ALIGN_PARAGRAPH.RIGHT if j in right and i != 1 and i != 3 else None
            _cell_text(row.cells[j], value, bold=i == 0 or (footer is not None and i == 4), align=align)
            row.cells[j].width = Mm(widths_mm[j])
    for j, w in enumerate(widths_mm):
        table.columns[j].width = Mm(w)
    doc.add_paragraph()
    return table


def _field(paragraph, instruction: str, placeholder: str, size=None) -> None:
    """A Word field (PAGE, NUMPAGES) in `paragraph`, showing `placeholder` until Word updates it; `size` for
    every run of it (the page number as small as the footer text)."""
    def fld(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    runs = [paragraph.add_run()]
    runs[-1]._r.append(fld("begin"))
    runs.append(paragraph.add_run())
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    runs[-1]._r.append(instr)
    runs.append(paragraph.add_run())
    runs[-1]._r.append(fld("separate"))
    runs.append(paragraph.add_run(placeholder))
    runs.append(paragraph.add_run())
    runs[-1]._r.append(fld("end"))
    for run in runs:
        if size is not None:
            run.font.size = size


def prose(doc, block: str, style: str | None = None) -> None:
    """A typed text: one paragraph per line, the placeholder in its own character style when empty."""
    tag(doc, f"{{%p for p in {block}.paragraphs %}}")
    tag(doc, f"{{%p if {block}.missing %}}")
    p = doc.add_paragraph(style=style)
    p.add_run("{{ p }}", style="Placeholder")
    tag(doc, "{%p else %}")
    doc.add_paragraph("{{ p }}", style=style)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def contents(doc) -> None:
    """The contents as a Word field (TOC) whose result is already filled with the report's headings, so that a
    PDF made without Word (LibreOffice does not refresh fields) shows them; Word refreshes it, with page numbers,
    when the document is opened (`updateFields` in the settings part)."""
    def fld(paragraph, kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    para(doc, "{{ t.toc }}", bold=True, size=Pt(14), color=RGBColor(0x1F, 0x4E, 0x79))
    begin = doc.add_paragraph(style="toc 1")
    fld(begin, "begin")
    run = begin.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    run._r.append(instr)
    fld(begin, "separate")
    tag(doc, "{%p for e in toc %}")
    tag(doc, "{%p if e.level == 1 %}")
    doc.add_paragraph("{{ e.heading }}", style="toc 1")
    tag(doc, "{%p else %}")
    doc.add_paragraph("{{ e.heading }}", style="toc 2")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    fld(doc.add_paragraph(style="toc 1"), "end")


def chart(doc, key: str) -> None:
    """A chart: its title and picture in one paragraph (a line break between), so no page can part them
    (LibreOffice does not keep a title with a picture paragraph that follows it), then its text alternative."""
    tag(doc, f"{{%p if charts.{key} is defined %}}")
    p = para(doc, f"{{{{ charts.{key}.title }}}}", bold=True, color=RGBColor(0x1F, 0x4E, 0x79),
             align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.keep_together = True
    p.paragraph_format.space_before = Pt(8)
    p.add_run().add_break()
    p.add_run(f"{{{{ charts.{key}.image }}}}")
    para(doc, f"{{{{ charts.{key}.description }}}}", size=SMALL)
    tag(doc, "{%p endif %}")


def document(doc) -> None:
    """Page set-up, styles, and around every page: the example banner (empty for real data) in the header, the
    footer with "faqja N nga M" (`sections.document`)."""
    _lang(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    _styles(doc)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run("{{ example_banner }}")
    run.bold, run.font.color.rgb, run.font.size = True, RED, Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("{{ footer }} · {{ t.page }} ").font.size = Pt(8)
    _field(footer, "PAGE", "1", Pt(8))
    footer.add_run(" {{ t.page_of }} ").font.size = Pt(8)
    _field(footer, "NUMPAGES", "1", Pt(8))


def _key_value_table(doc, loop: str, size) -> None:
    """Label | value rows without a header row (the cover, the colophon)."""
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles[TABLE_STYLE]
    _no_header_look(table)
    for values in ([f"{{%tr for r in {loop} %}}", ""], ["{{ r.label }}", "{{ r.value }}"], ["{%tr endfor %}", ""]):
        cells = table.add_row().cells
        _cell_text(cells[0], values[0], bold=True, size=size)
        _cell_text(cells[1], values[1], size=size)
    for j, w in enumerate((55, 119)):
        table.columns[j].width = Mm(w)
        for row in table.rows:
            row.cells[j].width = Mm(w)


def cover(doc) -> None:
    """Page 1: who publishes what, for which year, prepared by whom, approved how; no technical detail
    (`sections.cover`)."""
    tag(doc, "{%p if cover.logo %}")
    para(doc, "{{ cover.logo_image }}")
    tag(doc, "{%p endif %}")
    para(doc, "{{ cover.municipality }}", bold=True)
    doc.add_paragraph("{{ doc_title }}", style="Title")
    para(doc, "{{ cover.plan_title }}", bold=True, size=Pt(13))
    tag(doc, "{%p if warning %}")
    para(doc, "{{ warning }}", bold=True, color=RGBColor(0xA6, 0x5F, 0x00))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if example %}")
    para(doc, "{{ example_banner }}", bold=True, color=RED, size=Pt(14))
    para(doc, "{{ example_note }}", color=RED)
    tag(doc, "{%p endif %}")
    _key_value_table(doc, "cover.rows", Pt(10))
    doc.add_page_break()


def toc(doc) -> None:
    """Page 2: the contents (`sections.toc`)."""
    contents(doc)
    doc.add_page_break()


def executive(doc) -> None:
    """The executive summary, typed on Narrativa or drafted from the figures (`sections.executive`)."""
    doc.add_heading("{{ headings.executive.heading }}", level=1)
    tag(doc, "{%p for p in executive.paragraphs %}")
    para(doc, "{{ p }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if executive.note %}")
    para(doc, "{{ executive.note }}", size=Pt(9))
    tag(doc, "{%p endif %}")


def introduction(doc) -> None:
    """The introduction typed on Narrativa (`sections.introduction`)."""
    doc.add_heading("{{ headings.introduction.heading }}", level=1)
    prose(doc, "introduction")


def methodology(doc) -> None:
    """The methodology note typed on Narrativa, and the rating rule (`sections.methodology`)."""
    doc.add_heading("{{ headings.methodology.heading }}", level=1)
    prose(doc, "methodology")
    para(doc, "{{ summary.rating_rule }}", size=Pt(9))


def legend(doc) -> None:
    """Beside the first table: the two colour scales and the footnote for "—¹" (`sections.legend`), in a shaded
    box."""
    box = doc.add_table(rows=1, cols=1)
    box.style = doc.styles[TABLE_STYLE]
    _no_header_look(box, first_column=False)
    cell = box.rows[0].cells[0]
    cell.width = Mm(174)
    box.columns[0].width = Mm(174)
    _cant_split(box.rows[0])
    _cell_text(cell, "{{ t.h_legend }}", bold=True, size=Pt(9))
    for text in ("{{ legend.ratings_label }} {{r legend.ratings_rt }}", "{{ legend.statuses_label }} "
                 "{{r legend.statuses_rt }}", "{{ legend.none_note }}"):
        p = cell.add_paragraph()
        run = p.add_run(text)
        run.font.size = Pt(8.5)
        p.paragraph_format.space_after = Pt(0)
    doc.add_paragraph()


def summary(doc) -> None:
    """Implementation in figures: activities by status, indicators' coverage and ratings by field, the charts
    (`sections.summary`)."""
    doc.add_page_break()
    doc.add_heading("{{ headings.summary.heading }}", level=1)
    para(doc, "{{ summary.statuses_sentence }}")
    para(doc, "{{ summary.achievement_sentence }}")
    para(doc, "{{ summary.costs_sentence }}")
    legend(doc)
    doc.add_heading("{{ t.h_status }}", level=2)
    loop_table(doc, ["{{ t.c_status }}", "{{ t.c_count }}", "{{ t.c_share }}"],
               ["{{r s.label_rt }}", "{{ s.count }}", "{{ s.share }}"], "s in summary.statuses", [90, 40, 40],
               right=(1, 2), footer=["{{ t.total }}", "{{ summary.activities_total }}", ""])
    chart(doc, "status")
    doc.add_heading("{{ t.h_achievement }}", level=2)
    keys = ("mean", "rated", "with_value", "no_target", "on_track", "partly", "off_track", "not_due")
    loop_table(doc, ["{{ t.c_field }}"] + [f"{{{{ t.c_{k} }}}}" for k in keys],
               ["{{ a.code }} — {{ a.title }}"] + [f"{{{{ a.{k} }}}}" for k in keys], "a in summary.achievement",
               [46, 20, 16, 16, 16, 15, 15, 15, 15], right=tuple(range(1, 9)),
               footer=["{{ t.total }}"] + [f"{{{{ summary.achievement_total.{k} }}}}" for k in keys])
    chart(doc, "achievement")


def beneficiaries(doc) -> None:
    """Who was reached, by group, with how many indicators gave each breakdown (`sections.beneficiaries`)."""
    tag(doc, "{%p if beneficiaries.any %}")
    doc.add_heading("{{ t.h_beneficiaries }}", level=2)
    loop_table(doc, ["{{ t.c_group }}", "{{ t.c_people }}", "{{ t.c_share }}", "{{ t.c_indicators_giving }}"],
               ["{{ b.group }}", "{{ b.count }}", "{{ b.share }}", "{{ b.indicators }}"], "b in beneficiaries.rows",
               [74, 34, 32, 34], right=(1, 2, 3))
    para(doc, "{{ beneficiaries.warning }}", size=Pt(9))
    tag(doc, "{%p endif %}")


def fields(doc) -> None:
    """One section per field (`sections.fields`)."""
    doc.add_page_break()
    doc.add_heading("{{ headings.fields.heading }}", level=1)
    tag(doc, "{%p for f in fields %}")
    doc.add_heading("{{ f.heading }}", level=2)
    tag(doc, "{%p if f.goal %}")
    para(doc, "{{ f.goal }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if f.specific %}")
    para(doc, "{{ f.specific }}")
    tag(doc, "{%p endif %}")
    para(doc, "{{ f.rollup }}")
    tag(doc, "{%p if f.costs %}")
    para(doc, "{{ f.costs }}")
    tag(doc, "{%p endif %}")
    doc.add_heading("{{ t.h_objectives }}", level=3)
    loop_table(doc, ["{{ t.c_code }}", "{{ t.c_objective }}", "{{ t.c_objective_indicator }}", "{{ t.c_target }}",
                     "{{ t.c_value }} {{ year }}", "{{ t.c_expected }}", "{{ t.c_rating }}",
                     "{{ t.c_activity_indicators }}"],
               ["{{ o.code }}", "{{ o.title }}", "{{ o.indicator }}", "{{ o.target }}", "{{ o.value }}",
                "{{ o.expected }}", "{{r o.rating_rt }}", "{{ o.activities }}"], "o in f.objectives",
               [11, 32, 32, 22, 15, 15, 18, 29])
    doc.add_heading("{{ t.h_activities }}", level=3)
    loop_table(doc, ["{{ t.c_code }}", "{{ t.c_activity }}", "{{ t.c_indicator }}", "{{ t.c_target }}",
                     "{{ t.c_expected }}", "{{ t.c_actual }}", "{{ t.c_achievement }}", "{{ t.c_rating }}",
                     "{{ t.c_status }}"],
               ["{{ r.label }}", "{{ r.activity }}", "{{ r.indicator }}", "{{ r.target }}",
                "{{ r.expected }}", "{{ r.actual }}", "{{ r.achievement }}", "{{r r.rating_rt }}",
                "{{r r.status_rt }}"],
               "r in f.rows", [14, 29, 29, 21, 16, 16, 13, 18, 18], right=(6,))
    tag(doc, "{%p if f.disaggregation %}")
    doc.add_heading("{{ t.h_disaggregation }}", level=3)
    loop_table(doc, ["{{ t.c_code }}", "{{ t.c_indicator }}", "{{ t.c_sex }}", "{{ t.c_ethnicity }}",
                     "{{ t.c_area }}"],
               ["{{ r.label }}", "{{ r.indicator }}", "{{ r.parts.sex }}", "{{ r.parts.ethnicity }}",
                "{{ r.parts.area }}"], "r in f.disaggregation", [18, 56, 34, 34, 32])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if f.notes %}")
    doc.add_heading("{{ t.h_notes }}", level=3)
    tag(doc, "{%p for n in f.notes %}")
    para(doc, "{{ n.code }}: {{ n.text }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    doc.add_heading("{{ t.h_achievements }}", level=3)
    prose(doc, "f.texts.achievements")
    doc.add_heading("{{ t.h_challenges }}", level=3)
    prose(doc, "f.texts.challenges")
    doc.add_heading("{{ t.h_field_recommendations }}", level=3)
    tag(doc, "{%p for r in f.texts.recommendations %}")
    tag(doc, "{%p if r.responsible %}")
    para(doc, "{{ r.text }} ({{ t.c_responsible }}: {{ r.responsible }})", style="List Bullet")
    tag(doc, "{%p else %}")
    para(doc, "{{ r.text }}", style="List Bullet")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if f.texts.recommendations_missing %}")
    doc.add_paragraph().add_run("{{ f.texts.placeholder }}", style="Placeholder")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def costs(doc) -> None:
    """Planned and spent, both rates, by field and by source (`sections.costs`)."""
    doc.add_page_break()
    doc.add_heading("{{ headings.costs.heading }}", level=1)
    para(doc, "{{ costs.sentence }}")
    tag(doc, "{%p if costs.columns_note %}")
    para(doc, "{{ costs.columns_note }}", size=Pt(9))
    tag(doc, "{%p endif %}")

    def cost_table(label: str, name: str, rows: str) -> None:
        """Planned / spent / execution per row, and the same for the activities that reported, with the total."""
        keys = ("planned", "spent", "execution", "reporting", "planned_reporting", "spent_reporting",
                "execution_reporting")
        loop_table(doc, [label] + [f"{{{{ t.c_{k} }}}}" for k in keys],
                   [name] + [f"{{{{ x.{k} }}}}" for k in keys], f"x in {rows}",
                   [40, 21, 21, 15, 14, 22, 22, 19], right=tuple(range(1, 8)),
                   footer=["{{ t.total }}"] + [f"{{{{ costs.total.{k} }}}}" for k in keys])

    doc.add_heading("{{ t.h_by_field }}", level=2)
    cost_table("{{ t.c_field }}", "{{ x.code }} — {{ x.title }}", "costs.by_field")
    tag(doc, "{%p if costs.has_costs %}")
    doc.add_heading("{{ t.h_by_source }}", level=2)
    cost_table("{{ t.c_source }}", "{{ x.label }}", "costs.by_source")
    tag(doc, "{%p if costs.unsplit %}")
    para(doc, "{{ costs.unsplit }}", size=Pt(9))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if costs.by_entered %}")
    doc.add_heading("{{ t.h_by_entered }}", level=2)
    loop_table(doc, ["{{ t.c_source }}", "{{ t.c_spent }}"], ["{{ x.label }}", "{{ x.spent }}"],
               "x in costs.by_entered", [120, 54], right=(1,))
    tag(doc, "{%p endif %}")
    chart(doc, "sources")
    tag(doc, "{%p if costs.not_reporting %}")
    doc.add_heading("{{ t.h_not_reporting }}", level=2)
    loop_table(doc, ["{{ t.c_code }}", "{{ t.c_activity }}", "{{ t.c_planned }}"],
               ["{{ u.code }}", "{{ u.activity }}", "{{ u.planned }}"], "u in costs.not_reporting", [22, 118, 34],
               right=(2,))
    tag(doc, "{%p endif %}")
    doc.add_heading("{{ t.h_budget }}", level=2)
    para(doc, "{{ costs.budget.intro }}", size=Pt(9))
    tag(doc, "{%p if costs.budget.rows %}")
    loop_table(doc, ["{{ t.c_code }}", "{{ t.c_activity }}", "{{ costs.budget.first_header }}", "{{ t.c_allocated }}",
                     "{{ t.c_spent }}", "{{ t.c_execution }}", "{{ t.c_execution_allocated }}", "{{ t.c_flags }}"],
               ["{{ b.code }}", "{{ b.activity }}", "{{ b.first }}", "{{ b.allocated }}", "{{ b.spent }}",
                "{{ b.execution }}", "{{ b.execution_allocated }}", "{{ b.flags }}"], "b in costs.budget.rows",
               [15, 45, 21, 21, 21, 16, 16, 19], right=(2, 3, 4, 5, 6))
    tag(doc, "{%p else %}")
    para(doc, "{{ costs.budget.none }}")
    tag(doc, "{%p endif %}")
    para(doc, "{{ costs.budget.flags }}")
    tag(doc, "{%p if costs.budget.cumulative %}")
    para(doc, "{{ costs.budget.cumulative }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if costs.budget.municipal %}")
    para(doc, "{{ costs.budget.municipal }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if costs.has_costs %}")
    doc.add_heading("{{ t.h_unquantified }}", level=2)
    tag(doc, "{%p if costs.unquantified %}")
    loop_table(doc, ["{{ t.c_code }}", "{{ t.c_activity }}", "{{ t.c_cost_printed }}", "{{ t.c_estimated }}"],
               ["{{ u.code }}", "{{ u.activity }}", "{{ u.printed }}", "{{ u.estimated }}"], "u in costs.unquantified",
               [22, 72, 50, 30], right=(3,))
    tag(doc, "{%p else %}")
    para(doc, "{{ costs.unquantified_none }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def trend(doc) -> None:
    """The years filled so far, from the second one (`sections.trend`)."""
    tag(doc, "{%p if trend.show %}")
    doc.add_heading("{{ headings.trend.heading }}", level=1)
    para(doc, "{{ trend.sentence }}")
    loop_table(doc, ["{{ t.c_year }}", "{{ t.c_planned }}", "{{ t.c_spent }}", "{{ t.c_execution }}",
                     "{{ t.c_mean }}", "{{ t.c_done }}"],
               ["{{ r.year }}", "{{ r.planned }}", "{{ r.spent }}", "{{ r.execution }}", "{{ r.mean }}",
                "{{ r.done }}"], "r in trend.rows", [20, 36, 36, 26, 28, 28], right=(1, 2, 3, 4, 5))
    chart(doc, "trend")
    tag(doc, "{%p endif %}")


def recommendations(doc) -> None:
    """The year's recommendations and the follow-up of the previous year's (`sections.recommendations`)."""
    doc.add_heading("{{ headings.recommendations.heading }}", level=1)
    doc.add_heading("{{ recommendations.this_year_heading }}", level=2)
    tag(doc, "{%p if recommendations.this_year %}")
    loop_table(doc, ["{{ t.c_field }}", "{{ t.c_recommendation }}", "{{ t.c_responsible }}"],
               ["{{ x.field }}", "{{ x.text }}", "{{ x.responsible }}"], "x in recommendations.this_year",
               [16, 110, 48])
    tag(doc, "{%p else %}")
    doc.add_paragraph().add_run("{{ t.placeholder }}", style="Placeholder")
    tag(doc, "{%p endif %}")
    doc.add_heading("{{ recommendations.follow_up_heading }}", level=2)
    para(doc, "{{ recommendations.note }}")
    tag(doc, "{%p if recommendations.follow_up %}")
    loop_table(doc, ["{{ t.c_field }}", "{{ t.c_recommendation }}", "{{ t.c_responsible }}",
                     "{{ t.c_follow_status }}", "{{ t.c_comment }}"],
               ["{{ x.field }}", "{{ x.text }}", "{{ x.responsible }}", "{{r x.status_rt }}", "{{ x.comment }}"],
               "x in recommendations.follow_up", [14, 62, 32, 26, 40])
    tag(doc, "{%p endif %}")


def quality(doc) -> None:
    """Annex: the validation findings of the years reported (`sections.quality`)."""
    doc.add_page_break()
    doc.add_heading("{{ headings.quality.heading }}", level=1)
    para(doc, "{{ quality.sentence }}")
    tag(doc, "{%p if quality.findings %}")
    loop_table(doc, ["{{ t.c_severity }}", "{{ t.c_cell }}", "{{ t.c_code }}", "{{ t.c_message }}",
                     "{{ t.c_rule }}"],
               ["{{r q.severity_rt }}", "{{ q.cell }}", "{{ q.code }}", "{{ q.message }}", "{{ q.rule }}"],
               "q in quality.findings", [20, 34, 16, 82, 22])
    tag(doc, "{%p endif %}")


def colophon(doc) -> None:
    """The source file, its checksum and what made the report (`sections.colophon`)."""
    doc.add_heading("{{ headings.colophon.heading }}", level=1)
    _key_value_table(doc, "colophon.rows", Pt(9))
    para(doc, "{{ colophon.text }}", size=Pt(9))


# The template's sections in their order, each written by the function named like the function of
# addin/report/sections.py that fills it.
SECTIONS = (document, cover, toc, executive, introduction, methodology, summary, beneficiaries, fields, costs, trend,
            recommendations, quality, colophon)


def build(out: Path) -> Path:
    doc = Document()
    for write in SECTIONS:
        write(doc)
    _settings(doc)
    _package(doc)
    write_atomic(out, lambda tmp: doc.save(tmp))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(OUT), help=f"where to write the template (default {OUT})")
    p.add_argument("--force", action="store_true", help="overwrite an existing template")
    args = p.parse_args(argv)
    out = Path(args.out)
    if out.exists() and not args.force:
        print(f"{out} ekziston (mund ta kenë ndryshuar stafi); përdorni --force për ta mbishkruar.", file=sys.stderr)
        return 2
    print(f"U ndërtua shablloni: {build(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
