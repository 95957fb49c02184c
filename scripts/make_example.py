"""Build the example workbooks: each bundled plan workbook filled with the example values of
`workbooks/examples/<plan>-shembull.csv`, written to `workbooks/<plan>-shembull.xlsx` and marked as example data.

    .venv/bin/python scripts/make_example.py [--workbooks DIR] [--out DIR]

The plan workbook is built first when it is missing. The example values are illustrative, not real data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from addin.plan.model import bundled_plans  # noqa: E402
from addin.workbook.build import build_workbook  # noqa: E402
from addin.workbook.example import example_workbook_path, make_example_workbook  # noqa: E402

EXAMPLES = ROOT / "workbooks" / "examples"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--workbooks", default=str(ROOT / "workbooks"), help="where the plan workbooks are")
    p.add_argument("--examples", default=str(EXAMPLES), help="where the example CSV files are")
    p.add_argument("--out", help="where to write the example workbooks (default: --workbooks)")
    args = p.parse_args(argv)
    workbooks, out_dir = Path(args.workbooks), Path(args.out or args.workbooks)
    plans = bundled_plans()
    for csv_path in sorted(Path(args.examples).glob("*-shembull.csv")):
        plan_id = csv_path.name.removesuffix("-shembull.csv")
        if plan_id not in plans:
            print(f"{csv_path}: no bundled plan {plan_id!r}", file=sys.stderr)
            return 2
        src = workbooks / f"{plan_id}.xlsx"
        if not src.exists():
            build_workbook(plans[plan_id], src)
        out = make_example_workbook(src, csv_path, example_workbook_path(out_dir, plan_id))
        print(f"U ndërtua libri shembull: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
