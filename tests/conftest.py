"""Shared fixtures: the bundled plans, workbooks built once per session, and real LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from addin.build import build_workbook
from addin.plan import bundled_plans, load_plan

ROOT = Path(__file__).resolve().parent.parent
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
