import { defineConfig } from 'vitest/config';

function isCcxtSocketRejection(error: { name?: string; stack?: string }): boolean {
  return error.name === 'NetworkError' && (error.stack ?? '').includes('ccxt/js/src/base/ws/Client.js');
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', './test/support/summary-reporter.ts'],
    setupFiles: ['./test/support/property-report.ts'],
    // The app logs ccxt.pro's unawaited websocket rejections and keeps running (src/main/process-guards.ts);
    // sessions that cut sockets on purpose get the same treatment. Anything else still fails the run.
    onUnhandledError: (error) => !isCcxtSocketRejection(error),
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores: e2e files start a browser and an engine each; run files in two workers.
    maxWorkers: 2,
  },
});
