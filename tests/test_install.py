"""An installed copy of Matrica (the wheel, not the repository) has everything it needs: the wheel is built, installed
into a fresh virtual environment outside the repository (dependencies from the wheelhouse that scripts/setup.sh
--test fetched, no network), and the console command builds, validates, summarises and writes both reports there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ANNEX, EXAMPLES, ROOT

WHEELHOUSE = ROOT / "build" / "offline" / "wheelhouse"


def test_the_wheel_holds_every_module_the_plan_text_and_the_report_templates(matrica_wheel):
    names = set(zipfile.ZipFile(matrica_wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "addin").rglob("*.py")}
    assert modules <= names, f"missing from the wheel (add the folder to pyproject's packages): {modules - names}"
    plan_text = {p.relative_to(ROOT).as_posix() for p in (ROOT / "addin" / "plan" / "data").rglob("*")
                 if p.suffix in (".csv", ".toml")}
    assert plan_text and plan_text <= names
    templates = {f"addin/report/templates/{p.name}" for p in (ROOT / "templates").iterdir()
                 if p.suffix in (".docx", ".j2")}
    assert templates == {"addin/report/templates/raporti.docx", "addin/report/templates/raporti.html.j2"}
    assert templates <= names
    with zipfile.ZipFile(matrica_wheel) as z:
        assert z.read("addin/report/templates/raporti.docx") == (ROOT / "templates" / "raporti.docx").read_bytes()


@pytest.fixture(scope="module")
def installed(matrica_wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment outside the repository with the wheel installed; returns its bin folder."""
    if not any(WHEELHOUSE.glob("*.whl")):
        pytest.fail("build/offline/wheelhouse is empty: run scripts/test.sh (scripts/setup.sh --test fetches it)")
    venv = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    proc = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index",
                           "--disable-pip-version-check", "--find-links", str(WHEELHOUSE), f"{matrica_wheel}[excel]"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return venv / "bin"


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("MATRICA_DEBUG", "PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(bin_dir / args[0]), *args[1:]], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)


def test_the_installed_package_is_the_one_that_runs_and_finds_its_templates_inside_itself(installed, tmp_path):
    proc = run(installed, "python", "-c",
               "import addin, addin.excel.buttons; from addin.report.render import templates_dir; "
               "print(addin.__file__); print(templates_dir())", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    package, templates = proc.stdout.splitlines()
    site = installed.parent / "lib"
    assert Path(package).is_relative_to(site) and Path(templates).is_relative_to(site)
    assert Path(templates, "raporti.docx").is_file()


def test_an_installed_copy_builds_validates_summarises_and_reports_outside_the_repository(installed, tmp_path):
    proc = run(installed, "matrica", "build", cwd=tmp_path)  # default --out: workbooks/ here
    assert proc.returncode == 0, proc.stderr
    built = tmp_path / "workbooks" / f"{ANNEX}.xlsx"
    assert built.is_file() and (tmp_path / "workbooks" / "plani-social-2023-2026.xlsx").is_file()
    example = tmp_path / "workbooks" / f"{ANNEX}-shembull.xlsx"
    proc = run(installed, "python", "-c",
               "import sys; from pathlib import Path; from addin.workbook.example import make_example_workbook; "
               "make_example_workbook(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))",
               str(built), str(EXAMPLES / f"{ANNEX}-shembull.csv"), str(example), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr

    proc = run(installed, "matrica", "validate", str(example), "--format", "json", "--no-copy", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["valid"] is True

    proc = run(installed, "matrica", "summary", str(example), "--year", "2025", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["costs"]["planned_period_total"] > 0

    out = tmp_path / "out"
    proc = run(installed, "matrica", "report", str(example), "--year", "2025", "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    docx, html = out / f"raporti-{ANNEX}-2025-shembull.docx", out / f"raporti-{ANNEX}-2025-shembull.html"
    assert docx.is_file() and html.is_file()
    assert "SHEMBULL" in html.read_text(encoding="utf-8")
    with zipfile.ZipFile(docx) as z:
        assert "SHEMBULL" in z.read("word/header1.xml").decode() + z.read("word/document.xml").decode()


def test_a_template_folder_replaces_the_shipped_template_of_the_same_name(installed, tmp_path):
    run(installed, "matrica", "build", "--out", str(tmp_path), cwd=tmp_path)
    own = tmp_path / "own"
    own.mkdir()
    (own / "raporti.html.j2").write_text("<p>Bashkia: {{ cover.municipality }}</p>", encoding="utf-8")
    proc = run(installed, "matrica", "report", str(tmp_path / f"{ANNEX}.xlsx"), "--year", "2024", "--out",
               str(tmp_path), "--template-dir", str(own), "--allow-errors", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / f"raporti-{ANNEX}-2024.html").read_text(encoding="utf-8")
    assert html.startswith("<p>Bashkia: ") and "</p>" in html
    assert (tmp_path / f"raporti-{ANNEX}-2024.docx").is_file()  # no own Word template: the shipped one
