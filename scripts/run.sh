#!/usr/bin/env bash
# First command of the README: set up, build the Elbasan workbooks, run the main job on them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/matrica build
.venv/bin/matrica overview workbooks/plani-social-2023-2026.xlsx workbooks/plani-rom-egjiptian-2024-2027.xlsx
