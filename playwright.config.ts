import { defineConfig } from '@playwright/test';

// Browser flows run against the built app (`vite build` first) in Debian's Chromium, or the
// binary FRESHET_CHROMIUM points at. Nothing is downloaded.
const chromium = process.env.FRESHET_CHROMIUM || '/usr/bin/chromium';
const port = Number(process.env.FRESHET_E2E_PORT || 4173);
// Lets two checkouts' builds be tested side by side (`vite build --outDir <dir>`).
const dist = process.env.FRESHET_DIST || 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // One worker: flow 5 measures main-thread long tasks, which parallel browsers would distort.
  workers: 1,
  // One retry in CI: flow 5 and the 100k-row scroll measure main-thread long tasks, which a busy
  // machine can produce on its own; a retry still fails a real regression (it is systematic).
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1600, height: 960 },
    // Editors are filled the way a person pastes text (typing would be auto-indented).
    permissions: ['clipboard-read', 'clipboard-write'],
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --outDir ${dist}`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
