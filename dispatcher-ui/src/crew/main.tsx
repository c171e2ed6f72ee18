// Entry point of the crews' app (/crew/): mounts it and registers the service worker that keeps the app shell.
import 'leaflet/dist/leaflet.css';
import '../theme.css';
import './crew.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CrewApp } from './CrewApp.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CrewApp />
    </StrictMode>,
  );
}

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/crew/sw.js', { scope: '/crew/' }).catch(() => {
    // without it the app still works online; only the offline start is lost
  });
}
