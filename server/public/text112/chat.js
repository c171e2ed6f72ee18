// The citizen's emergency text chat: start a session with a first message, then send and receive over the
// server's event stream. No login; the session token is an httpOnly cookie set when the chat starts.
const TEXTS = {
  vi: {
    intro: 'Nhắn tin cho 112 khi bạn không thể nói. Hãy ghi rõ bạn ở đâu và chuyện gì đang xảy ra.',
    citizen: 'Tên hoặc số điện thoại (không bắt buộc)',
    first: 'Chuyện gì đang xảy ra? Bạn đang ở đâu?',
    start: 'Gửi cho 112',
    message: 'Tin nhắn',
    send: 'Gửi',
    you: 'Bạn',
    callTaker: 'Tổng đài viên 112',
    system: '112',
    queued: 'Đang chờ tổng đài viên…',
    active: 'Tổng đài viên đang trò chuyện với bạn.',
    overflowed: 'Tin nhắn đã được chuyển đến trung tâm dự phòng.',
    closed: 'Cuộc trò chuyện đã kết thúc.',
    lost: 'Mất kết nối, đang thử lại…',
    other: 'English',
  },
  en: {
    intro: 'Text 112 when you cannot speak. Say where you are and what is happening.',
    citizen: 'Name or phone number (optional)',
    first: 'What is happening? Where are you?',
    start: 'Send to 112',
    message: 'Message',
    send: 'Send',
    you: 'You',
    callTaker: '112 call-taker',
    system: '112',
    queued: 'Waiting for a call-taker…',
    active: 'A call-taker is talking with you.',
    overflowed: 'Your messages were passed to the backup centre.',
    closed: 'The conversation has ended.',
    lost: 'Connection lost, retrying…',
    other: 'Tiếng Việt',
  },
};
let lang = navigator.language?.startsWith('en') ? 'en' : 'vi';
let sessionId = sessionStorage.getItem('text112-session');
let state = 'queued';
const shown = new Set();
const $ = (id) => document.getElementById(id);

function render() {
  const t = TEXTS[lang];
  document.documentElement.lang = lang;
  $('intro').textContent = t.intro;
  $('lang').textContent = t.other;
  // The button is named in the other language, the one it switches to.
  $('lang').lang = lang === 'vi' ? 'en' : 'vi';
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t[el.dataset.t];
  $('status').textContent = t[state] ?? '';
}

function showError(body) {
  const fields = body?.error?.fields ? Object.values(body.error.fields).join('; ') : '';
  $('error').textContent = [body?.error?.message, fields].filter(Boolean).join(': ');
}

async function post(path, json) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(json),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    showError(body);
    return undefined;
  }
  $('error').textContent = '';
  return body;
}

function addMessage(m) {
  if (shown.has(m.id)) return;
  shown.add(m.id);
  const t = TEXTS[lang];
  const li = document.createElement('li');
  li.className = m.sender;
  li.dataset.sender = m.sender;
  const who = document.createElement('small');
  who.textContent = `${m.sender === 'citizen' ? t.you : m.sender === 'call-taker' ? t.callTaker : t.system} · ${new Date(m.at).toLocaleTimeString()}`;
  const text = document.createElement('span');
  text.textContent = m.text;
  li.append(who, text);
  $('messages').append(li);
  li.scrollIntoView({ block: 'end' });
}

function listen() {
  $('start').hidden = true;
  $('chat').hidden = false;
  const source = new EventSource(`/api/text112/sessions/${sessionId}/events`);
  source.onmessage = (e) => {
    const event = JSON.parse(e.data);
    if (event.type === 'message') addMessage(event.message);
    if (event.type === 'state') {
      state = event.state;
      render();
    }
  };
  source.onerror = () => {
    $('status').textContent = TEXTS[lang].lost;
  };
}

$('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  render();
});

$('start').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = await post('/api/text112/sessions', {
    text: $('first').value,
    citizen: $('citizen').value,
    language: lang,
  });
  if (!body) return;
  sessionId = body.session.id;
  sessionStorage.setItem('text112-session', sessionId);
  listen();
});

$('send').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = await post(`/api/text112/sessions/${sessionId}/messages`, { text: $('text').value });
  if (!body) return;
  $('text').value = '';
  addMessage(body.message);
});

render();
if (sessionId) listen();
