"""Shared fixtures: the bundled plans, workbooks built once per session, and real LibreOffice."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

# xlwings registers its remote engine (xw.Book(json=...), used by the Excel tests) only when the key is set at its
# first import, which may come from any test module: set it before all of them. xlwings' PolyForm Noncommercial
# terms allow this use by a government institution such as the municipality.
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
# The plan cache (addin/plan/cache.py) of the tests and of the commands they start lives in a folder of this run's
# own, never in the user's cache folder: every session starts cold, and a test can look at what was kept.
os.environ["MATRICA_CACHE"] = _CACHE = tempfile.mkdtemp(prefix="matrica-test-cache-")

from addin.plan.model import bundled_plans, load_plan  # noqa: E402
from addin.workbook.build import build_workbook  # noqa: E402

atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
# The plan documents the plan text was transcribed from (Albanian, as given to the team in ../shared/plans/): a copy
# ships with the tests, so a clone anywhere can check the transcription; test_transcription holds the copy to the
# originals where they stand beside the clone.
PLAN_DOCUMENTS = Path(__file__).parent / "plan_documents"
SHARED_PLANS = ROOT.parent / "shared" / "plans"
FIXTURES = Path(__file__).parent / "fixtures"
SOCIAL = "plani-social-2023-2026"
ANNEX = "plani-rom-egjiptian-2024-2027"


@pytest.fixture(scope="session")
def plans():
    return bundled_plans()


@pytest.fixture(scope="session")
def mini_plan():
    return load_plan(FIXTURES / "mini-plan")


@pytest.fixture(scope="session")
def built(tmp_path_factory, plans) -> dict[str, Path]:
    """Each bundled plan's workbook, built once for the session (treat as read-only)."""
    folder = tmp_path_factory.mktemp("workbooks")
    return {pid: build_workbook(plan, folder / f"{pid}.xlsx") for pid, plan in plans.items()}


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice headless (own profile, so runs never collide); returns the output file."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice is not installed: run scripts/test.sh, which installs it")
    profile = Path("/tmp") / f"matrica-lo-{uuid.uuid4().hex}"
    try:
        proc = subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", fmt,
             "--outdir", str(outdir), str(src)],
            capture_output=True, text=True, timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / f"{src.stem}.{fmt.split(':')[0]}"
    assert proc.returncode == 0 and out.exists(), f"LibreOffice failed: {proc.stdout}\n{proc.stderr}"
    return out


def run_matrica(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed console command the way a person does."""
    exe = Path(sys.executable).parent / "matrica"
    env = {k: v for k, v in os.environ.items() if k != "MATRICA_DEBUG"}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


EXAMPLES = ROOT / "workbooks" / "examples"


@pytest.fixture(scope="session")
def examples(built, tmp_path_factory) -> dict[str, Path]:
    """Each bundled plan's example workbook (the shipped example CSV filled in), built once for the session."""
    from addin.workbook.example import example_csv_path, example_workbook_path, make_example_workbook

    folder = tmp_path_factory.mktemp("examples")
    return {pid: make_example_workbook(src, example_csv_path(EXAMPLES, pid), example_workbook_path(folder, pid))
            for pid, src in built.items()}


@dataclass
class Browsed:
    """What headless Chromium made of a page: the DOM after load, and the network requests the page made."""

    dom: str
    requests: list[str]


def chromium(page: Path, tmp: Path, *flags: str, window: str = "1280,2000") -> Browsed:
    """Open `page` in Debian's headless Chromium (own profile, no background traffic), with a net log to see every
    request the page itself makes (browser-internal requests have no page origin and are left out)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.fail("Chromium is not installed: run scripts/test.sh, which installs it")
    profile, netlog = tmp / f"chromium-{uuid.uuid4().hex}", tmp / f"netlog-{uuid.uuid4().hex}.json"
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
           f"--user-data-dir={profile}", f"--log-net-log={netlog}", f"--window-size={window}", *flags,
           page.resolve().as_uri()]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert proc.returncode == 0, f"Chromium failed: {proc.stderr[-2000:]}"
    log = json.loads(netlog.read_text(encoding="utf-8"))
    kinds = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    requests = [e["params"]["url"] for e in log["events"]
                if kinds.get(e["type"]) == "URL_REQUEST_START_JOB"
                and "url" in e.get("params", {}) and e["params"].get("initiator") != "not an origin"]
    return Browsed(proc.stdout, requests)


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext, installed by scripts/install-system-deps.sh)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext is not installed: run scripts/test.sh, which installs poppler-utils")
    text = subprocess.run([exe, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def build_wheel(out_dir: Path) -> Path:
    """Matrica's wheel, built from a clean copy of the working tree (no stale build/ folder, no network: the
    .venv's setuptools builds it without isolation)."""
    src = out_dir / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    src.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("addin", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                           "-q", "-w", str(out_dir), str(src)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return next(out_dir.glob("matrica-*.whl"))


@pytest.fixture(scope="session")
def matrica_wheel(tmp_path_factory) -> Path:
    """The wheel `pip install .` would install, built once per session."""
    return build_wheel(tmp_path_factory.mktemp("wheel"))
