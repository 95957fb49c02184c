"""Build one workbook per plan under workbooks/ from the plan text in addin/plan/data/.

Usage: python scripts/build_workbooks.py [--plan FOLDER ...] [--out DIR]
Stops with the file and line named when a row of the plan text is malformed.
"""

import sys

from addin.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
