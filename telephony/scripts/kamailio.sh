#!/usr/bin/env bash
# Starts and stops the project's Kamailio (no init system here): telephony/scripts/kamailio.sh start|stop|status
# Ports and timeouts come from the environment and reach the routing script as -A defines, so tests can run
# several instances on free ports. Stops only the PID it recorded.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CFG="$HERE/../kamailio/kamailio.cfg"
SIP_PORT="${SIP_PORT:-5060}"
EVAPI_PORT="${EVAPI_PORT:-8448}"
QUEUE_TIMEOUT_MS="${QUEUE_TIMEOUT_MS:-600000}"
RING_TIMEOUT_MS="${RING_TIMEOUT_MS:-15000}"
FALLBACK_EXT="${FALLBACK_EXT:-1001}"
MAX_LIFETIME_MS=$((QUEUE_TIMEOUT_MS + 4 * RING_TIMEOUT_MS + 60000))
RUN_DIR="${E112_STATE_DIR:-/var/lib/e112}/kamailio-$SIP_PORT"
PID_FILE="$RUN_DIR/kamailio.pid"

alive() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

case "${1:-}" in
  start)
    if alive; then echo "kamailio: already running on $SIP_PORT (pid $(cat "$PID_FILE"))"; exit 0; fi
    command -v kamailio >/dev/null || { echo "kamailio is not installed (run infra/services.sh up as root)" >&2; exit 1; }
    mkdir -p "$RUN_DIR"
    defines=(-A "SIP_PORT=$SIP_PORT" -A "EVAPI_PORT=$EVAPI_PORT" -A "QUEUE_TIMEOUT_MS=$QUEUE_TIMEOUT_MS"
      -A "RING_TIMEOUT_MS=$RING_TIMEOUT_MS" -A "MAX_LIFETIME_MS=$MAX_LIFETIME_MS" -A "FALLBACK_EXT=\"$FALLBACK_EXT\"")
    kamailio -c -f "$CFG" "${defines[@]}" >"$RUN_DIR/check.log" 2>&1 || { cat "$RUN_DIR/check.log" >&2; exit 1; }
    # -DD: stay in the foreground (so the PID is ours) while still forking the SIP workers; -E: log to stderr.
    setsid kamailio -DD -E -f "$CFG" -m 256 -M 16 -w "$RUN_DIR" "${defines[@]}" >"$RUN_DIR/kamailio.log" 2>&1 &
    echo $! >"$PID_FILE"
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$EVAPI_PORT") 2>/dev/null; then
        echo "kamailio: started on 127.0.0.1:$SIP_PORT (evapi $EVAPI_PORT, pid $(cat "$PID_FILE"))"
        exit 0
      fi
      alive || break
      sleep 0.1
    done
    echo "kamailio did not start; see $RUN_DIR/kamailio.log" >&2
    exit 1
    ;;
  stop)
    if alive; then
      pid=$(cat "$PID_FILE")
      kill -TERM "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
      echo "kamailio: stopped (pid $pid)"
    fi
    rm -f "$PID_FILE"
    ;;
  status)
    if alive; then echo "kamailio   up   127.0.0.1:$SIP_PORT ours (pid $(cat "$PID_FILE"))"; else echo "kamailio   down"; fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
