#!/usr/bin/env bash
# The crash loop of issue 11 (docs/deployment.md, "Crash safety"): two node processes, FR sending
# to DE, a driver submitting through FR's national API, N cycles that SIGKILL one node (DE and FR
# alternating) and start it again; then lost, duplicated and unverifiable receipts (expected 0, 0, 0).
#   scripts/crash-loop.sh --cycles 100 --dir /tmp/crash-loop
# Options: --cycles N, --rate PER_SECOND, --submitters N, --interval DURATION, --drain-timeout
# DURATION, --node-java-options OPTIONS (scripts/crash-loop.sh --help). Exit status 0 when all
# three counts are 0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The launcher builds the class path the nodes run from (once, or when sources changed).
"$root/relay247" --version >/dev/null
exec java ${RELAY247_JAVA_OPTS:-} -cp "$root/simulator/target/lib/*:$root/simulator/target/classes" \
  org.relay247.simulator.load.CrashLoop "$@"
