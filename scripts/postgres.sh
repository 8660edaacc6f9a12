#!/usr/bin/env bash
# Source this: starts a throwaway PostgreSQL cluster in a temp dir on a free
# 127.0.0.1 port (installing Debian's `postgresql` if it is missing), exports
# LICENSEWARDEN_TEST_POSTGRES, and stops the server by its PID on exit.
# PostgreSQL refuses to run as root, so as root the cluster belongs to a
# dedicated unprivileged user.

pg_bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin=$d; done
if [ -z "$pg_bin" ]; then
  echo "installing PostgreSQL (Debian package postgresql)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin=$d; done
fi
[ -n "$pg_bin" ] || { echo "PostgreSQL could not be installed"; return 1; }
export PATH="$pg_bin:$PATH"

as_pg() { "$@"; }
pg_user=$(id -un)
if [ "$(id -u)" = 0 ]; then
  pg_user=licensewarden-pg
  id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
  as_pg() { runuser -u "$pg_user" -- "$@"; }
fi

pg_dir=$(mktemp -d /tmp/licensewarden-pg.XXXXXX)
chown "$pg_user" "$pg_dir" 2>/dev/null || true
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$pg_bin/postgres" -D "$pg_dir/data" -h 127.0.0.1 -p "$pg_port" -k "$pg_dir" \
  -c max_connections=300 -c fsync=on >"$pg_dir/log" 2>&1 &
pg_pid=$!
# Under `set -e` a failing command in the EXIT trap would become the
# script's exit status: stopping must never fail the run.
stop_postgres() { kill "$pg_pid" 2>/dev/null || true; wait "$pg_pid" 2>/dev/null || true; rm -rf "$pg_dir"; }
trap stop_postgres EXIT
for _ in $(seq 1 100); do
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break
  sleep 0.1
done
"$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" || { cat "$pg_dir/log"; return 1; }
export LICENSEWARDEN_TEST_POSTGRES="postgres://postgres@127.0.0.1:$pg_port/postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (pid $pg_pid)"
