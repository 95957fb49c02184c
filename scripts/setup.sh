#!/usr/bin/env bash
# Create .venv at the repository root and install Matrica into it (editable), with the Excel extra (xlwings, olefile),
# so scripts/build_addin.py and scripts/build_lite.py work right after it.
#   scripts/setup.sh          the package and what it needs to run
#   scripts/setup.sh --test   also the test tools, LibreOffice, Chromium, Node (Debian packages), and what the tests
#                             need offline: a wheelhouse and Pyodide (scripts/fetch_offline.py)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[excel,test]"
    bash scripts/install-system-deps.sh
    .venv/bin/python scripts/fetch_offline.py
else
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[excel]"
fi
# Compile the package once, as a user's first run would: every later command starts without compiling it again
# (pip does not compile an editable install; with PYTHONDONTWRITEBYTECODE set, Python would compile on every run).
.venv/bin/python -m compileall -q addin
