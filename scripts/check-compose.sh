#!/usr/bin/env bash
# Checks docker-compose.yml without a Docker engine: `compose config` parses it, interpolates the
# variables and validates it against the Compose schema (it pulls and builds nothing). Then checks that
# no service run as replicas (the worker) has a container name or ports, and that each `node dist/….js`
# it runs has its TypeScript source. Not part of `npm test`.
# Uses `docker compose` (v2) if present, else `docker-compose` (Debian: apt-get install docker-compose).
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
else
  echo "check-compose: no Compose found; install one, e.g. apt-get install docker-compose" >&2
  exit 2
fi
echo "check-compose: ${compose[*]} $("${compose[@]}" version --short)"
"${compose[@]}" -f docker-compose.yml config --quiet

status=0
# A service run as more than one replica must not claim what only one container can have: a container
# name, or ports (a published host port collides between replicas; `expose` is for ports between
# containers). `compose config` prints the resolved file: services at 2 spaces, their keys at 4.
"${compose[@]}" -f docker-compose.yml config | awk '
  function check() {
    if (name != "" && replicas > 1 && (pinned != "")) { printf "check-compose: %s runs %d replicas but sets%s\n", name, replicas, pinned > "/dev/stderr"; bad = 1 }
    name = ""; replicas = 1; pinned = ""; in_deploy = 0
  }
  /^[^ ]/ { check(); in_services = ($0 == "services:"); next }
  in_services && /^  [^ ]/ { check(); name = $1; sub(/:$/, "", name); next }
  in_services && /^    [^ ]/ { in_deploy = ($1 == "deploy:") }
  in_services && /^    container_name:/ { pinned = pinned " container_name" }
  in_services && /^    ports:/ { pinned = pinned " ports" }
  in_services && in_deploy && /^      replicas:/ { replicas = $2 + 0 }
  END { check(); exit bad }
' || status=1
for js in $(grep -o 'dist/[A-Za-z0-9_/.-]*\.js' docker-compose.yml Dockerfile | cut -d: -f2 | sort -u); do
  ts="${js#dist/}"
  ts="${ts%.js}.ts"
  [[ -f $ts ]] || { echo "check-compose: $js is run but $ts does not exist" >&2; status=1; }
done
((status == 0)) && echo "check-compose: docker-compose.yml is valid"
exit "$status"
