"""Build the Matrica Excel add-in from xlwings' own ribbon add-in template and addin/excel/customUI.xml.

Usage: python scripts/build_addin.py [--out DIR] [--interpreter PATH | --no-interpreter] [--per-button] [--show-vba]

xlwings ships `quickstart_addin_ribbon.xlam` (what `xlwings quickstart NAME --addin --ribbon` copies): a VBA project
whose ribbon callback `RibbonMyAddin.RunMain` runs `import <file name without .xlam>; <same>.main()`, plus the
xlwings VBA module for the installed xlwings version. Its VBA is stored as source (`_VBA_PROJECT` version 0xFFFF:
Excel compiles it when it opens the file; xlwings' own build writes it without Excel).

Default: one add-in, `matrica.xlam`: the template with the whole ribbon of customUI.xml and, in place of the
template's RunMain, the module kept as text in addin/excel/RibbonMyAddin.bas, whose RunMain passes the pressed
button's tag to Python:

    RunPython "import " & control.Tag & "; " & control.Tag & ".main()"    (tag addin.excel.kontrollo, …)

The module is written as source only (scripts/vba_project.py: MS-OVBA compression, a new compound file); every
other part of the VBA project stays byte for byte. Excel has not opened this file yet (no Excel on Linux): the
README says so, and how to fall back to:

--per-button: one add-in per button (the fallback), each a byte-for-byte copy of the template with only its
`customUI/customUI.xml` replaced (that button's group on the shared "Matrica" tab) and its title set; the file name
is the module RunMain imports:

    addin.excel.kontrollo.xlam  -> import addin.excel.kontrollo; addin.excel.kontrollo.main()
    addin.excel.llogarit.xlam   -> …

Build on the machine that will run them (the template's VBA names the xlwings DLL of the installed version).
With --interpreter (default on Windows: the Python running this script) the add-ins' own settings sheet
`myaddin.conf` gets that interpreter, so Excel starts the Python in which Matrica is installed; without it,
xlwings looks in %USERPROFILE%\\.myaddin\\myaddin.conf and then for `python` on PATH.

`--show-vba` prints the VBA source of the template's ribbon module, read from its vbaProject.bin.
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vba_project  # noqa: E402  (scripts/vba_project.py)

ROOT = Path(__file__).resolve().parent.parent
CUSTOM_UI = ROOT / "addin" / "excel" / "customUI.xml"
RIBBON_VBA = ROOT / "addin" / "excel" / "RibbonMyAddin.bas"
ADDIN_NAME = "matrica.xlam"
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


def _members(source: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(source) as z:
        return [(info, z.read(info.filename)) for info in z.infolist()]


def _write(target: Path, members: list[tuple[zipfile.ZipInfo, bytes]], changed: dict[str, bytes], title: str,
           interpreter: str | None) -> Path:
    """The template's parts with `changed` ones replaced, the title set and (optionally) the interpreter, written
    with fixed dates (the same input gives the same bytes) to a temporary file renamed into place."""
    parts = {info.filename: data for info, data in members}
    parts.update(changed)
    parts["docProps/core.xml"] = _title(parts["docProps/core.xml"].decode("utf-8"), title).encode("utf-8")
    if interpreter:
        wb_xml, sheet_xml = _conf_sheet(parts["xl/workbook.xml"].decode("utf-8"),
                                        parts["xl/worksheets/sheet1.xml"].decode("utf-8"), interpreter)
        parts["xl/workbook.xml"], parts["xl/worksheets/sheet1.xml"] = wb_xml.encode(), sheet_xml.encode()
    tmp = target.with_suffix(".xlam.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for info, _data in members:
            z.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), parts[info.filename])
    tmp.replace(target)
    return target


def ribbon_vba_source(path: Path = RIBBON_VBA) -> str:
    """The ribbon module's VBA as Excel stores it: CRLF line ends, Windows-1252 (the project's code page)."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    text.encode("cp1252")  # a character outside the code page would be lost: fail here instead
    return text.replace("\n", "\r\n")


def ribbon_vba_project(template_bin: bytes, source: str) -> bytes:
    """The template's vbaProject.bin with the ribbon module's source replaced (stored as source only)."""
    streams = vba_project.read_cfb(template_bin)
    return vba_project.write_cfb(vba_project.replace_module_source(streams, RIBBON_MODULE, source))


def build(out_dir: Path, interpreter: str | None = None, source: Path | None = None) -> list[Path]:
    """Write the one add-in `matrica.xlam` into `out_dir`: every button of the ribbon, RunMain dispatching on the
    pressed button's tag. Returns [its path]."""
    members = _members(source or template())
    parts = {info.filename: data for info, data in members}
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = {"customUI/customUI.xml": CUSTOM_UI.read_bytes(),
               "xl/vbaProject.bin": ribbon_vba_project(parts["xl/vbaProject.bin"], ribbon_vba_source())}
    return [_write(out_dir / ADDIN_NAME, members, changed, "Matrica", interpreter)]


def build_per_button(out_dir: Path, interpreter: str | None = None, source: Path | None = None) -> list[Path]:
    """The fallback: one .xlam per ribbon button, xlwings' template VBA untouched; returns their paths."""
    members = _members(source or template())
    ribbons = split_ribbon(CUSTOM_UI.read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for module, ribbon in ribbons.items():
        label = re.search(r'<button\b[^>]*\blabel="([^"]+)"', ribbon).group(1)
        written.append(_write(out_dir / f"{module}.xlam", members, {"customUI/customUI.xml": ribbon.encode("utf-8")},
                              f"Matrica – {label}", interpreter))
    return written


# ---------------------------------------------------------------- reading the VBA back


def vba_module_source(xlam: Path, module: str = RIBBON_MODULE) -> str:
    """The VBA source of one module of an add-in's vbaProject.bin (read with olefile, in the Excel extra)."""
    with zipfile.ZipFile(xlam) as z:
        streams = vba_project.read_cfb(z.read("xl/vbaProject.bin"))
    try:
        return vba_project.module_source(streams, module)
    except KeyError:
        raise KeyError(f"{xlam.name}: no VBA module {module}") from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="default: build/excel (build/excel-per-button with --per-button, so the "
                                             "two never share a folder that `xlwings addin install --dir` takes whole)")
    ap.add_argument("--interpreter", help="python.exe for Excel to start (default on Windows: this Python)")
    ap.add_argument("--no-interpreter", action="store_true",
                    help="leave the add-ins' settings sheet inactive (use %%USERPROFILE%%\\.myaddin\\myaddin.conf)")
    ap.add_argument("--per-button", action="store_true",
                    help="the fallback: one add-in per button, xlwings' template VBA untouched")
    ap.add_argument("--show-vba", action="store_true", help="print the template's ribbon VBA and stop")
    args = ap.parse_args(argv)
    if args.show_vba:
        print(vba_module_source(template()))
        return 0
    interpreter = None if args.no_interpreter else args.interpreter or (
        sys.executable if sys.platform == "win32" else None)
    out = args.out or ROOT / "build" / ("excel-per-button" if args.per_button else "excel")
    for path in (build_per_button if args.per_button else build)(out, interpreter):
        print(path)
    if not interpreter:
        print("Interpreter not set: Excel will use %USERPROFILE%\\.myaddin\\myaddin.conf or `python` on PATH "
              "(see README, Excel).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
