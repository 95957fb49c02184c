"""Build the Matrica Excel add-in files from xlwings' own ribbon add-in template and addin/excel/customUI.xml.

Usage: python scripts/build_addin.py [--out DIR] [--interpreter PATH | --no-interpreter] [--show-vba]

xlwings ships `quickstart_addin_ribbon.xlam` (what `xlwings quickstart NAME --addin --ribbon` copies): a compiled
VBA project whose ribbon callback `RibbonMyAddin.RunMain` runs `import <file name without .xlam>; <same>.main()`,
plus the xlwings VBA module for the installed xlwings version. A VBA project cannot be compiled on Linux, so
that callback cannot be taught to tell buttons apart; instead this script writes one add-in per button, each a
byte-for-byte copy of the template with only its `customUI/customUI.xml` replaced (the button's group on the
shared "Matrica" tab) and its title set:

    addin.excel.kontrollo.xlam  -> import addin.excel.kontrollo; addin.excel.kontrollo.main()
    addin.excel.llogarit.xlam   -> …
    addin.excel.raport.xlam
    addin.excel.vit_i_ri.xlam

Build on the machine that will run them (the template's VBA names the xlwings DLL of the installed version).
With --interpreter (default on Windows: the Python running this script) the add-ins' own settings sheet
`myaddin.conf` gets that interpreter, so Excel starts the Python in which Matrica is installed; without it,
xlwings looks in %USERPROFILE%\\.myaddin\\myaddin.conf and then for `python` on PATH.

`--show-vba` prints the VBA source of the template's ribbon module, read from its vbaProject.bin.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
CUSTOM_UI = ROOT / "addin" / "excel" / "customUI.xml"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
RIBBON_MODULE = "RibbonMyAddin"
CONF_SHEET = "myaddin.conf"  # the template's PROJECT_NAME constant is "myaddin"; compiled, so it stays
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def template() -> Path:
    """xlwings' ribbon add-in template inside the installed xlwings package."""
    import xlwings

    return Path(xlwings.__file__).parent / TEMPLATE_NAME


def split_ribbon(xml: str) -> dict[str, str]:
    """customUI.xml -> {module name (the button's tag): the same XML with only that button's group}."""
    groups = list(re.finditer(r"[ \t]*<group\b.*?</group>\n?", xml, flags=re.DOTALL))
    out = {}
    for g in groups:
        tag = re.search(r'\btag="([^"]+)"', g.group(0))
        if tag is None:
            raise SystemExit(f"{CUSTOM_UI}: a group without a button tag")
        text = xml
        for other in reversed(groups):
            if other is not g:
                text = text[: other.start()] + text[other.end():]
        out[tag.group(1)] = text
    return out


def _conf_sheet(workbook_xml: str, sheet_xml: str, interpreter: str) -> tuple[str, str]:
    """Activate the template's settings sheet ("_myaddin.conf" -> "myaddin.conf") with Interpreter_Win set."""
    if f'name="_{CONF_SHEET}"' not in workbook_xml or '<c r="A1" s="1" t="s"><v>6</v></c>' not in sheet_xml:
        raise SystemExit(f"{TEMPLATE_NAME}: its settings sheet is not laid out as expected; set the interpreter "
                         f"in %USERPROFILE%\\.myaddin\\{CONF_SHEET} instead")
    workbook_xml = workbook_xml.replace(f'name="_{CONF_SHEET}"', f'name="{CONF_SHEET}"')
    cell = f'<c r="B1" t="inlineStr"><is><t>{escape(interpreter)}</t></is></c>'
    sheet_xml = sheet_xml.replace('<row r="1" spans="1:1"', '<row r="1" spans="1:2"')
    sheet_xml = sheet_xml.replace('<c r="A1" s="1" t="s"><v>6</v></c>', '<c r="A1" s="1" t="s"><v>6</v></c>' + cell)
    return workbook_xml, sheet_xml


def _title(core_xml: str, title: str) -> str:
    """docProps/core.xml with its title set: Excel's Add-ins dialog shows it."""
    element = f"<dc:title>{escape(title)}</dc:title>"
    if re.search(r"<dc:title\s*/>|<dc:title>", core_xml):
        return re.sub(r"<dc:title\s*/>|<dc:title>.*?</dc:title>", element, core_xml, count=1, flags=re.DOTALL)
    return core_xml.replace("</cp:coreProperties>", f"<dc:title>{escape(title)}</dc:title></cp:coreProperties>")


def build(out_dir: Path, interpreter: str | None = None, source: Path | None = None) -> list[Path]:
    """Write one .xlam per ribbon button into `out_dir`; returns their paths."""
    source = source or template()
    ribbons = split_ribbon(CUSTOM_UI.read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    written = []
    for module, ribbon in ribbons.items():
        label = re.search(r'<button\b[^>]*\blabel="([^"]+)"', ribbon).group(1)
        target = out_dir / f"{module}.xlam"
        tmp = target.with_suffix(".xlam.tmp")
        parts = {info.filename: data for info, data in members}
        parts["customUI/customUI.xml"] = ribbon.encode("utf-8")
        parts["docProps/core.xml"] = _title(parts["docProps/core.xml"].decode("utf-8"),
                                            f"Matrica – {label}").encode("utf-8")
        if interpreter:
            wb_xml, sheet_xml = _conf_sheet(parts["xl/workbook.xml"].decode("utf-8"),
                                            parts["xl/worksheets/sheet1.xml"].decode("utf-8"), interpreter)
            parts["xl/workbook.xml"], parts["xl/worksheets/sheet1.xml"] = wb_xml.encode(), sheet_xml.encode()
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for info, _data in members:
                z.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), parts[info.filename])
        tmp.replace(target)
        written.append(target)
    return written


# ---------------------------------------------------------------- reading the template's VBA (MS-OVBA)


def _decompress(data: bytes) -> bytes:
    """MS-OVBA 2.4.1 decompression of a VBA compressed container."""
    if not data or data[0] != 1:
        raise ValueError("not a VBA compressed container")
    out, pos = bytearray(), 1
    while pos < len(data):
        header = struct.unpack_from("<H", data, pos)[0]
        pos += 2
        end, start = pos + (header & 0x0FFF) + 1, len(out)
        if not header & 0x8000:  # uncompressed chunk
            out += data[pos:pos + 4096]
            pos += 4096
            continue
        while pos < end and pos < len(data):
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                token = struct.unpack_from("<H", data, pos)[0]
                pos += 2
                bits = max((len(out) - start - 1).bit_length(), 4)
                offset, length = (token >> (16 - bits)) + 1, (token & (0xFFFF >> bits)) + 3
                for _ in range(length):
                    out.append(out[-offset])
    return bytes(out)


def vba_module_source(xlam: Path, module: str = RIBBON_MODULE) -> str:
    """The VBA source of one module of an add-in's vbaProject.bin (needs olefile, in the test extra)."""
    import olefile

    with zipfile.ZipFile(xlam) as z:
        ole = olefile.OleFileIO(z.read("xl/vbaProject.bin"))
    directory = _decompress(ole.openstream("VBA/dir").read())
    pos, current, offsets = 0, None, {}
    while pos + 6 <= len(directory):
        rec, size = struct.unpack_from("<HI", directory, pos)
        pos += 6
        if rec == 0x0009:  # PROJECTVERSION: its size field lies
            size = 6
        body = directory[pos:pos + size]
        pos += size
        if rec == 0x0019:
            current = body.decode("latin-1")
        elif rec == 0x0031 and current is not None:
            offsets[current] = struct.unpack("<I", body)[0]
    if module not in offsets:
        raise KeyError(f"{xlam.name}: no VBA module {module}")
    stream = ole.openstream(f"VBA/{module}").read()
    return _decompress(stream[offsets[module]:]).decode("cp1252")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "excel")
    ap.add_argument("--interpreter", help="python.exe for Excel to start (default on Windows: this Python)")
    ap.add_argument("--no-interpreter", action="store_true",
                    help="leave the add-ins' settings sheet inactive (use %%USERPROFILE%%\\.myaddin\\myaddin.conf)")
    ap.add_argument("--show-vba", action="store_true", help="print the template's ribbon VBA and stop")
    args = ap.parse_args(argv)
    if args.show_vba:
        print(vba_module_source(template()))
        return 0
    interpreter = None if args.no_interpreter else args.interpreter or (
        sys.executable if sys.platform == "win32" else None)
    for path in build(args.out, interpreter):
        print(path)
    if not interpreter:
        print("Interpreter not set: Excel will use %USERPROFILE%\\.myaddin\\myaddin.conf or `python` on PATH "
              "(see README, Excel).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
