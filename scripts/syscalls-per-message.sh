#!/usr/bin/env bash
# System calls per delivered message, counted by the kernel (perf tracepoints) over a window of
# `relay247 load`'s sustained phase at a rate both nodes keep up with. Unlike CPU time, a count does
# not move with the machine's speed, so two builds can be compared a few minutes apart.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/syscalls-per-message.sh [--rate N] [--window SECONDS] [--dir DIR]

Runs `relay247 load --idle-count 0 --sustained-rate N` (both nodes in one JVM, production wiring)
and, from 8 s into its measured phase, counts with `perf stat` for --window seconds: CPU time
(and its split between user mode and the kernel), context switches, every system call, and
the ones the store and the hand-offs make (pwrite64, pread64, fsync, fcntl, futex, openat,
unlink, write). Prints each count per message sent in the window (rate x window): meaningful
only when the run delivers at the offered rate, which the script checks from the harness's own
report.

  --rate N          messages per second offered (default 150: below capacity on 2 cores)
  --window SECONDS  how long perf counts (default 20)
  --dir DIR         where the network and its databases go (default: a new temporary directory)
  -h, --help        this text

Needs perf with the syscalls tracepoints (Debian: linux-perf; run as root or with
kernel.perf_event_paranoid <= -1). Exit status: 0, or 1 when the run did not keep up, 2 on bad use.
EOF
}

rate=150
window=20
dir=""
bad_use() {
  echo "syscalls-per-message: $1 (see --help)" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --rate|--window|--dir) [ $# -ge 2 ] || bad_use "$1 needs a value" ;;&
    --rate) rate="$2"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) bad_use "unknown argument: $1" ;;
  esac
done
[[ "$rate" =~ ^[1-9][0-9]*$ ]] || bad_use "--rate: $rate (expected: a positive integer)"
[[ "$window" =~ ^[1-9][0-9]*$ ]] || bad_use "--window: $window (expected: seconds, a positive integer)"

events="task-clock,context-switches,raw_syscalls:sys_enter"
for call in pwrite64 pread64 fsync fcntl futex openat unlink write; do
  events="$events,syscalls:sys_enter_$call"
done
if ! command -v perf >/dev/null || ! perf stat -e "$events" -- true >/dev/null 2>&1; then
  echo "syscalls-per-message: perf cannot count the syscalls tracepoints here (install linux-perf; run as root)" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -n "$dir" ] || dir="$(mktemp -d)/net"
log="$dir.log"
counts="$dir.perf"
# The measured phase lasts past the window: 8 s before it, 10 s after.
duration=$((window + 18))

RELAY247_JAVA_OPTS="${RELAY247_JAVA_OPTS:--Xmx512m}" "$here/relay247" load --dir "$dir" --json "$dir.json" \
    --idle-count 0 --sustained-rate "$rate" --duration "${duration}s" >"$log" 2>&1 &
load=$!
until grep -q '^sustained:' "$log"; do
  kill -0 "$load" 2>/dev/null || { cat "$log" >&2; echo "syscalls-per-message: the load run ended early" >&2; exit 1; }
  sleep 1
done
pid="$(pgrep -f -- "load --dir $dir " | head -1)"
sleep 8
# utime and stime of the process, in clock ticks (proc(5): fields 14 and 15).
cpu_ticks() { awk '{ print $14, $15 }' "/proc/$pid/stat"; }
read -r user0 system0 < <(cpu_ticks)
perf stat -x, -o "$counts" -e "$events" -p "$pid" -- sleep "$window"
read -r user1 system1 < <(cpu_ticks)
wait "$load" || true

messages=$((rate * window))
echo "syscalls-per-message: $rate msg/s, $window s window ($messages messages); run log $log"
awk -F, -v n="$messages" '$1 ~ /^[0-9.]+$/ { printf "  %-34s %12.0f  %9.2f per message\n", $3, $1, $1 / n }' "$counts"
echo "  (task-clock is in ms)"
awk -v u=$((user1 - user0)) -v s=$((system1 - system0)) -v hz="$(getconf CLK_TCK)" -v n="$messages" \
    'BEGIN { printf "  CPU in user mode %.2f ms, in the kernel %.2f ms per message (kernel %.0f %%)\n",
             1000 * u / hz / n, 1000 * s / hz / n, 100 * s / (u + s) }'
grep -E '^scheduled ' "$log" | sed 's/^/  harness: /'
delivered="$(sed -nE 's/.*receipts verified in window [0-9]+ \(([0-9]+)\/s\).*/\1/p' "$log")"
if [ -z "$delivered" ] || [ $((delivered * 100)) -lt $((rate * 97)) ]; then
  echo "syscalls-per-message: the nodes did not deliver at ${rate}/s in the window; lower --rate" >&2
  exit 1
fi
