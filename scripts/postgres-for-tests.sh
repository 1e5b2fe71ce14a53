#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback for the test suite's PostgreSQL run, installing it if
# needed (as root), and creates the role the tests use. Prints the variables to export:
#   eval "$(scripts/postgres-for-tests.sh)" && ./mvnw verify
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgresql is not installed; run as root or: apt-get install postgresql" >&2
    exit 1
  fi
  echo "installing postgresql..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >/dev/null
fi

read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${version:-}" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  cluster=main
  pg_createcluster "$version" "$cluster" >&2
  read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
fi
if [ "$status" != "online" ]; then
  # After an unclean stop PostgreSQL first syncs its whole data directory, which can outlast
  # pg_ctl's default 60 s wait on a busy machine.
  pg_ctlcluster "$version" "$cluster" start -- -t 600 >&2
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi
}
as_postgres "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname = 'relay247'\" | grep -q 1 \
  || psql -q -p $port -c \"CREATE ROLE relay247 LOGIN CREATEDB PASSWORD 'relay247'\"" >&2

# Each test creates its own databases (TestNetwork: "s" + hex, "t" + hex + "_" + party); drop those
# earlier runs left.
as_postgres "psql -q -p $port -tAc \"SELECT datname FROM pg_database WHERE datname ~ '^(s[0-9a-f]+|t[0-9a-f]+_[a-z]+)\\\$'\" \
  | while read -r db; do dropdb -p $port \"\$db\"; done" >&2

echo "export RELAY247_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/"
echo "export RELAY247_TEST_PG_USER=relay247"
echo "export RELAY247_TEST_PG_PASSWORD=relay247"
