#!/usr/bin/env bash
# Local services of the platform on loopback: install what is missing (Debian packages, as root), start,
# wait until each answers, record the PIDs of what we started, and stop only those.
#   infra/services.sh up|down|status
# Reuses a service that already answers on its port (and then never stops it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${E112_STATE_DIR:-/var/lib/e112}"
PID_DIR="$STATE_DIR/pids"
PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6390}"
PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
PACKAGES=(redis-server postgresql-$PG_VERSION postgresql-$PG_VERSION-postgis-3 kamailio kamailio-extra-modules
  kamailio-websocket-modules rtpengine-daemon sip-tester baresip tcpdump chromium ffmpeg fonts-noto-core
  kamailio-postgres-modules kamailio-autheph-modules kamailio-tls-modules espeak-ng)

log() { printf '[services] %s\n' "$*"; }
die() { printf '[services] error: %s\n' "$*" >&2; exit 1; }

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$p"
  done
}

install_missing() {
  local missing=()
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing packages (${missing[*]}); run as root to install them"
  # Several checkouts may start their tests at once: one installs, the others wait for it and re-check.
  exec 9>/tmp/e112-services-install.lock
  flock 9
  mapfile -t missing < <(missing_packages)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
  flock -u 9
}

wait_until() { # wait_until <seconds> <command...>
  local limit=$1; shift
  for _ in $(seq 1 $((limit * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

pid_alive() { [ -f "$PID_DIR/$1.pid" ] && kill -0 "$(cat "$PID_DIR/$1.pid")" 2>/dev/null; }

redis_answers() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }
pg_answers() { "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; }

redis_up() {
  if redis_answers; then
    pid_alive redis-$REDIS_PORT && log "redis: ours, already running on $REDIS_PORT" || log "redis: reusing the one on $REDIS_PORT"
    return 0
  fi
  local dir="$STATE_DIR/redis-$REDIS_PORT"
  mkdir -p "$dir" "$PID_DIR"
  # appendonly: queued calls survive a restart; noeviction: BullMQ must never lose a key to memory pressure.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$dir" --appendonly yes --appendfsync everysec \
    --maxmemory-policy noeviction --save '' --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  wait_until 10 redis_answers || die "redis did not answer on $REDIS_PORT (see $dir/redis.log)"
  cp "$dir/redis.pid" "$PID_DIR/redis-$REDIS_PORT.pid"
  log "redis: started on 127.0.0.1:$REDIS_PORT (pid $(cat "$PID_DIR/redis-$REDIS_PORT.pid"))"
}

pg_up() {
  if pg_answers; then
    pid_alive postgres-$PG_PORT && log "postgres: ours, already running on $PG_PORT" || log "postgres: reusing the one on $PG_PORT"
    return 0
  fi
  local dir="$STATE_DIR/pg-$PG_PORT"
  mkdir -p "$dir" "$PID_DIR"
  chmod a+x "$STATE_DIR" # the postgres user must reach its data folder
  chown postgres:postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    runuser -u postgres -- "$PG_BIN/initdb" -D "$dir/data" --auth=trust --username=postgres -E UTF8 >/dev/null
  fi
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=300" start >/dev/null
  wait_until 30 pg_answers || die "postgres did not answer on $PG_PORT (see $dir/postgres.log)"
  head -1 "$dir/data/postmaster.pid" >"$PID_DIR/postgres-$PG_PORT.pid"
  log "postgres: started on 127.0.0.1:$PG_PORT (pid $(cat "$PID_DIR/postgres-$PG_PORT.pid"))"
}

stop_pid() { # stop_pid <name>
  local f="$PID_DIR/$1.pid"
  [ -f "$f" ] || return 0
  local pid; pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "$1: stopped (pid $pid)"
  fi
  rm -f "$f"
}

status() {
  redis_answers && echo "redis      up   127.0.0.1:$REDIS_PORT $(pid_alive redis-$REDIS_PORT && echo ours || echo reused)" \
    || echo "redis      down"
  pg_answers && echo "postgres   up   127.0.0.1:$PG_PORT $(pid_alive postgres-$PG_PORT && echo ours || echo reused)" \
    || echo "postgres   down"
  if [ -x "$ROOT/telephony/scripts/kamailio.sh" ]; then "$ROOT/telephony/scripts/kamailio.sh" status || true; fi
  if [ -x "$ROOT/telephony/scripts/rtpengine.sh" ]; then "$ROOT/telephony/scripts/rtpengine.sh" status || true; fi
}

case "${1:-}" in
  up)
    install_missing
    redis_up
    pg_up
    # The demo's recorded messages for callers who wait (a centre's own files are never overwritten). Without them
    # call control says so once and callers wait with ringback only: no reason to refuse to start the rest.
    if [ -x "$ROOT/telephony/scripts/announcements.sh" ]; then
      "$ROOT/telephony/scripts/announcements.sh" >/dev/null \
        || log "announcements: not written (see above); queued callers will hear ringback only"
    fi
    ;;
  down)
    stop_pid redis-$REDIS_PORT
    stop_pid postgres-$PG_PORT
    ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
