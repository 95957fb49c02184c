#!/usr/bin/env bash
# First command of the README: set up, build the Elbasan workbooks and the example workbooks, and make the annual
# monitoring reports (Word and HTML) from the example year of each plan. The example data is illustrative
# ("SHEMBULL"), and every page of those reports says so.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/matrica build
.venv/bin/python scripts/make_example.py
mkdir -p out
.venv/bin/matrica report workbooks/plani-rom-egjiptian-2024-2027-shembull.xlsx --year 2025 --out out
.venv/bin/matrica report workbooks/plani-social-2023-2026-shembull.xlsx --year 2023 --out out
echo
echo "Raportet (Word dhe HTML) janë në dosjen out/; hapeni HTML-në në shfletues, .docx-in në Word."
