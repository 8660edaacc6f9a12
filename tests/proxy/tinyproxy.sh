#!/usr/bin/env bash
# Starts Debian's tinyproxy on a free 127.0.0.1 port with basic auth, for
# the hosts' proxy tests (installing the package when it is missing), and
# prints "PORT PID" once it listens. Usage: tinyproxy.sh DIR USER PASSWORD.
# The caller stops it by PID.
set -euo pipefail
dir=$1 user=$2 password=$3
if ! command -v tinyproxy >/dev/null; then
  echo "installing tinyproxy (Debian package tinyproxy)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tinyproxy >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tinyproxy >/dev/null; fi
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$dir/tinyproxy.conf" <<CONF
Port $port
Listen 127.0.0.1
Timeout 30
MaxClients 50
Allow 127.0.0.1
BasicAuth $user $password
LogLevel Error
CONF
tinyproxy -d -c "$dir/tinyproxy.conf" >"$dir/tinyproxy.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port $pid"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || { cat "$dir/tinyproxy.log" >&2; exit 1; }
  sleep 0.05
done
echo "tinyproxy did not listen on 127.0.0.1:$port" >&2; kill "$pid"; exit 1
