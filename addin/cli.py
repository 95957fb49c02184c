"""The `matrica` terminal command: a thin edge over the core."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from addin.common.messages import MatricaError, counted, t, tn


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", "sq") or "sq"


@contextmanager
def cycle_collection(on: bool) -> Iterator[None]:
    """Python's cycle collector switched on or off for a while, its state restored afterwards.

    A command on one workbook runs with it off (`main`): the workbook's tables, entries and findings, and the
    openpyxl cells of a workbook being built or copied, live until the command ends, so its full passes over
    millions of live objects found almost nothing to free (70 objects while the marked copy of the social plan x100
    was written) and cost 9 s of that copy's 41 s, 17 s of its build's 45 s and 0.3-0.6 s of its summary.
    Reference counting still frees everything else. Runs over several workbooks switch it back on: each workbook's
    objects are done with before the next."""
    enabled = gc.isenabled()
    (gc.enable if on else gc.disable)()
    try:
        yield
    finally:
        (gc.enable if enabled else gc.disable)()


# What a command made that the process's end drops, when `run` ends the process: None when `main` runs in a process
# that goes on (the tests), where everything is freed as usual.
_left_to_exit: list[object] | None = None


def leave_to_exit(*made: object) -> None:
    """Hand what a command made (a workbook's tables, entries and findings: millions of objects at 100 times the
    plan, 0.03-0.05 s to free one by one when the command returns) to the process's end, which drops them at once
    (`run`). Only what nothing written depends on: every file is closed before the command returns."""
    if _left_to_exit is not None:
        _left_to_exit.extend(made)


def cmd_build(args: argparse.Namespace) -> int:
    from addin.common.files import ensure_folder
    from addin.plan.model import PlanSourceError, load_plan, plan_folders
    from addin.workbook.build import build_workbook

    ensure_folder(Path(args.out), create=False)
    folders = [Path(p) for p in args.plan] if args.plan else plan_folders()
    plans = []
    for folder in folders:
        try:
            plans.append(load_plan(folder))
        except PlanSourceError as exc:
            raise MatricaError("plan_source", path=exc.path, line=exc.line, detail=exc.message) from None
    written = [build_workbook(plan, Path(args.out) / f"{plan.id}.xlsx") for plan in plans]
    for out in written:  # announced once every workbook is written
        print(t("built", _lang(args), path=out))
    return 0


def cmd_overview(args: argparse.Namespace) -> int:
    from addin.figures.overview import overview, render_overview
    from addin.workbook import layout as L
    from addin.workbook.reader import open_workbook

    def sheets(_names: list[str]) -> list[str]:
        return [L.SHEET_MATRIX, L.SHEET_OBJECTIVES, L.SHEET_INDICATORS]

    for i, path in enumerate(args.workbook):
        if i:
            print("\n" + "─" * 78 + "\n")
        print(render_overview(overview(open_workbook(path, prefetch=sheets)), _lang(args)))
    return 0


def cmd_new_year(args: argparse.Namespace) -> int:
    from addin.workbook.newyear import new_year

    lang = _lang(args)
    done = new_year(Path(args.workbook), args.year, Path(args.out))
    print(t("written", lang, path=done.path))
    if done.carried:
        print(tn("new_year_carried", done.carried, lang, year=done.year - 1, new=done.year))
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from addin.common.files import ensure_folder
    from addin.workbook.parts import split

    lang = _lang(args)
    ensure_folder(Path(args.out), create=False)  # a folder that cannot be written is said before any work
    done = split(Path(args.workbook), args.year, Path(args.out), args.institution)
    if args.format == "json":
        import json

        print(json.dumps(split_dict(done), ensure_ascii=False, indent=2))
        return 0
    for w in done.parts:
        shared = tn("split_shared", w.shared, lang) if w.shared else ""
        print(tn("split_written", w.lead, lang, institution=w.institution.label, path=w.path, shared=shared))
    print(tn("split_done", len(done.parts), lang, folder=args.out, year=done.year))
    if done.without_part:
        print(t("split_without_part", lang, year=done.year, names=", ".join(i.label for i in done.without_part)))
    return 0


def split_dict(done) -> dict:
    return {
        "workbook": str(done.source), "sha256": done.sha256, "year": done.year,
        "parts": [{"institution": w.institution.code, "name": w.institution.name, "path": str(w.path),
                   "activities": w.lead, "indicators": w.indicators, "read_only": w.shared} for w in done.parts],
        "without_part": [{"institution": i.code, "name": i.name} for i in done.without_part],
    }


def cmd_merge(args: argparse.Namespace) -> int:
    from addin.checks.merge import WORKBOOK, merge, result_dict, shown
    from addin.common.files import check_suffix

    lang = _lang(args)
    check_suffix(Path(args.out), Path(args.workbook))  # the merged copy is a workbook of the input's format
    done = merge(Path(args.workbook), [Path(p) for p in args.parts], Path(args.out), args.year)
    if args.format == "json":
        import json

        print(json.dumps(result_dict(done, lang), ensure_ascii=False, indent=2, default=str))
        print(t("merge_written", lang, path=done.out), file=sys.stderr)
        return 1 if done.conflicts else 0
    for p in done.parts:
        print(tn("merge_part_line", p.merged, lang, institution=p.info.institution.label, path=p.path))
    if done.conflicts:
        print(t("merge_conflicts_head", lang))
        for c in done.conflicts:
            values = " ≠ ".join(f"'{'' if v.value is None else shown(v.value)}' "
                                f"({t('merge_workbook', lang) if v.file == WORKBOOK else Path(v.file).name})"
                                for v in c.values)
            print("  " + t("merge_conflict_line", lang, cell=c.target.ref or "—", code=c.target.code,
                           column=c.target.header, values=values))
    print(tn("merge_done", len(done.merged), lang, unchanged=done.unchanged)
          + tn("merge_conflicts", len(done.conflicts), lang))
    print(t("merge_written", lang, path=done.out))
    return 1 if done.conflicts else 0


def several(args: argparse.Namespace) -> list[Path] | None:
    """The workbooks of a command given several files or a folder; None for one file (the single-file output)."""
    from addin.checks.batch import workbook_files

    if len(args.workbook) == 1 and not Path(args.workbook[0]).is_dir():
        return None
    paths = workbook_files(args.workbook)
    if not paths:
        raise MatricaError("no_workbooks", path=", ".join(args.workbook))
    return paths


def progress(lang: str):
    """A progress bar over several workbooks on the error stream (tqdm), only with more than a few files and a
    terminal to show it on."""
    def wrap(results, total: int):
        if total <= PROGRESS_MIN or not sys.stderr.isatty():
            return results
        from tqdm import tqdm

        return tqdm(results, total=total, file=sys.stderr, unit="", desc=t("progress_books", lang), leave=False)
    return wrap


def jobs(args: argparse.Namespace, n: int) -> int:
    from addin.checks.batch import default_jobs

    return args.jobs if args.jobs else default_jobs(n, PROGRESS_MIN)


PROGRESS_MIN = 5


def cmd_validate(args: argparse.Namespace) -> int:
    from addin.checks.validate import default_marked_path, gather, run_checks

    lang = _lang(args)
    paths = several(args)
    if paths is not None:
        return validate_several(args, paths, lang)
    path = Path(args.workbook[0])
    checked = gather(path, args.year, institution=args.institution)
    report = run_checks(checked)  # `validate`, the workbook's tables kept for the process's end to drop
    leave_to_exit(checked)
    out, copy_failed = None, None
    if not args.no_copy:  # written before anything is announced: a place that cannot be written is exit 2
        from addin.checks.marking import is_marked_copy, write_marked_copy
        from addin.common.files import check_output_file

        out = check_output_file(Path(args.out) if args.out else default_marked_path(path), (path,), is_marked_copy,
                                like=path)
        try:
            write_marked_copy(report, path, out, lang)
        except MatricaError as exc:
            if exc.key != "copy_unreadable":
                raise
            copy_failed = exc
    if args.format == "json":
        import json

        text = json.dumps(report.as_dict(lang), ensure_ascii=False, indent=2, allow_nan=False)
    else:
        text = render_report(report, lang)
    print(text)
    if copy_failed is not None:
        print(copy_failed.message(lang), file=sys.stderr)
        return 2
    if out is not None:
        print(t("validate_marked", lang, path=out), file=sys.stderr if args.format == "json" else sys.stdout)
    return 0 if report.valid else 1


def print_compact_json(data: dict) -> None:
    """JSON on one line (a year's summary, the combined JSON of several workbooks): megabytes for a large plan or a
    roll-up, written four times faster than indented (`python -m json.tool` lays it out)."""
    import json

    print(json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def validate_several(args: argparse.Namespace, paths: list[Path], lang: str) -> int:
    """validate over several workbooks: each one's findings, one combined JSON; marked copies only with --out
    naming a folder."""
    from addin.checks.batch import exit_code, many_validation_dict, validate_many
    from addin.checks.validate import default_marked_path

    with cycle_collection(True):  # each workbook is done with before the next
        results = validate_many(paths, args.year, args.institution, lang, jobs(args, len(paths)), progress(lang))
        if args.out and not args.no_copy:
            from addin.checks.marking import write_marked_copy

            for path, report in results:
                if not isinstance(report, str):
                    write_marked_copy(report, Path(path), Path(args.out) / default_marked_path(Path(path)).name,
                                      lang)
    data = many_validation_dict(results, lang)
    if args.format == "json":
        print_compact_json(data)
    else:
        for _path, report in results:
            print(report if isinstance(report, str) else render_report(report, lang))
        totals, counts = data["totals"], data["counts"]
        print(tn("many_validate_total", totals["workbooks"], lang, valid=totals["valid"], bad=totals["with_errors"],
                 unreadable=totals["unreadable"], errors=tn("n_errors", counts["error"], lang),
                 warnings=tn("n_warnings", counts["warning"], lang)))
    return exit_code(results)


def render_report(report, lang: str) -> str:
    """The findings as aligned text lines, then one summary line."""
    lines = []
    for f in report.findings:
        sev = t(f"severity:{f.severity}", lang)
        lines.append(f"{sev:<13} {f.cell or '—':<28} {f.rule:<24} {f.code:<14} {f.message(lang)}")
    if report.scope:
        sc = report.scope
        name = f"{sc['institution']} – {sc['name']}" if sc["institution"] != sc["name"] else sc["name"]
        years = ", ".join(map(str, sc["years"])) or "—"
        if sc["part"]:
            lines.append(tn("validate_scope_part", len(sc["activities"]), lang, institution=name, year=years))
        else:
            lines.append(tn("validate_scope_institution", len(sc["activities"]), lang, institution=name, years=years))
    counts = report.counts
    key = "validate_ok" if report.valid else "validate_bad"
    lines.append(t(key, lang, path=report.path, **counted(counts["error"], counts["warning"], lang)))
    return "\n".join(lines)


def cmd_summary(args: argparse.Namespace) -> int:
    paths = several(args)
    if paths is not None:
        return summary_several(args, paths)
    args.workbook = args.workbook[0]
    return summary_one(args)


def summary_several(args: argparse.Namespace, paths: list[Path]) -> int:
    """summary over several workbooks: one line (or one JSON record) per workbook and the totals per plan."""
    from addin.checks.batch import summarise_many
    from addin.figures.rollup import render_many

    lang = _lang(args)
    with cycle_collection(True):  # each workbook is done with before the next
        data = summarise_many(paths, args.year, lang, jobs(args, len(paths)), progress(lang))
    if args.format == "json":
        print_compact_json(data)
    else:
        print(render_many(data, lang))
    return 2 if data["unreadable"] else 0


def summary_one(args: argparse.Namespace) -> int:
    from addin.workbook.reader import open_workbook, sheets_read

    wb = open_workbook(args.workbook, prefetch=sheets_read(args.year, up_to=True), settle_later=True)
    # imported once the sheets are being read: the reading threads start 0.1 s earlier
    from addin.checks.validate import checked_summary
    from addin.figures.summary import render_summary_text

    text = args.format != "json"
    try:  # the text view: only what it prints is made (a few indicators' rows, the count of errors)
        data, _report = checked_summary(wb, args.year, text_only=text)
    except BaseException:
        wb.settle()  # a damaged part of the file is said first, as when every part was checked on opening
        raise
    wb.settle()
    if not text:
        print_compact_json(data)  # one line, strict JSON (never NaN/Infinity): megabytes for a large plan
    else:
        print(render_summary_text(data, _lang(args)))
    leave_to_exit(wb, data)
    return 0


def cmd_budget(args: argparse.Namespace) -> int:
    from addin.checks.validate import budget_rejected
    from addin.figures.budget import budget_dict, build_budget, parse_by, parse_years, render_budget_text
    from addin.workbook.reader import open_workbook, sheets_read

    lang = _lang(args)
    wb = open_workbook(args.workbook, prefetch=sheets_read())
    by = parse_by(args.by)
    data = build_budget(wb, parse_years(args.years, wb.plan, wb.path), budget_rejected(wb))
    if args.out:
        from addin.report.budget_export import write_budget

        out = write_budget(data, Path(args.out), Path(args.workbook), by=by, lang=lang, sep=args.sep)
        print(t("budget_written", lang, path=out), file=sys.stderr if args.format == "json" else sys.stdout)
    if args.format == "json":
        import json

        print(json.dumps(budget_dict(data, by, lang), ensure_ascii=False, indent=2))
    else:
        print(render_budget_text(data, by, lang))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from addin.report.render import ReportRequest, make_reports, parse_date, parse_formats

    req = ReportRequest(
        workbook=Path(args.workbook), year=args.year, out_dir=Path(args.out) if args.out else None,
        formats=parse_formats(args.format), lang=_lang(args), allow_errors=args.allow_errors,
        date=parse_date(args.date),
        docx_template=Path(args.docx_template) if args.docx_template else None,
        html_template=Path(args.html_template) if args.html_template else None,
        template_dir=Path(args.template_dir) if args.template_dir else None,
    )
    for path in make_reports(req):
        print(t("report_written", _lang(args), path=path))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="matrica", description="Matrica: monitorimi i planeve sociale të Bashkisë Elbasan.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="ndërto librat Excel nga teksti i planeve (build the plan workbooks)")
    b.add_argument("--plan", action="append", help="dosja e një plani (parazgjedhje: të gjitha planet e Matricës)")
    b.add_argument("--out", default="workbooks",
                   help="dosja ku shkruhen librat (parazgjedhje: workbooks/ në dosjen aktuale)")
    b.add_argument("--lang", choices=("sq", "en"), default="sq")
    b.set_defaults(func=cmd_build)

    o = sub.add_parser("overview", help="përmbledhje e planit në një ekran (one-screen plan overview)")
    o.add_argument("workbook", nargs="+")
    o.add_argument("--lang", choices=("sq", "en"), default="sq")
    o.set_defaults(func=cmd_overview)

    v = sub.add_parser("validate", help="kontrollo një libër të plotësuar (validate a filled workbook)")
    v.add_argument("workbook", nargs="+", help="një ose disa libra, ose një dosje (one or more workbooks, or a folder)")
    v.add_argument("--year", type=int, help="vetëm fleta e këtij viti (only this year's sheet)")
    v.add_argument("--format", choices=("text", "json"), default="text")
    v.add_argument("--lang", choices=("sq", "en"), default="sq")
    v.add_argument("--out", help="kopja e shënuar (parazgjedhje: <emri>-kontrolluar.xlsx pranë skedarit); me disa "
                                 "libra: dosja e kopjeve të shënuara (with several workbooks: their folder)")
    v.add_argument("--no-copy", action="store_true", help="mos shkruaj kopjen e shënuar (no marked copy)")
    v.add_argument("--jobs", type=int, default=0, help="me disa libra: sa procese njëherësh (parazgjedhje: një "
                                                        "për bërthamë kur librat janë më shumë se 5)")
    v.add_argument("--institution", help="vetëm rreshtat që raporton ky institucion (kodi ose emri); një pjesë "
                                         "kontrollohet gjithmonë si pjesë (only this institution's rows)")
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("summary", help="kostot dhe arritja e treguesve për një vit (costs and achievement)")
    s.add_argument("workbook", nargs="+", help="një ose disa libra, ose një dosje (one or more workbooks, or a folder)")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--jobs", type=int, default=0, help="me disa libra: sa procese njëherësh (parazgjedhje: një "
                                                        "për bërthamë kur librat janë më shumë se 5)")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.add_argument("--lang", choices=("sq", "en"), default="sq")
    s.set_defaults(func=cmd_summary)

    r = sub.add_parser("report", help="raporti vjetor në Word dhe HTML (annual report, Word and HTML)")
    r.add_argument("workbook")
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--out", help="dosja e raporteve (parazgjedhje: dosja e librit)")
    r.add_argument("--format", default="docx,html", help="docx, html ose docx,html")
    r.add_argument("--lang", choices=("sq", "en"), default="sq")
    r.add_argument("--allow-errors", action="store_true",
                   help="bëj një draft edhe me gabime në të dhëna (draft despite data errors)")
    r.add_argument("--date", help="data në kopertinë, VVVV-MM-DD (parazgjedhje: pa datë / no date)")
    r.add_argument("--docx-template", help="shablloni Word (parazgjedhje: raporti.docx i Matricës)")
    r.add_argument("--html-template", help="shablloni HTML (parazgjedhje: raporti.html.j2 i Matricës)")
    r.add_argument("--template-dir", help="dosje me shabllonet e bashkisë: raporti.docx / raporti.html.j2 aty "
                                          "zëvendësojnë ato të Matricës (override the shipped ones by name)")
    r.set_defaults(func=cmd_report)

    g = sub.add_parser("budget", help="planifikuar, alokuar dhe shpenzuar për periudhën e planit (budget view)")
    g.add_argument("workbook")
    g.add_argument("--years", help="p.sh. 2024-2027, 2025 ose 2024,2026 (parazgjedhje: gjithë periudha e planit)")
    g.add_argument("--by", default="field,source,institution,programme",
                   help="grupimet: field, source, institution, programme, reporter (të ndara me presje)")
    g.add_argument("--format", choices=("text", "json"), default="text")
    g.add_argument("--out", help="eksporti: SKEDARI.xlsx (tabelë Excel dhe fletë përmbledhëse me formula) ose "
                                 "SKEDARI.csv (UTF-8 me BOM)")
    g.add_argument("--sep", choices=(";", ","), default=";",
                   help="ndarësi i CSV-së: ';' (parazgjedhje, Excel me cilësime shqip/evropiane, presje dhjetore) "
                        "ose ',' (pikë dhjetore)")
    g.add_argument("--lang", choices=("sq", "en"), default="sq")
    g.set_defaults(func=cmd_budget)

    sp = sub.add_parser("split", help="një pjesë për çdo institucion përgjegjës (one part per institution)")
    sp.add_argument("workbook")
    sp.add_argument("--year", type=int, required=True)
    sp.add_argument("--out", required=True, help="dosja ku shkruhen pjesët (the folder for the parts)")
    sp.add_argument("--institution", action="append",
                    help="vetëm pjesa e këtij institucioni (kodi ose emri; mund të jepet disa herë)")
    sp.add_argument("--format", choices=("text", "json"), default="text")
    sp.add_argument("--lang", choices=("sq", "en"), default="sq")
    sp.set_defaults(func=cmd_split)

    mg = sub.add_parser("merge", help="bashko pjesët në një kopje të librit (merge the parts into a copy)")
    mg.add_argument("workbook", help="libri i planit (vetëm lexohet)")
    mg.add_argument("parts", nargs="+", metavar="PART", help="pjesët e plotësuara (vetëm lexohen)")
    mg.add_argument("--out", required=True, help="libri i bashkuar që shkruhet (a new file)")
    mg.add_argument("--year", type=int, help="viti (parazgjedhje: viti i pjesëve)")
    mg.add_argument("--format", choices=("text", "json"), default="text")
    mg.add_argument("--lang", choices=("sq", "en"), default="sq")
    mg.set_defaults(func=cmd_merge)

    n = sub.add_parser("new-year", help="shto fletën e monitorimit për një vit (add a year's monitoring sheet)")
    n.add_argument("workbook")
    n.add_argument("--year", type=int, required=True)
    n.add_argument("--out", required=True)
    n.add_argument("--lang", choices=("sq", "en"), default="sq")
    n.set_defaults(func=cmd_new_year)
    return p


def named(message: str, workbook: str | list[str] | None) -> str:
    """Every message names the file it is about: a message that does not yet is prefixed with the workbook."""
    books = [workbook] if isinstance(workbook, str) else list(workbook or [])
    if not books or any(b in message or Path(b).name in message for b in books):
        return message
    return f"{books[0]}: {message}"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    lang = _lang(args)
    try:
        with cycle_collection(False):  # one workbook's objects live until the end (see cycle_collection)
            return args.func(args)
    except MatricaError as exc:
        message = exc.message(lang)
        print(message if "path" in exc.values else named(message, getattr(args, "workbook", None)), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`matrica summary … | head`): nothing more to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last guard: a person sees a sentence, not a traceback
        if os.environ.get("MATRICA_DEBUG"):
            raise
        path = getattr(args, "workbook", None) or "—"
        path = ", ".join(map(str, path)) if isinstance(path, list) else path
        print(t("unexpected", lang, path=path, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 3


def run() -> None:
    """The console command `matrica`: `main`, then the process ends as soon as what it printed is out, without
    freeing one by one the objects the command made (`leave_to_exit`) and without a last pass of the cycle
    collector over them (it stays off: switching it back on after a command costs a pass over every object the
    command made, 0.01 s at 100 times the plan). Every file a command writes is closed (and renamed into place)
    before `main` returns."""
    global _left_to_exit
    _left_to_exit = []
    gc.disable()  # `cycle_collection` restores it as off; runs over several workbooks switch it on for a while
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away, or a stream was closed: nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
