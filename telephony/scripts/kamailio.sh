#!/usr/bin/env bash
# Starts and stops the project's Kamailio (no init system here): telephony/scripts/kamailio.sh start|stop|status
# Ports and timeouts come from the environment and reach the routing script as -A defines, so tests can run
# several instances on free ports. Stops only the PID it recorded.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CFG="$HERE/../kamailio/kamailio.cfg"
SIP_PORT="${SIP_PORT:-5060}"
WS_PORT="${WS_PORT:-5066}"
EVAPI_PORT="${EVAPI_PORT:-8448}"
QUEUE_TIMEOUT_MS="${QUEUE_TIMEOUT_MS:-600000}"
RING_TIMEOUT_MS="${RING_TIMEOUT_MS:-15000}"
FALLBACK_EXTS="${FALLBACK_EXTS:-1001}"
CALLER_BURST="${CALLER_BURST:-5}"
RTPENGINE_NG_PORT="${RTPENGINE_NG_PORT:-2223}"
SHM_MB="${KAMAILIO_SHM_MB:-256}"
# A call may queue, be offered several times, overflow to the fallback group and be placed again: give the
# transaction room for all of it; the caller hears ringing throughout.
MAX_LIFETIME_MS=$((2 * QUEUE_TIMEOUT_MS + 10 * RING_TIMEOUT_MS))
RUN_DIR="${E112_STATE_DIR:-/var/lib/e112}/kamailio-$SIP_PORT"
PID_FILE="$RUN_DIR/kamailio.pid"
CTL="unix:$RUN_DIR/ctl.sock"

alive() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

case "${1:-}" in
  start)
    if alive; then echo "kamailio: already running on $SIP_PORT (pid $(cat "$PID_FILE"))"; exit 0; fi
    command -v kamailio >/dev/null || { echo "kamailio is not installed (run infra/services.sh up as root)" >&2; exit 1; }
    [[ "$FALLBACK_EXTS" =~ ^[0-9]{3,8}(,[0-9]{3,8})*$ ]] || { echo "FALLBACK_EXTS must be extensions separated by commas" >&2; exit 2; }
    mkdir -p "$RUN_DIR"
    defines=(-A "SIP_PORT=$SIP_PORT" -A "WS_PORT=$WS_PORT" -A "EVAPI_PORT=$EVAPI_PORT"
      -A "QUEUE_TIMEOUT_MS=$QUEUE_TIMEOUT_MS" -A "RING_TIMEOUT_MS=$RING_TIMEOUT_MS"
      -A "MAX_LIFETIME_MS=$MAX_LIFETIME_MS" -A "FALLBACK_EXTS=\"$FALLBACK_EXTS\""
      -A "CALLER_BURST=$CALLER_BURST" -A "RTPENGINE_NG_PORT=$RTPENGINE_NG_PORT" -A "CTL_SOCKET=\"$CTL\"")
    kamailio -c -f "$CFG" "${defines[@]}" >"$RUN_DIR/check.log" 2>&1 || { cat "$RUN_DIR/check.log" >&2; exit 1; }
    # -DD: stay in the foreground (so the PID is ours) while still forking the SIP workers; -E: log to stderr.
    setsid kamailio -DD -E -f "$CFG" -m "$SHM_MB" -M 16 -w "$RUN_DIR" "${defines[@]}" >"$RUN_DIR/kamailio.log" 2>&1 &
    echo $! >"$PID_FILE"
    for _ in $(seq 1 100); do
      if [ -S "$RUN_DIR/ctl.sock" ] && kamcmd -s "$CTL" core.uptime >/dev/null 2>&1; then
        echo "kamailio: started on 127.0.0.1:$SIP_PORT (WebSocket $WS_PORT, evapi $EVAPI_PORT, pid $(cat "$PID_FILE"))"
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
  rpc)
    # rpc <command> [args...]: a Kamailio RPC (e.g. core.shmmem, htable.dump pending) on this instance.
    shift
    kamcmd -s "$CTL" "$@"
    ;;
  *) echo "usage: $0 start|stop|status|rpc <command>" >&2; exit 2 ;;
esac
