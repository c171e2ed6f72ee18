#!/usr/bin/env bash
# `npm run demo`: the whole system with the demo city on this machine, then the URL and the demo logins.
#   infra/demo.sh [start|stop|status|data|call [caller number]]
# `data` only migrates and loads the data (after newer files in GEODATA_DIR), starting nothing.
# Starts: local services (infra/services.sh), schema + demo data, the built consoles, Kamailio, call control,
# demo camera sources and the server with the unit simulator. Stops only the PIDs it recorded.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${E112_DEMO_DIR:-/var/lib/e112/demo}"
PORT="${PORT:-8112}"
export PORT HOST="${HOST:-127.0.0.1}" SIMULATOR=true LOG_LEVEL="${LOG_LEVEL:-info}"
# The folder holds the demo's logins (seed.txt), its SIP secret and logs that may carry them: readable by this user
# only, and files made before this rule are closed too. Only what writes into it runs with umask 077 (the services
# started from here keep their own modes).
(umask 077 && mkdir -p "$RUN_DIR")
chmod 700 "$RUN_DIR"
find "$RUN_DIR" -maxdepth 1 -type f -exec chmod go-rwx {} +

log() { printf '[demo] %s\n' "$*"; }

start_bg() { # start_bg <name> <command...>: runs in the background, logs to RUN_DIR, records the PID
  local name=$1; shift
  if [ -f "$RUN_DIR/$name.pid" ] && kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
    log "$name already running (pid $(cat "$RUN_DIR/$name.pid"))"
    return 0
  fi
  (cd "$ROOT" && umask 077 && exec setsid "$@" >"$RUN_DIR/$name.log" 2>&1) &
  echo $! >"$RUN_DIR/$name.pid"
  log "$name started (pid $!, log $RUN_DIR/$name.log)"
}

stop_bg() {
  local f="$RUN_DIR/$1.pid"
  [ -f "$f" ] || return 0
  local pid; pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
    log "$1 stopped"
  fi
  rm -f "$f"
}

# The secret Kamailio and the server share to sign the console softphone's SIP credentials: made once for this
# machine's demo, kept 0600, handed to both through the environment (never on a command line).
sip_secret() {
  local f="$RUN_DIR/sip-auth-secret"
  if [ ! -s "$f" ]; then (umask 077 && head -c 32 /dev/urandom | base64 >"$f"); fi
  SIP_AUTH_SECRET="$(cat "$f")"
  export SIP_AUTH_SECRET
  # What call control sends first on evapi: Kamailio and call control only.
  local e="$RUN_DIR/evapi-secret"
  if [ ! -s "$e" ]; then (umask 077 && head -c 32 /dev/urandom | base64 >"$e"); fi
  EVAPI_SECRET="$(cat "$e")"
  export EVAPI_SECRET
  # Desk phones' passwords: Kamailio reads them with its own read-only role (made by `npm run migrate`).
  export KAMAILIO_DATABASE_URL="${KAMAILIO_DATABASE_URL:-postgres://e112_kamailio:e112_kamailio@127.0.0.1:5432/e112}"
  # Only the demo's consoles may open the SIP WebSocket.
  export WS_ORIGINS="${WS_ORIGINS:-http://$HOST:$PORT,http://localhost:$PORT}"
}

wait_http() { # wait_http <url> <seconds>
  for _ in $(seq 1 $(($2 * 5))); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  return 1
}

# The demo's data in the configured database: the generated city and the demo logins (seed), then the real city
# over it when its data folder is there (wards, streets, hospitals, cameras), printing what was imported.
load_data() {
  (cd "$ROOT" && npm run --silent seed) | (umask 077 && tee "$RUN_DIR/seed.txt")
  local geodata="${GEODATA_DIR:-$ROOT/../shared/data}"
  if [ -f "$geodata/hcmc_wards_2025.geojson" ]; then
    log "importing the real city from $geodata"
    (cd "$ROOT" && GEODATA_DIR="$geodata" npm run --silent import:geodata -w server)
  else
    log "no real geodata at $geodata: the generated city is used"
  fi
}

start() {
  bash "$ROOT/infra/services.sh" up
  (cd "$ROOT" && npm run --silent migrate)
  load_data
  if [ -f "$ROOT/dispatcher-ui/index.html" ]; then (cd "$ROOT" && npm run --silent build -w dispatcher-ui >/dev/null); fi
  sip_secret
  if [ -x "$ROOT/telephony/scripts/kamailio.sh" ]; then
    "$ROOT/telephony/scripts/rtpengine.sh" start
    "$ROOT/telephony/scripts/kamailio.sh" start
    start_bg call-control env -u SIP_AUTH_SECRET -u KAMAILIO_DATABASE_URL npm run --silent start -w telephony
  fi
  if [ -f "$ROOT/infra/camera-sources.sh" ]; then bash "$ROOT/infra/camera-sources.sh" start; fi
  start_bg server env -u EVAPI_SECRET npm run --silent start -w server
  wait_http "http://$HOST:$PORT/healthz" 60 || { log "server did not answer; see $RUN_DIR/server.log"; exit 1; }
  echo
  log "ready: open http://$HOST:$PORT"
  log "demo logins are above (from the seed); stop everything with: npm run demo -- stop"
  crew_hint CC-01-01 || log "no crew pairing code (see $RUN_DIR/server.log)"
}

# A one-time pairing code for one demo unit's crew app, made through the API as a dispatcher would (the unit board's
# "Pair device" shows the same with a QR code).
crew_hint() { # crew_hint <callsign>
  local base="http://$HOST:$PORT" pw token unit code
  pw=$(awk '$1=="dsp1"{print $2}' "$RUN_DIR/seed.txt")
  [ -n "$pw" ] || return 1
  token=$(curl -fsS -H 'content-type: application/json' -d "{\"username\":\"dsp1\",\"password\":\"$pw\"}" \
    "$base/api/auth/login" | node -e 'process.stdin.on("data",(d)=>process.stdout.write(JSON.parse(d).token))') || return 1
  unit=$(curl -fsS -H "authorization: Bearer $token" "$base/api/units" |
    node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).units.find((u)=>u.callsign===process.argv[1])?.id??""))' "$1")
  [ -n "$unit" ] || return 1
  code=$(curl -fsS -H "authorization: Bearer $token" -H 'content-type: application/json' -d '{}' \
    "$base/api/units/$unit/pairing-codes" | node -e 'process.stdin.on("data",(d)=>process.stdout.write(JSON.parse(d).pairing.code))') || return 1
  log "crew app for unit $1: open $base/crew/?pair=$code on a phone (or a phone-sized window; code $code, once, 10 min)"
  log "  a new code for any unit: Dispatch console > unit board > Pair device (QR code)"
}

# A demo citizen (SIPp) dials 112 and, once a call-taker answers (the console softphone: Alt+A), speaks a 1 kHz
# tone for 60 s, then hangs up: the call-taker hears it in the headset.
call() {
  local dir; dir=$(mktemp -d)
  trap 'rm -rf "$dir"' RETURN
  ffmpeg -v error -f lavfi -i sine=frequency=1000:duration=60 -ar 8000 -ac 1 -f mulaw "$dir/tone.ulaw"
  log "calling 112 from ${1:-0909000112}; answer it in the call-taker console (Go ready, then Alt+A)"
  (cd "$dir" && sipp "127.0.0.1:${SIP_PORT:-5060}" -sf "$ROOT/telephony/test/scenarios/caller-talks-tone.xml" \
    -s 112 -key caller "${1:-0909000112}" -m 1 -i 127.0.0.1 -mi 127.0.0.1 -d 60000 -nostdin -timeout 200s \
    >/dev/null) && log "the demo caller hung up" || log "the demo call ended before its 60 s (hung up by the call-taker) or failed (is the demo running?)"
}

stop() {
  stop_bg server
  stop_bg call-control
  if [ -f "$ROOT/infra/camera-sources.sh" ]; then bash "$ROOT/infra/camera-sources.sh" stop || true; fi
  if [ -x "$ROOT/telephony/scripts/kamailio.sh" ]; then "$ROOT/telephony/scripts/kamailio.sh" stop || true; fi
  if [ -x "$ROOT/telephony/scripts/rtpengine.sh" ]; then "$ROOT/telephony/scripts/rtpengine.sh" stop || true; fi
  log "stopped; local services stay up (infra/services.sh down stops them)"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  call) call "${2:-}" ;;
  data)
    (cd "$ROOT" && npm run --silent migrate)
    load_data
    ;;
  status)
    bash "$ROOT/infra/services.sh" status
    for n in server call-control; do
      if [ -f "$RUN_DIR/$n.pid" ] && kill -0 "$(cat "$RUN_DIR/$n.pid")" 2>/dev/null; then echo "$n up"; else echo "$n down"; fi
    done
    ;;
  *) echo "usage: $0 [start|stop|status|data|call [caller number]]" >&2; exit 2 ;;
esac
