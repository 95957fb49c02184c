"""Measure what a person waits for: interpreter start-up, then validate / overview / report / budget on the bundled
workbooks.

Usage: .venv/bin/python scripts/benchmark.py [--runs N] [--scale 1,10,100]
Prints the median and the spread of N runs of each command, as separate processes (what a button press or a
terminal command costs), and the in-process time of the engine alone. The Excel buttons are measured on xlwings
Books built by the remote engine from the example workbooks (reading the values, computing, and preparing
every write; Excel's own time to apply the writes is not included).

With --scale, it measures growth instead: for each factor k it writes a synthetic plan, the social plan replicated
k times with unique codes (k × 118 indicators), builds its workbook, fills one year from the social plan's example
data, and times build, validate (with and without the marked copy), summary (text and JSON) and report (HTML,
Word) as commands, each the median of --runs runs (at most 3); the table ends with each command's growth from one
factor to the next. A single run at x100 varies by up to a third on this kind of machine: give --runs 3 for figures
to quote. The runs after build are taken in rounds, one of each command per round, each round with a fixed
reference work whose time says how fast the machine ran.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
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


def timed(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, check=False, cwd=ROOT, env=env)
        times.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            print(f"  ({' '.join(cmd[3:5])}: exit {proc.returncode}: {proc.stderr.decode()[-300:].strip()})")
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


SOCIAL = ROOT / "addin" / "plan" / "data" / "plani-social-2023-2026"
SOCIAL_EXAMPLE = ROOT / "workbooks" / "examples" / "plani-social-2023-2026-shembull.csv"
SCALE_YEAR = 2023  # the social plan's example year
# A fixed piece of pure-Python work, timed in every round of --scale beside the commands: the machine's own speed
# drifts by a third between minutes on a shared 2-core host, and this says how fast it ran while they were timed.
REFERENCE = "reference work"
REFERENCE_CODE = "sum(i * i for i in range(3_000_000))"
# CSV file -> the code columns that get a copy suffix, so that every copy's codes are unique within its field
REPLICATED = {"objectives.csv": ("code",), "activities.csv": ("objective", "code"), "indicators.csv": ("activity",)}


def _replicate_rows(path: Path, columns: tuple[str, ...], k: int) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        header = list(reader.fieldnames or ())
    out = []
    for copy_no in range(1, k + 1):
        for row in rows:
            row = dict(row)
            if copy_no > 1:
                for c in columns:
                    row[c] = f"{row[c]}-{copy_no}"
            out.append(row)
    return header, out


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def synthetic_plan(k: int, folder: Path) -> tuple[str, Path, Path]:
    """Write the social plan replicated k times into `folder`/<id>/ and its example CSV; (plan id, plan folder,
    example CSV)."""
    plan_id = f"plani-social-x{k}"
    out = folder / plan_id
    out.mkdir(parents=True, exist_ok=True)
    meta = (SOCIAL / "plan.toml").read_text(encoding="utf-8")
    (out / "plan.toml").write_text(meta.replace('id = "plani-social-2023-2026"', f'id = "{plan_id}"'),
                                   encoding="utf-8")
    for name in ("fields.csv", "institutions.csv"):
        shutil.copyfile(SOCIAL / name, out / name)
    for name, columns in REPLICATED.items():
        _write_csv(out / name, *_replicate_rows(SOCIAL / name, columns, k))
    example = folder / f"{plan_id}-shembull.csv"
    _write_csv(example, *_replicate_rows(SOCIAL_EXAMPLE, ("activity",), k))
    return plan_id, out, example


def scale(py: str, factors: list[int], runs: int) -> None:
    """Time every command on synthetic plans k times the social plan; print a table and the growth factors."""
    from addin.workbook.example import make_example_workbook

    commands = ("build", "validate --no-copy", "validate (+ copy)", "summary", "summary, plan not cached",
                "summary --format json", "report html", "report docx")
    table: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        # the plan cache of this run (warm after the first command), not the user's: the synthetic plans are gone
        # afterwards; "summary, plan not cached" reads the plan's text each time
        env = {**os.environ, "MATRICA_PLANS": str(tmp / "plans"), "MATRICA_CACHE": str(tmp / "cache")}
        os.environ["MATRICA_PLANS"] = env["MATRICA_PLANS"]
        for k in factors:
            plan_id, folder, example_csv = synthetic_plan(k, tmp / "plans")
            out = tmp / f"x{k}"
            out.mkdir()
            cli = [py, "-m", "addin.cli"]
            n = runs
            times = {"build": timed(cli + ["build", "--plan", str(folder), "--out", str(out)], n, env)}
            filled = make_example_workbook(out / f"{plan_id}.xlsx", example_csv, out / f"{plan_id}-shembull.xlsx")
            year = ["--year", str(SCALE_YEAR)]
            cases = {
                "validate --no-copy": ["validate", str(filled), "--no-copy"],
                "validate (+ copy)": ["validate", str(filled), "--out", str(out / "k.xlsx")],
                "summary": ["summary", str(filled), *year],
                "summary --format json": ["summary", str(filled), *year, "--format", "json"],
                "report html": ["report", str(filled), *year, "--format", "html", "--out", str(out),
                                "--allow-errors"],
                "report docx": ["report", str(filled), *year, "--format", "docx", "--out", str(out),
                                "--allow-errors"],
            }
            runs_of = {label: (cli + args, env) for label, args in cases.items()}
            runs_of["summary, plan not cached"] = (cli + cases["summary"], {**env, "MATRICA_CACHE": "off"})
            runs_of[REFERENCE] = ([py, "-c", REFERENCE_CODE], env)
            for label in runs_of:
                times[label] = []
            for _ in range(n):  # one run of each command per round: a slow spell of the machine is shared out
                for label, (cmd, cmd_env) in runs_of.items():
                    times[label] += timed(cmd, 1, cmd_env)
            table[k] = {label: statistics.median(ts) for label, ts in times.items()}
            print(f"x{k}: {k * 118} indicators, " + ", ".join(f"{c} {table[k][c]:.2f} s" for c in commands) +
                  f"; {REFERENCE} {table[k][REFERENCE]:.2f} s", flush=True)
    print()
    head = "| command | " + " | ".join(f"×{k}" for k in factors) + " | " + " | ".join(
        f"×{a}→×{b}" for a, b in zip(factors, factors[1:], strict=False)) + " |"
    print(head)
    print("|" + "---|" * (1 + 2 * len(factors) - 1))
    for c in commands:
        cells = [f"{table[k][c]:.2f} s" for k in factors]
        growth = [f"{table[b][c] / table[a][c]:.1f}×" for a, b in zip(factors, factors[1:], strict=False)]
        print(f"| {c} | " + " | ".join(cells + growth) + " |")
    print(f"\n{REFERENCE} (the same fixed work in every round: how fast the machine ran), median per factor: " +
          ", ".join(f"×{k} {table[k][REFERENCE]:.2f} s" for k in factors))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--scale", help="factors of the social plan to time every command on, e.g. 1,10,100")
    ap.add_argument("--many", type=int, metavar="N",
                    help="N copies of the annex example in one folder: validate and summary over the folder (one "
                         "process each), and split / merge of the example's 2025")
    ap.add_argument("--lite", action="store_true",
                    help="only the xlwings Lite scripts, under Pyodide in Node (offline) and under CPython")
    args = ap.parse_args()
    py = sys.executable
    # Time the code as installed: with PYTHONDONTWRITEBYTECODE set, a module changed since set-up would otherwise be
    # compiled again in every timed process (about 0.1 s each).
    subprocess.run([py, "-m", "compileall", "-q", "addin"], check=False, cwd=ROOT)
    if args.lite:
        lite(max(1, args.runs))
        return 0
    if args.many:
        many(py, args.many, max(1, min(args.runs, 5)))
        return 0
    if args.scale:
        sys.path.insert(0, str(ROOT))
        scale(py, [int(x) for x in args.scale.split(",")], max(1, min(args.runs, 3)))
        return 0
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

    with tempfile.TemporaryDirectory() as tmp:
        for wb in EXAMPLES:
            if not wb.exists():
                continue
            show(f"matrica budget {wb.name}", timed([py, "-m", "addin.cli", "budget", str(wb)], args.runs), base)
            for suffix in ("xlsx", "csv"):
                out = str(Path(tmp) / f"buxheti.{suffix}")
                show(f"matrica budget {wb.name} --out .{suffix}",
                     timed([py, "-m", "addin.cli", "budget", str(wb), "--out", out], max(3, args.runs // 3)), base)

    from addin.checks.validate import validate

    print()
    for wb in WORKBOOKS:
        validate(wb)  # warm the plan cache, as a running Excel session is
        show(f"validate() in process, {wb.name}", in_process(lambda wb=wb: validate(wb), args.runs))
    excel_buttons(py, args.runs)
    return 0


def many(py: str, n: int, runs: int) -> None:
    """Several workbooks in one run (a national roll-up's size): `n` copies of the annex example validated and
    summarised as a folder, each command one process; and the monitoring group's split and merge of 2025."""
    annex = EXAMPLES[1]
    if not annex.exists():
        subprocess.run([py, "scripts/make_example.py"], check=True, cwd=ROOT, capture_output=True)
    load = os.getloadavg()[0]
    print(f"python {sys.version.split()[0]}, {runs} runs each, {os.cpu_count()} cores, load average {load:.2f} "
          "at the start\n")
    base = statistics.median(timed([py, "-c", "pass"], runs))
    show("interpreter start-up (python -c pass)", [base])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "books"
        folder.mkdir()
        for i in range(1, n + 1):
            shutil.copyfile(annex, folder / f"bashkia-{i:02d}.xlsx")
        cli = [py, "-m", "addin.cli"]
        cases = {
            f"validate {n} workbooks (folder, --no-copy, JSON)": [*cli, "validate", str(folder), "--no-copy",
                                                                  "--format", "json"],
            f"validate {n} workbooks (folder, --no-copy, text)": [*cli, "validate", str(folder), "--no-copy"],
            f"summary {n} workbooks --year 2025 (folder, JSON)": [*cli, "summary", str(folder), "--year", "2025",
                                                                 "--format", "json"],
            f"summary {n} workbooks --year 2025 (folder, text)": [*cli, "summary", str(folder), "--year", "2025"],
            f"validate {n} workbooks (JSON) --jobs 1 (one process)": [*cli, "validate", str(folder), "--no-copy",
                                                                       "--format", "json", "--jobs", "1"],
            f"summary {n} workbooks (JSON) --jobs 1 (one process)": [*cli, "summary", str(folder), "--year", "2025",
                                                                      "--format", "json", "--jobs", "1"],
            "validate 1 workbook --no-copy": [*cli, "validate", str(annex), "--no-copy"],
            "summary 1 workbook --year 2025": [*cli, "summary", str(annex), "--year", "2025"],
        }
        both = []
        for label, cmd in cases.items():
            times = timed(cmd, runs)
            if label.startswith(("validate", "summary")) and "(folder, --no-copy, JSON)" in label or \
                    "(folder, JSON)" in label:
                both.append(statistics.median(times))
            show(label, times, base)
        print(f"{'validate + summary of the folder (JSON), both runs':<66} {sum(both):.3f} s")
        parts = Path(tmp) / "parts"

        def split_once():
            shutil.rmtree(parts, ignore_errors=True)
            subprocess.run([*cli, "split", str(annex), "--year", "2025", "--out", str(parts)], check=True, cwd=ROOT,
                           capture_output=True)
        show("split the annex example's 2025 (14 parts)", in_process(split_once, runs), base)
        out = Path(tmp) / "merged.xlsx"
        show("merge the 14 parts into a copy of the example",
             timed([*cli, "merge", str(annex), *map(str, sorted(parts.glob("*.xlsx"))), "--out", str(out)], runs),
             base)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


def excel_buttons(py: str, runs: int) -> None:
    """The ribbon buttons on remote-engine Books made from the example workbooks."""
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
                "Buxheti": (E.budget, payload(src)),
            }
            for label, (button, data) in cases.items():
                def once(button=button, data=data):
                    book = xw.Book(json=copy.deepcopy(data))  # the engine edits its payload as it goes
                    button(book, "sq")
                    return book

                actions = len(once().json()["actions"])
                show(f"Excel {label} in process, {src.name} ({actions} actions)",
                     in_process(once, max(3, runs // 3) if label == "Raport" else runs))


def lite(runs: int) -> None:
    """The xlwings Lite bundle's scripts (main.py from scripts/build_lite.py), called as Lite's runtime calls them,
    on Office.js Books from the example workbooks: under Pyodide in Node, offline (each Pyodide release that
    scripts/fetch_offline.py fetched), and under this CPython. Each script runs `runs` times on a fresh Book; the
    first run of the first script also pays for the lazy imports."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from addin.workbook import layout as L
    from tests.lite_runner import PYODIDE_VERSIONS, build_lite, job_folder, results, run_cpython, run_pyodide
    from tests.test_excel_buttons import payload

    if not all(p.exists() for p in EXAMPLES):
        subprocess.run(["bash", "-c", "source scripts/run.sh >/dev/null 2>&1 || true"], cwd=ROOT, check=False)
    annex, social = EXAMPLES[1], EXAMPLES[0]
    payloads = {
        "annex.json": payload(annex, client="Office.js", active=L.monitoring_sheet(2025)),
        "social.json": payload(social, client="Office.js", active=L.monitoring_sheet(2023)),
        "annex-to-2025.json": payload(annex, client="Office.js",
                                      drop=(L.monitoring_sheet(2026), L.monitoring_sheet(2027))),
        "social-to-2025.json": payload(social, client="Office.js", drop=(L.monitoring_sheet(2026),)),
    }
    scripts = [("Kontrollo annex", "kontrollo", "annex.json"), ("Kontrollo social", "kontrollo", "social.json"),
               ("Llogarit annex", "llogarit", "annex.json"), ("Llogarit social", "llogarit", "social.json"),
               ("Raport annex (HTML)", "raport", "annex.json"), ("Raport social (HTML)", "raport", "social.json"),
               ("Vit i ri annex", "vit_i_ri", "annex-to-2025.json"),
               ("Vit i ri social", "vit_i_ri", "social-to-2025.json")]
    cases = {"without": ["docxtpl", "docx", "lxml", "matplotlib"], "repeat": runs, "functions": [],
             "scripts": [{"id": label, "script": script, "payload": file} for label, script, file in scripts]}
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_lite.build_wheel(Path(tmp) / "wheel", isolation=False)
        columns = {}
        folder = job_folder(Path(tmp) / "cpython", cases, payloads)
        run_cpython(folder)
        columns[f"CPython {sys.version.split()[0]}"] = (None, results(folder))
        for version in PYODIDE_VERSIONS:
            folder = job_folder(Path(tmp) / version, cases, payloads)
            harness = run_pyodide(version, folder, wheel)
            columns[f"Pyodide {version}"] = (harness, results(folder))
    print(f"xlwings Lite scripts, median of {runs} runs (first run in brackets), seconds; Word libraries hidden "
          "(the Word report is not run under Pyodide offline)\n")
    names = list(columns)
    print(f"{'':<28}" + "".join(f"{n:>24}" for n in names))
    starts = [f"{h['load_s'] + h['packages_s']:.2f}" if h else "—" for h, _r in columns.values()]
    print(f"{'start (Pyodide + wheels)':<28}" + "".join(f"{v:>24}" for v in starts))
    print(f"{'import xlwings + main.py':<28}" + "".join(f"{r['import_s']:>24.2f}" for _h, r in columns.values()))
    for label, _script, _file in scripts:
        cells = []
        for _h, r in columns.values():
            times = r["cases"][label]["seconds"]
            cells.append(f"{statistics.median(times):.3f} ({times[0]:.3f})")
        print(f"{label:<28}" + "".join(f"{c:>24}" for c in cells))


if __name__ == "__main__":
    sys.exit(main())
