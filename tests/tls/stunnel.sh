#!/usr/bin/env bash
# Puts TLS in front of a test license server: makes a throwaway certificate
# authority (DIR/ca.pem) that signs a certificate for 127.0.0.1 and
# localhost, and an unrelated one (DIR/other-ca.pem) for the "wrong CA"
# cases, then starts Debian's stunnel (installing the package when it is
# missing) on a free 127.0.0.1 port forwarding to 127.0.0.1:BACKEND_PORT,
# and prints "PORT PID" once it listens. Usage: stunnel.sh DIR BACKEND_PORT.
# The caller stops it by PID.
set -euo pipefail
dir=$1 backend=$2
if ! command -v stunnel >/dev/null; then
  echo "installing stunnel (Debian package stunnel4)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stunnel4 >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stunnel4 >/dev/null; fi
fi
mkdir -p "$dir"
cd "$dir"
ca() { # NAME SUBJECT
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=$2" -keyout "$1.key" -out "$1.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
}
ca ca "licensewarden test CA"
ca other-ca "an unrelated CA"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile server.ext -out server.pem 2>/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > stunnel.conf <<CONF
foreground = yes
pid =
output = $PWD/stunnel.log
[license-server]
accept = 127.0.0.1:$port
connect = 127.0.0.1:$backend
cert = $PWD/server.pem
key = $PWD/server.key
CONF
stunnel stunnel.conf >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port $pid"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || { cat stunnel.log >&2; exit 1; }
  sleep 0.05
done
echo "stunnel did not listen on 127.0.0.1:$port" >&2; kill "$pid"; exit 1
