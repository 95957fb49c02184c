"""A place Matrica cannot write (a read-only folder, a folder where a file is meant, a file where a folder is meant,
an existing file, a full disk) is exit 2 with one sentence naming the path, said before any result is announced,
and nothing half-written is left."""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import ANNEX, run_matrica


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@contextlib.contextmanager
def read_only_folder(tmp_path: Path, content: Path | None = None):
    """A folder nothing can be written into, holding a copy of `content`: a read-only file system when the tests
    run as root (root ignores permission bits), else a folder without write permission."""
    folder = tmp_path / f"ro-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    if os.geteuid() == 0:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], check=True)
        try:
            if content:
                shutil.copyfile(content, folder / content.name)
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=False)
    else:
        if content:
            shutil.copyfile(content, folder / content.name)
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)


def limited(max_bytes: int):
    """A child process that cannot write a file larger than `max_bytes` (the write fails as on a full disk)."""
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))
    return preexec


def run_limited(max_bytes: int, *args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "matrica"
    env = {k: v for k, v in os.environ.items() if k != "MATRICA_DEBUG"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=300,
                          preexec_fn=limited(max_bytes))


def refused(proc: subprocess.CompletedProcess, path: Path) -> None:
    """Exit 2, one sentence naming `path`, no traceback, and no result announced on stdout."""
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], proc.stderr
    assert proc.stdout.strip() == "", proc.stdout


@pytest.fixture
def book(built, tmp_path) -> Path:
    path = tmp_path / "libri.xlsx"
    shutil.copyfile(built[ANNEX], path)
    return path


def test_validate_beside_a_workbook_in_a_read_only_folder(built, tmp_path):
    with read_only_folder(tmp_path, built[ANNEX]) as folder:
        src = folder / built[ANNEX].name
        before = listing(folder)
        proc = run_matrica("validate", str(src))
        refused(proc, folder / f"{src.stem}-kontrolluar.xlsx")
        assert "no permission" in run_matrica("validate", str(src), "--lang", "en").stderr or "read-only" in \
            run_matrica("validate", str(src), "--lang", "en").stderr
        assert listing(folder) == before
        assert run_matrica("validate", str(src), "--no-copy").returncode == 0  # reading needs no writing


@pytest.mark.parametrize("command", ["report", "new-year", "build"])
def test_every_writing_command_refuses_a_read_only_folder(book, tmp_path, command):
    with read_only_folder(tmp_path) as folder:
        args = {"report": ["report", str(book), "--year", "2025", "--out", str(folder)],
                "new-year": ["new-year", str(book), "--year", "2025", "--out", str(folder / "ri.xlsx")],
                "build": ["build", "--out", str(folder)]}[command]
        if command == "new-year":  # the year must be new: drop its sheet first
            from openpyxl import load_workbook

            wb = load_workbook(book)
            del wb["Monitorimi 2025"]
            wb.save(book)
        proc = run_matrica(*args)
        refused(proc, folder / "ri.xlsx" if command == "new-year" else folder)
        assert listing(folder) == []


def test_validate_out_is_a_folder(book, tmp_path):
    proc = run_matrica("validate", str(book), "--out", str(tmp_path))
    refused(proc, tmp_path)
    assert "është dosje" in proc.stderr


def test_validate_out_an_existing_file_that_is_not_a_marked_copy_is_not_written_over(book, built, tmp_path):
    other = tmp_path / "tjeter.xlsx"
    shutil.copyfile(built[ANNEX], other)
    before = digest(other)
    refused(run_matrica("validate", str(book), "--out", str(other)), other)
    assert digest(other) == before
    notes = tmp_path / "shenime.txt"
    notes.write_text("mos më fshi")
    refused(run_matrica("validate", str(book), "--out", str(notes)), notes)
    assert notes.read_text() == "mos më fshi"


def test_validate_writes_over_its_own_previous_marked_copy(book):
    assert run_matrica("validate", str(book)).returncode == 0
    second = run_matrica("validate", str(book))
    assert second.returncode == 0 and "Kopja me qelizat e shënuara" in second.stdout


def test_report_out_an_existing_file(book, tmp_path):
    target = tmp_path / "raporti.html"
    target.write_text("<p>i vjetër</p>")
    proc = run_matrica("report", str(book), "--year", "2025", "--out", str(target))
    refused(proc, target)
    assert target.read_text() == "<p>i vjetër</p>"


@pytest.mark.parametrize("kind", ["folder", "existing"])
def test_new_year_out_a_folder_or_an_existing_file(book, tmp_path, kind):
    from openpyxl import load_workbook

    wb = load_workbook(book)
    del wb["Monitorimi 2027"]
    wb.save(book)
    target = tmp_path / "dosje" if kind == "folder" else tmp_path / "ekziston.xlsx"
    if kind == "folder":
        target.mkdir()
    else:
        shutil.copyfile(book, target)
    before = listing(tmp_path)
    refused(run_matrica("new-year", str(book), "--year", "2027", "--out", str(target)), target)
    assert listing(tmp_path) == before


def test_build_out_a_file(tmp_path):
    target = tmp_path / "skedar"
    target.write_text("x")
    refused(run_matrica("build", "--out", str(target)), target)


@pytest.mark.parametrize("command", ["validate", "report", "new-year", "build"])
def test_a_full_disk_while_writing_leaves_nothing_and_announces_nothing(book, tmp_path, command):
    out = tmp_path / "dalja"
    out.mkdir()
    if command == "new-year":
        from openpyxl import load_workbook

        wb = load_workbook(book)
        del wb["Monitorimi 2027"]
        wb.save(book)
    args = {"validate": ["validate", str(book), "--out", str(out / "k.xlsx")],
            "report": ["report", str(book), "--year", "2025", "--out", str(out)],
            "new-year": ["new-year", str(book), "--year", "2027", "--out", str(out / "ri.xlsx")],
            "build": ["build", "--out", str(out)]}[command]
    before = digest(book)
    proc = run_limited(20_000, *args)  # every output is larger than 20 kB
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout.strip() == "" and len(proc.stderr.strip().splitlines()) == 1
    assert str(out) in proc.stderr
    assert listing(out) == [] and digest(book) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["dalja", book.name])


@pytest.mark.skipif(os.geteuid() != 0, reason="a real full disk needs a small file system, mounted as root")
def test_a_really_full_disk_says_the_disk_is_full(book, tmp_path):
    folder = tmp_path / "plot"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24k", "tmpfs", str(folder)], check=True)
    try:
        proc = run_matrica("validate", str(book), "--out", str(folder / "k.xlsx"), "--lang", "en")
        assert proc.returncode == 2 and "the disk is full" in proc.stderr and proc.stdout == ""
        assert listing(folder) == []
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_reader_that_goes_away_early_is_no_error(book):
    """`matrica summary … | head -c 5`: the pipe closes before the output ends; Matrica stops quietly."""
    exe = Path(sys.executable).parent / "matrica"
    proc = subprocess.Popen([str(exe), "summary", str(book), "--year", "2025", "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(5)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and err == "", err


def without_2027(book: Path) -> Path:
    """The workbook without its last year's sheet, for new-year to add it."""
    from openpyxl import load_workbook

    wb = load_workbook(book)
    del wb["Monitorimi 2027"]
    wb.save(book)
    return book


@pytest.mark.parametrize("command", ["validate", "report", "new-year", "split", "budget", "build"])
def test_an_output_name_too_long_for_the_system_is_refused_naming_it(book, tmp_path, command):
    """A name longer than the file system allows (255 bytes a name on Linux) is refused like any other place that
    cannot be written, not an unexpected error."""
    long = tmp_path / ("ë" * 200)  # 400 bytes in UTF-8
    target = {"validate": long.with_suffix(".xlsx"), "new-year": long.with_suffix(".xlsx"),
              "budget": long.with_suffix(".csv")}.get(command, long)
    args = {"validate": ["validate", str(book), "--out", str(target)],
            "report": ["report", str(book), "--year", "2025", "--out", str(target), "--allow-errors"],
            "new-year": ["new-year", str(without_2027(book)), "--year", "2027", "--out", str(target)],
            "split": ["split", str(book), "--year", "2025", "--out", str(target)],
            "budget": ["budget", str(book), "--out", str(target)],
            "build": ["build", "--out", str(target)]}[command]
    before = listing(tmp_path)
    proc = run_matrica(*args, "--lang", "en")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "Unexpected" not in proc.stderr, proc.stderr
    assert str(target) in proc.stderr
    assert listing(tmp_path) == before


@pytest.mark.parametrize("command", ["validate", "new-year", "merge"])
@pytest.mark.parametrize("name", ["kopja.csv", "kopja", "kopja.xlsm"])
def test_a_workbook_copy_named_with_another_extension_is_refused(book, tmp_path, command, name):
    """The marked copy, the new year's copy and the merged copy are workbooks of the input's format: a name Excel
    would refuse to open ("the file format or extension is not valid") is refused before anything is written."""
    target = tmp_path / name
    args = {"validate": ["validate", str(book), "--out", str(target)],
            "new-year": ["new-year", str(without_2027(book)), "--year", "2027", "--out", str(target)],
            "merge": ["merge", str(book), str(book), "--out", str(target)]}[command]
    before = listing(tmp_path)
    proc = run_matrica(*args, "--lang", "en")
    refused(proc, target)
    assert "must end in '.xlsx'" in proc.stderr
    assert listing(tmp_path) == before


@pytest.mark.parametrize("name", ["buxheti.csv", "buxheti.xlsx"])
def test_budget_out_an_existing_file_that_is_not_a_budget_view_is_not_written_over(book, built, tmp_path, name):
    """A person's own file (a workbook, a CSV of theirs) named as the budget's --out stays as it is; a budget view
    Matrica wrote before is replaced, as the marked copy is."""
    other = tmp_path / name
    if name.endswith(".xlsx"):
        shutil.copyfile(built[ANNEX], other)
    else:
        other.write_text("Emri;Shuma\nMos më fshi;1\n", encoding="utf-8")
    before = digest(other)
    refused(run_matrica("budget", str(book), "--out", str(other)), other)
    assert digest(other) == before
    other.unlink()
    assert run_matrica("budget", str(book), "--out", str(other)).returncode == 0
    again = run_matrica("budget", str(book), "--out", str(other), "--lang", "en")
    assert again.returncode == 0, again.stderr
