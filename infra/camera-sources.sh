#!/usr/bin/env bash
# Demo camera sources: ffmpeg test patterns (moving colour bars, the camera's name, a running clock) served on
# loopback as RTSP (through the project's RTSP relay), HLS, MJPEG and snapshot cameras. The seeded demo cameras
# nearest the city centre point at them (server/src/seed/demo-cameras.ts). Stops only the PID it recorded.
#   infra/camera-sources.sh start|stop|status
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${E112_CAMERA_SOURCES_DIR:-/var/lib/e112/camera-sources}"
PID_FILE="$RUN_DIR/camera-sources.pid"
LOG_FILE="$RUN_DIR/camera-sources.log"
mkdir -p "$RUN_DIR"

log() { printf '[camera-sources] %s\n' "$*"; }
running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
  if running; then log "already running (pid $(cat "$PID_FILE"))"; return 0; fi
  command -v ffmpeg >/dev/null || { log "ffmpeg is missing: run infra/services.sh up (as root) first"; exit 1; }
  # setsid: the command and its ffmpeg children form one process group, stopped together.
  (cd "$ROOT" && exec setsid npm run --silent camera-sources -w server -- --demo --dir "$RUN_DIR/media" \
    >"$LOG_FILE" 2>&1) &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 300); do
    grep -q '^ready ' "$LOG_FILE" 2>/dev/null && { log "started (pid $(cat "$PID_FILE"), log $LOG_FILE)"; return 0; }
    running || break
    sleep 0.2
  done
  log "did not become ready; see $LOG_FILE"
  stop
  exit 1
}

stop() {
  [ -f "$PID_FILE" ] || return 0
  local pid; pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
    log "stopped"
  fi
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "camera-sources up (pid $(cat "$PID_FILE"))"; else echo "camera-sources down"; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
