#!/usr/bin/env bash
# Usage: install-debian-packages.sh WHAT PACKAGE[:PROBE] ...
#
# Installs, with apt-get, only those Debian packages whose probe fails:
#   PACKAGE:/absolute/path   the file is missing
#   PACKAGE:command          the command is not on PATH (whoever installed it: Debian or not)
#   PACKAGE                  dpkg does not list the package as installed
# Asking only for what is missing matters: a machine whose Node.js and npm do not come from Debian
# (NodeSource, nvm) cannot take Debian's npm, and apt refuses the whole request if npm is in it.
# As root the script installs; otherwise it prints the apt-get line and fails.
# Used by `make tex` and `make browser`; tests/test_install.py runs it with a stubbed apt-get.
set -euo pipefail
what=$1
shift
missing=()
for spec in "$@"; do
    package=${spec%%:*}
    probe=${spec#*:}
    if [ "$probe" = "$spec" ]; then
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        [ "$status" = "install ok installed" ] || missing+=("$package")
    elif [ "${probe:0:1}" = / ]; then
        [ -e "$probe" ] || missing+=("$package")
    else
        command -v "$probe" >/dev/null || missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "Installing the Debian packages for the $what: ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    echo "The $what need Debian packages that are missing. Install them with:"
    echo "  sudo apt-get install --no-install-recommends ${missing[*]}"
    exit 1
fi
