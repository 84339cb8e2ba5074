import { defineConfig } from 'vitest/config';

/**
 * ccxt.pro's unawaited websocket rejections: a NetworkError of a dropped connection, or the socket
 * library's "not open" when a subscription it throttled is sent after the socket closed.
 */
function isCcxtSocketRejection(error: { name?: string; message?: string; stack?: string }): boolean {
  const fromCcxtSocket = (error.stack ?? '').includes('ccxt/js/src/base/ws/Client.js');
  return fromCcxtSocket && (error.name === 'NetworkError' || (error.message ?? '').startsWith('WebSocket is not open'));
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
