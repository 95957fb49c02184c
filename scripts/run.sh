#!/usr/bin/env bash
# First command of the README: set up, build the Elbasan workbooks and the example workbooks, and make the annual
# monitoring reports (Word and HTML) from the example year of each plan, and the budget view of each example as .xlsx.
# The example data is illustrative ("SHEMBULL"), and every page of those reports and sheets says so.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/matrica build
.venv/bin/python scripts/make_example.py
mkdir -p out
.venv/bin/matrica report workbooks/plani-rom-egjiptian-2024-2027-shembull.xlsx --year 2025 --out out
.venv/bin/matrica report workbooks/plani-social-2023-2026-shembull.xlsx --year 2023 --out out
# The budget directorate's view of each example as an Excel file (a table and summary sheets of formulas).
for plan in plani-rom-egjiptian-2024-2027 plani-social-2023-2026; do
    .venv/bin/matrica budget "workbooks/$plan-shembull.xlsx" --out "out/buxheti-$plan-shembull.xlsx" >/dev/null
    echo "U shkrua: out/buxheti-$plan-shembull.xlsx"
done
echo
echo "Raportet (Word dhe HTML) janë në dosjen out/; hapeni HTML-në në shfletues, .docx-in në Word."
echo "Buxheti: .venv/bin/matrica budget workbooks/plani-rom-egjiptian-2024-2027-shembull.xlsx (ose hapni out/buxheti-*.xlsx)."
