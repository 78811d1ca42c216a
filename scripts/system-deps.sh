#!/usr/bin/env bash
# Install the Debian packages build_decks needs and pip cannot provide:
#   always:              fonts (DejaVu) and Pango, used by WeasyPrint for the PDFs
#   with `chromium`:     Debian's chromium, driven by Playwright in the HTML tests
# Installs nothing when everything is there already.
set -euo pipefail
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
need=()
wanted=(fonts-dejavu-core fontconfig libpango-1.0-0 libpangoft2-1.0-0)
[ "${1:-}" = chromium ] && wanted+=(chromium)
for package in "${wanted[@]}"; do
  installed "$package" || need+=("$package")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "system-deps: installing Debian packages: ${need[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "system-deps: need root (or sudo) to apt-get install ${need[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "system-deps: installed ${need[*]}"
