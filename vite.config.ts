// Vite config for the browser notebook (src/ui). The engine runs in a module Web Worker, and the
// page must be cross-origin isolated (COOP/COEP) so the interrupt flag can be a SharedArrayBuffer:
// the headers are sent by the dev server and by `vite preview`, which serves the built page.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The Content-Security-Policy the built page ships with, as a <meta> in index.html (so any static
 * host serves it). Scripts only from the page's origin (no inline script, no eval); the engine
 * and Monaco's editor worker are module workers from 'self' (blob: for workers a bundler may
 * inline); Monaco sets inline styles; figures and exports use data:/blob: images; nothing is
 * fetched from elsewhere. WebGPU needs no CSP allowance. Only for the build: the dev server injects
 * an inline React-refresh preamble that this policy would block.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'matbook-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
  };
}

export default defineConfig({
  // Relative asset URLs: `dist/` works from any static host and any sub-path (GitHub Pages, a
  // folder on a server, a bucket), not only from a domain's root.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  build: {
    target: 'es2022',
    // Two pages: the notebook, and the benchmark (bench/browser/, the engine's GPU suite on the
    // visitor's GPU). The CSP plugin above adds its <meta> to both.
    // (rolldownOptions: Vite 8's name for what was rollupOptions.)
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
    // Monaco alone is a few MB unminified; it is one chunk on purpose (loaded once, cached).
    chunkSizeWarningLimit: 4096,
  },
});
