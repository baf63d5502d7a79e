import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One origin serves everything: the browser talks only to this server, which proxies
// /ws to the broadcaster and /api/<service>/… to the archiver and the watchtower.
const broadcaster = process.env.BEACON_BROADCASTER_URL ?? 'http://localhost:8001';
const archiver = process.env.BEACON_ARCHIVER_URL ?? 'http://localhost:8002';
const watchtower = process.env.BEACON_WATCHTOWER_URL ?? 'http://localhost:9000';

const api = (prefix: string, target: string) => ({
  target,
  changeOrigin: true,
  rewrite: (path: string) => path.slice(prefix.length) || '/',
});

const proxy = {
  // The broadcaster checks the upgrade's Origin against BEACON_DASHBOARD_ORIGINS, which
  // start.sh sets to this server's own origins: the browser's Origin header is passed on
  // unchanged (changeOrigin rewrites Host only), so the check sees the dashboard's origin.
  '/ws': { target: broadcaster, ws: true, changeOrigin: true },
  '/api/archiver': api('/api/archiver', archiver),
  '/api/watchtower': api('/api/watchtower', watchtower),
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: { outDir: 'dist', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
