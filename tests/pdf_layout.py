"""Where the text of a PDF sits on its pages (poppler's `pdftotext -bbox-layout`), for layout checks on the reports
LibreOffice makes from the Word files."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class Line:
    """One line of text: its box in points from the page's top left corner."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]

    def body(self, margin_mm: float) -> list[Line]:
        """The lines inside the top and bottom margins (not the page header and footer), top to bottom."""
        top, bottom = margin_mm * MM, self.height - margin_mm * MM
        return sorted((ln for ln in self.lines if ln.y0 >= top - 1 and ln.y1 <= bottom + 1),
                      key=lambda ln: (round(ln.y0), ln.x0))

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in sorted(self.lines, key=lambda ln: (round(ln.y0), ln.x0)))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_layout(pdf: Path) -> list[Page]:
    """Every page of `pdf` with its lines of text and their boxes."""
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext is not installed: run scripts/test.sh, which installs poppler-utils")
    xml = subprocess.run([exe, "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(xml)
    pages = []
    for n, page in enumerate(root.iter(f"{{{ns['h']}}}page"), start=1):
        lines = []
        for line in page.iter(f"{{{ns['h']}}}line"):
            words = [w.text or "" for w in line.iter(f"{{{ns['h']}}}word")]
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(Line(*box, squeeze(" ".join(words))))
        pages.append(Page(n, float(page.get("width")), float(page.get("height")), lines))
    return pages
