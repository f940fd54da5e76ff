#!/usr/bin/env bash
# Sets up, then reviews the bundled sample LKIP (OCR text of the Sibolga 2024 report).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 2
.venv/bin/lkip check samples/sibolga-diskopukmnaker-lkip-2024.ocr.txt "$@"
rc=$?
# exit 1 means "the report has errors", which is what the sample is for
[ $rc -le 1 ] && exit 0 || exit $rc
