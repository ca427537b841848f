import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app:// in Electron and from a static server in the e2e harness:
// relative asset paths (base './') work in both. CSS goes to files, never inline, for the CSP.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron ships a recent Chromium: no legacy syntax needed.
    target: 'chrome130',
    // Inlined assets would become data: URLs; keep every asset a file (img-src allows data: but fonts and scripts must not).
    assetsInlineLimit: 0,
    // One local bundle read from disk: splitting it would not make the app start sooner.
    chunkSizeWarningLimit: 1500,
  },
});
