"""Several workbooks in one run (`matrica validate` / `matrica summary` given several files or a folder): each
workbook read once, in one process, with one combined result; a workbook that cannot be read is listed with its
sentence and the others go on."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from addin.common.messages import MatricaError

SKIPPED_SUFFIXES = ("-kontrolluar",)  # marked copies `validate` writes beside a workbook


def workbook_files(paths: Iterable[str | Path]) -> list[Path]:
    """The workbooks named: files as given, and the .xlsx/.xlsm files of a folder (not its subfolders), by name,
    leaving out Excel's lock files (~$…), hidden and temporary files (.…) and the marked copies validate writes."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in (".xlsx", ".xlsm")
                          and not f.name.startswith(("~$", ".")) and not f.stem.endswith(SKIPPED_SUFFIXES))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def run_many(work: Callable, items: list, jobs: int = 1, progress: Callable | None = None) -> list:
    """`work(item)` for each item, in order: in this process, or over `jobs` processes when there are several (the
    machine's cores: a roll-up of many workbooks is mostly reading files, which one core does at a time).
    `progress(iterable, total)` wraps the results as they come (the progress bar)."""
    wrap = progress or (lambda it, total: it)
    if jobs <= 1 or len(items) <= 1:
        return [work(item) for item in wrap(items, len(items))]
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from addin.plan.model import bundled_plans

    bundled_plans()  # read once here, inherited by the workers where processes fork
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=mp.get_context(method)) as pool:
        chunk = max(1, len(items) // (jobs * 4))
        return list(wrap(pool.map(work, items, chunksize=chunk), len(items)))


def default_jobs(n: int, few: int = 5) -> int:
    """Processes for `n` workbooks: one for a few, else one per core (at most 8)."""
    return 1 if n <= few else max(1, min(8, os.cpu_count() or 1))


def _validate_one(item: tuple) -> tuple[str, object]:
    path, year, institution, lang = item
    from addin.checks.validate import validate

    try:
        return str(path), validate(path, year, institution=institution)
    except MatricaError as exc:
        return str(path), exc.message(lang)  # a sentence: it crosses process boundaries as text


def validate_many(paths: list[Path], year: int | None = None, institution: str | None = None, lang: str = "sq",
                  jobs: int = 1, progress=None) -> list[tuple[str, object]]:
    """Each workbook's validation report (checks.findings.Report), or the sentence saying why it could not be
    read, in the order given."""
    return run_many(_validate_one, [(p, year, institution, lang) for p in paths], jobs, progress)


def many_validation_dict(results: list[tuple[str, object]], lang: str = "sq") -> dict:
    """The reports as one JSON: {"valid", "counts", "totals", "workbooks": [...]}: each workbook as a single
    `validate --format json` gives it, with its path; one that cannot be read has its sentence under "error"."""
    books, counts = [], {"error": 0, "warning": 0}
    totals = {"workbooks": len(results), "valid": 0, "with_errors": 0, "unreadable": 0}
    for path, report in results:
        if isinstance(report, str):
            books.append({"path": path, "error": report})
            totals["unreadable"] += 1
            continue
        books.append({"path": path, **report.as_dict(lang)})
        totals["valid" if report.valid else "with_errors"] += 1
        for k in counts:
            counts[k] += report.counts[k]
    return {"valid": totals["valid"] == len(results), "counts": counts, "totals": totals, "workbooks": books}


def exit_code(results: list[tuple[str, object]]) -> int:
    """2 when a workbook could not be read, else 1 when one has errors, else 0."""
    if any(isinstance(r, str) for _p, r in results):
        return 2
    return 0 if all(r.valid for _p, r in results) else 1


def _summarise_one(item: tuple) -> dict:
    """One workbook read once: its validation (whether the figures rest on clean entries) and its summary."""
    path, year, lang = item
    from addin.checks.validate import checked_summary, validate_workbook
    from addin.workbook.reader import open_workbook

    try:
        wb = open_workbook(path)
        report = validate_workbook(wb)
        data, _report = checked_summary(wb, year, report)
        for key in ("valid", "validation"):  # the workbook's verdict is given once, beside the summary
            data.pop(key)
    except MatricaError as exc:
        return {"path": str(path), "error": exc.message(lang)}
    return {"path": str(path), "validation": {"valid": report.valid, "counts": report.counts}, "summary": data}


def summarise_many(paths: list[Path], year: int, lang: str = "sq", jobs: int = 1, progress=None) -> dict:
    """Each workbook's summary of `year` and the totals per plan (figures.rollup): {"year", "workbooks": [...],
    "totals": [...], "unreadable"}."""
    from addin.figures.rollup import rollup

    books = run_many(_summarise_one, [(p, year, lang) for p in paths], jobs, progress)
    totals = rollup(b["summary"] for b in books if "summary" in b)
    for total in totals:  # the checks of the workbooks each total adds up
        checked = [b["validation"] for b in books if b.get("summary", {}).get("workbook") in total["paths"]]
        total["validation"] = {"valid": sum(1 for v in checked if v["valid"]),
                               "with_errors": sum(1 for v in checked if not v["valid"]),
                               "counts": {k: sum(v["counts"][k] for v in checked) for k in ("error", "warning")}}
    return {"year": year, "workbooks": books, "totals": totals, "unreadable": sum(1 for b in books if "error" in b)}
