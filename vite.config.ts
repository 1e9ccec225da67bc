// Builds the web UI (web/) into web/dist, which `dossier serve` serves. No inline scripts or styles
// are emitted, so the strict Content-Security-Policy holds.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4173', '/openapi.json': 'http://127.0.0.1:4173' } },
});
