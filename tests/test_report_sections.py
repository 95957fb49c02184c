"""The report's context is built section by section: each section of the templates is filled by the function of
addin/report/sections.py named like it, and the Word template is written by a function of the same name."""

from __future__ import annotations

import re
from pathlib import Path

from addin.report import sections as S
from addin.report.render import _env, templates_dir

ROOT = Path(__file__).resolve().parent.parent
# Names the templates use that stand around the sections (sections.document) or number them (sections.headings).
AROUND = {"lang", "t", "year", "doc_title", "core_title", "example", "example_banner", "example_note", "warning",
          "footer", "colors", "headings"}


def test_every_section_the_html_template_marks_is_filled_by_the_function_named_like_it(examples):
    from jinja2 import meta

    from addin.report.context import build_context
    from addin.workbook.reader import open_workbook
    from tests.conftest import ANNEX

    source = (templates_dir() / "raporti.html.j2").read_text("utf-8")
    marked = re.findall(r"\{# sections\.(\w+) #\}", source)
    assert marked == ["cover", "toc", "executive", "introduction", "methodology", "summary", "legend",
                      "beneficiaries", "fields", "costs", "trend", "recommendations", "quality", "colophon"]
    assert all(callable(getattr(S, name)) for name in marked)
    used = meta.find_undeclared_variables(_env().parse(source))
    assert used - AROUND == set(marked) | {"charts"}  # and the charts, drawn in the sections that show them
    context = build_context(open_workbook(examples[ANNEX]), 2025)
    assert AROUND <= set(context)
    assert [k for k in context if k in marked] == marked  # the context is built in the templates' order


def test_the_word_template_is_written_by_one_function_per_section_in_the_same_order():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_templates", ROOT / "scripts" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    names = [f.__name__ for f in module.SECTIONS]
    assert names == ["document", "cover", "toc", "executive", "introduction", "methodology", "summary",
                     "beneficiaries", "fields", "costs", "trend", "recommendations", "quality", "colophon"]
    assert all(callable(getattr(S, name)) for name in names)
    assert callable(module.legend) and callable(S.legend)  # written inside the summary, before its first table
