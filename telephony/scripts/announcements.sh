#!/usr/bin/env bash
# Writes the demo's recorded messages for callers who wait (telephony/scripts/announcements.sh [folder]):
# vi.wav and en.wav spoken by espeak-ng, and ringback.wav (425 Hz, 1 s on, 4 s off: Vietnam's ringing tone) to
# play between them, each 8 kHz mono 16-bit WAV, which rtpengine plays as PCMU or PCMA. A centre replaces
# vi.wav and en.wav with its own recordings (or names them with ANNOUNCE_FILE_VI / ANNOUNCE_FILE_EN); an
# existing file is never overwritten.
set -euo pipefail

DIR="${1:-${ANNOUNCE_DIR:-${E112_STATE_DIR:-/var/lib/e112}/announcements}}"
VI_TEXT="Bạn đã gọi đến 112, trung tâm cấp cứu và khẩn cấp. Tất cả điều phối viên đang bận. Xin đừng gác máy, cuộc gọi của bạn sẽ được trả lời sớm nhất."
EN_TEXT="You have reached 112, the emergency centre. All call-takers are busy. Please stay on the line: your call will be answered as soon as possible."

command -v espeak-ng >/dev/null || { echo "espeak-ng is not installed (run infra/services.sh up as root)" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "ffmpeg is not installed (run infra/services.sh up as root)" >&2; exit 1; }
mkdir -p "$DIR"

# speak VOICE TEXT FILE: espeak-ng's 22 kHz speech, resampled to what a phone call carries.
speak() {
  [ -s "$3" ] && return 0
  espeak-ng -v "$1" -s 150 --stdout "$2" | ffmpeg -v error -y -i pipe:0 -ar 8000 -ac 1 -c:a pcm_s16le "$3.tmp.wav"
  mv "$3.tmp.wav" "$3"
}

speak vi "$VI_TEXT" "$DIR/vi.wav"
speak en-gb "$EN_TEXT" "$DIR/en.wav"
if [ ! -s "$DIR/ringback.wav" ]; then
  ffmpeg -v error -y -f lavfi -i "aevalsrc=0.3*sin(2*PI*425*t)*lt(mod(t\,5)\,1):s=8000:d=60" \
    -ar 8000 -ac 1 -c:a pcm_s16le "$DIR/ringback.tmp.wav"
  mv "$DIR/ringback.tmp.wav" "$DIR/ringback.wav"
fi
echo "announcements: $DIR/vi.wav, en.wav, ringback.wav"
