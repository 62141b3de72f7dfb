#!/usr/bin/env bash
# Run by ./mvnw verify before the tests: the RFC 2136 tests need BIND 9 (named) and dig; the GSS-TSIG tests a MIT
# Kerberos KDC (krb5kdc, kdb5_util, kadmin.local) and faketime (a KDC with a skewed clock).
# Installs the Debian packages when missing and the build runs as root with apt-get; otherwise says what to install
# (the tests that need them then fail with the same message).
set -u
missing=()
{ command -v named >/dev/null 2>&1 || [ -x /usr/sbin/named ]; } || missing+=(bind9)
command -v dig >/dev/null 2>&1 || missing+=(bind9-dnsutils)
[ -x /usr/sbin/krb5kdc ] || missing+=(krb5-kdc)
[ -x /usr/sbin/kadmin.local ] || missing+=(krb5-admin-server)
[ -x /usr/bin/faketime ] || missing+=(faketime)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[ensure-bind] installing ${missing[*]} for the RFC 2136 and GSS-TSIG tests"
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
    && exit 0
fi
echo "[ensure-bind] missing: ${missing[*]} (apt-get install -y ${missing[*]})"
exit 0
