"""Build one workbook per plan under the repository's workbooks/ from the plan text in addin/plan/data/.

Usage: python scripts/build_workbooks.py [--plan FOLDER ...] [--out DIR]
Stops with the file and line named when a row of the plan text is malformed.
"""

import sys
from pathlib import Path

from addin.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--out" not in args:
        args += ["--out", str(Path(__file__).resolve().parent.parent / "workbooks")]
    sys.exit(main(["build", *args]))
