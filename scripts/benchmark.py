"""Measure what a person waits for: interpreter start-up, then validate / overview / report on the bundled workbooks.

Usage: .venv/bin/python scripts/benchmark.py [--runs N]
Prints the median and the spread of N runs of each command, as separate processes (what a button press or a
terminal command costs), and the in-process time of the engine alone. The Excel buttons are measured on xlwings
Books built by the remote engine from the example workbooks (reading the values, computing, and preparing
every write; Excel's own time to apply the writes is not included).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANS = ("plani-social-2023-2026", "plani-rom-egjiptian-2024-2027")
WORKBOOKS = [ROOT / "workbooks" / f"{pid}.xlsx" for pid in PLANS]
EXAMPLES = [ROOT / "workbooks" / f"{pid}-shembull.xlsx" for pid in PLANS]
REPORT_YEARS = (2023, 2025)  # the example year of each plan


def timed(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return times


def in_process(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def show(label: str, times: list[float], base: float | None = None) -> None:
    med = statistics.median(times)
    extra = f"   (+{med - base:.3f} s over start-up)" if base is not None else ""
    print(f"{label:<66} median {med:.3f} s  min {min(times):.3f}  max {max(times):.3f}{extra}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    py = sys.executable
    missing = [p for p in WORKBOOKS if not p.exists()]
    if missing:
        subprocess.run([py, "-m", "addin.cli", "build"], check=True, cwd=ROOT)
    print(f"python {sys.version.split()[0]}, {args.runs} runs each\n")
    base = statistics.median(timed([py, "-c", "pass"], args.runs))
    show("interpreter start-up (python -c pass)", [base])
    show("import addin.checks.validate", timed([py, "-c", "import addin.checks.validate"], args.runs), base)
    for wb in WORKBOOKS:
        show(f"matrica validate {wb.name} --no-copy",
             timed([py, "-m", "addin.cli", "validate", str(wb), "--no-copy"], args.runs), base)
    with tempfile.TemporaryDirectory() as tmp:
        for wb in WORKBOOKS:
            out = Path(tmp) / "k.xlsx"
            show(f"matrica validate {wb.name} (+ marked copy)",
                 timed([py, "-m", "addin.cli", "validate", str(wb), "--out", str(out)], max(3, args.runs // 3)), base)
    for wb in WORKBOOKS:
        show(f"matrica overview {wb.name}", timed([py, "-m", "addin.cli", "overview", str(wb)], args.runs), base)
    with tempfile.TemporaryDirectory() as tmp:
        for wb, year in zip(EXAMPLES, REPORT_YEARS, strict=True):
            if not wb.exists():
                subprocess.run([py, "scripts/make_example.py"], check=True, cwd=ROOT, capture_output=True)
            for formats in ("html", "docx,html"):
                cmd = [py, "-m", "addin.cli", "report", str(wb), "--year", str(year), "--out", tmp, "--format", formats]
                show(f"matrica report {wb.name} --format {formats}", timed(cmd, max(3, args.runs // 3)), base)

    from addin.checks.validate import validate

    print()
    for wb in WORKBOOKS:
        validate(wb)  # warm the plan cache, as a running Excel session is
        show(f"validate() in process, {wb.name}", in_process(lambda wb=wb: validate(wb), args.runs))
    excel_buttons(py, args.runs)
    return 0


def excel_buttons(py: str, runs: int) -> None:
    """The four ribbon buttons on remote-engine Books made from the example workbooks."""
    import copy
    import os
    import shutil

    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    if not all(p.exists() for p in EXAMPLES):
        subprocess.run(["bash", "-c", "source scripts/run.sh >/dev/null 2>&1 || true"], cwd=ROOT, check=False)
    examples = [p for p in EXAMPLES if p.exists()]
    if not examples:
        print("\n(example workbooks missing: run scripts/run.sh first to measure the Excel buttons)")
        return
    sys.path.insert(0, str(ROOT))
    import xlwings as xw

    from addin.excel import buttons as E
    from addin.workbook import layout as L
    from tests.test_excel_buttons import payload

    print()
    base = statistics.median(timed([py, "-c", "pass"], runs))
    show("Excel: start-up of a button's Python (import addin.excel.buttons)",
         timed([py, "-c", "import addin.excel.buttons"], runs), base)
    with tempfile.TemporaryDirectory() as tmp:
        for src in examples:
            saved = Path(tmp) / src.name
            shutil.copyfile(src, saved)
            years = [int(n.split()[-1]) for n in (s["name"] for s in payload(src)["sheets"]) if L.monitoring_year(n)]
            cases = {
                "Kontrollo": (E.check, payload(src)),
                "Llogarit": (E.calculate, payload(src)),
                "Raport": (E.report, payload(saved, name=str(saved))),
                "Vit i ri": (E.new_year, payload(src, drop=(L.monitoring_sheet(max(years)),))),
            }
            for label, (button, data) in cases.items():
                def once(button=button, data=data):
                    book = xw.Book(json=copy.deepcopy(data))  # the engine edits its payload as it goes
                    button(book, "sq")
                    return book

                actions = len(once().json()["actions"])
                show(f"Excel {label} in process, {src.name} ({actions} actions)",
                     in_process(once, max(3, runs // 3) if label == "Raport" else runs))


if __name__ == "__main__":
    sys.exit(main())
