#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium, where the e2e tests and the web benchmark
# expect it. Playwright cannot download its own browser here, so the distribution's package is
# the browser. As root it installs the package; otherwise it fails loudly, because a test run
# that silently skipped the browser tests would look green while testing nothing.
set -euo pipefail

CHROMIUM="${E2E_CHROMIUM:-/usr/bin/chromium}" # the harness reads the same variable

if [ -x "$CHROMIUM" ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "ensure-chromium: $CHROMIUM is missing." >&2
	echo "ensure-chromium: install Debian's chromium package: sudo apt-get install chromium" >&2
	exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available." >&2
	echo "ensure-chromium: install Debian's chromium package: sudo apt-get install chromium" >&2
	exit 1
fi

echo "ensure-chromium: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium

if [ ! -x "$CHROMIUM" ]; then
	echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
	exit 1
fi
