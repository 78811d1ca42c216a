#!/bin/sh
# MathJax 3 from npm, as Anki ships it (Anki's package.json: "mathjax": "^3.1.2"), into a cache
# under build/ for the tests that typeset rendered cards in Chromium the way Anki does
# (tests/anki_mathjax.py). Prints the folder of the browser bundles (es5/).
set -eu
VERSION=3.2.2
HERE=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${MATHJAX_CACHE:-$HERE/build/mathjax-$VERSION}
BUNDLE=$CACHE/node_modules/mathjax/es5/tex-chtml-full.js
if [ ! -f "$BUNDLE" ]; then
    command -v npm >/dev/null 2>&1 || {
        echo "scripts/mathjax.sh: npm is needed (apt-get install npm)" >&2; exit 1; }
    mkdir -p "$CACHE"
    npm install --prefix "$CACHE" --no-audit --no-fund --no-save --loglevel=error \
        "mathjax@$VERSION" >&2
fi
echo "$CACHE/node_modules/mathjax/es5"
