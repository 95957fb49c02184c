"""The package's layers: imports run one way (read with ast, nothing executed), and the core keeps heavy or
Excel-only libraries out of module level."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ADDIN = Path(__file__).resolve().parent.parent / "addin"

# From the edges down; a module may import its own layer and any layer after it (addin/__init__.py).
ORDER = ["edge", "report", "checks", "figures", "workbook", "plan", "common"]
LAYER_OF_FOLDER = {"excel": "edge", "report": "report", "checks": "checks", "figures": "figures",
                   "workbook": "workbook", "plan": "plan", "common": "common"}
HEAVY = {"xlwings", "pandas", "matplotlib", "docxtpl", "docx"}


def layer(module: str) -> str | None:
    """The layer of a dotted module name inside `addin`, or None for the package root."""
    parts = module.split(".")
    if parts[0] != "addin" or len(parts) == 1:
        return None
    if parts[1] == "cli":
        return "edge"
    return LAYER_OF_FOLDER[parts[1]]


def modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(ADDIN.rglob("*.py")):
        rel = path.relative_to(ADDIN.parent).with_suffix("")
        name = ".".join(rel.parts)
        out.append((name.removesuffix(".__init__"), path))
    return out


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno, id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "addin":  # from addin import layout -> addin.layout (a subpackage or module)
                found += [(f"addin.{a.name}", node.lineno, id(node) in top) for a in node.names]
            else:
                found.append((node.module, node.lineno, id(node) in top))
    return found


def test_every_module_belongs_to_a_documented_layer():
    for name, path in modules():
        if name != "addin":
            assert layer(name) in ORDER, f"{path}: not in a layer folder"


def test_imports_run_from_the_edges_down():
    wrong = []
    for name, path in modules():
        here = layer(name)
        for target, line, _ in imports(path):
            there = layer(target) if target.startswith("addin.") else None
            if here is None or there is None:
                continue
            if ORDER.index(there) < ORDER.index(here):
                wrong.append(f"{path.relative_to(ADDIN.parent)}:{line} ({here}) imports {target} ({there})")
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_the_core_imports_no_heavy_or_excel_library_at_module_level():
    wrong = []
    for name, path in modules():
        if layer(name) == "edge":
            continue
        for target, line, at_top in imports(path):
            if target.split(".")[0] in HEAVY and at_top:
                wrong.append(f"{path.relative_to(ADDIN.parent)}:{line} imports {target} at module level")
            if target.split(".")[0] == "xlwings":
                wrong.append(f"{path.relative_to(ADDIN.parent)}:{line} imports xlwings (core)")
    assert not wrong, "\n".join(wrong)


def test_each_layer_says_what_lives_there_and_what_it_may_import():
    for folder in LAYER_OF_FOLDER:
        doc = ast.get_docstring(ast.parse((ADDIN / folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "Imports:" in doc, folder


def test_the_layer_check_catches_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from addin.report.render import make_reports\nimport matplotlib\n")
    assert layer("addin.figures.summary") == "figures"
    found = imports(bad)
    assert ("addin.report.render", 1, True) in found and ("matplotlib", 2, True) in found
    assert ORDER.index(layer(found[0][0])) < ORDER.index("figures")


@pytest.mark.parametrize("tag", re.findall(r'tag="([\w.]+)"', (ADDIN / "excel" / "customUI.xml").read_text()))
def test_every_ribbon_tag_names_an_importable_module_with_main_and_lite(tag):
    module = importlib.import_module(tag)
    assert callable(module.main)  # the classic add-in: RibbonMyAddin.RunMain runs "import <tag>; <tag>.main()"
    assert callable(module.lite)  # xlwings Lite: scripts/build_lite.py's @script calls <tag>.lite(book)
