#!/usr/bin/env bash
# Runs the same RTMP load against Rill (defaults, then realtime mode) and nginx-rtmp, one after the
# other on this machine, and prints one table.
#
#   bench/compare.sh [PLAYERS [KBPS [SECONDS]]]    defaults: 500 players, 2150 kbps, 30 s
#
# KBPS is the whole stream: the generated 720p30-like H.264 video (a keyframe every 2 s) gets KBPS
# minus the 128 kbps of generated AAC audio. Each server listens on 127.0.0.1 only.
# Environment: COMPARE_PORT (first of three ports, default 19350), COMPARE_OUT (where configs, logs
# and each run's JSON go; default a new directory under /tmp), COMPARE_RAMP (players started per
# second, default 50), COMPARE_PRIME (seconds of the same load, unmeasured, run against each
# server before its measured run, so that a JVM's JIT has compiled the hot paths; default 0),
# RILL_JAVA_OPTS (Rill's JVM flags, as bin/rill reads them).
# nginx and its RTMP module (Debian's nginx and libnginx-mod-rtmp) are installed with apt-get when
# missing, which needs root.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)

players=${1:-500}
kbps=${2:-2150}
seconds=${3:-30}
port=${COMPARE_PORT:-19350}
ramp=${COMPARE_RAMP:-50}
prime=${COMPARE_PRIME:-0}
out=${COMPARE_OUT:-$(mktemp -d /tmp/rill-compare.XXXXXX)}
audio_kbps=128
video_kbps=$((kbps - audio_kbps))
nginx_module=/usr/lib/nginx/modules/ngx_rtmp_module.so
mkdir -p "$out"

if [ "$video_kbps" -le 0 ]; then
  echo "compare: KBPS must be above the ${audio_kbps} kbps of audio" >&2
  exit 2
fi

ensure_nginx() {
  if command -v nginx >/dev/null 2>&1 && [ -f "$nginx_module" ]; then
    return
  fi
  echo "compare: installing nginx and libnginx-mod-rtmp" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx libnginx-mod-rtmp >&2 \
    || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx libnginx-mod-rtmp >&2; }
}

# Waits until something listens on 127.0.0.1:$1, or the process $2 is gone.
wait_listening() {
  local i
  for i in $(seq 1 300); do
    if ss -ltnH "sport = :$1" | grep -q .; then
      return 0
    fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# load NAME PORT PID: the load tool against rtmp://127.0.0.1:PORT/live/compare, measuring PID;
# first an unmeasured run of COMPARE_PRIME seconds when that is set.
load() {
  if [ "$prime" != 0 ]; then
    "$root/bin/rill-bench" --url "rtmp://127.0.0.1:$2/live/compare" --players "$players" --ramp "$ramp" \
      --duration "$prime" --publish-synthetic --bitrate "$video_kbps" --fps 30 --gop 2 \
      >"$out/$1.prime.txt" 2>"$out/$1.prime.log"
  fi
  "$root/bin/rill-bench" --url "rtmp://127.0.0.1:$2/live/compare" --players "$players" --ramp "$ramp" \
    --duration "$seconds" --publish-synthetic --bitrate "$video_kbps" --fps 30 --gop 2 \
    --server-pid "$3" --json "$out/$1.json" 2>"$out/$1.bench.log" | tee -a "$out/summary.txt"
}

rill_conf() {
  cat <<CONF
listen              127.0.0.1:$1;
max_connections     $((players + 100));
pid                 $out/rill-$1.pid;
srs_log_tank        console;
daemon              off;
vhost __defaultVhost__ {
$2
    play {
        gop_cache   on;
$3
    }
}
CONF
}

# run_rill NAME PORT VHOST_LINES PLAY_LINES
run_rill() {
  rill_conf "$2" "$3" "$4" >"$out/$1.conf"
  "$root/bin/rill" -c "$out/$1.conf" >"$out/$1.server.log" 2>&1 &
  local pid=$!
  if ! wait_listening "$2" "$pid"; then
    echo "compare: $1 did not start; see $out/$1.server.log" >&2
    stop "$pid"
    exit 1
  fi
  echo "compare: $1 (pid $pid) on port $2" >&2
  load "$1" "$2" "$pid"
  stop "$pid"
}

run_nginx() {
  local name=nginx-rtmp dir="$out/nginx"
  mkdir -p "$dir/logs"
  cat >"$dir/nginx.conf" <<CONF
load_module $nginx_module;
worker_processes 1;
worker_rlimit_nofile $((players * 2 + 1024));
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events {
    worker_connections $((players * 2 + 512));
}
rtmp {
    server {
        listen 127.0.0.1:$1;
        application live {
            live on;
        }
    }
}
CONF
  nginx -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf" -g 'daemon off; master_process on;' >"$out/$name.server.log" 2>&1 &
  local master=$!
  if ! wait_listening "$1" "$master"; then
    echo "compare: nginx did not start; see $out/$name.server.log and $dir/logs/error.log" >&2
    stop "$master"
    exit 1
  fi
  # The worker serves every connection; the master only supervises it.
  local worker
  worker=$(pgrep -P "$master" | head -n 1)
  if [ -z "$worker" ]; then
    echo "compare: no nginx worker under master $master" >&2
    stop "$master"
    exit 1
  fi
  echo "compare: nginx-rtmp (master $master, worker $worker) on port $1" >&2
  load "$name" "$1" "$worker"
  stop "$master"
}

table() {
  python3 - "$out" "$@" <<'PY'
import json, sys
out, names = sys.argv[1], sys.argv[2:]
runs = {n: json.load(open(f"{out}/{n}.json")) for n in names}
base = runs.get("nginx-rtmp", {}).get("server", {}).get("cpu_ms_per_gbit")
head = ["server", "players up/failed", "delivered min/mean", "latency p50/p99 ms", "first key p50/p95 ms",
        "server CPU %", "CPU ms/Gbit", "vs nginx", "RSS max MB"]
rows = []
for n, r in runs.items():
    s = r.get("server", {})
    cpu_s = s.get("cpu_user_s", 0) + s.get("cpu_system_s", 0)
    per_gbit = s.get("cpu_ms_per_gbit")
    fk, lat, p, d = r["first_keyframe_ms"], r["latency_ms"], r["players"], r["delivered"]
    rows.append([n, f"{p['up']}/{p['failed']}", f"{d['min']:.4f}/{d['mean']:.4f}",
                 f"{lat['p50']:.1f}/{lat['p99']:.1f}", f"{fk['p50']:.0f}/{fk['p95']:.0f}",
                 f"{100 * cpu_s / r['window_s']:.1f}", "-" if per_gbit is None else f"{per_gbit:.0f}",
                 "-" if not base or per_gbit is None else f"{per_gbit / base:.2f}x",
                 f"{s.get('rss_max_kb', 0) / 1024:.0f}"])
widths = [max(len(x) for x in col) for col in zip(head, *rows)]
for line in [head, ["-" * w for w in widths]] + rows:
    print("| " + " | ".join(x.ljust(w) for x, w in zip(line, widths)) + " |")
PY
}

ensure_nginx
"$root/bin/rill" -v >/dev/null
"$root/bin/rill-bench" --version >/dev/null
echo "compare: $players players, ${kbps} kbps (${video_kbps} video + ${audio_kbps} audio), ${seconds} s; output in $out" >&2

run_rill rill-default "$port" "" ""
run_rill rill-realtime "$((port + 1))" "    min_latency on;
    tcp_nodelay on;" "        mw_latency  0;"
run_nginx "$((port + 2))"

echo
echo "$players players, ${kbps} kbps, ${seconds} s window (after ${prime} s unmeasured), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))"
table rill-default rill-realtime nginx-rtmp | tee "$out/table.md"
