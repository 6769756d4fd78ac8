#!/usr/bin/env bash
# Usage: need-debian-packages.sh WHAT "COMMANDS" "FILES" "PACKAGES"
# Checks that every command and file is present; if not, installs PACKAGES with apt-get when run as
# root, or prints the apt-get line and fails otherwise. Used by `make tex` and `make browser`.
set -euo pipefail
what=$1 commands=$2 files=$3 packages=$4
missing=""
for command in $commands; do command -v "$command" >/dev/null || missing="$missing $command"; done
for file in $files; do test -e "$file" || missing="$missing $file"; done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "Installing the $what packages (missing:$missing)"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages
else
    echo "The $what needs tools that are missing:$missing. Install them with:"
    echo "  sudo apt-get install --no-install-recommends $packages"
    exit 1
fi
