"""The `matrica` terminal command: a thin edge over the core."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from addin.messages import MatricaError, t

ROOT = Path(__file__).resolve().parent.parent


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", "sq") or "sq"


def cmd_build(args: argparse.Namespace) -> int:
    from addin.build import build_workbook
    from addin.plan import PlanSourceError, load_plan, plan_folders

    folders = [Path(p) for p in args.plan] if args.plan else plan_folders()
    for folder in folders:
        try:
            plan = load_plan(folder)
        except PlanSourceError as exc:
            raise MatricaError("plan_source", path=exc.path, line=exc.line, detail=exc.message) from None
        out = Path(args.out) / f"{plan.id}.xlsx"
        build_workbook(plan, out)
        print(t("built", _lang(args), path=out))
    return 0


def cmd_overview(args: argparse.Namespace) -> int:
    from addin.overview import overview, render_overview
    from addin.reader import open_workbook

    for i, path in enumerate(args.workbook):
        if i:
            print("\n" + "─" * 78 + "\n")
        print(render_overview(overview(open_workbook(path)), _lang(args)))
    return 0


def cmd_new_year(args: argparse.Namespace) -> int:
    from addin.newyear import new_year

    out = new_year(Path(args.workbook), args.year, Path(args.out))
    print(t("written", _lang(args), path=out))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from addin.reader import open_workbook
    from addin.summary import build_summary, render_summary_text

    data = build_summary(open_workbook(args.workbook), args.year)
    if args.format == "json":
        import json

        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_summary_text(data, _lang(args)))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="matrica", description="Matrica: monitorimi i planeve sociale të Bashkisë Elbasan.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="ndërto librat Excel nga teksti i planeve (build the plan workbooks)")
    b.add_argument("--plan", action="append", help="dosja e një plani (parazgjedhje: të gjitha planet e Matricës)")
    b.add_argument("--out", default=str(ROOT / "workbooks"), help="dosja ku shkruhen librat")
    b.add_argument("--lang", choices=("sq", "en"), default="sq")
    b.set_defaults(func=cmd_build)

    o = sub.add_parser("overview", help="përmbledhje e planit në një ekran (one-screen plan overview)")
    o.add_argument("workbook", nargs="+")
    o.add_argument("--lang", choices=("sq", "en"), default="sq")
    o.set_defaults(func=cmd_overview)

    s = sub.add_parser("summary", help="kostot dhe arritja e treguesve për një vit (costs and achievement)")
    s.add_argument("workbook")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.add_argument("--lang", choices=("sq", "en"), default="sq")
    s.set_defaults(func=cmd_summary)

    n = sub.add_parser("new-year", help="shto fletën e monitorimit për një vit (add a year's monitoring sheet)")
    n.add_argument("workbook")
    n.add_argument("--year", type=int, required=True)
    n.add_argument("--out", required=True)
    n.add_argument("--lang", choices=("sq", "en"), default="sq")
    n.set_defaults(func=cmd_new_year)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    lang = _lang(args)
    try:
        return args.func(args)
    except MatricaError as exc:
        print(exc.message(lang), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: a person sees a sentence, not a traceback
        if os.environ.get("MATRICA_DEBUG"):
            raise
        path = getattr(args, "workbook", None) or "—"
        print(t("unexpected", lang, path=path, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
