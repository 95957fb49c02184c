"""The xlwings Lite bundle (scripts/build_lite.py): its main.py runs the buttons and worksheet functions the way Lite's
runtime calls them, on remote-engine Books made from the example workbooks, under Pyodide in Node (offline: Pyodide
and every wheel from build/offline, fetched at set-up) and under CPython, and both send Excel the same actions."""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from pathlib import Path

import pytest

from addin.checks import marking
from addin.common.messages import Count, counted, t, tn
from addin.workbook import layout as L
from tests.conftest import ANNEX, SOCIAL
from tests.lite_runner import (
    PYODIDE_VERSIONS,
    OfflineMissing,
    build_lite,
    job_folder,
    results,
    run_cpython,
    run_pyodide,
)
from tests.test_excel_buttons import payload
from tests.workbook_edits import Edit

# What Pyodide cannot load offline (its own builds of lxml and matplotlib come only from its CDN): the CPython run
# hides the same libraries, so both make the same reports (HTML only, and a sentence saying the Word one was not made).
NOT_OFFLINE = ["docxtpl", "docx", "lxml", "matplotlib"]
OFFICE_JS = "Office.js"  # xlwings Lite is an Office.js add-in: its payloads say so

SCRIPTS = [  # (case, script, payload file)
    ("kontrollo-example", "kontrollo", "annex.json"),
    ("kontrollo-broken", "kontrollo", "broken.json"),
    ("llogarit-2024", "llogarit", "annex-2024.json"),
    ("llogarit-social", "llogarit", "social.json"),
    ("raport-2025", "raport", "annex-2025.json"),
    ("raport-broken", "raport", "broken.json"),
    ("vit-i-ri", "vit_i_ri", "annex-to-2025.json"),
    ("vit-i-ri-carry", "vit_i_ri", "annex.json"),
    ("vit-i-ri-outside", "vit_i_ri", "plan.json"),
    ("buxheti-2025", "buxheti", "annex-2025.json"),
]
FUNCTIONS = [  # (case, function, arguments as Office.js sends them: one 2-D array per argument)
    ("arritja", "ARRITJA", [[[45.0]], [[54.0]]]),
    ("arritja-ulje", "ARRITJA", [[[6.0]], [[5.0]], [[None]], [["ulje"]], [["përqindje"]]]),
    ("arritja-text", "ARRITJA", [[["dhjetë"]], [[54.0]]]),
    ("kufizuar", "ARRITJA_KUFIZUAR", [[[3.0]], [[1.0]]]),
    ("statusi", "STATUSI", [[[83.3]]]),
    ("leke", "LEKE", [[["34, 300 lekë Buxheti vendor"]]]),
    ("leke-none", "LEKE", [[["Sipas kostimit të projektit"]]]),
]


@pytest.fixture(scope="module")
def broken_book(examples, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lite-broken")
    e = Edit(examples[ANNEX], folder / "broken.xlsx")
    sheet = L.monitoring_sheet(2025)
    e.set(sheet, ("RC", "1.1", 1), "Vlera aktuale", "-dhjetë")
    e.set(sheet, ("RC", "1.2", 1), "Statusi i aktivitetit", "e panjohur")
    return e.save()


@pytest.fixture(scope="module")
def payloads(examples, built, broken_book) -> dict[str, dict]:
    annex, social = examples[ANNEX], examples[SOCIAL]
    return {
        "annex.json": payload(annex, client=OFFICE_JS),
        "plan.json": payload(built[ANNEX], client=OFFICE_JS),
        "broken.json": payload(broken_book, client=OFFICE_JS, active=L.monitoring_sheet(2025)),
        "annex-2024.json": payload(annex, client=OFFICE_JS, active=L.monitoring_sheet(2024)),
        "social.json": payload(social, client=OFFICE_JS, active=L.monitoring_sheet(2023)),
        "annex-2025.json": payload(annex, client=OFFICE_JS, active=L.monitoring_sheet(2025)),
        "annex-to-2025.json": payload(annex, client=OFFICE_JS,
                                      drop=(L.monitoring_sheet(2026), L.monitoring_sheet(2027))),
    }


# pandas (the button Buxheti) is also one of Pyodide's own builds, on its CDN only: hidden on both sides, so Buxheti
# says what to install (its figures are tested on CPython in tests/test_excel_buttons.py).
CASES = {"without": [*NOT_OFFLINE, "pandas"],
         "scripts": [{"id": c, "script": s, "payload": p} for c, s, p in SCRIPTS],
         "functions": [{"id": c, "name": f, "args": a} for c, f, a in FUNCTIONS]}


@pytest.fixture(scope="module")
def cpython(payloads, tmp_path_factory) -> dict:
    folder = job_folder(tmp_path_factory.mktemp("lite-cpython"), CASES, payloads)
    run_cpython(folder)
    return results(folder)


@pytest.fixture(scope="module", params=PYODIDE_VERSIONS)
def pyodide(request, payloads, matrica_wheel, tmp_path_factory) -> tuple[str, dict, dict, Path]:
    folder = job_folder(tmp_path_factory.mktemp(f"lite-pyodide-{request.param}"), CASES, payloads)
    try:
        harness = run_pyodide(request.param, folder, matrica_wheel)
    except OfflineMissing as exc:
        pytest.fail(str(exc))
    return request.param, harness, results(folder), folder / "data"


def actions(result: dict, case: str, func: str | None = None) -> list[dict]:
    return [a for a in result["cases"][case]["actions"] if func is None or a["func"] == func]


def alerts(result: dict, case: str) -> list[str]:
    return [a["args"][0] for a in actions(result, case, "alert")]


# ---------------------------------------------------------------- the bundle


def test_main_py_has_one_script_per_ribbon_button_and_the_four_worksheet_functions(cpython):
    buttons = build_lite.ribbon_buttons()
    tags = re.findall(r'tag="([\w.]+)"', build_lite.CUSTOM_UI.read_text(encoding="utf-8"))
    assert [b.module for b in buttons] == tags and {"Kontrollo", "Llogarit", "Raport", "Vit i ri"} <= {
        b.label for b in buttons}
    assert cpython["scripts"] == sorted([b.function, b.label] for b in buttons)
    assert cpython["functions"] == ["ARRITJA", "ARRITJA_KUFIZUAR", "LEKE", "STATUSI"]


def test_a_button_added_to_the_ribbon_xml_becomes_a_lite_script():
    xml = build_lite.CUSTOM_UI.read_text(encoding="utf-8").replace(
        "</tab>", '<group id="g"><button id="b" tag="addin.excel.buxheti" label="Buxheti" supertip="Buxheti i vitit"'
                  ' onAction="RibbonMyAddin.RunMain"/></group></tab>')
    text = build_lite.main_py(build_lite.ribbon_buttons(xml))
    assert 'import addin.excel.buxheti' in text
    assert '@script(name="Buxheti")\ndef buxheti(book: xw.Book):' in text
    assert "    addin.excel.buxheti.lite(book)" in text
    compile(text, "main.py", "exec")


def test_requirements_pin_xlwings_as_tested_and_matricas_wheel(tmp_path, matrica_wheel):
    from importlib.metadata import version

    build_lite.build(tmp_path / "a", wheel=False)
    lines = (tmp_path / "a" / "requirements.txt").read_text().splitlines()
    assert lines == [f"xlwings=={version('xlwings')}", f"matrica=={build_lite.project_version()}"]
    url = f"https://example.org/lite/{matrica_wheel.name}"
    build_lite.build(tmp_path / "b", wheel_url=url, wheel=False)
    assert (tmp_path / "b" / "requirements.txt").read_text().splitlines()[1] == url
    assert all(not line.startswith("#") for line in lines)  # Lite hands every line to micropip


def test_build_lite_writes_the_wheel_it_pins(tmp_path):
    written = build_lite.build(tmp_path, isolation=False)
    wheel = tmp_path / f"matrica-{build_lite.project_version()}-py3-none-any.whl"
    assert wheel in written and wheel.is_file()
    assert "addin/report/templates/raporti.html.j2" in zipfile.ZipFile(wheel).namelist()


# ---------------------------------------------------------------- what the scripts do in Lite (CPython side)


def test_lite_kontrollo_writes_kontrolli_and_colours_no_protected_sheet(cpython):
    assert [a["args"] for a in actions(cpython, "kontrollo-broken", "addSheet")] == [[0, marking.CHECK_SHEET]]
    assert {a["sheet_position"] for a in actions(cpython, "kontrollo-broken", "setRangeColors")} == {0}
    assert {a["sheet_position"] for a in actions(cpython, "kontrollo-broken", "setRangeColor")} == {0}
    grid = next(a for a in actions(cpython, "kontrollo-broken", "setValues") if a["sheet_position"] == 0)["values"]
    assert grid[3] == t("check_headers", "sq").split("|")
    legend = [row[0] for row in grid[4 + 2 + 1:]]  # title, counts, blank, headers, the two findings, a blank row
    assert legend == [t("check_legend_title", "sq")] + [t(f"check_legend:{k}", "sq") for k in (
        "error", "warning", "marks-lite", "clear-excel")]
    assert alerts(cpython, "kontrollo-broken") == [
        t("excel_checked_lite", "sq", **counted(2, 0), sheet=marking.CHECK_SHEET)]


def test_lite_raport_writes_into_lites_folder_and_says_how_to_download(cpython):
    files = cpython["cases"]["raport-2025"]["files"]
    assert sorted(files) == [f"raporti-{ANNEX}-2025-shembull.html"]  # Word libraries hidden, as under Pyodide
    message = alerts(cpython, "raport-2025")[0]
    assert message == (t("excel_report_written_lite", "sq", year=2025,
                         paths=f"/data/raporti-{ANNEX}-2025-shembull.html")
                       + "\n" + t("excel_report_no_word", "sq", missing=", ".join(NOT_OFFLINE)))
    assert [a["func"] for a in actions(cpython, "raport-2025")] == ["alert"]  # the workbook is not touched
    assert alerts(cpython, "raport-broken") == [
        t("excel_report_invalid", "sq", path="broken.xlsx", errors=Count("n_errors", 2))]
    assert cpython["cases"]["raport-broken"]["files"] == {}


def test_lite_llogarit_and_vit_i_ri_do_what_the_classic_buttons_do(cpython):
    assert [a["args"][1] for a in actions(cpython, "llogarit-2024", "addSheet")] == [
        t("excel_calc_sheet", "sq", year=2024)]
    assert alerts(cpython, "llogarit-social") == [t("excel_calc_written", "sq", sheet="Llogaritja 2023", year=2023)]
    assert [a["args"][1] for a in actions(cpython, "vit-i-ri", "addSheet")] == ["Monitorimi 2026"]
    assert [a["args"][0]["name"] for a in actions(cpython, "vit-i-ri", "setDataValidationList")] == [
        "lista_statuses", "lista_funding", "lista_institutions"]
    assert alerts(cpython, "vit-i-ri-outside") == [
        t("year_outside", "sq", path=f"{ANNEX}.xlsx", year=2028, start=2024, end=2027)]
    carried = alerts(cpython, "vit-i-ri-carry")  # every year has its sheet: 2025's recommendations go to 2026
    assert carried == [t("excel_new_year_exists", "sq", sheet="Monitorimi 2026") + " " + tn(
        "new_year_carried", 10, "sq", year=2025, new=2026)]


def test_lite_buxheti_without_pandas_says_what_to_install_and_touches_nothing(cpython):
    assert alerts(cpython, "buxheti-2025") == [t("excel_budget_no_pandas", "sq")]
    assert [a["func"] for a in actions(cpython, "buxheti-2025")] == ["alert"]


def test_lite_worksheet_functions_return_the_engines_values_and_real_excel_errors(cpython):
    calls = cpython["calls"]
    assert calls["arritja"][0][0] == pytest.approx(45 / 54 * 100)
    assert calls["arritja-ulje"][0][0] == pytest.approx(80.0)
    assert calls["arritja-text"] == [[{"type": "Error", "errorType": "Value"}]]
    assert calls["kufizuar"] == [[100.0]]
    assert calls["statusi"] == [["pjesërisht"]]
    assert calls["leke"] == [[34300]]
    assert calls["leke-none"] == [[{"type": "Error", "errorType": "NotAvailable"}]]


def test_lite_raport_with_the_word_libraries_makes_both_reports_without_a_saved_file(examples, tmp_path):
    """In process (Word libraries present, as Lite installs them from requirements.txt): no file on disk is needed,
    and the cover's checksum is the one of the values read, labelled so."""
    import xlwings as xw

    from addin.excel import buttons

    host = dataclasses.replace(buttons.LITE, report_dir=tmp_path / "data")
    book = xw.Book(json=payload(examples[ANNEX], name="Libri im.xlsx", client=OFFICE_JS,
                                active=L.monitoring_sheet(2025)))
    message = buttons.run(buttons.report, book, host=host)
    names = sorted(p.name for p in (tmp_path / "data").iterdir())
    assert names == [f"raporti-{ANNEX}-2025-shembull.docx", f"raporti-{ANNEX}-2025-shembull.html"]
    assert message.startswith(t("excel_report_written_lite", "sq", year=2025, paths="").split("\n")[0])
    html = (tmp_path / "data" / names[1]).read_text(encoding="utf-8")
    assert t("report_l_checksum_values", "sq") in html and "Libri im.xlsx" in html
    assert re.search(r"<code>[0-9a-f]{64}</code>", html)


# ---------------------------------------------------------------- the same under Pyodide, offline


def test_under_pyodide_the_scripts_send_excel_the_same_actions_and_write_the_same_files(pyodide, cpython):
    version, harness, result, data = pyodide
    assert harness["pyodide"] == version and result["platform"] == "emscripten"
    assert result["missing_word_libraries"] == NOT_OFFLINE == cpython["missing_word_libraries"]
    assert result["scripts"] == cpython["scripts"] and result["functions"] == cpython["functions"]
    for case, _script, _file in SCRIPTS:
        assert result["cases"][case]["actions"] == cpython["cases"][case]["actions"], case
        assert result["cases"][case]["files"] == cpython["cases"][case]["files"], case
    # Lite's Files pane serves what Python wrote to /data: readable files (Pyodide 0.27's umask is 0o777)
    assert {p.name: p.stat().st_mode & 0o777 for p in data.iterdir()} == {
        name: 0o644 for name in result["cases"]["raport-2025"]["files"]}


def test_under_pyodide_the_worksheet_functions_give_the_same_results(pyodide, cpython):
    _version, _harness, result, _data = pyodide
    assert json.dumps(result["calls"], sort_keys=True) == json.dumps(cpython["calls"], sort_keys=True)
