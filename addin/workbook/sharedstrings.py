"""Write a workbook's texts the way Excel does: once, in the shared-string table (xl/sharedStrings.xml), each cell
holding the text's number.

openpyxl (3.1) writes every text cell as an inline string, with each letter beyond ASCII as a character reference
("&#235;" for "ë"). A monitoring sheet of the social plan x100 is then 14 MB of XML, and python-calamine takes
about twice as long to read it as the same sheet with shared strings (9 MB): every command that reads the workbook
pays for it. `share_strings` rewrites the package openpyxl saved: plain inline-string cells become shared-string
cells; any other part is copied as it is.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

SHARED_STRINGS = "xl/sharedStrings.xml"
_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_RELATION = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# An inline-string cell as openpyxl writes it: one plain text, no rich-text runs.
_INLINE = re.compile(rb'<c r="([A-Z]{1,3}[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is>'
                     rb'<t( xml:space="preserve")?>([^<]+)</t></is></c>')
_WORKSHEET = re.compile(r"xl/worksheets/sheet[0-9]+\.xml")
_RELATION_ID = re.compile(rb'\bId="([^"]*)"')


def share_strings(package: bytes) -> bytes:
    """The .xlsx `package` (as openpyxl saved it) with its worksheets' inline strings in a shared-string table.
    A package that already has one, or has no inline string, is given back unchanged."""
    src = zipfile.ZipFile(BytesIO(package))
    names = src.namelist()
    if SHARED_STRINGS in names or "[Content_Types].xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return package
    table: dict[bytes, int] = {}
    preserve: list[bool] = []
    count = 0

    def shared(m: re.Match) -> bytes:
        nonlocal count
        text = m.group(4)
        index = table.get(text)
        if index is None:
            index = table[text] = len(table)
            preserve.append(m.group(3) is not None)
        count += 1
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (m.group(1), m.group(2), index)

    parts = {name: src.read(name) for name in names}
    for name in names:
        if _WORKSHEET.fullmatch(name) and b'"inlineStr"' in parts[name]:
            parts[name] = _INLINE.sub(shared, parts[name])
    types, rels = parts["[Content_Types].xml"], parts["xl/_rels/workbook.xml.rels"]
    if not table or b"</Types>" not in types or b"</Relationships>" not in rels:
        return package
    parts["[Content_Types].xml"] = types.replace(
        b"</Types>", b'<Override PartName="/%s" ContentType="%s"/></Types>' % (SHARED_STRINGS.encode(), _TYPE), 1)
    taken = set(_RELATION_ID.findall(rels))
    rid = next(b"rId%d" % i for i in range(1, len(taken) + 2) if b"rId%d" % i not in taken)
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        b"</Relationships>",
        b'<Relationship Type="%s" Target="sharedStrings.xml" Id="%s"/></Relationships>' % (_RELATION, rid), 1)
    items = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % text if keep else b"<si><t>%s</t></si>" % text
                     for text, keep in zip(table, preserve, strict=True))
    head = b'<sst xmlns="%s" count="%d" uniqueCount="%d">' % (_MAIN, count, len(table))
    parts[SHARED_STRINGS] = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + head + items + b"</sst>"
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            dst.writestr(src.getinfo(name), parts[name], compress_type=zipfile.ZIP_DEFLATED)
        dst.writestr(SHARED_STRINGS, parts[SHARED_STRINGS])
    return out.getvalue()
