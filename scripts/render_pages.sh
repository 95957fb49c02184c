#!/usr/bin/env bash
# PNG pages of both example reports, for anyone reviewing a change to the report or its templates:
#   - the Word report as LibreOffice prints it (headless, with Carlito/Caladea, metric-compatible with Calibri and
#     Cambria), one PNG per page: <out>/<report>/word-NN.png;
#   - the HTML report as headless Chromium shows it, the whole page at 1280 px (desktop) and at 390 px (phone):
#     <out>/<report>/html-1280.png, html-390.png.
#
#   bash scripts/render_pages.sh [OUT_DIR]        (default: out/pages)
#
# It builds the workbooks, the example workbooks and the reports afresh from the current code (the first command's
# steps) in a temporary folder, never touching workbooks/ or out/. Needs what scripts/setup.sh --test installs
# (LibreOffice, Chromium, poppler).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out/pages}
DPI=${DPI:-70}

[ -x .venv/bin/matrica ] || bash scripts/setup.sh
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "$tool mungon: bash scripts/setup.sh --test e instalon" >&2; exit 2; }
done
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "Chromium mungon: bash scripts/setup.sh --test e instalon" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT" "$WORK/reports"

.venv/bin/matrica build --out "$WORK/workbooks" >/dev/null
.venv/bin/python scripts/make_example.py --workbooks "$WORK/workbooks" >/dev/null
declare -A YEAR=([plani-rom-egjiptian-2024-2027]=2025 [plani-social-2023-2026]=2023)
for plan in "${!YEAR[@]}"; do
    .venv/bin/matrica report "$WORK/workbooks/$plan-shembull.xlsx" --year "${YEAR[$plan]}" --out "$WORK/reports" \
        >/dev/null
done

for docx in "$WORK"/reports/*.docx; do
    name=$(basename "$docx" .docx)
    dest="$OUT/$name"
    rm -rf "$dest"
    mkdir -p "$dest"
    soffice "-env:UserInstallation=file://$WORK/lo-profile" --headless --norestore --convert-to pdf \
        --outdir "$WORK" "$docx" >/dev/null 2>&1
    pdftoppm -r "$DPI" -png "$WORK/$name.pdf" "$dest/word"
    html="$WORK/reports/$name.html"
    for width in 1280 390; do
        # a tall window, then the blank part below the page is cut off
        "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
            --hide-scrollbars "--user-data-dir=$WORK/chromium" "--window-size=$width,16000" \
            "--screenshot=$dest/html-$width.png" "file://$html" >/dev/null 2>&1
        .venv/bin/python - "$dest/html-$width.png" <<'PY'
import sys
from PIL import Image, ImageChops

path = sys.argv[1]
img = Image.open(path).convert("RGB")
box = ImageChops.difference(img, Image.new("RGB", img.size, (255, 255, 255))).getbbox()
if box:
    img.crop((0, 0, img.width, min(img.height, box[3] + 24))).save(path)
PY
    done
    echo "$dest: $(ls "$dest" | grep -c '^word-') faqe Word, HTML 1280 px dhe 390 px"
done
