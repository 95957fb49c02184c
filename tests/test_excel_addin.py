"""The add-in files scripts/build_addin.py makes from xlwings' own ribbon template: what can be checked without
Excel (the ribbon XML, the untouched VBA project, the file-name-to-module contract of its RunMain callback)."""

from __future__ import annotations

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
def built_addins(build_addin, tmp_path_factory) -> dict[str, Path]:
    return {p.stem: p for p in build_addin.build(tmp_path_factory.mktemp("xlam"))}


def test_one_add_in_per_button_named_like_the_module_it_runs(built_addins):
    assert sorted(built_addins) == sorted(BUTTONS)
    for name in built_addins:
        module = importlib.import_module(name)  # what RunMain imports for this file name
        assert callable(module.main)


def test_each_add_in_puts_its_one_button_on_the_shared_matrica_tab(built_addins):
    for name, path in built_addins.items():
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("customUI/customUI.xml"))
            rels = z.read("_rels/.rels").decode()
        tabs = root.findall(f".//{CUI}tab")
        assert [(tab.get("idQ"), tab.get("label")) for tab in tabs] == [("m:tabMatrica", "Matrica")]
        buttons = root.findall(f".//{CUI}button")
        assert [(b.get("label"), b.get("tag"), b.get("onAction")) for b in buttons] == [
            (BUTTONS[name], name, "RibbonMyAddin.RunMain")]
        assert "customUI/customUI.xml" in rels  # the ribbon part is wired in the package


def test_add_ins_keep_xlwings_compiled_vba_project_byte_for_byte(build_addin, built_addins):
    with zipfile.ZipFile(build_addin.template()) as z:
        original = {i.filename: z.read(i.filename) for i in z.infolist()}
    for path in built_addins.values():
        with zipfile.ZipFile(path) as z:
            assert sorted(z.namelist()) == sorted(original)
            assert z.read("xl/vbaProject.bin") == original["xl/vbaProject.bin"]
            assert z.read("xl/workbook.xml") == original["xl/workbook.xml"]  # settings sheet left inactive


def test_the_templates_run_main_imports_the_module_named_like_the_add_in_file(build_addin, built_addins):
    pytest.importorskip("olefile")
    source = build_addin.vba_module_source(built_addins["addin.excel.raport"])
    assert "Sub RunMain(control As IRibbonControl)" in source
    assert 'mymodule = Left(ThisWorkbook.Name, (InStrRev(ThisWorkbook.Name, ".", -1, vbTextCompare) - 1))' in source
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in source
    name = "addin.excel.raport.xlam"
    assert name[: name.rindex(".")] == "addin.excel.raport"  # InStrRev finds the last dot


def test_interpreter_goes_into_the_add_ins_own_settings_sheet(build_addin, tmp_path):
    exe = r"C:\Matrica\.venv\Scripts\python.exe"
    path = build_addin.build(tmp_path, interpreter=exe)[0]
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    assert 'name="myaddin.conf"' in workbook
    assert re.findall(r"<t>([^<]*)</t>", strings)[6] == "Interpreter_Win"  # A1's shared string
    assert f'<c r="B1" t="inlineStr"><is><t>{exe}</t></is></c>' in sheet
    ET.fromstring(sheet)


def test_building_twice_gives_the_same_bytes(build_addin, tmp_path):
    first = {p.name: p.read_bytes() for p in build_addin.build(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in build_addin.build(tmp_path / "b")}
    assert first == second
