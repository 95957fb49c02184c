#!/usr/bin/env bash
# The programs the tests drive for real: LibreOffice (headless, and its Python bridge python3-uno for typing into
# workbooks as a person would), Chromium (headless), poppler (pdftotext, pdftoppm), and the fonts metric-compatible
# with Calibri and Cambria (Carlito, Caladea) so LibreOffice lays out the Word report as Word would; Node and npm,
# which run Pyodide for the xlwings Lite tests.
set -euo pipefail

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc libreoffice-writer)
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || need+=(python3-uno)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi carlito || need+=(fonts-crosextra-carlito)
fc-list 2>/dev/null | grep -qi caladea || need+=(fonts-crosextra-caladea)
[ ${#need[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing Debian packages: ${need[*]}"
# Wait for another apt run (a parallel set-up) rather than fail on its lock.
$SUDO apt-get -o DPkg::Lock::Timeout=900 update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends \
    "${need[@]}" >/dev/null
