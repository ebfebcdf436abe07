// Playwright end-to-end tests: the built notebook (`vite build`, served by `vite preview` with
// COOP/COEP) in Debian's Chromium. `--enable-unsafe-webgpu` gives WebGPU on SwiftShader (a CPU
// Vulkan implementation) on machines with no GPU. `npm run test:e2e` builds first.
import { defineConfig } from '@playwright/test';

// MATBOOK_E2E_PORT lets two runs (say, two people's spec files) share a machine without clashing.
const PORT = Number(process.env.MATBOOK_E2E_PORT ?? 4173);
/** The built page to serve; `vite build --outDir dist-x` plus MATBOOK_DIST=dist-x keeps parallel builds apart. */
const DIST = process.env.MATBOOK_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1200, height: 820 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.MATBOOK_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--enable-unsafe-webgpu',
        '--no-sandbox',
        '--headless=new',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-gpu-sandbox',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
