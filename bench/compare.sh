#!/usr/bin/env bash
# Runs the same RTMP load against Rill (defaults, then realtime mode) and nginx-rtmp, one after the
# other on this machine, and prints one table.
#
#   bench/compare.sh [PLAYERS [KBPS [SECONDS]]]    defaults: 500 players, 2150 kbps, 30 s
#
# KBPS is the whole stream: the generated 720p30-like H.264 video (a keyframe every 2 s) gets KBPS
# minus the 128 kbps of generated AAC audio. Each server listens on 127.0.0.1 only.
# Environment: COMPARE_PORT (first of the three ports each round uses, one after the other; default
# 19350; the ports must lie outside the kernel's ephemeral range, where the load tool's own
# connections may hold one), COMPARE_OUT (where configs, logs
# and each run's JSON go; default a new directory under /tmp), COMPARE_RAMP (players started per
# second, default 50), COMPARE_PRIME (seconds of the same load, unmeasured, run against each
# server before its measured run, so that a JVM's JIT has compiled the hot paths; default 0),
# COMPARE_WARMUP (seconds the measured run's players play, all up, before its window opens; default
# 2; a long warm-up measures the steady state of the same connections, without the JIT work and
# the setup of a second crowd of players arriving just before the window),
# RILL_JAVA_OPTS (Rill's JVM flags, as bin/rill reads them), COMPARE_RUNS (rounds of all three
# servers, one after the other, default 1; with more, each column is the median over the rounds,
# and CPU per Gbit and its ratio to nginx-rtmp's in the same round are "median (min-max)": on a
# small VM the kernel's share moves by a fifth from run to run, so one round alone can mislead).
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
warmup=${COMPARE_WARMUP:-2}
runs=${COMPARE_RUNS:-1}
out=${COMPARE_OUT:-$(mktemp -d /tmp/rill-compare.XXXXXX)}
audio_kbps=128
video_kbps=$((kbps - audio_kbps))
nginx_module=/usr/lib/nginx/modules/ngx_rtmp_module.so
mkdir -p "$out"

if [ "$video_kbps" -le 0 ]; then
  echo "compare: KBPS must be above the ${audio_kbps} kbps of audio" >&2
  exit 2
fi

# A listening port inside the ephemeral range can be taken by a client connection of an earlier run.
last_port=$((port + 3 * runs - 1))
if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then
  read -r eph_low eph_high </proc/sys/net/ipv4/ip_local_port_range
  if [ "$last_port" -ge "$eph_low" ] && [ "$port" -le "$eph_high" ]; then
    echo "compare: ports $port-$last_port overlap the ephemeral range $eph_low-$eph_high" \
      "(net.ipv4.ip_local_port_range); pick a COMPARE_PORT below $((eph_low - 3 * runs + 1))" >&2
    exit 2
  fi
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
    --duration "$seconds" --warmup "$warmup" --publish-synthetic --bitrate "$video_kbps" --fps 30 --gop 2 \
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

# run_nginx PORT NAME
run_nginx() {
  local name=$2 dir="$out/$2"
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

# table NAME...: one row per server; a server measured in several rounds (NAME.1, NAME.2, ...)
# gets the median of each column, with CPU per Gbit and its ratio to nginx-rtmp's in the same round
# as "median (min-max)".
table() {
  python3 - "$out" "$@" <<'PY'
import json, statistics, sys
out, names = sys.argv[1], sys.argv[2:]
runs = {n: json.load(open(f"{out}/{n}.json")) for n in names}


def server_of(name):
    head, _, tail = name.rpartition(".")
    return head if head and tail.isdigit() else name


def round_of(name):
    head, _, tail = name.rpartition(".")
    return tail if head and tail.isdigit() else ""


nginx = {round_of(n): r["server"].get("cpu_ms_per_gbit") for n, r in runs.items() if server_of(n) == "nginx-rtmp"}
by_server = {}
for n, r in runs.items():
    s = r.get("server", {})
    per_gbit = s.get("cpu_ms_per_gbit")
    base = nginx.get(round_of(n))
    by_server.setdefault(server_of(n), []).append({
        "up": r["players"]["up"], "failed": r["players"]["failed"],
        "dmin": r["delivered"]["min"], "dmean": r["delivered"]["mean"],
        "p50": r["latency_ms"]["p50"], "p99": r["latency_ms"]["p99"],
        "fk50": r["first_keyframe_ms"]["p50"], "fk95": r["first_keyframe_ms"]["p95"],
        "cpu": 100 * (s.get("cpu_user_s", 0) + s.get("cpu_system_s", 0)) / r["window_s"],
        "gbit": per_gbit, "ratio": per_gbit / base if per_gbit and base else None,
        "rss": s.get("rss_max_kb", 0) / 1024})


def med(rows, key):
    return statistics.median(x[key] for x in rows)


def spread(rows, key, fmt):
    vals = [x[key] for x in rows if x[key] is not None]
    if not vals:
        return "-"
    if len(vals) == 1:
        return fmt(vals[0])
    return f"{fmt(statistics.median(vals))} ({fmt(min(vals))}-{fmt(max(vals))})"


head = ["server", "players up/failed", "delivered min/mean", "latency p50/p99 ms", "first key p50/p95 ms",
        "server CPU %", "CPU ms/Gbit", "vs nginx", "RSS max MB"]
rows = []
for name, rs in by_server.items():
    rows.append([name, f"{min(x['up'] for x in rs)}/{max(x['failed'] for x in rs)}",
                 f"{min(x['dmin'] for x in rs):.4f}/{med(rs, 'dmean'):.4f}",
                 f"{med(rs, 'p50'):.1f}/{med(rs, 'p99'):.1f}", f"{med(rs, 'fk50'):.0f}/{med(rs, 'fk95'):.0f}",
                 f"{med(rs, 'cpu'):.1f}", spread(rs, "gbit", lambda v: f"{v:.0f}"),
                 spread(rs, "ratio", lambda v: f"{v:.2f}x"), f"{max(x['rss'] for x in rs):.0f}"])
widths = [max(len(x) for x in col) for col in zip(head, *rows)]
for line in [head, ["-" * w for w in widths]] + rows:
    print("| " + " | ".join(x.ljust(w) for x, w in zip(line, widths)) + " |")
PY
}

ensure_nginx
"$root/bin/rill" -v >/dev/null
"$root/bin/rill-bench" --version >/dev/null
echo "compare: $players players, ${kbps} kbps (${video_kbps} video + ${audio_kbps} audio), ${seconds} s; output in $out" >&2

names=()
for round in $(seq 1 "$runs"); do
  first=$((port + 3 * (round - 1)))
  suffix=""
  [ "$runs" = 1 ] || suffix=".$round"
  run_rill "rill-default$suffix" "$first" "" ""
  run_rill "rill-realtime$suffix" "$((first + 1))" "    min_latency on;
    tcp_nodelay on;" "        mw_latency  0;"
  run_nginx "$((first + 2))" "nginx-rtmp$suffix"
  names+=("rill-default$suffix" "rill-realtime$suffix" "nginx-rtmp$suffix")
done

echo
echo "$players players, ${kbps} kbps, ${seconds} s window (after ${prime} s unmeasured, then ${warmup} s warm-up), $runs round(s), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))"
table "${names[@]}" | tee "$out/table.md"
