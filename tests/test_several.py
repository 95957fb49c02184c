"""`matrica validate` and `matrica summary` over several workbooks or a folder: one process, one combined result,
totals only where the plans agree, a progress bar only with a terminal."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from addin.figures.summary import build_summary
from addin.workbook.reader import open_workbook
from tests.conftest import ANNEX, SOCIAL, run_matrica


@pytest.fixture(scope="module")
def folder(examples, tmp_path_factory) -> Path:
    """Three copies of the annex example, the social example, and what a folder also holds: an Excel lock file, a
    marked copy and a damaged file."""
    out = tmp_path_factory.mktemp("several")
    for i in range(1, 4):
        shutil.copyfile(examples[ANNEX], out / f"bashkia-{i}.xlsx")
    shutil.copyfile(examples[SOCIAL], out / "social.xlsx")
    (out / "~$bashkia-1.xlsx").write_bytes(b"lock")
    shutil.copyfile(examples[ANNEX], out / "bashkia-1-kontrolluar.xlsx")
    (out / "notes.txt").write_text("not a workbook")
    return out


def test_summary_of_a_folder_gives_each_workbook_and_totals_per_plan(folder, examples):
    proc = run_matrica("summary", str(folder), "--year", "2025", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [Path(b["path"]).name for b in data["workbooks"]] == ["bashkia-1.xlsx", "bashkia-2.xlsx", "bashkia-3.xlsx",
                                                                "social.xlsx"]
    one = build_summary(open_workbook(examples[ANNEX]), 2025)
    first = data["workbooks"][0]["summary"]
    assert first["costs"] == one["costs"] and first["rollups"] == one["rollups"]  # as a single summary gives it
    annex, social = data["totals"]  # the plans differ: one total each
    assert (annex["plan"]["id"], annex["workbooks"], social["plan"]["id"], social["workbooks"]) == (ANNEX, 3, SOCIAL, 1)
    c = one["costs"]
    assert annex["costs"]["planned_annual_total"] == 3 * c["planned_annual_total"]
    assert annex["costs"]["spent_total"] == 3 * c["spent_total"]
    assert annex["costs"]["execution_pct"] == c["execution_pct"]  # spent ÷ planned from the sums beside it
    assert annex["indicators"]["rated"] == 3 * one["rollups"]["plan"]["rated"]
    assert "mean_pct" not in annex["indicators"]  # no mean over several workbooks
    assert annex["activity_status"] == {k: 3 * v for k, v in one["rollups"]["activity_status"]["plan"].items()}
    parts = one["rollups"]["disaggregation"]["plan"]["parts"]
    assert annex["disaggregation"]["parts"] == {k: 3 * v for k, v in parts.items()}
    assert social["costs"]["planned_annual_total"] is None  # the social plan states no costs: no zero invented


def test_summary_of_several_files_as_text(folder):
    proc = run_matrica("summary", str(folder / "bashkia-1.xlsx"), str(folder / "bashkia-2.xlsx"), "--year", "2025")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[0] == "Libri" and len(lines) == 5
    assert lines[1].startswith("bashkia-1.xlsx") and lines[3] == f"Gjithsej {ANNEX} 2025 (2 libra)"
    assert lines[4].split()[-1] == lines[1].split()[-1]  # the same execution rate from the sums


def test_validate_of_a_folder_goes_on_past_a_workbook_it_cannot_read(folder, tmp_path):
    books = tmp_path / "books"
    shutil.copytree(folder, books)
    (books / "damaged.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    proc = run_matrica("validate", str(books), "--format", "json", "--no-copy")
    assert proc.returncode == 2, proc.stderr  # one could not be read
    data = json.loads(proc.stdout)
    names = [Path(b["path"]).name for b in data["workbooks"]]
    assert names == ["bashkia-1.xlsx", "bashkia-2.xlsx", "bashkia-3.xlsx", "damaged.xlsx", "social.xlsx"]
    damaged = data["workbooks"][3]
    assert "damaged.xlsx" in damaged["error"] and "findings" not in damaged
    assert data["totals"] == {"workbooks": 5, "valid": 4, "with_errors": 0, "unreadable": 1}
    assert data["valid"] is False and data["counts"]["error"] == 0
    assert not list(books.glob("*-kontrolluar.xlsx")) or {p.name for p in books.glob("*-kontrolluar.xlsx")} == {
        "bashkia-1-kontrolluar.xlsx"}  # no marked copies written beside them


def test_validate_of_several_writes_marked_copies_only_into_the_folder_given(folder, tmp_path):
    proc = run_matrica("validate", str(folder / "bashkia-1.xlsx"), str(folder / "social.xlsx"),
                       "--out", str(tmp_path / "kontrolli"))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "kontrolli").iterdir()) == ["bashkia-1-kontrolluar.xlsx",
                                                                         "social-kontrolluar.xlsx"]
    assert proc.stdout.strip().splitlines()[-1] == ("2 libra u kontrolluan: 2 pa gabime, 0 me gabime, 0 nuk u "
                                                    "lexuan; gjithsej 0 gabime dhe 0 paralajmërime.")


def run_in_terminal(*args: str) -> str:
    """Run the command with its error stream on a pseudo-terminal (what a person's console is); returns what it
    showed there."""
    exe = Path(sys.executable).parent / "matrica"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a console 100 characters wide
    proc = subprocess.Popen([str(exe), *args], stdout=subprocess.DEVNULL, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_progress_bar_only_with_more_than_a_few_files_and_a_terminal(folder, tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for i in range(6):
        shutil.copyfile(folder / "bashkia-1.xlsx", many / f"b{i}.xlsx")
    shown = run_in_terminal("validate", str(many), "--no-copy", "--format", "json")
    assert "Librat:" in shown and "0/6 [" in shown  # tqdm's bar on the terminal
    piped = run_matrica("validate", str(many), "--no-copy", "--format", "json")
    assert "Librat" not in piped.stderr and json.loads(piped.stdout)["totals"]["workbooks"] == 6
    few = run_in_terminal("validate", str(folder / "bashkia-1.xlsx"), str(folder / "bashkia-2.xlsx"), "--no-copy")
    assert "Librat" not in few


def test_a_folder_without_workbooks_is_one_sentence(tmp_path):
    proc = run_matrica("summary", str(tmp_path), "--year", "2025")
    assert proc.returncode == 2 and "asnjë libër .xlsx ose .xlsm" in proc.stderr
