"""The HTML report in headless Chromium: chart labels whole, section numbers once, the columns that matter visible
on a phone without the page scrolling sideways (DOM geometry), and a print with page numbers and each total once."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ANNEX, SOCIAL, chromium, pdf_pages
from tests.test_report import report

PROBE = """<script>
(() => {
  const vw = window.innerWidth, out = document.body.dataset;
  let cells = 0, outside = 0;
  for (const el of document.querySelectorAll('table.cards td.rating, table.cards td.activity-status')) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    cells++;
    if (r.left < -0.5 || r.right > vw + 0.5) outside++;
  }
  let labels = 0, clipped = 0;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect(), scroll = svg.parentElement.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      labels++;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) clipped++;
    }
    if (scroll.right > vw + 0.5) clipped += 1000;  /* a chart's box never widens the page */
  }
  Object.assign(out, {cells, outside, labels, clipped, sw: document.documentElement.scrollWidth, vw});
})();
</script></body>"""


def probe(html: Path, tmp: Path, window: str) -> dict[str, int]:
    page = tmp / f"probe-{window.replace(',', 'x')}-{html.name}"
    page.write_text(html.read_text("utf-8").replace("</body>", PROBE), "utf-8")
    dom = chromium(page, tmp, "--dump-dom", window=window).dom
    return {k: int(re.search(rf'data-{k}="(-?\d+)"', dom).group(1))
            for k in ("cells", "outside", "labels", "clipped", "sw", "vw")}


@pytest.fixture(scope="module")
def reports(examples, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    return {ANNEX: report(examples[ANNEX], 2025, folder / "annex", "--format", "html")["html"],
            SOCIAL: report(examples[SOCIAL], 2023, folder / "social", "--format", "html")["html"]}


@pytest.mark.parametrize("plan_id", [ANNEX, SOCIAL])
def test_on_a_phone_every_rating_and_status_is_on_screen_without_sideways_scrolling(reports, plan_id, tmp_path):
    got = probe(reports[plan_id], tmp_path, "390,844")
    assert got["vw"] < 640  # the phone layout applies (headless Chromium may widen a tiny window a little)
    assert got["sw"] <= got["vw"]  # the page itself never scrolls sideways
    assert got["cells"] > 50 and got["outside"] == 0, got


@pytest.mark.parametrize("plan_id", [ANNEX, SOCIAL])
def test_chart_labels_are_never_cut_at_the_edge(reports, plan_id, tmp_path):
    got = probe(reports[plan_id], tmp_path, "1280,2000")
    assert got["labels"] > 10 and got["clipped"] == 0, got
    html = reports[plan_id].read_text("utf-8")
    assert re.search(r">RC Aksesi Barabartë në<|>A Zbutja", html) or plan_id == SOCIAL


def test_section_numbers_appear_once(reports):
    html = reports[ANNEX].read_text("utf-8")
    headings = re.findall(r"<h2 id=\"h-[^\"]+\">([^<]+)</h2>", html)
    numbered = [h for h in headings if re.match(r"\d+\. ", h)]
    assert [h.split(".")[0] for h in numbered] == [str(i) for i in range(1, len(numbered) + 1)]
    assert not any(re.match(r"\d+\. \d+\. ", h) for h in headings)
    assert "<ol" not in html


def test_a_printed_page_carries_its_number_and_each_total_shows_once(reports, tmp_path):
    pdf = tmp_path / "printed.pdf"
    chromium(reports[ANNEX], tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    pages = pdf_pages(pdf)
    n = len(pages)
    assert all(re.search(rf"\b{i} / {n}\b", page) for i, page in enumerate(pages, start=1))
    html = reports[ANNEX].read_text("utf-8")
    assert sum(p.count("Gjithsej") for p in pages) == html.count(">Gjithsej<") >= 4  # no total repeated per page
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
