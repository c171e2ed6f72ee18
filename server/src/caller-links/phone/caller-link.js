// The caller's side of a location link: shares the phone's GPS position (watchPosition, every change while the
// page is open) with the 112 centre; stops and says so when the link has expired.
(() => {
  const token = location.pathname.split('/').pop();
  const status = document.getElementById('status');
  const button = document.getElementById('share');
  /** The centre records at most two positions a second; the phone sends at most one a second. */
  const SEND_EVERY_MS = 1000;
  let watchId = null;
  let latest = null;
  let sending = false;
  let lastSent = 0;
  let stopped = false;

  function show(state, vi, en) {
    status.dataset.state = state;
    status.replaceChildren();
    for (const [lang, text] of [
      ['vi', vi],
      ['en', en],
    ]) {
      const p = document.createElement('p');
      p.lang = lang;
      if (lang === 'en') p.className = 'en';
      p.textContent = text;
      status.append(p);
    }
  }

  function stop(vi, en) {
    stopped = true;
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    button.hidden = true;
    show('error', vi, en);
  }

  async function flush() {
    if (sending || stopped || !latest) return;
    const wait = lastSent + SEND_EVERY_MS - Date.now();
    if (wait > 0) {
      setTimeout(flush, wait);
      return;
    }
    const pos = latest;
    latest = null;
    sending = true;
    lastSent = Date.now();
    try {
      const res = await fetch(`/api/link/${encodeURIComponent(token)}/position`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({
          lat: pos.coords.latitude,
          lon: pos.coords.longitude,
          accuracyM: Math.min(pos.coords.accuracy, 100000),
          at: new Date(pos.timestamp).toISOString(),
        }),
      });
      if (res.status === 410 || res.status === 404) {
        stop(
          'Liên kết đã hết hạn. Nếu cần giúp đỡ, hãy gọi lại 112.',
          'This link has expired. If you need help, call 112 again.',
        );
      } else if (res.ok) {
        const time = new Date().toLocaleTimeString('vi-VN');
        const m = Math.round(pos.coords.accuracy);
        show(
          'sent',
          `Đã gửi vị trí lúc ${time} (±${m} m). Giữ trang này mở.`,
          `Location sent at ${time} (±${m} m). Keep this page open.`,
        );
      } else if (res.status !== 429) {
        show('error', 'Chưa gửi được vị trí, đang thử lại…', 'Could not send the location, trying again…');
        latest = latest ?? pos;
      }
    } catch {
      show('error', 'Mất kết nối, đang thử lại…', 'No connection, trying again…');
      latest = latest ?? pos;
    } finally {
      sending = false;
      if (latest) setTimeout(flush, SEND_EVERY_MS);
    }
  }

  function share() {
    if (!('geolocation' in navigator)) {
      stop('Điện thoại này không cho biết vị trí.', 'This phone cannot give its location.');
      return;
    }
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = navigator.geolocation.watchPosition(
      (pos) => {
        latest = pos;
        void flush();
      },
      (err) => {
        if (err.code === err.PERMISSION_DENIED)
          show(
            'error',
            'Bạn chưa cho phép chia sẻ vị trí. Hãy bấm nút ở trên và chọn Cho phép.',
            'Location was not allowed. Press the button above and choose Allow.',
          );
        else show('error', 'Chưa có vị trí, đang thử lại…', 'No location yet, still trying…');
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: 30000 },
    );
  }

  button.addEventListener('click', share);
  share();
})();

// Live video, only after the caller's consent (the button): the consent is recorded first, then the camera goes
// to the centre over WebRTC; it stops when the link expires.
(() => {
  const token = location.pathname.split('/').pop();
  const button = document.getElementById('video');
  const preview = document.getElementById('preview');
  const status = document.getElementById('video-status');
  const api = (path, body) =>
    fetch(`/api/link/${encodeURIComponent(token)}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  const say = (vi, en) => {
    status.textContent = `${vi} · ${en}`;
  };

  async function sendVideo() {
    button.disabled = true;
    try {
      if (!(await api('video/consent', {})).ok) throw new Error('consent');
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
      preview.srcObject = stream;
      preview.hidden = false;
      const pc = new RTCPeerConnection();
      for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly' });
      await pc.setLocalDescription(await pc.createOffer());
      await new Promise((resolve) => {
        if (pc.iceGatheringState === 'complete') resolve();
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        });
        setTimeout(resolve, 3000);
      });
      const res = await api('video/offer', { sdp: pc.localDescription.sdp });
      if (!res.ok) throw new Error(`offer ${res.status}`);
      await pc.setRemoteDescription({ type: 'answer', sdp: (await res.json()).sdp });
      button.hidden = true;
      say('Đang gửi video', 'Sending video');
      pc.addEventListener('connectionstatechange', () => {
        if (pc.connectionState === 'failed' || pc.connectionState === 'closed') {
          for (const t of stream.getTracks()) t.stop();
          say('Video đã dừng', 'Video stopped');
        }
      });
    } catch {
      button.disabled = false;
      say('Không gửi được video', 'Could not send video');
    }
  }

  button.addEventListener('click', () => void sendVideo());
})();
