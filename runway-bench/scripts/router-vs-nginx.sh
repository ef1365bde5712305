#!/usr/bin/env bash
# Embedded router vs nginx, same backends, same 90/10 split, same load tool, in one run (loopback only).
# Installs Debian's nginx-light at a pinned version when it is missing (needs root), starts it with its
# own config in a temporary directory, and stops it at the end whatever happens.
#   runway-bench/scripts/router-vs-nginx.sh [--connections=8] [--seconds=10] [--warmup=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NGINX_VERSION="1.22.1-9+deb12u11"
V1_PORT=9101 V2_PORT=9102 NGINX_PORT=9180

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
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
trap 'kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
echo "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') on 127.0.0.1:${NGINX_PORT}; load: $(uptime | sed 's/.*load average: //')"
java -XX:+UseZGC -cp "$jar" io.runway.bench.router.RouterLoadMain \
  --backend-ports=${V1_PORT},${V2_PORT} --target=nginx=http://127.0.0.1:${NGINX_PORT}/ "$@"
