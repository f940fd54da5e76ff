#!/usr/bin/env bash
# Installs what lkip needs on a fresh Debian machine (Python 3.11+): Debian packages, then a venv.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
command -v chromium >/dev/null 2>&1 || need+=(chromium)  # the HTML report test takes a screenshot
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)  # lkipsynth: .docx -> .pdf
[ -e /usr/share/tesseract-ocr/5/tessdata/ind.traineddata ] || [ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/ind.traineddata 2>/dev/null)" ] || need+=(tesseract-ocr-ind)
PY=${PYTHON:-python3}
"$PY" -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  $PY -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
