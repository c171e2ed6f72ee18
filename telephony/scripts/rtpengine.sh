#!/usr/bin/env bash
# Starts and stops the project's media relay, rtpengine (no init system here): telephony/scripts/rtpengine.sh
# start|stop|status. Userspace only (--table=-1: no kernel module on these machines); Kamailio drives it over
# the ng protocol on RTPENGINE_NG_PORT; media uses RTP_PORT_MIN..RTP_PORT_MAX on MEDIA_ADDRESS (default 127.0.0.1). Tests run their own
# instance on free ports. Stops only the PID it recorded.
set -euo pipefail

NG_PORT="${RTPENGINE_NG_PORT:-2223}"
# The address callers' and phones' media reach (the ng control port stays on loopback, beside Kamailio).
MEDIA_ADDRESS="${MEDIA_ADDRESS:-127.0.0.1}"
PORT_MIN="${RTP_PORT_MIN:-30000}"
PORT_MAX="${RTP_PORT_MAX:-31999}"
RUN_DIR="${E112_STATE_DIR:-/var/lib/e112}/rtpengine-$NG_PORT"
# pcap is the recording method that works without the kernel module: Kamailio asks for every call to be
# recorded (record-call), and the server turns each capture into the call's file (the same RECORDING_DIR).
RECORDING_DIR="${RECORDING_DIR:-$RUN_DIR/recordings}"
PID_FILE="$RUN_DIR/rtpengine.pid"

alive() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

# answers: rtpengine's ng control port is bound on loopback (it binds it once startup is complete).
answers() { [ -n "$(ss -Hlun "src 127.0.0.1:$NG_PORT")" ]; }

case "${1:-}" in
  start)
    if alive; then echo "rtpengine: already running on ng $NG_PORT (pid $(cat "$PID_FILE"))"; exit 0; fi
    command -v rtpengine >/dev/null || { echo "rtpengine is not installed (run infra/services.sh up as root)" >&2; exit 1; }
    [ "$PORT_MIN" -lt "$PORT_MAX" ] || { echo "RTP_PORT_MIN must be below RTP_PORT_MAX" >&2; exit 2; }
    # rtpengine binds its ports call by call: one inside the kernel's ephemeral range can be taken meanwhile by
    # any socket the kernel numbers itself (Kamailio's ng sockets, one per process, any client), and each costs
    # a pair, so the relay refuses offers before its capacity and Kamailio sends those calls unrelayed and
    # unrecorded. Warned, not refused: the relay still carries calls.
    if read -r eph_min eph_max </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null &&
      [ "$PORT_MAX" -ge "$eph_min" ] && [ "$PORT_MIN" -le "$eph_max" ]; then
      echo "rtpengine: WARNING: RTP ports $PORT_MIN-$PORT_MAX overlap the kernel's ephemeral ports $eph_min-$eph_max" \
        "(net.ipv4.ip_local_port_range): move RTP_PORT_MIN/RTP_PORT_MAX below $eph_min or reserve them" \
        "(net.ipv4.ip_local_reserved_ports)" >&2
    fi
    mkdir -p "$RUN_DIR" "$RECORDING_DIR"
    # --config-file=none: the Debian /etc/rtpengine/rtpengine.conf would add listeners on fixed ports.
    setsid rtpengine --config-file=none --table=-1 --foreground --log-stderr \
      --interface="$MEDIA_ADDRESS" --listen-ng="127.0.0.1:$NG_PORT" --port-min="$PORT_MIN" --port-max="$PORT_MAX" \
      --timeout=60 --silent-timeout=3600 --delete-delay=0 \
      --recording-method=pcap --recording-dir="$RECORDING_DIR" \
      >"$RUN_DIR/rtpengine.log" 2>&1 &
    echo $! >"$PID_FILE"
    for _ in $(seq 1 100); do
      if answers; then
        echo "rtpengine: started on 127.0.0.1 (ng $NG_PORT, RTP $PORT_MIN-$PORT_MAX, pid $(cat "$PID_FILE"))"
        exit 0
      fi
      alive || break
      sleep 0.1
    done
    echo "rtpengine did not start; see $RUN_DIR/rtpengine.log" >&2
    exit 1
    ;;
  stop)
    if alive; then
      pid=$(cat "$PID_FILE")
      kill -TERM "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "rtpengine: stopped (pid $pid)"
    fi
    rm -f "$PID_FILE"
    ;;
  status)
    if alive && answers; then
      echo "rtpengine  up   127.0.0.1 ng $NG_PORT RTP $PORT_MIN-$PORT_MAX ours (pid $(cat "$PID_FILE"))"
    else
      echo "rtpengine  down"
    fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
