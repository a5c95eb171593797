#!/usr/bin/env bash
# Installs the OS libraries WeasyPrint needs (Pango, HarfBuzz subsetting), the fonts certificates use, gettext,
# and with MELAYANI_E2E=1 Chromium for the browser tests.
# On Debian/Ubuntu as root (or with sudo) it installs what is missing; otherwise it names the packages and fails.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-noto-core gettext)
# Certificate tests read PDFs (poppler-utils: pdftotext, pdffonts, pdftoppm) and decode QR codes (zbar-tools: zbarimg).
packages+=(poppler-utils zbar-tools)
# `make e2e` also needs a browser: Debian's Chromium, driven by Playwright (which must never download one).
[ "${MELAYANI_E2E:-0}" = "1" ] && packages+=(chromium)
# `make bench` drives the page benchmark with wrk (it falls back to a slower Python client without it).
[ "${MELAYANI_BENCH:-0}" = "1" ] && packages+=(wrk)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Melayani needs these OS packages (names as on Debian/Ubuntu): ${missing[*]}" >&2
  echo "Install Pango, HarfBuzz (with subsetting), the Liberation and Noto fonts and gettext with your package manager." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_cmd=(sudo -n)
else
  echo "Melayani needs these OS packages; run as root or install them:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing OS packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
