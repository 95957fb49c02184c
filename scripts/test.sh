#!/usr/bin/env bash
# Second command of the README: set up everything the tests need, then run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check addin scripts tests
.venv/bin/python -m pytest "$@"
