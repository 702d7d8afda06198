# Sourced by the bench scripts: serves folders with nginx on 127.0.0.1 and reads its access log.
#
#   source bench/nginx.sh
#   nginx_work_dir NAME                          a fresh $work folder, removed (nginx stopped) at exit
#   nginx_start WORK PORT ROOT [PORT ROOT ...]   one server per port; the log is WORK/logs/access.log
#   nginx_urls TOOL [FILTER]                      distinct URIs TOOL requested (FILTER: an awk condition)
#
# The log tells who asked by the User-Agent (arachne, wget2, scrapy), the same way for every tool, and
# each line holds the method, status, Content-Type and URI.

nginx_pid=

# Sets `work` to a fresh folder /tmp/arachne-NAME.XXXXXX that nginx's workers can read (they run as an
# unprivileged user); when the script exits, nginx is stopped and the folder removed.
nginx_work_dir() {
  work=$(mktemp -d "/tmp/arachne-$1.XXXXXX")
  chmod 755 "$work"
  trap 'nginx_stop; rm -rf "$work"' EXIT
}

nginx_start() {
  local work=$1
  shift
  mkdir -p "$work/logs" "$work/tmp"
  local servers=""
  while (($# >= 2)); do
    servers+="  server { listen 127.0.0.1:$1; root $2; access_log $work/logs/access.log tool buffer=256k flush=1s; }
"
    shift 2
  done
  cat >"$work/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  map \$http_user_agent \$tool {
    ~*arachne arachne;
    ~*wget    wget2;
    ~*scrapy  scrapy;
    default   other;
  }
  log_format tool '\$tool \$request_method \$status "\$sent_http_content_type" \$request_uri';
$servers}
NGINX
  nginx -c "$work/nginx.conf" &
  nginx_pid=$!
  nginx_log="$work/logs/access.log"
}

# Waits until every URL answers (nginx takes a moment to listen), then empties the log.
nginx_wait() {
  local url
  for _ in $(seq 1 50); do
    local all=yes
    for url in "$@"; do curl -sf -o /dev/null "$url" || all=; done
    [[ -n "$all" ]] && { : >"$nginx_log"; return 0; }
    sleep 0.1
  done
  echo "nginx does not serve $*:" >&2
  cat "$(dirname "$nginx_log")/error.log" >&2
  return 1
}

nginx_stop() {
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null
  nginx_pid=
  sleep 0.2
}

nginx_requests() { grep -c "^$1 " "$nginx_log" 2>/dev/null || echo 0; }
nginx_urls() { grep "^$1 " "$nginx_log" | awk "${2:-1} {print \$NF}" | sort -u; }
