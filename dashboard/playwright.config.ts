import { defineConfig } from '@playwright/test';

// End-to-end tests of the dashboard against a running stack (e2e/README.md): Debian's
// Chromium, never a browser Playwright downloads.
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: 'test-results/playwright',
  use: {
    baseURL: process.env.DASHBOARD_URL ?? 'http://127.0.0.1:5173',
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
});
