"""The main job of the first README command: a one-screen overview per plan workbook."""

from __future__ import annotations

import zipfile

import pytest

from tests.conftest import ANNEX, SOCIAL, run_matrica


def test_overview_shows_structure_and_quantified_cost_of_the_annex(built):
    proc = run_matrica("overview", str(built[ANNEX]))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Fusha: 7 · Objektiva specifikë: 10 · Aktivitete: 36 · Tregues: 52" in out
    assert "4 584 062 lekë" in out and "pa kosto të kuantifikuar: 4" in out
    assert len(out.splitlines()) <= 25


def test_overview_says_the_social_plan_has_no_costs_instead_of_zeros(built):
    proc = run_matrica("overview", str(built[SOCIAL]), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "Fields: 4 · Specific objectives: 14 · Activities: 70 · Indicators: 118" in proc.stdout
    assert "The plan states no costs." in proc.stdout and "0 lekë" not in proc.stdout


def _zip_without(src, dst, member):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            if item.filename != member:
                zout.writestr(item, zin.read(item.filename))


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p, src: p.with_suffix(".csv").write_text("a,b\n"), "nuk është libër Excel"),
        (lambda p, src: p.write_bytes(b""), "skedari është bosh"),
        (lambda p, src: p.write_bytes(b"PK\x03\x04 this is not really a zip"), "i dëmtuar"),
        (lambda p, src: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), "fjalëkalim"),
    ],
)
def test_overview_of_an_unreadable_file_exits_2_with_a_clear_message(tmp_path, built, make, says):
    path = tmp_path / "book.xlsx"
    make(path, built[ANNEX])
    target = path if path.exists() else path.with_suffix(".csv")
    proc = run_matrica("overview", str(target))
    assert proc.returncode == 2
    assert says in proc.stderr and str(target) in proc.stderr and "Traceback" not in proc.stderr
