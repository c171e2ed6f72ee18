// Build of the consoles; in development /api and /ws go to a server on 127.0.0.1:8112 (override with API_TARGET).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const target = process.env.API_TARGET ?? 'http://127.0.0.1:8112';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target, changeOrigin: false },
      '/ws': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    // The consoles at /, the crews' app (its own manifest and service worker) at /crew/.
    rollupOptions: {
      input: {
        consoles: new URL('./index.html', import.meta.url).pathname,
        crew: new URL('./crew/index.html', import.meta.url).pathname,
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
