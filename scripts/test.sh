#!/usr/bin/env bash
# Sets up, then runs the linter, the type checker and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/mypy  # lkip and lkipsynth, at the level set in pyproject.toml [tool.mypy]
.venv/bin/python -m pytest -q "$@"
