"""Fetch at set-up what some tests need offline at run time (called by scripts/setup.sh --test).

Usage: .venv/bin/python scripts/fetch_offline.py [--wheelhouse] [--pyodide]   (both when neither is given)

- build/offline/wheelhouse/: the wheels of Matrica's dependencies (with the Excel extra), at the versions installed
  in .venv, so tests/test_install.py can install the built wheel into a fresh virtual environment with
  `pip install --no-index`.
- build/offline/pyodide-<version>/: Node's `pyodide` package (npm) and the wheels Pyodide loads for Matrica's
  Excel buttons (xlwings, openpyxl, et-xmlfile, jinja2, markupsafe), so tests/test_lite.py runs the xlwings Lite
  entry points under Pyodide in Node with no network. Packages Pyodide builds itself (markupsafe's C speedups,
  lxml, numpy, matplotlib) come only from Pyodide's CDN, which this machine cannot reach: markupsafe is built
  here as its own pure-Python fallback; the Word report (lxml) is not run under Pyodide.

Each part writes a stamp of what it fetched and is skipped when the stamp still matches.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = ROOT / "build" / "offline"
WHEELHOUSE = OFFLINE / "wheelhouse"

# Pyodide releases the Lite tests run on: the newest, and the 0.27 line that xlwings Lite used in 2025.
PYODIDE = {
    "314.0.7": {"python": "3.14", "abi": "cp314", "platform": "pyemscripten_2026_0_wasm32"},
    "0.27.7": {"python": "3.12", "abi": "cp312", "platform": "pyodide_2024_0_wasm32"},
}
# Pure-Python packages the Excel buttons import under Pyodide, at the versions .venv has (so both sides run the same
# code); markupsafe is built from its source without its C extension.
PURE = ("openpyxl", "et-xmlfile", "jinja2")


def pyodide_dir(ver: str) -> Path:
    return OFFLINE / f"pyodide-{ver}"


def _pip(*args: str, env: dict | None = None) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args], check=True,
                   env=env)


def _fresh(stamp: Path, spec: dict) -> bool:
    return stamp.is_file() and json.loads(stamp.read_text()) == spec


def wheelhouse() -> None:
    """Dependencies of `matrica[excel]`, pinned to what .venv has installed."""
    freeze = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], check=True,
                            capture_output=True, text=True).stdout
    spec = {"constraints": sorted(line for line in freeze.splitlines() if "==" in line)}
    stamp = WHEELHOUSE / "stamp.json"
    if _fresh(stamp, spec):
        return
    shutil.rmtree(WHEELHOUSE, ignore_errors=True)
    WHEELHOUSE.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        constraints = Path(tmp) / "constraints.txt"
        constraints.write_text("\n".join(spec["constraints"]) + "\n")
        _pip("download", "-d", str(WHEELHOUSE), "-c", str(constraints), f"{ROOT}[excel]")
    stamp.write_text(json.dumps(spec))
    print(f"wheelhouse: {WHEELHOUSE}")


def pyodide(ver: str) -> None:
    """Node's pyodide package and the wheels for Matrica's buttons, for one Pyodide release."""
    tags = PYODIDE[ver]
    pins = {name: version(name) for name in (*PURE, "xlwings", "markupsafe")}
    spec = {"pyodide": ver, **tags, "pins": pins}
    folder = pyodide_dir(ver)
    stamp = folder / "stamp.json"
    if _fresh(stamp, spec) and (folder / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        return
    if shutil.which("npm") is None:
        raise SystemExit("npm is missing: scripts/setup.sh --test installs nodejs and npm from Debian")
    shutil.rmtree(folder, ignore_errors=True)
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    subprocess.run(["npm", "install", "--prefix", str(folder), "--no-save", "--no-audit", "--no-fund", "--silent",
                    f"pyodide@{ver}"], check=True)
    common = ["download", "--no-deps", "--only-binary=:all:", "-d", str(wheels), "--python-version", tags["python"]]
    # xlwings: its wasm wheel where PyPI has one for this Pyodide, else the pure one (micropip chooses the same way)
    _pip(*common, "--implementation", "cp", "--abi", tags["abi"], "--abi", "none", "--platform", tags["platform"],
         "--platform", "any", f"xlwings=={pins['xlwings']}")
    _pip(*common, "--implementation", "py", "--abi", "none", "--platform", "any",
         *(f"{name}=={pins[name]}" for name in PURE))
    with tempfile.TemporaryDirectory() as tmp:
        _pip("download", "--no-deps", "--no-binary=:all:", "-d", tmp, f"markupsafe=={pins['markupsafe']}")
        sdist = next(Path(tmp).glob("markupsafe-*.tar.gz"))
        # markupsafe's setup.py falls back to its pure-Python module when the C extension cannot be compiled
        _pip("wheel", "--no-deps", "-w", str(wheels), str(sdist), env={**os.environ, "CC": "/bin/false"})
    stamp.write_text(json.dumps(spec))
    print(f"pyodide {ver}: {folder}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheelhouse", action="store_true")
    ap.add_argument("--pyodide", action="store_true")
    args = ap.parse_args(argv)
    both = not (args.wheelhouse or args.pyodide)
    if args.wheelhouse or both:
        wheelhouse()
    if args.pyodide or both:
        for ver in PYODIDE:
            pyodide(ver)
    return 0


if __name__ == "__main__":
    sys.exit(main())
