// The crews' app shell offline: the page and its built assets are cached at install (read from the page itself),
// pages are fetched network-first and fall back to the cache, hashed assets cache-first. The API and sockets are
// never cached: reports made offline wait in the app's IndexedDB outbox, not here.
const CACHE = 'e112-crew-v1';
const SHELL = ['/crew/', '/crew/manifest.webmanifest', '/crew/icon.svg'];

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const page = await fetch('/crew/', { cache: 'no-store' });
  const html = await page.clone().text();
  await cache.put('/crew/', page);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set([...SHELL.slice(1), ...assets])]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put('/crew/', response.clone());
    return response;
  } catch {
    return (await cache.match('/crew/')) ?? Response.error();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/ws')) return;
  if (event.request.mode === 'navigate' && url.pathname.startsWith('/crew')) {
    event.respondWith(networkFirst(event.request));
  } else if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/crew/')) {
    event.respondWith(cacheFirst(event.request));
  }
});
