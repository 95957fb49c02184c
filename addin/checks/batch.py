"""Several workbooks in one run (`matrica validate` / `matrica summary` given several files or a folder): each
workbook read once, in one process, with one combined result; a workbook that cannot be read is listed with its
sentence and the others go on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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


def each(paths: list[Path], progress: Callable[[list[Path]], Iterable[Path]] | None = None) -> Iterator[Path]:
    return iter(progress(paths) if progress else paths)


def validate_many(paths: list[Path], year: int | None = None, institution: str | None = None, lang: str = "sq",
                  progress=None, keep: Callable | None = None) -> dict:
    """Each workbook's validation and the totals: {"valid", "counts", "totals", "workbooks": [...]}. A workbook
    that cannot be read has its sentence under "error" (and counts as neither valid nor invalid). `keep(path,
    report)` is called for each report (to write its marked copy)."""
    from addin.checks.validate import validate

    books, counts = [], {"error": 0, "warning": 0}
    totals = {"workbooks": len(paths), "valid": 0, "with_errors": 0, "unreadable": 0}
    for path in each(paths, progress):
        try:
            report = validate(path, year, institution=institution)
        except MatricaError as exc:
            books.append({"path": str(path), "error": exc.message(lang)})
            totals["unreadable"] += 1
            continue
        books.append({"path": str(path), **report.as_dict(lang)})
        totals["valid" if report.valid else "with_errors"] += 1
        for k in counts:
            counts[k] += report.counts[k]
        if keep is not None:
            keep(path, report)
    return {"valid": totals["valid"] == len(paths), "counts": counts, "totals": totals, "workbooks": books}


def summarise_many(paths: list[Path], year: int, lang: str = "sq", progress=None) -> dict:
    """Each workbook's summary of `year` and the totals per plan (figures.rollup): {"year", "workbooks": [...],
    "totals": [...]}."""
    from addin.figures.rollup import rollup
    from addin.figures.summary import build_summary
    from addin.workbook.reader import open_workbook

    books, summaries = [], []
    for path in each(paths, progress):
        try:
            data = build_summary(open_workbook(path), year)
        except MatricaError as exc:
            books.append({"path": str(path), "error": exc.message(lang)})
            continue
        books.append({"path": str(path), "summary": data})
        summaries.append(data)
    return {"year": year, "workbooks": books, "totals": rollup(summaries),
            "unreadable": sum(1 for b in books if "error" in b)}
