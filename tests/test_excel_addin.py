"""The add-in files scripts/build_addin.py makes from xlwings' own ribbon template: what can be checked without Excel.

The one add-in (matrica.xlam): its ribbon is addin/excel/customUI.xml, its VBA read back from the built file (with
olefile and this project's MS-OVBA reader, and with oletools' olevba, an independent parser) is the repository's
RibbonMyAddin.bas, every other VBA stream is xlwings' byte for byte, and every button's tag, put through RunMain's
RunPython expression, gives Python that imports an existing module and runs its main() on a real xlwings Book.
The per-button fallback keeps xlwings' VBA untouched."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CUI = "{http://schemas.microsoft.com/office/2006/01/customui}"
BUTTONS = {"addin.excel.kontrollo": "Kontrollo", "addin.excel.llogarit": "Llogarit", "addin.excel.raport": "Raport",
           "addin.excel.vit_i_ri": "Vit i ri", "addin.excel.buxheti": "Buxheti"}


@pytest.fixture(scope="module")
def build_addin():
    spec = importlib.util.spec_from_file_location("build_addin", ROOT / "scripts" / "build_addin.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_addin"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def vba(build_addin):
    return sys.modules["vba_project"]


@pytest.fixture(scope="module")
def matrica_xlam(build_addin, tmp_path_factory) -> Path:
    (path,) = build_addin.build(tmp_path_factory.mktemp("xlam"))
    return path


@pytest.fixture(scope="module")
def per_button(build_addin, tmp_path_factory) -> dict[str, Path]:
    return {p.stem: p for p in build_addin.build_per_button(tmp_path_factory.mktemp("xlam-per-button"))}


def ribbon_buttons(xml: bytes | str) -> list[ET.Element]:
    return ET.fromstring(xml).findall(f".//{CUI}button")


def streams(vba, xlam: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(xlam) as z:
        return vba.read_cfb(z.read("xl/vbaProject.bin"))


# ---------------------------------------------------------------- the one add-in


def test_one_add_in_carries_the_whole_ribbon(matrica_xlam, build_addin):
    assert matrica_xlam.name == "matrica.xlam"
    with zipfile.ZipFile(matrica_xlam) as z:
        ribbon = z.read("customUI/customUI.xml")
        rels = z.read("_rels/.rels").decode()
        core = z.read("docProps/core.xml").decode()
    assert ribbon == (ROOT / "addin" / "excel" / "customUI.xml").read_bytes()
    buttons = ribbon_buttons(ribbon)
    assert {b.get("tag"): b.get("label") for b in buttons} == BUTTONS | {
        b.get("tag"): b.get("label") for b in buttons if b.get("tag") not in BUTTONS}
    assert {b.get("onAction") for b in buttons} == {"RibbonMyAddin.RunMain"}
    assert "customUI/customUI.xml" in rels and "<dc:title>Matrica</dc:title>" in core


def test_the_vba_read_back_from_the_add_in_is_the_repositorys_ribbon_module(matrica_xlam, build_addin):
    expected = (ROOT / "addin" / "excel" / "RibbonMyAddin.bas").read_text(encoding="utf-8").replace("\n", "\r\n")
    assert build_addin.vba_module_source(matrica_xlam) == expected
    from oletools.olevba import VBA_Parser  # an independent reader of the compound file and of MS-OVBA

    parser = VBA_Parser(str(matrica_xlam))
    try:
        modules = {name: code for _f, _s, name, code in parser.extract_macros()}
    finally:
        parser.close()
    assert modules["RibbonMyAddin.bas"] == expected
    assert {"xlwings.bas", "ThisWorkbook.cls", "Dictionary.cls", "Sheet2.cls"} <= set(modules)


def test_only_the_ribbon_module_changes_and_the_project_stays_source_only(matrica_xlam, build_addin, vba):
    with zipfile.ZipFile(build_addin.template()) as z:
        original = vba.read_cfb(z.read("xl/vbaProject.bin"))
    built = streams(vba, matrica_xlam)
    assert sorted(built) == sorted(original)
    assert {k for k in built if built[k] != original[k]} == {"VBA/dir", "VBA/RibbonMyAddin"}
    assert built["VBA/_VBA_PROJECT"] == bytes.fromhex("cc61ffff000100")  # version 0xFFFF: Excel compiles the source
    old_dir, new_dir = vba.decompress(original["VBA/dir"]), vba.decompress(built["VBA/dir"])
    offsets = vba.module_offsets(new_dir)
    assert offsets["RibbonMyAddin"][0] == 0  # source only, no stale compiled cache
    position = offsets["RibbonMyAddin"][1]
    assert new_dir[:position] + new_dir[position + 4:] == old_dir[:position] + old_dir[position + 4:]
    assert {m: o for m, (o, _p) in offsets.items()} == {
        m: (0 if m == "RibbonMyAddin" else o) for m, (o, _p) in vba.module_offsets(old_dir).items()}


def _vba_string(expression: str, control: dict[str, str]) -> str:
    """The value of a VBA string expression made of literals, `control.Tag`/`control.Id` and `&`."""
    out = []
    for token in re.findall(r'"(?:[^"]|"")*"|control\.\w+|&|\S+', expression):
        if token == "&":
            continue
        if token.startswith('"'):
            out.append(token[1:-1].replace('""', '"'))
        elif token.startswith("control."):
            out.append(control[token.split(".", 1)[1]])
        else:
            raise AssertionError(f"RunMain: cannot evaluate {token!r}")
    return "".join(out)


def _run_main_command(source: str, control: dict[str, str]) -> str:
    """The Python that RunMain hands to RunPython for a pressed control."""
    sub = re.search(r"^Sub RunMain\(control As IRibbonControl\)\r\n(.*?)^End Sub", source, re.M | re.S)
    assert sub, "RibbonMyAddin has no Sub RunMain(control As IRibbonControl)"
    (call,) = re.findall(r"^\s*RunPython (.+?)\s*$", sub.group(1), re.M)
    return _vba_string(call, control)


def test_every_buttons_tag_dispatches_to_an_existing_function(matrica_xlam, build_addin, examples, monkeypatch):
    import xlwings as xw

    from tests.test_excel_buttons import actions, book_of

    source = build_addin.vba_module_source(matrica_xlam)
    xlwings_vba = build_addin.vba_module_source(matrica_xlam, "xlwings")
    assert re.search(r"^Public Function RunPython\(PythonCommand As String\)", xlwings_vba, re.M)
    with zipfile.ZipFile(matrica_xlam) as z:
        buttons = ribbon_buttons(z.read("customUI/customUI.xml"))
    assert buttons
    for button in buttons:
        module_name, callback = button.get("onAction").split(".")
        assert module_name == "RibbonMyAddin" and callback == "RunMain"
        command = _run_main_command(source, {"Tag": button.get("tag"), "Id": button.get("id")})
        assert command == f"import {button.get('tag')}; {button.get('tag')}.main()"
        tree = ast.parse(command)
        imported = tree.body[0].names[0].name
        assert callable(importlib.import_module(imported).main)
        # what RunPython runs, on a real xlwings Book standing for the active workbook: the button answers
        book = book_of(examples["plani-rom-egjiptian-2024-2027"])
        monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda book=book: book))
        exec(compile(tree, "RunPython", "exec"), {})
        assert [a["func"] for a in actions(book)][-1] == "alert", button.get("tag")


def test_the_ribbon_module_must_stay_in_the_projects_code_page(build_addin, tmp_path):
    bas = tmp_path / "RibbonMyAddin.bas"
    bas.write_text('Attribute VB_Name = "RibbonMyAddin"\n\' ë is in Windows-1252\n', encoding="utf-8")
    assert build_addin.ribbon_vba_source(bas).endswith("Windows-1252\r\n")
    bas.write_text('Attribute VB_Name = "RibbonMyAddin"\n\' ё is not\n', encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        build_addin.ribbon_vba_source(bas)


def test_compression_round_trips_and_oletools_reads_it(vba):
    from oletools.olevba import decompress_stream

    samples = [b"", b"a", b"Sub x()\r\n" * 700, bytes(range(256)) * 40,
               (ROOT / "scripts" / "vba_project.py").read_bytes()]
    for data in samples:
        packed = vba.compress(data)
        assert vba.decompress(packed) == data
        assert bytes(decompress_stream(bytearray(packed))) == data
    assert len(vba.compress(b"Sub x()\r\n" * 700)) < 200


def test_the_compound_file_writer_keeps_every_stream(build_addin, vba):
    import olefile

    with zipfile.ZipFile(build_addin.template()) as z:
        original = vba.read_cfb(z.read("xl/vbaProject.bin"))
    written = vba.write_cfb(original)
    assert vba.read_cfb(written) == original
    ole = olefile.OleFileIO(written)
    assert ole.get_type("VBA") == olefile.STGTY_STORAGE
    assert ole.get_size("VBA/xlwings") == len(original["VBA/xlwings"])


def test_building_twice_gives_the_same_bytes(build_addin, tmp_path):
    first = [p.read_bytes() for p in build_addin.build(tmp_path / "a")]
    second = [p.read_bytes() for p in build_addin.build(tmp_path / "b")]
    assert first == second


def test_interpreter_goes_into_the_add_ins_own_settings_sheet(build_addin, tmp_path):
    exe = r"C:\Matrica\.venv\Scripts\python.exe"
    for path in (build_addin.build(tmp_path / "one", interpreter=exe)[0],
                 build_addin.build_per_button(tmp_path / "per", interpreter=exe)[0]):
        with zipfile.ZipFile(path) as z:
            workbook = z.read("xl/workbook.xml").decode()
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
            strings = z.read("xl/sharedStrings.xml").decode()
        assert 'name="myaddin.conf"' in workbook
        assert re.findall(r"<t>([^<]*)</t>", strings)[6] == "Interpreter_Win"  # A1's shared string
        assert f'<c r="B1" t="inlineStr"><is><t>{exe}</t></is></c>' in sheet
        ET.fromstring(sheet)


# ---------------------------------------------------------------- the per-button fallback


def test_per_button_makes_one_add_in_per_button_named_like_the_module_it_runs(per_button):
    assert sorted(per_button) == sorted(BUTTONS)
    for name in per_button:
        module = importlib.import_module(name)  # what RunMain imports for this file name
        assert callable(module.main)


def test_each_per_button_add_in_puts_its_one_button_on_the_shared_matrica_tab(per_button):
    for name, path in per_button.items():
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("customUI/customUI.xml"))
            rels = z.read("_rels/.rels").decode()
        tabs = root.findall(f".//{CUI}tab")
        assert [(tab.get("idQ"), tab.get("label")) for tab in tabs] == [("m:tabMatrica", "Matrica")]
        buttons = root.findall(f".//{CUI}button")
        assert [(b.get("label"), b.get("tag"), b.get("onAction")) for b in buttons] == [
            (BUTTONS[name], name, "RibbonMyAddin.RunMain")]
        assert "customUI/customUI.xml" in rels  # the ribbon part is wired in the package


def test_per_button_add_ins_keep_xlwings_vba_project_byte_for_byte(build_addin, per_button):
    with zipfile.ZipFile(build_addin.template()) as z:
        original = {i.filename: z.read(i.filename) for i in z.infolist()}
    for path in per_button.values():
        with zipfile.ZipFile(path) as z:
            assert sorted(z.namelist()) == sorted(original)
            assert z.read("xl/vbaProject.bin") == original["xl/vbaProject.bin"]
            assert z.read("xl/workbook.xml") == original["xl/workbook.xml"]  # settings sheet left inactive


def test_the_templates_run_main_imports_the_module_named_like_the_add_in_file(build_addin, per_button):
    source = build_addin.vba_module_source(per_button["addin.excel.raport"])
    assert "Sub RunMain(control As IRibbonControl)" in source
    assert 'mymodule = Left(ThisWorkbook.Name, (InStrRev(ThisWorkbook.Name, ".", -1, vbTextCompare) - 1))' in source
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in source
    name = "addin.excel.raport.xlam"
    assert name[: name.rindex(".")] == "addin.excel.raport"  # InStrRev finds the last dot
