#!/usr/bin/env bash
# Container smoke test (README "Deploy"; run by .ci/run after the tests). Builds the image from the packaged app,
# runs it against the project's own ARM stand-in — the sandbox, packaged with the dev build profile and run outside
# the container on loopback, over https with its managed-identity endpoint — and checks: ready, a record written,
# the process user is not root, the root file system is read-only, and SIGTERM stops it within the grace period.
# SMOKE_MEMORY=1 also prints the RSS at 1 and 101 instances; SMOKE_JAVA_OPTS adds JVM options (to try flags).
# Needs root (or rootless podman), podman, runc and mmdebstrap (installed here from Debian when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${SMOKE_WORK:-/tmp/apim-dns-sync-smoke}
IMAGE=localhost/apim-dns-sync:smoke
BASE=${BASE_IMAGE:-localhost/debian-jre:17}
NAME=apim-dns-sync-smoke
ARM=18743
GRACE=30
PODMAN=(podman --runtime runc --cgroup-manager cgroupfs)
mkdir -p "$WORK"

say() { echo "[smoke] $*"; }
fail() { say "FAILED: $*"; "${PODMAN[@]}" logs "$NAME" 2>/dev/null | tail -40 || true; tail -40 "$WORK/stand-in.log" || true; exit 1; }

if ! command -v podman >/dev/null || ! command -v mmdebstrap >/dev/null || ! command -v runc >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman mmdebstrap runc uidmap fuse-overlayfs
fi

# The packaged daemon and the stand-in (the same code with the sandbox beans): ./mvnw verify builds both; they are
# built again when missing or older than a source file or the pom (never a stale image).
stale() { [ ! -f "$1" ] || [ -n "$(find src pom.xml -newer "$1" -print -quit)" ]; }
if stale target/quarkus-app/quarkus-run.jar || stale target/sandbox-app/quarkus-run.jar; then
  say "packaging the daemon and the stand-in"
  ./mvnw -B -q package -DskipTests
  ./mvnw -B -q package -DskipTests -Dquarkus.profile=dev -Dquarkus.package.output-directory=sandbox-app
fi

# A Java 17 base image from Debian's packages (no container registry here); BASE_IMAGE picks another.
if ! podman image exists "$BASE"; then
  say "building $BASE from Debian packages"
  mmdebstrap --variant=apt --include=openjdk-17-jre-headless,ca-certificates bookworm "$WORK/base.tar"
  podman import "$WORK/base.tar" "$BASE"
fi
say "building $IMAGE"
podman build --isolation=chroot --build-arg BASE_IMAGE="$BASE" -f deployment/Dockerfile -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
  || { tail -30 "$WORK/build.log"; fail "image build"; }

cleanup() {
  "${PODMAN[@]}" rm -f "$NAME" >/dev/null 2>&1 || true
  [ -n "${STANDIN:-}" ] && kill "$STANDIN" 2>/dev/null || true
}
trap cleanup EXIT

say "starting the ARM stand-in on https://localhost:$ARM"
java -Dquarkus.profile=dev -Dquarkus.http.port=18780 -Dquarkus.management.port=18790 \
  -Dapim-dns-sync.sandbox.port=$ARM -Dapim-dns-sync.sandbox.tls-key-store=src/test/resources/tls/sandbox-keystore.p12 \
  -Dapim-dns-sync.sandbox.dns.port=18754 -Dapim-dns-sync.sandbox.bind.enabled=false \
  -Dapim-dns-sync.sandbox.events-webhook-url=http://localhost:8080/api/v1/events?code=smoke-secret \
  -Dapim-dns-sync.reconcile.enabled=false -Dapim-dns-sync.events.watch.enabled=false \
  -Dapim-dns-sync.sweep.enabled=false \
  -jar target/sandbox-app/quarkus-run.jar >"$WORK/stand-in.log" 2>&1 &
STANDIN=$!
for _ in $(seq 1 60); do curl -ksf "https://localhost:$ARM/sandbox/zones" >/dev/null 2>&1 && break; sleep 1; done
curl -ksf "https://localhost:$ARM/sandbox/zones" >/dev/null || fail "the stand-in did not start"

say "running $IMAGE"
SUB=00000000-0000-0000-0000-000000000000
"${PODMAN[@]}" rm -f "$NAME" >/dev/null 2>&1 || true
"${PODMAN[@]}" run -d --name "$NAME" --ulimit nofile=1024:1024 --ulimit nproc=1000:1000 --network host \
  --read-only --tmpfs /tmp:rw,size=64m --stop-timeout "$GRACE" \
  -v "$PWD/src/test/resources/tls/sandbox-truststore.p12:/etc/apim-dns-sync/truststore.p12:ro" \
  -e IDENTITY_ENDPOINT="https://localhost:$ARM/sandbox/msi/token" -e IDENTITY_HEADER=sandbox-identity-header \
  -e JAVA_OPTS_APPEND="-Djavax.net.ssl.trustStore=/etc/apim-dns-sync/truststore.p12 -Djavax.net.ssl.trustStorePassword=sandbox -Djavax.net.ssl.trustStoreType=PKCS12 -Dapim-dns-sync.policy=sync -Dapim-dns-sync.azure.cloud=custom -Dapim-dns-sync.azure.resource-manager-endpoint=https://localhost:$ARM/ -Dapim-dns-sync.azure.token-audience=https://management.sandbox.example/ -Dapim-dns-sync.instances.discovery[0].subscription=$SUB -Dapim-dns-sync.private-dns-zone-discovery[0].subscription=$SUB -Dapim-dns-sync.private-dns-zone-discovery[0].resource-group=rg-dns -Dapim-dns-sync.api.exposure=management -Dquarkus.oidc.tenant-enabled=false -Dapim-dns-sync.events.webhook.secret=smoke-secret ${SMOKE_JAVA_OPTS:-}" \
  "$IMAGE" >/dev/null || fail "podman run"

for _ in $(seq 1 120); do curl -sf localhost:9000/q/health/ready >/dev/null 2>&1 && break; sleep 1; done
curl -sf localhost:9000/q/health/ready >/dev/null || fail "/q/health/ready is not UP"
say "ready"

gateway() {
  curl -ksf "https://localhost:$ARM/sandbox/zones" | python3 -c \
    'import json,sys; print(",".join(json.load(sys.stdin).get("contoso.azure-api.net", {}).get("@", {}).get("ips", [])))'
}
for _ in $(seq 1 30); do [ "$(gateway)" = "10.1.0.10" ] && break; sleep 1; done
[ "$(gateway)" = "10.1.0.10" ] || fail "the gateway record was not written (holds '$(gateway)')"
say "record written"

uid=$("${PODMAN[@]}" exec "$NAME" sh -c 'awk "/^Uid:/ {print \$2}" /proc/1/status')
[ "$uid" = "1001" ] || fail "the daemon runs as UID $uid, not the image's 1001"
say "process user: $uid (the image's USER)"
"${PODMAN[@]}" exec "$NAME" sh -c 'awk "\$2 == \"/\" {print \$4}" /proc/mounts' | grep -q '^ro' \
  || fail "the root file system is not mounted read-only"
if "${PODMAN[@]}" exec -u 0 "$NAME" sh -c 'touch /x' >/dev/null 2>&1; then fail "even root can write /"; fi
"${PODMAN[@]}" exec "$NAME" sh -c 'touch /tmp/x' || fail "/tmp is not writable"
say "root file system read-only, /tmp writable"

rss() { "${PODMAN[@]}" exec "$NAME" sh -c 'awk "/^VmRSS:/ {print int(\$2/1024)}" /proc/1/status'; }
if [ "${SMOKE_MEMORY:-0}" = "1" ]; then
  # The memory figures of BENCHMARKS.md: RSS with the image's JVM flags at 1 instance, then at 101 (each with its 7
  # names in zones of their own), once converged and after a resync round.
  say "RSS at 1 instance: $(rss) MB"
  for i in $(seq 0 99); do
    vnet="/subscriptions/$SUB/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-fleet$i"
    for z in "" portal. developer. management. scm.; do
      curl -ksf -X PUT "https://localhost:$ARM/sandbox/zones" -H 'Content-Type: application/json' -d \
        "{\"id\":\"/subscriptions/$SUB/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/fleet$i.${z}azure-api.net\",\"links\":[\"$vnet\"]}" >/dev/null
    done
    curl -ksf -X PUT "https://localhost:$ARM/sandbox/services" -H 'Content-Type: application/json' -d \
      "{\"id\":\"/subscriptions/$SUB/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/fleet$i\",\"name\":\"fleet$i\",\"type\":\"Microsoft.ApiManagement/service\",\"location\":\"West Europe\",\"etag\":\"AAAA\",\"tags\":{},\"properties\":{\"provisioningState\":\"Succeeded\",\"gatewayUrl\":\"https://fleet$i.azure-api.net\",\"portalUrl\":\"https://fleet$i.portal.azure-api.net\",\"developerPortalUrl\":\"https://fleet$i.developer.azure-api.net\",\"managementApiUrl\":\"https://fleet$i.management.azure-api.net\",\"scmUrl\":\"https://fleet$i.scm.azure-api.net\",\"publicIPAddresses\":[\"20.9.0.$((i+1))\"],\"privateIPAddresses\":[\"10.9.0.$((i+1))\"],\"virtualNetworkConfiguration\":{\"subnetResourceId\":\"$vnet/subnets/snet-apim\"},\"virtualNetworkType\":\"Internal\"},\"sku\":{\"name\":\"Developer\",\"capacity\":1}}" >/dev/null
  done
  curl -sf -X POST localhost:9000/api/v1/reconcile >/dev/null || true # a round: discovers the zones, writes
  for _ in $(seq 1 180); do
    n=$(curl -ksf "https://localhost:$ARM/sandbox/zones" | python3 -c 'import json,sys; z=json.load(sys.stdin); print(sum(1 for k,v in z.items() if k.startswith("fleet") and v))')
    [ "$n" -ge 500 ] && break
    sleep 1
  done
  curl -sf -X POST localhost:9000/api/v1/reconcile >/dev/null || true # a steady round
  sleep 20
  say "RSS at 101 instances ($n fleet zones written), after a steady round: $(rss) MB"
fi

start=$(date +%s)
"${PODMAN[@]}" kill --signal TERM "$NAME" >/dev/null
for _ in $(seq 1 "$GRACE"); do
  [ "$("${PODMAN[@]}" inspect -f '{{.State.Running}}' "$NAME")" = "false" ] && break
  sleep 1
done
[ "$("${PODMAN[@]}" inspect -f '{{.State.Running}}' "$NAME")" = "false" ] || fail "still running ${GRACE}s after SIGTERM"
took=$(( $(date +%s) - start ))
code=$("${PODMAN[@]}" inspect -f '{{.State.ExitCode}}' "$NAME")
"${PODMAN[@]}" logs "$NAME" 2>&1 | grep -q "stopped in" || fail "no orderly shutdown in the log"
# 143: the JVM ends on SIGTERM after its orderly shutdown (checked in the log above); anything else is a failure.
[ "$code" = "143" ] || [ "$code" = "0" ] || fail "exit code $code after SIGTERM"
say "SIGTERM: stopped in ${took}s, exit code $code"
say "passed"
