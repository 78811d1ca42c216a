#!/usr/bin/env bash
# Create .venv and install the pinned Python packages and build_decks itself (editable).
# Called by the Makefile; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating the virtualenv .venv with $($python --version)"
  "$python" -m venv .venv
fi
echo "bootstrap: installing the pinned packages of requirements.lock into .venv (pip)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
echo "bootstrap: installing build_decks into .venv (editable)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
