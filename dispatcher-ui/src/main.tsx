// Entry point: mounts the console into index.html.
import 'leaflet/dist/leaflet.css';
import './theme.css';
import './dispatch/dispatch.css';
import './map/map.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
