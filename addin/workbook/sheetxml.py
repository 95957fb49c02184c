"""What python-calamine does not tell about a sheet, read from the sheet's XML in the .xlsx zip: its real extent
(and the far-away cells outside it), cells holding an Excel error value, formulas without a stored result, and
merged cells.

Why: calamine turns a sheet into a dense grid from its first to its last cell, so one stray value at XFD1048576
allocates 17 billion cells and aborts the process. Before calamine sees a sheet, `scan_sheet` bounds it: a quick
pass over the bytes (row numbers and the few column letters beyond Z) proves the grid small, and only a sheet that
is not goes through a cell-by-cell pass that finds the block the data lives in and cuts every cell far outside it
from the copy calamine reads. The cell-by-cell pass also runs when the sheet holds formulas or error values, which
calamine reads as their stored result or as empty.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache

# A grid of at most FACTOR × the sheet's cell elements + SLACK cells is read as it is.
GRID_FACTOR = 4
GRID_SLACK = 100_000
# The data block ends at the first run of more than ROW_GAP empty rows or COLUMN_GAP empty columns.
ROW_GAP = 1_000
COLUMN_GAP = 100

_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix (x:c)
_ROW_OR_CELL = re.compile(
    rb"<(" + _P + rb")(row|c)\b([^>]*?)(/?)>", re.DOTALL)
_ATTR = re.compile(rb"\s([\w:]+)=(?:\"([^\"]*)\"|'([^']*)')")
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_MERGE = re.compile(rb"<" + _P + rb"mergeCell\b[^>]*?\sref=[\"']([A-Z]+\d+(?::[A-Z]+\d+)?)[\"']")
_V = re.compile(rb"<" + _P + rb"v(?:\s[^>]*)?>(.*?)</" + _P + rb"v>|<" + _P + rb"v\s*/>", re.DOTALL)
_T = re.compile(rb"<" + _P + rb"t(?:\s[^>]*)?>(.*?)</" + _P + rb"t>", re.DOTALL)
_F = re.compile(rb"<" + _P + rb"f\b(?:[^>]*?/>|[^>]*>(.*?)</" + _P + rb"f>)", re.DOTALL)


def col_index(letters: str) -> int:
    """"A" -> 1, "XFD" -> 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(index: int) -> str:
    """1 -> "A"."""
    s = ""
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class Cell:
    """A cell element found in the XML: where it is, and what it holds."""

    row: int
    col: int
    start: int  # byte span of the element in the sheet XML
    end: int
    type: str  # the t attribute ("s", "e", "str", "inlineStr", "n", "b", "d", or "")
    value: bytes | None  # the text of <v>, None when there is no <v>
    inline: bytes | None  # the text of an inline string
    formula: bytes | None  # the formula text, None when there is no <f>

    @property
    def ref(self) -> str:
        return f"{col_letters(self.col)}{self.row}"

    @property
    def holds_value(self) -> bool:
        """What calamine (or a person) would see as content: a stored value, an inline string or a formula."""
        return bool(self.value) or self.inline is not None or self.formula is not None


@dataclass
class SheetScan:
    """One sheet's facts beyond its values."""

    errors: dict[str, str] = field(default_factory=dict)  # "F14" -> "#REF!"
    uncached: dict[str, str] = field(default_factory=dict)  # formula cells without a stored result: ref -> "=A1+1"
    merged: list[str] = field(default_factory=list)  # "H5:H6"
    stray: dict[str, str] = field(default_factory=dict)  # far-away cells with content: ref -> their text
    extent: tuple[int, int] | None = None  # (last row, last column) of the block read, when it was bounded
    cleaned: bytes | None = None  # the sheet XML without the far-away cells (and with error values calamine does
    # not know read as #VALUE!), when there were any


def _unescape(raw: bytes) -> str:
    if b"&" not in raw:
        return raw.decode("utf-8", "replace")  # what html.unescape gives back
    import html

    return html.unescape(raw.decode("utf-8", "replace"))


def _cell(data: bytes, m: re.Match, attrs: dict[bytes, bytes], row: int, col: int) -> Cell:
    """The cell element matched by `m` (a start tag of _ROW_OR_CELL), with what it holds."""
    prefix, empty = m.group(1), m.group(4)
    start, end = m.start(), m.end()
    value = inline = formula = None
    if not empty:
        close = data.find(b"</" + prefix + b"c>", end)
        end = len(data) if close < 0 else close + len(prefix) + 4
        inner = data[m.end():end]
        v = _V.search(inner)
        value = (v.group(1) or b"") if v else None
        f = _F.search(inner)
        formula = (f.group(1) or b"") if f else None
        if b"<is" in inner or b":is" in inner:
            inline = b"".join(_T.findall(inner))
    return Cell(row, col, start, end, attrs.get(b"t", b"").decode("ascii", "replace"), value, inline, formula)


def _cells(data: bytes) -> list[Cell]:
    """Every cell element in document order, with positions filled in where the r attribute is missing."""
    cells: list[Cell] = []
    row, col = 0, 0
    for m in _ROW_OR_CELL.finditer(data):
        tag, attr_text = m.group(2), m.group(3)
        attrs = {k: a or b for k, a, b in _ATTR.findall(attr_text)}
        if tag == b"row":
            r = attrs.get(b"r")
            row = int(r) if r and r.isdigit() else row + 1
            col = 0
            continue
        ref = _REF.fullmatch(attrs.get(b"r", b"").decode("ascii", "replace"))
        if ref:
            col, r = col_index(ref.group(1)), int(ref.group(2))
            row = r if r else row
        else:
            col += 1
        cells.append(_cell(data, m, attrs, row, col))
    return cells


def _formula_cells(data: bytes, prefix: bytes) -> list[Cell] | None:
    """The cells holding a formula, found from each <f> back to its cell's start tag: a sheet whose formulas are a
    column or two (Matrica's "Gjithsej deri tani") is not parsed cell by cell. None when a formula's cell cannot
    be placed by its r attribute (the cell-by-cell pass then runs). `scan_sheet` runs it only when some formula's
    cell is not written the plain way (`_plain_uncached`)."""
    opening = b"<" + prefix + b"c"
    cells: list[Cell] = []
    end = -1
    for f in _quick_patterns(prefix)[1].finditer(data):
        if f.start() < end:
            continue  # a second <f>-like tag inside the same cell
        start = data.rfind(opening, 0, f.start())
        while start >= 0 and data[start + len(opening):start + len(opening) + 1] not in b" \t\r\n>/":
            start = data.rfind(opening, 0, start)  # "<cols", "<cfRule": not a cell
        m = _ROW_OR_CELL.match(data, start) if start >= 0 else None
        if m is None or m.group(2) != b"c":
            return None
        attrs = {k: a or b for k, a, b in _ATTR.findall(m.group(3))}
        ref = _REF.fullmatch(attrs.get(b"r", b"").decode("ascii", "replace"))
        if not ref:
            return None
        cell = _cell(data, m, attrs, int(ref.group(2)), col_index(ref.group(1)))
        end = cell.end
        cells.append(cell)
    return cells


@lru_cache(maxsize=8)
def _plain_formula_cell(prefix: bytes) -> re.Pattern:
    """A formula cell as Excel, LibreOffice and openpyxl write it: `<c r="I20" s="8"><f>…</f><v>…</v></c>` (r the
    first attribute, no other r; then one <f>, its stored result or none, and nothing else). Groups: column
    letters, row, the other attributes, the formula text, the stored value, an empty <v/>."""
    p = re.escape(prefix)
    return re.compile(
        rb"<" + p + rb"c r=\"([A-Z]{1,3})(\d+)\"([^<>]*?)(?<!/)>"
        rb"<" + p + rb"f(?:\s[^<>]*?)?(?:/>|>([^<]*)</" + p + rb"f>)"
        rb"(?:<" + p + rb"v>([^<]*)</" + p + rb"v>|(<" + p + rb"v\s*/>))?"
        rb"</" + p + rb"c>")


@lru_cache(maxsize=8)
def _quick_patterns(prefix: bytes) -> tuple[re.Pattern, re.Pattern]:
    """Column letters beyond Z, and a formula, for the sheet's own namespace prefix (b"" or b"x:"): literal starts
    keep these passes fast on large sheets."""
    p = re.escape(prefix)
    return (re.compile(rb" r=[\"']([A-Z]{2,3})\d"),
            re.compile(rb"<" + p + rb"f[\s>/]"))


# The error values python-calamine reads (any other makes it refuse the sheet).
_CALAMINE_ERRORS = frozenset((b"", b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!"))
_ERROR_TYPE = re.compile(rb"t=(?:\"e\"|'e')")  # a cell holding an error value: t="e" or t='e'


def _plain_uncached(data: bytes, prefix: bytes, rows: int, cols: int) -> dict[str, str] | None:
    """The formulas without a stored result ({"I20": "=IF(…)"}) of a sheet bounded to rows × cols and without error
    values, when every formula is in a cell written the plain way (`_plain_formula_cell`) within those bounds: what
    `scan_sheet` finds from `_formula_cells`, one match per formula, no cell made. None otherwise (that pass runs)."""
    opening = b"<" + prefix + b"c"
    after = len(opening)
    plain = _plain_formula_cell(prefix)
    found: dict[str, str] = {}
    end = -1
    for f in _quick_patterns(prefix)[1].finditer(data):
        at = f.start()
        if at < end:
            continue
        start = data.rfind(opening, 0, at)
        p = plain.match(data, start) if start >= 0 else None
        if p is None or p.end(3) + 1 != at:
            return None
        letters, digits, rest, formula, value, empty = p.groups()
        if b"r=" in rest:
            return None
        row = int(digits)
        if row > rows or (len(letters) > 1 and _col_of(letters) > cols):
            return None  # a far-away cell: cut from the copy calamine reads
        end = p.end()
        if value is None and empty is not None:
            value = b""  # <v/>
        if value or (value is not None and b"t=" in rest and _kind(data[start + after:p.end(3)]) == b"str"):
            continue  # its result is stored (an empty text result counts)
        found[f"{letters.decode('ascii')}{row}"] = "=" + _unescape(formula or b"")
    return found


def _kind(attrs: bytes) -> bytes:
    """The t attribute among a cell tag's attributes, as `_cells` reads it."""
    return {k: a or b for k, a, b in _ATTR.findall(attrs)}.get(b"t", b"")


@lru_cache(maxsize=4096)
def _col_of(letters: bytes) -> int:
    return col_index(letters.decode("ascii"))


def _prefix(data: bytes) -> bytes:
    m = re.search(rb"<([A-Za-z_][\w.-]*:)?worksheet\b", data[:4096])
    return (m.group(1) or b"") if m else b""


def _quick_extent(data: bytes, prefix: bytes) -> tuple[int, int]:
    """(last row, last column at least) from quick passes: the grid calamine would make is at most rows × columns;
    columns up to Z are assumed without looking. Rows: the largest row number, or the number of `<row` when larger
    (rows without a number follow the previous one), both from one pass."""
    wide_re = _quick_patterns(prefix)[0]
    tags = _row_tags(prefix).findall(data)
    rows = max(map(int, [r for _t, r in tags if r]), default=0)
    if b"<" in b"".join(t for t, _r in tags):  # a tag taking in another "<…" may hide a "<row": count them all
        rows = max(rows, data.count(b"<" + prefix + b"row"))
    else:
        rows = max(rows, len(tags))
    cols = max([26] + [col_index(w.decode("ascii")) for w in set(wide_re.findall(data))])
    return rows, cols


@lru_cache(maxsize=8)
def _row_tags(prefix: bytes) -> re.Pattern:
    """Every `<row` that `bytes.count` counts, with (when an r="…" number follows in the same tag) the tag's text
    before the number and the number; else two empty groups."""
    p = re.escape(prefix)
    return re.compile(rb"<" + p + rb"row(?:\b([^>]*?)\sr=[\"'](\d+)[\"'])?")


COUNT_STEP = 1 << 20  # `_grid_limit` counts cells in the sheet's first MB, then in doubling steps


def _grid_limit(data: bytes, prefix: bytes, grid: int) -> tuple[bool, int]:
    """Whether a grid of `grid` cells is within GRID_FACTOR × the sheet's cell elements + GRID_SLACK, and that
    limit (used only for a grid that is not within it). The `<c …>` elements are counted from the start of the
    sheet only until they are enough (a quarter of the grid, less the slack: the first 3 of the 7.7 MB of the
    monitoring sheet at 100 times the plan); the rare `<c>` ones only when the `<c …>` ones are not."""
    tag = b"<" + prefix + b"c "
    n, at, step = 0, 0, COUNT_STEP
    while at < len(data):
        end = min(len(data), at + step)
        n += data.count(tag, at, end)  # a tag across `end` is not counted here: too few only delays the proof
        if grid <= GRID_FACTOR * n + GRID_SLACK:
            return True, GRID_FACTOR * n + GRID_SLACK
        at, step = end, step * 2
    n = data.count(tag) + data.count(b"<" + prefix + b"c>")  # not proven: every cell counted, in one piece each
    return grid <= GRID_FACTOR * n + GRID_SLACK, GRID_FACTOR * n + GRID_SLACK


def _block(cells: list[Cell], limit: int) -> tuple[int, int]:
    """(last row, last column) of the block the data lives in: from the first row and column, up to the first
    gap of more than ROW_GAP rows / COLUMN_GAP columns; then shrunk until its grid stays within `limit`."""
    def edge(values: list[int], gap: int) -> int:
        ordered = sorted(set(values))
        if not ordered:
            return 1
        last = ordered[0]
        for v in ordered[1:]:
            if v - last > gap:
                break
            last = v
        return last

    content = [c for c in cells if c.holds_value]
    last_row = edge([c.row for c in content], ROW_GAP)
    last_col = edge([c.col for c in content if c.row <= last_row], COLUMN_GAP)
    if last_col > limit:
        last_col = max(1, limit)
    if last_row * last_col > limit:
        last_row = max(1, limit // last_col)
    return last_row, last_col


def shown(cell: Cell, shared: list[str] | None) -> str:
    """A far-away cell's content as a person would see it (shared strings resolved; a formula as "=…")."""
    if cell.formula is not None and not cell.value:
        return "=" + _unescape(cell.formula)
    if cell.inline is not None:
        return _unescape(cell.inline)
    text = _unescape(cell.value or b"")
    if cell.type == "s" and shared is not None and text.strip().isdigit() and int(text) < len(shared):
        return shared[int(text)]
    return text


def scan_sheet(data: bytes, shared_strings=None) -> SheetScan:
    """Bound a sheet and find its error values, formulas without a stored result and merged cells.

    `shared_strings()` gives the workbook's shared strings (only called to show a far-away cell's text)."""
    scan = SheetScan()
    if b"mergeCell" in data:
        scan.merged = [m.decode("ascii") for m in _MERGE.findall(data)]
    prefix = _prefix(data)
    rows, cols = _quick_extent(data, prefix)
    bounded, limit = _grid_limit(data, prefix, rows * cols)
    errors = _ERROR_TYPE.search(data) is not None
    if bounded and not errors:
        plain = _plain_uncached(data, prefix, rows, cols)
        if plain is not None:
            scan.uncached = plain
            return scan
    cells = _formula_cells(data, prefix) if bounded and not errors else None
    if cells is None:
        cells = _cells(data)
    last_row, last_col = (rows, cols) if bounded else _block(cells, limit)
    far = [c for c in cells if c.row > last_row or c.col > last_col]
    if far:
        scan.extent = (last_row, last_col)
        shared = shared_strings() if shared_strings and any(c.type == "s" for c in far) else None
        scan.stray = {c.ref: shown(c, shared) for c in far if c.holds_value}
    # Error values calamine does not know (#SPILL!, #CALC!, … of newer Excel) make it refuse the whole sheet: each
    # is read as #VALUE! instead, and reported below as what it is.
    odd = {id(c) for c in cells if c.type == "e" and c.value is not None and c.value not in _CALAMINE_ERRORS
           and c.row <= last_row and c.col <= last_col} if errors else ()
    if far or odd:
        parts, pos = [], 0
        for c in (c for c in cells if id(c) in odd or c.row > last_row or c.col > last_col):
            parts.append(data[pos:c.start])
            if id(c) in odd:
                parts.append(b'<%sc r="%s" t="e"><%sv>#VALUE!</%sv></%sc>' % (
                    prefix, c.ref.encode("ascii"), prefix, prefix, prefix))
            pos = c.end
        parts.append(data[pos:])
        scan.cleaned = b"".join(parts)
    for c in cells:
        if c.row > last_row or c.col > last_col:
            continue
        if c.type == "e":
            scan.errors[c.ref] = _unescape(c.value) if c.value else "#ERROR"
        elif c.formula is not None and not (c.value or (c.value is not None and c.type == "str")):
            scan.uncached[c.ref] = "=" + _unescape(c.formula)
    return scan


# ---------------------------------------------------------------- the workbook's parts

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def sheet_members(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the zip ("xl/worksheets/sheet6.xml")."""
    import posixpath
    import xml.etree.ElementTree as ET

    wb = ET.fromstring(z.read("xl/workbook.xml"))
    try:
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter(f"{{{_NS['p']}}}Relationship")}
    names = set(z.namelist())
    out = {}
    for sheet in wb.iter(f"{{{_NS['m']}}}sheet"):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if member in names:
            out[sheet.get("name")] = member
    return out


def shared_strings(z: zipfile.ZipFile) -> list[str]:
    """The workbook's shared strings, in order (each item's text runs joined)."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    t = f"{{{_NS['m']}}}t"
    return ["".join(el.text or "" for el in si.iter(t)) for si in root.iter(f"{{{_NS['m']}}}si")]


def with_member(z: zipfile.ZipFile, member: str, data: bytes) -> io.BytesIO:
    """An in-memory copy of the workbook with one part replaced (stored, not compressed: it is only read)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
        for info in z.infolist():
            out.writestr(info.filename, data if info.filename == member else z.read(info.filename))
    buf.seek(0)
    return buf


def lean_copy(parts: dict[str, bytes], member: str, data: bytes) -> io.BytesIO:
    """An in-memory workbook of `parts` (every part but the sheets') and one sheet's part `member`, all stored: what
    calamine needs to read that sheet, without inflating it again."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
        for name, part in parts.items():
            out.writestr(name, part)
        out.writestr(member, data)
    buf.seek(0)
    return buf


# ---------------------------------------------------------------- number formats: which cells show a percentage

PERCENT_BUILTIN_FORMATS = frozenset((9, 10))  # "0%" and "0.00%"
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escaped characters, [colour] brackets


def percent_styles(z: zipfile.ZipFile) -> frozenset[int]:
    """Indices of the cell formats (styles.xml cellXfs, a cell's s attribute) whose number format shows a
    percentage: the built-in percent formats, or a format code with a "%" outside quotes, escapes and brackets."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(z.read("xl/styles.xml"))
    except (KeyError, ET.ParseError):
        return frozenset()
    m = f"{{{_NS['m']}}}"
    codes = {f.get("numFmtId"): f.get("formatCode") or "" for f in root.iter(f"{m}numFmt")}
    percent = {str(i) for i in PERCENT_BUILTIN_FORMATS} | {i for i, code in codes.items()
                                                           if "%" in _QUOTED.sub("", code)}
    xfs = root.find(f"{m}cellXfs")
    return frozenset(i for i, xf in enumerate(xfs if xfs is not None else []) if xf.get("numFmtId") in percent)


def percent_cells(data: bytes, styles: frozenset[int]) -> frozenset[str]:
    """The cells of a sheet's XML whose style is one of `styles` ("H14").

    Found from each `s="…"` naming one of `styles` back to the cell tag it is in, so the pass costs in proportion to
    those cells, not to the sheet; a tag that cannot be placed that way for sure (a "<" inside a tag: not XML)
    sends the whole sheet through the tag-by-tag pass, which gives the same answer on any sheet."""
    if not styles:
        return frozenset()
    wanted = {str(i).encode() for i in styles}
    found: dict[int, str] = {}
    for hit in _style_attribute(frozenset(wanted)).finditer(data):
        h = hit.start()
        if data[h - 1:h] not in b" \t\n\r\x0b\x0c" or h == 0:
            continue  # "ts=…": another attribute
        lt = data.rfind(b"<", 0, h)
        if lt < 0 or data.rfind(b">", 0, h) > lt or lt in found:
            continue  # in text, not in a tag; or a tag already taken
        if data.rfind(b"<", 0, lt) > data.rfind(b">", 0, lt):
            return _percent_cells_by_tag(data, wanted)  # "<" inside a tag
        m = _ROW_OR_CELL.match(data, lt)
        if m is None or m.group(2) != b"c":
            continue  # a row's style, or another element's
        attrs = {k: a or b for k, a, b in _ATTR.findall(m.group(3))}
        if attrs.get(b"s") in wanted and b"r" in attrs:
            found[lt] = attrs[b"r"].decode("ascii", "replace")
    return frozenset(found.values())


@lru_cache(maxsize=8)
def _style_attribute(wanted: frozenset[bytes]) -> re.Pattern:
    ids = b"|".join(re.escape(w) for w in sorted(wanted))
    return re.compile(rb"s=(?:\"(?:" + ids + rb")\"|'(?:" + ids + rb")')")


def _percent_cells_by_tag(data: bytes, wanted: set[bytes]) -> frozenset[str]:
    """`percent_cells` by a pass over every cell tag."""
    found = set()
    for m in _ROW_OR_CELL.finditer(data):
        if m.group(2) != b"c":
            continue
        attrs = {k: a or b for k, a, b in _ATTR.findall(m.group(3))}
        if attrs.get(b"s") in wanted and b"r" in attrs:
            found.add(attrs[b"r"].decode("ascii", "replace"))
    return frozenset(found)
