"""Run the xlwings Lite bundle's scripts under Pyodide in Node and under CPython on the same Books (used by
tests/test_lite.py and scripts/benchmark.py). What Pyodide needs offline is fetched at set-up by
scripts/fetch_offline.py into build/offline/pyodide-<version>/."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LITE = Path(__file__).resolve().parent / "lite"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


fetch_offline = _script("fetch_offline")
build_lite = _script("build_lite")
PYODIDE_VERSIONS = tuple(fetch_offline.PYODIDE)


class OfflineMissing(RuntimeError):
    """What the Lite tests need offline was not fetched (scripts/setup.sh --test does it)."""


def job_folder(folder: Path, cases: dict, payloads: dict[str, dict]) -> Path:
    """A job folder for tests/lite/driver.py: the bundle's main.py, the driver, cases.json and the payloads."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.py").write_text(build_lite.main_py(build_lite.ribbon_buttons()), encoding="utf-8")
    shutil.copy2(LITE / "driver.py", folder / "driver.py")
    for name, data in payloads.items():
        (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (folder / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    (folder / "data").mkdir(exist_ok=True)
    return folder


def results(folder: Path) -> dict:
    return json.loads((folder / "results.json").read_text(encoding="utf-8"))


def run_pyodide(version: str, folder: Path, matrica_wheel: Path) -> dict:
    """Run the job under Pyodide `version` in Node, with no network; returns the harness's start-up times."""
    base = fetch_offline.pyodide_dir(version)
    wheels = sorted((base / "wheels").glob("*.whl"))
    node = shutil.which("node")
    if node is None or not (base / "node_modules" / "pyodide" / "pyodide.mjs").is_file() or not wheels:
        raise OfflineMissing(f"Pyodide {version} is not set up in {base}: run scripts/test.sh "
                             "(scripts/setup.sh --test runs scripts/fetch_offline.py)")
    proc = subprocess.run([node, str(LITE / "harness.mjs"), str(base), str(folder), *map(str, wheels),
                           str(matrica_wheel)], capture_output=True, text=True, timeout=600)
    if proc.returncode:
        raise AssertionError(f"Pyodide {version} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_cpython(folder: Path) -> None:
    """Run the same job under this CPython (a separate process, so XLWINGS_ON_SERVER stays out of the tests)."""
    data = folder / "data"
    data.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("MATRICA_DEBUG", "XLWINGS_ON_SERVER")}
    proc = subprocess.run([sys.executable, str(folder / "driver.py"), str(folder), str(data)], capture_output=True,
                          text=True, timeout=600, env=env, cwd=ROOT)
    if proc.returncode:
        raise AssertionError(f"CPython failed:\n{proc.stderr[-4000:]}")
