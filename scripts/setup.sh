#!/usr/bin/env bash
# Create .venv at the repository root and install Matrica into it (editable).
#   scripts/setup.sh          the package and what it needs to run
#   scripts/setup.sh --test   also the test tools, LibreOffice and Chromium (Debian packages)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
    bash scripts/install-system-deps.sh
else
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
fi
