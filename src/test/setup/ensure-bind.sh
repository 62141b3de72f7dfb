#!/usr/bin/env bash
# Run by ./mvnw verify before the tests: the RFC 2136 tests need BIND 9 (named) and dig.
# Installs Debian's bind9 and bind9-dnsutils when missing and the build runs as root with apt-get;
# otherwise says what to install (the BIND tests then fail with the same message).
set -u
if command -v named >/dev/null 2>&1 || [ -x /usr/sbin/named ]; then
  if command -v dig >/dev/null 2>&1; then exit 0; fi
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[ensure-bind] installing bind9 and bind9-dnsutils for the RFC 2136 tests"
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q bind9 bind9-dnsutils >/dev/null \
    && exit 0
fi
echo "[ensure-bind] BIND 9 is not installed: install bind9 and bind9-dnsutils (apt-get install -y bind9 bind9-dnsutils)"
exit 0
