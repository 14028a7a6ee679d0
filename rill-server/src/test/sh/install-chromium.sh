#!/bin/sh
# Installs Debian's Chromium and its WebDriver for the browser tests when they are missing.
# Needs root (CI and the developers' machines run as root).
set -e
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-chromium: chromium and chromium-driver are missing and installing them needs root:" >&2
  echo "  apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium chromium-driver
