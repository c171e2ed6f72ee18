#!/usr/bin/env bash
# Starts and stops the project's Kamailio (no init system here): telephony/scripts/kamailio.sh start|stop|status
# Ports and timeouts come from the environment and reach the routing script as -A defines, so tests can run
# several instances on free ports. Stops only the PID it recorded.
# Secrets come from the environment too but never reach Kamailio's command line or environment (ps and
# /proc show those): they are written to kamailio-local.cfg (0600) in the state folder, which the routing
# script imports. SIP_AUTH_SECRET (required): the secret the server signs the console's short-lived SIP
# credentials with. EVAPI_SECRET (required): what call control sends first on the evapi connection to be
# given events and obeyed. KAMAILIO_DATABASE_URL (optional): Kamailio's role for desk phones' passwords and the events
# it keeps while call control is away.
# TRUSTED_TRUNKS (optional): carrier trunks' addresses or CIDRs, exempt from the per-source limit of emergency
# calls (call control reads the same variable). OVERFLOW_112..OVERFLOW_115 (optional): overflow destinations.
# TLS_CERT_FILE and TLS_KEY_FILE (optional, PEM): SIP over TLS on TLS_PORT and WebSocket over TLS on WSS_PORT.
# EVAPI_MAX_CLIENTS (64): evapi connection slots (a connection that never authenticates holds one until it closes).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CFG="$HERE/../kamailio/kamailio.cfg"
SIP_ADDRESS="${SIP_ADDRESS:-127.0.0.1}"
SIP_PORT="${SIP_PORT:-5060}"
WS_PORT="${WS_PORT:-5066}"
TLS_PORT="${TLS_PORT:-5061}"
WSS_PORT="${WSS_PORT:-5067}"
EVAPI_PORT="${EVAPI_PORT:-8448}"
EVAPI_MAX_CLIENTS="${EVAPI_MAX_CLIENTS:-64}"
QUEUE_TIMEOUT_MS="${QUEUE_TIMEOUT_MS:-600000}"
RING_TIMEOUT_MS="${RING_TIMEOUT_MS:-15000}"
# How long a console's call out (an agency, a callback) rings before it counts as not answered.
DIAL_RING_TIMEOUT_MS="${DIAL_RING_TIMEOUT_MS:-30000}"
FALLBACK_EXTS="${FALLBACK_EXTS:-1001}"
CALLER_BURST="${CALLER_BURST:-5}"
SOURCE_BURST="${SOURCE_BURST:-20}"
MAX_QUEUED_CALLS="${MAX_QUEUED_CALLS:-1000}"
REFUSED_RECORDS_PER_MIN="${REFUSED_RECORDS_PER_MIN:-10}"
TRUSTED_TRUNKS="${TRUSTED_TRUNKS:-}"
RTPENGINE_NG_PORT="${RTPENGINE_NG_PORT:-2223}"
SHM_MB="${KAMAILIO_SHM_MB:-256}"
SIP_REALM="${SIP_REALM:-127.0.0.1}"
WS_ORIGINS="${WS_ORIGINS:-http://127.0.0.1:8112,http://localhost:8112}"
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
    [[ "$SIP_ADDRESS" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || { echo "SIP_ADDRESS must be an IPv4 address" >&2; exit 2; }
    [[ "$DIAL_RING_TIMEOUT_MS" =~ ^[0-9]{4,6}$ ]] || { echo "DIAL_RING_TIMEOUT_MS must be milliseconds (1000-999999)" >&2; exit 2; }
    [[ "$FALLBACK_EXTS" =~ ^[0-9]{3,8}(,[0-9]{3,8})*$ ]] || { echo "FALLBACK_EXTS must be extensions separated by commas" >&2; exit 2; }
    [[ "${SIP_AUTH_SECRET:-}" =~ ^[A-Za-z0-9+/=_-]{32,256}$ ]] || { echo "SIP_AUTH_SECRET must be 32-256 characters of A-Z a-z 0-9 + / = _ -" >&2; exit 2; }
    [[ "${EVAPI_SECRET:-}" =~ ^[A-Za-z0-9+/=_-]{32,256}$ ]] || { echo "EVAPI_SECRET must be 32-256 characters of A-Z a-z 0-9 + / = _ -" >&2; exit 2; }
    [[ -z "${KAMAILIO_DATABASE_URL:-}" || "$KAMAILIO_DATABASE_URL" =~ ^postgres(ql)?://[^\"[:space:]]+$ ]] || { echo "KAMAILIO_DATABASE_URL must be a postgres:// URL" >&2; exit 2; }
    [[ "$SIP_REALM" =~ ^[A-Za-z0-9.:-]+$ ]] || { echo "SIP_REALM must be a host name or address" >&2; exit 2; }
    [[ "$WS_ORIGINS" =~ ^https?://[A-Za-z0-9.:-]+(,https?://[A-Za-z0-9.:-]+)*$ ]] || { echo "WS_ORIGINS must be origins (http[s]://host[:port]) separated by commas" >&2; exit 2; }
    for n in SOURCE_BURST MAX_QUEUED_CALLS REFUSED_RECORDS_PER_MIN CALLER_BURST EVAPI_MAX_CLIENTS; do
      [[ "${!n}" =~ ^[0-9]{1,9}$ ]] || { echo "$n must be a whole number" >&2; exit 2; }
    done
    # Carrier trunks (IPv4 or IPv6 addresses or CIDRs, comma-separated): exempt from the per-source limit of
    # emergency calls. A bare address becomes a /32 (/128) network.
    trunks=""
    if [ -n "$TRUSTED_TRUNKS" ]; then
      IFS=',' read -ra entries <<<"${TRUSTED_TRUNKS// /}"
      for t in "${entries[@]}"; do
        [ -z "$t" ] && continue
        [[ "$t" =~ ^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)(/[0-9]{1,3})?$ ]] || { echo "TRUSTED_TRUNKS: '$t' is not an IP address or CIDR" >&2; exit 2; }
        if [[ "$t" != */* ]]; then if [[ "$t" == *:* ]]; then t="$t/128"; else t="$t/32"; fi; fi
        trunks="${trunks:+$trunks,}$t"
      done
    fi
    overflow_defines=()
    for service in 112 113 114 115; do
      n="OVERFLOW_$service"
      [ -z "${!n:-}" ] && continue
      [[ "${!n}" =~ ^sips?:[A-Za-z0-9.@:\;=_+-]+$ ]] || { echo "$n must be a SIP URI (sip:user@host:port)" >&2; exit 2; }
      overflow_defines+=(-A "$n=\"${!n}\"")
    done
    mkdir -p "$RUN_DIR"
    # TLS: with a certificate and its key (PEM files), SIP over TLS on TLS_PORT and WebSocket over TLS on WSS_PORT.
    tls_defines=()
    if [ -n "${TLS_CERT_FILE:-}${TLS_KEY_FILE:-}" ]; then
      [ -r "${TLS_CERT_FILE:-}" ] && [ -r "${TLS_KEY_FILE:-}" ] || { echo "TLS_CERT_FILE and TLS_KEY_FILE must both name readable PEM files" >&2; exit 2; }
      [[ "$TLS_CERT_FILE$TLS_KEY_FILE" =~ ^[^\"[:space:]]+$ ]] || { echo "TLS_CERT_FILE and TLS_KEY_FILE: paths without spaces or quotes" >&2; exit 2; }
      {
        echo "# Written by kamailio.sh: the tls module's profiles."
        echo "[server:default]"
        echo "method = TLSv1.2+"
        echo "verify_certificate = no"
        echo "require_certificate = no"
        echo "certificate = $(realpath "$TLS_CERT_FILE")"
        echo "private_key = $(realpath "$TLS_KEY_FILE")"
        echo "[client:default]"
        echo "method = TLSv1.2+"
        echo "verify_certificate = no"
      } >"$RUN_DIR/tls.cfg"
      tls_defines=(-A WITH_TLS -A "TLS_CFG=\"$RUN_DIR/tls.cfg\"" -A "TLS_PORT=$TLS_PORT" -A "WSS_PORT=$WSS_PORT")
    elif [ "${NODE_ENV:-}" = production ]; then
      echo "kamailio: production without TLS_CERT_FILE/TLS_KEY_FILE: SIP and WebSocket only in clear (see README, Production)" >&2
    fi
    (
      umask 077
      {
        echo "# Written by kamailio.sh from its environment; secrets: keep this file 0600."
        printf '#!define SIP_AUTH_SECRET "%s"\n' "$SIP_AUTH_SECRET"
        printf '#!define EVAPI_SECRET "%s"\n' "$EVAPI_SECRET"
        # The key of the consoles' dial grants, derived as the server derives it (server/src/dial/grant.ts).
        printf '#!define DIAL_XKEY "id=dial;name=console;value=%s"\n' "$(printf 'console-dial:%s' "$SIP_AUTH_SECRET" | sha256sum | cut -c1-64)"
        [ -n "${KAMAILIO_DATABASE_URL:-}" ] && printf '#!define DESK_PHONES_DB "desk=>%s"\n' "${KAMAILIO_DATABASE_URL/#postgresql:/postgres:}"
        true
      } >"$RUN_DIR/kamailio-local.cfg"
    )
    chmod 600 "$RUN_DIR/kamailio-local.cfg"
    defines=(-A "SIP_ADDRESS=$SIP_ADDRESS" -A "SIP_PORT=$SIP_PORT" -A "WS_PORT=$WS_PORT" -A "EVAPI_PORT=$EVAPI_PORT" -A "EVAPI_MAX_CLIENTS=$EVAPI_MAX_CLIENTS"
      -A "QUEUE_TIMEOUT_MS=$QUEUE_TIMEOUT_MS" -A "RING_TIMEOUT_MS=$RING_TIMEOUT_MS" -A "DIAL_RING_TIMEOUT_MS=$DIAL_RING_TIMEOUT_MS"
      -A "MAX_LIFETIME_MS=$MAX_LIFETIME_MS" -A "FALLBACK_EXTS=\"$FALLBACK_EXTS\""
      -A "CALLER_BURST=$CALLER_BURST" -A "CTL_SOCKET=\"$CTL\"" -A "RTPENGINE_NG_PORT=$RTPENGINE_NG_PORT" -A "SIP_REALM=\"$SIP_REALM\""
      -A "WS_ORIGINS=\"$WS_ORIGINS\"" -A "SOURCE_BURST=$SOURCE_BURST" -A "MAX_QUEUED_CALLS=$MAX_QUEUED_CALLS"
      -A "REFUSED_RECORDS_PER_MIN=$REFUSED_RECORDS_PER_MIN" "${overflow_defines[@]}" "${tls_defines[@]}")
    [ -n "$trunks" ] && defines+=(-A "TRUSTED_TRUNKS=\"$trunks\"")
    # Kamailio runs in its state folder (import_file finds kamailio-local.cfg there) without the secrets in
    # its environment.
    cd "$RUN_DIR"
    unset SIP_AUTH_SECRET EVAPI_SECRET KAMAILIO_DATABASE_URL
    kamailio -c -M 32 -f "$CFG" "${defines[@]}" >"$RUN_DIR/check.log" 2>&1 || { cat "$RUN_DIR/check.log" >&2; exit 1; }
    # -DD: stay in the foreground (so the PID is ours) while still forking the SIP workers; -E: log to stderr.
    setsid kamailio -DD -E -f "$CFG" -m "$SHM_MB" -M 32 -w "$RUN_DIR" "${defines[@]}" >"$RUN_DIR/kamailio.log" 2>&1 &
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
