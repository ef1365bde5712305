#!/usr/bin/env bash
# Embedded router vs nginx, same backends, same 90/10 split, same load tool, in one run (loopback only).
# Installs Debian's nginx-light at a pinned version when it is missing (needs root), starts it with its
# own config in a temporary directory, and stops it at the end whatever happens.
#
# Each proxy runs in its own processes: nginx (master + workers) and the embedded router in its own JVM
# (RouterProcessMain, the product's EmbeddedTrafficRouter with default options). The load generator and
# both backends run together in a third process (RouterLoadMain). Every round measures direct, router
# and nginx once each, back to back; pass --rounds=N to alternate them N times in one run. Besides
# throughput and latency it reports each proxy's CPU time per request (from /proc), which a busy shared
# machine disturbs far less than throughput.
#   runway-bench/scripts/router-vs-nginx.sh [--connections=8] [--seconds=10] [--warmup=3] [--prewarm=10] [--rounds=1]
# ROUTER_MIRROR=BP also copies that share of v1's requests to v2 in the router (1000 = 10%; nginx does not
# mirror), to measure what shadow traffic costs. ROUTER_JFR=file.jfr records a JFR profile of the router JVM. ROUTER_MODE=in-jvm runs the router inside
# the load generator's JVM instead (the harness of sessions 1 and 2, kept to compare with them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NGINX_VERSION="1.22.1-9+deb12u11"
V1_PORT=9101 V2_PORT=9102 NGINX_PORT=9180 ROUTER_PORT=9190
ROUTER_MODE="${ROUTER_MODE:-process}"

if ! command -v nginx >/dev/null 2>&1; then
  apt-get install -y -q "nginx-light=${NGINX_VERSION}" >/dev/null
fi
jar="$root/runway-bench/target/benchmarks.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl runway-bench -am package)

work="$(mktemp -d)"
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream v1 { server 127.0.0.1:${V1_PORT}; keepalive 64; }
  upstream v2 { server 127.0.0.1:${V2_PORT}; keepalive 64; }
  # The same split as the router: 10% to v2, per request.
  split_clients "\${request_id}" \$pool { 10% v2; * v1; }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location / {
      proxy_pass http://\$pool;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
nginx_pid="" router_pid=""
cleanup() {
  for pid in $router_pid $nginx_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [ -f "$work/router.log" ] && sed -n '/router split/p' "$work/router.log"
  rm -rf "$work"
}
trap cleanup EXIT
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
echo "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') on 127.0.0.1:${NGINX_PORT}; load: $(uptime | sed 's/.*load average: //')"

targets=()
load_args=()
if [ "$ROUTER_MODE" = "process" ]; then
  jfr=()
  [ -n "${ROUTER_JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=${ROUTER_JFR},settings=profile")
  # Default JVM flags: a user starts the router with plain `java`; only the load JVM keeps ZGC as before.
  java "${jfr[@]}" -cp "$jar" io.runway.bench.router.RouterProcessMain \
    --port=${ROUTER_PORT} --backend-ports=${V1_PORT},${V2_PORT} --mirror="${ROUTER_MIRROR:-0}" > "$work/router.log" 2>&1 &
  router_pid=$!
  for _ in $(seq 1 100); do
    grep -q "router ready" "$work/router.log" && break
    kill -0 "$router_pid" 2>/dev/null || { cat "$work/router.log"; exit 1; }
    sleep 0.1
  done
  grep "router ready" "$work/router.log"
  targets+=("--target=router=http://127.0.0.1:${ROUTER_PORT}/")
  load_args+=("--in-jvm-router=false" "--cpu-router=${router_pid}")
fi
# nginx's CPU per request: the master and its workers (children of the master, by parent pid).
for _ in $(seq 1 50); do [ -n "$(pgrep -P "$nginx_pid" || true)" ] && break; sleep 0.1; done
load_args+=("--cpu-nginx=$(echo "$nginx_pid" $(pgrep -P "$nginx_pid") | tr ' ' ',')")
targets+=("--target=nginx=http://127.0.0.1:${NGINX_PORT}/")
java -XX:+UseZGC -cp "$jar" io.runway.bench.router.RouterLoadMain \
  --backend-ports=${V1_PORT},${V2_PORT} "${load_args[@]}" "${targets[@]}" "$@"
