#!/usr/bin/env bash
# Create .venv and install the pinned runtime packages and build_decks itself (editable).
# `bootstrap.sh test` also installs the test-only packages of requirements-test.lock (anki,
# which is AGPL, playwright, pypdf, hypothesis, ...): `make all` never needs them.
# Called by the Makefile; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
pip() { .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@"; }
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating the virtualenv .venv with $($python --version)"
  "$python" -m venv .venv
fi
if [ "${1:-}" = test ]; then
  echo "bootstrap: installing the pinned test-only packages of requirements-test.lock (pip)"
  pip -r requirements-test.lock
  exit 0
fi
echo "bootstrap: installing the pinned runtime packages of requirements.lock into .venv (pip)"
pip -r requirements.lock
echo "bootstrap: installing build_decks into .venv (editable)"
pip --no-deps -e .
