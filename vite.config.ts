// Vite config for the browser notebook (src/ui). The engine runs in a module Web Worker, and the
// page must be cross-origin isolated (COOP/COEP) so the interrupt flag can be a SharedArrayBuffer:
// the headers are sent by the dev server and by `vite preview`, which serves the built page.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  build: {
    target: 'es2022',
    // Monaco alone is a few MB unminified; it is one chunk on purpose (loaded once, cached).
    chunkSizeWarningLimit: 4096,
  },
});
